"""Demo data of the units app: the district's structure until 30/06/2025 (domain.md), each unit of it
ending that day but its schools, which pass to the ward of their place; the two wards that succeed it
on 01/07/2025 with Phường Đồ Sơn's own offices; a few hundred people with realistic Vietnamese names,
and the demo accounts of both eras. Idempotent: rows are found by natural keys (a database seeded
before the district's units had end dates gets them)."""

import datetime as dt
import os
import random

from django.utils import timezone

from .enums import Gender, PositionGroup, Role, UnitKind
from .models import Person, Unit, User

# The 2025 reorganisation (domain.md): the district level ended on 30/06/2025 and with it the
# district's committee, its specialised departments, its own public-service centres, its Fatherland
# Front committee and mass organisations; from 01/07/2025 their work is done by the two wards that
# succeed the district and by the city's departments. None of them has a successor unit here: a
# successor link carries a collective's awards (its streaks) to its heir (awards.selectors.
# unit_lineage_ids), and a ward's new office is a new collective, not the district's department
# renamed. The district's schools carry on, managed by the ward of their place from 01/07/2025.
# Which function went where is demo data to verify against the city's decisions on the
# reorganisation; an administrator edits it in the unit form.
DISTRICT_END = dt.date(2025, 6, 30)
REORGANISED = dt.date(2025, 7, 1)
DISTRICT = ("UBND", "UBND quận Đồ Sơn", UnitKind.COMMITTEE)
DEPARTMENTS = [
    ("VP", "Văn phòng HĐND và UBND quận"),
    ("NOIVU", "Phòng Nội vụ"),
    ("TCKH", "Phòng Tài chính – Kế hoạch"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"),
    ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("YTE", "Phòng Y tế"),
    ("TUPHAP", "Phòng Tư pháp"),
    ("THANHTRA", "Thanh tra quận"),
    ("KINHTE", "Phòng Kinh tế"),
    ("QLDT", "Phòng Quản lý đô thị"),
    ("TNMT", "Phòng Tài nguyên và Môi trường"),
    ("LDTBXH", "Phòng Lao động – Thương binh và Xã hội"),
]
# (code, name, parent until 30/06/2025, ward managing it from 01/07/2025 or None when it ended
# with the district).
PUBLIC_SERVICE = [
    ("TTVHTT", "Trung tâm Văn hóa, Thông tin và Thể thao quận", "UBND", None),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng quận", "UBND", None),
    ("TTPTQD", "Trung tâm Phát triển quỹ đất quận", "UBND", None),
    ("THCS-NX", "Trường THCS Ngọc Xuyên", "GDDT", "P-DOSON"),
    ("TH-VH", "Trường Tiểu học Vạn Hương", "GDDT", "P-DOSON"),
    ("MN-BL", "Trường Mầm non Bàng La", "GDDT", "P-NAMDOSON"),
]
WARDS = [
    ("P-BANGLA", "UBND phường Bàng La"),
    ("P-HAISON", "UBND phường Hải Sơn"),
    ("P-HOPDUC", "UBND phường Hợp Đức"),
    ("P-MINHDUC", "UBND phường Minh Đức"),
    ("P-NGOCXUYEN", "UBND phường Ngọc Xuyên"),
    ("P-VANHUONG", "UBND phường Vạn Hương"),
]
# The 2025 reorganisation (domain.md): the six wards were merged into two wards from 01/07/2025.
# Which old ward went where is demo data to verify against Nghị quyết of the National Assembly
# Standing Committee; an administrator edits it in the unit form.
SUCCESSOR_WARDS = {
    "P-DOSON": ("UBND phường Đồ Sơn", ["P-VANHUONG", "P-NGOCXUYEN", "P-HAISON"]),
    "P-NAMDOSON": ("UBND phường Nam Đồ Sơn", ["P-BANGLA", "P-HOPDUC", "P-MINHDUC"]),
}
ORGANISATIONS = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam quận", UnitKind.FRONT),
    ("QUANDOAN", "Quận đoàn Đồ Sơn", UnitKind.MASS_ORGANISATION),
    ("HOIPHUNU", "Hội Liên hiệp Phụ nữ quận", UnitKind.MASS_ORGANISATION),
    ("HOICCB", "Hội Cựu chiến binh quận", UnitKind.MASS_ORGANISATION),
    ("LDLD", "Liên đoàn Lao động quận", UnitKind.MASS_ORGANISATION),
    ("HOINONGDAN", "Hội Nông dân quận", UnitKind.MASS_ORGANISATION),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Đào", "Mạc", "Lương"]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Mạnh", "Công", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Phương", "Hồng", "Kim", "Thùy", "Diệu"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
    "Trung",
]
GIVEN_FEMALE = [
    "Anh",
    "Ánh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Oanh",
    "Phượng",
    "Quỳnh",
    "Thảo",
    "Trang",
    "Uyên",
    "Yến",
    "Huyền",
]
LEADER_POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng"]
WARD_POSITIONS = [
    "Chủ tịch UBND phường",
    "Phó Chủ tịch UBND phường",
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
    "Tổ trưởng tổ dân phố",
    "Công an viên",
    "Cán bộ chuyên trách",
]
STAFF_POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Cán sự", "Kế toán", "Văn thư", "Nhân viên", "Giáo viên", "Nhân viên kỹ thuật"]

