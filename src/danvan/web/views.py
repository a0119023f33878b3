"""The home page: what the officer has to do, in their unit's scope."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.org import clock, policy
from danvan.org.models import UnitKind
from danvan.web.selectors import workload


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = policy.visible_units(request.user)
    counts = units.aggregate(
        total=Count("pk"),
        wards=Count("pk", filter=Q(kind=UnitKind.COMMITTEE, level="commune")),
        departments=Count("pk", filter=Q(kind__in=[UnitKind.DEPARTMENT, UnitKind.OFFICE])),
    )
    return render(request, "web/home.html", {
        "counts": counts, "scope": policy.scope_root(request.user), "work": workload(request.user),
        "today": clock.today()})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: what the service supports and how to report a barrier (public)."""
    return render(request, "web/accessibility.html", {
        "contact": settings.DANVAN_ACCESSIBILITY_CONTACT, "checked_on": settings.DANVAN_ACCESSIBILITY_CHECKED})
