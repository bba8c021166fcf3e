from django.db import models


class ApiPermission(models.TextChoices):
    """What a system's token may do. The unit scope and the portal's own rules (django-rules) still
    decide which objects it sees: a permission opens an endpoint, never another unit's data."""

    UNITS_READ = "units:read", "Đọc đơn vị"
    PEOPLE_READ = "people:read", "Đọc cán bộ (họ tên, đơn vị, chức vụ)"
    PEOPLE_PERSONAL = "people:personal", "Đọc thông tin cá nhân của cán bộ (giới tính, năm sinh, lao động trực tiếp)"
    AWARDS_READ = "awards:read", "Đọc danh mục danh hiệu và lịch sử khen thưởng"
    NOMINATIONS_READ = "nominations:read", "Đọc đề nghị khen thưởng"
    NOMINATIONS_WRITE = "nominations:write", "Lập, sửa, gửi đề nghị khen thưởng (cần phạm vi đơn vị)"
    DECISIONS_READ = "decisions:read", "Đọc quyết định khen thưởng (toàn cổng)"
    DECISIONS_REGISTER = "decisions:register", "Đăng ký số, ngày quyết định từ hệ thống quản lý văn bản (toàn cổng)"
    CAMPAIGNS_READ = "campaigns:read", "Đọc phong trào thi đua và đăng ký thi đua"
    DASHBOARD_READ = "dashboard:read", "Đọc số liệu tổng hợp (toàn cổng)"
    EXPORT_NATIONAL = "export:national", "Xuất dữ liệu cho cơ sở dữ liệu thi đua, khen thưởng quốc gia (toàn cổng)"


# Permissions that only make sense for a unit-scoped token (the portal's rules let only a unit's
# officer prepare its nominations) and those that need the whole portal (the rules give decisions,
# figures and exports to Phòng Nội vụ and leadership only).
NEEDS_UNIT = {ApiPermission.NOMINATIONS_WRITE}
NEEDS_WHOLE_PORTAL = {
    ApiPermission.DECISIONS_READ,
    ApiPermission.DECISIONS_REGISTER,
    ApiPermission.DASHBOARD_READ,
    ApiPermission.EXPORT_NATIONAL,
}
