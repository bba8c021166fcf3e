from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from dosonthidua.uploads import private_upload_to

from .enums import DisciplineForm, ExportStatus, Gender, PositionGroup, Role, UnitKind

VI_COLLATION = "vi-x-icu"


class Fold(models.Func):
    """f_unaccent(lower(expr)): the accent-free search form; f_unaccent is an IMMUTABLE wrapper of
    unaccent() created in migration 0001 so that it can feed a stored generated column."""

    function = "f_unaccent"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(Lower(expression), **extra)


def in_force_q(start, end=None, *, prefix=""):
    """Q: units in force at some day of ``start`` – ``end`` (one day when ``end`` is None): begun by
    the last day (or no start date) and not ended before the first (or no end date). ``prefix``
    reaches a related unit ("unit__", "participant_units__"). A unit that ended on 30/06/2025 is in
    force on that day and not on 01/07/2025."""
    end = start if end is None else end
    return (models.Q(**{f"{prefix}valid_from__isnull": True}) | models.Q(**{f"{prefix}valid_from__lte": end})) & (
        models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gte": start})
    )


# The same test in SQL, for the raw queries (awards.candidates): ``{u}`` is the unit table's alias,
# %(start)s and %(end)s the period's first and last day.
IN_FORCE_SQL = "(({u}.valid_from IS NULL OR {u}.valid_from <= %(end)s) AND ({u}.valid_to IS NULL OR {u}.valid_to >= %(start)s))"
# people_in_force_q in SQL: ``{p}`` is the person table's alias.
PEOPLE_IN_FORCE_SQL = (
    "(EXISTS (SELECT 1 FROM units_unit pu WHERE pu.id = {p}.unit_id AND "  # noqa: S608 - constant SQL, values are parameters
    + IN_FORCE_SQL.format(u="pu")
    + ") OR EXISTS (SELECT 1 FROM units_membership pm JOIN units_unit mu ON mu.id = pm.unit_id"
    " WHERE pm.person_id = {p}.id AND (pm.valid_from IS NULL OR pm.valid_from <= %(end)s)"
    " AND (pm.valid_to IS NULL OR pm.valid_to >= %(start)s) AND " + IN_FORCE_SQL.format(u="mu") + "))"
)


class UnitQuerySet(models.QuerySet):
    def in_force_on(self, date):
        """Units in force on ``date`` (their validity dates; ``active`` is a separate switch)."""
        return self.filter(in_force_q(date))

    def in_force_during(self, start, end):
        """Units in force at some day of ``start`` – ``end`` (a year, a campaign, a report's period)."""
        return self.filter(in_force_q(start, end))


class Unit(models.Model):
    """A unit of the local government (đơn vị). The hierarchy, validity dates and successor links are
    data, so the 2025 reorganisation (merged wards, abolished districts) is configuration.
    ``Unit.objects.in_force_on(date)`` / ``in_force_during(start, end)`` (in_force_q) are the units
    of a date or a period: every list of units for a period goes through them."""

    name = models.CharField("tên đơn vị", max_length=255, db_collation=VI_COLLATION)
    short_code = models.SlugField(
        "mã đơn vị",
        max_length=40,
        unique=True,
        allow_unicode=True,
        help_text="Mã ngắn: chữ cái (có thể có dấu), chữ số, gạch ngang; ví dụ: NOIVU, P-BANGLA, 11455.",
    )
    kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    display_order = models.PositiveIntegerField("thứ tự hiển thị", default=100)
    active = models.BooleanField("đang hoạt động", default=True, db_index=True)
    valid_from = models.DateField("hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    successors = models.ManyToManyField("self", verbose_name="đơn vị kế thừa", symmetrical=False, blank=True, related_name="predecessors")
    search_name = models.GeneratedField(expression=Fold("name"), output_field=models.TextField(), db_persist=True)
    history = HistoricalRecords(verbose_name="lịch sử thay đổi đơn vị", excluded_fields=["search_name"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="unit_not_own_parent"),
        ]
        indexes = [GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="unit_search_trgm")]

    def __str__(self):
        return self.name

    def in_force_during(self, start, end=None):
        end = start if end is None else end
        return (self.valid_from is None or self.valid_from <= end) and (self.valid_to is None or self.valid_to >= start)

    @property
    def validity_label(self):
        """ "từ 01/07/2025", "đến 30/06/2025", "01/07/2025 – 31/12/2030" or "" (no dates)."""
        if self.valid_from and self.valid_to:
            return f"{self.valid_from:%d/%m/%Y} – {self.valid_to:%d/%m/%Y}"
        if self.valid_to:
            return f"đến {self.valid_to:%d/%m/%Y}"
        return f"từ {self.valid_from:%d/%m/%Y}" if self.valid_from else ""


