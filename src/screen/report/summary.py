"""The Summary sheet: what was screened, what was found, what changed, what to do next."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screen.model import ADDRESS_REF_ID, NAME_REF_ID
from screen.report.rows import RowView
from screen.report.sheet import RISK_COLOURS, Sheets, fit_height

if TYPE_CHECKING:
    from screen.results import Results

RISK_MEANING = {
    "high": (
        "a listed-entity hit, a match confirmed by a reviewer, or a supplier located in North Korea "
        "(by country, city/address or another country column such as the goods' origin)"
    ),
    "medium": "a possible listed entity (review band), a high-risk country with a core sector, or an ambiguous country",
    "low": "a high-risk country alone, a core sector alone, or an extended sector in a high-risk country",
    "clear": "none of these (an extended sector alone is noted, not flagged)",
}
NAME_REFERENCE = "a name that refers to North Korea"


def risk_meaning(risk: str, name_reference_risk: str) -> str:
    """What a risk level means under the run's policy (where a name that refers to North Korea goes)."""
    text = RISK_MEANING[risk]
    if risk != name_reference_risk:
        return text
    head, sep, tail = text.rpartition(", or ")
    return f"{head}, {tail}, or {NAME_REFERENCE}" if sep else f"{text}, or {NAME_REFERENCE}"


CHANGE_MEANING = {
    "new": "not in the previous run",
    "changed": "in both runs; its data or its screening result differ",
    "unchanged": "in both runs with the same result",
    "removed": "in the previous run, not in this input",
}
HOW_TO_REVIEW = (
    "On the Matches sheet (one row per candidate match) or the Flagged sheet (the best match shown), choose a "
    "Decision from the drop-down — true match, false positive or needs information — and fill in Reviewer, "
    "Decided on (YYYY-MM-DD; today if empty) and Note. Then run 'screen review THIS_REPORT.xlsx --decisions "
    "decisions.csv' and screen the next file with '--decisions decisions.csv': false positives stay cleared "
    "(and shown as cleared) until the supplier's data or the list entry changes."
)
TOP = 15
WIDTHS = (34.0, 70.0, 11.0, 11.0)


NOTES_SHOWN = 20  # rows to look at, listed on the Summary (all of them in the JSON)


def _reasons(res: Results, rows: list[RowView]) -> Counter[str]:
    policy = res.config.policy
    counted = frozenset(policy.high_risk_country_factors)
    out: Counter[str] = Counter()
    for v in rows:
        if v.risk == "clear":
            continue
        cleared = v.cleared
        live = [m for m in v.matches if m.ref_id not in cleared]
        if any(m.band == "hit" for m in live):
            out["listed entity (hit)"] += 1
        elif live:
            out["possible listed entity (review)"] += 1
        if any(d.get("effect") == "confirmed" for d in v.decisions):
            out["match confirmed by a reviewer"] += 1
        if v.name_refs and NAME_REF_ID not in cleared and policy.name_reference_risk != "none":
            out["name refers to North Korea"] += 1
        # as the assessment counts them: North Korea as "located" only while the policy lists
        # its factor (dprk_origin); else as any other high-risk country, or not at all
        c, a = v.country, v.address if ADDRESS_REF_ID not in cleared else None
        factors = {f.factor for x in (c, a) if x is not None for f in x.factors} & counted
        if c is not None and (c.code == "KP" or c.north_korea_among_others) and "dprk_origin" in factors:
            out["located in North Korea"] += 1
        elif a is not None and "dprk_origin" in factors:
            out["another country column says North Korea" if a.column else "address in North Korea"] += 1
        elif c is not None and c.status == "ambiguous":
            out["ambiguous country (North or South Korea?)"] += 1
        elif factors:
            out["high-risk country"] += 1
        if any(s.sector in policy.core_sectors for s in v.sectors):
            out["core sector"] += 1
        elif v.sectors:
            out["extended sector"] += 1
    return out


