from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.normalize import _HAN_WORDS, _ROMAN_RULES, fold, normalize_name, roman_key, roman_keys


def test_legal_forms_removed_and_recorded() -> None:
    n = normalize_name("Namgang Construction Co., Ltd.")
    assert n.tokens == ("namgang", "construction")
    assert n.legal_forms == ("co", "ltd")


@pytest.mark.parametrize(
    ("name", "tokens", "removed"),
    [
        ("Alpha Co Ltd Ltd", ("alpha",), ("co", "ltd", "ltd")),  # repeatedly from the end
        ("Limited Liability Company Alpha", ("alpha",), ("limited", "liability", "company")),  # the start
        ("OOO Romashka", ("romashka",), ("ooo",)),
        ("AG Trading", ("ag", "trading"), ()),  # two letters at the start may be initials
        ("Co Ltd", ("company",), ("ltd",)),  # one word is kept
        ("Ltd", ("ltd",), ()),
        # a group word after the forms: the forms go, the group word stays
        (
            "Ryonha Machinery Joint Venture Corporation Group",
            ("ryonha", "machinery", "group"),
            ("joint", "venture", "corporation"),
        ),
        ("Alpha PJSC Holdings", ("alpha", "holdings"), ("pjsc",)),
        ("Alpha Group", ("alpha", "group"), ()),
    ],
)
def test_legal_forms_at_either_end(name: str, tokens: tuple[str, ...], removed: tuple[str, ...]) -> None:
    n = normalize_name(name)
    assert (n.tokens, n.legal_forms) == (tokens, removed)


def test_north_korean_names_in_chinese_characters_are_read_in_korean() -> None:
    # simplified characters as the traditional ones they stand for (机 machine, not 机 table)
    chinese = normalize_name("朝鲜联合机械贸易会社")
    assert (
        chinese.tokens
        == normalize_name("조선련합기계무역회사").tokens
        == ("korea", "united", "machinery", "trading")
    )
    assert chinese.expansions == (("朝鲜联合机械贸易会社", "조선련합기계무역회사"),)
    assert normalize_name("朝鮮萬壽臺創作社").tokens == ("korea", "man", "su", "dae", "art", "studio")
    # Chinese has no spaces: one inside a word changes nothing ("机 械", machinery)
    assert normalize_name("朝鲜联合机 械贸易会社").tokens == chinese.tokens
    # names only North Korea has: Pyongyang, Rason, Mansudae
    assert normalize_name("平壤银行").tokens == ("pyongyang", "bank")  # one word, as listed
    assert normalize_name("罗先国际贸易公司").tokens == ("rason", "international", "trading")
    assert normalize_name("万寿台创作社").tokens == ("man", "su", "dae", "art", "studio")
    # not a name of China's Korean minority (朝鲜族), nor Mr Luo's (罗先生), nor one without them
    assert normalize_name("延边朝鲜族银星科技").tokens[:4] == ("yan", "bian", "chao", "xian")
    assert normalize_name("罗先生餐厅").tokens[:3] == ("luo", "xian", "sheng")
    assert normalize_name("丹东鸿祥实业").tokens == ("dan", "dong", "hong", "xiang", "industrial")


def test_courtesy_before_a_firm_s_name_removed() -> None:
    n = normalize_name("M/S Namgang Construction")
    assert n.tokens == ("namgang", "construction") and n.legal_forms == ("m/s",)
    assert normalize_name("Messrs. Ali Traders").tokens == ("ali", "traders")
    assert normalize_name("MS Electronics").tokens == ("ms", "electronics")  # a name, not "M/S"
    assert normalize_name("M/S").tokens == ("ms",)  # nothing after it: kept


def test_cyrillic_legal_form_and_transliteration() -> None:
    n = normalize_name("ООО «Зил-М»")
    assert n.tokens == ("zil", "m")
    assert n.legal_forms == ("ooo",)


