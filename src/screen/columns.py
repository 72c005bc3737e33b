"""Find the supplier name, country, activity, industry code, city/address and ID columns.

Headers are compared after case folding and removing spaces and punctuation, against
synonyms in English, German, French, Spanish, Portuguese, Italian, Russian, Chinese, Korean
and Japanese, and the headers of procurement systems (SAP's "Name 1", "Cty", ``LIFNR``,
``LAND1``). ``--column name="Vendor Name"`` overrides detection. Only the name column is
required. Of several candidates for the name, a column whose cells are names comes before one
of codes (which then serves as the supplier ID), and a bare "Name" (often a contact's) after
"Company"; a name continued in numbered columns ("Name 2", "Name 3") is read as one (and
matched in its parts too: see screen.pipeline). The other columns of names ("Trading Name",
"DBA", "Legal Name" beside "Supplier Name", "Factory") are matched as well, the better match
counting, and the rationale names the column. Of several country columns the supplier's own is
screened ("Supplier Country", "Country of Incorporation" before "Country of Origin", and any
before a bank's or a shipment's); the others are checked for North Korea.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from screen.errors import ColumnError

# field -> synonyms (as people write them; normalised at import time)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "supplier",
        "supplier name",
        "suppliers",
        "vendor",
        "vendor name",
        "vendor_name",
        "company",
        "company name",
        "name",
        "name 1",
        "business name",
        "legal name",
        "legal entity name",
        "legal entity",
        "registered name",
        "entity name",
        "counterparty",
        "counterparty name",
        "partner",
        "partner name",
        "business partner",
        "seller",
        "manufacturer",
        "factory",
        "factory name",
        "contractor",
        "subcontractor",
        "firm",
        "organisation",
        "organization",
        "organization name",
        "trading name",
        "trade name",
        "dba",
        "dba name",
        "doing business as",
        "alias",
        "aka",
        "also known as",
        "former name",
        "previous name",
        "alternate name",
        "alternative name",
        "other name",
        "local name",
        "english name",
        "name in english",
        "chinese name",
        "account name",
        "payee",
        "beneficiary",
        "lieferant",
        "lieferantenname",
        "name des lieferanten",
        "firma",
        "firmenname",
        "unternehmen",
        "hersteller",
        "kreditor",
        "kreditorname",
        "fournisseur",
        "nom du fournisseur",
        "nom fournisseur",
        "raison sociale",
        "société",
        "societe",
        "entreprise",
        "nom",
        "proveedor",
        "nombre del proveedor",
        "nombre proveedor",
        "razón social",
        "razon social",
        "empresa",
        "nombre",
        "fornecedor",
        "nome do fornecedor",
        "fornitore",
        "ragione sociale",
        "поставщик",
        "наименование поставщика",
        "наименование",
        "название",
        "компания",
        "организация",
        "контрагент",
        "供应商",
        "供应商名称",
        "供應商",
        "公司名称",
        "公司",
        "企业名称",
        "厂商",
        "名称",
        "공급업체",
        "업체명",
        "회사명",
        "仕入先",
        "会社名",
    ),
    "country": (
        "country",
        "ctry",
        "cty",
        "cntry",
        "country key",
        "land1",
        "country name",
        "country code",
        "country of origin",
        "countries of origin",
        "ctry of origin",
        "coo",
        "made in",
        "place of manufacture",
        "country of manufacture",
        "manufacturing country",
        "manufacturing countries",
        "production country",
        "sourcing country",
        "sourcing countries",
        "nationality",
        "owner nationality",
        "origin",
        "supplier country",
        "vendor country",
        "nation",
        "location country",
        "iso country",
        "land",
        "herkunftsland",
        "lieferland",
        "pays",
        "pays d'origine",
        "país",
        "pais",
        "país de origen",
        "paese",
        "nazione",
        "страна",
        "страна регистрации",
        "国家",
        "國家",
        "国家地区",
        "国别",
        "국가",
        "国",
    ),
    "industry": (
        "industry",
        "activity",
        "business activity",
        "main activity",
        "industry description",
        "sector",
        "business sector",
        "line of business",
        "business type",
        "business",
        "category",
        "supplier category",
        "vendor category",
        "category name",
        "commodity",
        "products",
        "product",
        "products/services",
        "goods",
        "services",
        "description",
        "nature of business",
        "branche",
        "tätigkeit",
        "taetigkeit",
        "wirtschaftszweig",
        "geschäftstätigkeit",
        "industrie",
        "secteur",
        "activité",
        "activite",
        "secteur d'activité",
        "sector de actividad",
        "actividad",
        "industria",
        "rubro",
        "giro",
        "atividade",
        "settore",
        "attività",
        "отрасль",
        "вид деятельности",
        "деятельность",
        "сфера деятельности",
        "行业",
        "行業",
        "经营范围",
        "主营业务",
        "业务",
        "업종",
        "業種",
    ),
    "code": (
        "naics",
        "naics code",
        "isic",
        "isic code",
        "nace",
        "nace code",
        "sic",
        "sic code",
        "industry code",
        "activity code",
        "sector code",
        "wz",
        "wz code",
        "wz 2008",
        "code naf",
        "naf",
        "ape",
        "code ape",
        "cnae",
        "ciiu",
        "оквэд",
        "код оквэд",
        "行业代码",
        "산업분류코드",
    ),
    "city": (
        "city",
        "town",
        "location",
        "site",
        "region",
        "province",
        "state",
        "stadt",
        "localité",
        "localite",
        "ort",
        "ort01",
        "ville",
        "ciudad",
        "localidad",
        "cidade",
        "città",
        "город",
        "城市",
        "所在地",
        "도시",
    ),
    "address": (
        "address",
        "street address",
        "street",
        "stras",
        "straße",
        "strasse",
        "rue",
        "adresse",
        "anschrift",
        "dirección",
        "direccion",
        "endereço",
        "indirizzo",
        "адрес",
        "地址",
        "주소",
        "住所",
    ),
    "id": (
        "id",
        "supplier id",
        "vendor id",
        "vendor number",
        "vendor no",
        "supplier number",
        "supplier no",
        "supplier code",
        "vendor code",
        "account",
        "account number",
        "number",
        "no",
        "ref",
        "reference",
        "lifnr",
        "lieferantennummer",
        "kreditorennummer",
        "kreditor nr",
        "nr",
        "numéro fournisseur",
        "code fournisseur",
        "código proveedor",
        "codigo proveedor",
        "número de proveedor",
        "код поставщика",
        "код",
        "номер",
        "lieferantennr",
        "lieferanten nr",
        "n° fournisseur",
        "no fournisseur",
        "código",
        "codigo",
        "供应商编号",
        "供应商代码",
        "编号",
    ),
}
FIELD_LABELS = {
    "name": "supplier name",
    "country": "country",
    "industry": "activity/industry",
    "code": "industry code",
    "city": "city",
    "address": "address",
    "id": "supplier ID",
}
# words that, contained in a header, suggest a field when no synonym matches exactly
_HINTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "supplier", "vendor", "lieferant", "fournisseur", "proveedor", "поставщик", "供应商"),
    "country": ("country", "countries", "nationality", "land", "pays", "pais", "страна", "国家"),
    "industry": ("industry", "activity", "sector", "branche", "secteur", "actividad", "отрасл", "行业"),
    "code": ("naics", "isic", "nace", "sic"),
    "city": ("city", "stadt", "ville", "ciudad", "город"),
    "address": ("address", "adresse", "street", "адрес"),
    "id": (" id", "id ", "number", "nummer", "code"),
}


def norm_header(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"[\s_\-./:#()\[\]*'’\"]+", " ", t)
    return " ".join(t.split())


_EXACT: dict[str, str] = {}
for _field, _syns in SYNONYMS.items():
    for _s in _syns:
        _EXACT.setdefault(norm_header(_s), _field)
        _EXACT.setdefault(norm_header(_s).replace(" ", ""), _field)


def classify_header(header: str) -> tuple[str | None, int]:
    """The field a header names and how sure we are (2 exact synonym, 1 hint, 0 none)."""
    h = norm_header(header)
    if not h:
        return None, 0
    exact = _EXACT.get(h) or _EXACT.get(h.replace(" ", ""))
    if exact:
        return exact, 2
    padded = f" {h} "
    for fld in ("code", "id", "country", "name", "industry", "city", "address"):
        if any(hint in padded for hint in _HINTS[fld]):
            if fld == "name" and any(w in padded for w in _NOT_SUPPLIER_NAME):
                continue
            if fld == "id" and any(w in padded for w in _NOT_SUPPLIER_ID):
                continue
            return fld, 1
    return None, 0


# a header with "code" or "number" that is no supplier's ID: "Postal Code", "PO Number",
# "Company Code" (the buyer's, SAP), "Phone Number", "Tax Number"
_NOT_SUPPLIER_ID = (
    " postal", " post code", " postcode", " zip", " plz", " phone", " telephone", " fax", " mobile",
    " po ", " purchase", " order", " invoice", " company code", " plant", " iban",
    " bank", " swift", " bic ", " country", " currency", " payment", " cost", " gl ",
    " account group", " material", " commodity", " region", " state",
)  # fmt: skip

# a header of a column of remarks about countries, or of countries the supplier keeps out of,
# not where it is or works ("Country Comments": "No business with North Korea"; "Sanctioned
# Country Check"; "Excluded Countries")
_FREE_TEXT = (
    "comment", "note", "remark", "check", "screen", "sanction", "descri", "reason", "risk", "flag",
    "status", "question", "answer", "explan", "exclu", "except", "prohibit", "restrict", "banned",
    "embargo", "blocked", "avoid",
)  # fmt: skip

# a header with "name" that names someone else's: "Contact Name", "Buyer Name", "File Name"
_NOT_SUPPLIER_NAME = (
    " contact", " buyer", " purchaser", " customer", " person", " user", " owner", " file", " product",
    " item", " bank", " employee", " representative", " created", " changed", " approver", " requester",
)  # fmt: skip


def header_score(row: Sequence[str]) -> int:
    """How much a row looks like a supplier header (name column weighs most)."""
    best: dict[str, int] = {}  # per field, its surest header ("Buyer Name" before "Supplier Name")
    for cell in row:
        fld, sure = classify_header(cell)
        if fld and sure:
            best[fld] = max(best.get(fld, 0), sure)
    score = sum(
        (10 if fld == "name" else 3) if sure == 2 else (5 if fld == "name" else 1)
        for fld, sure in best.items()
    )
    return score if "name" in best else min(score, 9)


@dataclass(frozen=True)
class ColumnMap:
    """field -> header of the input column used for it; ``continued``: the columns that carry
    on the name column ("Name 2", "Name 3" beside "Name 1", as SAP's vendor master splits a name
    over fields of 35 characters), read after it as one name."""

    mapping: dict[str, str]
    continued: tuple[str, ...] = ()
    # the other columns that name a country ("Country of Origin", "Bank Country" beside
    # "Supplier Country"): one naming North Korea is said (screen.countries)
    other_countries: tuple[str, ...] = ()
    # the other columns that name the supplier ("Trading Name", "DBA", "Legal Name" beside
    # "Supplier Name", "Factory"): each name is matched as well, the better match counting
    other_names: tuple[str, ...] = ()

    def get(self, field: str) -> str | None:
        return self.mapping.get(field)

    def describe(self) -> str:
        return ", ".join(
            f"{FIELD_LABELS[k]}='{v}'" + "".join(f" + '{c}'" for c in (self.continued if k == "name" else ()))
            for k, v in self.mapping.items()
        )

    def as_dict(self) -> dict[str, str]:
        """For the results' ``run.columns``: field -> header (the name's continuation as
        ``name_continued``, its headers joined with " + ")."""
        out = dict(self.mapping)
        if self.continued:
            out["name_continued"] = " + ".join(self.continued)
        if self.other_countries:
            out["other_countries"] = " + ".join(self.other_countries)
        if self.other_names:
            out["other_names"] = " + ".join(self.other_names)
        return out


# a name column's header that says the legal name, or says "name" at all: "Supplier Name"
# before "Supplier" (which, beside it, holds codes), "Legal Entity" before "Trading Name"
_LEGAL = (
    "legal",
    "registered",
    "raison sociale",
    "razon social",
    "razón social",
    "ragione sociale",
    "firmenname",
    "juristische",
    "наименование",
    "юридическ",
)
_NAME_WORDS = ("name", "nom", "nombre", "nome", "название")
_NAME_PARTS = ("名称", "名", "명")  # written into the word: 公司名称, 업체명, 会社名
_LETTER = re.compile(r"[^\W\d_]")


def _code_like(value: str) -> bool:
    """A supplier code rather than a name: under three letters, or one word with digits
    ("S001", "V-10023", "100234")."""
    v = value.strip()
    return len(_LETTER.findall(v)) < 3 or (" " not in v and any(c.isdigit() for c in v))


_SUPPLIER_WORDS = (
    "supplier", "vendor", "lieferant", "kreditor", "fournisseur", "proveedor", "fornecedor", "fornitore",
    "contractor", "counterparty", "поставщик", "контрагент", "供应商", "供應商", "공급업체", "仕入先",
)  # fmt: skip


# whose country or city a header names: the supplier's own first ("Supplier Country", "Country
# of Incorporation", "HQ Country"), then any ("Country", "Billing Country", "Country of Origin"),
# then another party's or a shipment's ("Bank Country", "Ship-to Country", "Remit-to Country")
_OWN_PLACE = (
    "supplier", "vendor", "incorporat", "registration", "registered", "hq", "head office",
    "headquarter", "domicile", "legal", "company", "lieferant", "fournisseur", "proveedor",
)  # fmt: skip
_OTHER_PLACE = (
    "bank", "remit", "ship", "deliver", "destination", "payment", "beneficiary", "consignee",
    "buyer", "customer", "plant", "purchas", "warehouse", "port", "bill to", "invoice",
)  # fmt: skip
# a city column's header that says city, before "Site", "Location", "Region" (Oracle's supplier
# site is a code: "CHICAGO-MAIN")
_CITY_WORDS = (
    "city", "town", "stadt", " ort ", "ville", "localit", "ciudad", "cidade", "città", "город", "城市", "도시",
)  # fmt: skip


def _whose(kind: str, header: str) -> int:
    """How a country or city column candidate ranks among the others of its field, lowest first."""
    h = f" {norm_header(header)} "
    if kind == "country":
        if any(w in h for w in _OTHER_PLACE):
            return 2
        return 0 if any(w in h for w in _OWN_PLACE) else 1
    if kind == "city":
        return 0 if any(w in h for w in _CITY_WORDS) else 1
    return 0


def _name_rank(header: str, values: Sequence[str]) -> tuple[bool, tuple[int, ...]]:
    """How a supplier name column candidate ranks among the others, lowest first: a column whose
    values are mostly codes last; a bare "Name" after other names as sure ("Company" beside
    "Name", which there is a contact's; NetSuite's "Company Name" beside "Name", the entity ID
    and name); then one whose header names the supplier ("Supplier" before "Company Name",
    which may be the buyer's); then a legal name, then one that says "name" ("Supplier Name"
    before "Supplier", which beside it holds codes; "Legal Entity" before "Trading Name")."""
    shown = [v for v in values if v.strip()]
    codes = bool(shown) and 2 * sum(map(_code_like, shown)) > len(shown)
    h = norm_header(header)
    if any(w in h for w in _LEGAL):
        says = 0
    elif any(w in h.split() for w in _NAME_WORDS) or any(w in h for w in _NAME_PARTS):
        says = 1
    else:
        says = 2
    bare = h in _NAME_WORDS
    return codes, (bare, not any(w in h for w in _SUPPLIER_WORDS), says)


def map_columns(
    headers: Sequence[str],
    overrides: Mapping[str, str] | None = None,
    source: str = "",
    sample: Sequence[Sequence[str]] = (),
) -> ColumnMap:
    """Detect which header holds which field; ``overrides`` (field -> header) win. ``sample``:
    the first data rows, to tell a column of supplier names from one of supplier codes."""
    overrides = dict(overrides or {})
    where = f"{source}: " if source else ""
    for fld, hdr in overrides.items():
        if fld not in SYNONYMS:
            raise ColumnError(
                f"{where}unknown field '{fld}' in --column; fields are: {', '.join(SYNONYMS)} (e.g. --column name=\"Vendor Name\")."
            )
        if hdr not in headers:
            matches = [h for h in headers if norm_header(h) == norm_header(hdr)]
            if len(matches) == 1:
                overrides[fld] = matches[0]
                continue
            raise ColumnError(
                f'{where}--column {fld}="{hdr}" names no header; headers are: {", ".join(headers)}.'
            )
    mapping: dict[str, str] = {}
    used = set(overrides.values())
    ranked: list[tuple[bool, int, int, tuple[int, ...], int, str, str]] = []
    coded: list[str] = []  # headers taken for a name whose cells are codes ("Vendor": 100234)
    for i, hdr in enumerate(headers):
        if hdr in used:
            continue
        kind, sure = classify_header(hdr)
        if kind and kind not in overrides:
            values = [r[i] for r in sample if i < len(r)]
            # a name column of codes comes after any of names, however sure its header
            codes, rank = _name_rank(hdr, values) if kind == "name" else (False, ())
            shown = [v.strip() for v in values if v.strip()]
            # codes that tell suppliers apart ("Company" holding the buyer's company code 1000
            # on every row does not)
            if codes and len(set(shown)) >= 0.9 * len(shown):
                coded.append(hdr)
            ranked.append((codes, _whose(kind, hdr), -sure, rank, i, kind, hdr))
    ranked.sort()
    for *_, fld, hdr in ranked:
        if fld not in mapping and hdr not in mapping.values():
            mapping[fld] = hdr
    mapping.update(overrides)
    continued = _continued(mapping["name"], headers, set(mapping.values())) if "name" in mapping else ()
    if (
        "name" in mapping
        and "id" not in overrides
        and ("id" not in mapping or classify_header(mapping["id"])[1] < 2)
    ):
        # the supplier's number under a name header ("Vendor" beside "Name 1"): its ID, before
        # a header that only says "number" or "code" ("Tax Number")
        spare = [h for h in coded if h not in mapping.values() and h not in continued]
        if spare:
            mapping["id"] = spare[0]
    if "name" not in mapping:
        raise ColumnError(
            f"{where}no supplier name column found; headers are: {', '.join(headers) or '(none)'}. "
            'Pass --column name="HEADER".'
        )
    order = list(SYNONYMS)
    taken = set(mapping.values()) | set(continued)
    others = tuple(
        h
        for *_, fld, h in ranked
        if fld == "country" and h not in taken and not any(w in norm_header(h) for w in _FREE_TEXT)
    )
    names = tuple(
        h
        for codes, *_, fld, h in ranked
        if fld == "name"
        and not codes
        and h not in taken
        and h not in coded
        # (a bare "Name" beside "Company": a contact's; a header repeated, "Supplier Name" twice,
        # as the first: its names are matched too)
        and (norm_header(base := _REPEATED.sub("", h)) not in _NAME_WORDS or base == mapping["name"])
    )
    return ColumnMap({k: mapping[k] for k in order if k in mapping}, continued, others, names)


_NUMBERED = re.compile(r"^(.*?)\s?([1-4])$")
_REPEATED = re.compile(r" \(\d+\)$")  # as read.py numbers a header that is there already


def _continued(name: str, headers: Sequence[str], taken: set[str]) -> tuple[str, ...]:
    """The headers that carry on name column ``name``: its header numbered 2, 3, 4 ("Name 1" or
    "Name" -> "Name 2", "NAME1" -> "NAME2", "Vendor Name" -> "Vendor Name 2"), in that order."""
    h = norm_header(name)
    m = _NUMBERED.match(h)
    base = m.group(1).strip() if m and m.group(2) == "1" else h
    # (not a repeated header the reader numbered: "Supplier", "Supplier (2)")
    by_norm = {norm_header(x): x for x in headers if x not in taken and not _REPEATED.search(x)}
    out = []
    for k in (2, 3, 4):
        hdr = by_norm.get(f"{base} {k}") or by_norm.get(f"{base}{k}")
        if hdr is None:
            break
        out.append(hdr)
    return tuple(out)
