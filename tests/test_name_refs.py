"""Supplier names that refer to North Korea (screen.name_refs): which names do and which do
not, the risk they give, the policy setting, a reviewer clearing one, and the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from screen.config import ConfigError, PolicyConfig, load_config
from screen.decisions import Decision, DecisionBook, apply_decisions, fingerprint
from screen.model import NAME_REF_ID
from screen.name_refs import CURATED, NameTerms
from screen.normalize import normalize_name
from screen.pipeline import screen_file, screen_frame
from screen.reference import Reference, bundled_dir


@pytest.fixture(scope="module")
def terms() -> NameTerms:
    return NameTerms.load(bundled_dir())


def found(terms: NameTerms, name: str) -> list[str]:
    return [r.term for r in terms.find(name, normalize_name(name).key)]


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("Pyongyang Restaurant", "Pyongyang"),
        ("P'yongyang Trading House", "Pyongyang"),  # the spelling written as read is shown
        ("Ресторан «Пхеньян»", "Пхеньян"),
        ("平壤馆", "平壤"),  # Chinese characters: names no other place has; once, not also read in Korean
        ("平壌レストラン", "平壌"),  # as Japanese writes it
        ("新义州贸易公司", "新义州"),
        ("평양냉면", "평양"),
        ("DPRK Trading LLC", "DPRK"),
        ("D.P.R.K. Trading", "DPRK"),
        ("North Korea Timber", "North Korea"),
        ("Pyong Yang Restaurant", "Pyong Yang"),  # spellings the tables lack
        ("North Korean Restaurant", "North Korean"),
        ("北朝鲜贸易", "北朝鲜"),
        ("Пхеньянский ресторан", "Пхеньян…"),  # adjectives of inflected languages
        ("ООО «Северокорейская кухня»", "Северокоре…"),
        ("Nordkoreanisches Restaurant", "Nordkorean…"),
        ("Nordkorea Handel GmbH", "Nordkorea"),
        ("Cocina Norcoreana SL", "Norcorean…"),  # ... in other languages
        ("Ristorante Nordcoreano", "Nordcorean…"),
        ("Restaurante Norte-Coreano", "Norte-corean…"),
        ("Restaurant Nord-Coréen", "Nord-Coréen"),
        ("Restaurant Nord-Coréenne", "Nord-coréen…"),
        ("Coréenne du Nord SARL", "Coréenne du Nord"),
        ("OOO Severo-Koreyskaya Kukhnya", "Severo-Kore…"),
        ("Restauracja Północnokoreańska", "Północnokorea…"),
        ("Kuzey Koreli Lokantası", "Kuzey Kore…"),
        ("Sinuiju Logistics", "Sinuiju"),
        ("Rason Contractors", "Rason"),
        ("Democratic People's Republic of Korea Embassy", "Democratic People's Republic of Korea"),
    ],
)
def test_names_that_refer_to_north_korea(terms: NameTerms, name: str, term: str) -> None:
    assert found(terms, name) == [term]


@pytest.mark.parametrize(
    "name",
    [
        "Korea Trading",  # Korea alone: either Korea
        "Korean Air",
        "North Star Korea",
        "Korea Northern Mining",
        "朝鲜族饭店",  # China's Korean minority
        "延边朝鲜族自治州建筑公司",
        "无锡惠山机械有限公司",  # Huishan, a district of Wuxi (惠山 is also Hyesan's characters)
        "Rajin Enterprises",  # a given name in South Asia
        "Westin Chosun",  # the dynasty
        "Nampo-dong Fish Market",  # a district of Busan
        "Cheong Jin Holdings",  # a name (청진 left out)
        "원산지 표시 서비스",  # "origin"
        "Cong Ty TNHH Trieu Tien",  # Triệu Tiến, a name (Triều Tiên is Korea in Vietnamese)
        "罗先进五金店",  # Luo Xianjin (罗先, Rason)
        "深圳市罗津电子有限公司",  # 罗津, Rajin, is also a name
        "朝鮮人参本舗",  # Korean ginseng
        "朝鲜蓟种植合作社",  # artichoke
        "台北韓國料理",  # Taipei Korean cuisine (北韓 across two words)
        "E&N Korea Co., Ltd.",  # not "N. Korea"
        "Korea North America Inc",
        "SEV Korea GmbH",
        "Haeju Kim Design Studio",  # given names
        "Sariwon Korean BBQ",  # a restaurant brand
        "북한산 아웃도어",  # Bukhansan, a mountain
    ],
)
def test_names_that_do_not(terms: NameTerms, name: str) -> None:
    assert found(terms, name) == []


def test_every_term_comes_from_a_country_table_with_its_source(terms: NameTerms) -> None:
    refs = [r for found in terms.by_first.values() for _, latin, korean in found for r in (latin, korean)]
    assert len(refs) > 100
    tables = {"countries.csv", "country_aliases.csv", "country_aliases_mledoze.csv"}
    assert all(
        (r.source.split(":")[0] in tables and r.source.split(": ", 1)[1]) or r.source == CURATED
        for r in refs
        if r is not None
    )


def _screen(
    reference: Reference, rows: list[tuple[str, str]], policy: PolicyConfig | None = None
) -> pd.DataFrame:
    from screen.config import Config

    cfg = Config(policy=policy or PolicyConfig())
    return screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference, cfg)


def test_a_name_that_refers_to_north_korea_is_medium(reference: Reference) -> None:
    out = _screen(
        reference,
        [("Pyongyang Restaurant", "Germany"), ("평양면옥", "South Korea"), ("Acme Restaurant", "Germany")],
    )
    pyongyang, seoul, acme = out.to_dict("records")
    assert pyongyang["risk"] == "medium" and not pyongyang["matches"]
    (why,) = [w for w in pyongyang["rationale"] if w.startswith("Name refers to North Korea")]
    assert "'Pyongyang' (a city of North Korea; source: country_aliases.csv:" in why
    # in South Korea, Pyongyang is a dish (평양냉면): not checked
    assert seoul["name_refs"] == () and acme["name_refs"] == ()
    assert acme["risk"] == "clear"


def test_policy_sets_the_risk_or_only_notes_it(reference: Reference) -> None:
    rows = [("DPRK Trading LLC", "Germany")]
    high = _screen(reference, rows, PolicyConfig(name_reference_risk="high"))
    noted = _screen(reference, rows, PolicyConfig(name_reference_risk="none"))
    assert high.at[0, "risk"] == "high"
    assert noted.at[0, "risk"] == "clear"
    assert any("does not raise the risk" in w for w in noted.at[0, "rationale"])


def test_policy_value_is_checked(tmp_path: Path) -> None:
    cfg = tmp_path / "screen.toml"
    cfg.write_text('[policy]\nname_reference_risk = "severe"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="name_reference_risk' must be one of high, medium, low, none"):
        load_config(cfg)


def test_reviewers_decide_on_the_reference_as_on_a_match(reference: Reference) -> None:
    out = _screen(reference, [("Pyongyang Restaurant", "Germany")])
    fp = fingerprint("Pyongyang Restaurant", "DE")

    def decided(decision: str, ref_id: str = NAME_REF_ID) -> pd.Series:
        d = Decision(
            fingerprint=fp, ref_id=ref_id, decision=decision, reviewer="alice", date="2026-12-01", note="seen"
        )
        return apply_decisions(out, DecisionBook([d]), PolicyConfig()).iloc[0]

    cleared = decided("false positive")
    assert cleared["risk"] == "clear"
    assert cleared["rationale"][0] == (
        "The name's reference to North Korea was cleared as a false positive by alice on 2026-12-01: seen."
    )
    assert cleared["decision"][0]["effect"] == "cleared"
    confirmed = decided("true match")
    assert confirmed["risk"] == "high" and "was confirmed as a true match" in confirmed["rationale"][0]
    assert decided("needs information")["risk"] == "medium"
    # a decision on the supplier as a whole, made before names were checked, does not clear it
    assert decided("false positive", ref_id="")["risk"] == "medium"


def test_json_names_the_reference(tmp_path: Path) -> None:
    src = tmp_path / "s.csv"
    src.write_text("Supplier,Country\nPyongyang Restaurant,Cambodia\nAcme GmbH,Germany\n", encoding="utf-8")
    res = screen_file(src)
    res.write(json=tmp_path / "r.json")
    pyongyang, acme = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["suppliers"]
    assert pyongyang["name_refers_to"] == [
        {
            "term": "Pyongyang",
            "kind": "city",
            "source": "country_aliases.csv: capital or major city (screen curation)",
        }
    ]
    assert "name_refers_to" not in acme


def test_the_summary_says_where_the_policy_puts_such_names() -> None:
    from screen.report.summary import risk_meaning

    assert risk_meaning("medium", "medium").endswith(", or a name that refers to North Korea")
    assert "North Korea" not in risk_meaning("low", "medium")
    high = risk_meaning("high", "high")
    assert high.endswith(
        "(by country, city/address or another country column such as the goods' origin), or a name that "
        "refers to North Korea"
    )
    assert "refers" not in risk_meaning("medium", "none")
