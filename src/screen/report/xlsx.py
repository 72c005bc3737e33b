"""The Excel report: Summary, Flagged, Matches, Suppliers, Method and Audit sheets.

Written with xlsxwriter in constant-memory mode (rows streamed in order). Every value from
the input or the lists is written with ``write_string``: a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a CR is stored as text that Excel never evaluates (formula-injection
safety). Flagged and Matches carry the review columns (Decision with a drop-down, Reviewer,
Decided on, Note) and hidden key columns that ``screen review`` reads back; the hidden
``_screen`` sheet holds the hashes ``screen verify`` checks.

Above Excel's row limit (:data:`EXCEL_MAX_ROWS`, header included) the Suppliers sheet keeps
the flagged suppliers only and the Summary says so; the CSV and JSON always hold every row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter

from screen.model import ADDRESS_REF_ID, NAME_REF_ID, Match
from screen.outputs import PARALLEL_WRITE_MAX_ROWS
from screen.report.audit import write_audit, write_audit_records
from screen.report.method import method_rows
from screen.report.readback import AUDIT_SHEET, KEY_COLUMNS
from screen.report.rows import (
    CHANGE,
    RATIONALE,
    REVIEW,
    RowView,
    change_text,
    flagged_order,
    sectors_text,
    supplier_rows,
    views,
)
from screen.report.sheet import Col, Sheets, fit_height
from screen.report.summary import write_summary

if TYPE_CHECKING:
    from screen.results import Results

EXCEL_MAX_ROWS = 1_048_576
FAST_ZIP_ROWS = 20_000  # workbooks with this many suppliers are zipped at a faster level:
FAST_ZIP_LEVEL = 3  # half the time of zlib's default (1.0 s -> 0.5 s at 100k rows), a fifth larger
REVIEW_COLS = [
    Col("Decision", 16, min_width=16),
    Col("Reviewer", 12, min_width=12),
    Col("Decided on", 11, min_width=11),
    Col("Note", 24, wrap=True, min_width=24),
]
KEYS = [Col(h, 20, hidden=True) for h in KEY_COLUMNS]
_EFFECT = {
    "cleared": "cleared",
    "confirmed": "confirmed",
    "needs information": "needs information",
    "re-opened": "re-opened",
    "noted": "noted",
}


def data_limit() -> int:
    """Data rows one sheet can hold (the header takes a row)."""
    return EXCEL_MAX_ROWS - 1


def write_workbook(results: Results, path: Path) -> None:
    rows = views(results)
    notes: list[str] = []
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    # large sheets in a second process, except on very large runs (the copy costs memory)
    s = Sheets(wb, background=len(rows) <= PARALLEL_WRITE_MAX_ROWS)
    try:
        wb.set_properties(
            {
                "title": f"Supplier screening: {Path(results.run['input']['path']).name}",
                "subject": "Supplier screening report",
                "author": str(results.run.get("user", "")),
                "comments": "Written by screen",
            }
        )
        title = f"Screening report: {Path(results.run['input']['path']).name}"
        flagged = flagged_order(rows)
        # Summary first (it is the sheet that opens), so the notes are worked out before it is written
        over = len(rows) > data_limit()
        if over:
            notes.append(
                f"The input has {len(rows):,} rows, more than an Excel sheet holds ({data_limit():,}). "
                f"The Suppliers sheet lists the {sum(1 for v in rows if v.flagged):,} flagged suppliers only; "
                "every row is in the CSV and JSON results written with this report."
            )
        if len(flagged) > data_limit():
            notes.append(
                f"Only the first {data_limit():,} of {len(flagged):,} flagged suppliers fit on the Flagged sheet."
            )
        n_matches = sum(len(v.matches) for v in rows)
        if n_matches > data_limit():
            notes.append(
                f"Only the first {data_limit():,} of {n_matches:,} matches fit on the Matches sheet."
            )
        # the sheets in their order; the large Suppliers table first, as it is written in
        # the background while the others are written here
        s.reserve(["Summary", "Flagged", "Matches", "Suppliers", "Method", "Audit", AUDIT_SHEET])
        _suppliers(s, results, rows, over, title)
        write_summary(s, results, rows, flagged, notes, title)
        _flagged(s, results, flagged[: data_limit()], title)
        _matches(s, results, rows, title)
        _method(s, results, title)
        write_audit(s, results, title)
        write_audit_records(s, results)
    finally:
        try:
            s.finish()  # the tables written in the background
        finally:
            with _zip_level(FAST_ZIP_LEVEL if len(rows) >= FAST_ZIP_ROWS else None):
                wb.close()


@contextlib.contextmanager
def _zip_level(level: int | None) -> Iterator[None]:
    """Have xlsxwriter zip the workbook at zlib ``level`` (None: its default, 6). xlsxwriter
    has no option for it, so its ``ZipFile`` is swapped for one with the level set, and put
    back afterwards."""
    import xlsxwriter.workbook as xw

    original = getattr(xw, "ZipFile", None)
    if level is None or original is None:
        yield
        return

    class LevelZipFile(original):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("compresslevel", level)
            super().__init__(*args, **kwargs)

    xw.ZipFile = LevelZipFile
    try:
        yield
    finally:
        xw.ZipFile = original


def _review_cells(d: dict[str, Any] | None) -> list[Any]:
    """Pre-filled review cells for a decision that still holds (never for a re-opened one)."""
    if not d or d.get("effect") == "re-opened":
        return ["", "", "", ""]
    return [d["decision"], d.get("reviewer", ""), d.get("date", ""), d.get("note", "")]


def _status(d: dict[str, Any] | None, with_ref: bool = False) -> str:
    if not d:
        return ""
    if with_ref:
        return f"{d.get('ref_id') or 'supplier'}: {_status(d)}"
    effect = _EFFECT.get(str(d.get("effect")), str(d.get("effect")))
    if effect == "re-opened":
        return f"re-opened: was '{d['decision']}' by {d.get('reviewer')} on {d.get('date')}; {d.get('reason', '')}"
    return f"{effect} by {d.get('reviewer')} on {d.get('date')}"


def _country(v: RowView) -> str:
    if v.country_code and v.country_input.strip().upper() != v.country_code:
        return f"{v.country_input} ({v.country_code})"
    return v.country_input or "(missing)"


def _flagged(s: Sheets, res: Results, flagged: list[RowView], title: str) -> None:
    has_id = any(v.supplier_id for v in flagged)
    has_change = res.changes is not None
    has_review = any(v.decisions for v in flagged)
    cols = [
        Col("Row", 6, number="0", align="center"),
        *([Col("Supplier ID", 10)] if has_id else []),
        Col("Supplier", 26, wrap=True, min_width=20),
        Col("Country", 16, wrap=True),
        Col("Sectors", 12, wrap=True),
        Col("Risk", 8, min_width=8, align="center"),
        *([Col(CHANGE, 20, wrap=True)] if has_change else []),
        Col("Best match", 24, wrap=True, min_width=18),
        Col("Score", 6, number="0.0", align="center"),
        Col("Band", 7, align="center"),
        Col(RATIONALE, 60, wrap=True, min_width=50),
        *([Col("Review status", 22, wrap=True)] if has_review else []),
        *REVIEW_COLS,
        *KEYS,
    ]
    out = []
    for v in flagged:
        m = v.best
        # a decision on a row without a match: on the name's reference to North Korea, or on
        # its address in North Korea, if any
        ref = m.ref_id if m else (NAME_REF_ID if v.name_refs else ADDRESS_REF_ID if v.address else "")
        out.append(
            [
                v.row,
                *([v.supplier_id] if has_id else []),
                v.name,
                _country(v),
                sectors_text(v.sectors, res.reference.sectors.labels),
                v.risk,
                *([change_text(v.change)] if has_change else []),
                v.best_text(),
                m.score if m else "",
                m.band if m else "",
                "\n".join(v.rationale),
                *(["\n".join(_status(x, with_ref=True) for x in v.decisions)] if has_review else []),
                *_review_cells(v.decision_for(ref)),
                v.fingerprint,
                ref,
                m.entry_hash if m else "",
                v.supplier_id,
            ]
        )
    s.table(
        "Flagged",
        cols,
        out,
        title=title,
        risk_col="Risk",
        decision_col="Decision",
        change_col=CHANGE if has_change else None,
        input_cols=[c.header for c in REVIEW_COLS],
    )


def _alias(m: Match) -> str:
    return m.matched_alias if m.alias_type in ("primary", "") else f"{m.matched_alias} ({m.alias_type})"


def _listed_on(m: Match, res: Results) -> str:
    """The entry's listing date, else the earliest of the same entity on the other lists (OFAC's
    legacy files carry no dates; UN and UK do)."""
    if m.listed_on:
        return m.listed_on
    entries = res.reference.entry_by_id
    dates = sorted((str(entries[i].get("listed_on") or ""), i) for i in m.linked_ids if i in entries)
    dated = [(d, i) for d, i in dates if d]
    return f"{dated[0][0]} ({dated[0][1]})" if dated else ""


def _matches(s: Sheets, res: Results, rows: list[RowView], title: str) -> None:
    has_review = any(v.decisions for v in rows)
    cols = [
        Col("Row", 6, number="0", align="center"),
        Col("Supplier", 24, wrap=True, min_width=18),
        Col("Country", 7, align="center"),
        Col("List", 9),
        Col("Official ID", 10),
        Col("Listed name", 24, wrap=True, min_width=18),
        Col("Name matched", 22, wrap=True, min_width=16),
        Col("Score", 6, number="0.0", align="center"),
        Col("Band", 7, align="center"),
        Col("Explanation", 55, wrap=True, min_width=45),
        Col("Programs", 10, wrap=True),
        Col("Listed on", 12, wrap=True),
        Col("Address countries", 8, wrap=True),
        Col("Also listed as", 14, wrap=True),
        *([Col("Status", 20, wrap=True)] if has_review else []),
        *REVIEW_COLS,
        *KEYS,
    ]
    out: list[list[Any]] = []
    for v in rows:
        # a name's reference to North Korea and an address there: decided on as a match is
        flags = []
        if v.name_refs:
            flags.append(
                (
                    "name",
                    "North Korea (named in the supplier's name)",
                    ", ".join(r.term for r in v.name_refs),
                    " ".join(r.sentence() for r in v.name_refs),
                    NAME_REF_ID,
                )
            )
        if v.address is not None:
            why = next((w for w in v.rationale if w.startswith("Address ")), v.address.method)
            flags.append(
                ("address", "North Korea (the supplier's city/address)", v.address.input, why, ADDRESS_REF_ID)
            )
        for kind, listed, matched, why, ref_id in flags:
            if len(out) >= data_limit():
                break
            d = v.decision_for(ref_id)
            out.append(
                [
                    v.row,
                    v.name,
                    v.country_code,
                    kind,
                    "",
                    listed,
                    matched,
                    "",
                    "review",
                    why,
                    "",
                    "",
                    "KP",
                    "",
                    *([_status(d)] if has_review else []),
                    *_review_cells(d),
                    v.fingerprint,
                    ref_id,
                    "",
                    v.supplier_id,
                ]
            )
        for m in v.matches:
            if len(out) >= data_limit():
                break
            d = v.decision_for(m.ref_id)
            out.append(
                [
                    v.row,
                    v.name,
                    v.country_code,
                    m.list,
                    m.official_id,
                    m.name,
                    _alias(m),
                    m.score,
                    m.band,
                    m.explanation,
                    "; ".join(m.programs),
                    _listed_on(m, res),
                    "; ".join(m.countries),
                    "; ".join(m.linked_ids),
                    *([_status(d)] if has_review else []),
                    *_review_cells(d),
                    v.fingerprint,
                    m.ref_id,
                    m.entry_hash,
                    v.supplier_id,
                ]
            )
    s.table(
        "Matches", cols, out, title=title, decision_col="Decision", input_cols=[c.header for c in REVIEW_COLS]
    )


def _suppliers(s: Sheets, res: Results, views_: list[RowView], only_flagged: bool, title: str) -> None:
    header, rows = supplier_rows(
        res, only_flagged=only_flagged, row_views=views_, labels=res.reference.sectors.labels
    )
    rows = rows[: data_limit()]
    n_input = len(res.raw.columns)
    wide = {
        RATIONALE: Col(RATIONALE, 80, wrap=True, min_width=60),
        "Best match": Col("Best match", 30, wrap=True),
        REVIEW: Col(REVIEW, 30, wrap=True),
        CHANGE: Col(CHANGE, 24, wrap=True),
        "Risk": Col("Risk", 8, min_width=8, align="center"),
        "Row": Col("Row", 6, number="0", align="center"),
        "Match score": Col("Match score", 7, number="0.0", align="center"),
    }
    cols = [
        Col(h, 30, wrap=True) if 0 < i <= n_input else wide.get(h, Col(h, 14)) for i, h in enumerate(header)
    ]
    s.table(
        "Suppliers", cols, rows, title=title, risk_col="Risk", change_col=CHANGE if CHANGE in header else None
    )


def _method(s: Sheets, res: Results, title: str) -> None:
    ws = s.sheet("Method")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)
    s.page_setup(ws, title, repeat_header=False)
    ws.write_string(0, 0, "How the screening works", s.f_title)
    r = 2
    for topic, text in method_rows(res):
        if not text:
            r += 1
            ws.write_string(r, 0, topic, s.f_section)
            ws.write_blank(r, 1, None, s.f_section)
            r += 1
            continue
        height = fit_height([(topic, 34.0), (text, 110.0)])
        if height:
            ws.set_row(r, height)
        ws.write_string(r, 0, topic, s.f_bold_wrap)
        ws.write_string(r, 1, text, s.f_wrap)
        r += 1
