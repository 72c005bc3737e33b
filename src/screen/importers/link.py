"""Link the entries of several lists that name the same real party (the ``group_id`` column).

Two entries of different lists and the same entity type are linked when they share a UN
reference number (the UN entry's own id, or ``KPe.050`` quoted in another list's remarks) or
a normalised name: case-folded, transliterated to ASCII, punctuation removed, trailing legal
forms (CO LTD, CORPORATION, COMPANY, LLC...) dropped, with and without a parenthesised
acronym. Weak aliases are not used. A name shared by two entries of the same list is
ambiguous and links nothing, and a group never holds two entries of one list. The group id is
the OFAC entry's ref_id (``OFAC-SDN:20578``) when the group has one, else the first list's.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from anyascii import anyascii

log = logging.getLogger(__name__)

LIST_ORDER = ("OFAC-SDN", "UN-SC", "UK", "EU", "OS")
LINK_NAME_TYPES = {"primary", "aka", "fka", "nka", "original_script"}
LEGAL_FORMS = [
    f.split()
    for f in (
        "co ltd",
        "co limited",
        "company limited",
        "company ltd",
        "corporation",
        "corp",
        "company",
        "co",
        "ltd",
        "limited",
        "llc",
        "l l c",
        "inc",
        "incorporated",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "ooo",
        "pty ltd",
        "pty limited",
        "pty",
        "cc",
        "gmbh",
        "fze",
        "fzco",
        "fzc",
        "llp",
        "plc",
        "sa",
        "s a",
        "sarl",
        "bv",
    )
]
LEGAL_FORMS.sort(key=len, reverse=True)
# spelling variants the lists use for the same word
TOKEN_VARIANTS = {
    "korean": "korea",
    "shpg": "shipping",
    "intl": "international",
    "centre": "center",
    "defence": "defense",
    "organisation": "organization",
    "dprk": "democratic peoples republic of korea",
}
UN_REF = re.compile(r"\b[A-Z]{2}[ei]\.\d{3}\b")
MIN_KEY_CHARS = 4

Ref = tuple[str, str]  # (list, official_id)


def link_key(name: str) -> str:
    """``Mansudae Overseas Project Co., Ltd.`` -> ``mansudaeoverseasproject`` (spaces dropped too,
    so ``CHONG-CHONGANG`` and ``CHONGCHONGANG`` meet)."""
    t = re.sub(r"['’`ʼ]", "", anyascii(name).casefold())
    tokens = [TOKEN_VARIANTS.get(w, w) for w in re.sub(r"[^0-9a-z]+", " ", t).split()]
    changed = True
    while changed:
        changed = False
        for form in LEGAL_FORMS:
            if len(tokens) > len(form) and tokens[-len(form) :] == form:
                tokens = tokens[: -len(form)]
                changed = True
                break
    return "".join(tokens)


def name_keys(name: str) -> set[str]:
    """The link keys of a name: as written, and without parenthesised parts such as ``(CMC)``."""
    keys = {link_key(name), link_key(re.sub(r"\([^)]*\)", " ", name))}
    return {k for k in keys if len(k) >= MIN_KEY_CHARS}


@dataclass
class LinkReport:
    groups: int = 0  # groups spanning two or more lists
    by_lists: Counter[str] = field(default_factory=Counter)  # "OFAC-SDN+UK+UN-SC" -> groups
    ambiguous_keys: int = 0  # keys naming several entries of one list
    refused: int = 0  # links refused because a group would hold two entries of one list

    def lines(self) -> list[str]:
        out = [f"{self.groups} groups span two or more lists"]
        out += [f"  {lists}: {n}" for lists, n in sorted(self.by_lists.items())]
        out.append(
            f"{self.ambiguous_keys} ambiguous names skipped; {self.refused} links refused (one entry per list)"
        )
        return out


def _rank(ref: Ref) -> tuple[int, str, str]:
    order = LIST_ORDER.index(ref[0]) if ref[0] in LIST_ORDER else len(LIST_ORDER)
    return (order, ref[0], ref[1].zfill(12))


def link_groups(frames: Sequence[pd.DataFrame]) -> tuple[list[pd.DataFrame], LinkReport]:
    """Copies of ``frames`` with ``group_id`` filled in for entries linked across lists."""
    report = LinkReport()
    index: dict[tuple[str, str], dict[str, set[Ref]]] = defaultdict(lambda: defaultdict(set))
    primary_keys: dict[Ref, set[str]] = defaultdict(set)
    for frame in frames:
        for row in frame.itertuples(index=False):
            ref: Ref = (str(row.list), str(row.official_id))
            etype = str(row.entity_type)
            if row.name_type in LINK_NAME_TYPES:
                for key in name_keys(str(row.name)):
                    index[(etype, key)][ref[0]].add(ref)
                    if row.name_type == "primary":
                        primary_keys[ref].add(key)
            un_refs = {ref[1]} if ref[0] == "UN-SC" and UN_REF.fullmatch(ref[1]) else set()
            un_refs |= set(UN_REF.findall(str(row.remarks)))
            for un in un_refs:
                index[(etype, "#un:" + un)][ref[0]].add(ref)

    edges: dict[tuple[Ref, Ref], int] = {}
    for (_, key), by_list in index.items():
        unique = {lst: next(iter(refs)) for lst, refs in by_list.items() if len(refs) == 1}
        if len(unique) < len(by_list):
            report.ambiguous_keys += 1
        refs = sorted(unique.values(), key=_rank)
        for i, a in enumerate(refs):
            for b in refs[i + 1 :]:
                strength = (
                    0 if key.startswith("#un:") else 1 if key in primary_keys[a] & primary_keys[b] else 2
                )
                edges[(a, b)] = min(strength, edges.get((a, b), 9))

    parent: dict[Ref, Ref] = {}
    members: dict[Ref, set[Ref]] = {}

    def find(r: Ref) -> Ref:
        parent.setdefault(r, r)
        members.setdefault(r, {r})
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for (a, b), _strength in sorted(edges.items(), key=lambda e: (e[1], _rank(e[0][0]), _rank(e[0][1]))):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if {m[0] for m in members[ra]} & {m[0] for m in members[rb]}:
            report.refused += 1
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)

    group_of: dict[Ref, str] = {}
    for root in {find(r) for r in list(parent)}:
        group = members[root]
        if len(group) < 2:
            continue
        head = min(group, key=_rank)
        for ref in group:
            group_of[ref] = f"{head[0]}:{head[1]}"
        report.groups += 1
        report.by_lists["+".join(sorted({m[0] for m in group}))] += 1

    out = []
    for frame in frames:
        f = frame.copy()
        refs = list(zip(f["list"], f["official_id"], strict=True))
        f["group_id"] = [group_of.get((str(a), str(b)), "") for a, b in refs]
        out.append(f)
    log.info("linked %d groups across lists", report.groups)
    return out, report
