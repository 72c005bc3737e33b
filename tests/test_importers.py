"""Importers for the official list formats, on small fixtures in tests/data/lists/.

The fixtures hold real-format rows plus the awkward cases: an orphan alias and address, a
malformed row, duplicates, a truncated Remarks alias, an XML bomb and an external-entity XML.
Tests marked ``shared`` read the full official files in ../shared and are skipped without them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.errors import ListError, ScreenError
from screen.importers import LIST_COLUMNS, country_code, import_list, read_list_file, write_list_file
from screen.importers.common import Entry, iso_date
from screen.importers.custom import stable_id
from screen.importers.link import link_groups, link_key
from screen.importers.listfile import entries_to_frame
from screen.importers.ofac_csv import remark_aliases, split_programs, trim_ofac_remarks

DATA = Path(__file__).parent / "data" / "lists"
OFFICIAL = Path(__file__).resolve().parents[2] / "shared" / "reference-sources" / "official"
shared = pytest.mark.skipif(not OFFICIAL.is_dir(), reason="../shared/reference-sources not available")


def names(result_frame: pd.DataFrame, official_id: str) -> dict[str, str]:
    rows = result_frame[result_frame["official_id"] == official_id]
    return dict(zip(rows["name"], rows["name_type"], strict=True))


def assert_list_format(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == list(LIST_COLUMNS)
    for _, rows in frame.groupby("official_id", sort=False):
        assert list(rows["name_type"]).count("primary") == 1
        assert rows["name_type"].iloc[0] == "primary"
    assert set(frame["entity_type"]) <= {"entity", "individual", "vessel", "aircraft"}
    assert (frame["source"] != "").all() and (frame["source_date"] != "").all()


# ---------------------------------------------------------------- OFAC legacy CSV


def test_ofac_csv_reads_entries_aliases_and_addresses() -> None:
    r = import_list(
        "ofac-csv",
        DATA / "ofac_sdn.csv",
        alt=DATA / "ofac_alt.csv",
        add=DATA / "ofac_add.csv",
        source_date="2024-05-03",
    )
    assert r.entries == 8 and r.list_name == "OFAC-SDN" and r.source_date == "2024-05-03"
    assert_list_format(r.frame)
    f = r.frame
    assert names(f, "20578") == {
        "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES": "primary",
        "MANSUDAE ART STUDIO": "aka",
    }
    assert names(f, "25001") == {
        "KOREA GENERAL TRADING CORPORATION": "primary",
        "KOREA GENERAL TRADING COMPANY": "fka",
        "KOGEN": "weak",
        "GENCO": "weak",
        "ABU-'UMAR": "weak",
    }
    row = f[f["official_id"] == "25001"].iloc[0]
    assert row["programs"] == "DPRK3;DPRK-NKSPEA"
    assert row["remarks"] == "Linked To: MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES."
    assert f[f["official_id"] == "20578"].iloc[0]["countries"] == "KP;NA"
    assert f[f["official_id"] == "30001"].iloc[0]["name"] == "MÜLLER HANDELS GMBH"  # cp1252 decoded
    assert dict(zip(f["official_id"], f["entity_type"], strict=True))["28716"] == "vessel"


def test_ofac_csv_counts_problems_without_failing() -> None:
    r = import_list("ofac-csv", DATA / "ofac_sdn.csv", alt=DATA / "ofac_alt.csv", add=DATA / "ofac_add.csv")
    p = r.problems
    assert (p["malformed"], p["duplicate"], p["orphan-alias"], p["orphan-address"]) == (1, 2, 3, 2)
    assert p["truncated-alias"] == 1 and p["unknown-country"] == 1
    assert any("line 9" in e for e in p.examples["malformed"])
    assert "MANSUDAE DUPLICATE" not in set(r.frame["name"])
    assert any(line.startswith("orphan-alias: 3 ") for line in p.lines())


def test_ofac_csv_dprk_and_entity_filters() -> None:
    r = import_list(
        "ofac-csv",
        DATA / "ofac_sdn.csv",
        alt=DATA / "ofac_alt.csv",
        add=DATA / "ofac_add.csv",
        program="DPRK",
    )
    # DPRK program (20578, 22702, 25001, 28716) or a North Korean address (9346, program NPWMD)
    assert set(r.frame["official_id"]) == {"9346", "20578", "22702", "25001", "28716"}
    ents = import_list(
        "ofac-csv",
        DATA / "ofac_sdn.csv",
        add=DATA / "ofac_add.csv",
        program="DPRK",
        include_individuals=False,
        include_vessels=False,
    )
    assert set(ents.frame["official_id"]) == {"9346", "20578", "25001"}
    assert ents.filtered["individual"] == 1 and ents.filtered["vessel"] == 1
    cuba = import_list("ofac-csv", DATA / "ofac_sdn.csv", program="cuba")
    assert set(cuba.frame["official_id"]) == {"36", "306"}


def test_ofac_csv_orphans_can_become_provisional_entries() -> None:
    r = import_list(
        "ofac-csv",
        DATA / "ofac_sdn.csv",
        alt=DATA / "ofac_alt.csv",
        add=DATA / "ofac_add.csv",
        orphans_as_entries=True,
    )
    assert r.entries == 10
    newer = r.frame[r.frame["official_id"] == "99999"]
    assert list(newer["name_type"]) == ["primary", "aka"]
    assert newer.iloc[0]["name"] == "KOREA NEWER TRADING CORPORATION" and newer.iloc[0]["countries"] == "KP"
    assert "Primary name not in ofac_sdn.csv" in newer.iloc[0]["remarks"]
    person = r.frame[r.frame["official_id"] == "88888"].iloc[0]
    assert person["entity_type"] == "individual"


def test_ofac_remarks_helpers() -> None:
    assert split_programs("DPRK3] [DPRK-NKSPEA") == ["DPRK3", "DPRK-NKSPEA"]
    assert remark_aliases("a.k.a. 'KOGEN'; a.k.a. 'GENCO'.") == (["KOGEN", "GENCO"], 0)
    assert remark_aliases("a.k.a. 'DOCTOR M.R.O.'.") == (["DOCTOR M.R.O."], 0)
    assert remark_aliases("a.k.a. 'OFFICE 91'; a.k.a. 'WHOIS HACKIN") == (["OFFICE 91"], 1)
    assert (
        trim_ofac_remarks("Secondary sanctions risk: x; SWIFT/BIC KYCBKPPY; f.k.a. 'OLD'.")
        == "SWIFT/BIC KYCBKPPY."
    )


# ---------------------------------------------------------------- XML formats


def test_ofac_xml_namespaced() -> None:
    r = import_list("ofac-xml", DATA / "ofac_sdn.xml")
    assert r.entries == 3 and r.source_date == "2024-05-03"
    assert_list_format(r.frame)
    assert names(r.frame, "20578") == {
        "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES": "primary",
        "MANSUDAE ART STUDIO": "aka",
        "MOP": "weak",
    }
    assert names(r.frame, "22702") == {"KIM, Tong-chol": "primary", "KIM, Tong Chol": "fka"}
    assert set(import_list("ofac-xml", DATA / "ofac_sdn.xml", program="DPRK").frame["official_id"]) == {
        "20578",
        "22702",
    }


def test_un_xml() -> None:
    r = import_list("un-xml", DATA / "un_consolidated.xml")
    assert r.entries == 4 and r.source_date == "2024-09-26" and r.list_name == "UN-SC"
    assert_list_format(r.frame)
    assert r.problems["duplicate"] == 1  # "KPe.051 " and "KPe.051" are one reference
    assert names(r.frame, "TAi.005") == {
        "MUHAMMAD TAHER ANWARI": "primary",
        "Mohammad Taher Anwari": "aka",
        "Haji Mudir": "weak",
        "محمد طاهر أنوري": "original_script",
    }
    cmc = r.frame[r.frame["official_id"] == "KPe.051"].iloc[0]
    assert cmc["name"] == "CENTRAL MILITARY COMMISSION OF THE WORKERS’ PARTY OF KOREA (CMC)"
    mansudae = r.frame[r.frame["official_id"] == "KPe.050"].iloc[0]
    assert (mansudae["countries"], mansudae["listed_on"], mansudae["programs"]) == (
        "KP",
        "2017-08-05",
        "DPRK",
    )
    dprk = import_list("un-xml", DATA / "un_consolidated.xml", program="DPRK", include_individuals=False)
    assert set(dprk.frame["official_id"]) == {"KPe.050", "KPe.051"}


@pytest.mark.parametrize("kind", ["un-xml", "ofac-xml"])
@pytest.mark.parametrize("fixture", ["billion_laughs.xml", "external_entity.xml"])
def test_xml_attacks_fail_fast_and_safely(kind: str, fixture: str) -> None:
    start = time.monotonic()
    with pytest.raises(ListError, match="refused to read: the XML declares a DTD or entities"):
        import_list(kind, DATA / fixture)
    assert time.monotonic() - start < 2


def test_truncated_xml_names_the_line() -> None:
    with pytest.raises(ListError, match=r"truncated.xml: line 5, column \d+: not well-formed XML"):
        import_list("un-xml", DATA / "truncated.xml")


# ---------------------------------------------------------------- UK, EU, OpenSanctions, custom


@pytest.mark.parametrize("fixture", ["uk_short.csv", "uk_short.ods"])
def test_uk_short_form(fixture: str) -> None:
    r = import_list("uk", DATA / fixture, source_date="2025-08-11")
    assert r.entries == 5 and r.list_name == "UK"
    assert_list_format(r.frame)
    assert r.problems["malformed"] == 1 and r.problems["duplicate"] == 1
    row = r.frame[r.frame["official_id"] == "DPR0174"].iloc[0]
    assert row["programs"] == "Democratic People's Republic of Korea" and row["listed_on"] == "2017-08-05"
    assert "Designation source: UN" in row["remarks"]
    types = dict(zip(r.frame["official_id"], r.frame["entity_type"], strict=True))
    assert types["DPR0300"] == "vessel" and types["DPR0001"] == "individual"
    dprk = import_list("uk", DATA / fixture, program="DPRK", include_individuals=False, include_vessels=False)
    assert set(dprk.frame["official_id"]) == {"DPR0174", "DPR0127"}


def test_uk_csv_date_from_title_lines() -> None:
    assert import_list("uk", DATA / "uk_short.csv").source_date == "2025-08-11"


def test_eu_csv() -> None:
    r = import_list("eu", DATA / "eu_fsf.csv")
    assert r.entries == 2 and r.source_date == "2024-05-03" and r.problems["malformed"] == 1
    assert_list_format(r.frame)
    assert names(r.frame, "5000") == {
        "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES": "primary",
        "Mansudae Art Studio": "aka",
    }
    m = r.frame[r.frame["official_id"] == "5000"].iloc[0]
    assert (m["countries"], m["programs"], m["entity_type"]) == ("KP", "PRK", "entity")
    assert "UN ref KPe.050" in m["remarks"]
    assert set(import_list("eu", DATA / "eu_fsf.csv", program="DPRK").frame["official_id"]) == {"5000"}


@pytest.mark.parametrize("fixture", ["os_targets.simple.csv", "os_entities.ftm.json"])
def test_opensanctions(fixture: str) -> None:
    r = import_list("opensanctions", DATA / fixture, source_date="2026-01-01")
    assert r.list_name == "OS" and r.entries == 2 and r.problems["malformed"] == 1
    assert_list_format(r.frame)
    m = r.frame[r.frame["official_id"] == "NK-abc123"]
    assert m.iloc[0]["name"] == "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES"
    assert "KP" in m.iloc[0]["countries"].split(";") and m.iloc[0]["listed_on"] == "2017-08-05"
    assert "NK-abc123" in set(
        import_list("opensanctions", DATA / fixture, program="DPRK").frame["official_id"]
    )


def test_opensanctions_ftm_name_types() -> None:
    r = import_list("opensanctions", DATA / "os_entities.ftm.json")
    assert names(r.frame, "NK-abc123")["MOP"] == "weak"
    assert names(r.frame, "NK-vessel") == {"CHON MA SAN": "primary", "OLD NAME": "fka"}


@pytest.mark.parametrize("fixture", ["custom_watchlist.csv", "custom_watchlist.xlsx"])
def test_custom_watchlist(fixture: str) -> None:
    r = import_list("custom", DATA / fixture, list_name="ACME")
    assert set(r.frame["list"]) == {"ACME"} and r.entries == 3
    assert_list_format(r.frame)
    mid = stable_id("Mansudae Overseas Project Group of Companies", "Korea North;Namibia")
    assert names(r.frame, mid) == {
        "Mansudae Overseas Project Group of Companies": "primary",
        "Mansudae Art Studio": "aka",
        "MOP": "aka",
    }
    assert r.frame[r.frame["official_id"] == mid].iloc[0]["countries"] == "KP;NA"
    assert names(r.frame, "W-002") == {
        "Qingdao Construction (Namibia) CC": "primary",
        "Qingdao Construction Namibia": "aka",
    }
    assert r.problems["duplicate"] == 1 and r.problems["malformed"] == 1


def test_custom_default_list_name_and_stable_ids() -> None:
    a = import_list("custom", DATA / "custom_watchlist.csv")
    b = import_list("custom", DATA / "custom_watchlist.xlsx")
    assert set(a.frame["list"]) == {"CUSTOM"}
    assert list(a.frame["official_id"]) == list(b.frame["official_id"])


def test_custom_without_name_column(tmp_path: Path) -> None:
    bad = tmp_path / "ids.csv"
    bad.write_text("Code,Country\nX1,KP\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"ids.csv: no name column; .*header 'Name'"):
        import_list("custom", bad)


@pytest.mark.parametrize(
    ("kind", "path", "message"),
    [
        ("bogus", "ofac_sdn.csv", "unknown list kind 'bogus'; use one of ofac-csv"),
        ("ofac-csv", "missing.csv", "missing.csv: no such file"),
        ("uk", "eu_fsf.csv", "no header row with 'Unique ID' and 'Name'"),
        ("eu", "uk_short.csv", "no header with Entity_LogicalId"),
        ("un-xml", "ofac_sdn.xml", "no INDIVIDUAL or ENTITY records"),
        ("ofac-csv", "uk_short.csv", "no OFAC SDN rows found"),
    ],
)
def test_errors_are_one_line_screen_errors(kind: str, path: str, message: str) -> None:
    with pytest.raises(ScreenError, match=message) as info:
        import_list(kind, DATA / path)
    assert "\n" not in str(info.value)


def test_alt_with_other_kind_is_refused() -> None:
    with pytest.raises(ListError, match="--alt/--add belong to the OFAC legacy CSV"):
        import_list("un-xml", DATA / "un_consolidated.xml", alt=DATA / "ofac_alt.csv")


# ---------------------------------------------------------------- list files, countries, linking


def test_write_list_file_round_trip(tmp_path: Path) -> None:
    r = import_list("ofac-csv", DATA / "ofac_sdn.csv", alt=DATA / "ofac_alt.csv", add=DATA / "ofac_add.csv")
    out = write_list_file(r, tmp_path / "sub" / "ofac.csv")
    back = read_list_file(out)
    pd.testing.assert_frame_equal(back, r.frame.reset_index(drop=True))
    assert not list(out.parent.glob("*.tmp"))
    first = out.read_bytes()
    write_list_file(r, out)
    assert out.read_bytes() == first


def test_read_list_file_rejects_other_csv() -> None:
    with pytest.raises(ListError, match="not a list file, columns .* are missing"):
        read_list_file(DATA / "uk_short.csv")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Korea, North", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("kp", "KP"),
        ("PRK", "KP"),
        ("Korea, South", "KR"),
        ("Russia", "RU"),
        ("Burma", "MM"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Cote d Ivoire", "CI"),
        ("Turkey", "TR"),
        ("Namibia", "NA"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Korea", None),
        ("Region: Kafia Kingi", None),
        ("Atlantis", None),
    ],
)
def test_country_code(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_iso_date() -> None:
    assert [iso_date(t) for t in ("05-08-2017", "2017-08-05T00:00:00", "03 May 2024", "20240503", "x")] == [
        "2017-08-05",
        "2017-08-05",
        "2024-05-03",
        "2024-05-03",
        "",
    ]


def test_link_key() -> None:
    assert link_key("Mansudae Overseas Project Co., Ltd.") == link_key("MANSUDAE OVERSEAS PROJECT")
    assert link_key("KOREA SAMMA SHPG CO") == link_key("Korean Samma Shipping Company")
    assert link_key("CHONG-CHONGANG SHIPPING COMPANY") == link_key("CHONGCHONGANG SHIPPING CO LTD")
    assert link_key("CO") == "co"  # a legal form alone is kept


def test_linking_across_fixture_lists() -> None:
    frames = [
        import_list(
            "ofac-csv", DATA / "ofac_sdn.csv", alt=DATA / "ofac_alt.csv", add=DATA / "ofac_add.csv"
        ).frame,
        import_list("un-xml", DATA / "un_consolidated.xml").frame,
        import_list("uk", DATA / "uk_short.csv").frame,
        import_list("eu", DATA / "eu_fsf.csv").frame,
    ]
    linked, report = link_groups(frames)
    groups = {(r.list, r.official_id): r.group_id for f in linked for r in f.itertuples()}
    for ref in [("OFAC-SDN", "20578"), ("UN-SC", "KPe.050"), ("UK", "DPR0174"), ("EU", "5000")]:
        assert groups[ref] == "OFAC-SDN:20578"
    # no OFAC entry: the group takes the first list's id; CMC links with and without "(CMC)"
    assert groups[("UN-SC", "KPe.051")] == groups[("UK", "DPR0127")] == "UN-SC:KPe.051"
    assert groups[("OFAC-SDN", "36")] == ""
    assert report.groups >= 2
    assert all(list(f["group_id"].index) == list(o.index) for f, o in zip(linked, frames, strict=True))


# ---------------------------------------------------------------- properties

name_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=20
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["primary", "aka", "weak", "fka"]), name_text), max_size=8))
def test_every_entry_has_one_primary_and_no_name_is_lost(raw: list[tuple[str, str]]) -> None:
    entry = Entry("1")
    for name_type, name in raw:
        entry.add_name(name_type, name)
    frame = entries_to_frame([entry], list_name="T", source="s", source_date="2024-01-01")
    distinct = {" ".join(n.split()).casefold() for _, n in raw if n.split()}
    assert len(frame) == len(distinct)
    if len(frame):
        assert list(frame["name_type"]).count("primary") == 1 and frame["name_type"].iloc[0] == "primary"


@settings(max_examples=60, deadline=None)
@given(name_text, name_text)
def test_stable_id_is_deterministic(name: str, country: str) -> None:
    assert stable_id(name, country) == stable_id(name, country)
    assert stable_id(name, country).startswith("C-") and len(stable_id(name, country)) == 12


# ---------------------------------------------------------------- the full official files


@shared
def test_full_ofac_csv_keeps_all_entries() -> None:
    r = import_list(
        "ofac-csv",
        OFFICIAL / "ofac_sdn_2024-05-03.csv",
        alt=OFFICIAL / "ofac_alt_2026.csv",
        add=OFFICIAL / "ofac_add_2026.csv",
    )
    assert r.entries == 14_965 and r.source_date == "2024-05-03"
    types = r.frame[r.frame["name_type"] == "primary"]["entity_type"].value_counts().to_dict()
    assert types == {"entity": 6884, "individual": 6854, "vessel": 851, "aircraft": 376}
    assert r.problems["orphan-alias"] > 0 and r.problems["orphan-address"] > 0
    assert r.problems["malformed"] == 0 and r.problems["duplicate"] == 0
    dprk = import_list(
        "ofac-csv", OFFICIAL / "ofac_sdn_2024-05-03.csv", add=OFFICIAL / "ofac_add_2026.csv", program="DPRK"
    )
    assert dprk.entries == 595  # as derived/ofac_sdn_dprk_related.csv


@shared
def test_full_un_and_uk() -> None:
    un = import_list("un-xml", OFFICIAL / "un_consolidated_2024-09-26.xml", program="DPRK")
    assert un.entries == 155 and un.source_date == "2024-09-26"
    uk = import_list("uk", OFFICIAL / "uk_sanctions_list_short_2025-08-11.ods")
    assert uk.entries == 5300 and uk.problems["malformed"] == 2  # two rows without a name
    uk_dprk = import_list("uk", OFFICIAL / "uk_sanctions_list_short_2025-08-11.ods", program="DPRK")
    assert uk_dprk.entries == 261
