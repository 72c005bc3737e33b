"""Check a workbook's container before python-calamine opens it.

What a file is comes from its first bytes (:func:`sniff_kind`). python-calamine trusts the
sizes written inside a workbook: one stray cell at XFD1048576 in a 6 KB xlsx makes it
allocate 17 billion cells, and a damaged xls (a sector chain that loops, a DIMENSIONS record
claiming 16 million rows) makes it allocate until the process is killed; a Rust allocation
failure aborts Python, so nothing can be caught afterwards. The checks here run first, on the
zip (:func:`check_zip`: damage, unpacked size, each sheet's used range) and on the OLE
compound file of an .xls (:func:`check_ole`: encryption, sector chains, the BIFF extents),
and raise an :class:`~screen.errors.InputFileError` or :class:`~screen.errors.LimitError`
that names the file and the fix. :meth:`SheetFacts.check_formula_values` refuses xlsx formula cells
saved without a value (every reader but Excel sees them blank).
"""

from __future__ import annotations

import logging
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from screen.config import LimitsConfig
from screen.errors import InputFileError, LimitError, ScreenError

log = logging.getLogger(__name__)

HEADER_SLACK_ROWS = 30  # title and header rows allowed above limits.max_rows data rows
FIX_ENCRYPTED = "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save a copy"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage"


def sniff_kind(path: Path) -> str:
    """What the file really is, from its first bytes: "zip", "ole" or "text"."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # xlsx, xlsm, xlsb, ods
    if head.startswith(_OLE_MAGIC):
        return "ole"  # xls, or an encrypted (password-protected) xlsx
    return "text"


def reason(exc: BaseException) -> str:
    """An exception as a short single line for an error message."""
    text = " ".join(str(exc).split())[:200]
    return text or type(exc).__name__


def damaged(path: Path, what: str) -> InputFileError:
    return InputFileError(f"{path.name}: the file is damaged ({what}); re-export it from the source system.")


# ---------------------------------------------------------------- the used range of a sheet


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def check_extent(path: Path, sheet: str | None, rows: int, cols: int, limits: LimitsConfig) -> None:
    """Refuse a sheet spanning more rows, columns or cells than the limits allow."""
    last = f"{column_letters(cols)}{rows}"
    fix = "delete the stray cells beyond the data (in Excel, Ctrl+End shows the last used cell) and save"
    where = f'{path.name}: sheet "{sheet}"' if sheet else f"{path.name}: a sheet"
    if cols > limits.max_columns:
        raise LimitError(
            f"{where} is {cols:,} columns wide (last cell {last}), over the limit limits.max_columns="
            f"{limits.max_columns:,}; {fix}, or raise the limit in screen.toml."
        )
    if rows > limits.max_rows + HEADER_SLACK_ROWS:
        raise LimitError(
            f"{where} has {rows:,} rows (last cell {last}), over the limit limits.max_rows={limits.max_rows:,}; "
            f"{fix}, or split the file."
        )
    if rows * cols > limits.max_cells:
        raise LimitError(
            f"{where} spans {rows:,} rows x {cols:,} columns (last cell {last}), over the limit "
            f"limits.max_cells={limits.max_cells:,}; {fix}, split the file, or raise the limit in screen.toml."
        )


# ---------------------------------------------------------------- zip: xlsx, xlsm, ods

# a cell with content: <c r="XFD5" ...>, neither self-closing nor closed at once
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,10})"[^>]*(?<!/)>(?!</(?:\w+:)?c>)')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,10})"[^>]*(?<!/)>')
_SCAN_CHUNK = 16 << 20


def check_zip(path: Path, limits: LimitsConfig) -> None:
    """Refuse a damaged archive, one that unpacks to more than ``limits.max_uncompressed_mb``,
    or an xlsx sheet whose used range is over the limits."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > limits.max_uncompressed_mb * 1024 * 1024:
                raise LimitError(
                    f"{path.name}: unpacks to {total / 1048576:,.0f} MB, over the limit "
                    f"limits.max_uncompressed_mb={limits.max_uncompressed_mb:,}; raise it in screen.toml if the "
                    "file is genuine."
                )
            # reading a member to its end checks its CRC; the sheets are read by the extent check,
            # the rest here (zipfile never inflates a member beyond its declared size)
            scanned = _check_xlsx_extents(path, zf, limits)
            if path.stat().st_size < 50_000_000:
                for info in zf.infolist():
                    if info.filename not in scanned:
                        with zf.open(info) as fh:
                            while fh.read(_SCAN_CHUNK):
                                pass
            if "content.xml" in zf.namelist() and "xl/workbook.xml" not in zf.namelist():
                _check_ods_extents(path, zf, limits)
    except ScreenError:
        raise
    except Exception as exc:  # zipfile raises BadZipFile, zlib.error, EOFError, NotImplementedError ...
        raise damaged(path, reason(exc)) from exc


