"""Re-screening against a previous run's JSON: new, changed, unchanged, removed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import screen
from screen.cli import app
from screen.rescreen import PreviousResultsError, change_line, load_previous, no_previous

runner = CliRunner()


def _run(reference: Any, tmp_path: Path, name: str, text: str, previous: Path | None = None) -> Any:
    src = tmp_path / f"{name}.csv"
    src.write_text(text, encoding="utf-8")
    res = screen.screen_file(src, reference=reference, previous=previous)
    res.write_json(tmp_path / f"{name}.json")
    return res


OLD = (
    "Supplier,Country,Industry\n"
    "Müller Systems GmbH,Germany,IT services\n"
    "Acme Mining Ltd,Germany,Gold mining\n"
    "Gone Away BV,Netherlands,Freight\n"
    "Same Twice,France,Bakery\n"
)
NEW = (
    "Supplier,Country,Industry\n"
    "Brand New Co,Spain,Bakery\n"
    "MULLER SYSTEMS GMBH,Germany,IT services\n"  # same fingerprint, name written differently: changed (name)
    "Acme Mining Ltd,Russia,Gold mining\n"  # country changed: another fingerprint, so new
    "Same Twice,France,Bakery\n"
)


def test_new_changed_unchanged_removed_by_fingerprint(reference: Any, tmp_path: Path) -> None:
    _run(reference, tmp_path, "old", OLD)
    res = _run(reference, tmp_path, "new", NEW, previous=tmp_path / "old.json")
    status = [c["status"] for c in res.frame["change"]]
    assert status == ["new", "changed", "new", "unchanged"]
    assert res.frame["change"].iat[1]["details"] == ["name 'Müller Systems GmbH' → 'MULLER SYSTEMS GMBH'"]
    ch = res.changes
    assert ch["counts"] == {"new": 2, "changed": 1, "unchanged": 1, "removed": 2}
    assert [r["name"] for r in ch["removed"]] == ["Acme Mining Ltd", "Gone Away BV"]
    assert ch["previous"]["path"].endswith("old.json") and len(ch["previous"]["sha256"]) == 64
    assert change_line(ch) == "Since old.json: 2 new, 1 changed (risk up 0, down 0), 1 unchanged, 2 removed."
    doc = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert doc["changes"]["counts"]["removed"] == 2
    assert doc["suppliers"][0]["change"] == {"status": "new"}


def test_no_previous_results_makes_every_supplier_new_and_says_why(reference: Any, tmp_path: Path) -> None:
    src = tmp_path / "first.csv"
    src.write_text(NEW, encoding="utf-8")
    res = screen.screen_file(
        src, reference=reference, previous=no_previous("first.csv was not screened before")
    )
    assert [c["status"] for c in res.frame["change"]] == ["new"] * 4
    assert res.changes["counts"] == {"new": 4, "changed": 0, "unchanged": 0, "removed": 0}
    assert (
        change_line(res.changes)
        == "No previous results (first.csv was not screened before): all 4 suppliers new."
    )
    res.write(xlsx=tmp_path / "first.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "first.xlsx")
    cells = [c for row in wb["Summary"].iter_rows(values_only=True) for c in row if c]
    assert "none: first.csv was not screened before" in cells


def test_keyed_by_supplier_id_with_risk_up(reference: Any, tmp_path: Path) -> None:
    _run(reference, tmp_path, "old", "ID,Supplier,Country\n7,Acme Mining Ltd,Germany\n8,Other,France\n")
    res = _run(
        reference,
        tmp_path,
        "new",
        "ID,Supplier,Country\n7,Acme Mining Ltd,North Korea\n",
        previous=tmp_path / "old.json",
    )
    change = res.frame["change"].iat[0]
    assert change["status"] == "changed" and change["previous_risk"] == "clear"
    assert change["details"][:2] == ["risk clear → high", "country DE → KP"]
    assert res.changes["risk_up"] == 1 and res.changes["removed"][0]["supplier_id"] == "8"


def test_duplicates_pair_in_order_and_blank_rows_are_skipped(reference: Any, tmp_path: Path) -> None:
    text = "Supplier,Country\nTwin Co,France\n,\nTwin Co,France\n"
    _run(reference, tmp_path, "old", "Supplier,Country\nTwin Co,France\n")
    res = _run(reference, tmp_path, "new", text, previous=tmp_path / "old.json")
    assert [c["status"] if c else None for c in res.frame["change"]] == ["unchanged", None, "new"]


def test_a_supplier_id_on_several_rows_pairs_the_same_supplier(reference: Any, tmp_path: Path) -> None:
    _run(reference, tmp_path, "old", "ID,Supplier,Country\n1,Alpha Co,Germany\n1,Beta Co,France\n")
    res = _run(
        reference, tmp_path, "new", "ID,Supplier,Country\n1,Beta Co,France\n", previous=tmp_path / "old.json"
    )
    assert res.frame["change"].iat[0]["status"] == "unchanged"
    assert [r["name"] for r in res.changes["removed"]] == ["Alpha Co"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "p.json: not JSON ("),
        (
            '{"schema": "other/1"}',
            "p.json: not screen results (no 'schema: screen.results/…'); pass the file",
        ),
    ],
)
def test_bad_previous_file(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "p.json").write_text(content, encoding="utf-8")
    with pytest.raises(PreviousResultsError) as exc:
        load_previous(tmp_path / "p.json")
    assert str(exc.value).startswith(message)


def test_cli_previous_prints_summary_and_workbook_change_column(tmp_path: Path) -> None:
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    js = tmp_path / "old.json"
    assert (
        runner.invoke(app, ["run", str(old), "-o", str(tmp_path / "old.xlsx"), "--json", str(js)]).exit_code
        == 0
    )
    r = runner.invoke(app, ["run", str(new), "-o", str(tmp_path / "new.xlsx"), "--previous", str(js)])
    assert r.exit_code == 0, r.output
    assert "Since old.json: 2 new, 1 changed (risk up 0, down 0), 1 unchanged, 2 removed." in r.stdout
    wb = openpyxl.load_workbook(tmp_path / "new.xlsx")
    rows = list(wb["Suppliers"].iter_rows(values_only=True))
    col = rows[0].index("Change")
    assert [r[col] for r in rows[1:]] == [
        "new",
        "changed: name 'Müller Systems GmbH' → 'MULLER SYSTEMS GMBH'",
        "new",
        "unchanged",
    ]
    summary = [c.value for row in wb["Summary"].iter_rows() for c in row if c.value is not None]
    assert "Changes since the previous run" in summary and "Gone Away BV" in summary
    r = runner.invoke(
        app, ["run", str(new), "-o", str(tmp_path / "x.xlsx"), "--previous", str(tmp_path / "no.json")]
    )
    assert r.exit_code == 1
    assert (
        r.stderr.strip()
        == f"Error: {tmp_path / 'no.json'}: previous results not found; check the --previous path."
    )


def test_a_supplier_id_on_several_rows_is_noted(reference: Any, tmp_path: Path) -> None:
    res = _run(
        reference,
        tmp_path,
        "ids",
        "ID,Supplier,Country\n1,Alpha Co,Germany\n1,Beta Co,France\n2,Gamma,Japan\n,Eps,Spain\n,Zeta,Spain\n",
    )
    notes = [(i.row, i.code) for i in res.issues if i.code == "repeated-id"]
    assert notes == [(3, "repeated-id")]  # empty IDs are no ID
    (note,) = [i.message for i in res.issues if i.code == "repeated-id"]
    assert note.startswith("row 3 has supplier ID '1', as row 2 does:")
