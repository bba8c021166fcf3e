from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from reports import formatters, generators
from reports.enums import CAMPAIGN_KINDS, ReportKind
from reports.periods import PeriodError, parse_period

ALIASES = {"interim": ReportKind.CAMPAIGN_INTERIM, "final": ReportKind.CAMPAIGN_FINAL}


class Command(BaseCommand):
    help = "Build a report (PDF or XLSX) to a file, without touching the archive."

    def add_arguments(self, parser):
        kinds = [k.value for k in ReportKind] + list(ALIASES)
        parser.add_argument("kind", choices=kinds)
        parser.add_argument("--period", default="", help="2025, 2025-Q4, 2025-11, 2025-W47 or 2025-TK")
        parser.add_argument("--campaign", type=int, help="campaign id (campaign_interim, campaign_final, registrations)")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--out", required=True)

    def handle(self, *args, **options):
        kind = ALIASES.get(options["kind"], options["kind"])
        try:
            period = parse_period(options["period"]) if options["period"] else None
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        campaign = None
        if kind in CAMPAIGN_KINDS:
            if not options["campaign"]:
                raise CommandError(f"{kind} needs --campaign ID")
            campaign = Campaign.objects.filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign {options['campaign']}")
        elif kind != ReportKind.PROPOSED and period is None:
            raise CommandError(f"{kind} needs --period")
        document = generators.generate(kind, period=period, campaign=campaign)
        data = formatters.to_pdf(document) if options["format"] == "pdf" else formatters.to_xlsx(document)
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"Wrote {options['out']} ({len(data)} bytes)")
