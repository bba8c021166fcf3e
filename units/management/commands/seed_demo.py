from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from dosonthidua.registry import DEMO_SEEDERS


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        for _order, dotted in DEMO_SEEDERS:
            with transaction.atomic():
                import_string(dotted)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
