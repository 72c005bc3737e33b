"""Read the first sheet of a workbook (.ods/.xlsx/.xls) or a CSV as a grid of text cells.

Workbooks go through python-calamine. Some published .ods files (the UK Sanctions List is
one) are pretty-printed with whitespace between cells, which python-calamine 0.9 rejects
("Expecting 'table-cell'"); for those a small streaming ODS reader takes over: it reads
``content.xml`` with defusedxml, expands repeated cells and rows sensibly, and stops after the
first table.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from screen.errors import ListError
from screen.importers.common import read_text
from screen.importers.xmlsafe import local
from screen.read import cell_text

log = logging.getLogger(__name__)

MAX_CONTENT_BYTES = 512 * 1024 * 1024  # a zip bomb guard for content.xml
MAX_REPEAT = 1000  # repeated non-empty cells/rows beyond this are data-free formatting
WORKBOOK_SUFFIXES = {".ods", ".xlsx", ".xlsm", ".xls", ".xlsb"}


def read_grid(path: Path) -> list[list[str]]:
    """The first sheet (or the CSV) as rows of text cells."""
    return read_sheets(path)[0][1]


def read_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Every sheet as (name, rows of text cells); a CSV is one sheet named ""."""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        text = read_text(path)
        sample = text[:4096]
        delimiter = max((",", ";", "\t"), key=sample.count)
        return [("", [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)])]
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [
            (name, [[cell_text(c) for c in row] for row in wb.get_sheet_by_name(name).to_python()])
            for name in wb.sheet_names
        ]
    except (CalamineError, ValueError, OSError) as exc:
        if path.suffix.lower() != ".ods":
            raise ListError(
                f"{path.name}: cannot be read as a spreadsheet ({exc}); open it and save it again as .xlsx or .csv."
            ) from exc
        log.info("%s: python-calamine cannot read it (%s); using the streaming ODS reader", path.name, exc)
    return [("", read_ods(path))]


def _attr(el: Element, name: str) -> str:
    for k, v in el.attrib.items():
        if local(k) == name:
            return v
    return ""


def _para_text(el: Element) -> str:
    parts = [el.text or ""]
    for c in el:
        tag = local(c.tag)
        if tag == "s":
            parts.append(" " * int(_attr(c, "c") or 1))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        else:
            parts.append(_para_text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def _cell_value(el: Element) -> str:
    kind = _attr(el, "value-type")
    if kind in {"float", "percentage", "currency"}:
        v = _attr(el, "value")
        return v[:-2] if v.endswith(".0") else v
    if kind == "date":
        return _attr(el, "date-value")[:10]
    if kind == "boolean":
        return _attr(el, "boolean-value").upper()
    return "\n".join(_para_text(p) for p in el if local(p.tag) == "p")


def read_ods(path: Path) -> list[list[str]]:
    """The first table of an .ods file, streamed from content.xml."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ListError(f"{path.name}: not a readable .ods file ({exc}); download it again.") from exc
    with zf:
        try:
            info = zf.getinfo("content.xml")
        except KeyError as exc:
            raise ListError(f"{path.name}: no content.xml inside; is this really an .ods file?") from exc
        if info.file_size > MAX_CONTENT_BYTES:
            raise ListError(
                f"{path.name}: content.xml unpacks to {info.file_size:,} bytes, over the safety limit."
            )
        grid: list[list[str]] = []
        row: list[str] = []
        pending_empty = 0
        try:
            with zf.open(info) as fh:
                for event, el in SafeET.iterparse(fh, events=("start", "end"), forbid_dtd=True):
                    tag = local(el.tag)
                    if event == "start":
                        if tag == "table-row":
                            row, pending_empty = [], 0
                        continue
                    if tag in {"table-cell", "covered-table-cell"}:
                        value = _cell_value(el)
                        repeat = int(_attr(el, "number-columns-repeated") or 1)
                        if value:
                            row.extend([""] * pending_empty + [value] * min(repeat, MAX_REPEAT))
                            pending_empty = 0
                        else:
                            pending_empty += repeat
                        el.clear()
                    elif tag == "table-row":
                        repeat = int(_attr(el, "number-rows-repeated") or 1)
                        grid.extend([row] * (min(repeat, MAX_REPEAT) if row else min(repeat, 1)))
                        el.clear()
                    elif tag == "table":
                        break
        except DefusedXmlException as exc:
            raise ListError(f"{path.name}: refused to read: content.xml declares a DTD or entities.") from exc
        except (ParseError, zipfile.BadZipFile, ValueError) as exc:
            raise ListError(f"{path.name}: content.xml is damaged ({exc}); download the file again.") from exc
    while grid and not grid[-1]:
        grid.pop()
    return grid
