"""What the statistical forms count: each source is a base set of records for a statistical year and
an issuing body, and a registry of named conditions a definition file may use in its rows and
columns ({"level": "state"}, {"basis": ["merit"]}, {"leader_level": "office"}...). A condition is one
or more terms: a term is an expression computed once per record and a test of its value (a boolean
Q, or a value such as a person's leadership rank), so a form's figures come from one grouped query
per source (reports.statforms.compute) and a cell's drill-down list from the same terms as a Q.

NOT_RECORDED marks a condition the portal keeps no data for (the printed cell stays blank, to be
filled by hand); a cell whose conditions cannot hold together (a collective in a column of persons)
is NOT_APPLICABLE and prints "x"."""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, IsNull

from awards.enums import AwardSubject
from awards.models import AwardKind, AwardRecord
from campaigns.enums import MovementLevel
from campaigns.models import Campaign
from dosonthidua.text import fold
from units.enums import PositionGroup, Role
from units.models import ServicePeriod, Unit, User

from ..selectors import Scope


@dataclass(frozen=True)
class Unavailable:
    """A cell that is not counted: ``mark`` is what the printed form shows in it."""

    mark: str
    reason: str


NOT_RECORDED = Unavailable("", "not recorded")
NOT_APPLICABLE = Unavailable("x", "not applicable")


@dataclass(frozen=True)
class Context:
    """A statistical year (its dates, cut to the issuing body's validity when a body is chosen), the
    body whose records count (None: every body's) and the body named as reporter on the form."""

    year: int
    start: dt.date
    end: dt.date
    body: object = None
    reporter: object = None

    @property
    def reporting_body(self):
        return self.body if self.body is not None else self.reporter


@dataclass(frozen=True, eq=False)
class Term:
    """One test on one per-record dimension. ``dimension`` names it (the grouped query computes each
    dimension once per record), ``key`` the test (terms with equal keys are the same test), ``q`` the
    test as a filter, ``holds`` the same test on the dimension's value in the grouped query. A
    boolean dimension is its ``condition`` (a Q; SQL NULL counts as False, as in a WHERE clause), a
    value dimension its ``expression`` (None for NULL)."""

    dimension: str
    key: tuple
    q: Q
    holds: object
    condition: Q | None = None
    expression: object = None


def terms_q(terms):
    """The terms as one Q (all must hold)."""
    q = Q()
    for term in terms:
        q &= term.q
    return q


def boolean_term(name, q):
    """A term that is a plain condition (a Q) on the record."""
    return Term(dimension=name, key=(name,), q=q, holds=bool, condition=q)


def negated_term(term):
    """The negation of a boolean term whose condition is never NULL (an EXISTS): the same
    dimension, tested for False."""
    return Term(term.dimension, (term.dimension, False), ~term.q, lambda v: not v, condition=term.condition)


def value_term(dimension, expression, value):
    """A term that tests ``expression`` (a per-record value, e.g. a scalar subquery) for equality
    with ``value``, or for NULL when ``value`` is None."""
    if value is None:
        return Term(dimension, (dimension, "null"), Q(IsNull(expression, True)), lambda v: v is None, expression=expression)
    return Term(dimension, (dimension, value), Q(Exact(expression, value)), lambda v: v == value, expression=expression)


def _values(value):
    return list(value) if isinstance(value, list | tuple) else [value]


def _name(key, value):
    return f"{key}={json.dumps(value, ensure_ascii=False, sort_keys=True)}"


def _tristate(field, value, *, within=None):
    """yes / no / unknown of a nullable boolean (blank is unknown, counted as "Chưa rõ")."""
    base = Q(**{within: False}) if within else Q()
    return base & {"yes": Q(**{field: True}), "no": Q(**{field: False}), "unknown": Q(**{f"{field}__isnull": True})}[value]


