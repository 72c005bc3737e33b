"""Sector keywords and keyword traps (``reference/sector_keywords.csv``) matched in activity text.

Pattern syntax, applied to text folded by :func:`screen.keyfold.fold` (case, accents ignored):

- words are matched whole: ``mining`` does not match "minings" or "determining";
- ``*`` at the end or start of a word lets it continue: ``строительств*``, ``*bergbau``;
- a space matches any run of spaces or punctuation, or none ("fast food" = "fast-food");
- Chinese, Japanese and Korean patterns match inside words (those scripts do not space words).

Keywords that lie inside a longer keyword of another sector give way to it ("ship construction"
is shipbuilding, not construction). A trap for a sector voids that sector's keyword where the
two overlap ("data mining", "construction paper"; a longer keyword around the trap stands), and
otherwise the sector's keywords in the whole text ("Restaurant POS software"). Generic traps (sector ``*``: software, insurance,
equipment, wholesale ...) apply to every sector whose ``generic_traps`` is ``yes``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from screen.keyfold import fold, fold_map

_SEP = r"[\W_]*"


def _unspaced(ch: str) -> bool:
    """True for scripts written without spaces between words (CJK, kana, Hangul)."""
    o = ord(ch)
    return (
        0x1100 <= o <= 0x11FF
        or 0x3040 <= o <= 0x30FF
        or 0x3130 <= o <= 0x318F
        or 0x3400 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
    )


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The regular expression for one keyword pattern (see the module docstring)."""
    words = [w for w in re.split(r"[^\w*]+|_", fold(pattern)) if w.strip("*")]
    if not words:
        raise ValueError(f"empty keyword pattern {pattern!r}")
    pieces = [
        (r"\w*" if w.startswith("*") else "") + re.escape(w.strip("*")) + (r"\w*" if w.endswith("*") else "")
        for w in words
    ]
    first, last = words[0], words[-1]
    head = "" if first.startswith("*") or _unspaced(first.strip("*")[0]) else r"(?<![^\W_])"
    tail = "" if last.endswith("*") or _unspaced(last.strip("*")[-1]) else r"(?![^\W_])"
    return re.compile(head + _SEP.join(pieces) + tail)


@dataclass(frozen=True)
class Rule:
    sector: str  # a sector key, or "*" for a generic trap
    pattern: str  # as written in the CSV
    kind: str  # keyword | trap
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Found:
    """A keyword found in a text: the sector, the words as written, and the pattern."""

    sector: str
    text: str
    pattern: str
    start: int
    end: int


class _RuleIndex:
    """Rules indexed by the first letters of their first word, so a text runs only the regular
    expressions that can match it; rules that may start inside a word are checked by substring."""

    def __init__(self, rules: list[Rule]) -> None:
        self.by_prefix: dict[str, list[Rule]] = {}
        self.inner: list[tuple[str, Rule]] = []
        for r in rules:
            words = [w for w in re.split(r"[^\w*]+|_", fold(r.pattern)) if w.strip("*")]
            first = words[0]
            if first.startswith("*") or _unspaced(first.strip("*")[0]):
                self.inner.append((max((w.strip("*") for w in words), key=len), r))
            else:
                self.by_prefix.setdefault(first.strip("*")[:3], []).append(r)

    def candidates(self, text: str) -> list[Rule]:
        found: dict[int, Rule] = {}
        for i, ch in enumerate(text):
            if ch.isalnum() and (i == 0 or not text[i - 1].isalnum()):
                for k in (1, 2, 3):
                    for r in self.by_prefix.get(text[i : i + k], ()):
                        found[id(r)] = r
        for anchor, r in self.inner:
            if anchor in text:
                found[id(r)] = r
        return list(found.values())


class KeywordRules:
    """All keyword and trap rules, matched together on one text."""

    def __init__(self, rules: list[Rule], generic_sectors: frozenset[str]) -> None:
        self.keywords = _RuleIndex([r for r in rules if r.kind == "keyword"])
        self.traps = _RuleIndex([r for r in rules if r.kind == "trap"])
        self.generic_sectors = generic_sectors

    def find(self, text: str) -> list[Found]:
        """Keywords of ``text`` that survive the longest-match rule and the traps, in text order."""
        folded, index = fold_map(text)
        if not folded.strip():
            return []
        source = unicodedata.normalize("NFC", text)

        def quote(s: int, e: int) -> str:
            return source[index[s] : index[e - 1] + 1]

        hits = [
            Found(r.sector, quote(m.start(), m.end()), r.pattern, m.start(), m.end())
            for r in self.keywords.candidates(folded)
            for m in r.regex.finditer(folded)
            if m.end() > m.start()
        ]
        hits = [h for h in hits if not any(_inside(h, o) and o.sector != h.sector for o in hits)]
        if not hits:
            return []
        for trap in self.traps.candidates(folded):
            sectors = self.generic_sectors if trap.sector == "*" else frozenset({trap.sector})
            for m in trap.regex.finditer(folded):
                span = Found(trap.sector, "", trap.pattern, m.start(), m.end())
                touched = [h for h in hits if h.sector in sectors and h.start < m.end() and m.start() < h.end]
                if touched:  # a longer keyword around the trap stands ("labour supply for construction")
                    hits = [h for h in hits if h not in touched or _inside(span, h)]
                else:
                    hits = [h for h in hits if h.sector not in sectors]
        hits.sort(key=lambda h: (h.start, -h.end))
        return [h for i, h in enumerate(hits) if not any(_inside(h, o) for o in hits[:i])]


def _inside(h: Found, o: Found) -> bool:
    """``h`` lies within the longer match ``o``."""
    return o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
