"""Demo data of emulation blocs: the district's bloc of wards for 2024 (scored, ranked, published)
and the cluster of Phường Đồ Sơn's own offices for this year (scored and ranked at a meeting a few days
ago, not yet published, so a member still sees only its own card). Idempotent: a bloc's year that
exists is left as it is. Every state change goes through campaigns.bloc_services, so the rows carry
their history; member units without a demo account act through a sign-in-less officer account."""

import datetime as dt

from django.utils import timezone

from dosonthidua.identity import identity_on
from units.enums import Role
from units.models import Unit, User

from . import bloc_services
from .enums import BlocRole, ScoreLineKind, TieBreak
from .models import Bloc, BlocMember, BlocYear, Covenant, CovenantTarget, ScoreCriterion, ScoreGroup, ScoreTable

TABLE = [
    # (group, [(code, text, max points)])
    (
        "I. Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế – xã hội",
        [
            ("1.1", "Hoàn thành các chỉ tiêu kinh tế – xã hội, thu ngân sách được giao", 25),
            ("1.2", "Cải cách hành chính, chuyển đổi số, giải quyết thủ tục hành chính đúng hạn", 20),
            ("1.3", "Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội", 15),
        ],
    ),
    (
        "II. Công tác thi đua, khen thưởng",
        [
            ("2.1", "Ban hành kế hoạch, phát động và tổ chức phong trào thi đua", 15),
            ("2.2", "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", 15),
            ("2.3", "Báo cáo, hồ sơ thi đua, khen thưởng đầy đủ, đúng hạn", 10),
        ],
    ),
]
BONUS = ("III", "Mô hình, cách làm hay được cấp trên công nhận, nhân rộng", 5)
PENALTY = ("IV", "Báo cáo chậm, sai sót hoặc để xảy ra vụ việc phức tạp", 10)
CONDITION = ("V", "Không có cán bộ, công chức bị kỷ luật từ hình thức cảnh cáo trở lên")
TIE_TEXT = "Trường hợp bằng điểm, đơn vị có ít điểm trừ hơn xếp trên; nếu vẫn bằng, lần lượt so sánh điểm nhóm I, nhóm II."
TARGETS = [
    "Hoàn thành toàn diện các chỉ tiêu, nhiệm vụ chính trị năm được giao",
    "Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn; không để tồn đọng, kéo dài",
    "Mỗi đơn vị xây dựng ít nhất 01 mô hình hay, điển hình tiên tiến",
    "Không có cán bộ, công chức vi phạm kỷ luật từ hình thức cảnh cáo trở lên",
]
# Per member: points of the six criteria, bonus, penalty, condition met; the leader's changes with reasons.
SCORES = [
    ((24, 19, 15, 14, 14, 10), 4, 0, True),
    ((23, 18, 14, 14, 13, 9), 3, 0, True),
    ((24, 19, 15, 15, 14, 10), 5, 0, False),  # the best scores, but a disciplined cadre: no flag
    ((22, 17, 14, 13, 12, 9), 2, 1, True),
    ((21, 17, 13, 13, 13, 9), 0, 0, True),
    ((20, 16, 13, 12, 12, 8), 0, 2, True),
]
ADJUSTMENT = ("1.2", -2, "Còn 03 hồ sơ thủ tục hành chính giải quyết quá hạn theo báo cáo của Trung tâm Phục vụ hành chính công")

BLOCS = [
    {
        "name": "Khối thi đua các phường",
        "year": 2024,
        "founding": "Quyết định số 15/QĐ-HĐTĐKT ngày 10/01/2024 của Hội đồng Thi đua – Khen thưởng quận",
        "members": ["P-HAISON", "P-BANGLA", "P-HOPDUC", "P-MINHDUC", "P-NGOCXUYEN", "P-VANHUONG"],
        "signed_on": dt.date(2024, 2, 20),
        "meeting": dt.date(2024, 12, 12),
        "publish": True,
    },
    {
        "name": "Cụm thi đua các cơ quan, đơn vị phường Đồ Sơn",
        "year": None,  # this year
        "founding": "Quyết định kiện toàn các cụm thi đua của Hội đồng Thi đua – Khen thưởng phường",
        "members": ["PDS-KT", "PDS-VHXH", "PDS-VP", "PDS-TTHCC", "PDS-MTTQ"],
        "signed_on": None,
        "meeting": None,
        "publish": False,
    },
]


def _actor(unit):
    """A unit officer of ``unit`` to act through: a demo account if there is one, else an account
    that cannot sign in (no usable password)."""
    officer = User.objects.filter(unit=unit, roles__contains=[Role.UNIT_OFFICER], is_active=True).order_by("id").first()
    if officer:
        return officer
    officer = User(username=f"khoi_{unit.short_code.lower().replace('-', '_')}", full_name=f"Cán bộ thi đua {unit.name}", unit=unit)
    officer.roles = [Role.UNIT_OFFICER]
    officer.set_unusable_password()
    officer.save()
    return officer


