"""A bloc's leading members enter the nomination road (issue 14): after the bloc publishes its
ranking, the leader's officers propose them for the flag or a Bằng khen as ordinary draft nominations
of the member unit, with the rank and score in the summary, a BlocProposal row and the scorecard PDF
attached; a member failing a mandatory condition cannot be proposed for the flag."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import rules as award_rules
from awards.bloc_proposals import bloc_proposal_create
from awards.enums import NominationState
from awards.selectors import nominations_visible_to
from campaigns import bloc_services

from ..campaigns.blocs import card_of, leader_world, score_and_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy_officer(other_unit):
    from tests.factories import officer_of

    return officer_of(other_unit, username="canbo_phokhoi")


@pytest.fixture
def ranked(district, unit, other_unit, reviewer, officer, deputy_officer):
    world = leader_world(district, unit, other_unit, reviewer)
    score_and_submit(world, unit, officer, a1=40)
    score_and_submit(world, other_unit, deputy_officer, a1=30)
    score_and_submit(world, world.lead, world.lead_officer, a1=20, met=False)
    for card in world.bloc_year.scorecards.all():
        checker = deputy_officer if card.unit_id == world.lead.pk else world.lead_officer
        bloc_services.scorecard_check(scorecard=card, adjustments={}, by=checker)
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=dt.date(2025, 12, 5))
    return world


def test_proposals_wait_for_publication(ranked, unit, kind):
    with pytest.raises(PermissionDenied):
        bloc_proposal_create(scorecard=card_of(ranked.bloc_year, unit), award_kind=kind("co-thi-dua-thanh-pho"), by=ranked.lead_officer)


def test_the_leading_member_enters_the_nomination_road_with_its_scores(ranked, unit, officer, other_officer, kind, tmp_path):
    bloc_services.bloc_year_publish(bloc_year=ranked.bloc_year, by=ranked.lead_officer)
    card = card_of(ranked.bloc_year, unit)
    with pytest.raises(PermissionDenied):  # a plain member does not propose
        bloc_proposal_create(scorecard=card, award_kind=kind("co-thi-dua-thanh-pho"), by=officer)
    nomination = bloc_proposal_create(
        scorecard=card, award_kind=kind("co-thi-dua-thanh-pho"), by=ranked.lead_officer, summary="Dẫn đầu khối các phường."
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.unit_id, nomination.nominee_unit_id, nomination.year) == (
        NominationState.DRAFT,
        unit.pk,
        unit.pk,
        2025,
    )
    assert nomination.award_kind.code == "co-thi-dua-thanh-pho"
    assert nomination.achievement_summary.startswith(
        "Xếp thứ 1/3 trong Khối các phường năm 2025, đạt 80 điểm theo Bảng chấm điểm thi đua khối các phường năm 2025 (họp khối ngày 05/12/2025)."
    )
    assert "Dẫn đầu khối các phường." in nomination.achievement_summary
    proposal = nomination.bloc_proposal
    assert (proposal.scorecard_id, proposal.rank, proposal.member_count, proposal.total) == (card.pk, 1, 3, 80)
    # The scorecard travels with the dossier as a PDF attachment.
    attachment = nomination.attachments.get()
    assert (attachment.kind, attachment.file_type) == ("summary", "pdf")
    path = tmp_path / "p.pdf"
    path.write_bytes(attachment.file.read())
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "PHIẾU CHẤM ĐIỂM THI ĐUA" in text and "UBND phường Bàng La – Khối các phường năm 2025" in text
    assert "Xếp hạng: thứ 1/3; đề nghị cờ thi đua." in text
    # On the normal road: the member unit's officer sees the draft and is the one who sends it on.
    assert nominations_visible_to(officer).filter(pk=nomination.pk).exists()
    assert not nominations_visible_to(other_officer).filter(pk=nomination.pk).exists()
    assert NominationState.SUBMITTED in award_rules.allowed_moves(officer, nomination)
    assert award_rules.allowed_moves(ranked.lead_officer, nomination) == []


def test_a_member_failing_a_mandatory_condition_cannot_be_proposed_for_the_flag(ranked, reviewer, kind):
    bloc_services.bloc_year_publish(bloc_year=ranked.bloc_year, by=reviewer)
    card = card_of(ranked.bloc_year, ranked.lead)
    assert card.flag_eligible is False
    with pytest.raises(ValidationError, match="không đạt điều kiện bắt buộc"):
        bloc_proposal_create(scorecard=card, award_kind=kind("co-thi-dua-thanh-pho"), by=reviewer)
    assert not card.proposals.exists()
    # A Bằng khen is not a flag kind of the table: the advisory office may still propose it.
    nomination = bloc_proposal_create(scorecard=card, award_kind=kind("bang-khen-chu-tich-thanh-pho"), by=reviewer)
    assert nomination.bloc_proposal.rank == 3


def test_the_same_member_cannot_be_proposed_twice_for_one_kind(ranked, unit, kind):
    bloc_services.bloc_year_publish(bloc_year=ranked.bloc_year, by=ranked.lead_officer)
    card = card_of(ranked.bloc_year, unit)
    bloc_proposal_create(scorecard=card, award_kind=kind("co-thi-dua-thanh-pho"), by=ranked.lead_officer)
    with pytest.raises(ValidationError, match="đã được đề nghị"):
        bloc_proposal_create(scorecard=card, award_kind=kind("co-thi-dua-thanh-pho"), by=ranked.lead_officer)
    assert card.proposals.count() == 1


def test_the_proposals_page_creates_the_nomination_for_the_leaders_officer(ranked, unit, officer, kind, client):
    from django.urls import reverse

    bloc_services.bloc_year_publish(bloc_year=ranked.bloc_year, by=ranked.lead_officer)
    url = reverse("awards:bloc-proposals", args=[ranked.bloc_year.pk])
    card = card_of(ranked.bloc_year, unit)
    flag = kind("co-thi-dua-thanh-pho")
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"scorecard": card.pk, "award_kind": flag.pk}).status_code == 403
    client.force_login(ranked.lead_officer)
    page = client.get(url).content.decode()
    assert "Hạng 1: UBND phường Bàng La (đề nghị cờ thi đua)" in page
    response = client.post(url, {"scorecard": card.pk, "award_kind": flag.pk, "summary": "Dẫn đầu khối."})
    assert response.status_code == 302
    proposal = card.proposals.get()
    assert proposal.nomination.award_kind.code == "co-thi-dua-thanh-pho"
    assert "UBND phường Bàng La" in client.get(url).content.decode()
    # The leader's own card failed a condition: the page refuses the flag with the reason.
    own = card_of(ranked.bloc_year, ranked.lead)
    refused = client.post(url, {"scorecard": own.pk, "award_kind": flag.pk}, follow=True).content.decode()
    assert "không đạt điều kiện bắt buộc" in refused and not own.proposals.exists()
