"""Candidate generation: every pair the full comparison would keep is a candidate.

Brute force compares each sampled supplier name with every listed name of a small list; the
index must propose (at least) every pair whose score reaches the floor. The sample holds
planted variants of listed names (typos, romanisation, splits, joins, abbreviations, ...),
hand-written hard cases and ordinary supplier names.
"""

from __future__ import annotations

import pickle
import random
import sys
from pathlib import Path

import pandas as pd
import pytest

from screen.config import MatchingConfig
from screen.matching.compare import compare
from screen.matching.entities import best_matches, own_words_match
from screen.matching.index import NameIndex
from screen.normalize import normalize_name
from screen.reference import Reference, bundled_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

CFG = MatchingConfig()
FLOOR = CFG.review - CFG.country_agree_bonus - CFG.sector_agree_bonus
HARD = [
    "Rung Ra Do Trading",
    "Rungrado General Trading Corp.",
    "Namgang Construction Co Ltd",
    "Korea Kwangson Bkg. Corp.",
    "Kwang Song Trading",
    "Office 39",
    "OFFICE NO 38",
    "Office 39 39",  # numbers compare as a set
    "Office 39 (38)",  # a number in parentheses is a qualifier
    "Koryo Link",
    "Korealink",
    "Chol Hyon Overseas Construction",
    "Cholhyon Overseas Constr.",
    "Mansudae Art Studio (Namibia)",
    "КОРЕЯ ТАНГУН ТРЕЙДИНГ",
    "Tangun Trdg",
    "Ryonbong General Corp",
    "Global Trading LLC",
    "Korea Trading Company",
    "Air Koryo",
    "Sea Star Shipping",
    "Daesong Bank",
    # a North Korean company's own name with words of activity or a city added
    "Rungrado Logging",
    "Ryonbong Timber Vladivostok",
    "Mansudae Restaurant",
    "Rungrado Tolstoy Logging",
    "Porter Logistics",
    # reached only through words of one or two letters
    "No 39",
    "No. 39 Trading",
    "WT",
    "WT Trading",
    # names of common words only, written with two words joined
    "KOREA TRADEBANK",
    "KOREATRADE BANK",
    "Korea GeneralConstruction",
    "KoreaGeneral Construction",
    "International IndustrialDevelopment Bank",
    # where the bound knows a supplier word is extra, whatever the comparison aligns: a name
    # of one generic word, names of short words, names without a distinctive word, and a
    # listed run beside a word matched exactly
    "Timber",
    "Timber Trading",
    "Tim Ber (Russia)",
    "Sam IG",
    "IG",
    "Korea General Trading",
    "Korea General Trading Moscow",
    "AD Consulting Corporation",
    "KoryoBank Koryo",
]


@pytest.fixture(scope="module")
def index(reference: Reference) -> NameIndex:
    names = reference.names.iloc[:400].reset_index(drop=True)
    return NameIndex(names, bundled_dir())


@pytest.fixture(scope="module")
def sample(index: NameIndex) -> list[str]:
    rng = random.Random(3)
    listed = sorted({n.name for n in index.names})
    out = list(HARD)
    for name in rng.sample(listed, 60):
        for kind in rng.sample(generate.KINDS, 2):
            v = generate.variant(name, kind, rng)
            if v:
                out.append(v)
    rows, _ = generate.generate(80, [], seed=5)
    out += [r[1] for r in rows]
    return sorted(set(out))


def brute_force(names: list[str], index: NameIndex, floor: float) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for n in names:
        q = normalize_name(n)
        for i, item in enumerate(index.names):
            c = compare(
                q,
                item.norm,
                index.weights,
                CFG.min_token_similarity,
                CFG.extra_token_cost,
                item.romanise,
                index.weights.rarity,
            )
            if c.score >= floor or own_words_match(item, c):
                out.add((n, i))
    return out


def candidates(names: list[str], index: NameIndex, floor: float) -> set[tuple[str, int]]:
    found = index.candidates(
        [normalize_name(n) for n in names],
        floor=floor,
        min_similarity=CFG.min_token_similarity,
        extra_cost=CFG.extra_token_cost,
    )
    return {(n, i) for n, cands in zip(names, found, strict=True) for i in cands}


def test_candidates_cover_brute_force(sample: list[str], index: NameIndex) -> None:
    truth = brute_force(sample, index, FLOOR)
    found = candidates(sample, index, FLOOR)
    assert len(truth) >= 100  # the sample does reach listed names
    assert truth <= found, sorted(truth - found)[:10]
    assert len(found) <= 3 * len(truth)  # and the filter is selective


