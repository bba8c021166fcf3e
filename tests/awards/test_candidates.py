"""Candidates the portal already knows: prerequisites met from the record at their edges, the scope,
and a selection turned into draft nominations in one step."""

import pytest
from django.urls import reverse

from awards.candidates import candidates_for, candidates_to_nominations
from awards.enums import InitiativeKind, InitiativeScope, NominationState
from awards.models import Initiative, Nomination
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def _initiative(person, *, year=YEAR, scope=InitiativeScope.UNIT, kind=InitiativeKind.INITIATIVE):
    initiative = Initiative.objects.create(title=f"Sáng kiến của {person.full_name}", kind=kind, unit=person.unit, year=year, scope=scope)
    initiative.authors.add(person)
    return initiative


def _found(user, code):
    return {c.nominee.full_name: c for c in candidates_for(user=user, year=YEAR) if c.kind.code == code}


def test_lao_dong_tien_tien_and_an_initiative_make_a_chien_si_thi_dua_co_so_candidate(officer, unit, make_record):
    both = PersonFactory(unit=unit, full_name="Có Đủ Hai")
    title_only = PersonFactory(unit=unit, full_name="Chỉ Có Danh Hiệu")
    initiative_only = PersonFactory(unit=unit, full_name="Chỉ Có Sáng Kiến")
    research = PersonFactory(unit=unit, full_name="Có Đề Tài")
    last_year = PersonFactory(unit=unit, full_name="Sáng Kiến Năm Trước")
    for p in (both, title_only, research, last_year):
        make_record(code="lao-dong-tien-tien", year=YEAR, person=p)
    _initiative(both)
    _initiative(initiative_only)
    _initiative(research, kind=InitiativeKind.RESEARCH)
    _initiative(last_year, year=YEAR - 1)
    found = _found(officer, "chien-si-thi-dua-co-so")
    assert set(found) == {"Có Đủ Hai", "Có Đề Tài"}
    assert any("Lao động tiên tiến" in r for r in found["Có Đủ Hai"].reasons)
    assert any("Sáng kiến của Có Đủ Hai" in r for r in found["Có Đủ Hai"].reasons)


def test_three_consecutive_years_and_a_city_initiative_for_chien_si_thi_dua_thanh_pho(officer, unit, make_record):
    streak = PersonFactory(unit=unit, full_name="Ba Năm Liền")
    gap = PersonFactory(unit=unit, full_name="Có Năm Hổng")
    small = PersonFactory(unit=unit, full_name="Sáng Kiến Cơ Sở")
    for y in (YEAR - 2, YEAR - 1, YEAR):
        make_record(code="chien-si-thi-dua-co-so", year=y, person=streak)
        make_record(code="chien-si-thi-dua-co-so", year=y, person=small)
    for y in (YEAR - 3, YEAR - 1, YEAR):
        make_record(code="chien-si-thi-dua-co-so", year=y, person=gap)
    _initiative(streak, scope=InitiativeScope.CITY)
    _initiative(gap, scope=InitiativeScope.CITY)
    _initiative(small, scope=InitiativeScope.UNIT)
    found = _found(officer, "chien-si-thi-dua-thanh-pho")
    assert set(found) == {"Ba Năm Liền"}
    assert any(f"{YEAR - 2}, {YEAR - 1}, {YEAR}" in r for r in found["Ba Năm Liền"].reasons)


def test_a_live_nomination_or_the_award_itself_takes_a_candidate_off(officer, unit, make_record, make_nomination):
    people = [PersonFactory(unit=unit, full_name=n) for n in ("Đã Đề Nghị", "Đã Rút", "Đã Được Khen")]
    for p in people:
        make_record(code="lao-dong-tien-tien", year=YEAR, person=p)
        _initiative(p)
    make_nomination(person=people[0], code="chien-si-thi-dua-co-so", year=YEAR, state=NominationState.SUBMITTED)
    make_nomination(person=people[1], code="chien-si-thi-dua-co-so", year=YEAR, state=NominationState.WITHDRAWN)
    make_record(code="chien-si-thi-dua-co-so", year=YEAR, person=people[2])
    assert set(_found(officer, "chien-si-thi-dua-co-so")) == {"Đã Rút"}


def test_officers_see_their_scope_reviewers_see_all(officer, other_officer, reviewer, unit, other_unit, make_record):
    mine, theirs = PersonFactory(unit=unit, full_name="Người Của Tôi"), PersonFactory(unit=other_unit, full_name="Người Đơn Vị Khác")
    for p in (mine, theirs):
        make_record(code="lao-dong-tien-tien", year=YEAR, person=p)
        _initiative(p)
    assert set(_found(officer, "chien-si-thi-dua-co-so")) == {"Người Của Tôi"}
    assert set(_found(other_officer, "chien-si-thi-dua-co-so")) == {"Người Đơn Vị Khác"}
    assert set(_found(reviewer, "chien-si-thi-dua-co-so")) == {"Người Của Tôi", "Người Đơn Vị Khác"}


def test_a_selection_becomes_draft_nominations_in_one_step(client_for, officer, reviewer, unit, make_record):
    people = [PersonFactory(unit=unit, full_name=n) for n in ("Lê Văn Một", "Lê Văn Hai")]
    for p in people:
        make_record(code="lao-dong-tien-tien", year=YEAR, person=p)
        _initiative(p)
    keys = [c.key for c in candidates_for(user=officer, year=YEAR) if c.kind.code == "chien-si-thi-dua-co-so"]
    url = reverse("awards:candidate-list")
    assert client_for(reviewer).post(url, {"year": YEAR, "candidate": keys}).status_code == 403
    page = client_for(officer).get(url, {"year": YEAR}).content.decode()
    assert "Lê Văn Một" in page and "Lê Văn Hai" in page
    response = client_for(officer).post(url, {"year": YEAR, "candidate": keys[:1]})
    assert response.status_code == 302
    made = Nomination.objects.get(award_kind__code="chien-si-thi-dua-co-so", year=YEAR)
    assert made.state == NominationState.DRAFT and made.created_by == officer and made.unit == unit
    assert "Lao động tiên tiến" in made.achievement_summary and "Sáng kiến của" in made.achievement_summary
    remaining = [c.nominee.full_name for c in candidates_for(user=officer, year=YEAR) if c.kind.code == "chien-si-thi-dua-co-so"]
    assert remaining == [p.full_name for p in people if p != made.nominee_person]
    # A key that is not a candidate (any more) creates nothing.
    created, refused = candidates_to_nominations(user=officer, year=YEAR, keys=keys[:1])
    assert created == [] and refused == []


def test_empty_and_bad_years(client_for, officer):
    url = reverse("awards:candidate-list")
    assert "Chưa có ai đủ điều kiện theo hồ sơ" in client_for(officer).get(url, {"year": "2001"}).content.decode()
    assert client_for(officer).get(url, {"year": "abc"}).status_code == 200
    assert client_for(None).get(url).status_code == 302
