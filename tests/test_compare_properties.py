from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from screen.matching.compare import compare
from screen.matching.weights import TokenWeights
from screen.normalize import normalize_name
from screen.reference import bundled_dir

W = TokenWeights.build(bundled_dir(), [])
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)
words = st.lists(
    st.sampled_from(
        [
            "namgang",
            "korea",
            "trading",
            "general",
            "mokran",
            "zeel",
            "co",
            "ltd",
            "paekho",
            "construction",
            "bureau",
            "external",
            "12",
            "(doha)",
            "Rung",
            "Ra",
            "Do",
        ]
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_scores_within_range(a: str, b: str) -> None:
    c = compare(normalize_name(a), normalize_name(b), W)
    assert 0.0 <= c.score <= 100.0


@settings(max_examples=300, deadline=None)
@given(words)
def test_identical_names_score_100(a: str) -> None:
    n = normalize_name(a)
    if n.tokens:
        assert compare(n, n, W).score == 100.0


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_symmetric_when_no_extra_words(a: str, b: str) -> None:
    na, nb = normalize_name(a), normalize_name(b)
    if sorted(na.tokens) == sorted(nb.tokens) and len(set(na.tokens)) == len(na.tokens):
        assert abs(compare(na, nb, W).score - compare(nb, na, W).score) < 1e-6 or na.qualifier != nb.qualifier


def test_extra_words_cost_less_than_missing_words() -> None:
    listed = normalize_name("NAMGANG CONSTRUCTION BUREAU")
    extra = compare(normalize_name("Namgang Construction Bureau Vladivostok"), listed, W).score
    missing = compare(normalize_name("Namgang"), listed, W).score
    assert extra > missing


def test_numbers_must_agree() -> None:
    assert compare(normalize_name("BELLETECH CORP"), normalize_name("11420 CORP."), W).score < 50
    assert compare(normalize_name("Unit 12 Trading"), normalize_name("UNIT 13 TRADING"), W).score < 80


def test_pinyin_words_are_split_into_syllables_korean_words_are_not() -> None:
    from screen.matching.compare import in_pinyin, other_chinese_word, pinyin_split

    assert pinyin_split("dongfang") == ("dong", "fang")
    assert pinyin_split("hongxiang") == ("hong", "xiang")
    for korean in ("ryonbong", "namgang", "mansudae", "taesong", "kwangson", "sinuiju"):
        assert pinyin_split(korean) is None, korean  # (not "ta e song": no lone vowels)
    assert other_chinese_word("dongfeng", "dongfang")
    assert not other_chinese_word("dongfeng", "dongfneg")  # a typo is no pinyin
    assert in_pinyin(("shanghai", "dongfeng", "shipping"))
    assert not in_pinyin(("korean", "tangun", "trading"))
