"""Pages of a long job: its progress (a refreshing page, or a script polling the status), its result file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from danvan.jobs import selectors
from danvan.jobs.models import State

#: Seconds between two looks at an unfinished job, for the page without script and for the script.
REFRESH_SECONDS = 3


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/list.html", {"jobs": list(selectors.jobs_of(request.user))})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_for(request.user, pk)
    if job.state == State.DONE and job.open_result and job.result_url:
        return redirect(job.result_url)  # e.g. the import preview, where the officer goes on
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "status": selectors.status(job),
            "refresh": REFRESH_SECONDS,
        },
    )


@login_required
@require_GET
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = selectors.job_for(request.user, pk)
    return JsonResponse(selectors.status(job))


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.job_for(request.user, pk)
    if not job.result:
        raise Http404
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name or None)
