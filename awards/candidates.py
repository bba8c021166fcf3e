"""Candidates the portal already knows: for a year, who meets an award's prerequisites from the record
alone (award records of earlier years, recognised initiatives and research), computed as sets in
SQL from the catalogue's AwardPrerequisite rows, so a new rule is data, not code. An officer turns a
selection into draft nominations in one step (candidates_to_nominations).

What the record cannot show (a unit's statement that someone completed their tasks excellently) is not
guessed: a group of alternatives is met only by an alternative the record proves.

Seniority and dedication (niên hạn, quá trình cống hiến) candidates come from the people's dated
service periods (units.ServicePeriod) against the SeniorityRule rows valid on the last day of the
year: see COUNTING_RULE for how the time is counted."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from units.models import Person, ServicePeriod, Unit
from units.selectors import user_scope_unit_ids

from .enums import AwardSubject, InitiativeKind, NominationBasis, PrerequisiteRule, RouteAction
from .models import AwardKind, AwardRecord, ConferringRoute, Initiative, Nomination, SeniorityRule
from .selectors import LIVE_STATES_EXCLUDED

# How the years of service are counted, as the candidates page states it next to each rule's article.
COUNTING_RULE = (
    "Thời gian được tính từ các giai đoạn giữ chức vụ đã ghi trong hồ sơ cán bộ đến hết ngày 31/12 của năm xét "
    "(giai đoạn chưa kết thúc tính đến ngày đó). Các giai đoạn liền nhau hoặc trùng nhau được gộp thành một đoạn; "
    "mỗi đoạn tính theo tháng tròn, ngày lẻ không đủ một tháng không được tính, không làm tròn lên; các đoạn được "
    "cộng dồn. Điều kiện “liên tục” chỉ tính đoạn liền nhau dài nhất. Đủ N năm là đủ 12 × N tháng."
)


@dataclass
class Candidate:
    kind: AwardKind
    nominee: object  # Person or Unit
    reasons: list = field(default_factory=list)
    basis: str = NominationBasis.MERIT
    rule: SeniorityRule | None = None  # the seniority or dedication threshold reached

    @property
    def is_person(self):
        return isinstance(self.nominee, Person)

    @property
    def key(self):
        key = f"{self.kind.pk}:{'p' if self.is_person else 'u'}:{self.nominee.pk}"
        return key if self.rule is None else f"{key}:{self.basis}"

    @property
    def basis_label(self):
        return NominationBasis(self.basis).label


def _routable_levels(end):
    """The conferring levels this level decides or proposes upward on ``end``."""
    routes = ConferringRoute.objects.filter(valid_from__lte=end).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    return {r.conferring_level for r in routes if r.action in (RouteAction.CONFER, RouteAction.PROPOSE)}


def routable_kinds(year, routable=None):
    """Kinds valid and in use at the end of ``year`` that this level decides or proposes upward on
    that date (``routable``: the levels, when the caller has read them), with their prerequisites:
    two queries, shared by the prerequisite and the seniority candidates."""
    end = _year_end(year)
    kinds = (
        AwardKind.objects.filter(active=True, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=end))
        .prefetch_related("prerequisites")
        .order_by("display_order", "code")
    )
    routable = _routable_levels(end) if routable is None else routable
    return [k for k in kinds if k.conferring_level in routable]


def kinds_with_prerequisites(year, routable=None, kinds=None):
    """The routable kinds of ``year`` (routable_kinds, or ``kinds`` when read already) that have
    prerequisites."""
    kinds = routable_kinds(year, routable) if kinds is None else kinds
    return [k for k in kinds if k.prerequisites.all()]


def _year_end(year):
    return dt.date(year, 12, 31)


def whole_months(start, end):
    """Whole calendar months from ``start`` to ``end`` inclusive; the days left over are dropped
    (1/1/2015 – 31/12/2024 is 120 months, 2/1/2015 – 31/12/2024 is 119)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return max(months, 0)


def service_time(periods, *, until, continuous):
    """Months counted from ``periods`` ((start, end or None) pairs) up to ``until`` under COUNTING_RULE,
    with the spans counted: touching or overlapping periods are merged into one span; each span
    counts its whole months; ``continuous`` keeps only the longest span."""
    spans = []
    for start, end in sorted((s, min(e or until, until)) for s, e in periods if s <= until):
        if spans and start <= spans[-1][1] + dt.timedelta(days=1):
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if not spans:
        return 0, []
    if continuous:
        longest = max(spans, key=lambda span: whole_months(*span))
        return whole_months(*longest), [tuple(longest)]
    return sum(whole_months(*span) for span in spans), [tuple(span) for span in spans]


def _duration(months):
    years, rest = divmod(months, 12)
    return f"{years} năm {rest} tháng" if rest else f"{years} năm"


