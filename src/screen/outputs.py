"""Writing files safely: atomically (temp file, then rename), never over the input.

:func:`write_atomic` writes one file; :func:`write_together` writes a run's outputs (report,
JSON, CSV) so that either all of them appear or none does, and no ``.tmp`` file is left behind.
An output path that is a symbolic link is written through (the link's target is replaced, the
link stays); one that is a pipe or a device (``--json /dev/stdout``) gets the finished file's
bytes streamed into it, never replaced by a file.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path

from screen.errors import OutputError
from screen.parallel import can_fork, start_forked

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PARALLEL_WRITE_MAX_ROWS = 300_000  # above this many rows, outputs and sheets are written one after
# another: forked writers share memory copy-on-write, but not for free on a 1M-row run


def _default_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _special(path: Path) -> bool:
    """Whether ``path`` exists and is neither a file nor a folder: a pipe, a device, a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _target(path: Path) -> tuple[Path, Path]:
    """Where writing ``path`` lands, and the folder for its temporary file: through a symbolic
    link, the link's target (renaming over the link would replace it); a pipe or device as it
    is, with the temporary file in the system's temporary folder."""
    if _special(path):
        return path, Path(tempfile.gettempdir())
    real = Path(os.path.realpath(path)) if os.path.islink(path) else path
    return real, real.parent


def _publish(tmp: Path, path: Path) -> None:
    """Give the temporary file ordinary permissions (mkstemp makes it 0600), then rename it;
    into a pipe or device, copy its bytes."""
    if _special(path):
        with open(tmp, "rb") as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return
    os.chmod(tmp, _default_mode())
    os.replace(tmp, path)


def safe_cell(value: str) -> str:
    """Text for a CSV cell that a spreadsheet never evaluates as a formula (OWASP CSV injection)."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


_WHAT = {"-o": "the report", "--json": "the JSON results", "--csv": "the CSV results"}


def check_output_path(path: Path, inputs: Iterable[Path], option: str = "-o") -> None:
    """Before the run: ``path`` (given as ``option``) can be written, and is no input. A file
    there already that cannot be opened for writing (read-only, locked) is refused, although
    the rename that writes outputs would replace it: someone protected it (an earlier report
    kept as evidence)."""
    out = path.resolve()
    for p in inputs:
        try:
            same = p.exists() and out.exists() and os.path.samefile(p, out)
        except OSError:
            same = False
        if same or p.resolve() == out:
            raise OutputError(
                f"{path}: {_WHAT.get(option, 'the output')} would overwrite the input file {p.name}; "
                f"choose another {option} path."
            )
    parent = out.parent
    if not parent.exists():
        raise OutputError(f"{path}: folder {parent} does not exist; create it or choose another output path.")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: folder {parent} is not writable; choose another output path.")
    if out.is_file():
        if not out.stat().st_mode & 0o222:  # (made read-only: refused even to root)
            raise OutputError(
                f"{path}: the file there is read-only; make it writable or choose another {option} path."
            )
        try:
            os.close(os.open(out, os.O_WRONLY | os.O_APPEND))  # (opened, not changed)
        except OSError as exc:
            raise OutputError(
                f"{path}: the file there cannot be replaced ({exc.strerror}); make it writable, close it "
                f"where it is open, or choose another {option} path."
            ) from exc


def check_distinct_outputs(report: Path, json: Path | None, csv: Path | None) -> None:
    """The report, the JSON and the CSV go to three different files, each with its own
    extension: one written over another would lose it with nothing said."""
    named = [(f"-o {report}", report)]
    named += [(f"--json {json}", json)] if json else []
    named += [(f"--csv {csv}", csv)] if csv else []
    seen: dict[Path, str] = {}
    for label, path in named:
        key = path.resolve()
        if key in seen:
            raise OutputError(f"{label}: the same file as {seen[key]}; give each output its own path.")
        seen[key] = label
    if report.suffix.lower() != ".xlsx":
        raise OutputError(
            f"-o {report}: the report is an Excel workbook; name it .xlsx (for CSV use --csv, for JSON --json)."
        )


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` only on success."""
    path, folder = _target(Path(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write in {folder} ({exc.strerror}); choose another output path."
        ) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _publish(tmp_path, path)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write the file ({exc.strerror}); check the path and free space."
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def write_atomic(path: Path, writer: Callable[[Path], None]) -> None:
    with atomic_path(path) as tmp:
        writer(tmp)


def write_together(items: Sequence[tuple[Path, Callable[[Path], None]]], parallel: bool = True) -> None:
    """Write several files all or nothing: each writer fills a temporary file beside its target,
    and only when every writer has succeeded are they renamed into place. If a writer or a rename
    fails, the temporary files and any target already renamed are removed, and the error re-raised
    (an ``OSError`` as :class:`OutputError`). ``parallel``: the writers may run side by side
    (each in its own forked process but the first), which costs memory on very large runs."""
    pending: list[tuple[Path, Path]] = []
    done: list[Path] = []
    try:
        for path, _writer in items:
            path, folder = _target(Path(path))
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:
                raise OutputError(
                    f"{path}: cannot write in {folder} ({exc.strerror}); choose another output path."
                ) from exc
            os.close(fd)
            pending.append((Path(tmp_name), path))
        _run_writers([(w, tmp, path) for (_p, w), (tmp, path) in zip(items, pending, strict=True)], parallel)
        for tmp_path, path in pending:
            try:
                _publish(tmp_path, path)
            except OSError as exc:
                raise OutputError(
                    f"{path}: cannot write the file ({exc.strerror}); check the path and free space."
                ) from exc
            done.append(path)
    except BaseException:
        for path in done:
            if not _special(path):  # (a pipe or device is no file of ours to remove)
                with contextlib.suppress(OSError):
                    path.unlink()
        raise
    finally:
        for tmp_path, _ in pending:
            with contextlib.suppress(OSError):
                tmp_path.unlink()


def _write_error(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write the file ({exc.strerror}); check the path and free space.")


def _run_writers(jobs: Sequence[tuple[Callable[[Path], None], Path, Path]], parallel: bool = True) -> None:
    """Run ``writer(tmp)`` for every job. Where processes can be forked, every job but the first
    runs in a forked child (:func:`screen.parallel.start_forked`) at the same time as the first
    (the workbook and the JSON of a large run take seconds each); a child's failure is raised
    here as if it had happened here."""
    children: list[tuple[Callable[[], None], Path]] = []
    if parallel and len(jobs) > 1 and can_fork():
        gc.freeze()  # the collector then leaves the shared pages alone (no copy-on-write)
        children = [(start_forked(partial(writer, tmp)), path) for writer, tmp, path in jobs[1:]]
        jobs = jobs[:1]
    failures: list[BaseException] = []
    try:
        for writer, tmp, path in jobs:
            try:
                writer(tmp)
            except OSError as exc:
                raise _write_error(path, exc) from exc
    finally:
        if children:
            gc.unfreeze()
        for wait, path in children:  # every child is waited for, even after a failure here
            try:
                wait()
            except OSError as exc:
                failures.append(_write_error(path, exc))
            except Exception as exc:  # noqa: BLE001 - the first is raised below
                failures.append(exc)
    if failures:
        raise failures[0]
