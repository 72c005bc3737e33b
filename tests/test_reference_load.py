"""Loading the reference: manifest hashes checked, list files validated, extra lists added."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from screen.errors import ListError
from screen.reference import bundled_dir, load_reference


def test_bundled_lists_load_and_match_manifest(reference) -> None:  # type: ignore[no-untyped-def]
    assert reference.warnings == []
    names = {info.name for info in reference.lists}
    assert names == {"OFAC-SDN", "UN-SC", "UK"}
    for info in reference.lists:
        assert len(info.sha256) == 64 and info.entries > 0 and info.version
    assert reference.entries["ref_id"].is_unique


def test_modified_bundled_file_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "ref"
    shutil.copytree(bundled_dir(), copy)
    target = copy / "lists" / "uk_dprk.csv"
    target.write_text(
        target.read_text(encoding="utf-8") + "UK,DPR9999,entity,primary,TAMPERED CO,,,,,x,2025-01-01,\n",
        encoding="utf-8",
    )
    ref = load_reference(folder=copy)
    assert any("uk_dprk.csv was modified" in w for w in ref.warnings)
    uk = next(i for i in ref.lists if i.name == "UK")
    assert "modified" in uk.note
    assert "UK:DPR9999" in ref.entry_by_id  # still used, but reported


def test_extra_list_file_is_screened_against(tmp_path: Path) -> None:
    own = tmp_path / "own.csv"
    own.write_text(
        "list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks\n"
        "ACME-WATCH,W1,entity,primary,Blue Lotus Timber LLC,,RU,,,,2026-10-01,\n"
        "ACME-WATCH,W1,entity,aka,Goluboy Lotos,,RU,,,,2026-10-01,\n",
        encoding="utf-8",
    )
    ref = load_reference([own])
    info = next(i for i in ref.lists if i.name == "ACME-WATCH")
    assert info.entries == 1 and info.version == "2026-10-01"
    assert set(ref.names.loc[ref.names["ref_id"] == "ACME-WATCH:W1", "name"]) == {
        "Blue Lotus Timber LLC",
        "Goluboy Lotos",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,country\nX,RU\n", "missing column(s) list, official_id, name_type"),
        ("", "the list file is empty"),
    ],
)
def test_malformed_list_file_rejected(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ListError, match=re.escape(message)):
        load_reference([bad])
