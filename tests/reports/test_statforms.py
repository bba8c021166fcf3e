# ruff: noqa: F811 - fixtures imported from other modules are taken as arguments under the same names
"""The sector's statistical forms (reports.statforms): every cell of every form against a count made
here in plain Python over the built data set, the statistical year's edges, the drill-down list of a
cell, the PDF (pdftotext, pdfinfo) and the XLSX, the definitions as data, and who may see them."""

import datetime as dt
import io
import json
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import AwardSubject, ConferringLevel, NominationBasis, NominationState
from awards.models import AwardKind, AwardRecord
from campaigns.enums import CampaignKind, MovementLevel, PhaseKind
from campaigns.models import Campaign, CampaignPhase, Movement
from dosonthidua.text import fold
from reports.statforms import FOLDER, DefinitionError, parse_version, version_for, version_for_year, versions
from reports.statforms.compute import OutOfScope, compute, context_for, drilldown
from reports.statforms.render import to_pdf, to_xlsx
from units.enums import Gender, PositionGroup, Role, UnitKind
from units.models import ServicePeriod, User

from ..awards.conftest import issuers  # noqa: F401
from ..factories import PersonFactory, UnitFactory, UserFactory
from .factories import AwardKindFactory, AwardRecordFactory, CampaignFactory, NominationFactory

pytestmark = pytest.mark.django_db

YEAR = 2025
START, END = dt.date(2024, 12, 1), dt.date(2025, 11, 30)


def _form(code):
    return version_for_year(YEAR).form(code)


# --- The built data set --------------------------------------------------------------------------


@pytest.fixture
def data(district):
    """Awards of every level, group of forms, subject, basis and person attribute, dated on both
    sides of the statistical year's edges, the awarded persons' service periods (leadership levels,
    some ended before the award); movements of every duration; staff accounts of every age group."""
    ward = UnitFactory(name="UBND phường Thử", short_code="P-THU", kind=UnitKind.WARD, parent=district)
    school = UnitFactory(name="Trường Thử", short_code="TH-THU", kind=UnitKind.PUBLIC_SERVICE, parent=district)
    state, city = ConferringLevel.STATE, ConferringLevel.CITY
    collective = AwardSubject.COLLECTIVE
    kinds = {
        "order": AwardKindFactory(code="huan-chuong-thu", name="Huân chương thử", conferring_level=state),
        "medal": AwardKindFactory(code="huy-chuong-thu", name="Huy chương thử", conferring_level=state),
        "honorary": AwardKindFactory(code="nha-giao-uu-tu-thu", name="Nhà giáo Ưu tú thử", conferring_level=state),
        "pm": AwardKindFactory(code="bang-khen-thu-tuong-thu", name="Bằng khen Thủ tướng thử", conferring_level=state),
        "national_soldier": AwardKindFactory(code="chien-si-thi-dua-toan-quoc-thu", name="CSTĐ toàn quốc thử", conferring_level=state),
        "state_other": AwardKindFactory(code="ky-niem-chuong-thu", name="Kỷ niệm chương thử", conferring_level=state),
        "government_flag": AwardKindFactory(
            code="co-thi-dua-chinh-phu-thu", name="Cờ Chính phủ thử", conferring_level=state, subject=collective
        ),
        "city_soldier": AwardKindFactory(code="chien-si-thi-dua-thanh-pho-thu", name="CSTĐ thành phố thử", conferring_level=city),
        "city_cert": AwardKindFactory(code="bang-khen-chu-tich-thanh-pho-thu", name="Bằng khen thành phố thử", conferring_level=city),
        "city_badge": AwardKindFactory(code="ky-niem-chuong-tp-thu", name="Kỷ niệm chương thành phố thử", conferring_level=city),
        "city_flag": AwardKindFactory(code="co-thi-dua-thanh-pho-thu", name="Cờ thành phố thử", conferring_level=city, subject=collective),
        "city_collective": AwardKindFactory(
            code="tap-the-lao-dong-xuat-sac-thu", name="Tập thể LĐXS thử", conferring_level=city, subject=collective
        ),
        "city_household": AwardKindFactory(code="gia-dinh-thu", name="Gia đình thử", conferring_level=city, subject=AwardSubject.HOUSEHOLD),
        "state_household": AwardKindFactory(
            code="bang-khen-thu-tuong-ho-thu", name="Bằng khen Thủ tướng hộ thử", conferring_level=state, subject=AwardSubject.HOUSEHOLD
        ),
        "district": AwardKindFactory(code="giay-khen-thu", name="Giấy khen thử", conferring_level=ConferringLevel.DISTRICT),
    }
    dates = [dt.date(2024, 11, 30), START, dt.date(2025, 3, 15), dt.date(2025, 7, 2), END, dt.date(2025, 12, 1)]
    leaderships, directs = [True, False, None], [True, False, None]
    bases = [*NominationBasis.values, None]
    person_kinds = [
        "order",
        "medal",
        "honorary",
        "pm",
        "national_soldier",
        "state_other",
        "city_soldier",
        "city_cert",
        "city_badge",
        "district",
    ]
    # Service periods by person: the highest group in force on the award's day is the level counted.
    periods = [
        [PositionGroup.CITY_LEADER, PositionGroup.DIRECTOR],
        [PositionGroup.DEPUTY_DIRECTOR],
        [PositionGroup.DEPUTY_HEAD],
        [PositionGroup.STAFF],
        [],
        [PositionGroup.DEPARTMENT_HEAD],
    ]
    n = 0
    for i, kind in enumerate(person_kinds):
        for j, date in enumerate(dates):
            n += 1
            person = PersonFactory(
                unit=ward if n % 2 else school,
                holds_leadership=leaderships[n % 3],
                is_direct_worker=directs[(n // 3) % 3],
                gender=[Gender.FEMALE, Gender.MALE, ""][n % 3],
            )
            for k, group in enumerate(periods[(n + i) % len(periods)]):
                # Every fourth person's first period ended on 31/01/2025: it counts for awards before.
                ended = dt.date(2025, 1, 31) if n % 4 == 0 and k == 0 else None
                ServicePeriod.objects.create(
                    person=person, position="Chức vụ thử", group=group, start_date=dt.date(2010, 1, 1), end_date=ended
                )
            if n % 7 == 0:  # a post that began after the award is not counted
                ServicePeriod.objects.create(person=person, position="Sau", group=PositionGroup.CITY_LEADER, start_date=dt.date(2026, 1, 1))
            basis = bases[(i + j) % len(bases)]
            nomination = (
                NominationFactory(
                    unit=person.unit, nominee_person=person, award_kind=kinds[kind], basis=basis, state=NominationState.DECIDED
                )
                if basis
                else None
            )
            AwardRecordFactory(person=person, award_kind=kinds[kind], nomination=nomination, decision_date=date, year=date.year)
    # Undated imported records: year 2024 counts on 31/12/2024 (inside), 2025 on 31/12/2025 (outside).
    for year in (2024, 2025):
        AwardRecordFactory(person=PersonFactory(unit=ward, holds_leadership=None), award_kind=kinds["order"], decision_date=None, year=year)
    for kind in ("city_collective", "order", "city_cert", "government_flag", "city_flag", "pm"):
        for date in (START, END, dt.date(2025, 12, 1)):
            AwardRecordFactory(
                person=None,
                unit=UnitFactory(kind=UnitKind.DEPARTMENT),
                award_kind=kinds[kind],
                decision_date=date,
                recipient_name="Tập thể",
                unit_name="Tập thể",
                year=date.year,
            )
    for kind in ("city_household", "state_household"):
        for date in (dt.date(2025, 5, 1), dt.date(2025, 12, 1)):
            AwardRecordFactory(person=PersonFactory(unit=ward), award_kind=kinds[kind], decision_date=date, year=date.year)

    national = Movement.objects.create(name="Phong trào toàn quốc thử", level=MovementLevel.NATIONAL)
    city_movement = Movement.objects.create(name="Phong trào thành phố thử", level=MovementLevel.CITY)
    campaigns = [
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)),  # 1 year
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=START, end_date=dt.date(2025, 4, 30)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=END, end_date=dt.date(2026, 12, 31)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2025, 6, 1), end_date=dt.date(2025, 9, 1)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2024, 11, 30), end_date=dt.date(2025, 3, 1)),  # outside
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 12, 1), end_date=dt.date(2026, 11, 30)),  # outside
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 2, 1), end_date=dt.date(2028, 1, 31)),  # 3 years
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 4, 1), end_date=dt.date(2028, 3, 30)),  # a day short of 3
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2025, 3, 1), end_date=dt.date(2030, 2, 28)),  # 5 years
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=START, end_date=END),  # 1 year
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2025, 1, 2), end_date=dt.date(2025, 12, 31)),  # a day short of 1
    ]
    campaigns[0].movements.add(national, city_movement)
    campaigns[1].movements.add(city_movement)
    campaigns[3].movements.add(national)
    campaigns[6].movements.add(city_movement)
    CampaignPhase.objects.create(campaign=campaigns[1], kind=PhaseKind.FINAL_REVIEW, name="Tổng kết", date=dt.date(2025, 5, 10))

    def staff(roles, unit, birth_year, gender=Gender.MALE, **kwargs):
        person = PersonFactory(unit=unit or district, gender=gender, birth_year=birth_year) if birth_year != "none" else None
        return UserFactory(unit=unit, roles=roles, person=person, **kwargs)

    # Ages in 2025 (the year of the statistical year's last day): 30, 31, 35, 45, 55, 56, 60, 61, unknown.
    staff([Role.REVIEWER], district, 1990, Gender.FEMALE)
    staff([Role.REVIEWER, Role.UNIT_OFFICER], district, 1995, Gender.FEMALE)
    staff([Role.UNIT_OFFICER], ward, 1994)
    staff([Role.UNIT_OFFICER], school, 1980, Gender.FEMALE)
    staff([Role.UNIT_OFFICER], None, 1970)
    staff([Role.UNIT_OFFICER], ward, 1969, Gender.FEMALE)
    staff([Role.UNIT_OFFICER], ward, 1965)
    staff([Role.UNIT_OFFICER], ward, 1964, "")
    staff([Role.UNIT_OFFICER], ward, None)
    staff([Role.UNIT_OFFICER], school, "none")
    staff([Role.UNIT_OFFICER], ward, 1990, Gender.FEMALE, is_active=False)  # not counted
    staff([Role.LEADER], ward, 1990, Gender.FEMALE)  # not TĐKT staff
    return {"kinds": kinds, "ward": ward, "school": school}


