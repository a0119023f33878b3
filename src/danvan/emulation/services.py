"""Every write of the emulation app: one use case each, one transaction, the policy asked, history kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import scoring
from danvan.core.deadlines import report_period
from danvan.core.vntext import clean_text, parse_number
from danvan.documents.services import reserve_number
from danvan.documents.uploads import EVIDENCE_TYPES, check_upload
from danvan.emulation import permissions as perms
from danvan.emulation import selectors
from danvan.emulation.models import (
    Award,
    CouncilMember,
    Criterion,
    CriterionKind,
    Evidence,
    ExemplaryModel,
    FrozenPoints,
    FrozenScore,
    ManualPoints,
    Measure,
    ModelStatus,
    ModelVote,
    Proposal,
    ProposalKind,
    ProposalStatus,
    ProposalVote,
    RatingLevel,
    RecognitionLevel,
    Scheme,
    SchemeStatus,
    StaffRating,
    Training,
    Vote,
)
from danvan.org import clock, policy
from danvan.org.audit import check_version, record_change
from danvan.org.models import Level, Staff, Unit

#: The built-in criteria of a new scheme: (name, kind, formula, deduction, max points, points per item).
DEFAULT_CRITERIA = [
    ("Báo cáo kết quả công tác dân vận đúng hạn, đầy đủ", "formula", "reports_on_time", False, "10", "1"),
    ("Giải quyết đơn thư đúng hạn", "formula", "cases_on_time", False, "15", "1"),
    ("Người đứng đầu tiếp công dân định kỳ đủ số ngày theo luật", "formula", "reception_days", False, "10", "1"),
    ("Tổ chức hội nghị đối thoại với Nhân dân trong năm", "formula", "dialogue_held", False, "10", "1"),
    ("Mức hài lòng của công dân với câu trả lời", "formula", "citizen_ratings", False, "10", "1"),
    ("Tiến độ thực hiện nhiệm vụ của kế hoạch công tác dân vận", "formula", "plan_progress", False, "15", "1"),
    ("Mô hình “Dân vận khéo” được công nhận", "formula", "models_recognised", False, "10", "5"),
    ("Thực hiện xong đúng hạn các kiến nghị sau kiểm tra", "formula", "recommendations_done", False, "5", "1"),
    ("Tỷ lệ cán bộ, công chức xếp loại “Hoàn thành tốt nhiệm vụ” trở lên", "formula", "staff_rated_good", False,
     "5", "1"),
    ("Cán bộ, công chức được bồi dưỡng về công tác dân vận", "formula", "staff_trained", False, "5", "1"),
    ("Hội đồng đánh giá chất lượng, hiệu quả công tác dân vận", "manual", "", False, "5", "1"),
    ("Đơn thư quá hạn chưa giải quyết (trừ điểm)", "formula", "cases_overdue", True, "10", "2"),
]


def _require(actor: Any, name: str, obj: Any = None) -> None:
    if actor is not None:
        policy.require(actor, name, obj)


def _decimal(value: Any, field: str) -> Decimal:
    """A number typed the Vietnamese way ("1.000" is one thousand, "4,5" four and a half)."""
    try:
        return parse_number(value)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Hãy nhập một số, ví dụ 4 hoặc 4,5 (dấu phẩy trước phần thập phân, "
                                        "dấu chấm ngăn cách hàng nghìn).")}) from exc


# --- schemes -----------------------------------------------------------------------------------


@transaction.atomic
def create_scheme(*, actor: Staff | None, unit: Unit, year: int, name: str = "", level: str = Level.COMMUNE,
                  period_start: date | None = None, period_end: date | None = None) -> Scheme:
    """A draft scheme for ``unit``'s council and ``year`` with the built-in criteria (a new revision
    when the year already has one)."""
    _require(actor, perms.SCHEME_MANAGE, unit)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    period = report_period("yearly", int(year))
    revision = (Scheme.objects.filter(unit=unit, year=year).order_by("-revision").values_list(
        "revision", flat=True).first() or 0) + 1
    default_name = _("Bộ tiêu chí chấm điểm thi đua công tác dân vận năm %(y)s") % {"y": year}
    scheme = Scheme(unit=unit, year=year, revision=revision, level=level, created_by=actor,
                    name=clean_text(name) or default_name,
                    period_start=period_start or period.start, period_end=period_end or period.end)
    if scheme.period_end < scheme.period_start:
        raise ValidationError({"period_end": _("Ngày kết thúc kỳ số liệu phải sau ngày bắt đầu.")})
    record_change(scheme, actor, _("Lập bộ tiêu chí"))
    scheme.save()
    for order, (cname, kind, formula, deduction, max_points, per_item) in enumerate(DEFAULT_CRITERIA, 1):
        c = Criterion(scheme=scheme, order=order, name=cname, kind=kind, formula=formula, deduction=deduction,
                      max_points=Decimal(max_points), per_item=Decimal(per_item))
        record_change(c, actor, _("Tiêu chí mặc định"))
        c.save()
    return scheme


@transaction.atomic
def update_criterion(*, actor: Staff | None, criterion: Criterion, max_points: Any, per_item: Any,
                     version: int | str | None) -> Criterion:
    """Change a criterion's points; only while the scheme is a draft (a scheme in force is versioned instead)."""
    scheme = Scheme.objects.select_for_update().get(pk=criterion.scheme_id)
    _require(actor, perms.SCHEME_MANAGE, scheme)
    if scheme.status != SchemeStatus.DRAFT:
        raise ValidationError(_("Bộ tiêu chí đang áp dụng hoặc đã chốt không sửa được: hãy lập phiên bản mới."))
    check_version(criterion, version, _("tiêu chí"))
    maximum, each = _decimal(max_points, "max_points"), _decimal(per_item, "per_item")
    if not Decimal(0) <= maximum <= Decimal(1000):
        raise ValidationError({"max_points": _("Điểm tối đa phải từ 0 đến 1.000.")})
    if each <= 0:
        raise ValidationError({"per_item": _("Điểm mỗi trường hợp phải lớn hơn 0.")})
    criterion.max_points, criterion.per_item = maximum, each
    criterion.version += 1
    record_change(criterion, actor, _("Sửa điểm tiêu chí"))
    criterion.save()
    return criterion


