"""The entity stage on the bundled lists: names that must and must not match (a Korean name's
own words with trades or branches added, Hangul), South Korean suppliers, and the address
countries of one real entity shared by its entries on all lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from screen.model import Match
from screen.normalize import normalize_name
from screen.pipeline import screen_frame
from screen.reference import Reference


def matched(reference: Reference, rows: list[tuple[str, str]]) -> list[set[str]]:
    """Per supplier row (name, country): the listed names it matched (hit or review)."""
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    return [{m.name for m in ms} for ms in out["matches"]]


RUNGRADO = "KOREA RUNGRADO GENERAL TRADING CORPORATION"
RYONBONG = "KOREA RYONBONG GENERAL CORPORATION"
MANSUDAE = "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES"

# (supplier, country, a listed name it must match: hit or review)
FOUND = [
    # a Korean name's own words with common words besides: a review whatever the score
    ("Rungrado Construction", "Russia", RUNGRADO),
    ("Rungrado Construction Russia", "Russia", RUNGRADO),  # a place is no name of its own
    ("Mansudae Construction LLC", "Angola", MANSUDAE),
    # a North Korean company's own name with words of its trade added ("logging", "timber",
    # "restaurant": generic, though the lists seldom use them) or a city
    ("Rungrado Logging", "Russia", RUNGRADO),
    ("Ryonbong Timber Vladivostok", "Russia", RYONBONG),
    ("Mansudae Restaurant", "China", MANSUDAE),
    # ... or a word of another of its listed names ("art": MANSUDAE ART STUDIO)
    ("Mansudae Art Restaurant", "China", MANSUDAE),
    # branches and offices: a legal form inside the name, "branch", "rep office", "general
    # contracting" (the Gulf's word for construction) say nothing of which company it is
    ("Korea Ryonbong General Corp. Vladivostok Branch", "Russia", RYONBONG),
    ("Rungrado General Trading Corp. - Moscow Rep Office", "Russia", RUNGRADO),
    ("Namgang General Contracting Company W.L.L.", "Kuwait", "NAMGANG CONSTRUCTION"),
    ("Mansudae Overseas Project Group of Cos.", "Namibia", MANSUDAE),
    # the branch's city after the name (and its legal form), as if in parentheses
    ("Koryo Bank Vladivostok", "Russia", "KORYO BANK"),
    ("Namgang Construction Co Ltd Vladivostok", "Russia", "NAMGANG CONSTRUCTION"),
    ("Korea Ryonbong General Corporation LLC Vladivostok", "Russia", RYONBONG),
    ("Korea Rungrado General Trading Corporation, Yuzhno-Sakhalinsk Branch", "Russia", RUNGRADO),
    ("Mansudae Overseas Project Group of Companies Ltd Windhoek", "Namibia", MANSUDAE),
    # Hangul: 조선 is Korea, 총회사 general corporation, 창작사 art studio; South Korean spelling
    # drops or changes a word-initial ㄹ (능라도 for North Korean 릉라도 Rungrado)
    ("조선능라도무역총회사", "Russia", RUNGRADO),
    ("조선련봉총회사", "China", RYONBONG),
    ("만수대창작사", "Namibia", MANSUDAE),
    ("능라도무역회사", "Russia", RUNGRADO),
    # Chinese characters of a North Korean name (朝鲜, Korea, in it) read in Korean:
    # 万寿台 Mansudae, 绫罗岛 Rungrado, 连峰 Ryonbong; 矿业开发贸易公司 mining development trading
    ("朝鲜万寿台创作社", "China", MANSUDAE),
    ("朝鮮萬壽臺創作社", "China", MANSUDAE),
    ("朝鲜绫罗岛贸易总公司", "China", RUNGRADO),
    ("朝鲜连峰总公司", "Russia", RYONBONG),
    ("朝鲜矿业开发贸易公司", "China", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ("万寿台创作社", "China", MANSUDAE),  # a name only North Korea has: read in Korean too
    ("平壤绫罗岛贸易公司", "China", RUNGRADO),  # Pyongyang one word, a place, as in Latin letters
    # names only North Korea has (绫罗岛 Rungrado, 小白水 Sobaeksu, 端川 Tanchon): read in Korean
    ("绫罗岛贸易总公司", "China", RUNGRADO),
    ("小白水联合公司", "China", "KOREA SOBAEKSU UNITED CORPORATION"),
    ("단천상업은행", "China", "TANCHON COMMERCIAL BANK"),  # 상업 commercial
    # words of North Korean companies' names in Hangul or read so: 대외 external, 콤퓨터 쎈터
    ("조선대외건설총회사", "Russia", "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION"),
    ("朝鲜对外建设总公司", "China", "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION"),
    ("조선콤퓨터쎈터", "China", "KOREA COMPUTER CENTER"),
    ("高丽银行", "China", "KORYO BANK"),  # 高丽 before 银行 or 航空: Koryo
    # abbreviations and Russian business words
    ("Namgang Constrn. Co.", "Russia", "NAMGANG CONSTRUCTION"),
    ("Korea Kwangson Bkg Corp", "China", "KOREA KWANGSON BANKING CORP"),
    ("Эйр Корё", "Russia", "AIR KORYO"),
    # a branch or office after the company, in Chinese characters or Hangul: as in parentheses
    ("朝鲜连峰总公司沈阳代表处", "China", RYONBONG),
    ("朝鲜高丽银行沈阳分行", "China", "KORYO BANK"),
    ("조선련봉총회사 블라디보스톡지사", "Russia", RYONBONG),
    ("고려은행 심양지점", "China", "KORYO BANK"),
    ("남강건설 모스크바지사", "Russia", "NAMGANG CONSTRUCTION"),
    ("평양릉라도무역회사", "Russia", RUNGRADO),
    # Korean as Russian writes it (Kontsevich) read back: хы Heu, чх Ch, ё yo, э ae, дж j
    ("Корея Хынджин Трейдинг", "Россия", "KOREA HEUNGJIN TRADING COMPANY"),
    ("Чхольхён Оверсиз Констракшн", "Алжир", "CH'OLHYO'N OVERSEAS CONSTRUCTION COMPANY"),
    ("Корё Банк", "Россия", "KORYO BANK"),
    ("Мансудэ Арт Студия", "Россия", MANSUDAE),
    ("Корея Рёнбон Генерал Корпорейшн", "Китай", RYONBONG),
    ("ООО Рынрадо", "Россия", RUNGRADO),  # as OFAC also writes it (RYNRADO)
    # a final ng is н in Russian: Рёнбон is Ryonbong, alone as well as in the full name
    ("ООО Рёнбон", "Россия", RYONBONG),
    # ... and ы the vowel ㅡ (eu, u): Кымган is 금강 KUMGANG
    ("Кымган Банк", "Россия", "KUMGANG BANK"),
    # Russian words of business read as English: строй construction, корейская korean,
    # генеральная general, внешнего external
    ("Намган Строй", "Россия", "NAMGANG CONSTRUCTION"),
    (
        "Корейская генеральная корпорация внешнего строительства",
        "Россия",
        "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION",
    ),
    # words of the lists' abbreviations and of Chinese names translated (SHPG, 信用 credit)
    ("Korean Polish Shipping Co. Ltd.", "Poland", "KOREAN POLISH SHPG CO LTD"),
    ("朝鲜大同信用银行", "China", "DAEDONG CREDIT BANK"),
    # ё written е (Корё as Коре)
    ("Коре Банк", "Россия", "KORYO BANK"),
    ("Корейская генеральная корпорация «Ренбон»", "Россия", RYONBONG),
    # the kind of company before its name, as Russian writes it
    ("Генеральная корпорация Рёнбон", "Россия", RYONBONG),
    ("Строительная компания «Намган»", "Россия", "NAMGANG CONSTRUCTION"),
    # a city before the name of a company listed at a Chinese address: where its office is
    ("Shenyang Sobaeksu Trading", "China", "KOREA SOBAEKSU UNITED CORPORATION"),
    # a typo that happens to spell a pinyin syllable, where the names are not in pinyin
    ("Shanghai Dongfneg Shipping", "China", "SHANGHAI DONGFENG SHPG CO LTD"),
    ("Korean Taogun Trading Corporation", "", "KOREAN TANGUN TRADING CORPORATION"),
    ("Deense Engineering, TOO", "", "DEFENSE ENGINEERING LIMITED LIABILITY PARTNERSHIP"),
]

# (supplier, country, a listed name it must not match)
NOT_FOUND = [
    ("Rungrado Tolstoy Construction", "Russia", RUNGRADO),  # a distinctive word of its own
    ("Rungrado Construction 2", "Russia", RUNGRADO),  # a number the listed names lack
    ("Rungrado Tolstoy Logging", "Russia", RUNGRADO),  # a word that could name a company
    # porter ~ BORDER only under the key (BORDER TRADE SETTLEMENT BANK, an alias of KKBC)
    ("Porter Logistics", "Russia", "KOREA KWANGSON BANKING CORP"),
    # final ng as n is for Korean names: 食品 shipin (food) is not SHIPPING
    ("义乌中联食品有限公司", "China", "KOREA YUJONG SHIPPING CO LTD"),
    ("Technical Reconnaissance Consulting", "Russia", "RECONNAISSANCE GENERAL BUREAU"),  # English
    ("Hong Kong Logistics Ltd", "Hong Kong", "HONG KONG ELECTRONICS"),  # a place is no name
    ("Sobaeksu Tolstoy Trading", "China", "KOREA SOBAEKSU UNITED CORPORATION"),  # not a city: a name
    ("Elcorio Holdings Ltd.", "United Kingdom", "AIR KORYO"),  # (was a review under the key)
    # pinyin's f is no Korean b: 东方 dongfang is not 동방 DONGBANG
    ("Beijing Dongfang Trading", "China", "BANK OF EAST LAND"),
    # words that read as Korean but are no Korean name: not the listed company with a trade added
    ("Sinbad Seafood Restaurant", "Oman", "SINBAD"),
    (
        "Maritime Logistics",
        "Singapore",
        "MARITIME ADMINISTRATION OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
    ),
]


def test_found_and_not_found(reference: Reference) -> None:
    rows = [(s, c) for s, c, _ in FOUND + NOT_FOUND]
    got = matched(reference, rows)
    missed = [s for (s, _, listed), names in zip(FOUND, got, strict=False) if listed not in names]
    wrong = [s for (s, _, listed), names in zip(NOT_FOUND, got[len(FOUND) :], strict=True) if listed in names]
    assert missed == [] and wrong == []


def test_a_north_korean_company_s_whole_name_with_a_branch_is_a_hit(reference: Reference) -> None:
    rows = [
        ("Korea Ryonbong General Corp. Vladivostok Branch", "Russia"),  # the whole name: the company
        ("Ryonbong Logging", "Russia"),  # its own word only: a review
    ]
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    branch, logging = ({m.name: m.band for m in ms} for ms in out["matches"])
    assert branch[RYONBONG] == "hit"
    assert logging[RYONBONG] == "review"
    # one reason, said once: the whole name with the branch's city (read as in parentheses)
    # and "branch" added (not also "the own name is present")
    (why,) = [m.explanation for m in out["matches"].iloc[0] if m.name == RYONBONG]
    assert "'vladivostok', 'branch'" in why and "own name is present" not in why


def test_a_south_korean_supplier_is_at_most_a_review_for_a_north_korean_entity(reference: Reference) -> None:
    out = screen_frame(
        pd.DataFrame([("대성무역", "South Korea"), ("대성무역", "Russia")], columns=["name", "country"]),
        reference,
    )
    south, russia = ({m.name: m.band for m in ms} for ms in out["matches"])
    assert south["KOREA DAESONG GENERAL TRADING CORPORATION"] == "review"
    assert russia["KOREA DAESONG GENERAL TRADING CORPORATION"] == "hit"
    # also an entity with addresses elsewhere besides North Korea (KP, RU), or with none under
    # a North Korea programme (the UK's entry of the Korea International Exhibition Corporation)
    rows = [("Cholsan Trading", "South Korea"), ("Korea International Exhibition Corporation", "South Korea")]
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    bands = [max((m.band for m in ms), key=lambda b: b == "hit") for ms in out["matches"]]
    assert bands == ["review", "review"]


def test_an_entity_s_address_countries_come_from_all_its_lists(reference: Reference) -> None:
    # the UK lists KOREA DAESONG GENERAL TRADING CORPORATION without an address; OFAC's entry
    # for it (the same group) gives North Korea, so a South Korean Daesong is not it
    south, unknown = matched(
        reference, [("Daesong Construction", "South Korea"), ("Daesong Construction", "")]
    )
    assert south == set()
    assert "KOREA DAESONG GENERAL TRADING CORPORATION" in unknown


def test_a_name_read_in_korean_says_so(reference: Reference) -> None:
    out = screen_frame(pd.DataFrame([("朝鲜万寿台创作社", "China")], columns=["name", "country"]), reference)
    (why,) = [m.explanation for m in out["matches"].iloc[0] if m.name == MANSUDAE]
    assert "'朝鲜万寿台创作社' read in Korean as '조선만수대창작사'" in why


def test_a_word_of_another_of_the_entity_s_names_is_its_own(reference: Reference) -> None:
    # "art" is in MANSUDAE ART STUDIO, another name of the entry whose own name MANSUDAE
    # OVERSEAS PROJECT GROUP is: not a word of another company, as "Tolstoy" is for Rungrado
    out = screen_frame(
        pd.DataFrame([("Mansudae Art Restaurant", "China")], columns=["name", "country"]), reference
    )
    why = [m.explanation for m in out["matches"].iloc[0] if m.name == MANSUDAE]
    assert why and all(
        "added ('restaurant') and words of its other listed names ('art')" in w for w in why
    ), why


def test_a_name_of_another_country_is_a_review_at_most(reference: Reference) -> None:
    rows = [
        ("Agricultural Development Bank of China", "China"),  # China's bank, not North Korea's
        ("Agricultural Development Bank", "China"),
        ("Korea Ryonbong General Corporation of Russia", "Russia"),  # the company's office there
    ]
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    china, plain, office = ({m.name: m for m in ms} for ms in out["matches"])
    adb = "AGRICULTURAL DEVELOPMENT BANK"
    assert china[adb].band == "review" and "the name says it is of China" in china[adb].explanation
    assert plain[adb].band == "hit"
    assert office[RYONBONG].band == "hit"


@pytest.mark.parametrize(
    "name",
    [
        "Koryo Bank Vladivostok Representative Office",
        "Koryo Bank Rep. Office",
        "Корё Банк, филиал во Владивостоке",
        "Представительство банка Корё в Москве",
        "朝鲜高丽银行沈阳代表处",
        "고려은행 블라디보스토크 지점",
        "Koryo Bank Representative Office Moscow",
    ],
)
def test_a_listed_company_s_branch_or_office_is_a_hit(reference: Reference, name: str) -> None:
    """Words of a branch or office, in any of the languages, cost nothing: the company's office is the company."""
    (found,) = screen_frame(pd.DataFrame([(name, "Russia")], columns=["name", "country"]), reference)[
        "matches"
    ]
    assert {m.name: m.band for m in found}.get("KORYO BANK") == "hit"