def test_english_business_words_in_cyrillic_read_as_english() -> None:
    # as Russian writes them, letter for letter, and the Latin transliteration of a list
    n = normalize_name("Корея Рынрадо Дженерал Трейдинг Корпорейшн")
    assert n.tokens == ("korea", "reunrado", "general", "trading")  # (Рынрадо read as Korean)
    assert n.legal_forms == ("corporation",)  # read as English first, then removed as listed
    assert ("treyding", "trading") in n.expansions
    assert normalize_name("КОРЕА КВАНГСОН БАНКИНГ КОРПОРАТИОН").tokens == ("korea", "kwangson", "banking")
    assert (
        normalize_name("TAYMYRSKAYA GORNAYA KOMPANIYA").tokens
        == normalize_name("Таймырская горная компани").tokens
    )
    assert normalize_name("Kompaniya").tokens == ("company",)  # a name of that word alone keeps it


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Генеральная корпорация Рёнбон", "Ryonbon General Corporation"),
        ("Строительная компания «Намган»", "Namgan Construction Company"),
        ("ООО «Торговая компания Сонбон»", "Sonbon Trading Company LLC"),
        ("Торговая компания Сонбон ООО", "Sonbon Trading Company LLC"),
    ],
)
def test_russian_puts_the_kind_of_company_before_its_name(russian: str, english: str) -> None:
    """The form word between the description and the name is removed as the form at the end
    of the English name is (the words, in any order, are the same)."""
    ru, en = normalize_name(russian), normalize_name(english)
    assert sorted(ru.tokens) == sorted(en.tokens)
    assert {"company", "corporation"} & set(ru.legal_forms) == {"company", "corporation"} & set(
        en.legal_forms
    )


def test_a_russian_form_word_stays_where_it_names_or_describes() -> None:
    assert normalize_name("Торговая компания").tokens == ("trading",)  # nothing after it: as at the end
    assert normalize_name("Компания Рёнбон").tokens == ("ryonbon",)  # at the start: a form there too
    # after a word of the name, not a description: part of the name
    assert normalize_name("Сонбон компания Восток").tokens == ("sonbon", "company", "vostok")
    assert normalize_name("Trading Company Sonbon").tokens == ("trading", "company", "sonbon")  # English


def test_apostrophes_vanish_inside_words() -> None:
    assert normalize_name("CH'OLHYO'N OVERSEAS CONSTRUCTION COMPANY").tokens == (
        "cholhyon",
        "overseas",
        "construction",
    )


def test_abbreviations_expanded_and_explicit_abbreviations_flagged() -> None:
    n = normalize_name("Korea Gen. Corp. for External Constr.")
    assert n.tokens == ("korea", "general", "corporation", "external", "construction")
    assert ("gen", "general") in n.expansions
    arch = normalize_name("Mansudae Arch. Services")
    assert arch.abbreviated == (False, True, False)


def test_group_of_cos_and_rep_office() -> None:
    assert normalize_name("Mansudae Overseas Project Group of Cos.").tokens == (
        "mansudae",
        "overseas",
        "project",
    )
    assert normalize_name("Rungrado Rep. Office").tokens == ("rungrado", "representative", "office")


def test_parentheses_are_qualifiers() -> None:
    n = normalize_name("Namgang Construction Ltd (Doha)")
    assert n.tokens == ("namgang", "construction", "doha")
    assert n.qualifier == (False, False, True)


def test_cjk_one_syllable_per_word_and_generic_words_translated() -> None:
    n = normalize_name("北京成兴贸易有限公司")
    assert n.tokens[:4] == ("bei", "jing", "cheng", "xing")
    assert "trading" in n.tokens
    assert normalize_name("남강건설").tokens == ("nam", "gang", "construction")


def test_initials_joined() -> None:
    assert normalize_name("A.B.C. Company").tokens == ("abc",)


def test_numbers_kept() -> None:
    assert normalize_name("11420 CORP.").numbers == frozenset({"11420"})


