"""Reading a report back: the reviewers' decisions and the hidden audit records.

The Flagged and Matches sheets carry hidden key columns (``key: fingerprint``,
``key: ref_id``, ``key: entry_hash``, ``key: supplier_id``) so that a decision typed into a
row can be keyed without screening again; the hidden ``_screen`` sheet holds the hashes that
``screen verify`` checks. Columns are found by their header text, so a reviewer may sort,
filter, or insert columns of their own.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from screen.decisions import DECISIONS, Decision, DecisionsError, normalize_decision, today

KEY_COLUMNS = ("key: fingerprint", "key: ref_id", "key: entry_hash", "key: supplier_id")
AUDIT_SHEET = "_screen"
AUDIT_HEADER = ("kind", "name", "version", "origin", "file", "sha256")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _open(path: Path) -> Any:
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise DecisionsError(f"{path}: no such file; check the path.") from exc
    except InvalidFileException as exc:  # another kind of file: results.json given for the report
        raise DecisionsError(
            f"{path.name}: not an .xlsx report; pass the report workbook written by 'screen run' (-o)."
        ) from exc
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DecisionsError(
            f"{path.name}: not a readable .xlsx report ({exc}); pass the report written by 'screen run'."
        ) from exc


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _date(v: object, where: str, unreadable: list[str]) -> str:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    t = _text(v)
    if not t:
        return today()
    if _ISO.match(t):
        return t
    read = _other_date(t)
    if read:
        return read
    # not today's date instead: a decision dated wrongly could win over a later one
    unreadable.append(f"{where}, Decided on '{t}'" + (" (day or month first?)" if _DMY.match(t) else ""))
    return ""


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")


def _other_date(t: str) -> str:
    """A date typed as text in a form that says which part is which: 2026/12/07, 07.12.2026
    (day first, as written with dots), 25/12/2026 or 12/25/2026 (one part over 12); "" for
    12/07/2026, which could be either."""
    m = _YMD.match(t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = _DMY.match(t)
        if not m:
            return ""
        a, b, y = map(int, m.groups())
        if "." in t or a > 12:
            d, mo = a, b
        elif b > 12:
            mo, d = a, b
        else:
            return ""
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def _sheet_decisions(
    ws: Any,
    sheet: str,
    reviewer: str,
    warnings: list[str],
    source: str,
    unreadable: list[str],  # cells that cannot be read: decisions and dates
    defaulted: list[str],
) -> list[tuple[int, Decision]]:
    rows = ws.iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, ())]
    pos = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in ("Decision", *KEY_COLUMNS[:3]) if h not in pos]
    if missing:
        raise DecisionsError(
            f"{source}: {sheet} sheet has no column(s) {', '.join(repr(m) for m in missing)}; "
            "pass a report written by 'screen run' (the key columns are hidden, do not delete them)."
        )

    def get(cells: tuple[Any, ...], name: str) -> Any:
        i = pos.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    out: list[tuple[int, Decision]] = []
    for r, cells in enumerate(rows, start=2):
        raw = _text(get(cells, "Decision"))
        if not raw:
            continue
        where = f"{sheet} row {r}"
        decision = normalize_decision(raw)
        if decision is None:
            # stops the review, as in a decisions file: a reviewer's decision is never dropped
            unreadable.append(f"{where}, Decision '{raw}' (use {', '.join(DECISIONS)})")
            continue
        fp = _text(get(cells, "key: fingerprint"))
        if not fp:
            warnings.append(f"{where}: the hidden key columns are empty; skipped.")
            continue
        who = _text(get(cells, "Reviewer"))
        if not who:
            defaulted.append(where)
            who = reviewer
        listed = _text(get(cells, "Listed name")) or _text(get(cells, "Best match"))
        out.append(
            (
                r,
                Decision(
                    fingerprint=fp,
                    ref_id=_text(get(cells, "key: ref_id")),
                    decision=decision,
                    reviewer=who,
                    date=_date(get(cells, "Decided on"), where, unreadable),
                    note=" ".join(_text(get(cells, "Note")).split()),
                    entry_hash=_text(get(cells, "key: entry_hash")),
                    supplier_id=_text(get(cells, "key: supplier_id")),
                    supplier=_text(get(cells, "Supplier")),
                    listed_name=listed,
                ),
            )
        )
    return out


def read_report_decisions(path: str | Path, reviewer: str) -> tuple[list[Decision], list[str]]:
    """The decisions filled in on a report's Matches and Flagged sheets, and warnings.

    Where the two sheets disagree for the same supplier and entry, the later decision (its
    "Decided on") wins, and on the same day the Matches sheet's; ``reviewer`` is used where
    the Reviewer cell is empty.
    """
    p = Path(path)
    wb = _open(p)
    warnings: list[str] = []
    try:
        sheets = [s for s in ("Matches", "Flagged") if s in wb.sheetnames]
        if not sheets:
            raise DecisionsError(
                f"{p.name}: no Matches or Flagged sheet; sheets are: {', '.join(wb.sheetnames)}. "
                "Pass the report written by 'screen run'."
            )
        found: dict[tuple[str, str], tuple[str, Decision]] = {}
        unreadable: list[str] = []
        defaulted: list[str] = []  # decisions whose Reviewer cell was empty
        for sheet in sheets:
            for r, d in _sheet_decisions(wb[sheet], sheet, reviewer, warnings, p.name, unreadable, defaulted):
                where = f"{sheet} row {r}"
                prev = found.get(d.key)
                if prev is None:
                    found[d.key] = (where, d)
                elif prev[1].decision != d.decision:
                    # the later decision wins (a reviewer who changes a pre-filled decision on one
                    # sheet leaves the old one on the other); on the same day, the Matches sheet's
                    (kept, lost) = ((where, d), prev) if d.date > prev[1].date else (prev, (where, d))
                    found[d.key] = kept
                    warnings.append(
                        f"{lost[0]}: '{lost[1].decision}' for {d.ref_id or 'the supplier'} conflicts with "
                        f"'{kept[1].decision}' on {kept[0]}; {kept[0]} is used (the later decision, or "
                        "the Matches sheet's on the same day)."
                    )
        if defaulted:
            more = f" and {len(defaulted) - 1} more" if len(defaulted) > 1 else ""
            warnings.append(
                f"{defaulted[0]}{more}: no Reviewer given; recorded as '{reviewer}' "
                "(pass --reviewer NAME, or fill in the Reviewer cells, to record someone else)."
            )
        if unreadable:
            more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
            raise DecisionsError(
                f"{p.name}: {unreadable[0]}{more} cannot be read; write decisions as the drop-down "
                "offers them and dates as YYYY-MM-DD (e.g. 2026-12-07; empty for today), and run "
                "'screen review' again."
            )
    finally:
        wb.close()
    return [d for _, d in found.values()], warnings


def read_audit_records(path: str | Path) -> list[dict[str, str]]:
    """The rows of the hidden ``_screen`` sheet (kind, name, version, origin, file, sha256)."""
    p = Path(path)
    wb = _open(p)
    try:
        if AUDIT_SHEET not in wb.sheetnames:
            raise DecisionsError(
                f"{p.name}: no '{AUDIT_SHEET}' audit sheet; only reports written by 'screen run' can be verified."
            )
        rows = wb[AUDIT_SHEET].iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, ())]
        return [dict(zip(header, (_text(c) for c in cells), strict=False)) for cells in rows if any(cells)]
    finally:
        wb.close()
