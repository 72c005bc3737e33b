"""Sector classification: which labour-risk sectors a supplier works in, and why.

Evidence, each quoted in ``SectorHit.evidence`` for the compliance officer:

1. the activity text: keywords in thirteen languages, with keyword traps ("data mining", "Restaurant
   POS software": the word names a customer or a product, not the supplier's work);
   see :mod:`screen.sector_rules`;
2. the industry code (NAICS, ISIC Rev.4, NACE Rev.2): every code in the cell, its sector by the
   longest listed prefix; see :mod:`screen.industry_codes`. A vague activity ("Services") with
   a code takes the sector from the code; when both speak, both are quoted;
3. the supplier name, on request (``classify(..., name=...)``) and only when there is neither an
   activity nor a code, as weak evidence. :func:`classify_sectors` does not pass it: on the
   labelled dev set it added no correct hit, and trading houses carry goods in their names
   ("Korea Mining Development Trading Corporation" is an arms dealer, not a mine).

Core sectors (logging, mining, construction, restaurants) come first in the result, then the
extended ones, each once.
"""

from __future__ import annotations

import csv
import logging
import re
from pathlib import Path
from typing import Literal

import pandas as pd

from screen.errors import ReferenceError_
from screen.industry_codes import CodeTable
from screen.keyfold import compact
from screen.model import SectorHit
from screen.sector_rules import Found, KeywordRules, Rule, compile_pattern

log = logging.getLogger(__name__)

__all__ = ["SectorIndex", "classify_sectors"]

KEYWORD_SOURCE = "keyword list (reference/sector_keywords.csv)"
# Arabic writes the article al- (and a preposition or "and" before it) as part of the word
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_ARTICLE = re.compile("(?<![\u0600-\u06ff])(?:وال|بال|فال|كال|لل|ال)(?=[\u0600-\u06ff]{3})")
CODE_SOURCE = "industry code list (reference/sector_codes.csv)"
# activity cells that say nothing about the activity; the supplier name may then be read
_VAGUE = frozenset(
    compact(v)
    for v in (
        "",
        "-",
        "n/a",
        "na",
        "none",
        "tbd",
        "unknown",
        "other",
        "others",
        "misc",
        "various",
        "services",
        "service",
        "supplier",
        "vendor",
        "general",
        "see contract",
        "see notes",
    )
)


