"""Verification: was this report produced from exactly this input, these lists, these
settings and these reviewer decisions?

Every report records, in its Audit sheet and in the hidden ``_screen`` sheet, the SHA-256 of
the input file and of each list and table used, and where each came from (bundled with
screen, or a ``--reference`` file), of the settings (the values in effect) and of the
decisions file applied. :func:`verify_report` recomputes those hashes: the input file given,
the bundled files of the installed screen, the ``--reference`` files given (matched by hash,
else by file name), the settings as ``screen run`` would load them (``--config``, else
``./screen.toml``, else the defaults) and the ``--decisions`` file given, and reports one line
per mismatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.config import load_config
from screen.digest import sha256_file
from screen.errors import ScreenError
from screen.reference import bundled_dir
from screen.report.readback import read_audit_records


class VerifyError(ScreenError):
    """A file to verify against cannot be read."""


@dataclass
class Verification:
    report: Path
    checked: list[str] = field(default_factory=list)  # what matched, one line each
    mismatches: list[str] = field(default_factory=list)  # what did not, one line each

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _sha(path: Path, what: str) -> str:
    try:
        return sha256_file(path)
    except FileNotFoundError as exc:
        raise VerifyError(f"{path}: {what} not found; check the path.") from exc
    except IsADirectoryError as exc:
        raise VerifyError(f"{path}: is a folder; pass the {what} itself.") from exc


def verify_report(
    report: str | Path,
    input_path: str | Path,
    reference_paths: Sequence[str | Path] = (),
    config: str | Path | None = None,
    decisions: str | Path | None = None,
) -> Verification:
    """Recompute the hashes recorded in ``report`` and compare (see the module docstring)."""
    rep = Path(report)
    records = read_audit_records(rep)
    v = Verification(rep)
    inp = Path(input_path)
    actual = _sha(inp, "input file")
    given = {Path(p): _sha(Path(p), "list file") for p in reference_paths}
    used: set[Path] = set()
    for rec in records:
        kind, recorded = rec.get("kind", ""), rec.get("sha256", "")
        if kind == "input":
            if actual == recorded:
                v.checked.append(f"input {inp.name}: SHA-256 matches")
            else:
                v.mismatches.append(
                    f"input: {inp.name} has SHA-256 {actual[:16]}…, but the report was made from "
                    f"{rec.get('file')} with SHA-256 {recorded[:16]}…"
                )
        elif kind in ("list", "table"):
            _check_list(v, rec, given, used)
        elif kind == "config":
            _check_config(v, rec, config)
        elif kind == "decisions":
            _check_decisions(v, rec, decisions)
    if decisions is not None and not any(r.get("kind") == "decisions" for r in records):
        v.mismatches.append(f"--decisions {Path(decisions).name}: the report applied no reviewer decisions")
    for path in given:
        if path not in used:
            v.mismatches.append(f"--reference {path.name}: this list was not used for the report")
    if not any(r.get("kind") == "input" for r in records):
        v.mismatches.append(f"{rep.name}: the audit sheet records no input file hash")
    return v


def _check_list(v: Verification, rec: dict[str, str], given: dict[Path, str], used: set[Path]) -> None:
    kind, name, file, recorded = rec["kind"], rec.get("name", ""), rec.get("file", ""), rec.get("sha256", "")
    label = f"{kind} {name} ({file})"
    same = [p for p, h in given.items() if h == recorded]
    if same:
        used.update(same)
        v.checked.append(f"{label}: SHA-256 matches {same[0].name}")
        return
    named = [p for p, h in given.items() if p.name == Path(file).name]
    if named:
        used.update(named)
        v.mismatches.append(
            f"{label}: {named[0].name} has SHA-256 {given[named[0]][:16]}…, the report used {recorded[:16]}…"
        )
        return
    if rec.get("origin") == "bundled":
        path = bundled_dir() / file
        if not path.is_file():
            v.mismatches.append(f"{label}: not bundled with this screen; pass the list file with --reference")
            return
        actual = sha256_file(path)
        if actual == recorded:
            v.checked.append(f"{label}: SHA-256 matches the bundled file")
        else:
            v.mismatches.append(
                f"{label}: the bundled file has SHA-256 {actual[:16]}…, the report used {recorded[:16]}… "
                "(another version of the list); pass the list file used with --reference"
            )
        return
    v.mismatches.append(f"{label}: not given; pass it with --reference {file}")


def _check_config(v: Verification, rec: dict[str, str], config: str | Path | None) -> None:
    """The settings as ``screen run`` would load them here against those the report used."""
    cfg = load_config(config)
    recorded, actual = rec.get("sha256", ""), cfg.sha256()
    label = "defaults" if cfg.source == "defaults" else Path(cfg.source).name
    if actual == recorded:
        v.checked.append(f"settings ({label}): SHA-256 matches")
        return
    used = rec.get("name") or "settings"
    if used == "defaults":
        fix = "the report used the default settings: verify where there is no screen.toml, without --config"
    elif config is None:
        fix = "pass the settings file used with --config"
    else:
        fix = "another file or version of it"
    v.mismatches.append(
        f"settings: {label} give SHA-256 {actual[:16]}…, the report used {used} with {recorded[:16]}…; {fix}"
    )


def _check_decisions(v: Verification, rec: dict[str, str], decisions: str | Path | None) -> None:
    recorded, file = rec.get("sha256", ""), rec.get("file", "")
    if decisions is None:
        v.mismatches.append(
            f"decisions {file}: the report applied these reviewer decisions; pass the file with --decisions"
        )
        return
    path = Path(decisions)
    actual = _sha(path, "decisions file")
    if actual == recorded:
        v.checked.append(f"decisions {file}: SHA-256 matches {path.name}")
    else:
        v.mismatches.append(
            f"decisions: {path.name} has SHA-256 {actual[:16]}…, the report applied {file} with {recorded[:16]}…"
        )
