"""Emulation blocs (issue 14): self-scoring with evidence, the leader's check with reasons, the bloc
meeting's ranking with the table's tie-breaks, penalty and mandatory conditions, publication, and a
member kept from the others' scores until then. Real PostgreSQL, real WeasyPrint."""

import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import bloc_selectors, bloc_services
from campaigns.bloc_services import ScoringError
from campaigns.enums import BlocSuggestion, BlocYearState, ScorecardState

from .blocs import D, card_of, leader_world, score_and_submit, values

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(district, unit, other_unit, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return leader_world(district, unit, other_unit, reviewer)


def _check_all(world, deputy_officer, **adjust):
    for card in world.bloc_year.scorecards.all():
        checker = deputy_officer if card.unit_id == world.lead.pk else world.lead_officer
        bloc_services.scorecard_check(scorecard=card, adjustments=adjust.get(card.unit_id, {}), by=checker)


def test_self_score_totals_penalty_and_submit_write_history(world, unit, officer):
    card = card_of(world.bloc_year, unit)
    bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines, bonus=3, penalty=2), by=officer, note="Tự đánh giá")
    card.refresh_from_db()
    # 30 + 15 + 20 + 5 criteria, + 3 bonus, - 2 penalty
    assert card.self_total == D("71")
    assert card.lines.get(criterion=world.lines.a1).self_note == "Thu ngân sách đạt 105%"
    bloc_services.scorecard_submit(scorecard=card, by=officer)
    card.refresh_from_db()
    assert card.state == ScorecardState.SUBMITTED and card.submitted_at is not None
    assert [(h.from_state, h.to_state, h.by_id) for h in card.history.all()] == [("draft", "submitted", officer.pk)]
    # Sent: the member can no longer change its own scores.
    with pytest.raises(PermissionDenied):
        bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines, a1=40), by=officer)


def test_self_score_above_maximum_is_refused_and_nothing_is_written(world, unit, officer):
    card = card_of(world.bloc_year, unit)
    with pytest.raises(ScoringError, match="từ 0 đến 40"):
        bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines, a1=41, a2=10), by=officer)
    assert card.lines.exclude(self_points=None).count() == 0
    card.refresh_from_db()
    assert card.self_total is None


def test_submit_refused_while_a_criterion_is_unscored(world, unit, officer):
    card = card_of(world.bloc_year, unit)
    data = values(world.lines)
    data[world.lines.b2.pk] = ("", "")
    bloc_services.scorecard_self_score(scorecard=card, values=data, by=officer)
    with pytest.raises(ScoringError, match="Nhân rộng điển hình"):
        bloc_services.scorecard_submit(scorecard=card, by=officer)
    card.refresh_from_db()
    assert card.state == ScorecardState.DRAFT


def test_evidence_type_is_read_from_the_content(world, unit, officer, other_officer):
    card = card_of(world.bloc_year, unit)
    evidence = bloc_services.evidence_add(
        scorecard=card, uploaded=SimpleUploadedFile("bao-cao.pdf", PDF), by=officer, criterion=world.lines.a1
    )
    assert (evidence.kind, evidence.original_name, evidence.criterion_id) == ("pdf", "bao-cao.pdf", world.lines.a1.pk)
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        bloc_services.evidence_add(scorecard=card, uploaded=SimpleUploadedFile("anh.png", b"<html>not a png</html>"), by=officer)
    with pytest.raises(PermissionDenied):
        bloc_services.evidence_add(scorecard=card, uploaded=SimpleUploadedFile("x.pdf", PDF), by=other_officer)
    assert card.evidence.count() == 1


def test_another_member_cannot_score_or_see_a_card_before_publication(world, unit, officer, other_officer):
    card = card_of(world.bloc_year, unit)
    with pytest.raises(PermissionDenied):
        bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines), by=other_officer)
    visible = set(bloc_selectors.scorecards_visible_to(other_officer).values_list("unit_id", flat=True))
    # other_unit is the deputy: its own card and the leader's (which the deputy checks), not unit's.
    assert visible == {world.bloc_year.members.get(role="deputy").unit_id, world.lead.pk}
    assert not other_officer.has_perm("campaigns.view_ranking", world.bloc_year)
    # The leader's officers see every card they check; the member only its own.
    assert bloc_selectors.scorecards_visible_to(world.lead_officer).filter(bloc_year=world.bloc_year).count() == 3
    assert list(bloc_selectors.scorecards_visible_to(officer).values_list("unit_id", flat=True)) == [unit.pk]


