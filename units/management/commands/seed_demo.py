from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from dosonthidua.registry import DEMO_SEEDERS


class Command(BaseCommand):
    help = (
        "Load the demo data of every app, relative to today (idempotent: a second run changes nothing). "
        "--level city sets the portal up as the city's emulation office receiving its wards' proposals "
        "(use the city's own database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--level", choices=["ward", "city"], default="ward", help="the body the demo portal serves (default: ward)")

    def handle(self, *args, **options):
        if options["level"] == "city":
            import_string("awards.demo_city.seed")(stdout=self.stdout)
        else:
            for _order, dotted in DEMO_SEEDERS:
                with transaction.atomic():
                    import_string(dotted)(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
