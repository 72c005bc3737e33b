"""Text folding for country names and sector keywords (reference data and input alike).

:func:`fold` is the one comparison form: Unicode NFKC, case folding, accents and other
combining marks removed (é → e, й → и, Arabic vowel marks dropped; Japanese voicing marks
kept, so ガ stays ガ), ``œ``/``æ`` spelt out, ``&`` read as ``and``. :func:`fold_map` does the
same and remembers, for every folded character, where it came from, so that a keyword found
in the folded text can be quoted as the person wrote it. :func:`compact` drops everything
but letters and digits, which makes a key insensitive to spaces and punctuation
("D.P.R.K." → "dprk", "Korea, North" → "koreanorth").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# kana voicing marks are part of the letter (カ ≠ ガ); every other combining mark is dropped
_KEEP_MARKS = frozenset("\u3099\u309a")
_SPELL = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "&": " and "}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", ch.casefold()).casefold():
        if unicodedata.category(c) == "Mn" and c not in _KEEP_MARKS:
            continue
        out.append(_SPELL.get(c, c))
    return unicodedata.normalize("NFC", "".join(out))


def fold_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, the index of its source character."""
    if text.isascii() and "&" not in text:  # fast path, same result: ASCII folds to lower case
        return text.lower(), list(range(len(text)))
    source = unicodedata.normalize("NFC", text)
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(source):
        for c in _fold_char(ch):
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def fold(text: str) -> str:
    """The comparison form of a text: NFKC, case-folded, without accents."""
    return fold_map(text)[0]


def compact(text: str) -> str:
    """Only the letters and digits of the folded text: a space- and punctuation-free key."""
    if text.isascii():  # fast path, same result: ASCII folds to lower case
        return "".join(c for c in text.lower().replace("&", "and") if c.isalnum())
    return "".join(c for c in fold(text) if c.isalnum())


def words(text: str) -> list[str]:
    """The folded text split into runs of letters and digits."""
    out: list[str] = []
    cur: list[str] = []
    for c in fold(text):
        if c.isalnum():
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out
