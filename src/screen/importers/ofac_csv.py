"""OFAC SDN list in the legacy CSV files: ``sdn.csv`` plus optional ``alt.csv`` and ``add.csv``.

The files have no header; null is ``-0-``; the encoding is Windows-1252 (UTF-8 is accepted).
``sdn.csv``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
Vess_flag, Vess_owner, Remarks. Programs look like ``DPRK3] [DPRK-NKSPEA``. Weak aliases sit in
Remarks as ``a.k.a. 'KOGEN'``. ``alt.csv``: ent_num, alt_num, alt_type, alt_name, alt_remarks.
``add.csv``: ent_num, add_num, address, city/state/postal, country, add_remarks.

alt/add files are often newer than sdn.csv: rows whose ent_num has no entry are counted as
orphans (and, on request, turned into provisional entries named by their first alias).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator
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
    read_text,
)

log = logging.getLogger(__name__)

LIST_NAME = "OFAC-SDN"
SDN_FIELDS, ALT_FIELDS, ADD_FIELDS = 12, 5, 6
_NULL = "-0-"
# a.k.a. 'ABU-'UMAR'. : the closing quote is the one followed by ; . , or the end
_REMARK_ALIAS = re.compile(r"\b[afn]\.k\.a\.\s*'(.+?)'(?=\s*(?:[;,.](?:\s|$)|$))")
_REMARK_ALIAS_START = re.compile(r"\b[afn]\.k\.a\.\s*'")
_BOILERPLATE = (
    "secondary sanctions risk:",
    "transactions prohibited for persons owned or controlled by u.s. financial institutions:",
    "financial institutions:",
    "additional sanctions information -",
)
_ALT_TYPES = {"aka": "aka", "a.k.a.": "aka", "fka": "fka", "f.k.a.": "fka", "nka": "nka", "n.k.a.": "nka"}
_ORG_WORDS = re.compile(
    r"\b(CORP|CORPORATION|COMPANY|CO|LTD|LIMITED|LLC|INC|BANK|TRADING|GROUP|BUREAU|BRANCH|INSTITUTE|"
    r"COMMITTEE|MINISTRY|DEPARTMENT|OFFICE|SHIPPING|TECHNOLOGY|UNIVERSITY|ASSOCIATION|CENTER|CENTRE)\b",
    re.I,
)


def _value(cell: str) -> str:
    v = clean(cell)
    return "" if v == _NULL else v


def _records(path: Path, width: int, problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """(line number, cleaned fields) of each well-formed row; others are counted as malformed."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not record or all(not c.strip() or c.strip() == "\x1a" for c in record):
                continue  # blank line or the DOS end-of-file mark OFAC appends
            if len(record) != width or not record[0].strip().isdigit():
                problems.add("malformed", f"{path.name} line {start}: {','.join(record)[:60]!r}")
                continue
            yield start, [_value(c) for c in record]
    except csv.Error as exc:
        raise ListError(
            f"{path.name}: line {reader.line_num}: malformed CSV ({exc}); download the file again from OFAC."
        ) from exc


def split_programs(text: str) -> list[str]:
    """``DPRK3] [DPRK-NKSPEA`` -> ``['DPRK3', 'DPRK-NKSPEA']``."""
    return [p for p in (s.strip(" []") for s in re.split(r"\]\s*\[", text)) if p]


def remark_aliases(remarks: str) -> tuple[list[str], int]:
    """Weak aliases quoted in Remarks, and how many were cut off by a truncated Remarks field."""
    found = [clean(m) for m in _REMARK_ALIAS.findall(remarks)]
    return found, max(0, len(_REMARK_ALIAS_START.findall(remarks)) - len(found))


def trim_ofac_remarks(remarks: str) -> str:
    """Remarks without the aliases (now names) and the standard secondary-sanctions sentences."""
    keep = []
    for part in re.split(r";\s+", remarks.rstrip(".")):
        p = part.strip()
        low = p.casefold()
        if not p or _REMARK_ALIAS_START.match(p) or low.startswith(_BOILERPLATE):
            continue
        keep.append(p)
    return "; ".join(keep) + ("." if keep else "")


