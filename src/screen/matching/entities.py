"""The entity-matching stage: supplier names against the listed names, with corroboration.

For each supplier name the best-scoring name of every candidate entry is kept (a listed name
that ends in its acronym in parentheses, as the UN and UK lists write them, "FOREIGN TRADE
BANK (FTB)", is also compared without it). Then:

- a weak alias (KOGEN, GENCO, ZENKO: short names OFAC itself calls weak) reaches at most
  the review band, and a hit only with a corroborating country or sector; so does a listed
  name of one or two common words, with no distinctive word, place or number (CHEMICAL
  GROUP, SILVER TECHNOLOGY): many companies' name;
- a supplier name that holds every word identifying a listed name romanised from Korean or
  Chinese (distinctive, not generic, not a place), closely, with only common words besides
  and none of its own distinctive words, goes to review whatever its score ("Rungrado
  Construction" for RUNGRADO TRADE COMPANY): labour-export companies trade under their own
  name with other activities added. For a North Korean company (an address in North Korea,
  or none and a Korea sanctions programme) named in Korean words, the words added may be any
  words of activity, scope or a city, however seldom the lists use them ("Ryonbong Logging",
  "Mansudae Restaurant"), but none that could name a company of its own; with the whole
  listed name present (places aside) it is a hit: the company itself or a branch or office
  of it ("Korea Ryonbong General Corp. Vladivostok Branch"). Other names with every
  distinctive word there go to review only shortened, with no common word of the supplier's
  own ("Modulbank" for COMMERCIAL BANK MODULBANK, not "Haitian Trading" for HAITIAN
  PRECISION);
- a listed name with a word the supplier's lacks (places aside), however common the word,
  is a review at most: "Kim Il Sung University" is not KIM IL SUNG MILITARY UNIVERSITY;
- a foreign company's listed name of one word (APOLLON OOO, INTELLEKT LLC, ALIS: listed at addresses
  outside North Korea) is a review at most with a word of the supplier's own added, not a place
  ("Apollon-Stroy", "Intellekt-Service"), or the word spelled otherwise ("Alisa"): the word
  is many companies' brand;
- the supplier's country agreeing with one of the entry's address countries adds points,
  and disagreeing removes some (both known); a matching sector adds a little. A South
  Korean supplier is also checked against the addresses other lists give for the same entity
  (the UK list gives none where OFAC gives North Korea), and against an entity listed only at
  North Korean addresses is a review at most: the two Koreas' companies are distinct and
  share many names (대성무역, Daesung Trading, is not KOREA DAESONG GENERAL TRADING);
- in two names written in pinyin, a word a syllable apart (not a city's) makes a review at
  most: "Shanghai Dongfang Shipping" may be another company than SHANGHAI DONGFENG SHIPPING
  (东方, 东风) or the same with a typo;
- a name that ends by saying whose it is, "of" a country none of the entity's addresses is
  in, is a review at most: "Agricultural Development Bank of China" is China's bank, not
  North Korea's AGRICULTURAL DEVELOPMENT BANK (a North Korean company's whole name "of
  Russia" is its office there, still a hit);
- entries of one real entity on several lists (OFAC, UN, UK) are reported once, with the
  other lists' IDs linked;
- each match carries a one-sentence explanation a compliance officer can defend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from screen.config import MatchingConfig
from screen.matching.compare import KOREA_WORDS, Comparison, compare, place_words
from screen.matching.index import IndexedName, NameIndex
from screen.model import NAME_READINGS, OTHER_NAMES, Band, CountryResult, Match, SectorHit
from screen.normalize import NormName, has_hangul, normalize_name
from screen.parallel import Progress, map_parts
from screen.reference import Reference

HOST_FACTORS = frozenset({"dprk_origin", "dprk_worker_host"})
# Hong Kong and Macao addresses are listed as China's too: not another country for the cap on
# a name alone in another country
GREATER_CHINA = frozenset({"CN", "HK", "MO"})


@dataclass(frozen=True)
class _Best:
    item: IndexedName
    cmp: Comparison


def score_floor(cfg: MatchingConfig) -> float:
    """The lowest name score worth keeping: the review threshold less what corroboration can add."""
    return cfg.review - cfg.country_agree_bonus - cfg.sector_agree_bonus


def own_words_match(item: IndexedName, c: Comparison) -> bool:
    """Whether a supplier name holds every word that identifies a listed name romanised from
    Korean or Chinese, closely, with only common words around them ("Rungrado Construction"
    for RUNGRADO TRADE COMPANY): kept for review whatever its score, as labour-export
    companies trade under their own name with other activities added.

    For a North Korean company (:func:`screen.matching.index.north_korean_entries`) whose
    identifying words, cities aside, are Korean words rare on the lists (Rungrado, not
    Maritime: :data:`screen.matching.compare.KOREAN_NAME_MIN_RARITY`), the added words may be any words of
    activity, scope or place, however seldom the lists use them ("Ryonbong Logging",
    "Mansudae Restaurant", "Rungrado Vladivostok"), and words of the entity's other listed
    names ("Mansudae Art Restaurant": MANSUDAE ART STUDIO); another word of the supplier's own
    that could name a company (rare on the lists, neither generic nor a city) still makes it
    another company ("Rungrado Tolstoy Construction"). Not for names in English words (BORDER TRADE
    SETTLEMENT BANK is not "Porter Logistics" under the romanisation key, nor RECONNAISSANCE
    GENERAL BUREAU "Technical Reconnaissance Team", nor SINBAD "Sinbad Bakery"), nor Chinese
    companies ("Hunchun Tianyi Machinery" is not TIANYI INTERNATIONAL DALIAN).

    (Not for names not romanised, where the identifying word is as often a word of the
    language, "Pacific", "Golden": with it, a 100,000-row vendor file had 29% more reviews.)"""
    return (item.romanise and c.only_common_differ) or _own_name_with_scope(item, c)


def _own_name_with_scope(item: IndexedName, c: Comparison) -> bool:
    """A North Korean company's own name, closely, with only words of activity, scope or place
    added (own_words_match's second case)."""
    return (
        item.north_korean
        and c.own_name_complete
        and c.numbers_agree
        and all(t in item.kin for t in c.extra_identifying)  # words of its other names: its own
    )


def _one_word_loosely(best: _Best) -> str:
    """How a listed name of one word (legal forms, places and words in parentheses aside), not
    a North Korean company's, is matched loosely: with a word of the supplier's own added (not
    a place), or spelled otherwise; "" when it is not."""
    item = best.item
    if item.north_korean:
        return ""
    places = place_words()
    own = [t for t, q in zip(item.norm.tokens, item.norm.qualifier, strict=True) if not q and t not in places]
    if len(own) != 1:
        return ""
    if any(t not in places for t in best.cmp.extra_core):
        return "with a word of the supplier's own added"
    if any(p.kind == "spelling" and p.listed == own[0] for p in best.cmp.pairs):
        return "spelled otherwise"
    return ""


def whole_name_with_scope(best: _Best) -> bool:
    """Whether a supplier name holds a North Korean company's whole listed name (places aside:
    "Korea"), its Korean words closely, and adds only words of activity, scope or place: the
    company itself or a branch or office of it ("Korea Ryonbong General Corp. Vladivostok
    Branch"), a hit. (See :func:`own_words_match` for which names are North Korean companies'.)"""
    return _own_name_with_scope(best.item, best.cmp) and all(m in place_words() for m in best.cmp.missing)


def best_per_entry(
    norm: NormName, index: NameIndex, cands: Iterable[int], cfg: MatchingConfig
) -> dict[str, _Best]:
    best: dict[str, _Best] = {}
    rank: dict[str, tuple[float, bool]] = {}
    floor = score_floor(cfg)
    for i in sorted(cands):  # in list order: on equal scores the first name listed (the primary) wins
        item = index.names[i]
        c = compare(
            norm,
            item.norm,
            index.weights,
            cfg.min_token_similarity,
            cfg.extra_token_cost,
            item.romanise,
            index.weights.rarity,
        )
        # a name whose own words are there counts as a review (adjust() raises it), above
        # another of the entry's names that scores higher but below review
        own = own_words_match(item, c)
        if c.score < floor and not own:
            continue
        key = (max(c.score, cfg.review) if own else c.score, not item.weak)
        if item.ref_id not in rank or key > rank[item.ref_id]:
            best[item.ref_id] = _Best(item, c)
            rank[item.ref_id] = key
    return best


def _fmt_pairs(c: Comparison) -> list[str]:
    out: list[str] = []
    for p in c.pairs:
        if p.kind == "exact":
            continue
        rel = "=" if p.similarity >= 99 else "~"
        out.append(f"'{p.supplier}'{rel}'{p.listed}' ({p.kind})")
    return out


def _how(reading: str) -> str:
    """'in Korean ' for a reading in Hangul (Chinese characters of a North Korean name)."""
    return "in Korean " if has_hangul(reading) else ""


def explain(
    supplier_name: str, entry: dict[str, object], best: _Best, score: float, notes: list[str], norm: NormName
) -> str:
    item, c = best.item, best.cmp
    alias = f" via {item.name_type} name '{item.name}'" if item.name != entry["name"] else ""
    parts = _fmt_pairs(c)
    if item.dropped:
        parts.append(f"listed name read without its parenthesised '{' '.join(item.dropped).upper()}'")
    if norm.expansions:
        parts.append(", ".join(f"'{a}' read {_how(b)}as '{b}'" for a, b in norm.expansions))
    if norm.legal_forms:
        parts.append(f"legal form '{' '.join(norm.legal_forms)}' ignored")
    if c.missing:
        parts.append(f"listed word(s) {', '.join(repr(m) for m in c.missing)} absent")
    if c.extra:
        parts.append(f"extra word(s) {', '.join(repr(m) for m in c.extra)}")
    if not parts:
        parts.append("same words after normalisation")
    tail = "; ".join(notes)
    return (
        f"'{supplier_name}' ≈ {entry['list']} {entry['official_id']} '{entry['name']}'{alias} "
        f"(score {round(score, 1):g}): {', '.join(parts)}" + (f"; {tail}" if tail else "") + "."
    )


def _entry_sectors(ref: Reference, entry: dict[str, object]) -> frozenset[str]:
    text = f"{entry['name']} {entry.get('remarks', '')}"
    return frozenset(h.sector for h in ref.sectors.classify(text))


def adjust(
    best: _Best,
    entry: dict[str, object],
    country: CountryResult | None,
    sectors: tuple[SectorHit, ...],
    entry_sectors: frozenset[str],
    cfg: MatchingConfig,
    country_name: str,
    of_country: str = "",
) -> tuple[float, list[str], bool]:
    """Apply the review and hit rules of the module note (own words, whole name), corroboration,
    the weak-alias cap, the South Korean cap and the cap on a name "of" another country
    (``of_country``: "code:name", see :func:`_of_country`); returns score, notes, corroborated."""
    score = best.cmp.score
    notes: list[str] = []
    countries = tuple(str(c) for c in entry.get("countries") or ())  # type: ignore[attr-defined]
    # a South Korean supplier and an entity listed at North Korean addresses (or, under a North
    # Korea programme, at none), not South Korean ones: the two Koreas' companies are distinct
    # and share many names (Daesong, Daewon, Kumgang, Mirae)
    programs = " ".join(str(p) for p in entry.get("programs") or ()).upper()  # type: ignore[attr-defined]
    divided = (
        _south_korean(country)
        and "KR" not in countries
        and ("KP" in countries or (not countries and ("DPRK" in programs or "KOREA" in programs)))
    )
    added = ", ".join(repr(t) for t in best.cmp.extra_core if t not in best.item.kin)
    kin = ", ".join(repr(t) for t in best.cmp.extra_core if t in best.item.kin)
    if kin:  # (of a North Korean entry: see _own_name_with_scope)
        kin = f" and words of its other listed names ({kin})"
    if whole_name_with_scope(best) and score < cfg.hit and not divided:
        # the listed company itself, a branch or office of it: "Korea Ryonbong General Corp.
        # Vladivostok Branch", "Rungrado General Trading Corp. - Moscow Rep Office"
        score = cfg.hit
        notes.append(
            "the whole listed name is present, with only words of activity, scope or place added "
            f"({added or 'none'}){kin}"
        )
    elif (
        best.cmp.only_common_differ
        and score < cfg.review
        and (best.item.romanise or all(t in place_words() for t in best.cmp.extra_core))
    ):
        # every distinctive listed word is there and only common words differ: a person should
        # look. Common words of the supplier's own in place of the listed ones are another
        # company's trade ("Haitian Logistics" is not HAITIAN PRECISION LLC) except in names
        # romanised from Korean or Chinese (see own_words_match); the listed name shortened,
        # or with a place added, is not ("Modulbank", "Modulbank Russia" for COMMERCIAL BANK
        # MODULBANK)
        score = cfg.review
        cities = [t for t in best.cmp.extra_distinctive if t not in best.cmp.extra_not_city]
        where = f" (the place {', '.join(repr(t) for t in cities)} among them)" if cities else ""
        notes.append(
            f"the words that identify the listed name are all there; only common words of business or "
            f"places differ{where}"
        )
    elif own_words_match(best.item, best.cmp) and score < cfg.review and not divided:
        score = cfg.review
        notes.append(
            "the listed company's own name is present"
            + (f", with words of activity or place added ({added})" if added else "")
            + (kin if added else kin.replace(" and", ", with", 1))
        )
    corroborated = False
    if country is not None and country.code and countries:
        if country.code in countries:
            score += cfg.country_agree_bonus
            notes.append(f"listed address country {country_name} agrees with the supplier's country")
            corroborated = True
        elif country.code == "KP":
            notes.append(f"the supplier is in North Korea (listed address countries: {', '.join(countries)})")
        elif any(f.factor in HOST_FACTORS for f in country.factors):
            # North Korean labour-export companies work in the host countries: no contradiction
            notes.append(
                f"supplier country {country_name} is not a listed address country ({', '.join(countries)}) "
                "but hosts North Korean workers"
            )
        else:
            score -= cfg.country_disagree_penalty
            notes.append(
                f"supplier country {country_name} is not among the listed address countries ({', '.join(countries)})"
            )
            china = country.code in GREATER_CHINA and bool(GREATER_CHINA & set(countries))
            korean = not KOREA_WORDS.isdisjoint(best.item.norm.tokens)  # KOREA SOBAEKSU UNITED CORP.
            if "KP" not in countries and not china and not korean and score >= cfg.hit:
                # a company of another country listed under its name (FALCON INTERNATIONAL SIA,
                # Latvia, Turkey): the same name elsewhere, in a country that hosts no North
                # Korean workers, is as often another company, and nothing but the name says it
                # is this one. (A North Korean company abroad, or in a host country, keeps its hit.)
                score = cfg.hit - 1
                notes.append("a review at most: the name alone, in another country than the listed ones")
            elif score >= cfg.hit:
                # (said, so that a reviewer sees why the other country does not cap it; the rules
                # below may still make it a review)
                if "KP" in countries:
                    why = "a North Korean company trades abroad under its listed name"
                elif china:
                    why = "the supplier is in Greater China, where the entry has an address"
                else:
                    why = "the listed name says Korea"
                notes.append(f"the other country does not make it a review: {why}")
    shared = sorted(entry_sectors & {h.sector for h in sectors})
    if shared:
        score += cfg.sector_agree_bonus
        notes.append(f"sector {', '.join(shared)} agrees with the listed name")
        corroborated = True
    if not best.cmp.identifying and not corroborated and score >= cfg.hit:
        # a name of common words only is many companies' name (CHEMICAL GROUP, an alias of an
        # Iranian entity, is also "Chemical Group Ltd." anywhere): the entity only with its
        # country or sector
        score = cfg.hit - 1
        notes.append(
            "a listed name of common words only, without corroborating country or sector: review only"
        )
    if best.item.weak:
        if best.cmp.extra_distinctive or (best.cmp.extra_core and not corroborated):
            # a weak alias inside a longer name (Genco Shipping & Trading) is another company
            score = min(score, cfg.review - 1)
        elif not corroborated:
            score = min(score, cfg.weak_alias_cap)
            notes.append("weak alias without corroborating country or sector: review only")
        else:
            notes.append("weak alias, corroborated")
    if best.cmp.other_syllable and score >= cfg.hit:
        # Dongfang ~ DONGFENG: 东方 and 东风, or a typo
        words = ", ".join(f"'{p.supplier}' and '{p.listed}'" for p in best.cmp.other_syllable)
        score = cfg.hit - 1
        notes.append(
            f"{words} differ by a syllable in pinyin: another Chinese word or a typo, a review at most"
        )
    if best.cmp.slip and score >= cfg.review:
        (p,) = best.cmp.slip
        score = min(score, cfg.hit - 1)
        notes.append(
            f"'{p.supplier}' is a letter away from '{p.listed}', the word that identifies the listed "
            "name: a typo or another name, a review at most"
        )
    code, _, of_name = of_country.partition(":")
    if code and countries and code not in countries and score >= cfg.hit and not whole_name_with_scope(best):
        # "Agricultural Development Bank of China" is China's, not North Korea's bank of that
        # name: a person decides (a North Korean company's whole name "of Russia" is its
        # office there: see whole_name_with_scope)
        score = cfg.hit - 1
        notes.append(
            f"the name says it is of {of_name}, not of a listed address country ({', '.join(countries)}): "
            "a review at most"
        )
    absent = [m for m in best.cmp.missing if m not in place_words()]
    if absent and score >= cfg.hit:
        # the listed name has a word the supplier's lacks: another name, however common the
        # word ("Kim Il Sung University" is not KIM IL SUNG MILITARY UNIVERSITY)
        score = cfg.hit - 1
        notes.append("a word of the listed name absent: a review at most")
    # (a foreign company: listed at addresses, none in North Korea)
    loose = _one_word_loosely(best) if score >= cfg.hit and countries and "KP" not in countries else ""
    if loose:
        # a foreign company listed under one word (APOLLON OOO, INTELLEKT LLC, ALIS): the word
        # is many companies' brand, and a name that adds its own word to it ("Apollon-Stroy",
        # "Intellekt-Service") or spells it otherwise ("Alisa") is as often another company
        score = cfg.hit - 1
        notes.append(f"a one-word listed name, {loose}: a review at most")
    if divided and score >= cfg.hit:
        score = cfg.hit - 1
        notes.append(
            "a South Korean supplier and a North Korean entity: a review at most, as the two Koreas' "
            "companies are distinct and often share names"
        )
    return max(0.0, min(100.0, score)), notes, corroborated


CHUNK = 20_000  # at most this many distinct supplier names per partition
PARALLEL_MIN = 12_000  # fewer distinct names are matched in this process (a pool costs more)


def _match_chunk(
    names: Sequence[str],
    index: NameIndex,
    cfg: MatchingConfig,
    normalised: Mapping[str, NormName] | None = None,
) -> list[tuple[str, dict[str, _Best]]]:
    norms = [normalised[n] for n in names] if normalised is not None else [normalize_name(n) for n in names]
    floor = score_floor(cfg)
    cands = index.candidates(
        norms, floor=floor, min_similarity=cfg.min_token_similarity, extra_cost=cfg.extra_token_cost
    )
    return [(q.key, best_per_entry(q, index, c, cfg)) for q, c in zip(norms, cands, strict=True)]


def partition(names: Sequence[str], workers: int) -> list[Sequence[str]]:
    """The names in as few partitions of at most CHUNK as there can be, as many for each
    worker, their sizes differing by two at most: the 77,440 distinct names of the 100k bench
    file match about 10% faster in four partitions than in eight (larger batches, no worker
    waiting for another's last); larger partitions take more memory (40,000 names: +0.5 GB on
    the 1M-row file)."""
    if not names:
        return []
    w = max(workers, 1)
    parts = -(-len(names) // CHUNK)
    parts = min(-(-parts // w) * w, len(names))
    # names written in other scripts cost several times as much to normalise, and sort after
    # the Latin ones: each partition takes its share of both, in order (names alike in spelling
    # stay together, so their words are looked up once)
    latin = [n for n in names if n.isascii()]
    other = [n for n in names if not n.isascii()]
    return [[*_slice(latin, k, parts), *_slice(other, k, parts)] for k in range(parts)]


def _slice(items: Sequence[str], k: int, parts: int) -> Sequence[str]:
    """The ``k``-th of ``parts`` slices of ``items``, their sizes differing by one at most."""
    base, extra = divmod(len(items), parts)
    return items[k * base + min(k, extra) : (k + 1) * base + min(k + 1, extra)]


def best_matches(
    names: Sequence[str],
    index: NameIndex,
    cfg: MatchingConfig,
    workers: int = 1,
    progress: Progress | None = None,
    normalised: Mapping[str, NormName] | None = None,
) -> dict[str, tuple[str, dict[str, _Best]]]:
    """For each distinct name: its normalised key, and the best-scoring name of every listed
    entry at or above the floor. Partitions of the names run on ``workers`` cores when there are many.
    ``normalised``: each name's :func:`normalize_name`, when the caller has it already.
    """
    if not names:
        return {}
    if not len(index):
        return {n: (normalize_name(n).key, {}) for n in names}
    workers = workers if len(names) >= PARALLEL_MIN else 1
    chunks = partition(names, workers)
    size = len(chunks[0])

    def done(n: int) -> None:
        if progress:
            progress("match", min(n * size, len(names)), len(names))

    if progress:
        progress("match", 0, len(names))
    results = map_parts(
        partial(_match_chunk, index=index, cfg=cfg, normalised=normalised),
        chunks,
        workers=workers,
        on_done=done,
    )
    return {
        n: best
        for chunk, res in zip(chunks, results, strict=True)
        for n, best in zip(chunk, res, strict=True)
    }


def match_entities(
    df: pd.DataFrame,
    ref: Reference,
    index: NameIndex,
    cfg: MatchingConfig,
    workers: int = 1,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Pure stage: a copy of ``df`` with a ``matches`` column (tuple of :class:`Match`) and a
    ``name_key`` column (the normalised name, words joined by spaces)."""
    out = df.copy()
    names = out["name"].fillna("").astype(str).tolist() if "name" in out else [""] * len(out)
    # a name over several columns: its other readings too (Name 1 alone, a "c/o" party); and
    # the names a name says the supplier trades or traded under ("… t/a …", "(formerly …)")
    # and the names in the other columns that name the supplier ("Trading Name", "Factory"):
    # per row, (name, where it is, as the rationale says it) of each reading
    within = out[NAME_READINGS].tolist() if NAME_READINGS in out else [()] * len(out)
    columns = out[OTHER_NAMES].tolist() if OTHER_NAMES in out else [()] * len(out)
    readings: list[tuple[tuple[str, str], ...]] = []
    for n, rs, cols in zip(names, within, columns, strict=True):
        found_in = {r: f"a name within '{n}'" for r in (*(rs or ()), *other_names(n)) if r.strip() and r != n}
        for h, v in cols or ():
            for r in (v, *other_names(v)):
                if r.strip() and r != n:
                    found_in.setdefault(r, f"column '{h}'")
        readings.append(tuple(found_in.items()))
    every = {n for n in names if n.strip()} | {r for rs in readings for r, _ in rs}
    per_name = best_matches(sorted(every), index, cfg, workers, progress)
    # the normalised name, for later stages (decision fingerprints) that would otherwise normalise again
    out["name_key"] = [per_name[n][0] if n in per_name else "" for n in names]
    entries = ref.entry_by_id
    group_countries = _group_countries(entries.values())
    sector_cache: dict[str, frozenset[str]] = {}
    countries = out["country_result"].tolist() if "country_result" in out else [None] * len(out)
    sectors_col = out["sectors"].tolist() if "sectors" in out else [()] * len(out)
    result: list[tuple[Match, ...]] = []

    def row_matches(
        name: str, country: CountryResult | None, sectors: tuple[SectorHit, ...] | None
    ) -> list[Match]:
        found = per_name[name][1] if name in per_name else None
        if not found:
            return []
        of_country = _of_country(name, ref)
        matches: list[Match] = []
        for ref_id, best in found.items():
            entry = entries.get(ref_id)
            if entry is None:
                continue
            if ref_id not in sector_cache:
                sector_cache[ref_id] = _entry_sectors(ref, entry)
            cname = country.name if isinstance(country, CountryResult) and country.name else ""
            group = str(entry.get("group_id") or "")
            located = entry
            if not entry.get("countries") and group in group_countries:
                # (the addresses of the same entity on other lists: the UK list gives few)
                located = {**entry, "countries": group_countries[group]}
            score, notes, _ = adjust(
                best, located, country, tuple(sectors or ()), sector_cache[ref_id], cfg, cname, of_country
            )
            if score < cfg.review:
                continue
            band: Band = "hit" if score >= cfg.hit else "review"
            matches.append(
                Match(
                    ref_id=ref_id,
                    list=str(entry["list"]),
                    official_id=str(entry["official_id"]),
                    name=str(entry["name"]),
                    matched_alias=best.item.name,
                    alias_type=best.item.name_type,
                    score=round(score, 1),
                    band=band,
                    explanation=explain(name, entry, best, score, notes, normalize_name(name)),
                    programs=tuple(entry.get("programs") or ()),  # type: ignore[arg-type]
                    listed_on=str(entry.get("listed_on") or ""),
                    countries=tuple(located.get("countries") or ()),  # type: ignore[arg-type]
                    entry_hash=str(entry.get("entry_hash") or ""),
                    details={
                        "group_id": str(entry.get("group_id") or ""),
                        "name_score": best.cmp.score,
                        "pairs": [p.__dict__ for p in best.cmp.pairs],
                        "missing": list(best.cmp.missing),
                        "extra": list(best.cmp.extra),
                    },
                )
            )
        return matches

    for name, alts, country, sectors in zip(names, readings, countries, sectors_col, strict=True):
        matches = row_matches(name, country, sectors)
        if alts:  # each entry's best match over the readings (the name as shown wins ties)
            best_of: dict[str, Match] = {m.ref_id: m for m in matches}
            for alt, where in alts:
                for m in row_matches(alt, country, sectors):
                    if m.ref_id not in best_of or m.score > best_of[m.ref_id].score:
                        said = m.explanation.replace(f"'{alt}'", f"'{alt}' ({where})", 1)
                        best_of[m.ref_id] = replace(m, explanation=said)
            matches = list(best_of.values())
        result.append(tuple(_collapse_groups(matches, cfg.max_matches)) if matches else ())
    out["matches"] = pd.Series(result, index=out.index, dtype=object)
    return out


# words that say a party in whose care the supplier is ("c/o …"), and words that give another
# name of the supplier
CARE_OF = r"c/o|c\.o\.|in care of|care of|℅"
_NAMES_MARK = re.compile(
    r"(?<!\w)(?:d/b/a|d\.b\.a\.?|dba|t/a|t/as|trading as|doing business as|a/k/a|a\.k\.a\.?|aka"
    r"|also known as|f/k/a|f\.k\.a\.?|fka|formerly known as|formerly|previously known as|previously"
    rf"|{CARE_OF})(?=[\s:.\-]|$)",
    re.IGNORECASE,
)
_PART_EDGES = " \t,;:.-()[]{}\"'«»“”"


def other_names(name: str) -> tuple[str, ...]:
    """The names a supplier name gives, apart, when it says the supplier trades or traded
    under another ("Sunrise Trading LLC t/a Korea Kumsan Trading", "ABC Ltd (formerly
    Namgang Construction)", "XYZ dba Mansudae Art", "Sunrise LLC c/o Korea Kumsan"): each is
    matched as well, the better match counting. None when the name gives one name only."""
    if not _NAMES_MARK.search(name):  # (most names: one search)
        return ()
    parts = [p.strip(_PART_EDGES) for p in _NAMES_MARK.split(name)]
    if len(parts) < 2 or not parts[0] or not parts[-1]:
        return ()
    return tuple(p for p in parts if sum(c.isalpha() for c in p) >= 3 and p != name)


_OF_PLACE = re.compile(r"\bof\s+(.+?)[\s.,;)]*$", re.IGNORECASE)


def _of_country(name: str, ref: Reference) -> str:
    """The country a name ends by saying it is of, as "code:name" ("Agricultural Development
    Bank of China": "CN:China"), or ""."""
    m = _OF_PLACE.search(name) if " of " in name.casefold() else None
    code = ref.countries.named(m.group(1)) if m else None
    return f"{code}:{ref.countries.name(code)}" if code else ""


def _south_korean(country: CountryResult | None) -> bool:
    return isinstance(country, CountryResult) and country.code == "KR"


def _group_countries(entries: Iterable[dict[str, object]]) -> dict[str, tuple[str, ...]]:
    """Per group of linked entries (one real entity on several lists), the address countries
    any of its lists gives. The UK list's short form gives none where OFAC's entry for the
    same company gives North Korea; a South Korean supplier is checked against them, so that
    "대성건설" (Daesung, a common South Korean name) is not taken for the UK's entry of KOREA
    DAESONG GENERAL TRADING (the two Koreas' companies are distinct). Elsewhere an entry
    without an address stays without one: a DPRK company's foreign front can be anywhere."""
    out: dict[str, set[str]] = {}
    for e in entries:
        group = str(e.get("group_id") or "")
        if group:
            out.setdefault(group, set()).update(str(c) for c in e.get("countries") or ())  # type: ignore[attr-defined]
    return {g: tuple(sorted(c)) for g, c in out.items() if c}


_LIST_PREFERENCE = {"OFAC-SDN": 0, "UN-SC": 1, "UK": 2}


def _collapse_groups(matches: list[Match], limit: int) -> list[Match]:
    """One match per real entity: the best (OFAC first on ties), linking the other lists' IDs."""
    groups: dict[str, list[Match]] = {}
    for m in matches:
        key = str(m.details.get("group_id") or m.ref_id)
        groups.setdefault(key, []).append(m)
    kept: list[Match] = []

    def rank(m: Match) -> tuple[float, float, int, str]:
        # corroborated score first; on a tie the closer name wins, then OFAC, UN, UK
        return (
            -m.score,
            -float(str(m.details.get("name_score", 0))),
            _LIST_PREFERENCE.get(m.list, 9),
            m.ref_id,
        )

    for members in groups.values():
        members.sort(key=rank)
        top = members[0]
        linked = tuple(sorted({m.ref_id for m in members[1:]}))
        if linked:
            top = Match(**{**top.__dict__, "linked_ids": linked})
        kept.append(top)
    kept.sort(key=rank)
    # one supplier is one company: only the best candidate is a hit, the others go to review
    for i in range(1, len(kept)):
        if kept[i].band == "hit":
            kept[i] = Match(
                **{
                    **kept[i].__dict__,
                    "band": "review",
                    "explanation": kept[i].explanation.rstrip(".")
                    + f"; scored as a hit, but {kept[0].ref_id} matches better: review which entity is meant.",
                }
            )
    return _shown(kept, limit)


def _shown(kept: list[Match], limit: int) -> list[Match]:
    """The best ``limit`` matches (ranked), and any that score as the last of them: a tie is
    never cut (nine entities named AL-AQSA at one score are all a reviewer's to see). Where
    lower-scoring ones are left out, the last shown says how many, so that clearing the shown
    ones is never taken for clearing the supplier unawares."""
    limit = max(limit, 1)
    if len(kept) <= limit:
        return kept
    end = limit
    while end < len(kept) and kept[end].score == kept[limit - 1].score:
        end += 1
    if end == len(kept):
        return kept
    rest = kept[end:]
    scores = sorted({m.score for m in rest})
    span = f"{scores[0]:g}" if len(scores) == 1 else f"{scores[0]:g}–{scores[-1]:g}"
    more = "1 more listed entry scores" if len(rest) == 1 else f"{len(rest)} more listed entries score"
    last = kept[end - 1]
    said = (
        last.explanation.rstrip(".")
        + f"; {more} lower ({span}) and {'is' if len(rest) == 1 else 'are'} not shown"
        + f" (at most {limit} per supplier: max_matches in screen.toml)."
    )
    not_shown = [{"ref_id": m.ref_id, "name": m.name, "score": m.score, "band": m.band} for m in rest]
    return [
        *kept[: end - 1],
        replace(last, explanation=said, details={**last.details, "not_shown": not_shown}),
    ]
