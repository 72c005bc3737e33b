"""The docs are true: every command has help, every command the README shows exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from screen.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()

COMMANDS = [
    ["run"],
    ["review"],
    ["verify"],
    ["reference"],
    ["reference", "list"],
    ["reference", "show"],
    ["reference", "import"],
    ["reference", "validate"],
    ["reference", "diff"],
]


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_has_help(cmd: list[str]) -> None:
    r = runner.invoke(app, [*cmd, "--help"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.strip()) > 100


def test_readme_commands_exist() -> None:
    shown = set(re.findall(r"^screen ((?:reference )?[a-z]+)", README, flags=re.M))
    assert shown >= {"run", "review", "verify", "reference list", "reference import"}
    for cmd in shown:
        r = runner.invoke(app, [*cmd.split(), "--help"])
        assert r.exit_code == 0, cmd


def test_readme_two_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    for target in ("demo", "test", "lint", "bench"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_settings_are_real_settings() -> None:
    from screen.config import LimitsConfig, MatchingConfig, PolicyConfig

    block = README.split("```toml", 1)[1].split("```", 1)[0]
    known = {f for cls in (MatchingConfig, PolicyConfig, LimitsConfig) for f in cls.__dataclass_fields__}
    for key in re.findall(r"^([a-z_]+) =", block, flags=re.M):
        assert key in known, key
