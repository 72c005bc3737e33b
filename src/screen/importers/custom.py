"""A company's own watchlist: an .xlsx/.csv with at least a name column.

Recognised headers (case and punctuation ignored): Name / Entity / Company (required), ID,
Aliases (``;``-separated), Country (names or codes, ``;``-separated), Program / Reason, Type,
Listed on, Remarks / Notes. A row without an ID gets a stable ``C-<hash>`` of its name and
country, so re-importing the same list gives the same ids. Rows sharing an ID are one entry
with several names. Every sheet is searched for the name header (below title lines too).
"""

from __future__ import annotations

import hashlib
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
)
from screen.importers.sheets import read_sheets

log = logging.getLogger(__name__)

LIST_NAME = "CUSTOM"
HEADER_SCAN_ROWS = 30
HEADERS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "entity",
        "entity name",
        "company",
        "company name",
        "organisation",
        "organization",
        "party",
        "party name",
        "full name",
        "legal name",
        "supplier",
        "supplier name",
        "counterparty",
        "primary name",
    ),
    "id": ("id", "ref", "ref id", "reference", "list id", "watchlist id", "entry id", "identifier", "code"),
    "aliases": (
        "aliases",
        "alias",
        "aka",
        "akas",
        "also known as",
        "other names",
        "alternative names",
        "alt names",
    ),
    "country": ("country", "countries", "country code", "jurisdiction", "nationality"),
    "program": (
        "program",
        "programme",
        "programs",
        "programmes",
        "reason",
        "regime",
        "sanctions",
        "risk reason",
    ),
    "type": ("type", "entity type", "kind"),
    "listed": ("listed on", "listed", "date", "date added", "added"),
    "remarks": ("remarks", "notes", "note", "comment", "comments", "details"),
}
_MULTI = re.compile(r"\s*[;|\n]\s*")


def norm(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


def stable_id(name: str, country: str) -> str:
    """``C-`` and 10 hex digits of the case-folded name and country: the same row, the same id."""
    key = f"{' '.join(name.casefold().split())}|{country.casefold().strip()}"
    return "C-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10].upper()


def read(path: Path, *, list_name: str = LIST_NAME, source_date: str | None = None) -> Parsed:
    """Parse a custom watchlist into entries."""
    problems = Problems()
    sheets = read_sheets(path)
    found = [
        (name, grid, i)
        for name, grid in sheets
        for i, row in enumerate(grid[:HEADER_SCAN_ROWS])
        if any(norm(c) in HEADERS["name"] for c in row)
    ]
    if not found:
        first = next((r for _, g in sheets for r in g if any(c.strip() for c in r)), [])
        raise ListError(
            f"{path.name}: no name column; the first row reads: {', '.join(c for c in first if c)[:200]}. "
            "Give the column holding the listed names the header 'Name'."
        )
    sheet, grid, hdr = found[0]
    normed = [norm(h) for h in grid[hdr]]
    cols: dict[str, int] = {}
    for fld, names in HEADERS.items():
        for n in names:
            if n in normed:
                cols[fld] = normed.index(n)
                break

    def get(row: list[str], fld: str) -> str:
        i = cols.get(fld)
        return clean(row[i]) if i is not None and i < len(row) else ""

    entries: dict[str, Entry] = {}
    seen: set[tuple[str, ...]] = set()
    where = f"{path.name}{' sheet ' + repr(sheet) if sheet else ''}"
    for number, row in enumerate(grid[hdr + 1 :], start=hdr + 2):
        if not any(c.strip() for c in row):
            continue
        name = get(row, "name")
        if not name:
            problems.add("malformed", f"{where} row {number}: no name")
            continue
        uid = get(row, "id") or stable_id(name, get(row, "country"))
        signature = tuple(" ".join(c.split()).casefold() for c in row)
        if signature in seen:
            problems.add("duplicate", f"{where} row {number}: {uid} {name[:40]}")
            continue
        seen.add(signature)
        entry = entries.get(uid)
        if entry is None:
            entry = entries[uid] = Entry(uid, entity_type_of(get(row, "type"), problems))
            entry.listed_on = iso_date(get(row, "listed"))
            entry.remarks = entry.context = get(row, "remarks")
        entry.add_name("aka", name)
        for alias in _MULTI.split(get(row, "aliases")):
            entry.add_name("aka", alias)
        for program in _MULTI.split(get(row, "program")):
            entry.add_program(program)
        for country in _MULTI.split(get(row, "country")):
            add_address_country(entry, country, problems)
    if not entries:
        raise ListError(f"{path.name}: the list has a name column but no names; fill in at least one row.")
    date = source_date or file_date(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    log.info("%s: %d custom entries", path.name, len(entries))
    return Parsed(
        list(entries.values()),
        list_name,
        f"custom list {path.name} (sha256 {digest[:12]})",
        date,
        problems,
    )
