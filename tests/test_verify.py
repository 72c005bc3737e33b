"""`screen verify`: the recorded hashes of the input and of every list are recomputed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from screen.cli import app
from screen.report.readback import read_audit_records
from screen.verify import verify_report

runner = CliRunner()
LIST = (
    "list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks\n"
    "WATCH,W1,entity,primary,Zorblax Trading Company,TEST,RU,2024-01-01,,test,2024-01-01,\n"
)


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path, Path]:
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Country\nZorblax Trading Co.,Russia\nMüller GmbH,Germany\n", encoding="utf-8")
    lst = tmp_path / "watch.csv"
    lst.write_text(LIST, encoding="utf-8")
    rep = tmp_path / "r.xlsx"
    r = runner.invoke(app, ["run", str(src), "-r", str(lst), "-o", str(rep)])
    assert r.exit_code == 0, r.output
    return rep, src, lst


def test_records_hold_input_and_list_hashes(made: tuple[Path, Path, Path]) -> None:
    rep, _src, _lst = made
    kinds = {(r["kind"], r["name"], r["origin"]) for r in read_audit_records(rep)}
    assert ("input", "s.csv", "") in kinds
    assert ("list", "WATCH", "file") in kinds and ("list", "OFAC-SDN", "bundled") in kinds


def test_verified_exit_0(made: tuple[Path, Path, Path]) -> None:
    rep, src, lst = made
    r = runner.invoke(app, ["verify", str(rep), "--input", str(src), "--reference", str(lst)])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(
        "r.xlsx: verified: produced from exactly s.csv, with the same lists, tables, settings and reviewer decisions"
    )
    assert verify_report(rep, src, [lst]).ok


def test_changed_input_and_list_one_line_each_exit_1(made: tuple[Path, Path, Path]) -> None:
    rep, src, lst = made
    src.write_text(src.read_text(encoding="utf-8") + "Extra Ltd,France\n", encoding="utf-8")
    lst.write_text(LIST.replace("TEST,RU", "TEST,CN"), encoding="utf-8")
    r = runner.invoke(app, ["verify", str(rep), "--input", str(src), "--reference", str(lst)])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("MISMATCH  input: s.csv has SHA-256 ")
    assert lines[0].endswith("but the report was made from s.csv with SHA-256 " + lines[0].rsplit(" ", 1)[1])
    assert lines[1].startswith("MISMATCH  list WATCH (watch.csv): watch.csv has SHA-256 ")
    assert r.stderr.strip() == "r.xlsx: NOT verified: 2 mismatch(es)."


def test_missing_and_unused_reference(made: tuple[Path, Path, Path], tmp_path: Path) -> None:
    rep, src, _lst = made
    assert verify_report(rep, src).mismatches == [
        "list WATCH (watch.csv): not given; pass it with --reference watch.csv"
    ]
    other = tmp_path / "other.csv"
    other.write_text(LIST.replace("W1", "W2"), encoding="utf-8")
    v = verify_report(rep, src, [other])
    assert "--reference other.csv: this list was not used for the report" in v.mismatches


def test_verbose_lists_every_match(made: tuple[Path, Path, Path]) -> None:
    rep, src, lst = made
    r = runner.invoke(app, ["verify", str(rep), "-i", str(src), "-r", str(lst), "--verbose"])
    assert r.exit_code == 0
    assert "OK        input s.csv: SHA-256 matches" in r.stdout
    assert "OK        list OFAC-SDN (lists/ofac_sdn_dprk.csv): SHA-256 matches the bundled file" in r.stdout


def test_not_a_report_is_error_1(tmp_path: Path, made: tuple[Path, Path, Path]) -> None:
    _rep, src, _lst = made
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "plain.xlsx")
    r = runner.invoke(app, ["verify", str(tmp_path / "plain.xlsx"), "--input", str(src)])
    assert r.exit_code == 1
    assert r.stderr.strip() == (
        "Error: plain.xlsx: no '_screen' audit sheet; only reports written by 'screen run' can be verified."
    )
    r = runner.invoke(app, ["verify", str(_rep), "--input", str(tmp_path / "nope.csv")])
    assert r.exit_code == 1 and "nope.csv: input file not found; check the path." in r.stderr


def test_settings_are_checked(made: tuple[Path, Path, Path], tmp_path: Path) -> None:
    rep, src, lst = made
    assert "settings (defaults): SHA-256 matches" in verify_report(rep, src, [lst]).checked
    other = tmp_path / "screen.toml"
    other.write_text("[matching]\nreview = 75\n", encoding="utf-8")
    v = verify_report(rep, src, [lst], config=other)
    assert len(v.mismatches) == 1 and v.mismatches[0].startswith("settings: screen.toml give SHA-256 ")
    # a report made with those settings: verified with them, not without them
    rep2 = tmp_path / "r2.xlsx"
    r = runner.invoke(app, ["run", str(src), "-r", str(lst), "-o", str(rep2), "--config", str(other)])
    assert r.exit_code == 0, r.output
    assert verify_report(rep2, src, [lst], config=other).ok
    (miss,) = verify_report(rep2, src, [lst]).mismatches
    assert miss.startswith("settings: defaults give SHA-256 ") and miss.endswith(
        "pass the settings file used with --config"
    )


def test_decisions_are_checked(made: tuple[Path, Path, Path], tmp_path: Path) -> None:
    rep, src, lst = made
    dec = tmp_path / "decisions.csv"
    dec.write_text("fingerprint,ref_id,decision\n", encoding="utf-8")
    assert verify_report(rep, src, [lst], decisions=dec).mismatches == [
        "--decisions decisions.csv: the report applied no reviewer decisions"
    ]
    rep2 = tmp_path / "r2.xlsx"
    r = runner.invoke(app, ["run", str(src), "-r", str(lst), "-o", str(rep2), "--decisions", str(dec)])
    assert r.exit_code == 0, r.output
    assert verify_report(rep2, src, [lst], decisions=dec).ok
    assert verify_report(rep2, src, [lst]).mismatches == [
        "decisions decisions.csv: the report applied these reviewer decisions; pass the file with --decisions"
    ]
    dec.write_text("fingerprint,ref_id,decision\nabc,W:1,false positive\n", encoding="utf-8")
    r = runner.invoke(app, ["verify", str(rep2), "-i", str(src), "-r", str(lst), "--decisions", str(dec)])
    assert r.exit_code == 1 and "MISMATCH  decisions: decisions.csv has SHA-256 " in r.stdout


def test_a_report_made_with_the_defaults_where_a_screen_toml_is(
    made: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rep, src, lst = made
    monkeypatch.chdir(tmp_path)
    (tmp_path / "screen.toml").write_text("[matching]\nreview = 75\n", encoding="utf-8")
    (miss,) = verify_report(rep, src, [lst]).mismatches
    assert miss.endswith(
        "the report used the default settings: verify where there is no screen.toml, without --config"
    )
