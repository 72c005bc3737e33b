"""The small value types that flow between stages.

Stages work on a pandas DataFrame with one row per supplier row of the input; structured
per-row results (a country resolution, sector hits, matches) live in object columns holding
these frozen dataclasses. Each carries the plain-English text a compliance officer reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CountryStatus = Literal["resolved", "ambiguous", "unknown", "missing"]
Risk = Literal["high", "medium", "low", "clear"]
Band = Literal["hit", "review"]

RISK_ORDER: dict[str, int] = {"clear": 0, "low": 1, "medium": 2, "high": 3}

# Columns the pipeline adds to the supplier frame (besides the mapped input fields).
ROW = "_row"  # spreadsheet row number a person sees (1-based, header counted)
BLANK = "_blank"  # True when every cell of the row is empty
NAME_READINGS = "_name_readings"  # other readings of a name over several columns, matched as well
OTHER_NAMES = "_other_names"  # (column, cell) of the columns that name the supplier besides its name column
OTHER_COUNTRIES = "_other_countries"  # (column, cell) of the country columns other than the supplier's
FIELDS = ("name", "country", "industry", "code", "city", "id")


@dataclass(frozen=True)
class CountryFactor:
    """One reason a country carries risk, with its source (reference/country_risk.csv)."""

    factor: str  # dprk_origin | dprk_worker_host | tip_tier3 | tip_tier2_watch | ...
    detail: str  # one sentence
    source: str  # short citation, e.g. "US TIP report 2025"


@dataclass(frozen=True)
class CountryResult:
    input: str
    code: str | None
    status: CountryStatus
    name: str | None = None  # canonical English short name
    method: str = ""  # how it was resolved, e.g. "alias 'Russian Fed.'"
    candidates: tuple[str, ...] = ()  # for ambiguous input: the codes it could mean
    factors: tuple[CountryFactor, ...] = ()
    place: str = ""  # the city/address that settled an empty or ambiguous country cell
    # read from this column, another country column than the supplier's ("Country of Origin")
    column: str = ""

    @property
    def north_korea_among_others(self) -> bool:
        """The cell names North Korea and other countries ("China & North Korea", "DPRK/China"):
        not a choice to make, as "Korea" is (North or South), but where the supplier is."""
        return self.status == "ambiguous" and "KP" in self.candidates and "KR" not in self.candidates

    @property
    def guessed(self) -> bool:
        """Read by the typo-tolerant match: a guess to check."""
        return self.method.startswith("typo-tolerant")


@dataclass(frozen=True)
class SectorHit:
    sector: str  # stable key: logging, mining, construction, restaurants, fishing, ...
    tier: Literal["core", "extended"]
    evidence: str  # "activity text 'General construction subcontractor'" / "NAICS 236220 ..."
    source: str = ""  # e.g. "keyword list (reference/sector_keywords.csv)"


# the key of reviewers' decisions on a name's reference to North Korea (decisions.csv ref_id)
NAME_REF_ID = "name:KP"
# ... and on a city/address in North Korea while the country cell says otherwise
ADDRESS_REF_ID = "address:KP"


@dataclass(frozen=True)
class NameRef:
    """One reference to North Korea in a supplier's name (:mod:`screen.name_refs`)."""

    term: str  # as the reference table writes it ("Пхеньян", "DPRK", "平壤")
    kind: str  # "city" or "country name"
    source: str

    def sentence(self) -> str:
        what = "a city of North Korea" if self.kind == "city" else "a name of North Korea"
        return (
            f"Name refers to North Korea: '{self.term}' ({what}; source: {self.source}). North Korean "
            "state companies abroad trade under such names; confirm who owns and staffs the supplier."
        )


@dataclass(frozen=True)
class Match:
    ref_id: str  # LIST:OFFICIAL_ID
    list: str
    official_id: str
    name: str  # the entry's primary name
    matched_alias: str  # the name or alias that matched
    alias_type: str  # primary | aka | fka | nka | weak
    score: float
    band: Band
    explanation: str  # one plain sentence
    programs: tuple[str, ...] = ()
    listed_on: str = ""
    countries: tuple[str, ...] = ()
    linked_ids: tuple[str, ...] = ()  # the same real entity on other lists
    entry_hash: str = ""  # hash of the list entry, for reviewer decisions
    details: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RowIssue:
    """A problem in one row that does not stop the run (frictionless-style)."""

    row: int
    code: str  # stable: blank-row, unknown-country, long-cell, ...
    message: str
