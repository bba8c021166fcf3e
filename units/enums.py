from django.db import models


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Cơ quan chuyên môn"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    WARD = "ward", "UBND phường"
    FRONT = "front", "Mặt trận Tổ quốc"
    MASS_ORGANISATION = "mass_organisation", "Đoàn thể"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố"
    OTHER = "other", "Khác"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", "Cán bộ phụ trách thi đua của đơn vị"
    REVIEWER = "reviewer", "Phòng Nội vụ (thẩm định)"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng TĐKT"
    LEADER = "leader", "Lãnh đạo UBND"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"
