"""Demo reception and dialogues: the chairwoman of Thượng Đình ward receives citizens on Thursdays,
but missed some weeks; a collective visit about land compensation; two dialogues with
commitments (one overdue); dialogue conferences held in some wards, not all.

Add-only: the reception schedule and book are written only when the ward has no reception session
yet; dialogues are looked up by unit and topic and only the missing ones are created (with their
issues and commitments). Nothing that exists is changed.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.legal.selectors import current_calendar
from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.reception import services
from danvan.reception.models import Dialogue, DialogueKind, EntryKind, SessionKind, SessionStatus

MISSED_WEEKS_2026 = {3, 14, 27, 40}
MISSED_WEEKS_2025 = {6, 19}

ENTRIES = [
    # (session index from the end of 2026 held sessions, values)
    (30, dict(citizen_name="Nguyễn Văn Hùng", citizen_address="Tổ 5, phường Thượng Đình", id_number="001078012345",
              kind=EntryKind.COMPLAINT, summary="Khiếu nại quyết định thu hồi đất và mức bồi thường, hỗ trợ khi giải "
              "phóng mặt bằng dự án mở rộng đường Nguyễn Trãi.", handled_before="UBND phường Thượng Đình",
              result="Đã trả lời: thụ lý giải quyết khiếu nại lần đầu.")),
    (30, dict(citizen_name="Đoàn hộ dân ngõ 72 Nguyễn Trãi", citizen_address="Ngõ 72 Nguyễn Trãi, phường Thượng Đình",
              kind=EntryKind.RECOMMENDATION, people_count=12,
              representatives="Trần Văn Bình\nLê Thị Hạnh\nPhạm Quốc Toản",
              summary="Kiến nghị tập thể về đơn giá bồi thường đất ở và bố trí tái định cư tại chỗ cho các hộ bị thu "
              "hồi đất dự án mở rộng đường Nguyễn Trãi.", result="Đã tổ chức đối thoại ngày 12/03/2026.")),
    (20, dict(citizen_name="Lê Thị Thu", citizen_address="Số 12 ngõ 214 Nguyễn Xiển", kind=EntryKind.FEEDBACK,
              summary="Phản ánh đèn chiếu sáng ngõ 214 Nguyễn Xiển hỏng nhiều ngày, gây mất an toàn.",
              result="Đã chuyển Công ty chiếu sáng, đèn đã được thay.")),
    (12, dict(citizen_name="Hoàng Minh Đức", citizen_address="Tổ 12, phường Thượng Đình", kind=EntryKind.DENUNCIATION,
              summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận.",
              within_competence=False, forwarded_to="Chủ tịch UBND quận (nay: UBND phường Thanh Xuân)",
              forward_document="45/UBND-TCD")),
    (6, dict(citizen_name="Phạm Thị Hoa", citizen_address="Số 3 phố Vũ Tông Phan", kind=EntryKind.RECOMMENDATION,
             summary="Kiến nghị xem xét hỗ trợ người cao tuổi neo đơn theo chính sách an sinh xã hội.")),
    (2, dict(citizen_name="Vũ Đình Long", citizen_address="Tổ 3, phường Thượng Đình", kind=EntryKind.FEEDBACK,
             summary="Phản ánh rác thải xây dựng đổ trộm ven đường Khương Đình.")),
]


def _weekly_days(start: date, end: date, missed: set[int]) -> list[date]:
    """A Thursday each week (or the next working day of that week), skipping the missed ISO weeks."""
    calendar = current_calendar()
    days = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        if monday.isocalendar().week not in missed:
            for offset in (3, 4, 2, 1, 0):
                day = monday + timedelta(days=offset)
                if start <= day <= end and calendar.is_workday(day):
                    days.append(day)
                    break
        monday += timedelta(days=7)
    return days


def load(out) -> None:
    ward = Unit.objects.filter(code="tx-thuong-dinh").first()
    chair = Staff.objects.filter(username="phuong").first()
    officer = Staff.objects.filter(username="canbo").first()
    if ward is None or chair is None:
        return
    sessions, entries = ([], []) if ward.reception_sessions.exists() else _book(ward, chair, officer)
    dialogues = _dialogues(ward, chair)
    out.write(f"  Tiếp công dân: {len(sessions)} buổi đã tiếp, {len(entries)} lượt ghi sổ, {dialogues} cuộc đối thoại "
              f"mới.")


def _book(ward: Unit, chair: Staff, officer: Staff | None) -> tuple[list, list]:
    """The ward's reception calendar since 2025 and its book, written once."""
    today = clock.today()
    place = "Trụ sở tiếp công dân UBND phường Thượng Đình"
    calendar = current_calendar()

    held_2025 = _weekly_days(date(2025, 1, 2), date(2025, 6, 30), MISSED_WEEKS_2025)
    held_2026 = _weekly_days(date(2026, 1, 5), today - timedelta(days=1), MISSED_WEEKS_2026)
    sessions = []
    for day in [*held_2025, *held_2026]:
        if day >= today:
            continue
        session, _warnings = services.create_session(
            actor=None, unit=ward, leader=chair, date=day, place=place, kind=SessionKind.REGULAR,
            status=SessionStatus.HELD, posted_on=calendar.add_workdays(day, -7))
        sessions.append(session)
    for weeks in (1, 2, 3):  # the published schedule ahead; the third one was posted late
        day = _weekly_days(today + timedelta(days=7 * weeks - 6), today + timedelta(days=7 * weeks), set())
        if day and day[0] > today:
            posted = today if weeks < 3 else None
            services.create_session(actor=None, unit=ward, leader=chair, date=day[0], place=place,
                                    kind=SessionKind.REGULAR, posted_on=posted)
    services.create_session(actor=None, unit=ward, leader=chair, date=date(2026, 3, 5), place=place,
                            kind=SessionKind.AD_HOC, status=SessionStatus.HELD,
                            notes="Tiếp đột xuất đoàn đông người về bồi thường, giải phóng mặt bằng.")

    recent = [s for s in sessions if s.date.year == 2026]
    entries = []
    for back, values in ENTRIES:
        if len(recent) < back:
            continue
        session = recent[-back]
        entries.append(services.record_entry(actor=officer, session=session, **values))
    for entry in entries[:3]:  # answered in time; the others stay open (one is overdue)
        reply = calendar.add_workdays(entry.received_on, 6)
        if reply < today:
            services.record_reply(actor=None, entry=entry, replied_on=reply)
    return sessions, entries


