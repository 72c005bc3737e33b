"""Whether a North Korean name or city in a city/address cell says where the supplier is,
or names something else.

North Korea's cities name restaurants ("Pyongyang Restaurant, Monivong Blvd" in Phnom Penh,
평양면옥 in Seoul, 平壤冷面), streets (丹东 新义州路, "Sinuiju Street"), quarters (청진동 and
"Nampo Dong" in Seoul and Busan) and buildings ("Rason Plaza"). An address names a place by
itself, or with words of places after it: "Pyongyang", "Pyongyang City", "Pyongyang-si",
"Pyongyang 1001", "Pyongyang Mangyongdae District", "Kaesong Industrial Complex", 평양시
중구역, 平壤市中区. :meth:`screen.countries.CountryIndex.in_north_korea` uses these rules, and
the country resolver drops a North Korean city that fails them.

- ``PLACE_AFTER``: the words that may follow a city (every one of them, or numbers); or a word
  and then one of ``DIVISIONS`` ("Mangyongdae District", "Kwangbok Street"). A division right
  after the city ("Nampo Dong", "Sinuiju Street") is a quarter or street named after it.
- ``NOT_A_PLACE``: names that, in an address, are another place or a word (Bukhan, the river
  by Seoul; 원산 "origin", 개성 "character", 남포 a quarter of Busan: in Hangul they count
  only with 시, 항 or 공단, or before a word of a port or zone: "개성 공단");
  ``NOT_WITH_WORDS``: names of the country that count only as the whole of an address part
  ("Korea, North" does; "Korea North America", "Westin Chosun Hotel", "Triều Tiên Street"
  do not).
- In Hangul (``HANGUL``) a city is a word of its own or ends in 시 (city), 항 (port) or 공단
  (industrial complex), and the next word, if any, is a division (…구역, …동, …군), a port,
  zone or station, or a name of the country; in Chinese
  characters (``HAN_CITIES`` and :data:`screen.name_refs.HAN`), only what ``HAN_AFTER``
  allows may follow (市, 区, 港, a district of Pyongyang, punctuation, the end): not 平壤冷面,
  平壤高丽馆, 丹东新义州商城, 北韩村.
"""

from __future__ import annotations

import re
import unicodedata

from screen.keyfold import compact
from screen.name_refs import HAN
from screen.normalize import has_han

PLACE_AFTER = frozenset(
    compact(w)
    for w in (
        "city si shi special direct directly governed municipality capital administrative economic "
        "zone sez region district province county guyok kuyok gun kun ku gu namdo pukdo bukdo "
        "industrial complex park port harbour harbor airport international station trade area free "
        "dprk north korea democratic people peoples s republic of the kp prk "
        "город г ул улица район р-н пр проспект "
        # the districts of Pyongyang
        "chung central pyongchon potonggang moranbong sosong songyo tongdaewon taedonggang sadong "
        "taesong mangyongdae hyongjesan ryongsong samsok ryokpo rangnang sunan unjong kangdong kangnam"
    ).split()
)
# ... and, in Russian, the kind of street before its name ("Пхеньян, ул. Кимирсена")
STREET_FIRST = frozenset(compact(w) for w in "ул улица пр проспект пер переулок".split())
DIVISIONS = frozenset(
    "district guyok kuyok county gun kun province dong ri street st road rd avenue ave "
    "ул улица район проспект".split()
)
NOT_A_PLACE = frozenset(compact(t) for t in ("Bukhan", "원산", "개성", "남포"))
NOT_WITH_WORDS = frozenset(
    compact(t) for t in ("Triều Tiên", "Korea North", "N Korea", "Choson", "Chosun", "Joseon", "조선", "북한")
)
# "Pyongyang-si", "Mangyongdae-guyok", "Chung-gu": the suffix a word of its own
SUFFIX = re.compile(
    r"(?<=[^\W\d_])-(?=(?:si|shi|city|gun|kun|guyok|kuyok|ku|gu|dong|ri|ro|gil)\b)", re.IGNORECASE
)

