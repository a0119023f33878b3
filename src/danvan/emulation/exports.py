"""Emulation documents through the one renderer: the ranking and a unit's sheet (.docx, .xlsx), and the
decision recognising a "Dân vận khéo" model (.docx, numbered from the committee's register)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.core.vntext import format_date
from danvan.documents.issuer import formal_name, issuer_code, issuer_for, parent_body, place_of
from danvan.documents.render import OfficialDocument, Paragraph, Table, render_docx, render_table_xlsx
from danvan.emulation.models import ExemplaryModel, Proposal, ProposalKind, RecognitionLevel, Scheme
from danvan.emulation.selectors import Line, Ranking, UnitResult, _number
from danvan.org import clock
from danvan.org.models import Unit


def _points(value) -> str:
    return _number(value)


def _period(scheme: Scheme) -> str:
    return _("số liệu từ ngày %(s)s đến ngày %(e)s") % {"s": format_date(scheme.period_start),
                                                      "e": format_date(scheme.period_end)}


def _state(result: Ranking) -> str:
    if result.frozen:
        return _("Kết quả đã chốt, không tính lại.")
    return _("Kết quả tạm tính đến ngày %(d)s; năm chưa chốt.") % {"d": format_date(result.cutoff)}


def _report(unit: Unit, subject: str, body: list) -> OfficialDocument:
    return OfficialDocument(
        parent_body=parent_body(unit), issuing_body=formal_name(unit), type_code="BC", issuer_code=issuer_code(unit),
        place=place_of(unit), date=clock.today(), subject=subject, body=body, signer=issuer_for(unit).signer,
        recipients=[_("Hội đồng Thi đua – Khen thưởng"), _("Các đơn vị được chấm điểm")], archive="Lưu: VT, NV.",
        issuer_name=unit.name)


def ranking_xlsx(result: Ranking) -> bytes:
    scheme = result.scheme
    header = [_("Hạng"), _("Đơn vị"), *[c.name for c in result.criteria], _("Tổng điểm"), _("Phân định khi bằng điểm")]
    rows = [[r.rank, r.unit.name, *[float(line.points) for line in r.lines], float(r.total), r.decided_by]
            for r in result.rows]
    title = _("Bảng xếp hạng thi đua năm %(y)s — %(unit)s (%(period)s). %(state)s") % {
        "y": scheme.year, "unit": scheme.unit.name, "period": _period(scheme), "state": _state(result)}
    return render_table_xlsx(title, header, rows, sheet_name=_("Xếp hạng"))


def ranking_docx(result: Ranking) -> bytes:
    scheme = result.scheme
    body = [
        Paragraph(_("Căn cứ %(name)s (phiên bản %(rev)s), %(period)s, kết quả chấm điểm và xếp hạng thi đua công "
                    "tác dân vận của các đơn vị như sau:") % {"name": scheme.name, "rev": scheme.revision,
                                                                "period": _period(scheme)}),
        Table(header=[[_("Hạng"), _("Đơn vị"), _("Tổng điểm"), _("Điểm trừ"), _("Phân định khi bằng điểm")]],
              rows=[[str(r.rank), r.unit.name, _points(r.total), _points(r.deductions), r.decided_by or ""]
                    for r in result.rows],
              column_widths=[16, 62, 24, 22, 41]),
        Paragraph(_state(result), italic=True),
        Paragraph(_("Khi bằng tổng điểm, đơn vị có ít điểm trừ hơn xếp trên; nếu vẫn bằng, đơn vị có điểm cao hơn ở "
                    "tiêu chí đứng trước trong bộ tiêu chí xếp trên; sau cùng theo tên đơn vị.")),
    ]
    subject = _("Kết quả chấm điểm, xếp hạng thi đua công tác dân vận năm %(y)s") % {"y": scheme.year}
    return render_docx(_report(scheme.unit, subject, body))


def _line_rows(row: UnitResult) -> list[list]:
    out = []
    for index, line in enumerate(row.lines, 1):
        c = line.criterion
        maximum = ("-" if line.points < 0 or c.deduction else "") + _points(c.max_points)
        out.append([str(index), c.name, maximum, line.explanation, _points(line.points)])
    return out


def sheet_xlsx(result: Ranking, row: UnitResult) -> bytes:
    rows: list[list] = []
    for index, line in enumerate(row.lines, 1):
        c = line.criterion
        rows.append([index, c.name, float(c.max_points), line.explanation, float(line.points)])
        for ref in line.records or []:
            rows.append(["", "  – " + ref.label, None, ref.note + ("" if ref.counted else _(" (không tính)")), None])
    rows.append(["", _("Tổng điểm"), None, _("Hạng %(r)s/%(n)s") % {"r": row.rank, "n": len(result.rows)},
                 float(row.total)])
    title = _("Phiếu chấm điểm thi đua năm %(y)s — %(unit)s (%(period)s). %(state)s") % {
        "y": result.scheme.year, "unit": row.unit.name, "period": _period(result.scheme), "state": _state(result)}
    return render_table_xlsx(title, [_("STT"), _("Tiêu chí, bản ghi được tính"), _("Điểm tối đa"), _("Số liệu, căn cứ"),
                                     _("Điểm")], rows, sheet_name=_("Phiếu chấm điểm"))


def sheet_docx(result: Ranking, row: UnitResult) -> bytes:
    scheme = result.scheme
    body: list = [
        Paragraph(_("Căn cứ %(name)s (phiên bản %(rev)s), %(period)s, kết quả chấm điểm thi đua của %(unit)s như "
                    "sau:") % {"name": scheme.name, "rev": scheme.revision, "period": _period(scheme),
                               "unit": row.unit.name}),
        Table(header=[[_("STT"), _("Tiêu chí"), _("Điểm tối đa"), _("Số liệu, căn cứ"), _("Điểm")]],
              rows=[*_line_rows(row), ["", _("Tổng điểm"), "", _("Hạng %(r)s/%(n)s") % {
                  "r": row.rank, "n": len(result.rows)}, _points(row.total)]],
              column_widths=[14, 56, 20, 57, 18]),
        Paragraph(_state(result), italic=True),
    ]
    detailed = [line for line in row.lines if line.records]
    if detailed:
        body.append(Paragraph(_("Các bản ghi được tính"), level=2))
    for line in detailed:
        body.append(Paragraph(line.criterion.name, level=3))
        for ref in line.records or []:
            note = f": {ref.note}" if ref.note else ""
            body.append(Paragraph(f"- {ref.label}{note}" + ("" if ref.counted else _(" (không tính)"))))
    subject = _("Phiếu chấm điểm thi đua công tác dân vận năm %(y)s của %(unit)s") % {
        "y": scheme.year, "unit": row.unit.name}
    return render_docx(_report(scheme.unit, subject, body))


def decision_docx(model: ExemplaryModel) -> bytes:
    """The decision recognising a model (QĐ), from the reviewing committee, with its register number."""
    unit = model.reviewing_unit
    issuer = issuer_for(unit)
    level = RecognitionLevel(model.level).label.lower() if model.level else ""
    subject = _("Về việc công nhận mô hình “Dân vận khéo” %(level)s năm %(y)s") % {"level": level, "y": model.year}
    authority = _("CHỦ TỊCH %(body)s") % {"body": formal_name(unit).upper()}
    body = [
        Paragraph(authority, bold=True, align="center"),
        Paragraph(_("Căn cứ Luật Tổ chức chính quyền địa phương; Luật Thi đua, khen thưởng năm 2022 và các văn bản "
                    "hướng dẫn thi hành;")),
        Paragraph(_("Căn cứ kết quả xét của Hội đồng Thi đua – Khen thưởng %(unit)s;") % {"unit": unit.name}),
        Paragraph(_("QUYẾT ĐỊNH:"), bold=True, align="center"),
        Paragraph(_("Điều 1. Công nhận mô hình “%(name)s” của %(owner)s là mô hình “Dân vận khéo” %(level)s năm "
                    "%(y)s (lĩnh vực %(field)s).") % {"name": model.name, "owner": model.unit.name, "level": level,
                                                     "y": model.year, "field": model.get_field_display().lower()}),
        Paragraph(_("Kết quả: %(r)s") % {"r": model.results}),
        Paragraph(_("Điều 2. %(owner)s tiếp tục duy trì, nhân rộng mô hình; các đơn vị học tập, vận dụng phù hợp "
                    "với thực tiễn.") % {"owner": model.unit.name}),
        Paragraph(_("Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng phòng Nội vụ, %(owner)s "
                    "và các cá nhân, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.") % {
                        "owner": model.unit.name}),
    ]
    doc = OfficialDocument(
        parent_body=parent_body(unit), issuing_body=formal_name(unit), type_code="QĐ", issuer_code=issuer_code(unit),
        number=model.decision_number, place=place_of(unit), date=model.decision_date or clock.today(),
        subject=subject, body=body, signer=issuer.signer,
        recipients=[_("Như Điều 3"), model.unit.name], archive="Lưu: VT, NV.", issuer_name=unit.name)
    return render_docx(doc)


def _what(proposal: Proposal) -> str:
    if proposal.kind == ProposalKind.COMMENDATION:
        award = proposal.award.name if proposal.award else ""
        return _("tặng “%(a)s” cho %(n)s") % {"a": award, "n": proposal.nominee_name}
    return _("xử lý trách nhiệm đối với %(n)s, hình thức %(m)s") % {
        "n": proposal.nominee_name, "m": proposal.get_measure_display().lower()}


def proposal_docx(proposal: Proposal) -> bytes:
    """The proposing unit's submission to the council (Tờ trình, TTr)."""
    unit = proposal.unit
    subject = _("Về việc đề nghị %(w)s năm %(y)s") % {"w": _what(proposal), "y": proposal.year}
    heading = _("Thành tích") if proposal.kind == ProposalKind.COMMENDATION else _("Sự việc, hậu quả")
    body = [
        Paragraph(_("Kính gửi: Hội đồng Thi đua – Khen thưởng %(u)s.") % {"u": proposal.reviewing_unit.name},
                  align="center"),
        Paragraph(_("%(unit)s đề nghị %(w)s.") % {"unit": unit.name, "w": _what(proposal)}),
        Paragraph(heading, level=2),
        *[Paragraph(line) for line in proposal.grounds.splitlines() if line.strip()],
        Paragraph(_("Kính trình Hội đồng xem xét, quyết định.")),
    ]
    doc = OfficialDocument(
        parent_body=parent_body(unit), issuing_body=formal_name(unit), type_code="TTr", issuer_code=issuer_code(unit),
        place=place_of(unit), date=clock.today(), subject=subject, body=body, signer=issuer_for(unit).signer,
        recipients=[_("Như trên")], archive="Lưu: VT.", issuer_name=unit.name)
    return render_docx(doc)


