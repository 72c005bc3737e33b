"""Run a pure function over partitions of the work, on several cores when that pays.

The screening stages are pure functions of a partition and the loaded reference, so the
partitions can run in worker processes. Workers are forked: they inherit the function, the
partitions and the reference (its name index already built) without pickling them; only
each partition's result travels back. Where fork is unavailable (Windows, macOS's default),
or inside a daemon process, the partitions run one after another in this process.

The pipeline reports progress through a :data:`Progress` callback; the library never prints.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as a run advances (the CLI draws a bar from it)."""

_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def can_fork() -> bool:
    return (
        sys.platform.startswith("linux")
        and "fork" in mp.get_all_start_methods()
        and not mp.current_process().daemon
    )


def _run(i: int) -> tuple[int, Any]:
    assert _TASK is not None  # set in the parent before the fork
    fn, parts = _TASK
    return i, fn(parts[i])


def map_parts(
    fn: Callable[[T], R],
    parts: Sequence[T],
    workers: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> list[R]:
    """``[fn(p) for p in parts]``, in ``workers`` forked processes when there are several parts.

    ``on_done(n)`` is called in this process after each part, ``n`` parts being done.
    """
    global _TASK
    out: list[Any] = [None] * len(parts)
    if workers <= 1 or len(parts) <= 1 or not can_fork():
        for i, p in enumerate(parts):
            out[i] = fn(p)
            if on_done:
                on_done(i + 1)
        return out
    _TASK = (fn, parts)
    # objects that exist now are never collected in the workers: the collector does not touch
    # (and so copy) the pages the workers share with this process
    gc.freeze()
    try:
        with mp.get_context("fork").Pool(min(workers, len(parts))) as pool:
            for n, (i, r) in enumerate(pool.imap_unordered(_run, range(len(parts))), start=1):
                out[i] = r
                if on_done:
                    on_done(n)
    finally:
        _TASK = None
        gc.unfreeze()
    return out


class WorkerDied(RuntimeError):
    """A forked worker ended without a result (killed by a signal, or aborted)."""


def start_forked(fn: Callable[[], R]) -> Callable[[], R]:
    """Start ``fn()`` in a forked process while this one goes on. The returned function waits
    for it and returns its result (pickled back), or raises the exception it raised, or
    :class:`WorkerDied` when it ended without a word. Without fork, ``fn`` runs when waited for.
    """
    if not can_fork():
        return fn
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, leave without running the parent's exit code
        os.close(r)
        try:
            try:
                payload = pickle.dumps((True, fn()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
                try:
                    payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                    payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            with os.fdopen(w, "wb") as fh:
                fh.write(payload)
        finally:
            os._exit(0)
    os.close(w)

    def wait() -> R:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            code = os.waitstatus_to_exitcode(status)
            raise WorkerDied(_ending(code))
        ok, value = pickle.loads(data)
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    return wait


def _ending(code: int) -> str:
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"signal {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"
