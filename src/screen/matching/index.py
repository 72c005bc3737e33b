"""The reference names, normalised once and indexed for fast candidate generation.

Comparing every supplier with every listed name is too slow for vendor masters and full
sanctions lists, so candidates come from cheap lookups and only they are scored:

1. exact: the supplier's normalised name equals a listed name (a hash join);
2. word vocabulary: each supplier word, and each run of two or three adjacent supplier
   words joined, is fuzzy-matched (rapidfuzz ``cdist``, in C, on all cores) against the
   vocabulary of distinctive listed words under the romanisation key; a listed name sharing
   such a word is a candidate;
3. a bound: the share of a candidate's word weight that the supplier could cover at best
   (its words found in step 2, or equal common words). A candidate whose bound cannot reach
   the review band is dropped before the full comparison.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from screen.matching.compare import QUALIFIER_COST, place_words
from screen.matching.weights import TokenWeights
from screen.normalize import NormName, normalize_name, roman_key

VOCAB_CUTOFF = 72.0  # word-level prefilter; the full comparison decides
BOUND_SLACK = 0.12  # generosity of the coverage bound (fuzzy common words it cannot see)


@dataclass(frozen=True)
class IndexedName:
    ref_id: str
    name: str
    name_type: str
    norm: NormName

    @property
    def weak(self) -> bool:
        return self.name_type == "weak"


class NameIndex:
    def __init__(self, names: pd.DataFrame, weights_folder: Path | str) -> None:
        rows: list[IndexedName] = []
        for ref_id, name, name_type in names[["ref_id", "name", "name_type"]].itertuples(index=False):
            norm = normalize_name(str(name))
            if norm.tokens:
                rows.append(IndexedName(str(ref_id), str(name), str(name_type), norm))
        self.names = rows
        per_entry: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            per_entry[r.ref_id].update(r.norm.tokens)
        self.weights = TokenWeights.build(Path(weights_folder), per_entry.values())
        places = place_words()
        self.by_key: dict[str, list[int]] = defaultdict(list)
        postings: dict[str, set[int]] = defaultdict(set)
        # per name: (romanisation keys of its words, their cost weights, total)
        self.keys: list[tuple[str, ...]] = []
        self.costs: list[tuple[float, ...]] = []
        for i, r in enumerate(rows):
            self.by_key[r.norm.key].append(i)
            toks = r.norm.tokens
            self.keys.append(tuple(roman_key(t) for t in toks))
            self.costs.append(tuple(self.weights(t) * (QUALIFIER_COST if t in places else 1.0) for t in toks))
            generic_only = not any(self.weights.distinctive(t) for t in toks)
            for t in toks:
                if generic_only or self.weights.distinctive(t) or len(toks) <= 2:
                    postings[roman_key(t)].add(i)
            for k in range(len(toks) - 1):
                joined = toks[k] + toks[k + 1]
                if len(joined) >= 6:
                    postings[roman_key(joined)].add(i)
        self.vocab: list[str] = sorted(postings)
        self.postings: list[list[int]] = [sorted(postings[v]) for v in self.vocab]

    def __len__(self) -> int:
        return len(self.names)

    def candidates(self, queries: Sequence[NormName], workers: int = 1, floor: float = 0.0) -> list[set[int]]:
        """For each normalised supplier name, the indices of listed names worth scoring.

        ``floor`` (0-100): drop candidates whose coverage bound cannot reach it.
        """
        exact = [set(self.by_key.get(q.key, ())) for q in queries]
        units: dict[str, list[int]] = defaultdict(list)
        for qi, q in enumerate(queries):
            for u in _units(q.tokens):
                units[roman_key(u)].append(qi)
        if not units or not self.vocab:
            return exact
        keys = list(units)
        scores = process.cdist(
            keys, self.vocab, scorer=fuzz.ratio, score_cutoff=VOCAB_CUTOFF, dtype=np.uint8, workers=workers
        )
        rows, cols = np.nonzero(scores)
        found: list[set[str]] = [set() for _ in queries]  # vocabulary keys each query touches
        cands: list[set[int]] = [set() for _ in queries]
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            post = self.postings[c]
            v = self.vocab[c]
            for qi in units[keys[r]]:
                cands[qi].update(post)
                found[qi].add(v)
        out: list[set[int]] = []
        for qi, q in enumerate(queries):
            keep = exact[qi]
            if cands[qi]:
                own = {roman_key(t) for t in q.tokens} | found[qi]
                for i in cands[qi]:
                    if i in keep:
                        continue
                    costs = self.costs[i]
                    total = sum(costs)
                    covered = 0.0
                    for k, cost in zip(self.keys[i], costs, strict=True):
                        if k in own:
                            covered += cost
                    # words joined in the listed name ("rich earth") appear as joined vocabulary keys
                    if total and (covered / total + BOUND_SLACK) * 100 >= floor:
                        keep.add(i)
                    elif any(
                        self.keys[i][k] + self.keys[i][k + 1] in own for k in range(len(self.keys[i]) - 1)
                    ):
                        keep.add(i)
            out.append(keep)
        return out


def _units(tokens: tuple[str, ...]) -> Iterable[str]:
    n = len(tokens)
    for i in range(n):
        if len(tokens[i]) >= 3:
            yield tokens[i]
        for j in range(i + 2, min(n, i + 3) + 1):
            joined = "".join(tokens[i:j])
            if len(joined) >= 5:
                yield joined
