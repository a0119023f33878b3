"""Citizen reception (tiếp công dân) and direct dialogues (đối thoại trực tiếp).

Paper reception books and Excel sheets lose the two things citizens remember: whether the
leader actually received people as often as the Law on Citizen Reception demands, and whether
they got an answer within 10 working days. So each session, each line of the reception book,
each dialogue and each commitment made there is a record with its legal deadline computed
once and stored (indexed), and with its full history.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.vntext import fold
from danvan.org import clock
from danvan.org.keptfigures import FigureRow, KeepsFigures

# Law on Citizen Reception art. 29 / legal-rules.md KN-REPRESENT: from 5 people with the same
# content a visit is collective and must choose representatives.
COLLECTIVE_THRESHOLD = 5


def max_representatives(people: int) -> int:
    """How many representatives a collective visit may choose (Law on Citizen Reception art. 29)."""
    if people < COLLECTIVE_THRESHOLD:
        return 0
    return 2 if people <= 10 else 5


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Định kỳ (theo lịch)")
    AD_HOC = "ad_hoc", _("Đột xuất")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Theo lịch, chưa tiếp")
    HELD = "held", _("Đã tiếp")
    CANCELLED = "cancelled", _("Hủy, hoãn")


class EntryKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


class DialogueKind(models.TextChoices):
    CASE = "case", _("Đối thoại giải quyết vụ việc")
    CONFERENCE = "conference", _("Hội nghị đối thoại với Nhân dân (Điều 32 Luật Dân chủ ở cơ sở)")
    TOPIC = "topic", _("Đối thoại theo chuyên đề")


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện xong")


class ReceptionSession(models.Model):
    """A day on which a leader (or the unit's reception office) receives citizens.

    Planned sessions form the published schedule (posted at least 5 working days ahead, art.
    24(4)); held sessions are what the frequency check counts (arts. 12, 13, 15, 18).
    """

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reception_sessions")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo tiếp công dân"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="reception_sessions",
                               help_text=_("Để trống khi cán bộ Ban tiếp công dân tiếp thường xuyên."))
    date = models.DateField(_("ngày tiếp"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    kind = models.CharField(_("hình thức"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    status = models.CharField(_("tình trạng"), max_length=20, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED, db_index=True)
    posted_on = models.DateField(_("ngày niêm yết lịch"), null=True, blank=True)
    post_due = models.DateField(_("hạn niêm yết lịch"), null=True, blank=True, editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["unit", "date"])]

    def __str__(self) -> str:
        who = self.leader.get_full_name() if self.leader_id else _("Ban tiếp công dân")
        return f"{self.date:%d/%m/%Y} — {who}"

    def get_absolute_url(self) -> str:
        return reverse("reception:session_detail", args=[self.pk])

    @property
    def posted_late(self) -> bool:
        """True when the schedule was posted after the last day the law allows (or not at all, once due)."""
        if self.kind != SessionKind.REGULAR or self.post_due is None:
            return False
        if self.posted_on is None:
            return self.status == SessionStatus.HELD or self.post_due < clock.today()
        return self.posted_on > self.post_due


class ReceptionEntry(KeepsFigures):
    """One line of the reception book (sổ tiếp công dân), with the fields of legal-rules.md §5."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị tiếp"), on_delete=models.PROTECT,
                             related_name="reception_entries")
    session = models.ForeignKey(ReceptionSession, verbose_name=_("buổi tiếp"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="entries")
    received_on = models.DateField(_("ngày tiếp"), db_index=True)
    citizen_name = models.CharField(_("họ tên người đến"), max_length=255)
    citizen_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    id_number = models.CharField(_("số CCCD/CMND"), max_length=20, blank=True)
    summary = models.TextField(_("nội dung vụ việc"))
    kind = models.CharField(_("phân loại"), max_length=20, choices=EntryKind.choices, db_index=True)
    people_count = models.PositiveIntegerField(_("số người"), default=1)
    is_collective = models.BooleanField(_("đoàn đông người"), default=False, editable=False, db_index=True)
    representatives = models.TextField(
        _("người đại diện"), blank=True,
        help_text=_("Đoàn từ 5 đến 10 người cử 1–2 người đại diện; trên 10 người cử không quá 5 người "
                    "(Điều 29 Luật Tiếp công dân). Mỗi dòng một người."))
    handled_before = models.CharField(_("cơ quan đã giải quyết"), max_length=255, blank=True)
    within_competence = models.BooleanField(_("thuộc thẩm quyền"), default=True)
    guided_to = models.CharField(_("hướng dẫn đến"), max_length=255, blank=True)
    guide_document = models.CharField(_("số văn bản hướng dẫn"), max_length=100, blank=True)
    forwarded_to = models.CharField(_("cơ quan tiếp nhận (chuyển đến)"), max_length=255, blank=True)
    forward_document = models.CharField(_("số văn bản chuyển"), max_length=100, blank=True)
    result = models.TextField(_("theo dõi kết quả giải quyết"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    reply_due = models.DateField(_("hạn trả lời"), db_index=True, editable=False)
    reply_rule = models.CharField(max_length=40, blank=True, editable=False)
    replied_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    petition = models.ForeignKey("petitions.Petition", verbose_name=_("đơn thư liên quan"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reception_entries")
    search_key = models.TextField(editable=False, default="")
    content_key = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_key", "content_key"])

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "received_on"]),
            # The book's order (newest first, then by number): a page of 50 reads 51 index entries, not
            # every line of the newest days (750 a day in a province of a million cases a year).
            models.Index(fields=["received_on", "id"], name="reception_entry_book_order"),
            # Lines still waiting for a reply: the home page's "replies overdue" reads only these.
            models.Index(fields=["reply_due"], condition=models.Q(replied_on__isnull=True),
                         name="reception_entry_unreplied"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(people_count__gte=1), name="reception_entry_people_positive",
                                   violation_error_message=_("Số người phải từ 1 trở lên.")),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%d/%m/%Y} — {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reception:entry_detail", args=[self.pk])

    # What the daily figures (danvan.reception.daily) count a line by; KeepsFigures remembers them as read.
    FIGURE_FIELDS = ("unit_id", "kind", "received_on", "people_count", "is_collective", "reply_due", "replied_on")

    def refresh_derived(self) -> None:
        self.is_collective = self.people_count >= COLLECTIVE_THRESHOLD
        # content_key leaves out who came: it is what others may search on a denunciation line.
        self.content_key = fold(" ".join([self.summary, self.forwarded_to, self.guided_to, self.handled_before]))
        self.search_key = fold(" ".join([self.citizen_name, self.citizen_address, self.id_number, self.content_key]))

    def reply_overdue_on(self, day: date) -> bool:
        return self.replied_on is None and self.reply_due < day

    @property
    def reply_overdue(self) -> bool:
        return self.reply_overdue_on(clock.today())


class EntryIdentityView(models.Model):
    """Every time someone saw the identity of a denouncer on a reception line (Law on Denunciations art. 47).

    The reception counterpart of ``petitions.IdentityAccessLog``: who, when, which line, on which
    page. Append-only; listed on the line for the head of the receiving unit and nobody else.
    """

    entry = models.ForeignKey(ReceptionEntry, on_delete=models.CASCADE, related_name="identity_views")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    context = models.CharField(_("nơi xem"), max_length=100)

    class Meta:
        verbose_name = _("nhật ký xem danh tính người tố cáo (sổ tiếp công dân)")
        verbose_name_plural = _("nhật ký xem danh tính người tố cáo (sổ tiếp công dân)")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.staff_id} @ {self.at:%Y-%m-%d %H:%M}"


class Dialogue(models.Model):
    """A direct dialogue of leaders with citizens: on a case (Law on Complaints arts. 30, 39) or the
    yearly dialogue conference every commune must hold (Law 10/2022/QH15 on grassroots democracy art. 32)."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                             related_name="dialogues")
    kind = models.CharField(_("loại đối thoại"), max_length=20, choices=DialogueKind.choices, db_index=True)
    topic = models.CharField(_("chủ đề, vụ việc"), max_length=255)
    held_on = models.DateField(_("ngày đối thoại"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chaired_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chủ trì"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="chaired_dialogues")
    participants_count = models.PositiveIntegerField(_("số người tham dự"), default=0)
    participants = models.TextField(_("thành phần tham dự"), blank=True)
    minutes = models.TextField(_("biên bản (nội dung chính)"), blank=True)
    petition = models.ForeignKey("petitions.Petition", verbose_name=_("đơn thư (vụ việc) đối thoại"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="dialogues")
    search_key = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_key"])

    class Meta:
        verbose_name = _("cuộc đối thoại")
        verbose_name_plural = _("cuộc đối thoại")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["unit", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("reception:dialogue_detail", args=[self.pk])

    def refresh_search_key(self) -> None:
        self.search_key = fold(" ".join([self.topic, self.place, self.participants, self.minutes]))


class DialogueIssue(models.Model):
    """A matter raised at a dialogue and the answer given there."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="issues")
    raised_by = models.CharField(_("người nêu"), max_length=255, blank=True)
    raised = models.TextField(_("ý kiến, kiến nghị"))
    answer = models.TextField(_("trả lời, giải trình"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vấn đề nêu tại đối thoại")
        verbose_name_plural = _("vấn đề nêu tại đối thoại")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.raised[:80]


class Commitment(models.Model):
    """What the authority promised at a dialogue: owner unit, due date, followed until done."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField(_("nội dung cam kết"))
    owner_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT,
                                   related_name="dialogue_commitments")
    due_on = models.DateField(_("hạn thực hiện"), db_index=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.OPEN, db_index=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả thực hiện"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cam kết tại đối thoại")
        verbose_name_plural = _("cam kết tại đối thoại")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def overdue_on(self, day: date) -> bool:
        return self.status == CommitmentStatus.OPEN and self.due_on < day

    @property
    def overdue(self) -> bool:
        return self.overdue_on(clock.today())


class ReceptionDailyFigure(FigureRow):
    """The citizens a unit received on one day (or in one month), kept on write like the petitions' figures.

    By the day the line was entered: lines by kind, people, delegations, lines answered on time and
    lines not (yet) answered on time — from which the reports' "replies overdue" is the part already
    past its due date (danvan.reception.figures). Derived data: ``danvan figures --rebuild`` makes it
    again from the book; not kept in history.
    """

    entries_complaint = models.IntegerField(default=0)
    entries_denunciation = models.IntegerField(default=0)
    entries_recommendation = models.IntegerField(default=0)
    entries_feedback = models.IntegerField(default=0)
    people = models.IntegerField(default=0)
    collective = models.IntegerField(default=0)
    replied_on_time = models.IntegerField(default=0)
    not_on_time = models.IntegerField(default=0)  # not answered, or answered after the due date

    class Meta:
        verbose_name = _("số liệu tiếp công dân theo ngày")
        verbose_name_plural = _("số liệu tiếp công dân theo ngày")
        constraints = [models.UniqueConstraint(fields=["unit", "span", "day"], name="reception_daily_unit_day")]
