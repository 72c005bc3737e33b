"""`screen review` (decisions from a filled-in report) and `screen verify` (hashes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screen.cli import EXIT_ERROR, app, err, handle_errors, setup_logging

Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="Print only errors and warnings.")]
Debug = Annotated[bool, typer.Option("--debug", metavar="", help="Show tracebacks and debug logs.")]


@app.command("review")
def review(
    report: Annotated[
        Path, typer.Argument(help="A report written by 'screen run', with decisions filled in.")
    ],
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            "-d",
            metavar="FILE",
            help="Decisions file to create or merge into (default: decisions.csv beside the report).",
        ),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            metavar="NAME",
            help="Reviewer for rows whose Reviewer cell is empty (default: you).",
        ),
    ] = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Read the Decision, Reviewer, Decided on and Note cells of a report into a decisions file.

    The decisions file is a sorted CSV, one row per supplier and list entry; a newer decision replaces an older one, which is kept in its 'history' column. Screen the next file with 'screen run FILE --decisions decisions.csv' to carry the decisions forward.
    """
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.decisions import current_user, merge_decisions, read_decisions, write_decisions
        from screen.report.readback import read_report_decisions

        dest = decisions or report.parent / "decisions.csv"
        found, warnings = read_report_decisions(report, reviewer or current_user())
        existing = read_decisions(dest) if dest.is_file() else []
        merged, stats = merge_decisions(existing, found)
        write_decisions(dest, merged)
    for w in warnings:
        err(f"Warning: {w}")
    if not quiet:
        typer.echo(f"{report.name}: {len(found)} decision(s) read: {stats.text()}.")
        typer.echo(
            f"Wrote {dest} ({len(merged)} decision(s)). Use it with: screen run FILE --decisions {dest}"
        )


@app.command("verify")
def verify(
    report: Annotated[Path, typer.Argument(help="A report written by 'screen run'.")],
    input_path: Annotated[
        Path,
        typer.Option("--input", "-i", metavar="FILE", help="The supplier file the report should come from."),
    ],
    reference: Annotated[
        list[Path] | None,
        typer.Option(
            "--reference", "-r", metavar="FILE", help="A list file the report should have used (repeatable)."
        ),
    ] = None,
    config_path: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="The settings file of the run (default: ./screen.toml, else the defaults).",
        ),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", metavar="FILE", help="The reviewer decisions file the run applied."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", metavar="", help="Also list every hash that matches.")
    ] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check that a report was produced from exactly this input file, these lists, these settings and these reviewer decisions (SHA-256).

    Bundled lists are checked against the installed screen; lists added with --reference, and the decisions file, must be given again; settings are loaded as 'screen run' loads them. Exit 0 when everything matches, 1 with one line per mismatch.
    """
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.verify import verify_report

        v = verify_report(report, input_path, reference or [], config=config_path, decisions=decisions)
    if verbose and not quiet:
        for line in v.checked:
            typer.echo(f"OK        {line}")
    for line in v.mismatches:
        typer.echo(f"MISMATCH  {line}")
    if v.ok:
        if not quiet:
            typer.echo(
                f"{report.name}: verified: produced from exactly {input_path.name}, with the same lists, tables, "
                "settings and reviewer decisions "
                f"({len(v.checked)} SHA-256 hashes match). This checks what the report was made from, not the "
                "results written in it: to confirm those, screen the input again and compare."
            )
        return
    err(f"{report.name}: NOT verified: {len(v.mismatches)} mismatch(es).")
    raise typer.Exit(EXIT_ERROR)
