"""UN Security Council consolidated sanctions list, XML.

``CONSOLIDATED_LIST/{INDIVIDUALS/INDIVIDUAL, ENTITIES/ENTITY}`` with FIRST_NAME..FOURTH_NAME,
UN_LIST_TYPE (``DPRK`` for the 1718 committee), REFERENCE_NUMBER (``KPe.050``), LISTED_ON,
COMMENTS1, NAME_ORIGINAL_SCRIPT, ``*_ALIAS/{QUALITY, ALIAS_NAME}`` (QUALITY ``Low`` is a weak
alias) and ``*_ADDRESS/{CITY, COUNTRY}``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from xml.etree.ElementTree import Element

from screen.errors import ListError
from screen.importers.common import Entry, Parsed, Problems, add_address_country, clean, file_date, iso_date
from screen.importers.xmlsafe import child_text, children, iter_records, local

log = logging.getLogger(__name__)

LIST_NAME = "UN-SC"
_QUALITY = {"low": "weak", "f.k.a.": "fka", "fka": "fka", "n.k.a.": "nka", "nka": "nka"}


def _entry(el: Element, kind: str, problems: Problems, path: Path) -> Entry | None:
    ref = "".join(child_text(el, "REFERENCE_NUMBER").split())
    if not ref:
        dataid = child_text(el, "DATAID")
        problems.add("malformed", f"{path.name}: {kind} DATAID {dataid or '?'} has no REFERENCE_NUMBER")
        if not dataid:
            return None
        ref = f"DATAID-{dataid}"
    entry = Entry(ref, "individual" if kind == "INDIVIDUAL" else "entity")
    parts = [child_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    entry.add_name("primary", " ".join(p for p in parts if p))
    for alias in children(el, f"{kind}_ALIAS"):
        quality = child_text(alias, "QUALITY").casefold()
        entry.add_name(_QUALITY.get(quality, "aka"), child_text(alias, "ALIAS_NAME"))
    entry.add_name("original_script", child_text(el, "NAME_ORIGINAL_SCRIPT"))
    entry.add_program(child_text(el, "UN_LIST_TYPE"))
    for address in children(el, f"{kind}_ADDRESS"):
        add_address_country(entry, child_text(address, "COUNTRY"), problems)
    entry.listed_on = iso_date(child_text(el, "LISTED_ON"))
    entry.remarks = entry.context = clean(child_text(el, "COMMENTS1"))
    return entry


def read(path: Path, *, source_date: str | None = None) -> Parsed:
    """Parse the UN consolidated list XML into entries (individuals and entities)."""
    problems = Problems()
    root: dict[str, str] = {}
    entries: dict[str, Entry] = {}
    for el in iter_records(path, {"INDIVIDUAL", "ENTITY"}, root):
        entry = _entry(el, local(el.tag), problems, path)
        if entry is None:
            continue
        if entry.official_id in entries:
            problems.add("duplicate", f"{path.name}: {entry.official_id}")
            continue
        entries[entry.official_id] = entry
    if not entries:
        raise ListError(
            f"{path.name}: no INDIVIDUAL or ENTITY records found; is this the UN consolidated list XML "
            "(https://scsanctions.un.org/resources/xml/en/consolidated.xml)?"
        )
    date = source_date or iso_date(root.get("dateGenerated", "")) or file_date(path)
    log.info("%s: %d UN entries", path.name, len(entries))
    return Parsed(
        list(entries.values()),
        LIST_NAME,
        f"UN Security Council Consolidated List XML ({path.name}, generated {date or 'undated'})",
        date,
        problems,
    )
