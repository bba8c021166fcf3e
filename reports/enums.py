from django.db import models


class ReportKind(models.TextChoices):
    SUMMARY = "summary", "Báo cáo tổng hợp công tác thi đua, khen thưởng"
    CAMPAIGN_INTERIM = "campaign_interim", "Báo cáo sơ kết phong trào thi đua"
    CAMPAIGN_FINAL = "campaign_final", "Báo cáo tổng kết phong trào thi đua"
    REGISTRATIONS = "registrations", "Tổng hợp đăng ký thi đua của phong trào"
    AWARDS = "awards", "Khen thưởng trong kỳ theo đơn vị và hình thức"
    PROPOSED = "proposed", "Danh sách đề nghị khen thưởng trình Hội đồng"


# Kinds that need a campaign rather than (or besides) a period.
CAMPAIGN_KINDS = (ReportKind.CAMPAIGN_INTERIM, ReportKind.CAMPAIGN_FINAL, ReportKind.REGISTRATIONS)


class ReportStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang lập"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"
    CANCELLED = "cancelled", "Đã hủy"
