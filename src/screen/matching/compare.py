"""Compare a supplier name with a listed name, word by word, and say why they match.

The score (0-100) is the share of the listed name's word weight that the supplier name
covers, discounted for supplier words the listed name lacks (those cost less: suppliers add
branches, places and activities). A word weighs by how rarely the sanctions lists use it;
words of business activity and scope (the words of the ISIC, NACE and NAICS industry titles,
"overseas", "project", "united": ``reference/generic_words.csv``) weigh at most 0.25 as listed
words, below what identifies an entity, so that "Mansudae Overseas" is not held back for lack
of "project" nor "Energy Resources" matched to a name whose only rare word is "resources"; as
extra supplier words they cost their rarity. Words align when they are equal, equal under the
romanisation key (Namkang ~ Namgang), close in spelling (typos), an abbreviation of the other
("Arch." ~ "architectural"), or when several adjacent words of one side spell one word of the
other (Rung Ra Do ~ Rungrado, Rich-Earth ~ richearth).

The romanisation key applies fully to names of entries romanised from Korean or Chinese (a
Korea sanctions programme, or an address in Korea, China, Hong Kong, Macao or Taiwan). For
other listed names it serves transliteration (Pakifik ~ Pacific, Basich ~ Basij) only between
words of five letters or more that are already alike in spelling: short words equal under the
key are mostly coincidences (Reed ~ RIIT, Khan ~ GAAN, Mid ~ MIT on the full SDN).

In two names written in pinyin, words a syllable apart may be two Chinese words (Dongfang 东方
is not DONGFENG 东风) or one with a typo (Shanhai for Shanghai): such a match is a review at
most. Pinyin writes f where Korean has none, so a word with an f is no romanisation of a
Korean word without one (Dongfang is not DONGBANG 동방).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from anyascii import anyascii
from rapidfuzz.distance import OSA, Indel

from screen.matching.weights import DISTINCTIVE
from screen.normalize import BRANCH_WORDS, NormName, has_han, has_hangul, looks_korean, roman_key

MAX_SPAN = 3
QUALIFIER_COST = 0.25
JOINED_MIN = 90.0
FOREIGN_KEY_MIN_LEN = 5  # names not romanised from Korean or Chinese: the key only between
FOREIGN_KEY_MIN_SIM = 0.7  # words this long and this alike in spelling (Indel similarity; not Gatek ~ KADEK)
KEY_PENALTY = 4.0  # words alike only under the romanisation key score this much below their keys' similarity
# a distinctive listed word matched this closely is present (words equal under the
# romanisation key score 94 + 4 x their spelling similarity: a listed word that reads as
# Korean may be spelt differently, 능라도 Neunglado ~ RUNGRADO, others must be three-quarters
# alike, not Porter ~ BORDER) ...
STRONG_SIM = 97.0
SLIP_SIM = 80.0  # a word of five letters or more one letter apart from another: see _slip
STRONG_SIM_KOREAN = 95.0
COMPLETE_MIN_LETTERS = 6  # ... and distinctive words of this many letters together identify
# a North Korean company's own name: words that read as Korean and are this rare on the lists
# (Rungrado 0.71, Daesong 0.60; not Maritime 0.37, Golden 0.43, which read as Korean too)
KOREAN_NAME_MIN_RARITY = 0.55
INSERTION_COST = 0.07  # a word in parentheses ("(Doha)") costs a quarter of an ordinary extra word


# the words that name Korea or North Korea in a name (a North Korean company's, when listed)
KOREA_WORDS = frozenset({"korea", "korean", "dprk", "chosun", "choson", "joson"})


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Country names and demonyms written as one word: qualifiers, not identity. (ISO's names,
    and the short names of the bundled country table: Russia, Brunei, Kosovo, Palestine.)"""
    import pycountry

    from screen.country_tables import short_names
    from screen.reference import bundled_dir

    # (and the words of Hong Kong, which is no name: "Hong Kong Logistics" is not HONG KONG
    # ELECTRONICS)
    words = {
        *KOREA_WORDS,
        "chinese",
        "russian",
        "prc",
        "uae",
        "hong",
        "kong",
        "hongkong",  # (Hong Kong and HK read as one word: see normalize)
    }
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and len(n.split()) == 1:
                words.add(n.casefold())
    words.update(n.casefold() for n in short_names(bundled_dir()) if len(n.split()) == 1)
    return frozenset(words)


PROVINCE_TYPES = frozenset({"Province", "Municipality", "Autonomous region"})


