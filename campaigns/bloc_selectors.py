"""Read-side queries of emulation blocs. A member unit's officers see their own scorecard, and the
other members' only once the bloc has published its ranking; the leader's officers see every card
they check; the global readers see everything. Objects outside these answer 404."""

from django.db.models import Count, Prefetch, Q

from units.selectors import user_scope_unit_ids

from .enums import BlocRole, BlocYearState
from .models import Bloc, BlocMember, BlocYear, Scorecard, ScoreEvidence


def _member_years(scope, role=None):
    members = BlocMember.objects.filter(unit_id__in=scope)
    if role:
        members = members.filter(role=role)
    return members.values("bloc_year_id")


def bloc_years_visible_to(user):
    """Bloc years the user's unit belongs to (every one for the global readers)."""
    qs = BlocYear.objects.select_related("bloc", "score_table")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(pk__in=_member_years(scope))


def bloc_year_list(*, user, year=None, q=""):
    qs = bloc_years_visible_to(user).annotate(member_count=Count("members", distinct=True))
    if year:
        qs = qs.filter(year=year)
    if q:
        qs = qs.filter(bloc__name__icontains=q)
    leaders = BlocMember.objects.filter(role=BlocRole.LEADER).select_related("unit")
    return qs.prefetch_related(Prefetch("members", queryset=leaders, to_attr="leaders")).order_by("-year", "bloc__name")


def scorecards_visible_to(user):
    qs = Scorecard.objects.select_related("bloc_year__bloc", "unit", "member")
    scope = user_scope_unit_ids(user)
    if scope is None:
        return qs
    return qs.filter(
        Q(unit_id__in=scope)
        | Q(bloc_year_id__in=_member_years(scope, BlocRole.LEADER))
        # The deputy checks the leader's own card.
        | Q(bloc_year_id__in=_member_years(scope, BlocRole.DEPUTY), member__role=BlocRole.LEADER)
        | Q(bloc_year_id__in=_member_years(scope), bloc_year__state=BlocYearState.PUBLISHED)
    )


def scorecards_of(*, bloc_year, user):
    """The cards of ``bloc_year`` the user may open, ranked first, then in the members' order."""
    return (
        scorecards_visible_to(user)
        .filter(bloc_year=bloc_year)
        .order_by("rank", "member__display_order", "unit__name")
        .annotate(evidence_count=Count("evidence"))
    )


def evidence_visible_to(user):
    return ScoreEvidence.objects.filter(scorecard__in=scorecards_visible_to(user)).select_related("scorecard")


def blocs_for_admin():
    return Bloc.objects.annotate(year_count=Count("years")).order_by("name")


def scorecard_detail(scorecard):
    """The card's lines in the table's order, grouped: [(group or None, [lines])] plus the lines of
    bonus, penalty and condition kinds, each in its own section."""
    lines = list(scorecard.lines.select_related("criterion__group").order_by("criterion__display_order", "criterion_id"))
    groups, sections = {}, []
    for line in lines:
        key = (line.criterion.kind, line.criterion.group_id)
        if key not in groups:
            groups[key] = []
            sections.append((line.criterion.kind, line.criterion.group, groups[key]))
        groups[key].append(line)
    order = {"criterion": 0, "bonus": 1, "penalty": 2, "condition": 3}
    sections.sort(key=lambda s: (order[s[0]], s[1].display_order if s[1] else 0, s[1].pk if s[1] else 0))
    return sections
