"""Labelled name pairs with aggregate thresholds (nomenklatura's test style).

Two sets: our own North Korea cases (romanisation, abbreviations, scripts, weak aliases,
look-alikes) and the public nomenklatura name bench (companies). Thresholds sit a little
below the measured figures, so a regression fails the test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screen.config import MatchingConfig
from screen.matching.compare import compare
from screen.matching.entities import _Best, adjust
from screen.matching.index import IndexedName
from screen.matching.weights import TokenWeights
from screen.model import CountryResult
from screen.normalize import normalize_name
from screen.reference import bundled_dir

DATA = Path(__file__).parent / "data"
CFG = MatchingConfig()


@pytest.fixture(scope="module")
def weights() -> TokenWeights:
    return TokenWeights.build(bundled_dir(), [])


def band(
    supplier: str,
    listed: str,
    weak: bool,
    weights: TokenWeights,
    romanise: bool = True,
    country: str | None = None,
    listed_countries: tuple[str, ...] = (),
) -> tuple[str, float]:
    """The band of one pair; ``romanise``: the listed name is romanised from Korean or Chinese;
    ``country``: the supplier's (an ISO code), against the entry's ``listed_countries``."""
    item = IndexedName("T:1", listed, "weak" if weak else "primary", normalize_name(listed), romanise)
    cmp = compare(
        normalize_name(supplier),
        item.norm,
        weights,
        CFG.min_token_similarity,
        CFG.extra_token_cost,
        romanise,
        rarity=weights.rarity,
    )
    ctry = CountryResult(input=country, code=country, status="resolved", name=country) if country else None
    score, _notes, _ = adjust(
        _Best(item, cmp), {"countries": listed_countries}, ctry, (), frozenset(), CFG, country or ""
    )
    if score >= CFG.hit:
        return "match", score
    return ("review" if score >= CFG.review else "none"), score


def test_dprk_pairs(weights: TokenWeights) -> None:
    rows = list(csv.DictReader((DATA / "dprk_name_pairs.csv").open(encoding="utf-8")))
    positives = [r for r in rows if r["expected"] == "match"]
    negatives = [r for r in rows if r["expected"] == "none"]
    reviews = [r for r in rows if r["expected"] == "review"]
    assert len(positives) >= 25 and len(negatives) >= 10
    hit = [r for r in positives if band(r["supplier"], r["listed"], bool(r["weak"]), weights)[0] == "match"]
    found = [r for r in positives if band(r["supplier"], r["listed"], bool(r["weak"]), weights)[0] != "none"]
    false_hits = [
        r for r in negatives if band(r["supplier"], r["listed"], bool(r["weak"]), weights)[0] == "match"
    ]
    noise = [r for r in negatives if band(r["supplier"], r["listed"], bool(r["weak"]), weights)[0] != "none"]
    assert len(found) / len(positives) >= 0.95, [r["supplier"] for r in positives if r not in found]
    assert len(hit) / len(positives) >= 0.90
    assert false_hits == []
    assert len(noise) <= 1, [r["supplier"] for r in noise]
    # the review cases must never be hits
    assert all(band(r["supplier"], r["listed"], bool(r["weak"]), weights)[0] != "match" for r in reviews)


def test_weak_alias_never_hits_alone(weights: TokenWeights) -> None:
    assert band("ZENKO", "ZENKO", True, weights)[0] == "review"
    assert band("Genco Shipping & Trading Limited", "GENCO", True, weights)[0] == "none"


BENCH = (
    Path(__file__).parents[2]
    / "shared"
    / "reference-sources"
    / "matching"
    / "nomenklatura_name_bench_cases.csv"
)


@pytest.mark.skipif(not BENCH.is_file(), reason="needs ../shared/reference-sources (nomenklatura bench)")
def test_nomenklatura_company_bench(weights: TokenWeights) -> None:
    rows = [
        r
        for r in csv.DictReader(BENCH.open(encoding="utf-8"))
        if r["schema"] in ("Company", "Organization", "LegalEntity")
    ]
    strong = [r for r in rows if r["is_match"] == "true" and r["quality"] == "STRONG"]
    nonmatch = [r for r in rows if r["is_match"] == "false" and r["quality"] == "STRONG"]

    def found(r: dict[str, str]) -> bool:
        return band(r["name1"], r["name2"], False, weights)[0] != "none"

    recall = sum(found(r) for r in strong) / len(strong)
    false_rate = sum(band(r["name1"], r["name2"], False, weights)[0] == "match" for r in nonmatch) / len(
        nonmatch
    )
    assert recall >= 0.80
    assert false_rate <= 0.10


@pytest.mark.parametrize(
    ("supplier", "listed", "expected"),
    [
        # a generic listed word ("project") missing: the listed name's own word is there
        ("Mansudae Overseas", "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES", "review"),
        ("Korea Sobaeksu Trading Company", "KOREA SOBAEKSU UNITED CORPORATION", "review"),
        # only generic words shared: not the entity
        ("Energy Resources LLC", "NATIONAL RESOURCES DEVELOPMENT AND INVESTMENT CORPORATION", "none"),
        # a place does not identify ("Korean"), with the common words differing
        ("Korean Mining Trading Corporation", "KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION", "none"),
        # generic words rare on the lists still anchor a match when the name's own word has a typo
        ("WEHIAI WORLD-SHIPPING FREIGHT", "WEIHAI WORLD-SHIPPING FREIGHT", "match"),
        ("ORGANIZATION ANDguidance DEPARTMENT", "ORGANIZATION AND GUIDANCE DEPARTMENT", "match"),
        # words of one or two letters identify only the same name
        ("MP Electronics Corporation", "MP LIMITED LIABILITY COMPANY", "none"),
        ("No 39", "OFFICE NO. 39", "none"),
        ("MP LLC", "MP LIMITED LIABILITY COMPANY", "match"),
        # a listed name of one generic word: that name only alone
        ("Modern Timber Sp. z o.o.", "TIMBER CORPORATION", "none"),
        ("Timber Trading GmbH", "TIMBER CORPORATION", "none"),
        ("United Timber Ltd", "TIMBER CORPORATION", "none"),
        ("Timber Corp. (Yangon)", "TIMBER CORPORATION", "review"),  # a hit in its country: below
        # business words of other languages are generic too: the listed name's own word is missing
        ("Flores Transportes SA de CV", "TRANSPORTES LC", "none"),
        # the romanisation key is for words read aloud, not acronyms without a vowel
        ("GVC Group", "KKBC", "none"),
        ("ДКБ", "DCB", "match"),
        ("КОРЕА КВАНГСОН БАНКИНГ КОРПОРАТИОН (ККБК)", "KOREA KWANGSON BANKING CORPORATION (KKBC)", "match"),
        ("Namkang Group", "NAMGANG", "match"),
        # Chinese characters have no typos: 新华 (xin hua) is not 兴华 (XINGHUA); in Latin letters
        # the two may be a typo apart; the same characters still match, joined or not
        ("新华贸易有限公司", "XINGHUA CO. LTD.", "none"),
        ("Xinhua Trading Co., Ltd.", "XINGHUA CO. LTD.", "review"),
        ("丹东鸿祥实业发展有限公司", "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD", "match"),
        # every romanisation of Chinese writes f as f: 东方 (dong fang, "east") is the Korean
        # 동방 only when read in Korean, in a North Korean name
        ("东方纺织有限公司", "DONGBANG BANK", "none"),
        ("东方物流有限公司", "DONGBANG BANK", "none"),
        ("朝鲜东方银行", "DONGBANG BANK", "match"),
        # a word of the listed name absent, however common: another name, a review at most
        ("Kim Il Sung University", "KIM IL SUNG MILITARY UNIVERSITY", "review"),
        ("Air Koryo", "AIR KORYO TRADING CORPORATION", "review"),
        ("Rung Ra Do General Trading", "KOREA RUNGRADO GENERAL TRADING CORPORATION", "match"),  # a place
        # a legal form written with a slip is still the legal form, not a word of the name
        ("AZZA AVIATION COMPNAY", "AZZA AVIATION COMPANY", "match"),
        ("PARSEKllc", "PARSEK LLC", "match"),
        ("KOREA TAEJIN TRADING CORP ORATION", "KOREA TAEJIN TRADING CORPORATION", "match"),
        ("ПУБЛИК ДЖОИНТ СТОКК КОМПАНЙ СПБ ЕКСЧАНГЕ", "PUBLIC JOINT STOCK COMPANY SPB EXCHANGE", "match"),
        # English business words written in Cyrillic: not extra words, no "corporation" missing
        ("КОРЕА КВАНГСОН БАНКИНГ КОРПОРАТИОН", "KOREA KWANGSON BANKING CORPORATION", "match"),
        ("Пэксол Трейдинг Корпорейшн", "PAEKSOL TRADING CORPORATION", "match"),
        ("Таймырская Горная Компания", "TAYMYRSKAYA GORNAYA KOMPANIYA", "match"),
    ],
)
def test_bands_of_name_pairs(supplier: str, listed: str, expected: str, weights: TokenWeights) -> None:
    assert band(supplier, listed, False, weights)[0] == expected


@pytest.mark.parametrize(
    ("supplier", "listed", "expected"),
    [
        # a name not romanised: the supplier's own common words in place of the listed ones are
        # another company's trade; the listed name shortened to its own word is for review
        ("Haitian Trading Co., Ltd.", "HAITIAN PRECISION LLC", "none"),
        ("Haitian Trading Co., Ltd.", "HAITIAN PRECISION INDUSTRIES LLC", "none"),
        ("Modulbank", "JOINT STOCK COMPANY COMMERCIAL BANK MODULBANK", "review"),
        ("Modulbank Russia", "JOINT STOCK COMPANY COMMERCIAL BANK MODULBANK", "review"),  # a place added
        ("Haitian Precision", "HAITIAN PRECISION LLC", "match"),
    ],
)
def test_bands_of_names_not_romanised(
    supplier: str, listed: str, expected: str, weights: TokenWeights
) -> None:
    assert band(supplier, listed, False, weights, romanise=False)[0] == expected


@pytest.mark.parametrize(
    ("supplier", "listed"),
    [
        ("Silver Technologies Inc.", "SILVER TECHNOLOGY LIMITED"),
        ("Chemical Group Ltd", "CHEMICAL GROUP"),
        ("Transportes S.A.", "TRANSPORTES LC"),
        ("Timber Corp. (Yangon)", "TIMBER CORPORATION"),
    ],
)
def test_a_name_of_common_words_only_is_a_hit_only_corroborated(
    supplier: str, listed: str, weights: TokenWeights
) -> None:
    # two common words are many companies' name: the entity only in its country
    assert (
        band(supplier, listed, False, weights, romanise=False, country="US", listed_countries=("IR",))[0]
        == "review"
    )
    assert band(supplier, listed, False, weights, romanise=False)[0] == "review"
    assert (
        band(supplier, listed, False, weights, romanise=False, country="IR", listed_countries=("IR",))[0]
        == "match"
    )


@pytest.mark.parametrize(
    "name",
    ["SECOND ECONOMIC COMMITTEE", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "OFFICE 39"],
)
def test_a_name_of_three_common_words_a_place_or_a_number_identifies(
    name: str, weights: TokenWeights
) -> None:
    assert band(name.title(), name, False, weights, country="RU", listed_countries=("KP",))[0] == "match"


def test_extra_supplier_words_cost_their_rarity_not_the_generic_cap(weights: TokenWeights) -> None:
    # "overseas" and "construction" are generic (capped as listed words) but rare on the lists:
    # added to a one-word listed name they say it is another company
    supplier, listed = normalize_name("Phoenix Overseas Construction"), normalize_name("PHOENIX")
    as_rarity = compare(supplier, listed, weights, rarity=weights.rarity)
    as_capped = compare(supplier, listed, weights)
    assert weights.rarity("overseas") > weights("overseas")
    assert as_rarity.score < as_capped.score
    assert as_rarity.extra_distinctive == ("overseas",)
