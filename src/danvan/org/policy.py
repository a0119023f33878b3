"""The one permission policy: who may see or change what.

Every view, export, admin page and (later) API endpoint asks this module; nothing else decides.
The rule of thumb of the plan's hierarchy:

- an officer or unit head sees their own unit's subtree;
- leaders (chairman, vice chairmen), coordinators (Internal Affairs) and inspectors see the whole
  tree of their committee (a department's committee is the committee it belongs to);
- administrators see everything.

Changing is narrower than seeing: coordinators and administrators keep the registry; unit heads
manage the staff of their own unit. Other apps register their own named permissions here with
:func:`register`, so the matrix test in ``tests/org/test_policy.py`` covers them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.org.models import Role, Staff, Unit

WIDE_ROLES = {Role.LEADER, Role.COORDINATOR, Role.INSPECTOR}
REGISTRY_KEEPERS = {Role.COORDINATOR, Role.ADMINISTRATOR}


def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or getattr(user, "role", None) == Role.ADMINISTRATOR
    )


def is_coordinator(user: Any) -> bool:
    """A coordinator (the committee's Internal Affairs office) who belongs to a unit: an account without
    a unit coordinates nothing."""
    return getattr(user, "role", None) == Role.COORDINATOR and getattr(user, "unit_id", None) is not None


def scope_root(user: Any) -> Unit | None:
    """The top unit of what ``user`` may see; ``None`` for nothing (or everything for admins).

    Callers use :func:`unit_q` rather than this, which handles administrators.
    """
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return None
    unit = user.unit
    if user.role in WIDE_ROLES:
        return unit.committee() or unit
    return unit


def _cached_root(user: Any) -> Unit | None:
    # A user's scope is asked many times per request; the unit tree does not change mid-request.
    cached = getattr(user, "_danvan_scope_root", False)
    if cached is False:
        cached = scope_root(user)
        if getattr(user, "is_authenticated", False):
            user._danvan_scope_root = cached
    return cached


def scope_unit_ids(user: Any) -> list[int] | None:
    """The ids of every unit ``user`` may see (``None``: all units, for administrators).

    The subtree is resolved once per request (one query on the unit table) so that list filters
    become ``unit_id IN (…)`` on the rows' own columns, which their indexes serve, instead of a
    join on the units' paths.
    """
    if is_administrator(user):
        return None
    cached = getattr(user, "_danvan_scope_ids", None)
    if cached is None:
        root = _cached_root(user)
        cached = [] if root is None else list(
            Unit.objects.filter(path__startswith=root.path).order_by().values_list("pk", flat=True))
        if getattr(user, "is_authenticated", False):
            user._danvan_scope_ids = cached
    return cached


def unit_q(user: Any, field: str = "") -> Q:
    """A filter selecting rows whose unit (``field``, a path to a Unit FK) ``user`` may see."""
    if is_administrator(user):
        return Q()
    ids = scope_unit_ids(user)
    if not ids:
        return Q(pk__in=[])
    return Q(**{f"{field}__in" if field else "pk__in": ids})


def visible_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(unit_q(user))


def visible_staff(user: Any) -> QuerySet[Staff]:
    if is_administrator(user):
        return Staff.objects.all()
    return Staff.objects.filter(unit_q(user, "unit") | Q(pk=getattr(user, "pk", None)))


def in_scope(user: Any, unit: Unit | None) -> bool:
    if is_administrator(user):
        return True
    if unit is None:
        return False
    root = _cached_root(user)
    return root is not None and unit.is_within(root)


# --- a denouncer's identity: one rule wherever it is stored ------------------------------------

#: Roles that head a unit: the "head" of the officer handling a denunciation.
HEAD_ROLES = {Role.UNIT_HEAD, Role.LEADER}

DENOUNCER_RULE_SOURCE = "Luật Tố cáo 2018, khoản 3 Điều 8, Điều 47 và Điều 56"


def may_see_denouncer(user: Any, *, unit_id: int | None, handler_id: int | None,
                      verifier_id: int | None = None) -> bool:
    """Whether ``user`` may see who made a denunciation (name, address, ID number, scans, handwriting).

    The Law on Denunciations 2018 forbids disclosing the denouncer's name, address, handwriting or any
    information that reveals them (art. 8(3)); only the person resolving the denunciation keeps it,
    under protection (arts. 47, 56). danvan applies one rule wherever the identity is stored (a line
    of the reception book, a petition case, its confidential scans):

    - the officer handling it (the case's assigned officer; for a reception line not yet made a
      case, the officer who received the citizen) sees it;
    - so does the head of the handling unit (its unit head or leader);
    - nobody else: not leaders or inspectors above, not the verifier (who works on the content
      alone), not other officers of the unit, not administrators.
    """
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return False
    if verifier_id is not None and verifier_id == user.pk and handler_id != user.pk:
        return False
    if handler_id is not None and handler_id == user.pk:
        return True
    return user.role in HEAD_ROLES and unit_id is not None and user.unit_id == unit_id


def may_see_denouncer_q(user: Any, *, unit: str, handler: str, verifier: str) -> Q:
    """:func:`may_see_denouncer` as a query over rows whose handling unit, handler and verifier ids are
    the columns ``unit``, ``handler`` and ``verifier`` (for list searches; a test compares the two)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return Q(pk__in=[])
    allowed = Q(**{handler: user.pk})
    if user.role in HEAD_ROLES and user.unit_id is not None:
        allowed |= Q(**{unit: user.unit_id}) & ~Q(**{verifier: user.pk})
    return allowed


def may_read_identity_log(user: Any, *, unit_id: int | None) -> bool:
    """Who saw a denouncer's identity: the head of the handling unit reads that list (it names no denouncer)."""
    return (getattr(user, "role", None) in HEAD_ROLES and unit_id is not None
            and getattr(user, "unit_id", None) == unit_id)


# --- named permissions ------------------------------------------------------------------------

Predicate = Callable[[Any, Any], bool]
_PERMISSIONS: dict[str, Predicate] = {}


def register(name: str) -> Callable[[Predicate], Predicate]:
    """Register a predicate ``(user, obj) -> bool`` under ``name`` (e.g. ``"petition.view"``)."""

    def decorator(fn: Predicate) -> Predicate:
        _PERMISSIONS[name] = fn
        return fn

    return decorator


def can(user: Any, name: str, obj: Any = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    try:
        predicate = _PERMISSIONS[name]
    except KeyError as exc:  # a typo must fail loudly, never grant
        raise KeyError(f"Unknown permission {name!r}") from exc
    return bool(predicate(user, obj))


def require(user: Any, name: str, obj: Any = None) -> None:
    """Raise PermissionDenied (HTTP 403) unless ``user`` may do ``name`` on ``obj``; its message,
    shown on the 403 page, says why: the record belongs to a unit outside the user's scope (the
    user's scope is named, never the record's unit), or the user's role does not allow the action."""
    if not can(user, name, obj):
        raise PermissionDenied(denial_reason(user, name, obj))


NO_UNIT = _("Tài khoản của bạn chưa gắn với đơn vị nào. Hãy đề nghị quản trị hệ thống gán đơn vị cho tài khoản.")

#: What each permission lets a person do, as the 403 page names it.
ACTIONS = {
    "activity.change": _("ghi nhận hoạt động dân vận"),
    "api.key.manage": _("cấp, thu hồi khóa API cho hệ thống khác"),
    "carryover.run": _("chuyển giao hồ sơ của đơn vị đã sắp xếp"),
    "commitment.complete": _("đánh dấu hoàn thành cam kết sau đối thoại"),
    "dashboard.view": _("xem bảng điều hành"),
    "dialogue.change": _("sửa cuộc đối thoại"),
    "document.change": _("thêm, sửa văn bản"),
    "document.issue": _("ban hành văn bản"),
    "document.outgoing.prepare": _("soạn, cấp số văn bản đi"),
    "document.outgoing.view": _("xem văn bản đi"),
    "document.sign": _("ký số văn bản"),
    "document.view": _("xem văn bản"),
    "emulation.model.change": _("đăng ký, sửa mô hình “Dân vận khéo”"),
    "emulation.model.review": _("xét công nhận mô hình “Dân vận khéo”"),
    "emulation.model.view": _("xem mô hình “Dân vận khéo”"),
    "emulation.points.edit": _("chấm điểm tiêu chí do hội đồng thi đua chấm"),
    "emulation.proposal.change": _("lập đề nghị khen thưởng, xử lý trách nhiệm"),
    "emulation.proposal.review": _("quyết định đề nghị khen thưởng, xử lý trách nhiệm"),
    "emulation.proposal.view": _("xem đề nghị khen thưởng, xử lý trách nhiệm"),
    "emulation.ranking.view": _("xem bảng xếp hạng thi đua"),
    "emulation.scheme.manage": _("lập, chốt bộ tiêu chí chấm điểm thi đua"),
    "emulation.sheet.view": _("xem phiếu chấm điểm thi đua của đơn vị"),
    "history.view": _("xem lịch sử thay đổi"),
    "inspection.finding.view": _("xem kết quả kiểm tra của đơn vị"),
    "inspection.manage": _("lập kế hoạch, phê duyệt và kết luận kiểm tra"),
    "inspection.proposal.view": _("xem đề xuất khen thưởng, xử lý trách nhiệm"),
    "inspection.record": _("ghi kết quả kiểm tra"),
    "inspection.view": _("xem cuộc kiểm tra"),
    "legal.calendar.change": _("sửa lịch ngày nghỉ"),
    "legal.rules.change": _("sửa quy tắc thời hạn"),
    "legal.rules.view": _("xem bảng thời hạn theo luật"),
    "papi.change": _("nhập điểm PAPI"),
    "papi.view": _("xem điểm PAPI"),
    "petition.assign": _("giao cán bộ xử lý đơn"),
    "petition.create": _("tiếp nhận đơn thư"),
    "petition.field.change": _("sửa danh mục lĩnh vực đơn thư"),
    "petition.handle": _("xử lý hồ sơ đơn thư này"),
    "petition.identity": _("xem danh tính người tố cáo"),
    "petition.identity_log": _("xem nhật ký xem danh tính người tố cáo"),
    "petition.view": _("xem hồ sơ đơn thư này"),
    "plan.change": _("sửa kế hoạch"),
    "plan.import": _("nhập kế hoạch"),
    "plan.progress": _("xem tiến độ kế hoạch"),
    "plan.view": _("xem kế hoạch"),
    "portal.disclosure.post": _("đăng nội dung công khai trên cổng thông tin"),
    "portal.news.edit": _("viết, sửa tin trên cổng thông tin"),
    "reception.change": _("ghi sổ tiếp công dân"),
    "reception.create_petition": _("tạo hồ sơ đơn thư từ lượt tiếp"),
    "reception.identity": _("xem danh tính người tố cáo trong sổ tiếp"),
    "reception.identity_log": _("xem nhật ký xem danh tính trong sổ tiếp"),
    "reception.view": _("xem sổ tiếp công dân"),
    "recommendation.answer": _("trả lời, báo cáo thực hiện kiến nghị"),
    "recommendation.view": _("xem kiến nghị sau kiểm tra"),
    "registry.import": _("nhập danh mục đơn vị, cán bộ"),
    "report.edit": _("lập, sửa báo cáo của đơn vị"),
    "report.request.create": _("tạo yêu cầu báo cáo"),
    "report.request.manage": _("tổng hợp báo cáo và cấp số văn bản"),
    "report.request.view": _("xem yêu cầu báo cáo"),
    "report.review": _("tiếp nhận hoặc trả lại báo cáo"),
    "report.submit": _("nộp báo cáo (chỉ thủ trưởng đơn vị)"),
    "report.view": _("xem báo cáo"),
    "responsibility.change": _("phân công người phụ trách dân vận"),
    "staff.change": _("thêm, sửa tài khoản cán bộ"),
    "staff.quality.view": _("xem số liệu xếp loại, bồi dưỡng cán bộ, công chức của đơn vị"),
    "staff.rating.change": _("nhập kết quả xếp loại chất lượng cán bộ, công chức"),
    "staff.rating.view": _("xem kết quả xếp loại của từng cán bộ, công chức"),
    "staff.training.change": _("nhập kết quả đào tạo, bồi dưỡng cán bộ, công chức"),
    "staff.view": _("xem thông tin cán bộ"),
    "survey.change": _("lập, sửa phiếu khảo sát"),
    "survey.view": _("xem phiếu khảo sát và kết quả"),
    "task.change": _("cập nhật nhiệm vụ"),
    "task.view": _("xem nhiệm vụ"),
    "triage.accuracy": _("xem độ chính xác của trợ lý phân loại"),
    "triage.suggest": _("xem gợi ý phân loại đơn thư"),
    "unit.change": _("thêm, sửa đơn vị"),
    "unit.view": _("xem đơn vị"),
    "unitplan.change": _("cập nhật kế hoạch của đơn vị"),
    "unitplan.view": _("xem kế hoạch của đơn vị"),
}


def _unit_of(obj: Any) -> Unit | None:
    if isinstance(obj, Unit):
        return obj
    for attr in ("handling_unit", "unit", "lead_unit", "requesting_unit"):
        unit = getattr(obj, attr, None)
        if isinstance(unit, Unit):
            return unit
    return None


def denial_reason(user: Any, name: str, obj: Any = None) -> str:
    """Why ``user`` may not do ``name`` on ``obj``, in words for the 403 page."""
    if not getattr(user, "is_authenticated", False):
        return str(_("Hãy đăng nhập để tiếp tục."))
    if not is_administrator(user) and user.unit_id is None:
        return str(NO_UNIT)
    action = ACTIONS.get(name, _("thực hiện việc này"))
    unit = _unit_of(obj)
    if unit is not None and not in_scope(user, unit):
        # The record's own unit is not named: a refused page tells nothing about what it guards.
        root = _cached_root(user)
        return str(_("Bạn không được %(action)s: bản ghi thuộc một đơn vị ngoài phạm vi của bạn, là %(scope)s và "
                     "các đơn vị trực thuộc.") % {"action": action, "scope": root.name if root else "—"})
    return str(_("Bạn không được %(action)s: việc này cần vai trò khác, vai trò của bạn là “%(role)s”.") % {
        "action": action, "role": user.get_role_display() if hasattr(user, "get_role_display") else "—"})


def permission_names() -> list[str]:
    return sorted(_PERMISSIONS)


@register("unit.view")
def _unit_view(user: Any, unit: Unit) -> bool:
    return in_scope(user, unit)


@register("unit.change")
def _unit_change(user: Any, unit: Unit | None) -> bool:
    if is_administrator(user):
        return True
    return user.role == Role.COORDINATOR and (unit is None or in_scope(user, unit))


@register("staff.view")
def _staff_view(user: Any, staff: Staff) -> bool:
    return staff.pk == user.pk or in_scope(user, staff.unit)


@register("staff.change")
def _staff_change(user: Any, staff: Staff | None) -> bool:
    """Coordinators keep their committee's staff; heads their own unit's; only admins make admins."""
    if is_administrator(user):
        return True
    if staff is not None and (staff.is_superuser or staff.role == Role.ADMINISTRATOR):
        return False
    if user.role == Role.COORDINATOR:
        return staff is None or in_scope(user, staff.unit)
    if user.role == Role.UNIT_HEAD:
        return user.unit_id is not None and (
            staff is None or (staff.unit is not None and staff.unit.is_within(user.unit)))
    return False


@register("responsibility.change")
def _responsibility_change(user: Any, unit: Unit) -> bool:
    if is_administrator(user):
        return True
    if user.role == Role.COORDINATOR:
        return in_scope(user, unit)
    return user.role == Role.UNIT_HEAD and user.unit_id is not None and unit.is_within(user.unit)


@register("registry.import")
def _registry_import(user: Any, _obj: Any = None) -> bool:
    return is_administrator(user) or is_coordinator(user)


@register("history.view")
def _history_view(user: Any, obj: Any) -> bool:
    """History of a unit or staff record: whoever may see the record."""
    if isinstance(obj, Staff):
        return _staff_view(user, obj)
    return in_scope(user, obj)
