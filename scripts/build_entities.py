"""Build the bundled North Korea entity lists under reference/lists/ from the official files.

    python scripts/build_entities.py [SHARED]     # SHARED defaults to ../shared/reference-sources

Reads SHARED/official/ (OFAC sdn.csv + 2026 alt.csv/add.csv, UN consolidated XML, UK Sanctions
List .ods) with screen's own importers, keeps the North Korea-related parties, links the same
party across the three lists (group_id), writes one list file per list and entity type, and
updates only the "lists/" entries of reference/manifest.json. Output is deterministic:
re-running on the same inputs gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import sys
from pathlib import Path
from typing import Any

import manifest_tools
import pandas as pd

from screen.importers import import_list, write_list_file
from screen.importers.common import LIST_COLUMNS
from screen.importers.link import link_groups
from screen.importers.listfile import ImportResult

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "reference"
OFAC_SDN, OFAC_ALT, OFAC_ADD = "ofac_sdn_2024-05-03.csv", "ofac_alt_2026.csv", "ofac_add_2026.csv"
UN_XML, UK_ODS = "un_consolidated_2024-09-26.xml", "uk_sanctions_list_short_2025-08-11.ods"
CANDIDATES = "ofac_post202405_dprk_candidates.csv"
CANDIDATE_DATE = "2026"  # the alt/add copies are dated by year only

OFAC = {
    "list": "OFAC-SDN",
    "title": "OFAC Specially Designated Nationals - North Korea-related",
    "version": "2024-05-03 (+2026 aliases/addresses)",
    "source": "US Treasury OFAC, SDN list legacy CSV files sdn.csv (2024-05-03), alt.csv and add.csv (2026 copies); "
    "kept: a DPRK program, North Korea in Remarks, or a North Korean address; plus entries only in the 2026 "
    "alt/add files with a North Korean tie (primary name = first alias)",
    "licence": "US government work, public domain",
}
UN = {
    "list": "UN-SC",
    "title": "UN Security Council 1718 Committee (DPRK) sanctions list",
    "version": "2024-09-26",
    "source": "UN Security Council Consolidated List XML generated 2024-09-26, UN_LIST_TYPE DPRK",
    "licence": "United Nations public document; reproduced with attribution",
}
UK = {
    "list": "UK",
    "title": "UK Sanctions List - Democratic People's Republic of Korea regime",
    "version": "2025-08-11",
    "source": 'UK FCDO UK Sanctions List short form (.ods) 2025-08-11, Regime Name "Democratic People\'s Republic of Korea"',
    "licence": "Open Government Licence v3.0 (Crown copyright) - assumed, verify",
}
TYPE_SUFFIX = {"entity": "", "individual": "_individuals", "vessel": "_vessels", "aircraft": "_aircraft"}


def _natural(official_id: str) -> tuple[int, str]:
    return (int(official_id), "") if official_id.isdigit() else (1 << 62, official_id)


def ofac_frame(official: Path, derived: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    sdn, alt, add = official / OFAC_SDN, official / OFAC_ALT, official / OFAC_ADD
    dprk = import_list("ofac-csv", sdn, alt=alt, add=add, program="DPRK")
    full = import_list("ofac-csv", sdn, alt=alt, add=add, orphans_as_entries=True)
    with (derived / CANDIDATES).open(encoding="utf-8") as fh:
        wanted = [r["ent_num"] for r in csv.DictReader(fh)]
    sdn_ids = set(import_list("ofac-csv", sdn).frame["official_id"])
    cand = full.frame[full.frame["official_id"].isin(set(wanted) - sdn_ids)].copy()
    cand["source"] = (
        f"OFAC SDN alt.csv/add.csv 2026 copies ({OFAC_ALT}; {OFAC_ADD}); ent_num not in {OFAC_SDN}"
    )
    cand["source_date"] = CANDIDATE_DATE
    unnamed = sorted(set(wanted) - set(cand["official_id"]), key=int)
    frame = pd.concat([dprk.frame, cand], ignore_index=True)
    stats = {
        "dprk_entries": dprk.entries,
        "candidates_listed": len(wanted),
        "candidates_named": int(cand["official_id"].nunique()),
        "candidates_without_name": unnamed,
        "full_import_problems": full.problems.lines(),
    }
    return frame, stats


def only_program(result: ImportResult, program: str) -> pd.DataFrame:
    f = result.frame
    return f[f["programs"].str.split(";").apply(lambda ps: program in ps)].reset_index(drop=True)


def sort_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Entries in natural id order; each entry's own row order (primary first) kept."""
    f = frame.reset_index(drop=True)
    order = sorted(range(len(f)), key=lambda i: (_natural(str(f.at[i, "official_id"])), i))
    return f.iloc[order].reset_index(drop=True)[list(LIST_COLUMNS)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def update_manifest(entries: list[dict[str, Any]]) -> None:
    """Replace the "lists/" entries of reference/manifest.json, keeping everyone else's."""
    manifest_tools.update_manifest(REFERENCE, entries, owned=("lists/",))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=REPO.parent / "shared" / "reference-sources")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    official, derived = args.shared / "official", args.shared / "derived"
    if not official.is_dir():
        print(f"Error: {official} not found; pass the reference-sources folder as SHARED.", file=sys.stderr)
        return 1

    ofac, stats = ofac_frame(official, derived)
    un = only_program(import_list("un-xml", official / UN_XML, program="DPRK"), "DPRK")
    uk_result = import_list("uk", official / UK_ODS, program="DPRK")
    uk = only_program(uk_result, "Democratic People's Republic of Korea")
    (ofac, un, uk), report = link_groups([ofac, un, uk])

    out_dir = REFERENCE / "lists"
    manifest: list[dict[str, Any]] = []
    for stem, frame, meta in (("ofac_sdn_dprk", ofac, OFAC), ("un_1718_dprk", un, UN), ("uk_dprk", uk, UK)):
        for etype, suffix in TYPE_SUFFIX.items():
            part = sort_rows(frame[frame["entity_type"] == etype])
            if part.empty:
                continue
            path = out_dir / f"{stem}{suffix}.csv"
            write_list_file(part, path)
            entry: dict[str, Any] = {"file": f"lists/{path.name}", **meta, "entity_types": [etype]}
            entry.update(rows=len(part), entries=int(part["official_id"].nunique()), sha256=sha256(path))
            manifest.append(entry)
            print(f"{path.relative_to(REPO)}: {entry['entries']} entries, {entry['rows']} names")
    update_manifest(manifest)

    print(f"OFAC DPRK-related entries in sdn.csv: {stats['dprk_entries']}")
    print(
        f"post-2024-05 candidates: {stats['candidates_listed']} listed, {stats['candidates_named']} with a name, "
        f"without any alias (left out): {', '.join(map(str, stats['candidates_without_name'])) or 'none'}"
    )
    for line in report.lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
