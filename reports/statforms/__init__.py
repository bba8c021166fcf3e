"""The sector's statistical forms on emulation and commendation (biểu mẫu thống kê thi đua, khen
thưởng of the Home Affairs sector) as DATA: one JSON file per circular in this folder, a version with
its validity dates, its forms (code, symbol, title, layout), their rows and columns and, for each row
and column, a filter made of named conditions (reports.statforms.sources). A figure is the count of
a source's records matching its row's filter AND its column's filter. A new circular is a new file,
not new code; a new kind of condition is one entry in a source's registry (docs/statistics.md).

What could not be checked against the circular's text is said in the version's and forms' ``note``
(for administrators: the admin-only part of the pages and this folder), never in an officer's view."""

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


class DefinitionError(ValueError):
    """A definition file that cannot be used (unknown source or condition, duplicate keys...)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    filters: tuple  # the conditions of the column and of every group above it (each a dict)
    number: str  # the number printed under the headers ("1", "2"...; a numbered group's leaves share one)
    groups: tuple = ()  # the labels of the header groups above it, outermost first

    @property
    def title(self):
        """The column named with its groups ("Các loại huân chương, huy chương – Huân chương Lao động
        hạng Ba – Cá nhân"), leaving out the bare "Chia ra" ("of which") that names no group."""
        return " – ".join((*(g for g in self.groups if g != "Chia ra"), self.label))


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int
    rowspan: int


@dataclass(frozen=True)
class Row:
    key: str
    code: str
    label: str
    filter: dict
    source: str
    bold: bool = False
    indent: int = 0
    heading: bool = False  # a group's title ("1. Chia theo ..."): no figures
    unit: str = ""  # the row's unit of measure (column C, "Đơn vị tính"), when the form has one


@dataclass(frozen=True)
class FormDef:
    code: str
    symbol: str
    title: str
    source: str
    landscape: bool
    unit_of_measure: str
    verified: bool
    note: str
    columns: tuple  # leaf columns, left to right
    header: tuple  # header rows (tuples of HeaderCell), top to bottom, for merged cells
    rows: tuple
    numbers: tuple = ()  # the numbers row under the header: (text, colspan) per numbered span
    nodes: tuple = ()  # the column tree as defined (a group marked "each" is expanded per context)

    @property
    def expands(self):
        """Whether a group of its columns takes one column per form of award recorded (the
        circular's "mỗi hình thức khen thưởng ghi riêng một cột"), so its columns depend on the year."""
        return _expanding(self.nodes)

    def with_columns(self, nodes):
        """The same form with another column tree (its expansion for one statistical year)."""
        leaves, numbers = [], []
        _leaves(nodes, (), leaves, numbers)
        return dataclasses.replace(
            self,
            columns=tuple(leaves),
            header=header_rows(nodes),
            numbers=tuple((text, span) for text, span in numbers),
            nodes=tuple(nodes),
        )

    @property
    def total_row(self):
        """The form's first row with figures: its total, which every column splits."""
        return next(r for r in self.rows if not r.heading)

    @property
    def unit_column(self):
        """Whether the form has column C (each row's unit of measure)."""
        return any(r.unit for r in self.rows)

    def row(self, key):
        return next((r for r in self.rows if r.key == key), None)

    def column(self, key):
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class Version:
    circular: str
    circular_title: str
    circular_line: str  # "Ban hành theo Thông tư số ... ngày ...", printed under the form's symbol
    valid_from: dt.date
    valid_to: dt.date | None
    note: str
    receivers: dict
    receipt_date: str
    year_start: tuple  # (month, day): the statistical year starts on this day of the previous year
    forms: tuple = field(default=())
    file_name: str = ""

    def form(self, code):
        return next((f for f in self.forms if f.code == code), None)

    def receiver_for(self, level):
        """Who receives the report from a body of ``level`` (awards.enums.BodyLevel value)."""
        return self.receivers.get(level) or self.receivers.get("default", "")

    def period(self, year):
        """(first day, last day) of the statistical year ``year`` under this circular."""
        month, day = self.year_start
        start = dt.date(year - 1, month, day)
        return start, dt.date(year, month, day) - dt.timedelta(days=1)


def _leaves(nodes, inherited, out, numbers, shared=None, groups=()):
    """The leaf columns, left to right, each with the filters above it and its printed number: a
    leaf takes the next number, unless it is under a group marked ``numbered`` (whose leaves share
    the group's one number, as the circular numbers "Huân chương" over its Tập thể and Cá nhân). A
    node's ``number_label`` replaces its number's text ("1=(2+3+4)")."""
    for node in nodes:
        filters = (*inherited, node.get("filter", {}))
        if node.get("children"):
            span = shared
            if shared is None and node.get("numbered"):
                numbers.append([node.get("number_label") or str(len(numbers) + 1), 0])
                span = numbers[-1]
            _leaves(node["children"], filters, out, numbers, span, (*groups, node["label"]))
            continue
        if shared is None:
            numbers.append([node.get("number_label") or str(len(numbers) + 1), 1])
            number = numbers[-1][0]
        else:
            shared[1] += 1
            number = shared[0]
        out.append(Column(key=node["key"], label=node["label"], filters=filters, number=number, groups=groups))


def _expanding(nodes):
    return any(n.get("each") or (n.get("children") and _expanding(n["children"])) for n in nodes)


def _check_each(nodes, source, where):
    """A group marked ``each`` names an expansion its source knows, and its children are the leaves
    every expanded column repeats (Tập thể, Cá nhân)."""
    for node in nodes:
        if node.get("each"):
            if node["each"] not in source.expansions:
                raise DefinitionError(f"{where}: source {source.name!r} cannot expand columns by {node['each']!r}")
            if not node.get("children") or any(c.get("children") for c in node["children"]):
                raise DefinitionError(f"{where}: a group expanded by {node['each']!r} has leaf columns only")
        elif node.get("children"):
            _check_each(node["children"], source, where)


def _depth(nodes):
    return max((1 + _depth(n["children"]) if n.get("children") else 1) for n in nodes)


def _width(node):
    return sum(_width(c) for c in node["children"]) if node.get("children") else 1


def header_rows(nodes):
    """The header as rows of merged cells: a group spans its leaves' columns, a leaf spans down to
    the last header row (the layout of a printed statistical form)."""
    depth = _depth(nodes)
    rows = [[] for _ in range(depth)]

    def place(level, items):
        for node in items:
            if node.get("children"):
                rows[level].append(HeaderCell(node["label"], _width(node), 1))
                place(level + 1, node["children"])
            else:
                rows[level].append(HeaderCell(node["label"], 1, depth - level))

    place(0, nodes)
    return tuple(tuple(r) for r in rows)


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def parse_version(data, *, file_name=""):
    """A Version from a definition file's JSON, checked against the sources' registries."""
    from .sources import SOURCES

    column_sets = data.get("column_sets", {})
    forms = []
    for f in data["forms"]:
        nodes = f["columns"]
        if isinstance(nodes, str):  # a shared column set of the version, by name
            if nodes not in column_sets:
                raise DefinitionError(f"{file_name} {f['code']}: no column set {nodes!r}")
            nodes = column_sets[nodes]
        leaves, numbers = [], []
        _leaves(nodes, (), leaves, numbers)
        rows = tuple(
            Row(
                key=r["key"],
                code=r.get("code", ""),
                label=r["label"],
                filter=r.get("filter", {}),
                source=r.get("source", f["source"]),
                bold=r.get("bold", r.get("heading", False)),
                indent=r.get("indent", 0),
                heading=r.get("heading", False),
                unit=r.get("unit", ""),
            )
            for r in f["rows"]
        )
        for what, keys in (("column", [c.key for c in leaves]), ("row", [r.key for r in rows])):
            if len(set(keys)) != len(keys):
                raise DefinitionError(f"{file_name} {f['code']}: duplicate {what} keys")
        for row in rows:
            if row.source not in SOURCES:
                raise DefinitionError(f"{file_name} {f['code']}/{row.key}: unknown source {row.source!r}")
            if row.heading:
                if row.filter:
                    raise DefinitionError(f"{file_name} {f['code']}/{row.key}: a heading row has no filter")
                continue
            source = SOURCES[row.source]
            source.check(row.filter, where=f"{file_name} {f['code']} row {row.key}")
            for column in leaves:
                for condition in column.filters:
                    source.check(condition, where=f"{file_name} {f['code']} column {column.key}")
        if f["source"] not in SOURCES:
            raise DefinitionError(f"{file_name} {f['code']}: unknown source {f['source']!r}")
        _check_each(nodes, SOURCES[f["source"]], f"{file_name} {f['code']}")
        forms.append(
            FormDef(
                code=f["code"],
                symbol=f["symbol"],
                title=f["title"],
                source=f["source"],
                landscape=f.get("landscape", False),
                unit_of_measure=f.get("unit_of_measure", ""),
                verified=f.get("verified", False),
                note=f.get("note", ""),
                columns=tuple(leaves),
                header=header_rows(nodes),
                rows=rows,
                numbers=tuple((text, span) for text, span in numbers),
                nodes=tuple(nodes),
            )
        )
    start = data.get("year_starts", {"month": 12, "day": 1})
    receivers = data.get("receivers") or {"default": data.get("receiver", "")}
    return Version(
        circular=data["circular"],
        circular_title=data["circular_title"],
        circular_line=data.get("circular_line") or f"Ban hành theo Thông tư số {data['circular']}",
        valid_from=_date(data["valid_from"]),
        valid_to=_date(data.get("valid_to")),
        note=data.get("note", ""),
        receivers=receivers,
        receipt_date=data.get("receipt_date", ""),
        year_start=(start["month"], start["day"]),
        forms=tuple(forms),
        file_name=file_name,
    )


@cache
def versions():
    """Every circular's version in this folder, oldest first."""
    found = [parse_version(json.loads(p.read_text(encoding="utf-8")), file_name=p.name) for p in sorted(FOLDER.glob("*.json"))]
    return tuple(sorted(found, key=lambda v: v.valid_from))


def version_for(day, *, available=None):
    """The version in force on ``day`` (a statistical year is read under the circular valid on its
    last day); before the first version, the first one."""
    available = versions() if available is None else available
    valid = [v for v in available if v.valid_from <= day and (v.valid_to is None or day <= v.valid_to)]
    if valid:
        return valid[-1]
    earlier = [v for v in available if v.valid_from <= day]
    return earlier[-1] if earlier else available[0]


def version_for_year(year, *, available=None):
    """The version for statistical year ``year``: the one valid on the year's last day (30/11 under
    Thông tư 02/2023; each version states when its year starts)."""
    available = versions() if available is None else available
    probe = version_for(dt.date(year, 11, 30), available=available)
    return version_for(probe.period(year)[1], available=available)
