"""Generate tests/data/bad/: small, awkward and broken supplier files for tests/test_bad_inputs.py.

    python scripts/make_bad_corpus.py

Deterministic: the same bytes on every run (fixed seed, fixed zip timestamps and document
dates), so the committed files only change when this script does. Every file is a few KB;
the zip bomb is ~50 KB on disk and unpacks to ~50 MB (the tests lower
``limits.max_uncompressed_mb`` to trip it). tests/data/bad/README.md lists each file and the
outcome `screen run` gives it; tests/test_bad_inputs.py asserts exactly that.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import xlsxwriter
import xlwt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "bad"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_DATE = dt.datetime(2026, 1, 1)

HEADER = ["Supplier", "Country", "Activity"]
ROWS = [
    ["Nordic Timber AB", "Sweden", "Sawmills"],
    ["Korea Mining Development Trading Corporation", "DPRK", "Mining"],
    ["Café Crème SARL", "France", "Restaurant"],
]
BUILDERS: dict[str, Callable[[], bytes]] = {}
OUTCOMES: dict[str, tuple[str, str]] = {}


def case(name: str, outcome: str, what: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    """Register a builder of the bytes of tests/data/bad/``name``, what it is and the outcome it gets."""

    def deco(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        BUILDERS[name] = fn
        OUTCOMES[name] = (outcome, what)
        return fn

    return deco


def csv_text(rows: list[list[str]], sep: str = ",", eol: str = "\r\n") -> str:
    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in f'{sep}"\r\n') else v

    return "".join(sep.join(q(v) for v in r) + eol for r in rows)


def normalise_zip(data: bytes, edit: Callable[[str, bytes], bytes | None] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps and document dates; ``edit`` may change (or drop) members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body: bytes | None = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2026-01-01T00:00:00Z", body)
            if edit is not None:
                body = edit(info.filename, body)
            if body is None:
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    return out.getvalue()


def xlsx(build: Callable[[xlsxwriter.Workbook], None]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": FIXED_DATE, "author": "make_bad_corpus.py"})
    build(wb)
    wb.close()
    return normalise_zip(buf.getvalue())


def simple_xlsx(rows: list[list[object]], sheet: str = "Suppliers") -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet(sheet)
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)

    return xlsx(build)


# ------------------------------------------------------------------ text files


@case("empty.csv", "error", "0 bytes")
def empty() -> bytes:
    return b""


@case("header_only.csv", "error", "a header and no rows")
def header_only_csv() -> bytes:
    return csv_text([HEADER]).encode()


@case("header_only.xlsx", "error", "a header and no rows")
def header_only_xlsx() -> bytes:
    return simple_xlsx([HEADER])


@case("no_name_column.csv", "error", "no column names a supplier")
def no_name_column() -> bytes:
    return csv_text([["Country", "Activity", "Amount"], ["Sweden", "Sawmills", "100"]]).encode()


@case("duplicate_columns.csv", "ok", "Supplier, Country twice")
def duplicate_columns() -> bytes:
    rows = [["Supplier", "Country", "Supplier", "Country"]] + [[r[0], r[1], r[0].upper(), ""] for r in ROWS]
    return csv_text(rows).encode()


@case("long_cell.csv", "ok; error with max_cell_chars = 5000", "a 10,000-character name")
def long_cell() -> bytes:
    rnd = random.Random(1)
    words = ["timber", "logistics", "holding", "group", "services", "trading", "works", "limited"]
    long = " ".join(rnd.choice(words) for _ in range(1400))[:10_000]
    return csv_text([HEADER, ROWS[0], ["Long Name " + long[:9_990], "Sweden", "Sawmills"], ROWS[2]]).encode()


@case("newlines.csv", "ok", "line breaks inside quoted cells (LF and CRLF)")
def newlines() -> bytes:
    rows = [HEADER, ["Two\nLines Ltd", "Sweden", "Saw\r\nmills"], ["Plain Co", "Norway", "Fishing"], ROWS[1]]
    return csv_text(rows).encode()


@case("nul_bytes.csv", "ok", "NUL bytes inside cells")
def nul_bytes() -> bytes:
    return csv_text([HEADER, ["Nordic\x00 Timber AB", "Sweden", "Saw\x00mills"], *ROWS[1:]]).encode()


@case("rtl_emoji.csv", "ok", "Arabic, Hebrew with RLM marks, emoji and flags, combining marks")
def rtl_emoji() -> bytes:
    rows = [
        HEADER,
        ["شركة النور للمقاولات", "الإمارات", "مقاولات"],
        ['\u200fחברת הבנייה בע"מ\u200f', "Israel", "Construction"],
        ["Happy Noodles 🍜🇰🇵 Ltd", "China", "Restaurant 🍽️"],
        ["Zalgo Z̴̛a̷l̸g̵o̶ GmbH", "Germany", "Machinery"],
    ]
    return csv_text(rows).encode()


@case("utf16.csv", "ok", "UTF-16 with BOM")
def utf16() -> bytes:
    return csv_text([HEADER, *ROWS, ["Мокран ООО", "Россия", "Строительство"]]).encode("utf-16")


@case("utf16_tab.txt", "ok", 'Excel "Unicode Text": UTF-16, tab-separated')
def utf16_tab() -> bytes:
    # Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated
    return csv_text([HEADER, *ROWS, ["沈阳建筑工程有限公司", "中国", "房屋建筑"]], sep="\t").encode("utf-16")


@case("cp1252.csv", "ok", "Windows-1252, semicolons (German Excel)")
def cp1252() -> bytes:
    rows = [
        ["Lieferant", "Land", "Branche"],
        ["Müller Bau GmbH", "Deutschland", "Hochbau"],
        ["Café Crème SARL", "France", "Restaurant"],
    ]
    return csv_text(rows, sep=";").encode("cp1252")


@case("invalid_bytes.csv", "error", "UTF-8 with one stray cp1252 byte (mixed encodings)")
def invalid_bytes() -> bytes:
    # UTF-8 text (with real multibyte characters) and one stray cp1252 byte: mixed encodings
    good = csv_text(
        [HEADER, ["Müller Bau GmbH", "Deutschland", "Hochbau"], ["Société X", "France", "Bâtiment"]]
    ).encode()
    return good + b"Caf" + b"\xe9 Cr\xe8me SARL,France,Restaurant\r\n"


@case("unclosed_quote.csv", "error", "a quote that is never closed")
def unclosed_quote() -> bytes:
    return (
        csv_text([HEADER, ROWS[0]]).encode()
        + b'"Broken Quote Ltd,Sweden,Sawmills\r\n'
        + csv_text(ROWS[1:]).encode()
    )


@case("ragged.csv", "ok", "rows shorter and longer than the header")
def ragged() -> bytes:
    text = "Supplier,Country,Activity\r\nShort Row Ltd\r\nLong Row AB,Sweden,Sawmills,extra,more\r\nNormal Co,Norway,Fishing\r\n"
    return text.encode()


@case(
    "noise_50_columns.csv",
    "ok; error with max_columns = 40",
    "the supplier columns among 47 columns of noise",
)
def noise_columns() -> bytes:
    rnd = random.Random(50)
    header = [f"x{i:02d}" for i in range(25)] + HEADER + [f"z{i:02d}" for i in range(22)]
    rows = [header]
    for base in ROWS:
        noise = ["".join(rnd.choice("abcdef0123456789") for _ in range(6)) for _ in range(47)]
        rows.append(noise[:25] + base + noise[25:])
    return csv_text(rows).encode()


@case("binary.csv", "error", "random bytes")
def binary() -> bytes:
    rnd = random.Random(7)
    return bytes(rnd.randrange(256) for _ in range(2048))


@case("garbage.xlsx", "error", "random bytes named .xlsx")
def garbage_xlsx() -> bytes:
    rnd = random.Random(8)
    return b"\x00\x01\x02\x03" + bytes(rnd.randrange(256) for _ in range(2044))


@case("csv_named.xlsx", "ok", "a CSV named .xlsx")
def csv_named_xlsx() -> bytes:
    return csv_text([HEADER, *ROWS]).encode()


# ------------------------------------------------------------------ workbooks


@case("xlsx_named.csv", "ok", "an xlsx named .csv")
def xlsx_named_csv() -> bytes:
    return simple_xlsx([HEADER, *ROWS])


@case("title_rows.xlsx", "ok", "title lines above the header (header on row 4)")
def title_rows() -> bytes:
    return simple_xlsx([["Supplier master export"], ["Generated 2026-01-01 by ERP"], [], HEADER, *ROWS])


@case("second_sheet.xlsx", "ok", "a cover sheet, data on the second sheet")
def second_sheet() -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        cover = wb.add_worksheet("Cover")
        cover.write(0, 0, "This workbook lists our vendors. See the next sheet.")
        data = wb.add_worksheet("Vendors")
        for r, row in enumerate([HEADER, *ROWS]):
            data.write_row(r, 0, row)

    return xlsx(build)


@case("merged_header.xlsx", "ok", "a two-row header with merged cells")
def merged_header() -> bytes:
    # a two-row header: "Supplier name" merged down over A1:A2, "Location" merged across B1:C1
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Suppliers")
        ws.merge_range("A1:A2", "Supplier name")
        ws.merge_range("B1:C1", "Location")
        ws.write_row(1, 1, ["Country", "City"])
        ws.write(0, 3, "Activity")
        for r, (name, country, activity) in enumerate(ROWS, start=2):
            ws.write_row(r, 0, [name, country, "", activity])

    return xlsx(build)


@case("hidden_decoy.xlsx", "ok", "a hidden sheet with better supplier headers and more rows")
def hidden_decoy() -> bytes:
    # a hidden sheet with more rows and better supplier headers must not be chosen
    def build(wb: xlsxwriter.Workbook) -> None:
        old = wb.add_worksheet("Old suppliers")
        for r, row in enumerate(
            [["Supplier name", "Country", "Industry", "NAICS"]]
            + [[f"Old {i}", "X", "Y", "1"] for i in range(20)]
        ):
            old.write_row(r, 0, row)
        old.hide()
        data = wb.add_worksheet("Suppliers")
        for r, row in enumerate([HEADER, *ROWS]):
            data.write_row(r, 0, row)
        data.activate()

    return xlsx(build)


@case("hidden_only.xlsx", "error", "the only supplier sheet is hidden")
def hidden_only() -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        cover = wb.add_worksheet("Cover")
        cover.write(0, 0, "Nothing to see here")
        data = wb.add_worksheet("Suppliers")
        for r, row in enumerate([HEADER, *ROWS]):
            data.write_row(r, 0, row)
        data.hide()

    return xlsx(build)


@case("formulas.xlsx", "ok", "formulas with cached values (one is #DIV/0!)")
def formulas() -> bytes:
    # formulas with the cached values Excel would have saved
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Suppliers")
        ws.write_row(0, 0, [*HEADER, "Prefix", "Suffix"])
        ws.write_row(1, 3, ["Nordic Timber", "AB"])
        ws.write_formula(1, 0, '=D2&" "&E2', None, "Nordic Timber AB")
        ws.write_row(1, 1, ["Sweden", "Sawmills"])
        ws.write_row(2, 0, ROWS[1])
        ws.write_formula(2, 3, "=LEFT(A3,5)", None, "Korea")
        ws.write_formula(3, 0, '=UPPER("café crème sarl")', None, "CAFÉ CRÈME SARL")
        ws.write_formula(3, 1, "=1/0", None, "#DIV/0!")
        ws.write(3, 2, "Restaurant")

    return xlsx(build)


@case("formulas_uncached.xlsx", "error", "formulas saved without values (as openpyxl writes them)")
def formulas_uncached() -> bytes:
    # what openpyxl and some exporters write: formulas with no saved value (<v/>)
    base = BUILDERS["formulas.xlsx"]()

    def strip_values(name: str, body: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            return re.sub(rb"(</f>|<f [^>]*/>)<v>[^<]*</v>", rb"\1<v/>", body)
        return body

    return normalise_zip(base, strip_values)


@case("dates_numbers.xlsx", "ok", "a date, numbers, a boolean and a timestamp in name cells")
def dates_numbers() -> bytes:
    def build(wb: xlsxwriter.Workbook) -> None:
        ws = wb.add_worksheet("Suppliers")
        date = wb.add_format({"num_format": "yyyy-mm-dd"})
        stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        ws.write_row(0, 0, [*HEADER, "Supplier ID"])
        ws.write_datetime(1, 0, dt.datetime(2024, 5, 3), date)
        ws.write_number(2, 0, 12345)
        ws.write_number(3, 0, 3.25)
        ws.write_boolean(4, 0, True)
        ws.write_datetime(5, 0, dt.datetime(2024, 5, 3, 14, 30), stamp)
        for r in range(1, 6):
            ws.write_row(r, 1, ["Sweden", "Sawmills"])
            ws.write_number(r, 3, 123 + r)

    return xlsx(build)


@case("truncated.xlsx", "error", "an xlsx cut in half (broken zip)")
def truncated() -> bytes:
    full = simple_xlsx([HEADER, *ROWS])
    return full[: len(full) // 2]


@case("encrypted.xlsx", "error", "a password-protected xlsx (OLE file with an EncryptedPackage stream)")
def encrypted() -> bytes:
    return cfb(
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\x00" * 200,
            "EncryptedPackage": bytes(range(256)) * 8,
        }
    )


@case("zip_bomb.xlsx", "ok; error with max_uncompressed_mb = 16", "54 KB that unpacks to 48 MB")
def zip_bomb() -> bytes:
    # a valid workbook whose sheet XML is padded with 48 MB of whitespace (~50 KB deflated)
    base = simple_xlsx([HEADER, *ROWS])
    pad = b" " * (48 * 1024 * 1024)

    def inflate(name: str, body: bytes) -> bytes:
        return (
            body.replace(b"<sheetData>", b"<sheetData>" + pad, 1)
            if name == "xl/worksheets/sheet1.xml"
            else body
        )

    return normalise_zip(base, inflate)


@case("old.xls", "ok", "Excel 97-2003 (xlwt)")
def old_xls() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("Suppliers")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, v in enumerate(row):
            sh.write(r, c, v)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@case("xls_named.xlsx", "ok", "an .xls named .xlsx")
def xls_named_xlsx() -> bytes:
    return BUILDERS["old.xls"]()


@case("suppliers.ods", "ok", "OpenDocument (odfpy via pandas)")
def ods() -> bytes:
    buf = io.BytesIO()
    pd.DataFrame(ROWS, columns=HEADER).to_excel(buf, index=False, engine="odf", sheet_name="Suppliers")
    return normalise_zip(buf.getvalue())


# ------------------------------------------------------------------ a minimal OLE/CFB container


def cfb(streams: dict[str, bytes]) -> bytes:
    """A Compound File (v3, 512-byte sectors) holding ``streams``, each stored in regular sectors.

    Enough for a reader that looks for the ``EncryptedPackage`` stream of a password-protected
    Office file; streams are padded to 4096 bytes so no mini stream is needed.
    """
    sector = 512
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    assert 1 <= len(names) <= 3
    bodies = [streams[n] + b"\x00" * (-len(streams[n]) % 4096) for n in names]
    fat = [fatsect, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for body in bodies:
        first = len(fat)
        count = len(body) // sector
        fat += [first + i + 1 for i in range(count - 1)] + [end]
        starts.append(first)
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\x00").encode("utf-16-le") if name else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB3I", len(raw), kind, 1, left, right, child)
            + b"\x00" * 16  # CLSID
            + struct.pack("<I", 0)  # state bits
            + b"\x00" * 16  # creation and modification times
            + struct.pack("<IQ", start, size)
        )

    # root's child is the first stream; the others hang off its left (all shorter names sort first)
    entries = [entry("Root Entry", 5, nostream, nostream, 1 if names else nostream, end, 0)]
    for i, (name, body, start) in enumerate(zip(names, bodies, starts, strict=True)):
        left = i + 2 if i + 1 < len(names) else nostream
        entries.append(entry(name, 2, left, nostream, nostream, start, len(streams[name])))
        del body
    while len(entries) < 4:
        entries.append(entry("", 0, nostream, nostream, nostream, 0, 0))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    return header + struct.pack(f"<{len(fat)}I", *fat) + b"".join(entries) + b"".join(bodies)


README = """# Bad and awkward supplier files

