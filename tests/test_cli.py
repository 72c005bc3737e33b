"""The CLI: exit codes, exact error lines, outputs written (or not)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from screen.cli import app, handle_errors

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_run_writes_report_json_csv_and_exits_0(tmp_path: Path, small_csv: Path) -> None:
    out, js, cs = tmp_path / "r.xlsx", tmp_path / "r.json", tmp_path / "r.csv"
    code, stdout, _ = run("run", str(small_csv), "-o", str(out), "--json", str(js), "--csv", str(cs))
    assert code == 0, stdout
    assert out.is_file() and js.is_file() and cs.is_file()
    assert "Columns: name='Supplier', country='Country', industry='Industry', id='Supplier ID'" in stdout
    assert "6 rows screened" in stdout
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert [s["row"] for s in doc["suppliers"]] == [2, 3, 4, 5, 6, 7]
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(("level", "expected"), [("high", 3), ("medium", 3), ("low", 3), ("HIGH", 3)])
def test_fail_on_exits_3(tmp_path: Path, small_csv: Path, level: str, expected: int) -> None:
    code, _, stderr = run("run", str(small_csv), "-o", str(tmp_path / "r.xlsx"), "--fail-on", level)
    assert code == expected
    assert f"at or above '{level.lower()}' (--fail-on): exit 3." in stderr


def test_fail_on_not_reached_exits_0(tmp_path: Path) -> None:
    p = tmp_path / "ok.csv"
    p.write_text("Supplier,Country,Industry\nMüller Systems GmbH,Germany,IT services\n", encoding="utf-8")
    code, _, _ = run("run", str(p), "-o", str(tmp_path / "r.xlsx"), "--fail-on", "low")
    assert code == 0


def test_missing_input_is_error_1(tmp_path: Path) -> None:
    code, _, stderr = run("run", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "r.xlsx"))
    assert code == 1
    assert stderr.strip() == f"Error: {tmp_path / 'nope.csv'}: no such file; check the path."
    assert not (tmp_path / "r.xlsx").exists()


def test_no_name_column_is_error_1(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("Amount,Date\n1,2\n", encoding="utf-8")
    code, _, stderr = run("run", str(p), "-o", str(tmp_path / "r.xlsx"))
    assert code == 1
    assert (
        stderr.strip()
        == 'Error: x.csv: no supplier name column found; headers are: Amount, Date. Pass --column name="HEADER".'
    )
    assert "Traceback" not in stderr


def test_output_over_input_is_refused(tmp_path: Path, small_csv: Path) -> None:
    code, _, stderr = run("run", str(small_csv), "-o", str(small_csv))
    assert code == 1
    assert "the report would overwrite the input file suppliers.csv; choose another -o path." in stderr


def test_usage_errors_exit_2(tmp_path: Path, small_csv: Path) -> None:
    assert run("run", str(small_csv), "--fail-on", "severe")[0] == 2
    assert run("run", str(small_csv), "--column", "nameonly")[0] == 2
    assert run("run")[0] == 2
    assert run("frobnicate")[0] == 2


def test_a_field_given_twice_in_column_is_refused(small_csv: Path) -> None:
    done = _console("run", str(small_csv), "--column", "name=Supplier", "--column", "name=Country")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Error: Invalid value for --column: name is given twice ('Supplier' and 'Country'); give each field "
        "once (see 'screen run --help')"
    ]


def test_column_override(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("Legal Entity,Where\nNamgang Construction,Russia\n", encoding="utf-8")
    js = tmp_path / "r.json"
    code, stdout, stderr = run(
        "run",
        str(p),
        "-o",
        str(tmp_path / "r.xlsx"),
        "--json",
        str(js),
        "--column",
        "name=Legal Entity",
        "--column",
        "country=Where",
    )
    assert code == 0, stderr
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["run"]["columns"] == {"name": "Legal Entity", "country": "Where"}
    assert doc["suppliers"][0]["risk"] == "high"


def test_a_name_split_over_name_1_and_name_2_is_screened_whole(tmp_path: Path) -> None:
    p = tmp_path / "sap.csv"
    p.write_text(
        "Vendor,Name 1,Name 2,Cty\n"
        "100234,KOREA RYONBONG GENERAL CORPORATIO,N,RU\n"  # cut at 35 characters, as SAP's fields are
        "100235,Mueller GmbH,,DE\n"
        "100236,Korea Mining Development Trading Corporation,Attn: Accounts Payable,CN\n"  # not of the name
        "Vendor,Name 1,Name 2,Cty\n",  # the header again (a second table pasted below)
        encoding="utf-8",
    )
    js = tmp_path / "r.json"
    code, stdout, stderr = run("run", str(p), "-o", str(tmp_path / "r.xlsx"), "--json", str(js))
    assert code == 0, stderr
    assert "Columns: name='Name 1', country='Cty', id='Vendor', name_continued='Name 2'" in stdout
    doc = json.loads(js.read_text(encoding="utf-8"))
    first, second, third, _ = doc["suppliers"]
    assert [(i["row"], i["code"]) for i in doc["issues"]] == [(5, "repeated-header")]
    # the name as written, the attention line too; matched as Name 1 alone as well, the better counting
    assert third["name"] == "Korea Mining Development Trading Corporation Attn: Accounts Payable"
    assert third["risk"] == "high"
    assert third["matches"][0]["band"] == "hit"
    assert (first["name"], first["supplier_id"], first["risk"]) == (
        "KOREA RYONBONG GENERAL CORPORATIO N",
        "100234",
        "high",
    )
    assert first["matches"][0]["band"] == "hit"
    assert (second["name"], second["risk"]) == ("Mueller GmbH", "clear")


def test_blank_rows_are_counted_as_such(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("Vendor Name,Country\nAcme Ltd,Germany\n,\nBeta GmbH,Austria\n", encoding="utf-8")
    js, xlsx = tmp_path / "r.json", tmp_path / "r.xlsx"
    code, stdout, stderr = run("run", str(p), "-o", str(xlsx), "--json", str(js))
    assert code == 0, stderr
    assert "s.csv: 3 rows screened (1 blank, counted as clear) — high 0, medium 0, low 0, clear 3" in stdout
    summary = json.loads(js.read_text(encoding="utf-8"))["summary"]
    assert (summary["rows"], summary["blank_rows"]) == (3, 1)
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx, read_only=True)["Summary"]
    clear = [r for r in sheet.iter_rows(values_only=True) if r[0] == "clear"]
    assert clear and str(clear[0][1]).endswith("; 1 of them blank rows, with nothing to screen")
    import openpyxl

    cells = {r[0]: r[1] for r in openpyxl.load_workbook(xlsx)["Summary"].iter_rows(values_only=True) if r[0]}
    assert cells["Rows screened"] == "3 (1 blank: reported, nothing to screen)"


def test_help_and_version() -> None:
    code, stdout, _ = run("--help")
    assert code == 0 and "run" in stdout
    code, stdout, _ = run("--version")
    assert code == 0 and stdout.startswith("screen ")
    code, stdout, _ = run("run", "--help")
    assert code == 0 and "--fail-on" in stdout


@pytest.mark.parametrize(
    "command", [["run"], ["review"], ["verify"], ["reference", "import"], ["reference", "diff"]]
)
def test_options_are_described_by_what_they_take_not_by_python_types(command: list[str]) -> None:
    code, stdout, _ = run(*command, "--help")
    assert code == 0
    options = stdout[stdout.index("Options") :]
    for python_type in ("<path>", "<str>", "<list[", "<int>", "<Path"):
        assert python_type not in options, python_type


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console entry point (screen.cli:main), in its own process: it ends the
    process itself once the command is done."""
    code = "from screen.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_console_entry_point_keeps_exit_status_and_output(tmp_path: Path, small_csv: Path) -> None:
    out, js = tmp_path / "r.xlsx", tmp_path / "r.json"
    done = _console("run", str(small_csv), "-o", str(out), "--json", str(js), "--fail-on", "high")
    assert done.returncode == 3, done.stderr
    assert "6 rows screened" in done.stdout
    assert "(--fail-on): exit 3." in done.stderr
    assert len(json.loads(js.read_text(encoding="utf-8"))["suppliers"]) == 6
    missing = _console("run", str(tmp_path / "none.csv"), "-o", str(tmp_path / "x.xlsx"))
    assert missing.returncode == 1 and missing.stderr.startswith("Error: ")
    assert _console("--bogus").returncode == 2
    version = _console("--version")
    assert version.returncode == 0 and version.stdout.startswith("screen ")


