from django.db import models


class CampaignKind(models.TextChoices):
    REGULAR = "regular", "Thi đua thường xuyên (hằng năm)"
    THEMATIC = "thematic", "Thi đua theo đợt, chuyên đề"
