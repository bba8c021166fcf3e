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


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "all_members", "Tổng số thành viên Hội đồng"
    PRESENT = "present", "Số thành viên có mặt"
