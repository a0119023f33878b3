"""The conclusion of an inspection (thông báo kết luận kiểm tra) as an official document.

Rendered by the one renderer (danvan.documents.render) and issued by the inspecting committee
(``documents.issuer``): its name in the header, its locality's place name, its leader's
signature block. Number, date, place and signer are those fixed when the conclusion was issued,
so printing it again gives the same document.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.vntext import format_date
from danvan.documents.filenames import download_name
from danvan.documents.issuer import issuer_for, signer_block
from danvan.documents.render import OfficialDocument, Paragraph, Table, render_docx
from danvan.inspections.models import Assessment, Finding, Inspection, ProposalKind, TeamRole

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def conclusion_filename(inspection: Inspection) -> str:
    return download_name(_("Kết luận kiểm tra"), inspection.number_text.replace("/", "-"), inspection.concluded_on,
                         ext="docx")


def _team_sentence(inspection: Inspection) -> str:
    members = list(inspection.team.select_related("staff").order_by("pk"))
    head = next((m for m in members if m.role == TeamRole.HEAD), None)
    text = ngettext("Đoàn kiểm tra gồm %(n)s thành viên", "Đoàn kiểm tra gồm %(n)s thành viên",
                    len(members)) % {"n": len(members)}
    if head is not None:
        text += _(", do %(name)s, %(position)s làm Trưởng đoàn") % {
            "name": head.staff.full_name, "position": head.staff.position or _("cán bộ")}
    return text + "."


def conclusion_document(inspection: Inspection) -> OfficialDocument:
    issuer = issuer_for(inspection.issuer)
    units = list(inspection.units.order_by("path"))
    unit_names = ", ".join(u.name for u in units)
    body: list = []
    basis = _("Thực hiện nhiệm vụ kiểm tra công tác dân vận chính quyền")
    if inspection.plan_id:
        plan = inspection.plan
        basis = _("Thực hiện %(plan)s") % {"plan": _("Kế hoạch số %(n)s ngày %(d)s của %(u)s về %(t)s") % {
            "n": plan.full_number, "d": format_date(plan.date), "u": plan.issuer.name,
            "t": plan.title[:1].lower() + plan.title[1:]}} if plan.full_number else basis
    body.append(Paragraph(_("%(basis)s; từ ngày %(s)s đến ngày %(e)s, %(lead)s chủ trì kiểm tra tại %(units)s "
                            "về kết quả thực hiện trong kỳ từ ngày %(ps)s đến ngày %(pe)s. %(team)s") % {
        "basis": basis, "s": format_date(inspection.start_on), "e": format_date(inspection.end_on),
        "lead": inspection.lead_unit.name, "units": unit_names, "ps": format_date(inspection.period_start),
        "pe": format_date(inspection.period_end), "team": _team_sentence(inspection)}))
    body.append(Paragraph(_("Xét báo cáo kết quả kiểm tra của Đoàn kiểm tra, %(u)s kết luận như sau:") % {
        "u": inspection.issuer.name}))
    section = 0
    body.append(Paragraph(f"{ROMAN[section]}. {_('KẾT QUẢ KIỂM TRA')}", level=1))
    findings = list(Finding.objects.filter(inspection=inspection).select_related("line__item", "unit")
                    .order_by("unit__path", "line__order", "line_id"))
    for number, unit in enumerate(units, start=1):
        body.append(Paragraph(f"{number}. {unit.name}", level=2))
        rows = []
        for index, finding in enumerate([f for f in findings if f.unit_id == unit.pk], start=1):
            content = finding.line.text
            if finding.line.item_id:
                content = f"{finding.line.item.path_label}: {content}"
            rows.append([index, content, Assessment(finding.assessment).label, finding.note or "—"])
        body.append(Table(header=[[_("STT"), _("Tiêu chí kiểm tra"), _("Đánh giá"), _("Kết quả, tồn tại")]],
                          rows=rows, column_widths=[15, 70, 25, 50]))
    section += 1
    body.append(Paragraph(f"{ROMAN[section]}. {_('KẾT LUẬN')}", level=1))
    for paragraph in [p for p in inspection.summary.splitlines() if p.strip()]:
        body.append(Paragraph(paragraph))
    recommendations = list(inspection.recommendations.select_related("unit", "owner").order_by("unit__path", "pk"))
    if recommendations:
        section += 1
        body.append(Paragraph(f"{ROMAN[section]}. {_('KIẾN NGHỊ')}", level=1))
        rows = []
        for index, rec in enumerate(recommendations, start=1):
            who = rec.unit.name + (f" ({rec.owner.full_name})" if rec.owner_id else "")
            rows.append([index, rec.text, who, format_date(rec.due_on)])
        body.append(Table(header=[[_("STT"), _("Nội dung kiến nghị"), _("Đơn vị, người thực hiện"), _("Hạn")]],
                          rows=rows, column_widths=[15, 72, 43, 30]))
        body.append(Paragraph(_("Các đơn vị tổ chức thực hiện, báo cáo kết quả (kèm minh chứng) về %(lead)s "
                                "đúng thời hạn nêu trên.") % {"lead": inspection.lead_unit.name}))
    proposals = list(inspection.proposals.select_related("subject_unit", "subject_person").order_by("kind", "pk"))
    if proposals:
        section += 1
        body.append(Paragraph(f"{ROMAN[section]}. {_('ĐỀ XUẤT KHEN THƯỞNG, XỬ LÝ TRÁCH NHIỆM')}", level=1))
        for proposal in proposals:
            subject = proposal.subject_person.full_name if proposal.subject_person_id else proposal.subject_unit.name
            if proposal.subject_person_id and proposal.subject_unit_id:
                subject = f"{subject} ({proposal.subject_unit.name})"
            body.append(Paragraph(_("%(kind)s đối với %(subject)s: %(facts)s") % {
                "kind": ProposalKind(proposal.kind).label, "subject": subject, "facts": proposal.facts}))
    signer = signer_block(inspection.issuer, SimpleNamespace(full_name=inspection.signer_name,
                                                             position=inspection.signer_position))
    recipients = [u.name for u in units] + [inspection.lead_unit.name, _("Lãnh đạo %(u)s") % {
        "u": inspection.issuer.name}]
    return OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=inspection.place or issuer.place,
        date=inspection.concluded_on, number=inspection.number, type_code=inspection.type_code,
        issuer_code=inspection.issuer_code, subject=_("Kết luận kiểm tra: %(t)s") % {"t": inspection.title},
        body=body, signer=signer, recipients=recipients, archive="Lưu: VT, NV.", issuer_name=inspection.issuer.name,
    )


def conclusion_docx(inspection: Inspection) -> bytes:
    return render_docx(conclusion_document(inspection))
