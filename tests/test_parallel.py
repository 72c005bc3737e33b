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


def test_start_forked_returns_results_and_raises_errors() -> None:
    import signal

    import pytest

    from screen.errors import InputFileError
    from screen.parallel import WorkerDied, start_forked

    waiting = start_forked(lambda: (os.getpid(), [1, 2, 3] * 10_000))
    pid, data = waiting()
    assert data == [1, 2, 3] * 10_000
    assert (pid != os.getpid()) == can_fork()

    def bad() -> None:
        raise InputFileError("f.xlsx: broken; save it again")

    with pytest.raises(InputFileError, match="f.xlsx: broken"):
        start_forked(bad)()
    if can_fork():

        def crash() -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        with pytest.raises(WorkerDied, match="SIGKILL"):
            start_forked(crash)()


def test_a_reader_that_dies_is_an_error_about_the_file(tmp_path, monkeypatch, reference) -> None:  # type: ignore[no-untyped-def]
    import signal

    import pytest

    import screen.pipeline as pipeline
    from screen.errors import InputFileError
    from screen.reference import Reference

    if not can_fork():
        pytest.skip("no fork here")
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Country\nAcme,DE\n", encoding="utf-8")

    def dying_reader(*a, **k):  # type: ignore[no-untyped-def]
        os.kill(os.getpid(), signal.SIGKILL)  # as a native reader aborting on a hostile file

    monkeypatch.setattr(pipeline, "read_table", dying_reader)
    fresh = Reference(
        reference.folder, reference.entries, reference.names, reference.lists
    )  # indexes unbuilt
    with pytest.raises(
        InputFileError, match=r"s\.csv: the spreadsheet reader stopped on this file \(signal SIGKILL\)"
    ):
        pipeline.screen_file(src, reference=fresh)
