"""Batch runs: screen every supplier file of several inputs, a folder or a glob.

Each input gets its own report and JSON results in the output folder
(``<stem>_screened.xlsx`` and ``.json``; a second input with the same stem gets ``-2``);
the batch summary (``batch-summary.xlsx`` and ``batch-summary.json``) lists each file with
its counts, and its status: ``ok``, or ``error`` with the one-line error. One bad file is
reported and does not stop the others. The reference lists are loaded once for all files.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screen.config import Config
from screen.decisions import DecisionBook, current_user
from screen.errors import InputFileError, ScreenError
from screen.outputs import check_output_path, write_atomic
from screen.read import SUFFIXES
from screen.reference import Reference, load_reference
from screen.rescreen import no_previous

log = logging.getLogger(__name__)

BATCH_SCHEMA = "screen.batch/1"
SUMMARY_XLSX = "batch-summary.xlsx"
SUMMARY_JSON = "batch-summary.json"
_GLOB = set("*?[")


def is_batch(inputs: Sequence[str | Path]) -> bool:
    """Several inputs, a folder, or a glob pattern (a path that does not exist but has * ? [)."""
    if len(inputs) != 1:
        return True
    p = Path(inputs[0])
    return p.is_dir() or (not p.exists() and bool(_GLOB & set(str(p))))


def _supplier_file(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))


def expand_inputs(inputs: Sequence[str | Path], exclude: Path | None = None) -> list[Path]:
    """The supplier files named by ``inputs`` (files, folders, glob patterns), in order, once each."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if _supplier_file(x))
            deeper = sum(1 for x in p.rglob("*") if _supplier_file(x)) if not found else 0
            if deeper:
                raise InputFileError(
                    f"{p}: no supplier files in the folder itself, {deeper} in its subfolders; "
                    f"to screen those, pass the pattern '{p / '**' / '*'}'."
                )
        elif not p.exists() and _GLOB & set(str(p)):
            # "**" reaches into subfolders
            found = sorted(Path(x) for x in glob.glob(str(p), recursive=True) if _supplier_file(Path(x)))
        else:
            found = [p]  # a missing file is reported as that file's error
        if not found:
            raise InputFileError(
                f"{p}: no supplier files ({', '.join(sorted(SUFFIXES))}) found; check the folder or pattern."
            )
        out.extend(found)
    seen: set[Path] = set()
    skip = exclude.resolve() if exclude is not None else None
    unique: list[Path] = []
    for p in out:
        r = p.resolve()
        if r in seen or (skip is not None and r.parent == skip):
            continue
        seen.add(r)
        unique.append(p)
    return unique


@dataclass
class FileOutcome:
    input: Path
    status: str = "ok"  # ok | error
    report: Path | None = None
    json: Path | None = None
    rows: int = 0
    blank: int = 0  # of the rows, those with no cell filled in (counted clear, nothing screened)
    counts: dict[str, int] = field(default_factory=dict)
    worst: str = ""
    error: str = ""
    changes: dict[str, Any] | None = None  # with --previous: new, changed, unchanged, removed; risk up, down
    sha256: str = ""  # of the input file as screened

    def as_dict(self) -> dict[str, Any]:
        return {
            "input": str(self.input),
            "input_resolved": str(self.input.resolve()),  # what a later --previous pairs it by
            "sha256": self.sha256 or None,
            "status": self.status,
            "report": str(self.report) if self.report else None,
            "json": str(self.json) if self.json else None,
            "rows": self.rows,
            "blank_rows": self.blank,
            "counts": self.counts,
            "worst": self.worst,
            "error": self.error,
            **({"changes": self.changes} if self.changes is not None else {}),
        }


@dataclass
class BatchResult:
    out_dir: Path
    files: list[FileOutcome]
    started_at: str
    lists: list[dict[str, object]]
    settings: dict[str, Any] = field(default_factory=dict)  # config_source, config_sha256, user, warnings
    summary_xlsx: Path | None = None
    summary_json: Path | None = None

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status != "ok"]

    def at_or_above(self, level: str) -> int:
        from screen.model import RISK_ORDER

        return sum(n for f in self.files for r, n in f.counts.items() if RISK_ORDER[r] >= RISK_ORDER[level])

    def to_dict(self) -> dict[str, Any]:
        from screen import __version__

        totals = {r: sum(f.counts.get(r, 0) for f in self.files) for r in ("high", "medium", "low", "clear")}
        return {
            "schema": BATCH_SCHEMA,
            "tool_version": __version__,
            "started_at": self.started_at,
            "out_dir": str(self.out_dir),
            "reference": self.lists,
            **self.settings,
            "totals": {
                "files": len(self.files),
                "ok": len(self.files) - len(self.failed),
                "error": len(self.failed),
                "rows": sum(f.rows for f in self.files),
                "counts": totals,
            },
            "files": [f.as_dict() for f in self.files],
        }


def _names(inputs: list[Path]) -> list[str]:
    used: dict[str, int] = {}
    out = []
    for p in inputs:
        n = used.get(p.stem.lower(), 0) + 1
        used[p.stem.lower()] = n
        out.append(f"{p.stem}_screened" + (f"-{n}" if n > 1 else ""))
    return out


