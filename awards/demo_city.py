"""Demo of the portal serving the city (`manage.py seed_demo --level city`): the city's People's
Committee as the issuing body (advisory office Sở Nội vụ), the titles the city chairman confers as its
catalogue routes, the wards as units proposing to it, and a round in progress today: proposals of
Phường Đồ Sơn and Phường Nam Đồ Sơn verified, a posting that ended before today and a council
meeting dated today, ready to vote. Idempotent; run on the city's own database."""

import datetime as dt
import os

from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from units.enums import Gender, Role, UnitKind
from units.models import Person, Unit, User

from . import services
from .catalogue import seed_calendar
from .demo import walk
from .demo_round import _post, _present_all
from .enums import NominationState as S
from .enums import RecordSource, SignerCapacity
from .models import AwardRecord, ConferringRoute, Council, CouncilMember, Initiative, IssuingBody, Nomination, Signer
from .selectors import council_on, kinds_valid_on

CITY_FROM = dt.date(2024, 1, 1)
CITY_UNITS = [
    ("TP-HP", "UBND thành phố Hải Phòng", UnitKind.COMMITTEE, None),
    ("SNV", "Sở Nội vụ thành phố Hải Phòng", UnitKind.DEPARTMENT, "TP-HP"),
    ("P-DOSON", "UBND phường Đồ Sơn", UnitKind.WARD, "TP-HP"),
    ("P-NAMDOSON", "UBND phường Nam Đồ Sơn", UnitKind.WARD, "TP-HP"),
    ("P-HAIAN", "UBND phường Hải An", UnitKind.WARD, "TP-HP"),
]
PEOPLE = {
    "P-DOSON": [
        ("Nguyễn Văn Hùng", 1975, Gender.MALE),
        ("Phạm Thị Minh Thu", 1982, Gender.FEMALE),
        ("Lê Thị Thu Trang", 1988, Gender.FEMALE),
    ],
    "P-NAMDOSON": [("Bùi Thị Thanh Huyền", 1986, Gender.FEMALE), ("Đỗ Quang Vinh", 1979, Gender.MALE)],
    "P-HAIAN": [("Hoàng Đức Long", 1981, Gender.MALE)],
    "SNV": [("Vũ Thị Ngọc Anh", 1980, Gender.FEMALE), ("Đào Văn Thắng", 1977, Gender.MALE), ("Ngô Thị Hạnh", 1984, Gender.FEMALE)],
}
ACCOUNTS = [
    ("tp_thamdinh", "Vũ Thị Ngọc Anh", "SNV", [Role.REVIEWER]),
    ("tp_chutich", "Đào Văn Thắng", "TP-HP", [Role.LEADER]),
    ("tp_hoidong1", "Đào Văn Thắng", "TP-HP", [Role.COUNCIL_MEMBER]),
    ("tp_hoidong2", "Vũ Thị Ngọc Anh", "SNV", [Role.COUNCIL_MEMBER]),
    ("tp_hoidong3", "Ngô Thị Hạnh", "SNV", [Role.COUNCIL_MEMBER]),
    ("tp_canbo1", "Lê Thị Thu Trang", "P-DOSON", [Role.UNIT_OFFICER]),
]
ROSTER = [
    ("tp_hoidong1", "Chủ tịch Hội đồng", "Chủ tịch UBND thành phố"),
    ("tp_hoidong2", "Phó Chủ tịch thường trực", "Giám đốc Sở Nội vụ"),
]
ROSTER += [("tp_hoidong3", "Ủy viên", "Phó Giám đốc Sở Nội vụ")]
# (unit, person index, award code): the wards' proposals on today's agenda.
PROPOSALS = [
    ("P-DOSON", 0, "chien-si-thi-dua-thanh-pho"),
    ("P-DOSON", 1, "bang-khen-chu-tich-thanh-pho"),
    ("P-NAMDOSON", 0, "bang-khen-chu-tich-thanh-pho"),
]


def _city_body():
    """The city as the only issuing body: the ward and district rows the migrations seed are removed
    (or end the day before the city's) so that nothing else is 'the body valid today'."""
    body, created = IssuingBody.objects.get_or_create(
        name_line2="THÀNH PHỐ HẢI PHÒNG",
        valid_from=CITY_FROM,
        defaults={
            "full_name": "Ủy ban nhân dân thành phố Hải Phòng",
            "leader_title": "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
            "place": "Hải Phòng",
            "level": "province",
            "area_name": "thành phố Hải Phòng",
            "advisory_office": "Sở Nội vụ",
            "advisory_office_head_title": "Giám đốc Sở Nội vụ",
            "advisory_office_verified": True,
        },
    )
    if created:
        # The chairman signs award decisions in his own power (awards.signing chooses the block).
        Signer.objects.create(
            issuing_body=body, capacity=SignerCapacity.HEAD, position_title="Chủ tịch", name="Đào Văn Thắng", valid_from=CITY_FROM
        )
    for other in IssuingBody.objects.exclude(pk=body.pk):
        try:
            with transaction.atomic():
                Council.objects.filter(issuing_body=other).delete()
                other.delete()
        except ProtectedError:
            IssuingBody.objects.filter(pk=other.pk).update(valid_from=min(other.valid_from, CITY_FROM - dt.timedelta(days=1)))
            IssuingBody.objects.filter(pk=other.pk).update(valid_to=CITY_FROM - dt.timedelta(days=1))
    council, _ = Council.objects.get_or_create(
        issuing_body=body, defaults={"name": "Hội đồng Thi đua – Khen thưởng thành phố Hải Phòng", "valid_from": CITY_FROM}
    )
    # What the city chairman confers himself; the state's titles are proposed upward.
    ConferringRoute.objects.exclude(conferring_level__in=["city", "state"]).delete()
    ConferringRoute.objects.filter(conferring_level="city").update(action="confer")
    ConferringRoute.objects.filter(conferring_level="state").update(action="propose")
    return body, council


