"""The list-file format: entries to rows (one per name), and reading and writing list files.

A list file is a UTF-8 CSV with the columns :data:`LIST_COLUMNS`, one row per name of an
entry, the entry's primary name first. :func:`finish` filters parsed entries and builds the
:class:`ImportResult`; :func:`write_list_file` writes atomically (temp file + ``os.replace``).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from screen.errors import ListError
from screen.importers.common import LIST_COLUMNS, NAME_TYPES, Entry, Parsed, Problems, trim_remarks
from screen.importers.filters import select

log = logging.getLogger(__name__)

_NAME_RANK = {t: i for i, t in enumerate(NAME_TYPES)}


@dataclass
class ImportResult:
    """An imported list: the list-file rows plus what was dropped or could not be read."""

    frame: pd.DataFrame
    list_name: str
    source: str
    source_date: str
    problems: Problems
    filtered: Counter[str] = field(default_factory=Counter)  # entries left out, by reason

    @property
    def entries(self) -> int:
        return int(self.frame["official_id"].nunique()) if len(self.frame) else 0

    @property
    def names(self) -> int:
        return len(self.frame)


def _natural(official_id: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", official_id) if p
    )


def entries_to_frame(
    entries: Iterable[Entry], *, list_name: str, source: str, source_date: str
) -> pd.DataFrame:
    """The list-file rows: entries in natural id order, primary name first, then by type and name."""
    rows: list[tuple[str, ...]] = []
    for e in sorted(entries, key=lambda x: _natural(x.official_id)):
        if not e.names:
            continue
        primary, rest = e.names[0], e.names[1:]
        ordered = [primary, *sorted(rest, key=lambda n: (_NAME_RANK.get(n[0], 9), n[1].casefold(), n[1]))]
        programs, countries = ";".join(e.programs), ";".join(sorted(e.countries))
        for name_type, name in ordered:
            rows.append(
                (
                    list_name,
                    e.official_id,
                    e.entity_type,
                    name_type,
                    name,
                    programs,
                    countries,
                    e.listed_on,
                    e.group_id,
                    source,
                    source_date,
                    trim_remarks(e.remarks),
                )
            )
    return pd.DataFrame(rows, columns=list(LIST_COLUMNS), dtype=str)


def finish(
    parsed: Parsed,
    *,
    program: str | None = None,
    list_name: str | None = None,
    include_individuals: bool = True,
    include_vessels: bool = True,
) -> ImportResult:
    """Filter the parsed entries and build the :class:`ImportResult`."""
    named = [e for e in parsed.entries if e.names]
    for e in parsed.entries:
        if not e.names:
            parsed.problems.add("no-name", e.official_id)
    kept, dropped = select(
        named, program=program, include_individuals=include_individuals, include_vessels=include_vessels
    )
    name = list_name or parsed.list_name
    frame = entries_to_frame(kept, list_name=name, source=parsed.source, source_date=parsed.source_date)
    log.info(
        "%s: %d entries, %d names kept; %d left out by filters",
        name,
        len(kept),
        len(frame),
        sum(dropped.values()),
    )
    return ImportResult(frame, name, parsed.source, parsed.source_date, parsed.problems, dropped)


def default_list_path(list_name: str, source_date: str) -> Path:
    """``$XDG_DATA_HOME/screen/lists/<list>-<date>.csv`` (``~/.local/share`` when unset)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", list_name).strip("_") or "list"
    return base / "screen" / "lists" / f"{safe}-{source_date or 'undated'}.csv"


def read_list_file(path: Path) -> pd.DataFrame:
    """A list file as text cells (``NA`` stays Namibia), checking the header."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ListError(
            f"{path}: cannot be read as a list file ({exc}); re-create it with 'screen reference import'."
        ) from exc
    missing = [c for c in LIST_COLUMNS if c not in frame.columns]
    if missing:
        raise ListError(
            f"{path}: not a list file, columns {', '.join(missing)} are missing; "
            "import the source with 'screen reference import KIND FILE'."
        )
    return frame[list(LIST_COLUMNS)]


def write_list_file(result: ImportResult | pd.DataFrame, path: Path) -> Path:
    """Write the rows as a UTF-8 CSV, atomically (temp file in the same folder + ``os.replace``)."""
    frame = result.frame if isinstance(result, ImportResult) else result
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            frame[list(LIST_COLUMNS)].to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; list files are meant to be shared
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ListError(f"{path}: cannot be written ({exc.strerror}); choose another --out.") from exc
    return path