def _guess_type(name: str) -> str:
    """For provisional entries: ``PAK, Jeong Cheon`` reads as an individual, the rest as entities."""
    return "individual" if re.fullmatch(r"[^,]+, [^,]+", name) and not _ORG_WORDS.search(name) else "entity"


def read(
    path: Path,
    alt: Path | None = None,
    add: Path | None = None,
    *,
    orphans_as_entries: bool = False,
    source_date: str | None = None,
) -> Parsed:
    """Parse sdn.csv (and alt.csv/add.csv when given) into entries."""
    problems = Problems()
    date = source_date or file_date(path)
    entries: dict[str, Entry] = {}
    for line, f in _records(path, SDN_FIELDS, problems):
        ent_num, name, sdn_type, program, remarks = f[0], f[1], f[2], f[3], f[11]
        if ent_num in entries:
            problems.add("duplicate", f"{path.name} line {line}: ent_num {ent_num}")
            continue
        if not name:
            problems.add("malformed", f"{path.name} line {line}: ent_num {ent_num} has no name")
            continue
        entry = Entry(ent_num, entity_type_of(sdn_type, problems), context=remarks)
        entry.add_name("primary", name)
        aliases, cut = remark_aliases(remarks)
        for alias in aliases:
            entry.add_name("weak", alias)
        if cut:
            problems.add("truncated-alias", f"ent_num {ent_num}")
        for p in split_programs(program):
            entry.add_program(p)
        entry.remarks = trim_ofac_remarks(remarks)
        entries[ent_num] = entry
    if not entries:
        raise ListError(f"{path.name}: no OFAC SDN rows found (12 fields each); is this the legacy sdn.csv?")

    orphans: dict[str, Entry] = {}

    def target(ent_num: str, code: str, example: str) -> Entry | None:
        if ent_num in entries:
            return entries[ent_num]
        problems.add(code, example)
        if not orphans_as_entries:
            return None
        return orphans.setdefault(ent_num, Entry(ent_num, "entity"))

    sources = [f"{path.name} {date}".strip()]
    if alt is not None:
        sources.append(f"alt: {alt.name}")
        seen: set[str] = set()
        for line, f in _records(alt, ALT_FIELDS, problems):
            ent_num, alt_num, alt_type, alt_name = f[0], f[1], f[2], f[3]
            if alt_num in seen:
                problems.add("duplicate", f"{alt.name} line {line}: alt_num {alt_num}")
                continue
            seen.add(alt_num)
            owner = target(ent_num, "orphan-alias", f"{ent_num} {alt_name[:40]}")
            if owner is not None:
                owner.add_name(_ALT_TYPES.get(alt_type.casefold(), "aka"), alt_name)
    if add is not None:
        sources.append(f"add: {add.name}")
        seen_add: set[str] = set()
        for line, f in _records(add, ADD_FIELDS, problems):
            ent_num, add_num, country = f[0], f[1], f[4]
            if add_num in seen_add:
                problems.add("duplicate", f"{add.name} line {line}: add_num {add_num}")
                continue
            seen_add.add(add_num)
            owner = target(ent_num, "orphan-address", f"{ent_num} {country}")
            if owner is not None:
                add_address_country(owner, country, problems)
                if owner is orphans.get(ent_num):
                    owner.context = " | ".join(x for x in (owner.context, clean(" ".join(f[2:5]))) if x)

    for ent_num, entry in orphans.items():
        if entry.names:
            entry.entity_type = _guess_type(entry.names[0][1])
            entry.names[0] = ("primary", entry.names[0][1])
            entry.remarks = (
                f"Primary name not in {path.name} ({date or 'undated'}): this entry is newer; its first "
                f"alias from {alt.name if alt else 'alt.csv'} stands in for the name, and its type is "
                "guessed. Verify against the current SDN list."
            )
        entries.setdefault(ent_num, entry)
    log.info("%s: %d entries (%d provisional from alt/add orphans)", path.name, len(entries), len(orphans))
    return Parsed(
        list(entries.values()),
        LIST_NAME,
        f"OFAC SDN legacy CSV ({'; '.join(sources)})",
        date,
        problems,
    )
