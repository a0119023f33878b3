"""Commendation and responsibility proposals: drafted by a unit's head, voted by the council, decided with a
number from the register, the "Chiến sĩ thi đua cơ sở" cap from the settings, rendered as official documents."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.documents.render import check_docx
from danvan.emulation import exports, services
from danvan.emulation.models import Award, CouncilPosition, Proposal, ProposalStatus, Vote
from danvan.org import policy
from danvan.org.models import Role, Staff


@pytest.fixture
def council(demo_org, users):
    district = demo_org["tx-ubnd"]
    for username, position in (("chutich", CouncilPosition.CHAIR), ("noivu", CouncilPosition.SECRETARY),
                               ("kiemtra", CouncilPosition.MEMBER)):
        services.add_council_member(actor=None, unit=district, staff=users[username], position=position)
    return district


def _approved(proposal, users):
    proposal = services.submit_proposal(actor=None, proposal=proposal)
    for member in ("noivu", "chutich"):
        services.vote_proposal(actor=users[member], proposal=proposal, vote=Vote.AGREE, comment="Đủ tiêu chuẩn.")
    return services.decide_proposal(actor=users["chutich"], proposal=proposal, approve=True)


@pytest.mark.django_db
def test_a_commendation_goes_from_the_ward_to_a_numbered_decision(council, demo_org, users):
    award = Award.objects.get(code="lao-dong-tien-tien")
    proposal = services.propose(actor=users["phuong"], kind="commendation", unit=demo_org["tx-thuong-dinh"],
                                reviewing_unit=council, year=2026, award=award, nominee_staff=users["canbo"],
                                grounds="Hoàn thành xuất sắc nhiệm vụ tiếp nhận, xử lý đơn thư năm 2026.")
    with pytest.raises(PermissionDenied):
        services.vote_proposal(actor=users["canbo2"], proposal=services.submit_proposal(actor=None, proposal=proposal),
                               vote=Vote.AGREE)
    services.vote_proposal(actor=users["noivu"], proposal=proposal, vote=Vote.AGREE)
    with pytest.raises(ValidationError, match="quá nửa"):
        services.decide_proposal(actor=users["chutich"], proposal=proposal, approve=True)
    with pytest.raises(PermissionDenied):
        services.decide_proposal(actor=users["phuong"], proposal=proposal, approve=True)
    services.vote_proposal(actor=users["kiemtra"], proposal=proposal, vote=Vote.AGREE)
    proposal = services.decide_proposal(actor=users["chutich"], proposal=Proposal.objects.get(pk=proposal.pk),
                                        approve=True)
    assert proposal.status == ProposalStatus.APPROVED and proposal.decision_number == 1
    assert check_docx(exports.proposal_docx(proposal)) == []
    assert check_docx(exports.proposal_decision_docx(proposal)) == []
    reasons = [h.history_change_reason for h in proposal.history.order_by("history_date")]
    assert reasons[0] == "Lập đề nghị" and reasons[-1] == "Quyết định theo đề nghị"


@pytest.mark.django_db
def test_chien_si_thi_dua_co_so_is_capped_by_the_setting_when_proposing_and_deciding(council, demo_org, users,
                                                                                     settings):
    ward = demo_org["tx-thuong-dinh"]
    cstd = Award.objects.get(code="chien-si-thi-dua-co-so")
    ldtt = Award.objects.get(code="lao-dong-tien-tien")

    def propose(award, person):
        return services.propose(actor=users["phuong"], kind="commendation", unit=ward, reviewing_unit=council,
                                year=2026, award=award, nominee_staff=person, grounds="Thành tích tiêu biểu trong năm.")

    with pytest.raises(ValidationError, match="Hãy lập đề nghị “Lao động tiên tiến” trước") as refused:
        propose(cstd, users["canbo"])
    assert set(refused.value.message_dict) == {"award"}
    people = [Staff.objects.create(username=f"cc{i}", full_name=f"Công chức {i}", unit=ward, role=Role.OFFICER)
              for i in range(7)]
    advanced = [propose(ldtt, person) for person in people]  # 7 proposed: 15% of 7 allows one
    first = propose(cstd, users["canbo"])
    with pytest.raises(ValidationError, match="tối đa 1, đã đề nghị 1"):
        propose(cstd, people[0])
    # Deciding counts decisions: the "Lao động tiên tiến" are decided first.
    with pytest.raises(ValidationError, match="Vượt tỷ lệ 15%"):
        _approved(first, users)
    for proposal in advanced:
        _approved(proposal, users)
    first = services.decide_proposal(actor=users["chutich"], proposal=Proposal.objects.get(pk=first.pk), approve=True)
    assert first.decision_number == 8
    settings.DANVAN_CSTD_CAP_PERCENT = 30
    assert _approved(propose(cstd, people[1]), users).status == ProposalStatus.APPROVED


@pytest.mark.django_db
def test_a_responsibility_proposal_needs_facts_and_a_measure_and_stays_with_heads_and_the_council(
        council, demo_org, users):
    ward = demo_org["tx-thuong-dinh"]
    with pytest.raises(ValidationError) as refused:
        services.propose(actor=users["phuong"], kind="discipline", unit=ward, reviewing_unit=council, year=2026,
                         nominee_unit=ward, grounds="ngắn")
    assert {"nominee_staff", "measure", "grounds"} <= set(refused.value.message_dict)
    proposal = services.propose(actor=users["phuong"], kind="discipline", unit=ward, reviewing_unit=council,
                                year=2026, nominee_staff=users["canbo"], measure="reprimand",
                                grounds="Để 3 đơn thư quá hạn giải quyết, gây bức xúc cho công dân tổ dân phố 12.")
    assert policy.can(users["phuong"], "emulation.proposal.view", proposal)
    assert policy.can(users["noivu"], "emulation.proposal.view", proposal)
    assert not policy.can(users["canbo2"], "emulation.proposal.view", proposal)
    assert not policy.can(users["canbo"], "emulation.proposal.view", proposal)  # an officer of the ward
    proposal = _approved(proposal, users)
    assert check_docx(exports.proposal_decision_docx(proposal)) == []
    assert check_docx(exports.proposal_docx(proposal)) == []


@pytest.mark.django_db
def test_proposal_pages(council, demo_org, users, client_for):
    award = Award.objects.get(code="giay-khen")
    client = client_for(users["phuong"])
    page = client.get("/thi-dua/de-nghi/lap/")
    assert page.status_code == 200
    response = client.post("/thi-dua/de-nghi/lap/", {
        "kind": "commendation", "year": "2026", "reviewing_unit": council.pk, "award": award.pk,
        "nominee_unit": demo_org["tx-thuong-dinh"].pk, "grounds": "Tập thể hoàn thành tốt công tác dân vận năm 2026."})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert client.get(proposal.get_absolute_url()).status_code == 200
    docx = client.get(f"/thi-dua/de-nghi/{proposal.pk}/to-trinh.docx")
    assert check_docx(docx.content) == []
    assert client_for(users["canbo2"]).get(proposal.get_absolute_url()).status_code == 403
    assert client_for(users["canbo2"]).get(f"/thi-dua/de-nghi/{proposal.pk}/to-trinh.docx").status_code == 403

    # An authority not verified after the 2025 reform is marked for administrators only, with its legal basis.
    collective = services.propose(
        actor=users["phuong"], kind="commendation", unit=demo_org["tx-thuong-dinh"], reviewing_unit=council,
        year=2026, award=Award.objects.get(code="tap-the-lao-dong-tien-tien"), nominee_unit=demo_org["tx-thuong-dinh"],
        grounds="Tập thể hoàn thành tốt công tác dân vận năm 2026.")
    page = client_for(users["phuong"]).get(collective.get_absolute_url()).content.decode()
    assert "thẩm quyền: Chủ tịch UBND cấp xã" in page and "cần kiểm tra" not in page and "Điều 80" not in page
    page = client_for(users["admin"]).get(collective.get_absolute_url()).content.decode()
    assert "Chủ tịch UBND cấp xã (cần kiểm tra)" in page and "khoản 2 Điều 80" in page