# --- Independent counts: plain Python over the rows ----------------------------------------------

BLANK = object()  # a cell the portal does not record: printed blank


def _in_year(record):
    day = record.decision_date or dt.date(record.year, 12, 31)
    return START <= day <= END


def _awards():
    rows = AwardRecord.objects.select_related("award_kind", "person", "nomination")
    return [r for r in rows if _in_year(r) and r.award_code.endswith("-thu")]


RANKS = {"city_leader": 1, "director": 2, "deputy_director": 2, "department_head": 3, "deputy_head": 3}


def _facts(record):
    """What the forms split an award by, read here in Python from the rows."""
    household = record.award_kind.subject == AwardSubject.HOUSEHOLD
    person = record.person if not household else None
    day = record.decision_date or dt.date(record.year, 12, 31)
    rank = None
    if person is not None:
        held = [
            RANKS[p.group]
            for p in ServicePeriod.objects.filter(person=person)
            if p.group in RANKS and p.start_date <= day and (p.end_date is None or p.end_date >= day)
        ]
        rank = min(held) if held else None
    return {
        "level": record.award_kind.conferring_level,
        "code": record.award_code,
        "name": record.award_kind.name,
        "recipient": "household" if household else "person" if person is not None else "collective",
        "rank": rank,
        "leadership": person.holds_leadership if person else None,
        "direct": person.is_direct_worker if person else None,
        "basis": record.nomination.basis if record.nomination else "unknown",
    }