def test_a_pinyin_word_a_syllable_apart_is_a_review_at_most(reference: Reference) -> None:
    """东方 dongfang and 东风 dongfeng are two words, and Shanghai's own name a typo: a person decides."""
    rows = [("Shanghai Dongfang Shipping Co Ltd", "China"), ("Shanhai Dongfeng Shipping Co Ltd", "China")]
    other, typo = (
        {m.name: m for m in ms}
        for ms in screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)["matches"]
    )
    listed = "SHANGHAI DONGFENG SHPG CO LTD"
    assert other[listed].band == "review"
    assert "'dongfang' and 'dongfeng' differ by a syllable in pinyin" in other[listed].explanation
    assert typo[listed].band == "hit"  # (a city's typo: the company's own word is there)


@pytest.mark.parametrize(
    ("name", "country", "band"),
    [
        # a foreign company listed under its name, the same name in a country that hosts no North
        # Korean workers and is none of its listed addresses: a person looks, it is no hit
        ("Falcon International GmbH", "Germany", "review"),
        ("Falcon International SIA", "Latvia", "hit"),  # a listed address country
        ("Falcon International", "", "hit"),  # nothing says otherwise
        ("Falcon International Trading LLC", "United Arab Emirates", "hit"),  # a host country
        (
            "Hong Kong Electronics Co., Ltd.",
            "Hong Kong",
            "review",
        ),  # listed in Iran (the UK entry: via OFAC's)
        (
            "Huaxin Shipping Hongkong Ltd",
            "Hong Kong",
            "hit",
        ),  # listed in China: Hong Kong is not another country
        ("Korea Sobaeksu United Corporation", "Germany", "hit"),  # a North Korean company abroad
    ],
)
def test_the_name_alone_in_another_country_is_a_review(
    reference: Reference, name: str, country: str, band: str
) -> None:
    out = screen_frame(pd.DataFrame([(name, country)], columns=["name", "country"]), reference)
    (best, *_) = out["matches"].iloc[0]
    assert best.band == band, best.explanation
    capped = "a review at most: the name alone, in another country than the listed ones" in best.explanation
    assert capped == (band == "review")


