"""Every permission name written in the code is a registered one.

``policy.can`` raises on an unknown name (a typo must never grant), but only when that line runs:
a misspelt name in a branch the tests never take would answer a user with an error page. This
test reads the source instead: every literal name given to ``can``/``require`` (and every
``permission="…"`` of a menu entry or an admin) must be registered by some app.
"""

from __future__ import annotations

import ast
from pathlib import Path

import danvan
from danvan.org import policy

SRC = Path(danvan.__file__).parent


def _literal_names() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            values = []
            if called in ("can", "require") and len(node.args) >= 2:
                values.append(node.args[1])
            values += [kw.value for kw in node.keywords if kw.arg == "permission"]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, []).append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_the_scan_finds_the_names_the_code_uses():
    names = _literal_names()
    # Names known to be written as literals in views and services (the scan must see them).
    assert {"petition.identity", "unit.change", "staff.change", "plan.import"} <= set(names)


def test_every_permission_name_written_in_the_code_is_registered():
    registered = set(policy.permission_names())
    unknown = {name: places for name, places in _literal_names().items() if name not in registered}
    assert unknown == {}
