"""The demo's advanced-models conference (issue 14): the district's conference of 2025, held before the
district ceased (30/06/2025), with honourees from the record, a programme, guests, the decisions issued
by then and a filled five-year review whose document prints; the propaganda office's account. Seeding
twice adds nothing."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from awards.models import Conference
from reports import review as stage
from units.enums import Role
from units.models import User

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _seed():
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", stdout=sink)


def test_demo_has_the_districts_conference_of_2025_with_its_review():
    with time_machine.travel(NOW, tick=False):
        _seed()
        _seed()
    conference = Conference.objects.get()
    assert conference.title == "Hội nghị điển hình tiên tiến quận Đồ Sơn năm 2025"
    assert conference.date < dt.date(2025, 7, 1)
    assert (conference.level, conference.organiser_name) == ("district", "Ủy ban nhân dân quận Đồ Sơn")
    assert "đặc biệt" in conference.campaign.name
    honourees = list(conference.honourees.all())
    assert len(honourees) >= 6 and any(h.is_collective for h in honourees) and any(not h.is_collective for h in honourees)
    assert all(h.achievement for h in honourees)
    assert (conference.agenda.count(), conference.guests.count()) == (7, 8)
    assert conference.decisions.exists() and all(d.date <= conference.date for d in conference.decisions.all())
    review = conference.reviews.get()
    assert review.period == "2021-2025" and all((review.results, review.limitations, review.lessons, review.direction))
    figures = stage.stage_figures(review.period)
    assert figures.awards["total"] > 0 and figures.campaigns["total"] > 0
    assert stage.review_pdf(review).startswith(b"%PDF")
    assert User.objects.get(username="vanhoa").roles == [Role.PROPAGANDA]
