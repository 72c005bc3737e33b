"""The streamed table rows are the XML xlsxwriter itself writes, and survive hostile text."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from screen.report import sheet as sheet_mod
from screen.report.rowxml import text_xml
from screen.report.sheet import Col, Sheets, estimated_lines, fit_height, row_heights, wrapped_lines

AWKWARD: list[Any] = [
    "plain",
    " leading space",
    "\u00a0no-break lead",
    "em space trail\u2003",
    "\x1cfile separator",
    "trailing space ",
    "tab\tinside",
    "line\nbreak",
    "ends with newline\n",
    'A & B <Ltd> "quoted"',
    '=HYPERLINK("http://x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "ctrl\x01\x02\x1f chars",
    "_x0041_ literal escape",
    "nonchar \ufffe \uffff",
    "emoji 🚢 and 中文 and 평양",
    "x" * 40_000,
    "🚢" * 20_000,
    0,
    -3,
    12345678901234567,
    0.1,
    1e20,
    2.5e-10,
    True,
    False,
    None,
    "",
]


def _write(path: Path, rows: list[list[Any]], monkeypatch: pytest.MonkeyPatch, stream: bool) -> None:
    if not stream:
        monkeypatch.setattr(sheet_mod, "stream_rows", lambda *a, **k: False)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    s = Sheets(wb)
    cols = [Col("Name", 30, wrap=True), Col("Value", 20), Col("Decision", 16)]
    s.table("T", cols, rows, title="t", risk_col=None, decision_col="Decision", input_cols=["Decision"])
    wb.close()
    monkeypatch.undo()


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_streamed_rows_are_byte_identical_to_xlsxwriter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[v, v, ""] for v in AWKWARD] + [["long wrapped text " * 12, 1, "false positive"]]
    _write(tmp_path / "fast.xlsx", rows, monkeypatch, stream=True)
    _write(tmp_path / "slow.xlsx", rows, monkeypatch, stream=False)
    fast, slow = _sheet_xml(tmp_path / "fast.xlsx"), _sheet_xml(tmp_path / "slow.xlsx")
    assert b'<row r="2"' in fast
    assert fast == slow


def test_text_needing_escapes_among_plain_text_across_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the few cells that need escaping are found by one search over a whole block: each must
    # land on its own row, at any position, in any block
    from screen.report import rowxml

    monkeypatch.setattr(rowxml, "BLOCK_ROWS", 64)
    awkward = ["A & B", "x<y", "\x01ctrl", "_x0041_", "line\nbreak", " lead", "é" * 20_000, "trail\n"]
    rows: list[list[Any]] = []
    for i in range(300):
        name = awkward[i % len(awkward)] if i % 7 == 0 else f"plain supplier {i}"
        rows.append([name, f"n{i}" if i % 5 else 3.5, "" if i % 3 else "false positive"])
    _write(tmp_path / "fast.xlsx", rows, monkeypatch, stream=True)
    monkeypatch.setattr(rowxml, "BLOCK_ROWS", 64)
    _write(tmp_path / "slow.xlsx", rows, monkeypatch, stream=False)
    assert _sheet_xml(tmp_path / "fast.xlsx") == _sheet_xml(tmp_path / "slow.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "fast.xlsx", read_only=True)["T"]
    got = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(got) == len(rows)
    # openpyxl does not decode the _xHHHH_ escapes; every other value reads back as written
    same = [(g, r[0]) for g, r in zip(got, rows, strict=True) if "_x" not in g]
    assert len(same) > 250 and all(g == w for g, w in same)


def test_streamed_values_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["=1+1", 7, ""], ["<r><t>rich?</t></r>", "<r>&</r>", ""], ["a", 2.5, "true match"]]
    _write(tmp_path / "r.xlsx", rows, monkeypatch, stream=True)
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["T"]
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=4)]
    # formula text stays text; xlsxwriter would have written the <r>…</r> strings unescaped
    assert got == [["=1+1", 7, None], ["<r><t>rich?</t></r>", "<r>&</r>", None], ["a", 2.5, "true match"]]
    assert ws["A2"].data_type == "s"
    assert ws.max_row == 4


def test_text_xml_escapes() -> None:
    assert text_xml("a&b<c>") == "a&amp;b&lt;c&gt;"
    assert text_xml("\x00") == "_x0000_"
    assert text_xml("_x0041_") == "_x005F_x0041_"
    assert len(text_xml("é" * 40_000)) == 32_767


def test_estimated_height_never_below_exact_by_much() -> None:
    texts = [
        "Country 'Russian Fed.' resolved to RU: TIP 2025 Tier 3; host of North Korean workers "
        "(TIP report 2025; OFAC address data). Sector construction from activity 'Bau'.",
        "short",
        "one\ntwo\nthree",
        "word " * 60,
    ]
    rows = [[t, "", t[::-1]] for t in texts]
    both = row_heights(rows, [(0, 30.0), (2, 12.0)], wrapped_lines)
    exact = row_heights(rows, [(0, 30.0)], wrapped_lines)
    est = row_heights(rows, [(0, 30.0)], estimated_lines)
    # column by column: each row as tall as its tallest wrapped cell (three lines: 41.25 points)
    assert both[1] is None and both[2] == 3 * 12.75 + 3
    assert all((b or 0) >= (x or 0) for b, x in zip(both, exact, strict=True))
    assert (both[3] or 0) > (exact[3] or 0)  # the narrow column wraps the long text further
    assert fit_height([(texts[2], 30.0), ("short", 12.0)]) == 3 * 12.75 + 3
    for x, e in zip(exact, est, strict=True):
        assert (e or 0) >= (x or 0) - 12.75  # at most one line short
        assert (e or 0) <= (x or 0) + 2 * 12.75  # and at most two lines too many


def test_cell_by_cell_rich_text_lookalike_is_escaped(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "c.xlsx"), {"constant_memory": True})
    s = Sheets(wb)
    ws = wb.add_worksheet("S")
    s.cell(ws, 0, 0, "<r>&</r>")
    s.cell(ws, 1, 0, "<r><t>x</t></r>")
    wb.close()
    got = openpyxl.load_workbook(tmp_path / "c.xlsx")["S"]
    assert [got["A1"].value, got["A2"].value] == ["<r>&</r>", "<r><t>x</t></r>"]


def test_rows_written_in_a_forked_process_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screen.parallel import can_fork

    rows = [[f"supplier {i} & co", i, "" if i % 3 else "false positive"] for i in range(300)]
    monkeypatch.setattr(sheet_mod, "BACKGROUND_ROWS", 100)
    for name, background in (("fg.xlsx", False), ("bg.xlsx", True)):
        wb = xlsxwriter.Workbook(str(tmp_path / name), {"constant_memory": True})
        s = Sheets(wb, background=background)
        cols = [Col("Name", 30, wrap=True), Col("Value", 20), Col("Decision", 16)]
        s.table("T", cols, rows, title="t", decision_col="Decision", input_cols=["Decision"])
        s.table("U", cols, rows[:5], title="u")
        assert len(s.pending) == (1 if background and can_fork() else 0)
        s.finish()
        wb.close()
    assert _sheet_xml(tmp_path / "bg.xlsx") == _sheet_xml(tmp_path / "fg.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "bg.xlsx", read_only=True)["T"]
    assert sum(1 for _ in ws.iter_rows(min_row=2)) == 300


def test_a_failed_background_table_fails_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screen.parallel import can_fork

    if not can_fork():
        pytest.skip("no fork here")
    monkeypatch.setattr(sheet_mod, "BACKGROUND_ROWS", 1)
    from screen.report import rowxml

    def broken(*args: object) -> list[str]:
        raise ValueError("cannot be written")

    monkeypatch.setattr(rowxml, "_column_xml", broken)  # only the forked process writes the rows

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), {"constant_memory": True})
    s = Sheets(wb, background=True)
    s.table("T", [Col("Name", 30)], [["ok"], ["also ok"]], title="t")
    with pytest.raises(RuntimeError, match="sheet 'T' failed"):
        s.finish()
    wb.close()
