"""Generate examples/suppliers.xlsx: a realistic ~200-row vendor master for the demo.

    python scripts/make_examples.py

Deterministic (fixed seed). Most suppliers are ordinary companies; a few are planted
variants of listed North Korean entities, look-alikes that must not be flagged as matches,
suppliers in high-risk countries and sectors, and awkward cells (a bare "Korea", an empty
country, a keyword trap like "data mining"). examples/README.md explains what to look for.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parents[1]

PLANTED = [  # (name, country, city, activity, naics) — variants of listed entities
    (
        "Namkang Constr. Co., Ltd.",
        "Russian Federation",
        "Vladivostok",
        "General construction subcontractor",
        "",
    ),
    ("Mansudae Overseas Project Group", "Namibia", "Windhoek", "Monument and statue construction", "237990"),
    ("Korea Sobaeksu United Corp.", "DPRK", "Pyongyang", "Import and export", ""),
    ("Rungrado General Trading Corp.", "Россия", "Moscow", "Строительство жилых зданий", ""),
    ("Korea Heungjin Trading Co.", "Korea, North", "Pyongyang", "Trading company", ""),
    ("ООО Мокран", "Россия", "Владивосток", "Отделочные работы", ""),
    ("Cholhyon Overseas Construction Co", "Algeria", "Algiers", "Bâtiment et travaux publics", "236220"),
    ("Beijing Chengxing Trading Co Ltd", "PRC", "Beijing", "Trading", ""),
    ("KOGEN Construction LLC", "Russia", "Khabarovsk", "Construction labour subcontracting", "238"),
]
LOOKALIKES = [
    ("Korea Zinc Co., Ltd.", "Korea, Republic of", "Seoul", "Non-ferrous metal smelting", "331410"),
    (
        "Hyundai Engineering & Construction",
        "South Korea",
        "Seoul",
        "Civil engineering construction",
        "237310",
    ),
    ("Genco Shipping & Trading Limited", "United States", "New York", "Dry bulk shipping", "483111"),
    ("Mansu Engineering Ltd", "United Kingdom", "Leeds", "Precision engineering (CNC machining)", "332710"),
    ("Korea Gas Corporation", "Korea, Rep.", "Daegu", "Natural gas utility", "221210"),
    ("Far East Construction Pte Ltd", "Singapore", "Singapore", "Building construction", "236220"),
    ("Samsung C&T Corporation", "Südkorea", "Seoul", "Construction and trading", "236220"),
]
AWKWARD = [
    ("Hanil Precision Tools", "Korea", "", "Cutting tools manufacturing", "333515"),
    ("Bluebird Analytics GmbH", "Germany", "Berlin", "Data mining and analytics software", "541512"),
    ("LogiTrace Software AB", "Sweden", "Stockholm", "Log management software", "511210"),
    ("Pioneer Craft Supplies", "Canada", "Toronto", "Construction paper and craft supplies", "424120"),
    ("Unknown Trading House", "", "", "General trading", ""),
    ("Pyongyang Koryo Restaurant", "КНДР", "Pyongyang", "Restaurant", "722511"),
    ("Ulaanbaatar Timber LLC", "Mongolia", "Ulaanbaatar", "Logging and timber harvesting", "113310"),
    ("Kuwait Gulf Builders W.L.L.", "Kuwait", "Kuwait City", "Construction labour supply", "236220"),
    ("Dalian Ocean Seafood Processing Co.", "China", "Dalian", "Seafood processing", "311710"),
    ("Primorsky Gold Mining JSC", "Russia", "Vladivostok", "Gold ore mining", "212221"),
    ("Ресторан «Пхеньян»", "Россия", "Владивосток", "Ресторан корейской кухни", ""),
    ("沈阳建筑工程有限公司", "中国", "沈阳", "房屋建筑", ""),
    ("Al Noor Garments LLC", "United Arab Emirates", "Sharjah", "Apparel manufacturing", "315210"),
    ("Baltic Shipyard Services Sp. z o.o.", "Poland", "Gdańsk", "Shipbuilding and repair", "336611"),
    ('=HYPERLINK("http://example.invalid","click")', "Netherlands", "Rotterdam", "Freight forwarding", ""),
]
ORDINARY_PREFIX = [
    "Nordic",
    "Alpine",
    "Atlas",
    "Meridian",
    "Summit",
    "Harbor",
    "Crescent",
    "Evergreen",
    "Sterling",
    "Vertex",
    "Horizon",
    "Pinnacle",
    "Cobalt",
    "Silverline",
    "Oakridge",
    "Blue River",
    "Redwood",
    "Granite",
    "Lakeside",
    "Brightwater",
    "Keystone",
    "Northstar",
    "Riverside",
    "Cedar",
    "Falcon",
    "Orion",
    "Polaris",
    "Quantum",
]
ORDINARY_KIND = [
    ("Packaging", "Corrugated packaging manufacturing", "322211"),
    ("Logistics", "Freight trucking", "484121"),
    ("Electronics", "Electronic components distribution", "423690"),
    ("Plastics", "Plastic injection moulding", "326199"),
    ("Textiles", "Cotton fabric weaving", "313210"),
    ("Software", "Enterprise software development", "541511"),
    ("Chemicals", "Industrial coatings", "325510"),
    ("Foods", "Bakery products", "311812"),
    ("Consulting", "Management consulting", "541611"),
    ("Print", "Commercial printing", "323111"),
    ("Metals", "Steel wholesale", "423510"),
    ("Furniture", "Office furniture manufacturing", "337214"),
    ("Cleaning", "Janitorial services", "561720"),
    ("Security", "Security guard services", "561612"),
    ("Engineering", "Engineering services", "541330"),
]
COUNTRIES = [
    ("Germany", ["Hamburg", "Munich", "Stuttgart"], "GmbH"),
    ("United States", ["Chicago", "Austin"], "Inc."),
    ("Netherlands", ["Utrecht", "Eindhoven"], "B.V."),
    ("France", ["Lyon", "Lille"], "SARL"),
    ("Japan", ["Osaka", "Nagoya"], "K.K."),
    ("Canada", ["Calgary", "Ottawa"], "Ltd."),
    ("United Kingdom", ["Leeds", "Bristol"], "Ltd"),
    ("Spain", ["Valencia", "Bilbao"], "S.L."),
    ("Italy", ["Turin", "Bologna"], "S.r.l."),
    ("Poland", ["Wrocław", "Poznań"], "Sp. z o.o."),
    ("Vietnam", ["Hanoi", "Da Nang"], "Co., Ltd."),
    ("India", ["Pune", "Chennai"], "Pvt Ltd"),
    ("Mexico", ["Monterrey", "Puebla"], "S.A. de C.V."),
    ("Türkiye", ["Izmir", "Bursa"], "A.Ş."),
    ("China", ["Shenzhen", "Ningbo"], "Co., Ltd."),
    ("Russia", ["Kazan", "Novosibirsk"], "OOO"),
    ("Brazil", ["Curitiba", "Campinas"], "Ltda."),
    ("Australia", ["Perth", "Adelaide"], "Pty Ltd"),
    ("Thailand", ["Chonburi", "Rayong"], "Co., Ltd."),
    ("South Korea", ["Busan", "Incheon"], "Co., Ltd."),
]


def main() -> int:
    rng = random.Random(20261128)
    rows: list[tuple[str, str, str, str, str]] = []
    used: set[str] = set()
    while len(rows) < 200 - len(PLANTED) - len(LOOKALIKES) - len(AWKWARD):
        country, cities, form = rng.choice(COUNTRIES)
        kind, activity, naics = rng.choice(ORDINARY_KIND)
        name = f"{rng.choice(ORDINARY_PREFIX)} {kind} {form}"
        if name in used:
            continue
        used.add(name)
        rows.append((name, country, rng.choice(cities), activity, naics if rng.random() < 0.6 else ""))
    special = PLANTED + LOOKALIKES + AWKWARD
    for item in special:
        rows.insert(rng.randrange(len(rows) + 1), item)
    rows.insert(120, ("", "", "", "", ""))  # a blank line, as exports have
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Vendor master"
    ws.append(["Vendor master export — procurement, Q4 2026"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(["Vendor ID", "Vendor Name", "Country", "City", "Business Activity", "NAICS"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for i, (name, country, city, activity, naics) in enumerate(rows, start=1):
        ws.append([f"V{10000 + i * 7:06d}", name, country, city, activity, naics])
        # formula-looking text must stay text
        if name.startswith("="):
            ws.cell(row=ws.max_row, column=2).data_type = "s"
    for col, width in zip("ABCDEF", (12, 44, 22, 16, 40, 10), strict=True):
        ws.column_dimensions[col].width = width
    notes = wb.create_sheet("Notes")
    notes.append(["Exported from the ERP vendor master. Do not edit IDs."])
    out = ROOT / "examples" / "suppliers.xlsx"
    out.parent.mkdir(exist_ok=True)
    wb.save(out)
    print(f"wrote {out} ({len(rows)} data rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