# Phường Đồ Sơn's own units from 01/07/2025 (the current round is theirs).
WARD_CODE = "P-DOSON"
WARD_UNITS = [
    ("PDS-VP", "Văn phòng HĐND và UBND phường Đồ Sơn", UnitKind.DEPARTMENT, 14),
    ("PDS-VHXH", "Phòng Văn hóa – Xã hội phường Đồ Sơn", UnitKind.DEPARTMENT, 14),
    ("PDS-KT", "Phòng Kinh tế, Hạ tầng và Đô thị phường Đồ Sơn", UnitKind.DEPARTMENT, 14),
    ("PDS-TTHCC", "Trung tâm Phục vụ hành chính công phường Đồ Sơn", UnitKind.PUBLIC_SERVICE, 10),
    ("PDS-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Đồ Sơn", UnitKind.FRONT, 6),
]
# Accounts acting for Phường Đồ Sơn today (README, "Demo accounts").
WARD_ACCOUNTS = [
    ("pds_thamdinh", "Phạm Thị Minh Thu", "PDS-VP", [Role.REVIEWER], False),
    ("pds_chutich", "Trần Khắc Kiên", WARD_CODE, [Role.LEADER], False),
    ("pds_hoidong1", "Trần Khắc Kiên", WARD_CODE, [Role.COUNCIL_MEMBER], False),
    ("pds_hoidong2", "Phạm Thị Minh Thu", "PDS-VP", [Role.COUNCIL_MEMBER], False),
    ("pds_hoidong3", "Vũ Thị Ngọc Anh", "PDS-MTTQ", [Role.COUNCIL_MEMBER], False),
    ("pds_hoidong4", "Hoàng Đức Long", "PDS-KT", [Role.COUNCIL_MEMBER], False),
    ("pds_hoidong5", "Đào Thị Hạnh", "PDS-VHXH", [Role.COUNCIL_MEMBER], False),
    ("pds_canbo1", "Lê Thị Thu Trang", "PDS-VHXH", [Role.UNIT_OFFICER], False),
    ("pds_canbo2", "Đặng Quang Khánh", "PDS-KT", [Role.UNIT_OFFICER], False),
]

