"""The "triaged" step of the state machine has its button on the case page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.petitions.models import Petition, Status

from .helpers import feedback

pytestmark = pytest.mark.django_db


def test_received_case_can_be_marked_triaged_then_decided(demo_org, users, client_for):
    sub = feedback(demo_org)
    client = client_for(users["canbo"])
    html = client.get(sub.petition.get_absolute_url()).content.decode()
    assert 'data-testid="triaged-form"' in html and "Đánh dấu đã phân loại" in html
    response = client.post(reverse("petitions:petition_action", args=[sub.petition.pk]),
                           {"action": "transition", "to": "triaged", "version": sub.petition.version}, follow=True)
    petition = Petition.objects.get(pk=sub.petition.pk)
    assert petition.status == Status.TRIAGED and petition.next_due == petition.triage_due
    html = response.content.decode()
    assert "Đã phân loại" in html and 'data-testid="triaged-form"' not in html
    assert 'data-testid="triage-form"' in html  # the decision (accept, forward, guide, archive) still follows


def test_triaged_button_is_not_offered_to_who_cannot_handle(demo_org, users, client_for):
    sub = feedback(demo_org)
    html = client_for(users["kiemtra"]).get(sub.petition.get_absolute_url()).content.decode()
    assert 'data-testid="triaged-form"' not in html