@lru_cache(maxsize=1)
def locality_words() -> frozenset[str]:
    """Cities and Chinese provinces written as one word ("Dandong", "Pyongyang", "Shandong"):
    they say where a company is, not which it is, so they never identify a listed name on
    their own nor count as a supplier's own name (the cities of the bundled country aliases;
    China's provinces and municipalities from ISO 3166-2, via pycountry)."""
    import pycountry

    from screen.country_tables import city_names
    from screen.normalize import normalize_name
    from screen.reference import bundled_dir

    names = list(city_names(bundled_dir()))
    for s in pycountry.subdivisions:
        if s.country_code == "CN" and s.type in PROVINCE_TYPES:
            names.append(s.name.split()[0])  # "Shandong Sheng": Shandong
    words = set()
    for n in names:
        if not all("LATIN" in unicodedata.name(ch, "") for ch in n if ch.isalpha()):
            continue  # (the key of a name in another script is a transliteration: 성 "seong")
        toks = normalize_name(n).tokens
        if len(toks) == 1 and len(toks[0]) >= 4:
            words.add(toks[0])
    return frozenset(words - place_words())


def korean_name_word(word: str, rarity: float) -> bool:
    """Whether a listed word can be part of a North Korean company's own name: it reads as
    romanised Korean and the lists seldom use it (``rarity``: :meth:`TokenWeights.rarity`)."""
    return looks_korean(word) and rarity >= KOREAN_NAME_MIN_RARITY


@dataclass(frozen=True)
class Pair:
    listed: str  # listed word(s), space-joined when several
    supplier: str  # supplier word(s)
    similarity: float  # 0-100
    kind: str  # exact | romanisation | spelling | abbreviation | joined


@dataclass(frozen=True)
class Comparison:
    score: float
    pairs: tuple[Pair, ...]
    missing: tuple[str, ...]  # listed words with no counterpart
    extra: tuple[str, ...]  # supplier words with no counterpart
    extra_core: tuple[str, ...]  # of those, the ones not in parentheses
    distinctive: bool  # a distinctive listed word matched (or the listed name has none)
    distinctive_complete: bool  # every distinctive listed word matched closely (STRONG_SIM)
    # unmatched supplier words that are themselves distinctive (not places)
    extra_distinctive: tuple[str, ...]
    numbers_agree: bool
    # of those, the ones that could name a company: not generic (activity, scope), not a city
    extra_identifying: tuple[str, ...] = ()
    # the listed name's identifying words, cities aside, are Korean words, all matched closely
    own_name_complete: bool = False
    # of the extra distinctive words, those that are not cities (a city says where a branch
    # or office is: "Shenyang Sobaeksu Trading")
    extra_not_city: tuple[str, ...] = ()
    # the listed name tells one company from others: it has a distinctive word (not generic),
    # a place or a number, or three words or more (SECOND ECONOMIC COMMITTEE); CHEMICAL GROUP,
    # SILVER TECHNOLOGY, TRANSPORTES LC are many companies' names
    identifying: bool = True
    # aligned words of two names in pinyin a syllable apart ("dongfang" ~ "dongfeng"): another
    # Chinese word or a typo, which a person tells apart (a review at most)
    other_syllable: tuple[Pair, ...] = ()
    # the listed name whole, its other words as listed, but its one identifying word a letter
    # apart ("Korea Kumsen Trading" for KOREA KUMSAN TRADING): a typo or another name, which a
    # person tells apart (a review at most)
    slip: tuple[Pair, ...] = ()

    @property
    def only_common_differ(self) -> bool:
        """Every distinctive listed word is there, closely; the names differ only in common
        words (no distinctive word added, no number different): worth a person's look whatever
        the score ("Rungrado Construction" for RUNGRADO TRADE COMPANY); a city added is a
        place, not a word of another name ("Shenyang Sobaeksu Trading")."""
        return self.distinctive_complete and not self.extra_not_city and self.numbers_agree


VOWEL = re.compile("[aeiouy]")


@lru_cache(maxsize=65536)  # the same words meet again and again in a vendor master
def final_ng_as_n(word: str) -> str | None:
    """A listed Korean word ending in a syllable with the final ng as Russian transcription writes
    it, with н (Рёнбон for Ryonbong, Туманган for Tumangang): the word without its final g; None
    for other words (and short ones: Kang is not Kan). Not after i: English -ing (shipping is
    not Shippin)."""
    if len(word) >= 6 and word.endswith("ng") and word[-3] in "aeouy":
        return word[:-1]
    return None


