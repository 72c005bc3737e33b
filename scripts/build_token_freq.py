"""Build reference/token_freq.csv: how often each normalised word occurs in listed entity names.

    python scripts/build_token_freq.py [../shared/reference-sources]

Counts, for every word of the normalised names (see screen.normalize), the number of
distinct entity names on the full OFAC SDN (2024-05-03 entities, with the 2026 alt.csv
names) and UK sanctions list (2025-08-11) in which it occurs. The matcher turns these into
rarity weights: "trading", "general", "korea" are common and weigh little; "namgang" is rare.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

import manifest_tools
import pandas as pd

from screen.normalize import normalize_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reference" / "token_freq.csv"
SOURCE = "OFAC SDN sdn.csv 2024-05-03 + alt.csv 2026 (entities); UK Sanctions List 2025-08-11 (entities)"


def table(src: Path) -> list[tuple[str, int]]:
    """The file's rows below its header: ``__total__`` and the number of names, then each word
    seen in two names or more with its count, commonest first."""
    off = src / "official"
    names: set[str] = set()
    entity_ids: set[str] = set()
    text = (off / "ofac_sdn_2024-05-03.csv").read_bytes().decode("cp1252", errors="replace")
    for row in csv.reader(io.StringIO(text)):
        if len(row) > 2 and row[2].strip() in ("-0-", ""):
            entity_ids.add(row[0].strip())
            names.add(row[1].strip())
    alt = (off / "ofac_alt_2026.csv").read_bytes().decode("cp1252", errors="replace")
    for row in csv.reader(io.StringIO(alt)):
        if len(row) > 3 and row[0].strip() in entity_ids:
            names.add(row[3].strip())
    # calamine rejects this ODS (whitespace text nodes between cells); odfpy reads it
    uk = pd.read_excel(off / "uk_sanctions_list_short_2025-08-11.ods", engine="odf", dtype=str, header=None)
    grid = uk.fillna("").values.tolist()
    hdr = next(i for i, r in enumerate(grid) if "Name" in [str(c).strip() for c in r])
    cols = [str(c).strip() for c in grid[hdr]]
    ni, ti = cols.index("Name"), cols.index("Type")
    for r in grid[hdr + 1 :]:
        if str(r[ti]).strip().lower() == "entity":
            names.add(str(r[ni]).strip())
    df: Counter[str] = Counter()
    for n in names:
        for tok in set(normalize_name(n).tokens):
            df[tok] += 1
    # words seen once carry no more information than unseen words
    counts = [(tok, c) for tok, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2]
    return [("__total__", len(names)), *counts]


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-sources"
    out = table(src)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["token", "names"])
        w.writerows(out)
    rows = len(out)
    item = manifest_tools.file_entry(
        OUT.parent,
        OUT.name,
        list="token-frequencies",
        title="Word frequencies in listed entity names (rarity weights for matching)",
        version="2024-05-03 / 2025-08-11",
        source=SOURCE,
        licence="derived from public-domain (OFAC) and OGL v3 (UK) data",
        rows=rows,
    )
    manifest_tools.update_manifest(OUT.parent, [item])
    print(f"wrote {OUT}: {out[0][1]} names, {rows} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
