"""The review loop: reviewers' decisions on matches, remembered between runs.

A decision says what a person found about one candidate match: ``true match``,
``false positive`` or ``needs information``. It is keyed on

- the supplier **fingerprint**: the normalised name (:func:`screen.normalize.normalize_name`)
  and the resolved ISO country code, ``"namgang construction|RU"``;
- the list entry's ``ref_id`` (``OFAC-SDN:19612``; empty for a decision about the supplier
  as a whole, made on a Flagged row without a match), and
- the entry's ``entry_hash`` at the time of the decision.

The decisions file is a plain CSV, one row per (fingerprint, ref_id), sorted, so that it
diffs well under version control. Merging a newer decision replaces the row; the replaced
decision moves into the row's ``history`` column (newest first, ``" | "``-separated), so
nothing a reviewer recorded is lost.

:func:`apply_decisions` is the pipeline stage after assess. A false positive clears its match
(the match stays listed with its band; the risk drops to what the remaining evidence gives);
a true match keeps (or makes) the supplier high; ``needs information`` is shown. A decision
is re-opened, and the rationale says why, when the list entry changed since (entry hash) or
the supplier's data did (same supplier ID or same name, but another fingerprint).
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from screen.assess import assess_row
from screen.config import PolicyConfig
from screen.errors import ScreenError
from screen.model import ADDRESS_REF_ID, NAME_REF_ID, RISK_ORDER, CountryResult, Match, NameRef
from screen.normalize import normalize_name
from screen.outputs import FORMULA_PREFIXES, safe_cell, write_atomic

DECISIONS = ("true match", "false positive", "needs information")
COLUMNS = (
    "fingerprint",
    "ref_id",
    "decision",
    "reviewer",
    "date",
    "note",
    "entry_hash",
    "supplier_id",
    "supplier",
    "listed_name",
    "history",
)
_ALIASES = {
    "tp": "true match",
    "true": "true match",
    "match": "true match",
    "fp": "false positive",
    "false": "false positive",
    "info": "needs information",
    "needs info": "needs information",
}


class DecisionsError(ScreenError):
    """A decisions file or a filled-in report cannot be read."""


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    ref_id: str
    decision: str  # one of DECISIONS
    reviewer: str
    date: str  # ISO date, YYYY-MM-DD
    note: str = ""
    entry_hash: str = ""
    supplier_id: str = ""
    supplier: str = ""  # the supplier name as written, for people reading the file
    listed_name: str = ""
    history: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.fingerprint, self.ref_id)

    def same_as(self, other: Decision) -> bool:
        return (self.decision, self.reviewer, self.note, self.entry_hash) == (
            other.decision,
            other.reviewer,
            other.note,
            other.entry_hash,
        )

    def summary(self) -> str:
        return f"{self.date} {self.reviewer}: {self.decision}" + (f" ({self.note})" if self.note else "")


def normalize_decision(text: str) -> str | None:
    """The canonical decision for what a reviewer typed, or None when it is not one."""
    t = " ".join(str(text).replace("_", " ").replace("-", " ").lower().split())
    if t in DECISIONS:
        return t
    return _ALIASES.get(t)


def fingerprint(name: str, country_code: str | None, name_key: str | None = None) -> str:
    """The supplier's identity for decisions and re-screening: normalised name | country code.
    ``name_key`` is the normalised name when the matching stage already worked it out."""
    if name_key is None:
        name_key = normalize_name(name or "").key
    key = name_key or " ".join(str(name or "").lower().split())
    return f"{key}|{country_code or ''}" if key else ""


def fingerprints(frame: pd.DataFrame) -> list[str]:
    """The frame's ``fingerprint`` column, or the fingerprints computed from name and country."""
    if "fingerprint" in frame.columns:
        return [str(x) for x in frame["fingerprint"].tolist()]
    names = frame["name"].tolist() if "name" in frame.columns else [""] * len(frame)
    countries = frame["country_result"].tolist() if "country_result" in frame.columns else [None] * len(frame)
    keys = frame["name_key"].tolist() if "name_key" in frame.columns else [None] * len(frame)
    return [
        fingerprint(str(n or ""), c.code if isinstance(c, CountryResult) else None, k)
        for n, c, k in zip(names, countries, keys, strict=True)
    ]


