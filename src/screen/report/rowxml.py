"""Table rows written straight into a constant-memory xlsxwriter sheet as XML.

xlsxwriter spends about 9 µs of Python on every cell (argument checks, a cell tuple, an
attribute list, escaping), which is most of the time a 100,000-row report takes to write.
:func:`stream_rows` writes the same ``<row>``/``<c>`` elements xlsxwriter would write in
constant-memory mode (inline strings), into the worksheet's row file, at a fraction of the
cost; the sheet's dimension is updated so that xlsxwriter assembles the sheet as usual.
A test checks the XML is identical to xlsxwriter's own for awkward values.

One difference on purpose: xlsxwriter writes a string that starts with ``<r>`` and ends with
``</r>`` into the file unescaped (as rich text), so a supplier named like that could break the
workbook; here every string is escaped.

It relies on xlsxwriter's constant-memory internals (``fh``, ``previous_row``, ``table``,
``_write_single_row``, ``_check_dimensions``); when they are not there, :func:`stream_rows`
returns False and the caller writes cell by cell.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import tempfile
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate
from typing import Any

from xlsxwriter.utility import xl_col_to_name

STR_MAX = 32_767  # UTF-16 units in one cell
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
Heights = Callable[[Sequence[Sequence[Any]]], Sequence[float | None]]
"""``height(rows)``: each row's height in points, or None for the default."""
_INTERNALS = ("fh", "previous_row", "table", "_write_single_row", "_check_dimensions", "constant_memory")


def can_stream(ws: Any) -> bool:
    """The worksheet is in constant-memory mode with the internals this module writes through."""
    return all(hasattr(ws, a) for a in _INTERNALS) and bool(ws.constant_memory) and ws.fh is not None


def text_xml(s: str) -> str:
    """A string as xlsxwriter escapes it for an inline-string cell (XML and ``_xHHHH_`` escapes)."""
    if len(s) > STR_MAX // 2 and len(s.encode("utf-16-le", "surrogatepass")) // 2 > STR_MAX:
        s = s.encode("utf-16-le", "surrogatepass")[: STR_MAX * 2].decode("utf-16-le", "ignore")
    if _NEEDS_ESCAPE.search(s):
        s = _ESCAPED_ESCAPE.sub(r"_x005F\1", s)
        s = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", s)
        s = s.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def row_height_attrs(points: float | None, default_px: int) -> str:
    """The ``ht``/``customHeight`` attributes xlsxwriter writes for ``set_row(r, points)``."""
    if points is None:
        return ""
    px = int(points * 4.0 / 3.0 + 0.5)
    if px == default_px:
        return ""
    return f' ht="{px * 0.75:.16g}" customHeight="1"'


def stream_rows(
    ws: Any,
    rows: Sequence[Sequence[Any]],
    xf: Sequence[int],
    keep_blank: Sequence[bool],
    height: Heights,
) -> bool:
    """Write ``rows`` as sheet rows 2, 3, … (row 1 is the header, already written).

    ``xf`` is each column's format index; an empty value is written as a formatted blank cell
    only where ``keep_blank`` is true (the reviewer's entry cells); ``height(rows)`` gives
    each row's height in points, or None for the default. Returns False, writing nothing, when the
    worksheet cannot be streamed into.
    """
    if not can_stream(ws):
        return False
    if rows:
        write_rows = _claim_rows(ws, rows)
        write_rows(ws.fh.write, rows, xf, keep_blank, height)
    return True


def stream_rows_forked(
    ws: Any,
    rows: Sequence[Sequence[Any]],
    xf: Sequence[int],
    keep_blank: Sequence[bool],
    height: Heights,
) -> Callable[[], None] | None:
    """As :func:`stream_rows`, with the XML made in a forked process while this one writes the
    other sheets; returns the function that waits for it and puts the rows in place, which
    must be called before the workbook is closed. None (nothing done) where there is no fork."""
    from screen.parallel import can_fork, start_forked

    if not rows or not can_stream(ws) or not can_fork():
        return None
    fd, part = tempfile.mkstemp(prefix="screen-rows-", suffix=".xml", dir=getattr(ws, "tmpdir", None))
    os.close(fd)
    write_rows = _claim_rows(ws, rows)

    def make_xml() -> None:
        with open(part, "w", encoding="utf-8") as fh:
            write_rows(fh.write, rows, xf, keep_blank, height)

    waiting = start_forked(make_xml)

    def finish() -> None:
        try:
            try:
                waiting()
            except Exception as exc:
                raise RuntimeError(f"writing the rows of sheet {ws.name!r} failed: {exc}") from exc
            _append_file(ws.fh, part)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(part)

    return finish


def _append_file(fh: Any, path: str) -> None:
    """Append the UTF-8 file ``path`` to the text file ``fh``, as bytes (decoding and encoding
    the rows of a 100,000-row sheet again would cost about a second)."""
    fh.flush()
    with open(path, "rb") as src:
        shutil.copyfileobj(src, fh.buffer, 1 << 20)


