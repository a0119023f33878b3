"""Notices of a case are issued by the authority: offered only when the case allows, numbered once from the
unit's register, signed by its leader, dated at the ward's own place name, addressed to the citizen by name."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.documents.models import OutgoingNumber
from danvan.documents.render import check_docx
from danvan.org import services as org_services
from danvan.org.models import Role, Staff
from danvan.petitions import notices, services
from danvan.petitions.models import IssuedNotice, Petition, Status
from tests.documents.helpers import signer_lines, text_of

from .helpers import denunciation, feedback, png_upload


def _accepted(demo_org, users):
    sub = feedback(demo_org, actor=users["canbo"])
    return services.triage(actor=users["canbo"], petition=sub.petition, decision="accept")


def _state(demo_org, users, state: str) -> Petition:
    canbo = users["canbo"]
    petition = feedback(demo_org, actor=canbo).petition
    if state == "received":
        return petition
    if state == "accepted":
        return services.triage(actor=canbo, petition=petition, decision="accept")
    if state == "accepted_closed":
        petition = services.triage(actor=canbo, petition=petition, decision="accept")
        return services.close(actor=canbo, petition=petition, answer="Đã thay bóng đèn.", outcome="fixed",
                              evidence=png_upload())
    if state == "archived":
        return services.triage(actor=canbo, petition=petition, decision="archive", reason="duplicate")
    if state == "archived_no_reason":  # a record kept from before the reason was required
        petition = services.triage(actor=canbo, petition=petition, decision="archive", reason="duplicate")
        Petition.objects.filter(pk=petition.pk).update(triage_reason="")
        return Petition.objects.get(pk=petition.pk)
    if state == "forwarded":
        return services.triage(actor=canbo, petition=petition, decision="forward",
                               forwarded_to="Công an quận Thanh Xuân")
    if state == "guided":
        return services.triage(actor=canbo, petition=petition, decision="guide", forwarded_to="Tòa án nhân dân")
    raise AssertionError(state)


# state → which notice may be issued (None) or the words of the refusal
NOTICE_RULES = [
    ("received", "acceptance", "chưa được thụ lý"),
    ("received", "rejection", "không đủ điều kiện thụ lý"),
    ("received", "forwarding", "đã được chuyển"),
    ("accepted", "acceptance", None),
    ("accepted", "rejection", "đã được thụ lý"),
    ("accepted", "forwarding", "đã được chuyển"),
    ("accepted_closed", "acceptance", None),
    ("accepted_closed", "rejection", "đã được thụ lý"),
    ("archived", "rejection", None),
    ("archived", "acceptance", "chưa được thụ lý"),
    ("archived", "forwarding", "đã được chuyển"),
    ("archived_no_reason", "rejection", "Chưa ghi lý do"),
    ("forwarded", "forwarding", None),
    ("forwarded", "acceptance", "chưa được thụ lý"),
    ("forwarded", "rejection", "không đủ điều kiện thụ lý"),
    ("guided", "forwarding", "đã được chuyển"),
]


@pytest.mark.parametrize(("state", "kind", "refusal"), NOTICE_RULES)
def test_only_the_notices_the_state_allows(demo_org, users, state, kind, refusal):
    petition = _state(demo_org, users, state)
    reason = services.notice_refusal(petition, kind)
    if refusal is None:
        assert reason is None
        notice = services.issue_notice(actor=users["canbo"], petition=petition, kind=kind)
        assert check_docx(notices.notice_docx(notice)) == []
    else:
        assert refusal in reason
        with pytest.raises(ValidationError, match=refusal):
            services.issue_notice(actor=users["canbo"], petition=petition, kind=kind)
        assert not IssuedNotice.objects.exists() and not OutgoingNumber.objects.exists()


def test_issue_after_confirming_takes_one_number_and_prints_it_again(demo_org, users, client_for):
    petition = _accepted(demo_org, users)
    c = client_for(users["canbo"])
    page = c.get(reverse("petitions:notice_issue", args=[petition.pk, "acceptance"])).content.decode()
    assert "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH — Vũ Thị Mai" in page
    assert "không hoàn tác" in page and "Thượng Đình" in page
    assert not OutgoingNumber.objects.exists()  # looking at the confirmation takes no number
    response = c.post(reverse("petitions:notice_issue", args=[petition.pk, "acceptance"]))
    assert response.status_code == 302
    notice = IssuedNotice.objects.get(petition=petition)
    assert notice.number_text == "01/TB-UBND" and notice.signer == users["phuong"]
    assert OutgoingNumber.objects.get(issuer=demo_org["tx-thuong-dinh"], type_code="TB").last_number == 1
    # posting again (a double click, a refresh) takes no second number
    c.post(reverse("petitions:notice_issue", args=[petition.pk, "acceptance"]))
    assert IssuedNotice.objects.count() == 1
    assert OutgoingNumber.objects.get(issuer=demo_org["tx-thuong-dinh"], type_code="TB").last_number == 1

    first = c.get(reverse("petitions:notice", args=[petition.pk, "acceptance"]))
    again = c.get(reverse("petitions:notice", args=[petition.pk, "acceptance"]))
    assert first["Content-Disposition"] == f'attachment; filename="thong-bao-thu-ly-{petition.code}.docx"'
    data = first.content
    assert check_docx(data) == []
    text = text_of(data)
    assert "Số: 01/TB-UBND" in text and "Số: 01/TB-UBND" in text_of(again.content)
    assert f"Thượng Đình, ngày {notice.issued_on:%d}" in text and "Hà Nội, ngày" not in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG THƯỢNG ĐÌNH" in text
    assert "Kính gửi: Nguyễn Văn Bình (địa chỉ: Số 3 ngõ 12)." in text and "Ông/Bà" not in text
    assert signer_lines(data) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vũ Thị Mai"]
    assert users["canbo"].full_name not in "\n".join(signer_lines(data))  # the officer drafts; never signs

    # recorded on the case and in its history; the case page offers the download
    html = c.get(petition.get_absolute_url()).content.decode()
    assert "Tải về Thông báo thụ lý số 01/TB-UBND" in html
    assert "Phát hành thông báo thụ lý số 01/TB-UBND" in html

    # the next notice of the ward takes the next number
    second = _accepted(demo_org, users)
    assert services.issue_notice(actor=users["canbo"], petition=second, kind="acceptance").number == 2


def test_refused_notice_shows_the_reason_and_takes_no_number(demo_org, users, client_for):
    petition = _accepted(demo_org, users)
    c = client_for(users["canbo"])
    response = c.post(reverse("petitions:notice_issue", args=[petition.pk, "rejection"]))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Không lập được văn bản" in html and "đã được thụ lý" in html and "notice-confirm" not in html
    html = c.get(petition.get_absolute_url()).content.decode()
    assert "Thông báo không thụ lý: Hồ sơ đã được thụ lý" in html
    assert reverse("petitions:notice_issue", args=[petition.pk, "rejection"]) not in html
    assert not IssuedNotice.objects.exists() and not OutgoingNumber.objects.exists()


def test_a_vice_chairman_signs_kt_and_a_reprint_keeps_the_signer_of_the_day(demo_org, users):
    ward = demo_org["tx-thuong-dinh"]
    vice = org_services.create_staff(actor=None, username="pct-td", full_name="Tạ Quang Bình", unit=ward,
                                     role=Role.LEADER, position="Phó Chủ tịch UBND phường Thượng Đình")
    org_services.update_unit(actor=users["admin"], unit=ward, signer=vice)
    petition = _accepted(demo_org, users)
    notice = services.issue_notice(actor=users["canbo"], petition=petition, kind="acceptance")
    lines = signer_lines(notices.notice_docx(notice))
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tạ Quang Bình"]
    org_services.update_unit(actor=users["admin"], unit=ward, signer=None)
    notice.refresh_from_db()
    assert signer_lines(notices.notice_docx(notice)) == lines  # the document as issued


def test_no_number_without_a_known_signer(demo_org, users):
    ward = demo_org["tx-thuong-dinh"]
    for leader in Staff.objects.filter(unit=ward, role=Role.LEADER):
        org_services.update_staff(actor=users["admin"], staff=leader, is_active=False)
    petition = _accepted(demo_org, users)
    with pytest.raises(ValidationError, match="Chưa xác định lãnh đạo ký"):
        services.issue_notice(actor=users["canbo"], petition=petition, kind="acceptance")
    assert not OutgoingNumber.objects.exists()


def test_officer_of_another_ward_cannot_issue(demo_org, users, client_for):
    petition = _accepted(demo_org, users)
    with pytest.raises(PermissionDenied):
        services.issue_notice(actor=users["canbo2"], petition=petition, kind="acceptance")
    response = client_for(users["canbo2"]).post(reverse("petitions:notice_issue", args=[petition.pk, "acceptance"]))
    assert response.status_code in (403, 404)
    assert not IssuedNotice.objects.exists()


def test_forwarding_slip_and_rejection_name_their_addressee_and_reason(demo_org, users):
    forwarded = _state(demo_org, users, "forwarded")
    slip = services.issue_notice(actor=users["canbo"], petition=forwarded, kind="forwarding")
    text = text_of(notices.notice_docx(slip))
    assert "PHIẾU CHUYỂN" in text and "Số: 01/PC-UBND" in text
    assert "Kính gửi: Công an quận Thanh Xuân." in text and "—" not in text
    assert notices.notice_filename(slip) == f"phieu-chuyen-don-{forwarded.code}.docx"
    archived = _state(demo_org, users, "archived")
    rejection = services.issue_notice(actor=users["canbo"], petition=archived, kind="rejection")
    text = text_of(notices.notice_docx(rejection, people=list(archived.identities.all())))
    assert "Đơn trùng nội dung" in text and "(chưa ghi lý do)" not in text
    assert "Kính gửi: Nguyễn Văn Bình" in text and "Số: 02/TB-UBND" not in text and "Số: 01/TB-UBND" in text
    assert notices.notice_filename(rejection) == f"thong-bao-khong-thu-ly-{archived.code}.docx"


def test_addressee_is_named_and_ong_ba_only_without_a_name():
    class Person:
        def __init__(self, name, address="", rep=False):
            self.full_name, self.address, self.is_representative = name, address, rep

    assert notices.addressee([]) == "Ông/Bà"
    assert notices.addressee([Person("")]) == "Ông/Bà"
    assert notices.addressee([Person("Lê Văn Tám", "Tổ 3")]) == "Lê Văn Tám (địa chỉ: Tổ 3)"
    assert notices.addressee([Person("A"), Person("Lê Thị Đại Diện", rep=True)]) == \
        "Lê Thị Đại Diện và những người cùng ký đơn"


def test_denouncer_named_only_for_those_who_may_see_the_identity(demo_org, users, client_for):
    petition = denunciation(demo_org, actor=users["canbo"]).petition
    services.assign(actor=users["phuong"], petition=petition, officer=users["canbo"])
    petition = services.triage(actor=users["canbo"], petition=petition, decision="accept")
    services.issue_notice(actor=users["canbo"], petition=petition, kind="acceptance")
    data = client_for(users["canbo"]).get(reverse("petitions:notice", args=[petition.pk, "acceptance"])).content
    assert "Trần Thị Bí Mật" in text_of(data)
    other = client_for(users["chutich"]).get(reverse("petitions:notice", args=[petition.pk, "acceptance"]))
    if other.status_code == 200:
        assert "Trần Thị Bí Mật" not in text_of(other.content) and "Kính gửi: Ông/Bà." in text_of(other.content)
    assert petition.status == Status.ACCEPTED