def test_leader_check_needs_a_reason_for_each_changed_line(world, unit, officer):
    score_and_submit(world, unit, officer, a1=38)
    card = card_of(world.bloc_year, unit)
    with pytest.raises(ScoringError, match="Hoàn thành chỉ tiêu kinh tế.*ghi lý do"):
        bloc_services.scorecard_check(scorecard=card, adjustments={world.lines.a1.pk: (32, "")}, by=world.lead_officer)
    card.refresh_from_db()
    assert card.state == ScorecardState.SUBMITTED and card.lines.exclude(checked_points=None).count() == 0
    bloc_services.scorecard_check(
        scorecard=card,
        adjustments={world.lines.a1.pk: (32, "Thu ngân sách chỉ đạt 98%"), world.lines.a2.pk: (15, "")},
        by=world.lead_officer,
        note="Đã đối chiếu báo cáo",
    )
    card.refresh_from_db()
    a1 = card.lines.get(criterion=world.lines.a1)
    assert (a1.self_points, a1.checked_points, a1.adjust_reason) == (D("38"), D("32"), "Thu ngân sách chỉ đạt 98%")
    assert card.lines.get(criterion=world.lines.a2).adjust_reason == ""  # unchanged: no reason kept
    assert (card.state, card.self_total, card.checked_total) == (ScorecardState.CHECKED, D("78"), D("72"))
    assert card.history.last().to_state == "checked"


def test_nobody_checks_their_own_unit_the_deputy_checks_the_leader(world, deputy_officer):
    score_and_submit(world, world.lead, world.lead_officer)
    own = card_of(world.bloc_year, world.lead)
    with pytest.raises(PermissionDenied):
        bloc_services.scorecard_check(scorecard=own, adjustments={}, by=world.lead_officer)
    bloc_services.scorecard_check(scorecard=own, adjustments={}, by=deputy_officer)
    own.refresh_from_db()
    assert own.state == ScorecardState.CHECKED


def test_return_needs_a_comment_and_lets_the_member_rescore(world, unit, officer):
    card = score_and_submit(world, unit, officer)
    with pytest.raises(ScoringError):
        bloc_services.scorecard_return(scorecard=card, by=world.lead_officer, comment=" ")
    bloc_services.scorecard_return(scorecard=card, by=world.lead_officer, comment="Thiếu minh chứng tiêu chí 1.1")
    card.refresh_from_db()
    assert card.state == ScorecardState.RETURNED
    bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines, a1=35), by=officer)
    bloc_services.scorecard_submit(scorecard=card, by=officer)
    assert [h.to_state for h in card.history.all()] == ["submitted", "returned", "submitted"]


@pytest.fixture
def deputy_officer(other_unit):
    from tests.factories import officer_of

    return officer_of(other_unit, username="canbo_phokhoi")


def test_rank_refused_until_every_card_is_checked(world, unit, officer, deputy_officer):
    score_and_submit(world, unit, officer)
    with pytest.raises(ScoringError, match="còn phiếu chưa được kiểm tra"):
        bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=None)
    world.bloc_year.refresh_from_db()
    assert world.bloc_year.state == BlocYearState.OPEN


