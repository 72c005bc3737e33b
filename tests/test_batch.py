"""Batch runs: several inputs, a folder or a glob; one report each and a batch summary."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from screen.batch import expand_inputs, is_batch
from screen.cli import app

runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.csv").write_text("Supplier,Country\nMüller Systems GmbH,Germany\n", encoding="utf-8")
    (d / "b.csv").write_text(
        "Supplier,Country\nNamkang Constr. Co. Ltd.,Russian Federation\n", encoding="utf-8"
    )
    (d / "bad.csv").write_text("Amount,Date\n1,2\n", encoding="utf-8")
    (d / "notes.md").write_text("not a supplier file\n", encoding="utf-8")
    (d / "~$a.xlsx").write_bytes(b"lock file")
    return d


def test_expand_inputs_folder_and_glob(folder: Path) -> None:
    assert [p.name for p in expand_inputs([folder])] == ["a.csv", "b.csv", "bad.csv"]
    assert [p.name for p in expand_inputs([str(folder / "[ab].csv")])] == ["a.csv", "b.csv"]
    assert [p.name for p in expand_inputs([folder / "a.csv", folder / "a.csv"])] == ["a.csv"]
    assert (
        is_batch([folder])
        and is_batch([folder / "a.csv", folder / "b.csv"])
        and is_batch([str(folder / "*.csv")])
    )
    assert not is_batch([folder / "a.csv"])


def test_one_bad_file_does_not_stop_the_others(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    r = runner.invoke(app, ["run", str(folder), "-o", str(out)])
    assert r.exit_code == 1
    assert f"{folder / 'bad.csv'}: Error: bad.csv: no supplier name column found" in r.stderr
    assert "3 file(s), 1 failed." in r.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "a_screened.json",
        "a_screened.xlsx",
        "b_screened.json",
        "b_screened.xlsx",
        "batch-summary.json",
        "batch-summary.xlsx",
    ]
    doc = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "screen.batch/1"
    files = {Path(f["input"]).name: f for f in doc["files"]}
    assert files["a.csv"]["status"] == "ok" and files["a.csv"]["counts"]["clear"] == 1
    assert files["b.csv"]["counts"]["high"] == 1 and files["b.csv"]["worst"] == "high"
    assert files["bad.csv"]["status"] == "error" and files["bad.csv"]["error"].startswith(
        "bad.csv: no supplier name"
    )
    assert doc["totals"] == {
        "files": 3,
        "ok": 2,
        "error": 1,
        "rows": 2,
        "counts": {"high": 1, "medium": 0, "low": 0, "clear": 1},
    }
    ws = openpyxl.load_workbook(out / "batch-summary.xlsx")["Batch"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("File", "Status", "Rows")
    assert [(Path(r[0]).name, r[1]) for r in rows[1:]] == [
        ("a.csv", "ok"),
        ("b.csv", "ok"),
        ("bad.csv", "error"),
    ]


def test_fail_on_in_a_batch_exits_3_and_same_stems_do_not_collide(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.csv").write_text("Supplier\nPyongyang Koryo Restaurant\n", encoding="utf-8")
    out = tmp_path / "reports"
    r = runner.invoke(
        app,
        [
            "run",
            str(folder / "a.csv"),
            str(folder / "b.csv"),
            str(other / "a.csv"),
            "-o",
            str(out),
            "--fail-on",
            "high",
        ],
    )
    assert r.exit_code == 3, r.output
    assert (out / "a_screened.xlsx").is_file() and (out / "a_screened-2.xlsx").is_file()


def test_batch_with_previous_folder(folder: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "r1", tmp_path / "r2"
    glob = str(folder / "[ab].csv")
    assert runner.invoke(app, ["run", glob, "-o", str(first)]).exit_code == 0
    (folder / "a.csv").write_text(
        "Supplier,Country\nMüller Systems GmbH,Germany\nNew Co,France\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["run", glob, "-o", str(second), "--previous", str(first)]).exit_code == 0
    doc = json.loads((second / "a_screened.json").read_text(encoding="utf-8"))
    assert doc["changes"]["counts"] == {"new": 1, "changed": 0, "unchanged": 1, "removed": 0}


def test_the_batch_summary_says_what_changed_in_each_file_and_which_files_went(
    folder: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "r1", tmp_path / "r2"
    assert runner.invoke(app, ["run", str(folder / "[ab].csv"), "-o", str(first)]).exit_code == 0
    (folder / "a.csv").write_text(
        "Supplier,Country\nMüller Systems GmbH,Germany\nNew Co,France\n", encoding="utf-8"
    )
    (folder / "c.csv").write_text("Supplier,Country\nOther Co,Spain\n", encoding="utf-8")
    r = runner.invoke(app, ["run", str(folder / "[ac].csv"), "-o", str(second), "--previous", str(first)])
    assert r.exit_code == 0, r.output
    doc = json.loads((second / "batch-summary.json").read_text(encoding="utf-8"))
    files = {Path(f["input"]).name: f for f in doc["files"]}
    base = {"changed": 0, "removed": 0, "risk_up": 0, "risk_down": 0}
    assert files["a.csv"]["changes"] == {**base, "new": 1, "unchanged": 1}
    assert files["a.csv"]["blank_rows"] == 0
    assert files["c.csv"]["changes"] == {**base, "new": 1, "unchanged": 0}
    assert doc["previous"] == {
        "folder": str(first),
        "inputs_not_screened_now": [str((folder / "b.csv").resolve())],
    }
    wb = openpyxl.load_workbook(second / "batch-summary.xlsx")
    batch = list(wb["Batch"].iter_rows(values_only=True))
    col = batch[0].index("Since the previous batch")
    since = {Path(str(row[0])).name: row[col] for row in batch[1:]}
    assert since["a.csv"] == "1 new, 0 changed (risk up 0, down 0), 1 unchanged, 0 removed"
    run = list(wb["Run"].iter_rows(min_row=2, values_only=True))
    assert (
        "Not screened now",
        f"{(folder / 'b.csv').resolve()}: in the previous batch, not in this one "
        "(its suppliers are in no report)",
    ) in run


def test_batch_usage_errors_exit_2(folder: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["run", str(folder), "--json", str(tmp_path / "x.json")])
    assert r.exit_code == 2
    r = runner.invoke(app, ["run", str(folder), "--previous", str(tmp_path / "x.json")])
    assert r.exit_code == 2


def test_empty_folder_is_error_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = runner.invoke(app, ["run", str(tmp_path / "empty"), "-o", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {tmp_path / 'empty'}: no supplier files (")


def test_the_batch_summary_says_what_every_file_was_screened_with(folder: Path, tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "reports"
    runner.invoke(app, ["run", str(folder), "-o", str(out)])
    doc = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    files = {Path(f["input"]).name: f for f in doc["files"]}
    assert files["a.csv"]["sha256"] == hashlib.sha256((folder / "a.csv").read_bytes()).hexdigest()
    assert files["bad.csv"]["sha256"] is None
    assert doc["config_source"] == "defaults" and len(doc["config_sha256"]) == 64 and doc["user"]
    wb = openpyxl.load_workbook(out / "batch-summary.xlsx")
    batch = list(wb["Batch"].iter_rows(values_only=True))
    assert batch[0][-1] == "Input SHA-256" and batch[1][-1] == files["a.csv"]["sha256"]
    run = {r[0]: r[1] for r in wb["Run"].iter_rows(min_row=2, values_only=True)}
    assert run["Settings"] == f"defaults (SHA-256 {doc['config_sha256']})"
    for x in doc["reference"]:
        assert (
            run[f"List: {x['list']}"]
            == f"version {x['version']}; {x['entries']} entries; SHA-256 {x['sha256']}"
        )


def test_subfolders_are_reached_with_a_double_star(tmp_path: Path) -> None:
    top = tmp_path / "vendors"
    for sub in ("2026/q1", "2026/q2"):
        (top / sub).mkdir(parents=True)
        (top / sub / "list.csv").write_text("Supplier\nAcme Ltd\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"no supplier files in the folder itself, 2 in its subfolders; "):
        expand_inputs([top])
    found = expand_inputs([str(top / "**" / "*.csv")])
    assert [p.relative_to(top).as_posix() for p in found] == ["2026/q1/list.csv", "2026/q2/list.csv"]
    assert is_batch([str(top / "**" / "*.csv")])


def test_previous_results_are_paired_by_input_file_not_by_name(tmp_path: Path) -> None:
    # same-named inputs in several folders get numbered report names in the order given: a new
    # folder sorting first must not shift which earlier results each file is compared with
    bb = tmp_path / "bb"
    for sub, rows in (("a", "1,Acme,Germany\n2,Beta,France\n"), ("c", "7,Gamma,Japan\n")):
        (bb / sub).mkdir(parents=True)
        (bb / sub / "sup.csv").write_text("Supplier ID,Supplier,Country\n" + rows, encoding="utf-8")
    pattern = str(bb / "**" / "*.csv")
    assert runner.invoke(app, ["run", pattern, "-o", str(tmp_path / "rb1"), "-q"]).exit_code == 0
    (bb / "0").mkdir()
    (bb / "0" / "sup.csv").write_text("Supplier ID,Supplier,Country\n9,Delta,Italy\n", encoding="utf-8")
    r = runner.invoke(
        app, ["run", pattern, "-o", str(tmp_path / "rb2"), "--previous", str(tmp_path / "rb1"), "-q"]
    )
    assert r.exit_code == 0, r.output
    changes, previous = {}, {}
    for f in (tmp_path / "rb2").glob("sup_screened*.json"):
        doc = json.loads(f.read_text(encoding="utf-8"))
        sub = Path(doc["run"]["input"]["path"]).parent.name
        changes[sub] = [(s["name"], (s.get("change") or {}).get("status")) for s in doc["suppliers"]]
        previous[sub] = doc["changes"]["previous"]
    assert changes == {
        "a": [("Acme", "unchanged"), ("Beta", "unchanged")],
        "c": [("Gamma", "unchanged")],
        "0": [("Delta", "new")],  # no earlier results of its own: new, and said why
    }
    assert previous["0"]["none"] == f"sup.csv was not screened in the previous batch in {tmp_path / 'rb1'}"
    assert "none" not in previous["a"] and previous["a"]["path"].endswith("sup_screened.json")
    one = runner.invoke(
        app,
        [
            "run",
            str(bb / "a" / "sup.csv"),
            "-o",
            str(tmp_path / "x.xlsx"),
            "--previous",
            str(tmp_path / "rb1"),
        ],
    )
    assert one.exit_code == 1 and "a folder; for one input pass the previous run's JSON results" in one.stderr


def test_previous_batch_pairs_from_another_folder_and_by_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nov, dec = tmp_path / "2026-11", tmp_path / "2026-12"
    for month, rows in (
        (nov, "1,Acme,Germany\n2,Globex,France\n"),
        (dec, "1,Acme,Germany\n3,Initech,Spain\n"),
    ):
        month.mkdir()
        (month / "suppliers_eu.csv").write_text("Supplier ID,Supplier,Country\n" + rows, encoding="utf-8")
        (month / "other.csv").write_text("Supplier ID,Supplier,Country\n9,Umbrella,Italy\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["run", "2026-11", "-o", "r11", "-q"]).exit_code == 0
    # next month, run from elsewhere: the folder's files pair with last month's of the same name
    monkeypatch.chdir(dec)
    r = runner.invoke(
        app, ["run", ".", "-o", str(tmp_path / "r12"), "--previous", str(tmp_path / "r11"), "-q"]
    )
    assert r.exit_code == 0, r.output
    doc = json.loads((tmp_path / "r12" / "suppliers_eu_screened.json").read_text(encoding="utf-8"))
    assert doc["changes"]["counts"] == {"new": 1, "changed": 0, "unchanged": 1, "removed": 1}
    summary = json.loads((tmp_path / "r12" / "batch-summary.json").read_text(encoding="utf-8"))
    assert summary["previous"]["inputs_not_screened_now"] == []
    assert all(Path(f["input_resolved"]).is_absolute() for f in summary["files"])


def test_batch_lines_count_blank_rows(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.csv").write_text("Supplier,Country\nAcme Ltd,Germany\n,\nBeta Co,France\n", encoding="utf-8")
    (d / "b.csv").write_text("Supplier,Country\nGamma AG,Austria\n", encoding="utf-8")
    r = runner.invoke(app, ["run", str(d), "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert f"{d / 'a.csv'}: 3 rows (1 blank, counted as clear) — high 0" in r.stdout
    assert f"{d / 'b.csv'}: 1 rows — high 0" in r.stdout
    doc = json.loads((tmp_path / "out" / "batch-summary.json").read_text(encoding="utf-8"))
    assert [f["blank_rows"] for f in doc["files"]] == [1, 0]
