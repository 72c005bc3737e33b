"""Check a list file (or a custom watchlist) row by row before screening with it.

A list file (the CSV written by ``screen reference import``) is checked for: empty ids and
names, unknown entity and name types, entries without exactly one primary name or whose rows
are not together, entry fields that differ between an entry's rows, dates that are not ISO,
country codes that are not ISO alpha-2, missing source/source_date, and repeated names. Any
other file is read as a custom watchlist and its unusable rows are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from screen.errors import ListError
from screen.importers import custom
from screen.importers.common import ENTITY_TYPES, LIST_COLUMNS, NAME_TYPES
from screen.importers.countries import country_code
from screen.model import RowIssue

ENTRY_FIELDS = ("entity_type", "programs", "countries", "listed_on", "group_id", "source", "source_date")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_ISSUES = 1000


@dataclass
class Validation:
    """The outcome: what kind of file it is, its size, and its row issues (row = file line)."""

    path: Path
    kind: str  # "list file" | "custom list"
    entries: int = 0
    names: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    more: int = 0  # issues beyond MAX_ISSUES, counted only

    @property
    def ok(self) -> bool:
        return not self.issues

    def add(self, row: int, code: str, message: str) -> None:
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(RowIssue(row, code, message))
        else:
            self.more += 1


def _is_list_file(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(encoding="utf-8-sig") as fh:
            header = fh.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return {"list", "official_id", "name_type"} <= {c.strip().strip('"') for c in header.split(",")}


def validate_file(path: Path) -> Validation:
    """Validate ``path`` as a list file, or else as a custom watchlist."""
    path = Path(path)
    if not path.is_file():
        raise ListError(f"{path}: no such file; check the path.")
    if _is_list_file(path):
        return validate_list_frame(_read(path), path)
    parsed = custom.read(path)
    v = Validation(
        path, "custom list", entries=len(parsed.entries), names=sum(len(e.names) for e in parsed.entries)
    )
    for code, examples in sorted(parsed.problems.examples.items()):
        for example in examples:
            m = re.search(r"\b(?:row|line) (\d+): ", example)
            v.add(int(m[1]) if m else 0, code, example[m.end() :] if m else example)
        v.more += parsed.problems.counts[code] - len(examples)
    return v


def _read(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ListError(f"{path.name}: cannot be read as CSV ({exc}); save it as UTF-8 CSV.") from exc
    missing = [c for c in LIST_COLUMNS if c not in frame.columns]
    if missing:
        raise ListError(
            f"{path.name}: columns {', '.join(missing)} are missing; a list file has {', '.join(LIST_COLUMNS)}."
        )
    return frame


def validate_list_frame(frame: pd.DataFrame, path: Path) -> Validation:
    """Row-level checks of a list-file frame (row numbers are file lines, header = 1)."""
    v = Validation(path, "list file", names=len(frame))
    refs = [f"{a.strip()}:{b.strip()}" for a, b in zip(frame["list"], frame["official_id"], strict=True)]
    v.entries = len(set(refs))
    seen_names: set[tuple[str, str]] = set()
    for i, row in enumerate(frame.itertuples(index=False)):
        line = i + 2
        for col in ("list", "official_id", "name", "source", "source_date"):
            if not str(getattr(row, col)).strip():
                v.add(line, "missing-value", f"{col} is empty")
        if row.entity_type not in ENTITY_TYPES:
            v.add(
                line,
                "unknown-entity-type",
                f"entity_type '{row.entity_type}' is not one of {', '.join(ENTITY_TYPES)}",
            )
        if row.name_type not in NAME_TYPES:
            v.add(
                line,
                "unknown-name-type",
                f"name_type '{row.name_type}' is not one of {', '.join(NAME_TYPES)}",
            )
        for col in ("listed_on", "source_date"):
            value = str(getattr(row, col))
            if value and not _DATE.fullmatch(value):
                v.add(line, "bad-date", f"{col} '{value}' is not a date YYYY-MM-DD")
        for code in filter(None, str(row.countries).split(";")):
            if len(code) != 2 or country_code(code) != code:
                v.add(
                    line, "bad-country", f"country '{code}' is not an ISO 3166-1 alpha-2 code (e.g. KP, RU)"
                )
        key = (refs[i], " ".join(str(row.name).split()).casefold())
        if key in seen_names:
            v.add(line, "duplicate-name", f"{refs[i]} already has the name '{row.name}'")
        seen_names.add(key)
    _check_entries(frame, refs, v)
    v.issues.sort(key=lambda x: (x.row, x.code))
    return v


def _check_entries(frame: pd.DataFrame, refs: list[str], v: Validation) -> None:
    seen: set[str] = set()
    for i, ref in enumerate(refs):
        if i and ref == refs[i - 1]:
            continue
        if ref in seen:
            v.add(i + 2, "split-entry", f"{ref} has rows elsewhere too; keep an entry's rows together")
        seen.add(ref)
    for ref, rows in frame.groupby(pd.Series(refs, index=frame.index), sort=False):
        first = int(rows.index[0]) + 2
        primaries = int((rows["name_type"] == "primary").sum())
        if primaries != 1:
            v.add(first, "primary-count", f"{ref} has {primaries} primary names; it needs exactly one")
        elif rows["name_type"].iat[0] != "primary":
            v.add(first, "primary-not-first", f"{ref}: put the primary name on the entry's first row")
        for col in ENTRY_FIELDS:
            if rows[col].nunique() > 1:
                v.add(first, "inconsistent-entry", f"{ref}: {col} differs between its rows")
