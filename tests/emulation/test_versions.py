"""A scheme is versioned: a new version copies the criteria and the council's points, putting it in force
supersedes the old one, a scheme in force is never edited in place, and a closed year takes no new version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.emulation import selectors, services
from danvan.emulation.models import CriterionKind, Scheme, SchemeStatus


@pytest.mark.django_db
def test_versions_supersede_and_only_drafts_change(demo_org, users):
    district, ward = demo_org["tx-ubnd"], demo_org["tx-kim-giang"]
    with pytest.raises(PermissionDenied):
        services.create_scheme(actor=users["phuong"], unit=district, year=2026)  # a ward's chairman
    first = services.create_scheme(actor=users["noivu"], unit=district, year=2026)
    first = services.activate(actor=users["noivu"], scheme=first)
    manual = first.criteria.get(kind=CriterionKind.MANUAL)
    services.set_manual_points(actor=users["noivu"], criterion=manual, unit=ward, points="4",
                               reason="Hội đồng đánh giá tốt công tác tuyên truyền.")
    overdue = first.criteria.get(formula="cases_overdue")
    with pytest.raises(ValidationError, match="phiên bản mới"):
        services.update_criterion(actor=users["noivu"], criterion=overdue, max_points="20", per_item="3",
                                  version=overdue.version)

    second = services.new_revision(actor=users["noivu"], scheme=first)
    assert second.revision == 2 and second.status == SchemeStatus.DRAFT
    copied = second.criteria.get(formula="cases_overdue")
    # Typed the Vietnamese way: "1.000" is one thousand, "2,5" two and a half.
    services.update_criterion(actor=users["noivu"], criterion=copied, max_points="1.000", per_item="2,5",
                              version=copied.version)
    services.activate(actor=users["noivu"], scheme=second)
    assert Scheme.objects.get(pk=first.pk).status == SchemeStatus.SUPERSEDED
    row = selectors.ranking(Scheme.objects.get(pk=second.pk)).row_for(ward)
    assert next(line for line in row.lines if line.criterion.kind == CriterionKind.MANUAL).points == Decimal("4")
    overdue = next(line for line in row.lines if line.criterion.formula == "cases_overdue").criterion
    assert (overdue.max_points, overdue.per_item) == (1000, Decimal("2.5"))

    services.freeze(actor=users["noivu"], scheme=Scheme.objects.get(pk=second.pk))
    with pytest.raises(ValidationError):
        services.new_revision(actor=users["noivu"], scheme=Scheme.objects.get(pk=second.pk))
    with pytest.raises(ValidationError):
        services.set_manual_points(actor=users["noivu"], criterion=second.criteria.get(kind=CriterionKind.MANUAL),
                                   unit=ward, points="5", reason="Sau khi chốt năm.")
    changes = [h.history_change_reason for h in Scheme.history.filter(id=second.pk).order_by("history_date")]
    assert changes[0] == "Lập bộ tiêu chí" and changes[-1] == "Chốt kết quả năm 2026"
