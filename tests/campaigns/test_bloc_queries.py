# ruff: noqa: F811 - fixtures imported from other modules are taken as arguments under the same names
"""Query budget of the emulation bloc pages (issue 17): every URL of the bloc permission matrix
(tests/campaigns/test_bloc_permissions.py ARGS, which tests/security/test_query_budget.py leaves
out), visited by every persona of that matrix and by the bloc leader's officer, with the bloc grown
by 1, 3 and 50 member units (each with its scorecard scored and checked, a piece of evidence and a
history row), costs at most LIMIT queries and no more at 50 rows than at 3.

Three phases are measured: an open round with the officer's card submitted to the leader (the
leader's check page), the same card returned to its member (the self-scoring page), and a published
round (everybody sees the ranking, the proposals page answers).
Every name of ARGS is measured, so a new bloc page added to the matrix is measured without a line
here; a page that answers nobody with 200 in either round fails (its budget would go unmeasured)."""

import uuid
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from campaigns import bloc_services
from campaigns.enums import BlocRole, BlocYearState, ScorecardState
from campaigns.models import BlocHistory, BlocMember, BlocYear, Scorecard, ScoreEvidence, ScoreLine
from units.enums import UnitKind

from ..factories import UnitFactory
from ..security.test_query_budget import LIMIT, SIZES, _measure
from .test_bloc_permissions import ARGS, ROLES, world  # noqa: F401  (the bloc matrix's world)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSONAS = [*(r for r in ROLES if r != "anonymous"), "lead_officer"]
# POST-only views answer a GET with 405 before reading anything: measured, but nobody opens them.
POST_ONLY = {"campaigns:bloc-year-transition", "campaigns:bloc-year-open-cards", "campaigns:scorecard-transition"}


def _grow(w, n, *, district, reviewer):
    """n more member wards, each with a scored and checked card (every line filled in), one piece of
    evidence and one history row; the round stays in its state."""
    tag = uuid.uuid4().hex[:6]
    start = BlocMember.objects.filter(bloc_year=w.bloc_year).count()
    for i in range(n):
        ward = UnitFactory(name=f"UBND phường {tag} {i}", short_code=f"B{tag}{i}", kind=UnitKind.WARD, parent=district)
        BlocMember.objects.create(
            bloc_year=w.bloc_year, unit=ward, role=BlocRole.MEMBER, role_from=w.bloc_year.members.first().role_from, display_order=start + i
        )
    state = w.bloc_year.state
    BlocYear.objects.filter(pk=w.bloc_year.pk).update(state=BlocYearState.OPEN)  # scorecards_open needs an open round
    w.bloc_year.refresh_from_db()
    bloc_services.scorecards_open(bloc_year=w.bloc_year, by=reviewer)
    new = list(Scorecard.objects.filter(bloc_year=w.bloc_year, state=ScorecardState.DRAFT, self_total=None).exclude(pk=w.card.pk))
    lines = list(ScoreLine.objects.filter(scorecard__in=new).select_related("criterion"))
    for line in lines:
        if line.criterion.is_condition:
            line.self_met = line.checked_met = True
        else:
            line.self_points = line.checked_points = min(line.criterion.max_points, 5)
    ScoreLine.objects.bulk_update(lines, ["self_points", "self_met", "checked_points", "checked_met"])
    now = timezone.now()
    for i, card in enumerate(new):
        card.state, card.self_total, card.checked_total, card.conditions_met = ScorecardState.CHECKED, 100 - i % 7, 100 - i % 7, True
        card.submitted_at = card.checked_at = now
        evidence = ScoreEvidence(scorecard=card, original_name=f"minh-chung-{i}.pdf", kind="pdf", size=len(PDF), uploaded_by=reviewer)
        evidence.file.save(f"mc{i}.pdf", ContentFile(PDF), save=True)
    Scorecard.objects.bulk_update(new, ["state", "self_total", "checked_total", "conditions_met", "submitted_at", "checked_at"])
    BlocHistory.objects.bulk_create(
        [BlocHistory(bloc_year=w.bloc_year, scorecard=c, from_state="submitted", to_state="checked", by=w.lead_officer) for c in new]
    )
    BlocYear.objects.filter(pk=w.bloc_year.pk).update(state=state)
    w.bloc_year.refresh_from_db()


def _publish(w):
    """Check every card still waiting, rank the round at the bloc meeting and publish it."""
    for card in Scorecard.objects.filter(bloc_year=w.bloc_year, state=ScorecardState.SUBMITTED):
        bloc_services.scorecard_check(scorecard=card, adjustments={}, by=w.lead_officer)
    if w.bloc_year.state != BlocYearState.OPEN:
        BlocYear.objects.filter(pk=w.bloc_year.pk).update(state=BlocYearState.OPEN)
        w.bloc_year.refresh_from_db()
    bloc_services.bloc_year_rank(bloc_year=w.bloc_year, by=w.lead_officer, meeting_date=timezone.localdate(), note="Họp khối")
    bloc_services.bloc_year_publish(bloc_year=w.bloc_year, by=w.lead_officer)
    w.bloc_year.refresh_from_db()
    w.card.refresh_from_db()


@pytest.mark.parametrize("phase", ["submitted", "returned", "published"])
def test_every_bloc_page_within_budget_and_constant(phase, world, request, client, settings, district, reviewer):
    users = {role: getattr(world, role) if role == "lead_officer" else request.getfixturevalue(role) for role in PERSONAS}
    results, sql = {}, {}  # (page, role) -> {size: (status, count)}; the queries of its last measurement
    for size in SIZES:
        _grow(world, size, district=district, reviewer=reviewer)
        if phase == "published":
            _publish(world)
        elif phase == "returned" and size == SIZES[0]:
            bloc_services.scorecard_return(scorecard=world.card, by=world.lead_officer, comment="Thiếu minh chứng")
        for name in sorted(ARGS):
            url = reverse(name, kwargs=ARGS[name](world))
            for role in PERSONAS:
                if size > SIZES[0] and results[(name, role)][SIZES[0]][0] != 200:
                    continue  # a refusal or a redirect at 1 row reads no rows: measured once
                client.force_login(users[role])
                status, queries, _seconds = _measure(client, url, settings)
                results.setdefault((name, role), {})[size] = (status, len(queries))
                sql[(name, role)] = queries
    for (name, role), by_size in sorted(results.items()):
        print(name, role, {size: count for size, (_status, count) in by_size.items()}, by_size[SIZES[0]][0])  # noqa: T201
    problems = []
    for (name, role), by_size in sorted(results.items()):
        counts = [count for _status, count in by_size.values()]
        grows = len(counts) == len(SIZES) and counts[-1] > counts[-2]
        if max(counts) > LIMIT or grows:
            problems.append(f"{name} as {role}: {counts} queries at {list(by_size)} rows (status {by_size[SIZES[0]][0]})")
            problems.extend(f"    {times}× {text[:300]}" for text, times in Counter(sql[(name, role)]).most_common(25))
    assert not problems, "\n".join(problems)
    # Each page (but the POST-only ones) is measured with its rows by at least one persona.
    opened = {name for (name, _role), by_size in results.items() if by_size[SIZES[0]][0] == 200}
    # The proposals wait for the publication; the officer edits its card only while it is returned;
    # the leader checks a submitted card only.
    closed = {
        "submitted": {"awards:bloc-proposals", "campaigns:scorecard-edit"},
        "returned": {"awards:bloc-proposals", "campaigns:scorecard-check"},
        "published": {"campaigns:scorecard-edit", "campaigns:scorecard-check"},
    }[phase]
    assert opened == set(ARGS) - POST_ONLY - closed
