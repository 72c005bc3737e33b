"""UK Sanctions List (FCDO), short form, as published in .ods (or saved as .csv/.xlsx).

Columns: Unique ID (``DPR0174``), OFSI Group ID, Name, Regime Name, Type (Individual / Entity /
Ship), Designation source (UK / UN), Date Designated (dd-mm-yyyy), Sanctions Imposed. The
header may sit below title lines. Variants with ``Name 1``..``Name 6``, ``Name type``,
``Alias strength``, ``Name non-latin script``, ``Regime``, ``Country`` and ``UN Reference
Number`` columns are also read; several rows with the same Unique ID are one entry's names.
"""

from __future__ import annotations

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
    date_from_filename,
    entity_type_of,
    file_date,
    iso_date,
)
from screen.importers.sheets import read_grid

log = logging.getLogger(__name__)

LIST_NAME = "UK"
HEADER_SCAN_ROWS = 30
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("unique id", "uniqueid"),
    "group": ("ofsi group id", "group id"),
    "name": ("name", "full name", "name of individual or entity"),
    "name_type": ("name type", "alias type"),
    "strength": ("alias strength", "alias quality"),
    "script": ("name non latin script", "non latin script name"),
    "regime": ("regime name", "regime"),
    "type": ("type", "entity type", "individual entity ship", "designation type"),
    "source": ("designation source",),
    "date": ("date designated", "listed on", "date listed"),
    "sanctions": ("sanctions imposed",),
    "country": ("country", "address country"),
    "un_ref": ("un reference number", "un reference"),
}
_PARTS = ("name 1", "name 2", "name 3", "name 4", "name 5", "name 6")


def norm(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


def find_columns(grid: list[list[str]], path: Path) -> tuple[int, dict[str, int]]:
    """The header row index and field -> column index."""
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        normed = [norm(c) for c in row]
        if not any(h in normed for h in COLUMNS["id"]):
            continue
        cols: dict[str, int] = {}
        for fld, names in COLUMNS.items():
            for n in names:
                if n in normed:
                    cols[fld] = normed.index(n)
                    break
        for part in _PARTS:
            if part in normed:
                cols[part] = normed.index(part)
        if "name" in cols or "name 6" in cols:
            return i, cols
    raise ListError(
        f"{path.name}: no header row with 'Unique ID' and 'Name' columns in the first {HEADER_SCAN_ROWS} rows; "
        "is this the UK Sanctions List (short form)?"
    )


def _title_date(rows: list[list[str]]) -> str:
    for row in rows:
        for cell in row:
            if m := re.search(r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})", cell):
                return iso_date(m[1])
    return ""


def _name_type(name_type: str, strength: str) -> str:
    if "low" in strength.casefold():
        return "weak"
    t = name_type.casefold()
    return "primary" if t.startswith("primary name") and "variation" not in t else "aka"


def read(path: Path, *, source_date: str | None = None) -> Parsed:
    """Parse the UK Sanctions List into entries (one per Unique ID)."""
    problems = Problems()
    grid = read_grid(path)
    hdr, cols = find_columns(grid, path)

    def get(row: list[str], fld: str) -> str:
        i = cols.get(fld)
        return clean(row[i]) if i is not None and i < len(row) else ""

    entries: dict[str, Entry] = {}
    seen_rows: set[tuple[str, str]] = set()
    for offset, row in enumerate(grid[hdr + 1 :], start=hdr + 2):
        if not any(c.strip() for c in row):
            continue
        uid = get(row, "id")
        name = get(row, "name") or " ".join(p for p in (get(row, k) for k in (*_PARTS[:5], "name 6")) if p)
        if not uid or not name:
            problems.add("malformed", f"{path.name} row {offset}: {'no Unique ID' if not uid else 'no name'}")
            continue
        if (uid, name.casefold()) in seen_rows:
            problems.add("duplicate", f"{path.name} row {offset}: {uid} {name[:40]}")
            continue
        seen_rows.add((uid, name.casefold()))
        entry = entries.get(uid)
        if entry is None:
            entry = entries[uid] = Entry(uid, entity_type_of(get(row, "type"), problems))
            entry.listed_on = iso_date(get(row, "date"))
            parts = [
                f"Designation source: {get(row, 'source')}" if get(row, "source") else "",
                f"UN ref {get(row, 'un_ref')}" if get(row, "un_ref") else "",
                f"OFSI group {get(row, 'group')}" if get(row, "group") else "",
                f"Sanctions: {get(row, 'sanctions')}" if get(row, "sanctions") else "",
            ]
            entry.remarks = entry.context = "; ".join(p for p in parts if p)
        name_type = _name_type(get(row, "name_type"), get(row, "strength"))
        if name_type == "primary" and get(row, "name_type"):
            entry.set_primary(name)
        else:
            entry.add_name(name_type, name)
        entry.add_name("original_script", get(row, "script"))
        entry.add_program(get(row, "regime"))
        add_address_country(entry, get(row, "country"), problems)
    if not entries:
        raise ListError(f"{path.name}: the UK list has a header but no rows; download it again.")
    date = source_date or date_from_filename(path) or _title_date(grid[:hdr]) or file_date(path)
    log.info("%s: %d UK entries from %d rows", path.name, len(entries), len(grid) - hdr - 1)
    return Parsed(
        list(entries.values()),
        LIST_NAME,
        f"UK Sanctions List short form ({path.name}, {date or 'undated'})",
        date,
        problems,
    )
