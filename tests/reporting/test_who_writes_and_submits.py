"""Who may read a request, write the consolidated report and submit a unit's report, beyond the table's
ward: a department's head, the committee's own officer, a ward asked by the district."""

from __future__ import annotations

import pytest

from danvan.org import policy
from danvan.org.models import Role, Staff
from danvan.reporting import services

pytestmark = pytest.mark.django_db


def test_a_departments_own_head_submits_its_report_its_officer_does_not(request_2026, demo_org, users):
    culture = demo_org["tx-vhtt"]
    report = services.open_submission(actor=None, request=request_2026, unit=culture)
    officer = Staff.objects.create(username="cb-vhtt", full_name="Cán bộ văn hóa", unit=culture, role=Role.OFFICER)
    assert policy.can(users["truongphong"], "report.submit", report) is True
    assert policy.can(officer, "report.submit", report) is False
    assert policy.can(officer, "report.edit", report) is True


def test_the_consolidated_report_is_written_by_the_coordinator_and_leader_not_by_the_committees_officer(
        request_2026, demo_org, users):
    consolidated = services.open_consolidated(actor=users["noivu"], request=request_2026)
    clerk = Staff.objects.create(username="cb-ubnd", full_name="Chuyên viên UBND", unit=demo_org["tx-ubnd"],
                                 role=Role.OFFICER)
    assert policy.can(users["noivu"], "report.edit", consolidated) is True
    assert policy.can(users["chutich"], "report.edit", consolidated) is True
    assert policy.can(clerk, "report.edit", consolidated) is False
    assert policy.can(users["kiemtra"], "report.edit", consolidated) is False


def test_a_ward_asked_by_the_district_reads_the_request_a_unit_not_asked_does_not(request_2026, demo_org, users):
    city = Staff.objects.create(username="cb-so", full_name="Chuyên viên Sở", unit=demo_org["hn-so-noi-vu"],
                                role=Role.OFFICER)
    assert policy.can(users["canbo"], "report.request.view", request_2026) is True
    assert policy.can(city, "report.request.view", request_2026) is False
