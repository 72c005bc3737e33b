"""Read a supplier file into a table of text cells, keeping each row's spreadsheet number.

Formats: .xlsx/.xlsm/.xls/.ods through python-calamine (cached formula values, no Excel
needed), .csv/.tsv/.txt with encoding (UTF-8, UTF-8 BOM, UTF-16, cp1252) and delimiter
detection. Every cell is text: "NA" stays Namibia's code, "00123" keeps its zeros, a number
typed into a NAICS cell becomes "236220" (not "236220.0"), a date becomes ISO "2024-05-03".

The header row is found even below title lines, and the data sheet is chosen by looking for
a supplier-name header (``--sheet`` to choose). The result is a :class:`RawTable`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.columns import header_score
from screen.config import LimitsConfig
from screen.errors import InputFileError, LimitError

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
SUFFIXES = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
HEADER_SCAN_ROWS = 30


@dataclass
class RawTable:
    """Cells as text, header separated, with the spreadsheet row number of every data row."""

    path: Path
    sha256: str
    sheet: str | None  # None for CSV
    header_row: int  # 1-based row (line) number of the header
    headers: list[str]
    rows: list[list[str]]  # data rows, each padded to len(headers)
    row_numbers: list[int]  # 1-based spreadsheet row / CSV line of each data row
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def cell_text(value: object) -> str:
    """Render a spreadsheet cell as the text a person sees, without float artefacts."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _sniff_kind(path: Path) -> str:
    """What the file really is, from its first bytes (a CSV named .xlsx happens)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # xlsx, xlsm, ods
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"  # xls, or an encrypted (password-protected) xlsx
    return "text"


def _check_zip(path: Path, limits: LimitsConfig) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            bad = zf.testzip() if path.stat().st_size < 50_000_000 else None
    except zipfile.BadZipFile as exc:
        raise InputFileError(
            f"{path.name}: the file is damaged (not a complete zip archive); re-export it from the source system."
        ) from exc
    if bad is not None:
        raise InputFileError(f"{path.name}: the file is damaged (member {bad} is corrupt); re-export it.")
    if total > limits.max_uncompressed_mb * 1024 * 1024:
        raise LimitError(
            f"{path.name}: unpacks to {total / 1048576:,.0f} MB, over the limit "
            f"limits.max_uncompressed_mb={limits.max_uncompressed_mb}; raise it in screen.toml if the file is genuine."
        )


def read_table(path: str | Path, sheet: str | None = None, limits: LimitsConfig | None = None) -> RawTable:
    """Read ``path`` (any supported format) into a :class:`RawTable`."""
    limits = limits or LimitsConfig()
    p = Path(path)
    if not p.exists():
        raise InputFileError(f"{p}: no such file; check the path.")
    if p.is_dir():
        raise InputFileError(f"{p}: is a folder; give a supplier file (or several) instead.")
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError(
            f"{p.name}: unsupported file type '{suffix or '(none)'}'; "
            f"use one of {', '.join(sorted(SUFFIXES))}."
        )
    if p.stat().st_size == 0:
        raise InputFileError(f"{p.name}: the file is empty; export the supplier list again.")
    kind = _sniff_kind(p)
    digest = file_sha256(p)
    if kind == "text":
        if suffix in SPREADSHEET_SUFFIXES:
            log.warning("%s is named %s but holds text; reading it as CSV", p.name, suffix)
        table = _read_text(p, limits)
    else:
        if kind == "zip":
            _check_zip(p, limits)
        elif suffix in {".xlsx", ".xlsm"}:
            raise InputFileError(
                f"{p.name}: the workbook is encrypted (password-protected); "
                "open it in Excel, remove the password (File > Info > Protect Workbook) and save a copy."
            )
        table = _read_workbook(p, sheet, limits)
    table.sha256 = digest
    _check_limits(table, limits)
    return table


def _check_limits(table: RawTable, limits: LimitsConfig) -> None:
    if len(table.rows) > limits.max_rows:
        raise LimitError(
            f"{table.path.name}: {len(table.rows):,} data rows, over the limit limits.max_rows="
            f"{limits.max_rows:,}; split the file or raise the limit in screen.toml."
        )
    if len(table.headers) > limits.max_columns:
        raise LimitError(
            f"{table.path.name}: {len(table.headers):,} columns, over the limit limits.max_columns="
            f"{limits.max_columns:,}; remove unused columns or raise the limit in screen.toml."
        )
    for values, rownum in zip(table.rows, table.row_numbers, strict=True):
        for col, v in enumerate(values):
            if len(v) > limits.max_cell_chars:
                name = table.headers[col] if col < len(table.headers) else f"#{col + 1}"
                raise LimitError(
                    f"{table.path.name}: row {rownum}, column '{name}' holds {len(v):,} characters, over the "
                    f"limit limits.max_cell_chars={limits.max_cell_chars:,}; shorten the cell or raise the limit."
                )


# ---------------------------------------------------------------- workbooks


def _read_workbook(p: Path, sheet: str | None, limits: LimitsConfig) -> RawTable:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(p))
    except (CalamineError, OSError, ValueError) as exc:
        raise InputFileError(
            f"{p.name}: cannot be read as a spreadsheet ({exc}); open it in Excel or LibreOffice and save it "
            "again as .xlsx."
        ) from exc
    names = list(wb.sheet_names)
    visible = [
        m.name for m in wb.sheets_metadata if str(getattr(m, "visible", "Visible")).endswith("Visible")
    ] or names
    if sheet is not None:
        if sheet not in names:
            raise InputFileError(
                f'Sheet "{sheet}" not found in {p.name}; sheets are: {", ".join(names)}. Pass --sheet NAME.'
            )
        candidates = [sheet]
    else:
        candidates = [n for n in names if n in visible]

    found: list[tuple[str, int, list[list[str]]]] = []
    for name in candidates:
        try:
            raw = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as exc:
            if sheet is not None:
                raise InputFileError(f'{p.name}: sheet "{name}" cannot be read ({exc}).') from exc
            log.warning("skipping unreadable sheet %s in %s: %s", name, p.name, exc)
            continue
        grid = [[cell_text(c) for c in row] for row in raw]
        hdr = find_header(grid)
        if hdr is not None or sheet is not None:
            found.append((name, -1 if hdr is None else hdr, grid))
    if not found:
        raise InputFileError(
            f"{p.name}: no sheet has a supplier name column; sheets are: {', '.join(names)}. "
            "Pass --sheet NAME and --column name=HEADER."
        )
    if len(found) > 1:
        # prefer the sheet whose header names the supplier most clearly, then the larger one
        ranked = sorted(found, key=lambda f: (-_header_quality(f[2], f[1]), -len(f[2])))
        best, second = ranked[0], ranked[1]
        if _header_quality(best[2], best[1]) == _header_quality(second[2], second[1]) and len(best[2]) == len(
            second[2]
        ):
            raise InputFileError(
                f"{p.name}: several sheets look like supplier lists ({', '.join(f[0] for f in found)}); "
                "pass --sheet NAME to choose one."
            )
        found = [best]
    name, hdr, grid = found[0]
    if hdr < 0:
        hdr = _first_nonblank(grid)
        if hdr is None:
            raise InputFileError(f'{p.name}: sheet "{name}" is empty; choose another with --sheet NAME.')
    return _table_from_grid(p, grid, hdr, sheet=name, sheets=names)


def _header_quality(grid: list[list[str]], hdr: int) -> int:
    return header_score(grid[hdr]) if 0 <= hdr < len(grid) else 0


def _first_nonblank(grid: Sequence[Sequence[str]]) -> int | None:
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        if any(c.strip() for c in row):
            return i
    return None


def find_header(grid: Sequence[Sequence[str]]) -> int | None:
    """Index of the header row: the first of the top rows that names a supplier column."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        filled = [c for c in row if c.strip()]
        if len(filled) < 1:
            continue
        score = header_score(row)
        if score >= 10 and (best is None or score > best[1]):
            best = (i, score)
            if score >= 20:
                break
    return None if best is None else best[0]


