"""Demo data of the campaigns app: the movements the directive links to (section 1.b), the special
campaign of the directive (to 31/12/2025), the regular annual emulation of 2024 and 2025, a few
registrations and published exemplars. Idempotent: rows are found by natural keys; workflow rows go
through the services so they carry history."""

import datetime as dt

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from dosonthidua.identity import identity_on
from units.models import Person, Unit, User

from . import services
from .enums import CampaignKind, ExemplarKind, MovementLevel, ParticipantScope, PhaseKind, ReportFrequency, WorkflowState
from .models import Campaign, CampaignPhase, CampaignTarget, Exemplar, Movement, ProgressReport, Registration
from .selectors import award_kind_by_code

MOVEMENTS = [
    ("Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí", MovementLevel.NATIONAL),
    ("Cả nước chung sức xây dựng nông thôn mới", MovementLevel.NATIONAL),
    ("Vì người nghèo – Không để ai bị bỏ lại phía sau", MovementLevel.NATIONAL),
    ("Cả nước chung tay xóa nhà tạm, nhà dột nát trong năm 2025", MovementLevel.NATIONAL),
    ("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", MovementLevel.NATIONAL),
    ("Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời", MovementLevel.NATIONAL),
    ("Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", MovementLevel.NATIONAL),
    ("Tăng thu ngân sách địa phương giai đoạn 2019 – 2025", MovementLevel.CITY),
    ("Thi đua thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ thành phố lần thứ XVI, nhiệm kỳ 2020 – 2025", MovementLevel.CITY),
    ("Thi đua thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ quận lần thứ XXV, nhiệm kỳ 2020 – 2025", MovementLevel.DISTRICT),
    ("Đẩy mạnh cải cách hành chính trên địa bàn quận Đồ Sơn giai đoạn 2021 – 2025", MovementLevel.DISTRICT),
    ("Thực hiện chương trình chuyển đổi số đến năm 2025, định hướng đến năm 2030", MovementLevel.CITY),
    ("Công chức phục vụ Chính phủ, Chính phủ phục vụ Nhân dân và vì tiện ích của Nhân dân", MovementLevel.CITY),
    (
        "Nghiên cứu khoa học và phát triển công nghệ, phát huy sáng kiến, cải tiến kỹ thuật năm 2024 và giai đoạn 2025 – 2030",
        MovementLevel.CITY,
    ),
]

SPECIAL_NAME = (
    "Đợt thi đua đặc biệt chào mừng Đại hội Đảng bộ quận lần thứ XXVI, Đại hội Đảng bộ thành phố lần thứ XVII, "
    "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và Hội nghị điển hình tiên tiến (đến hết năm 2025)"
)
SPECIAL_PURPOSE = (
    "Khơi dậy mạnh mẽ tinh thần yêu nước, ý chí tự lực tự cường, khát vọng phát triển; phát huy sức mạnh tổng hợp của cả hệ thống "
    "chính trị, tạo khí thế thi đua sôi nổi, rộng khắp, quyết tâm hoàn thành nhiệm vụ chính trị năm 2024, năm 2025 và Kế hoạch 5 năm "
    "(2021 – 2025)."
)
SPECIAL_CONTENT = (
    "Các cơ quan chuyên môn, đơn vị, UBND các phường xác định rõ mục đích, yêu cầu, mục tiêu, nội dung và phương thức tổ chức "
    "phong trào thi đua, bám sát các chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội của quận và của đơn vị; gắn với các phong trào "
    "thi đua trọng tâm của cả nước, thành phố và quận; phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến; "
    "tổ chức Hội nghị tuyên dương điển hình tiên tiến tại các phường và Hội nghị điển hình tiên tiến quận."
)
SPECIAL_TARGETS = [
    ("Nhà tạm, nhà dột nát được xóa", "căn"),
    ("Hồ sơ thủ tục hành chính được giải quyết trực tuyến", "hồ sơ"),
    ("Sáng kiến được công nhận", "sáng kiến"),
    ("Mô hình hay, điển hình tiên tiến được phát hiện", "mô hình"),
]


def _campaign(name, **fields):
    campaign, created = Campaign.objects.get_or_create(name=name, defaults=fields)
    return campaign, created


