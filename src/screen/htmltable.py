"""Supplier lists saved as an HTML table: the "Excel" export of many ERP and web systems
(SAP, Oracle, procurement portals) is an HTML page named .xls, which Excel opens as a sheet.

The first table whose rows name a supplier column is read, one row per ``<tr>``, one cell per
``<td>``/``<th>`` (a cell spanning columns takes them all, its text in the first; line breaks inside a
cell become spaces), with the standard library's HTML parser: scripts and styles are skipped.
"""

from __future__ import annotations

import html.parser
import re

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<table|<head|<meta)", re.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` begins as an HTML page or table."""
    return bool(_HTML_START.match(text[:2048]))


class _Tables(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []  # nested tables: the innermost is read
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._stack:
            self._end_cell()
            if self._row is None:
                self._row = []
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = max(1, min(int(span), 100)) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self._stack:
            self._end_row()
            self.tables.append(self._stack.pop())

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def close(self) -> None:
        super().close()
        while self._stack:  # a table never closed
            self._end_row()
            self.tables.append(self._stack.pop())

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).split())
            self._row.extend([text] + [""] * (self._span - 1))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._stack:
            self._stack[-1].append(self._row)
        self._row = None


def html_tables(text: str) -> list[list[list[str]]]:
    """The tables of an HTML page, each a grid of cell texts, in the order they close."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    return [t for t in parser.tables if t]
