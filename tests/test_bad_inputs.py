"""Bad input never crashes `screen`, never loses a supplier row, never leaves a broken report.

Every file in tests/data/bad/ (made by scripts/make_bad_corpus.py) is run through the CLI in
an empty folder: either it is screened correctly, or the run exits 1 with one ``Error: ...``
line (file, what is wrong, how to fix it), no traceback, and no report, JSON, CSV or temporary
file left behind. Cases that need a lowered limit, an awkward output path or a broken list
file are set up at run time.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import screen.pipeline
from screen.cli import app
from screen.reference import Reference

CORPUS = Path(__file__).parent / "data" / "bad"
KOMID = "Korea Mining Development Trading Corporation"
THREE = ["Nordic Timber AB", KOMID, "Café Crème SARL"]
runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Reference) -> Iterator[Path]:
    """An empty working folder; runs without --reference reuse the session's loaded reference."""
    real = screen.pipeline.load_reference

    def cached(paths: list[str | Path] | None = None, **kwargs: Any) -> Reference:
        if not paths and kwargs.get("entity_types", ("entity",)) == ("entity",):
            return reference
        return real(paths, **kwargs)

    monkeypatch.setattr(screen.pipeline, "load_reference", cached)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def screen_run(folder: Path, name: str, *args: str, toml: str = "") -> tuple[int, str, str, set[str]]:
    """Copy corpus file ``name`` into ``folder``, run ``screen run`` there; return code, out, err, new files."""
    if (CORPUS / name).is_file():
        shutil.copy(CORPUS / name, folder / name)
    if toml:
        (folder / "screen.toml").write_text(toml, encoding="utf-8")
    before = set(os.listdir(folder))
    r = runner.invoke(app, ["run", name, *args])
    return r.exit_code, r.stdout, r.stderr, set(os.listdir(folder)) - before


def assert_error(folder: Path, name: str, message: str, *args: str, toml: str = "") -> None:
    """Exit 1, exactly one line on stderr, ``Error: <message>``, no traceback, nothing written."""
    code, out, err, new = screen_run(folder, name, "--json", "out.json", "--csv", "out.csv", *args, toml=toml)
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    assert err.splitlines() == [f"Error: {message}"], err
    assert new == set(), f"left behind: {new}"


