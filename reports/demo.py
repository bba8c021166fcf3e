"""Demo data of the reports app: the issuing body, the summary's recipients (the chairman first)
and one scheduled summary in the archive. Idempotent: rows are found by natural keys and the
summary's period is claimed like the periodic job claims it."""

from django.db.models import Max
from django.utils import timezone

from awards.models import AwardRecord
from units.models import User

from . import services
from .models import ReportRecipient, ReportSettings
from .periods import previous_week

RECIPIENTS = [
    ("lanhdao", "Chủ tịch UBND quận (để báo cáo)", 10),
    ("noivu", "Phòng Nội vụ (để theo dõi)", 20),
]


def seed(stdout=None):
    if not ReportSettings.objects.exists():
        ReportSettings.objects.create(signer_name="Đỗ Thị Thu Hà")
    for username, title, order in RECIPIENTS:
        user = User.objects.filter(username=username).first()
        if user is not None:
            ReportRecipient.objects.get_or_create(user=user, defaults={"title": title, "display_order": order})
    # The quarter of the latest decision, so the archived example has figures; else last week.
    latest = AwardRecord.objects.filter(decision_date__isnull=False).aggregate(d=Max("decision_date"))["d"]
    period = f"{latest.year}-Q{(latest.month - 1) // 3 + 1}" if latest else previous_week(timezone.localdate()).code
    run, built = services.summary_run(period=period, email=False)
    if stdout:
        stdout.write(f"Reports: recipients configured; summary {period} {'built' if built else 'already in the archive'}.")