def _check_xlsx_extents(path: Path, zf: zipfile.ZipFile, limits: LimitsConfig) -> set[str]:
    """calamine allocates the rectangle from A1 to the last cell with content: check it first.
    Returns the members read to their end."""
    try:
        parts = sheet_parts(zf)
    except Exception as exc:  # a malformed workbook.xml: calamine will say so
        log.debug("%s: extent check skipped (%s)", path.name, exc)
        return set()
    for sheet, part in parts.items():
        rows = cols = 0
        tail = b""
        with zf.open(part) as fh:
            for chunk in iter(lambda: fh.read(_SCAN_CHUNK), b""):
                data = tail + chunk
                cells = _CELL_REF.findall(data)
                if cells:  # few distinct column letters, many cells
                    cols = max(cols, *(column_number(c.decode()) for c in {c for c, _ in cells}))
                    rows = max(rows, *map(int, (d for _, d in cells)))
                marks = _ROW_REF.findall(data)
                if marks:
                    rows = max(rows, *map(int, marks))
                tail = data[-4096:]
        check_extent(path, sheet, rows, cols, limits)
    return set(parts.values())


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _check_ods_extents(path: Path, zf: zipfile.ZipFile, limits: LimitsConfig) -> None:
    """An ODS cell or row can say "repeat me 16,384 times"; calamine expands the repeats of cells
    with content into a dense rectangle, so add them up first (empty repeats are free)."""
    import defusedxml.ElementTree as SafeET

    table, row, cell = f"{{{_TABLE_NS}}}table", f"{{{_TABLE_NS}}}table-row", f"{{{_TABLE_NS}}}table-cell"
    covered = f"{{{_TABLE_NS}}}covered-table-cell"
    rows_rep, cols_rep = f"{{{_TABLE_NS}}}number-rows-repeated", f"{{{_TABLE_NS}}}number-columns-repeated"
    value_type = f"{{{_OFFICE_NS}}}value-type"
    name = ""
    row_at = col_at = row_end = 0
    rows = cols = 0
    try:
        with zf.open("content.xml") as fh:
            for event, el in SafeET.iterparse(fh, events=("start", "end")):
                if event == "start":
                    if el.tag == table:
                        name = el.get(f"{{{_TABLE_NS}}}name", "")
                        row_at = rows = cols = 0
                    elif el.tag == row:
                        col_at = row_end = 0
                    continue
                if el.tag in (cell, covered):
                    col_at += int(el.get(cols_rep, "1"))
                    if el.get(value_type) is not None or len(el):
                        row_end = col_at
                    el.clear()
                elif el.tag == row:
                    repeat = int(el.get(rows_rep, "1"))
                    row_at += repeat
                    if row_end:
                        rows, cols = row_at, max(cols, row_end)
                        check_extent(path, name, rows, cols, limits)
                    el.clear()
    except ScreenError:
        raise
    except Exception as exc:  # malformed XML: calamine or the ODS fallback will say so
        log.debug("%s: extent check skipped (%s)", path.name, exc)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of each worksheet of an xlsx/xlsm (empty for other formats)."""
    import defusedxml.ElementTree as SafeET

    members = set(zf.namelist())
    if "xl/workbook.xml" not in members or "xl/_rels/workbook.xml.rels" not in members:
        return {}
    book = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets: dict[str, str] = {}
    for el in rels.iter():
        if el.tag.endswith("Relationship") and el.get("Id"):
            target = el.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            targets[str(el.get("Id"))] = member
    out: dict[str, str] = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") and el.get("name") is not None:
            rel_id = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            part = targets.get(rel_id or "")
            if part in members:
                out[str(el.get("name"))] = part
    return out


_PADDED_FORMAT = re.compile(r"0{2,}")  # "000000": a number shown with leading zeros
_ATTR = re.compile(rb'\b([rst])="([^"]*)"')
_REF = re.compile(rb"([A-Z]{1,3})(\d+)")


def _padded_styles(zf: zipfile.ZipFile) -> dict[int, int]:
    """Cell style index -> digits, for the styles whose number format pads a number with
    leading zeros ("000000": 123 shows as 000123). Empty when the workbook has none."""
    import defusedxml.ElementTree as SafeET

    if "xl/styles.xml" not in zf.namelist():
        return {}
    data = zf.read("xl/styles.xml")
    if b"formatCode" not in data:
        return {}
    root = SafeET.fromstring(data)
    widths: dict[str, int] = {}
    for el in root.iter():
        if el.tag.endswith("}numFmt"):
            first = str(el.get("formatCode", "")).split(";")[0].strip()
            if _PADDED_FORMAT.fullmatch(first):
                widths[str(el.get("numFmtId"))] = len(first)
    if not widths:
        return {}
    out: dict[int, int] = {}
    for xfs in root.iter():
        if xfs.tag.endswith("}cellXfs"):
            for k, xf in enumerate(x for x in xfs if x.tag.endswith("}xf")):
                if str(xf.get("numFmtId")) in widths:
                    out[k] = widths[str(xf.get("numFmtId"))]
    return out


@dataclass
class SheetFacts:
    """What an xlsx sheet's XML says that calamine's values do not, read in one pass."""

    # (row, column), 0-based, -> digits: numbers shown with leading zeros by their number
    # format (a vendor number 000123 typed as a number and formatted "000000": readers see 123)
    padded: dict[tuple[int, int], int] = field(default_factory=dict)
    # (row, column), 0-based -> the error a cell shows ("#N/A" of a failed VLOOKUP): readers see
    # it blank, so a supplier name that is an error would read as no name at all
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    # formula cells saved without a value, as (column letters, 1-based row)
    uncached: list[tuple[str, int]] = field(default_factory=list)

    def check_formula_values(self, name: str, sheet: str, first_row: int) -> None:
        """Refuse formula cells (from row ``first_row`` on) saved without a value: calamine, like
        any reader but Excel, sees them blank, so a supplier name computed by a formula would vanish."""
        cells = [(c, r) for c, r in self.uncached if r >= first_row]
        if cells:
            example = ", ".join(f"{c}{r}" for c, r in cells[:3])
            raise InputFileError(
                f'{name}: sheet "{sheet}" has {len(cells):,} formula cell(s) without a saved value (e.g. {example}), '
                "so their text is unknown; open the file in Excel or LibreOffice, save it, and run again."
            )


_UNCACHED_FORMULA = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*'
    rb"<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
# a cell of type "e" (error) and its value, its formula (if any) between
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\s([^>]*?\bt="e"[^>]*)>(?:\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>))?'
    rb"\s*<(?:\w+:)?v>([^<]{1,16})</(?:\w+:)?v>"
)
_MAX_FORMULA_SCAN = 256 * 1024 * 1024


def sheet_facts(path: Path, sheet: str) -> SheetFacts:
    """Read sheet ``sheet`` of xlsx ``path`` once for its :class:`SheetFacts` (none when the
    sheet cannot be found or is over 256 MB of XML: calamine read it, so what it read stands)."""
    facts = SheetFacts()
    try:
        with zipfile.ZipFile(path) as zf:
            part = sheet_parts(zf).get(sheet)
            if part is None or zf.getinfo(part).file_size > _MAX_FORMULA_SCAN:
                return facts
            styles = _padded_styles(zf)
            data = zf.read(part)
    except Exception as exc:  # a malformed workbook.xml or rels: calamine read the sheet, so carry on
        log.debug("%s: sheet XML not read (%s)", path.name, exc)
        return facts
    if styles:  # only the cells of those styles are looked at
        styled = re.compile(
            rb'<(?:\w+:)?c\s([^>]*?\bs="(?:' + b"|".join(str(k).encode() for k in styles) + rb')"[^>]*)>'
        )
        for m in styled.finditer(data):
            attrs = dict(_ATTR.findall(m.group(1)))
            style, ref = attrs.get(b"s", b""), attrs.get(b"r")
            if ref is None or attrs.get(b"t", b"n") != b"n":
                continue
            at = _REF.fullmatch(ref)
            if at:
                facts.padded[(int(at.group(2)) - 1, column_number(at.group(1).decode()) - 1)] = styles[
                    int(style)
                ]
    if b't="e"' in data:
        for m in _ERROR_CELL.finditer(data):
            at = _REF.fullmatch(dict(_ATTR.findall(m.group(1))).get(b"r", b""))
            if at:
                cell = (int(at.group(2)) - 1, column_number(at.group(1).decode()) - 1)
                facts.errors[cell] = m.group(2).decode("ascii", "replace").strip()
    if b"<f" in data or b":f" in data:
        facts.uncached = [(c.decode(), int(r)) for c, r in _UNCACHED_FORMULA.findall(data)]
    return facts


# ---------------------------------------------------------------- OLE compound files: xls

_SPECIAL = 0xFFFFFFFA  # sector numbers from here up end a chain, or mark free or FAT sectors


class _Cfb:
    """A validated view of an OLE compound file: every chain ends, every link is in range."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path, self.data = path, data
        if len(data) < 512:
            raise self.damaged()
        sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise self.damaged()
        self.size = 1 << sector_shift
        self.count = max(len(data) // self.size - 1, 0)  # sectors after the header
        n_fat, first_dir = struct.unpack_from("<II", data, 44)
        self.cutoff, first_mini, n_mini, first_difat, n_difat = struct.unpack_from("<IIIII", data, 56)
        fat_sectors = _words(data[76:512])
        link, hops = first_difat, 0
        while link < _SPECIAL and hops < min(n_difat, self.count):
            entries = _words(self.sector(link))
            fat_sectors += entries[:-1]
            link, hops = entries[-1], hops + 1
        self.fat: list[int] = []
        for s in [s for s in fat_sectors if s < _SPECIAL][:n_fat]:
            self.fat += _words(self.sector(s))
        self._check_chains(self.fat)
        directory = self.read_chain(first_dir, self.fat, self.sector)
        self.entries: dict[str, tuple[int, int, int]] = {}  # name -> (kind, start, size)
        for off in range(0, len(directory) - 127, 128):
            (name_len,) = struct.unpack_from("<H", directory, off + 64)
            name = directory[off : off + max(min(name_len, 64) - 2, 0)].decode("utf-16-le", "replace")
            kind = directory[off + 66]
            start, size = struct.unpack_from("<IQ", directory, off + 116)
            if self.size == 512:
                size &= 0xFFFFFFFF  # version 3 files may leave junk in the high half
            if kind in (2, 5) and size > len(data) + self.size:
                raise self.damaged()
            if kind in (2, 5):
                self.entries.setdefault(name if kind == 2 else "\0root", (kind, start, size))
        self.minifat: list[int] = []
        if n_mini and first_mini < _SPECIAL:
            self.minifat = _words(self.read_chain(first_mini, self.fat, self.sector))
            self._check_chains(self.minifat)

    def damaged(self) -> InputFileError:
        return damaged(self.path, "its internal sector table is inconsistent")

    def sector(self, i: int) -> bytes:
        if i >= self.count:
            raise self.damaged()
        return self.data[(i + 1) * self.size : (i + 2) * self.size]

    def read_chain(self, start: int, table: list[int], get: Callable[[int], bytes]) -> bytes:
        parts: list[bytes] = []
        while start < _SPECIAL:
            if start >= len(table):
                raise self.damaged()
            parts.append(get(start))
            start = table[start]
        return b"".join(parts)

    def stream(self, name: str) -> bytes | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        _kind, start, size = entry
        if size >= self.cutoff:
            return self.read_chain(start, self.fat, self.sector)[:size]
        root = self.entries.get("\0root")
        mini_stream = self.read_chain(root[1], self.fat, self.sector) if root else b""

        def mini(i: int) -> bytes:
            if (i + 1) * 64 > len(mini_stream):
                raise self.damaged()
            return mini_stream[i * 64 : (i + 1) * 64]

        return self.read_chain(start, self.minifat, mini)[:size]

    def _check_chains(self, table: list[int]) -> None:
        """Every chain in a FAT ends: no loops, no links past the table."""
        state = bytearray(len(table))  # 0 unseen, 1 on the current walk, 2 known to end
        for start in range(len(table)):
            walk: list[int] = []
            i = start
            while state[i] == 0:
                state[i] = 1
                walk.append(i)
                nxt = table[i]
                if nxt >= _SPECIAL:
                    break
                if nxt >= len(table):
                    raise self.damaged()
                i = nxt
            else:
                if state[i] == 1:
                    raise self.damaged()  # back on the current walk: a loop
            for j in walk:
                state[j] = 2


def _words(raw: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))


