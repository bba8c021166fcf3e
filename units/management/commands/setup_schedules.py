from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from dosonthidua.registry import SCHEDULES


class Command(BaseCommand):
    help = "Create the default Celery beat schedules that are missing (never changes existing ones)."

    def handle(self, *args, **options):
        created = 0
        for schedule in SCHEDULES:
            if PeriodicTask.objects.filter(name=schedule.name).exists():
                continue
            crontab, _ = CrontabSchedule.objects.get_or_create(timezone="Asia/Ho_Chi_Minh", **schedule.crontab)
            PeriodicTask.objects.create(name=schedule.name, task=schedule.task, crontab=crontab, description=schedule.description)
            created += 1
        self.stdout.write(f"Schedules: {created} created, {len(SCHEDULES) - created} already present.")
