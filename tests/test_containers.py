"""Container checks stop files that would make python-calamine exhaust memory and abort.

Each case was found by fuzzing (tests/test_read_fuzz.py and longer runs): without the check,
reading the file aborts the Python process ("memory allocation of 549755813888 bytes
failed"), which no ``except`` can catch. The files are made here by small edits of valid ones.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from screen.config import LimitsConfig
from screen.containers import _Cfb, column_letters, column_number
from screen.errors import InputFileError, LimitError
from screen.read import read_table

CORPUS = Path(__file__).parent / "data" / "bad"
XLS = (CORPUS / "old.xls").read_bytes()
XLSX = (CORPUS / "title_rows.xlsx").read_bytes()


def with_cell(ref: str, empty: bool = False) -> bytes:
    """The valid xlsx plus one cell at ``ref`` (with a value, or styled but empty)."""
    col = ref.rstrip("0123456789")
    row = ref[len(col) :]
    cell = f'<c r="{ref}" s="0"/>' if empty else f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(XLSX)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", f'<row r="{row}">{cell}</row></sheetData>'.encode())
            dst.writestr(name, body)
    return out.getvalue()


def read(tmp_path: Path, data: bytes, name: str, limits: LimitsConfig | None = None) -> None:
    (tmp_path / name).write_bytes(data)
    read_table(tmp_path / name, limits=limits)


def test_column_letters_round_trip() -> None:
    for n in (1, 26, 27, 52, 702, 703, 16_384):
        assert column_number(column_letters(n)) == n
    assert column_letters(16_384) == "XFD"


def test_stray_cell_at_the_end_of_the_sheet_is_refused_before_calamine(tmp_path: Path) -> None:
    with pytest.raises(LimitError) as exc:
        read(tmp_path, with_cell("XFD1048576"), "far.xlsx")
    assert str(exc.value) == (
        'far.xlsx: sheet "Suppliers" is 16,384 columns wide (last cell XFD1048576), over the limit '
        "limits.max_columns=1,000; delete the stray cells beyond the data (in Excel, Ctrl+End shows the last "
        "used cell) and save, or raise the limit in screen.toml."
    )


def test_stray_cell_far_below_is_refused_by_the_cell_budget(tmp_path: Path) -> None:
    with pytest.raises(
        LimitError,
        match=r"spans 1,048,576 rows x 900 columns \(last cell AHP1048576\), over the limit limits.max_cells",
    ):
        read(tmp_path, with_cell("AHP1048576"), "far.xlsx")


def test_rows_over_the_limit_are_refused_before_calamine(tmp_path: Path) -> None:
    with pytest.raises(
        LimitError, match=r"has 5,000 rows \(last cell C5000\), over the limit limits.max_rows=100;"
    ):
        read(tmp_path, with_cell("C5000"), "far.xlsx", LimitsConfig(max_rows=100))


def test_styled_empty_cells_do_not_count(tmp_path: Path) -> None:
    read(tmp_path, with_cell("XFD1048576", empty=True), "styled.xlsx")


def workbook_stream_offset(data: bytes) -> int:
    """File offset of the Workbook stream of the (contiguous, xlwt-written) corpus xls."""
    cfb = _Cfb(Path("old.xls"), data)
    stream = cfb.stream("Workbook")
    assert stream is not None
    return data.index(stream[:256])


def with_record(data: bytes, kind: int, edit: bytes, at: int = 0) -> bytes:
    """``data`` with the body of its first BIFF record of ``kind`` overwritten from ``at``."""
    base = workbook_stream_offset(data)
    buf = bytearray(data)
    pos = base
    while True:
        k, length = struct.unpack_from("<HH", buf, pos)
        if k == kind:
            buf[pos + 4 + at : pos + 4 + at + len(edit)] = edit
            return bytes(buf)
        pos += 4 + length


def test_xls_dimensions_running_backwards_are_damage(tmp_path: Path) -> None:
    bad = with_record(XLS, 0x0200, struct.pack("<I", 0x00FF0001))  # first row 16,711,681 > last row
    with pytest.raises(
        InputFileError, match=r"old.xls: the file is damaged \(a sheet's dimensions run from row"
    ):
        read(tmp_path, bad, "old.xls")


def test_xls_cell_beyond_column_256_is_damage(tmp_path: Path) -> None:
    bad = with_record(XLS, 0x00FD, struct.pack("<H", 51_000), at=2)  # a LABELSST cell in column 51,001
    with pytest.raises(
        InputFileError, match=r"the file is damaged \(a sheet claims 4 rows and 51,001 columns\)"
    ):
        read(tmp_path, bad, "old.xls")


def test_xls_sector_chain_that_loops_is_damage(tmp_path: Path) -> None:
    buf = bytearray(XLS)
    (fat_sector,) = struct.unpack_from("<I", buf, 76)
    fat_at = 512 * (fat_sector + 1)
    (first_dir,) = struct.unpack_from("<I", buf, 48)
    struct.pack_into("<I", buf, fat_at + 4 * first_dir, first_dir)  # the directory's chain points to itself
    with pytest.raises(InputFileError) as exc:
        read(tmp_path, bytes(buf), "old.xls")
    assert str(exc.value) == (
        "old.xls: the file is damaged (its internal sector table is inconsistent); re-export it from the source "
        "system."
    )


def test_encrypted_xlsx_named_xls_is_recognised(tmp_path: Path) -> None:
    with pytest.raises(
        InputFileError, match=r"^locked.xls: the workbook is encrypted \(password-protected\)"
    ):
        read(tmp_path, (CORPUS / "encrypted.xlsx").read_bytes(), "locked.xls")


def test_valid_xls_and_xlsx_pass(tmp_path: Path) -> None:
    read(tmp_path, XLS, "old.xls")
    read(tmp_path, XLSX, "ok.xlsx")


def ods_with_repeats(rows: int, cols: int) -> bytes:
    """The corpus ODS plus one row of ``cols`` repeated cells, repeated ``rows`` times."""
    extra = (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{cols}" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(CORPUS / "suppliers.ods") as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "content.xml":
                body = body.replace(b"</table:table>", extra, 1)
            dst.writestr(info, body)
    return out.getvalue()


def test_ods_repeated_cells_are_counted_before_calamine_expands_them(tmp_path: Path) -> None:
    # 1.7 KB that calamine would expand into 90 million cells (3 GB)
    with pytest.raises(
        LimitError, match=r'^bomb.ods: sheet "Suppliers" is 10,000 columns wide \(last cell NTP9004\)'
    ):
        read(tmp_path, ods_with_repeats(9000, 10_000), "bomb.ods")
    with pytest.raises(
        LimitError,
        match=r"spans 300,004 rows x 100 columns \(last cell CV300004\), over the limit limits.max_cells",
    ):
        read(tmp_path, ods_with_repeats(300_000, 100), "bomb.ods")
    read(tmp_path, ods_with_repeats(10, 5), "fine.ods")
