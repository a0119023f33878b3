"""Who sees a published ranking and a nominated model, asked of the policy directly."""

from __future__ import annotations

from danvan.emulation.permissions import MODEL_VIEW, RANKING_VIEW
from danvan.org import policy
from danvan.org.models import Role, Staff
from danvan.org.services import update_unit
from tests.permission_table import stand_in


def test_a_published_ranking_is_read_inside_its_committee_only(demo_org, users):
    """Published, a district's ranking is read by every unit under the district (a ward's officer, a department's
    head); never by the city's departments or another district, which it does not rank."""
    ranking = stand_in(unit=demo_org["tx-ubnd"], published=True)
    assert policy.can(users["canbo"], RANKING_VIEW, ranking) is True
    assert policy.can(users["truongphong"], RANKING_VIEW, ranking) is True
    city = Staff.objects.create(username="cb-so-noi-vu", full_name="Đỗ Văn Tâm", role=Role.OFFICER,
                                unit=demo_org["hn-so-noi-vu"])
    assert policy.can(city, RANKING_VIEW, ranking) is False
    draft = stand_in(unit=demo_org["tx-ubnd"], published=False)
    assert policy.can(users["canbo"], RANKING_VIEW, draft) is False
    assert policy.can(users["noivu"], RANKING_VIEW, draft) is True


def test_the_council_still_sees_a_model_it_reviews_after_the_ward_moved_elsewhere(demo_org, users):
    """Wards are merged and moved between districts (2025): a model nominated to Thanh Xuân stays before Thanh
    Xuân's council even once its ward belongs to another district, and nobody else of Thanh Xuân sees it."""
    ward = demo_org["tx-khuong-dinh"]
    update_unit(actor=None, unit=ward, parent=demo_org["hn"])
    ward.refresh_from_db()
    coordinator = Staff.objects.get(pk=users["noivu"].pk)  # scope freshly computed after the move
    nominated = stand_in(unit=ward, reviewing_unit=demo_org["tx-ubnd"])
    assert policy.can(coordinator, MODEL_VIEW, nominated) is True
    registered = stand_in(unit=ward, reviewing_unit=None)
    assert policy.can(coordinator, MODEL_VIEW, registered) is False


def test_a_persons_rating_is_read_by_the_head_of_its_unit_not_by_another_wards_head(demo_org, users):
    """Asked about one rating (not the unit), the rule reads the rating's unit: the ward's chairman and the
    district's Internal Affairs office see it, the chairman of another ward does not (Decree 90/2020)."""
    from danvan.emulation.permissions import STAFF_RATING_CHANGE, STAFF_RATING_VIEW

    rating = stand_in(unit=demo_org["tx-thuong-dinh"], staff=users["canbo"], level="excellent")
    assert policy.can(users["phuong"], STAFF_RATING_VIEW, rating) is True
    assert policy.can(users["noivu"], STAFF_RATING_CHANGE, rating) is True
    other = Staff.objects.get(username="ct-tx-ha-dinh")
    assert policy.can(other, STAFF_RATING_VIEW, rating) is False
