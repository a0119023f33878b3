from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents.render import check_docx
from danvan.org import clock
from danvan.petitions import services
from danvan.petitions.models import Attachment, IdentityAccessLog, Petition, Status
from tests.confidential import forms_of, leaks, response_text

from .helpers import SCAN_NAME, denunciation, feedback, png_bytes, png_upload

pytestmark = pytest.mark.django_db

SECRET_BITS = ["Trần Thị Bí Mật", "Tran Thi Bi Mat", "Số 99 phố Kín", "001199887766", "0988777666"]
#: The identity in every form a page or a header could show it, the scan's file name included.
SECRET_FORMS = forms_of(*SECRET_BITS, SCAN_NAME, SCAN_NAME.rsplit(".", 1)[0])


def _leaks(content: bytes) -> list[str]:
    text = content.decode("utf-8", errors="ignore")
    return [bit for bit in SECRET_BITS if bit in text]


def _docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def test_denouncer_identity_absent_everywhere_for_other_unit_and_verifier(demo_org, users, client_for, client):
    """Walk every page, export, download and response as canbo2 (other ward) and as a verifier."""
    canbo = users["canbo"]
    sub = denunciation(demo_org, actor=canbo)
    p = sub.petition
    # The verifier: the ward chairman assigns the ward's second officer… use the inspector of the district,
    # who sees the whole tree, plus an in-ward verifier assigned on the case.
    from danvan.org.services import create_staff
    verifier = create_staff(actor=None, username="xacminh", full_name="Ngô Xác Minh", unit=demo_org["tx-thuong-dinh"])
    services.assign(actor=users["phuong"], petition=p, officer=canbo, verifier=verifier)
    services.triage(actor=canbo, petition=p, decision="accept")
    services.issue_notice(actor=canbo, petition=p, kind="acceptance")  # the handling officer saw the name
    services.add_note(actor=canbo, petition=p, text="Đã làm việc với cán bộ địa chính.", is_public=False)
    feedback(demo_org)  # another case in the list
    confidential = p.attachments.get()
    assert confidential.confidential
    log_before = IdentityAccessLog.objects.count()

    for who in (users["canbo2"], verifier, users["kiemtra"], users["chutich"], users["admin"], users["noivu"]):
        c = client_for(who)
        urls = [
            reverse("petitions:petition_list"),
            reverse("petitions:petition_list") + "?q=Tran+Thi+Bi+Mat",
            reverse("petitions:petition_list") + "?q=001199887766",
            reverse("petitions:petition_detail", args=[p.pk]),
            reverse("petitions:petition_detail", args=[p.pk]) + "?danh-tinh=1",
            reverse("petitions:attachment", args=[confidential.pk]),
            reverse("petitions:notice", args=[p.pk, "acceptance"]),
            reverse("petitions:notice", args=[p.pk, "forwarding"]),
            reverse("petitions:petition_export", args=["xlsx"]),
            reverse("petitions:petition_export", args=["docx"]) + f"?unit={demo_org['tx-thuong-dinh'].pk}",
        ]
        for url in urls:
            response = c.get(url)
            assert response.status_code in (200, 302, 403, 404), (who, url, response.status_code)
            # A search page echoes the query typed by the officer: that is not a leak.
            echoed = forms_of("Tran Thi Bi Mat", "001199887766") if "q=" in url else set()
            assert not [f for f in leaks(response, SECRET_FORMS) if f not in echoed], (who.username, url)
            text = response_text(response)
            if "q=" in url and response.status_code == 200:
                assert p.code not in text, (who.username, url)  # search never matches on identity
        # the scan of the letter may reveal the handwriting: refused
        assert c.get(reverse("petitions:attachment", args=[confidential.pk])).status_code in (403, 404)
        c.logout()
    assert IdentityAccessLog.objects.count() == log_before  # nobody else saw it, nothing logged

    # The public tracking page does not show it either.
    r = client.post(reverse("petitions:public_track"), {"code": sub.code, "secret": sub.secret})
    assert r.status_code == 200 and sub.code in r.content.decode() and not _leaks(r.content)

    # The handling officer sees it on request (logged) and the ward chairman sees the log.
    c = client_for(canbo)
    r = c.get(reverse("petitions:petition_detail", args=[p.pk]))
    assert not leaks(r, SECRET_FORMS)  # not shown until asked, the scan's file name included
    r = c.get(reverse("petitions:petition_detail", args=[p.pk]) + "?danh-tinh=1")
    assert "Trần Thị Bí Mật" in r.content.decode()
    assert c.get(reverse("petitions:attachment", args=[confidential.pk])).status_code == 200
    c = client_for(users["phuong"])
    r = c.get(reverse("petitions:petition_detail", args=[p.pk]))
    assert "Đỗ Minh Tuấn" in r.content.decode() and 'data-testid="identity-log"' in r.content.decode()
    assert IdentityAccessLog.objects.filter(petition=p, staff=canbo).exists()


