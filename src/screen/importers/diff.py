"""What changed between two versions of a list: entries added, removed and changed, by ref_id.

An entry is identified by ``list:official_id``. A changed entry lists what changed: its
primary name, names added or removed, entity type, programs, countries, listing date or
remarks. Useful before replacing a bundled list with a newer official file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from screen.importers.listfile import read_list_file

COMPARED = ("entity_type", "programs", "countries", "listed_on", "remarks")


@dataclass
class EntryChange:
    ref_id: str
    name: str  # the primary name (new version)
    changes: list[str]


@dataclass
class ListDiff:
    added: list[tuple[str, str]] = field(default_factory=list)  # (ref_id, primary name)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged"
        )


def _entries(frame: pd.DataFrame) -> dict[str, tuple[str, dict[str, str], set[tuple[str, str]]]]:
    """ref_id -> (primary name, entry fields, {(name_type, name)})."""
    refs = frame["list"].str.strip() + ":" + frame["official_id"].str.strip()
    out: dict[str, tuple[str, dict[str, str], set[tuple[str, str]]]] = {}
    for ref, rows in frame.groupby(refs, sort=False):
        primary = rows.loc[rows["name_type"] == "primary", "name"]
        name = str(primary.iat[0]) if len(primary) else str(rows["name"].iat[0])
        fields = {c: str(rows[c].iat[0]) for c in COMPARED}
        out[str(ref)] = (name, fields, set(zip(rows["name_type"], rows["name"], strict=True)))
    return out


def diff_frames(old: pd.DataFrame, new: pd.DataFrame) -> ListDiff:
    """Compare two list-file frames entry by entry."""
    a, b = _entries(old), _entries(new)
    d = ListDiff()
    d.added = [(ref, b[ref][0]) for ref in sorted(b.keys() - a.keys())]
    d.removed = [(ref, a[ref][0]) for ref in sorted(a.keys() - b.keys())]
    for ref in sorted(a.keys() & b.keys()):
        (name_a, fields_a, names_a), (name_b, fields_b, names_b) = a[ref], b[ref]
        changes = []
        if name_a != name_b:
            changes.append(f"primary name '{name_a}' -> '{name_b}'")
        plain_a, plain_b = {n for _, n in names_a}, {n for _, n in names_b}
        if added := sorted(plain_b - plain_a - {name_b}):
            changes.append("names added: " + "; ".join(added))
        if removed := sorted(plain_a - plain_b - {name_a}):
            changes.append("names removed: " + "; ".join(removed))
        retyped = sorted(
            f"{n} ({ta} -> {tb})" for ta, n in names_a for tb, m in names_b if n == m and ta != tb
        )
        if retyped and name_a == name_b:
            changes.append("name types changed: " + "; ".join(r for r in retyped if "primary" not in r))
        for col in COMPARED:
            if fields_a[col] != fields_b[col]:
                changes.append(f"{col} '{fields_a[col]}' -> '{fields_b[col]}'")
        changes = [c for c in changes if not c.endswith(": ")]
        if changes:
            d.changed.append(EntryChange(ref, name_b, changes))
        else:
            d.unchanged += 1
    return d


def diff_files(old: Path, new: Path) -> ListDiff:
    """Compare two list files (as written by ``screen reference import``)."""
    return diff_frames(read_list_file(Path(old)), read_list_file(Path(new)))
