from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


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
