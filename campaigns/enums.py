from django.db import models


class CampaignKind(models.TextChoices):
    REGULAR = "regular", "Thi đua thường xuyên (hằng năm)"
    THEMATIC = "thematic", "Thi đua theo đợt, chuyên đề"


class ParticipantScope(models.TextChoices):
    ALL = "all", "Tất cả đơn vị"
    BY_KIND = "by_kind", "Theo loại đơn vị"
    CHOSEN = "chosen", "Các đơn vị được chọn"


class MovementLevel(models.TextChoices):
    NATIONAL = "national", "Toàn quốc"
    CITY = "city", "Thành phố"
    DISTRICT = "district", "Quận"


class PhaseKind(models.TextChoices):
    LAUNCH = "launch", "Phát động"
    INTERIM_REVIEW = "interim_review", "Sơ kết"
    FINAL_REVIEW = "final_review", "Tổng kết"
    OTHER = "other", "Mốc khác"


class ReportFrequency(models.IntegerChoices):
    """Length of a reporting period in months."""

    MONTHLY = 1, "Hằng tháng"
    QUARTERLY = 3, "Hằng quý"
    HALF_YEARLY = 6, "6 tháng một lần"


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", "Sắp diễn ra"
    REGISTRATION = "registration", "Đang nhận đăng ký"
    RUNNING = "running", "Đang diễn ra"
    ENDED = "ended", "Đã kết thúc"


class WorkflowState(models.TextChoices):
    """States shared by registrations, progress reports and exemplar proposals."""

    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    RETURNED = "returned", "Trả lại để sửa"
    ACCEPTED = "accepted", "Đã chấp nhận"


class MatrixStatus(models.TextChoices):
    """A unit's registration status as the reviewers' matrix shows it."""

    NOT_STARTED = "not_started", "Chưa đăng ký"
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    ACCEPTED = "accepted", "Đã chấp nhận"
    RETURNED = "returned", "Trả lại"
    LATE = "late", "Quá hạn"


class ExemplarKind(models.TextChoices):
    GOOD_MODEL = "good_model", "Mô hình hay"
    NEW_FACTOR = "new_factor", "Nhân tố mới"
    EXEMPLARY_PERSON = "exemplary_person", "Điển hình tiên tiến (cá nhân)"
    EXEMPLARY_COLLECTIVE = "exemplary_collective", "Điển hình tiên tiến (tập thể)"


# --- Emulation blocs (khối, cụm thi đua) ---------------------------------------------------------


class BlocKind(models.TextChoices):
    BLOC = "bloc", "Khối thi đua"
    CLUSTER = "cluster", "Cụm thi đua"


class BlocRole(models.TextChoices):
    LEADER = "leader", "Trưởng khối"
    DEPUTY = "deputy", "Phó trưởng khối"
    MEMBER = "member", "Thành viên"


class ScoreLineKind(models.TextChoices):
    CRITERION = "criterion", "Tiêu chí chấm điểm"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"
    CONDITION = "condition", "Điều kiện bắt buộc"


class TieBreak(models.TextChoices):
    """Rules a score table may state for members with the same total, applied in the table's order;
    members still equal after all of them share the rank."""

    FEWER_PENALTY = "fewer_penalty", "Ít điểm trừ hơn xếp trên"
    MORE_BONUS = "more_bonus", "Nhiều điểm thưởng hơn xếp trên"
    GROUP_ORDER = "group_order", "Lần lượt so điểm từng nhóm tiêu chí theo thứ tự trong bảng"


class BlocYearState(models.TextChoices):
    """The bloc's scoring round of one year."""

    OPEN = "open", "Đang chấm điểm"
    RANKED = "ranked", "Đã họp khối, xếp hạng"
    PUBLISHED = "published", "Đã công bố kết quả"


class ScorecardState(models.TextChoices):
    """One member's scorecard: self-scored by the member, checked by the bloc leader."""

    DRAFT = "draft", "Đang tự chấm"
    SUBMITTED = "submitted", "Đã gửi trưởng khối"
    RETURNED = "returned", "Trưởng khối trả lại"
    CHECKED = "checked", "Trưởng khối đã kiểm tra"


class BlocSuggestion(models.TextChoices):
    """What the bloc meeting's ranking suggests for a member (the table's numbers of places)."""

    NONE = "", "Không đề nghị"
    FLAG = "flag", "Đề nghị Cờ thi đua"
    COMMENDATION = "commendation", "Đề nghị Bằng khen"
