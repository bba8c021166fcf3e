"""The conference, stage review and propaganda pages (issue 14) checked like the accessibility crawl
checks every page of the shared matrix (tests/browser/test_accessibility.py, whose helpers run here):
axe-core WCAG 2.1 A/AA with no critical or serious violation, no sideways scrolling at 390 px, and no
Nu HTML checker error, for the reviewer, the leader and the propaganda office. Their rows live in
tests/awards/test_conference_permissions.py, which the shared crawl does not read."""

import re

import pytest
from django.urls import reverse

from units.enums import Role

from ..awards.conferences import conference_world
from ..awards.conftest import issuers  # noqa: F401 (the seeded issuing bodies)
from ..awards.test_conference_permissions import ARGS, GET_RULES, review_for
from ..factories import UserFactory
from .test_accessibility import BLOCKING, DESKTOP, PHONE_WIDTH, _check_page, _session_cookie, _tools, _vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COLUMNS = {"reviewer": 3, "leader": 5}
# The propaganda office is no column of the matrix: the pages it opens.
PROPAGANDA_PAGES = ["awards:conference-list", "awards:conference-detail", "campaigns:publication-list", "campaigns:exemplar-publication"]


def test_conference_pages_are_accessible(browser, live_server, reviewer, leader, unit, person, issuers, district, tmp_path):  # noqa: F811
    axe_source = _tools()
    w = conference_world(reviewer=reviewer, unit=unit, person=person, issuers=issuers)
    w.review = review_for(w.conference, reviewer)
    w.exemplar = w.collective
    users = {"reviewer": reviewer, "leader": leader, "propaganda": UserFactory(unit=district, roles=[Role.PROPAGANDA])}
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    failures, checked = [], 0
    for role, user in users.items():
        names = PROPAGANDA_PAGES if role == "propaganda" else [n for n, rule in GET_RULES.items() if rule.split()[COLUMNS[role]] == "200"]
        context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
        context.add_cookies([_session_cookie(user, live_server)])
        context.add_init_script(script=axe_source)
        page = context.new_page()
        for name in sorted(names):
            path = reverse(name, kwargs=ARGS[name](w)) if name in ARGS else reverse(name)
            status, html, violations, width = _check_page(page, live_server.url + path)
            if html is None:
                continue  # a PDF or DOCX
            checked += 1
            if status != 200:
                failures.append(f"{role} {name}: HTTP {status}")
            for v in violations:
                if v["impact"] in BLOCKING:
                    failures.append(f"{role} {name}: axe {v['impact']} {v['id']} ({v['help']}): {[n['target'] for n in v['nodes'][:5]]}")
            if width["scroll"] > width["client"]:
                failures.append(f"{role} {name}: scrolls sideways at {PHONE_WIDTH} px ({', '.join(width['wide'])})")
            (html_dir / (re.sub(r"[^\w.-]+", "-", f"{role}--{name}") + ".html")).write_text(html, encoding="utf-8")
        context.close()
    for file_name, messages in sorted(_vnu_errors(sorted(html_dir.iterdir())).items()):
        failures.extend(f"{file_name}: vnu {m}" for m in messages)
    assert checked >= 20
    assert not failures, "\n".join(failures)
