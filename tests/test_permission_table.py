"""The complete permission table: every registered name × every role × every situation has a row.

Each app keeps its rows in ``tests/<app>/test_permission_table.py`` (``ROWS``); this test collects
them all, fails for any permission registered without a row for every role and situation, and
evaluates every row against ``policy.can`` in the scene of ``tests/permission_table.py`` (an app
whose table has no ``subject`` evaluates its rows in its own test).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from danvan.org import policy
from tests.permission_table import ROLES, SITUATIONS, make_user, object_unit

TESTS = Path(__file__).parent
MODULES = {path.parent.name: importlib.import_module(f"tests.{path.parent.name}.test_permission_table")
           for path in sorted(TESTS.glob("*/test_permission_table.py"))}
ALL_ROWS = [(app, row) for app, module in MODULES.items() for row in module.ROWS]


def test_rows_are_well_formed_and_never_contradict_each_other():
    names = set(policy.permission_names())
    seen: dict[tuple[str, str, str], bool] = {}
    bad = []
    for app, (name, role, situation, expected) in ALL_ROWS:
        if name not in names or role not in ROLES or situation not in SITUATIONS or not isinstance(expected, bool):
            bad.append((app, name, role, situation, expected))
        if seen.setdefault((name, role, situation), expected) != expected:
            bad.append((app, name, role, situation, "contradicts another row"))
    assert bad == []


def test_every_registered_permission_is_named_in_words_for_the_refusal_page():
    """A refused officer reads what they were not allowed to do ("Bạn không được ký số văn bản…"),
    never the fallback "thực hiện việc này"."""
    assert [name for name in policy.permission_names() if name not in policy.ACTIONS] == []


def test_every_registered_permission_has_a_row_for_every_role_and_situation():
    covered = {(name, role, situation) for _app, (name, role, situation, _e) in ALL_ROWS}
    missing = [(name, role, situation) for name in policy.permission_names() for role in ROLES
               for situation in SITUATIONS if (name, role, situation) not in covered]
    assert missing == [], f"{len(missing)} rows missing, first: {missing[:10]}"


@pytest.mark.parametrize("app", [app for app, module in MODULES.items() if hasattr(module, "subject")])
def test_every_row_holds(app, demo_org):
    module = MODULES[app]
    users = {}
    wrong = []
    for name, role, situation, expected in module.ROWS:
        user = users.get((role, situation)) or users.setdefault((role, situation), make_user(role, situation, demo_org))
        obj = module.subject(name, demo_org[object_unit(situation)])
        if policy.can(user, name, obj) is not expected:
            wrong.append((name, role, situation, expected))
    assert wrong == []