class Source:
    name = ""
    label = ""
    conditions = {}
    # Conditions every record has exactly one value of: two of them with no value in common in one
    # cell (a row of collectives, a column of persons) make the cell not applicable ("x").
    exclusive = frozenset()
    list_headers = ()
    # Column expansions a definition may ask for ("each": name): name -> method(ctx, where, slots).
    expansions = {}

    def base(self, ctx):
        raise NotImplementedError

    def listing(self, qs):
        """The drill-down list's queryset (joins what list_row prints, in a stable order)."""
        return qs

    def list_row(self, obj):
        raise NotImplementedError

    def check(self, condition, *, where):
        from . import DefinitionError

        for key, value in condition.items():
            if key == "exclude":
                self.check(value, where=where)
            elif key not in self.conditions:
                raise DefinitionError(f"{where}: source {self.name!r} has no condition {key!r}")

    def terms(self, condition, ctx, memo=None):
        """The terms of one condition dict (all its keys must hold), or NOT_RECORDED. A condition's
        builder returns a Q (one boolean term), a list of terms, or NOT_RECORDED; ``memo`` (a dict
        kept for one form's computation) builds each named condition once for all the cells."""
        memo = {} if memo is None else memo
        whole = ("condition", id(condition))  # the same dict object recurs in every cell of its row or column
        if whole in memo:
            return memo[whole][1]
        found = []
        for key, value in condition.items():
            name = _name(key, value)
            if name not in memo:
                memo[name] = self._build(key, value, ctx, memo)
            built = memo[name]
            if built is NOT_RECORDED:
                found = NOT_RECORDED
                break
            found.extend(built)
        memo[whole] = (condition, found)  # the dict is kept with its terms, so its id stays its own
        return found

    def _build(self, key, value, ctx, memo):
        if key == "exclude":
            inner = self.terms(value, ctx, memo)
            if inner is NOT_RECORDED:
                return NOT_RECORDED
            return [boolean_term(_name(key, value), ~terms_q(inner))]
        build = self.conditions[key]
        built = NOT_RECORDED if build is NOT_RECORDED else build(value, ctx)
        if isinstance(built, Q):
            return [boolean_term(_name(key, value), built)] if built else []  # an empty Q holds for every record
        return built

    def contradicts(self, conditions):
        """True when two conditions of the cell ask an exclusive fact for values with none in common."""
        seen = {}
        for condition in conditions:
            for key, value in condition.items():
                if key in self.exclusive:
                    values = set(_values(value)) & seen.get(key, set(_values(value)))
                    if not values:
                        return True
                    seen[key] = values
        return False

    def cell_terms(self, row, column, ctx, memo=None):
        """The terms of one cell (its row's filter AND its column's and groups' filters), or an
        Unavailable (NOT_APPLICABLE before NOT_RECORDED: "x" says more than a blank)."""
        conditions = (row.filter, *column.filters)
        if self.contradicts(conditions):
            return NOT_APPLICABLE
        memo = {} if memo is None else memo
        found = []
        for condition in conditions:
            part = self.terms(condition, ctx, memo)
            if part is NOT_RECORDED:
                return NOT_RECORDED
            found.extend(part)
        return found

    def cell_q(self, row, column, ctx):
        """The cell's records as one Q (the drill-down list), or an Unavailable."""
        terms = self.cell_terms(row, column, ctx)
        return terms if isinstance(terms, Unavailable) else terms_q(terms)


# --- Awards received (0602, 0603) ----------------------------------------------------------------


def _code_prefix(value, ctx):
    q = Q(pk__in=[])
    for prefix in _values(value):
        q |= Q(award_code__startswith=prefix)
    return q


def _award_code(value, ctx):
    return Q(award_code__in=_values(value))


# The catalogue keeps a collective's variant of a form of award as its own entry, its code the
# person's with this suffix ("huan-chuong-lao-dong-hang-ba-tap-the", "Huân chương Lao động hạng Ba
# (tập thể)"): on a form that gives every form of award its column, both are that one column's
# Tập thể and Cá nhân.
COLLECTIVE_SUFFIX = "-tap-the"
_RECIPIENT_QUALIFIER = re.compile(r"\s*\((tập thể|cá nhân|hộ gia đình)\)\s*$", re.IGNORECASE)


def award_form(code):
    """The form of award a catalogue code is (its collective variant folded into the person's)."""
    return code[: -len(COLLECTIVE_SUFFIX)] if code.endswith(COLLECTIVE_SUFFIX) else code


def award_form_label(name):
    """A kind's name without the recipient in brackets ("Huân chương Lao động hạng Ba (tập thể)")."""
    return _RECIPIENT_QUALIFIER.sub("", name).strip()


def _recipient(value, ctx):
    household = Q(award_kind__subject=AwardSubject.HOUSEHOLD)
    parts = {
        "person": Q(person__isnull=False) & ~household,
        "collective": Q(unit__isnull=False) & ~household,
        "household": household,
    }
    q = Q(pk__in=[])
    for one in _values(value):
        q |= parts[one]
    return q


