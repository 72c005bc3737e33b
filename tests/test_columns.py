from __future__ import annotations

import pytest

from screen.columns import map_columns
from screen.errors import ColumnError


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Supplier", "Country", "City", "Industry", "NAICS"],
            {
                "name": "Supplier",
                "country": "Country",
                "industry": "Industry",
                "code": "NAICS",
                "city": "City",
            },
        ),
        (
            ["Supplier ID", "Supplier", "Country", "City", "Industry"],
            {
                "id": "Supplier ID",
                "name": "Supplier",
                "country": "Country",
                "city": "City",
                "industry": "Industry",
            },
        ),
        (
            ["Vendor Name", "Ctry", "Business Activity", "Vendor No."],
            {"name": "Vendor Name", "country": "Ctry", "industry": "Business Activity", "id": "Vendor No."},
        ),
        (
            ["Lieferant", "Land", "Branche", "WZ 2008"],
            {"name": "Lieferant", "country": "Land", "industry": "Branche", "code": "WZ 2008"},
        ),
        (
            ["Fournisseur", "Pays", "Secteur d'activité", "Code NAF"],
            {"name": "Fournisseur", "country": "Pays", "industry": "Secteur d'activité", "code": "Code NAF"},
        ),
        (
            ["Proveedor", "País", "Actividad", "Ciudad"],
            {"name": "Proveedor", "country": "País", "industry": "Actividad", "city": "Ciudad"},
        ),
        (
            ["Поставщик", "Страна", "Вид деятельности", "ОКВЭД"],
            {"name": "Поставщик", "country": "Страна", "industry": "Вид деятельности", "code": "ОКВЭД"},
        ),
        (
            ["供应商", "国家", "行业", "地址"],
            {"name": "供应商", "country": "国家", "industry": "行业", "address": "地址"},
        ),
        (["  VENDOR_NAME ", "country-code"], {"name": "  VENDOR_NAME ", "country": "country-code"}),
    ],
)
def test_detects_columns_in_several_languages(headers: list[str], expected: dict[str, str]) -> None:
    assert map_columns(headers).mapping == expected


def test_override_wins_and_is_case_tolerant() -> None:
    m = map_columns(["Name", "Legal Entity", "Country"], {"name": "legal entity"})
    assert m.get("name") == "Legal Entity"


def test_no_name_column_lists_headers() -> None:
    with pytest.raises(ColumnError) as exc:
        map_columns(["Amount", "Date"], source="q3.xlsx")
    assert str(exc.value) == (
        'q3.xlsx: no supplier name column found; headers are: Amount, Date. Pass --column name="HEADER".'
    )


def test_override_naming_no_header() -> None:
    with pytest.raises(ColumnError, match='--column name="Vendor" names no header; headers are: A, B.'):
        map_columns(["A", "B"], {"name": "Vendor"})


def test_unknown_field() -> None:
    with pytest.raises(ColumnError, match="unknown field 'colour'"):
        map_columns(["A"], {"colour": "A"})


@pytest.mark.parametrize(
    ("headers", "rows", "name"),
    [
        # beside "Supplier Name", a "Supplier" column holds codes
        (
            ["Supplier", "Supplier Name", "Country"],
            [["S001", "Korea Rungrado General Trading", "China"]],
            "Supplier Name",
        ),
        (["Vendor", "Vendor Name"], [["100234", "Acme Textiles Ltd"], ["100235", "Beta Co"]], "Vendor Name"),
        # the legal name before the trading name
        (
            ["Legal Entity", "Trading Name"],
            [["Korea Rungrado General Trading Corporation", "KRGT"]],
            "Legal Entity",
        ),
        # ... unless the legal entity column holds codes (an ERP's company code)
        (
            ["Legal Entity", "Trading Name"],
            [["1000", "Acme Textiles"], ["2000", "Beta Trading"]],
            "Trading Name",
        ),
        # a name column of codes alone is still the name column
        (["Supplier", "Country"], [["S001", "China"]], "Supplier"),
        # "Supplier" holding names stays first
        (["Supplier", "Company Name"], [["Acme Textiles Ltd", "Our Company GmbH"]], "Supplier"),
    ],
)
def test_the_name_column_is_the_one_with_names(headers: list[str], rows: list[list[str]], name: str) -> None:
    assert map_columns(headers, sample=rows).get("name") == name


