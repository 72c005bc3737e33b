"""The progress bar: only on a terminal, never with --quiet; the pipeline reports its stages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from screen.cli import run_cmd


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_quiet_or_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    with run_cmd.progress_bar(quiet=True) as progress:
        assert progress is None
    monkeypatch.setattr("sys.stderr", io.StringIO())
    with run_cmd.progress_bar(quiet=False) as progress:
        assert progress is None


def test_bar_on_a_terminal_after_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(run_cmd, "BAR_DELAY", 0.0)
    with run_cmd.progress_bar(quiet=False) as progress:
        assert progress is not None
        progress("read", 0, 1)
        progress("match", 500, 1_000)
    assert "Matching names" in err.getvalue() and "500/1,000 names" in err.getvalue()


def test_short_runs_draw_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr("sys.stderr", err)
    with run_cmd.progress_bar(quiet=False) as progress:
        assert progress is not None
        progress("read", 0, 1)
    assert err.getvalue() == ""


def test_pipeline_reports_its_stages(small_csv: Path, reference: object) -> None:
    from screen.pipeline import screen_file

    seen: list[str] = []
    screen_file(small_csv, reference=reference, progress=lambda stage, done, total: seen.append(stage))  # type: ignore[arg-type]
    stages = list(dict.fromkeys(seen))
    assert stages == ["read", "countries", "sectors", "index", "match", "assess"]
