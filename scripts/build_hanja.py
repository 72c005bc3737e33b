"""Build reference/hanja_readings.csv: the Sino-Korean reading (one Hangul syllable) of each
Chinese character, for North Korean names written in Chinese characters (朝鲜万寿台创作社 is
Mansudae Art Studio, read in Korean, not "chao xian wan shou tai" as Mandarin reads it).

    python -m pip download --no-deps hanja==0.15.1 -d /tmp/hanja
    python scripts/build_hanja.py /tmp/hanja/hanja-0.15.1-py3-none-any.whl

The readings are the table of the ``hanja`` package (Sumin Byeon, https://github.com/suminb/hanja,
WTFPL v2; its notice is kept in reference/LICENSES.md): 27,497 characters (the CJK unified
ideographs, extension A and compatibility ideographs, simplified forms included), each with its
reading as written before the initial-sound rule (릉, 련: as North Korea writes them). The
package itself is not a dependency (it pins PyYAML and needs pytest at run time); only its table
is read here, as text, from the wheel.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import zipfile
from pathlib import Path

import manifest_tools

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reference" / "hanja_readings.csv"
TABLE = "hanja/table.yml"
# simplified characters whose reading in the table is that of another character written the
# same way (机 "table" 궤, where company names mean 機 "machine" 기): the reading of the
# traditional character each stands for in company names
SIMPLIFIED = {
    "机": "機기",
    "几": "幾기",
    "关": "關관",
    "术": "術술",
    "广": "廣광",
    "丰": "豐풍",
    "厂": "廠창",
    "汇": "匯회",
    "宁": "寧녕",
    "台": "臺대",
    "叶": "葉엽",
    "价": "價가",
    "胜": "勝승",
    "种": "種종",
    "适": "適적",
    "划": "劃획",
    "达": "達달",
    "荣": "榮영",
    "证": "證증",
    "扑": "撲박",
    "虫": "蟲충",
    "听": "聽청",
    "极": "極극",
}
LINE = re.compile(r'^"\\u([0-9A-Fa-f]{4,5})": "\\u([0-9A-Fa-f]{4})"$')


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    wheel = Path(sys.argv[1])
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(TABLE)
    version = wheel.name.split("-")[1] if wheel.name.count("-") >= 2 else "?"
    package = f"hanja {version}"
    rows: dict[str, tuple[str, str]] = {}
    for line in data.decode("utf-8").splitlines():
        m = LINE.match(line.strip())
        if not m:
            continue
        han, hangul = chr(int(m.group(1), 16)), chr(int(m.group(2), 16))
        if "\uac00" <= hangul <= "\ud7a3":  # one Hangul syllable
            rows[han] = (hangul, package)
    if len(rows) < 20_000:
        raise SystemExit(f"{wheel}: {TABLE} gave {len(rows)} readings; expected the full table")
    for han, (traditional, hangul) in SIMPLIFIED.items():
        rows[han] = (hangul, f"screen: simplified form of {traditional} ({package}: {rows[han][0]})")
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["hanja", "hangul", "source"])
        w.writerows((han, hangul, source) for han, (hangul, source) in sorted(rows.items()))
    item = manifest_tools.file_entry(
        OUT.parent,
        OUT.name,
        list="hanja-readings",
        title="Sino-Korean readings of Chinese characters (one Hangul syllable each)",
        version=f"{package} + screen",
        source=f"{package} (PyPI; github.com/suminb/hanja), {TABLE} sha256 {hashlib.sha256(data).hexdigest()};"
        " screen: readings of 23 simplified forms",
        licence="WTFPL-2.0; see LICENSES.md",
        rows=len(rows),
    )
    manifest_tools.update_manifest(OUT.parent, [item])
    print(f"wrote {OUT} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