def test_an_sap_vendor_export_names_its_columns_its_own_way() -> None:
    # SAP's vendor master: the number under "Vendor", the name over "Name 1" to "Name 3" (35
    # characters each), the country key as "Cty"
    headers = ["Vendor", "Name 1", "Name 2", "Name 3", "Cty", "City", "Contact Name"]
    rows = [["100234", "KOREA RYONBONG GENERAL CORPORATIO", "N", "", "RU", "Vladivostok", "Ivan Petrov"]]
    m = map_columns(headers, sample=rows)
    assert m.mapping == {"name": "Name 1", "country": "Cty", "city": "City", "id": "Vendor"}
    assert m.continued == ("Name 2", "Name 3")
    assert m.as_dict()["name_continued"] == "Name 2 + Name 3"
    # the same with SAP's field names (an SE16 export); a name column's header numbered is not the ID
    m = map_columns(
        ["LIFNR", "NAME1", "NAME2", "LAND1", "ORT01", "STRAS"], sample=[["1", "Acme", "", "DE", "", ""]]
    )
    assert m.mapping == {
        "name": "NAME1",
        "country": "LAND1",
        "city": "ORT01",
        "address": "STRAS",
        "id": "LIFNR",
    }
    assert m.continued == ("NAME2",)
    assert map_columns(["Vendor Name", "Vendor Name 2"]).continued == ("Vendor Name 2",)
    assert map_columns(["Supplier", "Name 2"]).continued == ()  # "Name 2" does not carry on "Supplier"
    # someone else's name is no supplier name: "Contact Name" beside a column of codes
    assert map_columns(["Vendor", "Contact Name"], sample=[["100234", "Ivan Petrov"]]).get("name") == "Vendor"


@pytest.mark.parametrize(
    ("headers", "rows", "expected"),
    [
        # a header that says "code" or "number" of something else is no supplier ID
        (
            ["Vendor", "Name 1", "Postal Code"],
            [["100234", "Siemens AG", "80333"]],
            {"name": "Name 1", "id": "Vendor"},
        ),
        (
            ["PO Number", "Vendor Name", "Phone Number"],
            [["4500012", "Acme", "+1 312"]],
            {"name": "Vendor Name"},
        ),
        (
            ["Company Code", "Vendor", "Name 1", "Cty"],  # SAP's company code is the buyer's
            [["1000", "100234", "Acme", "DE"]],
            {"name": "Name 1", "country": "Cty", "id": "Vendor"},
        ),
        (
            ["Tax Number", "Vendor", "Name 1"],
            [["DE1234", "100234", "Acme"]],
            {"name": "Name 1", "id": "Vendor"},
        ),
        # codes that do not tell suppliers apart are no ID: the buyer's company code on every row
        (
            ["Company", "Vendor Name", "Country"],
            [["1000", "Acme", "DE"], ["1000", "Beta", "FR"], ["1000", "Gamma", "IT"]],
            {"name": "Vendor Name", "country": "Country"},
        ),
        # the supplier's own country, not its bank's, a shipment's or its goods'
        (
            ["Supplier Name", "Bank Country", "Country of Incorporation"],
            [["Acme", "CH", "KP"]],
            {"name": "Supplier Name", "country": "Country of Incorporation"},
        ),
        (
            ["Supplier Name", "Country of Origin", "Supplier Country"],
            [["Acme", "CN", "KP"]],
            {"name": "Supplier Name", "country": "Supplier Country"},
        ),
        (
            ["Supplier Name", "Ship-to Country", "HQ Country"],
            [["Acme", "US", "KP"]],
            {"name": "Supplier Name", "country": "HQ Country"},
        ),
        # a bare "Name" beside "Company" is a contact's; NetSuite's "Name" is ID and name
        (
            ["Vendor ID", "Name", "Company", "Country"],
            [["V1", "Kim Chol", "Korea Mining Development Trading Corporation", "CN"]],
            {"name": "Company", "country": "Country", "id": "Vendor ID"},
        ),
        (
            ["Internal ID", "Name", "Company Name"],
            [["1523", "V10021 KOMID", "Korea Mining Development Trading Corporation"]],
            {"name": "Company Name", "id": "Internal ID"},
        ),
        (
            ["Supplier ID", "Name", "Display Name"],
            [["7", "Acme Ltd", "Acme"]],
            {"name": "Name", "id": "Supplier ID"},
        ),
        # Oracle's supplier site is a code: the city column is "City"
        (
            ["Supplier Name", "Site", "Country", "City"],
            [["Acme", "CHICAGO-MAIN", "US", "Chicago"]],
            {"name": "Supplier Name", "country": "Country", "city": "City"},
        ),
        (
            ["Fournisseur", "Rue", "Localité", "Pays"],
            [["Acme SARL", "1 rue de la Paix", "Paris", "France"]],
            {"name": "Fournisseur", "country": "Pays", "city": "Localité", "address": "Rue"},
        ),
        (
            ["Name 1", "Straße", "Ort"],
            [["Acme GmbH", "Hauptstr. 1", "Berlin"]],
            {"name": "Name 1", "city": "Ort", "address": "Straße"},
        ),
    ],
)
def test_columns_of_procurement_systems(
    headers: list[str], rows: list[list[str]], expected: dict[str, str]
) -> None:
    assert map_columns(headers, sample=rows).mapping == expected


