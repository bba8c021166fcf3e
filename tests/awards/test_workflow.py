import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from awards import rules as award_rules
from awards import services
from awards.enums import NominationState as S
from awards.models import Nomination, NominationTransition
from units.models import Notification

PERSONAS = ["officer", "other_officer", "reviewer", "leader", "council_member", "administrator"]
ALL_MOVES = [(a, b) for a in S.values for b in S.values if a != b]


def allowed_personas(move):
    """Who the table in awards.rules lets make ``move`` (the nomination belongs to `officer`'s unit)."""
    return {
        "officer": {"officer"},
        "reviewer": {"reviewer"},
        "leader": {"leader"},
        "reviewer_or_leader": {"reviewer", "leader"},
        # Only on a simplified-procedure track that skips the council (tests/awards/test_tracks.py);
        # the nominations here take the full road, so nobody may make it.
        "reviewer_on_simplified_track": set(),
        "reviewer_leader_or_administrator": {"reviewer", "leader", "administrator"},
    }[EXPECTED[move]]


EXPECTED = {
    (S.DRAFT, S.SUBMITTED): "officer",
    (S.DRAFT, S.WITHDRAWN): "officer",
    (S.SUBMITTED, S.RETURNED): "reviewer",
    (S.SUBMITTED, S.VERIFIED): "reviewer",
    (S.SUBMITTED, S.WITHDRAWN): "officer",
    (S.RETURNED, S.RESUBMITTED): "officer",
    (S.RETURNED, S.WITHDRAWN): "officer",
    (S.RESUBMITTED, S.RETURNED): "reviewer",
    (S.RESUBMITTED, S.VERIFIED): "reviewer",
    (S.RESUBMITTED, S.WITHDRAWN): "officer",
    (S.VERIFIED, S.RETURNED): "reviewer",
    (S.VERIFIED, S.WITH_COUNCIL): "reviewer",
    (S.VERIFIED, S.APPROVED): "reviewer_on_simplified_track",
    (S.WITH_COUNCIL, S.VERIFIED): "reviewer",
    (S.WITH_COUNCIL, S.APPROVED): "reviewer",
    (S.WITH_COUNCIL, S.NOT_APPROVED): "reviewer",
    (S.APPROVED, S.DECIDED): "leader",
    (S.APPROVED, S.PROPOSED_UPWARD): "reviewer_or_leader",
    # The upper level's decision recorded (typed in or imported from its decision package).
    (S.PROPOSED_UPWARD, S.DECIDED): "reviewer_leader_or_administrator",
}


