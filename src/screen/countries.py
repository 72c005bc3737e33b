"""Country resolution: a supplier's country cell to an ISO 3166-1 code, with the reason.

Order of attempts (rigour's lookup order), each explained in ``CountryResult.method``:

1. a code as the whole cell: ISO alpha-2 and numeric (only as the whole cell, and "na"/"no" in
   lower case are read as placeholders, while "NA" is Namibia), alpha-3, IOC;
2. an exact alias after folding (case, accents, spaces and punctuation ignored): ISO names,
   translations, list spellings (OFAC "Korea, North", World Bank "Korea, Rep."), abbreviations,
   cities; a bare "Korea" is ``ambiguous`` with candidates KP and KR;
3. an address: the cell split at commas, slashes and brackets, then word runs ("Moscow,
   Russia", "Pyongyang", "Seoul, Korea" → KR: the city settles an ambiguous country);
4. a guarded typo-tolerant match ("Rusia" ~ "Russia"): at least 4 letters, at most one edit
   (two from 8 letters), the same first letter, one country clearly closest, and never to or
   from either Korea, except a cell of just a direction and Korea each a letter off ("Noth
   Korea": "north" and "south" differ in four letters of five).

Regions ("Sakhalin", "Inner Mongolia") are aliases of their country, ranked as cities are.
An empty or either/or country cell is settled by the city/address cell when that names one
country other than North Korea (:meth:`CountryIndex.settle`).

Text naming no country ("TBD", "EMEA", "Various") is ``unknown``; an empty cell ``missing``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from screen.country_tables import Alias, CountryTables, load_tables
from screen.keyfold import compact, fold
from screen.model import OTHER_COUNTRIES, CountryFactor, CountryResult
from screen.north_places import SUFFIX, city_in_place, name_in_place, unspaced_place

log = logging.getLogger(__name__)

__all__ = ["CountryIndex", "resolve_countries"]

_CODE_IN_LIST = re.compile(r"[A-Z]{2,3}")
_OTHER_MAX = 60  # longer cells of another country column are remarks, not countries
_SPLIT = re.compile(r"[,;/|()\[\]{}\n\t·、，；：（）]+|\s[-–—:]\s")
_LIST = re.compile(r"[/;|&+]")
_CITY_SUFFIX = re.compile(r"(?:特别市|特別市|直辖市|直轄市|市|특별자치시|특별시|광역시|직할시|시)$")
# the parts of a cell that lists countries: as addresses split, and at "and" in a few languages
_CONJUNCTS = re.compile(
    _SPLIT.pattern + r"|[&+]|\s(?:and|und|et|y|e|и|та|and/or)\s|[和及与與및]", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+")
NORTH_KOREA = "KP"
SOUTH_KOREA = "KR"
PLACES = frozenset({"city", "region"})  # aliases that name a place in a country, not the country
# scripts from Hebrew to Khmer and Mongolian (Arabic, Indic, Thai, Georgian...): always resolved
_OTHER_SCRIPTS = re.compile("[\u0590-\u18af]")
_KOREAN = re.compile(r"[kc][oó]r[eé]|кор[еe]|солонгос|كوري|[朝韩韓한조]|コリア")
_KIND_LABEL = {
    "iso_name": "ISO name",
    "iso_official": "ISO official name",
    "iso_common": "ISO common name",
    "list_spelling": "list spelling",
    "abbreviation": "abbreviation",
    "common": "common name",
    "local": "local name",
    "translation": "translation",
    "city": "city",
    "region": "region",
    "name": "name",
    "variant": "spelling variant",
    "native": "local name",
    "romanised": "romanised name",
    "ambiguous": "ambiguous name",
}
_MAX_WINDOW = 5
# codes that are also common words: read as codes only when written in capitals ("NO", "CAN")
_WORDS = frozenset(
    "ad am as at be by do go id in is it la ma me mo my na no pa pe so to tv "
    "ago and are arm ben bra can cod col cub dom est fin fro gab gin gum hun ind ken lie mac mar nor pan per "
    "pry sur ton tun vat".split()
)


def _label(a: Alias) -> str:
    label = _KIND_LABEL.get(a.kind, a.kind)
    return (
        f"{label}, {a.lang}"
        if a.lang and a.kind in ("translation", "local", "native", "romanised")
        else label
    )


class CountryIndex:
    """The loaded country tables with a cached ``resolve``."""

    def __init__(self, tables: CountryTables) -> None:
        self._t = tables
        self._cache: dict[str, CountryResult] = {}
        self._fuzzy_keys = [
            k for k, a in tables.aliases.items() if len(k) >= 4 and len(a.codes) == 1 and a.kind != "region"
        ]
        # a quick test of in_north_korea: the keys of North Korea's names and cities, and the
        # words of them that no other country's names use but South Korea's (not "of",
        # "city", "democratic"; words of three letters or more)
        north = [(k, a) for k, a in tables.aliases.items() if NORTH_KOREA in a.codes]
        others = {
            w
            for a in tables.aliases.values()
            if not set(a.codes) <= {NORTH_KOREA, "KR"}
            for w in _WORD.findall(fold(a.text))
        }
        self._north_words = frozenset(
            {k for k, _ in north}
            | {
                w
                for _, a in north
                for w in _WORD.findall(fold(a.text))
                if w not in others and (len(w) >= 3 or not w.isascii())
            }
        )
        self._north_keys = frozenset(k for k, _ in north)
        # ... the names only North Korea has, as keys (not "Korea", "Korean")
        self._north_only_keys = frozenset(k for k, a in north if a.codes == (NORTH_KOREA,))

    @classmethod
    def load(cls, folder: Path) -> CountryIndex:
        """Load ``countries.csv``, the alias files and ``country_risk.csv`` from ``folder``."""
        return cls(load_tables(Path(folder)))

    def name(self, code: str) -> str:
        """Short English name of an ISO alpha-2 code (the code itself when unknown)."""
        return self._t.names.get(code.upper(), code)

    def factors(self, code: str) -> tuple[CountryFactor, ...]:
        """Risk factors of a country (reference/country_risk.csv), empty when none."""
        return self._t.factors.get(code.upper(), ())

    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Every alias spelling with the codes it names (for tests and review)."""
        return {a.text: a.codes for a in self._t.aliases.values()}

    def in_north_korea(self, text: str) -> CountryResult | None:
        """``text`` (a city or address) resolved, when it places the supplier in North Korea
        (cached; texts with no word of a North Korean name or city are passed over at once).
        Not when the place is named as part of something else (:mod:`screen.north_places`):
        "Pyongyang Restaurant, Monivong Blvd", "Nampo Dong", 평양면옥."""
        if not self.may_name_north_korea(text):
            return None
        r = self.resolve(text)
        if r.code != NORTH_KOREA or not name_in_place(compact(text), True):
            return None
        return r

    def may_name_north_korea(self, text: str) -> bool:
        """The quick test of :meth:`in_north_korea`: ``text`` has a word of a name or city of
        North Korea (or two that are one: "Pyong Yang"), or one in Hangul or Chinese characters."""
        words = _WORD.findall(fold(text))
        return (
            compact(text) in self._north_keys  # "D.P.R.K."
            or bool(_OTHER_SCRIPTS.search(text))  # whose words the pattern splits at vowel signs
            or not self._north_words.isdisjoint(words)
            or not self._north_words.isdisjoint(a + b for a, b in zip(words, words[1:], strict=False))
            or (not text.isascii() and bool(unspaced_place(text)))
        )

    def settle(self, r: CountryResult, place: str) -> CountryResult:
        """``r`` (an empty or ambiguous country cell) settled by the supplier's city/address
        ``place`` when that names one country, not North Korea (else ``r``)."""
        if r.status == "missing":
            p = self.resolve(place)
            if (
                p.status == "ambiguous"
                and set(p.candidates) == {NORTH_KOREA, SOUTH_KOREA}
                and self._whole(" ".join(place.split()), whole_cell=True) is not None
            ):
                # the place is a Korean region or "Korea" itself (Kangwon): North or South, to
                # ask, as the same word in the country cell is
                method = f"the country cell is empty; the city/address '{place}': {p.method}"
                return replace(p, input=r.input, method=method, place=place)
            if p.status != "resolved" or p.code == NORTH_KOREA:
                return r
            method = f"the country cell is empty; read from the city/address '{place}': {p.method}"
            return replace(p, input=r.input, method=method, place=place)
        both = self.resolve(f"{place}, {r.input}")  # as one address: "Seoul, Korea"
        if both.status != "resolved" or both.code == NORTH_KOREA or both.code not in r.candidates:
            return r
        method = f"'{r.input}' settled by the city/address '{place}': {both.method}"
        return replace(both, input=r.input, method=method, place=place)

    def named(self, text: str) -> str | None:
        """The country ``text`` is the name of, exactly (a name or alias, not a code): "China",
        "the Russian Federation"; else None (also where it could be several)."""
        t = " ".join(str(text).split())
        t = t[4:] if t.casefold().startswith("the ") else t
        alias = self._t.aliases.get(compact(t)) if len(t) > 3 else None
        return alias.codes[0] if alias is not None and len(alias.codes) == 1 else None

    def resolve(self, text: str) -> CountryResult:
        """Resolve one country cell (cached per distinct text)."""
        if text in self._cache:
            return self._cache[text]
        result = self._resolve(text)
        if len(self._cache) < 100_000:
            self._cache[text] = result
        return result

    # -- the attempts, in order -------------------------------------------------------------

    def _resolve(self, text: str) -> CountryResult:
        t = " ".join(str(text).split())
        if not t:
            return CountryResult(input=text, code=None, status="missing", method="empty cell")
        whole = self._whole(t, whole_cell=True)
        if whole is not None:
            return self._result(text, *whole)
        key = compact(t)
        if key in self._t.placeholders:
            return CountryResult(input=text, code=None, status="unknown", method=f"'{t}' names no country")
        korea = _korea_typo(t)
        if korea is not None:
            return self._result(text, *korea)
        listed = self._north_korea_in_list(t)
        if listed is not None:
            return self._result(text, *listed)
        found = self._address(t)
        if found is not None:
            return self._result(text, *found)
        place = "" if t.isascii() else unspaced_place(t)
        if place:
            return self._result(text, (NORTH_KOREA,), f"'{place}' in '{t}' is a place only North Korea has")
        fuzzy = self._fuzzy(t, key)
        if fuzzy is not None:
            return self._result(text, *fuzzy)
        return CountryResult(
            input=text, code=None, status="unknown", method=f"no country recognised in '{t}'"
        )

    def _result(self, text: str, codes: tuple[str, ...], method: str) -> CountryResult:
        if len(codes) == 1:
            code = codes[0]
            return CountryResult(
                input=text,
                code=code,
                status="resolved",
                name=self.name(code),
                method=method,
                factors=self.factors(code),
            )
        out = CountryResult(input=text, code=None, status="ambiguous", method=method, candidates=codes)
        if out.north_korea_among_others:  # (North Korea's factors: the assessment cites them)
            out = replace(out, factors=self.factors(NORTH_KOREA))
        return out

    def _code(self, t: str, whole_cell: bool) -> tuple[tuple[str, ...], str] | None:
        """A country code as the whole cell (or, for three letters/digits, a whole address part)."""
        if not (t.isascii() and t.isalnum() and 2 <= len(t) <= 3):
            return None
        if (len(t) == 2 or t.isdigit()) and not whole_cell:
            return None  # in an address, a number is a house or suite ("408, MG Road, Bangalore")
        if t.isalpha() and not t.isupper() and (t.lower() in _WORDS or compact(t) in self._t.placeholders):
            return (
                None  # "na", "no", "can", "and": words or placeholders, not Namibia, Norway, Canada, Andorra
            )
        hit = self._t.codes.get(t.upper())
        if hit is None or (t.isdigit() and len(t) != 3):
            return None
        return (hit[0],), f"{hit[1]} '{t}'"

    def _whole(self, t: str, whole_cell: bool) -> tuple[tuple[str, ...], str] | None:
        """A code or an exact alias for the whole text."""
        coded = self._code(t, whole_cell)
        if coded is not None:
            return coded
        alias = self._t.aliases.get(compact(t))
        if alias is None and (bare := _CITY_SUFFIX.sub("", t)) != t and len(bare) >= 2:
            # a city with the word for city after it, as Chinese and Korean write it (沈阳市,
            # 서울특별시): the city
            alias = self._t.aliases.get(compact(bare))
            if alias is None or alias.kind not in PLACES:
                return None
        if alias is None:
            return None
        if len(alias.codes) > 1:
            names = " or ".join(f"{self.name(c)} ({c})" for c in alias.codes)
            return alias.codes, f"'{t}' could mean {names}"
        return alias.codes, _describe(alias, t, self.name(alias.codes[0]))

    def _north_korea_in_list(self, t: str) -> tuple[tuple[str, ...], str] | None:
        """North Korea named as a country in a cell that names others, whatever the order and
        the separator ("North Korea, Russia", "DPRK and China", "Korea, North; Russia"): the
        supplier is there at least in part, as with "China & North Korea" (the address
        reading takes the last part of "Moscow, Russia" and would drop it); None otherwise."""
        parts = [p.strip() for p in _CONJUNCTS.split(t) if p and p.strip()]
        if len(parts) < 2:
            return None
        named: dict[str, str] = {}
        i = 0
        while i < len(parts):
            # (a list spelling over its commas: "Korea, North")
            for n in range(min(3, len(parts) - i), 0, -1):
                seg = ", ".join(parts[i : i + n])
                code = self._country_named(seg)
                if code is not None:
                    named.setdefault(code, seg)
                    i += n
                    break
            else:
                i += 1
        if NORTH_KOREA not in named or len(named) < 2:
            return None
        return tuple(sorted(named)), f"'{t}' names several countries: " + ", ".join(
            f"'{s}' ({c})" for c, s in sorted(named.items())
        )

    def _country_named(self, seg: str) -> str | None:
        """The one country ``seg`` names as a country (an alias not of a city or region, or a
        code of three letters or digits), else None."""
        alias = self._t.aliases.get(compact(seg))
        if alias is not None:
            return alias.codes[0] if alias.kind not in PLACES and len(alias.codes) == 1 else None
        coded = self._code(seg, whole_cell=False)
        return coded[0][0] if coded else None

    def _address(self, t: str) -> tuple[tuple[str, ...], str] | None:
        """Countries named inside an address or a longer text, the last part counting most."""
        parts = [p.strip() for p in _SPLIT.split(t) if p and p.strip()]
        for n in (3, 2):  # a list spelling split at its commas: "Chung-guyok, Korea, North"
            if len(parts) > n and compact(", ".join(parts[-n:])) in self._t.aliases:
                parts = [*parts[:-n], ", ".join(parts[-n:])]
                break
        found: list[tuple[int, Alias, str]] = []  # (rank, alias, text): 0 part, 1 words in a part
        # a list of codes ("CN/KP", "KP; CN", "CN, KP, RU"): codes, as a cell of one code is
        codes_only = len(parts) > 1 and all(_CODE_IN_LIST.fullmatch(p) for p in parts)
        if codes_only:
            coded = [self._whole(p, whole_cell=True) for p in parts]
            if all(c is not None and len(c[0]) == 1 for c in coded):
                found = [(0, Alias(p, c[0], "code"), p) for p, c in zip(parts, coded, strict=True) if c]
        for part in parts if not found else ():
            if len(parts) > 1:
                hit = self._whole(part, whole_cell=False)
                if hit is not None and hit[0] == (NORTH_KOREA,) and not name_in_place(compact(part), True):
                    hit = None  # "Bukhan, Seoul": a river by Seoul
                if hit is not None:
                    alias = self._t.aliases.get(compact(part)) or Alias(part, hit[0], "code")
                    found.append((0, alias, part))
                    continue
            found.extend((1, a, s) for a, s in self._windows(part))
        if not found:
            return None
        last = found[-1]
        # "Tbilisi, Georgia" is an address; "Russia / Kazakhstan" and "CN, KP, RU" lists
        address = not _LIST.search(t) and not codes_only
        if (
            address
            and last[0] == 0
            and len(last[1].codes) == 1
            and last[1].kind not in PLACES
            and last[2] == parts[-1]
        ):
            return last[1].codes, f"'{last[2]}' in '{t}': {_describe(last[1], last[2])}"
        for rank in (0, 1):
            named = {
                a.codes[0]: (a, s)
                for r, a, s in found
                if r == rank and len(a.codes) == 1 and a.kind not in PLACES
            }
            if len(named) == 1:
                a, s = next(iter(named.values()))
                return a.codes, f"'{s}' in '{t}': {_describe(a, s)}"
            if len(named) > 1:
                return tuple(sorted(named)), f"'{t}' names several countries: " + ", ".join(
                    f"'{s}' ({c})" for c, (_a, s) in sorted(named.items())
                )
        places = {a.codes[0]: (s, a.kind) for _r, a, s in found if a.kind in PLACES and len(a.codes) == 1}
        cities = {code: s for code, (s, _kind) in places.items()}
        unclear = [(a, s) for _r, a, s in found if len(a.codes) > 1]
        if unclear:
            cand = set(unclear[0][0].codes)
            narrowed = sorted(cand & set(cities))
            if len(narrowed) == 1:
                code = narrowed[0]
                return (
                    code,
                ), f"'{unclear[0][1]}' narrowed to {self.name(code)} by city '{cities[code]}' in '{t}'"
            return unclear[0][0].codes, f"'{unclear[0][1]}' in '{t}' could mean " + " or ".join(
                f"{self.name(c)} ({c})" for c in unclear[0][0].codes
            )
        if len(cities) == 1:
            code, (s, kind) = next(iter(places.items()))
            return (code,), f"{kind} '{s}' in '{t}' is in {self.name(code)}"
        return None

    def _windows(self, part: str) -> list[tuple[Alias, str]]:
        """Aliases formed by runs of up to five words of ``part``, longest first."""
        tokens = SUFFIX.sub(" ", part).split()
        out: list[tuple[Alias, str]] = []
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + _MAX_WINDOW), i, -1):
                phrase = " ".join(tokens[i:j])
                key = compact(phrase)
                alias = self._t.aliases.get(key)
                if (
                    alias is not None
                    and alias.codes == (NORTH_KOREA,)
                    and not self._north_here(key, tokens[:i], tokens[j:])
                ):
                    continue
                if alias is not None and (len(key) >= 4 or not key.isascii()):
                    out.append((alias, phrase))
                    i = j
                    break
            else:
                i += 1
        return out

    def _north_here(self, key: str, before: list[str], rest: list[str]) -> bool:
        """Whether a North Korean name or city among the words of an address part says where
        the supplier is, not the name of something else (:mod:`screen.north_places`)."""
        if not name_in_place(key, not before and not rest):
            return False
        return city_in_place(rest, self._north_only_keys)  # (not "North Korea Street")

    def _fuzzy(self, t: str, key: str) -> tuple[tuple[str, ...], str] | None:
        """A guarded typo-tolerant match of the whole cell; never involves North or South Korea."""
        if len(key) < 4 or key.isdigit() or _KOREAN.search(fold(t)):
            return None
        limit = 1 if len(key) < 8 else 2
        hits = process.extract(key, self._fuzzy_keys, scorer=OSA.distance, score_cutoff=limit, limit=50)
        if not hits:
            return None
        by_code: dict[str, tuple[int, str]] = {}
        for cand, dist, _i in hits:
            if cand[0] != key[0]:
                continue  # typos seldom hit the first letter; names that differ there are other places (Siberia, Liberia)
            code = self._t.aliases[cand].codes[0]
            if code not in by_code or dist < by_code[code][0]:
                by_code[code] = (int(dist), cand)
        if not by_code:
            return None
        ranked = sorted(by_code.items(), key=lambda kv: kv[1][0])
        code, (dist, cand) = ranked[0]
        if code in ("KP", "KR") or (len(ranked) > 1 and ranked[1][1][0] <= dist):
            return None
        alias = self._t.aliases[cand]
        score = round(fuzz.ratio(key, cand))
        log.info("typo-tolerant country match %r ~ %r (%s, score %d)", t, alias.text, code, score)
        return (code,), f"typo-tolerant match '{t}' ~ '{alias.text}' (score {score})"


