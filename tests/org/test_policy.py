"""The permission matrix: every role against objects inside and outside its scope."""

from __future__ import annotations

import pytest

from danvan.org import policy

# (user, permission, object key, expected). Object keys name units or staff of the demo.
MATRIX = [
    # officer of Thượng Đình ward: own ward only, changes nothing in the registry
    ("canbo", "unit.view", "unit:tx-thuong-dinh", True),
    ("canbo", "unit.view", "unit:tx-khuong-dinh", False),
    ("canbo", "unit.view", "unit:tx-ubnd", False),
    ("canbo", "staff.view", "staff:phuong", True),
    ("canbo", "staff.view", "staff:canbo2", False),
    ("canbo", "unit.change", "unit:tx-thuong-dinh", False),
    ("canbo", "staff.change", "staff:phuong", False),
    ("canbo", "registry.import", None, False),
    # leader of the ward: the ward committee's tree
    ("phuong", "unit.view", "unit:tx-thuong-dinh", True),
    ("phuong", "unit.view", "unit:tx-khuong-dinh", False),
    ("phuong", "staff.view", "staff:canbo", True),
    ("phuong", "staff.change", "staff:canbo", False),
    # district leader: the whole district tree, not the city's departments
    ("chutich", "unit.view", "unit:tx-khuong-dinh", True),
    ("chutich", "unit.view", "unit:tx-noi-vu", True),
    ("chutich", "unit.view", "unit:hn-so-noi-vu", False),
    ("chutich", "unit.change", "unit:tx-khuong-dinh", False),
    # unit head of Phòng VHTT: own unit, manages its staff only
    ("truongphong", "unit.view", "unit:tx-vhtt", True),
    ("truongphong", "unit.view", "unit:tx-noi-vu", False),
    ("truongphong", "staff.change", "staff:truongphong", True),
    ("truongphong", "staff.change", "staff:canbo", False),
    ("truongphong", "responsibility.change", "unit:tx-vhtt", True),
    ("truongphong", "responsibility.change", "unit:tx-thuong-dinh", False),
    # coordinator (Phòng Nội vụ): keeps the district's registry
    ("noivu", "unit.view", "unit:tx-thuong-dinh", True),
    ("noivu", "unit.change", "unit:tx-thuong-dinh", True),
    ("noivu", "unit.change", "unit:hn", False),
    ("noivu", "staff.change", "staff:canbo2", True),
    ("noivu", "staff.change", "staff:admin", False),
    ("noivu", "registry.import", None, True),
    ("noivu", "responsibility.change", "unit:tx-khuong-dinh", True),
    # inspector: sees the district, changes nothing
    ("kiemtra", "unit.view", "unit:tx-khuong-dinh", True),
    ("kiemtra", "staff.view", "staff:canbo2", True),
    ("kiemtra", "unit.change", "unit:tx-khuong-dinh", False),
    ("kiemtra", "staff.change", "staff:canbo2", False),
    ("kiemtra", "registry.import", None, False),
    # administrator: everything
    ("admin", "unit.view", "unit:hn", True),
    ("admin", "unit.change", "unit:hn", True),
    ("admin", "staff.change", "staff:noivu", True),
    ("admin", "registry.import", None, True),
]


def _object(key, demo_org, users):
    if key is None:
        return None
    kind, name = key.split(":")
    return demo_org[name] if kind == "unit" else users[name]


@pytest.mark.parametrize(("username", "permission", "key", "expected"), MATRIX)
def test_permission_matrix(username, permission, key, expected, demo_org, users):
    assert policy.can(users[username], permission, _object(key, demo_org, users)) is expected


def test_matrix_covers_every_role_and_every_registry_permission():
    from danvan.org.demo import DEMO_USERS
    from danvan.org.models import Role

    role_of = {u[0]: u[4] for u in DEMO_USERS}
    assert {role_of[row[0]] for row in MATRIX} == set(Role.values)
    from tests.emulation.test_permission_table import ROWS as EMULATION_ROWS

    # staff.quality/rating/training are emulation's (the yearly rating): its own table covers them.
    emulation = {row[0] for row in EMULATION_ROWS}
    org_permissions = {
        p
        for p in policy.permission_names()
        if p.split(".")[0] in {"unit", "staff", "responsibility", "registry"} and p not in emulation
    }
    assert org_permissions <= {row[1] for row in MATRIX}


def test_anonymous_and_inactive_users_may_do_nothing(demo_org, users):
    from django.contrib.auth.models import AnonymousUser

    assert not policy.can(AnonymousUser(), "unit.view", demo_org["tx-ubnd"])
    admin = users["admin"]
    admin.is_active = False
    assert not policy.can(admin, "unit.view", demo_org["tx-ubnd"])


def test_unknown_permission_fails_loudly(users):
    with pytest.raises(KeyError):
        policy.can(users["admin"], "unit.veiw")


def test_visible_units_is_the_subtree(demo_org, users):
    names = set(policy.visible_units(users["canbo"]).values_list("code", flat=True))
    assert names == {"tx-thuong-dinh"}
    district = set(policy.visible_units(users["noivu"]).values_list("code", flat=True))
    assert "tx-khuong-dinh" in district and "hn" not in district and "hn-thanh-xuan" not in district


def test_nothing_without_a_unit_is_in_anyones_scope_but_an_administrators(users):
    from danvan.org.models import Staff

    loose = Staff(username="khong-don-vi", full_name="Chưa xếp đơn vị", unit=None)
    for username in ("canbo", "phuong", "chutich", "noivu", "kiemtra", "truongphong"):
        assert policy.in_scope(users[username], None) is False, username
        assert policy.can(users[username], "history.view", None) is False, username
    assert policy.can(users["noivu"], "staff.change", loose) is False
    assert policy.in_scope(users["admin"], None) is True