def _table(bloc_year):
    table = ScoreTable.objects.create(
        bloc_year=bloc_year,
        name=f"Bảng chấm điểm thi đua {bloc_year.bloc.name.lower()} năm {bloc_year.year}",
        tie_breaks=[TieBreak.FEWER_PENALTY, TieBreak.GROUP_ORDER],
        tie_break_text=TIE_TEXT,
        flag_award_codes=["co-thi-dua-thanh-pho"],
        flag_places=1,
        commendation_places=2,
    )
    order = 0
    for g_order, (group_name, lines) in enumerate(TABLE, start=1):
        group = ScoreGroup.objects.create(table=table, name=group_name, display_order=g_order)
        for code, text, points in lines:
            order += 1
            ScoreCriterion.objects.create(table=table, group=group, code=code, text=text, max_points=points, display_order=order)
    ScoreCriterion.objects.create(
        table=table, kind=ScoreLineKind.BONUS, code=BONUS[0], text=BONUS[1], max_points=BONUS[2], display_order=order + 1
    )
    ScoreCriterion.objects.create(
        table=table, kind=ScoreLineKind.PENALTY, code=PENALTY[0], text=PENALTY[1], max_points=PENALTY[2], display_order=order + 2
    )
    ScoreCriterion.objects.create(table=table, kind=ScoreLineKind.CONDITION, code=CONDITION[0], text=CONDITION[1], display_order=order + 3)
    return table


def _seed_bloc(spec, reviewer, today):
    year = spec["year"] or today.year
    units = list(Unit.objects.filter(short_code__in=spec["members"]))
    if len(units) != len(spec["members"]):
        return 0  # the units demo has not run
    units.sort(key=lambda u: spec["members"].index(u.short_code))
    body = identity_on(dt.date(year, 1, 1))
    bloc, _ = Bloc.objects.get_or_create(
        name=spec["name"], defaults={"organiser": f"Hội đồng Thi đua – Khen thưởng {body.area_name}".strip()}
    )
    if BlocYear.objects.filter(bloc=bloc, year=year).exists():
        return 0
    bloc_year = BlocYear.objects.create(bloc=bloc, year=year, founding_document=spec["founding"])
    start = dt.date(year, 1, 10)
    for order, unit in enumerate(units):
        role = BlocRole.LEADER if order == 0 else BlocRole.DEPUTY if order == 1 else BlocRole.MEMBER
        BlocMember.objects.create(bloc_year=bloc_year, unit=unit, role=role, role_from=start, display_order=order)
    table = _table(bloc_year)
    signed_on = spec["signed_on"] or dt.date(year, 2, 15)
    covenant = Covenant.objects.create(
        bloc_year=bloc_year,
        signed_on=signed_on,
        place=units[0].name,
        preamble=(
            "Thực hiện Luật Thi đua, khen thưởng và kế hoạch thi đua của Hội đồng Thi đua – Khen thưởng, nhằm tạo khí thế thi đua sôi nổi, "
            "hoàn thành thắng lợi nhiệm vụ chính trị năm " + str(year) + "."
        ),
    )
    CovenantTarget.objects.bulk_create([CovenantTarget(covenant=covenant, text=t, display_order=i) for i, t in enumerate(TARGETS, 1)])
    bloc_services.scorecards_open(bloc_year=bloc_year, by=reviewer)
    criteria = list(table.criteria.order_by("display_order"))
    actors = {u.pk: _actor(u) for u in units}
    for unit, (points, bonus, penalty, met) in zip(units, SCORES, strict=False):
        card = bloc_year.scorecards.get(unit=unit)
        values = {c.pk: (p, "") for c, p in zip(criteria[:6], points, strict=True)}
        values.update({criteria[6].pk: (bonus, ""), criteria[7].pk: (penalty, ""), criteria[8].pk: (True, "")})
        values[criteria[0].pk] = (points[0], "Theo báo cáo kết quả thực hiện nhiệm vụ năm")
        bloc_services.scorecard_self_score(scorecard=card, values=values, by=actors[unit.pk], note="Đơn vị tự đánh giá theo bảng điểm.")
        bloc_services.scorecard_submit(scorecard=card, by=actors[unit.pk])
        checker = actors[units[1].pk] if unit == units[0] else actors[units[0].pk]
        adjustments = {}
        if not met:
            adjustments[criteria[8].pk] = (False, "Có 01 công chức bị kỷ luật hình thức cảnh cáo trong năm")
        if unit == units[3]:
            code, delta, reason = ADJUSTMENT
            line = next(c for c in criteria if c.code == code)
            adjustments[line.pk] = (points[criteria.index(line)] + delta, reason)
        bloc_services.scorecard_check(scorecard=card, adjustments=adjustments, by=checker, note="Đã đối chiếu báo cáo và minh chứng.")
    meeting = spec["meeting"] or today - dt.timedelta(days=3)
    bloc_services.bloc_year_rank(
        bloc_year=bloc_year, by=actors[units[0].pk], meeting_date=meeting, note="Hội nghị khối thống nhất kết quả."
    )
    if spec["publish"]:
        bloc_services.bloc_year_publish(bloc_year=bloc_year, by=actors[units[0].pk], comment="Công bố kết quả xếp hạng tới các thành viên.")
    return 1


def seed(stdout=None):
    reviewer = User.objects.filter(username="noivu").first() or User.objects.filter(is_superuser=True).first()
    if reviewer is None:
        return
    today = timezone.localdate()
    added = sum(_seed_bloc(spec, reviewer, today) for spec in BLOCS)
    if stdout:
        stdout.write(f"campaigns: {added} emulation bloc years scored ({Bloc.objects.count()} blocs)")
