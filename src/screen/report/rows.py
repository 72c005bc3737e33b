"""Flattened views of the results shared by the workbook and the CSV writer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screen.model import CountryResult, Match, SectorHit

if TYPE_CHECKING:
    from screen.results import Results

APPENDED = ["Risk", "Country (ISO)", "Country status", "Sectors", "Best match", "Match score", "Match band", "Rationale"]


def sectors_text(sectors: tuple[SectorHit, ...]) -> str:
    return ", ".join(s.sector for s in sectors)


def best_match(matches: tuple[Match, ...]) -> Match | None:
    return matches[0] if matches else None


def country_cells(c: CountryResult | None) -> tuple[str, str]:
    if c is None:
        return "", "missing"
    return c.code or "", c.status


def supplier_rows(results: Results) -> tuple[list[str], list[list[Any]]]:
    """Header and rows: the input cells in input order with the screening appended."""
    raw = results.raw
    f = results.frame
    header = ["Row", *[str(c) for c in raw.columns], *APPENDED]
    rows: list[list[Any]] = []
    raw_values = raw.values.tolist()
    for i, (rownum, country, sectors, matches, risk, rationale) in enumerate(
        zip(f["_row"], f["country_result"], f["sectors"], f["matches"], f["risk"], f["rationale"], strict=True)
    ):
        m = best_match(matches)
        code, status = country_cells(country)
        rows.append(
            [
                int(rownum),
                *[str(v) for v in raw_values[i]],
                risk,
                code,
                status,
                sectors_text(sectors),
                f"{m.ref_id} {m.name}" if m else "",
                m.score if m else "",
                m.band if m else "",
                " ".join(rationale),
            ]
        )
    return header, rows
