"""Sector classification: labelled activity texts, keyword traps, industry codes, purity."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.model import SectorHit
from screen.sector_rules import compile_pattern
from screen.sectors import SectorIndex, classify_sectors

ROOT = Path(__file__).resolve().parents[1]
CORE = ("logging", "mining", "construction", "restaurants")


@pytest.fixture(scope="module")
def sectors() -> SectorIndex:
    return SectorIndex.load(ROOT / "reference")


def core_of(hits: tuple[SectorHit, ...]) -> set[str]:
    return {h.sector for h in hits if h.tier == "core"}


# activity text | expected core sectors (";"-separated, empty = none)
ACTIVITIES = """\
Timber logging and haulage|logging
Selective logging in boreal forest|logging
Tree felling and skidding|logging
Лесозаготовительное предприятие|logging
Заготовка древесины|logging
森林采伐|logging
벌목 사업|logging
Holzeinschlag und Holzrückung|logging
Exploitation forestière|logging
Tala de árboles|logging
Coal mining|mining
Open-pit gold mine|mining
Granite quarry|mining
Limestone quarrying|mining
Sand and gravel extraction|mining
Mining support services (drilling and blasting)|mining
Добыча угля открытым способом|mining
Горнодобывающая компания|mining
煤矿开采|mining
광산 개발|mining
Kiesgrube und Steinbruch|mining
Exploitation minière|mining
Minería de cobre|mining
Mineração de ferro|mining
General building contractor|construction
Residential construction|construction
Civil engineering works|construction
Road building and paving|construction
Bricklaying subcontractor|construction
Plastering and drywall|construction
Scaffolding erection|construction
Steel structure installation|construction
Interior fit-out|construction
Demolition contractor|construction
Строительство и ремонт|construction
Отделочные работы|construction
建筑施工|construction
土木工程|construction
건설 공사|construction
Hoch- und Tiefbau|construction
Bauunternehmen|construction
Entreprise générale de bâtiment|construction
Travaux publics|construction
Construcción de edificios|construction
Construção civil|construction
Impresa edile|construction
Korean restaurant|restaurants
Family restaurants|restaurants
Steakhouse and grill|restaurants
Fast-food chain|restaurants
Ресторан|restaurants
朝鲜餐厅|restaurants
한식당 운영|restaurants
Gaststätte|restaurants
Restaurante de mariscos|restaurants
Mining and construction services|mining;construction
Logging and road construction|logging;construction
Data mining and analytics|
Text mining consultancy|
Bitcoin mining|
Cryptocurrency mining farm|
Process mining software|
Log management software|
Logging library for Python developers|
Data logger distributor|
Well logging (oil field services)|
Construction paper and craft supplies|
Construction toys retailer|
Construction management software|
Construction law firm|
Insurance for construction projects|
Building materials wholesale|
Construction equipment rental|
Restaurant POS software|
Restaurant reservation platform|
Restaurant furniture supplier|
Restaurant equipment wholesale|
Mining equipment supplier|
Mining machinery manufacturer|
数据挖掘服务|
餐饮管理软件|
建筑设计|
Юридические услуги в сфере строительства|
Интеллектуальный анализ данных (data mining)|
Accounting and audit|
Freight forwarding|
Software development|
Garment manufacturing|
Hotel and lodging|
Labour hire|
General trading|
"""


def _activities() -> list[tuple[str, set[str]]]:
    out = []
    for line in ACTIVITIES.splitlines():
        text, expected = line.rsplit("|", 1)
        out.append((text, set(filter(None, expected.split(";")))))
    return out


def test_labelled_activities_macro_f1(sectors: SectorIndex) -> None:
    cases = _activities()
    f1s = []
    for s in CORE:
        tp = fp = fn = 0
        for text, expected in cases:
            got = s in core_of(sectors.classify(text))
            tp += got and s in expected
            fp += got and s not in expected
            fn += (not got) and s in expected
        f1s.append(2 * tp / (2 * tp + fp + fn))
    assert sum(f1s) / len(f1s) >= 0.95, dict(zip(CORE, f1s, strict=True))


def test_keyword_traps_never_give_a_core_sector(sectors: SectorIndex) -> None:
    traps = [text for text, expected in _activities() if not expected]
    flagged = {t: core_of(sectors.classify(t)) for t in traps if core_of(sectors.classify(t))}
    assert not flagged


def test_text_evidence_quotes_the_words(sectors: SectorIndex) -> None:
    (hit,) = sectors.classify("General construction subcontractor")
    assert hit == SectorHit(
        "construction",
        "core",
        "activity text 'General construction subcontractor' (keyword 'construction')",
        "keyword list (reference/sector_keywords.csv)",
    )
    (ru,) = sectors.classify("Строительство жилых зданий")
    assert ru.evidence == "activity text 'Строительство жилых зданий' (keyword 'Строительство')"


@pytest.mark.parametrize(
    ("code", "sector", "evidence"),
    [
        ("236220", "construction", "NAICS 236220 'Commercial and Institutional Building Construction'"),
        ("236220.0", "construction", "NAICS 236220 'Commercial and Institutional Building Construction'"),
        ("NAICS 113310", "logging", "NAICS 113310 'Logging'"),
        ("722511", "restaurants", "NAICS 722511 'Full-Service Restaurants'"),
        ("7225", "restaurants", "NAICS 7225 'Restaurants and Other Eating Places'"),
        ("212220", "mining", "NAICS 212220 (in 2122 'Metal Ore Mining')"),
        ("213114", "mining", "NAICS 213114 'Support Activities for Metal Mining'"),
        ("0220", "logging", "ISIC Rev.4 0220 'Logging'"),
        ("ISIC 4100", "construction", "ISIC Rev.4 4100 'Construction of buildings'"),
        ("5610", "restaurants", "ISIC Rev.4 5610 'Restaurants and mobile food service activities'"),
        ("0810", "mining", "ISIC Rev.4 0810 'Quarrying of stone, sand and clay'"),
        ("F43.1", "construction", "NACE Rev.2 43.1 'Demolition and site preparation'"),
        ("43.21", "construction", "NACE Rev.2 43.21 'Electrical installation'"),
        ("NACE 02.20", "logging", "NACE Rev.2 02.20 'Logging'"),
        (
            "ОКВЭД 41.20",
            "construction",
            "NACE Rev.2 41.20 'Construction of residential and non-residential buildings'",
        ),
        ("B", "mining", "ISIC Rev.4 B 'Mining and quarrying'"),
    ],
)
def test_industry_codes(sectors: SectorIndex, code: str, sector: str, evidence: str) -> None:
    hits = sectors.classify("Services", code)
    assert [(h.sector, h.evidence) for h in hits] == [(sector, evidence)]
    assert hits[0].source == "industry code list (reference/sector_codes.csv)"


@pytest.mark.parametrize("code", ["23", "212", "SIC 1521", "541211", "abc", "1234567", "722310", "331410"])
def test_codes_without_a_core_sector(sectors: SectorIndex, code: str) -> None:
    assert not core_of(sectors.classify("", code))


def test_hospitality_codes_are_extended(sectors: SectorIndex) -> None:
    (hit,) = sectors.classify("Staff canteen operator", "722310")
    assert (hit.sector, hit.tier) == ("hospitality", "extended")


def test_vague_activity_takes_the_sector_from_the_code(sectors: SectorIndex) -> None:
    (hit,) = sectors.classify("Various services", "722511")
    assert hit.sector == "restaurants" and hit.evidence.startswith("NAICS 722511")


def test_text_and_code_are_both_quoted(sectors: SectorIndex) -> None:
    (hit,) = sectors.classify("Housing construction", "236115")
    assert hit.evidence == (
        "activity text 'Housing construction' (keyword 'construction'); "
        "NAICS 236115 'New Single-Family Housing Construction (except For-Sale Builders)'"
    )


def test_several_codes_in_one_cell(sectors: SectorIndex) -> None:
    hits = sectors.classify("", "212221; 236220")
    assert [h.sector for h in hits] == ["mining", "construction"]


def test_core_sectors_come_first(sectors: SectorIndex) -> None:
    hits = sectors.classify("Hotel, restaurant and seafood processing")
    assert [h.sector for h in hits][:1] == ["restaurants"]
    assert {h.sector for h in hits} == {"restaurants", "hospitality", "fishing"}


def test_longer_keyword_of_another_sector_wins(sectors: SectorIndex) -> None:
    assert [h.sector for h in sectors.classify("Ship construction and repair")] == ["shipbuilding"]


def test_name_is_weak_evidence_only_without_activity_or_code(sectors: SectorIndex) -> None:
    (hit,) = sectors.classify("", "", "Namgang Construction Co.")
    assert hit.sector == "construction" and "weak evidence" in hit.evidence
    assert not sectors.classify("Import and export trading", "", "Korea Mining Trading Corp.")
    assert [h.sector for h in sectors.classify("", "722511", "Namgang Construction")] == ["restaurants"]


def test_tier(sectors: SectorIndex) -> None:
    assert [sectors.tier(s) for s in CORE] == ["core"] * 4
    assert sectors.tier("fishing") == "extended"


def test_classify_sectors_is_pure(sectors: SectorIndex) -> None:
    df = pd.DataFrame(
        {"industry": ["Coal mining", "Services", None, "Data mining"], "code": ["", "236220", "", ""]},
        index=[3, 4, 5, 6],
    )
    before = df.copy()
    out = classify_sectors(df, sectors)
    pd.testing.assert_frame_equal(df, before)
    got = [[h.sector for h in hits] for hits in out["sectors"]]
    assert got == [["mining"], ["construction"], [], []]
    assert list(out.index) == [3, 4, 5, 6]


def test_classify_sectors_without_columns(sectors: SectorIndex) -> None:
    out = classify_sectors(pd.DataFrame({"name": ["Pyongyang Restaurant"]}), sectors)
    assert out["sectors"].iloc[0] == ()


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("mining", "coal mining", True),
        ("mining", "determining", False),
        ("строительств*", "строительство домов", True),
        ("добыч* угл*", "добыча угля", True),
        ("fast food", "fast-food", True),
        ("*bergbau", "Kohlebergbau", True),
        ("bau", "Maschinenbau", False),
        ("建筑", "房屋建筑工程", True),
        ("gros œuvre", "Gros-Oeuvre", True),
        ("bâtiment", "BATIMENT", True),
    ],
)
def test_pattern_syntax(pattern: str, text: str, matches: bool) -> None:
    from screen.keyfold import fold

    assert bool(compile_pattern(pattern).search(fold(text))) is matches


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=12))
def test_any_text_gives_valid_hits(activity: str, code: str) -> None:
    idx = _shared_index()
    hits = idx.classify(activity, code)
    assert len({h.sector for h in hits}) == len(hits)
    for h in hits:
        assert h.tier == idx.tier(h.sector) and h.evidence and h.source


_INDEX: list[SectorIndex] = []


def _shared_index() -> SectorIndex:
    if not _INDEX:
        _INDEX.append(SectorIndex.load(ROOT / "reference"))
    return _INDEX[0]


def test_ascii_text_folds_as_the_general_path_folds_it() -> None:
    # ASCII text takes a shortcut; a trailing "é" sends the same text down the general path
    import random
    import string

    from screen.keyfold import fold_map

    rng = random.Random(2)
    alphabet = string.printable.replace("&", "")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for t in [*texts, "General CONSTRUCTION subcontractor", "Logging\tand sawmill"]:
        folded, index = fold_map(t)
        slow, slow_index = fold_map(t + "é")
        assert (folded, index) == (slow[:-1], slow_index[:-1])
    assert fold_map("A&B") == ("a and b", [0, 1, 1, 1, 1, 1, 2])


def test_a_code_column_header_names_the_standard_of_its_codes(tmp_path: Path) -> None:
    """ "SIC" column: US SIC codes are not read (0811 is timber tracts in SIC, quarrying in ISIC);
    "NAICS Code": a bare 236 is NAICS; "WZ 2008": 4120 is NACE 41.20."""
    import screen

    rows = {
        "sic.csv": ("Supplier,SIC\nA Timber,0811\nB Transit,4100\n", [[], []]),
        "naics.csv": (
            "Supplier,NAICS Code\nA Build,236\nB Build,ISIC 4100\n",
            [["construction"], ["construction"]],
        ),
        "wz.csv": ("Lieferant,WZ 2008\nA Bau,4120\nB Holz,02.20\n", [["construction"], ["logging"]]),
    }
    for name, (text, expected) in rows.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        res = screen.screen_file(tmp_path / name)
        assert [[h.sector for h in hits] for hits in res.frame["sectors"]] == expected, name
        assert [i.code for i in res.issues] == (["codes-not-read"] if name == "sic.csv" else [])


@pytest.mark.parametrize(
    ("activity", "sector"),
    [
        ("Const. & Eng. svcs", "construction"),
        ("Constr.", "construction"),
        ("Gen. contr.", "construction"),
        ("General contracting", "construction"),
        ("Ремонт и отделка квартир", "construction"),
        ("Mining museum gift shop", None),
        ("Constant velocity joints", None),
    ],
)
def test_abbreviated_trades_and_museums(activity: str, sector: str | None) -> None:
    si = SectorIndex.load(Path(__file__).resolve().parents[1] / "reference")
    assert [h.sector for h in si.classify(activity)] == ([sector] if sector else [])


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        # Arabic writes the article (and "and", "for" before it) as part of the word
        ("التعدين واستغلال المحاجر", ["mining"]),
        ("المطاعم", ["restaurants"]),
        ("للمقاولات العامة", ["construction"]),
        ("قطع الأشجار", ["logging"]),
        ("أبناء محمد للتجارة", []),  # (sons of Mohammed: not بناء, building)
        ("Holzbau und Zimmerei", ["construction"]),
        ("Round logs supply", ["logging"]),  # unsawn logs: what logging sells
        ("Around logistics", []),
        ("Зоогийн газар", ["restaurants"]),
        # traps in other languages: the word names the product, not the work
        ("Minería de datos", []),
        ("Mineração de dados", []),
        ("Строительство сайтов", []),
        # Polish, Turkish, Vietnamese: countries that host or hosted North Korean workers, or
        # North Korean restaurants
        ("Budownictwo mieszkaniowe", ["construction"]),
        ("Kopalnia węgla", ["mining"]),
        ("Maszyny górnicze", []),  # mining machinery: equipment sold to the sector
        ("Madencilik", ["mining"]),
        ("İnşaat malzemeleri", []),
        ("Nhà hàng Hàn Quốc", ["restaurants"]),
        ("Xây dựng dân dụng", ["construction"]),
        ("Vật liệu xây dựng", []),
    ],
)
def test_keywords_and_traps_in_more_languages(
    sectors: SectorIndex, activity: str, expected: list[str]
) -> None:
    assert [h.sector for h in sectors.classify(activity) if h.tier == "core"] == expected


def test_a_code_that_cannot_be_naics_is_read_by_its_format(sectors: SectorIndex) -> None:
    """NACE codes in a column headed NAICS (or dotted codes under ISIC) were read as that
    standard and found nothing; a NAICS label with its edition ("NAICS2017: 722511") is a label."""
    from screen.industry_codes import label_cells

    cells = ["F41.20", "B05", "A02.20", "I56.10", "02.20", "236220", "NAICS2017: 722511"]
    found = [[h.sector for h in sectors.classify("", c)] for c in label_cells(cells, "NAICS")]
    assert found == [
        ["construction"],
        ["mining"],
        ["logging"],
        ["restaurants"],
        ["logging"],
        ["construction"],
        ["restaurants"],
    ]
    isic = [
        [h.sector for h in sectors.classify("", c)] for c in label_cells(["F41.20", "41.20", "4120"], "ISIC")
    ]
    assert isic == [["construction"]] * 3
