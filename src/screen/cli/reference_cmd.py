"""`screen reference import | validate | diff`: load a newer official list, check a list, compare two.

Each command calls :mod:`screen.importers` and prints a summary; the library never prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screen.cli import EXIT_ERROR, handle_errors, setup_logging

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Import, validate and diff reference lists.",
)

KIND_HELP = "List format: ofac-csv, ofac-xml, un-xml, uk, eu, opensanctions or custom."
Quiet = Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="Print only errors.")]
Debug = Annotated[bool, typer.Option("--debug", metavar="", help="Show tracebacks and debug logs.")]


@app.command("list")
def list_cmd(
    reference: Annotated[
        list[Path] | None,
        typer.Option("--reference", "-r", metavar="FILE", help="Also show this list file (repeatable)."),
    ] = None,
    all_types: Annotated[
        bool, typer.Option("--all", metavar="", help="Include individuals, vessels and aircraft lists.")
    ] = False,
) -> None:
    """Show the active lists: name, version, entries, file and SHA-256."""
    with handle_errors():
        from screen.reference import load_reference

        types = ("entity", "individual", "vessel", "aircraft") if all_types else ("entity",)
        ref = load_reference(list(reference or []), entity_types=types)
        for info in ref.lists:
            note = f"  [{info.note}]" if info.note else ""
            typer.echo(
                f"{info.name:<9} {info.version:<38} {info.entries:>6} entries  {Path(info.path).name}  "
                f"sha256 {info.sha256[:12]}…{note}"
            )
        for t in ref.tables:
            note = f"  [{t.note}]" if t.note else ""
            typer.echo(
                f"{'table':<9} {t.name:<38} {t.rows:>6} rows     {Path(t.path).name}  sha256 {t.sha256[:12]}…{note}"
            )
        for w in ref.warnings:
            typer.echo(f"Warning: {w}", err=True)


@app.command("show")
def show_cmd(
    ref_id: Annotated[
        str, typer.Argument(help="LIST:ID (OFAC-SDN:19612, UN-SC:KPe.050, UK:DPR0174) or just the ID.")
    ],
    reference: Annotated[
        list[Path] | None,
        typer.Option("--reference", "-r", metavar="FILE", help="Also search this list file (repeatable)."),
    ] = None,
) -> None:
    """Show one entry: names and aliases, programs, countries, dates, linked entries, source."""
    with handle_errors():
        from screen.reference import load_reference

        ref = load_reference(
            list(reference or []), entity_types=("entity", "individual", "vessel", "aircraft")
        )
        entries = ref.entry_by_id
        key = ref_id if ref_id in entries else next((k for k in entries if k.split(":", 1)[1] == ref_id), "")
        if not key:
            typer.echo(
                f"Error: no entry {ref_id!r} in the active lists; see 'screen reference list'.", err=True
            )
            raise typer.Exit(EXIT_ERROR)
        e = entries[key]
        typer.echo(f"{key}  {e['name']}  ({e['entity_type']})")
        for label, col in (("programs", "programs"), ("countries", "countries")):
            values = e[col]
            typer.echo(
                f"  {label}: {', '.join(map(str, values)) if isinstance(values, tuple) else values or '-'}"
            )
        typer.echo(f"  listed on: {e['listed_on'] or '-'}")
        typer.echo(f"  source: {e['source']} ({e['source_date']})")
        if e.get("remarks"):
            typer.echo(f"  remarks: {e['remarks']}")
        names = ref.names[ref.names["ref_id"] == key]
        for name_type, name in zip(names["name_type"], names["name"], strict=True):
            if name_type != "primary":
                typer.echo(f"  {name_type:<8} {name}")
        group = str(e.get("group_id") or "")
        if group:
            linked = [k for k, v in entries.items() if v.get("group_id") == group and k != key]
            typer.echo(f"  same entity on other lists: {', '.join(sorted(linked)) or '-'}")


@app.command("import")
def import_cmd(
    kind: Annotated[str, typer.Argument(help=KIND_HELP, metavar="KIND")],
    path: Annotated[Path, typer.Argument(help="The official file (sdn.csv, consolidated.xml, .ods ...).")],
    alt: Annotated[
        Path | None, typer.Option("--alt", metavar="FILE", help="OFAC alt.csv (aliases), with ofac-csv.")
    ] = None,
    add: Annotated[
        Path | None, typer.Option("--add", metavar="FILE", help="OFAC add.csv (addresses), with ofac-csv.")
    ] = None,
    program: Annotated[
        str | None,
        typer.Option(
            "--program",
            metavar="PROGRAM",
            help="Keep one program: DPRK = North Korea-related (program, remarks or address).",
        ),
    ] = None,
    list_name: Annotated[
        str | None,
        typer.Option(
            "--list-name",
            metavar="NAME",
            help="Name of the list (default: OFAC-SDN, UN-SC, UK, EU, OS, CUSTOM).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="List file to write (default: ~/.local/share/screen/lists/<list>-<date>.csv).",
        ),
    ] = None,
    entities_only: Annotated[
        bool, typer.Option("--entities-only", metavar="", help="Leave out individuals, vessels and aircraft.")
    ] = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Import an official sanctions file (or your own watchlist) as a list file for --reference."""
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.importers import import_list, write_list_file
        from screen.importers.listfile import default_list_path

        result = import_list(
            kind,
            path,
            alt=alt,
            add=add,
            program=program,
            list_name=list_name,
            include_individuals=not entities_only,
            include_vessels=not entities_only,
        )
        dest = write_list_file(result, out or default_list_path(result.list_name, result.source_date))
    prepared, why = _prepare_index(dest)
    if quiet:
        return
    typer.echo(
        f"Imported {result.list_name} ({result.source_date or 'undated'}): {result.entries:,} entries, "
        f"{result.names:,} names -> {dest}"
    )
    typer.echo(f"Source: {result.source}")
    if result.filtered:
        typer.echo("Left out: " + ", ".join(f"{n:,} {why}" for why, n in sorted(result.filtered.items())))
    for line in result.problems.lines():
        typer.echo(f"  {line}")
    if why:
        typer.echo(f"Name index not prepared ({why}): the first run against the file builds it.", err=True)
    if prepared:
        typer.echo(
            f"Name index prepared for runs against it ({prepared:,} names), stored for their first run."
        )
    typer.echo(f"Screen with it: screen run SUPPLIERS.xlsx --reference {dest}")