def proposal_decision_docx(proposal: Proposal) -> bytes:
    """The decision on an approved proposal (QĐ), from the reviewing committee, with its register number."""
    unit = proposal.reviewing_unit
    if proposal.kind == ProposalKind.COMMENDATION:
        subject = _("Về việc khen thưởng năm %(y)s") % {"y": proposal.year}
        article = _("Điều 1. Tặng “%(a)s” cho %(n)s (%(owner)s) đã có thành tích: %(g)s") % {
            "a": proposal.award.name, "n": proposal.nominee_name, "owner": proposal.unit.name,
            "g": proposal.grounds.replace("\n", " ")}
        basis = _("Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;")
    else:
        subject = _("Về việc xử lý trách nhiệm")
        article = _("Điều 1. Áp dụng hình thức %(m)s đối với %(n)s về sự việc: %(g)s") % {
            "m": proposal.get_measure_display().lower(), "n": proposal.nominee_name,
            "g": proposal.grounds.replace("\n", " ")}
        basis = _("Căn cứ Luật Cán bộ, công chức và Nghị định số 112/2020/NĐ-CP về xử lý kỷ luật cán bộ, công chức, "
                  "viên chức;")
    body = [
        Paragraph(_("CHỦ TỊCH %(body)s") % {"body": formal_name(unit).upper()}, bold=True, align="center"),
        Paragraph(_("Căn cứ Luật Tổ chức chính quyền địa phương;")),
        Paragraph(basis),
        Paragraph(_("Xét đề nghị của %(u)s và ý kiến của Hội đồng Thi đua – Khen thưởng;") % {"u": proposal.unit.name}),
        Paragraph(_("QUYẾT ĐỊNH:"), bold=True, align="center"),
        Paragraph(article),
        Paragraph(_("Điều 2. Quyết định có hiệu lực kể từ ngày ký. Trưởng phòng Nội vụ, %(u)s và cá nhân, tập thể có "
                    "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.") % {"u": proposal.unit.name}),
    ]
    doc = OfficialDocument(
        parent_body=parent_body(unit), issuing_body=formal_name(unit), type_code="QĐ", issuer_code=issuer_code(unit),
        number=proposal.decision_number, place=place_of(unit), date=proposal.decision_date or clock.today(),
        subject=subject, body=body, signer=issuer_for(unit).signer, recipients=[_("Như Điều 2")],
        archive="Lưu: VT, NV.", issuer_name=unit.name)
    return render_docx(doc)


__all__ = ["Line", "decision_docx", "proposal_decision_docx", "proposal_docx", "ranking_docx", "ranking_xlsx",
           "sheet_docx", "sheet_xlsx"]