def test_an_alias_ofac_marks_weak_is_weak_on_the_other_lists_too(reference: Reference) -> None:
    """OFAC marks DCB (Daedong Credit Bank's initials) weak; the UN list gives it as a plain
    alias of the same entity. "DCB Bank Limited" (an Indian bank) is no hit through either."""
    names = reference.names
    dcb = names[names["name"] == "DCB"]
    assert set(dcb["name_type"]) == {"weak"} and len(dcb) >= 2
    out = screen_frame(
        pd.DataFrame(
            [("DCB Bank Limited", "India"), ("DCB", ""), ("Daedong Credit Bank", "China")],
            columns=["name", "country"],
        ),
        reference,
    )
    bands = [[m.band for m in ms] for ms in out["matches"]]
    assert bands[0] == [] and bands[1] == ["review"] and bands[2][0] == "hit"


@pytest.mark.parametrize(
    ("name", "band", "why"),
    [
        # a foreign company listed under one word: a word of the supplier's own added, or the
        # word spelled otherwise, is as often another company (APOLLON OOO, INTELLEKT LLC, ALIS)
        ("ООО «Аполлон-Строй»", "review", "with a word of the supplier's own added"),
        ("ООО «Интеллект-Сервис»", "review", "with a word of the supplier's own added"),
        ("ООО «Алиса»", "review", "spelled otherwise"),
        ("ООО «Аполлон»", "hit", ""),  # the listed name itself
        ("Intelekt LLC", "hit", ""),  # romanised otherwise: the same word
        ("Apollon OOO Moscow", "hit", ""),  # a place is no word of a name
    ],
)
def test_a_one_word_listed_name_matched_loosely_is_a_review(
    reference: Reference, name: str, band: str, why: str
) -> None:
    out = screen_frame(pd.DataFrame([(name, "Russia")], columns=["name", "country"]), reference)
    (best, *_) = out["matches"].iloc[0]
    assert best.band == band, best.explanation
    assert ("a one-word listed name, " in best.explanation) == bool(why)
    assert why in best.explanation


