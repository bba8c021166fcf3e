"""The selector contract the awards app relies on: is_registered / registrations_for."""

import datetime as dt

import pytest

from campaigns.enums import WorkflowState
from campaigns.selectors import is_registered, registrations_for

from .factories import AwardKindFactory, CampaignFactory, RegistrationEntryFactory, RegistrationFactory, collective_award

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "expected"),
    [(WorkflowState.DRAFT, False), (WorkflowState.RETURNED, False), (WorkflowState.SUBMITTED, True), (WorkflowState.ACCEPTED, True)],
)
def test_is_registered_person_counts_only_submitted_or_accepted(unit, person, state, expected):
    registration = RegistrationFactory(unit=unit, state=state)
    RegistrationEntryFactory(registration=registration, person=person, award_kind=AwardKindFactory())
    assert is_registered(year=2025, award_kind_code="lao-dong-tien-tien", person=person) is expected
    assert is_registered(year=2024, award_kind_code="lao-dong-tien-tien", person=person) is expected


def test_is_registered_person_needs_matching_year_and_code(unit, person, other_person):
    campaign = CampaignFactory(start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31))
    registration = RegistrationFactory(unit=unit, campaign=campaign, state=WorkflowState.ACCEPTED)
    RegistrationEntryFactory(registration=registration, person=person, award_kind=AwardKindFactory())
    assert is_registered(year=2025, award_kind_code="lao-dong-tien-tien", person=person) is True
    assert is_registered(year=2024, award_kind_code="lao-dong-tien-tien", person=person) is False
    assert is_registered(year=2026, award_kind_code="lao-dong-tien-tien", person=person) is False
    assert is_registered(year=2025, award_kind_code="chien-si-thi-dua-co-so", person=person) is False
    assert is_registered(year=2025, award_kind_code="lao-dong-tien-tien", person=other_person) is False


def test_is_registered_unit_uses_collective_title(unit, other_unit):
    RegistrationFactory(unit=unit, state=WorkflowState.SUBMITTED, collective_award=collective_award())
    assert is_registered(year=2025, award_kind_code="tap-the-lao-dong-tien-tien", unit=unit) is True
    assert is_registered(year=2025, award_kind_code="tap-the-lao-dong-xuat-sac", unit=unit) is False
    assert is_registered(year=2025, award_kind_code="tap-the-lao-dong-tien-tien", unit=other_unit) is False


def test_is_registered_requires_exactly_one_subject(unit, person):
    with pytest.raises(ValueError):
        is_registered(year=2025, award_kind_code="x")
    with pytest.raises(ValueError):
        is_registered(year=2025, award_kind_code="x", person=person, unit=unit)


def test_registrations_for_lists_counted_rows(unit, person):
    accepted = RegistrationFactory(unit=unit, state=WorkflowState.ACCEPTED, collective_award=collective_award())
    entry = RegistrationEntryFactory(registration=accepted, person=person, award_kind=AwardKindFactory())
    draft = RegistrationFactory(unit=unit, state=WorkflowState.DRAFT)
    RegistrationEntryFactory(registration=draft, person=person, award_kind=AwardKindFactory())
    assert list(registrations_for(year=2025, person=person)) == [entry]
    assert list(registrations_for(year=2025, unit=unit)) == [accepted]
    assert list(registrations_for(year=2027, person=person)) == []


def test_catalogue_subjects_read_by_lazy_reference_match_the_awards_enum():
    """campaigns reads the award catalogue without importing awards; its subject values must stay
    AwardSubject's, or registrations would offer no titles."""
    from awards.enums import AwardSubject
    from campaigns.selectors import SUBJECT_COLLECTIVE, SUBJECT_PERSON

    assert AwardSubject.PERSON.value == SUBJECT_PERSON
    assert AwardSubject.COLLECTIVE.value == SUBJECT_COLLECTIVE


def test_award_kinds_valid_on_picks_the_version_in_force():
    from campaigns.selectors import SUBJECT_PERSON, award_kind_by_code, award_kinds_valid_on

    old = AwardKindFactory(code="danh-hieu-thu", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 6, 30))
    new = AwardKindFactory(code="danh-hieu-thu", valid_from=dt.date(2025, 7, 1), valid_to=None)
    assert award_kind_by_code("danh-hieu-thu", on=dt.date(2025, 6, 30)) == old
    assert award_kind_by_code("danh-hieu-thu", on=dt.date(2025, 7, 1)) == new
    assert award_kind_by_code("danh-hieu-thu", on=dt.date(2023, 12, 31)) is None
    on_july = list(award_kinds_valid_on(SUBJECT_PERSON, on=dt.date(2025, 7, 1)).filter(code="danh-hieu-thu"))
    assert on_july == [new]