STATE_GROUPS = {
    "orders": ("huan-chuong-", "huy-chuong-"),
    "hcm_prize": ("giai-thuong-ho-chi-minh",),
    "state_prize": ("giai-thuong-nha-nuoc",),
    "honorary": ("anh-hung-", "ba-me-viet-nam-anh-hung", "nha-giao-", "thay-thuoc-", "nghe-nhan-", "nghe-si-"),
    "government_flag": ("co-thi-dua-chinh-phu",),
    "pm_certificate": ("bang-khen-thu-tuong",),
    "emulation_soldier": ("chien-si-thi-dua-toan-quoc",),
}
CITY_GROUPS = {
    "certificate": ("bang-khen-chu-tich-thanh-pho",),
    "emulation_soldier": ("chien-si-thi-dua-thanh-pho",),
    "flag": ("co-thi-dua-thanh-pho",),
    "badge": ("ky-niem-chuong",),
}
GROUP = {"collective": {"collective", "household"}, "person": {"person"}}


# The groups of 0602 that give every form of award its own column ("mỗi hình thức khen thưởng ghi
# riêng một cột"); a collective's variant in the catalogue ("...-tap-the") is its form's column too.
PER_FORM = ("orders", "honorary", "other")


def _form_of(code):
    return code.removesuffix("-tap-the")


def _award_columns(code, facts=()):
    """column key -> (the recipients it takes, predicate on the facts), left to right: in a group of
    PER_FORM, a Tập thể and a Cá nhân column per form of award among the state-level ``facts``, the
    forms in the order of their names (the test kinds share one catalogue position)."""
    columns = {"total": ({"collective", "household", "person"}, lambda f: True)}
    if code == "0602":
        every = tuple(p for prefixes in STATE_GROUPS.values() for p in prefixes)
        groups = {**STATE_GROUPS, "other": None}
        names = {_form_of(fact["code"]): fact["name"] for fact in facts}
        for name, prefixes in groups.items():
            sides = {}
            for side, recipients in GROUP.items():
                if name in ("hcm_prize", "state_prize", "emulation_soldier") and side == "collective":
                    continue
                if name == "government_flag" and side == "person":
                    continue
                in_group = (
                    (lambda p: lambda f: f["code"].startswith(p)) if prefixes else (lambda p: lambda f: not f["code"].startswith(every))
                )
                sides[side] = (recipients, (lambda g, r: lambda f: g(f) and f["recipient"] in r)(in_group(prefixes), recipients))
            forms = sorted(
                {_form_of(fact["code"]) for fact in facts if fact["level"] == "state" for _r, test in sides.values() if test(fact)},
                key=lambda form: fold(names[form]),
            )
            if name not in PER_FORM or not forms:
                columns |= {f"{name}_{side}": taken for side, taken in sides.items()}
                continue
            for form in forms:
                for side, (recipients, predicate) in sides.items():
                    columns[f"{name}_{side}.{form}"] = (
                        recipients,
                        (lambda p, k: lambda f: p(f) and _form_of(f["code"]) == k)(predicate, form),
                    )
    else:
        for name, prefixes in CITY_GROUPS.items():
            columns[name] = ({"collective", "household", "person"}, (lambda p: lambda f: f["code"].startswith(p))(prefixes))
    return columns


def _award_rows(code):
    """row key -> (the recipient it is about or None, predicate on the facts, or BLANK)."""
    level = "state" if code == "0602" else "city"

    def at(f):
        return f["level"] == level

    rows = {"total": (None, at)}
    if code == "0602":
        rows |= {"ministries": (None, BLANK), "provinces": (None, at)}
    rows |= {
        "collective": ("collective", lambda f: at(f) and f["recipient"] == "collective"),
        "enterprise": ("collective", BLANK),
        "household": ("household", lambda f: at(f) and f["recipient"] == "household"),
        "person": ("person", lambda f: at(f) and f["recipient"] == "person"),
        "leaders_province": ("person", lambda f: at(f) and f["recipient"] == "person" and f["rank"] == 1),
        "leaders_department": ("person", lambda f: at(f) and f["recipient"] == "person" and f["rank"] == 2),
        "entrepreneurs": ("person", BLANK),
        "leaders_office": ("person", lambda f: at(f) and f["recipient"] == "person" and f["rank"] == 3),
        "direct": ("person", lambda f: at(f) and f["recipient"] == "person" and f["direct"] is True),
        "leaders_unknown": (
            "person",
            lambda f: at(f) and f["recipient"] == "person" and f["rank"] is None and f["leadership"] is not False,
        ),
        "direct_unknown": ("person", lambda f: at(f) and f["recipient"] == "person" and f["direct"] is None),
    }
    for basis in ("merit", "campaign", "ad_hoc", "foreign", "dedication", "seniority", "unknown"):
        rows["basis_unknown" if basis == "unknown" else basis] = (None, (lambda b: lambda f: at(f) and f["basis"] == b)(basis))
    rows["resistance"] = (None, BLANK)
    return rows


