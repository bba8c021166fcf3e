"""Permission matrix of the conference pages, the stage review pages and the propaganda pages (issue
14), in the notation of tests/security/test_permission_matrix.py (which reads these tables so every
named URL has a rule). The world: the district's conference of 20/06/2025 with honourees, programme and
guests, a stage review linked to it, and an accepted exemplar. The propaganda office (Phòng Văn hóa và
Thông tin) is not a column of the shared matrix: its rights are tested below on their own."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.models import StageReview
from units.enums import Role

from ..factories import UserFactory
from .conferences import conference_world, formset_data

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer", "other_officer", "reviewer", "council_member", "leader", "administrator"]
READERS = "302 403 403 200 403 200 200"
ASSEMBLER = "302 403 403 200 403 403 403"
PUBLISHERS = "302 403 403 200 403 403 200"

# fmt: off
GET_RULES = {
    "awards:conference-list":             READERS,
    "awards:conference-create":           ASSEMBLER,
    "awards:conference-detail":           READERS,
    "awards:conference-update":           ASSEMBLER,
    "awards:conference-honourees-pick":   ASSEMBLER,
    "awards:conference-honourees":        ASSEMBLER,
    "awards:conference-programme":        ASSEMBLER,
    "awards:conference-guests":           ASSEMBLER,
    "awards:conference-invitations-pdf":  READERS,
    "awards:conference-guest-list-pdf":   READERS,
    "awards:conference-booklet-pdf":      READERS,
    "reports:review-list":                READERS,
    "reports:review-create":              ASSEMBLER,
    "reports:review-detail":              READERS,
    "reports:review-update":              ASSEMBLER,
    "reports:review-pdf":                 READERS,
    "reports:review-docx":                READERS,
    "campaigns:publication-list":         PUBLISHERS,
    "campaigns:exemplar-publication":     PUBLISHERS,
}
# fmt: on

ARGS = {
    **{
        name: (lambda w: {"pk": w.conference.pk})
        for name in GET_RULES
        if name.startswith("awards:conference-") and name not in ("awards:conference-list", "awards:conference-create")
    },
    **{
        name: (lambda w: {"pk": w.review.pk})
        for name in ("reports:review-detail", "reports:review-update", "reports:review-pdf", "reports:review-docx")
    },
    "campaigns:exemplar-publication": lambda w: {"pk": w.exemplar.pk},
}
POST_CHECKED = set()


def review_for(conference, reviewer):
    return StageReview.objects.create(
        period="2021-2025",
        conference=conference,
        title="Tổng kết phong trào thi đua, công tác khen thưởng giai đoạn 2021–2025",
        date=dt.date(2025, 6, 15),
        results="Các phong trào thi đua được triển khai sâu rộng.",
        created_by=reviewer,
    )


@pytest.fixture
def world(reviewer, unit, person, issuers):
    w = conference_world(reviewer=reviewer, unit=unit, person=person, issuers=issuers)
    w.review = review_for(w.conference, reviewer)
    w.exemplar = w.collective
    return w


@pytest.fixture
def propagandist(district):
    return UserFactory(username="vanhoa_t", unit=district, roles=[Role.PROPAGANDA])


def _url(name, world):
    return reverse(name, kwargs=ARGS[name](world)) if name in ARGS else reverse(name)


def test_every_conference_view_has_a_rule():
    from tests.security.urlmap import named_urls

    names = {name for name, _ in named_urls()}
    ours = {
        n for n in names if n.startswith(("awards:conference", "reports:review", "campaigns:publication", "campaigns:exemplar-publication"))
    }
    assert ours == set(GET_RULES)


@pytest.mark.parametrize("name", sorted(GET_RULES))
def test_get_permission_matrix(name, world, request, client):
    url = _url(name, world)
    actual = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        actual.append(str(client.get(url).status_code))
    assert " ".join(actual) == GET_RULES[name], f"{name}: expected {GET_RULES[name]}, got {' '.join(actual)}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("awards:conference-list", 200),
        ("awards:conference-detail", 200),
        ("awards:conference-booklet-pdf", 200),
        ("awards:conference-update", 403),
        ("reports:review-detail", 403),
        ("campaigns:publication-list", 200),
        ("campaigns:exemplar-publication", 200),
    ],
)
def test_propaganda_office_reads_conferences_prints_the_booklet_and_publishes(name, expected, world, propagandist, client):
    client.force_login(propagandist)
    assert client.get(_url(name, world)).status_code == expected


def test_assembling_posts_refused_to_every_other_role(world, request, client):
    """Programme, guests, honourees and the conference form, posted by someone else: nothing changes."""
    posts = [
        (
            "awards:conference-programme",
            formset_data("agenda", [{"order": "9", "title": "Mục chen vào", "time": "", "speaker": "", "report": ""}]),
        ),
        (
            "awards:conference-guests",
            formset_data("guests", [{"order": "9", "person_name": "Khách lạ", "title": "", "unit_name": "", "note": ""}]),
        ),
        ("awards:conference-honourees-pick", {"source": "exemplars", "ids": [world.draft_exemplar.pk]}),
        ("reports:review-update", {"period": "2021-2025", "title": "Đổi", "date": "15/06/2025"}),
    ]
    before = (world.conference.agenda.count(), world.conference.guests.count(), world.conference.honourees.count(), world.review.title)
    for role in ("anonymous", "officer", "other_officer", "council_member", "leader"):
        client.logout()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        for name, data in posts:
            response = client.post(_url(name, world), data)
            assert response.status_code in (302, 403), f"{name} as {role}: {response.status_code}"
    world.review.refresh_from_db()
    after = (world.conference.agenda.count(), world.conference.guests.count(), world.conference.honourees.count(), world.review.title)
    assert after == before


def test_exemplar_publication_refused_to_the_leader_and_officers(world, request, client):
    url = _url("campaigns:exemplar-publication", world)
    for role in ("officer", "other_officer", "leader", "council_member"):
        client.force_login(request.getfixturevalue(role))
        assert client.post(url, {"public_text": "Bài viết", "withdrawn": "on"}).status_code == 403
    world.exemplar.refresh_from_db()
    assert (world.exemplar.public_text, world.exemplar.public_withdrawn) == ("", False)
