"""Compact integer tables for the name index, used in bulk with numpy.

- :class:`Csr`: rows of integers stored flat (compressed sparse rows): postings, the words
  of each listed name;
- :class:`SharePostings`: postings whose names are ordered by the share of their weight at
  stake, so the names a word can make candidates are a prefix of its row;
- :class:`Hits`: for one batch of supplier names, the best similarity of each (supplier
  name, listed word) pair, by kind of supplier word, and which supplier words reach it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from screen.matching.words import EPS, Floats, Ints, expand, first_of_runs, locate

SINGLE, JOINED, SHORT = 0, 1, 2  # a supplier word of 3+ letters, a run of words, a word of 1-2
MASK_BITS = 62  # supplier words tracked in a mask (later ones are never counted as extra)


class Csr:
    """Rows of integers, flat: row ``r`` is ``values[ptr[r]:ptr[r + 1]]``."""

    def __init__(self, ptr: Ints, values: Ints) -> None:
        self.ptr, self.values = ptr, values
        self.order: Ints | None = None  # how group() sorted its input

    @classmethod
    def rows(cls, rows: Sequence[Sequence[int]]) -> Csr:
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return cls(ptr, np.fromiter((x for r in rows for x in r), dtype=np.int64, count=int(ptr[-1])))

    @classmethod
    def group(cls, keys: Sequence[int], values: Sequence[int], n: int, rank: Floats | None = None) -> Csr:
        """``values`` grouped by key (``0 .. n - 1``), each group by ``rank`` descending, then value."""
        k, v = np.array(keys, dtype=np.int64), np.array(values, dtype=np.int64)
        order = np.lexsort((v, k) if rank is None else (v, -rank, k))
        out = cls(np.searchsorted(k[order], np.arange(n + 1)).astype(np.int64), v[order])
        out.order = order
        return out

    def gather(self, rows: Ints, limit: Ints | None = None) -> tuple[Ints, Ints]:
        """(position in ``rows``, value) for the values of each row (at most ``limit[row]``)."""
        counts = self.ptr[rows + 1] - self.ptr[rows]
        if limit is not None:
            counts = np.minimum(counts, limit[rows])
        return np.repeat(np.arange(len(rows), dtype=np.int64), counts), self.values[
            expand(self.ptr[rows], counts)
        ]


@dataclass
class Hits:
    """Per sorted key ``query * vocabulary + id``: best similarity per kind of supplier unit, and
    the supplier words (bits) that reach the id."""

    keys: Ints
    single: Floats
    joined: Floats
    short: Floats
    mask: Ints

    @classmethod
    def reduce(cls, key: Ints, sim: Floats, kind: Ints, mask: Ints) -> Hits:
        order = np.argsort(key, kind="stable")
        key, sim, kind, mask = key[order], sim[order], kind[order], mask[order]
        start = first_of_runs(key)
        keys = key[start]
        if not len(keys):
            z = np.zeros(0)
            return cls(keys, z, z, z, np.zeros(0, np.int64))

        def best(k: int) -> Floats:
            return np.maximum.reduceat(np.where(kind == k, sim, 0.0), start)

        return cls(keys, best(SINGLE), best(JOINED), best(SHORT), np.bitwise_or.reduceat(mask, start))

    def lookup(self, keys: Ints) -> tuple[Floats, Floats, Floats, Ints]:
        """(single, joined, short, mask) for each key; zeros where the key has no hit."""
        if not len(self.keys):
            z = np.zeros(len(keys))
            return z, z, z, np.zeros(len(keys), np.int64)
        pos, found = locate(keys, self.keys)
        return (
            np.where(found, self.single[pos], 0.0),
            np.where(found, self.joined[pos], 0.0),
            np.where(found, self.short[pos], 0.0),
            np.where(found, self.mask[pos], 0),
        )


class SharePostings:
    """Vocabulary id -> names, each with the share of its weight at stake (descending)."""

    def __init__(self, ids: list[int], names: list[int], share: list[float], n_vocab: int) -> None:
        rank = np.array(share, dtype=np.float64)
        self.csr = Csr.group(ids, names, n_vocab, rank)
        self.share = rank[self.csr.order]
        self._limits: dict[float, Ints] = {}

    def gather(self, ids: Ints, at_least: float) -> tuple[Ints, Ints]:
        """(position in ``ids``, name) for the names whose share is at least ``at_least``."""
        limit = self._limits.get(at_least)
        if limit is None:
            ok = np.concatenate([[0], np.cumsum(self.share >= at_least - EPS)])
            limit = self._limits[at_least] = ok[self.csr.ptr[1:]] - ok[self.csr.ptr[:-1]]
        return self.csr.gather(ids, limit)


def bits(lo: Ints, hi: Ints) -> Ints:
    """Bit masks of the supplier words ``lo .. hi - 1`` (words past MASK_BITS are not tracked)."""
    one = np.int64(1)
    return np.left_shift(one, np.minimum(hi, MASK_BITS)) - np.left_shift(one, np.minimum(lo, MASK_BITS))
