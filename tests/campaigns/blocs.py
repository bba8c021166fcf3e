"""A bloc's year to test scoring with: a leader unit, a deputy, plain members, and a 100-point table
(two groups of criteria, a bonus line, a penalty line and one mandatory condition)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from campaigns import bloc_services
from campaigns.enums import BlocRole, ScoreLineKind, TieBreak
from campaigns.models import Bloc, BlocMember, BlocYear, Covenant, CovenantTarget, ScoreCriterion, ScoreGroup, ScoreTable

from ..factories import UnitFactory, officer_of

YEAR = 2025


def make_bloc_year(*, leader_unit, deputy_unit, member_units=(), manager, tie_breaks=(TieBreak.FEWER_PENALTY, TieBreak.GROUP_ORDER)):
    bloc = Bloc.objects.create(name="Khối các phường", organiser="Hội đồng Thi đua – Khen thưởng quận Thử")
    bloc_year = BlocYear.objects.create(bloc=bloc, year=YEAR, founding_document="Quyết định số 12/QĐ-HĐTĐKT ngày 10/01/2025")
    start = dt.date(YEAR, 1, 10)
    members = [(leader_unit, BlocRole.LEADER), (deputy_unit, BlocRole.DEPUTY), *((u, BlocRole.MEMBER) for u in member_units)]
    for order, (u, role) in enumerate(members):
        BlocMember.objects.create(bloc_year=bloc_year, unit=u, role=role, role_from=start, display_order=order)
    table = ScoreTable.objects.create(
        bloc_year=bloc_year,
        name="Bảng chấm điểm thi đua khối các phường năm 2025",
        tie_breaks=list(tie_breaks),
        tie_break_text="Bằng điểm thì đơn vị ít điểm trừ hơn xếp trên; vẫn bằng thì so điểm nhóm I, rồi nhóm II.",
        flag_award_codes=["co-thi-dua-thanh-pho"],
        flag_places=1,
        commendation_places=1,
    )
    g1 = ScoreGroup.objects.create(table=table, name="I. Thực hiện nhiệm vụ chính trị", display_order=1)
    g2 = ScoreGroup.objects.create(table=table, name="II. Công tác thi đua, khen thưởng", display_order=2)
    lines = SimpleNamespace(
        a1=ScoreCriterion.objects.create(
            table=table, group=g1, code="1.1", text="Hoàn thành chỉ tiêu kinh tế", max_points=40, display_order=1
        ),
        a2=ScoreCriterion.objects.create(table=table, group=g1, code="1.2", text="Cải cách hành chính", max_points=20, display_order=2),
        b1=ScoreCriterion.objects.create(table=table, group=g2, code="2.1", text="Phát động phong trào", max_points=30, display_order=3),
        b2=ScoreCriterion.objects.create(table=table, group=g2, code="2.2", text="Nhân rộng điển hình", max_points=10, display_order=4),
        bonus=ScoreCriterion.objects.create(
            table=table, kind=ScoreLineKind.BONUS, code="III", text="Mô hình mới được cấp trên công nhận", max_points=5, display_order=5
        ),
        penalty=ScoreCriterion.objects.create(
            table=table, kind=ScoreLineKind.PENALTY, code="IV", text="Gửi báo cáo chậm", max_points=10, display_order=6
        ),
        condition=ScoreCriterion.objects.create(
            table=table,
            kind=ScoreLineKind.CONDITION,
            code="V",
            text="Không có cán bộ bị kỷ luật từ cảnh cáo trở lên",
            display_order=7,
        ),
    )
    covenant = Covenant.objects.create(bloc_year=bloc_year, signed_on=dt.date(YEAR, 2, 15), place="UBND phường Bàng La")
    CovenantTarget.objects.create(covenant=covenant, text="Hoàn thành 100% chỉ tiêu thu ngân sách được giao", display_order=1)
    CovenantTarget.objects.create(covenant=covenant, text="Không có điểm nóng về an ninh, trật tự", display_order=2)
    bloc_services.scorecards_open(bloc_year=bloc_year, by=manager)
    return SimpleNamespace(bloc=bloc, bloc_year=bloc_year, table=table, lines=lines, covenant=covenant)


def values(lines, a1=30, a2=15, b1=20, b2=5, bonus=0, penalty=0, met=True):
    """A self-scoring input: criterion id -> (points or met, note)."""
    return {
        lines.a1.pk: (a1, "Thu ngân sách đạt 105%"),
        lines.a2.pk: (a2, ""),
        lines.b1.pk: (b1, ""),
        lines.b2.pk: (b2, ""),
        lines.bonus.pk: (bonus, ""),
        lines.penalty.pk: (penalty, ""),
        lines.condition.pk: (met, ""),
    }


def card_of(bloc_year, unit):
    return bloc_year.scorecards.get(unit=unit)


def score_and_submit(world, unit, by, **points):
    card = card_of(world.bloc_year, unit)
    bloc_services.scorecard_self_score(scorecard=card, values=values(world.lines, **points), by=by)
    return bloc_services.scorecard_submit(scorecard=card, by=by)


def leader_world(district, unit, other_unit, manager):
    """unit and other_unit are members (other_unit the deputy); a third ward leads the bloc."""
    from units.enums import UnitKind

    lead = UnitFactory(name="UBND phường Hải Sơn", short_code="P-HS", kind=UnitKind.WARD, parent=district)
    lead_officer = officer_of(lead, username="canbo_truongkhoi")
    world = make_bloc_year(leader_unit=lead, deputy_unit=other_unit, member_units=[unit], manager=manager)
    world.lead, world.lead_officer = lead, lead_officer
    return world


D = Decimal
