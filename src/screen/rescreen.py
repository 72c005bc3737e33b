"""Re-screening: compare this run with a previous run's JSON results (``--previous``).

Suppliers are paired by their supplier ID when the input has one, otherwise by their
fingerprint (normalised name and resolved country code). Each supplier is **new** (not in
the previous run), **changed** (its name, country, sectors, matches or risk differ; the
change column says what), or **unchanged**; suppliers of the previous run that are not in
this input are **removed** and listed. When one key occurs several times, occurrences are
paired in input order. Blank rows are not compared.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from screen.decisions import fingerprint, fingerprints
from screen.errors import ScreenError
from screen.model import RISK_ORDER, CountryResult, Match, SectorHit


class PreviousResultsError(ScreenError):
    """The --previous results file cannot be used."""


def load_previous(path: str | Path) -> dict[str, Any]:
    """The previous run's results document, with ``_path`` and ``_sha256`` added."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise PreviousResultsError(f"{p}: previous results not found; check the --previous path.") from exc
    except IsADirectoryError as exc:
        raise PreviousResultsError(
            f"{p}: a folder; for one input pass the previous run's JSON results (screen run --json), "
            "a folder only with several inputs."
        ) from exc
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PreviousResultsError(
            f"{p.name}: not JSON ({exc}); pass the file written by 'screen run --json'."
        ) from exc
    if not isinstance(doc, dict) or not str(doc.get("schema", "")).startswith("screen.results/"):
        raise PreviousResultsError(
            f"{p.name}: not screen results (no 'schema: screen.results/…'); pass the file written by "
            "'screen run --json'."
        )
    if not isinstance(doc.get("suppliers"), list):
        raise PreviousResultsError(
            f"{p.name}: has no 'suppliers' list; pass the file written by 'screen run --json'."
        )
    doc["_path"] = str(p)
    doc["_sha256"] = hashlib.sha256(data).hexdigest()
    return doc


def no_previous(why: str) -> dict[str, Any]:
    """A previous run that screened nothing, for an input that had none (a file new to a batch
    re-screened with --previous): every supplier is new, and ``why`` says why there was none."""
    return {"schema": "screen.results/1", "suppliers": [], "_path": "", "_sha256": "", "_none": why}


def _key(supplier_id: str, fp: str) -> str:
    return f"id:{supplier_id}" if supplier_id else f"fp:{fp}"


def _prev_fp(s: dict[str, Any]) -> str:
    fp = s.get("fingerprint") or fingerprint(str(s.get("name") or ""), (s.get("country") or {}).get("code"))
    return str(fp)


def _prev_key(s: dict[str, Any]) -> str:
    return _key(str(s.get("supplier_id") or ""), _prev_fp(s))


def _differences(
    prev: dict[str, Any], name: str, code: str, sectors: set[str], matches: dict[str, str], risk: str
) -> list[str]:
    out: list[str] = []
    if (prev.get("risk") or "clear") != risk:
        out.append(f"risk {prev.get('risk')} → {risk}")
    if str(prev.get("name") or "") != name:
        out.append(f"name '{prev.get('name')}' → '{name}'")
    pcode = (prev.get("country") or {}).get("code") or ""
    if pcode != code:
        out.append(f"country {pcode or '-'} → {code or '-'}")
    pmatches = {str(m.get("ref_id")): str(m.get("band")) for m in prev.get("matches") or []}
    for ref in sorted(set(matches) - set(pmatches)):
        out.append(f"new match {ref} ({matches[ref]})")
    for ref in sorted(set(pmatches) - set(matches)):
        out.append(f"match {ref} gone")
    for ref in sorted(set(matches) & set(pmatches)):
        if matches[ref] != pmatches[ref]:
            out.append(f"match {ref} {pmatches[ref]} → {matches[ref]}")
    psectors = {str(x.get("sector")) for x in prev.get("sectors") or []}
    if psectors != sectors:
        added, gone = sorted(sectors - psectors), sorted(psectors - sectors)
        out.append("sectors " + " ".join([*(f"+{x}" for x in added), *(f"-{x}" for x in gone)]))
    return out


