"""The reference names, normalised once and indexed for fast candidate generation.

Comparing every supplier with every listed name is too slow for vendor masters and full
sanctions lists, so candidates come from cheap lookups and only they are scored:

1. exact: the supplier's normalised name equals a listed name (a hash join);
2. words: each supplier word, and each run of two or three adjacent supplier words joined,
   is paired with the listed words (and runs of listed words joined) it can align with in
   the full comparison, with their similarity (:mod:`screen.matching.words`, no all-pairs);
3. prefix filtering: a listed name is reached only through its heaviest words, those
   without which the supplier could not cover the share of its weight the review band
   needs, so a common word in a long listed name does not make it a candidate;
4. necessary conditions of the full comparison (:func:`screen.matching.compare.compare`),
   checked from the word similarities for all candidate pairs at once (numpy): a
   distinctive listed word is matched closely, or a name's one distinctive word a letter
   apart with its other words as listed (else the score is capped below the review band),
   the numbers agree, and the score the name can reach at best (each listed word at
   its best similarity, each supplier word that matches none of its words counted as
   extra) reaches the review band; or, for a name romanised from Korean or Chinese, every
   word that identifies it is matched closely and the supplier adds no distinctive word (for
   a North Korean company's Korean name, no word that could name a company but words of the
   entity's other names) (a review at any score: see
   :func:`screen.matching.entities.own_words_match`).
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from screen.matching.compare import (
    COMPLETE_MIN_LETTERS,
    JOINED_MIN,
    MAX_SPAN,
    QUALIFIER_COST,
    SLIP_CONTEXT,
    SLIP_MIN_LETTERS,
    SLIP_SIM,
    STRONG_SIM,
    STRONG_SIM_KOREAN,
    korean_name_word,
    locality_words,
    place_words,
)
from screen.matching.postings import JOINED, MASK_BITS, SHORT, SINGLE, Csr, Hits, SharePostings, bits
from screen.matching.weights import DISTINCTIVE, TokenWeights
from screen.matching.words import EPS, JOINED_LEN, Floats, Ints, Vocabulary, expand, member, unique
from screen.normalize import BRANCH_WORDS, STOPWORDS, NormName, fold, looks_korean, normalize_name

Bools = npt.NDArray[np.bool_]

# thresholds of the full comparison (compare.py) that the candidate filter relies on: change
# them with compare.py (tests/test_matching_index.py checks candidates against brute force)
DISTINCTIVE_SIM = 85.0 - EPS  # a distinctive listed word matched at least this closely ...
NO_DISTINCTIVE_CAP = 60.0  # ... else the score is capped here
NUMBERS_FACTOR = 0.6  # numbers that disagree multiply the score by this
ABBREVIATION_SIM = 92.0
LONG_WORD = 6  # a listed word this long may align with supplier words written apart


@dataclass(frozen=True)
class IndexedName:
    ref_id: str
    name: str
    name_type: str
    norm: NormName
    romanise: bool = True  # romanised from Korean or Chinese: see romanised_entries()
    north_korean: bool = False  # an entry of North Korea: see north_korean_entries()
    dropped: tuple[str, ...] = ()  # the name's trailing words in parentheses, read without them
    # of a North Korean entry: the words of all its names ("Mansudae Art Restaurant" adds to
    # MANSUDAE OVERSEAS PROJECT GROUP's own name a word of its other name MANSUDAE ART STUDIO)
    kin: frozenset[str] = frozenset()

    @property
    def weak(self) -> bool:
        return self.name_type == "weak"


def without_trailing_parentheses(norm: NormName) -> NormName | None:
    """The listed name without the acronym in parentheses that ends it, if it has one.

    The UN and UK lists write an entity's acronym after its name ("FOREIGN TRADE BANK (FTB)",
    "KOREA KWANGSON BANKING CORPORATION (KKBC)"), where OFAC lists the acronym as an alias of
    its own: the name is also matched as written without it, so that "Foreign Trade Bank" is
    not missing a word. Only a last word in parentheses made of the initials of the words
    before it counts (not a place, "(HONG KONG)", or a branch).
    """
    toks = norm.tokens
    if len(toks) < 3 or not norm.qualifier[-1] or any(norm.qualifier[:-1]):
        return None
    acronym = toks[-1]
    head, _, _ = norm.original.rpartition("(")
    initials = "".join(w[0] for w in fold(head).split() if w not in STOPWORDS)
    if not (2 <= len(acronym) <= 8 and acronym.isalpha() and initials.startswith(acronym)):
        return None
    k = len(toks) - 1
    return NormName(
        norm.original, toks[:k], norm.qualifier[:k], norm.abbreviated[:k], norm.legal_forms, norm.expansions
    )


ROMANISED_COUNTRIES = frozenset({"KP", "KR", "CN", "HK", "MO", "TW"})


def _programs_countries(entries: pd.DataFrame) -> Iterable[tuple[str, str, set[str]]]:
    """Per entry: ref_id, its programmes as one upper-case text, its address countries."""
    for ref_id, programs, countries in entries[["ref_id", "programs", "countries"]].itertuples(index=False):
        progs = " ".join(
            programs if isinstance(programs, (tuple, list)) else str(programs).split(";")
        ).upper()
        ctry = set(countries if isinstance(countries, (tuple, list)) else str(countries).split(";"))
        yield str(ref_id), progs, ctry


def _korea_programme(progs: str) -> bool:
    return "DPRK" in progs or "NKSPEA" in progs or "KOREA" in progs


def romanised_entries(entries: pd.DataFrame) -> set[str]:
    """The ``ref_id`` of entries whose names are romanised from Korean or Chinese: on a Korea
    sanctions programme (OFAC DPRK…/NKSPEA, UN 1718, the UK's DPRK regime) or with an address
    in North or South Korea, China, Hong Kong, Macao or Taiwan.

    Only their names are compared under the romanisation key (Namkang ~ Namgang, Joseon ~
    Choson). On other names the key finds coincidences, not variants (Redwood ~ REDUT,
    Reed ~ RIIT, Khan ~ GAAN, all Russian entities), so they are compared by spelling alone.
    """
    return {
        rid
        for rid, progs, ctry in _programs_countries(entries)
        if _korea_programme(progs) or ctry & ROMANISED_COUNTRIES
    }


def north_korean_entries(entries: pd.DataFrame) -> set[str]:
    """The ``ref_id`` of entries located in North Korea: an address there (among others, as
    for some entries of other programmes), or none and a Korea sanctions programme (the UK
    list gives no addresses). Those whose own name is in rare Korean words are North Korean
    companies whose name with words of activity added ("Rungrado Logging") is worth a review
    (:func:`screen.matching.entities.own_words_match`): the labour-export companies trade
    that way. Not Chinese companies listed for North Korea (DANDONG HONGDA TRADE: "Hongda" is
    a common Chinese name) nor those of other programmes (TIANYI INTERNATIONAL DALIAN)."""
    out: set[str] = set()
    for rid, progs, ctry in _programs_countries(entries):
        known = {c for c in ctry if c and c != "nan"}
        if "KP" in known or (not known and _korea_programme(progs)):
            out.add(rid)
    return out


class NameIndex:
    def __init__(
        self,
        names: pd.DataFrame,
        weights_folder: Path | str,
        romanised: Collection[str] | None = None,
        not_entities: Collection[str] = (),
        north_korean: Collection[str] | None = None,
    ) -> None:
        """``romanised``: the entries whose names may be romanised from Korean or Chinese
        (:func:`romanised_entries`); None for all. ``not_entities``: the entries that are
        individuals (or vessels, aircraft), whose words do not count as words of company names
        in the weights (:meth:`TokenWeights.build`). ``north_korean``: the entries of North
        Korea (:func:`north_korean_entries`); None for all those romanised."""
        rows: list[IndexedName] = []
        for ref_id, name, name_type in names[["ref_id", "name", "name_type"]].itertuples(index=False):
            norm = normalize_name(str(name))
            if norm.tokens:
                rid = str(ref_id)
                rom = romanised is None or rid in romanised
                nk = rom and (north_korean is None or rid in north_korean)
                rows.append(IndexedName(rid, str(name), str(name_type), norm, rom, nk))
                bare = without_trailing_parentheses(norm)
                if bare is not None:
                    dropped = norm.tokens[len(bare.tokens) :]
                    rows.append(IndexedName(rid, str(name), str(name_type), bare, rom, nk, dropped))
        per_entry: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            per_entry[r.ref_id].update(r.norm.tokens)
        kin = {e: frozenset(per_entry[e]) for e in {r.ref_id for r in rows if r.north_korean}}
        self.names = [replace(r, kin=kin[r.ref_id]) if r.north_korean else r for r in rows]
        rows = self.names
        others = {str(e) for e in not_entities}
        self.weights = TokenWeights.build(
            Path(weights_folder),
            (w for e, w in per_entry.items() if e not in others),
            (w for e, w in per_entry.items() if e in others),
        )
        self.places = place_words()
        self.localities = locality_words()
        self.by_key: dict[str, list[int]] = defaultdict(list)
        # vocabulary ids of the words (and runs) of names not romanised, and of romanised names:
        # a word of both kinds has two (see Vocabulary)
        vids: tuple[dict[str, int], dict[str, int]] = ({}, {})
        single: set[int] = set()
        # postings (vocabulary id, name): through a heavy word (prefix, with the share of the
        # name's weight at stake), a heavy run of words, a distinctive word, a run holding one,
        # a long word (that supplier words written apart can spell)
        post: dict[str, tuple[list[int], list[int]]] = {
            k: ([], []) for k in ("prefix", "prefix_run", "dist", "dist_run", "long", "slip")
        }
        prefix_share: list[float] = []
        prefix_run_share: list[float] = []

        def add(kind: str, v: int, i: int) -> None:
            post[kind][0].append(v)
            post[kind][1].append(i)

        words: list[list[int]] = []  # per name: vocabulary ids of its words
        runs: list[list[int]] = []  # per name: vocabulary ids of its runs of words joined
        spans: list[list[int]] = []  # ... and the (first, end) word of each
        costs: list[float] = []
        # per word: 1 distinctive, 2 long, 4 identifies, 8 own name (not a city), 16 reads as Korean,
        # 32 once in its name
        flags: list[int] = []
        numbers: list[int] = []
        own_words: list[bool] = []  # per name: romanised, with identifying words enough (own_words_match)
        korean_name: list[bool] = []  # ... North Korean, its own name in Korean words
        # ... one distinctive word, which may be matched a letter apart (compare._slip)
        slip_name: list[bool] = []
        for i, r in enumerate(rows):
            toks = r.norm.tokens
            self.by_key[r.norm.key].append(i)
            vid = vids[r.romanise]
            ids = [vid.setdefault(t, len(vids[0]) + len(vids[1])) for t in toks]
            single.update(ids)
            cost = [self.weights(t) * (QUALIFIER_COST if t in self.places else 1.0) for t in toks]
            share = _prefix(cost)
            # a word that anchors a match as compare() counts it: rare on the lists, generic or not
            is_dist = [self.weights.rarity(t) >= DISTINCTIVE for t in toks]
            # a word that identifies the entity (distinctive, not generic, not a place)
            identifies = [self.weights.distinctive(t) and t not in self.places for t in toks]
            # ... of those not cities: a North Korean company's own name (own_words_match)
            own_name = [x and t not in self.localities for t, x in zip(toks, identifies, strict=True)]
            own_letters = sum(len(t) for t, o in zip(toks, own_name, strict=True) if o)
            korean = (
                r.north_korean
                and own_letters >= COMPLETE_MIN_LETTERS
                and all(
                    korean_name_word(t, self.weights.rarity(t))
                    for t, o in zip(toks, own_name, strict=True)
                    if o
                )
            )
            korean_name.append(korean)
            if korean:  # its own words alone make a review, however heavy a city beside them
                share = [1.0 if o else sh for sh, o in zip(share, own_name, strict=True)]
            for t, v, d in zip(toks, ids, is_dist, strict=True):
                add("prefix", v, i)
                if d:
                    add("dist", v, i)
                if len(t) >= LONG_WORD:
                    add("long", v, i)
            prefix_share.extend(share)
            one = [k for k, d in enumerate(is_dist) if d]
            slip = len(one) == 1 and len(toks) > SLIP_CONTEXT and len(toks[one[0]]) >= SLIP_MIN_LETTERS
            slip_name.append(slip)
            if slip:
                add("slip", ids[one[0]], i)
            # a name of common words matches only in full: reach it by its heaviest word (or a run
            # of words holding it: "FIRSTcredit" for FIRST CREDIT BANK)
            heavy = -1 if any(is_dist) else max(range(len(ids)), key=lambda k: (cost[k], -k))
            if heavy >= 0:
                add("dist", ids[heavy], i)
            costs.extend(cost)
            once = Counter(toks)
            flags.extend(
                int(d)
                | (2 if len(t) >= LONG_WORD else 0)
                | (4 if x else 0)
                | (8 if o else 0)
                | (16 if looks_korean(t) else 0)
                | (32 if once[t] == 1 else 0)
                for t, d, x, o in zip(toks, is_dist, identifies, own_name, strict=True)
            )
            letters = sum(len(t) for t, x in zip(toks, identifies, strict=True) if x)
            own_words.append(r.romanise and letters >= COMPLETE_MIN_LETTERS)
            run_ids: list[int] = []
            run_spans: list[int] = []
            for lo, hi in _spans(len(toks)):
                joined = "".join(toks[lo:hi])
                if len(joined) >= JOINED_LEN:
                    v = vid.setdefault(joined, len(vids[0]) + len(vids[1]))
                    run_ids.append(v)
                    run_spans.extend((lo, hi))
                    add("prefix_run", v, i)
                    prefix_run_share.append(max(share[lo:hi]))
                    if any(is_dist[lo:hi]) or lo <= heavy < hi:
                        add("dist_run", v, i)
            words.append(ids)
            runs.append(run_ids)
            spans.append(run_spans)
            numbers.append(_numbers_hash(r.norm.numbers))
        n_vocab = len(vids[0]) + len(vids[1])
        texts = [""] * n_vocab
        rom_of = [False] * n_vocab
        for rom, vid in ((False, vids[0]), (True, vids[1])):
            for t, v in vid.items():
                texts[v], rom_of[v] = t, rom
        self.vocab = Vocabulary(texts, [v in single for v in range(n_vocab)], rom_of)
        self._words = Csr.rows(words)
        self._runs = Csr.rows(runs)
        self._spans = Csr.rows(spans)
        self._cost = np.array(costs, dtype=np.float64)
        self._flags = np.array(flags, dtype=np.int64)
        self._total = np.add.reduceat(self._cost, self._words.ptr[:-1]) if len(rows) else np.zeros(0)
        self._has_dist = np.logical_or.reduceat(self._flags & 1, self._words.ptr[:-1]).astype(bool)
        # names of one generic word the lists seldom use (compare's cap on them)
        self._one_generic = np.array(
            [
                len(r.norm.tokens) == 1
                and self.weights(r.norm.tokens[0]) < self.weights.rarity(r.norm.tokens[0])
                for r in rows
            ],
            dtype=bool,
        )
        self._numbers = np.array(numbers, dtype=np.int64)
        self._own_words = np.array(own_words, dtype=bool)
        self._korean_name = np.array(korean_name, dtype=bool)
        self._slip_name = np.array(slip_name, dtype=bool)
        self._prefix = SharePostings(*post["prefix"], prefix_share, n_vocab)
        self._prefix_run = SharePostings(*post["prefix_run"], prefix_run_share, n_vocab)
        self._dist = Csr.group(*post["dist"], n_vocab)
        self._dist_run = Csr.group(*post["dist_run"], n_vocab)
        self._long = Csr.group(*post["long"], n_vocab)
        self._slip = Csr.group(*post["slip"], n_vocab)

    def __len__(self) -> int:
        return len(self.names)

    def candidates(
        self,
        queries: Sequence[NormName],
        floor: float = 0.0,
        min_similarity: float = 80.0,
        extra_cost: float = 0.35,
    ) -> list[set[int]]:
        """For each normalised supplier name, the indices of listed names worth scoring.

        ``floor`` (0-100): drop names whose best possible score cannot reach it;
        ``min_similarity`` and ``extra_cost`` as given to the comparison.
        """
        out = [set(self.by_key.get(q.key, ())) for q in queries]
        if not queries or not self.names:
            return out
        words = _Words.of(queries)
        hits = self._hits(words, min_similarity)
        need = floor - 0.05 - EPS  # the comparison rounds its score to 0.1
        pairs = self._reached(hits, need)
        if len(pairs):
            n = len(self.names)
            keep = self._bound(words, hits, pairs // n, pairs % n, need, extra_cost)
            for key in pairs[keep].tolist():
                qi, i = divmod(key, n)
                out[qi].add(i)
        return out

    def _hits(self, words: _Words, min_similarity: float) -> Hits:
        """Per (supplier name, vocabulary id): the best similarity of each kind of supplier unit."""
        unit_ids, o = _units(words)
        units = list(unit_ids)
        hu, hv, hs = self.vocab.lookup([u for u, _ in units], [j for _, j in units], min_similarity)
        # every occurrence of a unit gets the unit's hits
        order = np.argsort(hu, kind="stable")
        hu, hv, hs = hu[order], hv[order], hs[order]
        start = np.searchsorted(hu, o[:, 1], side="left")
        at = np.repeat(np.arange(len(o)), np.searchsorted(hu, o[:, 1], side="right") - start)
        pos = expand(start, np.searchsorted(hu, o[:, 1], side="right") - start)
        q, v, s, lo, hi = o[at, 0], hv[pos], hs[pos], o[at, 2], o[at, 3]
        # a unit of one word has the word's id (see _units); runs are JOINED_LEN+ letters long
        short = np.zeros(len(units), dtype=bool)
        short[words.tid] = words.length < 3
        short = short[o[at, 1]]
        kind = np.where(hi - lo > 1, JOINED, np.where(short, SHORT, SINGLE))
        mask = bits(lo, hi)
        # abbreviated supplier words ("Arch.") and the listed words they begin
        abbrev = [
            (words.row[i], w, words.col[i])
            for i in np.flatnonzero(words.abbreviated & (words.length >= 3)).tolist()
            for w in self.vocab.abbreviations(words.texts[words.tid[i]])
        ]
        if abbrev:
            e = np.array(abbrev, dtype=np.int64)
            q, v = np.concatenate([q, e[:, 0]]), np.concatenate([v, e[:, 1]])
            s = np.concatenate([s, np.full(len(e), ABBREVIATION_SIM)])
            kind = np.concatenate([kind, np.full(len(e), SINGLE)])
            mask = np.concatenate([mask, bits(e[:, 2], e[:, 2] + 1)])
        return Hits.reduce(q * len(self.vocab) + v, s, kind, mask)

    def _reached(self, h: Hits, need: float) -> Ints:
        """Keys ``query * names + name`` reached through a heavy word (prefix filtering), by a
        supplier word of any length (a word of one or two letters, "38", "WT", included)."""
        n, nv = len(self.names), len(self.vocab)
        q, v = h.keys // nv, h.keys % nv
        via: list[Ints] = []
        for sel, post in (
            ((h.single > 0) | (h.joined > 0) | (h.short > 0), self._prefix),
            (h.single >= JOINED_MIN - EPS, self._prefix_run),
        ):
            at, names = post.gather(v[sel], need / 100)
            via.append(q[sel][at] * n + names)
        reached = unique(np.concatenate(via))
        if NO_DISTINCTIVE_CAP < need:  # only names where a distinctive word can match closely
            close = np.maximum(h.single, h.short)
            closely: list[Ints] = []
            for sel, csr in (
                (close >= DISTINCTIVE_SIM, self._dist),
                (close >= JOINED_MIN - EPS, self._dist_run),
                (h.joined > 0, self._dist),
                (h.joined > 0, self._long),
                (close >= SLIP_SIM - EPS, self._slip),
            ):
                at, names = csr.gather(v[sel])
                closely.append(q[sel][at] * n + names)
            reached = reached[member(reached, np.sort(np.concatenate(closely)))]
        return reached

    def _bound(
        self,
        words: _Words,
        h: Hits,
        pq: Ints,
        pi: Ints,
        need: float,
        extra_cost: float,
    ) -> Bools:
        """For each (query, name) pair, whether the comparison's necessary conditions hold."""
        nv = len(self.vocab)
        counts = self._words.ptr[pi + 1] - self._words.ptr[pi]
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        p, v = self._words.gather(pi)  # one element per (pair, listed word)
        w = expand(self._words.ptr[pi], counts)
        flags = self._flags[w]  # one element per (pair, listed word)
        single, joined, short, mask = h.lookup(pq[p] * nv + v)
        sims = np.maximum(single, joined)
        # a run of listed words joined, matched by one supplier word, covers each of its words
        rp, rv = self._runs.gather(pi)
        rs, _, _, rmask = h.lookup(pq[rp] * nv + rv)
        _, span = self._spans.gather(pi)
        lo, hi = span[0::2], span[1::2]
        # a run of which a word (once in the name) has its supplier word as written never aligns:
        # the comparison takes closest pairs first, and that word's exact pair then holds it
        # (or a pair as close holds its supplier word): "AD Consulting" is not RB CONSULTING
        # through "consulting" ~ "rbconsulting"
        exact = np.concatenate([[0], np.cumsum((single >= 100.0 - EPS) & ((flags & 32) > 0))])
        held = exact[starts[rp] + hi] > exact[starts[rp] + lo]
        rs = np.where(held, 0.0, rs)
        rmask = np.where(held, 0, rmask)
        ok = rs >= JOINED_MIN - EPS
        for k in range(MAX_SPAN):
            sel = ok & (lo + k < hi)
            np.maximum.at(sims, starts[rp[sel]] + lo[sel] + k, rs[sel])
        dist = (flags & 1).astype(bool)
        sup = _supplier_words(words, self.weights, self.places, self.localities)
        sw, q_numbers, q_rare, q_own = sup.weights, sup.numbers, sup.rare, sup.own
        # the supplier words that can align with a word (or run) of the name: the others are
        # extra words in the comparison, whatever it aligns
        reach = np.bitwise_or.reduceat(mask, starts)
        np.bitwise_or.at(reach, rp, rmask)
        # a supplier word of three letters or more (or a run of words) matches one of the name's
        # words or runs: else only words of one or two letters do, and the score is capped
        # unless the names are the same words (every listed word matched, no supplier word extra)
        longer = np.logical_or.reduceat((single > 0) | (joined > 0), starts)
        longer[rp[rs > 0]] = True
        sims = np.maximum(sims, short)
        longer |= np.logical_and.reduceat(sims > 0, starts) & ((sup.every[pq] & ~reach) == 0)
        close = sims >= DISTINCTIVE_SIM
        hit = np.logical_or.reduceat(dist & close, starts)
        hit |= np.logical_or.reduceat(((flags & 2) > 0) & (joined > 0), starts)
        # or its one distinctive word a letter apart, every other word as listed (compare._slip)
        hit |= (
            self._slip_name[pi]
            & np.logical_or.reduceat(dist & (sims >= SLIP_SIM - EPS), starts)
            & np.logical_and.reduceat(dist | (sims >= STRONG_SIM - EPS), starts)
        )
        # a name without a distinctive word: matched only in full, closely, with no distinctive
        # supplier word extra
        nodist = np.logical_and.reduceat(close, starts) & ((sup.distinct[pq] & ~reach) == 0)
        hit = np.where(self._has_dist[pi], hit, nodist)
        ok_pair = self._total[pi] > 0
        if NO_DISTINCTIVE_CAP < need:
            ok_pair &= hit & longer
            # a name of one generic word (TIMBER CORPORATION) is that name only alone: capped
            # with a word of the supplier's own extra (not in parentheses, not a place)
            ok_pair &= ~(self._one_generic[pi] & ((sup.core[pq] & ~reach) != 0))
        if 100.0 * NUMBERS_FACTOR < need:
            ok_pair &= self._numbers[pi] == q_numbers[pq]
        # or the comparison's own_words_match may hold, a review at any score: every identifying
        # word of a romanised name matched closely, the numbers equal, and no supplier word that
        # matches none of the name's words (or runs) distinctive; or, for a North Korean
        # company's Korean name, every identifying word but cities matched closely, and no
        # such supplier word one that could name a company
        close_own = sims >= np.where((flags & 16) > 0, STRONG_SIM_KOREAN, STRONG_SIM) - EPS
        own = np.logical_and.reduceat(((flags & 4) == 0) | close_own, starts) & self._own_words[pi]
        korean = np.logical_and.reduceat(((flags & 8) == 0) | close_own, starts) & self._korean_name[pi]
        coverage = np.add.reduceat(self._cost[w] * sims, starts) / np.maximum(self._total[pi], 1e-12)
        own &= (q_rare[pq] & ~reach) == 0
        korean &= (self._numbers[pi] == q_numbers[pq]) & longer
        left = q_own[pq] & ~reach
        kin = np.flatnonzero(korean & (left != 0))
        korean &= left == 0
        if len(kin):
            # supplier words of the entry's other names ("Mansudae Art Restaurant"): its own
            ends = (np.cumsum(words.lengths) - words.lengths)[pq[kin]].tolist()
            texts, tid = words.texts, words.tid
            for k, at, b in zip(kin.tolist(), ends, left[kin].tolist(), strict=True):
                known = self.names[int(pi[k])].kin
                while b and texts[tid[at + (b & -b).bit_length() - 1]] in known:
                    b &= b - 1
                korean[k] = not b
        own = (own | korean) & (self._numbers[pi] == q_numbers[pq]) & longer
        total_s = sw.sum(axis=1)
        covered = np.zeros(len(pi))
        for j in range(sw.shape[1]):
            covered += sw[pq, j] * (((reach >> j) & 1) if j < MASK_BITS else 1)
        extra_ratio = np.where(total_s[pq] > 0, 1.0 - covered / np.maximum(total_s[pq], 1e-12), 0.0)
        out: Bools = (ok_pair & (coverage * (1.0 - extra_cost * extra_ratio) >= need)) | own
        return out


def _numbers_hash(numbers: Iterable[str]) -> int:
    return zlib.crc32("|".join(sorted(numbers)).encode())


def _supplier_words(
    words: _Words, weight: TokenWeights, places: frozenset[str], localities: frozenset[str]
) -> _Supplier:
    """Per supplier name and word, the word's weight as the comparison counts an extra word
    (its rarity: :meth:`TokenWeights.rarity`); per name, the hash of its numbers outside
    parentheses (those the listed name's must equal), the bits of its distinctive words
    outside parentheses that are neither places nor cities (the comparison's
    ``extra_not_city``), and of those the ones that could name a company (not generic:
    ``extra_identifying``); and the bits of its distinctive words outside parentheses that
    are not places (``extra_distinctive``), of its words outside parentheses that are not
    places, and of all its words (the first MASK_BITS). All names' words at once, each distinct word looked up once."""
    texts, tid, row, col = words.texts, words.tid, words.row, words.col
    qual = words.qualifier
    place = np.fromiter((t in places for t in texts), bool, len(texts))[tid]
    w = np.fromiter(map(weight.rarity, texts), np.float64, len(texts))[tid]
    out = np.zeros((words.names, int(words.lengths.max(initial=0))))
    branch = np.fromiter((t in BRANCH_WORDS for t in texts), bool, len(texts))[tid] & qual
    out[row, col] = np.where(branch, 0.0, w * np.where(qual | place, QUALIFIER_COST, 1.0))
    digits = np.fromiter((t.isdigit() for t in texts), bool, len(texts))[tid] & ~qual
    found: dict[int, set[str]] = {}
    for i in np.flatnonzero(digits).tolist():
        found.setdefault(int(row[i]), set()).add(texts[tid[i]])
    numbers = np.full(words.names, _numbers_hash(()), dtype=np.int64)
    for r, nums in found.items():
        numbers[r] = _numbers_hash(nums)

    def per_name(sel: Bools) -> Ints:
        out = np.zeros(words.names, dtype=np.int64)
        np.bitwise_or.at(out, row[sel], bits(col[sel], col[sel] + 1))
        return out

    sel = (w >= DISTINCTIVE) & ~qual & ~place
    city = np.fromiter((t in localities for t in texts), bool, len(texts))[tid]
    distinct = per_name(sel)
    rare = per_name(sel & ~city)
    own = per_name(sel & ~city & np.fromiter(map(weight.distinctive, texts), bool, len(texts))[tid])
    core = per_name(~qual & ~place)
    every = bits(np.zeros(words.names, dtype=np.int64), words.lengths)
    return _Supplier(out, numbers, rare, own, distinct, core, every)


@dataclass(frozen=True)
class _Supplier:
    """What the bound needs of the supplier names (see :func:`_supplier_words`); the bit sets
    are of word positions, per name."""

    weights: Floats  # per name and word: what the word costs as an extra word
    numbers: Ints  # per name: the hash of its numbers outside parentheses
    rare: Ints  # distinctive words outside parentheses, not places nor cities
    own: Ints  # ... of those, the ones that could name a company
    distinct: Ints  # distinctive words outside parentheses, not places (cities too)
    core: Ints  # words outside parentheses, not places
    every: Ints  # all words


@dataclass(frozen=True)
class _Words:
    """A batch of supplier names' words, flat: per word its name (``row``), its place in the
    name (``col``), and its id among the batch's distinct words (``texts[tid]``), so that what
    depends on the word alone is computed once per distinct word."""

    names: int
    lengths: Ints  # per name: its number of words
    row: Ints
    col: Ints
    tid: Ints
    texts: list[str]
    length: Ints  # per word: its letters
    qualifier: Bools
    abbreviated: Bools

    @classmethod
    def of(cls, queries: Sequence[NormName]) -> _Words:
        lengths = np.fromiter((len(q.tokens) for q in queries), np.int64, len(queries))
        n = int(lengths.sum())
        flat = np.fromiter(chain.from_iterable(q.tokens for q in queries), object, n)
        codes, uniques = pd.factorize(flat)  # ids in order of first appearance
        tid = codes.astype(np.int64)
        texts: list[str] = uniques.tolist()
        row = np.repeat(np.arange(len(queries), dtype=np.int64), lengths)
        col = np.arange(n, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return cls(
            len(queries),
            lengths,
            row,
            col,
            tid,
            texts,
            np.fromiter(map(len, texts), np.int64, len(texts))[tid],
            np.fromiter(chain.from_iterable(q.qualifier for q in queries), bool, n),
            np.fromiter(chain.from_iterable(q.abbreviated for q in queries), bool, n),
        )


def _units(words: _Words) -> tuple[dict[tuple[str, bool], int], Ints]:
    """The batch's supplier units, ``(text, joined)`` -> unit id: each distinct word, and each
    distinct run of 2 to MAX_SPAN adjacent words joined that has JOINED_LEN+ letters; and
    their occurrences, rows of (name, unit, first word, end word)."""
    unit_ids: dict[tuple[str, bool], int] = {(t, False): k for k, t in enumerate(words.texts)}
    n = len(words.tid)
    occ = [np.stack([words.row, words.tid, words.col, words.col + 1], axis=1)]
    end = np.repeat(np.cumsum(words.lengths), words.lengths)  # per word: its name's end (flat)
    for span in range(2, MAX_SPAN + 1):
        at = np.flatnonzero(np.arange(n) + span <= end)
        letters = sum(words.length[at + k] for k in range(span))
        at = at[letters >= JOINED_LEN]
        if not len(at):
            continue
        # each distinct run of words numbered 0, 1, ...: pairs of word ids, then with the next id
        key = words.tid[at]
        for k in range(1, span):
            key = _dense(key * len(words.texts) + words.tid[at + k])
        first = np.zeros(int(key.max()) + 1, dtype=np.int64)
        first[key] = at  # where each distinct run occurs (one of its places)
        texts = words.texts  # each distinct run's words, gathered place by place in the run
        parts = [[texts[t] for t in words.tid[first + k].tolist()] for k in range(span)]
        unit = np.array(
            [unit_ids.setdefault(("".join(run), True), len(unit_ids)) for run in zip(*parts, strict=True)],
            dtype=np.int64,
        )
        occ.append(np.stack([words.row[at], unit[key], words.col[at], words.col[at] + span], axis=1))
    return unit_ids, np.concatenate(occ)


def _dense(keys: Ints) -> Ints:
    """Each key replaced by its rank among the distinct keys (0 .. distinct - 1)."""
    order = np.argsort(keys, kind="stable")
    s = keys[order]
    new = np.concatenate([[True], s[1:] != s[:-1]]) if len(s) else np.zeros(0, bool)
    out = np.empty(len(keys), dtype=np.int64)
    out[order] = np.cumsum(new) - 1
    return out


def _prefix(costs: Sequence[float]) -> list[float]:
    """Per word, the share of the name's weight in it and in all lighter words.

    A supplier name that matches none of the words whose share is at least ``f`` covers less
    than ``f`` of the weight (prefix filtering, as in set-similarity joins), so a name is a
    candidate only through its words with a share at or above the score needed.
    """
    total = sum(costs) or 1.0
    out = [0.0] * len(costs)
    rest = total
    for k in sorted(range(len(costs)), key=lambda k: (-costs[k], k)):
        out[k] = rest / total
        rest -= costs[k]
    return out


def _spans(n: int) -> Iterable[tuple[int, int]]:
    """Runs of 2 to MAX_SPAN adjacent words: (first, end)."""
    for lo in range(n):
        for hi in range(lo + 2, min(n, lo + MAX_SPAN) + 1):
            yield lo, hi
