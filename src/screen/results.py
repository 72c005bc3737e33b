"""The outcome of a run and its machine-readable form (contract ``screen.results/1``).

:class:`Results` holds the screened supplier frame, the untouched input cells, and what an
auditor needs to reproduce the run. :meth:`Results.to_dict` follows
``RESULTS-CONTRACT.md``; the Excel report (:mod:`screen.report.xlsx`) shows the same data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from screen.config import Config
from screen.model import BLANK, RISK_ORDER, CountryResult, Match, RowIssue
from screen.outputs import PARALLEL_WRITE_MAX_ROWS, write_together
from screen.reference import Reference

SCHEMA = "screen.results/1"
RISKS = ("high", "medium", "low", "clear")


@dataclass
class Results:
    frame: pd.DataFrame  # one row per input data row: mapped fields + stage outputs
    raw: pd.DataFrame  # the input cells, original headers, input order
    run: dict[str, Any]  # run metadata (contract "run")
    reference: Reference
    config: Config
    issues: list[RowIssue] = field(default_factory=list)
    changes: dict[str, Any] | None = None  # comparison with a previous run (--previous)

    # ------------------------------------------------------------------ summaries
    def counts(self) -> dict[str, int]:
        c = Counter(self.frame["risk"])
        return {r: int(c.get(r, 0)) for r in RISKS}

    def worst(self) -> str:
        levels = [r for r in RISKS if self.counts()[r]]
        return max(levels, key=lambda r: RISK_ORDER[r]) if levels else "clear"

    def at_or_above(self, level: str) -> int:
        return sum(1 for r in self.frame["risk"] if RISK_ORDER[r] >= RISK_ORDER[level])

    def blank_rows(self) -> int:
        """Rows with no cell filled in: reported (as clear), not screened."""
        return int(self.frame[BLANK].sum()) if BLANK in self.frame.columns else 0

    def summary_line(self) -> str:
        c = self.counts()
        blank = self.blank_rows()
        return (
            f"{self.run['input']['path']}: {len(self.frame)} rows screened"
            + (f" ({blank} blank, counted as clear)" if blank else "")
            + f" — high {c['high']}, medium {c['medium']}, low {c['low']}, clear {c['clear']}"
        )

    # ------------------------------------------------------------------ contract
    def supplier_dicts(self, share: bool = False) -> list[dict[str, Any]]:
        """One dict per supplier row (the contract's ``suppliers``). ``share``: rows with the
        same country or the same sector evidence share one dict for it (the screening stages
        share those objects too), which is faster; for writing, not for changing."""
        out: list[dict[str, Any]] = []
        f = self.frame
        cols = {c: f[c].tolist() for c in f.columns}
        n = len(f)
        missing: list[Any] = [None] * n  # once: a default built per call made this quadratic

        def col(name: str) -> list[Any]:
            return cols.get(name, missing)

        # keyed by id(): the objects live in the frame for the whole loop
        country_memo: dict[int, dict[str, Any]] = {}
        sector_memo: dict[int, list[dict[str, Any]]] = {}
        ids, blanks = col("id"), col("_blank")
        extras = [(e, cols[e]) for e in ("fingerprint", "decision", "change") if e in cols]
        refs = col("name_refs")
        addresses = col("address_result")
        for row, name, risk, country, raw, sectors, matches, rationale, sid, blank, i in zip(
            col("_row"),
            col("name"),
            col("risk"),
            col("country_result"),
            col("country"),
            col("sectors"),
            col("matches"),
            col("rationale"),
            ids,
            blanks,
            range(n),
            strict=True,
        ):
            cd = country_memo.get(id(country)) if share and country is not None else None
            if cd is None:
                cd = _country_dict(country, raw or "")
                if share and country is not None:
                    country_memo[id(country)] = cd
            sd = sector_memo.get(id(sectors)) if share and sectors else None
            if sd is None:
                sd = [{"sector": h.sector, "evidence": h.evidence, "tier": h.tier} for h in sectors or ()]
                if share and sectors:
                    sector_memo[id(sectors)] = sd
            d: dict[str, Any] = {
                "row": int(row),
                "name": name or "",
                "risk": risk,
                "country": cd,
                "sectors": sd,
                "matches": [_match_dict(m) for m in matches or ()],
                "rationale": list(rationale or []),
            }
            hidden = [x for m in matches or () for x in m.details.get("not_shown") or ()]
            if hidden:  # lower-scoring matches beyond max_matches (said in the last one's explanation)
                d["matches_not_shown"] = hidden
            if addresses[i] is not None:  # the city/address places it in North Korea
                a = addresses[i]
                d["address_country"] = {
                    "input": a.input,
                    "code": a.code,
                    "method": a.method,
                    **({"column": a.column} if a.column else {}),
                }
            if refs[i]:  # the name refers to North Korea (screen.name_refs)
                d["name_refers_to"] = [{"term": r.term, "kind": r.kind, "source": r.source} for r in refs[i]]
            if "id" in cols:
                d["supplier_id"] = sid or ""
            if blank:
                d["blank"] = True
            for extra, values in extras:
                if values[i]:
                    d[extra] = values[i]
            cleared = {x.get("ref_id") for x in d.get("decision") or () if x.get("effect") == "cleared"}
            for md in d["matches"] if cleared else ():
                if md["ref_id"] in cleared:
                    # the band stays as scored; a reviewer decided it is not this entity
                    md["cleared"] = True
            out.append(d)
        return out

    def to_dict(self, share: bool = False) -> dict[str, Any]:
        """The results as the contract's document (``share``: see :meth:`supplier_dicts`)."""
        doc = {
            "schema": SCHEMA,
            "run": self.run,
            "summary": {
                "counts": self.counts(),
                "rows": len(self.frame),
                "blank_rows": self.blank_rows(),
                "issues": len(self.issues),
            },
            "suppliers": self.supplier_dicts(share),
            "issues": [{"row": i.row, "code": i.code, "message": i.message} for i in self.issues],
        }
        if self.changes is not None:
            doc["changes"] = self.changes
        return doc

    def _json_to(self, tmp: Path) -> None:
        """Write the results; one supplier per line (fast C encoder, diffable, greppable)."""
        doc = self.to_dict(share=True)
        suppliers = doc.pop("suppliers")
        with tmp.open("w", encoding="utf-8") as fh:
            head = json.dumps(doc, ensure_ascii=False, indent=1)
            fh.write(head[:-2] + ',\n "suppliers": [\n')
            for i, s in enumerate(suppliers):
                fh.write(("," if i else "") + json.dumps(s, ensure_ascii=False) + "\n")
            fh.write("]}\n")

    def _xlsx_to(self, tmp: Path) -> None:
        from screen.report.xlsx import write_workbook

        write_workbook(self, tmp)

    def _csv_to(self, tmp: Path) -> None:
        from screen.report.csv import write_csv

        write_csv(self, tmp)

    def write(
        self, xlsx: str | Path | None = None, json: str | Path | None = None, csv: str | Path | None = None
    ) -> list[Path]:
        """Write the asked outputs all or nothing: no half-written set of files is ever left."""
        items: list[tuple[Path, Callable[[Path], None]]] = []
        for target, writer in ((xlsx, self._xlsx_to), (json, self._json_to), (csv, self._csv_to)):
            if target is not None:
                items.append((Path(target), writer))
        # side by side on two cores, except where the copies would cost more memory than it is worth
        write_together(items, parallel=len(self.frame) <= PARALLEL_WRITE_MAX_ROWS)
        return [p for p, _ in items]

    def write_json(self, path: str | Path) -> None:
        self.write(json=path)

    def write_xlsx(self, path: str | Path) -> None:
        self.write(xlsx=path)

    def write_csv(self, path: str | Path) -> None:
        self.write(csv=path)


def _country_dict(c: CountryResult | None, raw: str) -> dict[str, Any]:
    if c is None:
        status = "missing" if not raw.strip() else "unknown"
        return {"input": raw, "code": None, "status": status}
    d: dict[str, Any] = {"input": c.input, "code": c.code, "status": c.status}
    if c.name:
        d["name"] = c.name
    if c.method:
        d["method"] = c.method
    if c.candidates:
        d["candidates"] = list(c.candidates)
    if c.factors:
        d["risk_factors"] = [{"factor": f.factor, "detail": f.detail, "source": f.source} for f in c.factors]
    return d


def _match_dict(m: Match) -> dict[str, Any]:
    d: dict[str, Any] = {
        "ref_id": m.ref_id,
        "list": m.list,
        "name": m.name,
        "matched_alias": m.matched_alias,
        "alias_type": m.alias_type,
        "score": m.score,
        "band": m.band,
        "explanation": m.explanation,
        "programs": list(m.programs),
        "listed_on": m.listed_on,
        "countries": list(m.countries),
        "entry_hash": m.entry_hash,
    }
    if m.linked_ids:
        d["linked_ids"] = list(m.linked_ids)
    return d


def issue_lines(issues: list[RowIssue]) -> list[str]:
    """One line per kind of issue, for the console: how many rows, the first few."""
    by_code: dict[str, list[RowIssue]] = {}
    for i in issues:
        by_code.setdefault(i.code, []).append(i)
    out = []
    for found in by_code.values():
        more = ", ".join(str(i.row) for i in found[1:6]) + (", …" if len(found) > 6 else "")
        first = found[0].message
        out.append(first if len(found) == 1 else f"{first} And {len(found) - 1} more like it: {more}.")
    return out