# in Hangul: cities as a word of their own or with 시 (city), 항 (port), 공단 (industrial
# complex); those that are also words, clans or a quarter of Busan only so, or followed by
# a word of a port or zone ("개성 공단")
_HANGUL_CITY = "평양|신의주|라선|나선|청진|함흥|사리원"
_HANGUL_WORD = "남포|개성|원산|혜산|해주|신포|평성|강계|김책|단천"
_HANGUL_SUFFIX = "직할시|특별시|시|항|공단|공업지구"
HANGUL = re.compile(rf"(?<![가-힣])(?:(?:{_HANGUL_CITY}|{_HANGUL_WORD})(?:{_HANGUL_SUFFIX})?)(?![가-힣])")
_ENDS_SUFFIX = re.compile(f"(?:{_HANGUL_SUFFIX})$")
_WORDS = frozenset(_HANGUL_WORD.split("|"))
_HANGUL_NEXT = re.compile(r"(?:구역|구|군|시|도|동|리|로|길|거리|항|역|공항|공단|지대|지구)$|^(?:조선|북한)")
_HANGUL_NEXT_ZONE = re.compile(r"(?:항|공단|공업지구|경제|특구|지구)")
# in Chinese characters: cities other countries also have as names of places, people or
# things, only as cities (市), Kaesong's industrial region, or after 朝鲜 ("朝鲜清津")
_HAN_CITY = r"罗先|羅先|罗津|羅津|清津|南浦|元山|咸兴|咸興|开城|開城|惠山|海州|江界|金策|端川|新浦|平城"
HAN_CITIES = re.compile(rf"(?:{_HAN_CITY})(?=市|工业|工業)|(?<=朝鲜|朝鮮)(?:{_HAN_CITY})")
HAN_AFTER = re.compile(
    r"\s*(?:$|[^\w\s]|\d|市|直辖市|直轄市|特别市|特別市|区|區|郡|道|港|站|机场|機場|工业|工業|经济|經濟|朝鲜|朝鮮"
    rf"|平壤|新义州|新義州|{_HAN_CITY}"
    r"|中区|中區|万景台|萬景台|牡丹峰|普通江|大同江|西城|平川|船桥|船橋|乐浪|樂浪|顺安|順安|兄弟山|东大院|東大院|大城|龙城|龍城|寺洞|三石|力浦)"
)


def city_in_place(rest: list[str], north_keys: frozenset[str]) -> bool:
    """Whether the words ``rest`` after a North Korean city in an address part leave it the
    place it names (``north_keys``: the keys of names only North Korea has, "Pyongyang DPRK")."""

    def place(w: str) -> bool:
        k = compact(w)
        return not k or k.isdigit() or k in PLACE_AFTER or k in north_keys

    if all(place(w) for w in rest) or (rest and compact(rest[0]) in STREET_FIRST):
        return True
    return (
        len(rest) >= 2
        and compact(rest[1]) in DIVISIONS
        and all(place(w) or compact(w) in DIVISIONS for w in rest[2:])
    )


def name_in_place(key: str, whole_part: bool) -> bool:
    """Whether a name of North Korea (``key``, compact) in an address says the supplier is
    there (``whole_part``: it is the whole of its address part)."""
    return key not in NOT_A_PLACE and (whole_part or key not in NOT_WITH_WORDS)


def unspaced_place(text: str) -> str:
    """A North Korean place written in Hangul or Chinese characters in ``text`` that says where
    the supplier is (평양시, 平壤市中区, 朝鲜清津), or ""."""
    for m in HANGUL.finditer(text):
        word = m.group(0)
        after = text[m.end() :].split(maxsplit=1)
        if _ENDS_SUFFIX.search(word):
            return word
        if word in _WORDS:  # 개성 (character), 원산 (origin): only "개성 공단", "원산 항"
            if after and _HANGUL_NEXT_ZONE.match(after[0]):
                return word
        elif not after or not after[0][0].isalpha() or _HANGUL_NEXT.search(after[0]):
            return word  # not 신의주 순대 (a dish), 평양 냉면
    if not has_han(text):
        return ""
    text = unicodedata.normalize("NFKC", text)
    for pattern in (HAN, HAN_CITIES):
        for m in pattern.finditer(text):
            if HAN_AFTER.match(text, m.end()):
                return m.group(0)
    return ""
