"""The bundled country and sector tables: complete, cited, consistent, and rebuilt identically."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

from screen.countries import CountryIndex
from screen.keyfold import compact
from screen.sector_rules import compile_pattern
from screen.sectors import SectorIndex

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "reference"
SOURCES = ROOT.parent / "shared" / "reference-sources"
COUNTRY_FILES = ("countries.csv", "country_aliases.csv", "country_aliases_mledoze.csv", "country_risk.csv")
SECTOR_FILES = ("sectors.csv", "sector_keywords.csv", "sector_codes.csv")


def rows(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def countries() -> CountryIndex:
    return CountryIndex.load(REF)


@pytest.mark.parametrize("name", COUNTRY_FILES + SECTOR_FILES)
def test_every_row_has_a_source(name: str) -> None:
    table = rows(name)
    assert table
    assert all(r["source"].strip() for r in table), name


def test_every_iso_country_is_listed() -> None:
    listed = {r["iso2"]: r for r in rows("countries.csv")}
    assert {c.alpha_2 for c in pycountry.countries} <= set(listed)
    assert all(r["name"] and r["iso3"] for r in listed.values())
    assert listed["KP"]["name"] == "North Korea" and listed["KR"]["name"] == "South Korea"


def _all_aliases() -> list[dict[str, str]]:
    return rows("country_aliases.csv") + rows("country_aliases_mledoze.csv")


def test_no_alias_of_north_korea_resolves_to_south_korea_or_reverse(countries: CountryIndex) -> None:
    checked = 0
    for r in _all_aliases():
        if r["iso2"] not in ("KP", "KR"):
            continue
        got = countries.resolve(r["alias"])
        if r["kind"] == "ambiguous":
            assert (got.status, got.candidates) == ("ambiguous", ("KP", "KR")), r
        else:
            assert got.code == r["iso2"], (r, got.method)
        checked += 1
    assert checked > 150


def test_every_alias_resolves_to_its_own_country(countries: CountryIndex) -> None:
    wrong = []
    for r in _all_aliases():
        if r["kind"] in ("ambiguous", "not_a_country"):
            continue
        got = countries.resolve(r["alias"])
        if got.code != r["iso2"]:
            wrong.append((r["iso2"], r["alias"], got.code, got.method))
    assert not wrong


def test_placeholders_name_no_country(countries: CountryIndex) -> None:
    for r in rows("country_aliases.csv"):
        if r["kind"] == "not_a_country":
            assert r["iso2"] == ""
            assert countries.resolve(r["alias"]).code is None, r["alias"]


def test_no_alias_key_names_two_countries_unless_declared() -> None:
    codes: dict[str, set[str]] = {}
    for r in _all_aliases():
        if r["kind"] not in ("ambiguous", "not_a_country", "code"):
            codes.setdefault(compact(r["alias"]), set()).add(r["iso2"])
    assert {k: v for k, v in codes.items() if len(v) > 1} == {}


def test_country_risk_factors() -> None:
    risk = rows("country_risk.csv")
    known = {r["iso2"] for r in rows("countries.csv")}
    assert {r["factor"] for r in risk} == {"dprk_origin", "dprk_worker_host", "tip_tier3", "tip_tier2_watch"}
    assert all(r["iso2"] in known and r["detail"] and r["source_date"] for r in risk)
    by: dict[str, set[str]] = {}
    for r in risk:
        by.setdefault(r["factor"], set()).add(r["iso2"])
    assert by["dprk_origin"] == {"KP"}
    assert {"RU", "CN", "MN", "KW", "QA", "AE", "OM", "DZ", "PL", "NA"} <= by["dprk_worker_host"]
    assert {"KP", "RU", "CN", "MM", "MO", "SX"} <= by["tip_tier3"]
    assert not by["tip_tier3"] & by["tip_tier2_watch"]
    assert all(r["source_date"] == "2025" for r in risk if r["factor"].startswith("tip_"))
    assert "KR" not in {r["iso2"] for r in risk}


def test_sector_tables_are_consistent() -> None:
    tiers = {r["sector"]: r["tier"] for r in rows("sectors.csv")}
    assert {s for s, t in tiers.items() if t == "core"} == {
        "logging",
        "mining",
        "construction",
        "restaurants",
    }
    assert set(tiers.values()) == {"core", "extended"}
    for r in rows("sector_keywords.csv"):
        assert r["sector"] in tiers or (r["sector"] == "*" and r["kind"] == "trap"), r
        assert r["kind"] in ("keyword", "trap")
        compile_pattern(r["pattern"])
    codes = {(r["standard"], r["prefix"]): r["sector"] for r in rows("sector_codes.csv")}
    assert all(s in tiers for s in codes.values())
    expected = {
        ("NAICS", "1133"): "logging", ("NAICS", "21"): "mining", ("NAICS", "23"): "construction",
        ("NAICS", "7225"): "restaurants", ("ISIC", "0220"): "logging", ("ISIC", "B"): "mining",
        ("ISIC", "F"): "construction", ("ISIC", "5610"): "restaurants", ("NACE", "02.20"): "logging",
        ("NACE", "B"): "mining", ("NACE", "F"): "construction", ("NACE", "56.10"): "restaurants",
    }  # fmt: skip
    assert {k: codes.get(k) for k in expected} == expected
    SectorIndex.load(REF)


def test_manifest_describes_these_files() -> None:
    manifest = json.loads((REF / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["lists"]}
    for name in COUNTRY_FILES + SECTOR_FILES:
        e = entries[name]
        data = (REF / name).read_bytes()
        assert e["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert e["rows"] == len(rows(name)), name
        assert e["title"] and e["version"] and e["source"] and e["licence"]


def test_odbl_part_is_attributed() -> None:
    text = (REF / "LICENSES.md").read_text(encoding="utf-8")
    assert "country_aliases_mledoze.csv" in text and "ODbL" in text
    assert {r["source"] for r in rows("country_aliases_mledoze.csv")} == {"mledoze/countries (ODbL-1.0)"}
    assert not any("mledoze" in r["source"] for r in rows("country_aliases.csv"))


@pytest.mark.skipif(not SOURCES.is_dir(), reason="reference sources not available")
@pytest.mark.parametrize(
    ("script", "files"), [("build_countries.py", COUNTRY_FILES), ("build_sectors.py", SECTOR_FILES)]
)
def test_build_scripts_reproduce_the_files(tmp_path: Path, script: str, files: tuple[str, ...]) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), str(SOURCES), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in files:
        assert (tmp_path / name).read_bytes() == (REF / name).read_bytes(), name
