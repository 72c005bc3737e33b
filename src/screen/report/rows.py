"""Flattened views of the results shared by the workbook and the CSV writer.

:func:`views` turns the screened frame into one typed :class:`RowView` per input row, so the
writers never index the frame themselves; :func:`supplier_rows` is the Suppliers sheet and
the CSV (every input cell, input order, screening appended).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from screen.model import RISK_ORDER, CountryResult, Match, NameRef, SectorHit

if TYPE_CHECKING:
    from screen.results import Results

APPENDED = ["Risk", "Country (ISO)", "Country status", "Sectors", "Best match", "Match score", "Match band"]
REVIEW = "Review"
CHANGE = "Change"
RATIONALE = "Rationale"


def column(frame: pd.DataFrame, name: str, default: Any = None) -> list[Any]:
    """A frame column as a plain list (``default`` for every row when it is absent)."""
    return frame[name].tolist() if name in frame.columns else [default] * len(frame)


@dataclass(slots=True, eq=False)
class RowView:
    """One input row with everything the report shows about it (read only by convention: a
    frozen dataclass costs about twice as much to make, and there is one per input row)."""

    index: int  # position in the frame (input order)
    row: int  # spreadsheet row number a person sees
    supplier_id: str
    name: str
    country_input: str
    country: CountryResult | None
    sectors: tuple[SectorHit, ...]
    matches: tuple[Match, ...]
    risk: str
    rationale: tuple[str, ...]
    fingerprint: str
    blank: bool = False
    decisions: tuple[dict[str, Any], ...] = ()
    change: dict[str, Any] | None = field(default=None)
    name_refs: tuple[NameRef, ...] = ()
    address: CountryResult | None = None  # the city/address in North Korea, the country cell not

    @property
    def cleared(self) -> frozenset[str]:
        """The listed entries whose match a reviewer cleared as a false positive."""
        if not self.decisions:
            return frozenset()
        return frozenset(str(d.get("ref_id")) for d in self.decisions if d.get("effect") == "cleared")

    @property
    def best(self) -> Match | None:
        """The best match not cleared by a reviewer; the best cleared one when all were."""
        cleared = self.cleared
        return next(
            (m for m in self.matches if m.ref_id not in cleared), self.matches[0] if self.matches else None
        )

    @property
    def score(self) -> float:
        """The best score of a match not cleared (0 when none is left)."""
        cleared = self.cleared
        return next((m.score for m in self.matches if m.ref_id not in cleared), 0.0)

    def best_text(self) -> str:
        """The best match as the report's "Best match" column shows it."""
        m = self.best
        if m is None:
            return ""
        return best_match_text(m) + (" (cleared as a false positive)" if m.ref_id in self.cleared else "")

    @property
    def country_code(self) -> str:
        return (self.country.code or "") if self.country else ""

    @property
    def country_status(self) -> str:
        if self.country is None:
            return "missing" if not self.country_input.strip() else "unknown"
        return self.country.status

    def decision_for(self, ref_id: str) -> dict[str, Any] | None:
        return next((d for d in self.decisions if d.get("ref_id") == ref_id), None)

    @property
    def flagged(self) -> bool:
        """On the Flagged sheet: not clear, or a reviewer decided something about it."""
        return self.risk != "clear" or bool(self.decisions)


def views(results: Results) -> list[RowView]:
    from screen.decisions import fingerprints

    f = results.frame
    out: list[RowView] = []
    for i, (
        row,
        sid,
        name,
        cin,
        country,
        sectors,
        matches,
        risk,
        why,
        fp,
        blank,
        dec,
        chg,
        refs,
        address,
    ) in enumerate(
        zip(
            column(f, "_row"),
            column(f, "id", ""),
            column(f, "name", ""),
            column(f, "country", ""),
            column(f, "country_result"),
            column(f, "sectors", ()),
            column(f, "matches", ()),
            column(f, "risk", "clear"),
            column(f, "rationale", ()),
            fingerprints(f),
            column(f, "_blank", False),
            column(f, "decision"),
            column(f, "change"),
            column(f, "name_refs", ()),
            column(f, "address_result"),
            strict=True,
        )
    ):
        out.append(
            RowView(
                index=i,
                row=int(row),
                supplier_id=str(sid or ""),
                name=str(name or ""),
                country_input=str(cin or ""),
                country=country if isinstance(country, CountryResult) else None,
                sectors=tuple(sectors or ()),
                matches=tuple(matches or ()),
                risk=str(risk),
                rationale=tuple(why or ()),
                fingerprint=fp,
                blank=bool(blank),
                decisions=tuple(dec or ()),
                change=chg if isinstance(chg, dict) else None,
                name_refs=tuple(refs or ()),
                address=address if isinstance(address, CountryResult) else None,
            )
        )
    return out