ERRORS = {
    "empty.csv": "empty.csv: the file is empty; export the supplier list again.",
    "header_only.csv": "header_only.csv: the header (line 1) has no supplier rows below it; "
    "export the supplier list again with its data.",
    "header_only.xlsx": 'sheet "Suppliers" of header_only.xlsx: the header (row 1) has no supplier rows below it; '
    "export the supplier list again with its data.",
    "no_name_column.csv": "no_name_column.csv: no supplier name column found; headers are: Country, Activity, "
    'Amount. Pass --column name="HEADER".',
    "invalid_bytes.csv": "invalid_bytes.csv: byte 98 (line 4, 0xE9) is not valid UTF-8 (the rest of the file is "
    "UTF-8: mixed encodings); save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8).",
    "unclosed_quote.csv": 'unclosed_quote.csv: line 3: a quote (") opens a cell that is never closed, so every '
    "line after it would be read as one cell; close or remove the quote on that line.",
    "binary.csv": "binary.csv: holds binary data, not text or a spreadsheet (243 control bytes in the first "
    "2,048); open it in the program that made it and save it as .xlsx or CSV UTF-8.",
    "garbage.xlsx": "garbage.xlsx: holds binary data, not text or a spreadsheet (210 control bytes in the first "
    "2,048); open it in the program that made it and save it as .xlsx or CSV UTF-8.",
    "hidden_only.xlsx": 'hidden_only.xlsx: the only sheet with a supplier name column, "Suppliers", is hidden; '
    'unhide it in Excel or pass --sheet "Suppliers" to screen it.',
    "formulas_uncached.xlsx": 'formulas_uncached.xlsx: sheet "Suppliers" has 4 formula cell(s) without a saved '
    "value (e.g. A2, D3, A4), so their text is unknown; open the file in Excel or LibreOffice, save it, and run "
    "again.",
    "truncated.xlsx": "truncated.xlsx: the file is damaged (File is not a zip file); re-export it from the source "
    "system.",
    "encrypted.xlsx": "encrypted.xlsx: the workbook is encrypted (password-protected); open it in Excel, remove "
    "the password (File > Info > Protect Workbook > Encrypt with Password) and save a copy.",
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_file_gives_one_error_line_and_no_output(folder: Path, name: str) -> None:
    assert_error(folder, name, ERRORS[name])


@pytest.mark.parametrize(
    ("name", "toml", "message"),
    [
        (
            "zip_bomb.xlsx",
            "[limits]\nmax_uncompressed_mb = 16\n",
            "zip_bomb.xlsx: unpacks to 48 MB, over the limit limits.max_uncompressed_mb=16; raise it in "
            "screen.toml if the file is genuine.",
        ),
        (
            "long_cell.csv",
            "[limits]\nmax_cell_chars = 5000\n",
            "long_cell.csv: line 3, column 'Supplier' holds 10,000 characters, over the limit "
            "limits.max_cell_chars=5,000; shorten the cell or raise the limit in screen.toml.",
        ),
        (
            "noise_50_columns.csv",
            "[limits]\nmax_columns = 40\n",
            "noise_50_columns.csv: 50 columns, over the limit limits.max_columns=40; remove unused columns or "
            "raise the limit in screen.toml.",
        ),
        (
            "newlines.csv",
            "[limits]\nmax_rows = 2\n",
            "newlines.csv: 3 data rows, over the limit limits.max_rows=2; split the file or raise the limit in "
            "screen.toml.",
        ),
    ],
)
def test_limits_from_screen_toml_are_named_in_the_error(
    folder: Path, name: str, toml: str, message: str
) -> None:
    assert_error(folder, name, message, toml=toml)


def screened(folder: Path, name: str, *args: str) -> dict[str, Any]:
    """Run ``screen run`` on a corpus file that must be screened; return the JSON results."""
    code, out, err, new = screen_run(
        folder, name, "-o", "out.xlsx", "--json", "out.json", "--csv", "out.csv", *args
    )
    assert code == 0, (out, err)
    assert "Traceback" not in out + err
    assert {"out.xlsx", "out.json", "out.csv"} <= new
    assert not [n for n in new if n.endswith(".tmp")]
    doc: dict[str, Any] = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    rows = doc["suppliers"]
    assert len(rows) == doc["run"]["input"]["rows"]
    # the workbook's Suppliers sheet has every row too, in the same order
    ws = openpyxl.load_workbook(folder / "out.xlsx", read_only=True)["Suppliers"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [s["row"] for s in rows]
    return doc


def names(doc: dict[str, Any]) -> list[str]:
    return [s["name"] for s in doc["suppliers"]]


def rows(doc: dict[str, Any]) -> list[int]:
    return [s["row"] for s in doc["suppliers"]]


@pytest.mark.parametrize(
    "name",
    [
        "csv_named.xlsx",
        "xlsx_named.csv",
        "xls_named.xlsx",
        "old.xls",
        "suppliers.ods",
        "hidden_decoy.xlsx",
        "second_sheet.xlsx",
        "nul_bytes.csv",
    ],
)
def test_awkward_but_readable_files_are_screened(folder: Path, name: str) -> None:
    doc = screened(folder, name)
    assert names(doc) == THREE
    assert rows(doc) == [2, 3, 4]
    risks = {s["name"]: s["risk"] for s in doc["suppliers"]}
    assert risks[KOMID] == "high"  # the listed entity is found whatever the container
    assert risks["Nordic Timber AB"] == "clear"
    # the audit records the format as read, not as named
    read_as = {"csv_named.xlsx": "csv", "xlsx_named.csv": "spreadsheet", "nul_bytes.csv": "csv"}
    assert doc["run"]["input"]["format"] == read_as.get(name, Path(name).suffix.lstrip("."))


def test_sheet_choice_is_recorded(folder: Path) -> None:
    assert screened(folder, "second_sheet.xlsx")["run"]["input"]["sheet"] == "Vendors"


def test_hidden_decoy_sheet_is_not_chosen(folder: Path) -> None:
    doc = screened(folder, "hidden_decoy.xlsx")
    assert doc["run"]["input"]["sheet"] == "Suppliers"
    assert doc["run"]["input"]["sheets"] == ["Old suppliers", "Suppliers"]
    # ... but said: its suppliers were not screened
    (note,) = [i["message"] for i in doc["issues"] if i["code"] == "other-sheet"]
    assert note.startswith(
        'hidden sheet "Old suppliers" also has a supplier name column and was not screened'
    )


def test_hidden_only_sheet_is_read_when_named(folder: Path) -> None:
    doc = screened(folder, "hidden_only.xlsx", "--sheet", "Suppliers")
    assert names(doc) == THREE


def test_title_rows_above_the_header(folder: Path) -> None:
    doc = screened(folder, "title_rows.xlsx")
    assert doc["run"]["input"]["header_row"] == 4
    assert rows(doc) == [5, 6, 7]


def test_merged_two_row_header_becomes_one(folder: Path) -> None:
    doc = screened(folder, "merged_header.xlsx")
    assert doc["run"]["columns"] == {
        "name": "Supplier name",
        "country": "Location Country",
        "industry": "Activity",
        "city": "Location City",
    }
    assert names(doc) == THREE
    assert rows(doc) == [3, 4, 5]
    assert doc["suppliers"][1]["country"]["code"] == "KP"


def test_formulas_give_their_saved_values(folder: Path) -> None:
    doc = screened(folder, "formulas.xlsx")
    assert names(doc) == ["Nordic Timber AB", KOMID, "CAFÉ CRÈME SARL"]


def test_dates_numbers_and_booleans_in_name_cells_are_text(folder: Path) -> None:
    doc = screened(folder, "dates_numbers.xlsx")
    assert names(doc) == ["2024-05-03", "12345", "3.25", "TRUE", "2024-05-03 14:30:00"]
    assert [s["supplier_id"] for s in doc["suppliers"]] == ["124", "125", "126", "127", "128"]


def test_duplicate_column_names_are_kept_apart(folder: Path) -> None:
    doc = screened(folder, "duplicate_columns.csv")
    assert doc["run"]["columns"]["name"] == "Supplier"
    assert names(doc) == THREE


def test_long_cell_within_the_default_limit(folder: Path) -> None:
    doc = screened(folder, "long_cell.csv")
    assert rows(doc) == [2, 3, 4]
    assert doc["suppliers"][1]["name"].startswith("Long Name ")
    assert len(doc["suppliers"][1]["name"]) > 9_000


def test_embedded_newlines_keep_line_numbers(folder: Path) -> None:
    doc = screened(folder, "newlines.csv")
    assert rows(doc) == [2, 5, 6]
    assert names(doc)[0] == "Two Lines Ltd"  # whitespace, newlines included, is collapsed for matching


def test_right_to_left_text_and_emoji_survive(folder: Path) -> None:
    doc = screened(folder, "rtl_emoji.csv")
    assert names(doc)[0] == "شركة النور للمقاولات"
    assert names(doc)[2] == "Happy Noodles 🍜🇰🇵 Ltd"
    assert rows(doc) == [2, 3, 4, 5]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "last"),
    [
        ("utf16.csv", "utf-16", ",", "Мокран ООО"),
        ("utf16_tab.txt", "utf-16", "\t", "沈阳建筑工程有限公司"),
        ("cp1252.csv", "cp1252", ";", "Café Crème SARL"),
    ],
)
def test_text_encodings(folder: Path, name: str, encoding: str, delimiter: str, last: str) -> None:
    doc = screened(folder, name)
    assert (doc["run"]["input"]["encoding"], doc["run"]["input"]["delimiter"]) == (encoding, delimiter)
    assert names(doc)[-1] == last