@transaction.atomic
def activate(*, actor: Staff | None, scheme: Scheme) -> Scheme:
    """Put a draft in force; the version in force until now is kept as superseded."""
    _require(actor, perms.SCHEME_MANAGE, scheme)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.status != SchemeStatus.DRAFT:
        raise ValidationError(_("Chỉ bộ tiêu chí đang soạn mới đưa vào áp dụng được."))
    current = Scheme.objects.filter(unit=scheme.unit, year=scheme.year).exclude(pk=scheme.pk).filter(
        status__in=[SchemeStatus.ACTIVE, SchemeStatus.FROZEN])
    for old in current:
        if old.status == SchemeStatus.FROZEN:
            raise ValidationError(_("Năm %(y)s đã chốt: không áp dụng phiên bản khác.") % {"y": scheme.year})
        old.status = SchemeStatus.SUPERSEDED
        old.published = False
        old.version += 1
        record_change(old, actor, _("Thay bằng phiên bản %(n)s") % {"n": scheme.revision})
        old.save()
    scheme.status = SchemeStatus.ACTIVE
    scheme.version += 1
    record_change(scheme, actor, _("Đưa vào áp dụng"))
    scheme.save()
    return scheme


@transaction.atomic
def new_revision(*, actor: Staff | None, scheme: Scheme) -> Scheme:
    """A draft copy of ``scheme`` (criteria and the council's points) to amend and put in force."""
    _require(actor, perms.SCHEME_MANAGE, scheme)
    if scheme.status == SchemeStatus.FROZEN:
        raise ValidationError(_("Năm đã chốt: không lập phiên bản mới."))
    draft = create_scheme(actor=actor, unit=scheme.unit, year=scheme.year, name=scheme.name, level=scheme.level,
                          period_start=scheme.period_start, period_end=scheme.period_end)
    draft.criteria.all().delete()
    copies = {}
    for c in scheme.criteria.order_by("order", "pk"):
        old_pk = c.pk
        c.pk, c.scheme, c.version = None, draft, 1
        record_change(c, actor, _("Chép từ phiên bản %(n)s") % {"n": scheme.revision})
        c.save()
        copies[old_pk] = c
    for m in ManualPoints.objects.filter(criterion__scheme=scheme):
        m.pk, m.criterion, m.version = None, copies[m.criterion_id], 1
        record_change(m, actor, _("Chép từ phiên bản %(n)s") % {"n": scheme.revision})
        m.save()
    return draft


@transaction.atomic
def set_published(*, actor: Staff | None, scheme: Scheme, published: bool) -> Scheme:
    _require(actor, perms.SCHEME_MANAGE, scheme)
    if scheme.status == SchemeStatus.DRAFT and published:
        raise ValidationError(_("Bộ tiêu chí đang soạn: hãy đưa vào áp dụng trước khi công bố."))
    scheme.published = bool(published)
    scheme.version += 1
    record_change(scheme, actor, _("Công bố bảng xếp hạng") if published else _("Thôi công bố bảng xếp hạng"))
    scheme.save()
    return scheme