# ---------------------------------------------------------------------------- the file
def _unsafe(value: str) -> str:
    """Undo :func:`screen.outputs.safe_cell` on reading."""
    return value[1:] if value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_PREFIXES else value


def read_decisions(path: str | Path) -> list[Decision]:
    p = Path(path)
    try:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ("fingerprint", "ref_id", "decision") if c not in (reader.fieldnames or [])]
            if missing:
                raise DecisionsError(
                    f"{p.name}: not a decisions file (missing column(s) {', '.join(missing)}); "
                    "write one with 'screen review REPORT.xlsx --decisions FILE'."
                )
            rows = list(reader)
    except FileNotFoundError as exc:
        raise DecisionsError(f"{p}: decisions file not found; check the --decisions path.") from exc
    except UnicodeDecodeError as exc:
        raise DecisionsError(f"{p.name}: not UTF-8 text; save the decisions file as UTF-8 CSV.") from exc
    out: list[Decision] = []
    for line, r in enumerate(rows, start=2):
        cells = {c: _unsafe(str(r.get(c) or "").strip()) for c in COLUMNS}
        decision = normalize_decision(cells["decision"])
        if decision is None:
            raise DecisionsError(
                f"{p.name}: line {line}: '{cells['decision']}' is not a decision; "
                f"use one of: {', '.join(DECISIONS)}."
            )
        out.append(Decision(**{**cells, "decision": decision}))
    return out


