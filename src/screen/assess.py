"""Turn the evidence on a row into a risk level and plain-English reasons.

Default policy (``[policy]`` in screen.toml changes which country factors count):

- high: an entity match in the hit band, or the supplier is located in North Korea (its
  country, or its city/address where the country cell names another country: "China",
  "Pyongyang"; a review only when the country cell says South Korea or a bare "Korea", as the
  two Koreas share some place names; both only while ``dprk_origin`` is among the policy's
  high-risk country factors);
- medium: an entity match in the review band, or a high-risk country together with a core
  sector, or an ambiguous country (a bare "Korea"), or a name that refers to North Korea
  ("Pyongyang Restaurant": ``policy.name_reference_risk``, see :mod:`screen.name_refs`);
- low: a high-risk country alone, a core sector alone, or an extended sector (textiles,
  fishing, IT services, ...) together with a high-risk country;
- clear: none of these. An extended sector alone leaves the supplier clear (still reported).

Every reason is one sentence naming the evidence and its source.
"""

from __future__ import annotations

import re

import pandas as pd

from screen.config import PolicyConfig
from screen.model import RISK_ORDER, CountryFactor, CountryResult, Match, NameRef, SectorHit

_NAMES = {"KP": "North Korea (KP)", "KR": "South Korea (KR)"}


def _names(codes: tuple[str, ...]) -> list[str]:
    from screen.country_tables import names_by_code
    from screen.reference import bundled_dir

    names = names_by_code(bundled_dir())
    return [_NAMES.get(c) or f"{names.get(c, c)} ({c})" for c in codes]


_EARLIER = re.compile(r"\s*\(earlier:[^)]*\)")


def _factors_text(factors: list[CountryFactor]) -> str:
    """The factors in a sentence, then their sources once each (full history stays in the JSON)."""
    details = "; ".join(_EARLIER.sub("", f.detail) for f in factors)
    sources = "; ".join(dict.fromkeys(f.source for f in factors))
    return f"{details} (sources: {sources})"


def _country_sentence(c: CountryResult, factors_text: str) -> str:
    return f"{_country_lead(c)}: {factors_text}."


def _country_lead(c: CountryResult) -> str:
    """How the country was read: from the cell, from the city/address, or guessed at a typo."""
    if c.place and not c.input:
        return f"City/address '{c.place}' is in {c.name} ({c.code}) (the country cell is empty)"
    if c.place:
        return f"Country '{c.input}' read as {c.name} ({c.code}) by the city/address '{c.place}'"
    if c.guessed:
        return f"Country '{c.input}' read as {c.name} ({c.code}) (a guess at a misspelling; check it)"
    return f"Country '{c.input}' resolved to {c.code} ({c.name})"


def _country_note(c: CountryResult | None, address: CountryResult | None) -> str | None:
    """What the rationale says when the country could not be assessed, or was read from
    elsewhere than the country cell, and says nothing else about it."""
    if address is not None:
        return None  # the address sentence says where the supplier is
    if c is None or c.status == "missing":
        return "No country given: country risk not assessed."
    if c.status == "unknown":
        return f"Country '{c.input}' not recognised: country risk not assessed; correct the country cell."
    if c.status == "resolved" and (c.guessed or c.place) and not c.factors:
        return f"{_country_lead(c)}."
    return None


