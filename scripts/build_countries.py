"""Build the country reference tables in reference/.

    python scripts/build_countries.py [../shared/reference-sources]

Writes, deterministically (same inputs, same bytes):

- ``countries.csv``: every ISO 3166-1 country (pycountry) plus Kosovo (XK), with a short
  English name for reports.
- ``country_aliases.csv``: ISO English names; iso-codes translations shipped with pycountry
  (LGPL) in the languages below; curated spellings (OFAC, World Bank, UN, abbreviations,
  Mongolian and East Asian forms, major cities); placeholders that name no country; and the
  deliberately ambiguous bare "Korea".
- ``country_aliases_mledoze.csv``: the names, spellings and translations from mledoze/countries
  (ODbL-1.0) that the file above does not already have. Kept apart for the licence.
- ``country_risk.csv``: the country risk factors, each row cited.

Every alias is checked with the same folding the tool uses (screen.keyfold.compact): a key that
would point to two countries is dropped unless it is declared ambiguous, and no alias of North
Korea may fold to a key of South Korea or the reverse. The script then updates the entries for
these files in reference/manifest.json.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import manifest_tools
import pycountry

from screen.keyfold import compact

ROOT = Path(__file__).resolve().parents[1]
PYC = f"pycountry {version('pycountry')}"
SRC_ISO = f"ISO 3166-1 via {PYC}"
SRC_TR = f"iso-codes translations via {PYC} (LGPL-2.1+)"
SRC_OFAC = "OFAC SDN/address list spelling"
SRC_WB = "World Bank country name (WDI)"
SRC_UN = "UN M49 / UN Security Council list spelling"
SRC_ABBR = "common abbreviation or short form (screen curation)"
SRC_COMMON = "common or former English name (screen curation)"
SRC_LOCAL = "local or regional usage (screen curation)"
SRC_CITY = "capital or major city (screen curation)"
SRC_NONE = "placeholder or region that names no country (screen curation)"
SRC_AMB = "names Korea without saying North or South (screen curation)"
SRC_AMB_CONGO = "names Congo without saying which: Brazzaville or Kinshasa (screen curation)"
SRC_ADJ = "the country's adjective, as a country cell writes it (screen curation)"
SRC_REGION = "first-level division (ISO 3166-2) or region wholly in the country, English and local names (screen curation)"
SRC_MLEDOZE = "mledoze/countries (ODbL-1.0)"

# languages whose iso-codes translations are bundled: major trade languages and the languages
# of countries that host North Korean workers
LANGS = (
    "ar az be bg bn ca cs da de el es et fa fi fr he hi hr hu hy id it ja ka kk km ko ky lo lt lv "
    "mn ms my nb_NO ne nl pl pt pt_BR ro ru si sk sl sq sr sv sw th tk tr uk ur uz vi zh_CN zh_HK zh_TW"
).split()
# translations of the two Koreas: every catalogue but the Mongolian one, which renders South Korea
# as "Korean People's Republic" (checked language by language; curated Mongolian names below)
KOREA_SKIP_LANGS = frozenset({"mn"})

# fmt: off
SHORT_NAMES = {
    "RU": "Russia", "CD": "DR Congo", "CG": "Congo", "FM": "Micronesia", "PS": "Palestine",
    "VA": "Vatican City", "GB": "United Kingdom", "US": "United States", "MK": "North Macedonia",
    "CZ": "Czechia", "BN": "Brunei", "CV": "Cabo Verde", "SZ": "Eswatini", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "SX": "Sint Maarten", "MF": "Saint Martin", "FK": "Falkland Islands",
    "TR": "Türkiye", "MO": "Macao", "HK": "Hong Kong", "SH": "Saint Helena", "BQ": "Caribbean Netherlands",
}

# (iso2, alias, kind, lang, source): spellings ISO and the translations lack
CURATED: list[tuple[str, str, str, str, str]] = []


def _add(code: str, kind: str, source: str, lang: str, *aliases: str) -> None:
    CURATED.extend((code, a, kind, lang, source) for a in aliases)


_add("KP", "list_spelling", SRC_OFAC, "en", "Korea, North", "Korea North", "Korea (North)")
# the UN and World Bank forms written out in part (not "Rep. of Korea", South Korea, inside them)
_add(
    "KP", "abbreviation", SRC_ABBR, "en",
    "Dem. People's Rep. of Korea", "Democratic People's Rep. of Korea", "Dem. People's Republic of Korea",
)
_add("KR", "list_spelling", SRC_OFAC, "en", "Korea, South", "Korea South", "Korea (South)")
_add("MM", "list_spelling", SRC_OFAC, "en", "Burma")
_add("RU", "list_spelling", SRC_OFAC, "en", "Russia")
_add("CD", "list_spelling", SRC_OFAC, "en", "Congo, Democratic Republic of the")
_add("CG", "list_spelling", SRC_OFAC, "en", "Congo, Republic of the")
_add("KP", "list_spelling", SRC_WB, "en", "Korea, Dem. People's Rep.", "Korea, Dem. Rep.")
_add("KR", "list_spelling", SRC_WB, "en", "Korea, Rep.")
_add("IR", "list_spelling", SRC_WB, "en", "Iran, Islamic Rep.")
_add("EG", "list_spelling", SRC_WB, "en", "Egypt, Arab Rep.")
_add("YE", "list_spelling", SRC_WB, "en", "Yemen, Rep.")
_add("VE", "list_spelling", SRC_WB, "en", "Venezuela, RB")
_add("CD", "list_spelling", SRC_WB, "en", "Congo, Dem. Rep.")
_add("CG", "list_spelling", SRC_WB, "en", "Congo, Rep.")
_add("LA", "list_spelling", SRC_WB, "en", "Lao PDR")
_add("GM", "list_spelling", SRC_WB, "en", "Gambia, The")
_add("BS", "list_spelling", SRC_WB, "en", "Bahamas, The")
_add("FM", "list_spelling", SRC_WB, "en", "Micronesia, Fed. Sts.")
_add("HK", "list_spelling", SRC_WB, "en", "Hong Kong SAR, China")
_add("MO", "list_spelling", SRC_WB, "en", "Macao SAR, China")
_add("KG", "list_spelling", SRC_WB, "en", "Kyrgyz Republic")
_add("SK", "list_spelling", SRC_WB, "en", "Slovak Republic")
_add("RU", "list_spelling", SRC_WB, "en", "Russian Federation")
_add("TR", "list_spelling", SRC_WB, "en", "Turkiye", "Republic of Türkiye")
_add("PS", "list_spelling", SRC_WB, "en", "West Bank and Gaza")
_add("LC", "list_spelling", SRC_WB, "en", "St. Lucia")
_add("KN", "list_spelling", SRC_WB, "en", "St. Kitts and Nevis")
_add("VC", "list_spelling", SRC_WB, "en", "St. Vincent and the Grenadines")
_add("VI", "list_spelling", SRC_WB, "en", "Virgin Islands (U.S.)")
_add("SX", "list_spelling", SRC_WB, "en", "Sint Maarten (Dutch part)")
_add("KP", "list_spelling", SRC_UN, "en", "Democratic People's Republic of Korea", "DPR Korea", "DPR of Korea")
_add("KP", "list_spelling", SRC_ISO, "en", "Korea (the Democratic People's Republic of)")
_add("KR", "list_spelling", SRC_ISO, "en", "Korea (the Republic of)")
_add("KR", "list_spelling", SRC_UN, "en", "Republic of Korea")
_add("IR", "list_spelling", SRC_UN, "en", "Iran (Islamic Republic of)")
_add("BO", "list_spelling", SRC_UN, "en", "Bolivia (Plurinational State of)")
_add("VE", "list_spelling", SRC_UN, "en", "Venezuela (Bolivarian Republic of)")
_add("TZ", "list_spelling", SRC_UN, "en", "United Republic of Tanzania")
_add("MD", "list_spelling", SRC_UN, "en", "Republic of Moldova")
_add("HK", "list_spelling", SRC_UN, "en", "China, Hong Kong Special Administrative Region")
_add("MO", "list_spelling", SRC_UN, "en", "China, Macao Special Administrative Region")
_add(
    "KP", "abbreviation", SRC_ABBR, "en",
    "DPRK", "D.P.R.K.", "D.P.R. Korea", "Korea DPR", "Korea D.P.R.", "Korea, DPR", "N. Korea", "N Korea",
    "Nth Korea", "North-Korea", "Korea, Democratic People's Rep.", "Democratic Republic of Korea",
    "Korea, Dem. People's Rep. of", "Korea, DPR of", "Korea, D.P.R. of", "Korea, Democratic Republic of",
)
_add(
    "KR", "abbreviation", SRC_ABBR, "en",
    "ROK", "R.O.K.", "Rep. of Korea", "Korea Rep.", "Korea Republic", "Korea, Republic", "S. Korea", "S Korea",
    "Sth Korea", "South-Korea", "Korea, Rep. of", "Korea (Rep.)",
)
_add("CN", "abbreviation", SRC_ABBR, "en", "PRC", "P.R.C.", "P.R. China", "PR China", "China PR", "China (PRC)",
     "Mainland China", "China Mainland", "China, People's Republic of")
_add("US", "abbreviation", SRC_ABBR, "en", "USA", "U.S.A.", "US", "U.S.", "United States of America", "U.S. of America")
_add("GB", "abbreviation", SRC_ABBR, "en", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales",
     "Northern Ireland", "United Kingdom of Great Britain & Northern Ireland")
_add("AE", "abbreviation", SRC_ABBR, "en", "UAE", "U.A.E.", "Emirates", "United Arab Emirates (UAE)")
_add("SA", "abbreviation", SRC_ABBR, "en", "KSA", "K.S.A.", "Saudi", "Kingdom of Saudi Arabia")
_add("CD", "abbreviation", SRC_ABBR, "en", "DRC", "D.R.C.", "DR Congo", "D.R. Congo", "Congo DR", "Congo-Kinshasa",
     "Congo (Kinshasa)", "Democratic Republic of Congo")
_add("CG", "abbreviation", SRC_ABBR, "en", "Congo-Brazzaville", "Congo (Brazzaville)", "Republic of Congo")
_add("LA", "abbreviation", SRC_ABBR, "en", "Laos", "Lao", "Lao P.D.R.")
_add("RU", "abbreviation", SRC_ABBR, "en", "Russian Fed.", "Russian Fed", "Russia Federation")
_add("NL", "common", SRC_COMMON, "en", "Holland", "The Netherlands")
_add("HK", "abbreviation", SRC_ABBR, "en", "HKSAR", "HK SAR", "Hong Kong SAR", "Hong Kong, China")
_add("MO", "abbreviation", SRC_ABBR, "en", "Macau", "Macao SAR", "Macau SAR")
_add("TW", "abbreviation", SRC_ABBR, "en", "Chinese Taipei", "Taiwan ROC", "Republic of China (Taiwan)")
_add("CZ", "abbreviation", SRC_ABBR, "en", "Czech Rep.", "Czech Republic")
_add("BA", "abbreviation", SRC_ABBR, "en", "Bosnia", "BiH", "Bosnia-Herzegovina", "Bosnia & Herzegovina")
_add("MK", "abbreviation", SRC_ABBR, "en", "Macedonia", "FYROM")
_add("CI", "common", SRC_COMMON, "en", "Ivory Coast", "Cote d'Ivoire")
_add("TL", "common", SRC_COMMON, "en", "East Timor")
_add("CV", "common", SRC_COMMON, "en", "Cape Verde")
_add("SZ", "common", SRC_COMMON, "en", "Swaziland")
_add("VA", "common", SRC_COMMON, "en", "Vatican", "Vatican City")
_add("PS", "common", SRC_COMMON, "en", "Palestine", "Palestinian Territories")
_add("XK", "common", SRC_COMMON, "en", "Kosovo", "Republic of Kosovo")
_add("ZA", "abbreviation", SRC_ABBR, "en", "RSA", "Republic of South Africa")
_add("VN", "common", SRC_COMMON, "en", "Vietnam", "Viet Nam", "Socialist Republic of Vietnam")
_add("SY", "common", SRC_COMMON, "en", "Syria")
_add("IR", "common", SRC_COMMON, "en", "Iran")
_add("MD", "common", SRC_COMMON, "en", "Moldova")
_add("BN", "common", SRC_COMMON, "en", "Brunei")
_add("FM", "common", SRC_COMMON, "en", "Micronesia")
_add("TR", "common", SRC_COMMON, "en", "Turkey", "Republic of Turkey")
_add("CD", "common", SRC_COMMON, "en", "Zaire")
# former names still found in old vendor records
for _code, _old in (("IR", "Persia"), ("BJ", "Dahomey"), ("ZW", "Rhodesia"), ("BW", "Bechuanaland"),
                    ("BF", "Upper Volta"), ("LK", "Ceylon"), ("TH", "Siam"), ("TW", "Formosa"), ("KH", "Kampuchea"),
                    ("LS", "Basutoland"), ("MW", "Nyasaland"), ("ET", "Abyssinia"), ("BD", "East Pakistan")):
    _add(_code, "common", SRC_COMMON, "en", _old)
_add("CI", "local", SRC_LOCAL, "de", "Elfenbeinküste")
_add("BY", "local", SRC_LOCAL, "de", "Weißrussland")
_add("BY", "local", SRC_LOCAL, "ru", "Белоруссия")
_add("MD", "local", SRC_LOCAL, "ru", "Молдавия")
_add("KG", "local", SRC_LOCAL, "ru", "Киргизия")
_add("TM", "local", SRC_LOCAL, "ru", "Туркмения")
_add("KP", "local", SRC_LOCAL, "ru", "КНДР", "Северная Корея", "Сев. Корея")
_add("KR", "local", SRC_LOCAL, "ru", "Южная Корея", "Юж. Корея", "Республика Корея")
_add("RU", "local", SRC_LOCAL, "ru", "Россия", "РФ", "Российская Федерация")
_add("CN", "local", SRC_LOCAL, "ru", "КНР", "Китай")
_add("US", "local", SRC_LOCAL, "ru", "США")
_add("AE", "local", SRC_LOCAL, "ru", "ОАЭ")
_add("DE", "local", SRC_LOCAL, "ru", "ФРГ")
_add("KP", "local", SRC_LOCAL, "mn", "Хойд Солонгос", "БНАСАУ")
_add("KR", "local", SRC_LOCAL, "mn", "Өмнөд Солонгос", "БНСУ")
_add("RU", "local", SRC_LOCAL, "mn", "Орос", "ОХУ")
_add("CN", "local", SRC_LOCAL, "mn", "БНХАУ")
_add("MN", "local", SRC_LOCAL, "mn", "Монгол", "Монгол Улс")
_add("KP", "local", SRC_LOCAL, "zh", "朝鲜", "北朝鲜", "北韩", "朝鲜民主主义人民共和国", "朝鮮", "北朝鮮", "北韓", "朝鮮民主主義人民共和國")
_add("KR", "local", SRC_LOCAL, "zh", "韩国", "南韩", "南朝鲜", "大韩民国", "韓國", "南韓", "大韓民國")
_add("CN", "local", SRC_LOCAL, "zh", "中国", "中國", "中华人民共和国", "中華人民共和國", "中国大陆", "中國大陸")
_add("KP", "local", SRC_LOCAL, "ja", "北朝鮮", "朝鮮民主主義人民共和国")
_add("KR", "local", SRC_LOCAL, "ja", "韓国", "大韓民国")
_add("KP", "local", SRC_LOCAL, "ko", "북한", "북조선", "조선", "조선민주주의인민공화국")
_add("KR", "local", SRC_LOCAL, "ko", "남한", "한국", "대한민국", "남조선")
_add("KP", "local", SRC_LOCAL, "vi", "Triều Tiên", "Bắc Triều Tiên", "Bắc Hàn")
_add("KR", "local", SRC_LOCAL, "vi", "Hàn Quốc", "Nam Hàn", "Đại Hàn Dân Quốc")
_add("KP", "romanised", SRC_LOCAL, "ko", "Choson", "Chosŏn", "Bukhan", "Puk Chosŏn", "Chosŏn Minjujuŭi Inmin Konghwaguk")
_add("KR", "romanised", SRC_LOCAL, "ko", "Hanguk", "Han'guk", "Daehan Minguk", "Taehan Min'guk", "Namhan")
_add("KP", "romanised", SRC_LOCAL, "ru", "Severnaya Koreya", "KNDR")
_add("KR", "romanised", SRC_LOCAL, "ru", "Yuzhnaya Koreya")
_add("RU", "romanised", SRC_LOCAL, "ru", "Rossiya", "Rossiia", "Rossiyskaya Federatsiya", "Rossiiskaia Federatsiia")
_add("CN", "romanised", SRC_LOCAL, "ru", "Kitay", "Kitai")
_add("CN", "romanised", SRC_LOCAL, "zh", "Zhongguo", "Zhonghua Renmin Gongheguo")
_add("MN", "romanised", SRC_LOCAL, "mn", "Mongol Uls")

_add("KP", "abbreviation", SRC_ABBR, "en", "Dem. Rep. Korea", "Dem Rep Korea", "Dem. Rep. of Korea",
     "Democratic Republic of Korea", "DR Korea", "D.R. Korea", "DPR-Korea", "D.P.R. of Korea")
_add("KP", "common", SRC_ADJ, "en", "North Korean", "N. Korean", "Nth Korean")
_add("KR", "common", SRC_ADJ, "en", "South Korean", "S. Korean", "Sth Korean")

# regions written in the country cell ("Sakhalin", "Inner Mongolia", "North Hamgyong"): the
# country they are in. Names shared by two countries' regions are left out or ambiguous
# (Kangwon/Gangwon is a province of both Koreas).
REGIONS: dict[str, tuple[str, ...]] = {
    "KP": ("South Pyongan", "South P'yŏngan", "Pyongan-namdo", "P'yŏngan-namdo", "Pyeongannam-do", "Phyeongannamto",
           "North Pyongan", "North P'yŏngan", "Pyongan-bukto", "P'yŏngan-bukto", "Pyeonganbuk-do", "Phyeonganpukto",
           "Chagang", "Chagang-do", "Jagang-do", "Jakangto", "South Hwanghae", "Hwanghae-namdo", "Hwanghaenam-do",
           "Hwanghainamto", "North Hwanghae", "Hwanghae-bukto", "Hwanghaebuk-do", "Hwanghaipukto",
           "South Hamgyong", "South Hamgyŏng", "Hamgyong-namdo", "Hamgyŏng-namdo", "Hamgyeongnam-do",
           "Hamkyeongnamto", "North Hamgyong", "North Hamgyŏng", "Hamgyong-bukto", "Hamgyŏng-bukto",
           "Hamgyeongbuk-do", "Hamkyeongpukto", "Ryanggang", "Ryanggang-do", "Yanggang-do", "Ryangkangto",
           "Hamgyong", "Hamgyŏng", "Pyongan", "P'yŏngan", "Hwanghae",
           "평안남도", "평안북도", "자강도", "황해남도", "황해북도", "함경남도", "함경북도", "량강도", "양강도",
           "平安南道", "平安北道", "慈江道", "黄海南道", "黄海北道", "咸镜南道", "咸镜北道", "两江道", "咸鏡北道", "咸鏡南道"),
    "KR": ("Gyeonggi", "Gyeonggi-do", "Kyonggi", "Kyŏnggi-do", "North Chungcheong", "Chungcheongbuk-do",
           "Chungbuk", "South Chungcheong", "Chungcheongnam-do", "Chungnam", "North Jeolla", "Jeollabuk-do",
           "Jeonbuk", "South Jeolla", "Jeollanam-do", "Jeonnam", "North Gyeongsang", "Gyeongsangbuk-do",
           "Gyeongbuk", "South Gyeongsang", "Gyeongsangnam-do", "Gyeongnam", "Jeju", "Jeju-do", "Cheju",
           "경기도", "충청북도", "충청남도", "전라북도", "전라남도", "경상북도", "경상남도", "제주도", "제주특별자치도"),
    "CN": ("Inner Mongolia", "Inner Mongolia Autonomous Region", "Mongolia, Inner", "Nei Mongol", "Nei Menggu",
           "Xinjiang", "Xinjiang Uygur", "Xinjiang Uyghur", "Xinjiang Uygur Autonomous Region",
           "Xinjiang Uyghur Autonomous Region", "Tibet", "Tibet Autonomous Region", "Xizang", "Jilin",
           "Jilin Province", "Liaoning", "Liaoning Province", "Heilongjiang", "Heilongjiang Province",
           "Yanbian", "Yanbian Korean Autonomous Prefecture", "Manchuria", "Northeast China", "Guangdong",
           "Guangdong Province", "Guangxi", "Fujian", "Zhejiang", "Jiangsu", "Shandong", "Hebei", "Henan",
           "Hubei", "Hunan", "Sichuan", "Yunnan", "Guizhou", "Hainan", "Anhui", "Jiangxi", "Shanxi", "Shaanxi",
           "Gansu", "Qinghai", "Ningxia", "内蒙古", "内蒙古自治区", "新疆", "新疆维吾尔自治区", "西藏", "西藏自治区",
           "吉林省", "辽宁", "辽宁省", "黑龙江", "黑龙江省", "延边", "延边朝鲜族自治州", "广东省", "广西", "福建省",
           "浙江省", "江苏省", "山东省", "河北省", "河南省", "湖北省", "湖南省", "四川省", "云南省", "贵州省",
           "海南省", "安徽省", "江西省", "山西省", "陕西省", "甘肃省", "青海省", "宁夏", "Внутренняя Монголия",
           "Синьцзян", "Маньчжурия"),
    "RU": ("Siberia", "Russian Far East", "Far Eastern Federal District", "Sakhalin", "Sakhalin Oblast",
           "Sakhalin Region", "Sakhalin Island", "Primorye", "Primorsky Krai", "Primorsky Kray", "Primorskiy Kray",
           "Primorsky Region", "Maritime Province", "Khabarovsk Krai", "Khabarovsk Kray", "Khabarovsk Region",
           "Amur Oblast", "Amur Region", "Jewish Autonomous Oblast", "Zabaykalsky Krai", "Transbaikal",
           "Transbaikalia", "Buryatia", "Republic of Buryatia", "Yakutia", "Sakha", "Republic of Sakha",
           "Sakha (Yakutia)", "Kamchatka", "Kamchatka Krai", "Magadan Oblast", "Chukotka",
           "Chukotka Autonomous Okrug", "Irkutsk Oblast", "Krasnoyarsk Krai", "Tomsk Oblast", "Novosibirsk Oblast",
           "Kemerovo Oblast", "Kuzbass", "Altai Krai", "Omsk Oblast", "Tyumen Oblast", "Yamal",
           "Yamalo-Nenets Autonomous Okrug", "Khanty-Mansi Autonomous Okrug", "Tatarstan", "Republic of Tatarstan",
           "Bashkortostan", "Moscow Oblast", "Moscow Region", "Leningrad Oblast", "Krasnodar Krai",
           "Kaliningrad Oblast", "Chechnya", "Dagestan", "Сибирь", "Дальний Восток", "Сахалин",
           "Сахалинская область", "Приморье", "Приморский край", "Хабаровский край", "Амурская область",
           "Еврейская автономная область", "Забайкальский край", "Бурятия", "Якутия", "Республика Саха (Якутия)",
           "Камчатка", "Камчатский край", "Магаданская область", "Чукотка", "Иркутская область",
           "Красноярский край", "Томская область", "Новосибирская область", "Кемеровская область",
           "Московская область", "Подмосковье", "Ленинградская область", "Татарстан", "Краснодарский край"),
    "AE": ("Ras Al Khaimah", "Ras al-Khaimah", "Fujairah", "Umm Al Quwain", "Umm al-Quwain"),
}
for _code, _regions in REGIONS.items():
    _add(_code, "region", SRC_REGION, "", *_regions)

# a bare "Congo" is either: kept with both candidates (the Republic of the Congo is ISO's "Congo")
for _code in ("CG", "CD"):
    _add(_code, "ambiguous", SRC_AMB_CONGO, "", "Congo", "The Congo", "Kongo", "Конго", "刚果")
for _code in ("KP", "KR"):
    _add(_code, "ambiguous", SRC_AMB, "", "Kangwon", "Kangwon-do", "Gangwon", "Gangwon-do", "강원도", "江原道")

# a bare "Korea" (in any language) is ambiguous: it is kept with both candidates
AMBIGUOUS_KOREA = (
    "Korea", "Korean", "Koreas", "Korea (unspecified)", "Corea", "Coreia", "Corée", "Korée", "Koreya", "Kore",
    "Koreja", "Kórea", "Korean Peninsula", "Корея", "Корейская", "Солонгос", "كوريا", "コリア", "고려",
)
for _code in ("KP", "KR"):
    _add(_code, "ambiguous", SRC_AMB, "", *AMBIGUOUS_KOREA)

PLACEHOLDERS = (
    "TBD", "TBA", "TBC", "N/A", "n.a.", "no", "none", "nil", "null", "unknown", "unspecified", "not specified",
    "not applicable", "not available", "various", "varies", "multiple", "several", "other", "others", "misc",
    "miscellaneous", "global", "worldwide", "international", "overseas", "abroad", "offshore", "see notes",
    "see note", "see contract", "see attached", "see remarks", "see comments", "see address", "?", "-", "--",
    "x", "xx", "xxx", "0", "EMEA", "APAC", "AMER", "AMERICAS", "LATAM", "MENA", "EU", "European Union",
    "Europe", "Asia", "Africa", "Middle East", "North America", "South America", "Latin America",
    "Central America", "Asia Pacific", "Asia-Pacific", "Oceania", "Caribbean", "Scandinavia", "Nordics",
    "Benelux", "GCC", "CIS", "ASEAN", "Far East", "Southeast Asia", "South East Asia", "Central Asia",
    "East Asia", "South Asia", "Eastern Europe", "Western Europe", "Central Europe", "Sub-Saharan Africa",
    "West Africa", "East Africa", "North Africa", "Southern Africa", "Gulf", "Persian Gulf",
)

CITIES: dict[str, tuple[str, ...]] = {
    "KP": ("Pyongyang", "P'yongyang", "Pyeongyang", "平壤", "평양", "Пхеньян", "Rason", "Rajin", "Rajin-Sonbong",
           "Rason City", "罗先", "羅先", "라선", "Расон", "Sinuiju", "Sinŭiju", "新义州", "新義州", "신의주",
           "Nampo", "Namp'o", "南浦", "남포", "Hamhung", "Hamhŭng", "咸兴", "함흥", "Chongjin", "Ch'ŏngjin",
           "清津", "청진", "Kaesong", "Kaesŏng", "开城", "개성", "Wonsan", "Wŏnsan", "元山", "원산", "Hyesan",
           "惠山", "혜산", "Kanggye", "Haeju", "Sariwon", "Tanchon", "Sinpo", "Kimchaek",
           # UN list and Revised Romanisation spellings, and in Cyrillic
           "Nampho", "Phyongyang", "Najin", "Sonbong", "Hungnam", "Pyongsong", "Gaeseong", "Hamheung",
           "Нампхо", "Вонсан", "Чхонджин", "Синыйджу", "Хамхын", "Кэсон",
           # Pyongyang as other European languages write it, and the border towns that face
           # China (Hoeryong, Manpo)
           "Pjöngjang", "Pjongjang", "Pchjongjang", "Phenjan", "Phenian", "Pionyang", "Pyongyang-si",
           "Hoeryong", "Hoeryŏng", "회령", "Manpo", "Manp'o", "만포"),
    "KR": ("Seoul", "首尔", "首爾", "서울", "Сеул", "Busan", "Pusan", "釜山", "부산", "Пусан", "Incheon", "Inchon",
           "仁川", "인천", "Daegu", "Taegu", "대구", "Daejeon", "Taejon", "대전", "Gwangju", "광주", "Ulsan",
           "울산", "Suwon", "수원", "Changwon", "창원", "Pohang", "Geoje", "Sejong"),
    "RU": ("Moscow", "Moskva", "Москва", "莫斯科", "모스크바", "Saint Petersburg", "St. Petersburg",
           "St Petersburg", "Санкт-Петербург", "Vladivostok", "Владивосток", "符拉迪沃斯托克", "블라디보스토크",
           "Khabarovsk", "Хабаровск", "Nakhodka", "Находка", "Ussuriysk", "Уссурийск", "Yuzhno-Sakhalinsk",
           "Южно-Сахалинск", "Novosibirsk", "Новосибирск", "Yekaterinburg", "Екатеринбург", "Kazan", "Казань",
           "Krasnoyarsk", "Красноярск", "Irkutsk", "Иркутск", "Blagoveshchensk", "Благовещенск", "Tynda",
           "Тында", "Amursk", "Амурск", "Komsomolsk-on-Amur", "Комсомольск-на-Амуре", "Magadan", "Магадан"),
    "CN": ("Beijing", "Peking", "北京", "Shanghai", "上海", "Dandong", "丹东", "丹東", "Shenyang", "沈阳", "瀋陽",
           "Dalian", "大连", "大連", "Yanji", "延吉", "Hunchun", "珲春", "Tumen", "图们", "Guangzhou", "广州",
           "Shenzhen", "深圳", "Tianjin", "天津", "Qingdao", "青岛", "Harbin", "哈尔滨", "Changchun", "长春",
           "Chongqing", "重庆", "Chengdu", "成都", "Wuhan", "武汉", "Hangzhou", "杭州", "Ningbo", "宁波",
           "Xiamen", "厦门", "Nanjing", "南京", "Suzhou", "苏州", "Dongguan", "东莞", "Zhuhai", "珠海"),
    "MN": ("Ulaanbaatar", "Ulan Bator", "Ulaanbaatar City", "Улаанбаатар", "Улан-Батор", "乌兰巴托", "Erdenet",
           "Darkhan"),
    "KW": ("Kuwait City", "مدينة الكويت"), "QA": ("Doha", "Lusail", "الدوحة"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah", "Ajman", "دبي", "أبوظبي", "أبو ظبي", "الشارقة"),
    "OM": ("Muscat", "مسقط"), "DZ": ("Algiers", "Alger", "Oran"), "PL": ("Warsaw", "Warszawa", "Gdansk", "Gdańsk"),
    "NA": ("Windhoek",), "AO": ("Luanda",), "MZ": ("Maputo",), "GQ": ("Malabo",), "SN": ("Dakar",),
    "NG": ("Lagos", "Abuja"), "TZ": ("Dar es Salaam", "Dodoma"), "ZW": ("Harare",), "BW": ("Gaborone",),
    "MY": ("Kuala Lumpur",), "KH": ("Phnom Penh",), "LA": ("Vientiane",), "VN": ("Hanoi", "Ho Chi Minh City",
    "Saigon"), "TH": ("Bangkok",), "SG": (), "ID": ("Jakarta",), "PH": ("Manila",), "JP": ("Tokyo", "Osaka",
    "東京", "大阪"), "TW": ("Taipei", "台北", "臺北"), "DE": ("Berlin", "Hamburg", "Munich", "München",
    "Frankfurt"), "FR": ("Paris", "Lyon", "Marseille"), "GB": ("London", "Manchester", "Birmingham"),
    "NL": ("Amsterdam", "Rotterdam"), "US": ("New York", "Los Angeles", "Chicago", "Houston"),
    "IN": ("New Delhi", "Mumbai", "Bengaluru", "Chennai"), "TR": ("Istanbul", "Ankara"),
    "SA": ("Riyadh", "Jeddah"), "BY": ("Minsk",), "UA": ("Kyiv", "Kiev"), "KZ": ("Almaty", "Astana"),
    "UZ": ("Tashkent",), "KG": ("Bishkek",), "TJ": ("Dushanbe",), "EG": ("Cairo",), "SY": ("Damascus",),
    "IR": ("Tehran",), "PK": ("Karachi", "Islamabad", "Lahore"), "BD": ("Dhaka",), "MM": ("Yangon", "Naypyidaw"),
    # more cities of the countries that host North Korean workers (a supplier's branch city)
    "ET": ("Addis Ababa",), "UG": ("Kampala",), "CD": ("Kinshasa",), "CG": ("Brazzaville",), "RW": ("Kigali",),
    "GN": ("Conakry",), "KE": ("Nairobi",), "SD": ("Khartoum",), "BH": ("Manama",), "JO": ("Amman",),
    "LB": ("Beirut",),
}
CITIES["RU"] += ("Ulan-Ude", "Улан-Удэ", "Chita", "Чита", "Yakutsk", "Petropavlovsk-Kamchatsky", "Sochi", "Rostov-on-Don",
                 "Novorossiysk", "Birobidzhan", "Partizansk", "Bolshoy Kamen")
for _code, _cities in CITIES.items():
    _add(_code, "city", SRC_CITY, "", *_cities)

# ISO codes cover most coded cells; IOC/FIFA codes that are also common in supplier data come
# from mledoze. These are left out: they read as another country's name or code.
CONFUSING_CODES = frozenset({"CHI", "NIG", "ANT", "SUD", "CGO", "BAR", "GUI"})

KIND_ORDER = {"ambiguous": 0, "not_a_country": 1, "iso_name": 2, "iso_official": 3, "iso_common": 4,
              "list_spelling": 5, "abbreviation": 6, "common": 6, "local": 7, "romanised": 7, "translation": 8, "city": 9,
              "region": 9,
              "name": 10, "variant": 11, "native": 12, "code": 13}

# fmt: on


def countries() -> list[dict[str, str]]:
    rows = []
    for c in pycountry.countries:
        name = SHORT_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        rows.append(
            {
                "iso2": c.alpha_2,
                "iso3": c.alpha_3,
                "numeric": c.numeric,
                "name": name,
                "official_name": getattr(c, "official_name", c.name),
                "source": SRC_ISO,
            }
        )
    rows.append(
        {
            "iso2": "XK",
            "iso3": "XKX",
            "numeric": "",
            "name": "Kosovo",
            "official_name": "Republic of Kosovo",
            "source": "user-assigned code XK (European Commission, IMF, US government usage)",
        }
    )
    return sorted(rows, key=lambda r: r["iso2"])


def iso_aliases() -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []
    for c in pycountry.countries:
        fields = [
            ("iso_name", c.name),
            ("iso_official", getattr(c, "official_name", "")),
            ("iso_common", getattr(c, "common_name", "")),
        ]
        for kind, value in fields:
            if value:
                out.append((c.alpha_2, value, kind, "en", SRC_ISO))
        for lang in LANGS:
            if c.alpha_2 in ("KP", "KR") and lang in KOREA_SKIP_LANGS:
                continue
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
            for _kind, value in fields:
                if not value:
                    continue
                text = tr.gettext(value)
                if text == value:
                    continue
                out.append((c.alpha_2, text, "translation", lang, SRC_TR))
                if "(" in text and not text.startswith("("):
                    out.append((c.alpha_2, text.split("(")[0].strip(), "translation", lang, SRC_TR))
    return out


def mledoze_aliases(src: Path) -> list[tuple[str, str, str, str, str]]:
    kinds = {
        "common": "name",
        "official": "name",
        "alt_spelling": "variant",
        "native_common": "native",
        "native_official": "native",
        "translation_common": "translation",
        "translation_official": "translation",
        "ioc_code": "code",
    }
    out = []
    with (src / "derived" / "country_aliases_mledoze.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            kind = kinds.get(r["alias_kind"])
            alias = r["alias"].strip()
            if not kind or not alias:
                continue
            if kind == "variant" and len(alias) <= 3 and alias.isupper():
                continue  # ISO codes repeated as spellings: codes come from countries.csv
            if kind == "code" and (alias in CONFUSING_CODES or not alias.isalpha() or len(alias) != 3):
                continue
            out.append((r["iso2"], alias, kind, r["lang"], SRC_MLEDOZE))
    return out


def key_of(alias: str, kind: str) -> str:
    return alias.upper() if kind == "code" else compact(alias)


def select(
    groups: list[list[tuple[str, str, str, str, str]]], iso3: dict[str, str]
) -> list[list[tuple[str, str, str, str, str]]]:
    """Keep, per group (in priority order), the aliases whose key is new or agrees with earlier groups."""
    owner: dict[str, set[str]] = {}
    for code, alias, kind, _lang, _src in groups[0]:
        owner.setdefault(key_of(alias, kind), set()).add(code)
    kept = [sorted(set(groups[0]))]
    for group in groups[1:]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for code, alias, kind, _lang, _src in group:
            by_key[key_of(alias, kind)].add(code)
        rows = []
        dropped: set[str] = set()
        for row in sorted(set(group)):
            code, alias, kind = row[0], row[1], row[2]
            key = key_of(alias, kind)
            if len(key) < 2 or (len(key) <= 3 and key.isascii() and kind not in ("abbreviation", "code")):
                continue  # short Latin keys read as codes or words ("CAD", "Man"): only curated ones
            if kind == "code" and key in iso3 and iso3[key] != code:
                continue
            prior = owner.get(key)
            if prior is not None:  # already known from an earlier source: adds nothing, or conflicts
                if prior != {code}:
                    dropped.add(f"{alias} ({code}; taken by {'/'.join(sorted(prior)) or 'placeholder'})")
                continue
            if len(by_key[key]) > 1:
                dropped.add(f"{alias} ({'/'.join(sorted(by_key[key]))}: same key in one source)")
                continue
            rows.append(row)
        for row in rows:
            owner.setdefault(key_of(row[1], row[2]), set()).add(row[0])
        kept.append(rows)
        if dropped:
            print(f"  dropped {len(dropped)} conflicting aliases, e.g. {sorted(dropped)[:6]}")
    return kept


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def risk_rows(src: Path, keys: dict[str, str]) -> list[list[str]]:
    rows: list[list[str]] = [
        [
            "KP",
            "dprk_origin",
            "North Korea is the origin of the labour: UN Security Council resolution 2397 (2017) required every "
            "state to repatriate North Korean workers by the end of 2019",
            "UN Security Council resolution 2397 (2017)",
            "2017-12-22",
        ]
    ]
    for code, detail, source, date in HOSTS:
        rows.append([code, "dprk_worker_host", detail, source, date])
    tiers: dict[str, dict[int, str]] = defaultdict(dict)
    with (src / "derived" / "us_tip_tier_lists_2022_2025.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            code = keys.get(compact(r["country_name_as_published"]))
            if not code:
                raise SystemExit(f"TIP country not resolved: {r['country_name_as_published']!r}")
            tiers[code][int(r["tip_report_year"])] = r["tier"]
    latest = max(y for t in tiers.values() for y in t)
    for code in sorted(tiers):
        tier = tiers[code].get(latest)
        if not tier:
            continue
        factor = "tip_tier3" if tier == "Tier 3" else "tip_tier2_watch"
        history = "; ".join(
            f"{y}: {tiers[code].get(y, 'not listed')}"
            for y in sorted(tiers[code], reverse=True)
            if y != latest
        )
        detail = f"TIP {latest} {tier}" + (f" (earlier: {history})" if history else "")
        rows.append(
            [
                code,
                factor,
                detail,
                f"US State Department Trafficking in Persons Report {latest}, via CIA World Factbook",
                str(latest),
            ]
        )
    order = {"dprk_origin": 0, "dprk_worker_host": 1, "tip_tier3": 2, "tip_tier2_watch": 3}
    return sorted(rows, key=lambda r: (r[0], order[r[1]]))


# fmt: off
_TESTIMONY = "US State Department and congressional reporting (2017-2018 hearings, as covered in the press)"
_UN_MOP = ("UN 1718 Committee narrative for Mansudae Overseas Project Group of Companies (KPe.050, "
           "listed 2017-08-05)")
_MOP = ("Mansudae Overseas Project Group (exports North Korean workers for construction) reported to operate "
        "here per the UN 1718 Committee")
HOSTS: list[tuple[str, str, str, str]] = [
    ("RU", "hosts North Korean workers (logging, construction) per US State Department reporting; OFAC addresses "
     "of labour-export entities in Russia", f"{_TESTIMONY}; OFAC SDN ent_num 19611, 23178, 30083", "2024-05-03"),
    ("CN", "hosts North Korean workers (factories, restaurants, IT) per US State Department reporting; OFAC "
     "addresses of labour-export entities in China", f"{_TESTIMONY}; OFAC SDN ent_num 23178, 27254", "2024-05-03"),
    ("MN", "hosts North Korean workers per US State Department and congressional reporting", _TESTIMONY, "2018"),
    ("KW", "hosts North Korean construction workers per congressional reporting; OFAC addresses of External "
     "Construction Bureau and Ch'olhyo'n Overseas Construction", f"{_TESTIMONY}; OFAC SDN ent_num 23083, 23084",
     "2024-05-03"),
    ("QA", "OFAC address of External Construction Bureau (North Korean labour export for construction)",
     "OFAC SDN ent_num 23083", "2024-05-03"),
    ("AE", "OFAC address of External Construction Bureau (North Korean labour export for construction)",
     "OFAC SDN ent_num 23083", "2024-05-03"),
    ("OM", "OFAC address of External Construction Bureau (North Korean labour export for construction)",
     "OFAC SDN ent_num 23083", "2024-05-03"),
    ("DZ", "OFAC address of Ch'olhyo'n Overseas Construction Company (North Korean construction workers); "
     "Mansudae Overseas Project reported to operate here", f"OFAC SDN ent_num 23084; {_UN_MOP}", "2024-05-03"),
    ("PL", "OFAC address of Korea South-South Cooperation Corporation (North Korean labour export)",
     "OFAC SDN ent_num 23178", "2024-05-03"),
    ("NA", "OFAC addresses of Mansudae Overseas Projects Architectural and Technical Services and Qingdao "
     "Construction (Namibia), North Korean construction companies", f"OFAC SDN ent_num 22703, 22704; {_UN_MOP}",
     "2024-05-03"),
]
HOSTS += [(c, _MOP, _UN_MOP, "2017-08-05") for c in
          ("AO", "BJ", "BW", "CD", "GQ", "KH", "MG", "MY", "MZ", "SY", "TD", "TG", "ZW")]

# fmt: on


def _args(argv: list[str]) -> tuple[Path, Path]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sources", nargs="?", default=str(ROOT.parent / "shared" / "reference-sources"))
    parser.add_argument(
        "--out", default=str(ROOT / "reference"), help="folder to write (default: reference/)"
    )
    ns = parser.parse_args(argv)
    return Path(ns.sources), Path(ns.out)


def manifest_update(out: Path, items: list[dict[str, object]]) -> None:
    """Replace this script's entries in out/manifest.json, keeping every other entry."""
    manifest_tools.update_manifest(out, items)


