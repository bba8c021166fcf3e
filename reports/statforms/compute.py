"""Figures of a statistical form: one grouped query per source the form reads, whatever the data size
and the number of cells. Every cell is an AND of terms (reports.statforms.sources.Term); the terms
all counted cells share filter the source's records, each other dimension is computed once per
record and grouped by, and a cell's figure is the sum of the groups whose values pass its terms. The
drill-down list of a cell is the same source filtered by the same terms as a Q."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import BigIntegerField, Case, Count, Q, Value, When

from . import version_for_year
from .sources import NOT_RECORDED, SOURCES, Context, Unavailable, terms_q


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
    value: int | None  # None: not counted, printed as ``mark``
    mark: str = ""  # "x" (not applicable to this row) or "" (not recorded: left blank)


@dataclass
class Grid:
    form: object
    rows: list  # [(Row, [Cell, ...])]; a heading row has no cells

    def value(self, row_key, column_key):
        for row, cells in self.rows:
            if row.key == row_key:
                return next(c.value for c in cells if c.column == column_key)
        raise KeyError(row_key)

    def cell(self, row_key, column_key):
        for row, cells in self.rows:
            if row.key == row_key:
                return next(c for c in cells if c.column == column_key)
        raise KeyError(row_key)


class _Counts:
    """The grouped query of one source for a set of cells (each a list of terms). The terms every
    cell has filter the records; the other boolean dimensions are folded into one integer (a bit
    each: one narrow grouping key, whatever their number), value dimensions are grouped by as they
    are."""

    def __init__(self, source, ctx, cells):
        terms = {t.key: t for cell in cells for t in cell}
        self.common = set.intersection(*({t.key for t in cell} for cell in cells))
        qs = source.base(ctx).order_by()
        shared = Q()
        for key in sorted(self.common, key=repr):
            shared &= terms[key].q
        if shared:
            qs = qs.filter(shared)
        self.bits, self.values = {}, {}
        for key, term in terms.items():
            if key in self.common:
                continue
            if term.condition is not None:
                self.bits.setdefault(term.dimension, (1 << len(self.bits), term.condition))
            else:
                self.values.setdefault(term.dimension, (f"v{len(self.values)}", term.expression))
        annotations = dict(self.values.values())
        if self.bits:
            big = BigIntegerField()
            flags = [Case(When(condition, then=Value(bit)), default=Value(0), output_field=big) for bit, condition in self.bits.values()]
            annotations["mask"] = reduce(operator.add, flags)
        if not annotations:
            self.groups = [({}, qs.count())]
            return
        grouped = qs.annotate(**annotations).values(*annotations).annotate(n=Count("pk")).order_by()
        self.groups = [(row, row.pop("n")) for row in grouped]

    def _value(self, term, values):
        if term.dimension in self.bits:
            return bool(values["mask"] & self.bits[term.dimension][0])
        return values[self.values[term.dimension][0]]

    def count(self, cell):
        tests = [t for t in cell if t.key not in self.common]
        return sum(n for values, n in self.groups if all(t.holds(self._value(t, values)) for t in tests))


def form_for(form, ctx):
    """The form's columns for ``ctx``. A group marked ``"each": "award_form"`` (the circular's "mỗi
    hình thức khen thưởng ghi riêng một cột") takes one column group per form of award recorded
    under it among the records of the form's total row, in the catalogue's order, each with all the
    group's leaves (Tập thể, Cá nhân, as the form prints them under every form); a group with no
    record keeps its leaves as defined, so the blank form still shows it. Every record of the total
    row is in one leaf, as before the expansion. The result has no group left to expand (form_for of
    it is itself)."""
    if not form.expands:
        return form
    source = SOURCES[form.source]
    groups = {}  # id(node) -> (node, Q of the records its leaves take)

    def collect(nodes, inherited):
        for node in nodes:
            filters = (*inherited, node.get("filter", {}))
            if node.get("each"):
                leaves = Q(pk__in=[])
                for child in node["children"]:
                    conditions = (*filters, child.get("filter", {}))
                    terms = [source.terms(c, ctx) for c in conditions]
                    if not source.contradicts(conditions) and NOT_RECORDED not in terms:
                        leaves |= terms_q([t for part in terms for t in part])
                groups[id(node)] = (node, leaves)
            elif node.get("children"):
                collect(node["children"], filters)

    collect(form.nodes, ())
    where = source.terms(form.total_row.filter, ctx)
    found, order = {}, []
    if where is not NOT_RECORDED:
        method = getattr(source, source.expansions[next(iter(groups.values()))[0]["each"]])
        by_slot, order = method(ctx, terms_q(where), [q for _node, q in groups.values()])
        found = dict(zip(groups, by_slot.values(), strict=True))

    def rebuild(nodes):
        out = []
        for node in nodes:
            if id(node) in groups:
                under = found.get(id(node), {})
                expanded = [
                    {
                        "label": label,
                        "filter": {"award_code": under[code]},
                        "children": [{**child, "key": f"{child['key']}.{code}"} for child in node["children"]],
                    }
                    for code, label in order
                    if code in under
                ]
                plain = {k: v for k, v in node.items() if k != "each"}
                out.append({**plain, "children": expanded} if expanded else plain)
            elif node.get("children"):
                out.append({**node, "children": rebuild(node["children"])})
            else:
                out.append(node)
        return out

    return form.with_columns(rebuild(form.nodes))


def compute(form, ctx):
    """The form's grid of figures for ``ctx`` (its columns as form_for gives them for ``ctx``)."""
    form = form_for(form, ctx)
    plan, cells_by_source, memos = [], {}, {}
    for row in form.rows:
        if row.heading:
            plan.append((row, None))
            continue
        source, memo = SOURCES[row.source], memos.setdefault(row.source, {})
        cells = [(column.key, source.cell_terms(row, column, ctx, memo)) for column in form.columns]
        for _key, terms in cells:
            if not isinstance(terms, Unavailable):
                cells_by_source.setdefault(row.source, []).append(terms)
        plan.append((row, cells))
    counts = {name: _Counts(SOURCES[name], ctx, cells) for name, cells in cells_by_source.items()}
    rows = []
    for row, cells in plan:
        if cells is None:
            rows.append((row, []))
            continue
        line = []
        for key, terms in cells:
            if isinstance(terms, Unavailable):
                line.append(Cell(row.key, key, None, terms.mark))
            else:
                line.append(Cell(row.key, key, counts[row.source].count(terms)))
        rows.append((row, line))
    return Grid(form=form, rows=rows)


def drilldown(form, row_key, column_key, ctx):
    """(source, queryset) of the records behind one cell, or None when the cell does not exist or is
    not counted."""
    form = form_for(form, ctx)
    row, column = form.row(row_key), form.column(column_key)
    if row is None or column is None or row.heading:
        return None
    source = SOURCES[row.source]
    q = source.cell_q(row, column, ctx)
    if isinstance(q, Unavailable):
        return None
    return source, source.listing(source.base(ctx).filter(q))