DEMO_ACCOUNTS = [
    # username, full name, unit code, roles, is_superuser
    ("admin", "Quản trị hệ thống", "VP", [Role.ADMINISTRATOR], True),
    ("noivu", "Đỗ Thị Thu Hà", "NOIVU", [Role.REVIEWER], False),
    ("lanhdao", "Trần Khắc Kiên", "UBND", [Role.LEADER], False),
    ("hoidong1", "Trần Khắc Kiên", "UBND", [Role.COUNCIL_MEMBER], False),
    ("hoidong2", "Phạm Văn Tuấn", "NOIVU", [Role.COUNCIL_MEMBER], False),
    ("hoidong3", "Lê Thị Hồng Nhung", "HOIPHUNU", [Role.COUNCIL_MEMBER], False),
    ("hoidong4", "Vũ Đức Mạnh", "TCKH", [Role.COUNCIL_MEMBER], False),
    ("hoidong5", "Nguyễn Thị Lan", "MTTQ", [Role.COUNCIL_MEMBER], False),
    ("canbo1", "Bùi Thị Thanh Huyền", "P-BANGLA", [Role.UNIT_OFFICER], False),
    ("canbo2", "Ngô Quang Vinh", "GDDT", [Role.UNIT_OFFICER], False),
    # Propaganda of exemplars (the directive's task for Phòng Văn hóa và Thông tin).
    ("vanhoa", "Nguyễn Thị Thanh Hương", "VHTT", [Role.PROPAGANDA], False),
]


def _unit(code, name, kind, parent, order, **extra):
    unit, created = Unit.objects.get_or_create(
        short_code=code, defaults={"name": name, "kind": kind, "parent": parent, "display_order": order, **extra}
    )
    return unit


def _people_for(unit, count, rng, *, ward):
    existing = set(Person.objects.filter(unit=unit).values_list("full_name", flat=True))
    if len(existing) >= count:
        return 0
    made = 0
    names = set(existing)
    while len(names) < count:
        female = rng.random() < 0.48
        name = " ".join(
            [rng.choice(SURNAMES), rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE), rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)]
        )
        if name in names:
            continue
        names.add(name)
        index = len(names)
        if index == 1:
            position = "Chủ tịch UBND phường" if ward else "Trưởng phòng" if unit.kind == UnitKind.DEPARTMENT else "Thủ trưởng đơn vị"
        elif index <= 3:
            position = (
                "Phó Chủ tịch UBND phường" if ward else LEADER_POSITIONS[1] if unit.kind == UnitKind.DEPARTMENT else "Phó Thủ trưởng đơn vị"
            )
        else:
            position = rng.choice(WARD_POSITIONS[2:] if ward else STAFF_POSITIONS)
        Person.objects.create(
            full_name=name,
            gender=Gender.FEMALE if female else Gender.MALE,
            birth_year=rng.randint(1965, 2001),
            position=position,
            unit=unit,
            holds_leadership=index <= 3,  # the head and deputies above
            is_direct_worker=index > 3,
        )
        made += 1
    return made


def _service_periods(unit, rng):
    """Dated service periods of the first three people of a unit (its head and deputies, as
    _people_for makes them), so the seniority and dedication candidates have someone to find: years
    as staff, then the leadership post to this day, or to the unit's last day when it has ended (the
    district's departments on 30/06/2025). Idempotent: people with periods are left alone, but for
    an open post in a unit that has ended, which is closed on its last day."""
    from .models import ServicePeriod

    if unit.valid_to is not None:
        ServicePeriod.objects.filter(unit=unit, end_date__isnull=True, start_date__lte=unit.valid_to).update(end_date=unit.valid_to)

    if unit.kind == UnitKind.COMMITTEE:
        head, deputy = PositionGroup.DIRECTOR, PositionGroup.DEPUTY_DIRECTOR
    else:
        head, deputy = PositionGroup.DEPARTMENT_HEAD, PositionGroup.DEPUTY_HEAD
    people = list(Person.objects.filter(unit=unit).order_by("pk")[:3])
    done = set(ServicePeriod.objects.filter(person__in=people).values_list("person_id", flat=True))
    for index, person in enumerate(people):
        if person.pk in done:
            continue
        first = dt.date(rng.randint(1998, 2006), rng.choice((1, 3, 7, 9)), 1)
        promoted = dt.date(rng.randint(2012, 2019), rng.choice((1, 4, 8, 10)), 1)
        ServicePeriod.objects.create(
            person=person,
            position="Chuyên viên",
            group=PositionGroup.STAFF,
            unit=unit,
            start_date=first,
            end_date=promoted - dt.timedelta(days=1),
        )
        ServicePeriod.objects.create(
            person=person,
            position=person.position,
            group=head if index == 0 else deputy,
            unit=unit,
            start_date=promoted,
            end_date=unit.valid_to,
            note="Quyết định bổ nhiệm (dữ liệu mẫu)",
        )


