"""The entity stage on the bundled lists: a romanised listed name's own words kept for review
at any score, and the address countries of one real entity shared by its entries on all lists."""

from __future__ import annotations

import pandas as pd

from screen.pipeline import screen_frame
from screen.reference import Reference


def matched(reference: Reference, rows: list[tuple[str, str]]) -> list[set[str]]:
    """Per supplier row (name, country): the listed names it matched (hit or review)."""
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    return [{m.name for m in ms} for ms in out["matches"]]


def test_own_words_of_a_korean_name_go_to_review_whatever_the_score(reference: Reference) -> None:
    rungrado, placed, mansudae, other, number = matched(
        reference,
        [
            ("Rungrado Construction", "Russia"),
            ("Rungrado Construction Russia", "Russia"),  # a place is no name of its own
            ("Mansudae Construction LLC", "Angola"),
            ("Rungrado Tolstoy Construction", "Russia"),  # a distinctive word of its own
            ("Rungrado Construction 2", "Russia"),  # a number the listed names lack
        ],
    )
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in rungrado
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in placed
    assert "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in mansudae
    assert other == set()
    assert number == set()


def test_a_north_korean_company_s_own_name_with_activities_added_goes_to_review(
    reference: Reference,
) -> None:
    # "logging", "timber", "restaurant": generic words, though the lists seldom use them
    logging, timber, restaurant, porter, tolstoy, english, hong_kong = matched(
        reference,
        [
            ("Rungrado Logging", "Russia"),
            ("Ryonbong Timber Vladivostok", "Russia"),  # a city is no name of its own
            ("Mansudae Restaurant", "China"),
            ("Porter Logistics", "Russia"),  # porter ~ BORDER (TRADE SETTLEMENT BANK) only under the key
            ("Rungrado Tolstoy Logging", "Russia"),  # a word that could name a company
            ("Technical Reconnaissance Consulting", "Russia"),  # an English name: no such licence
            ("Hong Kong Logistics Ltd", "Hong Kong"),  # nor a place: HONG KONG ELECTRONICS
        ],
    )
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in logging
    assert "KOREA RYONBONG GENERAL CORPORATION" in timber
    assert "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in restaurant
    assert porter == set()
    assert tolstoy == set()
    assert "RECONNAISSANCE GENERAL BUREAU" not in english
    assert hong_kong == set()


def test_a_listed_company_s_branches_and_offices(reference: Reference) -> None:
    # the legal form inside the name, "branch", "rep office", "general contracting" (the
    # Gulf's word for construction) say nothing of which company it is
    branch, office, contracting, group = matched(
        reference,
        [
            ("Korea Ryonbong General Corp. Vladivostok Branch", "Russia"),
            ("Rungrado General Trading Corp. - Moscow Rep Office", "Russia"),
            ("Namgang General Contracting Company W.L.L.", "Kuwait"),
            ("Mansudae Overseas Project Group of Cos.", "Namibia"),
        ],
    )
    assert "KOREA RYONBONG GENERAL CORPORATION" in branch
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in office
    assert "NAMGANG CONSTRUCTION" in contracting
    assert "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in group


def test_north_korean_names_written_in_hangul(reference: Reference) -> None:
    # 조선 is Korea, 총회사 general corporation, 창작사 art studio; South Korean spelling drops
    # or changes a word-initial ㄹ (능라도 for North Korean 릉라도 Rungrado)
    rungrado, ryonbong, mansudae, south_spelling = matched(
        reference,
        [
            ("조선능라도무역총회사", "Russia"),
            ("조선련봉총회사", "China"),
            ("만수대창작사", "Namibia"),
            ("능라도무역회사", "Russia"),
        ],
    )
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in rungrado
    assert "KOREA RYONBONG GENERAL CORPORATION" in ryonbong
    assert "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES" in mansudae
    assert "KOREA RUNGRADO GENERAL TRADING CORPORATION" in south_spelling


def test_a_south_korean_supplier_is_at_most_a_review_for_a_north_korean_entity(reference: Reference) -> None:
    out = screen_frame(
        pd.DataFrame([("대성무역", "South Korea"), ("대성무역", "Russia")], columns=["name", "country"]),
        reference,
    )
    south, russia = ({m.name: m.band for m in ms} for ms in out["matches"])
    assert south["KOREA DAESONG GENERAL TRADING CORPORATION"] == "review"
    assert russia["KOREA DAESONG GENERAL TRADING CORPORATION"] == "hit"


def test_an_entity_s_address_countries_come_from_all_its_lists(reference: Reference) -> None:
    # the UK lists KOREA DAESONG GENERAL TRADING CORPORATION without an address; OFAC's entry
    # for it (the same group) gives North Korea, so a South Korean Daesong is not it
    south, unknown = matched(
        reference, [("Daesong Construction", "South Korea"), ("Daesong Construction", "")]
    )
    assert south == set()
    assert "KOREA DAESONG GENERAL TRADING CORPORATION" in unknown
