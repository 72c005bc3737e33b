"""Read a supplier file into a table of text cells, keeping each row's spreadsheet number.

Formats: .xlsx/.xlsm/.xls/.ods through python-calamine (cached formula values, no Excel
needed), .csv/.tsv/.txt with encoding (UTF-8, UTF-8 BOM, UTF-16, cp1252) and delimiter
detection. What a file *is* comes from its first bytes, not its name: a CSV named .xlsx is
read as text and a workbook named .csv as a workbook. Every cell is text: "NA" stays
Namibia's code, "00123" keeps its zeros, a number typed into a NAICS cell becomes "236220"
(not "236220.0"), a date becomes ISO "2024-05-03".

The header row is found even below title lines; a header merged over two rows becomes one
("Location" over "Country" reads "Location Country"). The data sheet is the visible sheet
with the clearest supplier-name header (``--sheet`` to choose); hidden sheets are never
chosen on their own, and a workbook whose only supplier sheet is hidden is an error that
names the sheet. A file that cannot be read raises one :class:`~screen.errors.InputFileError`
naming the file, the problem and the fix, never a library's own exception; the configured
:class:`~screen.config.LimitsConfig` guards cell length, rows, columns and unpacked size.
Every data row below the header is kept (blank rows too, except trailing ones), in order,
with its spreadsheet row or CSV line number. The result is a :class:`RawTable`.

Text files are decoded and parsed by :mod:`screen.textfile`; workbook containers are checked
by :mod:`screen.containers` before python-calamine opens them (it trusts the sizes written
inside a file, and a Rust allocation failure aborts the process).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from screen.columns import header_score
from screen.config import LimitsConfig, cell_fix
from screen.containers import (
    FIX_ENCRYPTED,
    SheetFacts,
    check_extent,
    check_ole,
    check_zip,
    reason,
    sheet_facts,
    sniff_kind,
)
from screen.digest import sha256_file
from screen.errors import InputFileError, LimitError, ScreenError
from screen.htmltable import html_tables, looks_like_html
from screen.model import RowIssue
from screen.textfile import decode_text, read_text_grid

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
SUFFIXES = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
COMPRESSED_SUFFIXES = {".gz", ".zip", ".bz2", ".xz", ".7z", ".rar", ".zst", ".tgz"}
HEADER_SCAN_ROWS = 30
MAX_HEADER_ROWS = 3  # a merged header spans at most this many rows
_FIX_WORKBOOK = "open it in Excel or LibreOffice and save it again as .xlsx"


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
    issues: list[RowIssue] = field(default_factory=list)  # rows read, but to be looked at


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
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer() and abs(value) < 1e21:
            # as Excel shows it (format "0"): it keeps 15 significant digits, the rest are zeros
            # (a 19-digit ID typed as a number was cut so when it was saved)
            return str(int(Decimal(f"{value:.15g}")))
        return f"{value:.15g}"  # 0.30000000000000004 is 0.3, as Excel shows it
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
        packed = suffix in COMPRESSED_SUFFIXES
        raise InputFileError(
            f"{p.name}: unsupported file type '{suffix or '(none)'}'; "
            + (
                "a compressed file: unpack it first, then screen the file inside ("
                if packed
                else "use one of "
            )
            + ", ".join(sorted(SUFFIXES))
            + (")." if packed else ".")
        )
    try:
        if p.stat().st_size == 0:
            raise InputFileError(f"{p.name}: the file is empty; export the supplier list again.")
        kind = sniff_kind(p)
        digest = sha256_file(p)
        if kind == "text":
            table = _read_text(p, limits)
            if suffix in SPREADSHEET_SUFFIXES and table.delimiter is not None:
                log.warning("%s is named %s but holds text; it was read as CSV", p.name, suffix)
            if sheet is not None:
                log.warning(
                    "%s is a text file, which has no sheets: --sheet %r does not apply", p.name, sheet
                )
        else:
            if kind == "zip":
                check_zip(p, limits)
            else:
                check_ole(p, limits)
            table = _read_workbook(p, sheet, limits, kind)
            if suffix in TEXT_SUFFIXES:
                log.warning("%s is named %s but holds a workbook; it was read as one", p.name, suffix)
    except OSError as exc:
        raise InputFileError(
            f"{p.name}: cannot be read ({exc.strerror or exc}); check the file's permissions."
        ) from exc
    table.sha256 = digest
    if not table.rows:
        where = f'sheet "{table.sheet}" of {p.name}' if table.sheet else p.name
        line = "row" if table.sheet else "line"
        raise InputFileError(
            f"{where}: the header ({line} {table.header_row}) has no supplier rows below it; "
            "export the supplier list again with its data."
        )
    _check_limits(table, limits)
    return table


def _check_limits(table: RawTable, limits: LimitsConfig) -> None:
    name = table.path.name
    if len(table.rows) > limits.max_rows:
        raise LimitError(
            f"{name}: {len(table.rows):,} data rows, over the limit limits.max_rows={limits.max_rows:,}; "
            "split the file or raise the limit in screen.toml."
        )
    if len(table.headers) > limits.max_columns:
        raise LimitError(
            f"{name}: {len(table.headers):,} columns, over the limit limits.max_columns={limits.max_columns:,}; "
            "remove unused columns or raise the limit in screen.toml."
        )
    numbered = zip([table.header_row, *table.row_numbers], [table.headers, *table.rows], strict=True)
    for rownum, values in numbered:
        for col, v in enumerate(values):
            if len(v) > limits.max_cell_chars:
                header = table.headers[col] if col < len(table.headers) else f"#{col + 1}"
                line = "row" if table.sheet else "line"
                raise LimitError(
                    f"{name}: {line} {rownum}, column '{header}' holds {len(v):,} characters, over the limit "
                    f"limits.max_cell_chars={limits.max_cell_chars:,}; {cell_fix(limits)}"
                )


@contextlib.contextmanager
def _calamine_errors(p: Path, what: str) -> Iterator[None]:
    """Turn anything python-calamine raises (its errors, a Rust panic) into an InputFileError."""
    try:
        yield
    except (ScreenError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        if type(exc).__name__ == "PasswordError":
            raise InputFileError(f"{p.name}: the workbook is password-protected; {FIX_ENCRYPTED}.") from exc
        raise InputFileError(f"{p.name}: {what} ({reason(exc)}); {_FIX_WORKBOOK}.") from exc


# ---------------------------------------------------------------- workbooks


@dataclass
class _Candidate:
    name: str
    header: int  # 0-based index of the header row, -1 when none was found
    grid: list[list[str]]
    merges: list[tuple[tuple[int, int], tuple[int, int]]]

    @property
    def quality(self) -> int:
        return header_score(self.grid[self.header]) if 0 <= self.header < len(self.grid) else 0


def _read_workbook(p: Path, sheet: str | None, limits: LimitsConfig, kind: str) -> RawTable:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    suffix = p.suffix.lower()
    matches_suffix = (kind == "zip" and suffix in {".xlsx", ".xlsm", ".xlsb", ".ods"}) or (
        kind == "ole" and suffix == ".xls"
    )
    try:
        with _calamine_errors(p, "cannot be read as a spreadsheet"):
            if matches_suffix:
                wb = CalamineWorkbook.from_path(str(p))
            else:  # named .csv or .xlsx but really another format: let calamine detect it
                with p.open("rb") as fh:
                    wb = CalamineWorkbook.from_filelike(fh)
            metas = list(wb.sheets_metadata)
    except InputFileError:
        if suffix == ".ods":
            return _read_ods_fallback(p, sheet)
        raise
    names = [m.name for m in metas]
    hidden = [m.name for m in metas if m.visible != SheetVisibleEnum.Visible]
    worksheets = [m.name for m in metas if m.typ == SheetTypeEnum.WorkSheet]

    unreadable: list[InputFileError] = []

    def load(name: str, required: bool, head_only: bool = False) -> _Candidate | None:
        """The sheet read (``head_only``: only as far as a header is looked for: whether it
        holds suppliers, said of a hidden sheet, costs no more for a large one)."""
        try:
            with _calamine_errors(p, f'sheet "{name}" cannot be read'):
                ws = wb.get_sheet_by_name(name)
                end = ws.end  # (row, column) of the last cell, 0-based; None for an empty sheet
                if end is not None and not head_only:
                    check_extent(p, name, int(end[0]) + 1, int(end[1]) + 1, limits)
                raw = ws.to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1 if head_only else None)
                merges = list(ws.merged_cell_ranges or [])
        except InputFileError as exc:
            if required:
                raise
            log.warning("%s: skipping sheet %s, which cannot be read", p.name, name)
            unreadable.append(exc)
            return None
        grid = [[cell_text(c) for c in row] for row in raw]
        hdr = find_header(grid)
        return (
            _Candidate(name, -1 if hdr is None else hdr, grid, merges)
            if hdr is not None or required
            else None
        )

    if sheet is not None:
        if sheet not in names:
            raise InputFileError(
                f'Sheet "{sheet}" not found in {p.name}; sheets are: {", ".join(names)}. Pass --sheet NAME.'
            )
        found = [c for c in [load(sheet, required=True)] if c is not None]
    else:
        found = [c for n in worksheets if n not in hidden and (c := load(n, required=False)) is not None]
    if not found:
        hidden_hits = [n for n in worksheets if n in hidden and load(n, False, head_only=True) is not None]
        if len(hidden_hits) == 1:
            raise InputFileError(
                f'{p.name}: the only sheet with a supplier name column, "{hidden_hits[0]}", is hidden; '
                f'unhide it in Excel or pass --sheet "{hidden_hits[0]}" to screen it.'
            )
        if hidden_hits:
            raise InputFileError(
                f"{p.name}: the sheets with a supplier name column ({', '.join(hidden_hits)}) are hidden; "
                "unhide one in Excel or pass --sheet NAME to screen it."
            )
        if unreadable:
            raise unreadable[0]
        raise InputFileError(
            f"{p.name}: no sheet has a supplier name column; sheets are: {', '.join(names)}. "
            'Pass --sheet NAME and --column name="HEADER".'
        )
    others: list[_Candidate] = []
    if len(found) > 1:
        # prefer the sheet whose header names the supplier most clearly, then the larger one
        ranked = sorted(found, key=lambda c: (-c.quality, -len(c.grid)))
        best, second = ranked[0], ranked[1]
        if (best.quality, len(best.grid)) == (second.quality, len(second.grid)):
            raise InputFileError(
                f"{p.name}: several sheets look like supplier lists ({', '.join(c.name for c in found)}); "
                "pass --sheet NAME to choose one."
            )
        found, others = [best], ranked[1:]
    chosen = found[0]
    hdr = chosen.header
    if hdr < 0:
        first = _first_nonblank(chosen.grid)
        if first is None:
            raise InputFileError(
                f'{p.name}: sheet "{chosen.name}" is empty; choose another with --sheet NAME.'
            )
        hdr = first
    facts = sheet_facts(p, chosen.name) if kind == "zip" else SheetFacts()
    pad_numbers(chosen.grid, facts.padded)
    show_errors(chosen.grid, facts.errors)
    grid, hdr = combine_merged_header(chosen.grid, hdr, chosen.merges)
    facts.check_formula_values(p.name, chosen.name, first_row=hdr + 1)
    grid, filled = fill_merged_down(grid, hdr, chosen.merges)
    table = _table_from_grid(p, grid, hdr, sheet=chosen.name, sheets=names)
    table.issues.extend(filled)
    if sheet is None:  # hidden sheets of suppliers are never chosen, but said
        others += [c for n in worksheets if n in hidden and (c := load(n, False, head_only=True)) is not None]
    for other in others:
        table.issues.append(
            RowIssue(
                table.header_row,
                "other-sheet",
                f'{"hidden " if other.name in hidden else ""}sheet "{other.name}" also has a supplier name '
                f'column and was not screened; screen it with --sheet "{other.name}".',
            )
        )
    return table


def pad_numbers(grid: list[list[str]], padded: dict[tuple[int, int], int]) -> None:
    """Whole numbers shown with leading zeros by their number format written so (see
    :class:`~screen.containers.SheetFacts`): vendor number 123 formatted "000000" is 000123."""
    for (r, c), digits in padded.items():
        if r < len(grid) and c < len(grid[r]) and grid[r][c].isdigit():
            grid[r][c] = grid[r][c].zfill(digits)


def show_errors(grid: list[list[str]], errors: dict[tuple[int, int], str]) -> None:
    """Cells that show an error ("#N/A", "#REF!") read as it, as Excel shows them: readers see
    them blank, and a supplier name that is an error is not a row without a name."""
    for (r, c), text in errors.items():
        if r < len(grid) and c < len(grid[r]) and not grid[r][c]:
            grid[r][c] = text


def fill_merged_down(
    grid: list[list[str]], hdr: int, merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[list[list[str]], list[RowIssue]]:
    """A cell merged down over data rows (one country for three suppliers) is what each of those
    rows shows: its value is read in every row it covers, and said. Merges across columns are
    left as they are (a title over the table's width is no country)."""
    spans = [(r0, c, r1) for (r0, c), (r1, c1) in merges if c == c1 and hdr < r0 < r1 < len(grid)]
    if not spans:
        return grid, []
    grid = [list(r) for r in grid]
    issues = []
    for r0, c, r1 in sorted(spans):
        value = grid[r0][c] if c < len(grid[r0]) else ""
        if not value.strip():
            continue
        for r in range(r0 + 1, r1 + 1):
            grid[r] += [""] * (c + 1 - len(grid[r]))
            grid[r][c] = value
        issues.append(
            RowIssue(
                r0 + 1,
                "merged-cells",
                f"rows {r0 + 1}-{r1 + 1}: one cell ('{value[:40]}') merged over them; read in each of those rows.",
            )
        )
    return grid, issues


def combine_merged_header(
    grid: list[list[str]], hdr: int, merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> tuple[list[list[str]], int]:
    """Spread merged header cells over the cells they cover, and make a header merged down over
    several rows one row: each column's distinct parts joined ("Location" + "Country").

    Returns the grid (rows above the header untouched, data rows untouched) and the index of the
    header row, which is the last row of a multi-row header so that data rows keep their numbers.
    """
    spans = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merges if hdr <= r0 < hdr + MAX_HEADER_ROWS]
    if not spans:
        return grid, hdr
    last = max([hdr] + [r1 for r0, _c0, r1, _c1 in spans if r0 == hdr])
    last = min(last, hdr + MAX_HEADER_ROWS - 1, len(grid) - 1)
    width = max([len(grid[r]) for r in range(hdr, last + 1)] + [c1 + 1 for *_, c1 in spans])
    band = [list(grid[r]) + [""] * (width - len(grid[r])) for r in range(hdr, last + 1)]
    for r0, c0, r1, c1 in spans:
        if r0 > last:
            continue
        value = grid[r0][c0] if c0 < len(grid[r0]) else ""
        for r in range(r0, min(r1, last) + 1):
            for c in range(c0, c1 + 1):
                band[r - hdr][c] = value
    header: list[str] = []
    for c in range(width):
        parts: list[str] = []
        for row in band:
            text = " ".join(row[c].split())
            if text and text not in parts:
                parts.append(text)
        header.append(" ".join(parts))
    return [*grid[:last], header, *grid[last + 1 :]], last


def _read_ods_fallback(p: Path, sheet: str | None) -> RawTable:
    """Some ODS writers put whitespace between cells, which calamine rejects; odfpy reads them."""
    import pandas as pd

    try:
        book = pd.read_excel(p, sheet_name=None, header=None, dtype=object, engine="odf")
    except Exception as exc:  # odfpy raises many types for a bad file
        raise InputFileError(
            f"{p.name}: cannot be read as an OpenDocument spreadsheet ({reason(exc)}); save it again as .xlsx."
        ) from exc
    names = [str(n) for n in book]
    if sheet is not None and sheet not in book:
        raise InputFileError(
            f'Sheet "{sheet}" not found in {p.name}; sheets are: {", ".join(names)}. Pass --sheet NAME.'
        )
    for name in [sheet] if sheet else names:
        assert name is not None
        grid = [[cell_text(None if v != v else v) for v in row] for row in book[name].values.tolist()]
        hdr = find_header(grid)
        if hdr is not None or sheet is not None:
            return _table_from_grid(
                p, grid, hdr if hdr is not None else (_first_nonblank(grid) or 0), name, names
            )
    raise InputFileError(
        f"{p.name}: no sheet has a supplier name column; sheets are: {', '.join(names)}. "
        'Pass --sheet NAME and --column name="HEADER".'
    )


# ---------------------------------------------------------------- header and rows


def _first_nonblank(grid: Sequence[Sequence[str]]) -> int | None:
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        if any(c.strip() for c in row):
            return i
    return None


def find_header(grid: Sequence[Sequence[str]]) -> int | None:
    """Index of the header row: the first of the top rows that names a supplier column.

    A later row replaces it only when it scores higher *and* fills more cells: a one-cell title
    ("Suppliers") gives way to the real header below it, but a data row that happens to contain
    header words ("Supplier name", "Country") never displaces the header above it.
    """
    best: tuple[int, int, int] | None = None  # index, score, filled cells
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        filled = sum(1 for c in row if c.strip())
        if not filled:
            continue
        score = header_score(row)
        if score < 10:
            continue
        if best is None or (score > best[1] and filled > best[2]):
            best = (i, score, filled)
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
    body = grid[hdr + 1 :]
    # trailing fully empty rows are the sheet's used range, not supplier rows
    end = len(body)
    while end > 0 and not any(c.strip() for c in body[end - 1]):
        end -= 1
    body = body[:end]
    width = max([len(header)] + [len(r) for r in body])
    # trailing columns with neither a header nor data are formatting, not columns
    while width > 0 and not (width <= len(header) and header[width - 1]):
        if any(len(r) >= width and r[width - 1].strip() for r in body):
            break
        width -= 1
    headers = _unique_headers((header + [""] * width)[:width])
    rows = [(list(r) + [""] * width)[:width] if len(r) != width else list(r) for r in body]
    first = hdr + 1
    numbers = (
        [line_numbers[first + i] for i in range(len(body))]
        if line_numbers
        else list(range(hdr + 2, hdr + 2 + len(body)))
    )
    issues: list[RowIssue] = []
    if delimiter is not None:  # a text file: a line with more fields than its header
        fields = len(grid[hdr])
        for n, r in zip(numbers, body, strict=True):
            if len(r) > fields and any(c.strip() for c in r[fields:]):
                shown = "a tab" if delimiter == "\t" else f"'{delimiter}'"
                issues.append(
                    RowIssue(
                        n,
                        "extra-fields",
                        f"line {n} has {len(r)} fields, the header {fields}: {shown} inside a value that is "
                        f"not in quotes? Its cells may be shifted; check them, and quote such values.",
                    )
                )
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
        issues=issues,
    )