@transaction.atomic
def set_manual_points(*, actor: Staff | None, criterion: Criterion, unit: Unit, points: Any, reason: str,
                      version: int | str | None = None) -> ManualPoints:
    """The council's points for ``unit`` on a manual criterion, with the reason (kept in the history)."""
    scheme = Scheme.objects.select_for_update().get(pk=criterion.scheme_id)  # its state now, not as the caller read it
    target = selectors.SheetRef(scheme, unit)
    _require(actor, perms.POINTS_EDIT, target)
    if criterion.kind != CriterionKind.MANUAL:
        raise ValidationError(_("Tiêu chí này tính từ dữ liệu, hội đồng không chấm tay."))
    if scheme.status in (SchemeStatus.FROZEN, SchemeStatus.SUPERSEDED):
        raise ValidationError(_("Năm đã chốt hoặc bộ tiêu chí đã thay: không chấm được nữa."))
    if not selectors.scored_units(scheme).filter(pk=unit.pk).exists():
        raise ValidationError(_("Đơn vị này không thuộc diện chấm điểm của bộ tiêu chí."))
    value = _decimal(points, "points")
    try:
        signed = scoring.manual(value, max_points=criterion.max_points, deduction=criterion.deduction)
    except ValueError as exc:
        raise ValidationError({"points": _("Điểm phải từ 0 đến %(max)s.") % {"max": criterion.max_points}}) from exc
    reason = clean_text(reason)
    if len(reason) < 5:
        raise ValidationError({"reason": _("Hãy ghi lý do chấm điểm (căn cứ, nhận xét của hội đồng).")})
    entry = ManualPoints.objects.select_for_update().filter(criterion=criterion, unit=unit).first()
    if entry is None:
        entry = ManualPoints(criterion=criterion, unit=unit)
    else:
        check_version(entry, version, _("điểm"))
        entry.version += 1
    entry.points, entry.reason, entry.entered_by = signed, reason, actor
    record_change(entry, actor, reason)
    entry.save()
    return entry


@transaction.atomic
def freeze(*, actor: Staff | None, scheme: Scheme) -> Scheme:
    """Close the year: store every unit's points, the figures and the records counted; never recompute."""
    _require(actor, perms.SCHEME_MANAGE, scheme)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.status != SchemeStatus.ACTIVE:
        raise ValidationError(_("Chỉ chốt được bộ tiêu chí đang áp dụng (năm này đã chốt hoặc chưa áp dụng)."))
    result = selectors.ranking(scheme)
    found = selectors.records(scheme, [r.unit for r in result.rows], result.cutoff)
    points = []
    for row in result.rows:
        score = FrozenScore.objects.create(scheme=scheme, unit=row.unit, total=row.total, deductions=row.deductions,
                                           rank=row.rank, decided_by=row.decided_by)
        for line in row.lines:
            refs = found.get(line.criterion.pk, {}).get(row.unit.pk, [])
            points.append(FrozenPoints(score=score, criterion=line.criterion, points=line.points, value=line.value,
                                       due=line.due, not_applicable=line.not_applicable, reason=line.reason,
                                       records=[r.as_dict() for r in refs]))
    FrozenPoints.objects.bulk_create(points)
    scheme.status = SchemeStatus.FROZEN
    scheme.frozen_at, scheme.frozen_by = clock.now(), actor
    scheme.version += 1
    record_change(scheme, actor, _("Chốt kết quả năm %(y)s") % {"y": scheme.year})
    scheme.save()
    return scheme


# --- "Dân vận khéo" models ---------------------------------------------------------------------


def _text(value: str, field: str, label: str, required: bool = True) -> str:
    value = clean_text(value or "")
    if required and not value:
        raise ValidationError({field: _("Hãy ghi %(label)s.") % {"label": label}})
    return value


@transaction.atomic
def register_model(*, actor: Staff | None, unit: Unit, name: str, field: str, year: int, problem: str,
                   approach: str, results: str, people: str = "", partner_units: list[Unit] | None = None
                   ) -> ExemplaryModel:
    _require(actor, perms.MODEL_CHANGE, None)
    if actor is not None and not policy.in_scope(actor, unit):
        raise PermissionDenied(policy.denial_reason(actor, perms.MODEL_CHANGE, unit))
    model = ExemplaryModel(
        unit=unit, name=_text(name, "name", _("tên mô hình"))[:255], field=field, year=year,
        problem=_text(problem, "problem", _("vấn đề mô hình giải quyết")),
        approach=_text(approach, "approach", _("cách làm")),
        results=_text(results, "results", _("kết quả, kèm số liệu")),
        people=_text(people, "people", "", required=False), created_by=actor)
    model.full_clean(exclude=["partner_units"])
    record_change(model, actor, _("Đăng ký mô hình"))
    model.save()
    if partner_units:
        model.partner_units.set(partner_units)
    return model