def test_a_russian_bank_s_kb_is_commercial_bank(reference: Reference) -> None:
    rows = [("КБ «Агросоюз» (ООО)", "Россия"), ("ПАО КБ «Спутник»", "Россия"), ("АКБ «Спутник»", "")]
    out = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)
    best = [m[0] for m in out["matches"]]
    assert [(m.name, m.band) for m in best] == [
        ("COMMERCIAL BANK AGROSOYUZ", "hit"),
        ("PUBLIC JOINT-STOCK COMPANY COMMERCIAL BANK 'SPUTNIK'", "hit"),
        ("PUBLIC JOINT-STOCK COMPANY COMMERCIAL BANK 'SPUTNIK'", "hit"),
    ]
    assert normalize_name("KB Kookmin Bank").tokens[0] == "kb"  # Latin KB: another company's
    # said as written, not as the words it stands for were read
    assert "'КБ' read as 'commercial bank'" in best[0].explanation
    assert "kommercheskiy" not in best[0].explanation


@pytest.mark.parametrize(
    "name",
    [
        "Sunrise Trading LLC t/a Korea Ryonbong General Corporation",
        "Sunrise Trading LLC dba Korea Ryonbong General Corporation",
        "Sunrise Trading LLC (formerly Korea Ryonbong General Corporation)",
        "Sunrise Trading LLC c/o Korea Ryonbong General Corporation",
    ],
)
def test_a_listed_name_the_supplier_trades_under_is_matched(reference: Reference, name: str) -> None:
    (found,) = screen_frame(pd.DataFrame([(name, "UAE")], columns=["name", "country"]), reference)["matches"]
    best = {m.name: m for m in found}[RYONBONG]
    assert best.band == "hit"
    assert best.explanation.startswith(f"'Korea Ryonbong General Corporation' (a name within '{name}')")