def _dialogue(unit: Unit, topic: str, **values) -> Dialogue | None:
    """A new dialogue, or None when the unit already has one on this topic."""
    if Dialogue.objects.filter(unit=unit, topic=topic).exists():
        return None
    return services.create_dialogue(actor=None, unit=unit, topic=topic, **values)


def _dialogues(ward: Unit, chair: Staff) -> int:
    made = 0
    land = _dialogue(
        ward,
        "Đối thoại với các hộ dân ngõ 72 Nguyễn Trãi về bồi thường, giải phóng mặt bằng",
        kind=DialogueKind.CASE, chaired_by=chair, held_on=date(2026, 3, 12),
        place="Hội trường UBND phường Thượng Đình", participants_count=25,
        participants="Lãnh đạo UBND phường, Ban bồi thường GPMB quận, MTTQ phường, 12 hộ dân",
        minutes="Các hộ dân nêu ý kiến về đơn giá bồi thường và tái định cư.\n"
                "Lãnh đạo phường giải thích chính sách và tiếp thu kiến nghị.")
    if land is not None:
        made += 1
        services.add_issue(actor=None, dialogue=land, raised_by="Ông Trần Văn Bình",
                           raised="Đơn giá bồi thường đất ở thấp hơn giá thị trường.",
                           answer="Đơn giá theo bảng giá đất của Thành phố; phường đề nghị quận xem xét hệ số "
                                  "điều chỉnh.")
        services.add_issue(actor=None, dialogue=land, raised_by="Bà Lê Thị Hạnh",
                           raised="Đề nghị bố trí tái định cư tại chỗ.",
                           answer="Phường tổng hợp, báo cáo cấp trên trong tháng 4/2026.")
        done = services.add_commitment(actor=None, dialogue=land, owner_unit=ward, due_on=date(2026, 4, 30),
                                       text="Báo cáo cấp trên kiến nghị tái định cư tại chỗ của các hộ dân.")
        services.complete_commitment(actor=None, commitment=done, done_on=date(2026, 4, 24),
                                     note="Đã có Báo cáo số 52/BC-UBND ngày 24/04/2026.")
        services.add_commitment(actor=None, dialogue=land, owner_unit=ward, due_on=date(2026, 6, 30),
                                text="Phối hợp rà soát lại đơn giá bồi thường và trả lời bằng văn bản cho các hộ dân.")
    topic = _dialogue(
        ward, "Đối thoại về vệ sinh môi trường và rác thải xây dựng trên địa bàn",
        kind=DialogueKind.TOPIC, chaired_by=chair, held_on=date(2026, 9, 15), participants_count=40,
        place="Nhà văn hóa tổ dân phố số 3")
    if topic is not None:
        made += 1
        services.add_commitment(actor=None, dialogue=topic, owner_unit=ward, due_on=date(2026, 12, 31),
                                text="Lắp camera giám sát điểm đổ trộm rác thải ven đường Khương Đình.")

    conferences = [("tx-thuong-dinh", date(2025, 5, 20)), ("tx-khuong-dinh", date(2025, 4, 18)),
                   ("tx-ha-dinh", date(2025, 6, 10)), ("hn-khuong-dinh", date(2026, 10, 9))]
    for code, day in conferences:
        unit = Unit.objects.filter(code=code).first()
        if unit is not None and _dialogue(
                unit, f"Hội nghị đối thoại với Nhân dân năm {day.year}", kind=DialogueKind.CONFERENCE,
                held_on=day, participants_count=120,
                participants="Lãnh đạo UBND, Ủy ban MTTQ, đại diện các tổ dân phố",
                minutes="Đối thoại về tình hình kinh tế - xã hội, trật tự đô thị, an sinh xã hội."):
            made += 1
    return made
