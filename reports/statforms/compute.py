"""Figures of a statistical form: every cell counted in PostgreSQL, one aggregate query per source
the form reads (COUNT(*) FILTER (WHERE row AND column) for every cell), whatever the data size. The
drill-down list of a cell is the same source, filtered by the same Q."""

from dataclasses import dataclass

from django.db.models import Count

from . import version_for_year
from .sources import NOT_APPLICABLE, SOURCES, Context


class OutOfScope(LookupError):
    """The issuing body was not the portal's identity during the statistical year."""


def context_for(year, body=None, *, version=None, reporter=None):
    """The statistical year ``year`` (under its circular) cut to the body's validity dates; without
    a body, the whole year of every body, ``reporter`` named on the form."""
    version = version or version_for_year(year)
    start, end = version.period(year)
    if body is not None:
        start = max(start, body.valid_from)
        if body.valid_to:
            end = min(end, body.valid_to)
        if start > end:
            raise OutOfScope(f"{body} không có hiệu lực trong năm thống kê {year}.")
    return Context(year=year, start=start, end=end, body=body, reporter=reporter)


@dataclass
class Cell:
    row: str
    column: str
    value: int | None  # None: not applicable to this row ("x" on the printed form)


@dataclass
class Grid:
    form: object
    rows: list  # [(Row, [Cell, ...])]

    def value(self, row_key, column_key):
        for row, cells in self.rows:
            if row.key == row_key:
                return next(c.value for c in cells if c.column == column_key)
        raise KeyError(row_key)


def compute(form, ctx):
    """The form's grid of figures for ``ctx``."""
    by_source = {}
    plan = []
    for row in form.rows:
        source = SOURCES[row.source]
        cells = []
        for column in form.columns:
            q = source.cell_q(row, column, ctx)
            if q is NOT_APPLICABLE:
                cells.append((column.key, None))
            else:
                alias = f"c{len(by_source.setdefault(row.source, {}))}"
                by_source[row.source][alias] = Count("pk", filter=q)
                cells.append((column.key, (row.source, alias)))
        plan.append((row, cells))
    results = {name: SOURCES[name].base(ctx).order_by().aggregate(**aggregates) for name, aggregates in by_source.items()}
    rows = []
    for row, cells in plan:
        rows.append((row, [Cell(row.key, key, None if ref is None else results[ref[0]][ref[1]]) for key, ref in cells]))
    return Grid(form=form, rows=rows)


def drilldown(form, row_key, column_key, ctx):
    """(source, queryset) of the records behind one cell, or None when the cell does not exist or is
    not applicable."""
    row, column = form.row(row_key), form.column(column_key)
    if row is None or column is None:
        return None
    source = SOURCES[row.source]
    q = source.cell_q(row, column, ctx)
    if q is NOT_APPLICABLE:
        return None
    return source, source.listing(source.base(ctx).filter(q))