def test_ragged_rows_are_padded_not_dropped(folder: Path) -> None:
    doc = screened(folder, "ragged.csv")
    assert names(doc) == ["Short Row Ltd", "Long Row AB", "Normal Co"]
    # the line with more fields than the header is said (its cells may be shifted); the short one is not
    assert [(i["row"], i["code"]) for i in doc["issues"]] == [(3, "extra-fields")]
    assert doc["issues"][0]["message"].startswith("line 3 has 5 fields, the header 3: ',' inside a value")
    assert doc["summary"]["issues"] == 1


def test_totals_notes_and_repeated_headers_are_screened_and_said(folder: Path) -> None:
    (folder / "totals.csv").write_text(
        "Supplier,Country\nAcme Ltd,Germany\nTotal,\nSupplier,Country\nBeta GmbH,Austria\n"
        "Grand total: 3 suppliers,\nSource: ERP export 2026-12-01,\nTotal Logistics Ltd,UK\n",
        encoding="utf-8",
    )
    code, _, err, _ = screen_run(folder, "totals.csv", "-o", "out.xlsx", "--json", "out.json")
    assert code == 0
    doc = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert len(doc["suppliers"]) == 7  # every row kept and screened
    notes = [(i["row"], i["code"]) for i in doc["issues"]]
    assert notes == [
        (3, "not-a-supplier"),
        (4, "repeated-header"),
        (6, "not-a-supplier"),
        (7, "not-a-supplier"),
    ]
    # one console line per kind
    assert err.count("Note: ") == 2 and "And 2 more like it: 6, 7." in err
    import openpyxl

    summary = [
        c
        for r in openpyxl.load_workbook(folder / "out.xlsx")["Summary"].iter_rows(values_only=True)
        for c in r
    ]
    assert "Rows to look at in the input (4)" in summary
    assert "row 4 repeats the header ('Supplier'): a second table? It is screened as a supplier." in summary


