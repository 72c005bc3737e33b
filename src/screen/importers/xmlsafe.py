"""Streaming, attack-safe XML reading for the importers.

defusedxml refuses document type declarations, entity declarations and external references,
so an XML bomb ("billion laughs") or an external-entity (XXE) file fails at once with a
:class:`ListError` instead of hanging or reading local files. Element names are compared
without their namespace, so ``{http://...}sdnEntry`` and ``sdnEntry`` are the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from screen.errors import ListError
from screen.importers.common import clean

log = logging.getLogger(__name__)


def local(tag: object) -> str:
    """``{namespace}name`` -> ``name``."""
    return str(tag).rsplit("}", 1)[-1]


def children(el: Element, name: str) -> list[Element]:
    return [c for c in el if local(c.tag) == name]


def child_text(el: Element, name: str) -> str:
    """Cleaned text of the first child called ``name`` ("" when absent)."""
    for c in el:
        if local(c.tag) == name:
            return clean(c.text)
    return ""


def descendants(el: Element, name: str) -> list[Element]:
    return [d for d in el.iter() if local(d.tag) == name]


def iter_records(path: Path, tags: set[str], root_attrib: dict[str, str]) -> Iterator[Element]:
    """Each complete element whose local name is in ``tags``, cleared after use.

    ``root_attrib`` is filled with the root element's attributes (e.g. ``dateGenerated``).
    """
    try:
        fh: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise ListError(f"{path}: cannot be read ({exc.strerror}); check the path.") from exc
    with fh:
        depth = 0
        try:
            for event, el in SafeET.iterparse(fh, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    if depth == 0:
                        root_attrib.update({local(k): v for k, v in el.attrib.items()})
                    depth += 1
                    continue
                depth -= 1
                if local(el.tag) in tags:
                    yield el
                    el.clear()
        except DefusedXmlException as exc:
            raise ListError(
                f"{path.name}: refused to read: the XML declares a DTD or entities ({type(exc).__name__}), "
                "which official lists never do (possible XML bomb or external-entity attack); "
                "download the file again from the publisher."
            ) from exc
        except ParseError as exc:
            line, column = getattr(exc, "position", (0, 0))
            reason = str(exc).split(": line")[0]
            raise ListError(
                f"{path.name}: line {line}, column {column}: not well-formed XML ({reason}); "
                "the download may be incomplete, download it again."
            ) from exc