class _Cursor:
    """Writes the Summary top to bottom (constant-memory mode needs rows in order)."""

    def __init__(self, s: Sheets, ws: Any) -> None:
        self.s, self.ws, self.r = s, ws, 0

    def section(self, title: str) -> None:
        self.r += 1
        for c in range(4):
            self.ws.write_blank(self.r, c, None, self.s.f_section)
        self.ws.write_string(self.r, 0, title, self.s.f_section)
        self.r += 1

    def pair(self, key: str, value: Any) -> None:
        self.fit((key, WIDTHS[0]), (value, WIDTHS[1]))
        self.ws.write_string(self.r, 0, key, self.s.f_bold)
        self.s.cell(self.ws, self.r, 1, value, self.s.f_wrap)
        self.r += 1

    def fit(self, *cells: tuple[Any, float]) -> None:
        height = fit_height(cells)
        if height:
            self.ws.set_row(self.r, height)

    def head(self, *cells: str) -> None:
        for c, h in enumerate(cells):
            self.ws.write_string(self.r, c, h, self.s.f_head)
        self.r += 1

    def line(self, text: str, fmt: Any) -> None:
        self.ws.merge_range(self.r, 0, self.r, 3, "", fmt)
        self.ws.write_string(self.r, 0, text, fmt)
        self.fit((text, sum(WIDTHS)))
        self.r += 1


