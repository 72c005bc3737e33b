"""Read list files: the one CSV format for bundled, imported and custom entity lists.

One row per name of an entry; the entry's fields repeat on each of its rows::

    list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks

``name_type`` is primary (one per entry), aka, fka, nka, weak or original_script. Rows with
problems are reported with their line number; a file that cannot be used at all raises
:class:`screen.errors.ListError`.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from screen.digest import sha256_file
from screen.errors import ListError

if TYPE_CHECKING:
    from screen.reference.manifest import ManifestItem

log = logging.getLogger(__name__)

LIST_COLUMNS = (
    "list",
    "official_id",
    "entity_type",
    "name_type",
    "name",
    "programs",
    "countries",
    "listed_on",
    "group_id",
    "source",
    "source_date",
    "remarks",
)
REQUIRED = ("list", "official_id", "name_type", "name")
NAME_TYPES = {"primary", "aka", "fka", "nka", "weak", "original_script"}
ENTITY_TYPES = {"entity", "individual", "vessel", "aircraft"}


@dataclass
class ListInfo:
    """What an auditor needs to know about one list used in a run."""

    name: str
    version: str
    path: str
    sha256: str
    entries: int
    rows: int
    title: str = ""
    source: str = ""
    licence: str = ""
    note: str = ""
    problems: list[str] = field(default_factory=list)

    def as_contract(self) -> dict[str, object]:
        d: dict[str, object] = {
            "list": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "entries": self.entries,
            "file": Path(self.path).name,
            "names": self.rows,
        }
        if self.source:
            d["source"] = self.source
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_manifest(cls, item: ManifestItem, path: Path, sha256: str, note: str = "") -> ListInfo:
        return cls(
            name=item.list,
            version=item.version,
            path=str(path),
            sha256=sha256,
            entries=item.entries if item.entries is not None else item.rows,
            rows=item.rows,
            title=item.title,
            source=item.source,
            licence=item.licence,
            note=note,
        )


def _check_list_bytes(path: Path) -> None:
    """Refuse an empty file, a workbook or binary data before pandas guesses at it."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise ListError(f"{path.name}: the list file is empty; create it with 'screen reference import'.")
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ListError(
            f"{path.name}: is a workbook, not a list file; turn it into one with "
            "'screen reference import custom FILE' and pass the CSV it writes."
        )
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0c")
    if controls > max(len(head) // 20, 2):
        raise ListError(
            f"{path.name}: holds binary data, not a list file (CSV UTF-8 as written by 'screen reference import')."
        )


def _first_bad_byte(path: Path) -> str:
    """Where a file stops being UTF-8: "byte N (line L)" (pandas reports offsets within its chunks)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"byte {exc.start:,} (line {line})"
    return "a byte"


def empty_names() -> pd.DataFrame:
    cols = [*LIST_COLUMNS, "ref_id", "entry_hash"]
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})


def _split(value: Any) -> tuple[str, ...]:
    return tuple(sorted({v.strip() for v in str(value or "").split(";") if v.strip()}))


def entry_hashes(df: pd.DataFrame) -> dict[str, str]:
    """Per ``ref_id``, a short hash of everything about the entry that a reviewer's decision
    depends on: list, ID, type, every name with its type, programs, countries, listing date."""
    first: dict[str, tuple[str, ...]] = {}  # list, official_id, entity_type, programs, countries, listed_on
    names: dict[str, list[str]] = {}
    cols = [
        "ref_id",
        "list",
        "official_id",
        "entity_type",
        "programs",
        "countries",
        "listed_on",
        "name_type",
        "name",
    ]
    for rid, *fields, ntype, name in zip(*(df[c].tolist() for c in cols), strict=True):
        if rid not in first:
            first[rid] = tuple(str(f) for f in fields)
            names[rid] = []
        names[rid].append(f"{ntype}:{name}")
    out = {}
    for rid, (lst, oid, etype, programs, countries, listed) in first.items():
        parts = [lst, oid, etype, "|".join(sorted(names[rid])), programs, countries, listed]
        out[rid] = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
    return out


def load_list_file(
    path: Path, expected: ManifestItem | None = None, sha256: str | None = None
) -> tuple[pd.DataFrame, ListInfo]:
    """Read and check one list file; returns its name rows and a :class:`ListInfo`."""
    if not path.is_file():
        raise ListError(f"{path}: list file not found; check the --reference path.")
    _check_list_bytes(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListError(
            f"{path.name}: not a readable list file ({_first_bad_byte(path)} is not UTF-8); a list file is CSV "
            "UTF-8 as written by 'screen reference import'."
        ) from exc
    except Exception as exc:  # pandas raises ParserError, EmptyDataError, csv.Error, ValueError ...
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ListError(
            f"{path.name}: not a readable list file ({reason}); create it with 'screen reference import'."
        ) from exc
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ListError(
            f"{path.name}: missing column(s) {', '.join(missing)}; a list file needs {', '.join(REQUIRED)} "
            "(import your own list with 'screen reference import custom FILE')."
        )
    for c in LIST_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df = df[list(LIST_COLUMNS)].copy()
    problems: list[str] = []
    df["entity_type"] = df["entity_type"].str.strip().str.lower().replace("", "entity")
    df["name_type"] = df["name_type"].str.strip().str.lower()
    df["name"] = df["name"].str.strip()
    bad = df[(df["name"] == "") | (df["official_id"].str.strip() == "") | ~df["name_type"].isin(NAME_TYPES)]
    for idx in bad.index[:20]:
        line = int(str(idx)) + 2
        problems.append(
            f"line {line}: empty name or official_id, or unknown name_type '{df.at[idx, 'name_type']!s}'"
        )
    if len(bad):
        df = df.drop(index=bad.index)
    df["ref_id"] = df["list"].str.strip() + ":" + df["official_id"].str.strip()
    # every entry needs exactly one primary name: promote the first name where none is marked
    has_primary = set(df.loc[df["name_type"] == "primary", "ref_id"])
    no_primary = ~df["ref_id"].isin(has_primary) & ~df["ref_id"].duplicated()
    if no_primary.any():
        problems.append(f"{int(no_primary.sum())} entries had no primary name; their first name is used")
        df.loc[no_primary, "name_type"] = "primary"
    extra_primary = (df["name_type"] == "primary") & df.duplicated(["ref_id", "name_type"])
    if extra_primary.any():
        problems.append(f"{int(extra_primary.sum())} extra primary names were treated as aliases")
        df.loc[extra_primary, "name_type"] = "aka"
    df = df.drop_duplicates(["ref_id", "name_type", "name"]).reset_index(drop=True)
    if df.empty and expected is None:
        why = f" ({'; '.join(problems[:3])})" if problems else ""
        raise ListError(
            f"{path.name}: the list file has no usable entries{why}; each row needs list, official_id, "
            "name_type and name."
        )
    hashes = entry_hashes(df)
    df["entry_hash"] = df["ref_id"].map(hashes)
    for col in ("programs", "countries"):
        df[col] = df[col].map(_split)
    lists = sorted(set(df["list"]))
    dates = sorted({d for d in df["source_date"] if d})
    version = expected.version if expected else (dates[-1] if dates else "undated")
    info = ListInfo(
        name=expected.list if expected else "+".join(lists) or path.stem,
        version=version,
        path=str(path),
        sha256=sha256 or sha256_file(path),
        entries=len(hashes),
        rows=len(df),
        title=expected.title if expected else path.name,
        source=expected.source if expected else "; ".join(sorted(set(df["source"])))[:300],
        licence=expected.licence if expected else "",
        problems=problems,
    )
    for p in problems:
        log.warning("%s: %s", path.name, p)
    return df, info
