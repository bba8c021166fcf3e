"""Candidates the portal already knows: for a year, who meets an award's prerequisites from the record
alone (award records of earlier years, recognised initiatives and research), computed as sets in
SQL from the catalogue's AwardPrerequisite rows, so a new rule is data, not code. An officer turns a
selection into draft nominations in one step (candidates_to_nominations).

Two steps, so a whole city's list costs what one page shows: find_candidates says who is a
candidate for what (ids, in a fixed number of queries whatever the number of people, records or
periods: the sets, the thresholds and the exclusions are computed in PostgreSQL), and materialise
reads the nominees and writes the reasons of the ones shown (a page of the candidates page, the
selection turned into nominations).

What the record cannot show (a unit's statement that someone completed their tasks excellently) is not
guessed: a group of alternatives is met only by an alternative the record proves.

Seniority and dedication (niên hạn, quá trình cống hiến) candidates come from the people's dated
service periods (units.ServicePeriod) against the SeniorityRule rows valid on the last day of the
year: see COUNTING_RULE for how the time is counted."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q, Subquery
from django.utils import timezone

from dosonthidua.sql import AnyOf
from units.models import IN_FORCE_SQL, PEOPLE_IN_FORCE_SQL, Person, ServicePeriod, TableVersion, Unit
from units.selectors import user_scope_unit_ids

from .enums import AwardSubject, InitiativeKind, NominationBasis, PrerequisiteRule, RouteAction
from .models import AwardKind, ConferringRoute, Initiative, Nomination, SeniorityRule
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
        return _key(self.kind, self.is_person, self.nominee.pk, self.rule, self.basis)

    @property
    def basis_label(self):
        return NominationBasis(self.basis).label


@dataclass(slots=True)
class Found:
    """A candidate as find_candidates finds it, before its nominee is read (materialise): the kind,
    whether the nominee is a person (else a unit), its id, and the prerequisites' reasons (the
    seniority reason is written from the periods when the nominee is read)."""

    kind: AwardKind
    person: bool
    nid: int
    reasons: tuple = ()
    basis: str = NominationBasis.MERIT
    rule: SeniorityRule | None = None

    @property
    def key(self):
        return _key(self.kind, self.person, self.nid, self.rule, self.basis)


def _key(kind, person, nid, rule, basis):
    key = f"{kind.pk}:{'p' if person else 'u'}:{nid}"
    return key if rule is None else f"{key}:{basis}"


def routable_kinds(year):
    """Kinds valid and in use at the end of ``year`` that this level decides or proposes upward on
    that date (a ConferringRoute of their level), with their prerequisites: two queries, shared by
    the prerequisite and the seniority candidates."""
    end = _year_end(year)
    valid = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    routes = ConferringRoute.objects.filter(valid, action__in=(RouteAction.CONFER, RouteAction.PROPOSE))
    return list(
        AwardKind.objects.filter(valid, active=True, conferring_level__in=routes.values("conferring_level"))
        .prefetch_related("prerequisites")
        .order_by("display_order", "code")
    )


def kinds_with_prerequisites(year, kinds=None):
    """The routable kinds of ``year`` (routable_kinds, or ``kinds`` when read already) that have
    prerequisites."""
    kinds = routable_kinds(year) if kinds is None else kinds
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


# Who reaches a seniority or dedication threshold: for each rule, the service periods of its
# groups cut at the end of the year, merged into spans where they touch or overlap (a running
# maximum of the ends, as service_time does), each span counted in whole months (whole_months), the
# spans summed or, for a continuous rule, the longest taken; per award the first rule reached (by
# years required, then id). A person can only reach N years if a period of the rule's groups starts
# by 31 January of year + 1 - N (the months of disjoint spans never add up to more than the months
# from the first start to the end), so only their periods are read.
_THRESHOLDS_SQL = """
WITH rules AS (
    SELECT id, award_code, position_groups, years_required, continuous,
           make_date(GREATEST(%(year)s + 1 - years_required, 1), 1, 31) AS latest_start
    FROM awards_seniorityrule WHERE id = ANY(%(rules)s)
), eligible AS MATERIALIZED (
    SELECT DISTINCT r.id AS rule_id, f.person_id
    FROM rules r JOIN units_serviceperiod f
      ON f.start_date <= r.latest_start AND (cardinality(r.position_groups) = 0 OR f."group" = ANY(r.position_groups))
    {scope}
), periods AS (
    SELECT r.id AS rule_id, s.person_id, s.start_date AS s, LEAST(COALESCE(s.end_date, %(end)s), %(end)s) AS e
    FROM eligible el
    JOIN rules r ON r.id = el.rule_id
    JOIN units_serviceperiod s
      ON s.person_id = el.person_id AND (cardinality(r.position_groups) = 0 OR s."group" = ANY(r.position_groups))
    WHERE s.start_date <= %(end)s
), marked AS (
    SELECT rule_id, person_id, s, e,
           CASE WHEN s <= MAX(e) OVER (PARTITION BY rule_id, person_id ORDER BY s, e
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                THEN 0 ELSE 1 END AS fresh
    FROM periods
), islands AS (
    SELECT rule_id, person_id, s, e,
           SUM(fresh) OVER (PARTITION BY rule_id, person_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
    FROM marked
), spans AS (
    SELECT rule_id, person_id, MIN(s) AS s, MAX(e) + 1 AS after FROM islands GROUP BY rule_id, person_id, island
), months AS (
    SELECT rule_id, person_id,
           GREATEST(0, date_part('year', after)::int * 12 + date_part('month', after)::int
                       - date_part('year', s)::int * 12 - date_part('month', s)::int
                       - (date_part('day', after) < date_part('day', s))::int) AS m
    FROM spans
), met AS (
    SELECT DISTINCT ON (r.award_code, m.person_id) r.award_code, m.person_id, r.id AS rule_id
    FROM months m JOIN rules r ON r.id = m.rule_id
    GROUP BY r.award_code, m.person_id, r.id, r.years_required, r.continuous
    HAVING CASE WHEN r.continuous THEN MAX(m.m) ELSE SUM(m.m) END >= 12 * r.years_required
    ORDER BY r.award_code, m.person_id, r.years_required, r.id
)
"""
# People already holding an award of the codes (any year) or with a live nomination for one.
_HELD_SQL = """
SELECT award_code, person_id FROM awards_awardrecord WHERE award_code = ANY(%(codes)s) AND person_id IS NOT NULL
UNION
SELECT award_code, nominee_person_id FROM awards_nomination
WHERE award_code = ANY(%(codes)s) AND nominee_person_id IS NOT NULL AND NOT state = ANY(%(dead)s)
"""
# People recorded in a unit in force at some day of the year (units.people_in_force_q): a person of a
# unit that ended before the year (the district's departments from 2026) is not a candidate for it.
_IN_FORCE_P = PEOPLE_IN_FORCE_SQL.format(p="p")
# Within a scope: the thresholds reached by active people of the scope in units in force in the year,
# less the held ones, by name.
_SCOPED_SQL = (
    _THRESHOLDS_SQL
    + """
SELECT met.award_code, met.rule_id, met.person_id
FROM met JOIN units_person p ON p.id = met.person_id AND p.active
WHERE """
    + _IN_FORCE_P
    + """ AND (met.award_code, met.person_id) NOT IN ("""
    + _HELD_SQL
    + """)
ORDER BY p.full_name, p.id
"""
)
# The whole city: the thresholds reached by active people, by name (what is cached), the held pairs
# and the people out of force in the year, in one query (the held pairs change with every nomination
# and a unit's validity with an edit of the unit: never cached).
_CITY_SQL = (
    _THRESHOLDS_SQL
    + """
SELECT 'met', met.award_code, met.rule_id, met.person_id, row_number() OVER (ORDER BY p.full_name, p.id)
FROM met JOIN units_person p ON p.id = met.person_id AND p.active
UNION ALL
SELECT 'held', held.award_code, NULL, held.person_id, NULL FROM ("""
    + _HELD_SQL
    + """) held
UNION ALL
SELECT 'gone', NULL, NULL, met.person_id, NULL FROM met JOIN units_person p ON p.id = met.person_id AND p.active
WHERE NOT """
    + _IN_FORCE_P
    + """
"""
)
# On a cached city list, the held pairs and the people out of force in the year, in one query.
_HELD_OR_GONE_SQL = (
    "SELECT award_code, person_id FROM ("  # noqa: S608 - constant SQL, values are parameters
    + _HELD_SQL
    + """) held
UNION ALL
SELECT NULL, p.id FROM units_person p WHERE p.id = ANY(%(met)s) AND NOT """
    + _IN_FORCE_P
)
CITY_THRESHOLDS_TIMEOUT = 24 * 3600  # a day: the key changes with the data anyway


def _seniority_found(*, scope, year, kinds):
    """People of ``scope`` (unit ids, None for all) whose service periods reach a seniority or
    dedication threshold (SeniorityRule valid on 31/12 of ``year``) by that day, for award kinds
    this level decides or proposes upward then (``kinds``: routable_kinds), by name within each
    award. Left out: people who already hold the award (an AwardRecord of its code, any year) or
    have a live nomination for it (any year; a nomination's award_code is its kind's, kept by a
    trigger). Two queries whatever the number of rules, people or periods.

    For the whole city the thresholds reached (a computation over every service period: about
    100 ms at 28,000 periods) are cached, keyed on the year, the rules and the versions of the
    people and service periods tables (units.TableVersion: any write of a period, a person renamed,
    deactivated or deleted makes a new key); the held awards and live nominations are read on every
    request."""
    from django.conf import settings
    from django.core.cache import cache

    end = _year_end(year)
    valid = Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gte=end))
    by_code = {k.code: k for k in reversed(kinds) if k.subject == AwardSubject.PERSON}  # the first kind of a code
    rules = SeniorityRule.objects.filter(valid, active=True, award_code__in=list(by_code))
    if scope is None:  # what the cached thresholds are computed from, as of now (units.TableVersion)
        version = TableVersion.objects.order_by().values("version")
        rules = rules.annotate(
            people_version=Subquery(version.filter(name="units_person")[:1]),
            periods_version=Subquery(version.filter(name="units_serviceperiod")[:1]),
        )
    rules = {r.pk: r for r in rules}
    if not rules:
        return []
    params = {
        "rules": sorted(rules),
        "year": year,
        "start": dt.date(year, 1, 1),
        "end": end,
        "codes": sorted({r.award_code for r in rules.values()}),
        "dead": list(LIVE_STATES_EXCLUDED),
    }
    if scope is not None:
        params["scope"] = sorted(scope)
        scoped = "WHERE f.person_id IN (SELECT id FROM units_person WHERE unit_id = ANY(%(scope)s))"
        with connection.cursor() as cursor:
            cursor.execute(_SCOPED_SQL.format(scope=scoped), params)
            rows = cursor.fetchall()
    else:
        shape = [(r.pk, r.award_code, r.basis, tuple(r.position_groups), r.years_required, r.continuous) for r in rules.values()]
        first = next(iter(rules.values()))
        versions = (first.people_version, first.periods_version)
        digest = hashlib.sha256(repr((settings.DATABASES["default"]["NAME"], year, sorted(shape), versions)).encode()).hexdigest()
        key = f"candidates:thresholds:{digest}"
        met = cache.get(key)
        with connection.cursor() as cursor:
            if met is None:
                cursor.execute(_CITY_SQL.format(scope=""), params)
                found = cursor.fetchall()
                met = [(code, rule_id, pid) for what, code, rule_id, pid, order in sorted(found, key=lambda r: r[4] or 0) if what == "met"]
                held = {(code, pid) for what, code, _rule, pid, _order in found if what == "held"}
                gone = {pid for what, _code, _rule, pid, _order in found if what == "gone"}
                cache.set(key, met, CITY_THRESHOLDS_TIMEOUT)
            else:
                cursor.execute(_HELD_OR_GONE_SQL, {**params, "met": sorted({pid for _code, _rule, pid in met})})
                found = cursor.fetchall()
                held = {(code, pid) for code, pid in found if code is not None}
                gone = {pid for code, pid in found if code is None}
        rows = [row for row in met if (row[0], row[2]) not in held and row[2] not in gone]
    # By award and basis (the kinds' order), by name within each as the query gave them.
    sections = {}
    for code, rule_id, pid in rows:
        rule = rules[rule_id]
        sections.setdefault((code, rule.basis), []).append(Found(by_code[code], True, pid, (), rule.basis, rule))
    return [f for key in sorted(sections, key=lambda k: (by_code[k[0]].display_order, k[0], k[1])) for f in sections[key]]


def _needed_years(prerequisite, year):
    last = year - prerequisite.years_before
    count = prerequisite.years if prerequisite.rule == PrerequisiteRule.AWARD_STREAK else 1
    return [last - i * prerequisite.interval_years for i in range(count)]


def _initiative_window(prerequisite, year):
    last = year - prerequisite.years_before
    return last - prerequisite.years + 1, last


_AWARD_RULES = (PrerequisiteRule.AWARD_SAME_YEAR, PrerequisiteRule.AWARD_STREAK)

# Who holds every award year a prerequisite needs: one row per (prerequisite, needed year) in, the
# people and units with all of them out. A prerequisite "restricted" to some nominees (those its
# kind's other conditions already allow) reads only their records, by nominee; the others read
# every record of the code and year.
_AWARD_YEARS_SQL = """
WITH wanted AS (
    SELECT * FROM unnest(%(prerequisites)s::bigint[], %(codes)s::text[], %(years)s::int[], %(needed)s::int[])
        AS w(prerequisite, code, year, needed)
), allowed AS (
    SELECT * FROM unnest(%(allowed)s::bigint[], %(allowed_people)s::bigint[], %(allowed_units)s::bigint[])
        AS a(prerequisite, person_id, unit_id)
), hits AS (
    SELECT w.prerequisite, w.needed, r.person_id, r.unit_id, r.year
    FROM wanted w JOIN awards_awardrecord r ON r.award_code = w.code AND r.year = w.year
    WHERE NOT w.prerequisite = ANY(%(restricted)s) {scope}
    UNION ALL
    SELECT w.prerequisite, w.needed, r.person_id, r.unit_id, r.year
    FROM allowed a JOIN wanted w ON w.prerequisite = a.prerequisite
    JOIN awards_awardrecord r ON r.person_id = a.person_id AND r.award_code = w.code AND r.year = w.year
    UNION ALL
    SELECT w.prerequisite, w.needed, r.person_id, r.unit_id, r.year
    FROM allowed a JOIN wanted w ON w.prerequisite = a.prerequisite
    JOIN awards_awardrecord r ON r.unit_id = a.unit_id AND r.award_code = w.code AND r.year = w.year
)
SELECT prerequisite, person_id, unit_id FROM hits
GROUP BY prerequisite, person_id, unit_id
HAVING count(DISTINCT year) = max(needed)
"""


class _Facts:
    """What the prerequisites of every kind need from the record, for the user's scope: the
    recognised initiatives (one query), then who holds the awards the prerequisites need
    (read_holders, one query: ids grouped in SQL, not records)."""

    def __init__(self, prerequisites, year, scope, names=None):
        awards = [p for p in prerequisites if p.rule in _AWARD_RULES]
        ideas = [p for p in prerequisites if p.rule in (PrerequisiteRule.INITIATIVE, PrerequisiteRule.RESEARCH)]
        self.scope = scope
        self.holders = {}  # prerequisite pk -> {"p": {person ids}, "u": {unit ids}}
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

    def read_holders(self, wanted, year):
        """Who holds what the award prerequisites in ``wanted`` need: (prerequisite, person, allowed)
        triples, ``allowed`` the only nominee ids worth reading (a set) or None for all."""
        params = {"prerequisites": [], "codes": [], "years": [], "needed": [], "restricted": []}
        params.update({"allowed": [], "allowed_people": [], "allowed_units": []})
        for p, person, allowed in wanted:
            if allowed is not None and not allowed:
                continue  # nobody to read
            years = sorted(set(_needed_years(p, year)))
            for y in years:
                params["prerequisites"].append(p.pk)
                params["codes"].append(p.requires_code)
                params["years"].append(y)
                params["needed"].append(len(years))
            if allowed is not None:
                params["restricted"].append(p.pk)
                for nid in sorted(allowed):
                    params["allowed"].append(p.pk)
                    params["allowed_people"].append(nid if person else None)
                    params["allowed_units"].append(None if person else nid)
        if not params["prerequisites"]:
            return
        scope_sql = ""
        if self.scope is not None:
            scope_sql = "AND (r.person_id IN (SELECT id FROM units_person WHERE unit_id = ANY(%(scope)s)) OR r.unit_id = ANY(%(scope)s))"
            params["scope"] = sorted(self.scope)
        with connection.cursor() as cursor:
            cursor.execute(_AWARD_YEARS_SQL.format(scope=scope_sql), params)
            for pk, pid, uid in cursor.fetchall():
                holders = self.holders.setdefault(pk, {"p": set(), "u": set()})
                holders["p" if pid else "u"].add(pid or uid)

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
        name = self.names.get(prerequisite.requires_code, prerequisite.requires_code)
        years = ", ".join(str(y) for y in sorted(needed))
        reason = f"Đã có “{name}” {'các năm' if len(needed) > 1 else 'năm'} {years}."
        return dict.fromkeys(self.holders.get(prerequisite.pk, {}).get("p" if person else "u", ()), reason)


def find_candidates(*, user, year):
    """Who is a candidate for what in the user's scope (Found rows, no nominee read): for every kind
    with prerequisites the people and units meeting them (those already holding the award for the
    year or with a live nomination for it left out), by kind then id; then the seniority and
    dedication candidates (_seniority_found), by award then name. Only people and collectives of
    units in force at some day of the year are candidates (units.people_in_force_q): the people of
    a unit that ended on 30/06/2025 are candidates for 2025, not for 2026. A fixed number of queries
    whatever the number of kinds, people, records or periods."""
    scope = user_scope_unit_ids(user)
    kinds = routable_kinds(year)
    return _prerequisite_found(scope=scope, year=year, kinds=kinds) + _seniority_found(scope=scope, year=year, kinds=kinds)


# Which of the people and units meeting the prerequisites may be listed (active people, both in the
# scope and in units in force in the year) and which already have the award of the year or a live
# nomination for it: one query.
_CHECK_SQL = (
    """
SELECT 'p', id, '' FROM units_person p WHERE id = ANY(%(people)s) AND active AND """
    + _IN_FORCE_P
    + """ {people_scope}
UNION ALL
SELECT 'u', id, '' FROM units_unit u WHERE id = ANY(%(units)s) AND """
    + IN_FORCE_SQL.format(u="u")
    + """ {units_scope}
UNION ALL
SELECT CASE WHEN nominee_person_id IS NULL THEN 'u' ELSE 'p' END, COALESCE(nominee_person_id, nominee_unit_id), award_code
FROM awards_nomination
WHERE year = %(year)s AND award_code = ANY(%(codes)s) AND NOT state = ANY(%(dead)s)
  AND (nominee_person_id = ANY(%(people)s) OR nominee_unit_id = ANY(%(units)s))
UNION ALL
SELECT CASE WHEN person_id IS NULL THEN 'u' ELSE 'p' END, COALESCE(person_id, unit_id), award_code
FROM awards_awardrecord
WHERE year = %(year)s AND award_code = ANY(%(codes)s) AND (person_id = ANY(%(people)s) OR unit_id = ANY(%(units)s))
"""
)


def _prerequisite_found(*, scope, year, kinds):
    names = {k.code: k.name for k in kinds}
    kinds = kinds_with_prerequisites(year, kinds=kinds)
    facts = _Facts([p for k in kinds for p in k.prerequisites.all()], year, scope, names)
    # The conditions the record answers without award records (initiatives, research) first: who
    # meets them is all a kind's award conditions need to read (most people have no initiative).
    wanted = []
    for kind in kinds:
        person = kind.subject == AwardSubject.PERSON
        groups = {}
        for prerequisite in kind.prerequisites.all():
            groups.setdefault(prerequisite.group, []).append(prerequisite)
        allowed = None
        for alternatives in groups.values():
            if any(p.rule in _AWARD_RULES for p in alternatives):
                continue
            known = [a for a in (facts.met_by(p, year, person=person) for p in alternatives) if a is not None]
            if known:
                union = set().union(*known)
                allowed = union if allowed is None else allowed & union
        wanted += [(p, person, allowed) for p in kind.prerequisites.all() if p.rule in _AWARD_RULES]
    facts.read_holders(wanted, year)
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
    params = {
        "people": sorted({nid for k, met in met_by_kind.items() if k.subject == AwardSubject.PERSON for nid in met}),
        "units": sorted({nid for k, met in met_by_kind.items() if k.subject != AwardSubject.PERSON for nid in met}),
        "codes": sorted({k.code for k in met_by_kind}),
        "year": year,
        "start": dt.date(year, 1, 1),
        "end": _year_end(year),
        "dead": list(LIVE_STATES_EXCLUDED),
    }
    people_scope = units_scope = ""
    if scope is not None:
        people_scope, units_scope = "AND unit_id = ANY(%(scope)s)", "AND id = ANY(%(scope)s)"
        params["scope"] = sorted(scope)
    listed, excluded = set(), set()
    with connection.cursor() as cursor:
        cursor.execute(_CHECK_SQL.format(people_scope=people_scope, units_scope=units_scope), params)
        for tag, nid, code in cursor.fetchall():
            if code:
                excluded.add((code, tag, nid))
            else:
                listed.add((tag, nid))
    found = []
    for kind, met in met_by_kind.items():
        person = kind.subject == AwardSubject.PERSON
        tag = "p" if person else "u"
        for nid in sorted(met):
            if (tag, nid) in listed and (kind.code, tag, nid) not in excluded:
                found.append(Found(kind=kind, person=person, nid=nid, reasons=tuple(met[nid])))
    return found


def materialise(found, year):
    """Candidate objects for ``found`` (Found rows of find_candidates), in their order: the nominees
    read in one query per kind of nominee, and the seniority reasons written from the people's
    periods (one query) by service_time, as the thresholds were counted. Rows whose nominee has
    gone since are dropped."""
    end = _year_end(year)
    person_ids = sorted({f.nid for f in found if f.person})
    unit_ids = sorted({f.nid for f in found if not f.person})
    people = {p.pk: p for p in Person.objects.filter(AnyOf("id", person_ids)).select_related("unit").order_by()} if person_ids else {}
    units = {u.pk: u for u in Unit.objects.filter(AnyOf("id", unit_ids)).order_by()} if unit_ids else {}
    periods = {}
    senior = sorted({f.nid for f in found if f.rule is not None})
    if senior:
        rows = ServicePeriod.objects.filter(AnyOf("person_id", senior), start_date__lte=end).order_by()
        for pid, group, start, stop in rows.values_list("person_id", "group", "start_date", "end_date"):
            periods.setdefault(pid, []).append((group, start, stop))
    candidates = []
    for f in found:
        nominee = (people if f.person else units).get(f.nid)
        if nominee is None:
            continue
        reasons = list(f.reasons)
        if f.rule is not None:
            rule = f.rule
            counted = [(a, b) for group, a, b in periods.get(f.nid, ()) if not rule.position_groups or group in rule.position_groups]
            months, spans = service_time(counted, until=end, continuous=rule.continuous)
            reasons = [_seniority_reason(rule, months, spans, end)]
        candidates.append(Candidate(kind=f.kind, nominee=nominee, reasons=reasons, basis=f.basis, rule=f.rule))
    return candidates


def candidates_for(*, user, year):
    """Every candidate in the user's scope as Candidate objects (find_candidates, then materialise):
    for a service or a test; the candidates page reads only the rows it shows."""
    return materialise(find_candidates(user=user, year=year), year)


def candidates_to_nominations(*, user, year, keys, found=None):
    """Draft nominations for the chosen candidates (``keys`` from Candidate.key; ``found``: the
    year's find_candidates when the caller has it), each through nomination_save with its reasons
    as the first achievement summary for the officer to complete. A key that is not (or no longer)
    a candidate creates nothing. Returns (created, refused) where refused lists (name, message).
    Rows: Nomination per candidate."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .services import nomination_save

    if not user.has_perm("awards.add_nomination"):
        raise PermissionDenied
    wanted = set(keys)
    found = find_candidates(user=user, year=year) if found is None else found
    chosen = materialise([f for f in found if f.key in wanted], year)
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