def test_other_names_are_read_only_where_the_name_gives_them() -> None:
    from screen.matching.entities import other_names

    assert other_names("ABC Ltd (formerly Namgang Construction Co.)") == (
        "ABC Ltd",
        "Namgang Construction Co",
    )
    assert other_names("ABC d.b.a. XYZ Co") == ("ABC", "XYZ Co")
    assert other_names("AKA Trading") == other_names("Formerly Yours Ltd") == other_names("Dbango") == ()


def test_an_identifying_word_a_letter_apart_is_a_review(reference: Reference) -> None:
    """KOREA KUMSAN TRADING CORPORATION written "Kumsen": the rest of the name as listed, its one
    identifying word a letter apart; a typo or another company, which a person tells apart."""
    rows = [
        ("Korea Kumsen Trading Corporation", "North Korea"),
        ("Korea Kumsen Mining Corporation", "North Korea"),  # another word of the name differs
        # HESONG TRADING: one other word as listed is context enough (a letter for another,
        # for its neighbour on the keyboard, or two swapped, as vendor masters are typed)
        ("Hesang Trading Corporation", "China"),
        ("Heosng Trading Corporation", "China"),
        ("Hesomg Trading", "China"),
        ("Hesang Mining Corporation", "China"),  # ... but not with another word for it
    ]
    found = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)["matches"].tolist()
    kumsan = {m.name: m for m in found[0]}["KOREA KUMSAN TRADING CORPORATION"]
    assert kumsan.band == "review"
    assert "'kumsen' is a letter away from 'kumsan'" in kumsan.explanation
    assert {m.name for m in found[1]} == set() == {m.name for m in found[5]}
    for ms, typed in zip(found[2:5], ("hesang", "heosng", "hesomg"), strict=True):
        hesong = {m.name: m for m in ms}["HESONG TRADING CORPORATION"]
        assert hesong.band == "review"
        assert f"'{typed}' is a letter away from 'hesong'" in hesong.explanation
    # 80 in spelling, but not a letter apart: Kuryonggang is not RYONGWANG mistyped
    from screen.matching.compare import compare

    ix = reference.name_index
    far = compare(
        normalize_name("Korea Kuryonggang Trading Corporation"),
        normalize_name("KOREA RYONGWANG TRADING CORPORATION"),
        ix.weights,
        rarity=ix.weights.rarity,
    )
    assert far.slip == () and far.score <= 60