@pytest.mark.parametrize("code", ["0602", "0603"])
def test_award_forms_every_cell_equals_an_independent_count(data, code):
    form = _form(code)
    grid = compute(form, context_for(YEAR))
    facts = [_facts(r) for r in _awards()]
    rows, columns = _award_rows(code), _award_columns(code, facts)
    assert [r.key for r, _ in grid.rows] == [r.key for r in form.rows]
    assert {r.key for r in form.rows if not r.heading} == set(rows)
    assert [c.key for c in grid.form.columns] == list(columns)
    for row, cells in grid.rows:
        if row.heading:
            assert cells == []
            continue
        recipient, predicate = rows[row.key]
        for cell in cells:
            takes, column = columns[cell.column]
            if recipient is not None and recipient not in takes:
                assert (cell.value, cell.mark) == (None, "x"), (code, row.key, cell.column)
            elif predicate is BLANK:
                assert (cell.value, cell.mark) == (None, ""), (code, row.key, cell.column)
            else:
                assert cell.value == sum(1 for f in facts if predicate(f) and column(f)), (code, row.key, cell.column)
    # The data set is not trivial: the figures are not all zero, the parts add up, every level counts.
    total = grid.value("total", "total")
    assert total > 10
    assert sum(grid.value(k, "total") for k in ("collective", "household", "person")) == total
    bases = ("merit", "campaign", "ad_hoc", "foreign", "dedication", "seniority", "basis_unknown")
    assert sum(grid.value(k, "total") for k in bases) == total
    for key in ("leaders_province", "leaders_department", "leaders_office", "leaders_unknown", "direct", "direct_unknown"):
        assert grid.value(key, "total") > 0, key
    people = grid.value("person", "total")
    assert people > sum(grid.value(k, "total") for k in ("leaders_province", "leaders_department", "leaders_office", "leaders_unknown"))
    if code == "0602":
        assert grid.value("provinces", "total") == total
        assert sum(grid.value("total", c.key) for c in grid.form.columns[1:]) == total  # "Chia ra" adds up
        counted = ["orders_collective.huan-chuong-thu", "orders_person.huan-chuong-thu", "orders_person.huy-chuong-thu"]
        counted += ["honorary_person.nha-giao-uu-tu-thu", "government_flag_collective", "pm_certificate_collective"]
        counted += ["pm_certificate_person", "emulation_soldier_person", "other_person.ky-niem-chuong-thu"]
        assert [c.key for c in grid.form.columns[1:]] == [
            *counted[:2], "orders_collective.huy-chuong-thu", counted[2], "hcm_prize_person", "state_prize_person",
            "honorary_collective.nha-giao-uu-tu-thu", *counted[3:8], "other_collective.ky-niem-chuong-thu", counted[8],
        ]  # fmt: skip
        assert all(grid.value("total", key) > 0 for key in counted)
        assert grid.value("total", "orders_collective.huy-chuong-thu") == 0  # a form's Tập thể with no record: 0
        assert grid.value("household", "pm_certificate_collective") > 0  # households are in Tập thể
    else:
        assert grid.form == form  # no group of 0603 takes a column per form
        assert sum(grid.value("total", c.key) for c in form.columns[1:]) < total  # Tập thể lao động xuất sắc has no column


def test_every_counted_cell_equals_its_drilldown_list(data):
    """The grouped query and the drill-down Q are the same terms: every figure of every form is the
    count of its list."""
    ctx = context_for(YEAR)
    for form in version_for_year(YEAR).forms:
        grid = compute(form, ctx)
        for row, cells in grid.rows:
            for cell in cells:
                found = drilldown(form, row.key, cell.column, ctx)
                if cell.value is None:
                    assert found is None, (form.code, row.key, cell.column)
                else:
                    assert found[1].count() == cell.value, (form.code, row.key, cell.column)


def _years_after(start, years):
    """The last day of a run of ``years`` calendar years from ``start`` (29/02 + 1 year is 28/02)."""
    try:
        day = start.replace(year=start.year + years)
    except ValueError:
        day = start.replace(year=start.year + years, day=28)
    return day - dt.timedelta(days=1)


def test_0601_counts_movements_launched_in_the_year(data):
    form = _form("0601")
    grid = compute(form, context_for(YEAR))
    launched = [c for c in Campaign.objects.prefetch_related("movements") if START <= c.start_date <= END]
    assert len(launched) == 9

    def level(c):
        levels = {m.level for m in c.movements.all()}
        return "national" if "national" in levels else "city" if "city" in levels else "local"

    def duration(c):
        if c.end_date < _years_after(c.start_date, 1):
            return "under_year"
        if c.end_date == _years_after(c.start_date, 1):
            return "one_year"
        if c.end_date < _years_after(c.start_date, 3):
            return "one_to_three"
        return "three_to_five" if c.end_date < _years_after(c.start_date, 5) else "five_or_more"

    columns = {"total": None, "national": "national", "city": "city", "local": "local"}
    rows = {"total": lambda c: True, "nationwide": "national", "localities": "city", "units": "local", "blocs": BLANK}
    rows |= {
        d: (lambda wanted: lambda c: duration(c) == wanted)(d)
        for d in ("under_year", "one_year", "one_to_three", "three_to_five", "five_or_more")
    }
    rows |= {"thematic": lambda c: c.kind == "thematic", "regular": lambda c: c.kind == "regular"}
    assert {r.key for r in form.rows if not r.heading} == set(rows)
    assert [c.key for c in form.columns] == list(columns)
    for row, cells in grid.rows:
        for cell in cells:
            wanted, scope = columns[cell.column], rows[row.key]
            if isinstance(scope, str) and wanted and scope != wanted:
                assert (cell.value, cell.mark) == (None, "x"), (row.key, cell.column)  # a scope and another launch level
            elif scope is BLANK:
                assert (cell.value, cell.mark) == (None, ""), (row.key, cell.column)
            else:
                test = (lambda s: lambda c: level(c) == s)(scope) if isinstance(scope, str) else scope
                expected = sum(1 for c in launched if test(c) and (wanted is None or level(c) == wanted))
                assert cell.value == expected, (row.key, cell.column)
    assert grid.value("total", "national") == 2 and grid.value("total", "city") == 2
    assert [grid.value(d, "total") for d in ("under_year", "one_year", "one_to_three", "three_to_five", "five_or_more")] == [3, 2, 2, 1, 1]
    assert grid.value("units", "local") == grid.value("total", "local") == 5


def test_0604_is_the_ministries_and_provinces_organisation_left_blank(data):
    form = _form("0604")
    grid = compute(form, context_for(YEAR))
    assert [r.code for r in form.rows] == ["01", "", "02", "03", "04", "05"]
    assert [r.unit for r in form.rows] == ["Tổ chức", "", "Vụ", "Phòng", "Ban", "Phòng"]
    assert all((c.value, c.mark) == (None, "") for _row, cells in grid.rows for c in cells)
    assert drilldown(form, "total", "count", context_for(YEAR)) is None


