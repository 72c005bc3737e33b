"""Settings (screen.toml): values checked on loading, one line naming the file and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.config import ConfigError, MatchingConfig, load_config


@pytest.mark.parametrize("value", [0, -1])
def test_max_matches_below_one_is_refused(tmp_path: Path, value: int) -> None:
    """(It would hide every candidate match.)"""
    cfg = tmp_path / "screen.toml"
    cfg.write_text(f"[matching]\nmax_matches = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"'matching.max_matches' must be 1 or more \\(got {value}\\)"):
        load_config(cfg)


@pytest.mark.parametrize(
    ("individuals", "vessels", "types"),
    [
        (False, False, ("entity",)),
        (True, False, ("entity", "individual")),
        (False, True, ("entity", "vessel", "aircraft")),
        (True, True, ("entity", "individual", "vessel", "aircraft")),
    ],
)
def test_entity_types_follow_the_settings(individuals: bool, vessels: bool, types: tuple[str, ...]) -> None:
    assert MatchingConfig(include_individuals=individuals, include_vessels=vessels).entity_types == types


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("max_cell_chars = -1", "'limits.max_cell_chars' must be 1 or more (got -1)"),
        ("max_rows = 0", "'limits.max_rows' must be 1 or more (got 0)"),
    ],
)
def test_limits_out_of_range_are_refused(tmp_path: Path, setting: str, message: str) -> None:
    """(A negative limit refused every file, blaming its header.)"""
    cfg = tmp_path / "screen.toml"
    cfg.write_text(f"[limits]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert str(exc.value) == f"{cfg}: {message}."


def test_a_cell_limit_above_what_a_workbook_holds_is_read_as_that(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """(Earlier versions said to raise the limit; a longer cell was then cut short in the report
    without a word. Such settings still load, at the most a workbook cell holds, and say so.)"""
    cfg = tmp_path / "screen.toml"
    cfg.write_text("[limits]\nmax_cell_chars = 50000\n", encoding="utf-8")
    assert load_config(cfg).limits.max_cell_chars == 32_767
    assert "'limits.max_cell_chars' = 50,000 is read as 32,767" in caplog.text