def test_ranking_breaks_ties_by_the_tables_rule_and_shares_a_rank_when_all_equal(world, unit, officer, other_unit, deputy_officer):
    import datetime as dt

    # All three end on 70 points: the leader with 2 penalty points, the member with none, the deputy
    # with none too but fewer points in group I (the second rule).
    score_and_submit(world, world.lead, world.lead_officer, a1=32, a2=15, b1=20, b2=5, penalty=2)  # 72 - 2
    score_and_submit(world, unit, officer, a1=30, a2=15, b1=20, b2=5)  # 70, group I 45
    score_and_submit(world, other_unit, deputy_officer, a1=25, a2=15, b1=25, b2=5)  # 70, group I 40
    _check_all(world, deputy_officer)
    with pytest.raises(PermissionDenied):
        bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=officer, meeting_date=dt.date(2025, 12, 5))
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=dt.date(2025, 12, 5), note="Thống nhất")
    ranks = {c.unit_id: (c.rank, c.suggestion) for c in world.bloc_year.scorecards.all()}
    assert ranks == {
        unit.pk: (1, BlocSuggestion.FLAG),
        other_unit.pk: (2, BlocSuggestion.COMMENDATION),
        world.lead.pk: (3, BlocSuggestion.NONE),
    }
    world.bloc_year.refresh_from_db()
    assert world.bloc_year.state == BlocYearState.RANKED and world.bloc_year.history.filter(scorecard=None).count() == 1

    # Without rules in the table, the three equal totals share the first place.
    world.table.tie_breaks = []
    world.table.save()
    bloc_services.bloc_year_reopen(bloc_year=world.bloc_year, by=world.lead_officer, comment="Bảng điểm sửa quy tắc")
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=dt.date(2025, 12, 6))
    assert sorted(world.bloc_year.scorecards.values_list("rank", flat=True)) == [1, 1, 1]
    # Sharing the last flag place, all three are proposed for the flag.
    assert set(world.bloc_year.scorecards.values_list("suggestion", flat=True)) == {BlocSuggestion.FLAG}


def test_a_member_failing_a_mandatory_condition_is_ranked_but_not_for_the_flag(world, unit, officer, other_unit, deputy_officer):
    score_and_submit(world, unit, officer, a1=40, a2=20, b1=30, b2=10)  # 100 but...
    score_and_submit(world, other_unit, deputy_officer, a1=30)
    score_and_submit(world, world.lead, world.lead_officer, a1=20)
    _check_all(world, deputy_officer)
    # ... the leader finds a disciplined cadre: the condition is not met (with the reason).
    card = card_of(world.bloc_year, unit)
    bloc_services.scoring_transition(obj=card, to=ScorecardState.RETURNED, by=world.lead_officer, comment="Kiểm tra lại điều kiện")
    bloc_services.scorecard_submit(scorecard=card, by=officer)
    bloc_services.scorecard_check(
        scorecard=card, adjustments={world.lines.condition.pk: (False, "Có 01 công chức bị kỷ luật cảnh cáo")}, by=world.lead_officer
    )
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=None)
    card.refresh_from_db()
    assert (card.rank, card.flag_eligible, card.suggestion, card.conditions_met) == (1, False, BlocSuggestion.NONE, False)
    deputy_card = card_of(world.bloc_year, other_unit)
    assert (deputy_card.rank, deputy_card.suggestion) == (2, BlocSuggestion.FLAG)


def _published(world, unit, officer, other_unit, deputy_officer):
    import datetime as dt

    score_and_submit(world, unit, officer, a1=40)
    score_and_submit(world, other_unit, deputy_officer, a1=30)
    score_and_submit(world, world.lead, world.lead_officer, a1=20)
    _check_all(world, deputy_officer)
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=dt.date(2025, 12, 5))
    bloc_services.bloc_year_publish(bloc_year=world.bloc_year, by=world.lead_officer)
    world.bloc_year.refresh_from_db()


def test_scores_stay_private_until_the_bloc_publishes(world, unit, officer, other_unit, deputy_officer):
    import datetime as dt

    score_and_submit(world, unit, officer, a1=40)
    score_and_submit(world, other_unit, deputy_officer, a1=30)
    score_and_submit(world, world.lead, world.lead_officer, a1=20)
    _check_all(world, deputy_officer)
    bloc_services.bloc_year_rank(bloc_year=world.bloc_year, by=world.lead_officer, meeting_date=dt.date(2025, 12, 5))
    # Ranked but not published: the member still sees only its own card.
    assert list(bloc_selectors.scorecards_visible_to(officer).values_list("unit_id", flat=True)) == [unit.pk]
    assert not officer.has_perm("campaigns.view_ranking", world.bloc_year)
    with pytest.raises(PermissionDenied):
        bloc_services.bloc_year_publish(bloc_year=world.bloc_year, by=officer)
    bloc_services.bloc_year_publish(bloc_year=world.bloc_year, by=world.lead_officer)
    world.bloc_year.refresh_from_db()
    assert world.bloc_year.state == BlocYearState.PUBLISHED and world.bloc_year.published_at is not None
    assert bloc_selectors.scorecards_visible_to(officer).filter(bloc_year=world.bloc_year).count() == 3
    assert officer.has_perm("campaigns.view_ranking", world.bloc_year)
    # A published round is closed: nobody changes a card any more.
    with pytest.raises(ScoringError, match="Khối đã xếp hạng"):
        bloc_services.scorecard_return(scorecard=card_of(world.bloc_year, unit), by=world.lead_officer, comment="Sửa")