def people_in_force_q(start, end=None):
    """Q on Person: people recorded in a unit in force during ``start`` – ``end``: their current unit,
    or the unit of a dated membership overlapping the period (a person transferred when their ward
    was merged belongs, for 2024, to the old ward)."""
    end = start if end is None else end
    during = (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=end)) & (
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=start)
    )
    memberships = Membership.objects.filter(during, in_force_q(start, end, prefix="unit__"), person=models.OuterRef("pk"))
    return in_force_q(start, end, prefix="unit__") | models.Exists(memberships)


class Person(models.Model):
    """A cán bộ, công chức, viên chức or người lao động of a unit; may be nominated without an account."""

    honorific = models.CharField(
        "danh xưng, cấp bậc, học hàm",
        max_length=60,
        blank=True,
        db_default="",
        help_text="Ví dụ: Thầy, Đại tá, PGS.TS. (không ghi vào họ tên).",
    )
    full_name = models.CharField("họ và tên", max_length=150, db_collation=VI_COLLATION)
    # Blank gender, birth year or direct-worker flag means unknown (a published list may not say).
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=150, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="people")
    is_direct_worker = models.BooleanField(
        "người lao động trực tiếp",
        null=True,
        blank=True,
        default=False,
        db_index=True,
        help_text="Không giữ chức vụ lãnh đạo, quản lý; để trống: chưa rõ.",
    )
    # Leadership (lãnh đạo, quản lý) is its own fact, not the opposite of a direct worker: a
    # specialist is neither. The sector's statistical forms split awarded persons by it; blank is
    # unknown and counted as "Chưa rõ".
    holds_leadership = models.BooleanField(
        "lãnh đạo, quản lý",
        null=True,
        blank=True,
        default=None,
        help_text="Giữ chức vụ lãnh đạo, quản lý; để trống: chưa rõ.",
    )
    active = models.BooleanField("đang công tác", default=True, db_index=True)
    search_name = models.GeneratedField(expression=Fold("full_name"), output_field=models.TextField(), db_persist=True)
    history = HistoricalRecords(verbose_name="lịch sử thay đổi cán bộ", excluded_fields=["search_name"])

    class Meta:
        verbose_name = "cán bộ, người lao động"
        verbose_name_plural = "cán bộ, người lao động"
        ordering = ["full_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True) | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_range",
                violation_error_message="Năm sinh không hợp lệ.",
            )
        ]
        indexes = [
            GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="person_search_trgm"),
            models.Index(fields=["unit", "active"], name="person_unit_active"),
            # The default ordering (the API's people/ list, the people pages): a page without sorting 100,000 rows.
            models.Index(fields=["full_name", "id"], name="person_name_order"),
        ]

    def __str__(self):
        return self.full_name

    def unit_on(self, date):
        """The unit the person belonged to on ``date`` (from the dated memberships; else the current)."""
        found = self.memberships.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=date)).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=date)
        )
        membership = found.select_related("unit").order_by("-valid_from").first()
        return membership.unit if membership else self.unit


