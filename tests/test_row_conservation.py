"""No supplier row is ever lost: rows in = rows reported, in order, with their own row numbers.

Tables of random cells (blanks, whitespace, unicode, quotes, delimiters, line breaks, text
that looks like a formula or a number) are written as CSV and as xlsx, read back, and run
through the pipeline. Only trailing all-blank rows may go (they are the sheet's used range,
not suppliers); every other row comes back, blank ones included.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screen.config import Config
from screen.pipeline import screen_file
from screen.read import read_table
from screen.reference import Reference

HEADER = ["Supplier", "Country", "Note"]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# any text a person could type into a cell: no surrogates, and none of the control characters
# that XML (so xlsx) cannot hold; line breaks and tabs are in
_chars = st.characters(
    exclude_categories=("Cs", "Co"), exclude_characters="\x00\ufffe\uffff", max_codepoint=0x1FFFF
).filter(lambda c: c in "\t\n" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0))
cells = st.one_of(
    st.just(""),
    st.sampled_from(
        [" ", '"', ",", ";", "\t", "|", "\n", "\r\n", "a\rb", "'", "=1+1", "-5", "NA", "00123", "Supplier"]
    ),
    st.text(_chars, max_size=30),
)
tables = st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=15)


def kept(rows: list[list[str]]) -> list[list[str]]:
    """The rows a reader must return: all of them, less trailing rows that are entirely blank."""
    end = len(rows)
    while end and not any(c.strip() for c in rows[end - 1]):
        end -= 1
    return rows[:end]


def write_csv(path: Path, rows: list[list[str]]) -> list[int]:
    """Write header + rows; return the line number each data row starts on."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    numbers, line = [], 2
    for r in rows:
        start = buf.tell()
        w.writerow(r)
        numbers.append(line)
        line += len(io.StringIO(buf.getvalue()[start:], newline="").readlines())
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return numbers


def write_xlsx(path: Path, rows: list[list[str]]) -> list[int]:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Suppliers")
    for c, h in enumerate(HEADER):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v:
                ws.write_string(r, c, v)
    wb.close()
    return [i + 2 for i in range(len(rows))]


def has_data(rows: list[list[str]]) -> bool:
    return bool(kept(rows))


@SETTINGS
@given(rows=tables.filter(has_data))
def test_csv_rows_come_back_in_order_with_their_line_numbers(tmp_path_factory, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("csv") / "s.csv"
    numbers = write_csv(path, rows)
    t = read_table(path)
    assert t.headers == HEADER
    expected = kept(rows)
    assert t.rows == expected
    assert t.row_numbers == numbers[: len(expected)]


@SETTINGS
@given(rows=tables.filter(has_data))
def test_xlsx_rows_come_back_in_order_with_their_row_numbers(tmp_path_factory, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("xlsx") / "s.xlsx"
    numbers = write_xlsx(path, rows)
    t = read_table(path)
    assert t.headers == HEADER
    expected = kept(rows)
    assert t.rows == expected
    assert t.row_numbers == numbers[: len(expected)]


@settings(SETTINGS, max_examples=25)
@given(rows=tables.filter(has_data), as_xlsx=st.booleans())
def test_pipeline_reports_one_supplier_per_row(  # type: ignore[no-untyped-def]
    tmp_path_factory, reference: Reference, rows: list[list[str]], as_xlsx: bool
) -> None:
    folder = tmp_path_factory.mktemp("pipe")
    path = folder / ("s.xlsx" if as_xlsx else "s.csv")
    numbers = (write_xlsx if as_xlsx else write_csv)(path, rows)
    expected = kept(rows)
    doc = screen_file(path, reference=reference, config=Config(), workers=1).to_dict()
    suppliers = doc["suppliers"]
    assert [s["row"] for s in suppliers] == numbers[: len(expected)]
    assert [s["name"] for s in suppliers] == [" ".join(r[0].split()) for r in expected]
    assert doc["summary"]["rows"] == len(expected)
    assert sum(doc["summary"]["counts"].values()) == len(expected)
