"""Candidates the portal already knows: for a year, who meets an award's prerequisites from the record
alone (award records of earlier years, recognised initiatives and research), computed as sets in
SQL from the catalogue's AwardPrerequisite rows, so a new rule is data, not code. An officer turns a
selection into draft nominations in one step (candidates_to_nominations).

What the record cannot show (a unit's statement that someone completed their tasks excellently) is not
guessed: a group of alternatives is met only by an alternative the record proves."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from units.models import Person, Unit
from units.selectors import user_scope_unit_ids

from .enums import AwardSubject, InitiativeKind, PrerequisiteRule, RouteAction
from .models import AwardKind, AwardRecord, Initiative, Nomination
from .selectors import LIVE_STATES_EXCLUDED, route_for


@dataclass
class Candidate:
    kind: AwardKind
    nominee: object  # Person or Unit
    reasons: list = field(default_factory=list)

    @property
    def is_person(self):
        return isinstance(self.nominee, Person)

    @property
    def key(self):
        return f"{self.kind.pk}:{'p' if self.is_person else 'u'}:{self.nominee.pk}"


def kinds_with_prerequisites(year):
    """Kinds valid at the end of ``year`` that have prerequisites and that this level decides or
    proposes upward on that date."""
    end = _year_end(year)
    kinds = (
        AwardKind.objects.filter(active=True, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .filter(prerequisites__isnull=False)
        .distinct()
        .prefetch_related("prerequisites")
        .order_by("display_order")
    )
    routable = {RouteAction.CONFER, RouteAction.PROPOSE}
    return [k for k in kinds if (route := route_for(k.conferring_level, end)) is not None and route.action in routable]


def _year_end(year):
    import datetime as dt

    return dt.date(year, 12, 31)


def _met_by(prerequisite, year, *, person):
    """{nominee id: reason} of the people (``person``) or units meeting one prerequisite in ``year``;
    None when the record cannot tell (the unit's own statement)."""
    last = year - prerequisite.years_before
    if prerequisite.rule == PrerequisiteRule.EXCELLENT_COMPLETION:
        return None
    if prerequisite.rule in (PrerequisiteRule.INITIATIVE, PrerequisiteRule.RESEARCH):
        kind = InitiativeKind.RESEARCH if prerequisite.rule == PrerequisiteRule.RESEARCH else InitiativeKind.INITIATIVE
        found = Initiative.objects.filter(
            kind=kind, year__gte=last - prerequisite.years + 1, year__lte=last, scope__gte=prerequisite.min_initiative_scope
        )
        what = "đề tài nghiên cứu được nghiệm thu, áp dụng" if kind == InitiativeKind.RESEARCH else "sáng kiến được công nhận"
        pairs = found.values_list("authors", "title", "year") if person else found.values_list("unit_id", "title", "year")
        return {nid: f"Có {what} “{title}” ({y})." for nid, title, y in pairs if nid is not None}
    count = prerequisite.years if prerequisite.rule == PrerequisiteRule.AWARD_STREAK else 1
    needed = [last - i * prerequisite.interval_years for i in range(count)]
    column = "person_id" if person else "unit_id"
    rows = (
        AwardRecord.objects.filter(award_code=prerequisite.requires_code, year__in=needed, **{f"{column}__isnull": False})
        .values(column)
        .annotate(n=Count("year", distinct=True))
        .filter(n=len(needed))
        .values_list(column, flat=True)
    )
    name = AwardKind.objects.filter(code=prerequisite.requires_code).order_by("-valid_from").values_list("name", flat=True).first()
    years = ", ".join(str(y) for y in sorted(needed))
    return dict.fromkeys(rows, f"Đã có “{name or prerequisite.requires_code}” {'các năm' if count > 1 else 'năm'} {years}.")


def candidates_for(*, user, year):
    """Candidates in the user's scope for every kind with prerequisites, newest rules first; people
    and units that already hold the award for the year or have a live nomination for it are left out."""
    scope = user_scope_unit_ids(user)
    found = []
    for kind in kinds_with_prerequisites(year):
        person = kind.subject == AwardSubject.PERSON
        groups = {}
        for prerequisite in kind.prerequisites.all():
            groups.setdefault(prerequisite.group, []).append(prerequisite)
        met = None  # {nominee id: [reasons]}
        for group in sorted(groups):
            alternatives = [_met_by(p, year, person=person) for p in groups[group]]
            known = [a for a in alternatives if a is not None]
            if not known:
                continue  # only the unit can say; not a filter
            union = {}
            for alternative in known:
                for nid, reason in alternative.items():
                    union.setdefault(nid, reason)
            met = (
                {nid: [reason] for nid, reason in union.items()}
                if met is None
                else {nid: reasons + [union[nid]] for nid, reasons in met.items() if nid in union}
            )
        if not met:
            continue
        ids = set(met)
        taken = Nomination.objects.filter(award_kind__code=kind.code, year=year).exclude(state__in=LIVE_STATES_EXCLUDED)
        held = AwardRecord.objects.filter(award_code=kind.code, year=year)
        if person:
            ids -= set(taken.values_list("nominee_person_id", flat=True)) | set(held.values_list("person_id", flat=True))
            nominees = Person.objects.filter(pk__in=ids, active=True).select_related("unit")
            if scope is not None:
                nominees = nominees.filter(unit_id__in=scope)
        else:
            ids -= set(taken.values_list("nominee_unit_id", flat=True)) | set(held.values_list("unit_id", flat=True))
            nominees = Unit.objects.filter(pk__in=ids)
            if scope is not None:
                nominees = nominees.filter(pk__in=scope)
        for nominee in nominees.order_by("pk"):
            found.append(Candidate(kind=kind, nominee=nominee, reasons=met[nominee.pk]))
    return found


def candidates_to_nominations(*, user, year, keys):
    """Draft nominations for the chosen candidates (``keys`` from Candidate.key), each through
    nomination_save with its reasons as the first achievement summary for the officer to complete.
    Returns (created, refused) where refused lists (name, message). Rows: Nomination per candidate."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .services import nomination_save

    if not user.has_perm("awards.add_nomination"):
        raise PermissionDenied
    wanted = set(keys)
    chosen = [c for c in candidates_for(user=user, year=year) if c.key in wanted]
    created, refused = [], []
    for candidate in chosen:
        nominee = candidate.nominee
        nomination = Nomination(
            unit=nominee.unit if candidate.is_person else nominee,
            nominee_person=nominee if candidate.is_person else None,
            nominee_unit=None if candidate.is_person else nominee,
            award_kind=candidate.kind,
            year=year,
            achievement_summary="Điều kiện đã có trong hồ sơ của cổng: " + " ".join(candidate.reasons),
        )
        if candidate.is_person:
            nomination.is_direct_worker = nominee.is_direct_worker
        try:
            with transaction.atomic():
                created.append(nomination_save(nomination=nomination, by=user))
        except ValidationError as exc:
            refused.append((str(nominee), " ".join(exc.messages)))
    return created, refused


def default_year():
    return timezone.localdate().year