class Membership(models.Model):
    """A dated period of a person in a unit: a transfer or a merger of the unit into its successor
    closes one and opens the next, so the person stays one record with one history."""

    person = models.ForeignKey(Person, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField("chức vụ", max_length=150, blank=True)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    reason = models.CharField("lý do", max_length=255, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["person", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.unit}"


class ServicePeriod(models.Model):
    """A dated period of a person in a post (quá trình công tác, giữ chức vụ): what the seniority and
    dedication rules count (awards.SeniorityRule). An open period (no end date) runs to the day it
    is counted. Two periods of the same person in the same group may not overlap (the same time is
    never counted twice); periods of different groups may (a post held concurrently)."""

    person = models.ForeignKey(Person, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="service_periods")
    position = models.CharField("chức vụ, chức danh", max_length=150)
    group = models.CharField("nhóm chức vụ (cấp lãnh đạo)", max_length=20, choices=PositionGroup.choices)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="service_periods")
    organisation = models.CharField(
        "cơ quan, đơn vị khác", max_length=255, blank=True, help_text="Ghi khi cơ quan không có trong danh mục đơn vị của cổng."
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True, help_text="Để trống nếu đang giữ chức vụ.")
    note = models.CharField("ghi chú (quyết định bổ nhiệm...)", max_length=255, blank=True)
    history = HistoricalRecords(verbose_name="lịch sử thay đổi quá trình giữ chức vụ")

    class Meta:
        verbose_name = "quá trình giữ chức vụ"
        verbose_name_plural = "quá trình giữ chức vụ"
        ordering = ["person", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="serviceperiod_range",
                violation_error_message="Ngày kết thúc không được trước ngày bắt đầu.",
            )
        ]
        indexes = [models.Index(fields=["group", "start_date"], name="serviceperiod_group_start")]

    def __str__(self):
        end = f"{self.end_date:%d/%m/%Y}" if self.end_date else "nay"
        return f"{self.person}: {self.position} ({self.start_date:%d/%m/%Y} – {end})"

    @property
    def place(self):
        return self.unit.name if self.unit_id else self.organisation

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Ngày kết thúc không được trước ngày bắt đầu."
        if not self.unit_id and not self.organisation.strip():
            errors["organisation"] = "Hãy chọn đơn vị hoặc ghi tên cơ quan."
        if errors:
            raise ValidationError(errors)
        if self.person_id and self.group and self.start_date:
            clash = self.overlapping().first()
            if clash is not None:
                until = f"{clash.end_date:%d/%m/%Y}" if clash.end_date else "nay"
                raise ValidationError(
                    f"Trùng thời gian với giai đoạn “{clash.position}” ({clash.start_date:%d/%m/%Y} – {until}) cùng nhóm "
                    "chức vụ; một khoảng thời gian chỉ được tính một lần."
                )

    def overlapping(self):
        """Other periods of the same person and group sharing at least one day with this one."""
        others = ServicePeriod.objects.filter(person_id=self.person_id, group=self.group).exclude(pk=self.pk)
        others = others.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=self.start_date))
        if self.end_date:
            others = others.filter(start_date__lte=self.end_date)
        return others.order_by("start_date")


class PersonMerge(models.Model):
    """History row of a merge of a duplicate person record into the one kept: who, when, and what moved."""

    kept = models.ForeignKey(Person, verbose_name="hồ sơ giữ lại", on_delete=models.PROTECT, related_name="merges")
    removed_id = models.PositiveIntegerField("mã hồ sơ đã gộp")
    removed_name = models.CharField("họ và tên hồ sơ đã gộp", max_length=150)
    removed_birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    removed_unit_name = models.CharField("đơn vị của hồ sơ đã gộp", max_length=255)
    moved = models.JSONField("số bản ghi đã chuyển", default=dict)
    by = models.ForeignKey("units.User", verbose_name="người gộp", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("gộp lúc", auto_now_add=True)

    class Meta:
        verbose_name = "gộp hồ sơ cán bộ"
        verbose_name_plural = "gộp hồ sơ cán bộ"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.removed_name} (#{self.removed_id}) → {self.kept}"


class DisciplineRecord(models.Model):
    """A disciplinary measure against a person (hình thức kỷ luật), by decision and date. Collective
    titles read these rows: nobody disciplined at "cảnh cáo" or above in the period."""

    person = models.ForeignKey(Person, verbose_name="cán bộ", on_delete=models.PROTECT, related_name="discipline_records")
    form = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineForm.choices)
    date = models.DateField("ngày quyết định kỷ luật")
    decision = models.CharField("số quyết định", max_length=60, blank=True)
    reason = models.CharField("lý do", max_length=500, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.person}: {self.get_form_display()} ({self.date:%d/%m/%Y})"


