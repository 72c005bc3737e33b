"""`screen reference import | validate | diff`, and the validate/diff library functions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from screen.cli import app
from screen.importers import import_list, read_list_file, write_list_file
from screen.importers.diff import diff_frames
from screen.importers.validate import validate_file

DATA = Path(__file__).parent / "data" / "lists"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, ["reference", *args])
    return r.exit_code, r.stdout, r.stderr


def test_import_writes_list_file_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "ofac.csv"
    code, stdout, _ = run(
        "import", "ofac-csv", str(DATA / "ofac_sdn.csv"), "--alt", str(DATA / "ofac_alt.csv"),
        "--add", str(DATA / "ofac_add.csv"), "--program", "DPRK", "--entities-only", "--out", str(out),
    )  # fmt: skip
    assert code == 0, stdout
    assert "Imported OFAC-SDN (" in stdout and f"3 entries, 8 names -> {out}" in stdout
    assert "orphan-alias: 3 " in stdout and "Left out: " in stdout
    assert set(read_list_file(out)["official_id"]) == {"9346", "20578", "25001"}


def test_import_prepares_the_index_of_the_runs_against_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screen.matching import cache
    from screen.reference import load_reference

    folder = tmp_path / "cache"
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(folder))
    monkeypatch.chdir(tmp_path)  # no screen.toml: the default settings
    out = tmp_path / "acme.csv"
    code, stdout, _ = run(
        "import", "custom", str(DATA / "custom_watchlist.csv"), "--list-name", "ACME", "-o", str(out)
    )
    assert code == 0, stdout
    assert "Name index prepared for runs against it (" in stdout
    ref = load_reference([out])  # as `screen run --reference acme.csv` loads the lists
    key = cache.index_key(ref)
    assert (folder / f"{key}{cache.SUFFIX}").is_file()
    monkeypatch.setenv("SCREEN_CACHE_DIR", "off")
    code, stdout, _ = run(
        "import", "custom", str(DATA / "custom_watchlist.csv"), "--list-name", "ACME", "-o", str(out)
    )
    assert code == 0 and "Name index prepared" not in stdout


def test_import_writes_the_list_whatever_befalls_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "screen.toml").write_text("[matching]\nhit = 'high'\n", encoding="utf-8")  # invalid
    out = tmp_path / "acme.csv"
    r = runner.invoke(
        app, ["reference", "import", "custom", str(DATA / "custom_watchlist.csv"), "-o", str(out)]
    )
    assert r.exit_code == 0 and out.is_file()
    assert "Name index not prepared (" in r.stderr and "screen.toml" in r.stderr
    (tmp_path / "screen.toml").unlink()
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(blocked / "cache"))
    r = runner.invoke(
        app, ["reference", "import", "custom", str(DATA / "custom_watchlist.csv"), "-o", str(out)]
    )
    assert r.exit_code == 0 and "Name index prepared" not in r.stdout and "cannot be written to" in r.stderr


def test_import_default_out_uses_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    code, stdout, _ = run("import", "custom", str(DATA / "custom_watchlist.csv"), "--list-name", "ACME")
    assert code == 0, stdout
    written = list((tmp_path / "screen" / "lists").glob("ACME-*.csv"))
    assert len(written) == 1 and set(read_list_file(written[0])["list"]) == {"ACME"}


def test_import_errors_are_one_line(tmp_path: Path) -> None:
    code, _, stderr = run(
        "import", "un-xml", str(DATA / "billion_laughs.xml"), "--out", str(tmp_path / "x.csv")
    )
    assert code == 1
    assert stderr.startswith("Error: billion_laughs.xml: refused to read: the XML declares a DTD or entities")
    assert stderr.count("\n") == 1 and not (tmp_path / "x.csv").exists()
    code, _, stderr = run("import", "nonsense", str(DATA / "ofac_sdn.csv"), "--out", str(tmp_path / "x.csv"))
    assert code == 1 and stderr.strip().startswith("Error: unknown list kind 'nonsense'; use one of ofac-csv")


def test_validate_ok_and_problems(tmp_path: Path) -> None:
    good = write_list_file(import_list("un-xml", DATA / "un_consolidated.xml"), tmp_path / "un.csv")
    code, stdout, _ = run("validate", str(good))
    assert code == 0 and stdout.strip().endswith("un.csv: list file, 4 entries, 9 names: OK")
    f = read_list_file(good)
    f.loc[0, "name_type"] = "aka"  # KPe.050 loses its primary
    f.loc[2, "countries"] = "North Korea"
    f.loc[3, "listed_on"] = "11/09/2017"
    f.loc[4, "entity_type"] = "company"
    bad = tmp_path / "bad.csv"
    f.to_csv(bad, index=False)
    code, stdout, _ = run("validate", str(bad))
    assert code == 1
    assert "bad.csv: row 2: primary-count: UN-SC:KPe.050 has 0 primary names; it needs exactly one" in stdout
    assert "row 4: bad-country: country 'North Korea' is not an ISO 3166-1 alpha-2 code" in stdout
    assert "row 5: bad-date: listed_on '11/09/2017' is not a date YYYY-MM-DD" in stdout
    assert "row 6: unknown-entity-type: entity_type 'company'" in stdout


def test_validate_custom_list() -> None:
    v = validate_file(DATA / "custom_watchlist.csv")
    assert v.kind == "custom list" and v.entries == 3
    assert [(i.row, i.code) for i in v.issues] == [(6, "duplicate"), (7, "malformed")]
    code, stdout, _ = run("validate", str(DATA / "custom_watchlist.csv"))
    assert code == 1 and "custom_watchlist.csv: row 7: malformed: no name" in stdout


def test_validate_split_entry(tmp_path: Path) -> None:
    f = read_list_file(
        write_list_file(import_list("un-xml", DATA / "un_consolidated.xml"), tmp_path / "u.csv")
    )
    f = pd.concat([f.iloc[[0]], f.iloc[2:], f.iloc[[1]]], ignore_index=True)
    f.to_csv(tmp_path / "split.csv", index=False)
    codes = {i.code for i in validate_file(tmp_path / "split.csv").issues}
    assert codes == {"split-entry"}


def test_diff(tmp_path: Path) -> None:
    old = import_list("ofac-csv", DATA / "ofac_sdn.csv").frame
    new = import_list(
        "ofac-csv", DATA / "ofac_sdn.csv", alt=DATA / "ofac_alt.csv", add=DATA / "ofac_add.csv"
    ).frame
    new = new[new["official_id"] != "36"]
    extra = new[new["official_id"] == "306"].assign(official_id="40000", name="NEW BANK")
    new = pd.concat([new, extra], ignore_index=True)
    d = diff_frames(old, new)
    assert d.added == [("OFAC-SDN:40000", "NEW BANK")]
    assert d.removed == [("OFAC-SDN:36", "AEROCARIBBEAN AIRLINES")]
    changed = {c.ref_id: c.changes for c in d.changed}
    assert changed["OFAC-SDN:20578"] == ["names added: MANSUDAE ART STUDIO", "countries '' -> 'KP;NA'"]
    assert "OFAC-SDN:306" not in changed
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_list_file(old, a)
    write_list_file(new, b)
    code, stdout, _ = run("diff", str(a), str(b))
    assert code == 0
    assert "+ OFAC-SDN:40000  NEW BANK" in stdout and "- OFAC-SDN:36  AEROCARIBBEAN AIRLINES" in stdout
    assert stdout.strip().endswith("a.csv -> b.csv: 1 added, 1 removed, 3 changed, 4 unchanged")


def test_every_reference_command_has_help() -> None:
    for command in ("import", "validate", "diff"):
        code, stdout, _ = run(command, "--help")
        assert code == 0 and "Usage:" in stdout
