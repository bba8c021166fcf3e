"""Heavy document builds timed by `make bench` (bench/run.py) against the benchmark database:
(label, function, target seconds). Each function builds the real PDF (and XLSX) and returns its
number of table rows, so the benchmark states how big the document was."""

from . import formatters, generators
from .enums import ReportKind
from .periods import parse_period


def _rows(document):
    return sum(len(t.rows) for s in document.sections for t in s.tables)


def summary_all_units():
    document = generators.generate(ReportKind.SUMMARY, period=parse_period("2025"))
    formatters.to_pdf(document)
    formatters.to_xlsx(document)
    return _rows(document)


def registrations_pdf():
    """The registrations report of the benchmark campaign: one row per unit (about 1,000 rows)."""
    from campaigns.models import Campaign

    campaign = Campaign.objects.filter(name__endswith="(dữ liệu đo)").order_by("-id").first()
    document = generators.generate(ReportKind.REGISTRATIONS, campaign=campaign)
    formatters.to_pdf(document)
    return _rows(document)


BENCHMARKS = [
    ("periodic summary for all units (PDF + XLSX)", summary_all_units, 10.0),
    ("1,000-row PDF report (registrations of a campaign, one row per unit)", registrations_pdf, 5.0),
]
