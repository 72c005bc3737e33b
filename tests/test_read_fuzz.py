"""The readers never raise anything but a ScreenError, whatever bytes they are given.

Random bytes under every supported name, and valid CSV, xlsx, xls and ods files with random
damage (bytes flipped, cut short, junk inserted; for xlsx also damage inside the unpacked XML,
re-zipped so that python-calamine has to parse it) go to :func:`screen.read.read_table`.
A table or a ScreenError are the only acceptable outcomes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screen.config import LimitsConfig
from screen.errors import ScreenError
from screen.read import RawTable, read_table

CORPUS = Path(__file__).parent / "data" / "bad"
SEEDS = {
    name: (CORPUS / name).read_bytes()
    for name in ("xlsx_named.csv", "old.xls", "suppliers.ods", "newlines.csv")
}
SEEDS["valid.xlsx"] = SEEDS.pop("xlsx_named.csv")
SUFFIXES = [".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"]
LIMITS = LimitsConfig(max_uncompressed_mb=8)
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_or_error(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        table = read_table(path, limits=LIMITS)
    except ScreenError as exc:
        assert str(exc) and "\n" not in str(exc)  # one line a person can act on
        return
    assert isinstance(table, RawTable)
    assert len(table.rows) == len(table.row_numbers)
    assert table.row_numbers == sorted(set(table.row_numbers))


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random edits: flips, cuts, insertions, deletions."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(buf) - 1, 0)))
        if op == "flip" and buf:
            buf[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del buf[at:]
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif buf:
            del buf[at : at + draw(st.integers(1, 64))]
    return bytes(buf)


@st.composite
def damaged_xml_xlsx(draw: st.DrawFn) -> bytes:
    """The valid xlsx with one of its XML members damaged, then zipped again properly."""
    src = zipfile.ZipFile(io.BytesIO(SEEDS["valid.xlsx"]))
    names = src.namelist()
    target = draw(st.sampled_from([n for n in names if n.endswith((".xml", ".rels"))]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in names:
            body = src.read(n)
            dst.writestr(n, draw(damaged(body)) if n == target else body)
    return out.getvalue()


@FUZZ
@given(data=st.binary(min_size=1, max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    read_or_error(tmp_path, data, suffix)


@FUZZ
@given(data=st.binary(min_size=1, max_size=512), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_real_magic(tmp_path: Path, data: bytes, suffix: str) -> None:
    magic = [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]
    read_or_error(tmp_path, magic[data[0] % len(magic)] + data[1:], suffix)


@pytest.mark.parametrize("seed", sorted(SEEDS))
@FUZZ
@given(data=st.data())
def test_damaged_valid_files(tmp_path: Path, seed: str, data: st.DataObject) -> None:
    blob = data.draw(damaged(SEEDS[seed]))
    suffix = data.draw(st.sampled_from([Path(seed).suffix, ".csv", ".xlsx"]))
    read_or_error(tmp_path, blob, suffix)


@FUZZ
@given(blob=damaged_xml_xlsx())
def test_damaged_xml_inside_a_valid_zip(tmp_path: Path, blob: bytes) -> None:
    read_or_error(tmp_path, blob, ".xlsx")
