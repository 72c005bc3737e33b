"""The Method sheet: how each check works, in words an auditor can read.

The texts are the docstrings of the modules that do the work, so the sheet cannot drift
from the code. A row with an empty text is a section heading.
"""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import fields
from typing import TYPE_CHECKING

import screen.assess
import screen.columns
import screen.countries
import screen.decisions
import screen.matching.compare
import screen.matching.entities
import screen.name_refs
import screen.normalize
import screen.north_places
import screen.rescreen
import screen.sectors
from screen.config import MatchingConfig, PolicyConfig

if TYPE_CHECKING:
    from screen.results import Results


_ROLE = re.compile(r":(?:func|mod|class|meth|data|attr):`~?([^`]+)`")


def _plain(text: str) -> str:
    """Docstring text as plain words: one line, reST roles and literals unwrapped."""
    return _ROLE.sub(r"\1", " ".join(text.split())).replace("``", "")


def _doc(module: object) -> str:
    return _plain(getattr(module, "__doc__", "") or "")


def method_rows(res: Results) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        ("The checks", ""),
        (
            "Overview",
            "Each supplier row is read as text, its country resolved to ISO 3166-1, its activity classified "
            "into sectors, its name compared with every listed entity name, and a risk level assigned with "
            "the reasons shown. Reviewers' recorded decisions are applied last. Nothing is dropped: every "
            "input row appears on the Suppliers sheet (and in the CSV/JSON results).",
        ),
        ("Columns read", _doc(screen.columns)),
        ("Country resolution", _doc(screen.countries)),
        ("Sector classification", _doc(screen.sectors)),
        ("Name normalisation", _doc(screen.normalize)),
        ("Name comparison", _doc(screen.matching.compare)),
        ("Corroboration and bands", _doc(screen.matching.entities)),
        ("Names that refer to North Korea", _doc(screen.name_refs)),
        ("Addresses in North Korea", _doc(screen.north_places)),
        ("Risk policy", _doc(screen.assess)),
        ("Reviewer decisions", _doc(screen.decisions)),
        ("Re-screening", _doc(screen.rescreen)),
        (
            "Verification",
            "The hidden _screen sheet and the Audit sheet record the SHA-256 of the input file and of every "
            "list and table used. 'screen verify REPORT.xlsx --input FILE [--reference LIST ...]' recomputes "
            "them and says whether this report was produced from exactly that input and those lists.",
        ),
        ("Thresholds and weights", ""),
    ]
    m = res.config.matching
    for f in fields(MatchingConfig):
        rows.append((f"matching.{f.name} = {getattr(m, f.name)}", _field_doc(MatchingConfig, f.name)))
    p = res.config.policy
    for f in fields(PolicyConfig):
        v = getattr(p, f.name)
        shown = ", ".join(v) if isinstance(v, tuple) else str(v)
        rows.append((f"policy.{f.name}", shown + ". " + _field_doc(PolicyConfig, f.name)))
    rows.append(("Lists and tables", ""))
    for ref in res.reference.lists:
        rows.append(
            (
                f"List {ref.name}",
                f"{ref.title}. Version {ref.version}. Source: {ref.source}. "
                f"{ref.entries} entries, {ref.rows} names. Licence: {ref.licence or 'see source'}.",
            )
        )
    for t in res.reference.tables:
        rows.append(
            (
                f"Table {t.name}",
                f"{t.title}. Version {t.version}. Source: {t.source}. Licence: {t.licence or '-'}.",
            )
        )
    return rows


def _field_doc(cls: type, name: str) -> str:
    try:
        src = inspect.getsource(cls)
    except (OSError, TypeError):
        return ""
    tree = ast.parse(src)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for i, node in enumerate(body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            nxt = body[i + 1] if i + 1 < len(body) else None
            if (
                isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            ):
                return _plain(nxt.value.value)
    return ""
