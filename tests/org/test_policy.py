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


def test_the_staff_list_shows_the_people_of_ones_scope_and_oneself_nobody_else(users, client_for):
    """An officer finds the people of their ward (and themselves) on the staff list, not another ward's;
    an account without a unit finds itself only; the district's coordinator finds both wards."""
    from danvan.org.models import Role, Staff

    ward = client_for(users["canbo"]).get("/can-bo/").content.decode()
    assert "Đỗ Minh Tuấn" in ward and "Vũ Thị Mai" in ward
    assert "Hoàng Đức Anh" not in ward and "Nguyễn Thị Thu Hà" not in ward
    district = client_for(users["noivu"]).get("/can-bo/").content.decode()
    assert "Hoàng Đức Anh" in district and "Vũ Thị Mai" in district
    everyone = set(Staff.objects.values_list("username", flat=True))
    assert set(policy.visible_staff(users["admin"]).values_list("username", flat=True)) == everyone
    loose = Staff.objects.create(username="khong-don-vi", full_name="Người chưa xếp đơn vị", role=Role.OFFICER)
    alone = client_for(loose).get("/can-bo/").content.decode()
    assert "Người chưa xếp đơn vị" in alone and "Đỗ Minh Tuấn" not in alone and "Vũ Thị Mai" not in alone


def test_the_refusal_says_why_in_words_and_never_names_the_refused_records_unit(users, demo_org):
    from django.contrib.auth.models import AnonymousUser

    from danvan.org.models import Role, Staff

    assert policy.denial_reason(AnonymousUser(), "unit.view", demo_org["tx-ubnd"]) == "Hãy đăng nhập để tiếp tục."
    loose = Staff.objects.create(username="khong-don-vi", full_name="Chưa xếp đơn vị", role=Role.LEADER)
    assert "chưa gắn với đơn vị nào" in policy.denial_reason(loose, "unit.view", demo_org["tx-thuong-dinh"])
    role = policy.denial_reason(users["canbo"], "unit.change", demo_org["tx-thuong-dinh"])
    assert role == "Bạn không được thêm, sửa đơn vị: việc này cần vai trò khác, vai trò của bạn là “Cán bộ, công chức”."
    scope = policy.denial_reason(users["canbo"], "unit.view", demo_org["tx-khuong-dinh"])
    assert scope.startswith("Bạn không được xem đơn vị: bản ghi thuộc một đơn vị ngoài phạm vi của bạn, là ")
    assert demo_org["tx-thuong-dinh"].name in scope and demo_org["tx-khuong-dinh"].name not in scope
    # an administrator without a unit is refused for the role, never told to ask for a unit
    admin_role = Staff.objects.create(username="qt-khong-don-vi", full_name="Quản trị", role=Role.ADMINISTRATOR)
    assert "chưa gắn với đơn vị" not in policy.denial_reason(admin_role, "petition.identity", None)


def test_only_an_administrator_edits_an_administrators_account(users, demo_org):
    """A coordinator keeps the district's accounts and a unit head their unit's, but an account that is an
    administrator (by role or as a superuser) is out of their reach even inside their scope."""
    from danvan.org.models import Role, Staff

    office, culture = demo_org["tx-noi-vu"], demo_org["tx-vhtt"]
    by_role = Staff.objects.create(username="qt-noi-vu", full_name="Quản trị Nội vụ", unit=office,
                                   role=Role.ADMINISTRATOR)
    superuser = Staff.objects.create(username="su-vhtt", full_name="Siêu quản trị", unit=culture,
                                     role=Role.OFFICER, is_superuser=True)
    officer = Staff.objects.create(username="cb-vhtt", full_name="Cán bộ văn hóa", unit=culture, role=Role.OFFICER)
    for account in (by_role, superuser):
        assert policy.can(users["noivu"], "staff.change", account) is False, account.username
        assert policy.can(users["admin"], "staff.change", account) is True, account.username
    assert policy.can(users["truongphong"], "staff.change", superuser) is False
    assert policy.can(users["truongphong"], "staff.change", officer) is True
    assert policy.can(users["noivu"], "staff.change", officer) is True
    # adding an account (no account yet): the coordinator and a unit head may, an officer may not
    assert policy.can(users["noivu"], "staff.change", None) is True
    assert policy.can(users["truongphong"], "staff.change", None) is True
    assert policy.can(users["canbo"], "staff.change", None) is False


def test_the_history_of_a_person_is_read_by_whoever_may_see_the_person(users):
    """``history.view`` of a staff record follows ``staff.view``: one's own, one's ward's, not another ward's."""
    assert policy.can(users["canbo"], "history.view", users["canbo"]) is True
    assert policy.can(users["canbo"], "history.view", users["phuong"]) is True
    assert policy.can(users["canbo"], "history.view", users["canbo2"]) is False
    assert policy.can(users["noivu"], "history.view", users["canbo2"]) is True
