"""The batch summary workbook: one row per input file, its counts and its status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter

from screen.report.sheet import Col, Sheets
from screen.rescreen import counts_text

if TYPE_CHECKING:
    from screen.batch import BatchResult


def write_batch_workbook(result: BatchResult, path: Path) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    try:
        s = Sheets(wb)
        cols = [
            Col("File", 40, wrap=True, min_width=24),
            Col("Status", 8, align="center"),
            Col("Rows", 8, number="#,##0"),
            Col("High", 7, number="#,##0"),
            Col("Medium", 8, number="#,##0"),
            Col("Low", 7, number="#,##0"),
            Col("Clear", 8, number="#,##0"),
            Col("Worst", 8, align="center"),
            Col("Report", 34, wrap=True),
            *([Col("Since the previous batch", 40, wrap=True)] if "previous" in result.settings else []),
            Col("Error", 70, wrap=True, min_width=30),
            Col("Input SHA-256", 20),
        ]
        rows: list[list[Any]] = []
        for f in result.files:
            c = f.counts
            rows.append(
                [
                    str(f.input),
                    f.status,
                    f.rows if f.status == "ok" else "",
                    *(
                        [c.get(r, 0) for r in ("high", "medium", "low", "clear")]
                        if f.status == "ok"
                        else ["", "", "", ""]
                    ),
                    f.worst,
                    f.report.name if f.report else "",
                    *([counts_text(f.changes) if f.changes else ""] if "previous" in result.settings else []),
                    f.error,
                    f.sha256,
                ]
            )
        ws = s.table("Batch", cols, rows, title=f"Batch summary {result.started_at}", risk_col="Worst")
        ws.conditional_format(
            1,
            1,
            max(len(rows), 1),
            1,
            {"type": "cell", "criteria": "==", "value": '"error"', "format": s.risk_formats["high"]},
        )
        _run_sheet(s, result)
    finally:
        wb.close()


def _run_sheet(s: Sheets, result: BatchResult) -> None:
    """What every file was screened with: when, by whom, which tool, settings and lists."""
    from screen import __version__

    st = result.settings
    rows: list[list[Any]] = [
        ["Started (UTC)", result.started_at],
        ["Tool version", f"screen {__version__}"],
        ["User", st.get("user", "")],
        ["Settings", f"{st.get('config_source') or 'defaults'} (SHA-256 {st.get('config_sha256', '')})"],
        *(
            [f"List: {x['list']}", f"version {x['version']}; {x['entries']} entries; SHA-256 {x['sha256']}"]
            for x in result.lists
        ),
        *(["Warning", w] for w in st.get("reference_warnings", [])),
    ]
    prev = st.get("previous")
    if prev:
        rows.append(["Previous batch", prev["folder"]])
        rows += [
            [
                "Not screened now",
                f"{i}: in the previous batch, not in this one (its suppliers are in no report)",
            ]
            for i in prev["inputs_not_screened_now"]
        ]
    cols = [Col("Item", 24, wrap=True), Col("Value", 100, wrap=True, min_width=60)]
    s.table("Run", cols, rows, title=f"Batch summary {result.started_at}: run settings")