@transaction.atomic
def add_evidence(*, actor: Staff | None, model: ExemplaryModel, upload: Any, title: str = "") -> Evidence:
    """A file or photo proving the model's results: checked by its first bytes and size, as petitions do."""
    _require(actor, perms.MODEL_CHANGE, model)
    if model.status in (ModelStatus.RECOGNISED, ModelStatus.NOT_RECOGNISED):
        raise ValidationError(_("Hội đồng đã quyết định: không thêm minh chứng được nữa."))
    content_type, ext = check_upload(upload, EVIDENCE_TYPES)
    evidence = Evidence(model=model, title=clean_text(title) or _("Minh chứng"), content_type=content_type,
                        size=upload.size, uploaded_by=actor)
    evidence.file.save(f"minh-chung.{ext}", upload, save=False)
    evidence.save()
    model.version += 1
    record_change(model, actor, _("Thêm minh chứng: %(t)s") % {"t": evidence.title})
    model.save(update_fields=["version"])
    return evidence


@transaction.atomic
def nominate(*, actor: Staff | None, model: ExemplaryModel, reviewing_unit: Unit,
             version: int | str | None = None) -> ExemplaryModel:
    """Send the model to a committee's council for recognition."""
    _require(actor, perms.MODEL_CHANGE, model)
    check_version(model, version, _("mô hình"))
    if model.status != ModelStatus.REGISTERED:
        raise ValidationError(_("Mô hình đã được đề nghị hoặc đã có quyết định."))
    if not model.unit.is_within(reviewing_unit):
        raise ValidationError({"reviewing_unit": _("Hãy chọn Ủy ban nhân dân của đơn vị hoặc cấp trên.")})
    model.status, model.reviewing_unit, model.nominated_at = ModelStatus.NOMINATED, reviewing_unit, clock.now()
    model.version += 1
    record_change(model, actor, _("Đề nghị %(u)s xét công nhận") % {"u": reviewing_unit.name})
    model.save()
    return model


# --- the council: votes and numbered decisions, the same for models and proposals ------------------


def _council_vote(entry: ModelVote | ProposalVote, *, actor: Staff, reviewing_unit: Unit, vote: str,
                  comment: str) -> ModelVote | ProposalVote:
    """A member's vote and comment on ``entry`` (one per member, changed until the decision)."""
    if not CouncilMember.objects.filter(unit=reviewing_unit, staff=actor).exists():
        raise PermissionDenied(_("Chỉ thành viên Hội đồng Thi đua – Khen thưởng của %(u)s biểu quyết được.")
                               % {"u": reviewing_unit.name})
    if vote not in Vote.values:
        raise ValidationError({"vote": _("Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.")})
    entry.vote, entry.comment = vote, clean_text(comment)
    record_change(entry, actor, _("Biểu quyết"))
    entry.save()
    return entry


def _require_majority(reviewing_unit: Unit, votes: Any, refusal: str) -> None:
    """More than half of the council's members agree, or ``refusal`` (with %(a)s agreeing of %(m)s)."""
    members = CouncilMember.objects.filter(unit=reviewing_unit).count()
    agree = votes.filter(vote=Vote.AGREE).count()
    if members == 0 or agree * 2 <= members:
        raise ValidationError(refusal % {"a": agree, "m": members})


def _decision_number(reviewing_unit: Unit, day: date) -> int:
    """The next QĐ number of the reviewing committee's register (its leader must be there to sign)."""
    from danvan.documents.issuer import issuer_for

    issuer_for(reviewing_unit).require_leader()
    return reserve_number(issuer=reviewing_unit, type_code="QĐ", year=day.year)


@transaction.atomic
def cast_vote(*, actor: Staff, model: ExemplaryModel, vote: str, comment: str = "") -> ModelVote:
    """A council member's vote and comment (one per member, which they may change until the decision)."""
    if model.status != ModelStatus.NOMINATED or model.reviewing_unit is None:
        raise ValidationError(_("Mô hình không ở bước hội đồng xét."))
    entry = ModelVote.objects.filter(model=model, member=actor).first() or ModelVote(model=model, member=actor)
    return _council_vote(entry, actor=actor, reviewing_unit=model.reviewing_unit, vote=vote, comment=comment)


