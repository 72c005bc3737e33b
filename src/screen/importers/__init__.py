"""Importers for official sanctions lists and custom watchlists.

:func:`import_list` reads one file in a known format (OFAC legacy CSV or XML, UN consolidated
XML, UK Sanctions List, EU financial sanctions CSV, OpenSanctions CSV/JSON lines, a company's
own watchlist) and returns an :class:`ImportResult`: the list-file rows (one per name, see
:data:`LIST_COLUMNS`), the problems met (orphan aliases and addresses, duplicates, malformed
rows) and what the filters left out. :func:`write_list_file` saves it for ``screen`` to load.
"""

from __future__ import annotations

from pathlib import Path

from screen.errors import ListError
from screen.importers import custom, eu, ofac_csv, ofac_xml, opensanctions, uk, un_xml
from screen.importers.common import LIST_COLUMNS, Entry, Parsed, Problems
from screen.importers.countries import country_code
from screen.importers.filters import is_dprk
from screen.importers.listfile import ImportResult, finish, read_list_file, write_list_file

KINDS: dict[str, str] = {
    "ofac-csv": "OFAC SDN legacy CSV (sdn.csv; --alt alt.csv, --add add.csv)",
    "ofac-xml": "OFAC SDN XML (sdn.xml)",
    "un-xml": "UN Security Council consolidated list XML",
    "uk": "UK Sanctions List, short form (.ods or .csv)",
    "eu": "EU financial sanctions CSV (;-separated)",
    "opensanctions": "OpenSanctions targets.simple.csv or FtM JSON lines (.json/.jsonl/.ftm.json)",
    "custom": "your own watchlist (.xlsx/.csv with a Name column)",
}
_ALIASES = {
    "ofac": "ofac-csv",
    "ofac-sdn": "ofac-csv",
    "sdn": "ofac-csv",
    "sdn-csv": "ofac-csv",
    "sdn-xml": "ofac-xml",
    "un": "un-xml",
    "os": "opensanctions",
    "uk-ods": "uk",
    "uk-csv": "uk",
}


def import_list(
    kind: str,
    path: Path,
    *,
    alt: Path | None = None,
    add: Path | None = None,
    program: str | None = None,
    list_name: str | None = None,
    include_individuals: bool = True,
    include_vessels: bool = True,
    orphans_as_entries: bool = False,
    source_date: str | None = None,
) -> ImportResult:
    """Read ``path`` as a ``kind`` list (see :data:`KINDS`) into list-file rows.

    ``program="DPRK"`` keeps North Korea-related entries only (a DPRK program, North Korea in
    the remarks, or a North Korean address); another value keeps entries with a program that
    starts with it. ``include_vessels`` covers vessels and aircraft. ``orphans_as_entries``
    (OFAC CSV only) turns alt/add rows without an sdn.csv entry into provisional entries.
    """
    k = _ALIASES.get(kind.strip().casefold(), kind.strip().casefold())
    path = Path(path)
    if k not in KINDS:
        raise ListError(f"unknown list kind '{kind}'; use one of {', '.join(KINDS)}.")
    for p in (path, alt, add):
        if p is not None and not Path(p).is_file():
            raise ListError(f"{p}: no such file; check the path.")
    if (alt or add) and k != "ofac-csv":
        raise ListError(
            f"--alt/--add belong to the OFAC legacy CSV (kind ofac-csv), not to '{k}'; drop them."
        )
    parsed: Parsed
    if k == "ofac-csv":
        parsed = ofac_csv.read(
            path,
            Path(alt) if alt else None,
            Path(add) if add else None,
            orphans_as_entries=orphans_as_entries,
            source_date=source_date,
        )
    elif k == "ofac-xml":
        parsed = ofac_xml.read(path, source_date=source_date)
    elif k == "un-xml":
        parsed = un_xml.read(path, source_date=source_date)
    elif k == "uk":
        parsed = uk.read(path, source_date=source_date)
    elif k == "eu":
        parsed = eu.read(path, source_date=source_date)
    elif k == "opensanctions":
        parsed = opensanctions.read(path, source_date=source_date)
    else:
        parsed = custom.read(path, list_name=list_name or custom.LIST_NAME, source_date=source_date)
    return finish(
        parsed,
        program=program,
        list_name=list_name,
        include_individuals=include_individuals,
        include_vessels=include_vessels,
    )


__all__ = [
    "KINDS",
    "LIST_COLUMNS",
    "Entry",
    "ImportResult",
    "Problems",
    "country_code",
    "import_list",
    "is_dprk",
    "read_list_file",
    "write_list_file",
]
