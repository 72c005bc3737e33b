"""Partitions run in forked workers give the same results, in order, with progress."""

from __future__ import annotations

import os

from screen.parallel import can_fork, map_parts


def _square_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_map_parts_serial_and_forked() -> None:
    done: list[int] = []
    serial = map_parts(_square_pid, list(range(7)), workers=1, on_done=done.append)
    assert [s for s, _ in serial] == [x * x for x in range(7)]
    assert done == list(range(1, 8))
    done.clear()
    forked = map_parts(_square_pid, list(range(7)), workers=2, on_done=done.append)
    assert [s for s, _ in forked] == [x * x for x in range(7)]
    assert sorted(done) == list(range(1, 8))
    if can_fork():
        assert {p for _, p in forked} != {os.getpid()}


def test_closures_need_no_pickling() -> None:
    offset = 10
    assert map_parts(lambda x: x + offset, [1, 2, 3], workers=2) == [11, 12, 13]
