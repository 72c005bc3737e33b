"""One normaliser for list names and supplier names.

Both sides of every comparison go through :func:`normalize_name`, so that what is removed
or rewritten is the same for a listed name and a supplier name (rigour's rule):

1. Unicode NFKC and case folding; ``&`` becomes ``and``.
2. Transliteration to Latin with anyascii: Cyrillic (Зил-М → zil m), Hangul (남강 → namgang),
   Chinese (平壤 → ping rang; one syllable per character, so word boundaries can differ from
   a list's romanisation — the matcher joins adjacent tokens to compensate), Japanese kana.
   Limits: anyascii romanises Hangul by Revised Romanization and Chinese by toneless pinyin;
   McCune-Reischauer list spellings (Ch'olhyo'n) and Wade-Giles are bridged by the matcher's
   romanisation key (:func:`roman_key`), not here, as are South Korean spellings of North
   Korean names (능라도 for 릉라도 Rungrado). A word in Cyrillic letters that, read as Korean
   written in Russian (the Kontsevich system: Чхольхён, Хынджин, Корё), is a romanised Korean
   word is read so (cholhyon, heunjin, koryo), not as Russian (chkholkhen, khyndzhin, kore):
   see :func:`korean_from_cyrillic`. Generic words written in Hangul or Chinese
   characters are translated (무역 trading, 건설 construction, 조선 Korea — as North Korea
   writes it; in South Korean names it is as often shipbuilding, read as a place word there
   too —, 총회사 general corporation, 有限公司 …). A name in Chinese characters with North
   Korea's name (朝鲜, not 朝鲜族) or one only North Korea has (平壤 Pyongyang, 罗先 Rason,
   万寿台 Mansudae ...) in it is read in Korean, each
   character by its Sino-Korean reading (``reference/hanja_readings.csv``): 朝鲜万寿台创作社
   is 조선 만수대 창작사, Korea Mansudae Art Studio, where Mandarin reads "chao xian wan shou tai".
3. Apostrophes vanish inside words (Ch'olhyo'n → cholhyon); other punctuation splits words.
   English business words as Russian writes them are read as the English word, on both
   sides (Трейдинг Корпорейшн → treyding korporeyshn → trading corporation; КОРПОРАТИОН,
   letter for letter; the Latin KOMPANIYA of a list), before legal forms are removed.
4. Legal forms (Co., Ltd., LLC, OOO, JSC, SARL, W.L.L., 有限公司 …, from rigour's table in
   ``reference/legal_forms.csv``) are removed at the start and end of the name and recorded;
   also when written with a slip: a long word of the form mistyped by a letter or romanised
   otherwise (Compnay, Uitary Enterprise, Ogranijennoi), its edge word split in two (Corp
   Oration), or the form glued to the name where the case changes (ParsekLLC, KOTIcorp);
   in a name written in Cyrillic, an English form spelt letter for letter (ДЖОИНТ СТОКК
   КОМПАНЙ, ЛЛК), and the form word Russian puts between the words that describe a company
   and its name (Генеральная корпорация Рёнбон, Ryonbon General Corporation).
5. Abbreviations are expanded (Corp → corporation, Gen → general, Constr → construction …).
6. Numbers are kept as tokens; the matcher requires them to agree.
7. Words in parentheses, and a branch or office after the name, are qualifiers: they say
   where or which office, not which company, and weigh a quarter (a branch's own words
   nothing). A branch is a city at the end ("Koryo Bank Vladivostok"), words of a branch
   ("… Rep. Office", "… Branch"), in Chinese characters or Hangul (沈阳代表处, 모스크바
   지점) or in Russian, before or after the company ("Представительство банка Корё в Москве",
   "Корё Банк, филиал во Владивостоке": the city as it is named, not in its case).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from anyascii import anyascii
from rapidfuzz.distance import OSA, Levenshtein

ABBREVIATIONS: dict[str, str] = {
    "corp": "corporation",
    "corpn": "corporation",
    "co": "company",
    "cos": "companies",
    "cie": "company",
    "gen": "general",
    "genl": "general",
    "constr": "construction",
    "constrn": "construction",
    "constn": "construction",
    "bkg": "banking",
    "const": "construction",
    "cons": "construction",
    "contr": "construction",
    "intl": "international",
    "trade": "trading",  # (a company's trade word: DANDONG TIANFU TRADE CO is "… Trading Co." as often)
    "int": "international",
    "internat": "international",
    "trdg": "trading",
    "trad": "trading",
    "tradg": "trading",
    "grp": "group",
    "shpg": "shipping",
    "shipg": "shipping",
    "svcs": "services",
    "svc": "services",
    "serv": "services",
    "servs": "services",
    "mfg": "manufacturing",
    "mfr": "manufacturing",
    "dev": "development",
    "devt": "development",
    "dvlp": "development",
    "engg": "engineering",
    "eng": "engineering",
    "engr": "engineering",
    "ind": "industrial",
    "inds": "industries",
    "indus": "industrial",
    "natl": "national",
    "nat": "national",
    "assn": "association",
    "assoc": "association",
    "bros": "brothers",
    "ent": "enterprise",
    "ents": "enterprises",
    "mgmt": "management",
    "mgt": "management",
    "hldgs": "holdings",
    "hldg": "holding",
    "invt": "investment",
    "inv": "investment",
    "dept": "department",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "dist": "district",
    "prov": "province",
    "export": "export",
    "imp": "import",
    "exp": "export",
    "agcy": "agency",
    "bur": "bureau",
    "admin": "administration",
    "univ": "university",
    "rep": "representative",
    "pyongyang": "pyongyang",
    "dprk": "dprk",
    "n": "north",
    "s": "south",
    "organisation": "organization",
    "programme": "program",
    "centres": "centers",
}
# English business words as Russian writes them, transliterated (Корпорейшн → korporeyshn),
# and letter for letter (КОРПОРАТИОН → korporation): read as the English word, before legal
# forms are removed, so that "Трейдинг Корпорейшн" is "trading corporation" as listed
CYRILLIC_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "korporeyshn",
            "korporeishn",
            "korporeshn",
            "korporeyshen",
            "korporation",
            "korporatsiya",
            "korporatsii",
        ),
        "corporation",
    ),
    **dict.fromkeys(("kompani", "kompaniya", "kompanii", "kompany", "kampani"), "company"),
    **dict.fromkeys(("treyding", "treiding"), "trading"),
    **dict.fromkeys(("treyd", "treid"), "trade"),
    **dict.fromkeys(("dzheneral", "dzhenerel"), "general"),
    **dict.fromkeys(("interneshnl", "interneshnal", "interneshenal", "internatsional"), "international"),
    **dict.fromkeys(("grupp", "gruppa"), "group"),
    **dict.fromkeys(("studiya", "studii"), "studio"),
    **dict.fromkeys(
        (
            "konstrakshn",
            "konstrakshen",
            "konstruktion",
            "stroitelnaya",
            "stroitelnoe",
            "stroitelnyy",
            "stroitelnyi",
            "stroitelstvo",
            "stroitelstva",
            "stroy",
        ),
        "construction",
    ),
    **dict.fromkeys(("sudokhodnaya", "sudokhodnoe", "sudokhodnyy", "sudokhodnyi"), "shipping"),
    **dict.fromkeys(("khudozhestvennaya", "khudozhestvennoe", "khudozhestvennyy"), "art"),
    **dict.fromkeys(("lesozagotovitelnaya", "lesozagotovitelnoe", "lesozagotovitelnyy"), "logging"),
    **dict.fromkeys(("banka", "banke"), "bank"),  # (of, at the bank)
    "kholding": "holding",
    "kholdings": "holdings",
    "indastriz": "industries",
    "indastrial": "industrial",
    **dict.fromkeys(("teknolodzhi", "tekhnolodzhi", "tekhnologii", "tekhnologiya"), "technology"),
    "mayning": "mining",
    **dict.fromkeys(("logistiks", "logistika"), "logistics"),
    "eksport": "export",
    "enterprayz": "enterprise",
    **dict.fromkeys(("resorsez", "resursy"), "resources"),
    "yunayted": "united",
    "oversiz": "overseas",
    **dict.fromkeys(("zarubezhnaya", "zarubezhnyy", "zarubezhnoe"), "overseas"),
    **dict.fromkeys(("bankovskaya", "bankovskiy", "bankovskoe"), "banking"),
    **dict.fromkeys(("eyr", "eir"), "air"),
    "oushen": "ocean",
    "maritaym": "maritime",
    **dict.fromkeys(("menedzhment", "menedzhmen"), "management"),
    "servisez": "services",
    "servis": "service",
    "enerdzhi": "energy",
    "inzhiniring": "engineering",
    "kommershl": "commercial",
    **dict.fromkeys(("prodzhekt", "proekt"), "project"),
    "benking": "banking",
    "koreya": "korea",
    **dict.fromkeys(("koreyskaya", "koreyskoe", "koreyskiy", "koreiskaya"), "korean"),
    **dict.fromkeys(("generalnaya", "generalnoe", "generalnyy"), "general"),
    **dict.fromkeys(("vneshnego", "vneshney", "vneshnyaya"), "external"),
    **dict.fromkeys(("torgovaya", "torgovoe", "torgovyy", "torgovyi"), "trading"),
    "kndr": "dprk",
    **dict.fromkeys(("tsentralnyy", "tsentralnyi", "tsentralnaya", "tsentralnoe"), "central"),
    **dict.fromkeys(("natsionalnaya", "natsionalnyy", "natsionalnyi", "natsionalnoe"), "national"),
    **dict.fromkeys(("strakhovaya", "strakhovoe", "strakhovoy", "strakhovoi", "strakhovaniya"), "insurance"),
    **dict.fromkeys(
        ("dalnevostochnyy", "dalnevostochnyi", "dalnevostochnaya", "dalnevostochnoe"), "far eastern"
    ),
    **dict.fromkeys(
        ("vneshnetorgovaya", "vneshnetorgovyy", "vneshnetorgovyi", "vneshnetorgovoe"), "foreign trade"
    ),
    **dict.fromkeys(("kommercheskiy", "kommercheskii", "kommercheskaya"), "commercial"),
    **dict.fromkeys(("koreyskoy", "koreiskoi"), "korean"),
    **dict.fromkeys(("demokraticheskoy", "demokraticheskaya", "demokraticheskoi"), "democratic"),
    **dict.fromkeys(("respubliki", "respublika"), "republic"),
    **dict.fromkeys(
        ("evropeyskiy", "evropeyskaya", "evropeyskoe", "evropeiskii", "yevropeyskiy"), "european"
    ),
}
# the adjectives' ending ый written "y" as well as "yy", "yi" ("Dalnevostochny Bank")
CYRILLIC_WORDS.update(
    {k[:-1]: v for k, v in list(CYRILLIC_WORDS.items()) if k.endswith("yy") and k[:-1] not in CYRILLIC_WORDS}
)
# only words that are never a syllable of a romanised Korean or Chinese name ("Rung Ra Do")
STOPWORDS = frozenset("and the of for de del les du des et und".split())
# words of a group of companies, written after a legal form ("… Co., Ltd. Group")
GROUP_WORDS = frozenset({"group", "holding", "holdings"})
# single short legal forms that are also ordinary words or syllables: never removed
_NOT_LEGAL = frozenset(
    "in up et as se pr ro kor ed od np moo mou gp ku jp na n a ll lt cooperation cooperative charity union "
    "group trust bank fund".split()
)
_APOSTROPHES = "'’‘`´ʼʻ′"
_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


# Han ideographs, Hangul syllables, kana: transliterated one syllable per token
_SYLLABIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _spaced(m: re.Match[str]) -> str:
    """A syllable with a space either side (a function: re's template is 3x slower)."""
    return f" {m.group()} "


# romanised CJK words that mean a generic business word (joined, then translated)
CJK_WORDS: dict[tuple[str, ...], str] = {
    ("shi", "ye"): "industrial",
    ("gong", "ye"): "industrial",
    ("fa", "zhan"): "development",
    ("ke", "ji"): "technology",
    ("tou", "zi"): "investment",
    ("yin", "hang"): "bank",
    ("hai", "yun"): "shipping",
    ("chuan", "bo"): "shipping",
    ("wu", "liu"): "logistics",
    ("gong", "cheng"): "engineering",
    ("eun", "haeng"): "bank",
    ("san", "eob"): "industrial",
    ("sang", "eob"): "commercial",
    ("gi", "sul"): "technology",
    ("mao", "yi"): "trading",
    ("jian", "she"): "construction",
    ("jian", "zhu"): "construction",
    ("ji", "tuan"): "group",
    ("guo", "ji"): "international",
    ("kai", "fa"): "development",
    ("shang", "mao"): "trading",
    ("kuang", "ye"): "mining",
    ("xin", "yong"): "credit",
    ("jin", "shu"): "metal",
    ("cai", "liao"): "material",
    ("wang", "luo"): "network",
    ("mu", "yeog"): "trading",
    ("geon", "seol"): "construction",
    ("hoe", "sa"): "company",
    ("gong", "si"): "company",
    ("sang", "sa"): "trading",
    ("gae", "bal"): "development",
    ("gwang", "eob"): "mining",
    # North Korean names written in Hangul: 조선 (Korea), 총회사 (general corporation), ...
    ("jo", "seon"): "korea",
    ("chong", "hoe", "sa"): "general company",
    ("chong", "mu", "yeog"): "general trading",
    ("chong", "gug"): "general bureau",
    ("hae", "oe"): "overseas",
    ("hae", "un"): "shipping",
    ("hab", "yeong"): "joint venture",
    ("gi", "gye"): "machinery",
    ("jeon", "ja"): "electronics",
    ("su", "chul", "ib"): "export import",
    ("gong", "eob"): "industrial",
    ("lyeon", "hab"): "united",
    ("yeon", "hab"): "united",
    ("bo", "heom"): "insurance",
    ("sin", "yong"): "credit",
    ("chang", "jag", "sa"): "art studio",
    ("keom", "pyu", "teo"): "computer",
    ("sen", "teo"): "center",
    ("kom", "pyu", "teo"): "computer",  # (as North Korea writes them: 콤퓨터 쎈터)
    ("ssen", "teo"): "center",
    ("dae", "hag"): "university",
    ("won", "yang"): "ocean",
    ("gwan", "li"): "management",
    ("dae", "oe"): "external",
    ("geu", "lub"): "group",
    # ... and Chinese characters read in Korean (see read_in_korean): 公司, 总公司, 有限, 航空 ...
    ("gong", "sa"): "company",
    ("chong", "gong", "sa"): "general company",
    ("yu", "han"): "limited",
    ("hang", "gong"): "air",
    ("gug", "je"): "international",
    ("jib", "dan"): "group",
    # North Korea's cities, read in Korean from Hangul or Chinese characters, as the lists write
    # them (평양, 平壤 Pyongyang: one word, a place); each has a syllable Mandarin has not, and
    # only those whose syllables seldom end and begin other words (not 원산 in 대원산업, Daewon
    # Industrial; nor 남포, 개성, 청진)
    ("pyeong", "yang"): "pyongyang",
    ("sin", "ui", "ju"): "sinuiju",
    ("la", "seon"): "rason",
    ("ham", "heung"): "hamhung",
}


# words in Chinese characters translated before they are read: those whose pinyin, toneless,
# is another word's (银行, bank, reads "yin xing" as 银星, silver star, does; 动画, animation,
# "dong hua" as 东华, Donghua), and business words the lists write in English ("DANDONG
# KEHUA ECONOMIC AND TRADE", 丹东科华经贸; "SHANGHAI MOXING CULTURAL MEDIA", 上海墨星文化传媒).
# Simplified and traditional; the longer first
_HAN_WORDS = {
    "货运代理": "forwarding",
    "貨運代理": "forwarding",
    "进出口": "import export",
    "進出口": "import export",
    "银行": "bank",
    "銀行": "bank",
    "经贸": "economic trade",
    "經貿": "economic trade",
    "工贸": "industry trade",
    "工貿": "industry trade",
    "船务": "shipping",
    "船務": "shipping",
    "环球": "global",
    "環球": "global",
    "文化": "cultural",
    "传媒": "media",
    "傳媒": "media",
    "动画": "animation",
    "動畫": "animation",
}


def fold(text: str) -> str:
    """NFKC, transliterate to ASCII, case-fold, drop apostrophes, punctuation to spaces."""
    if text.isascii() and text.isalnum():  # one plain word, most of them: all the rest leaves it as is
        return text.lower()
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("&", " and ").replace("+", " and ")
    for a in _APOSTROPHES:
        t = t.replace(a, "")
    if _SYLLABIC.search(t):
        for han, word in _HAN_WORDS.items():
            t = t.replace(han, f" {word} ")
        t = _SYLLABIC.sub(_spaced, t)
    t = anyascii(t)
    t = t.replace("'", "").casefold()
    t = _PUNCT.sub(" ", t).replace("_", " ")
    t = _SPACES.sub(" ", t).strip()
    if " " in t and any(len(w) <= 4 for w in t.split()):
        t = _join_cjk_words(t)
    return t


def _join_cjk_words(t: str) -> str:
    words = t.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            run = tuple(words[i : i + n])
            if len(run) == n and run in CJK_WORDS:
                out.append(CJK_WORDS[run])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


@dataclass(frozen=True)
class NormName:
    """A name ready for comparison, and what normalisation did to it (for explanations)."""

    original: str
    tokens: tuple[str, ...]  # core tokens
    qualifier: tuple[bool, ...]  # token was in parentheses (a place or branch qualifier)
    abbreviated: tuple[bool, ...]  # token was written with a trailing full stop ("Arch.")
    legal_forms: tuple[str, ...]  # legal-form words removed
    expansions: tuple[tuple[str, str], ...]  # (as written, expanded)

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def compact(self) -> str:
        return "".join(self.tokens)

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(t for t in self.tokens if t.isdigit())


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[tuple[str, ...]]:
    path = Path(str(resources.files("screen") / "data" / "legal_forms.csv"))
    forms: set[tuple[str, ...]] = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            toks = tuple(fold(row["alias"]).split())
            if not toks or (len(toks) == 1 and toks[0] in _NOT_LEGAL):
                continue
            forms.add(toks)
            # the dotted spelling folds to letters ("s.r.o." -> "s r o"); also accept them joined
            if len(toks) > 1 and all(len(t) == 1 for t in toks):
                forms.add(("".join(toks),))
    return frozenset(forms)


@lru_cache(maxsize=1)
def _legal_ends() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Per word, the lengths of the legal forms it ends (and of those it begins), longest first."""
    forms = _legal_forms()
    last: dict[str, set[int]] = defaultdict(set)
    first: dict[str, set[int]] = defaultdict(set)
    for f in forms:
        last[f[-1]].add(len(f))
        first[f[0]].add(len(f))
    return (
        {w: tuple(sorted(n, reverse=True)) for w, n in last.items()},
        {w: tuple(sorted(n, reverse=True)) for w, n in first.items()},
    )


# a legal form written with slips is still the legal form: a word of it mistyped by one letter
# (COMPNAY, CLMPANY, LIMLTED, UITARY ENTERPRISE, OBSCHESTVO S OGRANICHENOI ...) or its edge
# word split in two (CORPOR ATION, CORP ORATION); only words this long, and a form of one
# word only longer still and at the end, as shorter words are a letter away from names
# (Berhan is not BERHAD)
NEAR_FORM_WORD = 6
NEAR_FORM_ALONE = 7
NEAR_FORM_WORDS = 6  # forms of up to this many words
NEAR_FORM_CONTEXT = 5  # letters of a form's other words, exactly there, that a slip needs
SLIP_ALONE_LEN = 9  # a form of one word this long is itself with any one letter changed (see _near_word)


def _slip_alone_ok(f: str) -> bool:
    return f == "company" or len(f) >= SLIP_ALONE_LEN


@lru_cache(maxsize=2)
def _forms_by_edge(start: bool) -> dict[str, list[tuple[str, ...]]]:
    """The legal forms of up to NEAR_FORM_WORDS words by the word that ends (``start``:
    begins) them."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for f in _legal_forms():
        if len(f) <= NEAR_FORM_WORDS and (len(f) > 1 or not start):
            out[f[0] if start else f[-1]].append(f)
    return dict(out)


@lru_cache(maxsize=2)
def _form_edges(start: bool) -> dict[tuple[str, str], tuple[str, ...]]:
    """The long words that end (begin) a legal form, by their first and last letters (a slip
    of one letter inside a word keeps both: COMPNAY, LIMLTED, UITARY)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for w in _forms_by_edge(start):
        if len(w) >= NEAR_FORM_WORD:
            out[w[0], w[-1]].append(w)
    return {k: tuple(v) for k, v in out.items()}


def _near_word(t: str, f: str, alone: bool = False) -> bool:
    """Whether ``t`` is the legal-form word ``f``, or a long one mistyped by one letter or
    romanised otherwise (OGRANIJENNOI). Not its plural (Enterprises, Ventures: words of
    names). ``alone``: the form is this one word, with nothing to confirm it, so the slip must
    be a letter left out, added or swapped (Compnay, Limted, Commpany), not one letter for
    another, which as often makes another word (Campania, Limiter, Limites); except in
    "company" and in forms of SLIP_ALONE_LEN letters or more (Compeny, Corporatian,
    Incorporatid), which no word of a name is a letter away from."""
    if t == f:
        return True
    if (
        len(f) < NEAR_FORM_WORD
        or abs(len(t) - len(f)) > 2
        or t in (f + "s", f + "es")
        or f in (t + "s", t + "es")
    ):
        return False
    if OSA.distance(t, f, score_cutoff=1) <= 1:
        return not (
            alone
            and len(t) == len(f)
            and not _slip_alone_ok(f)
            and Levenshtein.distance(t, f, score_cutoff=1) <= 1
        )
    return not alone and roman_key(t) == roman_key(f)


# the legal forms of one word that vendor masters write most, in English or as English is
# written elsewhere: spelt letter for letter in Cyrillic (ЛЛК), or glued to the name (ParsekLLC)
COMMON_FORMS = frozenset(
    "llc ltd inc corp co plc llp pte pvt gmbh jsc pjsc ojsc cjsc ooo company limited corporation kompaniya".split()
)
# ... and those that begin names
COMMON_FORMS_FIRST = frozenset("ooo jsc pjsc ojsc cjsc llc company compania kompaniya".split())

# English written in Cyrillic letter for letter, as anyascii reads it back: J as ДЖ (dzh), H
# as Х (kh), X as КС (ks), C and Q as К (k), W as В (v), Y as Й or И (y, i); both sides
# reduced alike: "ДЖОИНТ СТОКК КОМПАНЙ" and JOINT STOCK COMPANY are one spelling
_EN_CYRILLIC = (("dzh", "j"), ("kh", "h"), ("x", "ks"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"))


@lru_cache(maxsize=65536)
def _en_key(w: str) -> str:
    for a, b in _EN_CYRILLIC:
        w = w.replace(a, b)
    return w


@lru_cache(maxsize=1)
def _keyed_forms() -> tuple[frozenset[tuple[str, ...]], tuple[int, ...]]:
    """The legal forms as English written in Cyrillic reads back (:func:`_en_key`), and their
    lengths."""
    forms = {
        tuple(_en_key(w) for w in f)
        for f in _legal_forms()
        if (1 < len(f) <= NEAR_FORM_WORDS and sum(map(len, f)) >= NEAR_FORM_CONTEXT) or f[0] in COMMON_FORMS
    }
    return frozenset(forms), tuple(sorted({len(f) for f in forms}, reverse=True))


def _keyed_form_edge(tokens: list[str], room: int, start: bool) -> int:
    """How many words at the end (``start``: the start) of the words of a name written in
    Cyrillic are a legal form in English spelt letter for letter (ДЖОИНТ СТОКК КОМПАНЙ,
    ЛТД. КО, ЛЛК: dzhoint stokk, ltd ko, llk)."""
    forms, lengths = _keyed_forms()
    for n in lengths:
        if n <= room and (n >= 2 or not start):
            if tuple(_en_key(t) for t in (tokens[:n] if start else tokens[-n:])) in forms:
                return n
    return 0


@lru_cache(maxsize=65536)
def _edge_forms(w: str, start: bool) -> tuple[tuple[str, ...], ...]:
    """The legal forms that end (begin) with ``w`` or with a word one letter from it, longest
    first."""
    by_edge = _forms_by_edge(start)
    near = [w] if w in by_edge else []
    if len(w) >= NEAR_FORM_WORD - 1:
        near += [
            e
            for e in _form_edges(start).get((w[0], w[-1]), ())
            if e != w and abs(len(e) - len(w)) <= 1 and OSA.distance(w, e, score_cutoff=1) <= 1
        ]
    return tuple(sorted((f for e in near for f in by_edge[e]), key=len, reverse=True))


def _near_form_edge(tokens: list[str], room: int, start: bool) -> int:
    """How many words at the end (``start``: the start) of ``tokens`` are a legal form with
    slips (0: none); ``room``: at most this many."""
    # as written, or with the two edge words joined (a form's edge word split in two)
    for split in (0, 1):
        if split:
            if room < 2 or len(tokens) < 2:
                return 0
            joined = tokens[0] + tokens[1] if start else tokens[-2] + tokens[-1]
            if joined not in _forms_by_edge(start):
                return 0
            seq = [joined, *tokens[2:]] if start else [*tokens[:-2], joined]
        else:
            seq = tokens
        for f in _edge_forms(seq[0] if start else seq[-1], start):
            n = len(f)
            if n > room - split or (n == 1 and len(f[0]) < NEAR_FORM_ALONE and not split):
                continue
            part = seq[:n] if start else seq[-n:]
            slips = [i for i in range(n) if part[i] != f[i]]
            # a slip in a form of several words: the others, exactly there, long enough to
            # confirm it (not "Clarity Fund" for CHARITY FUND)
            if all(_near_word(part[i], f[i], n == 1) for i in slips) and (
                n == 1 or not slips or sum(len(f[i]) for i in range(n) if i not in slips) >= NEAR_FORM_CONTEXT
            ):
                return n + split
    return 0


def _exact_start(
    tokens: list[str],
    forms: frozenset[tuple[str, ...]],
    by_first: dict[str, tuple[int, ...]],
    room: int | None = None,
) -> int:
    """How many words at the start of ``tokens`` are a legal form as written (at most ``room``,
    and a word of two letters is no form there: "AG Trading" may be initials)."""
    room = len(tokens) - 1 if room is None else room
    n = next((n for n in by_first.get(tokens[0], ()) if n <= room and tuple(tokens[:n]) in forms), 0)
    return 0 if n == 1 and len(tokens[0]) <= 2 else n


def _exact_end(tokens: Sequence[str], room: int) -> int:
    """How many words at the end of ``tokens`` are a legal form as written: the longest, of at
    most ``room`` words (0: none)."""
    forms = _legal_forms()
    return next(
        (n for n in _legal_ends()[0].get(tokens[-1], ()) if n <= room and tuple(tokens[-n:]) in forms), 0
    )


def _strip_legal(tokens: list[str], protected: int, cyrillic: bool = False) -> tuple[list[str], list[str]]:
    """Remove legal forms from the end (repeatedly) and the start of ``tokens``: the longest
    form that ends (begins) them each time; where none does, one written with a slip (see
    NEAR_FORM_WORD), and in a name written in Cyrillic (``cyrillic``) an English one spelt
    letter for letter (see :func:`_keyed_form_edge`)."""
    forms = _legal_forms()
    by_first = _legal_ends()[1]
    removed: list[str] = []
    changed = True
    while changed and len(tokens) > protected:
        changed = False
        n = _exact_end(tokens, len(tokens) - protected)
        if cyrillic or not n:
            # a form with a slip at the end leaves a word that is not a legal form ("LLC
            # Compnay" is Compnay LLC, "ООО ПМК" keeps ПМК)
            room = len(tokens) - max(protected, 1)
            if room > 0:
                room -= _exact_start(tokens, forms, by_first)
            if cyrillic and room > 0:
                n = max(n, _keyed_form_edge(tokens, room, False))
            if not n and room > 0:
                n = _near_form_edge(tokens, room, False)
        if n:
            removed[:0] = tokens[-n:]
            del tokens[-n:]
            changed = True
    if len(tokens) > max(protected, 1):
        room = len(tokens) - max(protected, 1)
        n = _exact_start(tokens, forms, by_first, room)
        if cyrillic:
            n = max(n, _keyed_form_edge(tokens, room, True))
            if not n and (tokens[0],) in forms:
                n = 1  # written in Cyrillic, АО, ИП are forms, not initials ("AG Trading")
        # a longer form with a slip wins over a shorter one as written ("OPEN JOINT STOCK
        # COMMPANY X" is X, not "commpany x")
        n = max(n, _near_form_edge(tokens, room, True))
        if n:
            removed.extend(tokens[:n])
            del tokens[:n]
    return tokens, removed


def _form_before_group(tokens: Sequence[str]) -> int:
    """How many words before a last group word ("… Joint Venture Corporation Group", "… PJSC
    Holdings") are legal forms as written, leaving a word of the name before them (0: none)."""
    if len(tokens) < 3 or tokens[-1] not in GROUP_WORDS:
        return 0
    end = len(tokens) - 1  # where the forms end
    while n := _exact_end(tokens[:end], end - 1):
        end -= n
    return len(tokens) - 1 - end


# the widths at which ERP and accounting systems cut a name (SAP's NAME1 35 characters, others
# 30, 40, 50): a name of exactly that length may end in the start of a word
CUT_WIDTHS = frozenset({30, 35, 40, 50})


def _paren_open(text: str) -> bool:
    """Whether ``text`` opens a parenthesis it does not close (cut inside a qualifier)."""
    return text.count("(") > text.count(")")


_NORTH_KOREA_FULL = ("democratic", "peoples", "republic", "of", "korea")


def _cut_north_korea(words: Sequence[str]) -> int:
    """How many words at the end of ``words`` are North Korea's name in full cut short, after
    "of" or "the" ("... of the Democrati", "... of the Democratic Peop"); 0 when none are."""
    for k in range(min(len(_NORTH_KOREA_FULL), len(words) - 1), 0, -1):
        tail, full = words[-k:], _NORTH_KOREA_FULL[:k]
        if (
            words[-k - 1] in ("of", "the")
            and tuple(tail[:-1]) == full[:-1]
            and full[-1] != tail[-1]
            and full[-1].startswith(tail[-1])
            and len(tail[-1]) >= (5 if k == 1 else 1)
        ):
            return k
    return 0


@lru_cache(maxsize=1)
def _forms_by_last_start() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The legal forms by the first two letters of their last word."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for form in _legal_forms():
        out[form[-1][:2]].append(form)
    return {k: tuple(v) for k, v in out.items()}


def _cut_form(tokens: Sequence[str]) -> int:
    """How many words at the end of ``tokens`` are a legal form cut short in its last word ("...
    trading corpora", "... joint ventu", "... joint venture cor"): the words before as in the
    form, the last the start of the form's last word (three letters or more, two after the
    form's other words); 0 when none is, or nothing would be left."""
    last = tokens[-1]
    best = 0
    for form in _forms_by_last_start().get(last[:2], ()):
        k = len(form)
        if (
            k < len(tokens)
            and len(last) >= (2 if k > 1 else 3)
            and form[-1] != last
            and form[-1].startswith(last)
            and tuple(tokens[len(tokens) - k : -1]) == form[:-1]
        ):
            best = max(best, k)
    return best


def _join_initials(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Runs of single letters are one word: "A.B.C." -> "abc", "S.C. Johnson" -> "sc johnson"."""
    out: list[tuple[str, bool]] = []
    run: list[str] = []
    for w, ab in [*words, ("", False)]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.append(("".join(run), False))
        elif run:
            out.append((run[0], False))
        run = []
        if w:
            out.append((w, ab))
    return out


# Russian puts the kind of company before its name, after the words that say what it does:
# "Торговая компания «Сонбон»" is Sonbon Trading Company, "Генеральная корпорация Рёнбон" is
# Ryonbon General Corporation. The form word there is a legal form as it is at the end of an
# English name (and is removed as one); the words before it describe, the words after name.
_RUSSIAN_FORM_NOUNS = frozenset({"company", "corporation"})


def _russian_form_last(words: list[tuple[str, bool]], read: list[str]) -> list[tuple[str, bool]]:
    """``words`` (read as English) with a Russian form word that follows only words read from
    Russian descriptions (and legal forms: "ООО «Торговая компания …»") and comes before the
    name moved to the end, where legal forms are removed (``read``: the words as they were
    before they were read as English)."""
    forms = _legal_forms()
    for k in range(1, len(words) - 1):
        if words[k][0] not in _RUSSIAN_FORM_NOUNS or read[k] == words[k][0]:
            continue
        if all(
            (read[i] in CYRILLIC_WORDS and read[i] != words[i][0]) or (read[i],) in forms for i in range(k)
        ):
            return [*words[:k], *words[k + 1 :], words[k]]
        break
    return words


MAX_WORDS = 40


@lru_cache(maxsize=100_000)
def _chunk_words(chunk: str) -> tuple[tuple[str, bool], ...]:
    """The folded words of one whitespace-separated chunk of a name, each with whether the
    chunk was written with a trailing full stop ("Arch."). Chunks repeat across names. A word
    in Cyrillic letters that reads as a romanised Korean word when read as Korean is written
    in Russian (:func:`korean_from_cyrillic`) is that word: Рёнбон is ryonbon, not renbon."""
    abbreviated = (chunk.endswith(".") and len(chunk.rstrip(".")) >= 2) or chunk.casefold() in _SHORT_WORDS
    words = fold(_unglue_form(chunk)).split()
    if not chunk.isascii() and _CYRILLIC.search(chunk):
        korean = fold(korean_from_cyrillic(chunk)).split()
        # (not when х, read h, is all that differs: ХАМ stays kham, as the lists write it)
        kh = fold(korean_from_cyrillic(chunk, "kh")).split()
        if len(korean) == len(words) == len(kh):
            words = [
                k if k != w and h != w and w not in CYRILLIC_WORDS and looks_korean(k) else w
                for w, k, h in zip(words, korean, kh, strict=True)
            ]
    return tuple((t, abbreviated) for t in words)


# Korean as Russian writes it (the Kontsevich system, and the older spellings it keeps), read
# back into the Latin spellings of the lists (McCune-Reischauer without its marks): кх, тх,
# пх, чх are the aspirates k, t, p, ch (Чхольхён Cholhyon), х is h (Хынджин Heungjin), ы is
# eu, э is ae (Мансудэ Mansudae), ё is yo (Корё Koryo, Рёнбон Ryonbong), дж and чж are j,
# ль is l, в between к, г, х, с or ч and a vowel is w (Квансон Kwangson). Letters Korean
# written in Russian has not (ф, ц, ш, щ, з) stay as they are read in Russian, so such a word
# is no Korean word: English and Turkish written letter for letter (ФЕНГ, САНАЙИ) keep their
# reading. The final н of a syllable is also ng in Korean (Рёнбон), which the comparison's
# spelling similarity bridges.
_KONTSEVICH_MULTI = (
    ("кх", "k"),
    ("тх", "t"),
    ("пх", "p"),
    ("чх", "ch"),
    ("чж", "j"),
    ("дж", "j"),
    ("ль", "l"),
    ("ый", "ui"),
)
_KONTSEVICH_W = re.compile("(?<=[кгхсч])в(?=[аоуэеиыяёю])")
_KONTSEVICH = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
        "ъ": "", "ы": "eu", "ь": "", "э": "ae", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


def korean_from_cyrillic(text: str, kh: str = "h") -> str:
    """``text`` with its Cyrillic letters read as Korean written in Russian (see above); ``kh``:
    how х is read."""
    t = unicodedata.normalize("NFC", text).lower()
    for a, b in _KONTSEVICH_MULTI:
        t = t.replace(a, b)
    return _KONTSEVICH_W.sub("w", t).replace("х", kh).translate(_KONTSEVICH)


# where the case changes inside a word: ParsekLLC, KOTIcorp (not Parsek; HTMLParser splits as
# HTMLP arser, and neither part is a legal form)
_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{2})(?=[a-z])")


# a legal form glued to the end of a word without a change of case ("TRADINGCORPORATION",
# "SHIPPINGCOMPANY", "FINANCELIMITED", "BANKLTD."): only forms no word ends with, after four
# letters or more (not "Accompany", "Unlimited"; not CORP, INC or CO, which words end with)
_GLUED_ENDS = (
    "corporation",
    "company",
    "limited",
    "incorporated",
    "kompaniya",
    "ltd",
    "llc",
    "gmbh",
    "pjsc",
    "ojsc",
    "cjsc",
)
_GLUED_FORM = re.compile(rf"^(.*[^\W\d_]{{4}})({'|'.join(_GLUED_ENDS)})(\W*)$", re.IGNORECASE)
_NOT_WORD = ".,;:!?)]}'\"»” "


def _unglue_form(chunk: str) -> str:
    """A common legal form glued to the name at a change of case, apart: "ParsekLLC",
    "KOTIcorp", "ORIONlimited", "COMPANYmikron" (one change only; only the forms of
    COMMON_FORMS, as others are parts of words: DaySpa, NEXTag, ZAOrange, INCredible); or,
    without a change of case, one of the forms no word ends with (_GLUED_FORM)."""
    end = chunk.rstrip(_NOT_WORD).lower() if len(chunk) >= 7 else ""
    glued = _GLUED_FORM.match(chunk) if end.endswith(_GLUED_ENDS) else None
    if glued:
        return f"{glued.group(1)} {glued.group(2)}{glued.group(3)}"
    if chunk.isupper() or chunk.islower():
        return chunk
    parts = _CASE_BOUNDARY.split(chunk)
    if len(parts) != 2:
        return chunk
    a, b = (fold(p).strip() for p in parts)
    if len(a) < 2 or len(b) < 2:
        return chunk
    # "co" only against a change from all capitals to all small letters ("KISHco")
    cased = parts[0].isupper() and parts[1].islower()
    if (b in COMMON_FORMS and (b != "co" or cased)) or a in COMMON_FORMS_FIRST:
        return f"{parts[0]} {parts[1]}"
    return chunk


# North Korea's name in Chinese characters (not 朝鲜族, China's Korean minority, in names of
# companies of its regions), or a name only North Korea has: Pyongyang, Sinuiju, Rason (not
# 罗先生, "Mr Luo", nor 罗先进, a person's name: only before a word of a city, port, trade or
# zone), Rajin, Chongjin, Hamhung, Sariwon, the Taedong river, Mansudae. A name with
# one is a North Korean organisation's, and its Chinese characters are read in Korean
# (朝鲜万寿台创作社 is 조선 만수대 창작사, Korea Mansudae Art Studio, not "chao xian wan shou
# tai" as Mandarin reads it). Not 金 names (Kim Il Sung): the table reads 金 as gold, 금
_NORTH_KOREA_HAN = re.compile(
    r"朝[鲜鮮](?!族)|平壤|新[义義]州|[绫綾]罗岛|綾羅島|小白水|端川|高[丽麗](?=[银銀]行|航空)|[罗羅]先(?=[国國际際贸貿港市区區经經特])|[罗羅]津|清津|咸[兴興]|沙里院|大同江|[万萬][寿壽][台臺]"
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Chinese characters (CJK unified, ext. A, compatibility)
_HAN_SPACE = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return not text.isascii() and _HAN_RUN.search(text) is not None


def has_hangul(text: str) -> bool:
    """Whether ``text`` holds a Hangul syllable."""
    return not text.isascii() and _HANGUL.search(text) is not None


@lru_cache(maxsize=1)
def _hanja() -> dict[int, str]:
    """Chinese character -> its Sino-Korean reading (``reference/hanja_readings.csv``)."""
    path = Path(str(resources.files("screen") / "data" / "hanja_readings.csv"))
    with path.open(encoding="utf-8") as fh:
        return {ord(r["hanja"]): r["hangul"] for r in csv.DictReader(fh) if len(r["hanja"]) == 1}


def read_in_korean(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with its Chinese characters read in Korean when it names a North Korean
    organisation (see ``_NORTH_KOREA_HAN``), and each run of characters so read, with its reading."""
    if text.isascii() or not _NORTH_KOREA_HAN.search(text):
        return text, []
    table = _hanja()
    read: list[tuple[str, str]] = []

    def _read(m: re.Match[str]) -> str:
        out = m.group(0).translate(table)
        read.append((m.group(0), out))
        return out

    return _HAN_RUN.sub(_read, text), read


# words that say a branch or office is meant ("Yuzhno-Sakhalinsk Branch", "Moscow Rep Office";
# Russian филиал, представительство, отделение, офис): after the name, as if in parentheses,
# they cost the comparison nothing
BRANCH_WORDS = frozenset(
    "branch office rep representative filial filiale sucursal predstavitelstvo otdelenie ofis".split()
)


@lru_cache(maxsize=1)
def _city_phrases() -> tuple[frozenset[tuple[str, ...]], int]:
    """The cities of the bundled country aliases written in Latin letters, as folded words
    ("vladivostok", "addis ababa", "yuzhno sakhalinsk"), and the most words one has."""
    from screen.country_tables import city_names
    from screen.reference import bundled_dir

    phrases = {tuple(fold(c).split()) for c in city_names(bundled_dir()) if c.isascii()}
    phrases.discard(())
    return frozenset(phrases), max(map(len, phrases), default=0)


def _city_tail(tokens: list[str]) -> int:
    """How many words at the end of ``tokens`` are a city, with words of a branch after it or
    before it ("... Vladivostok", "... Yuzhno Sakhalinsk Branch", "... Rep Office Moscow"),
    leaving at least one word before; or
    words of a branch alone, leaving two words or more ("Koryo Bank Rep. Office"; not "Olive
    Branch", a name)."""
    phrases, longest = _city_phrases()
    end = len(tokens)
    while end and tokens[end - 1] in BRANCH_WORDS:
        end -= 1
    for n in range(min(longest, end - 1), 0, -1):
        if tuple(tokens[end - n : end]) in phrases:
            # and words of a branch before the city ("... Representative Office Moscow",
            # "... Branch in Vladivostok"), leaving two words before them (not "Olive Branch")
            start = end - n
            lead = start - 1 if start > 2 and tokens[start - 1] in ("in", "at") else start
            while lead > 2 and tokens[lead - 1] in BRANCH_WORDS:
                lead -= 1
                start = lead
            return len(tokens) - start
    return len(tokens) - end if end >= 2 else 0


# a branch or office in Russian: before the company ("Представительство корпорации «Рынрадо»
# в г. Хабаровске", its office in Khabarovsk) or after it ("Корё Банк, филиал во
# Владивостоке"); the city after в/во is in the prepositional case (Владивостоке)
_RU_BRANCH_LEAD = "филиал|представительство|отделение"  # (not офис: "Офис Плюс" is a name)
_RU_BRANCH = f"{_RU_BRANCH_LEAD}|офис"
_RU_BRANCH_HEAD = re.compile(rf"^\s*(?:{_RU_BRANCH_LEAD})\s+(?=\S)", re.IGNORECASE)
_RU_BRANCH_TAIL = re.compile(
    rf"(?:^|[\s,;]+)(?:[а-яё-]+(?:ский|ское|ская)\s+)?(?:{_RU_BRANCH})(?:\s.*)?$", re.IGNORECASE
)
_RU_IN_CITY = re.compile(r"[\s,]+(?:в|во)\s+(?:г\.?\s*|городе\s+)?([а-яё-]+)\.?\s*$", re.IGNORECASE)


_WORDS_RU = re.compile(r"[^\W_]{2,}")


def _city_word(word: str) -> str:
    """A Russian city name in the prepositional case as the city (Владивостоке: vladivostok)."""
    w = fold(word).replace(" ", "")
    phrases = _city_phrases()[0]
    if (w,) not in phrases and w.endswith("e"):
        for city in (w[:-1], w[:-1] + "a"):  # Владивостоке, Москве
            if (city,) in phrases:
                return city
    return w


def _russian_branch(main: str) -> tuple[str, list[str]]:
    """``main`` without the words of a branch or office written in Russian, and those words as
    qualifiers (the city as named: "филиал vladivostok")."""
    if main.isascii() or not _CYRILLIC.search(main):
        return main, []
    quals: list[str] = []
    head = _RU_BRANCH_HEAD.match(main)
    if head:
        quals.append(main[: head.end()].strip())
        main = main[head.end() :]
        city = _RU_IN_CITY.search(main)
        if city and city.start() > 0:
            quals.append(_city_word(city.group(1)))
            main = main[: city.start()]
        return main, quals
    tail = _RU_BRANCH_TAIL.search(main)
    if tail and tail.start() > 0:
        part = main[tail.start() :]
        city = _RU_IN_CITY.search(part)
        # after a comma, before a city, or after two words (not "ООО Офис", a company "Office")
        if not (
            city or part.lstrip(" ;").startswith(",") or len(_WORDS_RU.findall(main[: tail.start()])) >= 2
        ):
            return main, quals
        if city:
            part = f"{part[: city.start()]} {_city_word(city.group(1))}"
        quals.append(part.strip(" ,;"))
        main = main[: tail.start()]
    return main, quals


# a branch or office of a company written in Chinese characters or Hangul, after the company
# (its bank or company word) or after a space: "朝鲜高丽银行沈阳分行" (its Shenyang branch),
# "고려은행 심양지점": read as if in parentheses, as "Koryo Bank (Shenyang Branch)"
_CJK_BRANCH = re.compile(
    r"(?:分行|支行|代表处|代表處|办事处|辦事處|分公司|分社|지사|지점|대표부|대표처|사무소|분사|분행|지행|판사처|분공사)$"
)
_CJK_COMPANY = re.compile(r"公司|银行|銀行|会社|會社|회사|공사|은행|건설")  # (공사: 公司 read in Korean)


def _cjk_branch(text: str) -> int:
    """Where the branch part of a Chinese or Korean name begins (0: none)."""
    if text.isascii() or not _CJK_BRANCH.search(text):
        return 0
    head = _CJK_BRANCH.sub("", text).rstrip()
    at = max((m.end() for m in _CJK_COMPANY.finditer(head)), default=0)
    space = head.rfind(" ") + 1
    start = max(at, space)
    return start if 0 < start < len(text) else 0


@lru_cache(maxsize=1)
def _han_cities() -> re.Pattern[str]:
    """The cities of the bundled country aliases written in Chinese characters, followed by
    市 and the rest of a name."""
    from screen.country_tables import city_names
    from screen.reference import bundled_dir

    names = sorted(
        (c for c in city_names(bundled_dir()) if _HAN_RUN.fullmatch(c)),
        key=len,
        reverse=True,
    )
    # (not 市政 municipal, 市场 market, 市民 citizens: words of the name)
    return re.compile(
        f"^({'|'.join(map(re.escape, names))})市(?![政场場民])(?=[{_HAN}]{{2}})" if names else "(?!)"
    )


def _city_shi(text: str) -> str:
    """``text`` without the 市 after a city at its start (丹东市至诚 -> 丹东至诚)."""
    return _han_cities().sub(r"\1", text) if "市" in text else text


# Russian banks' "КБ" (коммерческий банк, commercial bank) and "АКБ" (joint-stock commercial
# bank) before their names: "КБ «Агросоюз»" is COMMERCIAL BANK AGROSOYUZ. In Cyrillic only:
# a Latin "KB" is other companies' (KB Kookmin Bank)
_CYRILLIC_BANK = re.compile(r"(?<!\w)А?КБ(?!\w)", re.IGNORECASE)
_COURTESY = re.compile(r"\s*(?:m/s|messrs)\b\.?\s+(?=\S)", re.IGNORECASE)
_PAREN = re.compile(r"[(\[（【]([^)\]）】]*)[)\]）】]")


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> NormName:
    """Normalise a company name for comparison (see the module docstring)."""
    given = text or ""
    raw = (given if given.isascii() else unicodedata.normalize("NFKC", given)).strip()
    written: list[tuple[str, str]] = []  # words read as English before the name is folded
    unsaid: set[tuple[str, str]] = set()  # readings of what was written otherwise
    if not raw.isascii():
        # Chinese is written without spaces: one between two characters ("机 械", machinery) is
        # read as if it were not there, so that words are translated alike either way
        raw = _HAN_SPACE.sub("", raw)
        # a city's 市 (city) before the company's name: 丹东市鸿祥 is 丹东鸿祥, as the lists write it
        raw = _city_shi(raw)
        # (what is read so is said as written: "'КБ' read as 'commercial bank'")
        written.extend((m.group(0), "commercial bank") for m in _CYRILLIC_BANK.finditer(raw))
        if written and "коммерческ" not in raw.casefold():
            unsaid.add(("kommercheskiy", "commercial"))
        raw = _CYRILLIC_BANK.sub("коммерческий банк", raw)
        written.extend((h, w) for h, w in _HAN_WORDS.items() if h in raw)
    raw, read_korean = read_in_korean(raw)
    # parenthesised parts are qualifiers: "(Doha)", "(Namibia branch)", "(KCC)"
    quals: list[str] = []

    def _q(m: re.Match[str]) -> str:
        quals.append(m.group(1))
        return " "

    main = _PAREN.sub(_q, raw)
    branch = _cjk_branch(main)
    if branch:
        # (its city, in characters, read as syllables, would weigh as words of the name)
        quals.append("branch")
        main = main[:branch]
    main, ru_branch = _russian_branch(main)
    quals.extend(ru_branch)
    # "M/S" or "Messrs" before a firm's name (South Asian and Gulf vendor masters): a courtesy
    courtesy = _COURTESY.match(main)
    if courtesy:
        main = main[courtesy.end() :]
    words: list[tuple[str, bool]] = []
    for chunk in main.split():
        words.extend(_chunk_words(chunk))
    # a "name" longer than this is a description pasted into the name cell: its start is the name
    words = words[:MAX_WORDS]
    # a name cut at the width of an ERP's name field ("KOREA MINING DEVELOPMENT TRADING CORPORA"):
    # its last word may be the start of one, and a legal form so cut is a legal form
    cut_form: list[str] = []
    if len(given) in CUT_WIDTHS and given[-1].isalnum() and len(words) >= 2 and not _paren_open(given):
        plain = [w for w, _ in words]
        if north := _cut_north_korea(plain):  # North Korea's name in full, cut: read whole ("dprk")
            words = [*words[:-north], *((w, False) for w in _NORTH_KOREA_FULL)]
        elif n := _cut_form(plain):
            cut_form = plain[-n:]
            words = words[:-n]
        else:
            words[-1] = (words[-1][0], True)  # read as an abbreviation: the start of a word
    if any(len(w) == 1 for w, _ in words):
        words = _join_initials(words)
    read_as = [(w, CYRILLIC_WORDS[w]) for w, _ in words if w in CYRILLIC_WORDS]
    if read_as:
        words = _russian_form_last([(CYRILLIC_WORDS.get(w, w), a) for w, a in words], [w for w, _ in words])
        words = [(part, a) for w, a in words for part in w.split()]  # "far eastern"
    # a city at the end, after the name and its legal form, is where the branch is, as if in
    # parentheses: "Koryo Bank Vladivostok", "Namgang Construction Co Ltd Vladivostok"
    tail = _city_tail([w for w, _ in words])
    if tail:
        quals.append(" ".join(w for w, _ in words[-tail:]))
        words = words[:-tail]
    tokens = [w for w, _ in words]
    abbrev_flags = [a for _, a in words]
    tokens, removed = _strip_legal(tokens, 1, not raw.isascii() and _CYRILLIC.search(raw) is not None)
    removed.extend(cut_form)
    if courtesy:
        removed.insert(0, courtesy.group(0).strip().rstrip(".").casefold())
    if removed and tokens and tuple(tokens) != tuple(w for w, _ in words)[: len(tokens)]:
        # legal form removed at the start: realign flags
        offset = next(
            i for i in range(len(words)) if tuple(w for w, _ in words[i : i + len(tokens)]) == tuple(tokens)
        )
    else:
        offset = 0
    flags = abbrev_flags[offset : offset + len(tokens)]
    before_group = _form_before_group(tokens)
    if before_group:  # the form goes, the group word stays, as if written "… Group"
        cut = len(tokens) - 1 - before_group
        removed.extend(tokens[cut:-1])
        tokens, flags = [*tokens[:cut], tokens[-1]], [*flags[:cut], flags[-1]]
    qual_tokens: list[str] = []
    for q in quals:
        qt, qremoved = _strip_legal(fold(q).split(), protected=0)
        removed.extend(qremoved)
        qual_tokens.extend(qt)
    out: list[str] = []
    out_q: list[bool] = []
    out_a: list[bool] = []
    expansions: list[tuple[str, str]] = [
        *read_korean,
        *written,
        *(r for r in dict.fromkeys(read_as) if r not in unsaid),
    ]
    items = [
        *zip(tokens, [False] * len(tokens), flags, strict=True),
        *((t, True, False) for t in qual_tokens),
    ]
    skip = False
    for k, (tok, is_q, ab) in enumerate(items):
        if skip:
            skip = False
            continue
        if tok in STOPWORDS:
            continue
        exp = ABBREVIATIONS.get(tok)
        if exp and exp != tok and (ab or len(tok) > 1):
            nxt = items[k + 1] if k + 1 < len(items) else None
            if nxt is not None and nxt[1] == is_q and tok + nxt[0] == exp:
                # a word split in two whose first part is also its abbreviation: joined, not
                # expanded and followed by a stray ending ("CONSTR UCTION" is construction)
                expansions.append((f"{tok} {nxt[0]}", exp))
                skip = True
            elif tok not in _SAME_WORD:
                expansions.append((tok, exp))
            tok = exp
        out.append(tok)
        out_q.append(is_q)
        out_a.append(ab and not exp)
    if not out and tokens:  # a name made only of stopwords: keep them
        out, out_q, out_a = list(tokens), [False] * len(tokens), [False] * len(tokens)
    if not _ONE_WORD_BY_FIRST.keys().isdisjoint(out):
        out, out_q, out_a = _one_word_places(out, out_q, out_a, expansions)
    if "korea" in out and "dprk" not in out:  # North Korea's name in full, with a slip in a word
        near = _near_run_words(out)
        if near != out:
            found: list[tuple[str, str]] = []
            tokens_, quals_, abbrev_ = _one_word_places(near, out_q, out_a, found, written=out)
            if "dprk" in tokens_:
                out, out_q, out_a = tokens_, quals_, abbrev_
                expansions.extend(found)
    return NormName(
        original=text,
        tokens=tuple(out),
        qualifier=tuple(out_q),
        abbreviated=tuple(out_a),
        legal_forms=tuple(removed),
        expansions=tuple(expansions),
    )


# places written in several ways, as one word: North Korea's name in full or short ("of the
# Democratic People's Republic of Korea", "of the D.P.R. Korea", "of DPR Korea", "of North
# Korea" all read "dprk"); Hong Kong ("Hong Kong", "HongKong", "HK" all read "hongkong")
_ONE_WORD_RUNS: tuple[tuple[tuple[frozenset[str], ...], str], ...] = tuple(
    (tuple(frozenset(alt.split("|")) for alt in run.split()), word)
    for run, word in (
        ("democratic|demokratik|dem peoples|people republic|republik|rep|representative korea", "dprk"),
        ("democratic|demokratik|dem republic|republik|rep|representative korea", "dprk"),
        ("dpr korea", "dprk"),
        ("korean narodno democratic republic", "dprk"),
        ("dp r korea", "dprk"),
        ("north korea", "dprk"),
        ("hong kong", "hongkong"),
        ("hk", "hongkong"),
    )
)
# each run under the words it can begin with: a name none of whose words begins one is passed over
_ONE_WORD_BY_FIRST: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
for _run, _word in _ONE_WORD_RUNS:
    for _first in _run[0]:
        _ONE_WORD_BY_FIRST.setdefault(_first, []).append((_run, _word))


# the long words of North Korea's name in full, by their first letter: a word a letter away
# from one of them (Pepole, Republiic, Democractic) reads as it in that name
_RUN_WORDS: dict[str, tuple[str, ...]] = {}
_IN_RUNS = frozenset(w for run, _ in _ONE_WORD_RUNS for alt in run for w in alt)
for _w in sorted(w for run, word in _ONE_WORD_RUNS if word == "dprk" for alt in run for w in alt):
    if len(_w) >= 6 and _w not in _RUN_WORDS.get(_w[0], ()):
        _RUN_WORDS[_w[0]] = (*_RUN_WORDS.get(_w[0], ()), _w)


def _near_run_words(tokens: list[str]) -> list[str]:
    """``tokens`` with each word one slip from a long word of North Korea's name in full
    (see _RUN_WORDS) written as that word."""
    out = list(tokens)
    for i, t in enumerate(tokens):
        if len(t) >= 5 and t not in _IN_RUNS:
            for w in _RUN_WORDS.get(t[0], ()):
                if t != w and abs(len(t) - len(w)) <= 1 and OSA.distance(t, w, score_cutoff=1) <= 1:
                    out[i] = w
                    break
    return out


def _one_word_places(
    out: list[str],
    out_q: list[bool],
    out_a: list[bool],
    expansions: list[tuple[str, str]],
    written: list[str] | None = None,
) -> tuple[list[str], list[bool], list[bool]]:
    """Runs of words that name a place in one word (_ONE_WORD_RUNS) as that word; ``written``:
    the words as written, for the expansions (when ``out`` has slips corrected)."""
    tokens, quals, abbrev = [], [], []
    k = 0
    while k < len(out):
        for run, word in _ONE_WORD_BY_FIRST.get(out[k], ()):
            end = k + len(run)
            if (
                end <= len(out)
                and all(out[k + i] in alt for i, alt in enumerate(run))
                and len(set(out_q[k:end])) == 1
            ):
                if word == "dprk":  # (Hong Kong written as one word goes without saying)
                    expansions.append((" ".join((written or out)[k:end]), word))
                tokens.append(word)
                quals.append(out_q[k])
                abbrev.append(False)
                k = end
                break
        else:
            tokens.append(out[k])
            quals.append(out_q[k])
            abbrev.append(out_a[k])
            k += 1
    return tokens, quals, abbrev


_ROMAN_RULES: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("tch", "ch"),
    ("sh", "s"),
    ("kh", "k"),
    ("ch", "j"),
    ("ts", "j"),
    ("tz", "j"),
    ("dz", "j"),
    ("zh", "j"),
    ("x", "s"),
    ("q", "j"),
    ("ngr", "ngn"),
    ("ngl", "ngn"),
    ("yeo", "yo"),
    ("eo", "o"),
    ("eu", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("yo", "e"),  # (after oo: Ryoogyong is Ryugyong)
    ("yi", "i"),
    ("ui", "i"),
    ("wo", "o"),
    ("ae", "e"),
    ("ai", "e"),
    ("ie", "i"),
    ("y", "i"),
    ("k", "g"),
    ("p", "b"),
    ("t", "d"),
    ("r", "l"),
    ("f", "b"),
    ("v", "b"),
    ("w", ""),
    ("h", ""),
    ("c", "g"),
)


# the one-letter rules come last and none makes another's input, so one translate applies them
# (x and q, listed among the longer rules, take part in none of the rules after them)
_ROMAN_MULTI = tuple((a, b) for a, b in _ROMAN_RULES if len(a) > 1)
_ROMAN_SINGLE = str.maketrans({a: b or None for a, b in _ROMAN_RULES if len(a) == 1})
_DOUBLED = re.compile(r"(.)\1+")


# romanised Korean syllables: an initial, a vowel, a final as the lists write them (k n t l m p
# ng; not the Revised Romanization's g b d, nor r)
_KOREAN_SYLLABLE = (
    "(?:kk|tt|pp|ss|jj|tch|ch|[gkndtrlmbpsjh])?"
    "(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|[aeiou])"
    "(?:ng|[kntlmp])?"
)
_KOREAN_WORD = re.compile(f"(?:{_KOREAN_SYLLABLE})+")
KOREAN_WORD_MAX = 16  # longer words are not one Korean name (and the pattern backtracks)


@lru_cache(maxsize=65536)
def looks_korean(word: str) -> bool:
    """Whether a word reads as romanised Korean syllables (initial, vowel, final), as the lists
    write them (McCune-Reischauer and North Korean spellings): Rungrado, Mansudae, Ryonbong,
    Kwangson; not Border, Academy, Sinbad, Tianyi. Plain words of open syllables pass too
    (Maritime, Panama): what relies on it also asks for the word's rarity on the lists."""
    return len(word) <= KOREAN_WORD_MAX and _KOREAN_WORD.fullmatch(word) is not None


# South Korea writes a word-initial ㄹ as ㄴ, and drops it (and ㄴ) before i and y, where
# North Korea keeps it: 릉라도 Rungrado / 능라도 Neungnado, 련봉 Ryonbong / 연봉 Yeonbong (yo
# reads e in the key, as Russian writes ё without its dots: Ренбон; so before en, el, ek, em). In
# words of five letters or more (short ones collide: NLG ~ RKG, Noel ~ LOWELL), whatever they
# read as: a key must not depend on the spelling it stands for (Nudzhaba and Nujaba share one)
_INITIAL_N = re.compile(r"(?m)^n(?=[^\n]{4})")
_INITIAL_L = re.compile(r"(?m)^l(?=i[^\n]{3}|e[nlkm][^\n]{2})")


# ы before н, which Russian-derived spellings write y (RYNRADO for Rungrado, Рын): the vowel
# eu/u (only there: Polymer and Polimer keep one key)
_Y_VOWEL = re.compile("(?<=[bcdfghjklmnpqrstvwxz])y(?=n)")


# x written as English is written in Cyrillic letter for letter (кс: Ксианге for Xianghe), at
# the start of a word, where no Korean or Chinese word has ks
_INITIAL_KS = re.compile(r"(?m)^ks(?=[aeiouy])")


def _roman(t: str) -> str:
    if "ks" in t:
        t = _INITIAL_KS.sub("x", t)
    if "y" in t:
        t = _Y_VOWEL.sub("u", t)
    for a, b in _ROMAN_MULTI:
        t = t.replace(a, b)
    t = _INITIAL_N.sub("l", t.translate(_ROMAN_SINGLE))
    return _INITIAL_L.sub("", t)


# one word in two forms, read as one without saying so (both sides are read alike)
_SAME_WORD = frozenset({"trade"})

# words written short without a full stop, read as the start of a listed word as "Tech." is
# (technology, technical)
_SHORT_WORDS = frozenset({"tech"})

# words spelt outside any system: 조선 as the Chosun Ilbo writes it (ŏ as u, Chosun, Chosoon),
# in many listed names (CHOSUN EXPO, CHOSUN SINJIN), is Choson / Joseon (keys)
_KEY_VARIANTS = {"josun": "joson"}


@lru_cache(maxsize=200_000)
def roman_key(token: str) -> str:
    """A coarse key under which Korean and Chinese romanisation variants coincide.

    Namgang/Namkang, Pugang/Bugang, Kwangsong/Kwangseong, Cholhyon/Chorhyon, Songi/Songyi,
    Taesong/Taeseong, Zeel/Zil all share a key. Used only as a second opinion between two
    tokens, and reported as "romanisation" in the explanation.
    """
    if not token.isalpha():
        return token
    # collapse doubled letters (Rynrado/Rungrado differ anyway; Mokrann/Mokran agree)
    key = _DOUBLED.sub(r"\1", _roman(token))
    return _KEY_VARIANTS.get(key, key)


def roman_keys(tokens: Sequence[str]) -> list[str]:
    """``[roman_key(t) for t in tokens]``, for many tokens at once: the rules run over all of
    them joined by line breaks, which no rule spans (several times faster)."""
    if len(tokens) < 64:
        return [roman_key(t) for t in tokens]
    text = "\n".join(tokens)
    if not text.isascii() or text.count("\n") != len(tokens) - 1:
        return _roman_keys_each(tokens)
    # in ASCII, a token not all letters (kept as it is) is one with a character that is neither
    # a letter nor a line break: found in bulk, with the lines of those characters
    codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    other = ((codes | 32) - 97 >= 26) & (codes != 10)
    kept = np.zeros(len(tokens), dtype=bool)
    kept[np.cumsum(codes == 10)[other]] = True
    b = np.frombuffer(_roman(text).encode("ascii"), dtype=np.uint8)
    keep = np.ones(len(b), dtype=bool)  # doubled letters by comparing neighbouring bytes
    keep[1:] = (b[1:] != b[:-1]) | (b[1:] == 10)
    t = b[keep].tobytes().decode("ascii")
    keys = t.split("\n")
    lines = f"\n{t}\n"
    if any(f"\n{k}\n" in lines for k in _KEY_VARIANTS):  # (a key with a variant is seldom)
        keys = [_KEY_VARIANTS.get(k, k) for k in keys]
    for i in np.flatnonzero(kept).tolist():
        keys[i] = tokens[i]
    return keys


def _roman_keys_each(tokens: Sequence[str]) -> list[str]:
    """:func:`roman_keys` of tokens not all ASCII (or with line breaks): the tokens all letters
    joined, the others kept as they are."""
    alpha = [t for t in tokens if t.isalpha()]
    t = _DOUBLED.sub(r"\1", _roman("\n".join(alpha)))
    keys = iter(t.split("\n"))
    return [_KEY_VARIANTS.get(k := next(keys), k) if x.isalpha() else x for x in tokens]
