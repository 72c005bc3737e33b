"""The Method sheet: how each check works, in words an auditor can read."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

import screen.assess
import screen.matching.compare
import screen.matching.entities
import screen.normalize
from screen.config import MatchingConfig, PolicyConfig

if TYPE_CHECKING:
    from screen.results import Results


def _doc(module: object) -> str:
    return " ".join((getattr(module, "__doc__", "") or "").split())


def method_rows(res: Results) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        ("Overview", "Each supplier row is read as text, its country resolved to ISO 3166-1, its activity classified "
                     "into sectors, its name compared with every listed entity name, and a risk level assigned with "
                     "the reasons shown. Nothing is dropped: every input row appears on the Suppliers sheet."),
        ("Name normalisation", _doc(screen.normalize)),
        ("Name comparison", _doc(screen.matching.compare)),
        ("Corroboration and bands", _doc(screen.matching.entities)),
        ("Risk policy", _doc(screen.assess)),
    ]
    m = res.config.matching
    for f in fields(MatchingConfig):
        rows.append((f"matching.{f.name} = {getattr(m, f.name)}", _field_doc(MatchingConfig, f.name)))
    p = res.config.policy
    for f in fields(PolicyConfig):
        rows.append((f"policy.{f.name}", ", ".join(getattr(p, f.name))))
    for ref in res.reference.lists:
        rows.append((f"List {ref.name}", f"{ref.title}. Version {ref.version}. Source: {ref.source}. "
                                         f"{ref.entries} entries, {ref.rows} names. Licence: {ref.licence or 'see source'}."))
    for t in res.reference.tables:
        rows.append((f"Table {t.name}", f"{t.title}. Version {t.version}. Source: {t.source}. Licence: {t.licence or '-'}."))
    return rows


def _field_doc(cls: type, name: str) -> str:
    import ast
    import inspect

    try:
        src = inspect.getsource(cls)
    except (OSError, TypeError):
        return ""
    tree = ast.parse(src)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for i, node in enumerate(body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            nxt = body[i + 1] if i + 1 < len(body) else None
            if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant) and isinstance(nxt.value.value, str):
                return " ".join(nxt.value.value.split())
    return ""
