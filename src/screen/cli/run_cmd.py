"""`screen run`: screen supplier files and write the report."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screen.cli import EXIT_ERROR, EXIT_FAIL_ON, app, err, handle_errors, setup_logging

if TYPE_CHECKING:
    from screen.config import Config
    from screen.parallel import Progress

RISK_LEVELS = ("high", "medium", "low")


def parse_columns(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        field, sep, header = v.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise typer.BadParameter(
                f"'{v}' is not FIELD=HEADER, e.g. --column name=\"Vendor Name\"", param_hint="--column"
            )
        key = field.strip().lower()
        if key in out and out[key] != header.strip():
            raise typer.BadParameter(
                f"{key} is given twice ('{out[key]}' and '{header.strip()}'); give each field once",
                param_hint="--column",
            )
        out[key] = header.strip()
    return out


@app.command("run")
def run(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Supplier file(s), a folder or a glob: .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt .tab"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Excel report to write (default: <input>_screened.xlsx in the current folder); for several inputs, a folder "
            "(default: ./screen-reports/).",
        ),
    ] = None,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", metavar="FILE", help="Also write results as JSON (screen.results/1)."),
    ] = None,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", metavar="FILE", help="Also write one CSV row per supplier.")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help="Sheet to read (default: detected).")
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            "-c",
            metavar="FIELD=HEADER",
            help='Override a column: FIELD=HEADER, e.g. name="Vendor Name" (repeatable).',
        ),
    ] = None,
    reference: Annotated[
        list[Path] | None,
        typer.Option(
            "--reference", "-r", metavar="FILE", help="Extra list file to screen against (repeatable)."
        ),
    ] = None,
    config_path: Annotated[
        Path | None, typer.Option("--config", metavar="FILE", help="Settings file (default: ./screen.toml).")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on", metavar="LEVEL", help="Exit 3 when any supplier is at or above: high, medium or low."
        ),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            "-d",
            metavar="FILE",
            help="Reviewers' decisions to apply (written by 'screen review').",
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            metavar="PATH",
            help="Previous run's JSON results: mark suppliers new, changed, unchanged or removed "
            "(for several inputs: the previous run's output folder).",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", metavar="", help="Print only errors (warnings stay in the JSON and the Summary)."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", metavar="", help="Show tracebacks and debug logs.")
    ] = False,
) -> None:
    """Screen supplier file(s) and write a flagged Excel report (and JSON/CSV).

    Several inputs, a folder or a glob screen every supplier file into the -o folder, one report and JSON per input plus batch-summary.xlsx/.json. Exit codes: 0 done; 1 error (in a batch: any file failed; the others are still screened); 2 usage error; 3 --fail-on level reached (in a batch: in any file, when none failed).
    """
    if fail_on is not None:
        fail_on = fail_on.strip().lower()  # (HIGH, High: the level)
    if fail_on is not None and fail_on not in RISK_LEVELS:
        raise typer.BadParameter(
            f"'{fail_on}' is not one of: {', '.join(RISK_LEVELS)}", param_hint="--fail-on"
        )
    overrides = parse_columns(column or [])
    from screen.batch import is_batch

    batch = is_batch(inputs)
    if batch and (json_path or csv_path):
        raise typer.BadParameter(
            "a folder, a glob or several inputs make a batch, whose JSON files are written beside "
            "their reports in the -o folder: leave out --json/--csv, or name one file",
            param_hint="--json/--csv",
        )
    if batch and previous is not None and not previous.is_dir():
        raise typer.BadParameter(
            "with several inputs, pass the previous run's output folder", param_hint="--previous"
        )
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.config import load_config
        from screen.outputs import check_distinct_outputs, check_output_path
        from screen.pipeline import screen_file
        from screen.results import issue_lines

        cfg = load_config(config_path)
        if batch:
            _batch(
                inputs,
                output or Path("screen-reports"),
                reference or [],
                cfg,
                sheet,
                overrides,
                decisions,
                previous,
                fail_on,
                quiet,
            )
            return
        src = inputs[0]
        out = output or Path(f"{src.stem}_screened.xlsx")
        given = [(out, "-o"), (json_path, "--json"), (csv_path, "--csv")]
        targets = [p for p, _ in given if p is not None]
        for t, option in given:
            if t is not None:
                check_output_path(t, inputs, option)
        check_distinct_outputs(out, json_path, csv_path)
        with progress_bar(quiet) as progress:
            results = screen_file(
                src,
                reference_paths=reference or [],
                config=cfg,
                sheet=sheet,
                columns=overrides,
                decisions=decisions,
                previous=previous,
                progress=progress,
            )
            if not (json_path or csv_path) and len(results.frame) > excel_data_rows():
                csv_path = out.with_suffix(".csv")  # the workbook cannot hold every row: the CSV does
                check_output_path(csv_path, inputs, "-o")
                targets.append(csv_path)
            if progress:
                progress("write", 0, 1)
            results.write(xlsx=out, json=json_path, csv=csv_path)
        if not quiet:
            run = results.run
            typer.echo(f"Columns: {', '.join(f'{k}={v!r}' for k, v in run['columns'].items())}")
            lists = ", ".join(
                f"{r['list']} {r['version']} ({r['entries']} entries)" for r in run["reference"]
            )
            typer.echo(f"Lists: {lists or 'none'}")
            for w in run.get("reference_warnings", []):
                err(f"Warning: {w}")
            typer.echo(results.summary_line())
            for line in issue_lines(results.issues):
                err(f"Note: {line}")
            if results.changes is not None:
                from screen.rescreen import change_line

                typer.echo(change_line(results.changes))
            written = ", ".join(str(t) for t in targets)
            typer.echo(f"Wrote {written}")
        if fail_on and results.at_or_above(fail_on):
            if not quiet:
                err(
                    f"{results.at_or_above(fail_on)} supplier(s) at or above '{fail_on}' (--fail-on): exit 3."
                )
            raise typer.Exit(EXIT_FAIL_ON)


STAGES = {
    "read": "Reading",
    "countries": "Countries",
    "sectors": "Sectors",
    "index": "Indexing lists",
    "match": "Matching names",
    "assess": "Assessing",
    "write": "Writing report",
}
BAR_DELAY = 2.0  # seconds: shorter runs never show a bar


@contextlib.contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr once a run has taken a few seconds.

    None with ``--quiet`` or when stderr is not a terminal (a pipe, a log file, CI).
    """
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description:<15}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # no drawing thread: the matching stage forks worker processes
    )
    task = bar.add_task("Starting", total=None, count="")
    started = time.monotonic()
    shown = False

    def update(stage: str, done: int, total: int) -> None:
        nonlocal shown
        counted = total > 1
        bar.update(
            task,
            description=STAGES.get(stage, stage),
            completed=done if counted else 0,
            total=total if counted else None,
            count=f"{done:,}/{total:,} names" if counted else "",
        )
        if not shown and time.monotonic() - started >= BAR_DELAY:
            bar.start()
            shown = True
        if shown:
            bar.refresh()

    try:
        yield update
    finally:
        if shown:
            bar.stop()