# No basis of the portal's nominations is "kháng chiến" (awards for the resistance wars): a row of
# that basis is not recorded.
UNRECORDED_BASES = {"resistance"}


def _basis(value, ctx):
    values = _values(value)
    if UNRECORDED_BASES & set(values):
        return NOT_RECORDED
    q = Q(nomination__basis__in=[v for v in values if v != "unknown"])
    if "unknown" in values:  # imported and upward records without a nomination of ours
        q |= Q(nomination__isnull=True)
    return q


def _gender(field):
    def build(value, ctx):
        if value == "unknown":
            return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
        return Q(**{field: value})

    return build


# The leadership level of an awarded person (the forms' "Lãnh đạo cấp bộ, cấp tỉnh", "cấp vụ, sở,
# ngành", "các cấp lãnh đạo khác từ phó phòng trở lên"): the highest group of the person's service
# periods (units.ServicePeriod, the dated record of posts) in force on the award's day.
LEADER_RANKS = {
    "province": (1, [PositionGroup.CITY_LEADER]),
    "department": (2, [PositionGroup.DIRECTOR, PositionGroup.DEPUTY_DIRECTOR]),
    "office": (3, [PositionGroup.DEPARTMENT_HEAD, PositionGroup.DEPUTY_HEAD]),
}


def _award_day():
    """The day an award counts on (its decision date; undated: 31/12 of its year), of the outer
    record in a subquery."""
    last_day = Func(OuterRef("year"), Value(12), Value(31), function="make_date", output_field=DateField())
    return Coalesce(OuterRef("decision_date"), last_day)


