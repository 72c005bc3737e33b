"""Settings for a run: matching thresholds and weights, the risk policy, input limits.

Defaults are documented here and in the README; a ``screen.toml`` in the working directory
(or ``--config FILE``) overrides any of them. The values used, and their SHA-256, are written
into every report so that an auditor can tell which settings produced it.

Example ``screen.toml``::

    [matching]
    hit = 90
    review = 80

    [policy]
    high_risk_country_factors = ["dprk_origin", "dprk_worker_host", "tip_tier3"]
"""

from __future__ import annotations

import hashlib
import json
import logging
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from screen.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatchingConfig:
    """How names are compared (see the Method sheet of the report)."""

    hit: float = 90.0
    """Score at or above which a match is a hit (treat as the listed entity)."""
    review: float = 80.0
    """Score at or above which a match goes to a person for review."""
    weak_alias_cap: float = 89.0
    """Highest score a weak alias alone can reach (below ``hit``)."""
    country_agree_bonus: float = 4.0
    """Points added when the supplier's country is one of the entry's address countries."""
    country_disagree_penalty: float = 4.0
    """Points removed when both countries are known and differ."""
    sector_agree_bonus: float = 2.0
    """Points added when the supplier's sector matches the entry's known activity."""
    min_token_similarity: float = 80.0
    """Two tokens count as the same word at or above this similarity (0-100)."""
    extra_token_cost: float = 0.35
    """Weight of a supplier word missing from the listed name, relative to a listed word
    missing from the supplier name (asymmetric: extra words cost less)."""
    max_matches: int = 3
    """At most this many candidate matches are reported per supplier, and any that score as the
    last of them; the last one shown says how many lower-scoring ones are left out."""
    include_individuals: bool = False
    """Also screen supplier names against listed individuals."""
    include_vessels: bool = False
    """Also screen supplier names against listed vessels and aircraft."""

    @property
    def entity_types(self) -> tuple[str, ...]:
        """The kinds of listed entry supplier names are screened against."""
        return (
            ("entity",)
            + (("individual",) if self.include_individuals else ())
            + (("vessel", "aircraft") if self.include_vessels else ())
        )


@dataclass(frozen=True)
class PolicyConfig:
    """How evidence becomes a risk level."""

    high_risk_country_factors: tuple[str, ...] = ("dprk_origin", "dprk_worker_host", "tip_tier3")
    """Country risk factors (see reference/country_risk.csv) that make a country high-risk."""
    watch_country_factors: tuple[str, ...] = ("tip_tier2_watch",)
    """Factors reported in the rationale without raising the risk level on their own."""
    core_sectors: tuple[str, ...] = ("logging", "mining", "construction", "restaurants")
    """Sectors named in public reporting as the main employers of North Korean workers."""
    name_reference_risk: str = "medium"
    """Risk of a supplier whose name refers to North Korea ("Pyongyang Restaurant"; see
    screen.name_refs): high, medium, low, or none (reported, not raising the risk)."""


EXCEL_CELL_CHARS = 32_767  # the most characters a workbook cell holds


@dataclass(frozen=True)
class LimitsConfig:
    """Safety limits for untrusted input files; each is named in the error it causes."""

    max_cell_chars: int = EXCEL_CELL_CHARS
    """Longest cell accepted (Excel's own limit)."""
    max_rows: int = 5_000_000
    """Most data rows accepted in one file."""
    max_uncompressed_mb: int = 2_048
    """Largest uncompressed size of an xlsx/ods archive (zip-bomb guard)."""
    max_columns: int = 1_000
    """Most columns accepted in one sheet."""
    max_cells: int = 25_000_000
    """Most cells (rows x columns up to the last used cell) read from one sheet (memory guard)."""


@dataclass(frozen=True)
class Config:
    matching: MatchingConfig = field(default_factory=MatchingConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    source: str = "defaults"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("source", None)
        return d

    def sha256(self) -> str:
        blob = json.dumps(self.to_dict(), sort_keys=True, default=list).encode()
        return hashlib.sha256(blob).hexdigest()


NAME_REFERENCE_RISKS = ("high", "medium", "low", "none")

_SECTIONS: dict[str, type[Any]] = {
    "matching": MatchingConfig,
    "policy": PolicyConfig,
    "limits": LimitsConfig,
}


def _section(name: str, cls: type[Any], values: Any, path: Path) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [{name}] must be a table of settings.")
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    default = cls()
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting '{name}.{key}'; known settings are: {', '.join(sorted(known))}."
            )
        current = getattr(default, key)
        if isinstance(current, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: '{name}.{key}' must be a list of strings.")
            value = tuple(value)
        elif isinstance(current, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: '{name}.{key}' must be true or false.")
        elif isinstance(current, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{path}: '{name}.{key}' must be a number, got {value!r}.")
            value = type(current)(value)
        kwargs[key] = value
    return replace(default, **kwargs)


def load_config(path: str | Path | None = None) -> Config:
    """Load settings from ``path``, else ``./screen.toml`` if present, else the defaults."""
    if path is None:
        candidate = Path("screen.toml")
        if not candidate.is_file():
            return Config()
        path = candidate
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"Config file {p} not found; check the --config path.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file {p} is not valid TOML ({exc}); fix the syntax.") from exc
    kwargs: dict[str, Any] = {}
    for key, values in raw.items():
        if key not in _SECTIONS:
            raise ConfigError(f"{p}: unknown section [{key}]; sections are: {', '.join(_SECTIONS)}.")
        kwargs[key] = _section(key, _SECTIONS[key], values, p)
    cfg = Config(**kwargs, source=str(p))
    if cfg.policy.name_reference_risk not in NAME_REFERENCE_RISKS:
        raise ConfigError(
            f"{p}: 'policy.name_reference_risk' must be one of {', '.join(NAME_REFERENCE_RISKS)}, "
            f"got {cfg.policy.name_reference_risk!r}."
        )
    m = cfg.matching
    if m.max_matches < 1:
        raise ConfigError(f"{p}: 'matching.max_matches' must be 1 or more (got {m.max_matches}).")
    if not 0 <= m.review <= m.hit <= 100:
        raise ConfigError(f"{p}: need 0 <= matching.review <= matching.hit <= 100 (got {m.review}, {m.hit}).")
    for key, value in asdict(cfg.limits).items():
        if value < 1:
            raise ConfigError(f"{p}: 'limits.{key}' must be 1 or more (got {value}).")
    if cfg.limits.max_cell_chars > EXCEL_CELL_CHARS:
        # (earlier versions said to raise it: such settings still load, at the most a report holds)
        log.warning(
            "%s: 'limits.max_cell_chars' = %s is read as %s: a longer cell cannot go into the report's workbook",
            p,
            f"{cfg.limits.max_cell_chars:,}",
            f"{EXCEL_CELL_CHARS:,}",
        )
        cfg = replace(cfg, limits=replace(cfg.limits, max_cell_chars=EXCEL_CELL_CHARS))
    return cfg


def cell_fix(limits: LimitsConfig) -> str:
    """What to do about a cell over ``limits.max_cell_chars`` (the end of the error said)."""
    if limits.max_cell_chars >= EXCEL_CELL_CHARS:
        return f"shorten the cell (a workbook cell holds at most {EXCEL_CELL_CHARS:,} characters)."
    return "shorten the cell or raise the limit in screen.toml."