def write_decisions(path: str | Path, decisions: Iterable[Decision]) -> None:
    """Write the decisions sorted by (fingerprint, ref_id), atomically."""
    ordered = sorted(decisions, key=lambda d: d.key)

    def _w(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(COLUMNS)
            for d in ordered:
                w.writerow([safe_cell(str(getattr(d, c))) for c in COLUMNS])

    write_atomic(Path(path), _w)


@dataclass
class MergeStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0  # incoming decisions older than the recorded one: kept in history only

    def text(self) -> str:
        return f"{self.added} new, {self.updated} updated, {self.unchanged} unchanged" + (
            f", {self.older} older than the recorded decision (kept in history)" if self.older else ""
        )


def _push(history: str, d: Decision) -> str:
    return " | ".join(x for x in (d.summary(), d.history, history) if x)


def merge_decisions(
    existing: Iterable[Decision], incoming: Iterable[Decision]
) -> tuple[list[Decision], MergeStats]:
    """Newer wins (by date; on the same date the incoming one); the replaced one goes to history."""
    book = {d.key: d for d in existing}
    stats = MergeStats()
    for new in incoming:
        old = book.get(new.key)
        if old is None:
            book[new.key] = new
            stats.added += 1
        elif new.same_as(old):
            stats.unchanged += 1
        elif new.date >= old.date:
            book[new.key] = replace(new, history=_push(new.history, old))
            stats.updated += 1
        else:
            book[new.key] = replace(old, history=_push(old.history, new))
            stats.older += 1
    return sorted(book.values(), key=lambda d: d.key), stats


# ---------------------------------------------------------------------------- the stage
@dataclass
class DecisionBook:
    """Decisions indexed for lookup: by fingerprint, and by supplier ID or name to re-open."""

    decisions: list[Decision]
    source: str = ""
    sha256: str = ""
    by_key: dict[tuple[str, str], Decision] = field(init=False)
    by_id: dict[tuple[str, str], Decision] = field(init=False)
    by_name: dict[tuple[str, str], Decision] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {d.key: d for d in self.decisions}
        self.by_id = {(d.supplier_id, d.ref_id): d for d in self.decisions if d.supplier_id}
        self.by_name = {(d.fingerprint.rsplit("|", 1)[0], d.ref_id): d for d in self.decisions}

    @classmethod
    def load(cls, path: str | Path) -> DecisionBook:
        p = Path(path)
        decisions = read_decisions(p)
        return cls(decisions, source=str(p), sha256=hashlib.sha256(p.read_bytes()).hexdigest())

    def describe(self) -> dict[str, Any]:
        return {"path": self.source, "sha256": self.sha256, "decisions": len(self.decisions)}

    def find(self, fp: str, supplier_id: str, ref_id: str, entry_hash: str) -> tuple[Decision | None, str]:
        """The decision for this supplier and entry, and why it is re-opened ("" when it holds)."""
        d = self.by_key.get((fp, ref_id))
        if d is not None:
            if ref_id and d.entry_hash and entry_hash and d.entry_hash != entry_hash:
                return d, f"the list entry changed since (entry hash {d.entry_hash} → {entry_hash})"
            return d, ""
        d = (self.by_id.get((supplier_id, ref_id)) if supplier_id else None) or self.by_name.get(
            (fp.rsplit("|", 1)[0], ref_id)
        )
        if d is not None:
            return d, f"the supplier's data changed since (was '{d.fingerprint}', now '{fp}')"
        return None, ""


# what a decision without a match is about, by its key
_WHAT = {
    NAME_REF_ID: "name's reference to North Korea",
    ADDRESS_REF_ID: "place in North Korea (an address, or another country column)",
}


def _what(m: Match | None, ref_id: str) -> str:
    if m is not None:
        return f"match with {ref_id} '{m.name}' (score {m.score:g}, {m.band})"
    return _WHAT.get(ref_id, "this supplier")


def _sentence(d: Decision, effect: str, m: Match | None, reason: str) -> str:
    note = f": {d.note.rstrip('. ')}" if d.note else ""
    what = _what(m, d.ref_id)
    if effect == "re-opened":
        return (
            f"Re-opened: the earlier decision on {'the ' if d.ref_id in _WHAT else ''}{what} "
            f"('{d.decision}' by {d.reviewer} on {d.date}) "
            f"no longer applies because {reason}; review it again."
        )
    if effect == "cleared":
        return f"The {what} was cleared as a false positive by {d.reviewer} on {d.date}{note}."
    if effect == "confirmed":
        return f"The {what} was confirmed as a true match by {d.reviewer} on {d.date}{note}."
    if effect == "needs information":
        return f"The {what} is marked 'needs information' by {d.reviewer} on {d.date}{note}; it stays open."
    return (
        f"Reviewer {d.reviewer} marked {what} '{d.decision}' on {d.date}{note} "
        "(noted; country and sector risk follow the policy)."
    )


def _effect(d: Decision, reason: str) -> str:
    if reason:
        return "re-opened"
    if not d.ref_id:
        return "noted"
    return {"false positive": "cleared", "true match": "confirmed"}.get(d.decision, "needs information")


def decide_row(
    fp: str,
    supplier_id: str,
    blank: bool,
    country: CountryResult | None,
    sectors: tuple[Any, ...],
    matches: tuple[Match, ...],
    risk: str,
    rationale: list[str],
    book: DecisionBook,
    policy: PolicyConfig,
    name_refs: tuple[NameRef, ...] = (),
    address: CountryResult | None = None,
) -> tuple[str, list[str], list[dict[str, Any]]]:
    """Risk, rationale and decision records for one row after applying the reviewers' decisions.
    A name's reference to North Korea (:mod:`screen.name_refs`) is decided on as a match is,
    under the key ``name:KP``, and a city/address in North Korea under ``address:KP``: a false
    positive clears it, a true match makes the supplier high."""
    found: list[tuple[Decision, str, Match | None]] = []
    for m in matches:
        d, reason = book.find(fp, supplier_id, m.ref_id, m.entry_hash)
        if d is not None:
            found.append((d, reason, m))
    for key, present in ((NAME_REF_ID, bool(name_refs)), (ADDRESS_REF_ID, address is not None)):
        if present:
            d, reason = book.find(fp, supplier_id, key, "")
            if d is not None:
                found.append((d, reason, None))
    d, reason = book.find(fp, supplier_id, "", "")
    if d is not None:
        found.append((d, reason, None))
    if not found:
        return risk, rationale, []
    effects = [(d, _effect(d, reason), m, reason) for d, reason, m in found]
    cleared = {m.ref_id for d, e, m, _ in effects if e == "cleared" and m is not None}
    cleared_keys = {d.ref_id for d, e, _, _ in effects if e == "cleared"}
    name_cleared, address_cleared = NAME_REF_ID in cleared_keys, ADDRESS_REF_ID in cleared_keys
    if cleared or name_cleared or address_cleared:
        remaining = tuple(m for m in matches if m.ref_id not in cleared)
        refs = () if name_cleared else name_refs
        where = None if address_cleared else address
        risk, rationale = assess_row(blank, country, tuple(sectors), remaining, policy, refs, where)
        if not remaining and len(rationale) == 1 and rationale[0].startswith("No listed-entity match"):
            rationale = ["No other evidence: no high-risk country and no high-risk sector found."]
    if any(e == "confirmed" for _, e, _, _ in effects) and RISK_ORDER[risk] < RISK_ORDER["high"]:
        risk = "high"
    sentences = [_sentence(d, e, m, reason) for d, e, m, reason in effects]
    records = [
        {
            "ref_id": d.ref_id,
            "decision": d.decision,
            "reviewer": d.reviewer,
            "date": d.date,
            "note": d.note,
            "effect": e,
            **({"reason": reason} if reason else {}),
        }
        for d, e, _m, reason in effects
    ]
    return risk, [*sentences, *rationale], records


def apply_decisions(df: pd.DataFrame, book: DecisionBook | None, policy: PolicyConfig) -> pd.DataFrame:
    """Pure stage after assess: a copy of ``df`` with ``fingerprint`` and ``decision`` columns,
    and ``risk``/``rationale`` updated where a reviewer's decision applies."""
    out = df.copy()
    fps = fingerprints(out)
    out["fingerprint"] = fps
    if book is None or not book.decisions:
        return out
    n = len(out)

    def col(name: str, default: Any) -> list[Any]:
        return out[name].tolist() if name in out.columns else [default] * n

    risks: list[str] = []
    whys: list[list[str]] = []
    records: list[list[dict[str, Any]] | None] = []
    for fp, sid, blank, country, sectors, matches, risk, why, refs, address in zip(
        fps,
        col("id", ""),
        col("_blank", False),
        col("country_result", None),
        col("sectors", ()),
        col("matches", ()),
        col("risk", "clear"),
        col("rationale", []),
        col("name_refs", ()),
        col("address_result", None),
        strict=True,
    ):
        if blank:
            risks.append(risk)
            whys.append(list(why))
            records.append(None)
            continue
        r, w, rec = decide_row(
            fp,
            str(sid or ""),
            False,
            country,
            tuple(sectors or ()),
            tuple(matches or ()),
            risk,
            list(why),
            book,
            policy,
            tuple(refs or ()),
            address if isinstance(address, CountryResult) else None,
        )
        risks.append(r)
        whys.append(w)
        records.append(rec or None)
    out["risk"] = risks
    out["rationale"] = pd.Series(whys, index=out.index, dtype=object)
    out["decision"] = pd.Series(records, index=out.index, dtype=object)
    return out


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def current_user() -> str:
    """The reviewer's login name, for decisions whose Reviewer cell is empty."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return os.environ.get("USER", "unknown")