def assess_row(
    blank: bool,
    country: CountryResult | None,
    sectors: tuple[SectorHit, ...],
    matches: tuple[Match, ...],
    policy: PolicyConfig,
    name_refs: tuple[NameRef, ...] = (),
    address: CountryResult | None = None,
    named: bool = True,
) -> tuple[str, list[str]]:
    if blank:
        return "clear", ["Blank row: nothing to screen."]
    risk = "clear"
    reasons: list[str] = []

    def raise_to(level: str) -> None:
        nonlocal risk
        if RISK_ORDER[level] > RISK_ORDER[risk]:
            risk = level

    for m in matches:
        if m.band == "hit":
            raise_to("high")
            reasons.append(f"Name matches a listed entity (hit): {m.explanation}")
        else:
            raise_to("medium")
            reasons.append(f"Possible listed entity, needs review: {m.explanation}")
    high_country = False
    if address is not None and address.code == "KP" and not (country is not None and country.code == "KP"):
        # the two Koreas share some place names: with South Korea (or a bare "Korea") in the
        # country cell it is a review
        south = country is not None and (
            country.code == "KR"
            # a bare "Korea" beside a place in North Korea; not beside a column that says North Korea
            or (country.status == "ambiguous" and "KR" in country.candidates and not address.column)
        )
        listed = [f for f in address.factors if f.factor in policy.high_risk_country_factors]
        located = any(f.factor == "dprk_origin" for f in listed)
        if located:
            raise_to("medium" if south else "high")
        elif listed:  # the policy counts North Korea as any other high-risk country
            high_country = True
        said = (
            f"says '{country.input}' ({country.name or country.status})"
            if country is not None and country.status != "missing"
            else "is empty"
        )
        if address.column:  # another country column than the supplier's ("Country of Origin")
            lead = (
                f"Column '{address.column}' says '{address.input}' (North Korea), though the supplier's "
                f"country cell {said}: "
            )
            lead += (
                "confirm what it refers to"
                if south
                else "goods, a site or a party of this supplier in North Korea"
            )
        else:
            lead = (
                f"Address '{address.input}' is in North Korea ({address.method.replace(' (North Korea)', '')}), "
                f"though the country cell {said}: "
            )
            lead += (
                "confirm where the supplier is (the two Koreas share some place names)"
                if south
                else "a supplier with an address in North Korea"
            )
        reasons.append(
            lead
            + (
                f"; {_factors_text(listed)}."
                if listed
                else " (noted: the policy counts no North Korean factor)."
            )
        )
    if country is not None and country.status == "resolved" and country.code:
        listed = [f for f in country.factors if f.factor in policy.high_risk_country_factors]
        watch = [f for f in country.factors if f.factor in policy.watch_country_factors]
        if any(f.factor == "dprk_origin" for f in listed):
            raise_to("high")
            text = "; ".join(f"{f.detail} ({f.source})" for f in listed)
            lead = _country_lead(country)
            reasons.append(f"Supplier located in North Korea: {lead[0].lower()}{lead[1:]}: {text}.")
        elif listed:
            high_country = True
            reasons.append(_country_sentence(country, _factors_text(listed)))
        elif watch:
            reasons.append(
                _country_sentence(country, _factors_text(watch))
                + " (noted; does not raise the risk on its own)"
            )
    elif (
        country is not None
        and country.north_korea_among_others
        and "dprk_origin" in policy.high_risk_country_factors
    ):
        raise_to("high")
        others = " and ".join(_names(tuple(c for c in country.candidates if c != "KP")))
        listed = [f for f in country.factors if f.factor in policy.high_risk_country_factors]
        reasons.append(
            f"Country '{country.input}' names North Korea with {others}: a supplier in North Korea, at "
            f"least in part; confirm where it works: {_factors_text(listed)}."
        )
    elif country is not None and country.status == "ambiguous":
        raise_to("medium")
        what = (
            f"Country '{country.input}' is ambiguous"
            if str(country.input).strip() or not country.place
            else f"City/address '{country.place}' (the country cell is empty) is ambiguous"
        )
        reasons.append(
            f"{what}: it could mean "
            f"{' or '.join(_names(country.candidates)) or 'several countries'}; confirm the supplier's country."
        )
    core = [s for s in sectors if s.sector in policy.core_sectors]
    extended = [s for s in sectors if s.sector not in policy.core_sectors]
    for s in core:
        reasons.append(
            f"Sector '{s.sector}' from {s.evidence}: a core sector of North Korean overseas labour "
            "(US State Department / Congressional reporting)."
        )
    for s in extended:
        reasons.append(
            f"Sector '{s.sector}' from {s.evidence}: named in the July 2018 US advisory on North Korean "
            "supply-chain risk" + ("." if high_country else " (noted; does not raise the risk on its own).")
        )
    # after the country and sector reasons: a supplier in North Korea says so first
    for ref in name_refs:
        if policy.name_reference_risk in RISK_ORDER:
            raise_to(policy.name_reference_risk)
            reasons.append(ref.sentence())
        else:
            reasons.append(ref.sentence() + " (noted; does not raise the risk: policy.name_reference_risk)")
    if high_country and core:
        raise_to("medium")
    elif high_country or core:
        raise_to("low")
    if high_country and extended and not core:
        raise_to("low")
    note = _country_note(country, address)
    if not named:
        reasons.append("No supplier name: the row was not compared with the lists; fill in the name.")
    elif risk == "clear" and not reasons:
        reasons.append(
            "No listed-entity match, no high-risk country and no high-risk sector found."
            if note is None
            else "No listed-entity match and no high-risk sector found."
        )
    if note is not None:
        reasons.append(note)
    return risk, reasons


def assess(df: pd.DataFrame, policy: PolicyConfig) -> pd.DataFrame:
    """Pure stage: a copy of ``df`` with ``risk`` and ``rationale`` columns."""
    out = df.copy()
    risks: list[str] = []
    rationales: list[list[str]] = []
    n = len(out)
    blanks = out["_blank"].tolist() if "_blank" in out else [False] * n
    countries = out["country_result"].tolist() if "country_result" in out else [None] * n
    sectors = out["sectors"].tolist() if "sectors" in out else [()] * n
    matches = out["matches"].tolist() if "matches" in out else [()] * n
    refs = out["name_refs"].tolist() if "name_refs" in out else [()] * n
    addresses = out["address_result"].tolist() if "address_result" in out else [None] * n
    named = [bool(str(x).strip()) for x in out["name"].tolist()] if "name" in out else [True] * n
    for b, c, s, m, nr, a, nm in zip(
        blanks, countries, sectors, matches, refs, addresses, named, strict=True
    ):
        r, why = assess_row(bool(b), c, tuple(s or ()), tuple(m or ()), policy, tuple(nr or ()), a, nm)
        risks.append(r)
        rationales.append(why)
    out["risk"] = risks
    out["rationale"] = rationales
    return out