def test_a_listed_name_in_another_name_column_is_matched(reference: Reference, tmp_path: Path) -> None:
    from screen.pipeline import screen_file

    path = tmp_path / "suppliers.csv"
    path.write_text(
        "Supplier Name,Trading Name,Factory,Country\n"
        "Sunrise Trading LLC,Korea Kumsan Trading Corporation,,UAE\n"
        "Acme Timber Ltd,,Rungrado General Trading Corporation,Russia\n"
        "Blue Sky GmbH,Blue Sky,Blue Sky Werk 2,Germany\n",
        encoding="utf-8",
    )
    res = screen_file(path, reference=reference)
    found = [{m.name: m for m in ms} for ms in res.frame["matches"]]
    kumsan = found[0]["KOREA KUMSAN TRADING CORPORATION"]
    assert kumsan.band == "hit" and "(column 'Trading Name')" in kumsan.explanation
    assert "(column 'Factory')" in found[1]["KOREA RUNGRADO GENERAL TRADING CORPORATION"].explanation
    assert found[2] == {}


def _candidate(k: int, score: float) -> Match:
    return Match(
        ref_id=f"W:{k}",
        list="W",
        official_id=str(k),
        name=f"ENTRY {k}",
        matched_alias=f"ENTRY {k}",
        alias_type="primary",
        score=score,
        band="hit" if score >= 90 else "review",
        explanation=f"'x' ≈ W {k} (score {score:g}).",
    )


