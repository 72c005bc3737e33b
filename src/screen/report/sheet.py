"""Writing one table sheet: formats, safe cells, widths, filters, colours and print setup.

Every value is written with ``write_string`` or ``write_number`` (never ``write``), so text
from the input or the lists that starts with ``=``, ``+``, ``-``, ``@``, a tab or a CR stays
text that Excel never evaluates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from screen.report.rowxml import stream_rows, stream_rows_forked

DECISION_CHOICES = ["true match", "false positive", "needs information"]
RISK_COLOURS = {"high": "#F4B6B6", "medium": "#FBD9A6", "low": "#FFF2B3", "clear": "#D6EFD8"}
DECISION_COLOURS = {"true match": "#F4B6B6", "false positive": "#D9D9D9", "needs information": "#FBD9A6"}
CHANGE_COLOURS = {"new": "#CFE2F3", "changed": "#E4D7F5"}
MAX_CELL = 32_767
WIDTH_SAMPLE = 2_000  # rows looked at to size a column
CHARS_PER_UNIT = 1.25  # characters of 10-point text per unit of column width (a little conservative)
LINE_POINTS = 12.75  # height of one line of 10-point text
EXACT_FIT_ROWS = 5_000  # above this many rows, row heights are estimated from lengths
BACKGROUND_ROWS = 20_000  # tables this long are written in a forked process (with background=True)
WRAP_SLACK = 1.12  # word wrapping leaves each line about this much shorter than its width


@dataclass(frozen=True)
class Col:
    """A column of a table sheet."""

    header: str
    max_width: float = 30
    wrap: bool = False
    hidden: bool = False
    number: str = ""  # number format, e.g. "0.0"
    min_width: float = 6
    align: str = ""  # "center" for short codes and numbers


class Sheets:
    """The workbook's shared formats and the table writer.

    ``background``: large tables are written by forked processes while the other sheets are
    written here; :meth:`finish` must then be called before the workbook is closed."""

    def __init__(self, wb: Workbook, background: bool = False) -> None:
        self.wb = wb
        self.background = background
        self.pending: list[Callable[[], None]] = []
        self._reserved: dict[str, Worksheet] = {}
        base = {"valign": "top", "font_size": 10}
        self.f_head = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#1F3864",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "border": 1,
                "border_color": "#8EA9DB",
            }
        )
        self.f_text = wb.add_format(base)
        self.f_wrap = wb.add_format({**base, "text_wrap": True, "align": "left"})
        self.f_title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
        self.f_section = wb.add_format(
            {"bold": True, "font_size": 12, "font_color": "#1F3864", "bottom": 2, "bottom_color": "#1F3864"}
        )
        self.f_bold = wb.add_format({**base, "bold": True})
        self.f_bold_wrap = wb.add_format({**base, "bold": True, "text_wrap": True})
        self.f_note = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.f_alert = wb.add_format(
            {
                **base,
                "text_wrap": True,
                "bold": True,
                "font_color": "#9C0006",
                "bg_color": "#FFC7CE",
                "border": 1,
            }
        )
        self.f_pct = wb.add_format({**base, "num_format": "0.0%"})
        self.base = base
        self.formats: dict[tuple[bool, str, str, bool], Any] = {}
        self.risk_formats = {r: wb.add_format({**base, "bg_color": c}) for r, c in RISK_COLOURS.items()}
        self.decision_formats = {
            r: wb.add_format({**base, "bg_color": c}) for r, c in DECISION_COLOURS.items()
        }
        self.change_formats = {r: wb.add_format({**base, "bg_color": c}) for r, c in CHANGE_COLOURS.items()}

    def reserve(self, names: Sequence[str]) -> None:
        """Add the sheets ``names`` now, in this order, to be written in any order later
        (:meth:`sheet`): a large table can then start in the background first."""
        for name in names:
            self._reserved[name] = self.wb.add_worksheet(name)

    def sheet(self, name: str) -> Worksheet:
        """The sheet ``name``: the one reserved under that name, else a new one at the end."""
        ws = self._reserved.pop(name, None)
        return ws if ws is not None else self.wb.add_worksheet(name)

    def finish(self) -> None:
        """Wait for the tables written in the background and put their rows in place."""
        pending, self.pending = self.pending, []
        errors = []
        for done in pending:  # every one is waited for, even after a failure
            try:
                done()
            except Exception as exc:  # noqa: BLE001 - the first is raised below
                errors.append(exc)
        if errors:
            raise errors[0]

    def fmt(self, wrap: bool = False, number: str = "", align: str = "", entry: bool = False) -> Any:
        """A cell format (cached): wrapped text, a number format, alignment, a reviewer's entry cell."""
        key = (wrap, number, align, entry)
        if key not in self.formats:
            props: dict[str, Any] = dict(self.base)
            if wrap:
                props["text_wrap"] = True
            if number:
                props["num_format"] = number
            if align:
                props["align"] = align
            if entry:
                props.update({"bg_color": "#FFFFE0", "border": 1, "border_color": "#BFBFBF"})
            self.formats[key] = self.wb.add_format(props)
        return self.formats[key]

    def number_format(self, number: str) -> Any:
        return self.fmt(number=number)

    # ------------------------------------------------------------------ cells
    def cell(self, ws: Worksheet, r: int, c: int, v: Any, fmt: Any = None) -> None:
        """Write one value safely: numbers as numbers, everything else as literal text."""
        fmt = fmt or self.f_text
        if v is None or v == "":
            ws.write_blank(r, c, None, fmt)
        elif isinstance(v, bool):
            ws.write_string(r, c, "yes" if v else "no", fmt)
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, fmt)
        else:
            text = str(v)[:MAX_CELL]
            if text.startswith("<r>") and text.endswith("</r>"):
                # xlsxwriter would copy this into the file unescaped, as rich text (a corrupt
                # workbook for "<r>&</r>"); as two plain runs it is escaped
                ws.write_rich_string(r, c, self.f_text, text[:1], self.f_text, text[1:], fmt)
            else:
                ws.write_string(r, c, text, fmt)

    # ------------------------------------------------------------------ page setup
    def page_setup(
        self, ws: Worksheet, title: str, repeat_header: bool = True, landscape: bool = True
    ) -> None:
        if landscape:
            ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        if repeat_header:
            ws.repeat_rows(0)
        ws.set_header(f"&L&8{_hf(title)}&R&8&A", {"margins": 0.3})
        ws.set_footer("&L&8screen&R&8Page &P of &N", {"margins": 0.3})

    # ------------------------------------------------------------------ tables
    def table(
        self,
        name: str,
        cols: Sequence[Col],
        rows: list[list[Any]],
        *,
        title: str,
        risk_col: str | None = None,
        decision_col: str | None = None,
        change_col: str | None = None,
        input_cols: Sequence[str] = (),
    ) -> Worksheet:
        """A sheet with one header row and ``rows`` below, frozen, filtered and coloured."""
        ws = self.sheet(name)
        index = {c.header: i for i, c in enumerate(cols)}
        inputs = {index[h] for h in input_cols if h in index}
        fmts: list[Any] = []
        widths: list[float] = []
        for i, col in enumerate(cols):
            fmts.append(self.fmt(col.wrap, col.number, col.align, i in inputs))
            width = _width(col, [r[i] for r in rows[:WIDTH_SAMPLE]])
            ws.set_column(i, i, width, None, {"hidden": True} if col.hidden else None)
            widths.append(0.0 if col.hidden else width)
        ws.set_row(0, fit_height((c.header, widths[i]) for i, c in enumerate(cols)) or LINE_POINTS + 2)
        for i, col in enumerate(cols):
            ws.write_string(0, i, col.header, self.f_head)
        ws.freeze_panes(1, 0)
        wrapped = [(i, widths[i]) for i, c in enumerate(cols) if c.wrap and not c.hidden]
        count = wrapped_lines if len(rows) <= EXACT_FIT_ROWS else estimated_lines

        def height(block: Sequence[Sequence[Any]]) -> list[float | None]:
            return row_heights(block, wrapped, count)

        keep_blank = [i in inputs for i in range(len(cols))]  # a reviewer's entry cell keeps its format
        xf = [f._get_xf_index() for f in fmts]
        finish = None
        if self.background and len(rows) >= BACKGROUND_ROWS:
            finish = stream_rows_forked(ws, rows, xf, keep_blank, height)
        if finish is not None:
            self.pending.append(finish)
        elif not stream_rows(ws, rows, xf, keep_blank, height):
            for r, (row, h) in enumerate(zip(rows, height(rows), strict=True), start=1):
                if h:
                    ws.set_row(r, h)
                for i, v in enumerate(row):
                    if (v is None or v == "") and not keep_blank[i]:
                        continue
                    self.cell(ws, r, i, v, fmts[i])
        last = max(len(rows), 1)
        visible = [i for i, c in enumerate(cols) if not c.hidden]
        ws.autofilter(0, 0, last, (visible[-1] if visible else len(cols) - 1))
        self._colour(ws, index.get(risk_col or ""), last, self.risk_formats)
        self._colour(ws, index.get(change_col or ""), last, self.change_formats, begins=True)
        if decision_col is not None and decision_col in index:
            c = index[decision_col]
            self._colour(ws, c, last, self.decision_formats)
            ws.data_validation(
                1,
                c,
                last,
                c,
                {
                    "validate": "list",
                    "source": DECISION_CHOICES,
                    "ignore_blank": True,
                    "input_title": "Decision",
                    "input_message": "true match, false positive or needs information",
                    "error_title": "Not a decision",
                    "error_message": "Choose true match, false positive or needs information.",
                },
            )
        self.page_setup(ws, title)
        if visible:
            ws.print_area(0, 0, last, visible[-1])
        return ws

    def _colour(
        self, ws: Worksheet, c: int | None, last: int, formats: dict[str, Any], begins: bool = False
    ) -> None:
        if c is None:
            return
        for value, fmt in formats.items():
            if begins:
                ws.conditional_format(
                    1, c, last, c, {"type": "text", "criteria": "begins with", "value": value, "format": fmt}
                )
            else:
                ws.conditional_format(
                    1, c, last, c, {"type": "cell", "criteria": "==", "value": f'"{value}"', "format": fmt}
                )


