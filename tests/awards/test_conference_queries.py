"""Query counts of the conference, stage review and propaganda pages at 1, 3 and 50 rows (honourees,
programme items, guests, candidates, reviews): at most 15, and no more at 50 than at 3, measured like
tests/security/test_query_budget.py (which grows the same rows through grow_conference)."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dosonthidua.identity import forget, identity_on

from .conferences import grow_conference
from .test_conference_permissions import ARGS, GET_RULES

pytestmark = pytest.mark.django_db
PAGES = sorted(name for name in GET_RULES if not name.endswith(("-pdf", "-docx")))
DOCUMENTS = sorted(name for name in GET_RULES if name.endswith(("-pdf", "-docx")))


def _count(client, url):
    forget()
    identity_on()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["reviewer", "leader", "administrator"])
def test_pages_within_budget_and_constant(role, request, client, reviewer, unit, issuers):
    user = request.getfixturevalue(role)
    counts = {}
    for n in (1, 3, 50):
        w = grow_conference(SimpleNamespace(), n, reviewer=reviewer, unit=unit)
        client.force_login(user)
        for name in PAGES:
            if GET_RULES[name].split()[{"reviewer": 3, "leader": 5, "administrator": 6}[role]] != "200":  # refused: nothing read
                continue
            url = reverse(name, kwargs=ARGS[name](w)) if name in ARGS else reverse(name)
            counts.setdefault(name, []).append(_count(client, url))
    problems = {name: c for name, c in counts.items() if max(c) > 15 or c[2] > c[1]}
    column = {"reviewer": 3, "leader": 5, "administrator": 6}[role]
    opens = {name for name in PAGES if GET_RULES[name].split()[column] == "200"}
    assert set(counts) == opens and all(len(c) == 3 for c in counts.values())  # every page the role opens, at three sizes
    assert not problems, problems


def test_documents_within_budget_and_constant(client, reviewer, unit, issuers):
    """The invitations (a page per guest), guest list, booklet (a photo per exemplar) and the review's
    PDF and DOCX read the same number of queries at 1, 3 and 50 rows."""
    counts = {}
    for n in (1, 3, 50):
        w = grow_conference(SimpleNamespace(), n, reviewer=reviewer, unit=unit)
        client.force_login(reviewer)
        for name in DOCUMENTS:
            counts.setdefault(name, []).append(_count(client, reverse(name, kwargs=ARGS[name](w))))
    assert set(counts) == set(DOCUMENTS)
    problems = {name: c for name, c in counts.items() if max(c) > 15 or c[2] > c[1]}
    assert not problems, problems