def _units_people_accounts():
    units = {}
    for order, (code, name, kind, parent) in enumerate(CITY_UNITS):
        units[code], _ = Unit.objects.get_or_create(
            short_code=code, defaults={"name": name, "kind": kind, "parent": units.get(parent), "display_order": order}
        )
    for code, people in PEOPLE.items():
        for name, year, gender in people:
            Person.objects.get_or_create(
                full_name=name, unit=units[code], defaults={"birth_year": year, "gender": gender, "position": "Chuyên viên"}
            )
    password = os.environ.get("DEMO_PASSWORD", "demo12345")
    for username, full_name, code, roles in ACCOUNTS:
        if not User.objects.filter(username=username).exists():
            user = User(
                username=username, full_name=full_name, unit=units[code], roles=list(roles), email=f"{username}@haiphong.example.vn"
            )
            user.set_password(password)
            user.save()
    if not User.objects.filter(username="admin").exists():
        admin = User(
            username="admin", full_name="Quản trị hệ thống", unit=units["SNV"], roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True
        )
        admin.set_password(password)
        admin.save()
    return units


def _history(person, today):
    """The ward-level streak and initiative a city title needs (three years of Chiến sĩ thi đua cơ sở)."""
    for year in range(today.year - 3, today.year):
        AwardRecord.objects.get_or_create(
            person=person,
            award_code="chien-si-thi-dua-co-so",
            period_kind="calendar",
            year=year,
            defaults={
                "award_name": "Chiến sĩ thi đua cơ sở",
                "recipient_name": person.full_name,
                "unit_name": person.unit.name,
                "decision_number": f"{year % 100:02d}/QĐ-UBND",
                "decision_date": dt.date(year, 12, 20),
                "issuer_name": "Ủy ban nhân dân cấp cơ sở",
                "source": RecordSource.IMPORTED,
            },
        )
    initiative, _ = Initiative.objects.get_or_create(
        title=f"Số hóa hồ sơ một cửa của phường – {person.full_name}",
        defaults={"unit": person.unit, "year": today.year - 1, "scope": 4, "recognition_decision": "12/QĐ-HĐSK"},
    )
    initiative.authors.add(person)


def seed(stdout=None):
    today = timezone.localdate()
    seed_calendar(apps, years=range(today.year - 1, today.year + 2))
    with transaction.atomic():
        body, council = _city_body()
        units = _units_people_accounts()
        for order, (username, role, position) in enumerate(ROSTER):
            user = User.objects.get(username=username)
            CouncilMember.objects.get_or_create(
                council=council,
                user=user,
                defaults={
                    "full_name": user.full_name,
                    "council_role": role,
                    "position": position,
                    "display_order": order,
                    "valid_from": CITY_FROM,
                },
            )
        made = _round(today, units)
    if stdout:
        stdout.write(f"city: {body}, {Unit.objects.count()} units, {made} proposals of wards in today's round")


def _round(today, units):
    reviewer, officer = User.objects.get(username="tp_thamdinh"), User.objects.get(username="tp_canbo1")
    if Nomination.objects.filter(year=today.year).exists() or council_on(today) is None:
        return 0
    kinds = {k.code: k for k in kinds_valid_on(today)}
    nominations = []
    for code, index, award in PROPOSALS:
        if award not in kinds:
            continue
        person = Person.objects.filter(unit=units[code]).order_by("id")[index]
        if award == "chien-si-thi-dua-thanh-pho":
            _history(person, today)
        nomination = Nomination.objects.create(
            unit=person.unit,
            nominee_person=person,
            nominee_name=person.full_name,
            award_kind=kinds[award],
            year=today.year,
            achievement_summary="Có thành tích xuất sắc, tiêu biểu trong phong trào thi đua của thành phố.",
            excellent_completion=True,
            created_by=officer,
        )
        services.nomination_check(nomination=nomination)
        walk(nomination, S.VERIFIED, officer=officer, reviewer=reviewer, leader=None, start=today - dt.timedelta(days=25))
        nominations.append(nomination)
    if not nominations:
        return 0
    _post(nominations, before=today, reviewer=reviewer, title=f"Danh sách đề nghị khen thưởng cấp thành phố năm {today.year}")
    meeting = services.meeting_create(council=council_on(today), date=today, by=reviewer, location="Phòng họp số 2, Sở Nội vụ")
    _present_all(meeting, reviewer)
    services.meeting_agenda_add(meeting=meeting, nominations=nominations, by=reviewer)
    return len(nominations)
