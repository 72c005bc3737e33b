"""The Excel report, read back with openpyxl: sheets, key cells, validation, colours, safety."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import screen
from screen.report import xlsx
from screen.report.readback import KEY_COLUMNS

INJECTIONS = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tTAB"]  # a leading CR is stripped by the reader


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _header(ws: Any) -> list[str]:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def _hidden(ws: Any, col: int) -> bool:
    return any(d.hidden for d in ws.column_dimensions.values() if d.min is not None and d.min <= col <= d.max)


def _records(ws: Any) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, reference: Any) -> tuple[Path, Any]:
    tmp = tmp_path_factory.mktemp("xlsx")
    src = _csv(
        tmp / "s.csv",
        [
            ["Supplier ID", "Supplier", "Country", "Industry"],
            ["S1", "Namkang Constr. Co. Ltd.", "Russian Federation", "General construction subcontractor"],
            ["S2", "Müller Systems GmbH", "Germany", "IT services"],
            ["S3", "Pyongyang Koryo Restaurant", "DPRK", "Restaurant"],
            ["", "", "", ""],
            ["S5", "Hanil Precision Tools", "Korea", "Cutting tools"],
            *[[f"X{i}", v, v, v] for i, v in enumerate(INJECTIONS)],
        ],
    )
    res = screen.screen_file(src, reference=reference)
    out = tmp / "r.xlsx"
    res.write_xlsx(out)
    return out, res


def test_sheets_in_order_with_hidden_audit_sheet(report: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(report[0])
    assert wb.sheetnames == ["Summary", "Flagged", "Matches", "Suppliers", "Method", "Audit", "_screen"]
    assert wb["_screen"].sheet_state == "hidden"
    assert all(wb[s].sheet_state == "visible" for s in wb.sheetnames[:-1])


def test_summary_counts_and_chart(report: tuple[Path, Any]) -> None:
    path, res = report
    ws = openpyxl.load_workbook(path)["Summary"]
    cells = {
        (r[0].value, r[2].value) for r in ws.iter_rows() if r[0].value in ("high", "medium", "low", "clear")
    }
    counts = res.counts()
    assert {(k, counts[k]) for k in counts} <= cells
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Why suppliers were flagged" in texts and "Top flagged suppliers (of 3)" in texts
    assert "located in North Korea" in texts and "listed entity (hit)" in texts
    assert len(ws._charts) == 1 or _has_chart(path)


def _has_chart(path: Path) -> bool:
    import zipfile

    return any(n.startswith("xl/charts/chart") for n in zipfile.ZipFile(path).namelist())


def test_flagged_sorted_by_risk_then_score_with_review_columns(report: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(report[0])
    ws = wb["Flagged"]
    recs = _records(ws)
    assert [r["Risk"] for r in recs] == ["high", "high", "medium"]
    assert recs[0]["Supplier"] == "Namkang Constr. Co. Ltd." and recs[0]["Score"] == 100
    assert (
        recs[0]["key: ref_id"] == "OFAC-SDN:19612"
        and recs[0]["key: fingerprint"] == "namkang construction|RU"
    )
    header = _header(ws)
    for h in ("Decision", "Reviewer", "Decided on", "Note", *KEY_COLUMNS):
        assert h in header
    for h in KEY_COLUMNS:  # the keys are hidden from people, not from screen review
        assert _hidden(ws, header.index(h) + 1), h
    assert not _hidden(ws, header.index("Decision") + 1)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide
    assert ws.print_title_rows == "$1:$1"


def test_decision_dropdown_on_flagged_and_matches(report: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(report[0])
    for name in ("Flagged", "Matches"):
        ws = wb[name]
        col = openpyxl.utils.get_column_letter(_header(ws).index("Decision") + 1)
        dvs = ws.data_validations.dataValidation
        assert len(dvs) == 1
        assert dvs[0].type == "list"
        assert dvs[0].formula1 == '"true match,false positive,needs information"'
        assert str(dvs[0].sqref).startswith(f"{col}2:")


def test_risk_colours_are_conditional_formats(report: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(report[0])
    for name in ("Flagged", "Suppliers"):
        ws = wb[name]
        col = openpyxl.utils.get_column_letter(_header(ws).index("Risk") + 1)
        rules = {
            r.formula[0]: r.dxf.fill.bgColor.rgb
            for rng in ws.conditional_formatting
            if str(rng.sqref).startswith(col)
            for r in rng.rules
        }
        assert set(rules) == {'"high"', '"medium"', '"low"', '"clear"'}
        assert rules['"high"'].endswith("F4B6B6")


def test_matches_one_row_per_candidate(report: tuple[Path, Any]) -> None:
    path, res = report
    recs = _records(openpyxl.load_workbook(path)["Matches"])
    # and one for each name that refers to North Korea (decided on as a match is)
    named = sum(1 for r in res.frame["name_refs"] if r)
    assert named and len(recs) == sum(len(m) for m in res.frame["matches"]) + named
    assert sum(1 for r in recs if r["key: ref_id"] == "name:KP") == named
    m = next(r for r in recs if r["Official ID"] == "19612")
    assert m["List"] == "OFAC-SDN" and m["Listed name"] == "NAMGANG CONSTRUCTION" and m["Band"] == "hit"
    assert m["Row"] == 2 and m["Supplier"] == "Namkang Constr. Co. Ltd."
    assert "≈ OFAC-SDN 19612" in m["Explanation"] and m["Programs"]
    assert m["key: entry_hash"] and m["key: supplier_id"] == "S1"


def test_suppliers_every_row_in_input_order(report: tuple[Path, Any]) -> None:
    path, res = report
    ws = openpyxl.load_workbook(path)["Suppliers"]
    header = _header(ws)
    assert header[:5] == ["Row", "Supplier ID", "Supplier", "Country", "Industry"]
    assert header[-1] == "Rationale" and "Risk" in header
    recs = _records(ws)
    assert [r["Row"] for r in recs] == list(res.frame["_row"])
    assert recs[3]["Risk"] == "clear" and "Blank row" in recs[3]["Rationale"]


def test_formula_injection_is_text_in_xlsx(report: tuple[Path, Any]) -> None:
    wb = openpyxl.load_workbook(report[0])
    seen = {c.value: c.data_type for ws in wb for row in ws.iter_rows() for c in row if c.value in INJECTIONS}
    assert set(seen) == set(INJECTIONS)
    assert set(seen.values()) == {"s"}  # strings, never formulas ("f")
    assert not [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_every_formula_prefix_is_written_as_text(tmp_path: Path) -> None:
    import xlsxwriter

    from screen.report.sheet import Sheets

    values = ["=1+2", "+1", "-1", "@x", "\tx", "\rx", '=HYPERLINK("http://x")']
    wb = xlsxwriter.Workbook(str(tmp_path / "w.xlsx"), {"constant_memory": True})
    s = Sheets(wb)
    ws = wb.add_worksheet("T")
    for r, v in enumerate(values):
        s.cell(ws, r, 0, v)
    wb.close()
    back = openpyxl.load_workbook(tmp_path / "w.xlsx")["T"]
    got = [(c.value, c.data_type) for (c,) in back.iter_rows()]
    assert all(t == "s" for _, t in got)  # all strings, no formula
    # openpyxl shows the CR as its XML escape _x000D_; either way it is text
    assert [v.replace("_x000D_", "\r") for v, _ in got] == values


def test_formula_injection_is_quoted_in_csv(report: tuple[Path, Any], tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    report[1].write_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    for bad in INJECTIONS:
        assert "'" + bad in cells
        assert bad not in cells


def test_audit_sheet_and_hidden_records(report: tuple[Path, Any]) -> None:
    path, res = report
    wb = openpyxl.load_workbook(path)
    audit = {r[0].value: r[1].value for r in wb["Audit"].iter_rows() if r[0].value}
    assert audit["Input SHA-256"] == res.run["input"]["sha256"]
    assert audit["Config SHA-256"] == res.run["config_sha256"]
    assert audit["Input file name"] == "s.csv"
    lists = {
        r[0].value: r[4].value
        for r in wb["Audit"].iter_rows()
        if str(r[0].value).startswith("List ") and r[4].value != "SHA-256"
    }
    assert lists == {f"List {li.name}": li.sha256 for li in res.reference.lists}
    recs = _records(wb["_screen"])
    assert {"kind": "input", "sha256": res.run["input"]["sha256"]}.items() <= next(
        r for r in recs if r["kind"] == "input"
    ).items()
    assert {r["name"] for r in recs if r["kind"] == "list"} == {li.name for li in res.reference.lists}


def test_method_sheet_explains_thresholds_and_lists(report: tuple[Path, Any]) -> None:
    ws = openpyxl.load_workbook(report[0])["Method"]
    topics = [r[0].value for r in ws.iter_rows() if r[0].value]
    assert "Risk policy" in topics and "Reviewer decisions" in topics and "matching.hit = 90.0" in topics
    assert any(str(t).startswith("List OFAC-SDN") for t in topics)
    assert not any("``" in str(r[1].value or "") for r in ws.iter_rows())


def test_above_row_limit_suppliers_keeps_flagged(
    report: tuple[Path, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    res = report[1]
    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 6)  # header + 5 data rows; the input has 11
    out = tmp_path / "r.xlsx"
    res.write_xlsx(out)
    wb = openpyxl.load_workbook(out)
    recs = _records(wb["Suppliers"])
    assert [r["Risk"] for r in recs] == ["high", "high", "medium"]
    summary = [c.value for row in wb["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("more than an Excel sheet holds" in t and "flagged suppliers only" in t for t in summary)
    js = tmp_path / "r.json"
    res.write_json(js)  # JSON still holds every row
    import json

    assert len(json.loads(js.read_text(encoding="utf-8"))["suppliers"]) == len(res.frame)


def test_cli_writes_csv_when_rows_exceed_the_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from screen.cli import app

    src = _csv(tmp_path / "s.csv", [["Supplier"], *[[f"Company {i}"] for i in range(6)]])
    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 4)
    r = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "r.xlsx")])
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "r.csv").is_file()
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == 7


def test_large_workbooks_zipped_faster_and_xlsxwriter_left_as_found(
    report: tuple[Path, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter.workbook as xw

    _, res = report
    original = xw.ZipFile
    res.write_xlsx(tmp_path / "default.xlsx")
    monkeypatch.setattr(xlsx, "FAST_ZIP_ROWS", 1)
    monkeypatch.setattr(xlsx, "FAST_ZIP_LEVEL", 0)  # stored uncompressed: plainly larger
    res.write_xlsx(tmp_path / "fast.xlsx")
    assert xw.ZipFile is original
    assert (tmp_path / "fast.xlsx").stat().st_size > 2 * (tmp_path / "default.xlsx").stat().st_size
    fast, default = (openpyxl.load_workbook(tmp_path / n)["Suppliers"] for n in ("fast.xlsx", "default.xlsx"))
    assert [[c.value for c in r] for r in fast.iter_rows()] == [
        [c.value for c in r] for r in default.iter_rows()
    ]


def test_sectors_shown_by_label_in_the_workbook_and_by_key_in_the_csv(
    report: tuple[Path, Any], tmp_path: Path
) -> None:
    path, res = report
    sup = _records(openpyxl.load_workbook(path)["Suppliers"])
    by_name = {r["Supplier"]: r for r in sup}
    assert by_name["Müller Systems GmbH"]["Sectors"] == "IT services"
    res.write_csv(tmp_path / "r.csv")
    rows = {r["Supplier"]: r for r in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))}
    assert rows["Müller Systems GmbH"]["Sectors"] == "it_services"


@pytest.mark.parametrize(
    ("row", "key"),
    [
        ("Pyongyang Restaurant,Cambodia,Phnom Penh", "name:KP"),  # its name refers to North Korea
        ("Acme Trading,China,Sinuiju", "address:KP"),  # its address is there
    ],
)
def test_a_flag_without_a_match_has_its_row_and_key(tmp_path: Path, row: str, key: str) -> None:
    src = tmp_path / "s.csv"
    src.write_text(f"Supplier,Country,City\n{row}\n", encoding="utf-8")
    screen.screen_file(src).write(xlsx=tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    for sheet in ("Matches", "Flagged"):
        head, *rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
        (only,) = rows
        assert only[head.index("key: ref_id")] == key, sheet


def _reasons_in(path: Path) -> dict[str, int]:
    ws = openpyxl.load_workbook(path)["Summary"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    at = next(k for k, r in enumerate(rows) if r[0] == "Why suppliers were flagged")
    out: dict[str, int] = {}
    for r in rows[at + 2 :]:
        if not isinstance(r[2], int):
            break
        out[str(r[0])] = r[2]
    return out


@pytest.mark.parametrize(
    ("factors", "expected"),
    [
        (
            ("dprk_origin", "dprk_worker_host", "tip_tier3"),
            {"located in North Korea": 1, "high-risk country": 1},
        ),
        (("dprk_worker_host", "tip_tier3"), {"high-risk country": 2}),
        ((), {}),
    ],
)
def test_summary_reasons_follow_the_policy_as_the_risk_does(
    tmp_path: Path, reference: Any, factors: tuple[str, ...], expected: dict[str, int]
) -> None:
    from screen.config import Config, PolicyConfig

    src = _csv(
        tmp_path / "s.csv",
        [
            ["Supplier", "Country"],
            ["Acme Trading", "DPRK"],
            ["Bolt Trading", "Russia"],
            ["Cord Trading", "Germany"],
        ],
    )
    res = screen.screen_file(
        src, reference=reference, config=Config(policy=PolicyConfig(high_risk_country_factors=factors))
    )
    res.write_xlsx(tmp_path / "r.xlsx")
    risks = list(res.frame["risk"])
    assert _reasons_in(tmp_path / "r.xlsx") == expected
    # the counts agree with the risk: a row counted is not clear
    assert risks.count("clear") == 3 - sum(expected.values())


def test_a_long_main_reason_is_cut_at_a_word() -> None:
    from types import SimpleNamespace

    from screen.report.summary import _main_reason

    text = "Country 'China' resolved to CN (China): " + "hosts North Korean workers per reporting; " * 8
    short = _main_reason(SimpleNamespace(decisions=(), matches=(), rationale=(text,)))  # type: ignore[arg-type]
    assert short.endswith("…") and len(short) <= 180
    assert text.startswith(short[:-1]) and text[len(short) - 1] in " ;,"  # a whole word before the cut


def test_input_columns_named_as_ours_are_marked_as_the_input_s(tmp_path: Path) -> None:
    import csv

    from typer.testing import CliRunner

    from screen.cli import app

    src = tmp_path / "in.csv"
    src.write_text("Row,Name,Country,Risk,Rationale\n1,Acme,Germany,low,ok\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = CliRunner().invoke(app, ["run", str(src), "-q", "-o", str(tmp_path / "r.xlsx"), "--csv", str(out)])
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert len(header) == len(set(header))
    assert header[:6] == ["Row", "Row (input)", "Name", "Country", "Risk (input)", "Rationale (input)"]
    row = next(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert (row["Row"], row["Row (input)"], row["Risk (input)"]) == ("2", "1", "low")
