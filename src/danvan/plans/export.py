"""A saved plan as its official document (.docx, Decree 30/2020) and its progress as .docx/.xlsx.

Built on the one renderer (danvan.documents.render): this module only turns database rows into an
:class:`OfficialDocument`, so the format is decided and checked in one place.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from danvan.core.references import parse_number
from danvan.documents.issuer import issuer_for
from danvan.documents.models import OutgoingDocument
from danvan.documents.render import OfficialDocument, Paragraph, Signer, Table, render_docx, render_table_xlsx
from danvan.org import clock
from danvan.plans.models import Health, Plan
from danvan.plans.selectors import ProgressTree, plan_document, progress_tree


def _issuing_body(plan: Plan) -> tuple[str, str | None]:
    """The issuer as its header prints it: "ỦY BAN NHÂN DÂN / QUẬN THANH XUÂN" style, upper case."""
    name = plan.issuer.name
    name = name.replace("UBND ", "Ủy ban nhân dân ", 1) if name.startswith("UBND ") else name
    return name.upper(), None


def _signer(plan: Plan) -> Signer:
    authority = plan.signer_authority or None
    body = plan.signer_body or ("ỦY BAN NHÂN DÂN" if authority == "TM." else None)
    if authority and not body:
        body = plan.signer_title
    return Signer(authority, body, plan.signer_title or "CHỦ TỊCH", plan.signer_name or "…")


def official_document(plan: Plan) -> OfficialDocument:
    """The plan (sections, items, closing) as an :class:`OfficialDocument` ready to render."""
    plan = plan_document(plan.pk)
    number, _year, type_code, issuer_code = parse_number(plan.full_number)
    body: list = []
    if plan.preamble:
        body.append(Paragraph(plan.preamble))
    items_by_section: dict[int, list] = {}
    for item in plan.items.all():
        if item.section_id:
            items_by_section.setdefault(item.section_id, []).append(item)
    for section in plan.sections.all():
        body.append(Paragraph(f"{section.label}. {section.title.upper()}", level=1))
        for item in items_by_section.get(section.pk, []):
            if item.path == section.label:
                continue  # the section itself, when written as prose
            prefix = f"{item.label})" if item.label.isalpha() else f"{item.label}."
            body.append(Paragraph(f"{prefix} {item.text}" if item.label else item.text))
    if plan.closing:
        body.append(Paragraph(plan.closing))
    body_name, parent = _issuing_body(plan)
    return OfficialDocument(
        issuing_body=body_name, parent_body=parent, place=plan.place or plan.issuer.name,
        date=plan.date or clock.today(),
        subject=plan.title, signer=_signer(plan), number=int(number) if number and number.isdigit() else None,
        type_code=type_code or "KH", issuer_code=issuer_code or "UBND", body=body,
        recipients=list(plan.recipients), archive=plan.archive or "Lưu: VT.", issuer_name=plan.issuer.name,
    )


def plan_docx(plan: Plan) -> bytes:
    return render_docx(official_document(plan))


def plan_outgoing(plan: Plan, *, actor=None) -> OutgoingDocument:
    """The plan's electronic document (to be signed): made or brought up to date, or the signed one as it is."""
    from danvan.documents import services as documents

    source = f"plans.plan:{plan.pk}"
    outgoing = OutgoingDocument.objects.filter(source=source).order_by("-pk").first()
    if outgoing is not None and outgoing.is_signed:
        return outgoing
    document = documents.for_signature(official_document(plan), plan.issuer)
    return documents.prepare_outgoing(actor=actor, source=source, issuer=plan.issuer, document=document)


def signed_plan_pdf(plan: Plan) -> bytes:
    """The plan as a PDF/A-2b signed by the issuer's signing leader, then by the issuer (Decree 30/2020).

    Signed once: a later export gives the same signed file (a signed document never changes).
    """
    from danvan.documents import services as documents

    outgoing = plan_outgoing(plan)
    if not outgoing.is_signed:
        outgoing = documents.sign_outgoing(actor=None, outgoing=outgoing)
    with outgoing.pdf.open("rb") as handle:
        return handle.read()


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


HEALTH_LABELS = dict(Health.choices)


def progress_rows(tree: ProgressTree) -> list[list[object]]:
    rows: list[list[object]] = []
    for entry in tree.items:
        node = entry["node"]
        if node.total.tasks == 0:
            continue
        rows.append([entry["item"].path, entry["item"].text[:200], node.total.tasks, node.total.done,
                     node.total.late, _percent(entry["progress"]), str(HEALTH_LABELS.get(entry["health"], "—"))])
    return rows


PROGRESS_HEADER = ["Mục", "Nội dung", "Số nhiệm vụ", "Hoàn thành", "Quá hạn", "Tiến độ", "Tình trạng"]
UNIT_HEADER = ["Đơn vị", "Số nhiệm vụ", "Hoàn thành", "Quá hạn", "Tiến độ", "Tình trạng"]


def progress_xlsx(plan: Plan, *, today: date | None = None) -> bytes:
    tree = progress_tree(plan, today=today)
    rows = progress_rows(tree)
    rows.append([])
    rows.append([_("Đơn vị"), "", _("Số nhiệm vụ"), _("Hoàn thành"), _("Quá hạn"), _("Tiến độ"), _("Tình trạng")])
    for row in tree.units:
        s = row["sums"]
        rows.append([row["unit"].name, "", s.tasks, s.done, s.late, _percent(row["progress"]),
                     str(HEALTH_LABELS.get(row["health"], "—"))])
    title = _("Tiến độ thực hiện Kế hoạch %(number)s — chung: %(p)s") % {
        "number": plan.full_number, "p": _percent(tree.progress)}
    return render_table_xlsx(title, PROGRESS_HEADER, rows, sheet_name="Tiến độ")


def progress_docx(plan: Plan, *, today: date | None = None) -> bytes:
    """A progress report of the plan (BC) as a draft official document with both tables."""
    tree = progress_tree(plan, today=today)
    base = official_document(plan)
    day = today or clock.today()
    units = [[r["unit"].name, r["sums"].tasks, r["sums"].done, r["sums"].late, _percent(r["progress"]),
              str(HEALTH_LABELS.get(r["health"], "—"))] for r in tree.units]
    body = [
        Paragraph(_("Tiến độ chung thực hiện Kế hoạch số %(number)s: %(p)s.") % {
            "number": plan.full_number, "p": _percent(tree.progress)}),
        Paragraph(_("1. Tiến độ theo nội dung kế hoạch"), level=2),
        Table(header=[PROGRESS_HEADER], rows=progress_rows(tree) or [["", "", "", "", "", "", ""]]),
        Paragraph(_("2. Tiến độ theo đơn vị"), level=2),
        Table(header=[UNIT_HEADER], rows=units or [["", "", "", "", "", ""]]),
    ]
    # A report of today, issued by the plan's unit and signed by its leader now (not the 2021 signer).
    issuer = issuer_for(plan.issuer) if plan.issuer_id else None
    return render_docx(OfficialDocument(
        issuing_body=issuer.issuing_body if issuer else base.issuing_body,
        parent_body=issuer.parent_body if issuer else base.parent_body,
        place=issuer.place if issuer else base.place, date=day,
        subject=_("Kết quả thực hiện Kế hoạch số %(number)s") % {"number": plan.full_number},
        signer=issuer.signer if issuer else base.signer, number=None, type_code="BC",
        issuer_code=issuer.issuer_code if issuer else base.issuer_code, body=body,
        recipients=[], archive=base.archive, issuer_name=plan.issuer.name if issuer else None,
    ))