def test_romanisation_key_variants_coincide() -> None:
    for a, b in [
        ("namgang", "namkang"),
        ("pugang", "bugang"),
        ("kwangsong", "kwangseong"),
        ("cholhyon", "chorhyon"),
        ("cholhyon", "cholhyeon"),
        ("songi", "songyi"),
        ("zeel", "zil"),
        ("rungrado", "rungnado"),
    ]:
        assert roman_key(a) == roman_key(b), (a, b)
    assert roman_key("namgang") != roman_key("namsan")


@pytest.mark.parametrize(
    ("name", "tokens", "removed"),
    [
        # a long word of the form mistyped by one letter, at the end or the start
        ("Azza Aviation Compnay", ("azza", "aviation"), ("compnay",)),
        ("Azza Aviation Limted", ("azza", "aviation"), ("limted",)),
        ("Otkritie Capital Limlted", ("otkritie", "capital", "limlted"), ()),  # one letter for another, alone
        ("Open Joint Stock Commpany Stankogomel", ("stankogomel",), ("open", "joint", "stock", "commpany")),
        # a Russian form translated without its last word, and the longer form with a slip wins
        ("Open Joint-Stock Rosgosstrakh Bank", ("rosgosstrakh", "bank"), ("open", "joint", "stock")),
        ("Public Joint Stock Commpany Genbank", ("genbank",), ("public", "joint", "stock", "commpany")),
        ("Joint Stock Company Open Systems", ("open", "systems"), ("joint", "stock", "company")),
        (
            "Federal State Uitary Enterprise SZ Morye",
            ("sz", "morye"),
            ("federal", "state", "uitary", "enterprise"),
        ),
        # ... or romanised otherwise (ч as j), or several of its words slipped
        (
            "Obshchestvo s Ogranijennoi Otvetstvennostyu Profinet",
            ("profinet",),
            ("obshchestvo", "s", "ogranijennoi", "otvetstvennostyu"),
        ),
        # its word split in two
        ("Korea Taejin Trading Corp Oration", ("korea", "taejin", "trading"), ("corp", "oration")),
        ("Ryung Seng Trading Corpor ation", ("ryung", "seng", "trading"), ("corpor", "ation")),
        # one letter for another alone: in "company" and in long forms, which no name is near
        ("Namgang Construction Compeny", ("namgang", "construction"), ("compeny",)),
        ("Korea Kumsan Trading Corporatian", ("korea", "kumsan", "trading"), ("corporatian",)),
        ("Alpha Limlted", ("alpha", "limlted"), ()),  # (Limiter, Limites: names)
        # glued to the name where the case changes
        ("PARSEKllc", ("parsek",), ("llc",)),
        ("KotiCorp", ("koti",), ("corp",)),
        ("JOINT STOCK COMPANYmikron", ("mikron",), ("joint", "stock", "company")),
        ("HONG KONG ELECTRONICS KISHco", ("hongkong", "electronics", "kish"), ("co",)),
        # ... or without a change of case, forms no word ends with
        ("HESONG TRADINGCORPORATION", ("hesong", "trading"), ("corporation",)),
        ("DCB FINANCELIMITED", ("dcb", "finance"), ("limited",)),
        ("KORYO BANKLTD.", ("koryo", "bank"), ("ltd",)),
        ("Accompany Ltd", ("accompany",), ("ltd",)),  # (four letters before the form at least)
        ("Telecorp", ("telecorp",), ()),  # (words end with corp)
        # English written in Cyrillic letter for letter
        ("ДЖОИНТ СТОКК КОМПАНЙ СБЕРБАНК", ("sberbank",), ("dzhoint", "stokk", "company")),
        ("ООО ГУДЗОН ШИППИНГ КО", ("gudzon", "shipping"), ("ko", "ooo")),
        ("КМКТ ЛЛК", ("kmkt",), ("llk",)),
        ("АЛ-НУДЖАБА ТВ", ("al", "nujaba", "tv"), ()),  # (not TB, nor DV)
        ("STOKK TV", ("stokk", "tv"), ()),  # (only in Cyrillic)
        # names a letter away from a form, or with a change of case, are names
        ("Clarity Fund Partners", ("clarity", "fund", "partners"), ()),  # (CHARITY FUND: too little else)
        ("Pizzeria Campania", ("pizzeria", "campania"), ()),  # (COMPANIA: one letter for another)
        ("Speed Limiter", ("speed", "limiter"), ()),
        ("Private Enterprises Group", ("private", "enterprises", "group"), ()),  # (a plural)
        ("LLC Compnay", ("compnay",), ("llc",)),  # a slipped form leaves a word that is no form
        ("ООО ПМК", ("pmk",), ("ooo",)),
        ("АЛЬФА ПМК", ("alfa", "pmk"), ()),  # (PMC: not a form written in Cyrillic)
        ("DaySpa", ("dayspa",), ()),  # glued: only common forms
        ("ZAOrange", ("zaorange",), ()),
        ("NEXTag", ("nextag",), ()),
        ("Berhan Bank", ("berhan", "bank"), ()),  # (BERHAD)
        ("Compal Electronics", ("compal", "electronics"), ()),
        ("RyungsoUg Trading", ("ryungsoug", "trading"), ()),  # (UG, two letters, a slip of case)
        ("McDonald", ("mcdonald",), ()),
        ("iPhone", ("iphone",), ()),
        ("Comp Any", ("comp", "any"), ()),  # one word is kept
    ],
)
def test_legal_forms_with_a_slip(name: str, tokens: tuple[str, ...], removed: tuple[str, ...]) -> None:
    n = normalize_name(name)
    assert (n.tokens, n.legal_forms) == (tokens, removed)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalising_twice_equals_once(text: str) -> None:
    once = normalize_name(text)
    twice = normalize_name(" ".join(once.tokens))
    # legal forms and abbreviations are already gone or expanded; only their re-expansion may differ
    assert normalize_name(" ".join(twice.tokens)).tokens == twice.tokens