@pytest.mark.parametrize(
    ("scores", "shown", "left_out"),
    [
        ([95, 89, 89, 89, 89, 80], 5, [80]),  # the tie at the third is kept whole
        ([95, 89, 85, 84, 80], 3, [84, 80]),
        ([89, 89, 89, 89], 4, []),
        ([95, 89], 2, []),
    ],
)
def test_max_matches_never_cuts_a_tie_and_says_what_it_leaves_out(
    scores: list[float], shown: int, left_out: list[float]
) -> None:
    from screen.matching.entities import _shown

    kept = _shown([_candidate(k, s) for k, s in enumerate(scores)], 3)
    assert [m.score for m in kept] == scores[:shown]
    hidden = kept[-1].details.get("not_shown") or []
    assert [h["score"] for h in hidden] == left_out  # type: ignore[index]
    if left_out:
        assert f"{len(left_out)} more listed entr" in kept[-1].explanation
        assert "not shown" in kept[-1].explanation and "max_matches" in kept[-1].explanation
    assert all("not shown" not in m.explanation for m in kept[:-1])


def test_korean_as_russian_writes_it_with_other_vowels_is_a_hit(reference: Reference) -> None:
    """Кымган Банк: ы for ㅡ and н for the final ng together, KUMGANG BANK as Russian writes
    it (Kontsevich): a hit, as Кумган Банк is (it was a review, the two taken as a typo)."""
    rows = [("Кымган Банк", "Россия"), ("Кумган Банк", "Россия")]
    found = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)["matches"].tolist()
    for ms in found:
        best = {m.name: m for m in ms}["KUMGANG BANK"]
        assert best.band == "hit", best.explanation


def test_a_review_for_common_words_differing_says_so_plainly(reference: Reference) -> None:
    """The listed name's identifying word there, common words of business and places about it
    differing: the explanation says that in words a reviewer can check against the names
    (it said "all distinctive listed words present" beside listed words absent)."""
    (found,) = screen_frame(
        pd.DataFrame(
            [("Dandong Hongxiang Industrial Development Co Ltd", "China")], columns=["name", "country"]
        ),
        reference,
    )["matches"]
    marine = {m.name: m for m in found}["HONGXIANG MARINE HONG KONG LTD"]
    assert marine.band == "review"
    assert (
        "listed word(s) 'marine', 'hongkong' absent, extra word(s) 'dandong', 'industrial', 'development'; "
        "the words that identify the listed name are all there; only common words of business or places differ "
        "(the place 'dandong' among them)"
    ) in marine.explanation


def test_a_north_korean_company_elsewhere_says_why_it_stays_a_hit(reference: Reference) -> None:
    """A listed address country other than the supplier's lowers the score, and caps a foreign
    company's name at review; a North Korean company keeps its hit, and the reviewer is told why."""
    rows = [("Paekho Construction SARL", "Senegal"), ("Falcon International GmbH", "Germany")]
    paekho, falcon = screen_frame(pd.DataFrame(rows, columns=["name", "country"]), reference)["matches"]
    (m,) = paekho
    assert m.band == "hit"
    assert m.explanation.endswith(
        "supplier country Senegal is not among the listed address countries (KP); the other country does "
        "not make it a review: a North Korean company trades abroad under its listed name."
    )
    assert "does not make it a review" not in falcon[0].explanation and falcon[0].band == "review"