@transaction.atomic
def decide(*, actor: Staff | None, model: ExemplaryModel, recognise: bool, level: str = "",
           version: int | str | None = None, on: date | None = None) -> ExemplaryModel:
    """The council's decision: recognition at a level, numbered from the reviewing committee's register
    (QĐ), or refusal. Recognition needs more than half of the council's members agreeing."""
    _require(actor, perms.MODEL_REVIEW, model)
    check_version(model, version, _("mô hình"))
    if model.status != ModelStatus.NOMINATED:
        raise ValidationError(_("Mô hình không ở bước hội đồng xét."))
    today = on or clock.today()
    if recognise:
        if level not in RecognitionLevel.values:
            raise ValidationError({"level": _("Hãy chọn cấp công nhận.")})
        _require_majority(model.reviewing_unit, model.votes,
                          _("Chưa đủ quá nửa thành viên hội đồng đồng ý (%(a)s/%(m)s): chưa công nhận được."))
        model.status, model.level = ModelStatus.RECOGNISED, level
        model.decision_number = _decision_number(model.reviewing_unit, today)
        model.decision_date = today
        reason = _("Công nhận mô hình “Dân vận khéo” %(l)s") % {"l": RecognitionLevel(level).label.lower()}
    else:
        model.status = ModelStatus.NOT_RECOGNISED
        reason = _("Hội đồng không công nhận")
    model.decided_by = actor
    model.version += 1
    record_change(model, actor, reason)
    model.save()
    return model


@transaction.atomic
def set_public(*, actor: Staff | None, model: ExemplaryModel, public: bool,
               version: int | str | None = None) -> ExemplaryModel:
    """Show a recognised model on the public portal (or withdraw it)."""
    _require(actor, perms.MODEL_REVIEW, model)
    check_version(model, version, _("mô hình"))
    if public and model.status != ModelStatus.RECOGNISED:
        raise ValidationError(_("Chỉ công khai mô hình đã được công nhận."))
    model.public = bool(public)
    model.version += 1
    record_change(model, actor, _("Công khai trên cổng thông tin") if public else _("Thôi công khai"))
    model.save()
    return model


@transaction.atomic
def add_council_member(*, actor: Staff | None, unit: Unit, staff: Staff, position: str) -> CouncilMember:
    _require(actor, perms.SCHEME_MANAGE, unit)
    member = CouncilMember.objects.filter(unit=unit, staff=staff).first() or CouncilMember(unit=unit, staff=staff)
    member.position = position
    record_change(member, actor, _("Thành viên hội đồng"))
    member.save()
    return member


# --- commendation and discipline -----------------------------------------------------------------

#: Titles and forms shipped as data (Law on Emulation and Commendation 2022, Law 06/2022/QH15): code, name, kind,
#: collective, authority, capped. Rows an administrator corrects (Django admin), never code. Checked against the
#: Law's Article 80 as published (Công báo 571-572/2022): the commune chairman awards "Lao động tiên tiến" and
#: Giấy khen (80(3)); "Chiến sĩ thi đua cơ sở" and "Tập thể lao động tiên tiến" were the district chairman's
#: (80(2)) — with no districts from 1 July 2025, who awards them to a commune's staff was not verified here, so
#: those rows say "(cần kiểm tra)", which only administrators see. The province chairman's titles and Bằng khen
#: match practice; their article number was not verified.
AWARDS = [
    ("lao-dong-tien-tien", "Lao động tiên tiến", "title", False, "Chủ tịch UBND cấp xã", False),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "title", False, "Chủ tịch UBND cấp xã (cần kiểm tra)",
     True),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "title", True,
     "Chủ tịch UBND cấp xã (cần kiểm tra)", False),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "title", True, "Chủ tịch UBND cấp tỉnh", False),
    ("giay-khen", "Giấy khen", "form", False, "Chủ tịch UBND cấp xã", False),
    ("bang-khen", "Bằng khen của Chủ tịch UBND cấp tỉnh", "form", False, "Chủ tịch UBND cấp tỉnh", False),
]