def test_table_matches_expectation():
    assert set(award_rules.TRANSITIONS) == set(EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("move", sorted(EXPECTED), ids=lambda m: f"{m[0]}->{m[1]}")
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_move_for_every_role(request, move, persona, person, make_nomination, officer):
    nomination = make_nomination(person=person, state=move[0], by=officer)
    user = request.getfixturevalue(persona)
    if persona in allowed_personas(move):
        services.nomination_transition(nomination=nomination, to_state=move[1], by=user, comment="Ý kiến thử")
        nomination.refresh_from_db()
        assert nomination.state == move[1]
        row = NominationTransition.objects.get(nomination=nomination)
        assert (row.from_state, row.to_state, row.by, row.comment) == (move[0], move[1], user, "Ý kiến thử")
    else:
        with pytest.raises(PermissionDenied):
            services.nomination_transition(nomination=nomination, to_state=move[1], by=user, comment="Ý kiến thử")
        nomination.refresh_from_db()
        assert nomination.state == move[0]
        assert not NominationTransition.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("move", [m for m in ALL_MOVES if m not in EXPECTED][:40], ids=lambda m: f"{m[0]}->{m[1]}")
def test_moves_outside_the_table_are_refused(move, person, make_nomination, officer, reviewer, leader):
    nomination = make_nomination(person=person, state=move[0])
    for user in (officer, reviewer, leader):
        with pytest.raises(services.TransitionError):
            services.nomination_transition(nomination=nomination, to_state=move[1], by=user, comment="x")
    assert Nomination.objects.get(pk=nomination.pk).state == move[0]


@pytest.mark.django_db
def test_submit_blocked_by_hard_failure(person, make_nomination, officer):
    nomination = make_nomination(person=person, code="tap-the-lao-dong-tien-tien")
    with pytest.raises(services.TransitionError, match="dành cho đối tượng tập thể"):
        services.nomination_transition(nomination=nomination, to_state=S.SUBMITTED, by=officer)
    assert Nomination.objects.get(pk=nomination.pk).state == S.DRAFT


@pytest.mark.django_db
def test_return_needs_comment(person, make_nomination, reviewer):
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    with pytest.raises(services.TransitionError, match="ghi rõ"):
        services.nomination_transition(nomination=nomination, to_state=S.RETURNED, by=reviewer, comment="  ")


@pytest.mark.django_db
def test_transition_notifies_unit_and_reviewers(person, make_nomination, officer, reviewer):
    nomination = make_nomination(person=person, by=officer)
    services.nomination_transition(nomination=nomination, to_state=S.SUBMITTED, by=officer)
    assert Notification.objects.filter(user=reviewer, url=f"/khen-thuong/de-nghi/{nomination.pk}/").count() == 1
    services.nomination_transition(nomination=nomination, to_state=S.RETURNED, by=reviewer, comment="Bổ sung báo cáo")
    note = Notification.objects.get(user=officer)
    assert "Trả lại để bổ sung" in note.subject and "Bổ sung báo cáo" in note.text


@pytest.mark.django_db
def test_review_recommendation_kept_apart_from_council_result(person, make_nomination, reviewer):
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    services.nomination_transition(nomination=nomination, to_state=S.VERIFIED, by=reviewer, comment="Đủ hồ sơ")
    services.nomination_transition(nomination=nomination, to_state=S.WITH_COUNCIL, by=reviewer)
    services.nomination_transition(nomination=nomination, to_state=S.NOT_APPROVED, by=reviewer, comment="Không đạt tỷ lệ")
    nomination.refresh_from_db()
    assert (nomination.review_recommendation, nomination.review_note) == ("agree", "Đủ hồ sơ")
    assert (nomination.council_result, nomination.council_note) == ("not_approved", "Không đạt tỷ lệ")


@pytest.mark.django_db
def test_second_reviewer_gets_clear_message(person, make_nomination, reviewer, district):
    from tests.factories import UserFactory
    from units.enums import Role

    second = UserFactory(username="noivu_2", unit=district, roles=[Role.REVIEWER])
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    stale = Nomination.objects.get(pk=nomination.pk)
    services.nomination_transition(nomination=nomination, to_state=S.VERIFIED, by=reviewer, expected_state=S.SUBMITTED)
    with pytest.raises(services.TransitionError, match="vừa được chuyển sang trạng thái “Đã thẩm định”"):
        services.nomination_transition(nomination=stale, to_state=S.RETURNED, by=second, comment="Thiếu", expected_state=S.SUBMITTED)
    assert NominationTransition.objects.filter(nomination=nomination).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_reviewers_one_wins(person, make_nomination, reviewer, district):
    from tests.factories import UserFactory
    from units.enums import Role

    second = UserFactory(username="noivu_3", unit=district, roles=[Role.REVIEWER])
    nomination = make_nomination(person=person, state=S.SUBMITTED)
    outcomes = []
    barrier = threading.Barrier(2)

    def act(user, target, comment):
        barrier.wait()
        try:
            services.nomination_transition(
                nomination=Nomination.objects.get(pk=nomination.pk), to_state=target, by=user, comment=comment, expected_state=S.SUBMITTED
            )
            outcomes.append("ok")
        except services.TransitionError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(reviewer, S.VERIFIED, "")),
        threading.Thread(target=act, args=(second, S.RETURNED, "Thiếu hồ sơ")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o == "ok" for o in outcomes) == [False, True]
    assert NominationTransition.objects.filter(nomination=nomination).count() == 1


@pytest.mark.django_db
def test_bulk_verify_and_return(person, other_person, make_nomination, reviewer):
    a = make_nomination(person=person, state=S.SUBMITTED)
    b = make_nomination(person=other_person, state=S.RESUBMITTED)
    c = make_nomination(person=person, code="lao-dong-tien-tien", state=S.DRAFT)
    done, errors = services.nominations_bulk_transition(
        nominations=[a, b, c], to_state=S.RETURNED, by=reviewer, comment="Bổ sung minh chứng"
    )
    assert len(done) == 2 and [n.pk for n, _ in errors] == [c.pk]
    assert set(Nomination.objects.filter(pk__in=[a.pk, b.pk]).values_list("state", flat=True)) == {S.RETURNED}
    assert set(NominationTransition.objects.values_list("comment", flat=True)) == {"Bổ sung minh chứng"}
