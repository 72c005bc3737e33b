"""The city/address cell that places a supplier in North Korea while the country cell is empty
or names another country (screen.countries.resolve_countries, screen.assess)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from screen.config import Config, PolicyConfig
from screen.decisions import Decision, DecisionBook, apply_decisions
from screen.model import ADDRESS_REF_ID
from screen.pipeline import screen_file, screen_frame
from screen.reference import Reference


def _screen(reference: Reference, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return screen_frame(pd.DataFrame(rows, columns=["name", "country", "city"]), reference)


def test_an_address_in_north_korea_with_another_country_is_high(reference: Reference) -> None:
    out = _screen(
        reference,
        [
            ("Acme Trading", "China", "Pyongyang"),
            ("Acme Foods", "", "Pyongyang"),  # the country cell empty
            ("Acme Metals", "China", "平壤市"),  # written without spaces
            ("Acme Wood", "Russia", "Vladivostok"),  # a city of the country: nothing more
            ("Acme Tools", "North Korea", "Pyongyang"),  # already in North Korea
            ("Acme Fish", "South Korea", "Nampo"),  # Busan has a Nampo: a review only
        ],
    )
    trading, foods, metals, wood, tools, fish = out.to_dict("records")
    assert trading["risk"] == "high" and trading["country_result"].code == "CN"
    (why,) = [w for w in trading["rationale"] if w.startswith("Address")]
    assert why.startswith(
        "Address 'Pyongyang' is in North Korea (city 'Pyongyang'), though the country cell "
        "says 'China' (China): a supplier with an address in North Korea; North Korea is the origin"
    )
    assert foods["risk"] == "high" and foods["country_result"].status == "missing"  # as the contract says
    assert any("though the country cell is empty" in w for w in foods["rationale"])
    assert metals["risk"] == "high" and metals["address_result"].code == "KP"
    assert wood["address_result"] is None and wood["risk"] != "high"
    assert tools["address_result"] is None and tools["risk"] == "high"
    assert fish["risk"] == "medium"
    assert any("confirm where the supplier is" in w for w in fish["rationale"])


def test_json_and_summary_say_so(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text(
        "Supplier,Country,City\nAcme Trading,China,Sinuiju\nBeta GmbH,Germany,Berlin\n", encoding="utf-8"
    )
    res = screen_file(src)
    res.write(json=tmp_path / "r.json")
    acme, beta = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["suppliers"]
    assert acme["risk"] == "high" and acme["country"]["code"] == "CN"
    assert acme["address_country"] == {
        "input": "Sinuiju",
        "code": "KP",
        "method": "city 'Sinuiju' (North Korea)",
    }
    assert "address_country" not in beta


def test_a_file_without_a_country_column_reads_the_country_from_the_address(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text('Supplier,Address\nAcme Trading,"12 Main St, Pyongyang"\n', encoding="utf-8")
    (row,) = screen_file(src).frame.to_dict("records")
    assert row["country_result"].code == "KP" and row["address_result"] is None  # said once
    assert row["risk"] == "high"


@pytest.mark.parametrize(
    "address",
    [
        "Pyongyang",
        "Pyŏngyang",  # accents
        "Pyong Yang",  # split
        "Pyongyang-si",
        "Pyongyang City",
        "Pyongyang 1001",
        "Sosong-guyok, Pyongyang",
        "Pyongyang Mangyongdae District",
        "Kangan 1-dong, Sinuiju",
        "Rason Economic Special Zone",
        "Пхеньян",
        "平壤市",
        "平壌",  # as Japanese writes it
        "평양시 중구역",
        "평양 중구역 창광동",
        "청진시",
        # as the lists write the country, whole or after a street
        "Korea, North",
        "N. Korea",
        "12 Haebangsan Street, Korea North",
        "Chung-guyok, Korea, North",  # a list spelling split at its comma
        "Kim Il Sung Street, Korea, Democratic People's Republic of",
        "Dem. People's Rep. of Korea",  # (not "Rep. of Korea" inside it)
        "D.P.R.K.",
        # ports, zones, stations and districts after a city
        "Kaesong Industrial Complex",
        "Nampo Port",
        "Port of Rajin",
        "Rason SEZ",
        "Pyongyang International Airport",
        "Pyongyang Sunan",
        "Pyongyang Kwangbok Street, Mangyongdae District",
        "Пхеньян ул. Кимирсена",
        "개성 공단",
        "남포항",
        "라선 경제무역지대",
        # spellings of the UN list, Revised Romanisation, Cyrillic, Chinese
        "Nampho",
        "Najin",
        "Hamheung",
        "Чхонджин",
        "清津市",
        "开城工业园区",
        "朝鲜清津",
        "平壤 中区",
        "朝鲜平壤市万景台区",
    ],
)
def test_places_in_north_korea(reference: Reference, address: str) -> None:
    found = reference.countries.in_north_korea(address)
    assert found is not None and found.code == "KP", address


@pytest.mark.parametrize(
    "address",
    [
        "Pyongyang Restaurant, Monivong Blvd",  # the business, not where it is
        "Rason Plaza",
        "Sariwon Korean BBQ",
        "Nampo Dong",  # a quarter of Busan named after it
        "Chongjin-dong",
        "Sinuiju Street",
        "Triều Tiên Street",
        "Korea North America",
        "Westin Chosun Hotel",
        "Bukhan River",
        "Bukhan, Seoul",
        "Rajin Nagar",
        "청진동 123, 종로구",  # a quarter of Seoul
        "평양면옥",  # a restaurant
        "신의주 순대",  # a dish
        "台北韓國學校",  # Taipei Korean School
        "北韩村",
        "丹东 新义州路",  # a street of Dandong
        "平壤冷面馆",
        "平壤高丽馆",  # restaurants, a market, a street in China
        "北京平壤海棠花餐厅",
        "丹东新义州商城",
        "新义州 大街",
        "Pyongyang Restaurant Chaoyang District",  # more words after the city
        "Pyongyang City Restaurant",
        "Pyongyang 1001 Restaurant",
        "North Korea Street, Mumbai",
        "남포동",  # words and a quarter of Busan
        "개성 있는 카페",
        "원산지 표시",
    ],
)
def test_names_of_other_things_are_not_places_in_north_korea(reference: Reference, address: str) -> None:
    assert reference.countries.in_north_korea(address) is None, address


def test_a_bare_korea_in_the_country_cell_is_a_review(reference: Reference) -> None:
    (row,) = _screen(reference, [("Acme Fish", "Korea", "Sinpo")]).to_dict("records")
    assert row["risk"] == "medium" and row["address_result"].code == "KP"
    assert any("confirm where the supplier is" in w for w in row["rationale"])


def test_the_policy_decides_what_an_address_in_north_korea_counts_for(reference: Reference) -> None:
    rows = pd.DataFrame([("Acme Trading", "China", "Pyongyang")], columns=["name", "country", "city"])
    tier3 = PolicyConfig(high_risk_country_factors=("tip_tier3",))
    (row,) = screen_frame(rows, reference, Config(policy=tier3)).to_dict("records")
    assert row["risk"] == "low"  # a high-risk country, no more
    nothing = PolicyConfig(high_risk_country_factors=("host_country",))
    (row,) = screen_frame(rows, reference, Config(policy=nothing)).to_dict("records")
    assert row["risk"] == "clear"
    assert any("the policy counts no North Korean factor" in w for w in row["rationale"])


def test_reviewers_decide_on_the_address(reference: Reference) -> None:
    out = _screen(reference, [("Acme Trading", "China", "Pyongyang")])
    fp = apply_decisions(out, None, PolicyConfig()).at[0, "fingerprint"]

    def decided(decision: str) -> pd.Series:
        d = Decision(
            fingerprint=fp, ref_id=ADDRESS_REF_ID, decision=decision, reviewer="bo", date="2026-12-07"
        )
        return apply_decisions(out, DecisionBook([d]), PolicyConfig()).iloc[0]

    cleared = decided("false positive")
    assert cleared["risk"] == "low"  # China stays a high-risk country
    assert cleared["rationale"][0] == (
        "The place in North Korea (an address, or another country column) was cleared as a false positive by bo on 2026-12-07."
    )
    assert not any(w.startswith("Address") for w in cleared["rationale"])
    assert decided("needs information")["risk"] == "high"


def test_a_chinese_or_korean_address_without_a_country_column(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Address\nAcme Trading,平壤市中区\nBeta Foods,평양면옥 서울\n", encoding="utf-8")
    acme, beta = screen_file(src).frame.to_dict("records")
    assert acme["country_result"].code == "KP" and acme["risk"] == "high"
    assert beta["country_result"].code != "KP"


def test_every_name_of_north_korea_passes_the_quick_test(reference: Reference) -> None:
    countries = reference.countries
    names = [t for t, codes in countries.aliases().items() if "KP" in codes]
    assert len(names) > 200
    missed = [t for t in names if not countries.may_name_north_korea(t)]
    assert missed == []
    assert not countries.may_name_north_korea("12 Democratic Avenue, Springfield, the City of Lights")


def test_the_rationale_says_how_the_country_was_read_or_that_it_was_not(reference: Reference) -> None:
    out = _screen(
        reference,
        [
            ("Acme Timber", "", "Vladivostok"),
            ("Acme Foods", "Korea", "Seoul"),
            ("Acme Wood", "Noth Korea", ""),
            ("Acme Tools", "Atlantis", ""),
            ("Acme Parts", "", ""),
            ("Acme Cloth", "Germnay", ""),
        ],
    )
    why = {r["name"]: r["rationale"] for r in out.to_dict("records")}
    risk = dict(zip(out["name"], out["risk"], strict=True))
    assert risk == {
        "Acme Timber": "low",
        "Acme Foods": "clear",
        "Acme Wood": "high",
        "Acme Tools": "clear",
        "Acme Parts": "clear",
        "Acme Cloth": "clear",
    }
    assert why["Acme Timber"][0].startswith(
        "City/address 'Vladivostok' is in Russia (RU) (the country cell is empty): "
    )
    assert why["Acme Foods"] == [
        "No listed-entity match and no high-risk sector found.",
        "Country 'Korea' read as South Korea (KR) by the city/address 'Seoul'.",
    ]
    assert why["Acme Wood"][0].startswith(
        "Supplier located in North Korea: country 'Noth Korea' read as North Korea (KP) (a guess at a misspelling; check it): "
    )
    assert (
        why["Acme Tools"][-1]
        == "Country 'Atlantis' not recognised: country risk not assessed; correct the country cell."
    )
    assert why["Acme Parts"][-1] == "No country given: country risk not assessed."
    assert (
        why["Acme Cloth"][-1]
        == "Country 'Germnay' read as Germany (DE) (a guess at a misspelling; check it)."
    )


def test_a_row_without_a_name_says_it_was_not_compared(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(
        "Supplier ID,Supplier,Country\nS1,,Germany\nS2,Acme,Germany\n,,\nS4,,North Korea\n", encoding="utf-8"
    )
    res = screen_file(tmp_path / "s.csv")
    why = res.frame["rationale"].tolist()
    assert why[0] == ["No supplier name: the row was not compared with the lists; fill in the name."]
    assert why[2] == ["Blank row: nothing to screen."]
    assert why[3][0].startswith("Supplier located in North Korea") and why[3][-1].startswith(
        "No supplier name"
    )
    assert [(i.row, i.code) for i in res.issues] == [(2, "no-name"), (5, "no-name")]


def test_old_lists_are_said_to_be_old(tmp_path: Path) -> None:
    import datetime as dt

    from screen.pipeline import LIST_AGE_WARN_DAYS, stale_lists
    from screen.reference import load_reference

    ref = load_reference()
    versions = {li.name: dt.date.fromisoformat(li.version[:10]) for li in ref.lists}
    newest = max(versions.values())
    day = dt.datetime.combine(newest + dt.timedelta(days=LIST_AGE_WARN_DAYS), dt.time())
    (line,) = stale_lists(ref, day + dt.timedelta(days=1))
    assert line.startswith(f"lists older than {LIST_AGE_WARN_DAYS} days on the day of this run: ")
    assert all(name in line for name in versions)
    assert "import the current lists (screen reference import)" in line
    assert stale_lists(ref, dt.datetime.combine(min(versions.values()), dt.time())) == []


def test_another_country_column_naming_north_korea_is_said(tmp_path: Path) -> None:
    # the goods' origin, the bank's country: columns other than the supplier's own country
    src = tmp_path / "s.csv"
    src.write_text(
        "Supplier Name,Country,Country of Origin,Bank Country\n"
        "Acme Seafood Ltd,China,North Korea,China\n"
        "Beta Textiles,China,China,DPRK\n"
        "Gamma Mining,South Korea,DPRK,South Korea\n"  # the two Koreas: a review
        "Delta Co,Germany,Germany,Germany\n"
        "Epsilon Trading,China,China/DPRK,\n"
        "Zeta Foods,North Korea,North Korea,\n",  # the supplier's own country says it already
        encoding="utf-8",
    )
    res = screen_file(src)
    assert res.run["columns"]["other_countries"] == "Country of Origin + Bank Country"
    risks = dict(zip(res.frame["name"], res.frame["risk"], strict=True))
    assert risks == {
        "Acme Seafood Ltd": "high",
        "Beta Textiles": "high",
        "Gamma Mining": "medium",
        "Delta Co": "clear",
        "Epsilon Trading": "high",
        "Zeta Foods": "high",
    }
    acme = res.frame.iloc[0]
    assert acme["rationale"][0].startswith(
        "Column 'Country of Origin' says 'North Korea' (North Korea), though the supplier's country cell "
        "says 'China' (China): goods, a site or a party of this supplier in North Korea; "
    )
    assert res.frame.iloc[5]["address_result"] is None  # said once, as the supplier's country
    res.write_json(tmp_path / "r.json")
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["suppliers"][1]["address_country"] == {
        "input": "DPRK",
        "code": "KP",
        "method": "alias 'DPRK' (abbreviation)",
        "column": "Bank Country",
    }


@pytest.mark.parametrize(
    ("header", "cell", "flagged"),
    [
        ("COO", "KP", True),
        ("Made In", "DPRK", True),
        ("Nationality", "North Korean", True),
        ("Countries of Operation", "CN, KP, RU", True),  # a list of codes
        ("Manufacturing Countries", "CN/KP", True),
        ("Country of Origin", "Korea", False),  # which Korea is not said
        ("Country of Origin", "KR", False),
        ("Excluded Countries", "North Korea", False),  # where it keeps out of
        ("Country Comments", "No business with North Korea", False),  # a remark
    ],
)
def test_which_other_country_columns_say_north_korea(
    tmp_path: Path, header: str, cell: str, flagged: bool
) -> None:
    src = tmp_path / "s.csv"
    src.write_text(f'Supplier Name,Supplier Country,{header}\nAcme Ltd,China,"{cell}"\n', encoding="utf-8")
    res = screen_file(src)
    address = res.frame.iloc[0]["address_result"]
    assert (address is not None and address.column == header) is flagged
    assert (res.frame.iloc[0]["risk"] == "high") is flagged


def test_a_column_naming_north_korea_beside_a_bare_korea_is_high(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("Supplier Name,Country,Country of Origin\nAcme Ltd,Korea,DPRK\n", encoding="utf-8")
    assert screen_file(src).frame.iloc[0]["risk"] == "high"
