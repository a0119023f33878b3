"""Reception and dialogue services: deadlines, validation in Vietnamese, scope, history, nothing half saved."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.reception import selectors, services
from danvan.reception.models import CommitmentStatus, ReceptionEntry, ReceptionSession, SessionStatus


def test_reply_due_is_ten_working_days_over_tet(session, users, entry_values):
    entry = services.record_entry(actor=users["canbo"], session=session, **entry_values)
    assert entry.received_on == date(2026, 2, 10)
    assert entry.reply_due == date(2026, 3, 3)
    assert entry.reply_rule == "TCD-REPLY"
    assert entry.unit == session.unit
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD  # a line in the book proves the session took place
    assert entry.history.first().history_user == users["canbo"]


def test_schedule_posting_deadline_and_late_warning(ward, users):
    session, warnings = services.create_session(actor=users["phuong"], unit=ward, leader=users["phuong"],
                                                date=date(2026, 3, 5), posted_on=date(2026, 3, 2))
    assert session.post_due == date(2026, 2, 26)  # 5 working days before
    assert session.posted_late
    assert any("muộn hơn hạn 26/02/2026" in w for w in warnings)
    on_time, warnings = services.create_session(actor=users["phuong"], unit=ward, leader=users["phuong"],
                                                date=date(2026, 3, 12), posted_on=date(2026, 3, 4))
    assert not on_time.posted_late
    assert not [w for w in warnings if "muộn" in w]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"summary": "   "}, "summary", "tóm tắt nội dung"),
    ({"summary": "<b></b>"}, "summary", "tóm tắt nội dung"),
    ({"people_count": 0}, "people_count", "Số người phải từ 1"),
    ({"citizen_name": ""}, "citizen_name", "họ tên"),
    ({"received_on": date(2027, 1, 4)}, "received_on", "chưa đến"),
    ({"id_number": "12ab"}, "id_number", "12 chữ số"),
    ({"people_count": 7}, "representatives", "người đại diện"),
    ({"people_count": 8, "representatives": "A\nB\nC"}, "representatives", "không quá 2"),
    ({"kind": "rumour"}, "kind", "phân loại"),
])
def test_bad_entries_are_refused_in_vietnamese_and_nothing_is_saved(ward, users, entry_values, changes, field,
                                                                    message):
    session, _w = services.create_session(actor=None, unit=ward, leader=users["phuong"], date=date(2026, 2, 12))
    with pytest.raises(ValidationError) as exc:
        services.record_entry(actor=users["canbo"], session=session, **{**entry_values, **changes})
    assert message in " ".join(exc.value.message_dict[field])
    assert not ReceptionEntry.objects.exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_held_session_cannot_be_in_the_future(ward, users):
    with pytest.raises(ValidationError) as exc:
        services.create_session(actor=users["canbo"], unit=ward, leader=users["phuong"], date=date(2099, 1, 5),
                                status=SessionStatus.HELD)
    assert "chưa đến" in exc.value.message_dict["date"][0]
    planned, _w = services.create_session(actor=users["canbo"], unit=ward, date=date(2099, 1, 5))
    assert planned.status == SessionStatus.PLANNED


def test_collective_visit_with_representatives(session, users, entry_values):
    entry = services.record_entry(actor=users["canbo"], session=session, **{
        **entry_values, "people_count": 12, "representatives": "Trần Văn Bình\nLê Thị Hạnh\nPhạm Quốc Toản",
        "kind": "recommendation", "summary": "Kiến nghị về bồi thường, giải phóng mặt bằng."})
    assert entry.is_collective


def test_html_is_stripped_and_text_normalised(session, users, entry_values):
    nfd = unicodedata.normalize("NFD", "Phản ánh <script>alert('x')</script>đường Khương Đình ngập")
    entry = services.record_entry(actor=users["canbo"], session=session, **{**entry_values, "summary": nfd})
    assert "<script>" not in entry.summary and "<" not in entry.summary
    assert entry.summary == unicodedata.normalize("NFC", entry.summary)
    assert list(selectors.reception_book(users["canbo"], query="khuong dinh ngap")) == [entry]


def test_officer_of_another_ward_and_inspector_cannot_write(session, users, entry_values):
    with pytest.raises(PermissionDenied):
        services.record_entry(actor=users["canbo2"], session=session, **entry_values)
    with pytest.raises(PermissionDenied):
        services.record_entry(actor=users["kiemtra"], session=session, **entry_values)
    assert not ReceptionEntry.objects.exists()


def test_stale_edit_is_refused(session, users, entry_values):
    entry = services.record_entry(actor=users["canbo"], session=session, **entry_values)
    services.update_entry(actor=users["canbo"], entry=entry, version=1, result="Đã chuyển công ty chiếu sáng")
    with pytest.raises(services.StaleEditError):
        services.update_entry(actor=users["phuong"], entry=entry, version=1, notes="ghi chú cũ")


def test_reply_recorded_and_history_kept(session, users, entry_values):
    entry = services.record_entry(actor=users["canbo"], session=session, **entry_values)
    services.record_reply(actor=users["canbo"], entry=entry, replied_on=date(2026, 2, 26), result="Đã trả lời")
    entry.refresh_from_db()
    assert entry.replied_on == date(2026, 2, 26) and not entry.reply_overdue
    assert entry.history.count() == 2
    with pytest.raises(ValidationError):
        services.record_reply(actor=users["canbo"], entry=entry, replied_on=date(2026, 2, 1))


def test_dialogue_commitments_overdue_and_done(ward, users, demo_org):
    dialogue = services.create_dialogue(actor=users["phuong"], unit=ward, kind="case", held_on=date(2026, 3, 12),
                                        topic="Bồi thường <i>GPMB</i> ngõ 72", chaired_by=users["phuong"])
    assert dialogue.topic == "Bồi thường GPMB ngõ 72"
    services.add_issue(actor=users["phuong"], dialogue=dialogue, raised="Đơn giá thấp", answer="Sẽ rà soát")
    late = services.add_commitment(actor=users["phuong"], dialogue=dialogue, owner_unit=ward,
                                   due_on=date(2026, 6, 30), text="Rà soát đơn giá")
    assert late.overdue
    with pytest.raises(ValidationError):
        services.add_commitment(actor=users["phuong"], dialogue=dialogue, owner_unit=ward, due_on=date(2026, 3, 1),
                                text="Trước ngày đối thoại")
    with pytest.raises(PermissionDenied):
        services.complete_commitment(actor=users["canbo2"], commitment=late, done_on=date(2026, 7, 2))
    done = services.complete_commitment(actor=users["canbo"], commitment=late, done_on=date(2026, 7, 2))
    assert done.status == CommitmentStatus.DONE and not done.overdue
    with pytest.raises(ValidationError):
        services.create_dialogue(actor=users["chutich"], unit=demo_org["tx-ubnd"], kind="conference",
                                 held_on=date(2025, 3, 1), topic="Hội nghị đối thoại")


def test_communes_without_conference(users, demo_org):
    services.create_dialogue(actor=None, unit=demo_org["tx-khuong-dinh"], kind="conference",
                             held_on=date(2025, 4, 18), topic="Hội nghị đối thoại năm 2025")
    missing = {u.code for u in selectors.communes_without_conference(users["chutich"], 2025)}
    assert "tx-khuong-dinh" not in missing
    assert {"tx-thuong-dinh", "tx-ha-dinh"} <= missing
    assert len(missing) == 10
    assert {u.code for u in selectors.communes_without_conference(users["canbo2"], 2025)} == set()
    assert {u.code for u in selectors.communes_without_conference(users["canbo"], 2025)} == {"tx-thuong-dinh"}


def test_frequency_report_clips_to_the_units_validity(ward, users):
    for day in (date(2025, 6, 5), date(2025, 6, 12), date(2025, 6, 26)):
        services.create_session(actor=None, unit=ward, leader=users["phuong"], date=day, status=SessionStatus.HELD)
    rows = {r.unit.code: r for r in selectors.frequency_report(users["phuong"], date(2025, 6, 1), date(2025, 12, 31))}
    row = rows["tx-thuong-dinh"]
    assert row.rule.code == "TCD-F-COMMUNE"
    assert [p.label.split(" (")[0] for p in row.result.missed] == ["Tuần 25/2025", "Tuần 27/2025"]
    assert row.result.required_days == 5  # weeks 23–27, nothing after the ward ended on 30/06/2025
    assert ReceptionSession.objects.count() == 3