def write_summary(
    s: Sheets, res: Results, rows: list[RowView], flagged: list[RowView], notes: list[str], title: str
) -> None:
    ws = s.sheet("Summary")
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    s.page_setup(ws, title, repeat_header=False)
    ws.hide_gridlines(2)
    k = _Cursor(s, ws)
    run = res.run
    inp = run["input"]
    ws.write_string(0, 0, "Supplier screening report", s.f_title)
    k.r = 1
    ws.write_string(
        k.r, 0, f"{Path(inp['path']).name} — screened {run['started_at']} by {run.get('user', '?')}", s.f_note
    )
    k.r += 1
    for note in notes:
        k.r += 1
        k.line(note, s.f_alert)

    k.section("Risk levels")
    k.head("Risk level", "Meaning", "Suppliers", "Share")
    counts = res.counts()
    total = max(len(rows), 1)
    first = k.r
    for risk in ("high", "medium", "low", "clear"):
        meaning = risk_meaning(risk, res.config.policy.name_reference_risk)
        if risk == "clear" and (blank := res.blank_rows()):
            meaning += f"; {blank:,} of them blank rows, with nothing to screen"
        k.fit((meaning, WIDTHS[1]))
        ws.write_string(k.r, 0, risk, s.risk_formats[risk])
        ws.write_string(k.r, 1, meaning, s.f_wrap)
        ws.write_number(k.r, 2, counts[risk], s.f_text)
        ws.write_number(k.r, 3, counts[risk] / total, s.f_pct)
        k.r += 1
    ws.write_string(k.r, 0, "total", s.f_bold)
    ws.write_number(k.r, 2, len(rows), s.f_bold)
    k.r += 1
    chart = s.wb.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Suppliers",
            "categories": ["Summary", first, 0, first + 3, 0],
            "values": ["Summary", first, 2, first + 3, 2],
            "data_labels": {"value": True},
            "points": [
                {"fill": {"color": RISK_COLOURS[x]}, "border": {"color": "#595959"}}
                for x in ("high", "medium", "low", "clear")
            ],
        }
    )
    chart.set_title({"name": "Suppliers by risk level", "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_size({"width": 620, "height": 210})
    ws.insert_chart(k.r + 1, 0, chart, {"x_offset": 4, "y_offset": 2, "object_position": 3})
    k.r += 12
    k.section("How to review")
    k.line(HOW_TO_REVIEW, s.f_wrap)
    reasons = _reasons(res, rows)
    k.section("Why suppliers were flagged")
    k.head("Reason", "", "Suppliers", "")
    for reason, n in reasons.most_common():
        ws.write_string(k.r, 0, reason, s.f_text)
        ws.write_number(k.r, 2, n, s.f_text)
        k.r += 1
    if not reasons:
        ws.write_string(k.r, 0, "No supplier was flagged.", s.f_text)
        k.r += 1

    effects = Counter(str(d.get("effect")) for v in rows for d in v.decisions)
    if "decisions" in run or effects:
        k.section("Reviewer decisions applied")
        dec = run.get("decisions") or {}
        k.pair(
            "Decisions file", f"{Path(str(dec.get('path', ''))).name} ({dec.get('decisions', 0)} decisions)"
        )
        for effect in ("cleared", "confirmed", "needs information", "re-opened", "noted"):
            if effects[effect]:
                k.pair(effect, effects[effect])

    if res.changes is not None:
        _changes(k, res.changes)

    if res.issues:
        k.section(f"Rows to look at in the input ({len(res.issues)})")
        for issue in res.issues[:NOTES_SHOWN]:
            k.line(issue.message, s.f_wrap)
        if len(res.issues) > NOTES_SHOWN:
            k.line(
                f"… and {len(res.issues) - NOTES_SHOWN} more (all in the JSON results, 'issues').", s.f_note
            )

    k.section(f"Top flagged suppliers (of {sum(1 for v in flagged if v.risk != 'clear')})")
    k.head("Supplier (row)", "Main reason", "Risk", "Best score")
    for v in [v for v in flagged if v.risk != "clear"][:TOP]:
        k.fit((f"{v.name} (row {v.row})", WIDTHS[0]), (_main_reason(v), WIDTHS[1]))
        s.cell(ws, k.r, 0, f"{v.name} (row {v.row})", s.f_wrap)
        s.cell(ws, k.r, 1, _main_reason(v), s.f_wrap)
        ws.write_string(k.r, 2, v.risk, s.risk_formats[v.risk])
        s.cell(ws, k.r, 3, v.score or "", s.number_format("0.0"))
        k.r += 1

    k.section("Run settings")
    m = res.config.matching
    k.pair("Input file", f"{Path(inp['path']).name} (SHA-256 {inp['sha256'][:16]}…)")
    k.pair("Sheet / header row", f"{inp['sheet'] or '(text file)'} / row {inp['header_row']}")
    blank = res.blank_rows()
    k.pair(
        "Rows screened",
        f"{len(rows):,} ({blank:,} blank: reported, nothing to screen)" if blank else len(rows),
    )
    k.pair("Columns used", "; ".join(f"{f} = '{h}'" for f, h in run["columns"].items()))
    k.pair(
        "Lists", "; ".join(f"{x['list']} {x['version']} ({x['entries']} entries)" for x in run["reference"])
    )
    k.pair("Match thresholds", f"hit at score ≥ {m.hit:g}; review at score ≥ {m.review:g} (0–100)")
    k.pair("Core sectors", ", ".join(res.config.policy.core_sectors))
    k.pair("Settings", f"{run.get('config_source', 'defaults')} (SHA-256 {run['config_sha256'][:16]}…)")
    k.pair("Tool version", f"screen {run['tool_version']}")
    k.pair("Details", "Method sheet: how each check works; Audit sheet: hashes of the input and every list.")

    warnings = list(run.get("reference_warnings", []))
    if warnings:
        k.section("Warnings")
        for w in warnings:
            k.line(w, s.f_alert)


def _main_reason(v: RowView) -> str:
    """The first reason, short: the match in one line, or the first sentence of the rationale."""
    cleared = {d["ref_id"] for d in v.decisions if d.get("effect") == "cleared"}
    live = [m for m in v.matches if m.ref_id not in cleared]
    if live:
        m = live[0]
        kind = "listed entity (hit)" if m.band == "hit" else "possible listed entity (review)"
        return f"{kind}: {m.ref_id} '{m.name}', score {m.score:g}"
    text = v.rationale[0] if v.rationale else ""
    if len(text) <= 180:
        return text
    cut = text[:179]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:(") + "…"  # at a word's end


def _changes(k: _Cursor, changes: dict[str, Any]) -> None:
    s, ws = k.s, k.ws
    prev = changes.get("previous", {})
    k.section("Changes since the previous run")
    k.pair(
        "Previous results",
        f"none: {prev['none']}"
        if prev.get("none")
        else f"{Path(str(prev.get('path', ''))).name} (screened {prev.get('started_at', '?')})",
    )
    k.head("Status", "Meaning", "Suppliers", "")
    counts = changes.get("counts", {})
    for status in ("new", "changed", "unchanged", "removed"):
        ws.write_string(k.r, 0, status, s.f_text)
        ws.write_string(k.r, 1, CHANGE_MEANING[status], s.f_wrap)
        ws.write_number(k.r, 2, int(counts.get(status, 0)), s.f_text)
        k.r += 1
    k.pair("Risk went up", int(changes.get("risk_up", 0)))
    k.pair("Risk went down", int(changes.get("risk_down", 0)))
    removed = changes.get("removed", [])
    if removed:
        k.r += 1
        k.head("Removed supplier", "Previous row, ID and risk", "", "")
        for item in removed[:50]:
            k.fit((str(item.get("name", "")), WIDTHS[0]))
            s.cell(ws, k.r, 0, item.get("name", ""), s.f_wrap)
            ident = f"row {item.get('row')}" + (
                f", ID {item['supplier_id']}" if item.get("supplier_id") else ""
            )
            s.cell(ws, k.r, 1, f"{ident}; risk was {item.get('risk')}", s.f_wrap)
            k.r += 1
        if len(removed) > 50:
            k.line(
                f"… and {len(removed) - 50} more; all are listed under 'changes.removed' in the JSON results.",
                s.f_note,
            )
