"""Read the country reference tables (``reference/countries.csv`` and friends) into lookups.

Files (all UTF-8 CSV, every row with its source; built by ``scripts/build_countries.py``):

- ``countries.csv``: iso2, iso3, numeric, name, official_name, source.
- ``country_aliases.csv`` and ``country_aliases_mledoze.csv`` (ODbL, optional): iso2, alias,
  kind, lang, source. ``kind`` is ``code`` (a three-letter code, matched only as a whole cell),
  ``city``, ``ambiguous`` (one row per candidate, e.g. "Korea" for KP and KR),
  ``not_a_country`` (iso2 empty: "TBD", "EMEA"), or a kind of name.
- ``country_risk.csv``: iso2, factor, detail, source, source_date.

Aliases are keyed by :func:`screen.keyfold.compact`, the same folding applied to input cells.
A key that points to two countries without being declared ambiguous is treated as ambiguous
and logged: an edited alias file can then never silently send one country's name to another.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from screen.errors import ReferenceError_
from screen.keyfold import compact
from screen.model import CountryFactor

log = logging.getLogger(__name__)

ALIAS_FILES = ("country_aliases.csv", "country_aliases_mledoze.csv")


@dataclass(frozen=True)
class Alias:
    """A reference spelling: what it says, which countries it names, and what kind it is."""

    text: str
    codes: tuple[str, ...]
    kind: str
    lang: str = ""


@dataclass
class CountryTables:
    names: dict[str, str] = field(default_factory=dict)  # iso2 -> short English name
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # ISO2/ISO3/numeric/IOC -> (iso2, kind)
    aliases: dict[str, Alias] = field(default_factory=dict)  # compact key -> alias
    placeholders: dict[str, str] = field(default_factory=dict)  # compact key -> text naming no country
    factors: dict[str, tuple[CountryFactor, ...]] = field(default_factory=dict)


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceError_(
                    f"{path}: missing column(s) {', '.join(missing)}; rebuild it with scripts/build_countries.py."
                )
            return [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
    except FileNotFoundError as exc:
        raise ReferenceError_(f"{path} not found; reinstall screen or rebuild the reference tables.") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceError_(f"{path} is not UTF-8 ({exc}); save it as UTF-8.") from exc


def short_names(folder: Path) -> list[str]:
    """The short English names of ``countries.csv`` ("Russia", "Korea, North")."""
    return list(names_by_code(folder).values())


@lru_cache(maxsize=4)
def names_by_code(folder: Path) -> dict[str, str]:
    """ISO code -> short English name of ``countries.csv`` ("CN": "China", "CD": "DR Congo")."""
    return {r["iso2"]: r["name"] for r in _rows(folder / "countries.csv", ("iso2", "name")) if r["name"]}


@lru_cache(maxsize=4)
def city_names(folder: Path) -> tuple[str, ...]:
    """The cities of ``country_aliases.csv`` (capitals and the cities of the trade with North
    Korea: "Dandong", "Vladivostok"); read once per folder (the normaliser and the matcher
    both ask)."""
    return tuple(
        r["alias"] for r in _rows(folder / ALIAS_FILES[0], ("iso2", "alias", "kind")) if r["kind"] == "city"
    )


def load_tables(folder: Path) -> CountryTables:
    """Load and index the country tables in ``folder``."""
    t = CountryTables()
    for r in _rows(folder / "countries.csv", ("iso2", "iso3", "numeric", "name")):
        code = r["iso2"].upper()
        t.names[code] = r["name"] or code
        t.codes[code] = (code, "ISO 3166-1 alpha-2 code")
        if r["iso3"]:
            t.codes[r["iso3"].upper()] = (code, "ISO 3166-1 alpha-3 code")
        if r["numeric"]:
            t.codes[r["numeric"]] = (code, "ISO 3166-1 numeric code")
    grouped: dict[str, list[Alias]] = defaultdict(list)
    for name in ALIAS_FILES:
        path = folder / name
        if not path.exists() and name != ALIAS_FILES[0]:
            continue
        for r in _rows(path, ("iso2", "alias", "kind")):
            code, text, kind = r["iso2"].upper(), r["alias"], r["kind"]
            if kind == "not_a_country":
                key = compact(text)
                if key:
                    t.placeholders.setdefault(key, text)
            elif kind == "code":
                if code in t.names and text.upper() not in t.codes:
                    t.codes[text.upper()] = (code, "country code (IOC/FIFA)")
            elif code in t.names:
                key = compact(text)
                if key:
                    grouped[key].append(Alias(text, (code,), kind, r.get("lang", "")))
    for key, found in grouped.items():
        codes = tuple(sorted({a.codes[0] for a in found}))
        first = found[0]
        if len(codes) > 1 and not all(a.kind == "ambiguous" for a in found):
            log.warning("country alias %r names %s; treated as ambiguous", first.text, ", ".join(codes))
        t.aliases[key] = Alias(first.text, codes, "ambiguous" if len(codes) > 1 else first.kind, first.lang)
    for r in _rows(folder / "country_risk.csv", ("iso2", "factor", "detail", "source")):
        code = r["iso2"].upper()
        date = r.get("source_date", "")
        source = r["source"] if not date or date in r["source"] else f"{r['source']}, {date}"
        t.factors[code] = (*t.factors.get(code, ()), CountryFactor(r["factor"], r["detail"], source))
    log.debug("country tables: %d countries, %d aliases", len(t.names), len(t.aliases))
    return t