_VOWELS = str.maketrans("", "", "aeiouy")


def consonants(word: str) -> str:
    """The word without its vowels (y counted as one, as in yo, yu, ya)."""
    return word.translate(_VOWELS)


FINAL_N_NEAR = 0.75  # a word alike under the key to a listed word less its final g, this alike as written


def final_n_near(b: str, n: str, same_key: bool) -> bool:
    """Whether ``b``, alike under the key to ``n`` (a listed word without its final g), is it
    written with other vowels: the same consonants, and alike as written (keumgan, Кымган, for
    kumgan; not phaen for phyon, nor kengen for kyongyon)."""
    return (
        same_key
        and consonants(b) == consonants(n)
        and Indel.normalized_similarity(b, n) >= FINAL_N_NEAR - 1e-6
    )


def token_similarity(a: str, b: str, b_abbrev: bool = False, romanise: bool = True) -> tuple[float, str]:
    """Similarity of two words (0-100) and how they relate. ``romanise``: the listed word may
    be romanised from Korean or Chinese, so spellings equal under the romanisation key agree
    (otherwise only long, already similar words: see the module note)."""
    if a == b:
        return 100.0, "exact"
    short = min(len(a), len(b))
    if a.isdigit() or b.isdigit():
        return 0.0, ""
    # other names: the key is for transliteration (Pakifik ~ Pacific, Basich ~ Basij), and only
    # between longer words already alike in spelling, not Reed ~ RIIT or Khan ~ GAAN
    plain = None if romanise else Indel.normalized_similarity(a, b)
    use_key = plain is None or (short >= FOREIGN_KEY_MIN_LEN and plain >= FOREIGN_KEY_MIN_SIM)
    # the key is for words read aloud: between acronyms without a vowel only letter for letter
    # (ККБК is KKBC, ДКБ is DCB; CPC is not KKBC)
    use_key = use_key and (len(a) == len(b) or (VOWEL.search(a) is not None and VOWEL.search(b) is not None))
    ka, kb = (roman_key(a), roman_key(b)) if use_key else (a, b)
    if use_key and short >= 3 and ka == kb:
        # equal under the key; the closer spelling wins ties (Taeseong: Taesong over Daesong)
        return 94.0 + 4.0 * Indel.normalized_similarity(a, b), "romanisation"
    # (as written, or with other vowels, alike under the key: Кымган, keumgan, is Kumgang as
    # Russian writes 금강; not other consonants, Hexon for HESONG)
    n = final_ng_as_n(a) if romanise else None
    if n is not None and (b == n or (use_key and short >= 3 and final_n_near(b, n, kb == roman_key(n)))):
        return 94.0 + 4.0 * Indel.normalized_similarity(a, b), "final ng written n"
    if b_abbrev and len(b) >= 3 and a.startswith(b) and len(a) > len(b):
        return 92.0, "abbreviation"
    if short < 4:
        return 0.0, ""
    sim = (plain if plain is not None else Indel.normalized_similarity(a, b)) * 100
    # keys alike but for their first letter are other words, a syllable apart at the start
    # (kumgang, HAEGU'MGANG: keys gumgang, egumgang; hesong, DAESONG: esong, desong)
    ksim = (
        Indel.normalized_similarity(ka, kb) * 100 - KEY_PENALTY
        if use_key and min(len(ka), len(kb)) >= 4 and ka[0] == kb[0]
        else 0.0
    )
    if ksim > sim:
        return ksim, "romanisation"
    return sim, "spelling"


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """The syllables anyascii reads Chinese characters as (416: "xin", "hua", "dong" ...)."""
    return frozenset(anyascii(chr(c)).lower() for c in range(0x4E00, 0x9FA6))


@lru_cache(maxsize=1)
def _name_syllables() -> frozenset[str]:
    """Pinyin syllables as names use them: not a lone vowel (啊 a, 饿 e, 哦 o) nor a syllable
    without one (呣 m, 嗯 n, ng), which would read Korean as pinyin (taesong as "ta e song")."""
    return frozenset(x for x in pinyin_syllables() if len(x) > 1 and any(v in x for v in "aeiouv"))


