"""The loaded reference: entity lists, country and sector tables, and their manifest.

Bundled lists live in ``reference/`` (installed as ``screen/data``) and are described by
``manifest.json`` (version, source, row count, SHA-256 per file). A file whose hash differs
from the manifest is reported, not silently used. Users add lists with ``--reference FILE``
(a list file written by ``screen reference import``); see :mod:`screen.reference.lists`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from screen.digest import sha256_file
from screen.keyfold import compact
from screen.reference.lists import ListInfo, load_list_file
from screen.reference.manifest import Manifest, load_manifest

if TYPE_CHECKING:
    from screen.countries import CountryIndex
    from screen.matching.index import NameIndex
    from screen.name_refs import NameTerms
    from screen.sectors import SectorIndex

log = logging.getLogger(__name__)

__all__ = ["ListInfo", "Reference", "bundled_dir", "load_reference"]


def bundled_dir() -> Path:
    """The folder holding the bundled reference lists."""
    return Path(str(resources.files("screen") / "data"))


@dataclass
class Reference:
    """Everything the screening knows, loaded once and shared by all partitions."""

    folder: Path  # bundled tables (countries, sectors, legal forms)
    entries: pd.DataFrame  # one row per entry (see lists.ENTRY_COLUMNS)
    names: pd.DataFrame  # one row per name: ref_id, name, name_type
    lists: list[ListInfo] = field(default_factory=list)
    tables: list[ListInfo] = field(default_factory=list)  # non-entity bundled files
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def countries(self) -> CountryIndex:
        from screen.countries import CountryIndex

        return CountryIndex.load(self.folder)

    @cached_property
    def sectors(self) -> SectorIndex:
        from screen.sectors import SectorIndex

        return SectorIndex.load(self.folder)

    @cached_property
    def name_terms(self) -> NameTerms:
        """North Korea's names and cities, to find in supplier names (:mod:`screen.name_refs`)."""
        from screen.name_refs import NameTerms

        return NameTerms.load(self.folder)

    @cached_property
    def index_key(self) -> str:
        """What the names' index is stored under (:func:`screen.matching.cache.index_key`)."""
        from screen.matching import cache

        return cache.index_key(self)

    @cached_property
    def name_index(self) -> NameIndex:
        """The names' index: built, or loaded as stored the last time it was built from the
        same names, tables and code (:mod:`screen.matching.cache`)."""
        from screen.matching import cache
        from screen.matching.index import NameIndex, north_korean_entries, romanised_entries

        stored = cache.load(self.index_key)
        if stored is not None:
            return stored
        others = self.entries.loc[self.entries["entity_type"] != "entity", "ref_id"]
        index = NameIndex(
            self.names,
            self.folder,
            romanised_entries(self.entries),
            others.tolist(),
            north_korean_entries(self.entries),
        )
        cache.store(self.index_key, index)
        return index

    @cached_property
    def entry_by_id(self) -> dict[str, dict[str, object]]:
        return {str(r["ref_id"]): {str(k): v for k, v in r.items()} for r in self.entries.to_dict("records")}

    def describe(self) -> list[dict[str, object]]:
        """Per list: name, version, sha256, entries (the results contract's run.reference)."""
        return [li.as_contract() for li in self.lists]


def load_reference(
    paths: list[str | Path] | None = None,
    *,
    bundled: bool = True,
    entity_types: tuple[str, ...] = ("entity",),
    folder: Path | None = None,
) -> Reference:
    """Load the bundled lists (unless ``bundled=False``) plus any list files in ``paths``.

    ``folder`` replaces the bundled reference folder (a copy with its own manifest.json).
    """
    folder = Path(folder) if folder is not None else bundled_dir()
    manifest: Manifest = load_manifest(folder)
    frames: list[pd.DataFrame] = []
    infos: list[ListInfo] = []
    tables: list[ListInfo] = []
    warnings = list(manifest.warnings)
    for item in manifest.items:
        path = folder / item.file
        actual = sha256_file(path) if path.is_file() else ""
        info_note = ""
        if not actual:
            warnings.append(f"Bundled file {item.file} listed in the manifest is missing; reinstall screen.")
            continue
        if actual != item.sha256:
            info_note = "modified since release: SHA-256 differs from manifest"
            warnings.append(
                f"Bundled file {item.file} was modified (SHA-256 {actual[:12]}… differs from the manifest's "
                f"{item.sha256[:12]}…); results may not match the released list."
            )
        if not item.file.startswith("lists/"):
            tables.append(ListInfo.from_manifest(item, path, actual, info_note))
            continue
        if not bundled:
            continue
        frame, info = load_list_file(path, expected=item, sha256=actual)
        info.note = info_note or info.note
        frames.append(frame)
        infos.append(info)
    for p in paths or []:
        frame, info = load_list_file(Path(p))
        frames.append(frame)
        infos.append(info)
    if frames:
        allnames = pd.concat(frames, ignore_index=True)
    else:
        from screen.reference.lists import empty_names

        allnames = empty_names()
    allnames = allnames[allnames["entity_type"].isin(entity_types)].reset_index(drop=True)
    # a list file with nothing of the kinds screened (e.g. the individuals file) is not used
    used = set(allnames["ref_id"].str.split(":", n=1).str[0]) if len(allnames) else set()
    kept = [(f, i) for f, i in zip(frames, infos, strict=True) if f["entity_type"].isin(entity_types).any()]
    infos = [i for _, i in kept] if used else infos[:0]
    for _f, info in kept:
        info.entries = int(_f.loc[_f["entity_type"].isin(entity_types), "ref_id"].nunique())
    entries = (
        allnames[allnames["name_type"] == "primary"]
        .drop(columns=["name_type"])
        .drop_duplicates("ref_id")
        .reset_index(drop=True)
    )
    names = _weak_across_lists(allnames)[["ref_id", "name", "name_type"]].reset_index(drop=True)
    for w in warnings:
        log.warning(w)
    return Reference(
        folder=folder, entries=entries, names=names, lists=infos, tables=tables, warnings=warnings
    )


def _weak_across_lists(allnames: pd.DataFrame) -> pd.DataFrame:
    """An alias that OFAC marks weak ("DCB", a bank's initials; also many a company's) is weak
    on the other lists' entries of the same entity too, which give no such mark: the UN's "DCB"
    made "DCB Bank Limited", an Indian bank, a hit."""
    if not len(allnames) or "group_id" not in allnames:
        return allnames
    group = allnames["group_id"].fillna("").astype(str).str.strip()
    group = group.where(group != "", allnames["ref_id"])
    key = allnames["name"].map(compact)
    weak = allnames["name_type"] == "weak"
    marked = set(zip(group[weak], key[weak], strict=True))
    if not marked:
        return allnames
    listed = pd.Series([(g, k) in marked for g, k in zip(group, key, strict=True)], index=allnames.index)
    same = listed & (allnames["name_type"] == "aka")
    out = allnames.copy()
    out.loc[same, "name_type"] = "weak"
    return out
