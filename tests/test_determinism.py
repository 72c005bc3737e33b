"""Two runs on the same input and lists give the same results.

`screen run` runs twice, in separate processes with different hash seeds (so set and dict
ordering that leaks into the output would show) on the demo workbook, which has listed
entities, look-alikes, ambiguous countries and awkward cells. The JSON must be identical
apart from the run's timestamps, and every cell of every sheet of the two workbooks, read
back with openpyxl, must be equal apart from the cells holding those timestamps.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "suppliers.xlsx"
TIMESTAMP_KEYS = {"started_at", "finished_at"}
TIMESTAMP_LABELS = {"Screened at (UTC)", "Started (UTC)", "Finished (UTC)"}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?Z?")


def without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_timestamps(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
    if isinstance(value, list):
        return [without_timestamps(v) for v in value]
    return value


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cells; a row labelled as a timestamp keeps only its label, and a timestamp
    inside a text ("screened 2026-05-03T10:00:00Z by ...") reads "<time>"."""
    wb = openpyxl.load_workbook(path, read_only=True)
    out: dict[str, list[list[Any]]] = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = [TIMESTAMP.sub("<time>", c) if isinstance(c, str) else c for c in row]
            if any(c in TIMESTAMP_LABELS for c in cells):
                cells = [c if c in TIMESTAMP_LABELS else None for c in cells]
            rows.append(cells)
        out[ws.title] = rows
    wb.close()
    return out


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    if not EXAMPLE.is_file():
        pytest.skip("examples/suppliers.xlsx is missing (make it with scripts/make_examples.py)")
    folder = tmp_path_factory.mktemp("determinism")
    procs = []
    for seed in ("1", "2"):
        out = folder / f"run{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-c", "from screen.cli import main; main()"]
        cmd += ["run", str(EXAMPLE), "-o", "r.xlsx", "--json", "r.json", "-q"]
        procs.append((out, subprocess.Popen(cmd, cwd=out, env=env, stderr=subprocess.PIPE, text=True)))
    for _out, proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode in (0, 3), stderr
    return [out for out, _ in procs]


def test_json_is_identical_apart_from_timestamps(two_runs: list[Path]) -> None:
    a, b = (json.loads((d / "r.json").read_text(encoding="utf-8")) for d in two_runs)
    assert a["run"]["started_at"] and b["run"]["started_at"]
    assert len(a["suppliers"]) > 100
    assert without_timestamps(a) == without_timestamps(b)


def test_workbooks_are_identical_cell_by_cell(two_runs: list[Path]) -> None:
    a, b = (sheets(d / "r.xlsx") for d in two_runs)
    assert list(a) == list(b)
    for name in a:
        assert len(a[name]) == len(b[name]), name
        for i, (ra, rb) in enumerate(zip(a[name], b[name], strict=True), start=1):
            assert ra == rb, f"sheet {name} row {i}"