#: The legal basis of each shipped row (shown to administrators beside the authority).
AWARD_SOURCES = {
    "lao-dong-tien-tien": "Luật Thi đua, khen thưởng 2022, khoản 3 Điều 80",
    "chien-si-thi-dua-co-so": "Luật Thi đua, khen thưởng 2022, khoản 2 Điều 80 giao Chủ tịch UBND cấp huyện; "
                              "thẩm quyền sau ngày 01/07/2025 (cần kiểm tra)",
    "tap-the-lao-dong-tien-tien": "Luật Thi đua, khen thưởng 2022, khoản 2 Điều 80 giao Chủ tịch UBND cấp huyện; "
                                  "thẩm quyền sau ngày 01/07/2025 (cần kiểm tra)",
    "tap-the-lao-dong-xuat-sac": "Luật Thi đua, khen thưởng 2022, thẩm quyền của Chủ tịch UBND cấp tỉnh "
                                 "(cần kiểm tra số điều)",
    "giay-khen": "Luật Thi đua, khen thưởng 2022, khoản 3 Điều 80",
    "bang-khen": "Luật Thi đua, khen thưởng 2022, thẩm quyền của Chủ tịch UBND cấp tỉnh (cần kiểm tra số điều)",
}

#: Where the "Chiến sĩ thi đua cơ sở" cap comes from (the share itself is the setting DANVAN_CSTD_CAP_PERCENT).
CAP_SOURCE = ("không quá 15% số cá nhân đạt “Lao động tiên tiến” của đơn vị: Nghị định 91/2017/NĐ-CP khoản 3 "
              "Điều 9, nay là Nghị định 98/2023/NĐ-CP (cần kiểm tra điều khoản)")


def ensure_awards() -> None:
    """Install the shipped titles and forms once (add-only: an existing row, maybe edited, is kept)."""
    for order, (code, name, kind, collective, authority, capped) in enumerate(AWARDS, 1):
        if not Award.objects.filter(code=code).exists():
            Award.objects.create(code=code, name=name, kind=kind, collective=collective, authority=authority,
                                 legal_source=AWARD_SOURCES.get(code, ""), capped=capped, order=order)


def cap_percent() -> int:
    from django.conf import settings

    return int(getattr(settings, "DANVAN_CSTD_CAP_PERCENT", 15))


@transaction.atomic
def propose(*, actor: Staff | None, kind: str, unit: Unit, reviewing_unit: Unit, year: int, grounds: str,
            award: Award | None = None, measure: str = "", nominee_unit: Unit | None = None,
            nominee_staff: Staff | None = None) -> Proposal:
    """A draft proposal of ``unit`` to ``reviewing_unit``'s council: commend (an award for a collective or a
    person) or hold a person responsible (facts and the measure)."""
    _require(actor, perms.PROPOSAL_CHANGE, None)
    if actor is not None and not policy.in_scope(actor, unit):
        raise PermissionDenied(policy.denial_reason(actor, perms.PROPOSAL_CHANGE, unit))
    if not unit.is_within(reviewing_unit):
        raise ValidationError({"reviewing_unit": _("Hãy chọn Ủy ban nhân dân của đơn vị hoặc cấp trên.")})
    errors = {}
    if (nominee_unit is None) == (nominee_staff is None):
        errors["nominee_staff"] = _("Hãy chọn một tập thể hoặc một cá nhân.")
    if kind == ProposalKind.COMMENDATION:
        if award is None:
            errors["award"] = _("Hãy chọn danh hiệu hoặc hình thức khen thưởng.")
        elif award.collective and nominee_staff is not None:
            errors["award"] = _("“%(a)s” dành cho tập thể.") % {"a": award.name}
        elif not award.collective and award.kind == "title" and nominee_unit is not None:
            errors["award"] = _("“%(a)s” dành cho cá nhân.") % {"a": award.name}
        elif award.capped:
            used, allowed, base = cap_room(unit, year, statuses=OPEN_OR_APPROVED)
            if used + 1 > allowed:
                errors["award"] = _(
                    "Chưa đề nghị được “%(a)s”: không quá %(p)s%% số cá nhân đạt hoặc được đề nghị “Lao động tiên "
                    "tiến” của đơn vị năm %(y)s. Đơn vị có %(b)s người như vậy nên tối đa %(n)s, đã đề nghị %(u)s. "
                    "Hãy lập đề nghị “Lao động tiên tiến” trước, hoặc bớt một đề nghị “%(a)s”.") % {
                    "a": award.name, "p": cap_percent(), "y": year, "b": base, "n": allowed, "u": used}
        measure = ""
    elif kind == ProposalKind.DISCIPLINE:
        if nominee_staff is None:
            errors["nominee_staff"] = _("Đề nghị xử lý trách nhiệm phải nêu cá nhân.")
        if measure not in Measure.values:
            errors["measure"] = _("Hãy chọn hình thức xử lý.")
        award = None
    else:
        errors["kind"] = _("Loại đề nghị không hợp lệ.")
    grounds = clean_text(grounds or "")
    if len(grounds) < 10:
        errors["grounds"] = _("Hãy ghi thành tích (khen thưởng) hoặc sự việc, hậu quả (xử lý trách nhiệm).")
    if errors:
        raise ValidationError(errors)
    proposal = Proposal(kind=kind, unit=unit, reviewing_unit=reviewing_unit, year=year, award=award,
                        measure=measure, nominee_unit=nominee_unit, nominee_staff=nominee_staff, grounds=grounds,
                        created_by=actor)
    record_change(proposal, actor, _("Lập đề nghị"))
    proposal.save()
    return proposal


