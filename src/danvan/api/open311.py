"""Open311 GeoReport v2 at /open311/v2/: city apps (iHanoi, Hue-S…) file citizens' feedback as cases.

- ``services``: one service per kind of public feedback (phản ánh, kiến nghị) and field of petitions;
  ``service_code`` is ``<kind>-<field code>``.
- ``POST requests``: needs an ``api_key`` with the ``open311`` scope. The case is a petition filed by the
  same intake service as the citizen's public form (same checks), channel "ứng dụng", for the ward
  named by ``jurisdiction_id`` (a unit code) or the key's own ward. The citizen's name, telephone and
  e-mail go to the petitioner record and are never answered back (write-only).
- ``GET requests``: the cases filed through Open311, with their public state only: open/closed, the
  public answer, the handling unit, the dates and the legal due date (``expected_datetime``), the place.
- Errors as the specification says: a list of ``{code, description}`` (``<errors><error>`` in XML).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from danvan.api import authentication, services
from danvan.api.models import Open311Request, Scope
from danvan.core.vntext import UnstorableText, clean_text, format_date
from danvan.org import clock
from danvan.org.audit import record_change, unstorable_message
from danvan.org.models import Level, Unit, UnitKind
from danvan.petitions import services as petition_services
from danvan.petitions.models import PUBLIC_KINDS, Channel, Field, Kind, Petition, PublicStatus, Status

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_DESCRIPTION = 4000
DEFAULT_DAYS = 90
DEFAULT_LIMIT = 1000
FORMATS = {"json": "application/json", "xml": "text/xml"}
HTML = re.compile(r"<\s*[a-zA-Z!/?]|&(?:[a-zA-Z]+|#\d+);")
KIND_ORDER = [Kind.FEEDBACK, Kind.RECOMMENDATION]
CLOSED_STATUSES = [s for s in Status.values
                   if Petition(status=s).public_status in (PublicStatus.ANSWERED, PublicStatus.CLOSED)]


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering --------------------------------------------------------------------------------

def _xml_value(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, list):
        singular = {"formats": "format", "endpoints": "endpoint", "attributes": "attribute",
                    "values": "value", "keywords": "keyword"}.get(name, "item")
        for item in value:
            _xml_value(child, singular, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _xml_value(child, key, item)
    elif isinstance(value, bool):
        child.text = "true" if value else "false"
    elif value is not None:
        child.text = str(value)


def render(data: Any, fmt: str, *, root: str = "", item: str = "", status: int = 200) -> HttpResponse:
    """JSON as it is; XML with ``root`` wrapping one ``item`` element per entry of a list."""
    if fmt == "json":
        response = JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})
    else:
        element = ET.Element(root)
        for entry in data if isinstance(data, list) else [data]:
            target = ET.SubElement(element, item) if item else element
            for key, value in entry.items():
                _xml_value(target, key, value)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")
        response = HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render([{"code": status, "description": description}], fmt if fmt in FORMATS else "json",
                  root="errors", item="error", status=status)


def open311_view(fn: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Unknown formats and every refusal answered in the specification's error format."""

    def wrapped(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
        if fmt not in FORMATS:
            return error("json", 404, _("Định dạng không hỗ trợ: chỉ json hoặc xml."))
        try:
            return fn(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except UnstorableText as exc:
            return error(fmt, 400, str(unstorable_message(exc)))

    wrapped.__name__ = fn.__name__
    wrapped.__doc__ = fn.__doc__
    return wrapped


# --- services ---------------------------------------------------------------------------------

def _services() -> list[tuple[str, str, Field]]:
    fields = list(Field.objects.filter(is_active=True).order_by("order", "name"))
    return [(f"{kind}-{field.code}", kind, field) for kind in KIND_ORDER for field in fields]


def _service_row(code: str, kind: str, field: Field) -> dict[str, Any]:
    return {"service_code": code, "service_name": f"{Kind(kind).label} — {field.name}",
            "description": _("%(kind)s của công dân về lĩnh vực %(field)s; hạn trả lời %(days)s ngày làm việc.") % {
                "kind": Kind(kind).label, "field": field.name.lower(), "days": field.resolve_days},
            "metadata": False, "type": "realtime", "keywords": Kind(kind).label.lower(), "group": field.name}


def _find_service(code: str) -> tuple[str, Field]:
    for kind in KIND_ORDER:
        if code.startswith(f"{kind}-"):
            field = Field.objects.filter(is_active=True, code=code[len(kind) + 1:]).first()
            if field is not None:
                return kind, field
    raise Open311Error(404, _("Không có dịch vụ service_code “%(code)s”: hãy lấy mã từ danh sách services.")
                       % {"code": code})


@require_GET
@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    return render({
        "changeset": "2026-11-27T00:00:00Z",
        "contact": _("Quản trị hệ thống danvan của đơn vị"),
        "key_service": _("Khóa api_key do quản trị danvan cấp bằng lệnh danvan apikey create --scope open311."),
        "endpoints": [{"specification": SPECIFICATION, "url": base, "changeset": "2026-11-27T00:00:00Z",
                       "type": "production", "formats": list(FORMATS.values())}],
    }, fmt, root="discovery")


@require_GET
@open311_view
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return render([_service_row(*row) for row in _services()], fmt, root="services", item="service")


@require_GET
@open311_view
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    _find_service(code)
    return render({"service_code": code, "attributes": []}, fmt, root="service_definition")


# --- requests ---------------------------------------------------------------------------------

def _moment(day: Any) -> str | None:
    """A due date as the end of that day in Việt Nam, ISO 8601 with its offset."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)), timezone.get_default_timezone()).isoformat()


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else None


def _request_row(p: Petition) -> dict[str, Any]:
    extra = getattr(p, "open311", None)
    closed = p.public_status in (PublicStatus.ANSWERED, PublicStatus.CLOSED)
    return {
        "service_request_id": p.code,
        "status": "closed" if closed else "open",
        "status_notes": p.answer if closed else "",
        "service_name": f"{p.get_kind_display()} — {p.field.name}",
        "service_code": extra.service_code if extra else f"{p.kind}-{p.field.code}",
        "agency_responsible": p.handling_unit.name,
        "service_notice": "",
        "requested_datetime": _iso(p.created_at),
        "updated_datetime": _iso(p.updated_at),
        "expected_datetime": _moment(p.next_due or p.resolve_due),
        "address": (extra.address_string if extra else "") or p.location,
        "address_id": "",
        "zipcode": "",
        "lat": float(extra.lat) if extra and extra.lat is not None else None,
        "long": float(extra.long) if extra and extra.long is not None else None,
        "media_url": extra.media_url if extra else "",
    }


def _published() -> Any:
    return (Petition.objects.filter(channel=Channel.APP, kind__in=PUBLIC_KINDS)
            .select_related("field", "handling_unit", "open311"))


def _parse_moment(raw: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise Open311Error(400, _("%(name)s phải theo ISO 8601, ví dụ 2026-11-27T00:00:00+07:00.") % {
            "name": name}) from exc
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = _published()
    params = request.GET
    ids = [i.strip().upper() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(code__in=ids[:DEFAULT_LIMIT])
    else:
        end = _parse_moment(params["end_date"], "end_date") if params.get("end_date") else clock.now()
        start = (_parse_moment(params["start_date"], "start_date") if params.get("start_date")
                 else end - timedelta(days=DEFAULT_DAYS))
        if start > end:
            raise Open311Error(400, _("start_date phải trước end_date."))
        qs = qs.filter(created_at__gte=start, created_at__lte=end)
        codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
        if codes:
            wanted = [_find_service(code) for code in codes]
            match = Q(pk__in=[])
            for kind, field in wanted:
                match |= Q(kind=kind, field=field)
            qs = qs.filter(match)
        statuses = {s.strip().lower() for s in params.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, _("status chỉ nhận open hoặc closed."))
        if statuses == {"open"}:
            qs = qs.exclude(status__in=CLOSED_STATUSES)
        elif statuses == {"closed"}:
            qs = qs.filter(status__in=CLOSED_STATUSES)
    rows = [_request_row(p) for p in qs.order_by("-created_at", "-pk")[:DEFAULT_LIMIT]]
    return render(rows, fmt, root="service_requests", item="request")


def _decimal(raw: str, name: str, limit: int) -> Decimal | None:
    if not raw.strip():
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation as exc:
        raise Open311Error(400, _("%(name)s phải là một số.") % {"name": name}) from exc
    if not value.is_finite() or abs(value) > limit:
        raise Open311Error(400, _("%(name)s phải từ -%(limit)s đến %(limit)s.") % {"name": name, "limit": limit})
    return value.quantize(Decimal("0.000001"))


def _ward(jurisdiction: str, key: Any) -> Unit:
    if jurisdiction:
        unit = Unit.objects.filter(code=jurisdiction).first()
        if unit is None:
            raise Open311Error(400, _("jurisdiction_id “%(code)s” không phải mã đơn vị nào.") % {"code": jurisdiction})
    else:
        unit = key.unit or key.staff.unit
        if unit is None:
            raise Open311Error(400, _("Hãy gửi jurisdiction_id: mã phường, xã nhận phản ánh."))
    if unit.kind != UnitKind.COMMITTEE or unit.level != Level.COMMUNE:
        raise Open311Error(400, _("jurisdiction_id phải là mã một phường, xã (%(name)s không phải).") % {
            "name": unit.name})
    if unit.valid_to is not None and unit.valid_to < clock.today():
        raise Open311Error(400, _("%(name)s đã thôi hoạt động: hãy gửi cho phường, xã hiện nay.") % {"name": unit.name})
    if key.unit is not None and not unit.is_within(key.unit):
        raise Open311Error(403, _("Khóa này chỉ gửi được cho %(unit)s và các đơn vị trực thuộc.") % {
            "unit": key.unit.name})
    return unit


def _text(raw: str, name: str, limit: int) -> str:
    value = clean_text(raw or "", multiline=True)
    if HTML.search(value):
        raise Open311Error(400, _("%(name)s không được chứa mã HTML: hãy gửi văn bản thuần.") % {"name": name})
    if len(value) > limit:
        raise Open311Error(400, _("%(name)s dài %(n)s ký tự, tối đa %(limit)s.") % {
            "name": name, "n": len(value), "limit": limit})
    return value


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    raw = data.get("api_key", "") or authentication.raw_key(request)
    if not raw:
        raise Open311Error(403, _("Thiếu api_key: gửi phản ánh cần khóa do quản trị danvan cấp."))
    key = services.key_for(raw)
    if key is None or not key.staff.is_active:
        raise Open311Error(403, _("api_key không đúng hoặc đã bị thu hồi."))
    if not key.has_scope(Scope.OPEN311):
        raise Open311Error(403, _("Khóa này không có quyền gửi phản ánh qua Open311."))
    services.record_use(key)
    code = clean_text(data.get("service_code", ""))
    if not code:
        raise Open311Error(400, _("Thiếu service_code."))
    kind, field = _find_service(code)
    lat = _decimal(data.get("lat", ""), "lat", 90)
    long = _decimal(data.get("long", ""), "long", 180)
    address = _text(data.get("address_string", ""), "address_string", 255)
    if (lat is None) != (long is None):
        raise Open311Error(400, _("Gửi cả lat và long, hoặc address_string."))
    if lat is None and not address:
        raise Open311Error(400, _("Cần vị trí: lat và long, hoặc address_string."))
    description = _text(data.get("description", ""), "description", MAX_DESCRIPTION)
    if not description:
        raise Open311Error(400, _("Thiếu description: nội dung phản ánh."))
    unit = _ward(clean_text(data.get("jurisdiction_id", "")), key)
    name = clean_text(" ".join([data.get("last_name", ""), data.get("first_name", "")]))
    person = {"full_name": _text(name, "first_name/last_name", 150), "phone": clean_text(data.get("phone", ""))[:30],
              "email": clean_text(data.get("email", ""))[:254]}
    media_url = clean_text(data.get("media_url", ""))
    if media_url and not re.match(r"^https?://\S+$", media_url):
        raise Open311Error(400, _("media_url phải là địa chỉ http(s)."))
    first_line = description.splitlines()[0] if description else ""
    subject = first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"
    location = address or f"{lat}, {long}"
    try:
        with transaction.atomic():
            submitted = petition_services.submit_petition(
                actor=None, kind=kind, field=field, unit=unit, channel=Channel.APP, received_on=clock.today(),
                subject=subject, content=description, location=location[:255],
                petitioners=[person] if person["full_name"] else [])
            extra = Open311Request(petition=submitted.petition, api_key=key, service_code=code, lat=lat, long=long,
                                   address_string=address, media_url=media_url[:500],
                                   device_id=clean_text(data.get("device_id", ""))[:100],
                                   account_id=clean_text(data.get("account_id", ""))[:100])
            record_change(extra, key.staff, _("Nhận phản ánh qua Open311"))
            extra.save()
    except ValidationError as exc:
        raise Open311Error(400, " ".join(exc.messages)) from exc
    petition = submitted.petition
    due = petition.next_due or petition.resolve_due
    notice = _("Đã tiếp nhận: mã hồ sơ %(code)s, mã bí mật %(secret)s (chỉ báo một lần; dùng để tra cứu và đánh "
               "giá trên trang tra cứu của %(unit)s). Hạn trả lời theo quy định: %(due)s.") % {
        "code": submitted.code, "secret": submitted.secret, "unit": unit.name,
        "due": format_date(due) if due else "—"}
    row = {"service_request_id": submitted.code, "service_notice": notice, "account_id": extra.account_id or None}
    return render([row], fmt, root="service_requests", item="request", status=201)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311_view
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    return _search(request, fmt)


@require_GET
@open311_view
def request_detail(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    petition = _published().filter(code=code.strip().upper()).first()
    if petition is None:
        raise Open311Error(404, _("Không có yêu cầu mã “%(code)s”.") % {"code": code})
    return render([_request_row(petition)], fmt, root="service_requests", item="request")
