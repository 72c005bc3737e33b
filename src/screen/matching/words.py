"""Which listed words a supplier word can align with, found without comparing all pairs.

The full comparison (:mod:`screen.matching.compare`) aligns two words when they are equal,
equal under the romanisation key, an abbreviation of one another, or close in spelling
(:func:`~screen.matching.compare.token_similarity` at least ``min_similarity``). To find
those pairs among a vendor master's and a sanctions list's vocabularies:

- words whose common letters are reached by deleting at most two letters from each (one
  deletion from a word under six letters, or from a run of words joined) share a string of
  their deletion neighbourhoods (as in SymSpell): a hash join on those strings, as written
  and under the romanisation key, finds them (two typos, a letter more and a typo,
  "shah" ~ "shahed", "Namkang" ~ "Namgang");
- pairs further apart that can still be close enough (three letters more: "electronics" ~
  "ruselectronics") are found among the listed words of the few lengths where that can
  happen: the kinds of letter each word has and the other lacks (a bit count on 32-bit
  letter sets) rule out all but a fraction of a percent of those pairs, and the rest are
  scored (rapidfuzz ``cpdist``, in C);
- an abbreviated supplier word ("Arch.") finds the listed words it begins (a sorted list).

The neighbourhoods are built in bulk with numpy and hashed with a fixed 64-bit hash, so an
index built in one process works in another.

Every pair found is then scored exactly as the comparison scores it, in bulk (``cpdist``).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from screen.matching.compare import (
    FINAL_N_NEAR,
    FOREIGN_KEY_MIN_LEN,
    FOREIGN_KEY_MIN_SIM,
    JOINED_MIN,
    KEY_PENALTY,
    VOWEL,
    consonants,
    final_ng_as_n,
)
from screen.normalize import roman_keys

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
JOINED_LEN = 5  # a run of words written together must be this long to align
BLOCK = 1024  # supplier words per block of letter-set comparisons (bounded memory)
DEEP = 6  # words this long are looked up two deletions deep (shorter ones need at most one)
EPS = 1e-3  # similarities are computed in float32 here
WIDTH = 32  # letters of a word the neighbourhoods look at (longer runs are cut; pairs are verified)


U64 = npt.NDArray[np.uint64]
FNV_START, FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)


def _hash_on(h: U64, columns: Sequence[U64]) -> list[U64]:
    """The states of a 64-bit hash of rows of bytes (FNV-style, deterministic across
    processes) after each of ``columns`` (eight bytes of each row), hashed on from states ``h``."""
    out = []
    with np.errstate(over="ignore"):
        for c in columns:
            h = (h ^ c) * FNV_PRIME
            h ^= h >> np.uint64(29)
            out.append(h)
    return out


def _without(columns: Sequence[U64], p: int) -> list[U64]:
    """The columns of rows of bytes (eight bytes each, little-endian) with byte ``p`` deleted
    and a zero byte after the last: the columns before ``p``'s are the same arrays, the later
    bytes move down one (shifts, not copies of the bytes)."""
    c, j = divmod(p, 8)
    low = np.uint64((1 << 8 * j) - 1)  # the bytes of p's column before it
    out = list(columns[:c])
    for i in range(c, len(columns)):
        down = columns[i] >> np.uint64(8)
        if i + 1 < len(columns):
            down |= columns[i + 1] << np.uint64(56)
        out.append(down if i > c else (columns[i] & low) | (down & ~low))
    return out


def deletion_hashes(words: Sequence[str], deep: Sequence[bool] | None = None) -> tuple[Ints, Ints]:
    """(hash, word index) of each word and of the strings made from it by deleting one letter
    (words of 4+ letters) or two (``deep`` words of DEEP+ letters), all words at once.

    A deletion changes only the eight-byte column it falls in and those after it: they are
    shifted, and hashed on from the state the hash had before them."""
    if not words:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # the first WIDTH bytes of each word (numpy encodes ASCII itself, in one pass)
    ascii_only = "".join(words).isascii()
    raw = np.array(words if ascii_only else [w.encode()[:WIDTH] for w in words], dtype=f"S{WIDTH}")
    columns = list(np.ascontiguousarray(raw.view("<u8").reshape(len(words), -1).T, dtype=np.uint64))
    length = np.minimum(np.fromiter(map(len, words), np.int64, len(words)), WIDTH)
    two = length >= DEEP
    if deep is not None:
        two &= np.asarray(deep, dtype=bool)
    start = np.full(len(words), FNV_START, dtype=np.uint64)
    states = [start, *_hash_on(start, columns)]  # before each column, and at the end
    hashes = [states[-1].view(np.int64)]
    ids = [np.arange(len(words), dtype=np.int64)]
    long = length >= 4
    for rows, twice in ((np.flatnonzero(two & long), True), (np.flatnonzero(~two & long), False)):
        # longest first: the words long enough for a deletion at p are the first ``longer[p]``
        rows = rows[np.argsort(-length[rows], kind="stable")]
        some, before, n = [c[rows] for c in columns], [s[rows] for s in states], length[rows]
        longer = np.searchsorted(-n, -np.arange(WIDTH + 1)).tolist()
        for p in range(int(n[0]) if len(n) else 0):
            k, c = longer[p], p // 8
            once = _without([x[:k] for x in some], p)
            once_before = [s[:k] for s in before[: c + 1]] + _hash_on(before[c][:k], once[c:])
            hashes.append(once_before[-1].view(np.int64))
            ids.append(rows[:k])
            if not twice:
                continue
            # then a second letter, at or after p (each pair of positions once)
            for p2 in range(p, int(n[0]) - 1):
                k2, c2 = longer[p2 + 1], p2 // 8
                again = _without([x[:k2] for x in once], p2)
                hashes.append(_hash_on(once_before[c2][:k2], again[c2:])[-1].view(np.int64))
                ids.append(rows[:k2])
    return np.concatenate(hashes), np.concatenate(ids)


def _depth(n: int, deep: bool) -> int:
    """How many letters the neighbourhoods delete from a word of ``n`` letters (see
    :func:`deletion_hashes`)."""
    return 0 if n < 4 else 2 if deep and n >= DEEP else 1


def _far(a: int, b: int, cutoff: float, a_deep: bool, b_deep: bool) -> bool:
    """Whether a supplier word of ``a`` letters and a listed word of ``b`` can reach ``cutoff``
    yet lie beyond the deletion neighbourhoods (``a_deep``, ``b_deep``: whether each side is
    looked up two deletions deep).

    The neighbourhoods find every pair with ``max(a - da, b - db)`` letters in common or more
    (``da``, ``db`` the letters each side deletes): deleting the other letters of each leaves
    the same string. So a pair beyond them has at most one letter fewer in common, and never
    more than the shorter word's letters. Words cut at WIDTH are taken as one deletion deep
    on both sides (their neighbourhoods see only the first WIDTH letters).
    """
    lo = min(a, b)
    if max(a, b) > WIDTH:
        a_deep = b_deep = False
    common = min(lo, max(a - _depth(a, a_deep), b - _depth(b, b_deep)) - 1)
    return lo >= 4 and common > 0 and 200.0 * common / (a + b) >= cutoff - EPS


def _letter_bits() -> npt.NDArray[np.uint32]:
    bit = [31] * 256  # any other character (each byte of one written in several)
    bit[97:123] = range(26)  # a to z
    bit[48:58] = [26 + d % 5 for d in range(10)]  # digits
    out = np.left_shift(np.uint32(1), np.array(bit, dtype=np.uint32))
    out[0] = 0  # padding
    return out


LETTER_BITS = _letter_bits()


def letter_sets(words: Sequence[str]) -> npt.NDArray[np.uint32]:
    """Per word, a bit for each kind of character in it: a to z one bit each, digits five bits
    (0 and 5 share one), any other character the last bit. Two words have a character in
    common only if their sets share a bit; a bit of one that the other lacks is a character
    that cannot be matched (see :func:`_far_pairs`)."""
    text = "".join(words)
    if text.isascii():
        size = np.fromiter(map(len, words), np.int64, len(words))
        codes = text.encode("ascii")
    else:
        raw = [w.encode() for w in words]
        size = np.fromiter(map(len, raw), np.int64, len(raw))
        codes = b"".join(raw)
    if not codes:
        return np.zeros(len(words), dtype=np.uint32)
    # all words' bytes in one array, reduced word by word (a zero byte after the last, whose
    # bit is none, as the start of an empty word there)
    letters = LETTER_BITS[np.frombuffer(codes + b"\0", dtype=np.uint8)]
    out: npt.NDArray[np.uint32] = np.bitwise_or.reduceat(letters, np.cumsum(size) - size)
    out[size == 0] = 0  # (reduceat gives an empty word the next word's first letter)
    return out


@dataclass(frozen=True)
class _Length:
    """Indexed texts of one length: their ids, the texts, their letter sets."""

    ids: Ints
    texts: npt.NDArray[np.object_]
    letters: npt.NDArray[np.uint32]


def _by_length(texts: Sequence[str], ids: Iterable[int]) -> dict[int, _Length]:
    """Per length: the ids of the texts that long, and the texts."""
    out: dict[int, list[int]] = {}
    for i in ids:
        out.setdefault(len(texts[i]), []).append(i)
    return {
        n: _Length(
            np.array(v, dtype=np.int64),
            np.array([texts[i] for i in v], dtype=object),
            letter_sets([texts[i] for i in v]),
        )
        for n, v in out.items()
    }


def _far_pairs(
    queries: Sequence[str],
    joined: Sequence[bool],
    cutoff: float,
    lengths: dict[int, _Length],
    penalty: float = 0.0,
    *,
    deep: Sequence[bool],
    listed_deep: bool,
) -> tuple[Ints, Ints]:
    """(query index, text id) of supplier words close to indexed texts beyond the deletion
    neighbourhoods; compared length against length, only where that can happen. A pair
    counts ``penalty`` below its similarity (the romanisation key's), so it must reach the
    cutoff plus that.

    Words ``a`` and ``b`` letters long reach a similarity ``s`` only with ``c = s (a + b) / 200``
    letters in common, so with at most ``a - c`` letters of the one and ``b - c`` of the other
    unmatched; each kind of character the other lacks is one (or more). Counted on the letter
    sets (the kinds both have: one AND and a bit count per pair), this leaves under 1% of the
    pairs of these lengths (0.3% on the 100k bench file), and only those are scored (``cpdist``)."""
    # the queries by (length, joined, deep), each group in order of index
    group = np.fromiter(map(len, queries), np.int64, len(queries)) * 4
    group += 2 * np.asarray(joined, dtype=np.int64) + np.asarray(deep, dtype=np.int64)
    order = np.argsort(group, kind="stable")
    bounds = np.append(first_of_runs(group[order]), len(order)).tolist()
    far: list[tuple[int, bool, Ints, list[int]]] = []  # the groups with lengths to compare with
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        k = int(group[order[lo]])
        a, j, d = k // 4, bool(k & 2), bool(k & 1)
        need = (JOINED_MIN if j else cutoff) + penalty
        ok = [b for b in lengths if _far(a, b, need, d, listed_deep)]
        if ok:
            far.append((a, j, order[lo:hi], ok))
    if not far:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # the texts and letter sets of only the queries compared (most have no length to compare with)
    used = np.concatenate([rows for _, _, rows, _ in far])
    q_text = np.empty(len(queries), dtype=object)
    q_text[used] = [queries[i] for i in used.tolist()]
    q_letters = np.zeros(len(queries), dtype=np.uint32)
    q_letters[used] = letter_sets(q_text[used].tolist())
    q_kinds = np.bitwise_count(q_letters)
    # pairs left by the letter sets, by the similarity they need: scored at the end, in bulk
    left: dict[float, tuple[list[Ints], list[Ints], list[npt.NDArray[np.object_]]]] = {}
    for a, j, rows, ok in far:
        need = (JOINED_MIN if j else cutoff) + penalty
        qs, ts, texts = left.setdefault(need, ([], [], []))
        for b in ok:
            listed = lengths[b]
            common = math.ceil((need - EPS) * (a + b) / 200.0 - 1e-9)
            # the kinds each side must share: all its own but as many as it may leave unmatched
            t_min = _at_least(np.bitwise_count(listed.letters), b - common)
            for start in range(0, len(rows), BLOCK):
                block = rows[start : start + BLOCK]
                q_min = _at_least(q_kinds[block], a - common)
                shared = np.bitwise_count(q_letters[block][:, None] & listed.letters)
                r, c = nonzero((shared >= np.maximum(q_min[:, None], t_min)).view(np.uint8))
                qs.append(block[r])
                ts.append(listed.ids[c])
                texts.append(listed.texts[c])
    out_q: list[Ints] = [np.empty(0, np.int64)]
    out_t: list[Ints] = [np.empty(0, np.int64)]
    for need, (qs, ts, texts) in left.items():
        if not qs:
            continue
        q, t = np.concatenate(qs), np.concatenate(ts)
        score = process.cpdist(
            q_text[q], np.concatenate(texts), scorer=fuzz.ratio, score_cutoff=need - EPS, workers=1
        )
        out_q.append(q[score > 0])
        out_t.append(t[score > 0])
    return np.concatenate(out_q), np.concatenate(out_t)


def _first_letters(texts: Sequence[str]) -> Ints:
    """Per text, the code of its first character (-1 for an empty one)."""
    return np.fromiter((ord(t[0]) if t else -1 for t in texts), np.int64, len(texts))


def _at_least(kinds: npt.NDArray[np.uint8], unmatched: int) -> npt.NDArray[np.uint8]:
    """How many of its ``kinds`` of character a word shares with the other at least, if at most
    ``unmatched`` of its letters are left unmatched (as bytes, to compare with bit counts)."""
    out: npt.NDArray[np.uint8] = np.maximum(kinds.astype(np.int64) - unmatched, 0).astype(np.uint8)
    return out


def nonzero(m: npt.NDArray[np.uint8]) -> tuple[Ints, Ints]:
    """``np.nonzero`` of a sparse 2-D byte matrix, eight bytes at a time (several times faster)."""
    flat = np.ascontiguousarray(m).reshape(-1)
    cut = len(flat) - len(flat) % 8
    at = np.flatnonzero(flat[:cut].view(np.uint64))
    pos = (at[:, None] * 8 + np.arange(8)).reshape(-1)
    pos = np.concatenate([pos[flat[pos] != 0], cut + np.flatnonzero(flat[cut:])])
    return np.divmod(pos, m.shape[1]) if m.shape[1] else (pos, pos)


def expand(starts: Ints, counts: Ints) -> Ints:
    """The concatenated ranges ``starts[k] .. starts[k] + counts[k] - 1``."""
    offsets = np.cumsum(counts) - counts
    out: Ints = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(starts - offsets, counts)
    return out


# Sets of int64 keys by sorting. numpy 2's np.unique (and the set functions built on it)
# hashes, which on hundreds of thousands of distinct keys is some fifty times slower.


def first_of_runs(sorted_keys: Ints) -> Ints:
    """Positions where a new key starts in ``sorted_keys``."""
    if not len(sorted_keys):
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))


def unique(keys: Ints) -> Ints:
    """The distinct keys, sorted (``np.unique``)."""
    s = np.sort(keys)
    out: Ints = s[first_of_runs(s)]
    return out


def locate(keys: Ints, sorted_set: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """For each key, its position in ``sorted_set`` (sorted ascending, not empty) and whether
    it is there (where it is not, the position is that of a neighbour)."""
    pos: Ints = np.minimum(np.searchsorted(sorted_set, keys), len(sorted_set) - 1)
    found: npt.NDArray[np.bool_] = sorted_set[pos] == keys
    return pos, found


def member(keys: Ints, sorted_set: Ints) -> npt.NDArray[np.bool_]:
    """Whether each key is in ``sorted_set`` (sorted ascending; ``np.isin``)."""
    if not len(sorted_set):
        return np.zeros(len(keys), dtype=bool)
    return locate(keys, sorted_set)[1]


class Neighbours:
    """A hash join on one-deletion neighbourhoods: which strings are a typo apart (SymSpell).

    A supplier file's words make millions of neighbourhood strings, and all but a few percent
    share none with the lists: a bit set of the listed strings' hashes (a one-hash Bloom
    filter, 3 to 6% full) turns those away before the join
    sorts what is left."""

    def __init__(self, words: Sequence[str], deep: Sequence[bool]) -> None:
        hashes, ids = deletion_hashes(words, deep)
        order = np.argsort(hashes, kind="stable")
        hashes, self.ids = hashes[order], ids[order]
        # each distinct hash once, with where its ids start and how many there are
        first = first_of_runs(hashes)
        self.hashes = hashes[first]
        self.start = first
        self.count = np.diff(np.append(first, len(hashes)))
        size = max(1 << 16, 1 << int(16 * len(self.hashes)).bit_length())  # 16 to 32 bits per hash
        self._mask = np.uint64(size - 1)
        self._bits = np.zeros(size // 64, dtype=np.uint64)
        slot = self.hashes.view(np.uint64) & self._mask
        np.bitwise_or.at(self._bits, slot >> np.uint64(6), np.uint64(1) << (slot & np.uint64(63)))

    def _maybe(self, hashes: Ints) -> npt.NDArray[np.bool_]:
        """False for hashes surely not listed (true for the listed and a few others)."""
        slot = hashes.view(np.uint64) & self._mask
        word = self._bits[slot >> np.uint64(6)]
        out: npt.NDArray[np.bool_] = ((word >> (slot & np.uint64(63))) & np.uint64(1)).astype(bool)
        return out

    def pairs(self, words: Sequence[str], deep: Sequence[bool]) -> tuple[Ints, Ints]:
        """(query index, indexed id) for every query word sharing a neighbour with an indexed word."""
        qh, qi = deletion_hashes(words, deep)
        if not len(self.hashes):
            return np.empty(0, np.int64), np.empty(0, np.int64)
        maybe = np.flatnonzero(self._maybe(qh))
        qh, qi = qh[maybe], qi[maybe]
        order = np.argsort(qh)  # sorted queries search faster (any order of equal hashes)
        qh, qi = qh[order], qi[order]
        pos, found = locate(qh, self.hashes)
        pos, qi = pos[found], qi[found]
        counts = self.count[pos]
        return np.repeat(qi, counts), self.ids[expand(self.start[pos], counts)]


class Vocabulary:
    """Listed words and runs of listed words joined, as written, with their romanisation keys.

    ``romanise`` (per word, default all): the word is of a name romanised from Korean or
    Chinese, where words equal under the romanisation key agree. Other words are compared as
    the comparison compares them for such names: under the key only when both are long and
    already alike in spelling. A word found in both kinds of name is listed twice, once each.
    """

    def __init__(
        self, words: Sequence[str], single: Sequence[bool], romanise: Sequence[bool] | None = None
    ) -> None:
        self.words = list(words)
        self.keys = roman_keys(self.words)
        self.single = np.array(single, dtype=bool)  # a word of a name (else only a joined run)
        self.romanise = (
            np.ones(len(self.words), dtype=bool) if romanise is None else np.array(romanise, dtype=bool)
        )
        self.length = np.array([len(w) for w in self.words], dtype=np.int64)
        self._raw = Neighbours(self.words, self.single.tolist())  # runs align at JOINED_MIN: one deletion
        # each distinct key once; the words that may align under it (see the class note)
        key_ids: dict[str, int] = {}
        key_of = np.array([key_ids.setdefault(k, len(key_ids)) for k in self.keys], dtype=np.int64)
        keyed = np.flatnonzero(self.romanise | (self.length >= FOREIGN_KEY_MIN_LEN))
        self._key_list = list(key_ids)
        self._key_text = np.array(self._key_list, dtype=object)
        self._key_of, self._kid = key_of, key_ids
        self._tid: dict[str, int] = {}
        self._text_id = np.array(
            [self._tid.setdefault(w, len(self._tid)) for w in self.words], dtype=np.int64
        )
        self._nid: dict[str, int] = {}
        # the words that are a romanised word written with its final ng as n (see final_ng_as_n),
        # as written; their key and consonants (Кымган, keumgan, for KUMGANG); and the words
        # under each such key (looked up directly: it may be no neighbour of the whole word's key)
        n_text = [
            (final_ng_as_n(w) or "") if r else ""
            for w, r in zip(self.words, self.romanise.tolist(), strict=True)
        ]
        n_keys = roman_keys(n_text)
        self._ntext = np.array(n_text, dtype=object)
        self._nkid: dict[tuple[str, str], int] = {}
        self._n_key_ids: dict[str, list[int]] = {}
        n_of, nk_of = [], []
        for v, (nt, nk) in enumerate(zip(n_text, n_keys, strict=True)):
            if not nt:
                n_of.append(-2)
                nk_of.append(-2)
                continue
            n_of.append(self._nid.setdefault(nt, len(self._nid)))
            nk_of.append(self._nkid.setdefault((nk, consonants(nt)), len(self._nkid)))
            self._n_key_ids.setdefault(nk, []).append(v)
        self._n_of = np.array(n_of, dtype=np.int64)
        self._nk_of = np.array(nk_of, dtype=np.int64)
        self._text = np.array(self.words, dtype=object)
        self._ktext = np.array(self.keys, dtype=object)
        self._klen = np.array([len(k) for k in self.keys], dtype=np.int64)
        self._kfirst = _first_letters(self.keys)
        self._digit = np.array([w.isdigit() for w in self.words], dtype=bool)
        self._vowel = np.array([VOWEL.search(w) is not None for w in self.words], dtype=bool)
        self._by_key = keyed[np.argsort(key_of[keyed], kind="stable")]
        self._key_start = np.searchsorted(key_of[self._by_key], np.arange(len(key_ids) + 1))
        key_single = np.zeros(len(key_ids), dtype=bool)
        key_single[key_of[keyed[self.single[keyed]]]] = True
        self._key_index = unique(key_of[keyed])  # the keys looked up: those of keyed words
        self._key = Neighbours(
            [self._key_list[k] for k in self._key_index.tolist()], key_single[self._key_index].tolist()
        )
        singles = np.flatnonzero(self.single).tolist()
        keyed_singles = keyed[self.single[keyed]].tolist()
        self._raw_lengths = _by_length(self.words, singles)
        self._key_lengths = _by_length(self._key_list, sorted({int(key_of[v]) for v in keyed_singles}))
        # runs of listed words joined, for the single supplier words that may spell them
        listed_runs = [v for v in np.flatnonzero(~self.single).tolist() if self.length[v] >= JOINED_LEN]
        keyed_runs = [v for v in keyed[~self.single[keyed]].tolist() if self.length[v] >= JOINED_LEN]
        self._run_lengths = _by_length(self.words, listed_runs)
        self._run_key_lengths = _by_length(self._key_list, sorted({int(key_of[v]) for v in keyed_runs}))
        self._sorted = sorted(np.flatnonzero(self.single).tolist(), key=lambda v: self.words[v])
        self._sorted_words = [self.words[v] for v in self._sorted]

    def __len__(self) -> int:
        return len(self.words)

    def lookup(
        self, units: Sequence[str], joined: Sequence[bool], min_similarity: float = 80.0
    ) -> tuple[Ints, Ints, Floats]:
        """The (supplier word, vocabulary id, similarity) pairs that can align, as three arrays.

        ``units``: supplier words, or runs of words joined (``joined``). A word aligns at
        ``min_similarity``; a run of words, on either side, only with a single word of the
        other side, at ``JOINED_MIN``.
        """
        if not units or not self.words:
            return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64)
        keys = roman_keys(units)
        u_keys = np.array(keys, dtype=object)
        deep = [not j for j in joined]
        qa, va = self._raw.pairs(units, deep)
        qb, kb = self._key.pairs(keys, deep)
        kb = self._key_index[kb]
        qc, vc = _far_pairs(units, joined, min_similarity, self._raw_lengths, deep=deep, listed_deep=True)
        qd, kd = _far_pairs(
            keys, joined, min_similarity, self._key_lengths, KEY_PENALTY, deep=deep, listed_deep=True
        )
        # a single supplier word against listed runs: aligned as words joined are (JOINED_MIN,
        # one deletion deep on the run's side)
        single_q = np.flatnonzero(~np.asarray(joined, dtype=bool))
        as_run = [True] * len(single_q)  # (compared as runs are; looked up two deletions deep)
        qe, ve = _far_pairs(
            [units[i] for i in single_q.tolist()],
            as_run,
            min_similarity,
            self._run_lengths,
            deep=as_run,
            listed_deep=False,
        )
        qf, kf = _far_pairs(
            [keys[i] for i in single_q.tolist()],
            as_run,
            min_similarity,
            self._run_key_lengths,
            KEY_PENALTY,
            deep=as_run,
            listed_deep=False,
        )
        qc, vc = np.concatenate([qc, single_q[qe]]), np.concatenate([vc, ve])
        qd, kd = np.concatenate([qd, single_q[qf]]), np.concatenate([kd, kf])
        qb, kb = np.concatenate([qb, qd]), np.concatenate([kb, kd])
        # a pair found through the key aligns through it only if the keys are alike enough (a
        # pair alike as written is found above): checked per key, before a key becomes its words
        if len(qb):
            ksim = process.cpdist(
                self._key_text[kb],
                u_keys[qb],
                scorer=Indel.normalized_similarity,
                workers=1,
            )
            near = 100.0 * ksim.astype(np.float64) - KEY_PENALTY >= min(min_similarity, JOINED_MIN) - EPS
            qb, kb = qb[near], kb[near]
        counts = self._key_start[kb + 1] - self._key_start[kb]  # a key stands for its words
        vb = self._by_key[expand(self._key_start[kb], counts)]
        n = len(self.words)
        ids = self._n_key_ids
        nq = [(i, v) for i, k in enumerate(keys) if k in ids for v in ids[k]]
        qn = np.array([i for i, _ in nq], dtype=np.int64)
        vn = np.array([v for _, v in nq], dtype=np.int64)
        q = np.concatenate([qa, qc, np.repeat(qb, counts), qn])
        pair = unique(q * n + np.concatenate([va, vc, vb, vn]))
        q, v = pair // n, pair % n
        run = np.array(joined, dtype=bool)[q]
        word = self.single[v]
        ok = (~run) | (word & (self.length[v] >= JOINED_LEN))  # no run against run
        q, v, run, word = q[ok], v[ok], run[ok], word[ok]
        sim = self._similarity(q, v, units, keys)
        keep = sim >= np.where(~run & word, min_similarity, JOINED_MIN) - EPS
        return q[keep], v[keep], sim[keep]

    def _similarity(self, q: Ints, v: Ints, units: Sequence[str], keys: Sequence[str]) -> Floats:
        """``token_similarity(listed, supplier, romanise=...)`` of each pair, with the listed
        word's ``romanise`` (without the abbreviation rule)."""
        if not len(q):
            return np.empty(0, np.float64)
        # what depends on the supplier word alone, once per word among the pairs (a fraction)
        found = unique(q)
        at = np.zeros(len(units), dtype=np.int64)
        at[found] = np.arange(len(found))
        q = at[q]
        texts = [units[i] for i in found.tolist()]
        texts_keys = [keys[i] for i in found.tolist()]
        u_text = np.array(texts, dtype=object)
        u_keys = np.array(texts_keys, dtype=object)
        u_len = np.array([len(u) for u in texts], dtype=np.int64)
        u_klen = np.array([len(k) for k in texts_keys], dtype=np.int64)
        u_kfirst = _first_letters(texts_keys)
        u_digit = np.array([u.isdigit() for u in texts], dtype=bool)
        u_vowel = np.array([VOWEL.search(u) is not None for u in texts], dtype=bool)
        u_tid = np.array([self._tid.get(u, -1) for u in texts], dtype=np.int64)
        u_kid = np.array([self._kid.get(k, -1) for k in texts_keys], dtype=np.int64)
        u_nid = np.array([self._nid.get(u, -1) for u in texts], dtype=np.int64)
        u_nkid = np.array(
            [self._nkid.get((k, consonants(u)), -1) for u, k in zip(texts, texts_keys, strict=True)],
            dtype=np.int64,
        )
        raw = process.cpdist(self._text[v], u_text[q], scorer=Indel.normalized_similarity, workers=1)
        key = process.cpdist(self._ktext[v], u_keys[q], scorer=Indel.normalized_similarity, workers=1)
        raw = 100.0 * raw.astype(np.float64)
        key = 100.0 * key.astype(np.float64)
        short = np.minimum(self.length[v], u_len[q])
        kshort = np.minimum(self._klen[v], u_klen[q])
        # the key for romanised names; for others only between long words alike in spelling
        use_key = self.romanise[v] | (
            (short >= FOREIGN_KEY_MIN_LEN) & (raw >= 100.0 * FOREIGN_KEY_MIN_SIM - EPS)
        )
        use_key &= (self._vowel[v] & u_vowel[q]) | (self.length[v] == u_len[q])  # acronyms: see compare
        # (keys alike but for their first letter are other words: KUMGANG is not HAEGU'MGANG)
        near_key = use_key & (kshort >= 4) & (self._kfirst[v] == u_kfirst[q])
        sim = np.where(short < 4, 0.0, np.maximum(raw, np.where(near_key, key - KEY_PENALTY, 0.0)))
        same_key = use_key & (self._key_of[v] == u_kid[q]) & (short >= 3)
        same_key |= u_nid[q] == self._n_of[v]  # (only of romanised words: -1 is never -2)
        near_n = (u_nkid[q] == self._nk_of[v]) & use_key & (short >= 3)
        if near_n.any():  # ... and alike as written (compare.final_n_near)
            at_n = np.flatnonzero(near_n)
            alike = process.cpdist(
                self._ntext[v[at_n]], u_text[q[at_n]], scorer=Indel.normalized_similarity, workers=1
            )
            near_n[at_n] = alike.astype(np.float64) >= FINAL_N_NEAR - 1e-6
        same_key |= near_n
        sim = np.where(same_key, 94.0 + 0.04 * raw, sim)
        sim = np.where(self._digit[v] | u_digit[q], 0.0, sim)
        return np.where(u_tid[q] == self._text_id[v], 100.0, sim)

    def abbreviations(self, token: str) -> list[int]:
        """Ids of listed words that an abbreviated supplier word begins ("arch." -> architectural)."""
        out: list[int] = []
        k = bisect_left(self._sorted_words, token)
        while k < len(self._sorted_words) and self._sorted_words[k].startswith(token):
            if len(self._sorted_words[k]) > len(token):
                out.append(self._sorted[k])
            k += 1
        return out