def entry(
    out: Path, file: str, lst: str, title: str, ver: str, source: str, licence: str, rows: int
) -> dict[str, object]:
    return manifest_tools.file_entry(
        out, file, list=lst, title=title, version=ver, source=source, licence=licence, rows=rows
    )


def main() -> int:
    src, out = _args(sys.argv[1:])
    ctry = countries()
    write_csv(out / "countries.csv", list(ctry[0]), [list(r.values()) for r in ctry])
    iso3 = {r["iso3"]: r["iso2"] for r in ctry}
    top = [("", p, "not_a_country", "", SRC_NONE) for p in PLACEHOLDERS]
    top += [r for r in CURATED if r[2] == "ambiguous"]
    curated = [r for r in CURATED if r[2] != "ambiguous"]
    first, main_curated, iso, extra = select([top, curated, iso_aliases(), mledoze_aliases(src)], iso3)
    main_rows = sorted(first + main_curated + iso, key=lambda r: (r[0], KIND_ORDER[r[2]], r[3], r[1]))
    header = ["iso2", "alias", "kind", "lang", "source"]
    write_csv(out / "country_aliases.csv", header, [list(r) for r in main_rows])
    extra = sorted(extra, key=lambda r: (r[0], KIND_ORDER[r[2]], r[3], r[1]))
    write_csv(out / "country_aliases_mledoze.csv", header, [list(r) for r in extra])
    keys = {
        compact(r[1]): r[0] for r in main_rows + extra if r[2] not in ("ambiguous", "not_a_country", "code")
    }
    risk = risk_rows(src, keys)
    write_csv(out / "country_risk.csv", ["iso2", "factor", "detail", "source", "source_date"], risk)
    manifest_update(
        out,
        [
            entry(
                out,
                "countries.csv",
                "countries",
                "ISO 3166-1 countries with short English names",
                PYC,
                SRC_ISO,
                "LGPL-2.1+ (pycountry / iso-codes)",
                len(ctry),
            ),
            entry(
                out,
                "country_aliases.csv",
                "country-aliases",
                "Country names, codes, spellings and translations",
                f"{PYC} + screen curation",
                f"{SRC_ISO}; {SRC_TR}; OFAC, World Bank and UN spellings; curation",
                "LGPL-2.1+ (iso-codes translations); curated rows public domain; see LICENSES.md",
                len(main_rows),
            ),
            entry(
                out,
                "country_aliases_mledoze.csv",
                "country-aliases-mledoze",
                "Further country spellings and translations (ODbL)",
                "mledoze/countries (reference-sources snapshot)",
                SRC_MLEDOZE,
                "ODbL-1.0; see LICENSES.md",
                len(extra),
            ),
            entry(
                out,
                "country_risk.csv",
                "country-risk",
                "Country risk factors (North Korean labour, TIP tiers)",
                "TIP 2025; OFAC SDN 2024-05-03; UN 1718 list 2024-09-26",
                "UN SCR 2397; US State Department TIP Report; OFAC SDN; UN 1718 Committee",
                "public domain (US government works); UN documents",
                len(risk),
            ),
        ],
    )
    print(f"countries {len(ctry)}, aliases {len(main_rows)} + mledoze {len(extra)}, risk rows {len(risk)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