def test_plain_ascii_words_fold_as_the_general_path_folds_them() -> None:
    # a plain word takes a shortcut; "!" sends the same word down the general path
    import random
    import string

    rng = random.Random(3)
    words = [
        "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(1, 14)))
        for _ in range(3000)
    ]
    for w in [*words, "KOREA", "Ryugyong2", "x"]:
        assert fold(w) == fold(w + "!") == w.lower()


def _roman_key_rule_by_rule(token: str) -> str:
    """The romanisation key as its rules read: each replacement in turn, then doubled letters."""
    if not token.isalpha():
        return token
    token = re.sub("^ks(?=[aeiouy])", "x", token)  # first: a word-initial ks before a vowel is x
    token = re.sub("(?<=[bcdfghjklmnpqrstvwxz])y(?=n)", "u", token)  # then: y before n is a vowel
    for a, b in _ROMAN_RULES:
        token = token.replace(a, b)
    # then a word-initial n reads as l, and a word-initial l before i (or yo, now e, before
    # n, l, k or m) is dropped (5+ letters)
    token = re.sub(r"^n(?=.{4})", "l", token)
    token = re.sub(r"^l(?=i.{3}|e[nlkm].{2})", "", token)
    return re.sub(r"(.)\1+", r"\1", token)


def test_south_and_north_korean_spellings_share_a_key() -> None:
    # South Korea writes a word-initial ㄹ as ㄴ or drops it before i/y; North Korea keeps it
    assert roman_key("rungrado") == roman_key("neungnado") == roman_key("leunglado")
    assert roman_key("ryonbong") == roman_key("yeonbong")
    assert roman_key("lexpeo") != roman_key("expo")  # (not every l before e)
    assert roman_key("rodong") == roman_key("nodong")
    assert roman_key("nudzhaba") == roman_key("nujaba")  # one key whatever the spelling
    assert normalize_name("조선련봉총회사").tokens == ("korea", "lyeon", "bong", "general")
    assert normalize_name("만수대창작사").tokens == ("man", "su", "dae", "art", "studio")