def test_an_officer_outside_the_bloc_sees_nothing_of_it(world, district):
    from tests.factories import UnitFactory, officer_of

    outsider = officer_of(UnitFactory(parent=district), username="canbo_ngoai")
    assert not bloc_selectors.bloc_years_visible_to(outsider).exists()
    assert not bloc_selectors.scorecards_visible_to(outsider).exists()


# --- Documents, read back as text -------------------------------------------------------------------


def _pdf_text(data, tmp_path, layout=False):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return " ".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())


def _pdf_lines(data, tmp_path):
    path = tmp_path / "layout.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def test_ranking_pdf_lists_members_in_rank_order_with_their_figures(world, unit, officer, other_unit, deputy_officer, tmp_path):
    from campaigns.documents import ranking_pdf

    _published(world, unit, officer, other_unit, deputy_officer)
    data = ranking_pdf(world.bloc_year)
    text = _pdf_text(data, tmp_path)
    assert "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA" in text
    assert "Khối các phường năm 2025" in text
    assert "cuộc họp khối ngày 05/12/2025" in text
    first, second, third = (text.index(name) for name in ("UBND phường Bàng La", "Phòng Giáo dục và Đào tạo", "UBND phường Hải Sơn"))
    assert first < second < third
    # Read with the layout kept, one table row per line: rank, unit, group I, group II, bonus, penalty,
    # total, mandatory conditions, proposal.
    rows = _pdf_lines(data, tmp_path)
    assert "1 UBND phường Bàng La 55 25 0 0 80 Đạt Đề nghị Cờ thi đua" in rows
    assert "2 Phòng Giáo dục và Đào tạo 45 25 0 0 70 Đạt Đề nghị Bằng khen" in rows
    assert "3 UBND phường Hải Sơn 35 25 0 0 60 Đạt Không đề nghị" in rows
    assert "Bằng điểm thì đơn vị ít điểm trừ hơn xếp trên" in text


def test_scorecard_pdf_shows_self_and_checked_points_with_reasons(world, unit, officer, tmp_path):
    from campaigns.documents import scorecard_pdf

    score_and_submit(world, unit, officer, a1=38)
    card = card_of(world.bloc_year, unit)
    bloc_services.scorecard_check(scorecard=card, adjustments={world.lines.a1.pk: (32, "Thu ngân sách đạt 98%")}, by=world.lead_officer)
    card.refresh_from_db()
    text = _pdf_text(scorecard_pdf(card), tmp_path)
    assert "PHIẾU CHẤM ĐIỂM THI ĐUA" in text
    rows = _pdf_lines(scorecard_pdf(card), tmp_path)
    # code, text, maximum, self-score, checked score, reason (which wraps in its narrow column)
    assert "1.1 Hoàn thành chỉ tiêu kinh tế 40 38 32 Thu ngân sách đạt" in rows
    assert "1.2 Cải cách hành chính 20 15 15" in rows
    assert "Thu ngân sách đạt 98%" in text
    assert "Điều kiện bắt buộc: đạt tất cả." in text


def test_covenant_pdf_and_docx_carry_the_targets_and_every_member(world, tmp_path):
    import io

    from docx import Document

    from campaigns.documents import covenant_docx, covenant_pdf

    text = _pdf_text(covenant_pdf(world.covenant), tmp_path)
    assert "GIAO ƯỚC THI ĐUA" in text and "Năm 2025" in text
    assert "ngày 15 tháng 02 năm 2025, tại UBND phường Bàng La" in text
    assert "1. Hoàn thành 100% chỉ tiêu thu ngân sách được giao" in text
    for name in ("UBND PHƯỜNG HẢI SƠN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND PHƯỜNG BÀNG LA"):
        assert name in text
    document = Document(io.BytesIO(covenant_docx(world.covenant)))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "2. Không có điểm nóng về an ninh, trật tự" in body
    assert "GIAO ƯỚC THI ĐUA" in body and "(Trưởng khối)" in cells and "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in cells