def _seniority_reason(rule, months, spans, end):
    parts = "; ".join(f"{a:%d/%m/%Y} – {b:%d/%m/%Y}" for a, b in spans)
    counted = "liên tục" if rule.continuous else ("cộng dồn " + str(len(spans)) + " đoạn" if len(spans) > 1 else "liên tục")
    return (
        f"{rule.description}: đã có {_duration(months)} ({counted}: {parts}) tính đến {end:%d/%m/%Y}, "
        f"cần đủ {rule.years_required} năm{' liên tục' if rule.continuous else ''}. Căn cứ: {rule.legal_basis}."
    )


def seniority_candidates(*, scope, year, kinds):
    """People of ``scope`` (unit ids, None for all) whose service periods reach a seniority or
    dedication threshold (SeniorityRule valid on 31/12 of ``year``) by that day, for award kinds
    this level decides or proposes upward then (``kinds``: routable_kinds). Left out: people who
    already hold the award (an AwardRecord of its code, any year) or have a live nomination for it
    (any year). Four queries whatever the number of rules, people or periods."""
    end = _year_end(year)
    valid = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    rules = list(SeniorityRule.objects.filter(valid, active=True).order_by("award_code", "years_required", "id"))
    if not rules:
        return []
    kinds = {k.code: k for k in reversed(kinds) if k.subject == AwardSubject.PERSON}
    rules = [r for r in rules if r.award_code in kinds]
    if not rules:
        return []
    periods = ServicePeriod.objects.filter(start_date__lte=end, person__active=True)
    if all(r.position_groups for r in rules):
        periods = periods.filter(group__in={g for r in rules for g in r.position_groups})
    if scope is not None:
        periods = periods.filter(person__unit_id__in=scope)
    by_person = {}
    for pid, group, start, stop in periods.values_list("person_id", "group", "start_date", "end_date"):
        by_person.setdefault(pid, []).append((group, start, stop))
    met = {}  # (award code, person id) -> (rule, reason): the first rule reached of the code
    for pid, rows in by_person.items():
        for rule in rules:
            if (rule.award_code, pid) in met:
                continue
            counted = [(start, stop) for group, start, stop in rows if not rule.position_groups or group in rule.position_groups]
            months, spans = service_time(counted, until=end, continuous=rule.continuous)
            if counted and months >= 12 * rule.years_required:
                met[(rule.award_code, pid)] = (rule, _seniority_reason(rule, months, spans, end))
    if not met:
        return []
    codes, pids = {c for c, _ in met}, {p for _, p in met}
    records = AwardRecord.objects.filter(award_code__in=codes, person_id__in=pids).values_list("award_code", "person_id")
    live = Nomination.objects.filter(award_kind__code__in=codes, nominee_person_id__in=pids).exclude(state__in=LIVE_STATES_EXCLUDED)
    held = set(records.union(live.values_list("award_kind__code", "nominee_person_id")))  # one query
    people = {p.pk: p for p in Person.objects.filter(pk__in=pids, active=True).select_related("unit")}
    found = []
    for (code, pid), (rule, reason) in sorted(met.items(), key=lambda item: (kinds[item[0][0]].display_order, item[0][0])):
        if (code, pid) not in held and pid in people:
            found.append(Candidate(kind=kinds[code], nominee=people[pid], reasons=[reason], basis=rule.basis, rule=rule))
    return sorted(found, key=lambda c: (c.kind.display_order, c.kind.code, c.basis, c.nominee.full_name, c.nominee.pk))


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

    def __init__(self, prerequisites, year, scope, names=None):
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
        # Names of the required awards: from the kinds already read when they are among them (the
        # version valid at the end of the year), else the latest version of each code.
        self.names = {code: name for code, name in (names or {}).items() if code in codes}
        missing = codes - set(self.names)
        if missing:
            found = AwardKind.objects.filter(code__in=missing).order_by("code", "valid_from").values_list("code", "name")
            self.names.update(dict(found))
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
    """Candidates in the user's scope for every kind with prerequisites (people and units that already
    hold the award for the year or have a live nomination for it are left out), then the seniority
    and dedication candidates (seniority_candidates). A fixed number of queries whatever the number
    of kinds, people or records."""
    scope = user_scope_unit_ids(user)
    kinds = routable_kinds(year)
    return _prerequisite_candidates(scope=scope, year=year, kinds=kinds) + seniority_candidates(scope=scope, year=year, kinds=kinds)


def _prerequisite_candidates(*, scope, year, kinds):
    names = {k.code: k.name for k in kinds}
    kinds = kinds_with_prerequisites(year, kinds=kinds)
    facts = _Facts([p for k in kinds for p in k.prerequisites.all()], year, scope, names)
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
            basis=candidate.basis,
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
