"""Country names as the sanctions lists spell them, to ISO 3166-1 alpha-2 codes.

pycountry knows the ISO names and most common names; the table below adds the spellings
OFAC, the UN and the EU use that ISO does not ("Korea, North", "Burma", "Russia",
"Congo, Democratic Republic of the", "Region: Crimea"...). An empty value marks a known
non-country ("undetermined", disputed regions) that is deliberately left without a code.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from anyascii import anyascii

LIST_SPELLINGS: dict[str, str] = {
    "korea, north": "KP",
    "north korea": "KP",
    "dprk": "KP",
    "d.p.r.k.": "KP",
    "democratic people's republic of korea": "KP",
    "korea, democratic people's republic of": "KP",
    "korea north": "KP",
    "korea (north)": "KP",
    "korea, south": "KR",
    "korea south": "KR",
    "korea (south)": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "russia": "RU",
    "turkey": "TR",
    "burma": "MM",
    "bahamas, the": "BS",
    "the bahamas": "BS",
    "gambia, the": "GM",
    "the gambia": "GM",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo, republic of the": "CG",
    "republic of the congo": "CG",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "macau": "MO",
    "north macedonia, the republic of": "MK",
    "man, isle of": "IM",
    "kosovo": "XK",
    "west bank": "PS",
    "gaza": "PS",
    "palestinian": "PS",
    "state of palestine": "PS",
    "northern gaza": "PS",
    "north gaza": "PS",
    "crimea": "UA",
    "northern mali": "ML",
    "netherlands antilles": "AN",  # dissolved 2010; ISO keeps AN transitionally reserved
    "china, hong kong special administrative region": "HK",
    "china, macao special administrative region": "MO",
    "brunei": "BN",
    "cape verde": "CV",
    "swaziland": "SZ",
    "micronesia, federated states of": "FM",
    "micronesia": "FM",
    "vatican city": "VA",
    "holy see": "VA",
    "east timor": "TL",
    "laos": "LA",
    "lao pdr": "LA",
    "uk": "GB",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
    "uae": "AE",
    "prc": "CN",
    "undetermined": "",
    "unknown": "",
    "kafia kingi": "",  # disputed between Sudan and South Sudan
    "jammu and kashmir": "",
    "commonwealth of independent states": "",
}


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9,()' ]+", " ", anyascii(text).casefold().replace("’", "'")).split())


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name", "alpha_3"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(_fold(value), c.alpha_2)
    return names


def is_non_country(text: str) -> bool:
    """True for the lists' known non-country values ("undetermined", disputed regions)."""
    key = " ".join(text.split()).casefold().removeprefix("region:").strip()
    return LIST_SPELLINGS.get(key) == ""


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name/code as the lists write it, or None when unknown.

    >>> country_code("Korea, North"), country_code("Russia"), country_code("kp")
    ('KP', 'RU', 'KP')
    """
    t = " ".join(text.split())
    if not t:
        return None
    key = t.casefold()
    if key.startswith("region:"):
        key = key.removeprefix("region:").strip()
    if key in LIST_SPELLINGS:
        return LIST_SPELLINGS[key] or None
    if len(t) == 2 and t.isalpha():
        upper = t.upper()
        return upper if upper == "XK" or pycountry.countries.get(alpha_2=upper) else None
    folded = _fold(t)
    for candidate in (folded, _fold(re.sub(r"\s*\(.*?\)\s*", " ", t))):
        if candidate in LIST_SPELLINGS:
            return LIST_SPELLINGS[candidate] or None
        code = _iso_names().get(candidate)
        if code:
            return code
    return None
