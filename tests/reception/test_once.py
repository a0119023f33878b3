"""Reception create forms: a double click or a refresh of the answer writes one record, not two."""

from __future__ import annotations

from danvan.petitions.models import Field, Petition
from danvan.reception import services
from danvan.reception.models import Commitment, Dialogue, DialogueIssue, ReceptionEntry, ReceptionSession

from ..once_helpers import post_twice


def test_session_posted_twice_is_one_session(client_for, users, ward):
    post_twice(client_for(users["canbo"]), "/tiep-cong-dan/buoi/them/", {
        "unit": ward.pk, "leader": users["phuong"].pk, "date": "19/11/2026", "kind": "regular",
        "status": "planned", "place": "Trụ sở UBND phường", "posted_on": "10/11/2026"}, ReceptionSession)


def test_book_entry_posted_twice_is_one_line(client_for, users, session):
    page = f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/"
    post_twice(client_for(users["canbo"]), page, {
        "received_on": "10/02/2026", "citizen_name": "Lê Thị Thu", "kind": "feedback", "people_count": "1",
        "summary": "Phản ánh đèn chiếu sáng hỏng", "within_competence": "on"}, ReceptionEntry)
    assert ReceptionEntry.objects.get().citizen_name == "Lê Thị Thu"


def test_dialogue_issue_and_commitment_posted_twice_are_one_each(client_for, users, ward):
    client = client_for(users["phuong"])
    post_twice(client, "/tiep-cong-dan/doi-thoai/them/", {
        "unit": ward.pk, "kind": "case", "topic": "Bồi thường GPMB ngõ 72", "held_on": "12/03/2026",
        "chaired_by": users["phuong"].pk, "participants_count": "25"}, Dialogue)
    dialogue = Dialogue.objects.get()
    page = dialogue.get_absolute_url()
    post_twice(client, page, {"issue-raised": "Đơn giá thấp", "issue-answer": "Sẽ rà soát"}, DialogueIssue,
               action=f"/tiep-cong-dan/doi-thoai/{dialogue.pk}/y-kien/")
    post_twice(client, page, {"c-text": "Rà soát đơn giá", "c-owner_unit": ward.pk, "c-due_on": "30/06/2026"},
               Commitment, action=f"/tiep-cong-dan/doi-thoai/{dialogue.pk}/cam-ket/")


def test_case_from_a_reception_line_posted_twice_is_one_case(client_for, users, session):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Nguyễn Văn Hùng",
                                  citizen_address="Tổ 5", kind="complaint",
                                  summary="Khiếu nại quyết định thu hồi đất của UBND phường.")
    post_twice(client_for(users["canbo"]), f"/tiep-cong-dan/so/{entry.pk}/tao-ho-so/", {
        "kind": "complaint_first", "field": Field.objects.get(code="dat-dai").pk, "subject": "Khiếu nại thu hồi đất",
        "is_signed": "on", "version": "1"}, Petition)
