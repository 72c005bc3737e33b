"""The name index stored between runs: loaded only for the same names, tables and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.config import MatchingConfig
from screen.matching import cache
from screen.matching.entities import best_matches
from screen.reference import Reference, load_reference

HEADER = "list,official_id,entity_type,name_type,name,programs,countries,listed_on,group_id,source,source_date,remarks\n"
ROWS = [
    "WATCH,W1,entity,primary,Zorblax Trading Company,TEST,RU,2024-01-01,,test,2024-01-01,",
    "WATCH,W2,entity,primary,Korea Namgang Construction Corporation,DPRK,KP,2024-01-01,,test,2024-01-01,",
    "WATCH,W3,entity,aka,Kumsan Mining Bureau,DPRK,KP,2024-01-01,,test,2024-01-01,",
]
SUPPLIERS = ["Zorblax Trading Co.", "Namgang Construction LLC", "Kumsan Mining", "Acme Widgets GmbH"]


def _reference(tmp_path: Path, rows: list[str] = ROWS) -> Reference:
    path = tmp_path / "watch.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return load_reference([path], bundled=False)


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{cache.SUFFIX}"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "cache"
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(out))
    return out


def test_a_stored_index_is_loaded_and_matches_as_built(folder: Path, tmp_path: Path) -> None:
    built = _reference(tmp_path).name_index
    assert len(_stored(folder)) == 1
    loaded = _reference(tmp_path).name_index
    assert loaded is not built and len(loaded) == len(built)
    cfg = MatchingConfig()
    got, want = best_matches(SUPPLIERS, loaded, cfg), best_matches(SUPPLIERS, built, cfg)
    assert {n: (k, sorted(b)) for n, (k, b) in got.items()} == {
        n: (k, sorted(b)) for n, (k, b) in want.items()
    }
    assert {n: [x.cmp.score for x in b.values()] for n, (_, b) in got.items()} == {
        n: [x.cmp.score for x in b.values()] for n, (_, b) in want.items()
    }
    assert sorted(got["Zorblax Trading Co."][1]) == ["WATCH:W1"]


def test_other_names_tables_or_code_give_another_key(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = _reference(tmp_path)
    key = cache.index_key(ref)
    assert cache.index_key(ref) == key  # the same inputs: the same key
    other = _reference(tmp_path, [*ROWS[:2], ROWS[2].replace("Kumsan", "Kumsong")])
    assert cache.index_key(other) != key
    moved = _reference(tmp_path, [*ROWS[:2], ROWS[2].replace(",KP,", ",CN,")])  # romanised, north_korean
    assert cache.index_key(moved) != key
    monkeypatch.setattr(cache, "_code_digest", lambda: "another version")
    assert cache.index_key(ref) != key


def test_an_unreadable_file_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    assert len(_reference(tmp_path).name_index) == 3
    (stored,) = _stored(folder)
    stored.write_bytes(stored.read_bytes()[:1000])  # cut short
    index = _reference(tmp_path).name_index
    assert len(index) == 3 and stored.stat().st_size > 1000  # built again, and stored again


def test_off_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREEN_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert len(_reference(tmp_path).name_index) == 3


def test_only_the_indexes_used_last_are_kept(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    for k in range(4):
        assert len(_reference(tmp_path, [*ROWS[:2], ROWS[2].replace("Kumsan", f"Kumsan{k}")]).name_index) == 3
    assert len(_stored(folder)) == 2


def test_a_folder_that_cannot_be_written_builds_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(blocked / "cache"))
    assert len(_reference(tmp_path).name_index) == 3


def test_an_index_that_cannot_be_stored_is_still_used(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise TypeError("cannot pickle")

    monkeypatch.setattr(cache.pickle, "dump", refuse)
    assert len(_reference(tmp_path).name_index) == 3
    assert _stored(folder) == [] and not list(folder.glob(".index-*"))  # no temporary file left


def test_tables_are_in_the_key_wherever_the_folder_is(tmp_path: Path) -> None:
    """A folder above the tables named "lists" leaves them in the key (only lists/ below is out)."""
    tables = tmp_path / "lists" / "data"
    (tables / "lists").mkdir(parents=True)
    (tables / "generic_words.csv").write_text("word\ntrading\n", encoding="utf-8")
    (tables / "lists" / "x.csv").write_text("a\n", encoding="utf-8")
    before = cache._tables_digest(tables)
    (tables / "lists" / "x.csv").write_text("b\n", encoding="utf-8")  # a list: not a table
    assert cache._tables_digest(tables) == before
    (tables / "generic_words.csv").write_text("word\ntrading\ngroup\n", encoding="utf-8")
    assert cache._tables_digest(tables) != before


def test_library_versions_are_in_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache._code_digest()
    cache._code_digest.cache_clear()
    real = cache.metadata.version
    monkeypatch.setattr(cache.metadata, "version", lambda lib: "0.0" if lib == "anyascii" else real(lib))
    try:
        assert cache._code_digest() != before
    finally:
        cache._code_digest.cache_clear()


def test_a_folder_others_can_write_to_is_not_used(folder: Path, tmp_path: Path) -> None:
    assert len(_reference(tmp_path).name_index) == 3
    (stored,) = _stored(folder)
    folder.chmod(0o777)
    try:
        assert cache.load(stored.name.removesuffix(cache.SUFFIX)) is None
        assert not cache.store("other", _reference(tmp_path).name_index)
    finally:
        folder.chmod(0o700)
    assert cache.load(stored.name.removesuffix(cache.SUFFIX)) is not None


def test_files_left_by_a_killed_store_are_removed_later(folder: Path, tmp_path: Path) -> None:
    import os
    import time

    folder.mkdir(mode=0o700)
    old, new = folder / f".index-old{cache.TMP}", folder / f".index-new{cache.TMP}"
    for p in (old, new):
        p.write_bytes(b"half an index")
    stale = time.time() - cache.STALE_S - 60
    os.utime(old, (stale, stale))
    assert len(_reference(tmp_path).name_index) == 3
    assert not old.exists() and new.exists()  # a store going on in another run is left alone


def test_no_home_folder_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("SCREEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache.cache_dir() == Path("/somewhere/screen")
