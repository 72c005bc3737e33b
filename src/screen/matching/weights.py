"""How much a word says about identity: rare words weigh 1, common words little.

Weights come from how many listed entity names contain the word: the full OFAC SDN and UK
lists (``reference/token_freq.csv``, built by ``scripts/build_token_freq.py``) plus the names
of the lists loaded for this run, so a word common on the screened lists ("korea",
"trading") weighs little even when it is rare elsewhere. Listed individuals and vessels,
when screened, add to how many names hold their words ("kim") but not to the number of
entity names the frequencies are measured against.

Words of business activity and scope (``reference/generic_words.csv``: the words of the
industry classifications' titles, "resources", "banking", "restaurant", and "overseas",
"project", "united") never weigh as distinctive, however seldom the lists use them: they say
what a company does, not which company it is.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

RARE_DF = 3
DISTINCTIVE = 0.30
"""A word weighing at least this much can identify an entity on its own."""
GENERIC_CAP = 0.25
"""The most a generic word (generic_words.csv) weighs: below DISTINCTIVE."""


class TokenWeights:
    def __init__(self, freq: Counter[str], total: int, generic: frozenset[str] = frozenset()) -> None:
        self._freq = freq
        self._generic = generic
        self._total = max(total, RARE_DF + 1)  # a corpus of a few names must not invert the scale
        # words in at most RARE_DF listed names weigh 1; the weight falls steeply above that
        self._log_norm = math.log(self._total / RARE_DF)
        self._cache: dict[str, float] = {}  # rarity
        self._capped: dict[str, float] = {}  # what __call__ gives

    @classmethod
    def build(
        cls, folder: Path, names: Iterable[Iterable[str]], others: Iterable[Iterable[str]] = ()
    ) -> TokenWeights:
        """``names``: the words of each loaded entity (all its names together); ``others``:
        those of each loaded individual (or vessel). Their words become common ("kim") but
        they do not enlarge the corpus of entity names: screening people as well must not
        make the words of company names ("holdings", "trading") weigh more."""
        freq: Counter[str] = Counter()
        total = 0
        path = folder / "token_freq.csv"
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["token"] == "__total__":
                        total += int(row["names"])
                    else:
                        freq[row["token"]] += int(row["names"])
        generic: set[str] = set()
        path = folder / "generic_words.csv"
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                generic.update(row["word"] for row in csv.DictReader(fh))
        for tokens in names:
            total += 1
            for t in set(tokens):
                freq[t] += 1
        for tokens in others:
            for t in set(tokens):
                freq[t] += 1
        return cls(freq, total, frozenset(generic))

    def __call__(self, token: str) -> float:
        w = self._capped.get(token)
        if w is None:
            w = self.rarity(token)
            if token in self._generic:
                w = min(w, GENERIC_CAP)
            self._capped[token] = w
        return w

    def rarity(self, token: str) -> float:
        """The word's weight from its rarity alone, generic or not: what a supplier word the
        listed name lacks costs ("Phoenix Overseas Construction" is not PHOENIX), and whether
        a listed word, matched, anchors a match (see screen.matching.compare.compare)."""
        w = self._cache.get(token)
        if w is None:
            df = self._freq.get(token, 0)
            if token.isdigit():
                w = 0.5
            elif len(token) == 1:
                w = 0.1
            else:
                idf = max(0.0, math.log(self._total / max(df, 1)) / self._log_norm)
                w = max(0.03, min(1.0, idf) ** 2.5)
            self._cache[token] = w
        return w

    def distinctive(self, token: str) -> bool:
        return self(token) >= DISTINCTIVE
