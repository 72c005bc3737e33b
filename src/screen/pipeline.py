"""The screening pipeline, in one place.

    read -> map columns -> resolve countries -> classify sectors -> match entities -> assess
         -> apply reviewer decisions (-> compare with the previous run)

:func:`screen_file` runs it on a file and returns :class:`screen.results.Results`;
:func:`screen_frame` runs the pure stages on a DataFrame of suppliers (one partition) and
the loaded reference. Each stage is a pure function over a frame: it returns a new frame
and never mutates its input.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from screen.assess import assess
from screen.columns import ColumnMap, map_columns
from screen.config import Config, load_config
from screen.countries import resolve_countries
from screen.decisions import DecisionBook, apply_decisions, current_user
from screen.errors import InputFileError
from screen.industry_codes import header_standard, label_cells
from screen.matching.entities import CARE_OF, match_entities
from screen.model import BLANK, FIELDS, NAME_READINGS, OTHER_COUNTRIES, OTHER_NAMES, ROW, RowIssue
from screen.name_refs import find_name_refs
from screen.parallel import Progress, WorkerDied, start_forked
from screen.read import TEXT_SUFFIXES, RawTable, read_table
from screen.reference import Reference, load_reference
from screen.rescreen import compare_with_previous, load_previous
from screen.results import Results
from screen.sectors import classify_sectors

log = logging.getLogger(__name__)


# a second name line naming another party, in whose care the supplier is reached ("c/o …")
_CARE_OF = re.compile(rf"(?:{CARE_OF})\s*[:\-]?\s*", re.IGNORECASE)


def _continued_names(columns: list[list[str]]) -> tuple[list[str], list[tuple[str, ...]]]:
    """A name over several columns ("Name 1", "Name 2", "Name 3"): per row, the parts joined (a
    spreadsheet error such as #N/A left out), and the other readings that are matched as well,
    the better match counting: Name 1 alone, Name 1 and 2 (what follows may be no part of the
    name: "FAO Mr Kim", "Dept 3"), and a party in whose care the supplier is ("c/o Korea
    Kumsan Trading")."""
    names: list[str] = []
    readings: list[tuple[str, ...]] = []
    for cells in zip(*columns, strict=True):
        kept = [p for p in cells if p and not _is_error(p)]
        name = " ".join(kept)
        other = [" ".join(kept[:k]) for k in range(1, len(kept))]  # Name 1, Name 1 + Name 2 ...
        for p in kept[1:]:
            m = _CARE_OF.match(p)
            if m and p[m.end() :].strip():
                other.append(p[m.end() :].strip())
        names.append(name)
        readings.append(tuple(dict.fromkeys(x for x in other if x != name)))
    return names, readings


def _cells(raw: pd.DataFrame, header: str) -> list[str]:
    """The column's cells as text, each run of whitespace one space, none at the ends."""
    return [" ".join(str(v).split()) for v in raw[header]]


def _filled(raw: pd.DataFrame, headers: tuple[str, ...]) -> list[tuple[tuple[str, str], ...]]:
    """Per row, (header, cell) of the columns ``headers`` filled in (not a spreadsheet error)."""
    cells = [_cells(raw, h) for h in headers]
    return [
        tuple((h, v) for h, v in zip(headers, row, strict=True) if v and not _is_error(v))
        for row in zip(*cells, strict=True)
    ]


def supplier_frame(table: RawTable, colmap: ColumnMap) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The input cells (original headers) and the working frame (mapped fields)."""
    raw = pd.DataFrame(table.rows, columns=table.headers, dtype=object)
    frame = pd.DataFrame({ROW: table.row_numbers})
    for fld in FIELDS:
        header = colmap.get(fld)
        frame[fld] = _cells(raw, header) if header else ""
    if colmap.continued:
        frame["name"], readings = _continued_names(
            [frame["name"].tolist(), *(_cells(raw, h) for h in colmap.continued)]
        )
        frame[NAME_READINGS] = pd.Series(readings, index=frame.index, dtype=object)
    # per row: (column, cell) of the other name and country columns filled in
    for key, headers in ((OTHER_NAMES, colmap.other_names), (OTHER_COUNTRIES, colmap.other_countries)):
        if headers:
            frame[key] = pd.Series(_filled(raw, headers), index=frame.index, dtype=object)
    standard = header_standard(colmap.get("code") or "")
    if standard:  # "NAICS", "SIC": the column's codes are of that standard
        frame["code"] = label_cells(frame["code"].tolist(), standard)
    # the city and the address columns, read as one place ("12 Main Street, Pyongyang")
    address = colmap.get("address")
    if address:
        street = _cells(raw, address)
        frame["city"] = [", ".join(p for p in pair if p) for pair in zip(street, frame["city"], strict=True)]
    if not colmap.get("country"):
        # no country column: the city/address is the only place a country can be named
        frame["country"] = frame["city"]
    frame[BLANK] = [not any(str(c).strip() for c in r) for r in table.rows]
    return raw, frame


# a name cell that is a table's total, a note or a repeated header rather than a supplier
_NOT_A_SUPPLIER = re.compile(
    # "Total", "Grand total: 3 suppliers", "Итого 12" (not "Total Logistics Ltd"), "Source: ERP export"
    r"^\s*(?:(?:grand\s+|sub-?\s*)?totals?|sum|summe|gesamt(?:summe)?|total\s+g[eé]n[eé]ral|итого|всего|"
    r"合计|总计|合計|총계|합계)\s*(?:$|[:：=]|\d)"
    r"|^\s*(?:source|quelle|note|notes|remarque|примечание)\s*:",
    re.IGNORECASE,
)


# what Excel (and LibreOffice) show in a cell whose formula failed
_ERROR_VALUES = frozenset(
    [
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#NAME?",
        "#DIV/0!",
        "#NULL!",
        "#NUM!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "ERR:502",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    ]
)


_LETTER = re.compile(r"[^\W\d_]")


def _is_error(cell: str) -> bool:
    """The cell shows a spreadsheet error (``_ERROR_VALUES``)."""
    return cell[:1] in "#Ee " and cell.strip().upper() in _ERROR_VALUES


def row_notes(table: RawTable, frame: pd.DataFrame, colmap: ColumnMap) -> list[RowIssue]:
    """What the reader noticed (lines with more fields than the header), and rows whose name
    cell reads as a total, a note or the header again: each still screened, and said."""
    notes = list(table.issues)
    code = colmap.get("code")
    if code and header_standard(code) == "SIC":
        notes.append(
            RowIssue(
                table.header_row,
                "codes-not-read",
                f"column '{code}' holds US SIC codes, which are not read (NAICS, ISIC and NACE are): "
                "sectors come from the activity text alone.",
            )
        )
    header = " ".join([colmap.get("name") or "", *colmap.continued])  # as the name cells are joined
    for n, name, blank in zip(
        frame[ROW].tolist(), frame["name"].tolist(), frame[BLANK].tolist(), strict=True
    ):
        if not name:
            if not blank:
                notes.append(
                    RowIssue(
                        n, "no-name", f"row {n} has no supplier name: it was not compared with the lists."
                    )
                )
            continue
        error = _is_error(name)
        if error or not _LETTER.search(name):
            what = (
                f"shows the spreadsheet error {name.strip()} (a formula that failed)"
                if error
                else f"'{name[:60]}' has no letters"
            )
            notes.append(
                RowIssue(
                    n,
                    "not-a-name",
                    f"row {n}'s supplier name {what}: it cannot match a listed name; correct the cell in the file.",
                )
            )
        elif name.casefold() == header.casefold():
            notes.append(
                RowIssue(
                    n,
                    "repeated-header",
                    f"row {n} repeats the header ('{name}'): a second table? It is screened as a supplier.",
                )
            )
        elif _NOT_A_SUPPLIER.match(name):
            notes.append(
                RowIssue(
                    n,
                    "not-a-supplier",
                    f"row {n} reads as a total or a note ('{name[:60]}'), not a supplier; it is screened as one.",
                )
            )
    notes.extend(_repeated_ids(frame))
    return sorted(notes, key=lambda i: i.row)


def _repeated_ids(frame: pd.DataFrame) -> list[RowIssue]:
    """Rows whose supplier ID an earlier row has: re-screening (--previous) and reviewers'
    decisions find a supplier by its ID, so two suppliers under one ID are worth a look."""
    if "id" not in frame.columns:
        return []
    ids = frame["id"].fillna("").astype(str).str.strip()
    again = ids.ne("") & ids.duplicated(keep="first")
    if not again.any():
        return []
    twice = ids[ids.isin(set(ids[again]))]
    first: dict[str, int] = {}
    out: list[RowIssue] = []
    for sid, n in zip(twice.tolist(), frame.loc[twice.index, ROW].tolist(), strict=True):
        if sid not in first:
            first[sid] = n
            continue
        out.append(
            RowIssue(
                n,
                "repeated-id",
                f"row {n} has supplier ID '{sid}', as row {first[sid]} does: the same supplier twice, or two under one ID? "
                "Re-screening and reviewers' decisions find a supplier by its ID.",
            )
        )
    return out


PREPARED = ("name_index", "countries", "sectors", "entry_by_id", "name_terms")
# above this, sending the rows back from the reading process costs more than building the
# indexes meanwhile saves (a 70 MB, 1M-row CSV: 5 s more, not 2 s less)
FORKED_READ_MAX_BYTES = 15_000_000


def _read_while_preparing(p: Path, sheet: str | None, cfg: Config, reference: Reference) -> RawTable:
    """Read the supplier file; when the reference's indexes are still to be built (names,
    countries, sectors), read it in a forked process and build them here meanwhile (each
    takes about a second on large inputs and full lists), for files up to
    :data:`FORKED_READ_MAX_BYTES`. A reader that dies on the file (a crash in a native
    library) is then reported as an error about the file."""
    todo = [a for a in PREPARED if a not in vars(reference)]
    if not todo or not p.is_file() or p.stat().st_size > FORKED_READ_MAX_BYTES:
        return read_table(p, sheet=sheet, limits=cfg.limits)
    waiting = start_forked(partial(read_table, p, sheet=sheet, limits=cfg.limits))
    for attr in todo:
        getattr(reference, attr)
    try:
        return waiting()
    except WorkerDied as exc:
        raise InputFileError(
            f"{p}: the spreadsheet reader stopped on this file ({exc}); open it in a spreadsheet "
            "program and save it again as .xlsx or .csv."
        ) from exc


def _format_read(path: Path, table: RawTable) -> str:
    """The file's format as it was read: its extension, unless its content is another kind
    (text named .xlsx was read as CSV; a workbook named .csv as a spreadsheet; an HTML table
    named .xls as HTML)."""
    suffix = path.suffix.lower()
    if table.sheet is None and table.delimiter is None:
        return "html"  # an HTML table saved as .xls (an ERP's "Excel export")
    if table.sheet is None and suffix not in TEXT_SUFFIXES:
        return "csv"
    if table.sheet is not None and suffix in TEXT_SUFFIXES:
        return "spreadsheet"
    return suffix.lstrip(".")


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: nothing."""


def screen_frame(
    df: pd.DataFrame,
    reference: Reference,
    config: Config | None = None,
    workers: int = 1,
    decisions: DecisionBook | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Run the pure screening stages over one partition of suppliers.

    ``df`` needs a ``name`` column; ``country``, ``industry``, ``code`` are used when present.
    Entity matching runs on ``workers`` cores; ``progress(stage, done, total)`` hears of each stage.
    """
    note = progress or _quiet
    cfg = config or Config()
    df = df.copy()
    for fld in ("name", "country", "industry", "code"):
        if fld not in df:
            df[fld] = ""
    if BLANK not in df:
        df[BLANK] = [not str(n).strip() for n in df["name"]]
    note("countries", 0, 1)
    df = resolve_countries(df, reference.countries)
    note("sectors", 0, 1)
    df = classify_sectors(df, reference.sectors)
    note("index", 0, 1)
    index = reference.name_index  # built once per reference, then cached
    df = match_entities(df, reference, index, cfg.matching, workers=workers, progress=note)
    df = find_name_refs(df, reference.name_terms)
    note("assess", 0, 1)
    df = assess(df, cfg.policy)
    return apply_decisions(df, decisions, cfg.policy)


def screen_file(
    path: str | Path,
    *,
    reference: Reference | None = None,
    reference_paths: Sequence[str | Path] = (),
    config: Config | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    workers: int | None = None,
    decisions: str | Path | DecisionBook | None = None,
    previous: str | Path | dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> Results:
    """Screen one supplier file against the bundled (and any extra) reference lists.

    ``workers``: cores for entity matching (default: up to 2); ``progress(stage, done, total)``
    is called as the run advances (stages: read, countries, sectors, index, match, assess).
    ``previous``: the previous run's JSON results (a path, or the document loaded; see
    :mod:`screen.rescreen`).
    """
    started = dt.datetime.now(dt.UTC)
    cfg = config or load_config()
    p = Path(path)
    note = progress or _quiet
    if reference is None:
        reference = load_reference(list(reference_paths), entity_types=cfg.matching.entity_types)
    note("read", 0, 1)
    table = _read_while_preparing(p, sheet, cfg, reference)
    colmap = map_columns(table.headers, columns, source=p.name, sample=table.rows[:200])
    log.info("%s: columns %s", p.name, colmap.describe())
    raw, frame = supplier_frame(table, colmap)
    book = DecisionBook.load(decisions) if isinstance(decisions, (str, Path)) else decisions
    screened = screen_frame(
        frame, reference, cfg, workers=workers or min(2, os.cpu_count() or 1), decisions=book, progress=note
    )
    changes = None
    if previous is not None:
        prev = previous if isinstance(previous, dict) else load_previous(previous)
        screened, changes = compare_with_previous(screened, prev)
    run = run_metadata(p, table, colmap, reference, cfg, started)
    if book is not None:
        run["decisions"] = book.describe()
    return Results(
        frame=screened,
        raw=raw,
        run=run,
        reference=reference,
        config=cfg,
        issues=row_notes(table, frame, colmap),
        changes=changes,
    )


LIST_AGE_WARN_DAYS = 90  # a list older than this on the day of the run is said to be old
_LIST_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def stale_lists(reference: Reference, on: dt.datetime) -> list[str]:
    """One sentence naming the lists whose version is dated more than LIST_AGE_WARN_DAYS before
    ``on`` (or none): sanctions lists change every week or two, and a clear result is only as
    current as they are."""
    old = []
    for li in reference.lists:
        m = _LIST_DATE.match(li.version)
        if not m:
            continue
        try:
            age = (on.date() - dt.date(*map(int, m.groups()))).days
        except ValueError:
            continue
        if age > LIST_AGE_WARN_DAYS:
            old.append(f"{li.name} {m.group(0)} ({age} days)")
    if not old:
        return []
    return [
        f"lists older than {LIST_AGE_WARN_DAYS} days on the day of this run: {', '.join(old)}; entities "
        "designated since are not screened: import the current lists (screen reference import) before "
        "relying on a clear result."
    ]


def run_metadata(
    path: Path, table: RawTable, colmap: ColumnMap, reference: Reference, cfg: Config, started: dt.datetime
) -> dict[str, Any]:
    from screen import __version__

    return {
        "tool_version": __version__,
        "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "finished_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "user": current_user(),
        "input": {
            "path": str(path),
            "sha256": table.sha256,
            "sheet": table.sheet,
            "header_row": table.header_row,
            "rows": len(table.rows),
            "format": _format_read(path, table),
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "sheets": table.sheets,
        },
        "columns": colmap.as_dict(),
        "country_read_from": colmap.get("country")
        or " + ".join(h for h in (colmap.get("address"), colmap.get("city")) if h)
        or None,
        "reference": reference.describe(),
        "reference_tables": [t.as_contract() for t in reference.tables],
        "reference_warnings": [*reference.warnings, *stale_lists(reference, started)],
        "config_sha256": cfg.sha256(),
        "config": cfg.to_dict(),
        "config_source": cfg.source,
    }
