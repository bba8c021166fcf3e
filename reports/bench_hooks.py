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


def statistical_forms():
    """Every statistical form of the year holding the benchmark's awards (decided 20/12/2025:
    statistical year 2026), computed and printed as PDF and XLSX."""
    from .statforms import compute, render, version_for_year

    year = 2026
    version = version_for_year(year)
    ctx = compute.context_for(year)
    rows = 0
    for form in version.forms:
        grid = compute.compute(form, ctx)
        render.to_pdf(version, grid, ctx)
        render.to_xlsx(version, grid, ctx)
        rows += len(grid.rows)
    return rows


BENCHMARKS = [
    ("periodic summary for all units (PDF + XLSX)", summary_all_units, 10.0),
    ("1,000-row PDF report (registrations of a campaign, one row per unit)", registrations_pdf, 5.0),
    ("the five statistical forms of a year (PDF + XLSX each)", statistical_forms, 10.0),
]