_KOREAS = {"north": ("KP", "North Korea"), "south": ("KR", "South Korea")}


def _korea_typo(t: str) -> tuple[tuple[str, ...], str] | None:
    """ "Noth Korea", "North Koera", "Sout Korean": a cell of just a direction and Korea, each
    at most one letter off (and right in its first letter), names that Korea. The direction
    words differ in four letters of five, so a typo of one is never the other."""
    words = _WORD.findall(fold(t))
    if len(words) != 2:
        return None
    for direction, korea in (words, words[::-1]):
        if (
            korea[:1] not in ("k", "c")
            or min(OSA.distance(korea[1:], "orea"), OSA.distance(korea[1:], "orean")) > 1
        ):
            continue
        for word, (code, name) in _KOREAS.items():
            if direction[:1] == word[0] and len(direction) >= 4 and OSA.distance(direction, word) <= 1:
                return (code,), f"typo-tolerant match '{t}' ~ '{name}'"
    return None


def _describe(alias: Alias, text: str, country: str = "") -> str:
    if alias.kind == "code":
        return "country code"
    if alias.kind in PLACES:
        return f"{alias.kind} '{text}' ({country})" if country else f"{alias.kind} '{text}'"
    return f"alias '{text}' ({_label(alias)})"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value)


def resolve_countries(df: pd.DataFrame, countries: CountryIndex) -> pd.DataFrame:
    """Pure: a copy of ``df`` with ``country_result`` (a CountryResult per row) from ``country``,
    and ``address_result``: where the city/address cell places the supplier in North Korea
    though the country cell is empty or names another country ("China" and "Pyongyang"),
    what it says (else None)."""
    out = df.copy()
    n = len(out)
    values = [_cell(v) for v in out["country"].tolist()] if "country" in out.columns else [""] * n
    cities = [_cell(v) for v in out["city"].tolist()] if "city" in out.columns else [""] * n
    results = {v: countries.resolve(v) for v in set(values)}
    found = [results[v] for v in values]
    # an empty or either/or country cell ("Korea", "Congo") and a city/address that settles it
    # ("Vladivostok"; "Seoul" for "Korea"): the country of the place, said so. Not North Korea:
    # that is the address check below, which weighs what the country cell says
    settled: dict[tuple[str, str], CountryResult] = {}
    for i, (v, city, r) in enumerate(zip(values, cities, found, strict=True)):
        if not city or city == v or r.status not in ("missing", "ambiguous") or r.north_korea_among_others:
            continue
        if (v, city) not in settled:
            settled[(v, city)] = countries.settle(r, city)
        found[i] = settled[(v, city)]
    north: dict[str, CountryResult | None] = {}
    addresses: list[CountryResult | None] = []
    for v, city, r in zip(values, cities, found, strict=True):
        if not city or city == v or r.code == NORTH_KOREA:
            addresses.append(None)
            continue
        if city not in north:
            north[city] = countries.in_north_korea(city)
        addresses.append(north[city])
    if OTHER_COUNTRIES in out.columns:
        # another country column ("Country of Origin", "Factory Country") naming North Korea
        # while the supplier's does not: said as an address in North Korea is
        other: dict[tuple[str, str], CountryResult | None] = {}
        for i, (cells, r) in enumerate(zip(out[OTHER_COUNTRIES].tolist(), found, strict=True)):
            if addresses[i] is not None or r.code == NORTH_KOREA or not isinstance(cells, tuple):
                continue
            for header, text in cells:
                if len(text) > _OTHER_MAX:
                    continue  # a sentence, not a country
                if (header, text) not in other:
                    res = countries.resolve(text)
                    other[(header, text)] = (
                        replace(res, code=NORTH_KOREA, name=res.name or "North Korea", column=header)
                        if res.code == NORTH_KOREA or res.north_korea_among_others
                        else None
                    )
                if other[(header, text)] is not None:
                    addresses[i] = other[(header, text)]
                    break
    out["country_result"] = pd.Series(found, index=out.index, dtype=object)
    out["address_result"] = pd.Series(addresses, index=out.index, dtype=object)
    return out