def _leader_rank():
    """The rank (1 highest) of the awarded person's leadership post on the award's day, NULL when
    no leadership period of theirs is in force then (or the record is a collective's)."""
    day = _award_day()
    rank = Case(
        *[When(group__in=groups, then=Value(r)) for r, groups in LEADER_RANKS.values()],
        output_field=IntegerField(),
    )
    leadership = ServicePeriod.objects.exclude(group=PositionGroup.STAFF)
    periods = (
        leadership.filter(person_id=OuterRef("person_id"), start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .order_by()
        .values("person_id")
        .annotate(rank=Min(rank))
        .values("rank")
    )
    # The per-record subquery runs only for persons with a leadership period at all (an uncorrelated
    # IN, which PostgreSQL hashes once): most awarded persons have none.
    led = Q(person_id__in=leadership.order_by().values("person_id"))
    return Case(When(led, then=Subquery(periods, output_field=IntegerField())), default=None, output_field=IntegerField())


def _leader_level(value, ctx):
    person = boolean_term("recipient_person", Q(person__isnull=False) & ~Q(award_kind__subject=AwardSubject.HOUSEHOLD))
    if value == "unknown":
        # No leadership post on record that day, and not known as a non-leader: a leader of
        # unrecorded level, or someone whose leadership is not recorded at all.
        not_non_leader = boolean_term("leadership_not_no", ~Q(person__holds_leadership=False))
        return [person, value_term("leader_rank", _leader_rank(), None), not_non_leader]
    rank, _groups = LEADER_RANKS[value]
    return [person, value_term("leader_rank", _leader_rank(), rank)]


def _submitter(value, ctx):
    """Who sent the Prime Minister the proposal (tờ trình) behind a state-level award. The portal's
    body is a local government of a province: its proposals go to the city (UpwardProposal's
    addressee), whose tờ trình reaches the Prime Minister, so every record is the province's; the
    route through a ministry is not recorded."""
    return {"province": Q(), "ministry": NOT_RECORDED}[value]


class AwardSource(Source):
    """Awards received (AwardRecord) with their decision date in the period (an undated imported
    record counts on 31/12 of its year: the portal's one period definition, reports.selectors.Scope)."""

    name = "awards"
    label = "Khen thưởng"
    conditions = {
        "level": lambda v, ctx: Q(award_kind__conferring_level__in=_values(v)),
        "code_prefix": _code_prefix,
        "award_code": _award_code,
        "category": lambda v, ctx: Q(award_kind__category__in=_values(v)),
        "recipient": _recipient,
        "leader_level": _leader_level,
        "direct_worker": lambda v, ctx: _tristate("person__is_direct_worker", v, within="person__isnull"),
        "gender": lambda v, ctx: Q(person__isnull=False) & _gender("person__gender")(v, ctx),
        "basis": _basis,
        "submitter": _submitter,
        # The unit catalogue has no kind for enterprises, and persons no "doanh nhân" fact.
        "enterprise": NOT_RECORDED,
        "entrepreneur": NOT_RECORDED,
    }
    exclusive = frozenset({"level", "recipient", "leader_level", "direct_worker", "gender", "basis", "submitter"})
    list_headers = ("Người / tập thể được khen", "Đơn vị lúc được khen", "Danh hiệu, hình thức", "Loại hình", "Quyết định")

    expansions = {"award_form": "award_forms"}

    def base(self, ctx):
        return AwardRecord.objects.filter(Scope(start=ctx.start, end=ctx.end).dated("decision_date"))

    def award_forms(self, ctx, where, slots):
        """The forms of award recorded in the period among the records matching ``where`` (a Q),
        for each slot (a Q: a column group): ({slot: {form: [codes]}}, [(form, label)] in the
        catalogue's order). One query: each slot is a flag of the distinct (code, name) pairs."""
        flags = {
            f"slot{i}": Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField()) for i, q in enumerate(slots)
        }
        pairs = self.base(ctx).filter(where).order_by().annotate(**flags).values("award_code", "award_name", *flags).distinct()
        found, names = {i: {} for i in range(len(slots))}, {}
        for pair in pairs:
            form = award_form(pair["award_code"])
            names.setdefault(form, award_form_label(pair["award_name"]))
            for i in range(len(slots)):
                if pair[f"slot{i}"]:
                    found[i].setdefault(form, set()).add(pair["award_code"])
        # The catalogue's name and order: the entry in force at the period's end (else the latest),
        # the person's entry before its collective variant.
        kinds = {}
        codes = {code for forms in found.values() for codes in forms.values() for code in codes}
        entries = AwardKind.objects.filter(code__in=codes).order_by("code", "-valid_from")
        for kind in entries.values("code", "name", "display_order", "valid_from"):
            form = award_form(kind["code"])
            in_force = kind["valid_from"] <= ctx.end
            rank = (kind["code"] != form, not in_force)
            if form not in kinds or rank < kinds[form][0]:
                kinds[form] = (rank, award_form_label(kind["name"]), kind["display_order"])
        order = []
        for form, name in names.items():
            _rank, label, position = kinds.get(form, (None, name, None))
            order.append((position is None, position or 0, fold(label), form, label))
        order.sort()
        return {i: {form: sorted(codes) for form, codes in forms.items()} for i, forms in found.items()}, [
            (form, label) for *_key, form, label in order
        ]

    def listing(self, qs):
        return qs.select_related("nomination").order_by("award_name", "recipient_name", "id")

    def list_row(self, obj):
        basis = obj.nomination.get_basis_display() if obj.nomination_id else "Chưa ghi loại hình"
        decision = obj.decision_number + (f" ngày {obj.decision_date:%d/%m/%Y}" if obj.decision_date else "")
        return (obj.recipient_name, obj.unit_name, obj.award_name, basis, decision.strip())


# --- Emulation movements (0601) ------------------------------------------------------------------


def _movement(level):
    return Exists(Campaign.movements.through.objects.filter(campaign_id=OuterRef("pk"), movement__level=level))


def _launch_level(value, ctx):
    """The highest level a campaign answers: a national movement, else a city one, else its own."""
    national = boolean_term("answers_national", Q(_movement(MovementLevel.NATIONAL)))
    city = boolean_term("answers_city", Q(_movement(MovementLevel.CITY)))
    not_national, not_city = negated_term(national), negated_term(city)
    return {"national": [national], "city": [city, not_national], "local": [not_national, not_city]}[value]


class YearsAfter(Func):
    """The last day of a run of ``years`` years starting on the expression's date (PostgreSQL's
    calendar arithmetic: 01/01/2025 + 1 year - 1 day = 31/12/2025)."""

    template = "((%(expressions)s + make_interval(years => %(years)s)) - interval '1 day')::date"
    output_field = DateField()

    def __init__(self, expression, years):
        super().__init__(expression, years=int(years))