@transaction.atomic
def submit_proposal(*, actor: Staff | None, proposal: Proposal, version: int | str | None = None) -> Proposal:
    _require(actor, perms.PROPOSAL_CHANGE, proposal)
    check_version(proposal, version, _("đề nghị"))
    if proposal.status != ProposalStatus.DRAFT:
        raise ValidationError(_("Đề nghị đã trình hội đồng."))
    proposal.status = ProposalStatus.SUBMITTED
    proposal.version += 1
    record_change(proposal, actor, _("Trình Hội đồng Thi đua – Khen thưởng"))
    proposal.save()
    return proposal


@transaction.atomic
def vote_proposal(*, actor: Staff, proposal: Proposal, vote: str, comment: str = "") -> ProposalVote:
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Đề nghị không ở bước hội đồng xét."))
    entry = ProposalVote.objects.filter(proposal=proposal, member=actor).first() or ProposalVote(
        proposal=proposal, member=actor)
    return _council_vote(entry, actor=actor, reviewing_unit=proposal.reviewing_unit, vote=vote, comment=comment)


OPEN_OR_APPROVED = (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.APPROVED)


def cap_room(unit: Unit, year: int, *, statuses: tuple[str, ...] = (ProposalStatus.APPROVED,)) -> tuple[int, int, int]:
    """The proposing unit's "Chiến sĩ thi đua cơ sở" in ``year`` (proposals in ``statuses``), the most allowed (the
    setting's share of its "Lao động tiên tiến", rounded down) and that number of "Lao động tiên tiến"."""
    proposals = Proposal.objects.filter(unit=unit, year=year, kind=ProposalKind.COMMENDATION, status__in=statuses)
    capped = proposals.filter(award__capped=True).count()
    base = proposals.filter(award__code="lao-dong-tien-tien").count()
    return capped, base * cap_percent() // 100, base


@transaction.atomic
def decide_proposal(*, actor: Staff | None, proposal: Proposal, approve: bool, version: int | str | None = None,
                    on: date | None = None) -> Proposal:
    """The council's decision: approved proposals take the reviewing committee's next QĐ number."""
    _require(actor, perms.PROPOSAL_REVIEW, proposal)
    check_version(proposal, version, _("đề nghị"))
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Đề nghị không ở bước hội đồng xét."))
    today = on or clock.today()
    if approve:
        _require_majority(proposal.reviewing_unit, proposal.votes,
                          _("Chưa đủ quá nửa thành viên hội đồng đồng ý (%(a)s/%(m)s)."))
        if proposal.award is not None and proposal.award.capped:
            used, allowed, base = cap_room(proposal.unit, proposal.year)
            if used + 1 > allowed:
                raise ValidationError(_(
                    "Vượt tỷ lệ %(p)s%% số cá nhân đạt “Lao động tiên tiến” của đơn vị: %(b)s người đạt nên tối đa "
                    "%(a)s “Chiến sĩ thi đua cơ sở”, đã quyết định %(u)s. Hãy quyết định các đề nghị “Lao động tiên "
                    "tiến” trước.") % {"p": cap_percent(), "b": base, "u": used, "a": allowed})
        proposal.status = ProposalStatus.APPROVED
        proposal.decision_number = _decision_number(proposal.reviewing_unit, today)
        proposal.decision_date = today
        reason = _("Quyết định theo đề nghị")
    else:
        proposal.status = ProposalStatus.REJECTED
        reason = _("Hội đồng không chấp thuận")
    proposal.version += 1
    record_change(proposal, actor, reason)
    proposal.save()
    return proposal


# --- staff: yearly ratings and training -------------------------------------------------------------


def _staff_unit(staff: Staff) -> Unit:
    if staff.unit_id is None:
        raise ValidationError({"staff": _("Người này chưa thuộc đơn vị nào: hãy gán đơn vị cho tài khoản trước.")})
    return staff.unit


