"""Who writes on a committee's portal (rows collected by the central permission-table test)."""

from __future__ import annotations

from danvan.org import policy
from danvan.org.models import Role, Staff
from danvan.portal.permissions import DISCLOSURE_POST, NEWS_EDIT
from tests.permission_table import rows

ROWS = rows({
    # The object is the committee whose portal it is; the ward's own staff post for the ward.
    DISCLOSURE_POST: {Role.OFFICER: "YNNY", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY",
                      Role.COORDINATOR: "NNNY", Role.INSPECTOR: "NNNY", Role.ADMINISTRATOR: "YYYY"},
    # News come from the Culture and Information office only: no one in the ward's scene is of it.
    NEWS_EDIT: {Role.OFFICER: "NNNY", Role.UNIT_HEAD: "NNNY", Role.LEADER: "NNNY",
                Role.COORDINATOR: "NNNY", Role.INSPECTOR: "NNNY", Role.ADMINISTRATOR: "YYYY"},
})


def subject(name, unit):
    return unit.committee() or unit


def test_the_information_office_writes_news_for_its_own_committee_only(demo_org):
    vhtt = Staff.objects.create(username="vhtt-1", full_name="Cán bộ VHTT", role=Role.OFFICER,
                                unit=demo_org["tx-vhtt"])
    assert policy.can(vhtt, NEWS_EDIT, demo_org["tx-ubnd"]) is True
    assert policy.can(vhtt, NEWS_EDIT, demo_org["tx-thuong-dinh"]) is False
    assert policy.can(vhtt, DISCLOSURE_POST, demo_org["tx-ubnd"]) is True
    other = Staff.objects.create(username="tp-1", full_name="Cán bộ Tư pháp", role=Role.OFFICER,
                                 unit=demo_org["tx-tu-phap"])
    assert policy.can(other, NEWS_EDIT, demo_org["tx-ubnd"]) is False
