"""The Excel report: Summary, Flagged, Matches, Suppliers, Method and Audit sheets.

Written with xlsxwriter in constant-memory mode (rows streamed in order). Every value from
the input or the lists is written with ``write_string``: a cell starting with ``=``, ``+``,
``-`` or ``@`` is stored as text that Excel never evaluates (formula-injection safety).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter

from screen.model import RISK_ORDER, Match
from screen.report.method import method_rows
from screen.report.rows import country_cells, sectors_text, supplier_rows

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from screen.results import Results

EXCEL_MAX_ROWS = 1_048_576
DECISIONS = ["true match", "false positive", "needs information"]
RISK_COLOURS = {"high": "#F4B6B6", "medium": "#FBD9A6", "low": "#FFF2B3", "clear": "#D6EFD8"}


class _Writer:
    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.f_head = wb.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True,
                                     "valign": "top", "border": 1})
        self.f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.f_top = wb.add_format({"valign": "top"})
        self.f_title = wb.add_format({"bold": True, "font_size": 16})
        self.f_bold = wb.add_format({"bold": True, "valign": "top"})
        self.f_num = wb.add_format({"valign": "top", "num_format": "0.0"})
        self.risk_formats = {r: wb.add_format({"bg_color": c}) for r, c in RISK_COLOURS.items()}

    def cell(self, ws: Worksheet, r: int, c: int, v: Any, fmt: Any = None) -> None:
        if v is None or v == "":
            ws.write_blank(r, c, None, fmt or self.f_top)
        elif isinstance(v, bool):
            ws.write_string(r, c, "yes" if v else "no", fmt or self.f_top)
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, fmt or self.f_top)
        else:
            ws.write_string(r, c, str(v)[:32767], fmt or self.f_top)

    def table(
        self,
        name: str,
        header: list[str],
        rows: list[list[Any]],
        widths: dict[int, float] | None = None,
        wrap: set[int] | None = None,
        risk_col: int | None = None,
        decision_col: int | None = None,
    ) -> Worksheet:
        ws = self.wb.add_worksheet(name)
        for c, h in enumerate(header):
            ws.write_string(0, c, h, self.f_head)
            w = (widths or {}).get(c, min(max(len(h) + 2, 10), 40))
            ws.set_column(c, c, w, self.f_wrap if wrap and c in wrap else None)
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                self.cell(ws, r, c, v, self.f_wrap if wrap and c in wrap else None)
        last = max(len(rows), 1)
        ws.autofilter(0, 0, last, len(header) - 1)
        if risk_col is not None and rows:
            for risk, fmt in self.risk_formats.items():
                ws.conditional_format(1, risk_col, last, risk_col,
                                      {"type": "cell", "criteria": "==", "value": f'"{risk}"', "format": fmt})
        if decision_col is not None:
            ws.data_validation(1, decision_col, max(last, 1000), decision_col,
                               {"validate": "list", "source": DECISIONS, "ignore_blank": True,
                                "input_title": "Decision", "input_message": "true match, false positive or needs information"})
        return ws


def _sort_key(item: tuple[int, str, float]) -> tuple[int, float, int]:
    i, risk, score = item
    return (-RISK_ORDER[risk], -score, i)


def write_workbook(results: Results, path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    try:
        w = _Writer(wb)
        _summary(w, results)
        _flagged(w, results)
        _matches(w, results)
        _suppliers(w, results)
        _method(w, results)
        _audit(w, results)
    finally:
        wb.close()


def _summary(w: _Writer, res: Results) -> None:
    ws = w.wb.add_worksheet("Summary")
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 4, 14)
    run = res.run
    ws.write_string(0, 0, "Supplier screening report", w.f_title)
    info = [
        ("Input file", Path(run["input"]["path"]).name),
        ("Sheet / header row", f"{run['input']['sheet'] or '(text file)'} / row {run['input']['header_row']}"),
        ("Rows screened", len(res.frame)),
        ("Screened at (UTC)", run["started_at"]),
        ("Tool version", run["tool_version"]),
        ("Lists", "; ".join(f"{r['list']} {r['version']} ({r['entries']} entries)" for r in run["reference"])),
        ("Thresholds", f"hit ≥ {res.config.matching.hit:g}, review ≥ {res.config.matching.review:g}"),
    ]
    r = 2
    for k, v in info:
        ws.write_string(r, 0, k, w.f_bold)
        w.cell(ws, r, 1, v, w.f_wrap)
        r += 1
    r += 1
    ws.write_string(r, 0, "Risk level", w.f_head)
    ws.write_string(r, 1, "Suppliers", w.f_head)
    first = r + 1
    counts = res.counts()
    for risk in ("high", "medium", "low", "clear"):
        r += 1
        ws.write_string(r, 0, risk, w.risk_formats[risk])
        ws.write_number(r, 1, counts[risk])
    chart = w.wb.add_chart({"type": "bar"})
    chart.add_series({"name": "Suppliers by risk", "categories": ["Summary", first, 0, r, 0],
                      "values": ["Summary", first, 1, r, 1],
                      "points": [{"fill": {"color": RISK_COLOURS[k]}, "border": {"color": "#555555"}}
                                 for k in ("high", "medium", "low", "clear")]})
    chart.set_legend({"none": True})
    chart.set_title({"name": "Suppliers by risk level"})
    chart.set_y_axis({"reverse": True})
    ws.insert_chart(2, 2, chart, {"x_scale": 0.9, "y_scale": 0.8})
    r += 2
    reasons = Counter()
    for ms, country, sectors, risk in zip(res.frame["matches"], res.frame["country_result"], res.frame["sectors"],
                                          res.frame["risk"], strict=True):
        if risk == "clear":
            continue
        if any(m.band == "hit" for m in ms):
            reasons["listed entity (hit)"] += 1
        elif ms:
            reasons["possible listed entity (review)"] += 1
        if country is not None and country.status == "ambiguous":
            reasons["ambiguous country"] += 1
        elif country is not None and country.factors:
            reasons["high-risk country"] += 1
        if sectors:
            reasons["high-risk sector"] += 1
    ws.write_string(r, 0, "Flag reason", w.f_head)
    ws.write_string(r, 1, "Flagged suppliers", w.f_head)
    for k, v in reasons.most_common():
        r += 1
        ws.write_string(r, 0, k)
        ws.write_number(r, 1, v)
    r += 2
    ws.write_string(r, 0, "Top flagged suppliers", w.f_bold)
    r += 1
    for c, h in enumerate(["Row", "Supplier", "Risk", "Score"]):
        ws.write_string(r, c, h, w.f_head)
    order = sorted(
        ((i, risk, (ms[0].score if ms else 0.0)) for i, (risk, ms) in enumerate(zip(res.frame["risk"], res.frame["matches"],
                                                                                    strict=True)) if risk != "clear"),
        key=_sort_key,
    )[:15]
    for i, risk, score in order:
        r += 1
        ws.write_number(r, 0, int(res.frame["_row"].iat[i]))
        w.cell(ws, r, 1, res.frame["name"].iat[i])
        ws.write_string(r, 2, risk, w.risk_formats[risk])
        w.cell(ws, r, 3, score or "")
    for msg in run.get("reference_warnings", []):
        r += 2
        w.cell(ws, r, 0, "Warning")
        w.cell(ws, r, 1, msg, w.f_wrap)


def _flagged(w: _Writer, res: Results) -> None:
    f = res.frame
    header = ["Row", "Supplier ID", "Supplier", "Country (input)", "Country (ISO)", "Sectors", "Risk", "Best match",
              "Matched name", "Score", "Band", "Rationale", "Decision", "Reviewer", "Note"]
    items = []
    for i in range(len(f)):
        risk = f["risk"].iat[i]
        if risk == "clear":
            continue
        ms: tuple[Match, ...] = f["matches"].iat[i]
        items.append((i, risk, ms[0].score if ms else 0.0))
    rows = []
    for i, risk, _ in sorted(items, key=_sort_key):
        ms = f["matches"].iat[i]
        m = ms[0] if ms else None
        code, _status = country_cells(f["country_result"].iat[i])
        rows.append([int(f["_row"].iat[i]), f["id"].iat[i], f["name"].iat[i], f["country"].iat[i], code,
                     sectors_text(f["sectors"].iat[i]), risk, f"{m.ref_id} {m.name}" if m else "",
                     m.matched_alias if m else "", m.score if m else "", m.band if m else "",
                     "\n".join(f["rationale"].iat[i]), "", "", ""])
    w.table("Flagged", header, rows, widths={0: 7, 2: 36, 3: 16, 5: 16, 6: 9, 7: 36, 8: 30, 9: 8, 10: 8, 11: 90, 12: 18,
                                              13: 14, 14: 30}, wrap={2, 7, 8, 11, 14}, risk_col=6, decision_col=12)


def _matches(w: _Writer, res: Results) -> None:
    f = res.frame
    header = ["Row", "Supplier", "List", "Official ID", "Reference ID", "Listed name", "Name matched", "Name type",
              "Score", "Band", "Explanation", "Programs", "Listed on", "Address countries", "Also listed as",
              "Entry hash", "Decision", "Reviewer", "Note"]
    rows = []
    for i in range(len(f)):
        for m in f["matches"].iat[i]:
            rows.append([int(f["_row"].iat[i]), f["name"].iat[i], m.list, m.official_id, m.ref_id, m.name,
                         m.matched_alias, m.alias_type, m.score, m.band, m.explanation, "; ".join(m.programs),
                         m.listed_on, "; ".join(m.countries), "; ".join(m.linked_ids), m.entry_hash, "", "", ""])
    w.table("Matches", header, rows, widths={0: 7, 1: 32, 5: 32, 6: 30, 10: 90, 14: 24, 16: 18, 18: 30},
            wrap={1, 5, 6, 10}, decision_col=16)


def _suppliers(w: _Writer, res: Results) -> None:
    header, rows = supplier_rows(res)
    limit = EXCEL_MAX_ROWS - 1
    if len(rows) > limit:
        rows = rows[:limit]
    ncol = len(header)
    widths = {0: 7, ncol - 8: 9, ncol - 1: 90}
    w.table("Suppliers", header, rows, widths=widths, wrap={ncol - 1}, risk_col=ncol - 8)


def _method(w: _Writer, res: Results) -> None:
    ws = w.wb.add_worksheet("Method")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 110, w.f_wrap)
    r = 0
    for title, text in method_rows(res):
        ws.write_string(r, 0, title, w.f_bold)
        ws.write_string(r, 1, text, w.f_wrap)
        r += 1


def _audit(w: _Writer, res: Results) -> None:
    ws = w.wb.add_worksheet("Audit")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100, w.f_wrap)
    run = res.run
    inp = run["input"]
    items: list[tuple[str, Any]] = [
        ("Tool version", run["tool_version"]),
        ("Started (UTC)", run["started_at"]),
        ("Finished (UTC)", run["finished_at"]),
        ("User", run["user"]),
        ("Input file", inp["path"]),
        ("Input SHA-256", inp["sha256"]),
        ("Sheet", inp["sheet"] or "(text file)"),
        ("Header row", inp["header_row"]),
        ("Data rows", inp["rows"]),
        ("Encoding / delimiter", f"{inp.get('encoding') or '-'} / {inp.get('delimiter') or '-'}"),
        ("Column mapping", "; ".join(f"{k} = '{v}'" for k, v in run["columns"].items())),
        ("Config source", run["config_source"]),
        ("Config SHA-256", run["config_sha256"]),
    ]
    for ref in run["reference"]:
        items.append((f"List {ref['list']}", f"version {ref['version']}; {ref['entries']} entries; file {ref.get('file', '')}; "
                                            f"SHA-256 {ref['sha256']}" + (f"; {ref['note']}" if ref.get("note") else "")))
    for t in run.get("reference_tables", []):
        items.append((f"Table {t['list']}", f"version {t['version']}; file {t.get('file', '')}; SHA-256 {t['sha256']}"))
    for k, v in _flatten(run["config"]):
        items.append((f"Setting {k}", v))
    for i, (k, v) in enumerate(items):
        ws.write_string(i, 0, k, w.f_bold)
        w.cell(ws, i, 1, v if not isinstance(v, (list, tuple)) else ", ".join(map(str, v)), w.f_wrap)


def _flatten(d: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.extend(_flatten(v, key + "."))
        else:
            out.append((key, v))
    return out
