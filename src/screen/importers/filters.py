"""Which entries to keep: the North Korea filter (``--program DPRK``) and the entity-type filter."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from screen.importers.common import Entry

_DPRK_TEXT = re.compile(
    r"north korea|\bdprk\b|korea, north|korea, democratic|democratic people'?s republic of korea", re.I
)


def _dprk_program(program: str) -> bool:
    tokens = re.split(r"[^A-Za-z0-9]+", program.upper())
    return any(t.startswith("DPRK") or t == "PRK" for t in tokens) or bool(_DPRK_TEXT.search(program))


def is_dprk(entry: Entry) -> bool:
    """North Korea-related: a DPRK program, North Korea/DPRK in the remarks, or a KP address."""
    return (
        any(_dprk_program(p) for p in entry.programs)
        or bool(_DPRK_TEXT.search(entry.context or entry.remarks))
        or "KP" in entry.countries
    )


def matches_program(entry: Entry, program: str) -> bool:
    """``DPRK`` means :func:`is_dprk`; any other value keeps entries with a program starting with it."""
    if program.strip().upper() in {"DPRK", "NK", "NORTH KOREA", "KP", "PRK"}:
        return is_dprk(entry)
    want = program.strip().casefold()
    return any(p.casefold().startswith(want) for p in entry.programs)


def select(
    entries: Iterable[Entry],
    *,
    program: str | None,
    include_individuals: bool,
    include_vessels: bool,
) -> tuple[list[Entry], Counter[str]]:
    """Entries that pass the program and entity-type filters, and a count of the others by reason."""
    kept: list[Entry] = []
    dropped: Counter[str] = Counter()
    for e in entries:
        if e.entity_type == "individual" and not include_individuals:
            dropped["individual"] += 1
        elif e.entity_type in {"vessel", "aircraft"} and not include_vessels:
            dropped[e.entity_type] += 1
        elif program and not matches_program(e, program):
            dropped[f"not {program}"] += 1
        else:
            kept.append(e)
    return kept, dropped
