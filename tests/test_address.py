"""The city/address cell that places a supplier in North Korea while the country cell is empty
or names another country (screen.countries.resolve_countries, screen.assess)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from screen.pipeline import screen_file, screen_frame
from screen.reference import Reference


def _screen(reference: Reference, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return screen_frame(pd.DataFrame(rows, columns=["name", "country", "city"]), reference)


def test_an_address_in_north_korea_with_another_country_is_high(reference: Reference) -> None:
    out = _screen(
        reference,
        [
            ("Acme Trading", "China", "Pyongyang"),
            ("Acme Foods", "", "Pyongyang"),  # the country cell empty
            ("Acme Metals", "China", "平壤市"),  # written without spaces
            ("Acme Wood", "Russia", "Vladivostok"),  # a city of the country: nothing more
            ("Acme Tools", "North Korea", "Pyongyang"),  # already in North Korea
            ("Acme Fish", "South Korea", "Nampo"),  # Busan has a Nampo: a review only
        ],
    )
    trading, foods, metals, wood, tools, fish = out.to_dict("records")
    assert trading["risk"] == "high" and trading["country_result"].code == "CN"
    (why,) = [w for w in trading["rationale"] if w.startswith("Address")]
    assert why.startswith(
        "Address 'Pyongyang' is in North Korea (city 'Pyongyang' (North Korea)), though the country cell "
        "says 'China' (China): a supplier with an address in North Korea; North Korea is the origin"
    )
    assert foods["risk"] == "high" and foods["country_result"].status == "missing"  # as the contract says
    assert any("though the country cell is empty" in w for w in foods["rationale"])
    assert metals["risk"] == "high" and metals["address_result"].code == "KP"
    assert wood["address_result"] is None and wood["risk"] != "high"
    assert tools["address_result"] is None and tools["risk"] == "high"
    assert fish["risk"] == "medium"
    assert any("confirm where the supplier is" in w for w in fish["rationale"])


def test_json_and_summary_say_so(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text(
        "Supplier,Country,City\nAcme Trading,China,Sinuiju\nBeta GmbH,Germany,Berlin\n", encoding="utf-8"
    )
    res = screen_file(src)
    res.write(json=tmp_path / "r.json")
    acme, beta = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["suppliers"]
    assert acme["risk"] == "high" and acme["country"]["code"] == "CN"
    assert acme["address_country"] == {
        "input": "Sinuiju",
        "code": "KP",
        "method": "city 'Sinuiju' (North Korea)",
    }
    assert "address_country" not in beta


def test_a_file_without_a_country_column_reads_the_country_from_the_address(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text('Supplier,Address\nAcme Trading,"12 Main St, Pyongyang"\n', encoding="utf-8")
    (row,) = screen_file(src).frame.to_dict("records")
    assert row["country_result"].code == "KP" and row["address_result"] is None  # said once
    assert row["risk"] == "high"
