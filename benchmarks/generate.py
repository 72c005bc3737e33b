"""Generate realistic supplier files for the benchmark: deterministic, several scripts, planted variants.

    python benchmarks/generate.py --sizes 1k,10k,100k --formats csv,xlsx [--lists FILE ...]

A row is a supplier: ID, name, country, city, industry and (a quarter of rows) a NAICS code.
Names mix locales and scripts (Latin with diacritics, Han, Hangul, kana, Cyrillic, Arabic,
Greek), legal forms, coined brand names and generic business words; some rows repeat an
earlier supplier, as vendor masters do. About 1% of rows are planted variants of names on
the given list files (entity names only): exact, typos, legal-form changes, romanisation
variants, word splits and joins, abbreviations, added words, Cyrillic spelling. Each
planted row is recorded in ``<file>.planted.csv``. The same seed and lists give the same rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from vocab import ENDINGS, ENGLISH_WORDS, INDUSTRIES, LOCALES, NAICS, SYLLABLES, Locale  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SEED = 20240503
PLANT_RATE = 0.01
DUPLICATE_RATE = 0.03
HEADER = ("Vendor ID", "Vendor Name", "Country", "City", "Industry", "NAICS")
KINDS = (
    "exact",
    "case",
    "legal-form",
    "typo",
    "romanisation",
    "split",
    "join",
    "abbreviation",
    "added-word",
    "cyrillic",
)


@dataclass(frozen=True)
class Listed:
    ref_id: str
    name: str
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Planted:
    row: int  # spreadsheet row / CSV line (header is 1)
    kind: str
    ref_id: str
    listed: str
    supplier: str


# ------------------------------------------------------------------ names


def coined(rng: random.Random) -> str:
    parts = [rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))]
    return ("".join(parts) + rng.choice(ENDINGS)).capitalize()


def company_name(rng: random.Random, loc: Locale) -> str:
    legal = rng.choice(loc.legal) if rng.random() < 0.8 else ""
    if loc.script in ("han", "hangul", "japanese"):
        brand = (
            rng.choice(loc.people) if rng.random() < 0.6 else rng.choice(loc.people) + rng.choice(loc.people)
        )
        place = rng.choice(loc.cities) if rng.random() < 0.4 else ""
        word = "".join(rng.sample(loc.words, rng.choice((1, 1, 2))))
        if loc.script == "japanese" and rng.random() < 0.5:
            return f"{legal}{brand}{word}"
        sep = " " if loc.script == "hangul" and rng.random() < 0.5 else ""
        return (
            f"{place}{brand}{sep}{word}{legal}"
            if loc.script != "hangul"
            else f"{legal} {brand}{sep}{word}".strip()
        )
    if loc.script in ("cyrillic", "arabic"):
        brand = rng.choice(loc.people) + (rng.choice(loc.words).lower() if rng.random() < 0.5 else "")
        if loc.script == "cyrillic":
            return f'{legal} "{brand}"'.strip() if rng.random() < 0.6 else f"{legal} {brand}".strip()
        return f"{legal and 'شركة'} {brand} {rng.choice(loc.words)} {legal}".strip()
    r = rng.random()
    if r < 0.30:
        core = f"{rng.choice(loc.people)} {rng.choice(loc.words)}"
    elif r < 0.45:
        core = f"{rng.choice(loc.people)} & {rng.choice(loc.people)}"
    elif r < 0.70:
        core = f"{coined(rng)} {rng.choice(ENGLISH_WORDS if rng.random() < 0.5 else loc.words)}"
    elif r < 0.82:
        core = f"{rng.choice(ENGLISH_WORDS)} {rng.choice(ENGLISH_WORDS)}"
        if rng.random() < 0.5:
            core = f"{rng.choice(loc.cities)} {core}"
    elif r < 0.92:
        core = f"{coined(rng)} {coined(rng)} {rng.choice(loc.words)}"
    else:
        core = f"{''.join(rng.choice('ABCDEFGHJKLMNPRSTVW') for _ in range(rng.choice((2, 3))))} {rng.choice(loc.words)}"
    if rng.random() < 0.05:
        core = core.upper()
    return f"{core} {legal}".strip()


# ------------------------------------------------------------------ planted variants

_LEGAL_WORDS = {"co", "ltd", "llc", "limited", "company", "corp", "corporation", "inc", "jsc", "ooo", "gmbh"}
_ABBREV = {
    "CORPORATION": "Corp.",
    "COMPANY": "Co.",
    "INTERNATIONAL": "Intl.",
    "TRADING": "Trdg.",
    "GENERAL": "Gen.",
    "CONSTRUCTION": "Constr.",
    "INDUSTRIAL": "Ind.",
    "DEVELOPMENT": "Dev.",
}
_ROMAN = (
    ("K", "G"),
    ("G", "K"),
    ("P", "B"),
    ("B", "P"),
    ("T", "D"),
    ("CH", "J"),
    ("J", "CH"),
    ("EO", "O"),
    ("O", "EO"),
    ("U", "OO"),
    ("R", "L"),
    ("SH", "S"),
    ("YO", "YEO"),
    ("AE", "E"),
)
# words of ordinary English that a romanisation variant would not touch
_PLAIN = frozenset(
    w.upper() for w in (*ENGLISH_WORDS, *_ABBREV, "bank", "public", "joint", "stock", "central", "company")
) | {"ASSOCIATION", "FOUNDATION", "INSTITUTE", "LIMITED", "LIABILITY", "REPUBLIC", "SCIENCE", "ACADEMY"}
_CYR = (
    ("SHCH", "Щ"),
    ("KH", "Х"),
    ("CH", "Ч"),
    ("SH", "Ш"),
    ("TS", "Ц"),
    ("ZH", "Ж"),
    ("YU", "Ю"),
    ("YA", "Я"),
    ("A", "А"),
    ("B", "Б"),
    ("V", "В"),
    ("G", "Г"),
    ("D", "Д"),
    ("E", "Е"),
    ("Z", "З"),
    ("I", "И"),
    ("Y", "Й"),
    ("K", "К"),
    ("L", "Л"),
    ("M", "М"),
    ("N", "Н"),
    ("O", "О"),
    ("P", "П"),
    ("R", "Р"),
    ("S", "С"),
    ("T", "Т"),
    ("U", "У"),
    ("F", "Ф"),
    ("H", "Х"),
    ("C", "К"),
    ("W", "В"),
    ("J", "ДЖ"),
    ("Q", "К"),
    ("X", "КС"),
)


def _words(name: str) -> list[str]:
    return name.split()


def _core_index(words: list[str], rng: random.Random, min_len: int) -> int | None:
    idx = [i for i, w in enumerate(words) if len(w) >= min_len and w.isalpha()]
    return rng.choice(idx) if idx else None


def variant(name: str, kind: str, rng: random.Random) -> str | None:
    """``name`` changed as ``kind`` says, or None when the change does not apply."""
    w = _words(name)
    if kind == "exact":
        return name
    if kind == "case":
        return name.title() if name.isupper() else name.upper()
    if kind == "legal-form":
        tail = [x for x in w if x.strip(".,").lower() not in _LEGAL_WORDS]
        if len(tail) != len(w):
            return " ".join(tail) + rng.choice(("", " Limited", " LLC", " Co., Ltd."))
        return name + rng.choice((" Co., Ltd.", " LLC", " JSC", " Limited"))
    if kind == "typo":
        i = _core_index(w, rng, 6)
        if i is None:
            return None
        s = w[i]
        k = rng.randrange(1, len(s) - 1)
        op = rng.choice(("sub", "del", "swap", "dup"))
        if op == "sub":
            s = s[:k] + rng.choice("AEIOURNSTL".replace(s[k].upper(), "")) + s[k + 1 :]
        elif op == "del":
            s = s[:k] + s[k + 1 :]
        elif op == "swap":
            s = s[:k] + s[k + 1] + s[k] + s[k + 2 :]
        else:
            s = s[:k] + s[k] + s[k:]
        w[i] = s
        return " ".join(w)
    if kind == "romanisation":
        order = list(range(len(w)))
        rng.shuffle(order)
        for i in order:
            up = w[i].upper()
            if len(up) < 5 or not up.isalpha() or up in _PLAIN:
                continue
            for a, b in rng.sample(_ROMAN, len(_ROMAN)):
                if a in up[1:]:
                    k = up.index(a, 1)
                    w[i] = up[:k] + b + up[k + len(a) :]
                    return " ".join(w)
        return None
    if kind == "split":
        i = _core_index(w, rng, 8)
        if i is None:
            return None
        k = len(w[i]) // 2 + rng.choice((-1, 0, 1))
        w[i : i + 1] = [w[i][:k], w[i][k:]]
        return " ".join(w)
    if kind == "join":
        pairs = [
            i
            for i in range(len(w) - 1)
            if w[i].isalpha() and w[i + 1].isalpha() and len(w[i] + w[i + 1]) <= 14
        ]
        if not pairs:
            return None
        i = rng.choice(pairs)
        w[i : i + 2] = [w[i] + w[i + 1].lower()]
        return " ".join(w)
    if kind == "abbreviation":
        hits = [i for i, x in enumerate(w) if x.upper().strip(",.") in _ABBREV]
        if not hits:
            return None
        i = rng.choice(hits)
        w[i] = _ABBREV[w[i].upper().strip(",.")]
        return " ".join(w)
    if kind == "added-word":
        extra = rng.choice(("Trading", "Group", "(Dubai Branch)", "Holdings", "(HK)", "International"))
        return f"{name} {extra}"
    if kind == "cyrillic":
        up = name.upper()
        if not all(c.isascii() for c in up):
            return None
        out = up
        for a, b in _CYR:
            out = out.replace(a, b)
        return out
    raise ValueError(kind)


# ------------------------------------------------------------------ rows


def read_listed(paths: Sequence[Path]) -> list[Listed]:
    """Entity names (primary and aliases) of list files, in file order."""
    out: list[Listed] = []
    for p in paths:
        with p.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r.get("entity_type", "entity") != "entity" or not r["name"].strip():
                    continue
                ref = f"{r['list']}:{r['official_id']}"
                out.append(Listed(ref, r["name"].strip(), tuple(c for c in r["countries"].split(";") if c)))
    return out


def generate(
    n: int, listed: Sequence[Sequence[Listed]], seed: int = SEED
) -> tuple[list[tuple[str, ...]], list[Planted]]:
    """``n`` supplier rows (without the header) and the planted variants among them.

    ``listed``: groups of listed names (e.g. the bundled lists, the full SDN); a planted row
    takes a group at random, then a name of it, so a small list is planted as often as a large one.
    """
    groups = [g for g in listed if g]
    rng = random.Random(seed)
    locs = list(LOCALES)
    weights = [loc.weight for loc in locs]
    by_code = {loc.code: loc for loc in locs}
    rows: list[tuple[str, ...]] = []
    planted: list[Planted] = []
    ids = rng.sample(range(1_000_000, 9_999_999), n)
    for i in range(n):
        loc = rng.choices(locs, weights)[0]
        r = rng.random()
        if groups and r < PLANT_RATE:
            src = rng.choice(rng.choice(groups))
            for kind in rng.sample(KINDS, len(KINDS)):
                name = variant(src.name, kind, rng)
                if name is not None and (name != src.name or kind == "exact"):
                    break
            assert name is not None  # "exact" always applies
            planted.append(Planted(i + 2, kind, src.ref_id, src.name, name))
            code = rng.choice(src.countries) if src.countries and rng.random() < 0.6 else loc.code
            loc = by_code.get(code, loc)
            country = rng.choice(loc.country) if code == loc.code else code
        elif rows and r < PLANT_RATE + DUPLICATE_RATE:
            prev = rows[rng.randrange(len(rows))]
            rows.append((f"V{ids[i]}", *prev[1:]))
            continue
        else:
            name = company_name(rng, loc)
            country = rng.choice(loc.country) if rng.random() > 0.01 else ""
        naics = rng.choice(NAICS) if rng.random() < 0.25 else ""
        rows.append((f"V{ids[i]}", name, country, rng.choice(loc.cities), rng.choice(INDUSTRIES), naics))
    return rows, planted


def write_csv(path: Path, rows: Sequence[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)


def write_xlsx(path: Path, rows: Sequence[tuple[str, ...]]) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    wb.set_properties({"created": dt.datetime(2024, 5, 3)})
    ws = wb.add_worksheet("Vendors")
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    wb.close()


def write_planted(path: Path, planted: Sequence[Planted]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("row", "kind", "ref_id", "listed", "supplier"))
        w.writerows((p.row, p.kind, p.ref_id, p.listed, p.supplier) for p in planted)


def write_all(
    out: Path, size: str, formats: Sequence[str], listed: Sequence[Sequence[Listed]], seed: int = SEED
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rows, planted = generate(SIZES[size], listed, seed)
    written: list[Path] = []
    for fmt in formats:
        path = out / f"suppliers_{size}.{fmt}"
        (write_csv if fmt == "csv" else write_xlsx)(path, rows)
        written.append(path)
    write_planted(out / f"suppliers_{size}.planted.csv", planted)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1k,10k,100k", help=f"comma-separated: {', '.join(SIZES)}")
    ap.add_argument("--formats", default="csv,xlsx")
    ap.add_argument(
        "--lists", nargs="*", type=Path, help="more list files to plant variants of (besides the bundled)"
    )
    ap.add_argument("--out", type=Path, default=HERE / "data")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    listed = [read_listed(bundled_lists()), *(read_listed([p]) for p in args.lists or [])]
    for size in args.sizes.split(","):
        for p in write_all(args.out, size, args.formats.split(","), listed, args.seed):
            print(f"wrote {p}")


def bundled_lists() -> list[Path]:
    from screen.reference import bundled_dir

    return sorted((bundled_dir() / "lists").glob("*.csv"))


def iter_sizes(spec: str) -> Iterator[tuple[str, int]]:
    for s in spec.split(","):
        yield s, SIZES[s]


if __name__ == "__main__":
    main()
