"""One benchmark case, run in its own process by ``run.py``; prints one JSON line.

    python benchmarks/cases.py screen   '{"lists": [...], "path": "...", "size": "100k"}'
    python benchmarks/cases.py baseline '{...}'

``screen``: the library as the CLI uses it (load the lists, ``screen_file``, write the
workbook and the JSON together, and the CSV when the rows exceed a sheet), timing each stage
through the progress callback, with the peak memory of this process and its worker processes.

``cli``: the ``screen run`` command itself, timed from outside (interpreter start to exit).

``baseline``: on the same file's distinct supplier names, normalised once, the fast path
(:func:`screen.matching.entities.best_matches`: candidates from the index, then the full
comparison) against brute force (``rapidfuzz.process.cdist`` of every supplier name with every
listed name, words sorted, ``fuzz.ratio`` (the index's word-level scorer) at the comparison's
floor, then the same full comparison of the pairs it keeps), both on all cores. A *hit* is a
(supplier name, listed entry) pair whose name score reaches the review threshold (80); recall
is the share of brute force's hits that the fast path also finds.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

# the screening stages as the benchmark reports them (pipeline progress stage -> column)
SAMPLE = 40  # supplier names compared exhaustively (half of them planted variants)
COLUMNS = {
    "read": "read",
    "countries": "prepare",
    "sectors": "prepare",
    "index": "reference",
    "match": "match",
}


class MemorySampler:
    """Peak memory of this process and its worker processes together, sampled every 0.2 s.

    Each process's proportional set size (PSS, /proc/PID/smaps_rollup) counts a page shared
    by forked workers once in total, so the sum is the memory the run really holds; where
    /proc is unavailable, the peak resident sizes of the process and of its largest worker
    are added (an upper bound).
    """

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _pss(pid: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def sample(self) -> None:
        pids = ["self"]
        for task in Path("/proc/self/task").glob("*"):
            try:
                pids += (task / "children").read_text().split()
            except OSError:
                pass
        self.peak_kb = max(self.peak_kb, sum(self._pss(p) for p in pids))

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def stop(self) -> dict[str, int]:
        self._stop.set()
        self._thread.join()
        self.sample()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        peak = self.peak_kb // 1024 or own + workers
        return {"peak_mb": peak, "rss_main_mb": own, "rss_worker_mb": workers}


def screen_case(spec: dict[str, Any]) -> dict[str, Any]:
    import gc

    from screen.cli import GC_THRESHOLDS
    from screen.outputs import PARALLEL_WRITE_MAX_ROWS
    from screen.pipeline import screen_file

    gc.set_threshold(*GC_THRESHOLDS)  # as the command sets it
    from screen.reference import load_reference
    from screen.report.xlsx import data_limit

    memory = MemorySampler()
    t0 = time.perf_counter()
    ref = load_reference(
        [Path(p) for p in spec["lists"]], bundled=not spec["lists"], entity_types=entity_types(spec)
    )
    reference_s = time.perf_counter() - t0
    stages: dict[str, float] = {}
    mark = {"stage": "", "at": time.perf_counter()}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != mark["stage"]:
            if mark["stage"]:
                col = COLUMNS.get(str(mark["stage"]), "assess")
                stages[col] = stages.get(col, 0.0) + now - float(mark["at"])
            mark.update(stage=stage, at=now)

    results = screen_file(spec["path"], reference=ref, progress=progress)
    progress("end", 1, 1)
    reference_s += stages.pop("reference", 0.0)
    OUT.mkdir(exist_ok=True)
    stem = Path(spec["path"]).stem
    over = len(results.frame) > data_limit()  # as the CLI does: every row goes to the CSV
    t = time.perf_counter()
    results.write(
        xlsx=OUT / f"{stem}.xlsx", json=OUT / f"{stem}.json", csv=OUT / f"{stem}.csv" if over else None
    )
    write_s = time.perf_counter() - t
    out = {
        "rows": len(results.frame),
        "list_names": len(ref.name_index),
        "reference_s": round(reference_s, 2),
        "stages": {k: round(v, 2) for k, v in stages.items()},
        "write_s": round(write_s, 2),
        "inside_s": round(time.perf_counter() - t0, 2),
        **memory.stop(),
        "planted": planted_found(results, Path(spec["path"])),
    }
    # each output on its own as well, what it costs without the other (above this many rows
    # the two are written one after the other anyway)
    if len(results.frame) <= PARALLEL_WRITE_MAX_ROWS:
        alone: dict[str, float] = {}
        for kind in ("xlsx", "json"):
            t = time.perf_counter()
            results.write(**{kind: OUT / f"{stem}.alone.{kind}"})
            alone[kind] = round(time.perf_counter() - t, 2)
        out["write_alone_s"] = alone
    return out


def planted_found(results: Any, path: Path) -> str:
    """Planted variants of loaded entries that the run reports (review or hit), as found/planted."""
    planted = path.with_name(path.stem + ".planted.csv")
    if not planted.is_file():
        return "–"
    entries = results.reference.entry_by_id
    by_row = dict(zip(results.frame["_row"].tolist(), results.frame["matches"].tolist(), strict=True))
    found = total = 0
    with planted.open(encoding="utf-8", newline="") as fh:
        for p in csv.DictReader(fh):
            if p["ref_id"] not in entries:
                continue
            total += 1
            ids = {i for m in by_row.get(int(p["row"]), ()) for i in (m.ref_id, *m.linked_ids)}
            found += p["ref_id"] in ids
    return f"{found}/{total}"


T = TypeVar("T")
REPEAT = 3  # the fast path and brute force are each timed this many times: the median counts


def timed(run: Callable[[], T]) -> tuple[float, T]:
    """The median wall time of REPEAT runs of ``run``, and the last run's result."""
    times: list[float] = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def baseline_case(spec: dict[str, Any]) -> dict[str, Any]:
    import gc

    import numpy as np
    from rapidfuzz import fuzz, process

    from screen.cli import GC_THRESHOLDS
    from screen.columns import map_columns
    from screen.config import MatchingConfig
    from screen.matching.entities import best_matches, best_per_entry, score_floor
    from screen.normalize import normalize_name
    from screen.parallel import map_parts
    from screen.pipeline import supplier_frame
    from screen.read import read_table
    from screen.reference import load_reference

    gc.set_threshold(*GC_THRESHOLDS)  # as the command sets it (for both paths)
    cfg = MatchingConfig()
    floor = score_floor(cfg)
    ref = load_reference(
        [Path(p) for p in spec["lists"]], bundled=not spec["lists"], entity_types=entity_types(spec)
    )
    index = ref.name_index
    table = read_table(spec["path"])
    _, frame = supplier_frame(table, map_columns(table.headers, None, source=Path(spec["path"]).name))
    names = sorted({n for n in frame["name"].tolist() if str(n).strip()})
    t = time.perf_counter()
    norms = [normalize_name(n) for n in names]
    normalise_s = time.perf_counter() - t

    # both paths start from the names normalised (above): the fast path is not timed on normalising again
    normalised = dict(zip(names, norms, strict=True))
    fast_s, fast = timed(lambda: best_matches(names, index, cfg, workers=2, normalised=normalised))
    fast_hits = {
        (n, e) for n, (_, found) in fast.items() for e, b in found.items() if b.cmp.score >= cfg.review
    }

    def brute_force() -> tuple[int, set[tuple[str, str]]]:
        queries = [" ".join(sorted(q.tokens)) for q in norms]
        choices = [" ".join(sorted(x.norm.tokens)) for x in index.names]
        rows: list[Any] = []
        cols: list[Any] = []
        block = 4096
        for start in range(0, len(queries), block):
            m = process.cdist(
                queries[start : start + block],
                choices,
                scorer=fuzz.ratio,
                score_cutoff=floor,
                dtype=np.uint8,
                workers=-1,
            )
            r, c = np.nonzero(m)
            rows.append(r + start)
            cols.append(c)
        qi, ci = np.concatenate(rows), np.concatenate(cols)
        order = np.argsort(qi, kind="stable")
        qi, ci = qi[order], ci[order]
        bounds = np.searchsorted(qi, np.arange(len(names) + 1))
        chunks = [range(s, min(s + 5000, len(names))) for s in range(0, len(names), 5000)]

        def compare_chunk(part: range) -> list[tuple[str, str]]:
            hits: list[tuple[str, str]] = []
            for q in part:
                cands = ci[bounds[q] : bounds[q + 1]].tolist()
                for e, b in best_per_entry(norms[q], index, cands, cfg).items():
                    if b.cmp.score >= cfg.review:
                        hits.append((names[q], e))
            return hits

        return len(qi), {h for part in map_parts(compare_chunk, chunks, workers=2) for h in part}

    brute_s, (pairs, brute_hits) = timed(brute_force)
    both = len(fast_hits & brute_hits)
    exhaustive = exhaustive_sample(Path(spec["path"]), names, norms, index, cfg, fast_hits)
    return {
        "names": len(names),
        "normalise_s": round(normalise_s, 2),
        "fast_s": round(fast_s, 3),
        "brute_s": round(brute_s, 2),
        "brute_pairs": int(pairs),
        "brute_hits": len(brute_hits),
        "fast_hits": len(fast_hits),
        "both": both,
        "only_fast": len(fast_hits - brute_hits),
        "recall": round(both / len(brute_hits), 4) if brute_hits else 1.0,
        "missed": sorted(f"{n} ~ {e}" for n, e in brute_hits - fast_hits)[:20],
        "exhaustive": exhaustive,
    }


