"""What the statistical forms count: each source is a base set of records for a statistical year and
an issuing body, and a registry of named conditions a definition file may use in its rows and
columns ({"level": "state"}, {"basis": ["merit"]}, {"leadership": "unknown"}...). A condition maps
to a Q on the source's model; NOT_APPLICABLE marks a condition that makes no sense for a source (the
printed form shows "x" in that cell). The same Q gives a cell's count and its drill-down list."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q

from awards.enums import AwardSubject
from awards.models import AwardRecord, Council, CouncilMember
from campaigns.enums import MovementLevel, PhaseKind
from campaigns.models import BlocMember, BlocYear, Campaign, CampaignPhase
from units.enums import Role
from units.models import User

from ..selectors import Scope

NOT_APPLICABLE = object()


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


def _values(value):
    return list(value) if isinstance(value, list | tuple) else [value]


def _tristate(field, value, *, within=None):
    """yes / no / unknown of a nullable boolean (blank is unknown, counted as "Chưa rõ")."""
    base = Q(**{within: False}) if within else Q()
    return base & {"yes": Q(**{field: True}), "no": Q(**{field: False}), "unknown": Q(**{f"{field}__isnull": True})}[value]


class Source:
    name = ""
    label = ""
    conditions = {}
    list_headers = ()

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

    def q(self, condition, ctx):
        """Q of one condition dict (all its keys must hold), or NOT_APPLICABLE."""
        q = Q()
        for key, value in condition.items():
            if key == "exclude":
                inner = self.q(value, ctx)
                if inner is NOT_APPLICABLE:
                    return NOT_APPLICABLE
                q &= ~inner
                continue
            build = self.conditions[key]
            if build is NOT_APPLICABLE:
                return NOT_APPLICABLE
            q &= build(value, ctx)
        return q

    def cell_q(self, row, column, ctx):
        q = self.q(row.filter, ctx)
        for condition in column.filters:
            if q is NOT_APPLICABLE:
                break
            part = self.q(condition, ctx)
            q = NOT_APPLICABLE if part is NOT_APPLICABLE else q & part
        return q


# --- Awards received (0602, 0603) ----------------------------------------------------------------


def _code_prefix(value, ctx):
    q = Q(pk__in=[])
    for prefix in _values(value):
        q |= Q(award_code__startswith=prefix)
    return q


def _recipient(value, ctx):
    household = Q(award_kind__subject=AwardSubject.HOUSEHOLD)
    return {
        "person": Q(person__isnull=False) & ~household,
        "collective": Q(unit__isnull=False) & ~household,
        "household": household,
    }[value]


def _basis(value, ctx):
    values = _values(value)
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


class AwardSource(Source):
    """Awards received (AwardRecord) with their decision date in the period (an undated imported
    record counts on 31/12 of its year: the portal's one period definition, reports.selectors.Scope)."""

    name = "awards"
    label = "Khen thưởng"
    conditions = {
        "level": lambda v, ctx: Q(award_kind__conferring_level__in=_values(v)),
        "code_prefix": _code_prefix,
        "category": lambda v, ctx: Q(award_kind__category__in=_values(v)),
        "recipient": _recipient,
        "leadership": lambda v, ctx: _tristate("person__holds_leadership", v, within="person__isnull"),
        "direct_worker": lambda v, ctx: _tristate("person__is_direct_worker", v, within="person__isnull"),
        "gender": lambda v, ctx: Q(person__isnull=False) & _gender("person__gender")(v, ctx),
        "basis": _basis,
    }
    list_headers = ("Người / tập thể được khen", "Đơn vị lúc được khen", "Danh hiệu, hình thức", "Loại hình", "Quyết định")

    def base(self, ctx):
        return AwardRecord.objects.filter(Scope(start=ctx.start, end=ctx.end).dated("decision_date"))

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
    national, city = _movement(MovementLevel.NATIONAL), _movement(MovementLevel.CITY)
    return {"national": Q(national), "city": Q(city) & ~Q(national), "local": ~Q(national) & ~Q(city)}[value]


# A campaign of 01/01 to 31/12 runs 364 days after its first day: "a year" from there on.
YEAR_DAYS = 364


def _duration(value, ctx):
    threshold = F("start_date") + dt.timedelta(days=YEAR_DAYS)
    return {"under_year": Q(end_date__lt=threshold), "year_or_more": Q(end_date__gte=threshold)}[value]


def _final_review(value, ctx):
    reviewed = Exists(
        CampaignPhase.objects.filter(campaign_id=OuterRef("pk"), kind=PhaseKind.FINAL_REVIEW, date__range=(ctx.start, ctx.end))
    )
    return Q(reviewed) if value else ~Q(reviewed)


class CampaignSource(Source):
    """Emulation movements launched in the period (their first day in it)."""

    name = "campaigns"
    label = "Phong trào thi đua"
    conditions = {
        "kind": lambda v, ctx: Q(kind__in=_values(v)),
        "launch_level": _launch_level,
        "duration": _duration,
        "final_review_in_period": _final_review,
    }
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


def _overlapping(ctx, prefix=""):
    return Q(**{f"{prefix}valid_from__lte": ctx.end}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": ctx.start})
    )


def _started(value, ctx):
    q = Q(valid_from__range=(ctx.start, ctx.end))
    return q if value else ~q


class CouncilSource(Source):
    """The issuing body's emulation and commendation councils in force during the period."""

    name = "councils"
    label = "Hội đồng Thi đua – Khen thưởng"
    conditions = {"started_in_period": _started}
    list_headers = ("Hội đồng", "Cơ quan", "Hiệu lực")

    def base(self, ctx):
        qs = Council.objects.filter(_overlapping(ctx))
        return qs.filter(issuing_body=ctx.body) if ctx.body is not None else qs

    def listing(self, qs):
        return qs.select_related("issuing_body").order_by("valid_from", "id")

    def list_row(self, obj):
        until = f"{obj.valid_to:%d/%m/%Y}" if obj.valid_to else "nay"
        return (obj.name, obj.issuing_body.full_name if obj.issuing_body else "", f"{obj.valid_from:%d/%m/%Y} – {until}")


class CouncilMemberSource(Source):
    name = "council_members"
    label = "Thành viên Hội đồng Thi đua – Khen thưởng"
    conditions = {"started_in_period": _started}
    list_headers = ("Họ và tên", "Chức vụ, đơn vị", "Vị trí trong Hội đồng", "Hiệu lực")

    def base(self, ctx):
        return CouncilMember.objects.filter(_overlapping(ctx), council__in=CouncilSource().base(ctx))

    def listing(self, qs):
        return qs.order_by("council_id", "display_order", "full_name", "id")

    def list_row(self, obj):
        until = f"{obj.valid_to:%d/%m/%Y}" if obj.valid_to else "nay"
        return (obj.full_name, obj.position, obj.council_role, f"{obj.valid_from:%d/%m/%Y} – {until}")


def _bloc_years(ctx):
    """The emulation blocs' years of the statistical year, organised by the body's council (or by no
    council on record)."""
    qs = BlocYear.objects.filter(year=ctx.year)
    if ctx.body is not None:
        qs = qs.filter(Q(bloc__council__issuing_body=ctx.body) | Q(bloc__council__isnull=True))
    return qs


class BlocSource(Source):
    name = "blocs"
    label = "Khối, cụm thi đua"
    conditions = {"started_in_period": NOT_APPLICABLE}  # a bloc's year carries no founding date
    list_headers = ("Khối, cụm thi đua", "Năm", "Văn bản kiện toàn")

    def base(self, ctx):
        return _bloc_years(ctx)

    def listing(self, qs):
        return qs.select_related("bloc").order_by("bloc__name", "id")

    def list_row(self, obj):
        return (obj.bloc.name, str(obj.year), obj.founding_document)


class BlocMemberSource(Source):
    name = "bloc_members"
    label = "Đơn vị thành viên của khối, cụm thi đua"
    conditions = {"started_in_period": NOT_APPLICABLE}
    list_headers = ("Đơn vị", "Khối, cụm thi đua", "Vai trò")

    def base(self, ctx):
        return BlocMember.objects.filter(bloc_year__in=_bloc_years(ctx))

    def listing(self, qs):
        return qs.select_related("unit", "bloc_year__bloc").order_by("bloc_year__bloc__name", "display_order", "id")

    def list_row(self, obj):
        return (obj.unit.name, obj.bloc_year.bloc.name, obj.get_role_display())


# --- Staff (0605) --------------------------------------------------------------------------------


def _role(value, ctx):
    reviewer = Q(roles__contains=[Role.REVIEWER])
    # Someone with both roles works for the advisory office: counted once, as full-time.
    return {"reviewer": reviewer, "unit_officer": Q(roles__contains=[Role.UNIT_OFFICER]) & ~reviewer}[value]


def _unit_kind(value, ctx):
    return Q(unit__isnull=False, unit__kind__in=_values(value))


class StaffSource(Source):
    """Active accounts doing emulation and commendation work (the advisory office's reviewers and
    the units' officers), as they are when the form is computed."""

    name = "staff"
    label = "Cán bộ làm công tác thi đua, khen thưởng"
    conditions = {"role": _role, "gender": _gender("person__gender"), "unit_kind": _unit_kind}
    list_headers = ("Họ và tên", "Đơn vị", "Vai trò")

    def base(self, ctx):
        return User.objects.filter(is_active=True).filter(Q(roles__contains=[Role.REVIEWER]) | Q(roles__contains=[Role.UNIT_OFFICER]))

    def listing(self, qs):
        return qs.select_related("unit").order_by("full_name", "username", "id")

    def list_row(self, obj):
        roles = ", ".join(Role(r).label for r in obj.roles if r in (Role.REVIEWER, Role.UNIT_OFFICER))
        return (obj.full_name or obj.username, obj.unit.name if obj.unit else "", roles)


SOURCES = {
    s.name: s
    for s in (AwardSource(), CampaignSource(), CouncilSource(), CouncilMemberSource(), BlocSource(), BlocMemberSource(), StaffSource())
}
