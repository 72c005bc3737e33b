from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from screen.errors import InputFileError
from screen.read import read_table

HEADER = ["Vendor Name", "Country", "Activity", "NAICS", "Vendor ID"]
ROWS = [
    ["Namgang Construction", "Russia", "Construction", 236220, "00123"],
    ["Windhoek Builders", "NA", "Construction", "", "00124"],
    ["Null Ltd", "N/A", "NA", "", "NaN"],
]


def _xlsx(
    path: Path,
    rows: list[list[object]],
    title_rows: int = 0,
    sheets: dict[str, list[list[object]]] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Suppliers"
    for i in range(title_rows):
        ws.append([f"Export title line {i + 1}"] if i == 0 else [])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for name, content in (sheets or {}).items():
        other = wb.create_sheet(name)
        for r in content:
            other.append(r)
    wb.save(path)
    return path


def test_xlsx_cells_are_text_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    t = read_table(_xlsx(tmp_path / "s.xlsx", ROWS, title_rows=2))
    assert t.sheet == "Suppliers"
    assert t.header_row == 3
    assert t.headers == HEADER
    assert t.row_numbers == [4, 5, 6]
    assert t.rows[0] == ["Namgang Construction", "Russia", "Construction", "236220", "00123"]
    assert t.rows[1][1] == "NA"  # Namibia, not a missing value
    assert t.rows[2] == ["Null Ltd", "N/A", "NA", "", "NaN"]
    assert len(t.sha256) == 64


def test_data_sheet_found_when_not_first(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Cover"
    ws.append(["This workbook lists our suppliers."])
    data = wb.create_sheet("Vendors")
    data.append(HEADER)
    data.append(ROWS[0])
    wb.save(tmp_path / "two.xlsx")
    t = read_table(tmp_path / "two.xlsx")
    assert t.sheet == "Vendors" and t.row_numbers == [2]


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "s.xlsx", ROWS, sheets={"Notes": [["x"]]})
    with pytest.raises(
        InputFileError,
        match=r'Sheet "Q3" not found in s.xlsx; sheets are: Suppliers, Notes. Pass --sheet NAME.',
    ):
        read_table(path, sheet="Q3")


def test_a_sheet_named_for_a_text_file_is_said_not_to_apply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    p = tmp_path / "s.csv"
    p.write_text("Vendor Name,Country\nAcme,Germany\n", encoding="utf-8")
    assert read_table(p, sheet="Q3").rows == [["Acme", "Germany"]]
    assert "s.csv is a text file, which has no sheets: --sheet 'Q3' does not apply" in caplog.text
    caplog.clear()
    read_table(p)
    assert "sheet" not in caplog.text


def test_two_equal_supplier_sheets_need_a_choice(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "s.xlsx", ROWS, sheets={"Copy": [HEADER, *ROWS]})
    with pytest.raises(InputFileError, match="several sheets look like supplier lists"):
        read_table(path)
    assert read_table(path, sheet="Copy").sheet == "Copy"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Supplier;Country;Industry\r\nMüller Bau GmbH;Deutschland;Hochbau\r\nCafé Crème SARL;France;Restaurant\r\n"
    path = tmp_path / "s.csv"
    path.write_bytes(text.encode(encoding))
    t = read_table(path)
    assert t.delimiter == ";"
    assert t.rows[0][0] == "Müller Bau GmbH"
    assert t.rows[1][0] == "Café Crème SARL"
    assert t.row_numbers == [2, 3]


def test_csv_line_numbers_with_title_blank_lines_and_embedded_newlines(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        'Supplier list 2026\n\nSupplier,Country\n"Two\nLines Ltd",China\n,\nLast Co,Russia\n',
        encoding="utf-8",
    )
    t = read_table(path)
    assert t.header_row == 3
    assert [r[0] for r in t.rows] == ["Two\nLines Ltd", "", "Last Co"]
    assert t.row_numbers == [4, 6, 7]


def test_tsv_and_leading_zeros(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_text("ID\tSupplier\n00123\tA\n", encoding="utf-8")
    t = read_table(path)
    assert t.rows == [["00123", "A"]]


def test_xls_and_ods(tmp_path: Path) -> None:
    df = pd.DataFrame([r[:3] for r in ROWS], columns=HEADER[:3])
    ods = tmp_path / "s.ods"
    df.to_excel(ods, index=False, engine="odf")
    t = read_table(ods)
    assert t.rows[0][0] == "Namgang Construction" and t.rows[1][1] == "NA"
    import xlwt

    book = xlwt.Workbook()
    sh = book.add_sheet("Suppliers")
    for c, h in enumerate(HEADER[:3]):
        sh.write(0, c, h)
    for r, row in enumerate(ROWS, start=1):
        for c, v in enumerate(row[:3]):
            sh.write(r, c, v)
    book.save(str(tmp_path / "s.xls"))
    t = read_table(tmp_path / "s.xls")
    assert t.rows[0] == ["Namgang Construction", "Russia", "Construction"]
    assert t.row_numbers == [2, 3, 4]


def test_csv_named_xlsx_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "really.xlsx"
    path.write_text("Supplier,Country\nA,B\n", encoding="utf-8")
    assert read_table(path).rows == [["A", "B"]]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "e.csv", "e.csv: the file is empty; export the supplier list again."),
        (b"PK\x03\x04broken", "b.xlsx", "b.xlsx: the file is damaged"),
        (b"x", "n.pdf", "n.pdf: unsupported file type '.pdf'"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as exc:
        read_table(path)
    assert str(exc.value).startswith(message)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file; check the path"):
        read_table(tmp_path / "nope.csv")


def test_a_cell_merged_down_over_rows_is_read_in_each(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Supplier Name", "Country"])
    for name, country in [
        ("Acme Ltd", "North Korea"),
        ("Beta Co", None),
        ("Gamma Co", None),
        ("Delta", "Japan"),
    ]:
        ws.append([name, country])
    ws.merge_cells("B2:B4")
    ws.append(["Asia suppliers total", None])
    ws.merge_cells("A6:B6")  # across columns: left as it is
    wb.save(tmp_path / "m.xlsx")
    t = read_table(tmp_path / "m.xlsx")
    assert [r[1] for r in t.rows] == ["North Korea", "North Korea", "North Korea", "Japan", ""]
    assert [(i.row, i.code) for i in t.issues] == [(2, "merged-cells")]
    assert (
        t.issues[0].message
        == "rows 2-4: one cell ('North Korea') merged over them; read in each of those rows."
    )


def test_a_second_supplier_sheet_not_screened_is_said(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "s.xlsx", [ROWS[0], ROWS[0]], sheets={"EU suppliers": [HEADER, ROWS[0]]})
    t = read_table(path)
    assert t.sheet == "Suppliers"
    assert [(i.code, i.message) for i in t.issues] == [
        (
            "other-sheet",
            'sheet "EU suppliers" also has a supplier name column and was not screened; '
            'screen it with --sheet "EU suppliers".',
        )
    ]


def test_an_html_table_named_xls_is_read_as_a_sheet(tmp_path: Path) -> None:
    """Many systems' "Export to Excel" writes an HTML page named .xls, which Excel opens."""
    page = (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
        "<style>td {mso-number-format:'@'}</style></head><body><h1>Vendor export</h1><table>"
        "<tr><th>Vendor No.</th><th>Supplier Name</th><th>Country</th></tr>"
        "<tr><td>00123</td><td>Korea Rungrado<br>General Trading Corporation</td><td>North&nbsp;Korea</td></tr>"
        "<tr><td>00124</td><td>Müller &amp; Söhne GmbH</td><td>Germany</td></tr>"
        "<tr><td colspan=2>Total: 2 suppliers</td><td></td></tr></table></body></html>"
    )
    (tmp_path / "export.xls").write_text(page, encoding="utf-8")
    t = read_table(tmp_path / "export.xls")
    assert t.headers == ["Vendor No.", "Supplier Name", "Country"]
    assert t.rows == [
        ["00123", "Korea Rungrado General Trading Corporation", "North Korea"],
        ["00124", "Müller & Söhne GmbH", "Germany"],
        ["Total: 2 suppliers", "", ""],
    ]
    assert t.row_numbers == [2, 3, 4] and t.delimiter is None
    from screen.pipeline import _format_read

    assert _format_read(tmp_path / "export.xls", t) == "html"  # the audit says what was read


def test_an_html_page_without_a_supplier_table_says_so(tmp_path: Path) -> None:
    (tmp_path / "page.xls").write_text(
        "<html><body><table><tr><td>x</td></tr></table></body></html>", encoding="utf-8"
    )
    with pytest.raises(
        InputFileError, match=r"page.xls: is an HTML page with 1 table\(s\), and none has a supplier name"
    ):
        read_table(tmp_path / "page.xls")


def test_numbers_shown_with_leading_zeros_keep_them(tmp_path: Path) -> None:
    # a vendor number typed as a number and formatted "000000" shows as 000123 in Excel:
    # the report must give the ID the user sees (and joins on), not 123
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Vendor ID", "Vendor Name", "Postcode"])
    ws.append([123, "Acme Ltd", 501])
    ws.append([4567890, "Beta Ltd", 44])  # wider than the format: shown as it is
    ws.append(["00042", "Gamma Ltd", 7])  # text already
    ws.append([-5, "Delta Ltd", 1.5])
    for row in (2, 3, 5):
        ws.cell(row, 1).number_format = "000000"
    ws.cell(2, 3).number_format = "00000;[Red]-00000"  # first section pads
    ws.cell(3, 3).number_format = "0.00"  # not padding
    ws.cell(4, 3).number_format = "0"  # not padding either
    ws.cell(5, 3).number_format = "00000"  # not a whole number: as it is
    wb.save(tmp_path / "padded.xlsx")
    t = read_table(tmp_path / "padded.xlsx")
    assert [r[0] for r in t.rows] == ["000123", "4567890", "00042", "-5"]
    assert [r[2] for r in t.rows] == ["00501", "44", "7", "1.5"]


def test_numbers_read_as_excel_shows_them() -> None:
    from screen.read import cell_text

    # Excel keeps 15 significant digits: a 19-digit ID typed as a number is saved cut so
    assert cell_text(1234567890123456789.0) == "1234567890123460000"
    assert cell_text(12345.0) == "12345"
    assert cell_text(999_999_999_999_999.0) == "999999999999999"
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(1.5) == "1.5"
    assert cell_text(-2.0) == "-2"


def test_a_compressed_file_is_said_to_be_one(tmp_path: Path) -> None:
    import gzip

    packed = gzip.compress(b"Supplier Name,Country\nAcme,China\n")
    (tmp_path / "v.csv.gz").write_bytes(packed)
    (tmp_path / "v.csv").write_bytes(packed)  # compressed, named as the file inside
    with pytest.raises(InputFileError) as exc:
        read_table(tmp_path / "v.csv.gz")
    assert "v.csv.gz: unsupported file type '.gz'; a compressed file: unpack it first" in str(exc.value)
    with pytest.raises(InputFileError) as exc:
        read_table(tmp_path / "v.csv")
    assert (
        str(exc.value)
        == "v.csv: is a gzip-compressed file; unpack it first (gunzip), then screen the file inside."
    )