def _ended_with_the_district(unit):
    """Give a unit of the district era its end date (a database seeded before the date was data)."""
    if unit.valid_to is None:
        unit.valid_to = DISTRICT_END
        unit.save(update_fields=["valid_to"])
    return unit


def _to_ward(unit, ward):
    """A school of the district handed to the ward of its place on 01/07/2025 (its history row dated so)."""
    if unit.parent_id != ward.pk and (unit.parent is None or unit.parent.valid_to is not None):
        unit.parent = ward
        unit._history_date = timezone.make_aware(dt.datetime.combine(REORGANISED, dt.time(8)))
        unit.save(update_fields=["parent"])


def seed(stdout=None):
    rng = random.Random(20241120)
    district = _ended_with_the_district(_unit(*DISTRICT, None, 0, valid_to=DISTRICT_END))
    for order, (code, name) in enumerate(DEPARTMENTS, start=10):
        _ended_with_the_district(_unit(code, name, UnitKind.DEPARTMENT, district, order, valid_to=DISTRICT_END))
    services = {}
    for order, (code, name, parent_code, _ward) in enumerate(PUBLIC_SERVICE, start=40):
        services[code] = _unit(code, name, UnitKind.PUBLIC_SERVICE, Unit.objects.get(short_code=parent_code), order)
    wards = {}
    for order, (code, name) in enumerate(WARDS, start=60):
        wards[code] = _ended_with_the_district(_unit(code, name, UnitKind.WARD, district, order, valid_to=DISTRICT_END))
    for order, (code, (name, old_codes)) in enumerate(SUCCESSOR_WARDS.items(), start=70):
        new = _unit(code, name, UnitKind.WARD, None, order, valid_from=REORGANISED)
        for old in old_codes:
            wards[old].successors.add(new)
    for code, _name, _parent, ward_code in PUBLIC_SERVICE:
        if ward_code is None:
            _ended_with_the_district(services[code])
        else:
            _to_ward(services[code], Unit.objects.get(short_code=ward_code))
    for order, (code, name, kind) in enumerate(ORGANISATIONS, start=80):
        _ended_with_the_district(_unit(code, name, kind, district, order, valid_to=DISTRICT_END))
    ward = Unit.objects.get(short_code=WARD_CODE)
    for order, (code, name, kind, _size) in enumerate(WARD_UNITS, start=90):
        _unit(code, name, kind, ward, order, valid_from=ward.valid_from)

    created = 0
    for unit in Unit.objects.filter(valid_from__isnull=True).order_by("pk"):
        size = (
            3
            if unit.kind == UnitKind.COMMITTEE
            else 28
            if unit.kind == UnitKind.WARD
            else 18
            if unit.kind == UnitKind.PUBLIC_SERVICE
            else 10
        )
        created += _people_for(unit, size, rng, ward=unit.kind == UnitKind.WARD)
    for code, _name, _kind, size in WARD_UNITS:
        created += _people_for(Unit.objects.get(short_code=code), size, rng, ward=False)

    for unit in Unit.objects.filter(kind__in=[UnitKind.COMMITTEE, UnitKind.DEPARTMENT, UnitKind.WARD]).order_by("pk"):
        _service_periods(unit, rng)

    password = os.environ.get("DEMO_PASSWORD", "demo12345")
    accounts = 0
    for username, full_name, code, roles, superuser in DEMO_ACCOUNTS + WARD_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            full_name=full_name,
            unit=Unit.objects.get(short_code=code),
            roles=list(roles),
            email=f"{username}@doson.example.vn",
        )
        user.is_superuser = user.is_staff = superuser
        user.set_password(password)
        user.save()
        accounts += 1
    if stdout:
        stdout.write(f"units: {Unit.objects.count()} units, {created} people added, {accounts} accounts added")
