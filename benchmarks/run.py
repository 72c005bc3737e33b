"""``make bench``: screen generated supplier files, time each stage, compare with brute force.

    python benchmarks/run.py [--sizes 1k,10k,100k] [--1m] [--no-baseline] [--no-readme]

Lists: (a) the bundled lists; (b) the full OFAC SDN (entities), imported from
``../shared/reference-sources/official/`` when that folder exists (else skipped, with a
message). Data: ``benchmarks/data/`` (generated once by ``generate.py``, gitignored). Each
case runs in its own process (``--child``) so that its peak memory is its own. The 1M-row
CSV case runs with ``--1m`` or ``BENCH_1M=1``. Results go to ``benchmarks/results.json``
and the table in ``benchmarks/README.md`` (cases not run this time keep their last figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OFFICIAL = HERE.parent.parent / "shared" / "reference-sources" / "official"
SDN_LIST = DATA / "ofac_sdn_entities.csv"
RESULTS = HERE / "results.json"
README = HERE / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
PEOPLE = "sdn+individuals"


def case_id(lists: str, size: str, fmt: str) -> str:
    return f"{lists}-{size}-{fmt}"


def prepare_lists() -> dict[str, list[str]]:
    """List files per list set: "bundled" (none extra); "sdn" and "sdn+individuals" when the
    official files exist."""
    sets: dict[str, list[str]] = {"bundled": []}
    sdn = OFFICIAL / "ofac_sdn_2024-05-03.csv"
    if not sdn.is_file():
        print(f"skipping the full OFAC SDN: {OFFICIAL} not found")
        return sets
    if not SDN_LIST.is_file():
        from screen.importers import import_list, write_list_file

        result = import_list(
            "ofac-csv", sdn, alt=OFFICIAL / "ofac_alt_2026.csv", add=OFFICIAL / "ofac_add_2026.csv"
        )
        DATA.mkdir(parents=True, exist_ok=True)
        write_list_file(result, SDN_LIST)
        print(f"imported {sdn.name}: {result.entries} entries, {result.names} names -> {SDN_LIST}")
    sets["sdn"] = [str(SDN_LIST)]
    sets[PEOPLE] = [str(SDN_LIST)]  # the same list with its individuals screened too: 100k xlsx only
    return sets


def prepare_data(sizes: list[str], formats: dict[str, list[str]], extra_lists: list[str]) -> None:
    """Generate the supplier files that are missing or were planted from other lists."""
    import generate

    stamp = {"seed": generate.SEED, "lists": extra_lists, "generator": _generator_hash()}
    meta = DATA / "meta.json"
    if meta.is_file() and json.loads(meta.read_text()) != stamp:
        for p in DATA.glob("suppliers_*"):
            p.unlink()
    DATA.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps(stamp))
    listed = None
    for size in sizes:
        missing = [f for f in formats[size] if not (DATA / f"suppliers_{size}.{f}").is_file()]
        if missing:
            if listed is None:
                listed = [generate.read_listed(generate.bundled_lists())]
                listed += [generate.read_listed([Path(p)]) for p in extra_lists]
            t = time.perf_counter()
            generate.write_all(DATA, size, missing, listed)
            print(f"generated suppliers_{size} ({', '.join(missing)}) in {time.perf_counter() - t:.1f} s")


def _generator_hash() -> str:
    import hashlib

    return hashlib.sha256((HERE / "generate.py").read_bytes() + (HERE / "vocab.py").read_bytes()).hexdigest()[
        :16
    ]


def run_child(mode: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one case in a fresh process; its last output line is the JSON result."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(HERE / "cases.py"), mode, json.dumps(spec)],
        capture_output=True,
        text=True,
        check=False,
        # the stages are timed with the name index built, not loaded as stored (the command's
        # runs have a cache folder of their own: see cases.cli_case)
        env={**os.environ, "SCREEN_CACHE_DIR": "off"},
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{mode} {spec} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = round(wall, 2)
    return result


def machine() -> dict[str, str]:
    import pandas
    import rapidfuzz

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "date": dt.date.today().isoformat(),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "rapidfuzz": rapidfuzz.__version__,
        "pandas": pandas.__version__,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1k,10k,100k")
    ap.add_argument("--1m", dest="million", action="store_true", default=os.environ.get("BENCH_1M") == "1")
    ap.add_argument("--no-baseline", action="store_true", help="skip the brute-force comparison")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    sets = prepare_lists()
    sizes = [s for s in args.sizes.split(",") if s]
    if args.million and "1m" not in sizes:
        sizes.append("1m")
    formats = {s: ["csv"] if s == "1m" else ["xlsx", "csv"] if s == "100k" else ["xlsx"] for s in sizes}
    prepare_data(sizes, formats, sets.get("sdn", []))
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {"cases": {}}
    results["machine"] = machine()
    for lists, paths in sets.items():
        for size in sizes:
            for fmt in formats[size]:
                if fmt == "csv" and size == "100k" and lists == "bundled":
                    continue  # one CSV case at 100k is enough
                if lists == PEOPLE and (size, fmt) != ("100k", "xlsx"):
                    continue
                spec = {"lists": paths, "path": str(DATA / f"suppliers_{size}.{fmt}"), "size": size}
                spec["individuals"] = lists == PEOPLE
                cid = case_id(lists, size, fmt)
                print(f"{cid}: screening ...", flush=True)
                res = run_child("screen", spec)
                if size != "1m":
                    print(f"{cid}: screen run ...", flush=True)
                    cli = run_child("cli", spec)
                    cli.pop("process_wall")  # three runs of the command: the case's own wall stays
                    res.update(cli)
                if not args.no_baseline and size != "1m" and fmt == formats[size][0]:
                    print(f"{cid}: brute-force baseline ...", flush=True)
                    res["baseline"] = run_child("baseline", spec)
                res.update(lists=lists, size=size, format=fmt, measured=results["machine"]["date"])
                results["cases"][cid] = res
                print(f"{cid}: {summary(res)}", flush=True)
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    if not args.no_readme:
        write_readme(results)
        print(f"wrote {README.relative_to(HERE.parent)}")


def summary(r: dict[str, Any]) -> str:
    s = f"{r['rows']:,} rows in {wall(r):.1f} s, peak {r['peak_mb']:,} MB"
    b = r.get("baseline")
    if b:
        s += f"; match {b['fast_s']:.2f} s vs brute force {b['brute_s']:.1f} s, recall {b['recall']:.3f}"
    return s


def table(results: dict[str, Any]) -> str:
    m = results["machine"]
    head = (
        f"Measured {m['date']} on {m['nproc']} cores ({m['cpu']}), Python {m['python']}, "
        f"rapidfuzz {m['rapidfuzz']}, pandas {m['pandas']}.\n\n"
        "| case | rows | list names | wall | wall, first run | reference | read | prepare | match | assess "
        "| write xlsx ∥ json | xlsx / json alone | rows/s | peak MB | normalise (names) | match (names) "
        "| brute force | speed-up | recall | only fast "
        "| all pairs, full comparison (est.) | recall of all-pairs hits (sample) | planted found |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    order = {"1k": 0, "10k": 1, "100k": 2, "1m": 3}
    lines = []
    for cid, r in sorted(
        results["cases"].items(), key=lambda kv: (kv[1]["lists"], order[kv[1]["size"]], kv[0])
    ):
        st = r["stages"]
        b = r.get("baseline") or {}
        base = (
            f"{b['normalise_s']:.2f} s | {b['fast_s']:.2f} s | {b['brute_s']:.1f} s "
            f"| {b['brute_s'] / max(b['fast_s'], 1e-9):.1f}× "
            f"| {b['recall']:.3f} ({b['both']}/{b['brute_hits']}) | {b['only_fast']}"
            if b
            else "– | – | – | – | – | –"
        )
        alone = r.get("write_alone_s") or {}
        solo = f"{alone['xlsx']:.1f} / {alone['json']:.1f}" if alone else "–"
        x = b.get("exhaustive")
        base += (
            f" | {_duration(x['all_pairs_s'])} | {x['recall']:.3f} ({x['found']}/{x['hits']} in {x['names']} names)"
            if x
            else " | – | –"
        )
        lines.append(
            f"| {cid} | {r['rows']:,} | {r['list_names']:,} | **{wall(r):.1f} s** | {first(r)} "
            f"| {r['reference_s']:.1f} "
            f"| {st.get('read', 0):.1f} | {st.get('prepare', 0):.1f} | {st.get('match', 0):.1f} "
            f"| {st.get('assess', 0):.1f} | {r['write_s']:.1f} | {solo} "
            f"| {r['rows'] / wall(r):,.0f} | {r['peak_mb']:,} | {base} | {r['planted']} |"
        )
    return head + "\n".join(lines) + "\n"


def wall(r: dict[str, Any]) -> float:
    """The ``screen run`` command's wall time; for cases without it (1M rows), the case process's."""
    return float(r.get("cli_wall_s") or r["process_wall"])


def first(r: dict[str, Any]) -> str:
    """The command's first run against its lists (the name index built and stored), if timed."""
    return f"{r['cli_first_s']:.1f} s" if "cli_first_s" in r else "–"


def _duration(seconds: float) -> str:
    return (
        f"{seconds / 3600:.1f} h"
        if seconds >= 3600
        else f"{seconds / 60:.0f} min"
        if seconds >= 60
        else f"{seconds:.0f} s"
    )


def write_readme(results: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8") if README.is_file() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(f"{before}{START}\n{table(results)}{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