def test_0605_staff_by_age(data):
    form = _form("0605")
    grid = compute(form, context_for(YEAR))
    staff = [u for u in User.objects.select_related("person") if u.is_active and {"reviewer", "unit_officer"} & set(u.roles)]
    ages = {"30_or_under": (0, 30), "31_40": (31, 40), "41_50": (41, 50), "51_55": (51, 55), "56_60": (56, 60), "over_60": (61, 200)}

    def age(u):
        return END.year - u.person.birth_year if u.person_id and u.person.birth_year else None

    rows = {"total": lambda u: True, "age_unknown": lambda u: age(u) is None}
    rows |= {f"age_{k}": (lambda lo, hi: lambda u: age(u) is not None and lo <= age(u) <= hi)(*v) for k, v in ages.items()}
    columns = {"total": lambda u: True, "female": lambda u: u.person_id is not None and u.person.gender == "female"}
    for row, cells in grid.rows:
        for cell in cells:
            if row.key.startswith(("training_", "seniority_")):
                assert (cell.value, cell.mark) == (None, ""), row.key  # not recorded
            else:
                assert cell.value == sum(1 for u in staff if rows[row.key](u) and columns[cell.column](u)), (row.key, cell.column)
    assert grid.value("total", "total") == len(staff) >= 10
    assert [grid.value(f"age_{k}", "total") for k in ages] == [1, 2, 1, 1, 2, 1]
    assert grid.value("total", "female") == 4 and grid.value("age_unknown", "total") >= 2


def test_layouts_follow_the_circular_forms(data):
    """Numbers under the headers, column C (the rows' units of measure), group headings and codes as
    in the layout of biểu 0601-0605 (docs/statistics.md, "What is checked")."""
    version = version_for_year(YEAR)
    assert version.circular_line == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    state = version.form("0602")
    assert state.unit_column and [n for n, _ in state.numbers] == [str(i) for i in range(1, 10)]
    assert [span for _, span in state.numbers] == [1, 2, 1, 1, 2, 1, 2, 1, 2]
    assert [r.code for r in state.rows if r.code] == [str(i) for i in (1, 2, 3, *range(6, 22))]
    assert [r.label for r in state.rows if r.heading] == [
        "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
        "2. Chia theo đối tượng khen thưởng",
        "3. Chia theo phương thức khen thưởng",
    ]
    city = version.form("0603")
    assert [n for n, _ in city.numbers] == ["1", "2", "3", "4", "5"] and city.unit_column
    assert [r.code for r in city.rows if r.code] == [f"{i:02d}" for i in range(1, 18)]
    movements = version.form("0601")
    assert [n for n, _ in movements.numbers] == ["1=(2+3+4)", "2", "3", "4"] and not movements.unit_column
    assert movements.unit_of_measure == "Phong trào"
    assert [r.code for r in movements.rows if r.code] == [f"{i:02d}" for i in range(1, 13)]
    staff = version.form("0605")
    assert [r.code for r in staff.rows if r.code] == [f"{i:02d}" for i in range(1, 16)]
    assert staff.header[0][0].label == "Số lượng (Người)"
    assert all(f.symbol == f"{f.code}.N/BNV-TĐKT" and f.note and not f.verified for f in version.forms)


# --- The statistical year's edges ----------------------------------------------------------------


def test_year_runs_from_first_of_december_to_thirtieth_of_november(data):
    version = version_for_year(YEAR)
    assert version.period(YEAR) == (START, END)
    form = _form("0602")
    kind = data["kinds"]["order"]
    before = compute(form, context_for(YEAR)).value("total", "orders_person.huan-chuong-thu")
    AwardRecordFactory(person=PersonFactory(), award_kind=kind, decision_date=dt.date(2025, 11, 30), year=2025)
    assert compute(form, context_for(YEAR)).value("total", "orders_person.huan-chuong-thu") == before + 1
    AwardRecordFactory(person=PersonFactory(), award_kind=kind, decision_date=dt.date(2025, 12, 1), year=2025)
    assert compute(form, context_for(YEAR)).value("total", "orders_person.huan-chuong-thu") == before + 1
    assert compute(form, context_for(YEAR + 1)).value("total", "orders_person.huan-chuong-thu") >= 1  # 01/12/2025 opens 2026


def test_body_cuts_the_year_to_its_validity(data, issuers):
    district_body, ward_body = list(issuers)[:2]
    ctx = context_for(YEAR, district_body)
    assert (ctx.start, ctx.end) == (START, district_body.valid_to)
    assert context_for(YEAR, ward_body).start == ward_body.valid_from
    assert compute(_form("0602"), ctx).value("total", "total") < compute(_form("0602"), context_for(YEAR)).value("total", "total")
    with pytest.raises(OutOfScope):
        context_for(2027, district_body)


# --- Drill-down ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "row", "column"),
    [
        ("0602", "leaders_office", "orders_person.huan-chuong-thu"),
        ("0603", "basis_unknown", "total"),
        ("0601", "total", "national"),
        ("0605", "age_56_60", "female"),
    ],
)
def test_drilldown_lists_exactly_the_records_of_its_cell(data, code, row, column):
    form = _form(code)
    ctx = context_for(YEAR)
    source, qs = drilldown(form, row, column, ctx)
    assert qs.count() == compute(form, ctx).value(row, column) > 0
    heading = next(r for r in form.rows if r.heading)
    assert drilldown(form, heading.key, column, ctx) is None  # a group's title has no figures
    assert drilldown(form, "nope", column, ctx) is None
    blank = {"0602": "entrepreneurs", "0603": "resistance", "0601": "blocs", "0605": "training_college"}[code]
    assert drilldown(form, blank, column, ctx) is None  # not recorded: no list


