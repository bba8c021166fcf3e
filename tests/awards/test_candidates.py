"""Candidates the portal already knows: prerequisites met from the record at their edges, the scope,
and a selection turned into draft nominations in one step."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

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


def _cstdcs(unit, make_record, n, prefix="Người"):
    """n people meeting Chiến sĩ thi đua cơ sở's prerequisites (Lao động tiên tiến and an initiative)."""
    people = [PersonFactory(unit=unit, full_name=f"{prefix} {i:02d}") for i in range(n)]
    for p in people:
        make_record(code="lao-dong-tien-tien", year=YEAR, person=p)
        _initiative(p)
    return people


def _section(page, kind_code):
    """The HTML of one section of the candidates page (from its heading to the next section)."""
    from awards.models import AwardKind

    kind = AwardKind.objects.filter(code=kind_code).order_by("-valid_from").first()
    start = page.index(f'id="kind-{kind.pk}-merit-section"')
    end = page.find("<section", start + 1)
    return page[start : end if end > 0 else len(page)], f"p-{kind.pk}-merit"


def test_each_section_pages_on_its_own_and_its_links_keep_the_year_and_the_other_pages(client_for, officer, other_unit, unit, make_record):
    people = _cstdcs(unit, make_record, 27)
    _cstdcs(other_unit, make_record, 3, prefix="Đơn Vị Khác")  # another officer's scope
    url = reverse("awards:candidate-list")
    first = client_for(officer).get(url, {"year": YEAR}).content.decode()
    section, param = _section(first, "chien-si-thi-dua-co-so")
    assert section.count('name="candidate"') == 25 and "Trang 1/2 · 27 người, tập thể" in section
    assert "Đơn Vị Khác" not in first
    assert f"year={YEAR}&amp;{param}=2" in section
    assert "Chọn tất cả trên trang này của mục" in section  # select-all for the rows shown
    second = client_for(officer).get(url, {"year": YEAR, param: 2, "p-999-merit": 3}).content.decode()
    section, _ = _section(second, "chien-si-thi-dua-co-so")
    assert section.count('name="candidate"') == 2 and "Trang 2/2" in section
    assert {p.full_name for p in people[25:]} == {p.full_name for p in people if p.full_name in section}
    assert "p-999-merit=3" in section  # the other parameters stay in the links
    assert f'<input type="hidden" name="{param}" value="2">' in second  # the form comes back to this page


def test_the_rows_of_a_later_page_become_drafts_and_the_officer_comes_back_to_that_page(client_for, officer, unit, make_record):
    people = _cstdcs(unit, make_record, 27)
    url = reverse("awards:candidate-list")
    _page, param = _section(client_for(officer).get(url, {"year": YEAR}).content.decode(), "chien-si-thi-dua-co-so")
    keys = [c.key for c in candidates_for(user=officer, year=YEAR) if c.kind.code == "chien-si-thi-dua-co-so"][25:]
    response = client_for(officer).post(url, {"year": YEAR, param: 2, "candidate": keys})
    assert response.status_code == 302 and response["Location"] == f"{url}?year={YEAR}&{param}=2"
    made = Nomination.objects.filter(award_kind__code="chien-si-thi-dua-co-so", year=YEAR, state=NominationState.DRAFT)
    assert sorted(made.values_list("nominee_name", flat=True)) == sorted(p.full_name for p in people[25:])
    # Page 2 no longer exists: the section shows its last page, the 25 left.
    page = client_for(officer).get(response["Location"]).content.decode()
    section, _ = _section(page, "chien-si-thi-dua-co-so")
    assert section.count('name="candidate"') == 25 and "Trang" not in section


def test_a_selection_that_cannot_be_used_comes_back_ticked_with_the_reason(client_for, officer, unit, make_record, make_nomination):
    ok, refused = _cstdcs(unit, make_record, 2)
    # Not approved this year: still a candidate, but a new nomination for the same period is refused.
    make_nomination(person=refused, code="chien-si-thi-dua-co-so", year=YEAR, state=NominationState.NOT_APPROVED)
    keys = {c.nominee: c.key for c in candidates_for(user=officer, year=YEAR) if c.kind.code == "chien-si-thi-dua-co-so"}
    url = reverse("awards:candidate-list")
    client = client_for(officer)
    # A year that is not one: nothing made, the ticks kept.
    response = client.post(url, {"year": "20x5", "candidate": list(keys.values())})
    text = response.content.decode()
    assert response.status_code == 200 and "Năm xét không hợp lệ" in text
    assert not Nomination.objects.filter(nominee_person=ok).exists()
    # One made, one refused: the refused one stays ticked, with the reason; the page stays.
    response = client.post(url, {"year": YEAR, "candidate": [keys[ok], keys[refused], "999999:p:1"]})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Đã lập 1 đề nghị dự thảo" in text and f"Không lập được đề nghị cho {refused.full_name}" in text
    assert "1 lựa chọn không còn trong danh sách" in text
    assert (
        f'value="{keys[refused]}" data-bulk id="cand-{slugify(keys[refused])}" aria-label="Chọn {refused.full_name} cho Chiến sĩ thi đua cơ sở" checked'
        in text
    )
    assert ok.full_name not in text  # now nominated: no longer a candidate
    assert Nomination.objects.filter(nominee_person=ok, state=NominationState.DRAFT).count() == 1
    # Nothing ticked: said so, nothing made.
    response = client.post(url, {"year": YEAR})
    assert response.status_code == 200 and "Hãy chọn ít nhất một người hoặc tập thể" in response.content.decode()


def test_the_whole_page_reads_a_fixed_number_of_queries_whatever_the_candidates(client_for, officer, reviewer, unit, make_record):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("awards:candidate-list")

    def queries(user):
        client = client_for(user)
        client.get(url, {"year": YEAR})  # per-process caches (content types, identity)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"year": YEAR}).status_code == 200
        return len(captured)

    _cstdcs(unit, make_record, 2)
    few = (queries(officer), queries(reviewer))
    _cstdcs(unit, make_record, 60, prefix="Thêm")
    many = (queries(officer), queries(reviewer))
    assert many == few and max(many) <= 15