def fit_height(
    cells: Iterable[tuple[Any, float]], count: Callable[[str, float], int] | None = None
) -> float | None:
    """Row height (points) that shows every line of the wrapped ``(text, column width)`` cells;
    None when one line is enough. Set explicitly: LibreOffice does not fit rows on import.
    ``count(text, chars per line)`` counts the lines (default :func:`wrapped_lines`)."""
    pairs = list(cells)
    wrapped = [(i, width) for i, (_, width) in enumerate(pairs)]
    return row_heights([[text for text, _ in pairs]], wrapped, count or wrapped_lines)[0]


def _points(lines: int) -> float | None:
    return None if lines == 1 else min(409.0, lines * LINE_POINTS + 3)


def row_heights(
    rows: Sequence[Sequence[Any]], wrapped: Sequence[tuple[int, float]], count: Callable[[str, float], int]
) -> list[float | None]:
    """:func:`fit_height` of each row's wrapped ``(column, width)`` cells, column by column."""
    lines = [1] * len(rows)
    for i, width in wrapped:
        if width <= 0:
            continue
        per = max(1.0, width * CHARS_PER_UNIT)
        col = [count(t, per) if isinstance(t, str) and t else 1 for t in (r[i] for r in rows)]
        lines = list(map(max, lines, col))
    return [_points(n) for n in lines]


