"""Word pairs close in spelling are found without comparing all pairs."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from screen.matching.compare import token_similarity
from screen.matching.words import Neighbours, Vocabulary, deletion_hashes, nonzero
from screen.normalize import roman_key


def _typo(word: str, rng: random.Random) -> str:
    w = list(word)
    for _ in range(rng.randint(0, 3)):
        k = rng.randrange(len(w) + 1)
        op = rng.choice("sdi")
        if op == "s" and k < len(w):
            w[k] = rng.choice("abcdefghij")
        elif op == "d" and len(w) > 3 and k < len(w):
            del w[k]
        else:
            w.insert(k, rng.choice("abcdefghij"))
    return "".join(w)


def test_every_close_pair_is_found() -> None:
    rng = random.Random(5)
    vocab = sorted(
        {"".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 14))) for _ in range(1500)}
    )
    queries = sorted({_typo(rng.choice(vocab), rng) for _ in range(1500)})
    voc = Vocabulary(vocab, [True] * len(vocab))
    q, v, sim = voc.lookup(queries, [False] * len(queries), 80.0)
    found = {(int(a), int(b)): s for a, b, s in zip(q, v, sim, strict=True)}
    m = process.cdist(queries, vocab, scorer=fuzz.ratio, score_cutoff=80)
    truth = {
        (int(a), int(b))
        for a, b in zip(*np.nonzero(m), strict=True)
        if min(len(queries[a]), len(vocab[b])) >= 4
    }
    assert truth <= set(found)
    for (a, b), s in found.items():  # scored as the comparison scores them
        assert abs(s - token_similarity(vocab[b], queries[a])[0]) < 0.01


def test_every_close_pair_with_a_run_of_words_is_found() -> None:
    """Supplier words written apart (a run, one deletion deep) against listed words (two deep
    from six letters), and a supplier word against listed runs: every pair at JOINED_MIN is
    found, through the neighbourhoods or as a far pair. Lengths 5 to 30, up to three letters
    more, fewer or changed on either side: the edges of what the neighbourhoods reach."""
    from screen.matching.compare import JOINED_MIN

    rng = random.Random(7)

    def word(lo: int, hi: int) -> str:
        return "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(lo, hi)))

    singles = sorted({word(5, 30) for _ in range(700)})
    runs = sorted({word(5, 30) for _ in range(300)} - set(singles))
    vocab = singles + runs
    voc = Vocabulary(vocab, [True] * len(singles) + [False] * len(runs))
    as_run = sorted({_typo(rng.choice(singles), rng) for _ in range(1500)})
    single = sorted({_typo(rng.choice(runs), rng) for _ in range(700)} - set(as_run))
    queries = as_run + single
    joined = [True] * len(as_run) + [False] * len(single)
    q, v, _ = voc.lookup(queries, joined, 80.0)
    found = {(int(a), int(b)) for a, b in zip(q, v, strict=True)}
    m = process.cdist(queries, vocab, scorer=fuzz.ratio, score_cutoff=JOINED_MIN - 1e-3)
    truth = {
        (int(a), int(b))
        for a, b in zip(*np.nonzero(m), strict=True)
        if min(len(queries[a]), len(vocab[b])) >= 5 and (joined[a] != (b >= len(singles)))
    }
    assert len(truth) > 1000
    assert truth <= found


def test_romanisation_and_runs() -> None:
    voc = Vocabulary(["namgang", "rungrado", "kwangsong", "rungra"], [True, True, True, False])
    q, v, sim = voc.lookup(
        ["namkang", "rung ra do".replace(" ", ""), "gwangsong", "rungra"], [False, True, False, False]
    )
    pairs = {(int(a), voc.words[int(b)]) for a, b in zip(q, v, strict=True)}
    assert (0, "namgang") in pairs  # equal under the romanisation key
    assert (1, "rungrado") in pairs  # supplier words written apart
    assert (2, "kwangsong") in pairs
    assert (3, "rungra") in pairs  # a listed run of words, one supplier word
    assert all(s >= 80 for s in sim)


def test_hashes_are_the_same_in_every_process() -> None:
    """Unlike str hashes: an index built in one process works in another (spawn, pickle)."""
    import subprocess
    import sys

    code = (
        "from screen.matching.words import deletion_hashes; print(deletion_hashes(['rungrado'])[0].tolist())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other.strip() == str(deletion_hashes(["rungrado"])[0].tolist())
    assert set(deletion_hashes(["abcd"])[0].tolist()) == set(Neighbours(["abcd"], [True]).hashes.tolist())


def test_the_bit_set_keeps_every_listed_neighbour_and_turns_most_others_away() -> None:
    rng = random.Random(11)
    listed = sorted(
        {"".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(4, 12))) for _ in range(800)}
    )
    others = sorted(
        {"".join(rng.choice("qrstuvwxyz") for _ in range(rng.randint(4, 12))) for _ in range(800)}
    )
    nb = Neighbours(listed, [True] * len(listed))
    assert nb._maybe(deletion_hashes(listed)[0]).all()
    stray = nb._maybe(deletion_hashes(others)[0])
    assert stray.mean() < 0.1  # 16 bits or more per listed hash
    assert nb.pairs(others, [True] * len(others))[0].size == 0  # and the join finds none of them


@pytest.mark.parametrize("romanise", [True, False])
def test_every_pair_close_under_the_romanisation_key_is_found(romanise: bool) -> None:
    # syllables whose letters the key folds together (k/g, t/d, p/b, ch/j, eo/o, ...), words
    # respelt and lengthened, so that pairs alike only under the key, and pairs far apart in
    # length, are among the truth
    rng = random.Random(11)
    sounds = ["k", "g", "kh", "t", "d", "p", "b", "ch", "j", "s", "ng", "n", "m", "r", "l"]
    vowels = ["a", "o", "eo", "u", "oo", "i", "ae", "yo", "ye"]
    alike = {
        "k": "g",
        "g": "k",
        "t": "d",
        "d": "t",
        "p": "b",
        "b": "p",
        "ch": "j",
        "j": "ch",
        "eo": "o",
        "o": "eo",
    }

    def syllables() -> list[str]:
        return [rng.choice(sounds) + rng.choice(vowels) for _ in range(rng.randint(1, 6))]

    def respelt(parts: list[str]) -> str:
        out = [
            "".join(alike.get(ch, ch) if rng.random() < 0.5 else ch for ch in (p[:-1], p[-1:])) for p in parts
        ]
        if rng.random() < 0.3:
            out.append(rng.choice(sounds) + rng.choice(vowels))
        return "".join(out)

    words = [syllables() for _ in range(400)]
    vocab = sorted({"".join(w) for w in words})
    queries = sorted(
        {respelt(rng.choice(words)) for _ in range(300)} | {"".join(syllables()) for _ in range(100)}
    )
    # words of names not romanised from Korean or Chinese align under the key only when long
    # and alike in spelling: the lookup finds exactly the comparison's pairs, scored alike
    voc = Vocabulary(vocab, [True] * len(vocab), [romanise] * len(vocab))
    q, v, sim = voc.lookup(queries, [False] * len(queries), 80.0)
    found = {(a, b): s for a, b, s in zip(q.tolist(), v.tolist(), sim.tolist(), strict=True)}
    truth = {
        (a, b): token_similarity(listed, query, romanise=romanise)
        for a, query in enumerate(queries)
        for b, listed in enumerate(vocab)
    }
    truth = {k: x for k, x in truth.items() if x[0] >= 80.0}
    kinds = [kind for _, kind in truth.values()]
    assert len(truth) > 250 and kinds.count("romanisation") > (50 if romanise else 5)
    assert set(found) == set(truth)
    assert all(abs(found[k] - s) < 0.01 for k, (s, _) in truth.items())


def test_a_final_ng_written_n_as_russian_writes_it() -> None:
    # Рёнбон (ryonbon) is Ryonbong: in a romanised name, found by the lookup and scored as the
    # comparison scores it; not in another kind of name, not after i (shipping), not short words
    assert token_similarity("ryonbong", "ryonbon") == (pytest.approx(97.73, abs=0.01), "final ng written n")
    assert token_similarity("ryonbong", "ryonbon", romanise=False)[1] == "spelling"
    assert token_similarity("shipping", "shippin")[1] != "final ng written n"
    assert token_similarity("kang", "kan")[1] != "final ng written n"
    words = ["ryonbong", "ryonbong", "shipping"]
    voc = Vocabulary(words, [True] * 3, [True, False, True])
    q, v, sim = voc.lookup(["ryonbon", "shippin"], [False, False])
    found = {(a, b): s for a, b, s in zip(q.tolist(), v.tolist(), sim.tolist(), strict=True)}
    for (a, b), s in found.items():
        assert s == pytest.approx(token_similarity(words[b], ["ryonbon", "shippin"][a], romanise=b != 1)[0])
    assert found[(0, 0)] == pytest.approx(97.73, abs=0.01) and found[(0, 1)] < 95


def test_words_of_both_kinds_of_name() -> None:
    # "reed" of a Russian entity is not "riit" (a coincidence of the key); of a Korean one it may be
    voc = Vocabulary(
        ["riit", "riit", "pacific", "shyeon", "shyeon"], [True] * 5, [True, False, False, True, False]
    )
    q, v, sim = voc.lookup(["reed", "pakifik", "shyeon"], [False, False, False])
    found = {(a, b): s for a, b, s in zip(q.tolist(), v.tolist(), sim.tolist(), strict=True)}
    assert set(found) == {(0, 0), (1, 2), (2, 3), (2, 4)}
    assert found[(2, 3)] == found[(2, 4)] == 100.0  # the same word, of either kind of name
    assert abs(found[(1, 2)] - token_similarity("pacific", "pakifik", romanise=False)[0]) < 0.01


@pytest.mark.parametrize("supplier_run", [True, False])
def test_every_run_of_words_close_to_a_word_is_found(supplier_run: bool) -> None:
    # words written apart on one side, joined into one long run, against a long word on the
    # other (supplier run against listed word, or supplier word against listed run): typos,
    # letters more and fewer, at the depth where one deletion per side is not enough
    rng = random.Random(0 if supplier_run else 1)
    words: list[str] = []
    runs: list[str] = []
    for _ in range(400):
        word = "".join(rng.choice("abdgjlmnosuhkyew") for _ in range(rng.randint(12, 28)))
        run = list(word)
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(run))
            op = rng.random()
            if op < 0.5:
                run[k] = rng.choice("mnslkgh")
            elif op < 0.75:
                run.insert(k, rng.choice("hwmk"))
            elif len(run) > 4:
                run.pop(k)
        words.append(word)
        runs.append("".join(run))
    voc = Vocabulary(words, [supplier_run] * len(words))  # listed words, or listed runs
    q, v, _ = voc.lookup(runs, [supplier_run] * len(runs), 80.0)
    found = set(zip(q.tolist(), v.tolist(), strict=True))
    m = process.cdist(runs, words, scorer=fuzz.ratio, score_cutoff=90)
    truth = {(int(a), int(b)) for a, b in zip(*np.nonzero(m), strict=True)}
    assert len(truth) > 200
    assert truth <= found


@pytest.mark.parametrize("shape", [(64, 999), (3, 5), (1, 1), (0, 7), (7, 0), (5, 13)])
@pytest.mark.parametrize("density", [0.0, 0.001, 0.3, 1.0])
def test_nonzero_eight_bytes_at_a_time_equals_numpy(shape: tuple[int, int], density: float) -> None:
    rng = np.random.default_rng(7)
    m = ((rng.random(shape) < density) * rng.integers(1, 256, shape)).astype(np.uint8)
    rows, cols = nonzero(m)
    want_rows, want_cols = np.nonzero(m)
    assert rows.tolist() == want_rows.tolist() and cols.tolist() == want_cols.tolist()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("electronics", "ruselectronics"),
        ("x" * 40 + "q", "x" * 40),  # beyond the 32 bytes of the grid
        ("münchen", "munchen"),
        ("plant7", "plant1"),
    ],
)
def test_letter_sets_lower_bound_the_letters_left_unmatched(a: str, b: str) -> None:
    """The far-pair filter: each kind of character one word has and the other lacks is at
    least one letter outside their longest common subsequence."""
    from rapidfuzz.distance import LCSseq

    from screen.matching.words import letter_sets

    sa, sb = (int(x) for x in letter_sets([a, b]))
    common = LCSseq.similarity(a, b)
    assert (sa & ~sb).bit_count() <= len(a) - common
    assert (sb & ~sa).bit_count() <= len(b) - common
    assert (sa & ~sb).bit_count() >= (1 if set(a) - set(b) else 0)


def test_keys_alike_but_for_their_first_letter_are_other_words() -> None:
    # kumgang and HAEGU'MGANG (keys gumgang, egumgang), hesong and DAESONG (esong, desong): a
    # syllable apart at the start, not one word romanised two ways; spelt alike, still compared
    assert token_similarity("haegumgang", "kumgang")[0] < 80
    assert token_similarity("daesong", "hesong")[0] < 80
    assert token_similarity("hesong", "hesonk") == (pytest.approx(97.33, abs=0.01), "romanisation")
    # x written in Cyrillic letter for letter (Ксианге) has the key of x
    assert roman_key("ksianghe") == roman_key("xianghe") and roman_key("paeksu") != roman_key("paesu")
    assert token_similarity("xianghe", "ksiangkhe")[1] == "romanisation"
    # the lookup scores as the comparison does
    words = ["haegumgang", "daesong", "hesong"]
    voc = Vocabulary(words, [True] * 3)
    q, v, sim = voc.lookup(["kumgang", "hesong"], [False, False])
    found = {(int(a), words[int(b)]): float(s) for a, b, s in zip(q, v, sim, strict=True)}
    assert found == {(1, "hesong"): 100.0}


def test_a_final_ng_written_n_with_other_vowels() -> None:
    # Кымган (keumgan) is KUMGANG as Russian writes 금강: ы for the vowel ㅡ, н for its final ng;
    # other vowels only (the same consonants), not Hexon for HESONG nor Changan for CHANGGWANG
    assert token_similarity("kumgang", "keumgan") == (pytest.approx(97.43, abs=0.01), "final ng written n")
    assert token_similarity("hesong", "hexon")[0] < 85
    assert token_similarity("changgwang", "changan")[1] != "final ng written n"
    words = ["kumgang", "hesong", "changgwang"]
    voc = Vocabulary(words, [True] * 3)
    q, v, sim = voc.lookup(["keumgan", "hexon", "changan"], [False] * 3)
    found = {(int(a), words[int(b)]): round(float(s), 2) for a, b, s in zip(q, v, sim, strict=True)}
    assert found[(0, "kumgang")] == 97.43
    assert all(s < 94 for (a, _), s in found.items() if a > 0)


def test_the_lookup_finds_every_final_ng_written_n_the_comparison_accepts() -> None:
    # words whose key without the final g is no neighbour of the whole word's key ("ngoong")
    # are looked up by that key directly; random Korean-like words and Russian-like spellings
    rng = random.Random(11)
    initials, vowels = (
        ["k", "g", "ng", "ch", "r", "n", "h", "p", "s", ""],
        ["a", "o", "u", "eo", "eu", "yo", "ae", "e"],
    )
    words = sorted(
        {
            "".join(rng.choice(initials) + rng.choice(vowels) for _ in range(rng.randint(1, 3))) + "ng"
            for _ in range(300)
        }
    )
    swaps = {"u": "eu", "eu": "u", "o": "eo", "eo": "o", "ae": "e", "e": "ae", "yo": "e"}
    queries = []
    for w in words:
        stem = w[:-1]  # the final g dropped, as Russian writes it (н)
        for a, b in swaps.items():
            if a in stem:
                queries.append(stem.replace(a, b, 1))
        queries.append(stem)
    queries = sorted(set(queries))
    voc = Vocabulary(words, [True] * len(words))
    q, v, sim = voc.lookup(queries, [False] * len(queries))
    found = {(queries[int(a)], words[int(b)]): float(s) for a, b, s in zip(q, v, sim, strict=True)}
    accepted = 0
    for w in words:
        for u in queries:
            s, kind = token_similarity(w, u)
            if kind == "final ng written n":
                accepted += 1
                assert abs(found.get((u, w), 0.0) - s) < 0.01, (u, w, s)
    assert accepted > 300