@lru_cache(maxsize=65536)
def pinyin_split(word: str) -> tuple[str, ...] | None:
    """``word`` as the fewest pinyin syllables it is made of ("dongfang": dong fang), or None
    when it is not made of them ("ryonbong")."""
    syllables = _name_syllables()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in syllables:
                if best[end] is None or len(head) + 1 < len(best[end] or ()):
                    best[end] = (*head, word[start:end])
    return best[len(word)]


def other_chinese_word(listed: str, supplier: str) -> bool:
    """Two different words each written as pinyin syllables, as many in each ("dongfang" 东方
    and "dongfeng" 东风): two Chinese words, not one with a typo (in names written in pinyin:
    see :func:`in_pinyin`)."""
    a, b = pinyin_split(listed), pinyin_split(supplier)
    return a is not None and b is not None and len(a) == len(b) >= 2 and a != b


def in_pinyin(tokens: tuple[str, ...]) -> bool:
    """Whether a name is written in pinyin: two of its words or more are words of two pinyin
    syllables or more ("Shanghai Dongfeng Shipping"; not "Korean Tangun Trading", nor
    "Defense Engineering", English words that happen to read as pinyin)."""
    return sum(1 for t in tokens if len(pinyin_split(t) or ()) >= 2) >= 2


def written_in_chinese(name: NormName) -> bool:
    """Whether the name is written in Chinese characters read as Mandarin (not a North
    Korean name read in Korean: see :func:`screen.normalize.read_in_korean`)."""
    return has_han(name.original) and not any(has_hangul(b) for _, b in name.expansions)