def _unique_headers(header: list[str]) -> list[str]:
    """Blank headers become 'Column N'; repeated headers get ' (2)', ' (3)' ..."""
    seen: dict[str, int] = {}
    taken = {" ".join(h.split()) for h in header}
    out: list[str] = []
    for i, h in enumerate(header):
        h = " ".join(h.split()) or f"Column {i + 1}"
        if h in seen:
            n = seen[h]
            while True:
                n += 1
                candidate = f"{h} ({n})"
                if candidate not in taken:
                    break
            seen[h] = n
            h = candidate
        else:
            seen[h] = 1
        taken.add(h)
        out.append(h)
    return out


# ---------------------------------------------------------------- text files


def _read_text(p: Path, limits: LimitsConfig) -> RawTable:
    html = _read_html(p, limits)
    if html is not None:
        return html
    grid, line_numbers, encoding, delimiter = read_text_grid(p, limits)
    hdr = find_header(grid)
    if hdr is None:
        hdr = _first_nonblank(grid) or 0
    return _table_from_grid(
        p, grid, hdr, sheet=None, sheets=[], line_numbers=line_numbers, encoding=encoding, delimiter=delimiter
    )


def _read_html(p: Path, limits: LimitsConfig) -> RawTable | None:
    """An HTML table saved as a spreadsheet (an ERP's "Excel" export), or None if the file is
    not HTML: the first table with a supplier header, rows numbered as Excel shows them."""
    with p.open("rb") as fh:  # (a CSV is read once, by the CSV reader: only its start here)
        head = fh.read(2048).decode("utf-8", errors="ignore")
    if not looks_like_html(head):
        return None
    text, encoding = decode_text(p.read_bytes(), p.name)
    tables = html_tables(text)
    for grid in tables:
        hdr = find_header(grid)
        if hdr is None:
            continue
        if len(grid) > limits.max_rows:
            raise LimitError(
                f"{p.name}: the table has {len(grid):,} rows, over the limit limits.max_rows={limits.max_rows:,}; "
                "split the file or raise the limit in screen.toml."
            )
        log.warning('%s is an HTML table (a system\'s "Excel" export); it was read as a sheet', p.name)
        table = _table_from_grid(p, grid, hdr, sheet=None, sheets=[], encoding=encoding)
        return table
    raise InputFileError(
        f"{p.name}: is an HTML page{' with ' + str(len(tables)) + ' table(s)' if tables else ''}, and none has "
        "a supplier name column; open it in Excel and save it as .xlsx, or export the list again as CSV."
    )