def test_romanisation_keys_follow_the_rules_in_order_one_token_or_many() -> None:
    # roman_key applies the one-letter rules in one translate and roman_keys runs them over
    # many tokens joined; both must equal the rules applied one after another
    import random

    rng = random.Random(5)
    letters = "shkcjtzdwhyeoauinxqgrpfvbl"
    tokens = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 16))) for _ in range(4000)]
    tokens += [
        "tchkh",
        "dzhx",
        "ngr",
        "yeoyi",
        "x y",
        "ab1",
        "",
        "hw",
        "wh",
        "hh",
        "nyeon",
        "rim",
        "nni",
        "llion",
        "nlg",
        "lia",
        "liao",
        "ksiang",
        "ksng",
        "aksa",
    ]
    other = ["Über", "straße", "ééé", "ऀऀ", "日本"]  # not ASCII: another way through roman_keys
    for some in (tokens, tokens + other):
        expected = [_roman_key_rule_by_rule(t) for t in some]
        assert [roman_key.__wrapped__(t) for t in some] == expected
        assert roman_keys(some) == expected
        assert roman_keys(some[:5]) == expected[:5]  # few tokens: one at a time


def test_shortcuts_keep_what_normalisation_does() -> None:
    # non-ASCII text is NFKC-normalised: small-form and enclosed brackets are qualifiers too
    doha = normalize_name("Acme Trading ﹙Doha﹚")
    assert doha.tokens == ("acme", "trading", "doha") and doha.qualifier == (False, False, True)
    assert normalize_name("Acme ⑴ Trading").qualifier == (False, False, True)
    # abbreviation flags follow their words when a legal form is removed at the start
    assert normalize_name("LLC Intl. Arch. Group").abbreviated == (False, True, False)
    assert normalize_name("Ltd. Arch. Services").abbreviated == (True, False)
    # the first 40 words are kept, then initials joined: "X. Y." of a cut "X. Y. Z." stay one word
    long = normalize_name(" ".join(f"Word{i}" for i in range(38)) + " X. Y. Z. Tail")
    assert long.tokens[-2:] == ("word37", "xy")
    assert normalize_name(None).original is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("NAMGANG CONSTR UCTION", ("namgang", "construction")),  # split where its abbreviation ends
        ("Acme Constr Uction Ltd", ("acme", "construction")),
        ("Namgang Constr. Co", ("namgang", "construction")),  # the abbreviation alone: expanded
        ("Acme Constr Union", ("acme", "construction", "union")),  # not a split: another word
    ],
)
def test_a_word_split_after_its_abbreviation_is_one_word(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize_name(name).tokens == tokens


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        # Korean written in Russian (Kontsevich) read back into the lists' spellings
        ("Корея Хынджин Трейдинг", ("korea", "heunjin", "trading")),
        ("Чхольхён", ("cholhyon",)),
        ("Корё Банк", ("koryo", "bank")),
        ("Мансудэ", ("mansudae",)),
        ("Рёнбон", ("ryonbon",)),
        ("Квансон", ("kwanson",)),
        ("Танчхон", ("tanchon",)),
        # Russian words, and English or Turkish written letter for letter, keep their reading
        ("Нива", ("niva",)),
        ("Москва", ("moskva",)),
        ("Сбербанк", ("sberbank",)),
        ("Хан", ("khan",)),  # х alone: as the lists write it (KHAM, KHAN)
        ("ДОК НГИУ ХАМ", ("dok", "ngiu", "kham")),
        ("ФЕНГ ШЕНГ", ("feng", "sheng")),
        ("САНАЙИ", ("sanayi",)),
        ("Трейдинг", ("trading",)),
    ],
)
def test_korean_written_in_cyrillic(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize_name(name).tokens == tokens


def test_the_romanisation_key_reads_yo_as_russian_writes_yo_without_its_dots() -> None:
    # Корё written Коре, Рёнбон Ренбон, Чхольхён Чхольхен: ё is often written е
    assert roman_key("koryo") == roman_key("kore")
    assert roman_key("ryonbon") == roman_key("renbon")
    assert roman_key("cholhyon") == roman_key("cholhen")


def test_the_romanisation_key_reads_y_before_n_as_a_vowel() -> None:
    assert roman_key("rynrado") == roman_key("runrado") == roman_key("reunrado")
    assert roman_key("polymer") == roman_key("polimer")  # y elsewhere is i


def test_north_korean_cities_read_in_korean_are_one_word() -> None:
    assert normalize_name("平壤绫罗岛贸易公司").tokens[:1] == ("pyongyang",)
    assert normalize_name("신의주 무역").tokens == ("sinuiju", "trading")
    # not across the words of another name: 대원산업 is Daewon Industrial, not "dae wonsan"
    assert normalize_name("대원산업").tokens == ("dae", "won", "industrial")


def test_a_city_at_the_end_is_where_the_branch_is() -> None:
    n = normalize_name("Namgang Construction Co Ltd Vladivostok")
    assert n.tokens == ("namgang", "construction", "vladivostok")
    assert n.qualifier == (False, False, True) and n.legal_forms == ("co", "ltd")
    branch = normalize_name("Korea Rungrado General Trading Corporation, Yuzhno-Sakhalinsk Branch")
    assert branch.qualifier[-3:] == (True, True, True) and branch.legal_forms == ("corporation",)
    # the city alone, or a name of one word, stays the name
    assert normalize_name("Vladivostok").qualifier == (False,)
    assert normalize_name("Vladivostok Trading").qualifier == (False, False)


@pytest.mark.parametrize(
    ("name", "qualifiers"),
    [
        ("Корё Банк, филиал во Владивостоке", ("filial", "vladivostok")),  # the city as named
        ("Представительство банка Корё в Москве", ("predstavitelstvo", "moskva")),
        ("Корё Банк филиал", ("filial",)),
        ("Koryo Bank Rep. Office", ("representative", "office")),
        ("Koryo Bank Branch", ("branch",)),
        # words of a branch before a city at the end
        ("Koryo Bank Representative Office Moscow", ("representative", "office", "moscow")),
        ("Koryo Bank Branch in Vladivostok", ("branch", "in", "vladivostok")),
    ],
)
def test_a_branch_or_office_after_or_before_the_name_is_a_qualifier(
    name: str, qualifiers: tuple[str, ...]
) -> None:
    n = normalize_name(name)
    assert tuple(t for t, q in zip(n.tokens, n.qualifier, strict=True) if q) == qualifiers
    assert {"koryo", "bank"} <= {t for t, q in zip(n.tokens, n.qualifier, strict=True) if not q}


def test_a_legal_form_before_an_office_and_its_city_is_removed() -> None:
    n = normalize_name("Korea Mining Development Trading Corporation Representative Office Moscow")
    assert n.legal_forms == ("corporation",)
    assert [t for t, q in zip(n.tokens, n.qualifier, strict=True) if not q] == [
        "korea",
        "mining",
        "development",
        "trading",
    ]
    assert normalize_name("Olive Branch Moscow").qualifier == (False, False, True)  # a name, in Moscow


@pytest.mark.parametrize("name", ["Olive Branch", "ООО Офис", "Строительный офис", "Офис Плюс", "Филиал"])
def test_a_branch_word_that_is_the_name_stays(name: str) -> None:
    assert not any(normalize_name(name).qualifier)


def test_a_branch_written_in_chinese_or_hangul_is_a_qualifier() -> None:
    bank = normalize_name("中国银行上海分行")  # Bank of China, Shanghai branch
    assert bank.tokens[:3] == ("zhong", "guo", "bank") and all(bank.qualifier[3:])
    assert bank.tokens[3:] == ("branch",)  # the branch alone (its city's syllables would weigh)
    branch = normalize_name("고려은행 심양지점")
    assert branch.qualifier == (False, False, False, True) and branch.tokens[-1] == "branch"
    assert not any(normalize_name("上海分公司").qualifier)  # no company before it: the name itself


def test_a_chinese_city_s_shi_before_the_name_is_dropped() -> None:
    # 丹东市鸿祥 (Dandong City Hongxiang) is DANDONG HONGXIANG as listed
    assert (
        normalize_name("丹东市鸿祥实业发展有限公司").tokens
        == normalize_name("丹东鸿祥实业发展有限公司").tokens
    )
    assert "shi" in normalize_name("上海市政工程").tokens  # 市政, municipal: a word of the name
    assert "shi" in normalize_name("华润超市有限公司").tokens  # 超市, supermarket: no city before it


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Trade Bank of the Democratic People's Republic of Korea",
        "Foreign Trade Bank of the D.P.R. Korea",
        "Foreign Trade Bank of DPR Korea",
        "Foreign Trade Bank of the DPRK",
        "Foreign Trade Bank of North Korea",
        "Dem. People's Rep. of Korea Foreign Trade Bank",
        "Внешнеторговый банк КНДР",
        "Внешнеторговый банк Корейской Народно-Демократической Республики",
        # a slip in a word of the name in full
        "Foreign Trade Bank of the Democratic Peple's Republic of Korea",
        "Foreign Trade Bank of the Democratic People's Republiic of Korea",
        "Foreign Trade Bank of the Democractic People's Republic of Korea",
    ],
)
def test_north_koreas_names_are_one_word(text: str) -> None:
    """However a name writes North Korea, it reads "dprk": one word on both sides."""
    assert set(normalize_name(text).tokens) == {"foreign", "trading", "bank", "dprk"}


