"""The bundled entity lists under reference/lists/ and their manifest entries.

They are built by scripts/build_entities.py from ../shared/reference-sources; these tests check
what ships, so they need nothing outside the repository.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from screen.importers import LIST_COLUMNS, read_list_file

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
MANIFEST = json.loads((REFERENCE / "manifest.json").read_text(encoding="utf-8"))
LISTS = [e for e in MANIFEST["lists"] if str(e["file"]).startswith("lists/")]
FILES = [str(e["file"]) for e in LISTS]


def frame(file: str) -> pd.DataFrame:
    return read_list_file(REFERENCE / file)


def all_rows() -> pd.DataFrame:
    return pd.concat([frame(f) for f in FILES], ignore_index=True)


def test_the_three_entity_lists_ship() -> None:
    assert {"lists/ofac_sdn_dprk.csv", "lists/un_1718_dprk.csv", "lists/uk_dprk.csv"} <= set(FILES)
    assert FILES == sorted(FILES)


@pytest.mark.parametrize("entry", LISTS, ids=FILES)
def test_manifest_entry_matches_file(entry: dict[str, Any]) -> None:
    path = REFERENCE / str(entry["file"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    f = frame(str(entry["file"]))
    assert len(f) == entry["rows"] and f["official_id"].nunique() == entry["entries"]
    assert set(f["list"]) == {entry["list"]}
    assert set(f["entity_type"]) == set(entry["entity_types"])
    for key in ("title", "version", "source", "licence"):
        assert entry[key]


@pytest.mark.parametrize("file", FILES)
def test_rows_are_well_formed(file: str) -> None:
    f = frame(file)
    assert list(f.columns) == list(LIST_COLUMNS)
    assert (f["source"] != "").all() and (f["source_date"] != "").all() and (f["name"] != "").all()
    assert f["source_date"].str.fullmatch(r"\d{4}(-\d{2}-\d{2})?").all()
    assert f["listed_on"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()
    assert f["countries"].str.fullmatch(r"([A-Z]{2}(;[A-Z]{2})*)?").all()
    assert set(f["name_type"]) <= {"primary", "aka", "fka", "nka", "weak", "original_script"}
    assert f["name"].str.strip().eq(f["name"]).all()


@pytest.mark.parametrize("file", FILES)
def test_one_primary_per_entry_first_and_contiguous(file: str) -> None:
    f = frame(file)
    starts = f["official_id"].ne(f["official_id"].shift())
    assert f.loc[starts, "official_id"].is_unique  # each entry's rows are together
    assert (f.loc[starts, "name_type"] == "primary").all()
    assert (f["name_type"] == "primary").sum() == f["official_id"].nunique()
    per_entry = ["entity_type", "programs", "countries", "listed_on", "group_id", "remarks"]
    assert (f.groupby("official_id")[per_entry].nunique() == 1).all().all()


def test_ids_unique_per_list_across_files() -> None:
    rows = all_rows()
    primaries = rows[rows["name_type"] == "primary"]
    assert not primaries.duplicated(["list", "official_id"]).any()
    assert not rows.duplicated(["list", "official_id", "name"]).any()


def test_official_id_formats() -> None:
    rows = all_rows()
    ids = rows.groupby("list")["official_id"].agg(set)
    assert all(re.fullmatch(r"\d+", i) for i in ids["OFAC-SDN"])
    assert all(re.fullmatch(r"KP[ei]\.\d{3}", i) for i in ids["UN-SC"])
    assert all(re.fullmatch(r"DPR\d{4}", i) for i in ids["UK"])


def test_mansudae_is_linked_across_the_three_lists() -> None:
    rows = all_rows()
    refs = {("OFAC-SDN", "20578"), ("UN-SC", "KPe.050"), ("UK", "DPR0174")}
    hit = rows[[(a, b) in refs for a, b in zip(rows["list"], rows["official_id"], strict=True)]]
    assert set(hit["group_id"]) == {"OFAC-SDN:20578"}
    assert set(hit[hit["name_type"] == "primary"]["name"]) == {"MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES"}


def test_group_ids_name_a_member_and_hold_one_entry_per_list() -> None:
    rows = all_rows()
    primaries = rows[(rows["name_type"] == "primary") & (rows["group_id"] != "")]
    refs = set(primaries["list"] + ":" + primaries["official_id"])
    assert set(primaries["group_id"]) <= refs
    assert not primaries.duplicated(["group_id", "list"]).any()
    sizes = primaries.groupby("group_id").size()
    assert (sizes >= 2).all() and len(sizes) >= 100


def test_dprk_lists_hold_north_korea_related_entries() -> None:
    ofac = frame("lists/ofac_sdn_dprk.csv")
    assert ofac["official_id"].nunique() >= 249  # 249 entities in sdn.csv, plus post-2024-05 candidates
    weak = ofac[ofac["name_type"] == "weak"]
    assert len(weak) > 0
    assert (frame("lists/un_1718_dprk.csv")["programs"] == "DPRK").all()
    assert (frame("lists/uk_dprk.csv")["programs"] == "Democratic People's Republic of Korea").all()
    candidates = ofac[ofac["remarks"].str.startswith("Primary name not in")]
    assert {"54764", "52283"} <= set(candidates["official_id"])
    assert (candidates["source_date"] == "2026").all()