def test_usage_errors_are_one_line_from_the_console(tmp_path: Path, small_csv: Path) -> None:
    # as every other error: one line on stderr, naming the option and where to read more
    cases = {
        ("run", str(small_csv), "--fail-on", "critical"): "Error: Invalid value for --fail-on: 'critical' "
        "is not one of: high, medium, low (see 'screen run --help')",
        ("run",): "Error: Missing argument 'inputs'. (see 'screen run --help')",
        ("frobnicate",): "Error: No such command 'frobnicate'. (see 'screen --help')",
    }
    for args, line in cases.items():
        done = _console(*args)
        assert (done.returncode, done.stderr.splitlines()) == (2, [line])
    # a logged warning is said as the others are ("Warning: …", not the logger's "WARNING: …")
    text = tmp_path / "t.xlsx"
    text.write_text(small_csv.read_text(encoding="utf-8"), encoding="utf-8")
    done = _console("run", str(text), "-o", str(tmp_path / "r.xlsx"), "--quiet")
    assert done.returncode == 0 and done.stderr == ""
    done = _console("run", str(text), "-o", str(tmp_path / "r.xlsx"))
    assert "Warning: t.xlsx is named .xlsx but holds text; it was read as CSV" in done.stderr.splitlines()


def test_a_logged_traceback_is_shown_with_debug(capsys: pytest.CaptureFixture[str]) -> None:
    # a batch file's unexpected error is logged with its traceback, shown with --debug
    import logging

    from screen.cli import setup_logging

    setup_logging(False, True)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("screen.batch").debug("unexpected error on %s", "a.csv", exc_info=True)
    err = capsys.readouterr().err
    assert err.startswith("Debug: unexpected error on a.csv\nTraceback (most recent call last):")
    assert "ValueError: boom" in err
    setup_logging(False, False)


def test_a_reader_gone_is_no_error_message(capsys: pytest.CaptureFixture[str]) -> None:
    # ``screen reference list | head -1``: the pipe closes under the command
    with pytest.raises(typer.Exit) as exc, handle_errors():
        raise BrokenPipeError(32, "Broken pipe")
    assert exc.value.exit_code == 1
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "r.xlsx", "--json", "r.xlsx"],
            "--json r.xlsx: the same file as -o r.xlsx; give each output its own path.",
        ),
        (
            ["-o", "r.xlsx", "--json", "r.json", "--csv", "r.json"],
            "--csv r.json: the same file as --json r.json",
        ),
        (["-o", "r.csv"], "-o r.csv: the report is an Excel workbook; name it .xlsx (for CSV use --csv"),
    ],
)
def test_outputs_that_would_overwrite_each_other_are_refused(
    tmp_path: Path, small_csv: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("run", str(small_csv), *args)
    assert code == 1 and message in stderr and len(stderr.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == [small_csv.name]  # nothing written
