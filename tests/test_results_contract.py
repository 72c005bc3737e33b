"""The JSON output follows RESULTS-CONTRACT.md (screen.results/1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import screen

RISKS = {"high", "medium", "low", "clear"}
STATUSES = {"resolved", "ambiguous", "unknown", "missing"}


def check_contract(doc: dict) -> None:  # type: ignore[type-arg]
    assert doc["schema"] == "screen.results/1"
    run = doc["run"]
    for key in ("tool_version", "started_at", "input", "columns", "reference", "config_sha256"):
        assert key in run, key
    for key in ("path", "sha256", "sheet", "header_row", "rows"):
        assert key in run["input"], key
    assert run["started_at"].endswith("Z")
    for ref in run["reference"]:
        assert set(ref) >= {"list", "version", "sha256", "entries"}
        assert len(ref["sha256"]) == 64 and ref["entries"] > 0
    assert "name" in run["columns"]
    assert len(doc["suppliers"]) == run["input"]["rows"]
    rows = [s["row"] for s in doc["suppliers"]]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    for s in doc["suppliers"]:
        assert set(s) >= {"row", "name", "risk", "country", "sectors", "matches", "rationale"}
        assert s["risk"] in RISKS
        assert set(s["country"]) >= {"input", "code", "status"} and s["country"]["status"] in STATUSES
        assert s["country"]["code"] is None or (
            len(s["country"]["code"]) == 2 and s["country"]["code"].isupper()
        )
        for sec in s["sectors"]:
            assert set(sec) >= {"sector", "evidence"}
        for m in s["matches"]:
            assert set(m) >= {"ref_id", "list", "name", "matched_alias", "score", "band"}
            assert m["band"] in {"hit", "review"} and 0 <= m["score"] <= 100
            assert m["ref_id"].startswith(m["list"] + ":")
        assert (
            isinstance(s["rationale"], list)
            and s["rationale"]
            and all(isinstance(x, str) for x in s["rationale"])
        )


def test_contract_on_small_file(tmp_path: Path, small_csv: Path) -> None:
    res = screen.screen_file(small_csv)
    out = tmp_path / "r.json"
    res.write_json(out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_contract(doc)
    by_row = {s["row"]: s for s in doc["suppliers"]}
    assert by_row[5]["risk"] == "clear" and "blank" in by_row[5]["rationale"][0].lower()
    assert by_row[4]["risk"] == "high" and by_row[4]["country"]["code"] == "KP"
    assert by_row[6]["country"]["status"] == "ambiguous" and by_row[6]["risk"] == "medium"
    assert by_row[2]["matches"][0]["ref_id"] == "OFAC-SDN:19612" and by_row[2]["matches"][0]["band"] == "hit"
    assert by_row[3]["risk"] == "clear"
    # the file is written with shared country/sector dicts: the same document as unshared
    assert doc["suppliers"] == json.loads(json.dumps(res.to_dict()["suppliers"]))


DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


@pytest.mark.skipif(not DEVSET.is_dir(), reason="needs ../shared/devset")
@pytest.mark.parametrize("name", ["suppliers_dev.xlsx", "suppliers_dev.csv"])
def test_contract_on_devset_every_row_once(name: str) -> None:
    import csv

    res = screen.screen_file(DEVSET / name)
    doc = res.to_dict()
    check_contract(doc)
    truth = [
        int(r["row"])
        for r in csv.DictReader((DEVSET / "truth.csv").open(encoding="utf-8"))
        if r["file"] == name
    ]
    assert [s["row"] for s in doc["suppliers"]] == truth


def test_matches_left_out_by_max_matches_are_listed(tmp_path: Path) -> None:
    from screen.config import Config, MatchingConfig

    path = tmp_path / "s.csv"
    path.write_text(
        "Supplier,Country\nKorea Daesong Trading Company,China\nAcme Widgets,Germany\n", encoding="utf-8"
    )
    res = screen.screen_file(path, config=Config(matching=MatchingConfig(max_matches=1)))
    out = tmp_path / "r.json"
    res.write_json(out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    check_contract(doc)
    first, second = doc["suppliers"]
    assert len(first["matches"]) == 1 and "not shown" in first["matches"][0]["explanation"]
    left = first["matches_not_shown"]
    assert left and all(x["score"] < first["matches"][0]["score"] for x in left)
    assert {x["ref_id"] for x in left}.isdisjoint({m["ref_id"] for m in first["matches"]})
    assert "matches_not_shown" not in second