def exhaustive_sample(
    path: Path, names: list[str], norms: list[Any], index: Any, cfg: Any, fast_hits: set[tuple[str, str]]
) -> dict[str, Any]:
    """The full comparison of a sample of supplier names with every listed name: the fast
    path's recall of all its hits, and the time all pairs would take (extrapolated)."""
    import random

    from screen.matching.entities import best_per_entry
    from screen.parallel import map_parts

    planted = path.with_name(path.stem + ".planted.csv")
    wanted: list[str] = []
    if planted.is_file():
        with planted.open(encoding="utf-8", newline="") as fh:
            wanted = sorted({p["supplier"] for p in csv.DictReader(fh)})
    rng = random.Random(1)
    at = {n: i for i, n in enumerate(names)}
    pool = [at[n] for n in wanted if n in at]
    sample = rng.sample(pool, min(SAMPLE // 2, len(pool)))
    sample += rng.sample(
        sorted(set(range(len(names))) - set(sample)), min(SAMPLE - len(sample), len(names) - len(sample))
    )
    everything = list(range(len(index.names)))
    t = time.perf_counter()
    found = map_parts(lambda q: best_per_entry(norms[q], index, everything, cfg), sample, workers=2)
    seconds = time.perf_counter() - t
    hits = {
        (names[q], e)
        for q, f in zip(sample, found, strict=True)
        for e, b in f.items()
        if b.cmp.score >= cfg.review
    }
    return {
        "names": len(sample),
        "hits": len(hits),
        "found": len(hits & fast_hits),
        "recall": round(len(hits & fast_hits) / len(hits), 4) if hits else 1.0,
        "all_pairs_s": round(seconds * len(names) / max(len(sample), 1), 1),
    }


def entity_types(spec: dict[str, Any]) -> tuple[str, ...]:
    """The kinds of listed names a case screens: entities, and individuals when the case asks
    (as ``include_individuals = true`` in ``screen.toml`` does)."""
    return ("entity", "individual") if spec.get("individuals") else ("entity",)


CLI_RUNS = 3  # single runs of the command spread by 10-15% on the reference machine


def cli_case(spec: dict[str, Any]) -> dict[str, Any]:
    """``screen run FILE -o report.xlsx --json results.json --quiet`` as a user runs it:
    the wall time of the whole command, interpreter start to exit. A first run with no stored
    name index (it builds the index and stores it: ``cli_first_s``), then CLI_RUNS runs that
    load it, as every later run against the same lists does (``cli_wall_s``, their median)."""
    import subprocess
    import tempfile

    OUT.mkdir(exist_ok=True)
    stem = Path(spec["path"]).stem
    cmd = [str(Path(sys.executable).with_name("screen")), "run", spec["path"], "--quiet"]
    cmd += ["-o", str(OUT / f"{stem}.cli.xlsx"), "--json", str(OUT / f"{stem}.cli.json")]
    for p in spec["lists"]:
        cmd += ["--reference", p]
    if spec.get("individuals"):
        config = OUT / "individuals.toml"
        config.write_text("[matching]\ninclude_individuals = true\n", encoding="utf-8")
        cmd += ["--config", str(config)]
    walls: list[float] = []
    with tempfile.TemporaryDirectory(prefix="screen-bench-cache-") as folder:
        env = {**os.environ, "SCREEN_CACHE_DIR": folder}  # empty: the first run builds the index
        for _ in range(1 + CLI_RUNS):
            t = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
            walls.append(time.perf_counter() - t)
            if proc.returncode not in (0, 3):
                raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return {
        "cli_first_s": round(walls[0], 2),
        "cli_wall_s": round(statistics.median(walls[1:]), 2),
        "cli_walls_s": [round(w, 2) for w in walls],
    }


CASES = {"screen": screen_case, "baseline": baseline_case, "cli": cli_case}

if __name__ == "__main__":
    mode, spec = sys.argv[1], json.loads(sys.argv[2])
    out = CASES[mode](spec)
    print(json.dumps(out))
