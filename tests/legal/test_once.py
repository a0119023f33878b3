"""A declared day posted twice is declared once."""

from __future__ import annotations

from django.urls import reverse

from danvan.legal.models import DeclaredDay

from ..once_helpers import post_twice


def test_declared_day_posted_twice_is_one_day(users, client_for):
    post_twice(client_for(users["admin"]), reverse("legal:day_add"),
               {"date": "04/02/2026", "kind": "off", "reason": "Nghỉ do bão"}, DeclaredDay)