def _prepare_index(dest: Path) -> tuple[int, str]:
    """Build and store the name index that ``screen run --reference DEST`` uses (bundled lists
    and this one, with the settings in effect here), so that its first run loads it: the
    number of names indexed (0 where indexes are not stored: SCREEN_CACHE_DIR=off), and why it
    was not, if it failed. Best effort: the list file is written whatever happens here."""
    from screen.config import load_config
    from screen.errors import ScreenError
    from screen.matching import cache
    from screen.reference import load_reference

    folder = cache.cache_dir()
    if folder is None:
        return 0, ""
    try:
        ref = load_reference([dest], entity_types=load_config().matching.entity_types)
        n = len(ref.name_index)
    except (ScreenError, OSError) as exc:
        return 0, str(exc)
    if not (folder / f"{ref.index_key}{cache.SUFFIX}").is_file():
        return 0, f"{folder} cannot be written to"
    return n, ""


@app.command("validate")
def validate_cmd(
    path: Annotated[Path, typer.Argument(help="A list file, or your own watchlist (.xlsx/.csv).")],
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Check a list file (or a custom watchlist) row by row; exit 1 when it has problems."""
    setup_logging(quiet, debug)
    with handle_errors(debug):
        from screen.importers.validate import validate_file

        v = validate_file(path)
    for issue in v.issues:
        typer.echo(f"{path.name}: row {issue.row}: {issue.code}: {issue.message}")
    if v.more:
        typer.echo(f"... and {v.more:,} more")
    count = len(v.issues) + v.more
    verdict = "OK" if v.ok else f"{count:,} problem{'s' if count != 1 else ''}"
    typer.echo(f"{path.name}: {v.kind}, {v.entries:,} entries, {v.names:,} names: {verdict}")
    if not v.ok:
        raise typer.Exit(EXIT_ERROR)


@app.command("diff")
def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The older list file.")],
    new: Annotated[Path, typer.Argument(help="The newer list file.")],
    limit: Annotated[
        int,
        typer.Option("--limit", metavar="N", help="Show at most this many entries per section (0 = all)."),
    ] = 50,
    debug: Debug = False,
) -> None:
    """Entries added, removed and changed between two list files (by list:official_id)."""
    setup_logging(False, debug)
    with handle_errors(debug):
        from screen.importers.diff import diff_files

        d = diff_files(old, new)

    def shown(items: list[str]) -> list[str]:
        return (
            items
            if limit <= 0 or len(items) <= limit
            else [*items[:limit], f"... and {len(items) - limit:,} more"]
        )

    for title, items in (
        ("Added", [f"+ {ref}  {name}" for ref, name in d.added]),
        ("Removed", [f"- {ref}  {name}" for ref, name in d.removed]),
        ("Changed", [f"~ {c.ref_id}  {c.name}: {'; '.join(c.changes)}" for c in d.changed]),
    ):
        if items:
            typer.echo(f"{title} ({len(items):,}):")
            for line in shown(items):
                typer.echo(f"  {line}")
    typer.echo(f"{old.name} -> {new.name}: {d.summary()}")