def _special_campaign(movements):
    campaign, created = _campaign(
        SPECIAL_NAME,
        kind=CampaignKind.THEMATIC,
        start_date=dt.date(2024, 11, 20),
        end_date=dt.date(2025, 12, 31),
        launching_body="Chủ tịch Ủy ban nhân dân quận Đồ Sơn",
        # The directive in docs/seed leaves its number and day blank ("Số: .../CT-UBND", "ngày ... tháng 11").
        document_number="…/CT-UBND",
        purpose=SPECIAL_PURPOSE,
        content=SPECIAL_CONTENT,
        participant_scope=ParticipantScope.ALL,
        registration_deadline=dt.date(2024, 12, 31),
        late_registration_allowed=True,
        report_frequency_months=ReportFrequency.QUARTERLY,
        report_due_days=10,
    )
    if created:
        campaign.movements.set(movements)
        CampaignPhase.objects.bulk_create(
            [
                CampaignPhase(campaign=campaign, kind=PhaseKind.LAUNCH, name="Phát động đợt thi đua đặc biệt", date=dt.date(2024, 11, 20)),
                CampaignPhase(
                    campaign=campaign, kind=PhaseKind.INTERIM_REVIEW, name="Sơ kết 6 tháng đầu năm 2025", date=dt.date(2025, 7, 15)
                ),
                CampaignPhase(
                    campaign=campaign,
                    kind=PhaseKind.FINAL_REVIEW,
                    name="Hội nghị điển hình tiên tiến quận tiến tới Đại hội Thi đua yêu nước thành phố lần thứ X",
                    date=dt.date(2025, 12, 31),
                ),
            ]
        )
        CampaignTarget.objects.bulk_create(
            [CampaignTarget(campaign=campaign, name=n, unit_of_measure=u, display_order=i) for i, (n, u) in enumerate(SPECIAL_TARGETS)]
        )
    return campaign


def _regular_campaign(year):
    # Launched in January by the body valid then: the district up to 2025, the ward from 2026.
    launcher = identity_on(dt.date(year, 1, 15)).full_name or identity_on(dt.date(year, 12, 31)).full_name
    campaign, created = _campaign(
        f"Phong trào thi đua thường xuyên năm {year}",
        kind=CampaignKind.REGULAR,
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
        launching_body=f"Chủ tịch {launcher}" if launcher else "",
        purpose=f"Thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm {year}; là cơ sở bình xét các danh hiệu thi đua hằng năm.",
        participant_scope=ParticipantScope.ALL,
        registration_deadline=dt.date(year, 3, 31),
        late_registration_allowed=True,
        report_frequency_months=ReportFrequency.HALF_YEARLY,
        report_due_days=15,
    )
    if created:
        CampaignPhase.objects.bulk_create(
            [
                CampaignPhase(campaign=campaign, kind=PhaseKind.LAUNCH, name="Phát động thi đua năm", date=dt.date(year, 1, 15)),
                CampaignPhase(campaign=campaign, kind=PhaseKind.INTERIM_REVIEW, name="Sơ kết 6 tháng", date=dt.date(year, 7, 15)),
                CampaignPhase(campaign=campaign, kind=PhaseKind.FINAL_REVIEW, name="Tổng kết năm", date=dt.date(year, 12, 20)),
            ]
        )
    return campaign


def _at(day, hour=9):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _backdate(registration, submitted_on):
    """Date a demo registration's submission (and acceptance two days later, never after today) as it
    happened in the story, with its lateness judged on that day and its history rows dated alike."""
    decided_on = min(submitted_on + dt.timedelta(days=2), timezone.localdate())
    late = registration.campaign.registration_is_late(submitted_on)
    fields = {"submitted_at": _at(submitted_on), "is_late": late}
    if registration.decided_at:
        fields["decided_at"] = _at(decided_on, 15)
    Registration.objects.filter(pk=registration.pk).update(**fields)
    registration.history.filter(to_state=WorkflowState.SUBMITTED).update(at=_at(submitted_on))
    registration.history.filter(to_state=WorkflowState.ACCEPTED).update(at=_at(decided_on, 15))


def _on_time(campaign, not_before=None):
    """A submission day within the registration period: ten days before the deadline, or yesterday
    when the deadline is still ahead, never before the campaign (or the unit) started."""
    today = timezone.localdate()
    day = min(campaign.registration_deadline - dt.timedelta(days=10), today - dt.timedelta(days=1))
    return max(day, campaign.start_date, not_before or campaign.start_date)


def _demo_registration(campaign, unit_code, officer_name, reviewer, people_count, accept, submitted_on=None):
    unit = Unit.objects.filter(short_code=unit_code).first()
    # An officer who can sign in: the blocs demo gives member units without one a service account with
    # no password, which must not make a second seeding register those units.
    officers = User.objects.filter(unit=unit, roles__contains=["unit_officer"]).exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    officer = User.objects.filter(username=officer_name).first() or officers.order_by("id").first()
    on = campaign.end_date
    ldtt = award_kind_by_code("lao-dong-tien-tien", on=on)
    collective = award_kind_by_code("tap-the-lao-dong-tien-tien", on=on)
    if unit is None or officer is None or ldtt is None or Registration.objects.filter(campaign=campaign, unit=unit).exists():
        return False
    people = list(Person.objects.filter(unit=unit, active=True).order_by("full_name", "id")[:people_count])
    csttcs = award_kind_by_code("chien-si-thi-dua-co-so", on=on)
    entries = [(p, csttcs if (i == 0 and csttcs) else ldtt) for i, p in enumerate(people)]
    data = services.RegistrationInput(
        collective_award=collective, commitment="Hoàn thành xuất sắc nhiệm vụ được giao.", entries=entries, targets=[]
    )
    registration = services.registration_save(campaign=campaign, unit=unit, data=data, by=officer)
    services.workflow_transition(obj=registration, to=WorkflowState.SUBMITTED, by=officer)
    if accept and reviewer is not None:
        services.workflow_transition(obj=registration, to=WorkflowState.ACCEPTED, by=reviewer, comment="Đủ điều kiện.")
    registration.refresh_from_db()
    _backdate(registration, submitted_on or _on_time(campaign, unit.valid_from))
    return True