# BIFF records that hold one cell: row (u16) and column (u16) come first
_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0205, 0x0204, 0x0201, 0x00D6}
_MULTI_CELL_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column
_DIMENSIONS = 0x0200


def check_ole(path: Path, limits: LimitsConfig) -> None:
    """Refuse an encrypted xlsx, a damaged compound file, or an xls whose sheets (as declared in
    their DIMENSIONS records and as used by their cells) are beyond the BIFF format or the limits."""
    data = path.read_bytes()
    cfb = _Cfb(path, data)
    if _ENCRYPTED_STREAM in cfb.entries:
        raise InputFileError(f"{path.name}: the workbook is encrypted (password-protected); {FIX_ENCRYPTED}.")
    book = cfb.stream("Workbook") or cfb.stream("Book")
    if book is None:
        return  # not an xls: calamine will say what it is not
    rows = cols = 0
    pos = 0
    while pos + 4 <= len(book):
        kind, length = struct.unpack_from("<HH", book, pos)
        body = book[pos + 4 : pos + 4 + length]
        pos += 4 + length
        if kind == _DIMENSIONS and len(body) >= 10:
            r0, r1, c0, c1 = struct.unpack_from("<IIHH" if len(body) >= 14 else "<HHHH", body)
            if r0 > r1 or c0 > c1:  # calamine would compute a negative, i.e. enormous, size
                raise damaged(path, f"a sheet's dimensions run from row {r0 + 1:,} back to row {r1:,}")
            rows, cols = max(rows, r1), max(cols, c1)
        elif kind in _CELL_RECORDS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body)
            rows, cols = max(rows, r + 1), max(cols, c + 1)
        elif kind in _MULTI_CELL_RECORDS and len(body) >= 6:
            r, _first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            rows, cols = max(rows, r + 1), max(cols, last + 1)
    if rows > 65_536 or cols > 256:  # beyond what an .xls sheet can hold
        raise damaged(path, f"a sheet claims {rows:,} rows and {cols:,} columns")
    check_extent(path, None, rows, cols, limits)