def test_list_fixed_queries_and_filters(demo_org, users, client_for, django_assert_max_num_queries):
    c = client_for(users["canbo"])
    url = reverse("petitions:petition_list")
    feedback(demo_org)
    with django_assert_max_num_queries(14) as few:
        c.get(url)
    for _i in range(30):
        feedback(demo_org, subject="Rác thải tập kết sai nơi", content="Rác thải ở đầu ngõ 5 chưa được thu gom.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = c.get(url)
    assert r.status_code == 200
    r = c.get(url + "?q=RAC+THAI")
    assert r.context["page"].paginator.count == 30
    r = c.get(url + "?q=rác thải&kind=feedback&status=received")
    assert r.context["page"].paginator.count == 30
    r = c.get(url + "?overdue=on")
    assert r.context["page"].paginator.count == 0
    # other ward sees none of them
    c2 = client_for(users["canbo2"])
    assert c2.get(url).context["page"].paginator.count == 0


def test_overdue_filter_uses_stored_due(demo_org, users, client_for):
    sub = feedback(demo_org, received_on=date(2025, 1, 6))
    assert Petition.objects.overdue().filter(pk=sub.petition.pk).exists()
    r = client_for(users["canbo"]).get(reverse("petitions:petition_list") + "?overdue=on")
    assert r.context["page"].paginator.count == 1 and "Quá hạn" in r.content.decode()


def test_exports_and_notices_render(demo_org, users, client_for):
    canbo = users["canbo"]
    sub = feedback(demo_org, actor=canbo)
    services.triage(actor=canbo, petition=sub.petition, decision="accept")
    c = client_for(canbo)
    r = c.get(reverse("petitions:petition_export", args=["xlsx"]))
    assert r.status_code == 200 and sub.code in _xlsx_text(r.content)
    r = c.get(reverse("petitions:petition_export", args=["docx"]))
    assert r.status_code == 200 and sub.code in _docx_text(r.content)
    assert check_docx(r.content) == []
    # Only the notice the case allows is offered; issuing it (after confirming) gives a numbered document.
    r = c.post(reverse("petitions:notice_issue", args=[sub.petition.pk, "acceptance"]))
    assert r.status_code == 302
    r = c.get(reverse("petitions:notice", args=[sub.petition.pk, "acceptance"]))
    assert r.status_code == 200 and check_docx(r.content) == []
    assert sub.code in _docx_text(r.content) and "Số: 01/TB-UBND" in _docx_text(r.content)
    for which in ("rejection", "forwarding"):
        r = c.get(reverse("petitions:notice", args=[sub.petition.pk, which]), follow=True)
        assert r.status_code == 200 and r["Content-Type"].startswith("text/html"), which
        assert "Không lập được văn bản" in r.content.decode(), which


def test_detail_shows_deadline_explanation_and_history(demo_org, users, client_for):
    canbo = users["canbo"]
    sub = feedback(demo_org, actor=canbo)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    r = client_for(canbo).get(p.get_absolute_url())
    html = r.content.decode()
    assert p.resolve_due.strftime("%d/%m/%Y") in html and "ngày làm việc" in html
    assert "Thụ lý đơn" in html  # history reason


def test_public_form_shows_code_and_bad_input(demo_org, client):
    url = reverse("petitions:public_submit")
    unit = demo_org["hn-thanh-xuan"]
    from .helpers import field
    base = {"kind": "feedback", "field": field().pk, "unit": unit.pk, "subject": "Ổ gà đường Nguyễn Trãi",
            "content": "Ổ gà lớn trước số 200.", "full_name": "Phạm Văn Dân", "phone": "0901234567"}
    r = client.post(url, {**base, "content": "<script>alert('x')</script>"})
    assert r.status_code == 200 and "thẻ HTML" in r.content.decode() and Petition.objects.count() == 0
    exe = SimpleUploadedFile("hoa-don.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500, content_type="application/pdf")
    r = client.post(url, {**base, "attachment": exe})
    assert "không đúng loại" in r.content.decode() and Petition.objects.count() == 0
    r = client.post(url, {**base, "attachment": SimpleUploadedFile("o-ga.png", png_bytes())})
    p = Petition.objects.get()
    # Post/Redirect/Get: the answer is a page of its own; neither code nor secret travels in the URL.
    assert r.status_code == 302 and r["Location"] == reverse("petitions:public_submitted")
    html = client.get(r["Location"]).content.decode()
    assert 'data-testid="secret"' in html
    assert p.code in html and p.channel == "web" and p.attachments.count() == 1


def test_thirty_mb_upload_refused(demo_org, client, settings):
    from .helpers import field
    big = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (30 * 1024 * 1024))
    r = client.post(reverse("petitions:public_submit"), {
        "kind": "feedback", "field": field().pk, "unit": demo_org["hn-thanh-xuan"].pk, "subject": "Ảnh lớn",
        "content": "Nội dung", "full_name": "Phạm Văn Dân", "attachment": big})
    assert "nặng 30 MB, vượt quá giới hạn 20 MB" in r.content.decode()
    assert Petition.objects.count() == 0 and Attachment.objects.count() == 0


def test_intake_by_officer_bad_input(demo_org, users, client_for):
    c = client_for(users["canbo"])
    from .helpers import field
    data = {"kind": "complaint_first", "field": field("dat-dai").pk, "unit": demo_org["tx-thuong-dinh"].pk,
            "channel": "in_person", "received_on": "2099-01-01", "subject": "Khiếu nại", "content": "Nội dung",
            "nguoi-TOTAL_FORMS": "1", "nguoi-INITIAL_FORMS": "0", "nguoi-0-full_name": "Lê Văn Khiếu",
            "nguoi-0-address": "Thượng Đình", "signers_count": 1}
    r = c.post(reverse("petitions:petition_create"), data)
    html = r.content.decode()
    assert "chữ ký hoặc điểm chỉ" in html and "không thể sau ngày hôm nay" in html
    assert Petition.objects.count() == 0
    data.update(received_on=clock.today().isoformat(), is_signed="on")
    r = c.post(reverse("petitions:petition_create"), data)
    assert r.status_code == 302 and Petition.objects.count() == 1


def test_tracking_rate_and_wrong_secret(demo_org, users, client):
    canbo = users["canbo"]
    sub = feedback(demo_org)
    url = reverse("petitions:public_track")
    r = client.post(url, {"code": sub.code, "secret": "SAI"})
    assert "Không tìm thấy" in r.content.decode()
    r = client.post(url, {"code": sub.code, "secret": sub.secret})
    assert "Đã tiếp nhận" in r.content.decode()
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    services.close(actor=canbo, petition=p, answer="Đã xử lý xong.", outcome="fixed", evidence=png_upload())
    r = client.post(url, {"code": sub.code, "secret": sub.secret})
    assert "Đã xử lý xong." in r.content.decode() and 'data-testid="rating-form"' in r.content.decode()
    r = client.post(url, {"code": sub.code, "secret": sub.secret, "score": "4", "comment": "Tốt"})
    assert "Cảm ơn" in r.content.decode()
    assert Petition.objects.get(pk=p.pk).ratings.get().score == 4


def test_action_view_reports_illegal_move(demo_org, users, client_for):
    canbo = users["canbo"]
    sub = feedback(demo_org)
    c = client_for(canbo)
    r = c.post(reverse("petitions:petition_action", args=[sub.petition.pk]),
               {"action": "transition", "to": "verifying", "version": sub.petition.version}, follow=True)
    assert "Không thể chuyển" in r.content.decode()
    assert Petition.objects.get(pk=sub.petition.pk).status == Status.RECEIVED


def test_public_form_takes_angle_brackets_as_text_and_shows_them_escaped(demo_org, client, users, client_for):
    from .helpers import field
    unit = demo_org["hn-thanh-xuan"]
    r = client.post(reverse("petitions:public_submit"), {
        "kind": "feedback", "field": field().pk, "unit": unit.pk, "subject": "Biển báo a<b và c>d sai",
        "content": "Diện tích < 50 m² nhưng biển ghi > 100 m².", "full_name": "Phạm Văn Dân", "phone": "0901234567"})
    assert r.status_code == 302
    p = Petition.objects.get()
    assert p.subject == "Biển báo a<b và c>d sai"
    html = client_for(users["admin"]).get(p.get_absolute_url()).content.decode()
    assert "Biển báo a&lt;b và c&gt;d sai" in html and "<b và c>" not in html


def test_public_form_lists_todays_wards_and_says_where_former_ones_went(demo_org, client):
    import io

    from danvan.carryover import demo as reform_demo

    from .helpers import field

    reform_demo.load(io.StringIO())  # the former wards' successors, from the 2025 mapping

    html = client.get(reverse("petitions:public_submit")).content.decode()
    choices = html[html.index('name="unit"'):html.index("</select>", html.index('name="unit"'))]
    assert "UBND phường Thanh Xuân (từ 2025)" in choices and "UBND phường Thượng Đình" not in choices
    assert "Phường Thượng Đình (cũ) → phường Thanh Xuân" in html
    r = client.post(reverse("petitions:public_submit"), {
        "kind": "feedback", "field": field().pk, "unit": demo_org["tx-thuong-dinh"].pk, "subject": "Ổ gà",
        "content": "Ổ gà lớn.", "full_name": "Phạm Văn Dân"})
    assert r.status_code == 200 and Petition.objects.count() == 0