def test_own_words_of_romanised_names_are_candidates_below_the_floor(index: NameIndex) -> None:
    names = [
        "Rungrado Construction",
        "Mansudae Construction LLC",
        "Rungrado Tolstoy Construction",
        "Ryonbong Logging",  # "logging": generic, though the lists seldom use it
        "Rungrado Logging Tolstoy",
        "Mansudae Art Restaurant",  # "art": a word of its other name, MANSUDAE ART STUDIO
    ]
    truth = brute_force(names, index, FLOOR)
    below = set()
    for n, i in truth:
        item = index.names[i]
        c = compare(
            normalize_name(n), item.norm, index.weights, romanise=item.romanise, rarity=index.weights.rarity
        )
        if c.score < FLOOR:
            below.add(n)
    # kept for review at any score; not with a distinctive word added ("Tolstoy")
    assert below == {
        "Rungrado Construction",
        "Mansudae Construction LLC",
        "Ryonbong Logging",
        "Mansudae Art Restaurant",
    }
    assert truth <= candidates(names, index, FLOOR)


def test_low_floor_covers_brute_force(sample: list[str], index: NameIndex) -> None:
    names = sample[::4]
    truth = brute_force(names, index, 50.0)
    assert truth <= candidates(names, index, 50.0)


def test_candidates_cover_brute_force_with_both_kinds_of_name(
    reference: Reference, sample: list[str]
) -> None:
    # half the entries romanised from Korean or Chinese, half not: their words are looked up
    # differently, and a word of both kinds of name is in the vocabulary twice
    names = reference.names.iloc[:400].reset_index(drop=True)
    ids = sorted({str(r) for r in names["ref_id"]})
    mixed = NameIndex(names, bundled_dir(), romanised=set(ids[::2]))
    assert {n.romanise for n in mixed.names} == {True, False}
    assert len(mixed.vocab.words) > len(set(mixed.vocab.words))  # some words twice
    truth = brute_force(sample, mixed, FLOOR)
    assert len(truth) >= 100
    assert truth <= candidates(sample, mixed, FLOOR), sorted(truth - candidates(sample, mixed, FLOOR))[:10]


def test_candidates_cover_brute_force_with_north_korean_and_other_entries(
    reference: Reference, sample: list[str]
) -> None:
    # a North Korean company's own name takes added words of activity (own_words_match); the
    # other romanised entries do not: the index must tell them apart as the comparison does
    names = reference.names.iloc[:400].reset_index(drop=True)
    ids = sorted({str(r) for r in names["ref_id"]})
    mixed = NameIndex(names, bundled_dir(), north_korean=set(ids[1::2]))
    assert {n.north_korean for n in mixed.names} == {True, False}
    relaxed = ["Rungrado Logging", "Ryonbong Timber Vladivostok", "Mansudae Restaurant", "Namgang Catering"]
    truth = brute_force(sample[::3] + relaxed, mixed, FLOOR)
    found = candidates(sample[::3] + relaxed, mixed, FLOOR)
    assert truth <= found, sorted(truth - found)[:10]
    none = NameIndex(names, bundled_dir(), north_korean=())
    assert brute_force(relaxed, mixed, FLOOR) != brute_force(relaxed, none, FLOOR)


def test_own_words_reach_a_north_korean_name_whose_city_weighs_more() -> None:
    # the own-words review leaves a listed city aside; the index must still reach the name
    # through its own words, though the city is its heaviest word
    listed = ["RUNGRADO TRADING", "RUNGRADO SHIPPING", "RUNGRADO VLADIVOSTOK"]
    names = pd.DataFrame(
        [(f"T:{i}", n, "primary") for i, n in enumerate(listed)], columns=["ref_id", "name", "name_type"]
    )
    index = NameIndex(names, bundled_dir(), north_korean=["T:0", "T:1", "T:2"])
    suppliers = ["Rungrado", "Rungrado Logging", "Rungrado Vladivostok Branch"]
    truth = brute_force(suppliers, index, FLOOR)
    assert ("Rungrado Logging", 2) in truth
    assert truth <= candidates(suppliers, index, FLOOR)


def test_a_listed_word_written_apart_is_reached_at_the_shortest_run() -> None:
    # runs of two or three supplier words joined, down to JOINED_LEN letters
    listed = ["KOMID TRADING", "RYONBONG GENERAL", "SOBAEKSU COMPANY"]
    names = pd.DataFrame(
        [(f"T:{i}", n, "primary") for i, n in enumerate(listed)], columns=["ref_id", "name", "name_type"]
    )
    index = NameIndex(names, bundled_dir())
    suppliers = ["Ko Mid Trading", "Ryon Bo Ng General", "So Baek Su Company"]
    truth = brute_force(suppliers, index, FLOOR)
    assert {(s, k) for k, s in enumerate(suppliers)} <= truth
    assert truth <= candidates(suppliers, index, FLOOR)


def test_index_survives_pickling(sample: list[str], index: NameIndex) -> None:
    again = pickle.loads(pickle.dumps(index))
    assert candidates(sample, again, FLOOR) == candidates(sample, index, FLOOR)


