"""Candidates the portal already knows: for a year, who meets an award's prerequisites from the record
alone (award records of earlier years, recognised initiatives and research), computed as sets in
SQL from the catalogue's AwardPrerequisite rows, so a new rule is data, not code. An officer turns a
selection into draft nominations in one step (candidates_to_nominations).

What the record cannot show (a unit's statement that someone completed their tasks excellently) is not
guessed: a group of alternatives is met only by an alternative the record proves."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from units.models import Person, Unit
from units.selectors import user_scope_unit_ids

from .enums import AwardSubject, InitiativeKind, PrerequisiteRule, RouteAction
from .models import AwardKind, AwardRecord, ConferringRoute, Initiative, Nomination
from .selectors import LIVE_STATES_EXCLUDED


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
    routes = ConferringRoute.objects.filter(valid_from__lte=end).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    routable = {r.conferring_level for r in routes if r.action in (RouteAction.CONFER, RouteAction.PROPOSE)}
    return [k for k in kinds if k.conferring_level in routable]


def _year_end(year):
    import datetime as dt

    return dt.date(year, 12, 31)


def _needed_years(prerequisite, year):
    last = year - prerequisite.years_before
    count = prerequisite.years if prerequisite.rule == PrerequisiteRule.AWARD_STREAK else 1
    return [last - i * prerequisite.interval_years for i in range(count)]


def _initiative_window(prerequisite, year):
    last = year - prerequisite.years_before
    return last - prerequisite.years + 1, last


class _Facts:
    """What the prerequisites of every kind need from the record, read in a few queries for the
    user's scope: award years per (code, person or unit) and the recognised initiatives."""

    def __init__(self, prerequisites, year, scope):
        awards = [p for p in prerequisites if p.rule in (PrerequisiteRule.AWARD_SAME_YEAR, PrerequisiteRule.AWARD_STREAK)]
        ideas = [p for p in prerequisites if p.rule in (PrerequisiteRule.INITIATIVE, PrerequisiteRule.RESEARCH)]
        self.years = {}  # (code, "p"|"u", id) -> {years}
        if awards:
            wanted = Q()
            for p in awards:
                wanted |= Q(award_code=p.requires_code, year__in=_needed_years(p, year))
            records = AwardRecord.objects.filter(wanted)
            if scope is not None:
                records = records.filter(Q(person__unit_id__in=scope) | Q(unit_id__in=scope))
            for code, pid, uid, y in records.values_list("award_code", "person_id", "unit_id", "year"):
                key = (code, "p", pid) if pid else (code, "u", uid)
                self.years.setdefault(key, set()).add(y)
        codes = {p.requires_code for p in awards}
        self.names = dict(AwardKind.objects.filter(code__in=codes).order_by("code", "valid_from").values_list("code", "name"))
        self.initiatives = []
        if ideas:
            first = min(_initiative_window(p, year)[0] for p in ideas)
            last = max(_initiative_window(p, year)[1] for p in ideas)
            found = Initiative.objects.filter(year__gte=first, year__lte=last)
            if scope is not None:
                found = found.filter(unit_id__in=scope)
            self.initiatives = list(found.values_list("kind", "year", "scope", "title", "unit_id", "authors"))

    def met_by(self, prerequisite, year, *, person):
        """{nominee id: reason} of the people (``person``) or units meeting one prerequisite in
        ``year``; None when the record cannot tell (the unit's own statement)."""
        if prerequisite.rule == PrerequisiteRule.EXCELLENT_COMPLETION:
            return None
        if prerequisite.rule in (PrerequisiteRule.INITIATIVE, PrerequisiteRule.RESEARCH):
            kind = InitiativeKind.RESEARCH if prerequisite.rule == PrerequisiteRule.RESEARCH else InitiativeKind.INITIATIVE
            first, last = _initiative_window(prerequisite, year)
            what = "đề tài nghiên cứu được nghiệm thu, áp dụng" if kind == InitiativeKind.RESEARCH else "sáng kiến được công nhận"
            found = {}
            for k, y, scope, title, unit_id, author_id in self.initiatives:
                nid = author_id if person else unit_id
                if k == kind and first <= y <= last and scope >= prerequisite.min_initiative_scope and nid is not None:
                    found.setdefault(nid, f"Có {what} “{title}” ({y}).")
            return found
        needed = _needed_years(prerequisite, year)
        tag = "p" if person else "u"
        code = prerequisite.requires_code
        name = self.names.get(code, code)
        years = ", ".join(str(y) for y in sorted(needed))
        reason = f"Đã có “{name}” {'các năm' if len(needed) > 1 else 'năm'} {years}."
        return {nid: reason for (c, t, nid), got in self.years.items() if c == code and t == tag and set(needed) <= got}


def candidates_for(*, user, year):
    """Candidates in the user's scope for every kind with prerequisites; people and units that already
    hold the award for the year or have a live nomination for it are left out. A fixed number of
    queries whatever the number of kinds, people or records."""
    scope = user_scope_unit_ids(user)
    kinds = kinds_with_prerequisites(year)
    facts = _Facts([p for k in kinds for p in k.prerequisites.all()], year, scope)
    met_by_kind = {}
    for kind in kinds:
        person = kind.subject == AwardSubject.PERSON
        groups = {}
        for prerequisite in kind.prerequisites.all():
            groups.setdefault(prerequisite.group, []).append(prerequisite)
        met = None  # {nominee id: [reasons]}
        for group in sorted(groups):
            known = [a for a in (facts.met_by(p, year, person=person) for p in groups[group]) if a is not None]
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
        if met:
            met_by_kind[kind] = met
    if not met_by_kind:
        return []
    codes = [k.code for k in met_by_kind]
    taken, held = set(), set()
    live = Nomination.objects.filter(award_kind__code__in=codes, year=year).exclude(state__in=LIVE_STATES_EXCLUDED)
    for code, pid, uid in live.values_list("award_kind__code", "nominee_person_id", "nominee_unit_id"):
        taken.add((code, "p", pid) if pid else (code, "u", uid))
    for code, pid, uid in AwardRecord.objects.filter(award_code__in=codes, year=year).values_list("award_code", "person_id", "unit_id"):
        held.add((code, "p", pid) if pid else (code, "u", uid))
    person_ids = {nid for k, met in met_by_kind.items() if k.subject == AwardSubject.PERSON for nid in met}
    unit_ids = {nid for k, met in met_by_kind.items() if k.subject != AwardSubject.PERSON for nid in met}
    people = Person.objects.filter(pk__in=person_ids, active=True).select_related("unit")
    units = Unit.objects.filter(pk__in=unit_ids)
    if scope is not None:
        people, units = people.filter(unit_id__in=scope), units.filter(pk__in=scope)
    people, units = {p.pk: p for p in people}, {u.pk: u for u in units}
    excluded = taken | held
    found = []
    for kind, met in met_by_kind.items():
        person = kind.subject == AwardSubject.PERSON
        tag, pool = ("p", people) if person else ("u", units)
        for nid in sorted(met):
            if nid in pool and (kind.code, tag, nid) not in excluded:
                found.append(Candidate(kind=kind, nominee=pool[nid], reasons=met[nid]))
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