def flagged_order(rows: list[RowView]) -> list[RowView]:
    """Flagged suppliers, highest risk first, then best match score, then input order."""
    return sorted((v for v in rows if v.flagged), key=lambda v: (-RISK_ORDER[v.risk], -v.score, v.index))


def sectors_text(sectors: tuple[SectorHit, ...], labels: Mapping[str, str] | None = None) -> str:
    """The sectors, by their labels for people when given (else their keys, as in the JSON)."""
    return ", ".join((labels or {}).get(s.sector, s.sector) for s in sectors)


def best_match_text(m: Match | None) -> str:
    return f"{m.ref_id} {m.name}" if m else ""


def change_text(change: dict[str, Any] | None) -> str:
    if not change:
        return ""
    details = change.get("details") or []
    return str(change["status"]) + (": " + "; ".join(details) if details else "")


def review_text(v: RowView) -> str:
    """One line per reviewer decision: what it did to the supplier."""
    parts = []
    for d in v.decisions:
        who = f"{d.get('reviewer') or '?'} {d.get('date') or ''}".strip()
        parts.append(f"{d.get('ref_id') or 'supplier'}: {d['effect']} ({d['decision']}, {who})")
    return "; ".join(parts)


def supplier_header(results: Results) -> list[str]:
    extra = [CHANGE] if results.changes is not None else []
    if "decision" in results.frame.columns and results.frame["decision"].map(bool).any():
        extra.append(REVIEW)
    ours = {h.casefold() for h in ("Row", *APPENDED, REVIEW, CHANGE, RATIONALE)}
    # an input column named as one of ours ("Risk", "Row") is said to be the input's: a header
    # twice would make a script reading by name take the wrong one
    inputs = [f"{c} (input)" if str(c).casefold() in ours else str(c) for c in results.raw.columns]
    return ["Row", *inputs, *APPENDED, *extra, RATIONALE]


def supplier_row(
    v: RowView,
    raw_values: Sequence[Any],
    header: list[str],
    sep: str = "\n",
    sectors: str = "",
) -> list[Any]:
    """One row of the Suppliers sheet (``sectors``: the row's :func:`sectors_text`)."""
    m = v.best
    row: list[Any] = [
        v.row,
        *[str(x) for x in raw_values],
        v.risk,
        v.country_code,
        v.country_status,
        sectors,
        v.best_text(),
        m.score if m else "",
        m.band if m else "",
    ]
    if CHANGE in header:
        row.append(change_text(v.change))
    if REVIEW in header:
        row.append(review_text(v))
    row.append(sep.join(v.rationale))
    return row


def supplier_rows(
    results: Results,
    only_flagged: bool = False,
    sep: str = "\n",
    row_views: list[RowView] | None = None,
    labels: Mapping[str, str] | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows: the input cells in input order with the screening appended
    (``row_views``: the results' :func:`views`, when already made; ``labels``: sector labels
    for people, else the sector keys)."""
    header = supplier_header(results)
    raw_values = input_rows(results.raw)
    texts: dict[int, str] = {}  # rows share their sectors tuples (one per distinct industry)

    def sectors(v: RowView) -> str:
        text = texts.get(id(v.sectors))
        if text is None:
            text = texts[id(v.sectors)] = sectors_text(v.sectors, labels)
        return text

    rows = [
        supplier_row(v, raw_values[v.index], header, sep, sectors(v))
        for v in (row_views if row_views is not None else views(results))
        if not only_flagged or v.flagged
    ]
    return header, rows


def input_rows(raw: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The input cells, row by row (column by column first: three times faster than ``.values``)."""
    if not raw.shape[1]:
        return [()] * len(raw)
    return list(zip(*(raw.iloc[:, k].tolist() for k in range(raw.shape[1])), strict=True))