def test_empty_queries_and_names(index: NameIndex) -> None:
    assert index.candidates([], floor=FLOOR) == []
    assert index.candidates([normalize_name("")], floor=FLOOR) == [set()]
    empty = NameIndex(pd.DataFrame({"ref_id": [], "name": [], "name_type": []}), bundled_dir())
    assert len(empty) == 0 and empty.candidates([normalize_name("Rungrado")], floor=FLOOR) == [set()]


def test_parallel_matches_equal_serial(
    sample: list[str], index: NameIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screen.matching import entities

    monkeypatch.setattr(entities, "CHUNK", 40)
    monkeypatch.setattr(entities, "PARALLEL_MIN", 0)
    seen: list[tuple[str, int, int]] = []
    serial = best_matches(sample, index, CFG, workers=1)
    forked = best_matches(sample, index, CFG, workers=2, progress=lambda s, d, t: seen.append((s, d, t)))

    def flat(r: dict[str, tuple[str, dict[str, object]]]) -> dict[str, tuple[str, dict[str, float]]]:
        return {n: (k, {e: b.cmp.score for e, b in d.items()}) for n, (k, d) in r.items()}  # type: ignore[attr-defined]

    assert flat(forked) == flat(serial)
    assert seen[0] == ("match", 0, len(sample)) and seen[-1] == ("match", len(sample), len(sample))


@pytest.mark.parametrize(
    ("n", "workers", "sizes"),
    [
        (100, 2, [25] * 4),
        (80, 2, [40, 40]),
        (30, 2, [15, 15]),
        (41, 1, [21, 20]),
        (7, 3, [3, 2, 2]),
        (2, 4, [1, 1]),
        (0, 2, []),
    ],
)
def test_partitions_are_large_and_shared_evenly(
    n: int, workers: int, sizes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from screen.matching import entities

    monkeypatch.setattr(entities, "CHUNK", 40)
    names = [f"name {k}" for k in range(n)]
    parts = entities.partition(names, workers)
    assert [len(p) for p in parts] == sizes
    assert [x for p in parts for x in p] == names  # every name once, in order


def test_names_in_other_scripts_are_shared_across_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    """They cost several times as much to normalise and sort last: one partition of them all
    would keep one core busy after the others are done."""
    from screen.matching import entities

    monkeypatch.setattr(entities, "CHUNK", 40)
    latin = [f"name {k:02d}" for k in range(60)]
    other = [f"имя {k:02d}" for k in range(20)]
    parts = entities.partition(sorted(latin + other), 2)
    assert [sum(not n.isascii() for n in p) for p in parts] == [10, 10]
    assert [len(p) for p in parts] == [40, 40]
    assert sorted(x for p in parts for x in p) == sorted(latin + other)  # every name once
    assert all(p == sorted(p) for p in parts)  # in order within each script


@pytest.mark.parametrize(
    ("listed", "bare"),
    [
        ("FOREIGN TRADE BANK (FTB)", ("foreign", "trading", "bank")),
        ("KOREA KWANGSON BANKING CORPORATION (KKBC)", ("korea", "kwangson", "banking")),
        ("MINISTRY OF THE PEOPLE’S ARMED FORCES (MPAF)", ("ministry", "peoples", "armed", "forces")),
        (  # the initials of its first words
            "CENTRAL MILITARY COMMISSION OF THE WORKERS’ PARTY OF KOREA (CMC)",
            ("central", "military", "commission", "workers", "party", "korea"),
        ),
        ("LEADER (HONG KONG) INTERNATIONAL TRADING LIMITED", None),  # a place, not an acronym
        ("QINGDAO CONSTRUCTION (NAMIBIA) CC", None),
        ("SUN MOON STAR (SINGAPORE) LTD.", None),
        ("FOREIGN TRADE BANK (KKBC)", None),  # not the name's initials
        ("KORYO (K)", None),  # one word would be left
        ("FOREIGN TRADE BANK", None),
    ],
)
def test_an_acronym_in_parentheses_is_read_as_another_name(listed: str, bare: tuple[str, ...] | None) -> None:
    from screen.matching.index import without_trailing_parentheses

    got = without_trailing_parentheses(normalize_name(listed))
    assert (got.tokens if got else None) == bare


def test_a_name_without_its_acronym_matches_in_full() -> None:
    names = pd.DataFrame(
        {
            "ref_id": ["UN:1", "UN:2"],
            "name": ["FOREIGN TRADE BANK (FTB)", "KOREA TRADE BANK"],
            "name_type": ["primary"] * 2,
        }
    )
    index = NameIndex(names, bundled_dir())
    found = best_matches(["Foreign Trade Bank", "Foreign Trade Bank (FTB)"], index, CFG)
    for name in ("Foreign Trade Bank", "Foreign Trade Bank (FTB)"):
        best = found[name][1]["UN:1"]
        assert best.cmp.score == 100.0 and best.item.name == "FOREIGN TRADE BANK (FTB)"
    assert found["Foreign Trade Bank"][1]["UN:1"].item.dropped == ("ftb",)
    assert found["Foreign Trade Bank (FTB)"][1]["UN:1"].item.dropped == ()  # the name as written wins
