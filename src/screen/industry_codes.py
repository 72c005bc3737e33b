"""Industry codes in a supplier's code cell, read as NAICS, ISIC Rev.4 or NACE Rev.2.

The standard comes from a label when there is one ("NAICS 236220", "NACE F41.20",
"ОКВЭД 41.20" read as NACE, which it follows) and otherwise from the format:

- 5 or 6 digits: NAICS (a float from a spreadsheet, "236220.0", is read as 236220);
- 4 digits: ISIC class, else a NAICS industry group ("4100" ISIC, "2362" NAICS);
- digits with a dot, optionally after a section letter ("43.21", "F43.2"): NACE;
- a section letter with digits ("F4100") or alone ("F"): ISIC/NACE section letters, which agree.

Bare 2- or 3-digit numbers are left alone unless labelled: "23" is construction in NAICS but
non-metallic minerals in ISIC. A column whose header names the standard ("NAICS", "NACE code",
"WZ 2008", "SIC") labels its cells (:func:`label_cells`). US SIC codes are not read (a "SIC"
column's 0811, timber tracts, is not ISIC 0811, quarrying). ``reference/sector_codes.csv`` lists
every code under each sector's prefixes with its title; the longest listed prefix decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(
    r"^\s*(naics(?:\s*(?:19|20)\d\d(?=\s*[:#=-]))?|isic(?:\s*rev\.?\s*4)?|nace(?:\s*rev\.?\s*2)?|okved\s*2?|оквэд\s*2?|"
    r"us\s*sic|sic)\b[\s:.#-]*",
    re.IGNORECASE,
)
_CODE = re.compile(r"^([A-Ua-u])?\s?(\d{2,6}(?:\.\d{1,4})?)(?![\d.])|^([A-Ua-u])(?![\w])")
_SPLIT = re.compile(r"[;,|/\n]+")
DISPLAY = {"NAICS": "NAICS", "ISIC": "ISIC Rev.4", "NACE": "NACE Rev.2"}


@dataclass(frozen=True)
class CodeHit:
    sector: str
    evidence: str  # "NAICS 236220 'Commercial and Institutional Building Construction'"


class CodeTable:
    """Sector codes per standard: code -> (sector, title)."""

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.codes: dict[str, dict[str, tuple[str, str]]] = {"NAICS": {}, "ISIC": {}, "NACE": {}}
        for sector, standard, prefix, title in rows:
            self.codes.setdefault(standard, {})[prefix] = (sector, title)

    def lookup(self, cell: str) -> list[CodeHit]:
        """Sector hits for every code in the cell (in order, one per sector)."""
        hits: list[CodeHit] = []
        for chunk in _SPLIT.split(cell):
            hit = self._one(chunk)
            if hit is not None and all(h.sector != hit.sector for h in hits):
                hits.append(hit)
        return hits

    def _one(self, chunk: str) -> CodeHit | None:
        text = chunk.strip()
        if not text:
            return None
        label = _LABEL.match(text)
        standard = _standard(label.group(1)) if label else ""
        if standard == "SIC":
            return None
        m = _CODE.match(text[label.end() :] if label else text)
        if m is None:
            return None
        letter = (m.group(1) or m.group(3) or "").upper()
        digits = m.group(2) or ""
        if re.fullmatch(r"\d{4,6}\.0+", digits):  # a number read from a spreadsheet as a float
            digits = digits.split(".")[0]
        if not digits:
            return self._find("NACE" if standard == "NACE" else "ISIC", letter)
        if "." in digits:  # (the dotted form is NACE's, which follows ISIC Rev.4 to the class)
            return self._find("NACE", digits) if standard in ("", "NACE", "ISIC") else None
        if standard:
            return self._find(standard, _nace(digits) if standard == "NACE" else digits)
        if letter or len(digits) == 4:
            return self._find("ISIC", digits) or (None if letter else self._find("NAICS", digits))
        if len(digits) >= 5:
            return self._find("NAICS", digits)
        return None  # 2-3 bare digits: the standard cannot be told

    def _find(self, standard: str, code: str) -> CodeHit | None:
        table = self.codes.get(standard, {})
        for prefix in _prefixes(standard, code):
            if prefix in table:
                sector, title = table[prefix]
                name = DISPLAY[standard]
                if prefix == code:
                    return CodeHit(sector, f"{name} {code} '{title}'")
                return CodeHit(sector, f"{name} {code} (in {prefix} '{title}')")
        return None


def _standard(label: str) -> str:
    low = label.lower()
    if low.startswith("naics"):
        return "NAICS"
    if low.startswith("isic"):
        return "ISIC"
    if low.startswith(("nace", "okved", "оквэд")):
        return "NACE"
    return "SIC"


def _nace(digits: str) -> str:
    """NACE written without its dot ("4120") in the dotted form ("41.20")."""
    return digits if len(digits) <= 2 else f"{digits[:2]}.{digits[2:]}"


def _prefixes(standard: str, code: str) -> list[str]:
    """The code and its shorter prefixes, longest first."""
    if standard == "NACE" and "." in code:
        head, tail = code.split(".", 1)
        return [f"{head}.{tail[:n]}" for n in range(len(tail), 0, -1)] + [head]
    return [code[:n] for n in range(len(code), 0, -1)]


_HEADER_STANDARDS = (
    ("NAICS", re.compile(r"\bnaics\b", re.IGNORECASE)),
    ("ISIC", re.compile(r"\b(?:isic|ciiu)\b", re.IGNORECASE)),
    ("NACE", re.compile(r"\b(?:nace|wz|naf|ape|okved)\b|оквэд", re.IGNORECASE)),
    ("SIC", re.compile(r"\bsic\b", re.IGNORECASE)),
)


def header_standard(header: str) -> str:
    """The standard a code column's header names ("NAICS code" -> NAICS, "SIC" -> SIC), or ""."""
    found = [std for std, pattern in _HEADER_STANDARDS if pattern.search(header)]
    return found[0] if len(found) == 1 else ""


def _may_be(standard: str, chunk: str) -> bool:
    """Whether a code written so can be one of ``standard``: NAICS and SIC codes are digits
    only, so "F41.20" or "I56.10" in a column headed NAICS is NACE, read by its format."""
    if standard not in ("NAICS", "SIC"):
        return True
    m = _CODE.match(chunk)
    return m is None or not (m.group(1) or m.group(3) or "." in (m.group(2) or "").rstrip("0").rstrip("."))


def label_cells(cells: list[str], standard: str) -> list[str]:
    """Each code without a label of its own labelled with the column's ``standard`` (each
    distinct cell once: codes repeat)."""

    def label(cell: str) -> str:
        chunks = [c.strip() for c in _SPLIT.split(cell) if c.strip()]
        return "; ".join(
            c if _LABEL.match(c) or not _may_be(standard, c) else f"{standard} {c}" for c in chunks
        )

    done = {cell: label(cell) for cell in set(cells)}
    return [done[cell] for cell in cells]
