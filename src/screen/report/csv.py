"""One CSV row per supplier: the input cells plus risk, country, sectors, best match, rationale."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from screen.outputs import safe_cell
from screen.report.rows import supplier_rows

if TYPE_CHECKING:
    from screen.results import Results


def write_csv(results: Results, path: Path) -> None:
    header, rows = supplier_rows(results, sep=" ")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([safe_cell(h) for h in header])
        for r in rows:
            w.writerow([safe_cell(str(v)) if isinstance(v, str) else v for v in r])