def test_error_values_and_names_without_letters_are_kept_and_said(folder: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Vendor Name", "Country"])
    ws.append(["Acme Ltd", "Germany"])
    ws.append(["#N/A", "China"])  # what a failed VLOOKUP leaves: an error cell, which readers see blank
    ws.append(["0", "Russia"])
    ws.append([123456, "Russia"])
    ws.append(["", "Kuwait"])
    ws.append(["三星", "Korea, Republic of"])  # letters of another script are letters
    assert ws["A3"].data_type == "e"
    wb.save(folder / "errors.xlsx")
    doc = screened(folder, "errors.xlsx")
    assert names(doc) == ["Acme Ltd", "#N/A", "0", "123456", "", "三星"]
    assert [(i["row"], i["code"]) for i in doc["issues"]] == [
        (3, "not-a-name"),
        (4, "not-a-name"),
        (5, "not-a-name"),
        (6, "no-name"),
    ]
    assert doc["issues"][0]["message"] == (
        "row 3's supplier name shows the spreadsheet error #N/A (a formula that failed): "
        "it cannot match a listed name; correct the cell in the file."
    )
    assert doc["issues"][1]["message"].startswith("row 4's supplier name '0' has no letters: ")


def test_fifty_noise_columns(folder: Path) -> None:
    doc = screened(folder, "noise_50_columns.csv")
    assert doc["run"]["columns"] == {"name": "Supplier", "country": "Country", "industry": "Activity"}
    assert names(doc) == THREE


def test_every_corpus_file_has_a_test() -> None:
    tested = set(ERRORS) | {"zip_bomb.xlsx", "long_cell.csv", "noise_50_columns.csv", "newlines.csv"}
    tested |= {
        "csv_named.xlsx", "xlsx_named.csv", "xls_named.xlsx", "old.xls", "suppliers.ods", "hidden_decoy.xlsx",
        "second_sheet.xlsx", "nul_bytes.csv", "title_rows.xlsx", "merged_header.xlsx", "formulas.xlsx",
        "dates_numbers.xlsx", "duplicate_columns.csv", "rtl_emoji.csv", "utf16.csv", "utf16_tab.txt",
        "cp1252.csv", "ragged.csv",
    }  # fmt: skip
    assert {p.name for p in CORPUS.iterdir() if p.name != "README.md"} == tested


# ------------------------------------------------------------------ output paths


def test_output_equal_to_input_is_refused(folder: Path) -> None:
    code, _, err, new = screen_run(folder, "old.xls", "-o", "old.xls")
    assert code == 1
    assert err.splitlines() == [
        "Error: old.xls: the report would overwrite the input file old.xls; choose another -o path."
    ]
    assert (folder / "old.xls").read_bytes() == (CORPUS / "old.xls").read_bytes() and new == set()


def test_json_equal_to_input_is_refused(folder: Path) -> None:
    code, _, err, new = screen_run(folder, "cp1252.csv", "--json", "./cp1252.csv")
    assert code == 1
    assert err.splitlines() == [
        "Error: cp1252.csv: the JSON results would overwrite the input file cp1252.csv; choose another --json path."
    ]
    assert (folder / "cp1252.csv").read_bytes() == (CORPUS / "cp1252.csv").read_bytes() and new == set()


def test_a_read_only_report_is_refused_before_screening(folder: Path) -> None:
    # an earlier report kept read-only (evidence) is not replaced, and the run stops at once
    old = folder / "kept.xlsx"
    old.write_bytes(b"earlier report")
    old.chmod(0o444)
    code, _, err, new = screen_run(folder, "cp1252.csv", "-o", "kept.xlsx")
    assert code == 1
    assert err.splitlines() == [
        "Error: kept.xlsx: the file there is read-only; make it writable or choose another -o path."
    ]
    assert old.read_bytes() == b"earlier report" and new == set()


def test_missing_output_folder(folder: Path) -> None:
    code, _, err, new = screen_run(folder, "old.xls", "-o", "nowhere/r.xlsx")
    assert code == 1
    assert err.splitlines() == [
        f"Error: nowhere/r.xlsx: folder {folder.resolve() / 'nowhere'} does not exist; create it or choose another "
        "output path."
    ]
    assert new == set()


def test_output_folder_that_is_a_file(folder: Path) -> None:
    (folder / "afile").write_text("x", encoding="utf-8")
    code, _, err, new = screen_run(folder, "old.xls", "-o", "afile/r.xlsx", "--json", "r.json")
    assert code == 1
    assert len(err.splitlines()) == 1 and err.startswith("Error: afile/r.xlsx: ")
    assert "choose another output path" in err
    assert new == set()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to read-only folders"
)
def test_unwritable_output_folder(folder: Path) -> None:
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err, new = screen_run(folder, "old.xls", "-o", "locked/r.xlsx")
    finally:
        locked.chmod(0o700)
    assert code == 1
    assert err.splitlines() == [
        f"Error: locked/r.xlsx: folder {locked.resolve()} is not writable; choose another output path."
    ]
    assert new == set() and not list(locked.iterdir())


