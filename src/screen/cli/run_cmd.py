"""`screen run`: screen supplier files and write the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screen.cli import EXIT_FAIL_ON, app, err, handle_errors, setup_logging

RISK_LEVELS = ("high", "medium", "low")


def parse_columns(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        field, sep, header = v.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise typer.BadParameter(
                f"'{v}' is not FIELD=HEADER, e.g. --column name=\"Vendor Name\"", param_hint="--column"
            )
        out[field.strip().lower()] = header.strip()
    return out


@app.command("run")
def run(
    inputs: Annotated[
        list[Path], typer.Argument(help="Supplier file(s): .xlsx .xlsm .xls .ods .csv .tsv .txt")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Excel report to write (default: <input>_screened.xlsx)."),
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write results as JSON (screen.results/1).")
    ] = None,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", help="Also write one CSV row per supplier.")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Sheet to read (default: detected).")] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column", "-c", help='Override a column: FIELD=HEADER, e.g. name="Vendor Name" (repeatable).'
        ),
    ] = None,
    reference: Annotated[
        list[Path] | None,
        typer.Option("--reference", "-r", help="Extra list file to screen against (repeatable)."),
    ] = None,
    config_path: Annotated[
        Path | None, typer.Option("--config", help="Settings file (default: ./screen.toml).")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 3 when any supplier is at or above: high, medium or low."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
) -> None:
    """Screen supplier file(s) and write a flagged Excel report (and JSON/CSV)."""
    if fail_on is not None and fail_on not in RISK_LEVELS:
        raise typer.BadParameter(
            f"'{fail_on}' is not one of: {', '.join(RISK_LEVELS)}", param_hint="--fail-on"
        )
    overrides = parse_columns(column or [])
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.config import load_config
        from screen.outputs import check_output_path
        from screen.pipeline import screen_file

        cfg = load_config(config_path)
        if len(inputs) > 1:
            raise typer.BadParameter(
                "give one input file (batch runs over several files come later)", param_hint="INPUTS"
            )
        src = inputs[0]
        out = output or Path(f"{src.stem}_screened.xlsx")
        targets = [p for p in (out, json_path, csv_path) if p is not None]
        for t in targets:
            check_output_path(t, inputs)
        results = screen_file(
            src, reference_paths=reference or [], config=cfg, sheet=sheet, columns=overrides
        )
        results.write_xlsx(out)
        if json_path:
            results.write_json(json_path)
        if csv_path:
            results.write_csv(csv_path)
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
            written = ", ".join(str(t) for t in targets)
            typer.echo(f"Wrote {written}")
        if fail_on and results.at_or_above(fail_on):
            if not quiet:
                err(
                    f"{results.at_or_above(fail_on)} supplier(s) at or above '{fail_on}' (--fail-on): exit 3."
                )
            raise typer.Exit(EXIT_FAIL_ON)
