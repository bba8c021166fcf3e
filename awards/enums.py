from django.db import models


class AwardCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    COMMENDATION = "commendation", "Hình thức khen thưởng"


class AwardSubject(models.TextChoices):
    PERSON = "person", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"
    RESIDENTIAL_GROUP = "residential_group", "Thôn, tổ dân phố"


class ConferringLevel(models.TextChoices):
    WARD = "ward", "Cấp phường, xã"
    DISTRICT = "district", "Cấp quận, huyện"
    CITY = "city", "Cấp thành phố"
    STATE = "state", "Cấp Nhà nước"


class BodyLevel(models.TextChoices):
    """The administrative level of an issuing body (the deployment's identity on a date)."""

    COMMUNE = "commune", "Xã, phường"
    SPECIAL_ZONE = "special_zone", "Đặc khu"
    DISTRICT = "district", "Quận, huyện"
    PROVINCE = "province", "Tỉnh, thành phố"

    @property
    def conferring_level(self):
        """The catalogue's conferring level this body acts at (ConferringLevel value)."""
        return {"commune": "ward", "special_zone": "ward", "district": "district", "province": "city"}[self.value]


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "all_members", "Tổng số thành viên Hội đồng"
    PRESENT = "present", "Số thành viên có mặt"


class PeriodKind(models.TextChoices):
    CALENDAR_YEAR = "calendar", "Năm"
    SCHOOL_YEAR = "school", "Năm học"
    STAGE = "stage", "Giai đoạn nhiều năm"


class NominationBasis(models.TextChoices):
    MERIT = "merit", "Công trạng và thành tích"
    CAMPAIGN = "campaign", "Theo đợt, chuyên đề"
    AD_HOC = "ad_hoc", "Đột xuất"
    DEDICATION = "dedication", "Quá trình cống hiến"
    SENIORITY = "seniority", "Niên hạn"
    FOREIGN = "foreign", "Đối ngoại"


class NomineeType(models.TextChoices):
    PERSON = "person", "Cá nhân"
    UNIT = "unit", "Tập thể (đơn vị)"


class NominationState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Trả lại để bổ sung"
    RESUBMITTED = "resubmitted", "Đã gửi lại"
    VERIFIED = "verified", "Đã thẩm định"
    WITH_COUNCIL = "with_council", "Trình Hội đồng"
    APPROVED = "approved", "Hội đồng đồng ý"
    NOT_APPROVED = "not_approved", "Hội đồng không đồng ý"
    DECIDED = "decided", "Đã có quyết định"
    PROPOSED_UPWARD = "proposed_upward", "Đã đề nghị cấp trên"
    WITHDRAWN = "withdrawn", "Đã rút"


class ReviewRecommendation(models.TextChoices):
    """The advisory office's own view, kept apart from the council's result."""

    NONE = "", "Chưa có ý kiến"
    AGREE = "agree", "Đủ điều kiện, đề nghị trình Hội đồng"
    DISAGREE = "disagree", "Không đủ điều kiện"


class CouncilResult(models.TextChoices):
    NONE = "", "Chưa xét"
    APPROVED = "approved", "Đồng ý"
    NOT_APPROVED = "not_approved", "Không đồng ý"


class Severity(models.TextChoices):
    HARD = "hard", "Bắt buộc (chặn việc gửi)"
    SOFT = "soft", "Cảnh báo"


class PrerequisiteRule(models.TextChoices):
    AWARD_SAME_YEAR = "award_same_year", "Đạt danh hiệu/hình thức khác cùng năm"
    AWARD_STREAK = "award_streak", "Đạt danh hiệu/hình thức khác liên tục nhiều năm"
    INITIATIVE = "initiative", "Có sáng kiến được công nhận"
    RESEARCH = "research", "Có đề tài nghiên cứu khoa học được nghiệm thu, áp dụng"
    EXCELLENT_COMPLETION = "excellent_completion", "Hoàn thành xuất sắc nhiệm vụ"


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", "Sáng kiến"
    RESEARCH = "research", "Đề tài, đề án nghiên cứu khoa học (đã nghiệm thu, áp dụng)"


class InitiativeScope(models.IntegerChoices):
    UNIT = 1, "Cấp cơ sở"
    DISTRICT = 2, "Cấp quận, huyện"
    CITY = 3, "Cấp thành phố"
    NATIONAL = 4, "Toàn quốc"


