"""EU consolidated financial sanctions list, CSV (``YYYYMMDD-FULL-1_1.csv``, ``;``-separated).

One row per name, address, birth date or identifier of an entry, each repeating the entry's
columns; rows are grouped by logical id. Column names differ between file versions
(``Entity_LogicalId`` / ``Entity_logical_id``, ``NameAlias_WholeName`` / ``Naal_wholename``,
``Address_CountryIso2Code`` / ``Addr_country``, ``Entity_Regulation_Programme`` / ``Programme``
...); each field is looked up among its known variants, case-insensitively, and the first
column of a repeated header wins.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

from screen.errors import ListError
from screen.importers.common import (
    Entry,
    Parsed,
    Problems,
    add_address_country,
    clean,
    entity_type_of,
    file_date,
    iso_date,
    read_text,
)

log = logging.getLogger(__name__)

LIST_NAME = "EU"
VARIANTS: dict[str, tuple[str, ...]] = {
    "id": ("entitylogicalid", "logicalid", "entityid"),
    "name": ("namealiaswholename", "naalwholename", "wholename"),
    "first": ("namealiasfirstname", "naalfirstname", "firstname"),
    "middle": ("namealiasmiddlename", "naalmiddlename", "middlename"),
    "last": ("namealiaslastname", "naallastname", "lastname"),
    "type": ("entitysubjecttypeclassificationcode", "entitysubjecttype", "subjecttype"),
    "programme": ("entityregulationprogramme", "programme", "regulationprogramme", "naalprogramme"),
    "country": (
        "addresscountryiso2code",
        "addrcountryiso",
        "addrcountryiso2code",
        "addresscountrydescription",
        "addrcountry",
        "addresscountry",
    ),
    "listed": ("entitydesignationdate", "lebapublicationdate", "entityregulationpublicationdate", "listedon"),
    "remark": ("entityremark",),
    "un_id": ("entityunitednationid", "unitednationid"),
    "eu_ref": ("entityeureferencenumber", "eurefnum"),
    "generated": ("filegenerationdate",),
}


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def _columns(header: list[str]) -> dict[str, int]:
    keys = [_key(h) for h in header]
    cols: dict[str, int] = {}
    for fld, variants in VARIANTS.items():
        for v in variants:
            if v in keys:
                cols[fld] = keys.index(v)  # first occurrence
                break
    return cols


def read(path: Path, *, source_date: str | None = None) -> Parsed:
    """Parse the EU financial sanctions CSV into entries (one per logical id)."""
    problems = Problems()
    text = read_text(path)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    hdr, cols = -1, {}
    for i, row in enumerate(rows[:10]):
        cols = _columns(row)
        if "id" in cols and ({"name", "last"} & cols.keys()):
            hdr = i
            break
    if hdr < 0:
        raise ListError(
            f"{path.name}: no header with Entity_LogicalId and NameAlias_WholeName (or Naal_wholename) columns; "
            "is this the EU financial sanctions CSV (;-separated)?"
        )

    def get(row: list[str], fld: str) -> str:
        i = cols.get(fld)
        return clean(row[i]) if i is not None and i < len(row) else ""

    entries: dict[str, Entry] = {}
    generated = ""
    for line, row in enumerate(rows[hdr + 1 :], start=hdr + 2):
        if not any(c.strip() for c in row):
            continue
        uid = get(row, "id")
        if not uid:
            problems.add("malformed", f"{path.name} line {line}: no logical id")
            continue
        generated = generated or iso_date(get(row, "generated"))
        entry = entries.get(uid)
        if entry is None:
            entry = entries[uid] = Entry(uid, entity_type_of(get(row, "type"), problems))
            entry.listed_on = iso_date(get(row, "listed"))
            refs = [f"EU ref {get(row, 'eu_ref')}" if get(row, "eu_ref") else ""]
            refs.append(f"UN ref {get(row, 'un_id')}" if get(row, "un_id") else "")
            entry.remarks = entry.context = "; ".join(p for p in [*refs, get(row, "remark")] if p)
        name = get(row, "name") or " ".join(
            p for p in (get(row, "first"), get(row, "middle"), get(row, "last")) if p
        )
        entry.add_name("aka", name)
        entry.add_program(get(row, "programme"))
        add_address_country(entry, get(row, "country"), problems)
    if not entries:
        raise ListError(f"{path.name}: the EU list has a header but no rows; download it again.")
    date = source_date or generated or file_date(path)
    log.info("%s: %d EU entries", path.name, len(entries))
    return Parsed(
        list(entries.values()),
        LIST_NAME,
        f"EU financial sanctions CSV ({path.name}, {date or 'undated'})",
        date,
        problems,
    )