def compare_with_previous(df: pd.DataFrame, previous: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Pure stage: a copy of ``df`` with a ``change`` column, and the run-level summary."""
    out = df.copy()
    n = len(out)

    def col(name: str, default: Any) -> list[Any]:
        return out[name].tolist() if name in out.columns else [default] * n

    pool: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in previous["suppliers"]:
        if isinstance(s, dict) and not s.get("blank"):
            pool[_prev_key(s)].append(s)
    changes: list[dict[str, Any] | None] = []
    counts = {"new": 0, "changed": 0, "unchanged": 0, "removed": 0}
    up = down = 0
    for fp, sid, blank, name, country, sectors, matches, risk in zip(
        fingerprints(out),
        col("id", ""),
        col("_blank", False),
        col("name", ""),
        col("country_result", None),
        col("sectors", ()),
        col("matches", ()),
        col("risk", "clear"),
        strict=True,
    ):
        if blank:
            changes.append(None)
            continue
        candidates = pool.get(_key(str(sid or ""), fp))
        if not candidates:
            counts["new"] += 1
            changes.append({"status": "new"})
            continue
        # a supplier ID given to several rows: the earlier row of the same supplier (name and
        # country), else the first one left
        prev = next((c for c in candidates if _prev_fp(c) == fp), candidates[0])
        candidates.remove(prev)
        code = (country.code or "") if isinstance(country, CountryResult) else ""
        ms: tuple[Match, ...] = tuple(matches or ())
        secs: tuple[SectorHit, ...] = tuple(sectors or ())
        diffs = _differences(
            prev, str(name or ""), code, {x.sector for x in secs}, {m.ref_id: m.band for m in ms}, str(risk)
        )
        status = "changed" if diffs else "unchanged"
        counts[status] += 1
        before = str(prev.get("risk") or "clear")
        if before in RISK_ORDER and RISK_ORDER[str(risk)] > RISK_ORDER[before]:
            up += 1
        elif before in RISK_ORDER and RISK_ORDER[str(risk)] < RISK_ORDER[before]:
            down += 1
        changes.append(
            {
                "status": status,
                "previous_row": prev.get("row"),
                "previous_risk": before,
                **({"details": diffs} if diffs else {}),
            }
        )
    removed = [
        {
            "row": s.get("row"),
            "name": s.get("name", ""),
            "supplier_id": s.get("supplier_id", ""),
            "risk": s.get("risk", ""),
        }
        for group in pool.values()
        for s in group
    ]
    removed.sort(key=lambda s: (s["row"] is None, s["row"] or 0))
    counts["removed"] = len(removed)
    out["change"] = pd.Series(changes, index=out.index, dtype=object)
    run = previous.get("run") or {}
    summary = {
        "previous": {
            "path": previous.get("_path", ""),
            "sha256": previous.get("_sha256", ""),
            "started_at": run.get("started_at", ""),
            "input_sha256": (run.get("input") or {}).get("sha256", ""),
            **({"none": previous["_none"]} if previous.get("_none") else {}),
        },
        "counts": counts,
        "risk_up": up,
        "risk_down": down,
        "removed": removed,
    }
    return out, summary


def change_line(summary: dict[str, Any]) -> str:
    """One sentence for the CLI and the Summary sheet."""
    c = summary["counts"]
    none = summary["previous"].get("none")
    if none:
        return f"No previous results ({none}): all {c['new']} suppliers new."
    counts = counts_text({**c, "risk_up": summary["risk_up"], "risk_down": summary["risk_down"]})
    return f"Since {Path(summary['previous']['path']).name}: {counts}."


def counts_text(c: dict[str, Any]) -> str:
    """The counts of a comparison (new, changed, unchanged, removed; risk_up, risk_down) in words."""
    return (
        f"{c['new']} new, {c['changed']} changed (risk up {c['risk_up']}, down {c['risk_down']}), "
        f"{c['unchanged']} unchanged, {c['removed']} removed"
    )
