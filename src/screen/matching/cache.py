"""The built name index, kept on disk between runs, under a key made of what it is built from.

Building the index of the full OFAC SDN takes two to four seconds (every listed name
normalised, the word vocabulary and its deletion neighbourhoods); loading it back takes a
tenth of a second. A procurement pipeline that runs ``screen run`` once per file against the
same lists builds the same index every time, so the index is stored after it is built and
loaded the next time instead.

The key is a SHA-256 of everything the index depends on: the listed names and the entries'
kinds, programmes and countries (as loaded, whatever file they came from), every bundled
table (weights, legal forms, places), and screen's own version and source code. A list, a
table or a line of code that differs gives another key, so a stale index is never used;
the loaded index is the one that would be built, and the results are the same.

Where: ``$SCREEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/screen``, else ``~/.cache/screen``
(a folder only its user can read). ``SCREEN_CACHE_DIR=off`` turns the cache off. The
KEEP indexes used last are kept, older ones removed. A file that cannot be read back (cut
short, another Python) is ignored and rebuilt; a folder that cannot be written to only
means the index is built each time. The files are pickles: like the lists themselves, the
folder must be the user's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from screen.matching.index import NameIndex

log = logging.getLogger(__name__)

KEEP = 4  # indexes kept (the full SDN's is about 80 MB, with its individuals about 160 MB)
OFF = "off"
SUFFIX = ".index.pickle"


def cache_dir() -> Path | None:
    """The folder of stored indexes, or None when the cache is off."""
    given = os.environ.get("SCREEN_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in (OFF, "") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "screen"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """SHA-256 of screen's version and of every source file of the package."""
    import screen

    h = hashlib.sha256(str(screen.__version__).encode())
    package = Path(screen.__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _frame_digest(frame: pd.DataFrame, columns: list[str]) -> bytes:
    """A digest of ``columns`` of ``frame``, row by row, in order (values as text)."""
    part = frame[columns].astype(str)
    rows = pd.util.hash_pandas_object(part, index=False).to_numpy()
    return hashlib.sha256(rows.tobytes() + "|".join(columns).encode()).digest()


def index_key(names: pd.DataFrame, entries: pd.DataFrame, folder: Path) -> str:
    """The key of the index built from ``names`` and ``entries`` with the tables in ``folder``."""
    h = hashlib.sha256(_code_digest().encode())
    h.update(_frame_digest(names, ["ref_id", "name", "name_type"]))
    h.update(_frame_digest(entries, ["ref_id", "entity_type", "programs", "countries"]))
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "lists" not in p.parts):
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def load(key: str) -> NameIndex | None:
    """The index stored under ``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}{SUFFIX}"
    try:
        with path.open("rb") as fh:
            stored_key, index = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any unreadable file is rebuilt, never fatal
        log.debug("stored index %s not read (%s); building it", path, exc)
        return None
    if stored_key != key:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used last: kept longest
    log.debug("name index loaded from %s", path)
    return index  # type: ignore[no-any-return]


def store(key: str, index: NameIndex) -> None:
    """Store ``index`` under ``key`` (atomically), and remove all but the KEEP used last."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".index-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}{SUFFIX}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        stored = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stored[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()
    except Exception as exc:  # noqa: BLE001 - not storing the index never fails the run
        log.debug("name index not stored in %s (%s)", folder, exc)