def _table_from_grid(
    p: Path,
    grid: list[list[str]],
    hdr: int,
    sheet: str | None,
    sheets: list[str],
    line_numbers: list[int] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RawTable:
    header = [c.strip() for c in grid[hdr]]
    width = max([len(header)] + [len(r) for r in grid[hdr + 1 :]])
    # trailing empty header cells with no data beneath them are not columns
    while width > 0 and (width > len(header) or not header[width - 1]):
        if any(len(r) >= width and r[width - 1].strip() for r in grid[hdr + 1 :]):
            break
        width -= 1
    header = (header + [""] * width)[:width]
    headers = _unique_headers(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    body = grid[hdr + 1 :]
    # trailing fully empty rows are the sheet's used range, not supplier rows
    end = len(body)
    while end > 0 and not any(c.strip() for c in body[end - 1]):
        end -= 1
    for offset, r in enumerate(body[:end]):
        rows.append((list(r) + [""] * width)[:width] if len(r) != width else list(r))
        if any(c.strip() for c in r[width:]):
            log.warning("%s row %d has cells beyond the last header column; they are ignored", p.name, hdr + offset + 2)
        numbers.append(line_numbers[hdr + 1 + offset] if line_numbers else hdr + 2 + offset)
    return RawTable(
        path=p,
        sha256="",
        sheet=sheet,
        header_row=line_numbers[hdr] if line_numbers else hdr + 1,
        headers=headers,
        rows=rows,
        row_numbers=numbers,
        encoding=encoding,
        delimiter=delimiter,
        sheets=sheets,
    )


def _unique_headers(header: list[str]) -> list[str]:
    """Blank headers become 'Column N'; repeated headers get ' (2)', ' (3)' ..."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for i, h in enumerate(header):
        h = " ".join(h.split()) or f"Column {i + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
        out.append(h)
    return out


# ---------------------------------------------------------------- text files


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM), UTF-16 and cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputFileError(f"{name}: starts as UTF-16 but holds invalid bytes ({exc}); re-export it.") from exc
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text[:1000]:
                return text, enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    raise InputFileError(
        f"{name}: not valid UTF-8 or cp1252 text (byte {utf8_error.start}: {utf8_error.reason}); "
        "save the file as CSV UTF-8."
    )


def sniff_delimiter(text: str, suffix: str) -> str:
    if suffix in {".tsv", ".tab"}:
        return "\t"
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    best, best_score = ",", -1.0
    for d in (",", ";", "\t", "|"):
        counts = [ln.count(d) for ln in lines]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        # consistent counts across lines beat a high count on one line
        mode = max(set(nonzero), key=nonzero.count)
        score = nonzero.count(mode) * (1 + min(mode, 10) / 10)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_text(p: Path, limits: LimitsConfig) -> RawTable:
    data = p.read_bytes()
    text, encoding = decode_text(data, p.name)
    if "\x00" in text:
        log.warning("%s contains NUL characters; they are removed", p.name)
        text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text, p.suffix.lower())
    grid: list[list[str]] = []
    line_numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    try:
        for record in reader:
            grid.append(record)
            line_numbers.append(last_line + 1)
            last_line = reader.line_num
    except csv.Error as exc:
        raise InputFileError(
            f"{p.name}: line {reader.line_num}: malformed CSV ({exc}); check the quoting on that line."
        ) from exc
    if not any(any(c.strip() for c in r) for r in grid):
        raise InputFileError(f"{p.name}: the file has no data; export the supplier list again.")
    hdr = find_header(grid)
    if hdr is None:
        hdr = _first_nonblank(grid) or 0
    return _table_from_grid(
        p, grid, hdr, sheet=None, sheets=[], line_numbers=line_numbers, encoding=encoding, delimiter=delimiter
    )