EXEMPLARS = [
    (
        "P-HAISON",
        ExemplarKind.GOOD_MODEL,
        "Mô hình “Tuyến phố văn minh, sạch đẹp” ở phường Hải Sơn",
        "Người dân tự quản vệ sinh, trồng hoa, lắp camera an ninh trên các tuyến phố du lịch.",
        "Tổ dân phố họp dân, thống nhất quy ước; mỗi hộ nhận chăm sóc một đoạn phố; kinh phí do Nhân dân đóng góp và doanh nghiệp "
        "du lịch tài trợ. Sau một năm, 12 tuyến phố đạt chuẩn văn minh, sạch đẹp.",
    ),
    (
        "GDDT",
        ExemplarKind.NEW_FACTOR,
        "Ứng dụng chuyển đổi số trong quản lý hồ sơ học sinh",
        "Số hóa toàn bộ hồ sơ học sinh, giảm thời gian tra cứu và in ấn.",
        "Phòng Giáo dục và Đào tạo triển khai học bạ số và sổ điểm điện tử tại tất cả các trường; phụ huynh theo dõi kết quả học tập "
        "trên điện thoại.",
    ),
    (
        "P-BANGLA",
        ExemplarKind.EXEMPLARY_COLLECTIVE,
        "Chi hội phụ nữ giúp nhau xóa nhà tạm, nhà dột nát",
        "Vận động ngày công, vật liệu giúp 5 hộ khó khăn sửa nhà trước mùa mưa bão.",
        "Chi hội phụ nữ phường Bàng La phối hợp Mặt trận Tổ quốc phường vận động hội viên đóng góp ngày công, tiền và vật liệu; "
        "hoàn thành sửa chữa 5 căn nhà trong năm 2025.",
    ),
]


def _demo_exemplars(campaign, reviewer):
    made = 0
    for code, kind, title, summary, description in EXEMPLARS:
        unit = Unit.objects.filter(short_code=code).first()
        officer = User.objects.filter(unit=unit, roles__contains=["unit_officer"]).first() or reviewer
        if unit is None or reviewer is None or Exemplar.objects.filter(title=title).exists():
            continue
        exemplar = Exemplar.objects.create(
            campaign=campaign, unit=unit, kind=kind, title=title, summary=summary, description=description, created_by=officer
        )
        if officer.has_perm("campaigns.register"):
            services.workflow_transition(obj=exemplar, to=WorkflowState.SUBMITTED, by=officer)
        else:  # no officer account in that unit: the reviewer records the proposal received on paper
            exemplar.state = WorkflowState.SUBMITTED
            exemplar.save(update_fields=["state"])
        services.workflow_transition(obj=exemplar, to=WorkflowState.ACCEPTED, by=reviewer, comment="Giới thiệu nhân rộng.")
        made += 1
    return made


def _demo_pending(campaign):
    """Work waiting today for the reviewer of the body valid today (the ward's advisory office): a
    progress report of Phòng Văn hóa – Xã hội for the latest period of this year's campaign that
    has come due, and an exemplar it proposes (both submitted). The district's departments ended on
    30/06/2025, so nothing of theirs waits any more."""
    officer = User.objects.filter(username="pds_canbo1").first()
    unit = Unit.objects.filter(short_code="PDS-VHXH").first()
    if campaign is None or officer is None or unit is None:
        return 0
    made = 0
    today = timezone.localdate()
    due = [p for p in campaign.reporting_periods() if p[2] < today]
    if due and not ProgressReport.objects.filter(campaign=campaign, unit=unit, period_start=due[-1][0]).exists():
        start, end, due_date = due[-1]
        report = ProgressReport(
            campaign=campaign,
            unit=unit,
            period_start=start,
            period_end=end,
            due_date=due_date,
            narrative="Các trường trên địa bàn phường triển khai học bạ số; tổ chức tuyên dương giáo viên, học sinh tiêu biểu.",
        )
        services.report_save(report=report, values=[], files=[], by=officer)
        services.workflow_transition(obj=report, to=WorkflowState.SUBMITTED, by=officer)
        made += 1
    title = "Thầy giáo tận tụy với học sinh vùng biển"
    school = Unit.objects.filter(short_code="THCS-NX").first()
    if not Exemplar.objects.filter(title=title).exists():
        exemplar = Exemplar.objects.create(
            campaign=campaign,
            unit=unit,
            kind=ExemplarKind.EXEMPLARY_PERSON,
            person=Person.objects.filter(unit=school, active=True).order_by("id").first() if school else None,
            title=title,
            summary="Nhiều năm dạy thêm miễn phí cho học sinh có hoàn cảnh khó khăn.",
            description="Đề xuất của Phòng Văn hóa – Xã hội phường, chờ Văn phòng HĐND và UBND phường thẩm định.",
            created_by=officer,
        )
        services.workflow_transition(obj=exemplar, to=WorkflowState.SUBMITTED, by=officer)
        made += 1
    return made