def test_drilldown_page_equals_its_cell(data, client, reviewer, issuers):
    client.force_login(reviewer)
    url = reverse("reports:statform-cell", args=["0602"])
    # No body chosen: the whole year, named after the body in force on 30/11/2025 (the ward).
    response = client.get(url, {"year": YEAR, "row": "person", "col": "total"})
    assert response.status_code == 200
    assert response.context["ctx"].body is None and response.context["ctx"].reporter == list(issuers)[1]
    expected = compute(_form("0602"), context_for(YEAR)).value("person", "total")
    assert response.context["page"].paginator.count == expected > 0
    assert len(response.context["lines"]) == min(expected, response.context["page"].paginator.per_page)
    # A chosen body: its part of the year.
    body = list(issuers)[0]
    response = client.get(url, {"year": YEAR, "body": body.pk, "row": "person", "col": "total"})
    assert response.context["page"].paginator.count == compute(_form("0602"), context_for(YEAR, body)).value("person", "total") < expected
    page = client.get(reverse("reports:statform", args=["0602"]), {"year": YEAR, "body": body.pk})
    html = page.content.decode()
    assert "row=person&amp;col=total" in html and "chi-tiet" in html
    # A column of one form of award: its list, named with its group and form.
    response = client.get(url, {"year": YEAR, "row": "total", "col": "orders_person.huy-chuong-thu"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == compute(_form("0602"), context_for(YEAR)).value(
        "total", "orders_person.huy-chuong-thu"
    )
    assert "Tổng số – Các loại huân chương, huy chương – Huy chương thử – Cá nhân</h1>" in response.content.decode()
    assert "Huy chương thử" in client.get(reverse("reports:statform", args=["0602"]), {"year": YEAR}).content.decode()
    assert client.get(url, {"year": YEAR, "row": "total", "col": "orders_person"}).status_code == 404  # not a column this year


# --- Documents -----------------------------------------------------------------------------------


def _pdf(data, tmp_path):
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return text, info


def test_pdf_prints_the_form_layout_and_figures(data, issuers, tmp_path):
    body = list(issuers)[0]
    ctx = context_for(YEAR, body)
    form = _form("0602")
    grid = compute(form, ctx)
    text, info = _pdf(to_pdf(version_for_year(YEAR), grid, ctx, today=dt.date(2025, 12, 10)), tmp_path)
    assert "841.89 x 595.27" in info  # A4 landscape
    flat = " ".join(text.split())
    assert "Biểu số: 0602.N/BNV-TĐKT" in flat
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in flat
    assert "Ban hành theo Thông tư số 02/2023/TT-BNV" in flat and "ngày 23/3/2023" in flat
    assert "2. Chia theo đối tượng khen" in flat  # a group's heading (wrapped in its column)
    person_line = next(line for line in text.splitlines() if line.strip().startswith("- Cá nhân"))
    assert person_line.split()[3:5] == ["9", "Người"]  # code (B) and unit of measure (C)
    assert "Đơn vị báo cáo: Ủy ban nhân dân quận Đồ Sơn" in flat
    assert "Đơn vị nhận báo cáo:" in flat and "Ngày nhận báo cáo:" in flat
    assert "từ ngày 01/12/2024 đến ngày 30/06/2025" in flat
    assert "THỦ TRƯỞNG ĐƠN VỊ" in flat and "NGƯỜI LẬP BIỂU" in flat
    total_line = next(line for line in text.splitlines() if line.strip().startswith("Tổng số") and " 1 " in f" {line} ")
    figures = [int(x) for x in total_line.split()[3:]]
    assert figures == [c.value for c in grid.rows[0][1]]
    collective = next(line for line in text.splitlines() if line.strip().startswith("- Tập thể"))
    assert " x " in f" {collective} "  # a collective in a column of persons: not applicable
    assert "chưa đối chiếu" not in flat.lower()  # administrators' notes never print


def test_pdf_of_a_narrow_form_is_portrait(data, tmp_path):
    ctx = context_for(YEAR)
    text, info = _pdf(to_pdf(version_for_year(YEAR), compute(_form("0604"), ctx), ctx), tmp_path)
    assert "595.27" in info and "x 841.89 pts" in info  # A4 portrait
    flat = " ".join(text.split())
    assert "- Cấp ban thuộc Sở Nội vụ 04 Ban" in flat and "Số lượng" in flat  # its cells blank, to fill by hand


def test_xlsx_has_merged_headers_and_the_figures(data):
    ctx = context_for(YEAR)
    grid = compute(_form("0602"), ctx)
    form = grid.form
    wb = load_workbook(io.BytesIO(to_xlsx(version_for_year(YEAR), grid, ctx)))
    ws = wb.active
    assert ws["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    assert ws["A2"].value == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    merged = {str(r) for r in ws.merged_cells.ranges}
    # Four header rows: Chia ra, the groups, each form of award in groups 2, 5 and 9, Tập thể / Cá nhân.
    assert {"A5:A8", "B5:B8", "C5:C8", "D5:D8"} <= merged  # Chỉ tiêu, Mã số, Đơn vị tính, Tổng số over the header
    assert ws["C5"].value == "Đơn vị tính" and ws["D5"].value == "Tổng số"
    assert "E5:R5" in merged and ws["E5"].value == "Chia ra"  # over its fourteen columns
    assert "E6:H6" in merged and ws["E6"].value == "Các loại huân chương, huy chương"
    assert {"E7:F7", "G7:H7"} <= merged and [ws["E7"].value, ws["G7"].value] == ["Huân chương thử", "Huy chương thử"]
    assert [ws[f"{c}8"].value for c in "EFGH"] == ["Tập thể", "Cá nhân", "Tập thể", "Cá nhân"]
    assert ws["I6"].value == "Giải thưởng Hồ Chí Minh" and "I7:I8" in merged and ws["I7"].value == "Cá nhân"
    assert [ws["K7"].value, ws["Q6"].value, ws["Q7"].value] == [
        "Nhà giáo Ưu tú thử",
        "Các hình thức khen thưởng khác",
        "Kỷ niệm chương thử",
    ]
    # The numbers under the header: one number over each group's columns.
    assert {"E9:H9", "K9:L9", "N9:O9", "Q9:R9"} <= merged
    assert [ws.cell(row=9, column=c).value for c in (1, 2, 3, 4, 5, 9, 10, 11, 13, 14, 16, 17)] == [
        "A", "B", "C", "1", "2", "3", "4", "5", "6", "7", "8", "9"
    ]  # fmt: skip
    for offset, (row, cells) in enumerate(grid.rows, start=10):
        line = [c.value for c in ws[offset]]
        assert line[0] == row.label and (line[1] or "") == row.code and (line[2] or "") == row.unit
        assert ws.cell(row=offset, column=1).alignment.indent == 2 * row.indent
        expected = [None] * len(form.columns) if row.heading else [c.value if c.value is not None else (c.mark or None) for c in cells]
        assert line[3 : 3 + len(form.columns)] == expected, row.key
    assert ws.cell(row=10, column=4).value == grid.value("total", "total") > 0


def test_a_year_without_awards_prints_the_blank_form(data):
    """No record in a group of 2, 5 or 9: the group keeps one Tập thể and one Cá nhân, as on the
    printed form, every figure 0; the version's definition is the blank form."""
    ctx = context_for(2020)
    grid = compute(_form("0602"), ctx)
    blank = _form("0602")
    assert (grid.form.columns, grid.form.header, grid.form.numbers) == (blank.columns, blank.header, blank.numbers)
    assert len(blank.columns) == 13 and not grid.form.expands  # Tổng số and twelve in "Chia ra"
    assert [c.key for c in grid.form.columns[1:3]] == ["orders_collective", "orders_person"]
    assert grid.value("total", "total") == 0 and grid.value("total", "other_person") == 0
    assert [n for n, _ in grid.form.numbers] == [str(i) for i in range(1, 10)]


def test_each_form_of_award_has_its_column_with_its_collective_variant(data):
    """The catalogue's Huân chương Lao động hạng Ba and its collective variant ("(tập thể)") are one
    column group, named as the catalogue names the person's form, with Tập thể and Cá nhân; forms
    follow the catalogue's order; a form given to persons only still has its Tập thể (0). Every
    figure is its drill-down list, every record of the total is in one column."""
    day = dt.date(2025, 6, 2)
    third, third_collective, second = (
        AwardKind.objects.filter(code=code).latest("valid_from")
        for code in ("huan-chuong-lao-dong-hang-ba", "huan-chuong-lao-dong-hang-ba-tap-the", "huan-chuong-lao-dong-hang-nhi")
    )
    for kind, count in ((third, 2), (second, 1)):
        for _ in range(count):
            AwardRecordFactory(person=PersonFactory(unit=data["ward"]), award_kind=kind, decision_date=day, year=2025)
    AwardRecordFactory(
        person=None,
        unit=UnitFactory(kind=UnitKind.DEPARTMENT),
        award_kind=third_collective,
        decision_date=day,
        year=2025,
        recipient_name="Tập thể",
    )
    ctx = context_for(YEAR)
    grid = compute(_form("0602"), ctx)
    keys = [c.key for c in grid.form.columns]
    third_cells = ["orders_collective.huan-chuong-lao-dong-hang-ba", "orders_person.huan-chuong-lao-dong-hang-ba"]
    second_cells = ["orders_collective.huan-chuong-lao-dong-hang-nhi", "orders_person.huan-chuong-lao-dong-hang-nhi"]
    # The test kinds sit at the catalogue's default position (100), before Huân chương Lao động (120, 121).
    assert keys[1:9] == [
        "orders_collective.huan-chuong-thu", "orders_person.huan-chuong-thu",
        "orders_collective.huy-chuong-thu", "orders_person.huy-chuong-thu", *third_cells, *second_cells,
    ]  # fmt: skip
    assert [grid.value("total", k) for k in keys[5:9]] == [1, 2, 0, 1]
    labels = [cell.label for cell in grid.form.header[2]]
    assert labels[:4] == ["Huân chương thử", "Huy chương thử", "Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Nhì"]
    assert [cell.colspan for cell in grid.form.header[2][:4]] == [2, 2, 2, 2]
    assert grid.value("collective", third_cells[0]) == 1 and grid.cell("collective", third_cells[1]).mark == "x"
    assert sum(grid.value("total", c.key) for c in grid.form.columns[1:]) == grid.value("total", "total")
    for key in keys[1:]:
        source, qs = drilldown(_form("0602"), "total", key, ctx)
        assert qs.count() == grid.value("total", key), key


# --- Definitions as data -------------------------------------------------------------------------


def test_definitions_are_versioned_data():
    version = version_for(dt.date(2025, 11, 30))
    assert version.circular == "02/2023/TT-BNV"
    assert [f.code for f in version.forms] == ["0601", "0602", "0603", "0604", "0605"]
    assert all(f.note for f in version.forms if not f.verified)
    version_file = FOLDER / versions()[0].file_name
    data = json.loads(version_file.read_text(encoding="utf-8"))
    later = {**data, "circular": "99/2030/TT-BNV", "valid_from": "2030-01-01"}
    later["forms"] = [{**data["forms"][0], "title": "Biểu mới"}]
    new = parse_version(later, file_name="test.json")
    both = (versions()[0], new)
    assert version_for(dt.date(2030, 11, 30), available=both).form("0601").title == "Biểu mới"
    assert version_for(dt.date(2025, 11, 30), available=both).circular == "02/2023/TT-BNV"


def test_a_definition_with_an_unknown_condition_is_refused():
    data = json.loads((FOLDER / versions()[0].file_name).read_text(encoding="utf-8"))
    data["forms"][1]["rows"][0]["filter"] = {"levle": "state"}
    with pytest.raises(DefinitionError, match="levle"):
        parse_version(data)


@pytest.mark.parametrize(
    ("form", "change", "message"),
    [
        (1, lambda groups: groups[0].update(each="award_kind"), "cannot expand columns by 'award_kind'"),
        (1, lambda groups: groups[0]["children"][0].update(children=[{"key": "k", "label": "K"}]), "leaf columns only"),
        (0, lambda groups: None, "cannot expand"),  # 0601 counts campaigns: no form of award to expand by
    ],
)
def test_a_column_expansion_the_source_cannot_make_is_refused(form, change, message):
    data = json.loads((FOLDER / versions()[0].file_name).read_text(encoding="utf-8"))
    if form == 0:
        data["forms"][0]["columns"][1]["each"] = "award_form"
    else:
        change(data["column_sets"]["state_award_columns"][1]["children"])
    with pytest.raises(DefinitionError, match=message):
        parse_version(data)


# --- Pages and permissions -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["statforms", "statform", "statform-cell", "statform-download"])
def test_officer_and_council_member_are_refused(data, client, officer, council_member, name):
    url = _page(name)
    for user in (officer, council_member):
        client.force_login(user)
        assert client.get(url, {"year": YEAR}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def _page(name):
    if name == "statforms":
        return reverse("reports:statforms")
    if name == "statform-download":
        return reverse("reports:statform-download", args=["0602", "pdf"])
    return reverse(f"reports:{name}", args=["0602"])


def test_other_scope_and_bad_input_are_404(data, client, leader, issuers):
    client.force_login(leader)
    district_body = list(issuers)[0]
    url = reverse("reports:statform", args=["0602"])
    assert client.get(url, {"year": 2027, "body": district_body.pk}).status_code == 404  # not the identity then
    assert client.get(url, {"year": YEAR, "body": 999999}).status_code == 404
    assert client.get(url, {"year": "abc"}).status_code == 404
    assert client.get(url, {"year": 1800}).status_code == 404
    assert client.get(reverse("reports:statform", args=["9999"]), {"year": YEAR}).status_code == 404
    assert client.get(reverse("reports:statform-download", args=["0602", "doc"]), {"year": YEAR}).status_code == 404
    response = client.get(reverse("reports:statforms"), {"year": "1800"})
    assert response.status_code == 400 and "Năm thống kê không hợp lệ." in response.content.decode()


def test_pages_for_reviewer_leader_and_administrator(data, client, reviewer, leader, administrator, issuers):
    body = list(issuers)[0]
    params = {"year": YEAR, "body": body.pk}
    for user in (reviewer, leader, administrator):
        client.force_login(user)
        index = client.get(reverse("reports:statforms"), params)
        assert index.status_code == 200
        html = index.content.decode()
        assert "0605.N/BNV-TĐKT" in html and "Thống kê ngành" in html
        # The note on what is not yet checked against the circular is for administrators only.
        assert ("Ghi chú cho quản trị" in html) == (user == administrator)
        page = client.get(reverse("reports:statform", args=["0601"]), params)
        html = page.content.decode()
        assert page.status_code == 200 and ("Ghi chú cho quản trị" in html) == (user == administrator)
        assert ("chưa đối chiếu với văn bản" in html) == (user == administrator)
        assert "Ô để trống: cổng không lưu số liệu này" in html
    pdf = client.get(reverse("reports:statform-download", args=["0602", "pdf"]), params)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(reverse("reports:statform-download", args=["0603", "xlsx"]), params)
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content))


def test_pages_cost_a_fixed_number_of_queries(data, client, reviewer, issuers):
    """At most 15 queries per page, the same with 20 more awards of every state-level row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reviewer)
    params = {"year": YEAR, "body": list(issuers)[0].pk}
    urls = [reverse("reports:statforms")]
    urls += [reverse("reports:statform", args=[f.code]) for f in version_for_year(YEAR).forms]
    # The records behind each form's total (0604's is not recorded: no list, 404).
    urls += [reverse("reports:statform-cell", args=[f.code]) for f in version_for_year(YEAR).forms if f.code != "0604"]
    assert client.get(reverse("reports:statform-cell", args=["0604"]), params).status_code == 404
    urls += [reverse("reports:statform-download", args=["0602", "xlsx"])]

    def counts():
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, params)
                assert response.status_code == 200, url
            found.append(len(ctx.captured_queries))
        return found

    counts()  # the first visit fills per-process memos (the identity, content types)
    before = counts()
    for _ in range(20):
        AwardRecordFactory(person=PersonFactory(), award_kind=data["kinds"]["order"], decision_date=dt.date(2025, 3, 1), year=2025)
    after = counts()
    assert max(after) <= 15, dict(zip(urls, after, strict=True))
    assert after == before, dict(zip(urls, zip(before, after, strict=True), strict=True))


@pytest.mark.parametrize(("choice", "stored"), [("unknown", None), ("true", True), ("false", False)])
def test_person_form_records_leadership_with_unknown(client, officer, unit, choice, stored):
    """The fact the forms split persons by: yes, no, or blank (unknown, counted as "Chưa rõ")."""
    from units.models import Person

    client.force_login(officer)
    response = client.post(
        reverse("units:person-create"),
        {"full_name": "Đỗ Thị Lan", "unit": unit.pk, "holds_leadership": choice, "is_direct_worker": "unknown", "active": "on"},
    )
    assert response.status_code == 302
    assert Person.objects.get(full_name="Đỗ Thị Lan").holds_leadership is stored


def test_benchmark_measures_the_statistical_forms(data, client, reviewer):
    """`make bench` times the forms' pages and documents (bench/run.py, reports/bench_hooks.py)."""
    from bench.run import pages
    from reports.bench_hooks import BENCHMARKS, statistical_forms

    urls = [
        url
        for *_, url in pages({"nomination_ids": [], "officer_nomination": None, "campaign_id": None, "api_key": ""})
        if "thong-ke-nganh" in url
    ]
    assert len(urls) == 4
    client.force_login(reviewer)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert statistical_forms in [function for _label, function, _target in BENCHMARKS]
    assert statistical_forms() == sum(len(f.rows) for f in version_for_year(2026).forms)


def test_a_wide_0602_stays_on_its_a4_landscape_page(data, tmp_path):
    """Every state honour of the catalogue awarded in a year gives 0602 some thirty columns: the PDF
    sets them in a smaller type in a fixed layout, so the last group is on the page (text cropped to
    the page's box still holds it), not cut off at the right edge."""
    day = dt.date(2025, 6, 2)
    codes = AwardKind.objects.filter(conferring_level="state", valid_from__lte=day).values_list("code", flat=True).distinct()
    for code in codes:
        kind = AwardKind.objects.filter(code=code, valid_from__lte=day).latest("valid_from")
        owner = {"person": PersonFactory(unit=data["ward"])} if kind.subject == "person" else {"person": None, "unit": UnitFactory()}
        AwardRecordFactory(**owner, award_kind=kind, decision_date=day, year=2025, recipient_name="Người hoặc tập thể")
    ctx = context_for(YEAR)
    grid = compute(_form("0602"), ctx)
    assert len(grid.form.columns) > 25
    path = tmp_path / "wide.pdf"
    path.write_bytes(to_pdf(version_for_year(YEAR), grid, ctx))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.27" in info
    inside = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "842", "-H", "595", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    # The total row, cropped to the page, still holds every column's figure, the last one included.
    total_line = next(line for line in inside.splitlines() if line.strip().startswith("Tổng số") and " 1 " in f" {line} ")
    assert [int(x) for x in total_line.split()[3:]] == [c.value for c in grid.rows[0][1]]
