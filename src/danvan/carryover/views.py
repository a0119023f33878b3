"""Pages of the carry-over: dissolved units and past runs, the proposal a coordinator edits and
applies, and the report of a run (page, .docx, .xlsx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.carryover import exports, selectors, services
from danvan.documents.filenames import download_name
from danvan.documents.render import DOCX, XLSX
from danvan.org import policy
from danvan.org.models import CarryOverRun, Unit
from danvan.org.once import once_per_form


@login_required
def index(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "carryover.run")
    return render(request, "carryover/index.html", {
        "units": selectors.carry_over_candidates(request.user).select_related("parent"),
        "runs": selectors.run_list(request.user)[:50],
    })


def _overrides(request: HttpRequest) -> dict[str, str]:
    return {key[5:]: value for key, value in request.POST.items() if key.startswith("line-")}


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    policy.require(request.user, "carryover.run", unit)
    overrides = _overrides(request) if request.method == "POST" else {}
    error = None
    if request.method == "POST":
        seen = set(request.POST.getlist("seen"))
        try:
            run, proposal = services.carry_over(actor=request.user, predecessor=unit, overrides=overrides)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            gone = len(seen - {line.key for line in proposal.lines})
            if gone:
                messages.warning(request, _("%(n)s hồ sơ đã được đóng hoặc chuyển đi sau khi trang được mở: "
                                            "chúng được giữ nguyên.") % {"n": gone})
            if run is None:
                messages.info(request, _("Không còn hồ sơ đang mở nào để chuyển."))
                return redirect("carryover:propose", pk=unit.pk)
            messages.success(request, _("Đã chuyển %(n)s hồ sơ. Báo cáo chuyển giao ở dưới.") % {
                "n": run.moves.count()})
            return redirect(run)
    try:
        proposal = selectors.propose(predecessor=unit, overrides=overrides if error is None else {})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("carryover:index")
    return render(request, "carryover/propose.html", {
        "unit": unit, "proposal": proposal, "error": error, "kinds": selectors.kind_labels(),
    }, status=400 if error else 200)


def _run(request: HttpRequest, pk: int) -> CarryOverRun:
    run = selectors.run_or_404(pk)
    policy.require(request.user, "carryover.run", run.predecessor)
    return run


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    moves = selectors.run_moves(run)
    dissolved = [u.pk for u in selectors.dissolved_units(run.predecessor)]
    labels = selectors.kind_labels()
    left = [(labels[kind], n) for kind, n in selectors.open_work_left(dissolved, run.effective_on).items() if n]
    return render(request, "carryover/run_detail.html", {"run": run, "moves": moves, "left": left})


@login_required
def run_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = _run(request, pk)
    moves = selectors.run_moves(run)
    if fmt == "docx":
        data, content_type = exports.run_docx(run, moves), DOCX
    else:
        data, content_type = exports.run_xlsx(run, moves), XLSX
    response = HttpResponse(data, content_type=content_type)
    name = download_name("Chuyển giao", run.predecessor.name, run.effective_on, str(run.pk), ext=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