# The current round of Phường Đồ Sơn: its units register on time for this year's regular emulation.
WARD_REGISTRATIONS = [("PDS-VHXH", "pds_canbo1", 10), ("PDS-KT", "pds_canbo2", 10)]


def ward_round_campaign(year):
    """This year's regular emulation of the ward: from 2026 the yearly one it launches in January; in
    its first year, the emulation it launched for the months left after it was formed."""
    ward = Unit.objects.filter(short_code="P-DOSON").first()
    if ward is None or ward.valid_from is None or year < ward.valid_from.year:
        return None
    if year > ward.valid_from.year or ward.valid_from == dt.date(year, 1, 1):
        return Campaign.objects.filter(name=f"Phong trào thi đua thường xuyên năm {year}").first()
    start = ward.valid_from
    campaign, created = _campaign(
        f"Phong trào thi đua thường xuyên 6 tháng cuối năm {year} của phường Đồ Sơn",
        kind=CampaignKind.REGULAR,
        start_date=start,
        end_date=dt.date(year, 12, 31),
        launching_body=f"Chủ tịch {identity_on(start).full_name}",
        purpose=f"Ổn định tổ chức bộ máy phường mới, thi đua hoàn thành xuất sắc nhiệm vụ năm {year}; là cơ sở bình xét danh hiệu năm {year}.",
        participant_scope=ParticipantScope.ALL,
        registration_deadline=start + dt.timedelta(days=30),
        late_registration_allowed=True,
        report_frequency_months=ReportFrequency.QUARTERLY,
        report_due_days=10,
    )
    if created:
        CampaignPhase.objects.bulk_create(
            [
                CampaignPhase(
                    campaign=campaign, kind=PhaseKind.LAUNCH, name="Phát động thi đua của phường", date=start + dt.timedelta(days=7)
                ),
                CampaignPhase(campaign=campaign, kind=PhaseKind.FINAL_REVIEW, name="Tổng kết năm", date=dt.date(year, 12, 20)),
            ]
        )
    return campaign


def _ward_round_registrations(campaign):
    reviewer = User.objects.filter(username="pds_thamdinh").first()
    if campaign is None or reviewer is None:
        return 0
    made = 0
    for code, officer, count in WARD_REGISTRATIONS:
        made += _demo_registration(campaign, code, officer, reviewer, count, accept=True)
    return made


def seed(stdout=None):
    movements = []
    for order, (name, level) in enumerate(MOVEMENTS):
        movement, _ = Movement.objects.get_or_create(name=name, defaults={"level": level, "display_order": order})
        movements.append(movement)
    special = _special_campaign(movements)
    this_year = timezone.localdate().year
    # The directive's two regular years, and this year's so the demo has a running campaign.
    regular = [_regular_campaign(year) for year in sorted({2024, 2025, this_year})]
    reviewer = User.objects.filter(username="noivu").first()
    registrations = 0
    registrations += _demo_registration(regular[0], "GDDT", "canbo2", reviewer, 6, accept=True)  # 2024, to the district
    registrations += _demo_registration(regular[1], "GDDT", "canbo2", reviewer, 6, accept=True)  # 2025, to the district
    registrations += _demo_registration(special, "P-HAISON", None, reviewer, 5, accept=False, submitted_on=dt.date(2024, 12, 20))
    registrations += _demo_registration(special, "GDDT", "canbo2", reviewer, 4, accept=True, submitted_on=dt.date(2024, 12, 18))
    exemplars = _demo_exemplars(special, reviewer)
    ward_campaign = ward_round_campaign(this_year)
    registrations += _ward_round_registrations(ward_campaign)
    exemplars += _demo_pending(ward_campaign)
    if stdout:
        stdout.write(f"campaigns: {Campaign.objects.count()} campaigns, {registrations} registrations and {exemplars} exemplars added")
