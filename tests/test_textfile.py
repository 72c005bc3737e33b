"""Text supplier files: encodings, binary data, delimiters, unclosed quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.config import LimitsConfig
from screen.errors import InputFileError, LimitError
from screen.textfile import decode_text, read_text_grid, sniff_delimiter


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Müller;Köln\n".encode(), "Müller;Köln\n", "utf-8"),
        (b"\xef\xbb\xbfM\xc3\xbcller\n", "Müller\n", "utf-8-sig"),
        ("Müller\n".encode("utf-16"), "Müller\n", "utf-16"),
        ("Müller\n".encode("utf-16-le"), "Müller\n", "utf-16-le"),
        ("Müller € Crème\n".encode("cp1252"), "Müller € Crème\n", "cp1252"),
    ],
)
def test_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data, "s.csv") == (text, encoding)


LEGACY = [
    (
        "Supplier,Country\nООО «Ромашка»,Россия\nКорея Рынрадо Трейдинг,КНДР\nАО Дальневосточный банк,Россия\n",
        "cp1251",
    ),
    (
        "供应商,国家\n北京纺织有限公司,中国\n朝鲜绫罗岛贸易总公司,朝鲜\n丹东鸿祥实业发展有限公司,中国\n",
        "gb18030",
    ),
    (
        "仕入先,国\n株式会社テスト商事,日本\n東京精密工業株式会社,日本\n大阪食品販売株式会社,日本\n",
        "shift_jis",
    ),
    (
        "공급업체,국가\n남강건설무역회사,조선\n대한정밀공업주식회사,한국\n서울식품판매주식회사,한국\n",
        "euc_kr",
    ),
    ("Supplier,Country\nΕλληνικά Ναυπηγεία Α.Ε.,Ελλάδα\nΑθηναϊκή Ζυθοποιία,Ελλάδα\n", "cp1253"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY)
def test_legacy_encodings_of_other_scripts_are_read_not_garbled(text: str, encoding: str) -> None:
    """Excel's "CSV" on a Russian, Chinese, Japanese, Korean or Greek Windows: not UTF-8, and not
    Windows-1252 (which would turn every letter into an accented Latin one, silently)."""
    decoded, found = decode_text(text.encode(encoding), "s.csv")
    assert decoded == text
    assert found.replace("_", "").replace("-", "") in {encoding.replace("_", ""), "gb18030"}


def test_mixed_utf8_and_cp1252_is_refused_with_offset_and_line() -> None:
    data = "Supplier\nMüller\n".encode() + b"Caf\xe9\n"
    with pytest.raises(InputFileError) as exc:
        decode_text(data, "s.csv")
    assert str(exc.value) == (
        "s.csv: byte 20 (line 3, 0xE9) is not valid UTF-8 (the rest of the file is UTF-8: mixed encodings); "
        "save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)."
    )


def test_invalid_bytes_after_a_utf8_bom() -> None:
    with pytest.raises(InputFileError, match=r"^s.csv: byte 5 \(line 1, 0xFF\) is not valid UTF-8"):
        decode_text(b"\xef\xbb\xbfab\xff", "s.csv")


def test_binary_data_is_refused() -> None:
    with pytest.raises(InputFileError, match=r"^s.csv: holds binary data, not text or a spreadsheet"):
        decode_text(bytes(range(256)) * 4, "s.csv")


def test_a_few_nul_bytes_are_text() -> None:
    assert decode_text(b"Supplier,Country\nA\x00B,C\n", "s.csv")[1] == "utf-8"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Supplier,Country\nA,B\n", ","),
        ('Supplier;Country\n"Smith, Jones & Co";UK\nA;B\n', ";"),
        ('Supplier,Country,Note\n"a;b;c",X,"d;e"\n"f;g",Y,h\n', ","),
        ("Supplier\tCountry\nA\tB\n", "\t"),
        ("Supplier|Country\nA|B\n", "|"),
        ("Supplier\nA\n", ","),
    ],
)
def test_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text, ".csv") == delimiter


def test_records_keep_the_line_they_start_on(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text('Supplier,Note\n"A","x\ny"\n\nB,z\n', encoding="utf-8")
    grid, lines, encoding, delimiter = read_text_grid(p, LimitsConfig())
    assert grid == [["Supplier", "Note"], ["A", "x\ny"], [], ["B", "z"]]
    assert lines == [1, 2, 4, 5]
    assert (encoding, delimiter) == ("utf-8", ",")


def test_unclosed_quote_is_named_by_line(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text('Supplier,Country\nA,B\n"C,D\nE,F\n', encoding="utf-8")
    with pytest.raises(
        InputFileError, match=r"^s.csv: line 3: a quote \(\"\) opens a cell that is never closed"
    ):
        read_text_grid(p, LimitsConfig())


def test_stray_quote_inside_a_cell_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text('Supplier,Country\nAc"me,B\n"C" Ltd,D\n', encoding="utf-8")
    grid, *_ = read_text_grid(p, LimitsConfig())
    assert grid[1:] == [['Ac"me', "B"], ["C Ltd", "D"]]


def test_cell_over_the_csv_module_limit_names_our_limit(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("Supplier\n" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(
        LimitError, match=r"^s.csv: line 2: a cell holds more than 131,072 characters, over the limit"
    ):
        read_text_grid(p, LimitsConfig())


def test_rules_drawn_between_rows_read_as_blank_lines(tmp_path: Path) -> None:
    # SAP's list output to a text file: the header and the rows between lines of dashes
    p = tmp_path / "sap.txt"
    p.write_text(
        "-------------------------\n|Vendor|Name 1    |Cty|\n-------------------------\n"
        "|100234|Siemens AG|DE |\n|100235|---       |IN |\n- - - - - - - - - - - - -\n",
        encoding="utf-8",
    )
    grid, lines, _, delimiter = read_text_grid(p, LimitsConfig())
    assert delimiter == "|" and lines == [1, 2, 3, 4, 5, 6]
    assert [any(c.strip() for c in r) for r in grid] == [False, True, False, True, True, False]
    assert grid[4][2].strip() == "---"  # a cell of dashes in a row of data stays as it is
