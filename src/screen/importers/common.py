"""What every importer shares: the entry model, problems, and small parsing helpers.

An importer parses an official file into :class:`Entry` objects (one per listed party, names
in order, the first being the primary name) and a :class:`Problems` tally of the rows it could
not use, returned as :class:`Parsed`. :mod:`screen.importers.filters` keeps the wanted entries
and :mod:`screen.importers.listfile` turns them into list-file rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from screen.errors import ListError
from screen.importers.countries import country_code, is_non_country
from screen.reference.lists import ENTITY_TYPES as _ENTITY_TYPES
from screen.reference.lists import LIST_COLUMNS as LIST_COLUMNS  # re-exported for importers
from screen.reference.lists import NAME_TYPES as _NAME_TYPES

# the list-file format is defined once, where list files are read
ENTITY_TYPES: tuple[str, ...] = tuple(sorted(_ENTITY_TYPES))
NAME_TYPES: tuple[str, ...] = ("primary", "aka", "fka", "nka", "weak", "original_script")
assert set(NAME_TYPES) == _NAME_TYPES
MAX_EXAMPLES = 5
REMARKS_MAX = 300

PROBLEM_LABELS = {
    "orphan-alias": "alias rows whose id is not an entry of the main file",
    "orphan-address": "address rows whose id is not an entry of the main file",
    "duplicate": "rows repeating an id (or alias/address number) already read; the first was kept",
    "malformed": "rows that could not be read (wrong number of fields, missing id or name)",
    "unknown-country": "address countries that are not a recognised country name or code",
    "unknown-type": "entity types not recognised; read as 'entity'",
    "truncated-alias": "weak aliases cut off at the end of a truncated Remarks field; skipped",
    "no-name": "entries without any name; skipped",
}


def clean(text: object) -> str:
    """Text with runs of whitespace (newlines, tabs, NBSP) collapsed to one space."""
    if text is None:
        return ""
    return " ".join(str(text).split())


@dataclass
class Entry:
    """One listed party with its names (the first is the primary name)."""

    official_id: str
    entity_type: str = "entity"
    names: list[tuple[str, str]] = field(default_factory=list)  # (name_type, name)
    programs: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    listed_on: str = ""
    remarks: str = ""
    group_id: str = ""
    context: str = ""  # full remarks/comments for the DPRK filter; not written out

    def add_name(self, name_type: str, name: object) -> bool:
        """Add a name unless empty or already present (same text, case-insensitive)."""
        text = clean(name)
        if not text:
            return False
        key = text.casefold()
        if any(n.casefold() == key for _, n in self.names):
            return False
        if not self.names:
            name_type = "primary"
        elif name_type == "primary":
            name_type = "aka"
        self.names.append((name_type, text))
        return True

    def set_primary(self, name: object) -> None:
        """Make ``name`` the primary name; the previous primary becomes an a.k.a."""
        text = clean(name)
        if not text:
            return
        rest = [(t, n) for t, n in self.names if n.casefold() != text.casefold()]
        self.names = [("primary", text)] + [("aka" if t == "primary" else t, n) for t, n in rest]

    def add_program(self, program: object) -> None:
        text = clean(program)
        if text and text not in self.programs:
            self.programs.append(text)

    def add_country(self, code: str | None) -> None:
        if code and code not in self.countries:
            self.countries.append(code)


class Problems:
    """Counts of unusable or suspicious rows by stable code, with a few examples each."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}

    def add(self, code: str, example: str = "") -> None:
        self.counts[code] += 1
        if example:
            shown = self.examples.setdefault(code, [])
            if len(shown) < MAX_EXAMPLES and example not in shown:
                shown.append(example)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def __getitem__(self, code: str) -> int:
        return self.counts[code]

    def lines(self) -> list[str]:
        """One plain line per problem code, e.g. ``orphan-alias: 1,234 (alias rows whose ...; e.g. ...)``."""
        out = []
        for code in sorted(self.counts):
            label = PROBLEM_LABELS.get(code, code)
            ex = "; ".join(self.examples.get(code, []))
            out.append(f"{code}: {self.counts[code]:,} ({label}{'; e.g. ' + ex if ex else ''})")
        return out


@dataclass
class Parsed:
    """What a format module returns: entries and where they came from."""

    entries: list[Entry]
    list_name: str
    source: str
    source_date: str
    problems: Problems = field(default_factory=Problems)


# ---------------------------------------------------------------- parsing helpers

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def iso_date(text: object) -> str:
    """``YYYY-MM-DD`` from the date spellings used by the lists, or "" when not a date."""
    t = clean(text)
    if not t:
        return ""
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", t):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if m := re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", t):  # dd-mm-yyyy (UK, EU)
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if m := re.match(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$", t):  # 03 May 2024
        month = _MONTHS.get(m[2].lower())
        return f"{m[3]}-{month:02d}-{int(m[1]):02d}" if month else ""
    if m := re.match(r"^(\d{4})(\d{2})(\d{2})$", t):
        return f"{m[1]}-{m[2]}-{m[3]}"
    return ""


def date_from_filename(path: Path) -> str:
    """The publication date in a file name (``sdn_2024-05-03.csv``, ``20240503-FULL.csv``), or ""."""
    if m := re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", path.name):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if m := re.search(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)", path.name):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if m := re.search(r"(?<!\d)(20\d{2})(?!\d)", path.name):
        return m[1]
    return ""


def file_date(path: Path) -> str:
    """The date in the file name, else the file's modification date (``YYYY-MM-DD``)."""
    named = date_from_filename(path)
    if named:
        return named
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return ""


def read_text(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else cp1252, else Latin-1."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListError(f"{path}: cannot be read ({exc.strerror}); check the path.") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def entity_type_of(text: object, problems: Problems | None = None) -> str:
    """Map a list's own type word (Individual, P, person, Ship, Entity, E...) to ours."""
    t = clean(text).casefold()
    if t in {"individual", "person", "p", "individuals", "natural person"}:
        return "individual"
    if t in {"vessel", "ship", "vessels", "ships"}:
        return "vessel"
    if t in {"aircraft", "airplane", "aeroplane"}:
        return "aircraft"
    if t and t not in {"entity", "e", "enterprise", "organisation", "organization", "company", "legalentity"}:
        if problems is not None:
            problems.add("unknown-type", clean(text))
    return "entity"


def add_address_country(entry: Entry, text: object, problems: Problems) -> None:
    value = clean(text)
    if not value:
        return
    code = country_code(value)
    if code is None:
        if not is_non_country(value):
            problems.add("unknown-country", value)
        return
    entry.add_country(code)


def trim_remarks(text: str) -> str:
    t = clean(text)
    return t if len(t) <= REMARKS_MAX else t[: REMARKS_MAX - 1].rstrip() + "…"
