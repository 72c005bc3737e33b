from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Stored name indexes go to a folder of the test run's own, not the user's cache
    (screen.matching.cache); command-line tests run in subprocesses inherit it."""
    folder = tempfile.mkdtemp(prefix="screen-test-cache-")
    config.stash[_CACHE] = folder
    os.environ["SCREEN_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


_CACHE = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def reference():  # type: ignore[no-untyped-def]
    """The bundled reference, loaded once for the whole session."""
    from screen.reference import load_reference

    return load_reference()


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "Supplier ID,Supplier,Country,Industry\n"
        "S1,Namkang Constr. Co. Ltd.,Russian Federation,General construction subcontractor\n"
        "S2,Müller Systems GmbH,Germany,IT services\n"
        "S3,Pyongyang Koryo Restaurant,DPRK,Restaurant\n"
        ",,,\n"
        "S5,Hanil Precision Tools,Korea,Cutting tools\n"
        "S6,=cmd|' /C calc'!A0,Netherlands,Freight forwarding\n",
        encoding="utf-8",
    )
    return path
