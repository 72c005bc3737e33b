"""Supplier names that refer to North Korea: its name or one of its cities in the name.

Sanctions screening checks names for references to an embargoed country as well as against
the lists: a "Pyongyang Restaurant" in Phnom Penh, a "Ресторан «Пхеньян»" in Vladivostok, a
"DPRK Trading LLC" are on no list, yet North Korean state companies abroad trade under such
names. The terms are North Korea's names and cities from the country tables
(``reference/countries.csv``, ``country_aliases*.csv``, every row with its source) and a few
spellings seen in supplier names (``EXTRA``; and the beginnings of words, ``STEMS``, for
adjectives in inflected languages: Пхеньянский, Северокорейская, nordkoreanisch), compared
as the matcher compares names
(:func:`screen.normalize.normalize_name`: "P'yongyang", "Пхеньян", "평양" and "Pyongyang" each
a sequence of words); in Chinese characters, only names no other place or word has
(``HAN``: 平壤, 新义州, 北朝鲜; not 朝鲜 alone, which is also the Korean minority, ginseng and
the artichoke, nor 罗先 and 罗津, which are also names of people surnamed Luo).

Left out, as they name other things as often in company names (``EXCLUDED``, compared on
the normalised words): a bare "Korea" or "North" (the tables' ``ambiguous`` rows); "Korea
North" and "N Korea" ("Korea North America Inc", "E&N Korea"); Triều Tiên (also the
Vietnamese name Triệu Tiến); Choson (the dynasty); Rajin (a given name in South Asia); Nampo
and Kaesong (a district of Busan; the industrial zone of South Korean firms); Sinpo; cities
whose names are also Korean given names or restaurant brands (Haeju, Hyesan, Chongjin,
Hamhung, Sariwon); in Hangul 조선 (shipbuilding, the dynasty), 북한 (북한산, a mountain; 북한강, a
river) and common words (원산 "origin", 개성 "character", 남포). A supplier in South Korea is not
checked: its Pyongyang and Hamhung are dishes (평양냉면).

The default policy makes such a supplier ``medium`` (a person should look; see
``policy.name_reference_risk``). Reviewers decide on it as on a match: its row on the
Matches sheet (and on the Flagged sheet when the supplier has no match) carries the key
``name:KP``; a false positive clears it, a true match makes the supplier high.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from screen.country_tables import ALIAS_FILES
from screen.keyfold import compact
from screen.model import CountryResult, NameRef
from screen.normalize import has_han, has_hangul, normalize_name

CODE = "KP"
# the kinds of alias row that name the country (not "ambiguous", "code", "not_a_country")
KINDS = frozenset({"iso_name", "list_spelling", "abbreviation", "local", "romanised", "translation", "city"})
# terms left out, as normalised words (every spelling that reads alike)
EXCLUDED = frozenset(
    normalize_name(t).tokens
    for t in (
        "N Korea",
        "Korea North",
        "Сев. Корея",
        "Triều Tiên",
        "Choson",
        "Rajin",
        "Nampo",
        "Kaesong",
        "Sinpo",
        "Haeju",
        "Hyesan",
        "Chongjin",
        "Hamhung",
        "Sariwon",
        "조선",
        "북한",
        "원산",
        "개성",
        "남포",
        "청진",
        "함흥",
        "혜산",
    )
)
_WORD = re.compile(r"[^\W_]+")
CURATED = "spellings seen in supplier names (screen curation)"
# spellings the tables lack: (text, kind)
EXTRA = (
    ("Pyong Yang", "city"),
    ("Pyeong Yang", "city"),
    ("Pjöngjang", "city"),
    ("Pionyang", "city"),
    ("North Korean", "name"),
    ("DPR Korean", "name"),
    ("Nord-Coréen", "name"),
    ("Coréen du Nord", "name"),
    ("Coréenne du Nord", "name"),
)
# words that begin with these (as normalised) are adjectives and other forms of a name of
# North Korea or of Pyongyang in inflected languages: (stem, the term shown, kind)
STEMS = (
    ("pkhenyan", "Пхеньян…", "city"),  # Пхеньянский
    ("pyongyang", "Pyongyang…", "city"),  # Pyongyangese
    ("severokore", "Северокоре…", "name"),  # Северокорейский, Severokoreyskaya
    ("pivnichnokore", "Північнокоре…", "name"),  # Північнокорейський
    ("nordkorean", "Nordkorean…", "name"),  # nordkoreanisch, nordkoreanische
    ("norcorean", "Norcorean…", "name"),  # norcoreana, norcoreano (Spanish)
    ("nordcorean", "Nordcorean…", "name"),  # nordcoreana, nordcoreano (Italian)
    ("norte corean", "Norte-corean…", "name"),  # norte-coreana (Portuguese)
    ("nord coreen", "Nord-coréen…", "name"),  # nord-coréenne (French)
    ("noord korea", "Noord-Korea…", "name"),  # Noord-Koreaans (Dutch)
    ("severo kore", "Severo-Kore…", "name"),  # Severo-Koreyskaya (Russian romanised)
    ("polnocnokorea", "Północnokorea…", "name"),  # północnokoreańska (Polish)
    ("kuzey kore", "Kuzey Kore…", "name"),  # Kuzey Koreli (Turkish)
)
_STEM = re.compile(r"(?:^| )(" + "|".join(s for s, _, _ in STEMS) + r")\S")
_STEM_TERMS = {s: (t, k) for s, t, k in STEMS}
# in Chinese characters (no word breaks): names no other place, person or word has
# (平壌 as Japanese writes it; not 台北韓國, "Taipei Korean")
HAN = re.compile(
    r"平[壤壌]|新[义義]州|北朝[鲜鮮]|(?<![台臺])北[韩韓](?![国國])|朝[鲜鮮]民主主[义義]人民共和[国國]|沙里院"
)
HAN_SOURCE = "names and cities of North Korea in Chinese characters (screen curation)"


def north_korean_chinese(text: str) -> str:
    """The first name of North Korea or of its cities in Chinese characters in ``text`` (``HAN``), or ""."""
    if text.isascii():
        return ""
    m = HAN.search(unicodedata.normalize("NFKC", text))
    return m.group(0) if m else ""


class NameTerms:
    """North Korea's names and cities, looked up in normalised supplier names."""

    def __init__(self, terms: Iterable[tuple[str, str, str]]) -> None:
        """``terms``: (text, kind, source) rows; those in Chinese characters are left to
        :func:`north_korean_chinese`."""
        found: dict[tuple[str, ...], NameRef] = {}
        korean: dict[tuple[str, ...], NameRef] = {}
        # the spellings that read alike ("North Korea", "DPRK", "D.P.R. Korea" all read "dprk"):
        # the one the name writes is the one shown
        self._spellings: dict[tuple[str, ...], list[NameRef]] = {}
        rank: dict[tuple[str, ...], int] = {}
        for text, kind, source in [*terms, *((t, k, CURATED) for t, k in EXTRA)]:
            if has_han(text):
                continue
            toks = normalize_name(text).tokens
            # a term must say North Korea by itself: not "Korea" or "North" alone, however spelt
            if (
                not toks
                or toks in EXCLUDED
                or set(toks) <= {"korea", "korean"}
                or set(toks) <= {"north", "n"}
            ):
                continue
            # of the spellings that read alike, the one written as read ("Pyongyang", not
            # "P'yongyang"; "North Korea", not "North-Korea")
            plain = " ".join(toks)
            r = (
                2
                if text.casefold() == plain
                else 1
                if " ".join(_WORD.findall(text.casefold())) == plain
                else 0
            )
            ref = NameRef(text, "city" if kind == "city" else "country name", source)
            if has_hangul(text):  # shown for names written in Hangul (평양냉면), only for those
                korean.setdefault(toks, ref)
            else:
                if r > rank.get(toks, -1):
                    found[toks], rank[toks] = ref, r
                self._spellings.setdefault(toks, []).append(ref)
        # per first word: (words, the term in Latin or Cyrillic letters, the term in Hangul)
        self.by_first: dict[str, list[tuple[tuple[str, ...], NameRef | None, NameRef | None]]] = {}
        for toks in sorted(found.keys() | korean.keys(), key=lambda t: -len(t)):
            self.by_first.setdefault(toks[0], []).append((toks, found.get(toks), korean.get(toks)))

    @classmethod
    def load(cls, folder: Path) -> NameTerms:
        rows: list[tuple[str, str, str]] = []
        with (folder / "countries.csv").open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if (r.get("iso2") or "").upper() == CODE:
                    src = f"countries.csv: {(r.get('source') or '').strip()}"
                    rows += [(r[k].strip(), "name", src) for k in ("name", "official_name") if r.get(k)]
        for name in ALIAS_FILES:
            path = folder / name
            if not path.is_file():
                continue
            with path.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh):
                    if (r.get("iso2") or "").upper() == CODE and r.get("kind") in KINDS and r.get("alias"):
                        src = f"{name}: {(r.get('source') or '').strip()}"
                        rows.append((r["alias"].strip(), str(r["kind"]), src))
        return cls(rows)

    def find(self, name: str, key: str) -> tuple[NameRef, ...]:
        """The references in ``name``, whose normalised words are ``key`` (space-separated)."""
        out: list[NameRef] = []
        han = north_korean_chinese(name)
        if han:  # (its Korean reading, "pyeong yang", is the same reference again)
            return (NameRef(han, "city" if han[0] not in "朝北" else "country name", HAN_SOURCE),)
        words = key.split()
        if self.by_first.keys().isdisjoint(words):  # most names: no word begins a term
            return self._stem(key)
        hangul = has_hangul(name)
        for i, w in enumerate(words):
            for toks, latin, korean in self.by_first.get(w, ()):
                ref = (korean or latin) if hangul else latin
                if ref is not None and tuple(words[i : i + len(toks)]) == toks:
                    if ref is latin:
                        ref = self._as_written(toks, ref, name)
                    if ref not in out:
                        out.append(ref)
                    break
        return tuple(out) or self._stem(key)

    def _as_written(self, toks: tuple[str, ...], ref: NameRef, name: str) -> NameRef:
        """Of the spellings of a term that read alike ("North Korea" and "DPRK" both read "dprk"),
        ``ref`` if the name writes it (punctuation aside: "P'yongyang", "D.P.R.K."), else the
        longest one it writes."""
        written = compact(name)
        if compact(ref.term) in written:
            return ref
        found = [r for r in self._spellings.get(toks, ()) if compact(r.term) in written]
        return max(found, key=lambda r: len(r.term), default=ref)

    @staticmethod
    def _stem(key: str) -> tuple[NameRef, ...]:
        """A word that is a longer form of one of ``STEMS`` (an adjective: Пхеньянский)."""
        m = _STEM.search(key)
        if not m:
            return ()
        term, kind = _STEM_TERMS[m.group(1)]
        return (NameRef(term, kind, CURATED),)


def find_name_refs(df: pd.DataFrame, terms: NameTerms) -> pd.DataFrame:
    """Pure stage: a copy of ``df`` with a ``name_refs`` column (tuple of :class:`NameRef`),
    from the ``name`` and its normalised ``name_key``; none for suppliers in South Korea."""
    out = df.copy()
    n = len(out)
    names = out["name"].fillna("").astype(str).tolist() if "name" in out else [""] * n
    keys = out["name_key"].tolist() if "name_key" in out else [normalize_name(x).key for x in names]
    countries: Sequence[object] = out["country_result"].tolist() if "country_result" in out else [None] * n
    refs: list[tuple[NameRef, ...]] = []
    for name, key, country in zip(names, keys, countries, strict=True):
        if not key or (isinstance(country, CountryResult) and country.code == "KR"):
            refs.append(())
        else:
            refs.append(terms.find(name, str(key)))
    out["name_refs"] = pd.Series(refs, index=out.index, dtype=object)
    return out