class User(AbstractUser):
    """A portal account. It belongs to a unit and holds roles (see units.enums.Role)."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True, db_collation=VI_COLLATION)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    person = models.OneToOneField(
        Person, verbose_name="hồ sơ cán bộ", null=True, blank=True, on_delete=models.SET_NULL, related_name="account"
    )
    roles = ArrayField(models.CharField(max_length=32, choices=Role.choices), verbose_name="vai trò", default=list, blank=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.full_name or self.username

    def has_role(self, role):
        return role in self.roles

    @property
    def display_name(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def role_labels(self):
        labels = role_choices_dict()
        return [labels[r] for r in self.roles if r in labels]


def role_choices():
    """Role choices with the reviewer role named by the advisory office valid today."""
    from dosonthidua.identity import identity_on

    office_label = identity_on().reviewer_label
    return [(value, office_label if value == Role.REVIEWER else label) for value, label in Role.choices]


def role_choices_dict():
    return dict(role_choices())


class Notification(models.Model):
    """An in-portal notice to one user (a mail copy is sent by a Celery task)."""

    user = models.ForeignKey(User, verbose_name="người nhận", on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField("tiêu đề", max_length=255)
    text = models.TextField("nội dung", blank=True)
    url = models.CharField("liên kết", max_length=500, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.subject


class AuditEvent(models.Model):
    """Who did what, when, from where: sign-ins (and failures), downloads and exports, and every
    state-changing request of a privileged role. Written by units.audit; read in the admin."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, verbose_name="tài khoản", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField("tên đăng nhập", max_length=150, blank=True)
    action = models.CharField("hành động", max_length=30, db_index=True)
    method = models.CharField("phương thức", max_length=10, blank=True)
    path = models.CharField("đường dẫn", max_length=500, blank=True)
    detail = models.CharField("chi tiết", max_length=500, blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    status = models.PositiveSmallIntegerField("mã phản hồi", null=True, blank=True)

    class Meta:
        verbose_name = "nhật ký hệ thống"
        verbose_name_plural = "nhật ký hệ thống"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.action}"


class ExportJob(models.Model):
    """A list export too large to build within a request: a Celery task writes the file row by row
    (units.exports) and updates the count done; the requester's page polls it, then downloads it.
    Only the requester sees it."""

    user = models.ForeignKey(User, verbose_name="người yêu cầu", on_delete=models.CASCADE, related_name="+")
    builder = models.CharField("nguồn dữ liệu", max_length=200)
    params = models.TextField("bộ lọc", blank=True)
    title = models.CharField("tên", max_length=200)
    filename = models.CharField("tên tệp", max_length=200)
    status = models.CharField("trạng thái", max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    total = models.PositiveIntegerField("số dòng", default=0)
    done_rows = models.PositiveIntegerField("đã ghi", default=0)
    file = models.FileField("tệp", upload_to=private_upload_to("exports"), blank=True, max_length=255)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp xuất dữ liệu"
        verbose_name_plural = "tệp xuất dữ liệu"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_finished(self):
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def progress(self):
        return 100 if self.status == ExportStatus.DONE else min(99, 100 * self.done_rows // self.total) if self.total else 0


class TableVersion(models.Model):
    """A number that changes with the writes of a table a cache depends on, kept by the database
    (triggers of migrations 0012 and 0014) whatever writes: a service, the admin, a QuerySet.update, a bulk
    insert or raw SQL. units_serviceperiod: every write statement; units_person: a deletion or a
    change of a name or of active. A cache of something computed from these whole tables keys
    itself on them, so it is never read after they changed (awards.candidates: the seniority
    thresholds of a whole city)."""

    name = models.CharField("bảng", max_length=63, primary_key=True)
    version = models.BigIntegerField("phiên bản")

    class Meta:
        verbose_name = "phiên bản bảng dữ liệu"
        verbose_name_plural = "phiên bản bảng dữ liệu"

    def __str__(self):
        return f"{self.name}: {self.version}"
