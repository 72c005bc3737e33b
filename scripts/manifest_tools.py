"""The one way build scripts record their files in reference/manifest.json.

Each build script owns some files; it replaces their entries and keeps everyone else's,
writing atomically with a stable layout so that rebuilding gives identical bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def file_entry(folder: Path, file: str, **meta: Any) -> dict[str, Any]:
    """A manifest entry for ``folder/file``: the given metadata plus the file's SHA-256."""
    data = (folder / file).read_bytes()
    return {"file": file, **meta, "sha256": hashlib.sha256(data).hexdigest()}


def update_manifest(folder: Path, entries: Iterable[dict[str, Any]], owned: Iterable[str] = ()) -> None:
    """Replace the entries for these files (and any under an ``owned`` prefix); keep the rest."""
    entries = list(entries)
    path = folder / "manifest.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"lists": []}
    files = {str(e["file"]) for e in entries}
    prefixes = tuple(owned)
    kept = [
        e
        for e in data.get("lists") or []
        if str(e.get("file")) not in files and not (prefixes and str(e.get("file", "")).startswith(prefixes))
    ]
    data["lists"] = sorted([*kept, *entries], key=lambda e: str(e["file"]))
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