def test_a_slip_reads_as_north_korea_only_in_its_name_in_full() -> None:
    assert normalize_name("Peple's Bank of Korea").tokens == ("peples", "bank", "korea")
    assert normalize_name("Republiic of Korea Trading").tokens == ("republiic", "korea", "trading")
    slip = normalize_name("Central Bank of the Democratic Peple's Republic of Korea")
    assert slip.expansions == (("democratic peples republic korea", "dprk"),)  # as written


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("АО «Дальневосточный банк»", ("far", "eastern", "bank")),  # АО: a form in Cyrillic, not initials
        ("Корейская национальная страховая корпорация", ("korean", "national", "insurance")),
        ("Центральный банк КНДР", ("central", "bank", "dprk")),
        ("Коммерческий банк «Спутник» (ПАО)", ("commercial", "bank", "sputnik")),
        ("AO Trading", ("ao", "trading")),  # in Latin letters, two letters at the start may be initials
    ],
)
def test_russian_descriptive_words_read_as_english(text: str, tokens: tuple[str, ...]) -> None:
    assert normalize_name(text).tokens == tokens


def test_bank_in_chinese_characters_is_not_silver_star() -> None:
    """银行 (bank) and 银星 (silver star) are both "yin xing" in toneless pinyin."""
    assert normalize_name("华丽银行").tokens == ("hua", "li", "bank")
    assert normalize_name("延边银星网络科技有限公司").tokens[:4] == ("yan", "bian", "yin", "xing")