def _sheet_data_as_bytes(ws: Any) -> None:
    """Have xlsxwriter copy the sheet's rows into the sheet's XML as bytes when it assembles
    the workbook (its own ``_write_optimized_sheet_data`` copies them as text): the same
    ``<sheetData>`` element. Left as it is when the internals are not as expected."""
    own = getattr(ws, "_write_optimized_sheet_data", None)
    if own is None or not all(hasattr(ws, a) for a in ("row_data_filename", "_xml_start_tag", "dim_rowmin")):
        return

    def write_sheet_data() -> None:
        fh = ws.fh
        if ws.dim_rowmin is None or not hasattr(fh, "buffer") or ws.row_data_fh is None:
            own()
            return
        ws._xml_start_tag("sheetData")
        ws.row_data_fh.close()
        _append_file(fh, ws.row_data_filename)
        os.unlink(ws.row_data_filename)
        ws._xml_end_tag("sheetData")

    ws._write_optimized_sheet_data = write_sheet_data


def _claim_rows(ws: Any, rows: Sequence[Sequence[Any]]) -> Callable[..., None]:
    """Flush the header row and tell the worksheet rows 2 … len(rows)+1 are written."""
    _sheet_data_as_bytes(ws)
    ws._write_single_row(1)
    ncols = max(len(r) for r in rows)
    ws._check_dimensions(len(rows), ncols - 1)
    ws.previous_row = len(rows) + 1  # xlsxwriter's next row; nothing of ours is pending
    default_px = int(getattr(ws, "original_row_height", 20))
    return partial(_write_rows, ncols=ncols, default_px=default_px)


BLOCK_ROWS = 2_000  # rows made column by column, then written, at a time
_SKIP = ""  # a cell not written


def _write_rows(
    write: Callable[[str], object],
    rows: Sequence[Sequence[Any]],
    xf: Sequence[int],
    keep_blank: Sequence[bool],
    height: Heights,
    *,
    ncols: int,
    default_px: int,
) -> None:
    refs = [xl_col_to_name(c) for c in range(ncols)]
    styles = [f' s="{x}"' if x else "" for x in xf] + [""] * (ncols - len(xf))
    blanks = [bool(b) for b in keep_blank] + [False] * (ncols - len(keep_blank))
    for start in range(0, len(rows), BLOCK_ROWS):
        block = rows[start : start + BLOCK_ROWS]
        first = start + 2
        cells = [
            _column_xml(
                [r[c] if c < len(r) else _ABSENT for r in block], refs[c], styles[c], blanks[c], first
            )
            for c in range(ncols)
        ]
        heights = [row_height_attrs(h, default_px) for h in height(block)]
        parts: list[str] = []
        for k, row_cells in enumerate(zip(*cells, strict=True)):
            parts.append(f'<row r="{first + k}"{heights[k]}>')
            parts.extend(row_cells)
            parts.append("</row>")
        write("".join(parts))


class _Absent:
    """A cell beyond the end of a short row: not written, not even as a formatted blank."""


_ABSENT = _Absent()


def _column_xml(values: list[Any], ref: str, style: str, keep_blank: bool, first: int) -> list[str]:
    """The ``<c>`` element of each value of one column (rows ``first``, ``first + 1``, …);
    an empty string where nothing is written. Text, the common case, is made in bulk."""
    texts = _escaped([v if type(v) is str else "" for v in values])
    return [
        (
            (
                f'<c r="{ref}{n}"{style} t="inlineStr"><is><t'
                f"{_SPACE if s[0].isspace() or s[-1].isspace() else ''}>{s}</t></is></c>"
            )
            if s
            else (f'<c r="{ref}{n}"{style}/>' if keep_blank else _SKIP)
        )
        if type(v) is str
        else _cell_xml(v, f"{ref}{n}", style, keep_blank)
        for n, v, s in zip(range(first, first + len(values)), values, texts, strict=True)
    ]


_SPACE = ' xml:space="preserve"'


def _escaped(texts: list[str]) -> list[str]:
    """:func:`text_xml` of each text; one search over all of them finds the few that need it."""
    joined = "\n".join(texts)  # no escape sequence spans a line break
    care = {k for k, s in enumerate(texts) if len(s) > STR_MAX // 2}
    found = [m.start() for m in _NEEDS_ESCAPE.finditer(joined)]
    if found:
        ends = list(accumulate(len(s) + 1 for s in texts))  # each text's end, with its separator
        care.update(bisect_right(ends, p) for p in found)
    if not care:
        return texts
    out = list(texts)
    for k in care:
        out[k] = text_xml(texts[k])
    return out


def _cell_xml(v: Any, at: str, style: str, keep_blank: bool) -> str:
    if v is _ABSENT:
        return _SKIP
    if v is None or v == "":
        return f'<c r="{at}"{style}/>' if keep_blank else _SKIP
    if isinstance(v, bool):
        v = "yes" if v else "no"
    elif isinstance(v, (int, float)) and math.isfinite(v):
        return f'<c r="{at}"{style}><v>{v:.16G}</v></c>'
    s = text_xml(str(v))
    # as xlsxwriter's ^\s / \s$ (the same Unicode whitespace as str.isspace)
    space = _SPACE if s and (s[0].isspace() or s[-1].isspace()) else ""
    return f'<c r="{at}"{style} t="inlineStr"><is><t{space}>{s}</t></is></c>'
