from django.conf import settings
from django.db import models

from ..enums import (
    CouncilResult,
    MeetingState,
    VoteChoice,
    VoteMode,
)
from .bodies import IssuingBody, _valid_range
from .nominations import Nomination

# --- Council -------------------------------------------------------------------------------------


class Council(models.Model):
    """The emulation and commendation council (HĐTĐKT) of an issuing body. Quorum is a fraction of
    the members on the roster (two thirds is usual; cần xác minh), kept as data."""

    name = models.CharField("tên hội đồng", max_length=255)
    issuing_body = models.ForeignKey(IssuingBody, verbose_name="cơ quan", null=True, blank=True, on_delete=models.PROTECT)
    quorum_numerator = models.PositiveSmallIntegerField("tỷ lệ dự họp tối thiểu: tử số", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("tỷ lệ dự họp tối thiểu: mẫu số", default=3)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua – Khen thưởng"
        ordering = ["-valid_from"]
        constraints = [
            _valid_range("council"),
            models.CheckConstraint(
                condition=models.Q(quorum_denominator__gte=1) & models.Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="council_quorum_fraction",
            ),
        ]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    """A member on the council's roster for a date range (an account when the member votes online)."""

    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True, on_delete=models.SET_NULL)
    full_name = models.CharField("họ và tên", max_length=150)
    position = models.CharField("chức vụ, đơn vị", max_length=255)
    council_role = models.CharField("vị trí trong hội đồng", max_length=100, default="Ủy viên")
    display_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    valid_from = models.DateField("hiệu lực từ ngày")
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        ordering = ["display_order", "id"]
        constraints = [_valid_range("councilmember")]

    def __str__(self):
        return self.full_name


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, verbose_name="hội đồng", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField("ngày họp")
    location = models.CharField("địa điểm", max_length=255, default="Phòng họp UBND")
    title = models.CharField("nội dung", max_length=500, default="Xét đề nghị khen thưởng")
    vote_mode = models.CharField("hình thức bỏ phiếu", max_length=10, choices=VoteMode.choices, default=VoteMode.ONLINE)
    state = models.CharField("trạng thái", max_length=10, choices=MeetingState.choices, default=MeetingState.PREPARING)
    secretary_name = models.CharField("thư ký", max_length=150, blank=True)
    start_time = models.TimeField("bắt đầu lúc", null=True, blank=True)
    end_time = models.TimeField("kết thúc lúc", null=True, blank=True)
    conclusion = models.TextField("kết luận của chủ tọa", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lập", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Phiên họp ngày {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    """The meeting's roster (the members valid on its date), with presence."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, verbose_name="thành viên", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("có mặt", default=False)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        ordering = ["member__display_order", "member_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_meeting_member_unique")]

    def __str__(self):
        return f"{self.member}: {'có mặt' if self.present else 'vắng'}"


class AgendaItem(models.Model):
    """One nomination on a meeting's agenda, with its tallies and the result of the kind's vote rule.
    Tallies are anonymous counts: for a secret ballot nothing links them to a member."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.PROTECT, related_name="agenda_items")
    secret = models.BooleanField("bỏ phiếu kín", default=False)
    yes_count = models.PositiveSmallIntegerField("phiếu đồng ý", default=0)
    no_count = models.PositiveSmallIntegerField("phiếu không đồng ý", default=0)
    # Written votes of absent members (phiếu bằng văn bản), counted only when the kind's vote base is
    # all members of the council; anonymous tallies like the others.
    written_yes = models.PositiveSmallIntegerField("phiếu đồng ý bằng văn bản của thành viên vắng mặt", default=0)
    written_no = models.PositiveSmallIntegerField("phiếu không đồng ý bằng văn bản của thành viên vắng mặt", default=0)
    result = models.CharField("kết quả", max_length=20, choices=CouncilResult.choices, default=CouncilResult.NONE, blank=True)
    arithmetic = models.CharField("cách tính", max_length=255, blank=True)

    class Meta:
        verbose_name = "nội dung xét"
        verbose_name_plural = "nội dung xét"
        ordering = ["nomination__award_kind__display_order", "nomination__nominee_name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nomination"], name="agendaitem_meeting_nomination_unique")]

    def __str__(self):
        return str(self.nomination)


class AgendaRemoval(models.Model):
    """A nomination taken off a meeting's agenda before voting, and why (awards.services.meeting_agenda_remove)."""

    meeting = models.ForeignKey(CouncilMeeting, verbose_name="phiên họp", on_delete=models.CASCADE, related_name="removals")
    nomination = models.ForeignKey(Nomination, verbose_name="đề nghị", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("lý do")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người rút", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị rút khỏi chương trình họp"
        verbose_name_plural = "đề nghị rút khỏi chương trình họp"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.nomination}: {self.reason[:40]}"


class BallotCast(models.Model):
    """That a member voted on an item. ``choice`` stays empty for a secret ballot: the choice only
    increments the item's anonymous tallies. One row per member and item (no double vote)."""

    item = models.ForeignKey(AgendaItem, verbose_name="nội dung", on_delete=models.CASCADE, related_name="casts")
    member = models.ForeignKey(CouncilMember, verbose_name="thành viên", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("lựa chọn (chỉ khi biểu quyết công khai)", max_length=5, choices=VoteChoice.choices, blank=True)

    class Meta:
        verbose_name = "đã bỏ phiếu"
        verbose_name_plural = "đã bỏ phiếu"
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="ballotcast_item_member_unique")]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"