def test_a_failing_writer_leaves_no_partial_output(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from screen.results import Results

    def broken(self: Results, tmp: Path) -> None:
        tmp.write_text("{half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Results, "_json_to", broken)
    code, _, err, new = screen_run(folder, "old.xls", "-o", "r.xlsx", "--json", "r.json")
    assert code == 1 and err.startswith("Error: ")
    assert new == set(), f"left behind: {new}"


# ------------------------------------------------------------------ more rows than Excel holds


def big_csv(folder: Path, n: int) -> str:
    lines = ["Supplier,Country"] + [f"Supplier number {i},Sweden" for i in range(n)]
    (folder / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "big.csv"


def test_rows_beyond_the_excel_sheet_still_go_to_json_and_csv(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screen.report.xlsx

    monkeypatch.setattr(screen.report.xlsx, "EXCEL_MAX_ROWS", 6)  # a sheet of a header and 5 rows
    code, out, err, _ = screen_run(
        folder, big_csv(folder, 12), "-o", "r.xlsx", "--json", "r.json", "--csv", "r.csv"
    )
    assert code == 0, (out, err)
    doc = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert [s["row"] for s in doc["suppliers"]] == list(range(2, 14))
    assert len((folder / "r.csv").read_text(encoding="utf-8-sig").splitlines()) == 1 + 12
    wb = openpyxl.load_workbook(folder / "r.xlsx", read_only=True)
    assert wb["Suppliers"].max_row <= 6
    text = " ".join(
        str(v) for row in wb["Summary"].iter_rows(values_only=True) for v in row if isinstance(v, str)
    )
    assert "more than an Excel sheet holds" in text and "CSV and JSON" in text


def test_rows_beyond_the_excel_sheet_get_a_csv_even_when_not_asked(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screen.report.xlsx

    monkeypatch.setattr(screen.report.xlsx, "EXCEL_MAX_ROWS", 6)
    code, out, err, new = screen_run(folder, big_csv(folder, 12), "-o", "r.xlsx")
    assert code == 0, (out, err)
    assert new == {"r.xlsx", "r.csv"}
    assert len((folder / "r.csv").read_text(encoding="utf-8-sig").splitlines()) == 1 + 12


# ------------------------------------------------------------------ tracebacks only with --debug


def test_unexpected_error_prints_no_traceback_unless_debug(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(screen.pipeline, "screen_file", boom)
    code, out, err, new = screen_run(folder, "old.xls", "-o", "r.xlsx")
    assert code == 1 and new == set()
    assert "Traceback" not in out + err
    assert err.splitlines() == [
        "Error: unexpected RuntimeError: boom. No report was written. Run again with --debug and report the traceback."
    ]
    code, _, err, _ = screen_run(folder, "old.xls", "-o", "r.xlsx", "--debug")
    assert code == 1
    assert "Traceback (most recent call last)" in err and 'raise RuntimeError("boom")' in err
    assert err.rstrip().splitlines()[-1].startswith("Error: unexpected RuntimeError: boom.")


def test_input_error_traceback_only_with_debug(folder: Path) -> None:
    code, _, err, _ = screen_run(folder, "truncated.xlsx", "-o", "r.xlsx")
    assert code == 1 and "Traceback" not in err
    code, _, err, _ = screen_run(folder, "truncated.xlsx", "-o", "r.xlsx", "--debug")
    assert code == 1
    assert "Traceback (most recent call last)" in err and "BadZipFile" in err
    assert err.rstrip().splitlines()[-1].startswith("Error: truncated.xlsx: the file is damaged")


# ------------------------------------------------------------------ malformed list files


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad.csv: the list file is empty; create it with 'screen reference import'."),
        (
            b"name,country\nAcme,China\n",
            "bad.csv: missing column(s) list, official_id, name_type; a list file needs list, official_id, "
            "name_type, name (import your own list with 'screen reference import custom FILE').",
        ),
        (
            bytes(range(256)) * 4,
            "bad.csv: holds binary data, not a list file (CSV UTF-8 as written by 'screen reference import').",
        ),
        (
            b"list,official_id,name_type,name\n",
            "bad.csv: the list file has no usable entries; each row needs list, official_id, name_type and name.",
        ),
        (
            (CORPUS / "old.xls").read_bytes(),
            "bad.csv: is a workbook, not a list file; turn it into one with 'screen reference import custom FILE' "
            "and pass the CSV it writes.",
        ),
        (
            b"list,official_id,name_type,name\nX,1,primary,Caf\xe9\n",
            "bad.csv: not a readable list file (byte 47 (line 2) is not UTF-8); a list file is CSV UTF-8 as written by "
            "'screen reference import'.",
        ),
    ],
    ids=["empty", "missing-columns", "binary", "no-entries", "workbook", "not-utf8"],
)
def test_malformed_list_file_is_rejected(folder: Path, content: bytes, message: str) -> None:
    (folder / "bad.csv").write_bytes(content)
    shutil.copy(CORPUS / "cp1252.csv", folder / "in.csv")
    before = set(os.listdir(folder))
    r = runner.invoke(app, ["run", "in.csv", "--reference", "bad.csv", "--json", "out.json"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert r.stderr.splitlines() == [f"Error: {message}"]
    assert set(os.listdir(folder)) == before
