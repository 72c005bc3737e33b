"""OpenSanctions exports: ``targets.simple.csv`` and FollowTheMoney JSON lines.

``targets.simple.csv``: id, schema, name, aliases, birth_date, countries, addresses,
identifiers, sanctions, phones, emails, program_ids, dataset, first_seen, last_seen,
last_change; multiple values joined with ``;``; countries are lowercase ISO alpha-2.
FtM JSON lines: one ``{"id", "caption", "schema", "properties": {"name": [..], "alias": [..],
"weakAlias": [..], "previousName": [..], "country": [..], "programId": [..]}, "datasets": [..],
"first_seen", "target"}`` per line; non-target entities (addresses, sanctions, relatives) are
skipped.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path
from typing import Any

from screen.errors import ListError
from screen.importers.common import (
    Entry,
    Parsed,
    Problems,
    add_address_country,
    clean,
    file_date,
    iso_date,
    read_text,
)

log = logging.getLogger(__name__)

LIST_NAME = "OS"
SCHEMAS = {
    "Person": "individual",
    "Vessel": "vessel",
    "Airplane": "aircraft",
    "Company": "entity",
    "Organization": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
}


def _split(value: str) -> list[str]:
    return [v for v in (clean(x) for x in value.split(";")) if v]


def _from_simple_csv(text: str, path: Path, problems: Problems) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = set(reader.fieldnames or [])
    if not {"id", "name"} <= fields:
        raise ListError(
            f"{path.name}: no 'id' and 'name' columns; is this OpenSanctions targets.simple.csv "
            "(or use kind 'custom' for your own list)?"
        )
    entries: dict[str, Entry] = {}
    for row in reader:
        line = reader.line_num
        uid, name = clean(row.get("id")), clean(row.get("name"))
        if not uid or not name:
            problems.add("malformed", f"{path.name} line {line}: {'no id' if not uid else 'no name'}")
            continue
        if uid in entries:
            problems.add("duplicate", f"{path.name} line {line}: {uid}")
            continue
        entry = Entry(uid, SCHEMAS.get(clean(row.get("schema")), "entity"))
        entry.add_name("primary", name)
        for alias in _split(row.get("aliases") or ""):
            entry.add_name("aka", alias)
        for program in _split(row.get("program_ids") or ""):
            entry.add_program(program)
        for country in _split(row.get("countries") or ""):
            add_address_country(entry, country, problems)
        entry.listed_on = iso_date(row.get("first_seen"))
        entry.remarks = f"datasets: {clean(row.get('dataset'))}" if clean(row.get("dataset")) else ""
        entry.context = " ".join(clean(row.get(k)) for k in ("sanctions", "dataset", "program_ids"))
        entries[uid] = entry
    return list(entries.values())


def _values(props: dict[str, Any], key: str) -> list[str]:
    raw = props.get(key) or []
    return [clean(v) for v in (raw if isinstance(raw, list) else [raw]) if clean(v)]


def _from_ftm(text: str, path: Path, problems: Problems) -> list[Entry]:
    entries: dict[str, Entry] = {}
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.add("malformed", f"{path.name} line {line}: {exc.msg}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("properties", {}), dict):
            problems.add("malformed", f"{path.name} line {line}: not an entity object")
            continue
        schema = str(obj.get("schema", ""))
        if obj.get("target") is False or ("target" not in obj and schema not in SCHEMAS):
            continue
        uid = clean(obj.get("id"))
        props: dict[str, Any] = obj.get("properties") or {}
        names = _values(props, "name") or [clean(obj.get("caption"))]
        if not uid or not names[0]:
            problems.add("malformed", f"{path.name} line {line}: {'no id' if not uid else 'no name'}")
            continue
        if uid in entries:
            problems.add("duplicate", f"{path.name} line {line}: {uid}")
            continue
        entry = Entry(uid, SCHEMAS.get(schema, "entity"))
        for n in names:
            entry.add_name("aka", n)
        for key, name_type in (("alias", "aka"), ("previousName", "fka"), ("weakAlias", "weak")):
            for n in _values(props, key):
                entry.add_name(name_type, n)
        for program in _values(props, "programId"):
            entry.add_program(program)
        for country in _values(props, "country"):
            add_address_country(entry, country, problems)
        entry.listed_on = iso_date(obj.get("first_seen"))
        datasets = obj.get("datasets") or []
        entry.remarks = "datasets: " + ", ".join(map(str, datasets)) if datasets else ""
        entry.context = " ".join([entry.remarks, *_values(props, "notes"), *_values(props, "topics")])
        entries[uid] = entry
    return list(entries.values())


def read(path: Path, *, source_date: str | None = None) -> Parsed:
    """Parse an OpenSanctions CSV or FtM JSON-lines export into entries."""
    problems = Problems()
    text = read_text(path)
    is_json = path.suffix.lower() in {".json", ".jsonl", ".ndjson"} or text.lstrip().startswith("{")
    entries = _from_ftm(text, path, problems) if is_json else _from_simple_csv(text, path, problems)
    if not entries:
        raise ListError(
            f"{path.name}: no OpenSanctions entities found; is this targets.simple.csv or FtM JSON lines?"
        )
    date = source_date or file_date(path)
    fmt = "FtM JSON lines" if is_json else "targets.simple.csv"
    log.info("%s: %d OpenSanctions entries", path.name, len(entries))
    return Parsed(
        entries,
        LIST_NAME,
        f"OpenSanctions {fmt} ({path.name}, {date or 'undated'})",
        date,
        problems,
    )