def _spans(tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    n = len(tokens)
    return [(i, j) for i in range(n) for j in range(i + 1, min(n, i + MAX_SPAN) + 1)]


def compare(
    supplier: NormName,
    listed: NormName,
    weight: Callable[[str], float],
    min_similarity: float = 80.0,
    extra_cost: float = 0.35,
    romanise: bool = True,
    rarity: Callable[[str], float] | None = None,
) -> Comparison:
    """Align the words of ``listed`` with those of ``supplier`` and score the alignment.
    ``romanise``: the listed name is romanised from Korean or Chinese (see :func:`token_similarity`).
    ``rarity`` (default ``weight``): a word's weight from its rarity alone, without the cap on
    generic words (:meth:`TokenWeights.rarity`). ``weight`` gives what listed words are worth;
    ``rarity`` what an extra supplier word costs, and which words can anchor a match (a rare
    word on the lists, generic or not, matched closely says the two names are not common words
    alike); only the words ``weight`` finds distinctive (not generic) can identify an entity on
    their own (``only_common_differ``)."""
    rare = rarity or weight
    lt, st = listed.tokens, supplier.tokens
    if not lt or not st:
        return Comparison(0.0, (), lt, st, st, False, False, (), True)
    places = place_words()
    localities = locality_words()
    lw = [weight(t) for t in lt]
    lrare = [rare(t) for t in lt]
    # what a missing listed word costs: a place word ("Korea") a quarter of its weight
    lcost = [w * (QUALIFIER_COST if t in places else 1.0) for t, w in zip(lt, lw, strict=True)]
    sw = [
        0.0 if q and t in BRANCH_WORDS else rare(t) * (QUALIFIER_COST if q or t in places else 1.0)
        for t, q in zip(st, supplier.qualifier, strict=True)
    ]
    # a name written in Chinese characters (and read as Mandarin): its syllables match a
    # listed word only exactly or under the romanisation key, never as a near spelling
    han = written_in_chinese(supplier)
    pinyin = pinyin_syllables() if han else frozenset()
    # candidate alignments between spans of the two names (one side a single word)
    cands: list[tuple[float, float, tuple[int, int], tuple[int, int], Pair]] = []
    for (li, lj), (si, sj) in product(_spans(lt), _spans(st)):
        if lj - li > 1 and sj - si > 1:
            continue
        a = "".join(lt[li:lj])
        b = "".join(st[si:sj])
        abbrev = sj - si == 1 and lj - li == 1 and supplier.abbreviated[si]
        sim, kind = token_similarity(a, b, abbrev, romanise)
        if sim < min_similarity:
            continue
        if (
            romanise
            and kind == "romanisation"
            and lj - li == 1
            and sj - si == 1
            and a.count("f") != b.count("f")
            and pinyin_split(b) is not None
        ):
            continue  # pinyin writes f where Korean has none: dongfang is not 동방 DONGBANG
        if han and all(st[k] in pinyin for k in range(si, sj)):
            if kind == "spelling":
                continue  # Chinese characters have no typos: 新华 xin hua is not 兴华 XINGHUA
            if kind == "romanisation" and a.count("f") != b.count("f"):
                # every romanisation of Chinese writes f as f: 东方 dong fang is not DONGBANG
                # (Korean for the same word, but read in Korean only in a North Korean name)
                continue
        if lj - li > 1 or sj - si > 1:
            # words written apart on one side and together on the other must agree closely
            if len(a) < 5 or sim < JOINED_MIN:
                continue
            kind = "joined" if kind == "exact" else kind
        gain = sum(lcost[li:lj]) * sim / 100
        cands.append(
            (gain, sim, (li, lj), (si, sj), Pair(" ".join(lt[li:lj]), " ".join(st[si:sj]), sim, kind))
        )
    # closest pairs first (an exact word beats a joined approximation), then the weightier
    cands.sort(key=lambda c: (-round(c[1]), (c[2][1] - c[2][0]) + (c[3][1] - c[3][0]), -c[0]))
    used_l: set[int] = set()
    used_s: set[int] = set()
    pairs: list[Pair] = []
    spans: list[tuple[int, int]] = []
    matched = 0.0
    distinctive_hit = False
    for gain, sim, (li, lj), (si, sj), pair in cands:
        lr, sr = set(range(li, lj)), set(range(si, sj))
        if lr & used_l or sr & used_s:
            continue
        used_l |= lr
        used_s |= sr
        pairs.append(pair)
        spans.append((li, lj))
        matched += gain
        if sim >= 85 and any(lrare[k] >= DISTINCTIVE for k in lr):
            distinctive_hit = True
        elif sim >= 85 and lj - li == 1 and sj - si > 1 and len(lt[li]) >= 6:
            distinctive_hit = True
    total_l = sum(lcost)
    coverage = matched / total_l if total_l else 0.0
    missing = tuple(lt[k] for k in range(len(lt)) if k not in used_l)
    extra_idx = [k for k in range(len(st)) if k not in used_s]
    extra = tuple(st[k] for k in extra_idx)
    total_s = sum(sw)
    extra_w = sum(sw[k] for k in extra_idx)
    extra_ratio = extra_w / total_s if total_s else 0.0
    score = 100.0 * coverage * (1.0 - extra_cost * extra_ratio)
    has_distinctive = any(w >= DISTINCTIVE for w in lrare)
    extra_distinctive = tuple(
        st[k]
        for k in extra_idx
        if not supplier.qualifier[k] and st[k] not in places and rare(st[k]) >= DISTINCTIVE
    )
    if not has_distinctive:
        # a name made only of common words matches only in full, with nothing distinctive added
        distinctive_hit = not missing and all(p.similarity >= 85 for p in pairs) and not extra_distinctive
    # words of one or two letters identify nothing on their own ("MP Electronics" is not MP
    # LLC, nor "No 39" OFFICE NO. 39): one of three letters or more must match too, unless
    # the two names are the same words
    distinctive_hit = distinctive_hit and (
        any(len(p.supplier.replace(" ", "")) >= 3 for p in pairs) or not (missing or extra)
    )
    numbers_agree = listed.numbers == frozenset(
        t for t, q in zip(st, supplier.qualifier, strict=True) if t.isdigit() and not q
    )
    # a supplier word inside the matched run breaks the listed name apart
    # ("Far Eastern International Bank" is not "Far Eastern Bank")
    if used_s:
        lo, hi = min(used_s), max(used_s)
        gaps = sum(1 for k in range(lo, hi) if k not in used_s and not supplier.qualifier[k])
        score *= 1.0 - INSERTION_COST * gaps
    strong = {
        k
        for p, (li, lj) in zip(pairs, spans, strict=True)
        for k in range(li, lj)
        if p.similarity >= (STRONG_SIM_KOREAN if looks_korean(lt[k]) else STRONG_SIM)
    }

    def present(idx: list[int], ok: Callable[[int], bool]) -> bool:
        # every word of ``idx`` there, closely; short words collide by chance ("Mega"): together
        # they must be long enough to identify
        return (
            all(k in strong and ok(k) for k in idx) and sum(len(lt[k]) for k in idx) >= COMPLETE_MIN_LETTERS
        )

    # (not a place: "Korean" alone does not identify KOREAN MINING AND INDUSTRIAL DEVELOPMENT)
    distinctive_idx = [k for k, w in enumerate(lw) if w >= DISTINCTIVE and lt[k] not in places]
    complete = present(distinctive_idx, lambda k: True)
    # the name a North Korean company trades under: its identifying words, cities aside, all
    # rare Korean words (see screen.matching.entities.own_words_match)
    own_idx = [k for k in distinctive_idx if lt[k] not in localities]
    own_name = present(own_idx, lambda k: korean_name_word(lt[k], lrare[k]))
    slip: tuple[Pair, ...] = ()
    if not distinctive_hit and not missing and not extra_distinctive and numbers_agree:
        slip = _slip(lt, lrare, pairs, spans)
        distinctive_hit = bool(slip)
    if not distinctive_hit:
        score = min(score, 60.0)
    # a listed name of one generic word (a trade: TIMBER CORPORATION) is that name only alone:
    # "Modern Timber", "United Timber", "Timber Trading" are other companies (places and words
    # in parentheses aside); not a name the lists make common by listing it often (SBERBANK)
    if (
        len(lt) == 1
        and weight(lt[0]) < lrare[0]  # a generic word the lists seldom use: capped
        and any(not supplier.qualifier[k] and st[k] not in places for k in extra_idx)
    ):
        score = min(score, 60.0)
    if not numbers_agree:
        score *= 0.6
    # in two names written in pinyin, words a syllable apart may be other words (东方 dongfang
    # is not 东风 DONGFENG) or a typo (Shanhai for Shanghai): see adjust()
    other_syllable = tuple(
        p
        for p in pairs
        if romanise
        and p.kind == "spelling"
        and p.listed not in localities
        and other_chinese_word(p.listed, p.supplier)
    )
    if other_syllable and not (in_pinyin(lt) and in_pinyin(st)):
        other_syllable = ()
    return Comparison(
        slip=slip,
        other_syllable=other_syllable,
        score=round(max(0.0, min(100.0, score)), 1),
        pairs=tuple(pairs),
        missing=missing,
        extra=extra,
        extra_core=tuple(st[k] for k in extra_idx if not supplier.qualifier[k]),
        distinctive=distinctive_hit,
        distinctive_complete=complete and distinctive_hit,
        extra_distinctive=extra_distinctive,
        numbers_agree=numbers_agree,
        extra_identifying=tuple(
            t for t in extra_distinctive if weight(t) >= DISTINCTIVE and t not in localities
        ),
        extra_not_city=tuple(t for t in extra_distinctive if t not in localities),
        own_name_complete=own_name and distinctive_hit,
        identifying=len(lt) > 2 or bool(distinctive_idx) or any(t in places or t.isdigit() for t in lt),
    )


SLIP_MIN_LETTERS = 5  # an identifying word this long may be matched a letter apart (see _slip)
SLIP_CONTEXT = 1  # ... with at least this many other words of the listed name, all as listed
# (one, not two: of 54 single typos in the identifying word of 18 listed names, 6 more are found,
# and no supplier of the 100k bench file is flagged otherwise, against either set of lists)


def _slip(
    lt: Sequence[str], lrare: Sequence[float], pairs: Sequence[Pair], spans: Sequence[tuple[int, int]]
) -> tuple[Pair, ...]:
    """The pair of a listed name's one distinctive word matched a letter apart (one letter
    changed, left out, added, or two swapped: similarity 80 or more, below the 85 that counts
    as present), when every other listed word, at least SLIP_CONTEXT of them, is matched as
    listed: "Korea Kumsen Trading" for KOREA KUMSAN TRADING, "Heosng Trading Corporation" for
    HESONG TRADING CORPORATION; else none. The score stays below a hit: a person tells a typo
    from another company."""
    sims = {k: (p.similarity, p) for p, (li, lj) in zip(pairs, spans, strict=True) for k in range(li, lj)}
    dist = [k for k in range(len(lt)) if lrare[k] >= DISTINCTIVE]
    if len(dist) != 1 or len(lt) - 1 < SLIP_CONTEXT or len(lt[dist[0]]) < SLIP_MIN_LETTERS:
        return ()
    sim, pair = sims.get(dist[0], (0.0, None))
    if pair is None or sim < SLIP_SIM - 1e-9 or pair.listed != lt[dist[0]] or " " in pair.supplier:
        return ()
    if OSA.distance(pair.listed, pair.supplier, score_cutoff=1) > 1:  # (80 is also two letters of ten)
        return ()
    if not all(sims.get(k, (0.0, None))[0] >= STRONG_SIM for k in range(len(lt)) if k != dist[0]):
        return ()
    return (pair,)
