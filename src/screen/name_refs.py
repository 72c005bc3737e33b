"""Supplier names that refer to North Korea: its name or one of its cities in the name.

Sanctions screening checks names for references to an embargoed country as well as against
the lists: a "Pyongyang Restaurant" in Phnom Penh, a "Ресторан «Пхеньян»" in Vladivostok, a
"DPRK Trading LLC" are on no list, yet North Korean state companies abroad trade under such
names. The terms are North Korea's names and cities from the country tables
(``reference/country_aliases.csv``, every row with its source), compared as the matcher
compares names (:func:`screen.normalize.normalize_name`: "P'yongyang", "Пхеньян", "평양" and
"Pyongyang" each a sequence of words), and the Chinese-character names only North Korea has
that the normaliser reads in Korean (平壤, 新义州, 朝鲜 but not 朝鲜族, China's Korean minority).

Left out, as they name other things as often in company names: a bare "Korea" (the tables'
``ambiguous`` rows), 조선 / 朝鮮 on their own (shipbuilding, the Joseon dynasty, Korean ginseng
in Japanese), Choson (the dynasty), Rajin (a given name in South Asia), Nampo and Kaesong
(a district of Busan; the industrial zone of South Korean firms), Sinpo, and words that are
common Korean words (원산 "origin", 개성 "character", 남포) or, romanised, people's names
(청진 "Cheong Jin", 함흥, 혜산). A supplier in South Korea is not
checked: its Pyongyang and Hamhung are dishes (평양냉면), its Bukhan a mountain.

The default policy makes such a supplier ``medium`` (a person should look; see
``policy.name_reference_risk``); a reviewer's "false positive" on the supplier clears it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from screen.country_tables import ALIAS_FILES
from screen.model import CountryResult, NameRef
from screen.normalize import has_han, has_hangul, normalize_name, north_korean_han

CODE = "KP"
# the kinds of alias row that name the country (not "ambiguous", "code", "not_a_country")
KINDS = frozenset({"iso_name", "list_spelling", "abbreviation", "local", "romanised", "translation", "city"})
EXCLUDED = frozenset(
    {
        "조선",
        "朝鮮",
        "朝鲜",
        "Choson",
        "Chosŏn",
        "Rajin",
        "Nampo",
        "Namp'o",
        "Kaesong",
        "Kaesŏng",
        "Sinpo",
        "원산",
        "개성",
        "남포",
        # Hangul names whose romanised syllables are also people's names or lose a syllable
        # ("cheong jin", "ham heung", "hye san"; 신의주 reads 'sin ui', 주 taken for a legal form)
        "청진",
        "함흥",
        "혜산",
        "신의주",
    }
)
_WORD = re.compile(r"[^\W_]+")
HAN_SOURCE = (
    "names only North Korea has in Chinese characters (screen curation, as screen.normalize reads them)"
)


class NameTerms:
    """North Korea's names and cities, looked up in normalised supplier names."""

    def __init__(self, terms: Iterable[tuple[str, str, str]]) -> None:
        """``terms``: (text, kind, source) rows; those in Chinese characters are left to
        :func:`screen.normalize.north_korean_han`."""
        found: dict[tuple[str, ...], NameRef] = {}
        rank: dict[tuple[str, ...], int] = {}
        for text, kind, source in terms:
            if text in EXCLUDED or has_han(text):
                continue
            toks = normalize_name(text).tokens
            # a term must say North Korea by itself: not "Korea" or "North" alone, however spelt
            if not toks or set(toks) <= {"korea", "korean"} or set(toks) <= {"north", "n"}:
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
            if r > rank.get(toks, -1):
                found[toks], rank[toks] = (
                    NameRef(text, "city" if kind == "city" else "country name", source),
                    r,
                )
        self.by_first: dict[str, list[tuple[tuple[str, ...], NameRef]]] = {}
        for toks, ref in sorted(found.items(), key=lambda t: -len(t[0])):
            self.by_first.setdefault(toks[0], []).append((toks, ref))

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
        han = north_korean_han(name)
        if han:
            out.append(NameRef(han, "city" if han[0] not in "朝北" else "country name", HAN_SOURCE))
        words = key.split()
        if self.by_first.keys().isdisjoint(words):  # most names: no word begins a term
            return tuple(out)
        hangul = has_hangul(name)
        for i, w in enumerate(words):
            for toks, ref in self.by_first.get(w, ()):
                # (a Hangul term only in a name written in Hangul: not 평양 for 平壤 read in Korean)
                if tuple(words[i : i + len(toks)]) == toks and ref not in out:
                    if hangul or not has_hangul(ref.term):
                        out.append(ref)
                    break
        return tuple(out)


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
