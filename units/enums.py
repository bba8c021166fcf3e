from django.db import models


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Cơ quan chuyên môn"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    WARD = "ward", "UBND phường"
    COMMUNE = "commune", "UBND xã"
    SPECIAL_ZONE = "special_zone", "UBND đặc khu"
    FRONT = "front", "Mặt trận Tổ quốc"
    MASS_ORGANISATION = "mass_organisation", "Đoàn thể"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"
    OTHER = "other", "Khác"


class DisciplineForm(models.TextChoices):
    """Forms of discipline of cadres, civil servants and public employees, lightest first (the order
    is what "cảnh cáo or above" compares; DISCIPLINE_RANK)."""

    REPRIMAND = "khien_trach", "Khiển trách"
    WARNING = "canh_cao", "Cảnh cáo"
    SALARY_DOWNGRADE = "ha_bac_luong", "Hạ bậc lương"
    DEMOTION = "giang_chuc", "Giáng chức"
    DISMISSAL_FROM_POST = "cach_chuc", "Cách chức"
    DISMISSAL = "buoc_thoi_viec", "Buộc thôi việc"


DISCIPLINE_RANK = {value: rank for rank, value in enumerate(DisciplineForm.values, start=1)}


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", "Cán bộ phụ trách thi đua của đơn vị"
    REVIEWER = "reviewer", "Cơ quan tham mưu (thẩm định)"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐKT"
    LEADER = "leader", "Lãnh đạo UBND"
    # The directive gives the propaganda of exemplars to Phòng Văn hóa và Thông tin (or the office a
    # commune assigns): publishing and editing the public exemplar pages, printing the honourees' booklet.
    PROPAGANDA = "propaganda", "Tuyên truyền điển hình tiên tiến (Phòng Văn hóa và Thông tin)"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang lập"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


class PositionGroup(models.TextChoices):
    """Groups of posts a service period is counted in (nhóm chức vụ, cấp lãnh đạo): seniority and
    dedication rules (awards.SeniorityRule) name the groups whose years they count. Which local post
    is "equivalent" to a group is the reviewer's call when entering the period."""

    CITY_LEADER = "city_leader", "Lãnh đạo thành phố (Thành ủy, HĐND, UBND, Ủy ban MTTQ thành phố) và tương đương"
    DIRECTOR = "director", "Cấp trưởng sở, ngành thành phố; Bí thư, Chủ tịch HĐND, UBND quận và tương đương"
    DEPUTY_DIRECTOR = "deputy_director", "Cấp phó sở, ngành thành phố; Phó Chủ tịch HĐND, UBND quận và tương đương"
    DEPARTMENT_HEAD = "department_head", "Trưởng phòng, ban và tương đương; Chủ tịch UBND phường"
    DEPUTY_HEAD = "deputy_head", "Phó trưởng phòng, ban và tương đương; Phó Chủ tịch UBND phường"
    STAFF = "staff", "Công chức, viên chức, người lao động không giữ chức vụ lãnh đạo"
