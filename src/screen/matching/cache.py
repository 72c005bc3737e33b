"""The built name index, kept on disk between runs, under a key made of what it is built from.

Building the index of the full OFAC SDN takes two to four seconds (every listed name
normalised, the word vocabulary and its deletion neighbourhoods); loading it back takes a
tenth of a second. A procurement pipeline that runs ``screen run`` once per file against the
same lists builds the same index every time, so the index is stored after it is built and
loaded the next time instead.

The key is a SHA-256 of everything the index depends on: the listed names and the entries'
kinds, programmes and countries (as loaded, whatever file they came from), every bundled
table (weights, legal forms, places), screen's own version and source code, Python's version
and Unicode tables, and the versions of the libraries that normalise names (LIBRARIES). A list, a
table or a line of code that differs gives another key, so a stale index is never used;
the loaded index is the one that would be built, and the results are the same.

Where: ``$SCREEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/screen``, else ``~/.cache/screen``
(a folder only its user can read). ``SCREEN_CACHE_DIR=off`` turns the cache off. The
KEEP indexes used last are kept, older ones removed. A file that cannot be read back (cut
short) is ignored and rebuilt; a folder that cannot be written to only means the index is
built each time. The files are pickles: they are loaded only from a folder that is the
user's own and that no one else can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from screen.digest import sha256_file

if TYPE_CHECKING:
    from screen.matching.index import NameIndex
    from screen.reference import Reference

log = logging.getLogger(__name__)

KEEP = 4  # indexes kept (the full SDN's is about 80 MB, with its individuals about 160 MB)
OFF = "off"
SUFFIX = ".index.pickle"
TMP = ".tmp"  # an index being written (removed by later stores when older than STALE_S)
STALE_S = 3600


def cache_dir() -> Path | None:
    """The folder of stored indexes, or None when the cache is off."""
    given = os.environ.get("SCREEN_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in (OFF, "") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home folder known (a bare service account)
            return None
    return Path(base) / "screen"


# the libraries whose behaviour the index holds (normalisation, places, the arrays themselves)
LIBRARIES = ("anyascii", "pycountry", "rapidfuzz", "numpy", "pandas")


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """SHA-256 of screen's version and every source file of the package, of Python's version
    and Unicode tables, and of the versions of the libraries the index depends on."""
    import screen

    h = hashlib.sha256(str(screen.__version__).encode())
    h.update(f"{sys.version}|{unicodedata.unidata_version}".encode())
    for lib in LIBRARIES:
        try:
            h.update(f"|{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{lib}=-".encode())
    package = Path(screen.__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _tables_digest(folder: Path) -> bytes:
    """SHA-256 of every file under ``folder`` but its ``lists/`` (relative path and bytes)."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if rel.parts[0] != "lists":
            h.update(rel.as_posix().encode() + b"\0" + sha256_file(path).encode())
    return h.digest()


def _frame_digest(frame: pd.DataFrame, columns: list[str]) -> bytes:
    """A digest of ``columns`` of ``frame``, row by row, in order (values as text)."""
    part = frame[columns].astype(str)
    rows = pd.util.hash_pandas_object(part, index=False).to_numpy()
    return hashlib.sha256(rows.tobytes() + "|".join(columns).encode()).digest()


def index_key(ref: Reference) -> str:
    """The key of the index built from ``ref``: its names and entries, and its tables (their
    SHA-256 as loaded; and the bundled ones, read besides, when the tables are another folder's)."""
    from screen.reference import bundled_dir

    h = hashlib.sha256(_code_digest().encode())
    h.update(_frame_digest(ref.names, ["ref_id", "name", "name_type"]))
    h.update(_frame_digest(ref.entries, ["ref_id", "entity_type", "programs", "countries"]))
    for table in ref.tables:
        h.update(f"{Path(table.path).name}\0{table.sha256}\0".encode())
    if Path(ref.folder).resolve() != bundled_dir().resolve():
        h.update(_tables_digest(bundled_dir()))
    return h.hexdigest()


def load(key: str) -> NameIndex | None:
    """The index stored under ``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    if not _own_folder(folder):
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


def _own_folder(folder: Path) -> bool:
    """Whether ``folder`` is the user's own and no one else can write to it (the files are
    pickles: loading one runs what it says). True where there are no such permissions."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = folder.stat()
    except OSError:
        return False
    ok = st.st_uid == os.getuid() and not st.st_mode & 0o022
    if not ok:
        log.warning("stored name indexes in %s not used: the folder is not yours alone", folder)
    return ok


def store(key: str, index: NameIndex) -> bool:
    """Store ``index`` under ``key`` (atomically), and remove all but the KEEP used last, and
    what runs killed while storing left behind; whether it was stored."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _own_folder(folder):
            return False
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=TMP, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, index), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}{SUFFIX}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        stored = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        left = [p for p in folder.glob(f".index-*{TMP}") if time.time() - p.stat().st_mtime > STALE_S]
        for old in [*stored[KEEP:], *left]:
            with contextlib.suppress(OSError):
                old.unlink()
    except Exception as exc:  # noqa: BLE001 - not storing the index never fails the run
        log.debug("name index not stored in %s (%s)", folder, exc)
        return False
    return True
