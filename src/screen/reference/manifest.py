"""The manifest of bundled reference files: what each is, where it came from, its hash."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from screen.errors import ListError


@dataclass(frozen=True)
class ManifestItem:
    file: str
    list: str
    title: str
    version: str
    source: str
    licence: str
    rows: int
    entries: int | None
    sha256: str


@dataclass
class Manifest:
    items: list[ManifestItem]
    warnings: list[str] = field(default_factory=list)


def load_manifest(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Manifest(
            [], [f"No manifest.json in {folder}; bundled lists are unavailable. Reinstall screen."]
        )
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ListError(f"{path}: manifest is not valid JSON ({exc}); reinstall screen.") from exc
    items: list[ManifestItem] = []
    for i, it in enumerate(raw.get("lists", [])):
        try:
            items.append(
                ManifestItem(
                    file=str(it["file"]),
                    list=str(it.get("list", it["file"])),
                    title=str(it.get("title", "")),
                    version=str(it.get("version", "")),
                    source=str(it.get("source", "")),
                    licence=str(it.get("licence", "")),
                    rows=int(it.get("rows", 0)),
                    entries=int(it["entries"]) if it.get("entries") is not None else None,
                    sha256=str(it.get("sha256", "")),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ListError(f"{path}: entry {i + 1} is malformed ({exc}); reinstall screen.") from exc
    return Manifest(items)
