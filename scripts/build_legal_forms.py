"""Build reference/legal_forms.csv from rigour's org_types table plus our own additions.

    python scripts/build_legal_forms.py [../shared/reference-sources]

rigour (opensanctions/rigour, resources/names/org_types.yml) is MIT licensed; its notice is
kept in reference/LICENSES.md. Our additions are short forms common in supplier exports.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import manifest_tools

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reference" / "legal_forms.csv"
RIGOUR = "rigour org_types.yml (MIT), via reference-sources/matching/rigour_org_types.csv"
OURS = "screen maintainers: common short forms in supplier exports"

# (alias, display, generic) — forms seen in ERP exports and on sanctions lists
ADDITIONS = [
    ("co", "Co.", "LLC"),
    ("co ltd", "Co., Ltd.", "LLC"),
    ("company", "Company", "LLC"),
    ("company limited", "Company Limited", "LLC"),
    ("corp", "Corp.", "LLC"),
    ("corporation", "Corporation", "LLC"),
    ("inc", "Inc.", "LLC"),
    ("incorporated", "Incorporated", "LLC"),
    ("ltd", "Ltd", "LLC"),
    ("limited", "Limited", "LLC"),
    ("llc", "LLC", "LLC"),
    ("l l c", "LLC", "LLC"),
    ("llp", "LLP", "LLP"),
    ("plc", "PLC", "JSC"),
    ("jsc", "JSC", "JSC"),
    ("ojsc", "OJSC", "JSC"),
    ("cjsc", "CJSC", "JSC"),
    ("pjsc", "PJSC", "JSC"),
    ("ooo", "OOO", "LLC"),
    ("jv", "JV", ""),
    ("j v", "J.V.", ""),
    ("zao", "ZAO", "JSC"),
    ("oao", "OAO", "JSC"),
    ("pao", "PAO", "JSC"),
    ("ao", "AO", "JSC"),
    ("tov", "TOV", "LLC"),
    ("too", "TOO", "LLC"),
    ("xxk", "XXK", "LLC"),
    ("khkh", "KhKh", "LLC"),
    ("cc", "CC", "LLC"),
    ("pty", "Pty", "LLC"),
    ("pty ltd", "Pty Ltd", "LLC"),
    ("proprietary limited", "Proprietary Limited", "LLC"),
    ("sarl", "SARL", "LLC"),
    ("sarlu", "SARLU", "LLC"),
    ("sa", "SA", "JSC"),
    ("sas", "SAS", "JSC"),
    ("sasu", "SASU", "JSC"),
    ("srl", "SRL", "LLC"),
    ("spa", "SpA", "JSC"),
    ("s p a", "S.p.A.", "JSC"),
    ("sl", "S.L.", "LLC"),
    ("slu", "S.L.U.", "LLC"),
    ("s a de c v", "S.A. de C.V.", "JSC"),
    ("gmbh", "GmbH", "LLC"),
    ("gmbh co kg", "GmbH & Co. KG", "LP"),
    ("ag", "AG", "JSC"),
    ("kg", "KG", "LP"),
    ("ug", "UG", "LLC"),
    ("bv", "B.V.", "LLC"),
    ("nv", "N.V.", "JSC"),
    ("ab", "AB", "JSC"),
    ("as", "AS", "JSC"),
    ("asa", "ASA", "JSC"),
    ("oy", "Oy", "LLC"),
    ("oyj", "Oyj", "JSC"),
    ("aps", "ApS", "LLC"),
    ("a s", "A/S", "JSC"),
    ("sro", "s.r.o.", "LLC"),
    ("s r o", "s.r.o.", "LLC"),
    ("kft", "Kft.", "LLC"),
    ("zrt", "Zrt.", "JSC"),
    ("sp z o o", "sp. z o.o.", "LLC"),
    ("doo", "d.o.o.", "LLC"),
    ("d o o", "d.o.o.", "LLC"),
    ("as", "A.S.", "JSC"),
    ("ltd sti", "Ltd. Şti.", "LLC"),
    ("ltd sirketi", "Ltd. Şirketi", "LLC"),
    ("wll", "W.L.L.", "LLC"),
    ("w l l", "W.L.L.", "LLC"),
    ("fze", "FZE", "LLC"),
    ("fzco", "FZCO", "LLC"),
    ("fz llc", "FZ-LLC", "LLC"),
    ("llc fz", "LLC-FZ", "LLC"),
    ("pte ltd", "Pte. Ltd.", "LLC"),
    ("pte", "Pte.", "LLC"),
    ("sdn bhd", "Sdn. Bhd.", "LLC"),
    ("bhd", "Bhd.", "JSC"),
    ("pvt ltd", "Pvt. Ltd.", "LLC"),
    ("private limited", "Private Limited", "LLC"),
    ("tbk", "Tbk", "JSC"),
    ("pt", "PT", "LLC"),
    ("jsc", "JSC", "JSC"),
    ("kk", "K.K.", "JSC"),
    ("kabushiki kaisha", "Kabushiki Kaisha", "JSC"),
    ("co ltd", "Co. Ltd", "LLC"),
    ("youxian gongsi", "Youxian Gongsi", "LLC"),
    ("youxiangongsi", "Youxian Gongsi", "LLC"),
    ("gongsi", "Gongsi", "LLC"),
    ("hoesa", "Hoesa", "LLC"),
    ("jusikhoesa", "Jusik Hoesa", "JSC"),
    ("chusikhoesa", "Chusik Hoesa", "JSC"),
    ("public company limited", "Public Company Limited", "JSC"),
    ("public co ltd", "Public Co., Ltd.", "JSC"),
    ("limited liability company", "Limited Liability Company", "LLC"),
    ("companies", "Companies", "LLC"),
    ("group of companies", "Group of Companies", "LLC"),
    ("group of cos", "Group of Cos.", "LLC"),
    ("khkhk", "KhKhK", "LLC"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "OOO", "LLC"),
    ("obschestvo s ogranichennoi otvetstvennostyu", "OOO", "LLC"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "OOO", "LLC"),
    # Russian forms translated without their last word ("Open Joint-Stock Rosgosstrakh Bank")
    ("open joint stock", "OJSC", "JSC"),
    ("closed joint stock", "CJSC", "JSC"),
    ("public joint stock", "PJSC", "JSC"),
    ("public joint stock company", "PJSC", "JSC"),
    ("non public joint stock company", "JSC", "JSC"),
]


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-sources"
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    with (src / "matching" / "rigour_org_types.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            alias = r["alias"].strip()
            if alias:
                rows.setdefault((alias, r["display"]), (r["display"], r["generic"], RIGOUR))
    for alias, display, generic in ADDITIONS:
        rows.setdefault((alias, display), (display, generic, OURS))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["alias", "display", "generic", "source"])
        for (alias, _d), (display, generic, source) in sorted(rows.items()):
            w.writerow([alias, display, generic, source])
    _update_manifest(OUT, len(rows))
    print(f"wrote {OUT} ({len(rows)} rows)")
    return 0


def _update_manifest(path: Path, rows: int) -> None:
    item = manifest_tools.file_entry(
        path.parent,
        path.name,
        list="legal-forms",
        title="Legal-form designations removed before name comparison",
        version="rigour 2024 + screen additions",
        source=RIGOUR + "; " + OURS,
        licence="MIT (rigour); see LICENSES.md",
        rows=rows,
    )
    manifest_tools.update_manifest(path.parent, [item])


if __name__ == "__main__":
    raise SystemExit(main())
