"""Word pairs close in spelling are found without comparing all pairs."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz import fuzz, process

from screen.matching.compare import token_similarity
from screen.matching.words import Neighbours, Vocabulary, deletion_hashes


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
