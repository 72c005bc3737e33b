"""The romanisation key applies to names romanised from Korean or Chinese only.

Under the key, Namkang = Namgang and Joseon = Choson, as they should; but Reed = RIIT,
Redwood = REDUT and Khan = GAAN too (Russian entities on the full OFAC SDN), which are
coincidences, while Cyrillic transliterations of other names (Pakifik ~ Pacific) must still
match. These cases come from screening generated suppliers against the full SDN.
"""

from __future__ import annotations

import pandas as pd

from screen.config import MatchingConfig
from screen.matching.compare import compare, locality_words
from screen.matching.entities import best_matches
from screen.matching.index import NameIndex, north_korean_entries, romanised_entries
from screen.matching.weights import TokenWeights
from screen.normalize import looks_korean, normalize_name
from screen.reference import bundled_dir

CFG = MatchingConfig()
ENTRIES = pd.DataFrame(
    [
        ("T:1", ("RUSSIA-EO14024",), ("RU",), "RIIT LTD"),
        ("T:2", ("RUSSIA-EO14024",), ("BY", "RU", "UA"), "PMC REDUT"),
        ("T:3", ("RUSSIA-EO14024",), ("RU",), "KORPORATSIYA GAAN"),
        ("T:4", ("DPRK3",), ("KP", "RU"), "NAMGANG CONSTRUCTION"),
        ("T:5", ("Democratic People's Republic of Korea",), (), "JOSEON EXPO"),
        ("T:6", ("SDGT",), ("CN",), "TAESONG TRADING"),
        ("T:7", ("IRAQ2",), ("GB",), "KHALID TRADING"),
        ("T:8", ("SDGT",), ("AE",), "PACIFIC OCEAN SHIPPING LIMITED"),
        ("T:9", ("IRAN",), ("IR",), "BASIJ RESISTANCE CENTER"),
        ("T:10", ("RUSSIA-EO14024",), ("RU",), "MIT AG"),
        ("T:11", ("SDGT",), ("TR",), "KADEK"),
    ],
    columns=["ref_id", "programs", "countries", "name"],
)
NAMES = ENTRIES.assign(name_type="primary")[["ref_id", "name", "name_type"]]


def found(index: NameIndex, supplier: str) -> dict[str, float]:
    best = best_matches([supplier], index, CFG)[supplier][1]
    return {rid: b.cmp.score for rid, b in best.items() if b.cmp.score >= CFG.review}


def test_which_entries_are_romanised() -> None:
    assert romanised_entries(ENTRIES) == {"T:4", "T:5", "T:6"}
    as_text = ENTRIES.assign(programs=["X"] * 3 + ["DPRK3;NPWMD"] + ["X"] * 7, countries="")
    assert romanised_entries(as_text) == {"T:4"}


def test_key_coincidences_do_not_match_other_names() -> None:
    scoped = NameIndex(NAMES, bundled_dir(), romanised_entries(ENTRIES))
    everything = NameIndex(NAMES, bundled_dir())
    for supplier, rid in [
        ("Reed Ltd", "T:1"),
        ("Redwood PMC", "T:2"),
        ("Khan Korporatsiya", "T:3"),
        ("Mid GmbH", "T:10"),
        ("Gatek SA", "T:11"),  # five letters, but only 0.6 alike in spelling
    ]:
        assert rid in found(everything, supplier), supplier  # what the key alone would say
        assert rid not in found(scoped, supplier), supplier
    # a spelling variant of a name that is not romanised still matches, by spelling
    assert "T:7" in found(scoped, "Khallid Trading Co")


def test_korean_and_chinese_variants_still_match() -> None:
    scoped = NameIndex(NAMES, bundled_dir(), romanised_entries(ENTRIES))
    assert "T:4" in found(scoped, "Namkang Construction Co., Ltd.")
    assert "T:5" in found(scoped, "Choson Expo")
    assert "T:6" in found(scoped, "Daesong Trading")


def test_transliteration_of_other_names_still_matches() -> None:
    scoped = NameIndex(NAMES, bundled_dir(), romanised_entries(ENTRIES))
    assert "T:8" in found(scoped, "ПАКИФИК ОКЕАН ШИППИНГ ЛИМИТЕД")
    assert "T:9" in found(scoped, "Basich Resistance Center")


def test_which_entries_are_north_korean_companies() -> None:
    # an address in North Korea, or none and a Korea programme; not a Chinese company listed
    # for North Korea (T:6 is on another programme, with a Chinese address)
    assert north_korean_entries(ENTRIES) == {"T:4", "T:5"}
    in_china = ENTRIES.assign(programs=[("DPRK3",)] * len(ENTRIES), countries=[("CN",)] * len(ENTRIES))
    assert north_korean_entries(in_china) == set()


def test_korean_words() -> None:
    for word in ("rungrado", "mansudae", "ryonbong", "sobaeksu", "kwangson", "chollima", "paektu"):
        assert looks_korean(word), word
    for word in (
        "border",
        "academy",
        "reconnaissance",
        "tianyi",
        "shandong",
        "science",
        "sinbad",
        "e" * 40 + "x",
    ):
        assert not looks_korean(word), word


def test_cities_and_provinces_are_localities() -> None:
    words = locality_words()
    assert {"dandong", "pyongyang", "vladivostok", "shandong", "liaoning"} <= words
    assert "russia" not in words  # a country is a place word already
    assert all(w.isascii() and len(w) >= 4 for w in words)  # no transliterated key ("seong")


def test_own_words_equal_only_under_the_key_must_be_alike_in_spelling() -> None:
    # words equal under the key are "present" for the own-words review only when their
    # spellings are three-quarters alike: Namkang is Namgang, Porter is not BORDER
    weights = TokenWeights.build(bundled_dir(), [])

    def complete(supplier: str, listed: str) -> bool:
        return compare(
            normalize_name(supplier), normalize_name(listed), weights, rarity=weights.rarity
        ).distinctive_complete

    assert complete("Namkang Logistics", "NAMGANG CONSTRUCTION")
    assert not complete("Porter Logistics", "BORDER TRADE SETTLEMENT BANK")


def test_a_north_korean_company_s_own_name_is_in_rare_korean_words() -> None:
    weights = TokenWeights.build(bundled_dir(), [])

    def own_name(supplier: str, listed: str) -> bool:
        c = compare(normalize_name(supplier), normalize_name(listed), weights, rarity=weights.rarity)
        return c.own_name_complete

    assert own_name("Rungrado Logging", "KOREA RUNGRADO GENERAL TRADING CORPORATION")
    assert not own_name("Maritime Logistics", "MARITIME ADMINISTRATION BUREAU")  # reads as Korean, common
    assert not own_name("Sinbad Bakery", "SINBAD")  # a final d: not as the lists romanise Korean