def test_city_and_address_are_both_read() -> None:
    m = map_columns(["Supplier Name", "Address", "City", "Country"])
    assert (m.get("address"), m.get("city")) == ("Address", "City")


@pytest.mark.parametrize(
    "headers",
    [
        ["Lieferantennr.", "Lieferant"],
        ["N° fournisseur", "Fournisseur"],
        ["Código", "Proveedor"],
        ["Код", "Поставщик"],
    ],
)
def test_supplier_numbers_in_other_languages(headers: list[str]) -> None:
    assert map_columns(headers).mapping == {"name": headers[1], "id": headers[0]}


def test_a_name_over_several_columns_is_read_whole_and_in_parts() -> None:
    from screen.pipeline import _continued_names

    names, readings = _continued_names(
        [
            ["Korea Kumsan", "General", "Acme Shipping Ltd", "#N/A", "Foo Ltd"],
            [
                "Trading Corporation",
                "Department of Atomic Energy",
                "c/o Korea Kumsan Trading Corporation",
                "Beta Co",
                "",
            ],
            ["Attn: Sales", "", "", "", ""],
        ]
    )
    assert names == [
        "Korea Kumsan Trading Corporation Attn: Sales",
        "General Department of Atomic Energy",
        "Acme Shipping Ltd c/o Korea Kumsan Trading Corporation",
        "Beta Co",  # a spreadsheet error is no part of a name
        "Foo Ltd",
    ]
    assert readings == [
        ("Korea Kumsan", "Korea Kumsan Trading Corporation"),
        ("General",),
        ("Acme Shipping Ltd", "Korea Kumsan Trading Corporation"),  # the party in whose care
        (),
        (),
    ]


def test_other_columns_of_names_are_matched_too() -> None:
    m = map_columns(["Supplier Name", "DBA", "Factory", "Contact Name", "Name", "Country"])
    assert m.get("name") == "Supplier Name"
    assert m.other_names == ("DBA", "Factory")  # not a contact's, nor a bare "Name" beside them
    assert m.as_dict()["other_names"] == "DBA + Factory"


def test_a_name_header_repeated_is_matched_too() -> None:
    # two "Supplier Name" columns (read.py numbers the second): both hold suppliers' names
    m = map_columns(["Supplier Name", "Supplier Name (2)", "Country"])
    assert m.get("name") == "Supplier Name" and m.other_names == ("Supplier Name (2)",)
    assert map_columns(["Name", "Name (2)", "Country"]).other_names == ("Name (2)",)
    # ... but not a bare "Name" repeated beside the supplier's "Company" (contacts' names)
    assert map_columns(["Company", "Name", "Name (2)"]).other_names == ()
