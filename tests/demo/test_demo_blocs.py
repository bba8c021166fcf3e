"""The demo's emulation blocs (issue 14): the district's bloc of wards for 2024, scored, ranked and
published (the best scores fail a mandatory condition, two members tie on points and the table's
rule breaks it), and this year's cluster of Phường Đồ Sơn's offices, ranked a few days ago and not
yet published. Seeding twice adds nothing."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from campaigns import bloc_selectors
from campaigns.enums import BlocSuggestion, BlocYearState
from campaigns.models import BlocHistory, BlocYear
from units.models import User

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _seed():
    with open(os.devnull, "w") as sink:
        call_command("seed_demo", stdout=sink)


def test_demo_has_two_scored_blocs_and_is_idempotent():
    with time_machine.travel(NOW, tick=False):
        _seed()
        counts = (BlocYear.objects.count(), BlocHistory.objects.count())
        _seed()
        assert (BlocYear.objects.count(), BlocHistory.objects.count()) == counts
    wards = BlocYear.objects.get(bloc__name="Khối thi đua các phường", year=2024)
    assert wards.state == BlocYearState.PUBLISHED and wards.meeting_date == dt.date(2024, 12, 12)
    ranking = [(c.unit.short_code, c.rank, c.checked_total, c.suggestion) for c in wards.scorecards.select_related("unit").order_by("rank")]
    assert ranking == [
        ("P-HOPDUC", 1, 102, BlocSuggestion.NONE),  # a disciplined cadre: ranked, not proposed
        ("P-HAISON", 2, 100, BlocSuggestion.FLAG),
        ("P-BANGLA", 3, 94, BlocSuggestion.COMMENDATION),
        ("P-NGOCXUYEN", 4, 86, BlocSuggestion.COMMENDATION),  # 86 and no penalty ...
        ("P-MINHDUC", 5, 86, BlocSuggestion.NONE),  # ... beats 86 with one penalty point
        ("P-VANHUONG", 6, 79, BlocSuggestion.NONE),
    ]
    cluster = BlocYear.objects.get(bloc__name="Cụm thi đua các cơ quan, đơn vị phường Đồ Sơn", year=2026)
    assert cluster.state == BlocYearState.RANKED and cluster.meeting_date == dt.date(2026, 11, 28)
    # Not yet published: the deputy's officer sees its own card and the leader's (which it checked).
    deputy = User.objects.get(username="pds_canbo1")
    seen = set(bloc_selectors.scorecards_visible_to(deputy).filter(bloc_year=cluster).values_list("unit__short_code", flat=True))
    assert seen == {"PDS-VHXH", "PDS-KT"}
    leader = User.objects.get(username="pds_canbo2")
    assert leader.has_perm("campaigns.publish_bloc", cluster)
