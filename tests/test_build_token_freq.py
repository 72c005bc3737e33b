"""``reference/token_freq.csv`` is what ``scripts/build_token_freq.py`` makes from the official
lists with the current normaliser: a change to the normaliser that changes listed names' words
must come with the rebuilt file (read from ../shared; skipped without it)."""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "reference-sources"


@pytest.mark.skipif(not (SOURCES / "official").is_dir(), reason="../shared/reference-sources not available")
def test_word_frequencies_are_up_to_date_with_the_normaliser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    build = importlib.import_module("build_token_freq")
    with (ROOT / "reference" / "token_freq.csv").open(encoding="utf-8") as fh:
        bundled = [(r["token"], int(r["names"])) for r in csv.DictReader(fh)]
    fresh = build.table(SOURCES)
    changed = sorted(set(bundled) ^ set(fresh))
    assert bundled == fresh, f"rebuild with scripts/build_token_freq.py: {changed[:10]}"