def estimated_lines(text: str, per: float) -> int:
    """Lines from character counts alone (no word breaks): for large sheets, where measuring
    every word costs seconds. Never fewer than one line per paragraph."""
    per /= WRAP_SLACK
    if "\n" not in text:
        return math.ceil(len(text) / per) or 1
    return sum(math.ceil(len(p) / per) or 1 for p in text.split("\n"))


def wrapped_lines(text: str, per: float) -> int:
    """Lines ``text`` takes when word-wrapped at ``per`` characters (as a spreadsheet wraps)."""
    n = 0
    for para in text.split("\n"):
        n += 1
        cur = 0.0
        for word in para.split(" "):
            w = float(len(word)) if word.isascii() else _text_width(word)
            if cur and cur + 1 + w > per:
                n += 1
                cur = w
            else:
                cur = cur + 1 + w if cur else w
            if cur > per:  # a word longer than the line is broken
                extra = math.ceil(cur / per) - 1
                n += extra
                cur -= extra * per
    return n


def _text_width(text: str) -> float:
    """Width in characters; East Asian wide characters count double."""
    return sum(2.0 if ord(ch) >= 0x1100 and _wide(ch) else 1.0 for ch in text)


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def _hf(text: str) -> str:
    """Text safe inside an Excel header/footer (``&`` is a control character there)."""
    return text.replace("&", "&&")[:200]


def _width(col: Col, values: list[Any]) -> float:
    """A readable width: the longest value (first line) within the column's bounds."""
    longest = 0
    for v in values:
        if v is None or v == "":
            continue
        text = f"{v:g}" if isinstance(v, float) else str(v)
        longest = max(longest, max((len(line) for line in text.split("\n")), default=0))
    head = min(len(col.header), 18)
    return float(max(col.min_width, min(col.max_width, max(longest, head) + 2)))