def excel_data_rows() -> int:
    from screen.report import xlsx

    return xlsx.data_limit()


def _batch(
    inputs: list[Path],
    out_dir: Path,
    reference: list[Path],
    cfg: Config,
    sheet: str | None,
    overrides: dict[str, str],
    decisions: Path | None,
    previous: Path | None,
    fail_on: str | None,
    quiet: bool,
) -> None:
    """Several inputs: one report each in ``out_dir``, a batch summary, one line per file."""
    from screen.batch import FileOutcome, expand_inputs, run_batch

    files = expand_inputs(inputs, exclude=out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    def progress(f: FileOutcome) -> None:
        if f.status != "ok":
            err(f"{f.input}: Error: {f.error}")
        elif not quiet:
            c = f.counts
            typer.echo(
                f"{f.input}: {f.rows} rows"
                + (f" ({f.blank} blank, counted as clear)" if f.blank else "")
                + " — "
                f"high {c['high']}, medium {c['medium']}, low {c['low']}, "
                f"clear {c['clear']} -> {f.report}"
            )

    result = run_batch(
        files,
        out_dir,
        reference_paths=reference,
        config=cfg,
        sheet=sheet,
        columns=overrides,
        decisions=decisions,
        previous_dir=previous,
        progress=progress,
    )
    if not quiet:
        typer.echo(
            f"{len(result.files)} file(s), {len(result.failed)} failed. Wrote {result.summary_xlsx}, "
            f"{result.summary_json}"
        )
    if result.failed:
        raise typer.Exit(EXIT_ERROR)
    if fail_on and result.at_or_above(fail_on):
        if not quiet:
            err(f"{result.at_or_above(fail_on)} supplier(s) at or above '{fail_on}' (--fail-on): exit 3.")
        raise typer.Exit(EXIT_FAIL_ON)
