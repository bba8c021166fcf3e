"""The bloc pages through the test client (issue 14): a member scores itself with evidence and sends
the card, the leader checks it with a reason, records the meeting and publishes; then every member
sees the ranking. Query counts of the bloc list at 1 and 3 blocs."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import bloc_services
from campaigns.enums import BlocYearState, ScorecardState

from .blocs import card_of, leader_world, make_bloc_year, score_and_submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(settings, tmp_path, district, unit, other_unit, reviewer):
    settings.MEDIA_ROOT = tmp_path / "media"
    return leader_world(district, unit, other_unit, reviewer)


@pytest.fixture
def deputy_officer(other_unit):
    from tests.factories import officer_of

    return officer_of(other_unit, username="canbo_phokhoi")


def _form(world, **points):
    lines = world.lines
    data = {
        f"value_{lines.a1.pk}": points.get("a1", "30"),
        f"text_{lines.a1.pk}": "Thu ngân sách đạt 105%",
        f"value_{lines.a2.pk}": "15",
        f"value_{lines.b1.pk}": "20",
        f"value_{lines.b2.pk}": "5",
        f"value_{lines.bonus.pk}": "0",
        f"value_{lines.penalty.pk}": points.get("penalty", "0"),
        f"value_{lines.condition.pk}": "1",
        "note": "Đơn vị tự đánh giá hoàn thành tốt nhiệm vụ",
    }
    return data


def test_a_member_scores_itself_with_evidence_and_sends_the_card(world, unit, officer, client):
    card = card_of(world.bloc_year, unit)
    client.force_login(officer)
    url = reverse("campaigns:scorecard-edit", args=[card.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Hoàn thành chỉ tiêu kinh tế" in page.content.decode()
    # Above the maximum: nothing saved, the line says why, the typed values stay in the form.
    bad = client.post(url, {**_form(world, a1="45"), "save": "1"})
    assert bad.status_code == 200 and "45" in bad.content.decode()
    card.refresh_from_db()
    assert card.self_total is None
    data = {**_form(world, penalty="2"), "evidence": SimpleUploadedFile("bao-cao.pdf", PDF), "evidence_criterion": str(world.lines.a1.pk)}
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:scorecard-detail", args=[card.pk])
    card.refresh_from_db()
    assert (card.state, card.self_total, card.self_note) == (ScorecardState.SUBMITTED, 68, "Đơn vị tự đánh giá hoàn thành tốt nhiệm vụ")
    assert card.evidence.get().criterion_id == world.lines.a1.pk
    detail = client.get(reverse("campaigns:scorecard-detail", args=[card.pk])).content.decode()
    assert "bao-cao.pdf" in detail and "Đã gửi trưởng khối" in detail


def test_a_fake_evidence_file_is_refused_on_the_page_and_scores_are_kept(world, unit, officer, client):
    card = card_of(world.bloc_year, unit)
    client.force_login(officer)
    data = {**_form(world), "evidence": SimpleUploadedFile("anh.png", b"MZ not an image"), "save": "1"}
    response = client.post(reverse("campaigns:scorecard-edit", args=[card.pk]), data)
    assert response.status_code == 200
    assert "không đúng định dạng" in response.content.decode()
    assert not card.evidence.exists()


def test_the_leader_checks_ranks_and_publishes_through_the_pages(world, unit, officer, other_unit, deputy_officer, client):
    score_and_submit(world, unit, officer, a1=38)
    score_and_submit(world, other_unit, deputy_officer, a1=20)
    score_and_submit(world, world.lead, world.lead_officer, a1=25)
    bloc_services.scorecard_check(scorecard=card_of(world.bloc_year, world.lead), adjustments={}, by=deputy_officer)
    client.force_login(world.lead_officer)
    card = card_of(world.bloc_year, unit)
    url = reverse("campaigns:scorecard-check", args=[card.pk])
    lines = world.lines
    base = {f"value_{c.pk}": "" for c in (lines.a2, lines.b1, lines.b2, lines.bonus, lines.penalty, lines.condition)}
    # A changed line without its reason is refused on that line.
    response = client.post(url, {**base, f"value_{lines.a1.pk}": "33"})
    assert response.status_code == 200 and "Ghi lý do khi điều chỉnh điểm của đơn vị." in response.content.decode()
    response = client.post(url, {**base, f"value_{lines.a1.pk}": "33", f"text_{lines.a1.pk}": "Thu ngân sách chỉ đạt 98%"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.state, card.checked_total) == (ScorecardState.CHECKED, 73)
    other = card_of(world.bloc_year, other_unit)
    # Nothing posted but the button: every line keeps the member's own value.
    assert client.post(reverse("campaigns:scorecard-check", args=[other.pk]), {}).status_code == 302
    transition = reverse("campaigns:bloc-year-transition", args=[world.bloc_year.pk])
    assert client.post(transition, {"to": "ranked", "meeting_date": "05/12/2025", "note": "Thống nhất"}).status_code == 302
    world.bloc_year.refresh_from_db()
    assert (world.bloc_year.state, world.bloc_year.meeting_date) == (BlocYearState.RANKED, dt.date(2025, 12, 5))
    # Ranked, not yet published: the member still cannot open the ranking.
    client.force_login(officer)
    assert client.get(reverse("campaigns:bloc-ranking-pdf", args=[world.bloc_year.pk])).status_code == 403
    client.force_login(world.lead_officer)
    client.post(transition, {"to": "published"})
    client.force_login(officer)
    page = client.get(reverse("campaigns:bloc-year-detail", args=[world.bloc_year.pk])).content.decode()
    assert "Phòng Giáo dục và Đào tạo" in page and "Đề nghị Cờ thi đua" in page
    xlsx = client.get(reverse("campaigns:bloc-ranking-xlsx", args=[world.bloc_year.pk]))
    assert xlsx.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Xếp hạng", "Đơn vị")
    assert rows[1][:2] == (1, "UBND phường Bàng La") and rows[1][-3:] == (73, "Đạt", "Đề nghị Cờ thi đua")
    # Now the member opens another member's card.
    assert client.get(reverse("campaigns:scorecard-detail", args=[other.pk])).status_code == 200


def test_bloc_list_queries_do_not_grow_with_blocs(district, unit, reviewer, officer, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.models import Bloc
    from tests.factories import UnitFactory

    def add_blocs(n):
        for _ in range(n):
            world = make_bloc_year(
                leader_unit=unit, deputy_unit=UnitFactory(parent=district), member_units=[UnitFactory()], manager=reviewer
            )
            Bloc.objects.filter(pk=world.bloc.pk).update(name=f"Khối thử {world.bloc.pk}")

    client.force_login(officer)
    counts = {}
    for total, more in ((1, 1), (3, 2)):
        add_blocs(more)
        client.get(reverse("campaigns:bloc-list"))  # warm the session and the identity
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("campaigns:bloc-list"))
        assert all(
            reverse("campaigns:bloc-year-detail", args=[pk]) in response.content.decode()
            for pk in Bloc.objects.values_list("years__pk", flat=True)
        )
        counts[total] = len(captured)
    assert counts[1] == counts[3], counts
    print(f"bloc list queries: {counts}")


def test_bloc_year_page_queries_do_not_grow_with_members(world, district, reviewer, officer, client):
    """The bloc's page with its members, cards and ranking: the same number of queries for 3 members
    as for 6 (the published state is set directly: only the display is measured here)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.enums import BlocRole
    from campaigns.models import BlocMember, BlocYear
    from tests.factories import UnitFactory

    BlocYear.objects.filter(pk=world.bloc_year.pk).update(state=BlocYearState.PUBLISHED)
    url = reverse("campaigns:bloc-year-detail", args=[world.bloc_year.pk])
    client.force_login(officer)
    counts = {}
    for members in (3, 6):
        for n in range(members - world.bloc_year.members.count()):
            BlocMember.objects.create(
                bloc_year=world.bloc_year,
                unit=UnitFactory(parent=district),
                role=BlocRole.MEMBER,
                role_from=dt.date(2025, 1, 10),
                display_order=10 + n,
            )
        bloc_services.scorecards_open(bloc_year=world.bloc_year, by=reviewer)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("/khoi-thi-dua/phieu/") >= members
        counts[members] = len(captured)
    assert counts[3] == counts[6], counts
    print(f"bloc page queries: {counts}")