# Durations of the circular's rows (thời hạn thi đua), first to last day inclusive, in calendar years
# (a run of N years ends on YearsAfter(start, N)): "1 năm" is exactly one year (01/01 to 31/12), "từ
# 1 năm đến dưới 3 năm" longer than that and under three.
def _years(n):
    return YearsAfter(F("start_date"), n)


DURATIONS = {
    "under_year": lambda: Q(end_date__lt=_years(1)),
    "one_year": lambda: Q(end_date=_years(1)),
    "one_to_three": lambda: Q(end_date__gt=_years(1), end_date__lt=_years(3)),
    "three_to_five": lambda: Q(end_date__gte=_years(3), end_date__lt=_years(5)),
    "five_or_more": lambda: Q(end_date__gte=_years(5)),
}


def _duration(value, ctx):
    return DURATIONS[value]()


class CampaignSource(Source):
    """Emulation movements launched in the period (their first day in it)."""

    name = "campaigns"
    label = "Phong trào thi đua"
    conditions = {
        "kind": lambda v, ctx: Q(kind__in=_values(v)),
        "launch_level": _launch_level,
        "duration": _duration,
        # A campaign is not linked to the emulation bloc that organised it.
        "bloc_organised": NOT_RECORDED,
    }
    exclusive = frozenset({"kind", "launch_level", "duration"})
    list_headers = ("Phong trào", "Hình thức", "Thời gian", "Cơ quan phát động", "Văn bản phát động")

    def base(self, ctx):
        return Campaign.objects.filter(start_date__range=(ctx.start, ctx.end))

    def listing(self, qs):
        return qs.order_by("start_date", "name", "id")

    def list_row(self, obj):
        document = obj.document_number + (f" ngày {obj.document_date:%d/%m/%Y}" if obj.document_date else "")
        return (
            obj.name,
            obj.get_kind_display(),
            f"{obj.start_date:%d/%m/%Y} – {obj.end_date:%d/%m/%Y}",
            obj.launching_body,
            document.strip(),
        )


# --- Organisation (0604) -------------------------------------------------------------------------


class OrganisationSource(Source):
    """The organisations doing emulation and commendation work of a ministry or province (Vụ, Ban
    or phòng of the Sở Nội vụ): the portal does not keep that structure, so every cell is blank."""

    name = "organisation"
    label = "Tổ chức làm công tác thi đua, khen thưởng"
    conditions = {"structure": NOT_RECORDED}

    def base(self, ctx):
        return Unit.objects.none()


# --- Staff (0605) --------------------------------------------------------------------------------


# Age groups of the circular's rows, in whole years reached in the statistical year (its last day's
# year minus the year of birth: the portal keeps years of birth only).
AGES = {"30_or_under": (None, 30), "31_40": (31, 40), "41_50": (41, 50), "51_55": (51, 55), "56_60": (56, 60), "over_60": (61, None)}


def _age(value, ctx):
    if value == "unknown":
        return Q(person__isnull=True) | Q(person__birth_year__isnull=True)
    low, high = AGES[value]
    year = ctx.end.year
    q = Q(person__birth_year__isnull=False)
    if low is not None:
        q &= Q(person__birth_year__lte=year - low)
    if high is not None:
        q &= Q(person__birth_year__gte=year - high)
    return q


class StaffSource(Source):
    """Active accounts doing emulation and commendation work (the advisory office's reviewers and
    the units' officers), as they are when the form is computed."""

    name = "staff"
    label = "Cán bộ làm công tác thi đua, khen thưởng"
    conditions = {
        "gender": _gender("person__gender"),
        "age": _age,
        # Persons carry no training level, and accounts no years in emulation work.
        "training": NOT_RECORDED,
        "seniority": NOT_RECORDED,
    }
    exclusive = frozenset({"gender", "age"})
    list_headers = ("Họ và tên", "Đơn vị", "Vai trò")

    def base(self, ctx):
        return User.objects.filter(is_active=True).filter(Q(roles__contains=[Role.REVIEWER]) | Q(roles__contains=[Role.UNIT_OFFICER]))

    def listing(self, qs):
        return qs.select_related("unit").order_by("full_name", "username", "id")

    def list_row(self, obj):
        roles = ", ".join(Role(r).label for r in obj.roles if r in (Role.REVIEWER, Role.UNIT_OFFICER))
        return (obj.full_name or obj.username, obj.unit.name if obj.unit else "", roles)


SOURCES = {s.name: s for s in (AwardSource(), CampaignSource(), OrganisationSource(), StaffSource())}