@transaction.atomic
def rate_staff(*, actor: Staff | None, staff: Staff, year: int, level: str, comment: str = "",
               rated_on: date | None = None, version: int | str | None = None) -> StaffRating:
    """Enter (or correct) a civil servant's rating of ``year`` in one of the four levels (Decree 90/2020/NĐ-CP,
    as amended by Decree 48/2023/NĐ-CP); one rating per person and year, every change in the history."""
    rating = StaffRating.objects.select_for_update().filter(staff=staff, year=year).first()
    unit = rating.unit if rating is not None else _staff_unit(staff)
    _require(actor, perms.STAFF_RATING_CHANGE, unit)
    if actor is not None and actor.pk == staff.pk:
        raise PermissionDenied(_("Không tự xếp loại cho mình: kết quả của bạn do người đứng đầu cấp trên hoặc "
                                 "Phòng Nội vụ nhập."))
    today = clock.today()
    errors: dict[str, str] = {}
    if not 2000 <= int(year) <= today.year:
        errors["year"] = _("Năm xếp loại phải từ 2000 đến năm nay (%(y)s).") % {"y": today.year}
    if level not in RatingLevel.values:
        errors["level"] = _("Hãy chọn một trong bốn mức xếp loại.")
    comment = clean_text(comment or "", multiline=True)
    if level == RatingLevel.NOT_COMPLETED and not comment:
        errors["comment"] = _("Xếp loại “Không hoàn thành nhiệm vụ”: hãy ghi nhận xét, nêu rõ hạn chế.")
    rated_on = rated_on or today
    if rated_on.year not in (int(year), int(year) + 1) or rated_on > today:
        errors["rated_on"] = _("Ngày xếp loại phải trong năm được xếp loại hoặc năm sau, và không sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    if rating is None:
        rating = StaffRating(staff=staff, unit=unit, year=year)
        reason = _("Xếp loại năm %(y)s: %(l)s") % {"y": year, "l": RatingLevel(level).label}
    else:
        check_version(rating, version, _("kết quả xếp loại"))
        rating.version += 1
        reason = _("Sửa xếp loại năm %(y)s: %(l)s") % {"y": year, "l": RatingLevel(level).label}
    rating.level, rating.comment, rating.rated_on, rating.entered_by = level, comment, rated_on, actor
    record_change(rating, actor, reason)
    rating.save()
    return rating


def _optional_number(value: Any, field: str, *, integer: bool = False) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    number = _decimal(value, field)
    if number <= 0 or number > 2000 or (integer and number != number.to_integral_value()):
        raise ValidationError({field: _("Hãy nhập số giờ từ 0,5 đến 2.000.") if not integer
                               else _("Số buổi phải là số nguyên từ 1 đến 2.000.")})
    return number


@transaction.atomic
def add_training(*, actor: Staff | None, staff: Staff, course: str, organiser: str, start_on: date, end_on: date,
                 hours: Any = None, sessions: Any = None, certificate: str = "",
                 plan_item: Any = None) -> Training:
    """Record a course a civil servant finished: organiser, dates, hours or sessions, the certificate, and the
    content of the plan it serves (a course serving the plan counts as training in mass-mobilisation work)."""
    unit = _staff_unit(staff)
    _require(actor, perms.STAFF_TRAINING_CHANGE, unit)
    errors: dict[str, Any] = {}
    course, organiser = clean_text(course or "")[:255], clean_text(organiser or "")[:255]
    if not course:
        errors["course"] = _("Hãy ghi tên khóa, lớp bồi dưỡng.")
    if not organiser:
        errors["organiser"] = _("Hãy ghi cơ quan tổ chức khóa học.")
    if start_on and end_on and end_on < start_on:
        errors["end_on"] = _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
    elif end_on and end_on > clock.today():
        errors["end_on"] = _("Chỉ ghi khóa học đã kết thúc: ngày kết thúc không được sau hôm nay.")
    try:
        hours_value = _optional_number(hours, "hours")
        sessions_value = _optional_number(sessions, "sessions", integer=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        hours_value = sessions_value = None
    if "hours" not in errors and "sessions" not in errors and hours_value is None and sessions_value is None:
        errors["hours"] = _("Hãy ghi số giờ hoặc số buổi của khóa học.")
    if errors:
        raise ValidationError(errors)
    training = Training(staff=staff, unit=unit, course=course, organiser=organiser, start_on=start_on, end_on=end_on,
                        hours=hours_value, sessions=int(sessions_value) if sessions_value is not None else None,
                        certificate=clean_text(certificate or "")[:255], plan_item=plan_item, entered_by=actor)
    record_change(training, actor, _("Ghi kết quả bồi dưỡng: %(c)s") % {"c": course})
    training.save()
    return training
