"""The benchmark's supplier generator: deterministic, several scripts, planted variants present."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402


@pytest.fixture(scope="module")
def listed() -> list[list[generate.Listed]]:
    return [generate.read_listed(generate.bundled_lists())]


def test_same_seed_same_rows(listed: list[list[generate.Listed]]) -> None:
    a = generate.generate(2_000, listed, seed=7)
    b = generate.generate(2_000, listed, seed=7)
    c = generate.generate(2_000, listed, seed=8)
    assert a == b
    assert a[0] != c[0]


def test_rows_look_like_a_vendor_master(listed: list[list[generate.Listed]]) -> None:
    rows, _ = generate.generate(5_000, listed)
    assert len(rows) == 5_000
    assert all(len(r) == len(generate.HEADER) for r in rows)
    names = [r[1] for r in rows]
    scripts = {
        "han": any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n),
        "hangul": any("\uac00" <= ch <= "\ud7af" for n in names for ch in n),
        "cyrillic": any("\u0400" <= ch <= "\u04ff" for n in names for ch in n),
        "arabic": any("\u0600" <= ch <= "\u06ff" for n in names for ch in n),
        "greek": any("\u0370" <= ch <= "\u03ff" for n in names for ch in n),
    }
    assert all(scripts.values()), scripts
    assert 0.7 < len(set(names)) / len(names) < 1.0  # mostly distinct, some repeated suppliers
    assert len({r[0] for r in rows}) == len(rows)  # vendor IDs are unique


def test_planted_variants(listed: list[list[generate.Listed]]) -> None:
    rows, planted = generate.generate(20_000, listed)
    assert 120 <= len(planted) <= 300  # about 1%
    assert {p.kind for p in planted} == set(generate.KINDS)
    refs = {x.ref_id for group in listed for x in group}
    for p in planted:
        assert rows[p.row - 2][1] == p.supplier  # the row number is the spreadsheet row
        assert p.ref_id in refs
        assert (p.supplier == p.listed) == (p.kind == "exact")


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("legal-form", "KOREA RUNGRADO TRADING CO., LTD.", "KOREA RUNGRADO TRADING"),
        ("split", "KOREA RUNGRADO TRADING", "RUNG"),
        ("abbreviation", "KOREA RUNGRADO TRADING", "Trdg."),
        ("cyrillic", "RUNGRADO", "РУНГРАДО"),
    ],
)
def test_variant_kinds(kind: str, name: str, expected: str) -> None:
    import random

    out = generate.variant(name, kind, random.Random(1))
    assert out is not None and expected in out and out != name


def test_files_written(tmp_path: Path, listed: list[list[generate.Listed]]) -> None:
    written = generate.write_all(tmp_path, "1k", ["csv", "xlsx"], listed)
    assert [p.name for p in written] == ["suppliers_1k.csv", "suppliers_1k.xlsx"]
    with (tmp_path / "suppliers_1k.csv").open(encoding="utf-8", newline="") as fh:
        data = list(csv.reader(fh))
    assert tuple(data[0]) == generate.HEADER and len(data) == 1_001
    again = tmp_path / "again"
    generate.write_all(again, "1k", ["csv"], listed)
    assert (again / "suppliers_1k.csv").read_bytes() == (tmp_path / "suppliers_1k.csv").read_bytes()
    from screen.read import read_table

    table = read_table(tmp_path / "suppliers_1k.xlsx")
    assert [list(r) for r in table.rows] == [list(r) for r in data[1:]]