Generated by `scripts/make_bad_corpus.py` (deterministic; run it again after changing it).
`tests/test_bad_inputs.py` runs `screen run` on each and asserts the outcome below: either a
correct screening (**ok**) or exit 1 with one `Error: ...` line naming the file, what is wrong
and how to fix it, and no report left behind (**error**).

| file | what | outcome |
|---|---|---|
{rows}

Decisions: a hidden sheet is never chosen on its own (a hidden copy or lookup sheet is
often stale); when the only sheet with a supplier column is hidden, the error names it and
`--sheet NAME` screens it. Text that is UTF-8 except for some bytes is refused (with the byte
offset and line) rather than read as cp1252, which would turn every "ü" into "Ã¼"; text with
no UTF-8 at all is read as cp1252. Formula cells without a saved value are refused (they would
read as blank names). A header merged over two rows becomes one ("Location Country").

Made at test time instead of stored: more rows than an Excel sheet holds, an unwritable
output folder, an output path equal to the input path, and limits lowered in `screen.toml`
(`long_cell.csv` with `max_cell_chars`, `noise_50_columns.csv` with `max_columns`,
`zip_bomb.xlsx` with `max_uncompressed_mb`; the bomb unpacks to ~48 MB, under the default
2,048 MB, so the tests lower the limit).
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        data = build()
        (OUT / name).write_bytes(data)
        print(f"{name:28} {len(data):>7,} bytes  {OUTCOMES[name][0]}")
    rows = "\n".join(f"| `{n}` | {OUTCOMES[n][1]} | {OUTCOMES[n][0]} |" for n in sorted(BUILDERS))
    (OUT / "README.md").write_text(README.format(rows=rows), encoding="utf-8")


if __name__ == "__main__":
    main()
