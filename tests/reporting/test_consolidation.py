"""Consolidation: sums in SQL, missing units, previous period, upward reports — in a handful of queries."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from danvan.org.models import Level, Unit, UnitKind
from danvan.reporting import services
from danvan.reporting.models import (
    ReportRequest,
    ReportTemplate,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    TemplateIndicator,
)
from danvan.reporting.selectors import consolidate

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
WHEN = datetime(2026, 11, 20, 9, tzinfo=HANOI)


def _report(request, unit, head, values, narratives=None, reasons=None, submit=True):
    submission = services.open_submission(actor=None, request=request, unit=unit)
    services.save_draft(actor=None, submission=submission, values=values, narratives=narratives or {},
                        reasons=reasons or {code: "Số liệu đã rà soát" for code in values})
    if submit:
        services.submit(actor=head, submission=submission, now=WHEN)
    return submission


def test_three_wards_consolidate_with_sums_missing_and_weighted_average(request_2026, demo_org, users):
    wards = [demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"], demo_org["tx-ha-dinh"]]
    _report(request_2026, wards[0], users["phuong"],
            {"petitions.received": "40", "petitions.resolved": "30", "petitions.on_time_rate": "90",
             "commendation.individuals": "2", "proposals": "Bổ sung biên chế", "responsible.assigned": "có"},
            narratives={"II.5": "Tiếp 52 lượt công dân."})
    _report(request_2026, wards[1], None,
            {"petitions.received": "60", "petitions.resolved": "10", "petitions.on_time_rate": "50",
             "commendation.individuals": "1", "responsible.assigned": "không"})
    third = _report(request_2026, wards[2], None, {"petitions.received": "1000"})
    services.return_submission(actor=users["noivu"], submission=third, comment="Số đơn chưa khớp sổ.")
    result = consolidate(request_2026)
    rows = {r.indicator.code: r for r in result.rows}
    assert rows["petitions.received"].value == 100  # the returned report does not count
    assert rows["commendation.individuals"].display == "3"
    # weighted by resolved petitions: (90*30 + 50*10) / 40 = 80
    assert rows["petitions.on_time_rate"].value == Decimal(80)
    assert rows["responsible.assigned"].display == "1/2 đơn vị"
    assert rows["proposals"].value == "UBND phường Thượng Đình: Bổ sung biên chế"
    assert result.reported_count == 2 and result.unit_count == request_2026.units.count()
    missing = {u.unit.code for u in result.missing}
    assert "tx-ha-dinh" not in missing and "tx-thuong-dinh" not in missing  # returned is not "missing"
    assert len([c for c in missing if demo_org[c].level == Level.COMMUNE]) == 8
    assert [u.unit.code for u in result.returned] == ["tx-ha-dinh"]
    assert result.per_unit[wards[0].pk][rows["petitions.received"].indicator.pk][1] == "40"


def test_comparison_with_the_previous_year(request_2026, template, demo_org, users):
    previous = services.create_request(actor=None, template=template, requesting_unit=demo_org["tx-ubnd"],
                                       period_kind="yearly", year=2025, deadline=date(2025, 11, 28))
    _report(previous, demo_org["tx-kim-giang"], None, {"commendation.individuals": "5"})
    _report(request_2026, demo_org["tx-kim-giang"], None, {"commendation.individuals": "7"})
    result = consolidate(request_2026)
    row = next(r for r in result.rows if r.indicator.code == "commendation.individuals")
    assert result.previous_request == previous
    assert (row.previous, row.delta_display) == (5, "+2")


def test_consolidated_report_goes_up_to_the_city(request_2026, template, demo_org, users):
    """Hierarchy at any depth: the district's report to the city opens with the district's consolidation."""
    _report(request_2026, demo_org["tx-thuong-dinh"], users["phuong"], {"commendation.individuals": "2"},
            narratives={"II.7": "Công nhận mô hình “Dân vận khéo” về vệ sinh môi trường."})
    _report(request_2026, demo_org["tx-khuong-dinh"], None, {"commendation.individuals": "3"})
    city = services.create_request(actor=None, template=template, requesting_unit=demo_org["hn"],
                                   period_kind="yearly", year=2026, deadline=date(2026, 12, 5),
                                   units=[demo_org["tx-ubnd"]])
    district = services.open_submission(actor=None, request=city, unit=demo_org["tx-ubnd"])
    value = district.values.get(indicator__code="commendation.individuals")
    assert value.number == 5 and value.source_code == f"request:{request_2026.pk}"
    assert "2/" in value.source_description
    narrative = district.narratives.get(section__code="II.7").text
    assert narrative.startswith("- UBND phường Thượng Đình: Công nhận mô hình")
    services.submit(actor=users["chutich"], submission=district, now=WHEN)
    assert consolidate(city).rows[0].indicator.code and consolidate(city).reported_count == 1


def test_200_units_by_60_indicators_is_a_handful_of_queries(db, django_assert_max_num_queries):
    root = Unit.objects.create(code="root", name="UBND tỉnh Thử", level=Level.PROVINCE, kind=UnitKind.COMMITTEE,
                               path="/9000/")
    units = Unit.objects.bulk_create(
        Unit(code=f"u{i}", name=f"UBND xã {i}", level=Level.COMMUNE, kind=UnitKind.COMMITTEE, parent=root,
             path=f"/9000/{i:04d}/") for i in range(200))
    template = ReportTemplate.objects.create(code="big", name="Mẫu lớn", subject="Thử {period}")
    kinds = [("integer", "sum", ""), ("decimal", "avg", ""), ("integer", "min", ""), ("integer", "max", ""),
             ("boolean", "count_yes", ""), ("percentage", "weighted_avg", "i0"), ("text", "concat", "")]
    indicators = TemplateIndicator.objects.bulk_create(
        TemplateIndicator(template=template, code=f"i{n}", label=f"Chỉ tiêu {n}", value_type=kinds[n % 7][0],
                          aggregate=kinds[n % 7][1], weight_code=kinds[n % 7][2], order=n) for n in range(60))
    request = ReportRequest.objects.create(
        template=template, title="Thử", requesting_unit=root, period_kind="yearly", year=2026,
        period_start=date(2025, 12, 15), period_end=date(2026, 12, 14), deadline=date(2026, 11, 30),
        due_date=date(2026, 11, 30))
    request.units.set(units)
    submissions = Submission.objects.bulk_create(
        Submission(request=request, unit=u, status=SubmissionStatus.ACCEPTED if i % 4 else SubmissionStatus.DRAFT)
        for i, u in enumerate(units))
    rng = random.Random(7)
    values = []
    for submission in submissions:
        for indicator in indicators:
            value = SubmissionValue(submission=submission, indicator=indicator)
            if indicator.value_type == "boolean":
                value.flag = rng.random() < 0.5
            elif indicator.value_type == "text":
                value.text = "ý kiến"
            else:
                value.number = Decimal(rng.randint(1, 100))
            values.append(value)
    SubmissionValue.objects.bulk_create(values, batch_size=2000)
    request = ReportRequest.objects.select_related("template", "requesting_unit").get(pk=request.pk)
    with django_assert_max_num_queries(8):
        result = consolidate(request)
    assert result.reported_count == 150 and len(result.missing) == 50
    sum_row = result.rows[0]
    expected = sum(v.number for v in values if v.indicator_id == sum_row.indicator.pk
                   and v.submission.status == SubmissionStatus.ACCEPTED)
    assert sum_row.value == expected and sum_row.reported == 150
    assert len(result.per_unit) == 150 and len(result.per_unit[units[1].pk]) == 60