def test_chosun_is_choson_and_tech_is_short() -> None:
    """조선 spelt Chosun or Chosoon (ŏ as u) keys as Choson and Joseon; "Tech" without its full
    stop is still short for a listed word (technology, technical); JV is a legal form."""
    assert len({roman_key(w) for w in ("chosun", "chosoon", "choson", "joseon")}) == 1
    assert roman_keys(["chosun"] * 70)[0] == roman_key("joseon")
    tech = normalize_name("Yanji Silverstar Network Tech Co")
    assert tech.tokens == ("yanji", "silverstar", "network", "tech") and tech.abbreviated[-1]
    assert normalize_name("Chosun Expo JV").legal_forms == ("jv",)


def test_trade_and_trading_are_one_word() -> None:
    """DANDONG HONGDA TRADE CO. LTD. is "… Trading Co., Ltd." in a vendor master as often."""
    assert (
        normalize_name("Dandong Hongda Trade Co").tokens == normalize_name("Dandong Hongda Trading Co").tokens
    )
    assert normalize_name("Foreign Trade Bank").expansions == ()  # not said: both sides read alike


@pytest.mark.parametrize(
    "text",
    [
        "Huaxin Shipping Hong Kong Ltd",
        "Huaxin Shipping HongKong Ltd",
        "Huaxin Shipping HK Ltd",
        "Huaxin Shipping H.K. Ltd",
    ],
)
def test_hong_kong_is_one_word(text: str) -> None:
    assert list(normalize_name(text).tokens) == ["huaxin", "shipping", "hongkong"]


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        # business words the lists write in English: DANDONG KEHUA ECONOMIC AND TRADE
        ("丹东科华经贸有限公司", ("dan", "dong", "ke", "hua", "economic", "trading")),
        ("丹東中盛工貿有限公司", ("dan", "dong", "zhong", "sheng", "industry", "trading")),
        ("辽宁丹星国际货运代理有限公司", ("liao", "ning", "dan", "xing", "international", "forwarding")),
        ("上海墨星文化传媒有限公司", ("shang", "hai", "mo", "xing", "cultural", "media")),
        ("福建南安进出口公司", ("fu", "jian", "nan", "an", "import", "export")),
        # 动画 (animation) and 东华 (Donghua) read alike in pinyin: only the characters tell
        ("东华动画", ("dong", "hua", "animation")),
    ],
)
def test_chinese_business_words_are_translated(name: str, tokens: tuple[str, ...]) -> None:
    norm = normalize_name(name)
    assert norm.tokens == tokens
    # each said in the explanation as written
    assert all((h, w) in norm.expansions for h, w in _HAN_WORDS.items() if h in name)


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Dalnevostochny Bank", ("far", "eastern", "bank")),  # ый written "y"
        ("Дальневосточный банк", ("far", "eastern", "bank")),
        ("Европейский институт «Юсто»", ("european", "institut", "yusto")),
    ],
)
def test_russian_adjectives_however_transliterated(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize_name(name).tokens == tokens


@pytest.mark.parametrize(
    ("name", "tokens", "removed"),
    [
        # cut at 40 characters in a legal form: the form, cut
        (
            "KOREA MINING DEVELOPMENT TRADING CORPORA",
            ("korea", "mining", "development", "trading"),
            ("corpora",),
        ),
        (
            "KOREA RYONHA MACHINERY JOINT VENTURE COR",
            ("korea", "ryonha", "machinery"),
            ("joint", "venture", "cor"),
        ),
        # ... or in a word: its start, read as an abbreviation
        (
            "NATIONAL AEROSPACE DEVELOPMENT ADMINISTR",
            ("national", "aerospace", "development", "administr"),
            (),
        ),
        # (not the first word of a form of several: SCIE may be sciences)
        ("SECOND ACADEMY OF NATURAL SCIE", ("second", "academy", "natural", "scie"), ()),
        # not at another length
        ("KOREA MINING DEVELOPMENT CORPORA", ("korea", "mining", "development", "corpora"), ()),
        # North Korea's name in full, cut: read whole
        ("FOREIGN TRADE BANK OF THE DEMOCRATI", ("foreign", "trading", "bank", "dprk"), ()),
        ("CENTRAL BANK OF THE DEMOCRATIC PEOP", ("central", "bank", "dprk"), ()),
    ],
)
def test_a_name_cut_at_a_field_width(name: str, tokens: tuple[str, ...], removed: tuple[str, ...]) -> None:
    n = normalize_name(name)
    assert (n.tokens, n.legal_forms) == (tokens, removed)
    assert n.abbreviated[-1] == (len(name) in (30, 35, 40, 50) and not removed and "dprk" not in n.tokens)
