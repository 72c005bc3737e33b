"""The Audit sheet (what produced this report) and the hidden ``_screen`` sheet `verify` reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from screen.reference import ListInfo, bundled_dir
from screen.report.readback import AUDIT_HEADER, AUDIT_SHEET
from screen.report.sheet import Sheets, fit_height

if TYPE_CHECKING:
    from screen.results import Results

REPORT_SCHEMA = "screen.report/1"


def list_origin(info: ListInfo) -> tuple[str, str]:
    """("bundled", path inside the bundled folder) or ("file", file name) for a list used."""
    path = Path(info.path)
    try:
        return "bundled", path.resolve().relative_to(bundled_dir().resolve()).as_posix()
    except ValueError:
        return "file", path.name


def audit_records(res: Results) -> list[tuple[str, str, str, str, str, str]]:
    """The machine-readable provenance: (kind, name, version, origin, file, sha256) rows."""
    run = res.run
    inp = run["input"]
    out = [
        ("schema", REPORT_SCHEMA, "", "", "", ""),
        ("tool", "screen", str(run["tool_version"]), "", "", ""),
        ("input", Path(inp["path"]).name, "", "", Path(inp["path"]).name, str(inp["sha256"])),
        ("config", str(run.get("config_source", "")), "", "", "", str(run["config_sha256"])),
    ]
    for kind, infos in (("list", res.reference.lists), ("table", res.reference.tables)):
        for info in infos:
            origin, file = list_origin(info)
            out.append((kind, info.name, info.version, origin, file, info.sha256))
    dec = run.get("decisions")
    if dec:
        out.append(
            (
                "decisions",
                Path(str(dec["path"])).name,
                "",
                "",
                Path(str(dec["path"])).name,
                str(dec["sha256"]),
            )
        )
    return out


def write_audit_records(s: Sheets, res: Results) -> None:
    ws = s.sheet(AUDIT_SHEET)
    for c, h in enumerate(AUDIT_HEADER):
        ws.write_string(0, c, h)
    for r, rec in enumerate(audit_records(res), start=1):
        for c, v in enumerate(rec):
            ws.write_string(r, c, v)
    ws.hide()


AUDIT_WIDTHS = (34.0, 26.0, 12.0, 34.0, 68.0)


def write_audit(s: Sheets, res: Results, title: str) -> None:
    ws = s.sheet("Audit")
    for c, w in enumerate(AUDIT_WIDTHS):
        ws.set_column(c, c, w)
    s.page_setup(ws, title, repeat_header=False)
    run = res.run
    inp = run["input"]
    items: list[tuple[str, Any]] = [
        ("Tool version", f"screen {run['tool_version']}"),
        ("Started (UTC)", run["started_at"]),
        ("Finished (UTC)", run.get("finished_at", "")),
        ("User", run.get("user", "")),
        ("Input file", inp["path"]),
        ("Input file name", Path(inp["path"]).name),
        ("Input SHA-256", inp["sha256"]),
        ("Sheet", inp["sheet"] or "(text file)"),
        ("Header row", str(inp["header_row"])),
        ("Data rows", str(inp["rows"])),
        ("Encoding / delimiter", f"{inp.get('encoding') or '-'} / {inp.get('delimiter') or '-'}"),
        ("Column mapping", "; ".join(f"{k} = '{v}'" for k, v in run["columns"].items())),
        ("Config source", run.get("config_source", "defaults")),
        ("Config SHA-256", run["config_sha256"]),
    ]
    dec = run.get("decisions")
    if dec:
        items.append(
            ("Decisions file", f"{dec['path']}; {dec['decisions']} decisions; SHA-256 {dec['sha256']}")
        )
    if res.changes is not None:
        prev = res.changes.get("previous", {})
        items.append(
            (
                "Previous results",
                f"none: {prev['none']}"
                if prev.get("none")
                else f"{prev.get('path')}; screened {prev.get('started_at')}; SHA-256 {prev.get('sha256')}",
            )
        )
    ws.write_string(0, 0, "Audit trail", s.f_title)
    r = 2
    r = _section(s, ws, r, "Run")
    for k, v in items:
        r = _pair(s, ws, r, k, v)
    r = _section(s, ws, r + 1, "Reference data used")
    for c, h in enumerate(("List or table", "Version", "Entries", "File", "SHA-256")):
        ws.write_string(r, c, h, s.f_head)
    r += 1
    for kind, infos in (("List", res.reference.lists), ("Table", res.reference.tables)):
        for info in infos:
            origin, file = list_origin(info)
            cells = [
                f"{kind} {info.name}",
                info.version + (f" ({info.note})" if info.note else ""),
                f"{info.entries} / {info.rows} names" if kind == "List" else "",
                f"{origin}: {file}",
                info.sha256,
            ]
            height = fit_height(zip(cells, AUDIT_WIDTHS, strict=True))
            if height:
                ws.set_row(r, height)
            for c, v in enumerate(cells):
                s.cell(ws, r, c, v, s.f_wrap)
            r += 1
    r = _section(s, ws, r + 1, "Settings")
    for k, v in _flatten(run.get("config", {})):
        r = _pair(s, ws, r, k, ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v))
    r = _section(s, ws, r + 1, "Verify")
    _pair(
        s,
        ws,
        r,
        "Command",
        f"screen verify REPORT.xlsx --input {Path(inp['path']).name} [--reference LIST ...] recomputes the "
        "SHA-256 of the input and of every list and table above and says whether they are the ones used.",
    )


def _section(s: Sheets, ws: Any, r: int, title: str) -> int:
    for c in range(len(AUDIT_WIDTHS)):
        ws.write_blank(r, c, None, s.f_section)
    ws.write_string(r, 0, title, s.f_section)
    return r + 1


def _pair(s: Sheets, ws: Any, r: int, key: str, value: Any) -> int:
    """A label and a value spanning the other columns."""
    height = fit_height([(str(value), sum(AUDIT_WIDTHS[1:]))])
    if height:
        ws.set_row(r, height)
    ws.write_string(r, 0, key, s.f_bold)
    ws.merge_range(r, 1, r, len(AUDIT_WIDTHS) - 1, "", s.f_wrap)
    s.cell(ws, r, 1, value, s.f_wrap)
    return r + 1


def _flatten(d: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.extend(_flatten(v, key + "."))
        else:
            out.append((key, v))
    return out
