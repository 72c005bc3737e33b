"""Supplier lists as text: CSV, TSV and Excel's "Unicode Text".

The encoding is detected (UTF-8 with or without BOM, UTF-16, Windows-1252 for a file with no
UTF-8 in it and accented letters among plain ones, and the legacy encodings of Cyrillic, Greek,
Chinese, Japanese and Korean text otherwise), binary data is refused, NUL characters are dropped, and the
delimiter is the one that splits the first records most consistently (quotes respected).
Records are parsed with the csv module, each with the line it starts on; a quote that is never
closed, which would swallow every later line into one cell, is an error naming its line.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

from screen.config import LimitsConfig, cell_fix
from screen.errors import InputFileError, LimitError

log = logging.getLogger(__name__)

_SNIFF_CHARS = 65_536
_SNIFF_RECORDS = 50
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0c\r")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset) + 1


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM), UTF-16 and cp1252.

    cp1252 (Excel's "CSV" on Windows) is used only when the file holds no UTF-8 at all; a file
    that is UTF-8 except for some bytes (mixed encodings) is refused with the offset and line of
    the first bad byte, rather than turning every "ü" into "Ã¼".
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _not_utf8(data, exc.start + 3, name, exc.reason) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputFileError(
                f"{name}: starts as UTF-16 text but byte {exc.start:,} is invalid ({exc.reason}); "
                "save the file as CSV UTF-8."
            ) from exc
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text[:1000]:
                return text, enc
    if data[:2] == b"\x1f\x8b":
        raise InputFileError(
            f"{name}: is a gzip-compressed file; unpack it first (gunzip), then screen the file inside."
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(len(sample) // 20, 2):
        raise InputFileError(
            f"{name}: holds binary data, not text or a spreadsheet ({controls} control bytes in the first "
            f"{len(sample):,}); open it in the program that made it and save it as .xlsx or CSV UTF-8."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if sum(m.end() - m.start() for m in _UTF8_MULTIBYTE.finditer(data)) * 2 >= high:
        raise _not_utf8(data, utf8_error.start, name, "the rest of the file is UTF-8: mixed encodings")
    if _in_runs(data) * 2 >= high:
        # letters of more than one byte each, or a script all of whose letters are beyond ASCII
        # (Cyrillic, Greek, Chinese, Japanese, Korean): no Western text, whose accented letters
        # stand alone among plain ones
        found = _legacy_encoding(data)
        if found is None:
            raise InputFileError(
                f"{name}: is not UTF-8 and its encoding was not recognised (byte {utf8_error.start:,}, line "
                f"{_line_of(data, utf8_error.start)}); save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)."
            )
        return found
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, name, "not UTF-8 or Windows-1252 either") from exc


_HIGH_BYTES = bytes(range(0x80, 0x100))
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
# the legacy encodings of Excel's "CSV" and of older systems for scripts beyond Latin
LEGACY_ENCODINGS = (
    "cp1251",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
    "cp1253",
    "cp1255",
    "cp1256",
)


def _in_runs(data: bytes) -> int:
    """How many bytes beyond ASCII stand next to another one."""
    return sum(m.end() - m.start() for m in _HIGH_RUN.finditer(data))


def _legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """The text and encoding among :data:`LEGACY_ENCODINGS` that reads ``data`` as the most
    coherent text (charset-normalizer: letters of one script, plausible frequencies), or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError:
        return None


def _not_utf8(data: bytes, offset: int, name: str, reason: str) -> InputFileError:
    return InputFileError(
        f"{name}: byte {offset:,} (line {_line_of(data, offset)}, 0x{data[offset]:02X}) is not valid UTF-8 "
        f"({reason}); save the file as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)."
    )


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the first records into the most consistent number of cells.

    Records are parsed (quotes respected), so a comma inside a quoted name never counts.
    """
    if suffix in {".tsv", ".tab"}:
        return "\t"
    sample = text[:_SNIFF_CHARS]
    best, best_score = ",", -1.0
    for d in (",", ";", "\t", "|"):
        widths: list[int] = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=d):
                if record:  # blank lines say nothing; a line of bare delimiters does
                    widths.append(len(record))
                if len(widths) > _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if len(sample) == _SNIFF_CHARS or len(widths) > _SNIFF_RECORDS:
            widths = widths[:-1]  # the last record may be cut short
        multi = [w for w in widths if w > 1]
        if not multi:
            continue
        mode = max(sorted(set(multi)), key=multi.count)
        score = multi.count(mode) * (1 + min(mode - 1, 10) / 10)
        if score > best_score:
            best, best_score = d, score
    return best


# a line drawn of dashes or equals signs, as list outputs (SAP's, a report printed to text) draw
# them above and below the header and at the end
_RULE = re.compile(r"[\s|+:]*[-=_](?:\s?[-=_]){2,}[-=_\s|+:]*")


def read_text_grid(p: Path, limits: LimitsConfig) -> tuple[list[list[str]], list[int], str, str]:
    """The records of a text file, the line each starts on, its encoding and its delimiter."""
    data = p.read_bytes()
    text, encoding = decode_text(data, p.name)
    if "\x00" in text:
        log.warning("%s contains NUL characters; they are removed", p.name)
        text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text, p.suffix.lower())
    # the csv module's cell limit is process-wide; make it no smaller than ours so ours is the one named
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_cell_chars + 1))
    grid: list[list[str]] = []
    line_numbers: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    ruled = _RULE.search(text) is not None  # (else no record is one: no check per record)
    try:
        for record in reader:
            if ruled and _RULE.fullmatch("".join(record)):
                record = [""] * len(record)  # a rule drawn between rows (SAP's list output): blank
            grid.append(record)
            line_numbers.append(last_line + 1)
            last_line = reader.line_num
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            if _ends_inside_quotes(text, last_line + 1, delimiter):
                raise _unclosed_quote(p, last_line + 1) from exc
            raise LimitError(
                f"{p.name}: line {last_line + 1}: a cell holds more than {csv.field_size_limit():,} characters, "
                f"over the limit limits.max_cell_chars={limits.max_cell_chars:,}; {cell_fix(limits)}"
            ) from exc
        raise InputFileError(
            f"{p.name}: line {reader.line_num}: malformed CSV ({exc}); check the quoting on that line."
        ) from exc
    if grid and line_numbers[-1] < last_line and _ends_inside_quotes(text, line_numbers[-1], delimiter):
        raise _unclosed_quote(p, line_numbers[-1])
    if not any(any(c.strip() for c in r) for r in grid):
        raise InputFileError(f"{p.name}: the file has no data; export the supplier list again.")
    return grid, line_numbers, encoding, delimiter


def _ends_inside_quotes(text: str, line: int, delimiter: str) -> bool:
    """True when the record starting at ``line`` opens a quote that the end of the file leaves open."""
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _unclosed_quote(p: Path, line: int) -> InputFileError:
    return InputFileError(
        f'{p.name}: line {line}: a quote (") opens a cell that is never closed, so every line after it would '
        "be read as one cell; close or remove the quote on that line."
    )
