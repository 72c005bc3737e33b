"""OFAC SDN list, XML (``sdn.xml``).

``sdnList/{publshInformation/Publish_Date, sdnEntry}``; each ``sdnEntry`` has uid, lastName,
firstName, sdnType, remarks, ``programList/program``, ``akaList/aka/{type, category, lastName,
firstName}`` (category ``weak`` is a weak alias) and ``addressList/address/country``.
Read namespace-agnostically, with defusedxml.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from xml.etree.ElementTree import Element

from screen.errors import ListError
from screen.importers.common import Entry, Parsed, Problems, add_address_country, entity_type_of, file_date
from screen.importers.ofac_csv import LIST_NAME, remark_aliases, trim_ofac_remarks
from screen.importers.xmlsafe import child_text, descendants, iter_records, local

log = logging.getLogger(__name__)

_AKA_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}


def _person_name(el: Element) -> str:
    """OFAC writes individuals as ``LAST, First``; entities have a lastName only."""
    last, first = child_text(el, "lastName"), child_text(el, "firstName")
    return f"{last}, {first}" if last and first else last or first


def _us_date(text: str) -> str:
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text.strip())
    return f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}" if m else ""


def _entry(el: Element, problems: Problems, path: Path) -> Entry | None:
    uid = child_text(el, "uid")
    name = _person_name(el)
    if not uid or not name:
        problems.add("malformed", f"{path.name}: sdnEntry uid {uid or '?'} without uid or name")
        return None
    remarks = child_text(el, "remarks")
    entry = Entry(uid, entity_type_of(child_text(el, "sdnType"), problems), context=remarks)
    entry.add_name("primary", name)
    for aka in descendants(el, "aka"):
        kind = _AKA_TYPES.get(child_text(aka, "type").casefold(), "aka")
        weak = child_text(aka, "category").casefold() == "weak"
        entry.add_name("weak" if weak else kind, _person_name(aka))
    aliases, cut = remark_aliases(remarks)
    for alias in aliases:
        entry.add_name("weak", alias)
    if cut:
        problems.add("truncated-alias", f"uid {uid}")
    for program in descendants(el, "program"):
        entry.add_program(program.text)
    for address in descendants(el, "address"):
        add_address_country(entry, child_text(address, "country"), problems)
    entry.remarks = trim_ofac_remarks(remarks)
    return entry


def read(path: Path, *, source_date: str | None = None) -> Parsed:
    """Parse sdn.xml into entries."""
    problems = Problems()
    root: dict[str, str] = {}
    published = ""
    entries: dict[str, Entry] = {}
    for el in iter_records(path, {"sdnEntry", "publshInformation"}, root):
        if local(el.tag) == "publshInformation":
            published = _us_date(child_text(el, "Publish_Date"))
            continue
        entry = _entry(el, problems, path)
        if entry is None:
            continue
        if entry.official_id in entries:
            problems.add("duplicate", f"{path.name}: uid {entry.official_id}")
            continue
        entries[entry.official_id] = entry
    if not entries:
        raise ListError(f"{path.name}: no sdnEntry elements found; is this OFAC's sdn.xml?")
    date = source_date or published or file_date(path)
    log.info("%s: %d OFAC entries", path.name, len(entries))
    return Parsed(
        list(entries.values()),
        LIST_NAME,
        f"OFAC SDN XML ({path.name}, published {date or 'undated'})",
        date,
        problems,
    )