class RouteAction(models.TextChoices):
    CONFER = "confer", "Quyết định khen thưởng"
    PROPOSE = "propose", "Đề nghị cấp trên"


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", "Báo cáo thành tích"
    INITIATIVE_RECOGNITION = "initiative_recognition", "Quyết định công nhận sáng kiến"
    EARLIER_DECISION = "earlier_decision", "Quyết định khen thưởng trước đây"
    SUMMARY = "summary", "Tóm tắt thành tích"
    CONFIRMATION = "confirmation", "Văn bản xác nhận, ý kiến của cơ quan có thẩm quyền"
    PROFILE = "profile", "Bản trích ngang, tóm tắt quá trình công tác"
    OTHER = "other", "Tài liệu khác"


class RecordSource(models.TextChoices):
    DECIDED = "decided", "Quyết định trên cổng"
    IMPORTED = "imported", "Nhập từ Excel / số liệu cũ"
    UPWARD = "upward", "Quyết định của cấp trên"


class QuotaBase(models.TextChoices):
    HEADCOUNT = "headcount", "Tổng số cán bộ của đơn vị"
    KIND_COUNT = "kind_count", "Số đề nghị một danh hiệu khác"


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", "Ngày nghỉ lễ, Tết"
    WORKING = "working", "Ngày làm việc bù (thứ Bảy, Chủ nhật)"


class MeetingState(models.TextChoices):
    PREPARING = "preparing", "Đang chuẩn bị"
    VOTING = "voting", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc"


class VoteMode(models.TextChoices):
    ONLINE = "online", "Bỏ phiếu trực tuyến"
    PAPER = "paper", "Phiếu giấy (nhập kết quả kiểm phiếu)"


class VoteChoice(models.TextChoices):
    YES = "yes", "Đồng ý"
    NO = "no", "Không đồng ý"


class DecisionState(models.TextChoices):
    DRAFT = "draft", "Dự thảo chờ duyệt"
    RETURNED = "returned", "Lãnh đạo trả lại để sửa"
    APPROVED = "approved", "Lãnh đạo đã duyệt"
    ISSUED = "issued", "Đã ban hành"


class ProposalState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SENT = "sent", "Đã gửi cấp trên"
    CLOSED = "closed", "Đã có kết quả"


class UpwardResult(models.TextChoices):
    PENDING = "", "Chờ kết quả"
    CONFERRED = "conferred", "Được khen thưởng"
    REFUSED = "refused", "Không được khen thưởng"


class SignerCapacity(models.TextChoices):
    """How a signer signs (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 8): the head himself, his deputy
    for him (KT.), an acting head (Q.), by order (TL.) or by authorisation (TUQ.)."""

    HEAD = "head", "Người đứng đầu ký"
    DEPUTY = "deputy", "Cấp phó ký thay (KT.)"
    ACTING = "acting", "Quyền người đứng đầu (Q.)"
    BY_ORDER = "by_order", "Ký thừa lệnh (TL.)"
    BY_AUTHORISATION = "by_authorisation", "Ký thừa ủy quyền (TUQ.)"


class DocumentKind(models.TextChoices):
    DECISION = "decision", "Quyết định khen thưởng"
    CERTIFICATE = "certificate", "Giấy khen, giấy chứng nhận"
    SUBMISSION = "submission", "Tờ trình của đơn vị"
    UPWARD_PROPOSAL = "upward_proposal", "Tờ trình đề nghị cấp trên"


class DecisionVerb(models.TextChoices):
    """The verb of a decision for an award kind: titles are recognised, commendations given."""

    GIVE = "tặng", "tặng"
    RECOGNISE = "công nhận", "công nhận"


class LegalDocumentKind(models.TextChoices):
    LAW = "law", "Luật"
    DECREE = "decree", "Nghị định"
    CIRCULAR = "circular", "Thông tư"
    LOCAL_RULE = "local_rule", "Văn bản của địa phương"


class HandoverKind(models.TextChoices):
    NOMINATION = "nomination", "Đề nghị khen thưởng"
    REGISTRATION = "registration", "Đăng ký thi đua"
    NOTICE = "notice", "Danh sách công khai"
    MEETING = "meeting", "Phiên họp Hội đồng"


class FundEntryKind(models.TextChoices):
    """A line of the reward fund's ledger (quỹ thi đua, khen thưởng)."""

    INCOME = "income", "Thu"
    EXPENSE = "expense", "Chi"


class FundRateBase(models.TextChoices):
    """What the legal rate of the reward fund is a percentage of (the decree names it; data, not code)."""

    SALARY_FUND = "salary_fund", "Tổng quỹ tiền lương theo ngạch, bậc, chức vụ trong năm"
    REGULAR_SPENDING = "regular_spending", "Tổng chi ngân sách thường xuyên trong năm"
