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


def test_news_come_from_the_culture_office_by_its_name_and_kind(demo_org):
    """Which office is the committee's culture and information office is read from its kind and name: the
    district's "Phòng Văn hóa và Thông tin" and, since 2025, a ward's "Phòng Văn hóa - Xã hội" write news;
    a social-affairs office or a cultural centre (a public service unit) with the same words do not."""
    from danvan.org.models import Level, UnitKind
    from danvan.org.services import create_unit

    ward, district = demo_org["tx-thuong-dinh"], demo_org["tx-ubnd"]

    def officer_of(code, name, level, kind, parent):
        unit = create_unit(actor=None, code=code, name=name, level=level, kind=kind, parent=parent)
        return Staff.objects.create(username=f"cb-{code}", full_name="Nguyễn Văn Hùng", role=Role.OFFICER, unit=unit)

    ward_culture = officer_of("td-vhxh", "Phòng Văn hóa - Xã hội phường Thượng Đình", Level.COMMUNE,
                              UnitKind.DEPARTMENT, ward)
    assert policy.can(ward_culture, NEWS_EDIT, ward) is True
    assert policy.can(ward_culture, NEWS_EDIT, district) is False
    labour = Staff.objects.create(username="cb-ldtbxh", full_name="Trần Thị Mai", role=Role.OFFICER,
                                  unit=demo_org["tx-ldtbxh"])  # Phòng Lao động - Thương binh và Xã hội
    assert policy.can(labour, NEWS_EDIT, district) is False
    centre = officer_of("tx-ttvhtt", "Trung tâm Văn hóa - Thông tin và Thể thao quận Thanh Xuân", Level.DISTRICT,
                        UnitKind.PUBLIC_SERVICE_UNIT, district)
    assert policy.can(centre, NEWS_EDIT, district) is False


def test_an_inspector_does_not_post_on_the_portal_of_the_district_it_inspects(demo_org, client_for):
    """Inspectors check what the committee discloses; they do not disclose in its name."""
    inspector = Staff.objects.get(username="kiemtra")
    assert policy.can(inspector, DISCLOSURE_POST, demo_org["tx-ubnd"]) is False
    assert client_for(inspector).get("/cong-thong-tin/quan-ly/").status_code == 403
    coordinator = Staff.objects.get(username="noivu")
    assert client_for(coordinator).get("/cong-thong-tin/quan-ly/").status_code == 200
