"""The batch summary workbook: one row per input file, its counts and its status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter

from screen.report.sheet import Col, Sheets

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
            Col("Error", 70, wrap=True, min_width=30),
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
                    f.error,
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
    finally:
        wb.close()
