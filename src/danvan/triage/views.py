"""The assistant's one page of its own: its accuracy, for administrators (suggestions live on the case page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.triage import selectors


@login_required
def accuracy(request: HttpRequest) -> HttpResponse:
    return render(request, "triage/accuracy.html", selectors.accuracy(request.user))
