"""Writing outputs: all or nothing, never over the input, never a .tmp left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from screen.errors import OutputError
from screen.outputs import check_output_path, safe_cell, write_atomic, write_together


def writer(text: str):  # type: ignore[no-untyped-def]
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return write


def failing(tmp: Path) -> None:
    tmp.write_text("half", encoding="utf-8")
    raise RuntimeError("writer broke")


def test_write_together_writes_every_file(tmp_path: Path) -> None:
    write_together([(tmp_path / "a.xlsx", writer("A")), (tmp_path / "a.json", writer("J"))])
    assert sorted(os.listdir(tmp_path)) == ["a.json", "a.xlsx"]
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "J"


def test_write_together_leaves_nothing_when_a_writer_fails(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("previous run", encoding="utf-8")
    with pytest.raises(RuntimeError, match="writer broke"):
        write_together([(tmp_path / "a.xlsx", writer("A")), (tmp_path / "old.json", failing)])
    assert os.listdir(tmp_path) == ["old.json"]  # no report, no .tmp, the old file untouched
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "previous run"


def test_write_together_turns_os_errors_into_output_errors(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"cannot write in .*afile .*; choose another output path\."):
        write_together([(tmp_path / "r.json", writer("J")), (tmp_path / "afile" / "r.xlsx", writer("A"))])
    assert os.listdir(tmp_path) == ["afile"]


def test_write_atomic_leaves_no_temp_file_on_failure(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "r.xlsx", failing)
    assert os.listdir(tmp_path) == []


def test_output_may_not_be_the_input(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="would overwrite the input file s.csv"):
        check_output_path(tmp_path / "." / "s.csv", [src])


def test_safe_cell_defuses_formulas() -> None:
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@x", "ok", "")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@x",
        "ok",
        "",
    ]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    from screen.outputs import write_together

    target = tmp_path / "r.json"
    write_together([(target, lambda tmp: tmp.write_text("{}", encoding="utf-8"))])
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_writers_run_side_by_side_and_failures_come_back(tmp_path: Path) -> None:
    from screen.parallel import can_fork

    def pid_writer(tmp: Path) -> None:
        tmp.write_text(str(os.getpid()), encoding="utf-8")

    write_together([(tmp_path / "a.xlsx", pid_writer), (tmp_path / "a.json", pid_writer)])
    pids = {(tmp_path / n).read_text(encoding="utf-8") for n in ("a.xlsx", "a.json")}
    assert len(pids) == (2 if can_fork() else 1)
    assert str(os.getpid()) in pids  # the first writer runs here

    def disk_full(tmp: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match=r"b\.json: cannot write the file \(No space left on device\)"):
        write_together([(tmp_path / "b.xlsx", writer("A")), (tmp_path / "b.json", disk_full)])
    with pytest.raises(RuntimeError, match="writer broke"):
        write_together([(tmp_path / "c.xlsx", failing), (tmp_path / "c.json", writer("J"))])
    assert sorted(os.listdir(tmp_path)) == ["a.json", "a.xlsx"]


def test_a_symlinked_output_is_written_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "results.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "results.json"
    link.symlink_to(target)
    write_together([(link, lambda p: p.write_text("new", encoding="utf-8"))], parallel=False)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["results.json"]  # no temp left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_gets_the_bytes_and_stays_a_pipe(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, lambda p: p.write_bytes(b'{"ok": true}'))
    reader.join(timeout=10)
    assert got == [b'{"ok": true}']
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_sigterm_while_writing_leaves_no_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal

    import typer

    from screen.cli import handle_errors

    def first(p: Path) -> None:
        p.write_text("done", encoding="utf-8")

    def killed(p: Path) -> None:
        p.write_text("half", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGTERM)  # as a job runner's timeout does, mid-write

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(typer.Exit) as stop, handle_errors():
        write_together([(tmp_path / "r.xlsx", first), (tmp_path / "r.json", killed)], parallel=False)
    assert stop.value.exit_code == 1
    assert capsys.readouterr().err == "Error: stopped (SIGTERM); no report is left half-written.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no target, no temporary file
    assert signal.getsignal(signal.SIGTERM) == before  # the command's handler is gone afterwards
