"""The `screen` command line: a thin wrapper over the Python API.

Commands parse arguments, call the library, print a summary and set the exit code:
0 screening completed (whatever it found), 1 error, 2 usage error, 3 ``--fail-on`` level
reached. Errors print one line, ``Error: …``, never a traceback (unless ``--debug``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from importlib import import_module

import typer
from typer.exceptions import TyperException

from screen.errors import ScreenError

app = typer.Typer(
    name="screen",
    help="Screen supplier lists for North Korean forced-labour and sanctions risk.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_FAIL_ON = 3


def err(message: str) -> None:
    typer.echo(message, err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a job runner's timeout, ``kill``): raised so that cleanup runs as on Ctrl-C."""


def _on_term(signum: int, frame: object) -> None:
    raise Terminated


def _default_in_child() -> None:
    """A forked worker, reader or writer dies of SIGTERM at once, as Python's default is: a
    pool's workers are stopped so, and one waiting on a lock would never run a handler."""
    if signal.getsignal(signal.SIGTERM) is _on_term:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


os.register_at_fork(after_in_child=_default_in_child)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the command runs, SIGTERM in this process raises :class:`Terminated` (a Python
    program otherwise dies at once, leaving its temporary output files); not in the processes
    it forks (see :func:`_default_in_child`)."""
    try:
        before = signal.signal(signal.SIGTERM, _on_term)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


@contextlib.contextmanager
def handle_errors(debug: bool = False) -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 1."""
    try:
        with _terminate_as_interrupt():
            yield
    except ScreenError as exc:
        if debug:
            traceback.print_exc()
        err(f"Error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt as exc:
        how = "stopped (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        err(f"Error: {how}; no report is left half-written.")
        raise typer.Exit(EXIT_ERROR) from None
    except (typer.Exit, typer.Abort, SystemExit, TyperException):
        raise  # usage errors (exit 2) and deliberate exits pass through
    except BrokenPipeError:
        # the reader of the output went away (``screen reference list | head``): nothing to say
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:  # noqa: BLE001 - the one place that catches everything
        if debug:
            traceback.print_exc()
        err(
            f"Error: unexpected {type(exc).__name__}: {exc}. No report was written. "
            "Run again with --debug and report the traceback."
        )
        raise typer.Exit(EXIT_ERROR) from None


def setup_logging(quiet: bool, debug: bool) -> None:
    level = logging.DEBUG if debug else (logging.ERROR if quiet else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Said())
    logging.basicConfig(level=level, handlers=[handler], force=True)


class _Said(logging.Formatter):
    """A logged message as the command says the others: ``Warning: …``, ``Error: …`` (with
    its traceback, when one is logged: ``--debug``)."""

    def __init__(self) -> None:
        super().__init__("%(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.capitalize()}: {super().format(record)}"


def version_callback(value: bool) -> None:
    if value:
        from screen import __version__

        typer.echo(f"screen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=version_callback,
        is_eager=True,
        metavar="",
        help="Print the version and exit.",
    ),
) -> None:
    """Screen supplier lists for North Korean forced-labour and sanctions risk."""


from screen.cli import run_cmd as _run_cmd  # noqa: E402,F401  (registers `screen run`)

with contextlib.suppress(ImportError):
    from screen.cli.reference_cmd import app as _reference_app  # noqa: E402

    app.add_typer(
        _reference_app, name="reference", help="List, show, import, validate and diff reference lists."
    )

with contextlib.suppress(ImportError):
    import_module("screen.cli.review_cmd")  # registers review / verify, when present


# The cyclic garbage collector's thresholds for a run. A run makes millions of small
# containers (rows, matches, report cells) that live until the report is written; at the
# default first threshold (700) the collector walks them again and again: about 2.5 s of a
# 12 s run on 100,000 rows. Reference cycles are still collected, less often.
GC_THRESHOLDS = (100_000, 20, 10)


def _invoke(args: list[str]) -> int | str | None:
    """Run the command line; a usage error (exit 2) is said in one line, as every error is:
    ``Error: Invalid value for '--fail-on': … (see 'screen run --help')``."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=args, prog_name="screen", standalone_mode=False)
    except SystemExit as exc:
        return exc.code
    except typer.Abort:
        err("Error: aborted.")
        return EXIT_ERROR
    except Exception as exc:  # the command line's own errors: click's ClickException
        message, status = getattr(exc, "format_message", None), getattr(exc, "exit_code", None)
        if not callable(message) or not isinstance(status, int):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # (the help is shown already)
            return status
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None and status == 2 else ""
        err(f"Error: {' '.join(str(message()).split())}{hint}")
        return status
    return rv if isinstance(rv, int) else 0


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    code = _invoke(sys.argv[1:])
    if isinstance(code, str):  # as the interpreter does: the message on stderr, status 1
        err(code)
        code = 1
    # The command is done: its outputs are written, closed and renamed into place. Leave at
    # once rather than free the run's millions of objects one by one at interpreter exit
    # (0.4 s of a 100,000-row run); nothing of screen's is left for exit handlers.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, a stream closed
            stream.flush()
    os._exit(code or 0)