def _previous_inputs(folder: Path) -> dict[str, Path]:
    """Input file (resolved) -> its JSON results, from the previous batch's summary in ``folder``
    (empty without one)."""
    try:
        doc = json.loads((folder / SUMMARY_JSON).read_text(encoding="utf-8"))
        files = doc["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    out: dict[str, Path] = {}
    for f in files if isinstance(files, list) else []:
        if isinstance(f, dict) and f.get("status") == "ok" and f.get("input") and f.get("json"):
            where = f.get("input_resolved") or str(Path(str(f["input"])).resolve())
            out[str(where)] = folder / Path(str(f["json"])).name
    return out


def _pairs(inputs: Sequence[Path], earlier: dict[str, Path]) -> dict[Path, Path]:
    """Each input of this batch -> its previous results: those of the same file; else, for a
    file name that both batches have once (this month's folder, last month's), those of the file
    of that name."""
    out: dict[Path, Path] = {}
    here = Counter(p.name for p in inputs)
    now = {str(p.resolve()) for p in inputs}
    before: dict[str, list[str]] = {}
    for path in earlier:
        before.setdefault(Path(path).name, []).append(path)
    for p in inputs:
        same = earlier.get(str(p.resolve()))
        if same is not None:
            out[p] = same
        elif here[p.name] == 1 and len(before.get(p.name, ())) == 1 and before[p.name][0] not in now:
            out[p] = earlier[before[p.name][0]]
    return out


def _previous_doc(
    src: Path, name: str, folder: Path, earlier: dict[str, Path], pairs: dict[Path, Path]
) -> str | Path | dict[str, Any]:
    """What ``src`` is compared with: the results the previous batch's summary gives for the
    same input file (or the same file name, see :func:`_pairs`), else, without a summary, the
    file of the same output name (output names alone pair wrongly when inputs of the same name
    in other folders come and go: "a/sup.csv" and "c/sup.csv" are sup_screened and
    sup_screened-2 in the order given); without any, a previous run of no suppliers, so that
    its suppliers are all new and say why."""
    prev = pairs.get(src) if earlier else folder / name
    if prev is not None and prev.is_file():
        return prev
    return no_previous(f"{src.name} was not screened in the previous batch in {folder}")


def _reference(cfg: Config, paths: Sequence[str | Path]) -> Reference:
    """The lists once for all files, with the entity types the settings ask for (as screen_file)."""
    return load_reference(list(paths), entity_types=cfg.matching.entity_types)


def run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    reference_paths: Sequence[str | Path] = (),
    config: Config | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    decisions: str | Path | None = None,
    previous_dir: Path | None = None,
    progress: Callable[[FileOutcome], None] | None = None,
) -> BatchResult:
    """Screen each input; write its report and JSON into ``out_dir``, then the batch summary."""
    from screen.pipeline import screen_file, stale_lists

    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    cfg = config or Config()
    reference = _reference(cfg, reference_paths)
    book = DecisionBook.load(decisions) if decisions else None
    earlier = _previous_inputs(previous_dir) if previous_dir is not None else {}
    pairs = _pairs(inputs, earlier)
    files: list[FileOutcome] = []
    for src, stem in zip(inputs, _names(list(inputs)), strict=True):
        outcome = FileOutcome(src)
        report, js = out_dir / f"{stem}.xlsx", out_dir / f"{stem}.json"
        try:
            check_output_path(report, inputs)
            check_output_path(js, inputs)
            prev = (
                _previous_doc(src, js.name, previous_dir, earlier, pairs)
                if previous_dir is not None
                else None
            )
            res = screen_file(
                src,
                reference=reference,
                config=cfg,
                sheet=sheet,
                columns=columns,
                decisions=book,
                previous=prev,
            )
            res.write(xlsx=report, json=js)
            outcome.report, outcome.json = report, js
            outcome.rows, outcome.counts, outcome.worst = len(res.frame), res.counts(), res.worst()
            outcome.blank = res.blank_rows()
            outcome.sha256 = str(res.run["input"]["sha256"])
            if res.changes is not None:
                outcome.changes = {
                    **res.changes["counts"],
                    **{k: res.changes[k] for k in ("risk_up", "risk_down")},
                }
        except ScreenError as exc:
            outcome.status, outcome.error = "error", str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            log.debug("unexpected error on %s", src, exc_info=True)
            outcome.status, outcome.error = "error", f"unexpected {type(exc).__name__}: {exc}"
        files.append(outcome)
        if progress is not None:
            progress(outcome)
    when = dt.datetime.strptime(started, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    settings: dict[str, Any] = {
        "user": current_user(),
        "config_source": cfg.source,
        "config_sha256": cfg.sha256(),
        "reference_warnings": [*reference.warnings, *stale_lists(reference, when)],
    }
    if previous_dir is not None:
        paired = set(pairs.values())
        settings["previous"] = {
            "folder": str(previous_dir),
            # inputs of the previous batch not screened in this one: their suppliers are in no report
            "inputs_not_screened_now": sorted(i for i, js in earlier.items() if js not in paired),
        }
    result = BatchResult(out_dir, files, started, reference.describe(), settings)
    write_batch_summary(result)
    return result


def write_batch_summary(result: BatchResult) -> None:
    from screen.report.batch import write_batch_workbook

    doc = result.to_dict()
    result.summary_json = result.out_dir / SUMMARY_JSON
    result.summary_xlsx = result.out_dir / SUMMARY_XLSX

    def _w(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1)
            fh.write("\n")

    write_atomic(result.summary_json, _w)
    write_atomic(result.summary_xlsx, lambda tmp: write_batch_workbook(result, tmp))