def _read(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceError_(
                    f"{path}: missing column(s) {', '.join(missing)}; rebuild it with scripts/build_sectors.py."
                )
            return [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
    except FileNotFoundError as exc:
        raise ReferenceError_(f"{path} not found; reinstall screen or rebuild the reference tables.") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceError_(f"{path} is not UTF-8 ({exc}); save it as UTF-8.") from exc


class SectorIndex:
    """The sector tables: tiers, keyword rules and industry codes, with a cached ``classify``."""

    def __init__(
        self,
        tiers: dict[str, Literal["core", "extended"]],
        rules: KeywordRules,
        codes: CodeTable,
        labels: dict[str, str] | None = None,
    ) -> None:
        self._tiers = tiers
        self.labels = labels or {}  # key -> label for people ("it_services" -> "IT services")
        self._order = {s: i + (0 if t == "core" else 100) for i, (s, t) in enumerate(tiers.items())}
        self._rules = rules
        self._codes = codes
        self._cache: dict[tuple[str, str, str], tuple[SectorHit, ...]] = {}

    @classmethod
    def load(cls, folder: Path) -> SectorIndex:
        """Load ``sectors.csv``, ``sector_keywords.csv`` and ``sector_codes.csv`` from ``folder``."""
        folder = Path(folder)
        tiers: dict[str, Literal["core", "extended"]] = {}
        generic: set[str] = set()
        labels: dict[str, str] = {}
        for r in _read(folder / "sectors.csv", ("sector", "tier")):
            tier = r["tier"]
            if tier not in ("core", "extended"):
                raise ReferenceError_(
                    f"{folder / 'sectors.csv'}: sector {r['sector']!r} has tier {tier!r}; "
                    "use 'core' or 'extended'."
                )
            tiers[r["sector"]] = "core" if tier == "core" else "extended"
            labels[r["sector"]] = (r.get("label") or "").strip() or r["sector"]
            if r.get("generic_traps", "yes").lower() != "no":
                generic.add(r["sector"])
        rules: list[Rule] = []
        path = folder / "sector_keywords.csv"
        for i, r in enumerate(_read(path, ("sector", "pattern", "kind")), start=2):
            if r["sector"] != "*" and r["sector"] not in tiers:
                raise ReferenceError_(
                    f"{path} line {i}: unknown sector {r['sector']!r}; add it to sectors.csv."
                )
            if r["kind"] not in ("keyword", "trap"):
                raise ReferenceError_(f"{path} line {i}: kind {r['kind']!r}; use 'keyword' or 'trap'.")
            try:
                rules.append(Rule(r["sector"], r["pattern"], r["kind"], compile_pattern(r["pattern"])))
            except ValueError as exc:
                raise ReferenceError_(f"{path} line {i}: {exc}.") from exc
        code_rows = [
            (r["sector"], r["standard"].upper(), r["prefix"], r.get("title", ""))
            for r in _read(folder / "sector_codes.csv", ("sector", "standard", "prefix"))
            if r["sector"] in tiers
        ]
        log.debug("sector tables: %d sectors, %d rules, %d codes", len(tiers), len(rules), len(code_rows))
        return cls(tiers, KeywordRules(rules, frozenset(generic)), CodeTable(code_rows), labels)

    def tier(self, sector: str) -> str:
        """'core' or 'extended' (extended for an unknown key)."""
        return self._tiers.get(sector, "extended")

    def classify(self, activity: str, code: str = "", name: str = "") -> tuple[SectorHit, ...]:
        """Sector hits for one supplier (cached per distinct activity, code and name)."""
        key = (activity, code, name if compact(activity) in _VAGUE else "")
        if key not in self._cache:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = self._classify(activity, code, name)
        return self._cache[key]

    def _classify(self, activity: str, code: str, name: str) -> tuple[SectorHit, ...]:
        activity, code, name = (" ".join(str(x).split()) for x in (activity, code, name))
        evidence: dict[str, list[str]] = {}
        sources: dict[str, list[str]] = {}

        def add(sector: str, text: str, source: str) -> None:
            evidence.setdefault(sector, []).append(text)
            if source not in sources.setdefault(sector, []):
                sources[sector].append(source)

        found_all = self._rules.find(activity)
        bare = _ARABIC_ARTICLE.sub("", activity) if _ARABIC.search(activity) else activity
        if bare != activity:  # (keywords are written without the article: تعدين for التعدين)
            seen = {(f.sector, f.pattern) for f in found_all}
            found_all += [f for f in self._rules.find(bare) if (f.sector, f.pattern) not in seen]
        for sector, found in _group(found_all).items():
            add(sector, f"activity text '{activity}' ({_keywords(found)})", KEYWORD_SOURCE)
        code_hits = self._codes.lookup(code) if code else []
        for hit in code_hits:
            add(hit.sector, hit.evidence, CODE_SOURCE)
        if not code_hits and name and compact(activity) in _VAGUE:
            for sector, found in _group(self._rules.find(name)).items():
                add(
                    sector,
                    f"supplier name '{name}' ({_keywords(found)}; weak evidence: no activity or code)",
                    KEYWORD_SOURCE,
                )
        ordered = sorted(evidence, key=lambda s: self._order.get(s, 1000))
        return tuple(
            SectorHit(
                sector=s,
                tier="core" if self._tiers.get(s) == "core" else "extended",
                evidence="; ".join(evidence[s]),
                source="; ".join(sources[s]),
            )
            for s in ordered
        )


def _group(found: list[Found]) -> dict[str, list[Found]]:
    out: dict[str, list[Found]] = {}
    for f in found:
        out.setdefault(f.sector, []).append(f)
    return out


def _keywords(found: list[Found]) -> str:
    words = list(dict.fromkeys(f.text for f in found))[:3]
    return ("keyword " if len(words) == 1 else "keywords ") + ", ".join(f"'{w}'" for w in words)


def _cell(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def classify_sectors(df: pd.DataFrame, sectors: SectorIndex) -> pd.DataFrame:
    """Pure: a copy of ``df`` with ``sectors`` (tuple of SectorHit) from ``industry`` and ``code``.

    Either column may be absent. The supplier name is not used (see the module docstring).
    """
    out = df.copy()

    def column(col: str) -> list[str]:
        return [_cell(v) for v in out[col].tolist()] if col in out.columns else [""] * len(out)

    pairs = list(zip(column("industry"), column("code"), strict=True))
    results = {p: sectors.classify(*p) for p in set(pairs)}
    out["sectors"] = pd.Series([results[p] for p in pairs], index=out.index, dtype=object)
    return out
