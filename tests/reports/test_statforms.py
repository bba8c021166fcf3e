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
from awards.models import AwardRecord, Council, CouncilMember
from campaigns.enums import CampaignKind, MovementLevel, PhaseKind
from campaigns.models import Bloc, BlocMember, BlocYear, Campaign, CampaignPhase, Movement
from reports.statforms import FOLDER, DefinitionError, parse_version, version_for, version_for_year, versions
from reports.statforms.compute import OutOfScope, compute, context_for, drilldown
from reports.statforms.render import to_pdf, to_xlsx
from units.enums import Gender, Role, UnitKind
from units.models import User

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
    """Awards of every level, subject, basis and person attribute, dated on both sides of the
    statistical year's edges; movements; a council and a bloc; staff accounts."""
    ward = UnitFactory(name="UBND phường Thử", short_code="P-THU", kind=UnitKind.WARD, parent=district)
    school = UnitFactory(name="Trường Thử", short_code="TH-THU", kind=UnitKind.PUBLIC_SERVICE, parent=district)
    kinds = {
        "order": AwardKindFactory(code="huan-chuong-thu", name="Huân chương thử", conferring_level=ConferringLevel.STATE),
        "pm": AwardKindFactory(code="bang-khen-thu-tuong-thu", name="Bằng khen Thủ tướng thử", conferring_level=ConferringLevel.STATE),
        "state_other": AwardKindFactory(code="ky-niem-chuong-thu", name="Kỷ niệm chương thử", conferring_level=ConferringLevel.STATE),
        "city_soldier": AwardKindFactory(
            code="chien-si-thi-dua-thanh-pho-thu", name="CSTĐ thành phố thử", conferring_level=ConferringLevel.CITY
        ),
        "city_cert": AwardKindFactory(
            code="bang-khen-chu-tich-thanh-pho-thu", name="Bằng khen thành phố thử", conferring_level=ConferringLevel.CITY
        ),
        "city_collective": AwardKindFactory(
            code="tap-the-lao-dong-xuat-sac-thu",
            name="Tập thể LĐXS thử",
            conferring_level=ConferringLevel.CITY,
            subject=AwardSubject.COLLECTIVE,
        ),
        "city_household": AwardKindFactory(
            code="gia-dinh-thu", name="Gia đình thử", conferring_level=ConferringLevel.CITY, subject=AwardSubject.HOUSEHOLD
        ),
        "district": AwardKindFactory(code="giay-khen-thu", name="Giấy khen thử", conferring_level=ConferringLevel.DISTRICT),
    }
    dates = [dt.date(2024, 11, 30), START, dt.date(2025, 3, 15), dt.date(2025, 7, 2), END, dt.date(2025, 12, 1)]
    leaderships, directs = [True, False, None], [True, False, None]
    bases = [*NominationBasis.values, None]
    person_kinds = ["order", "pm", "state_other", "city_soldier", "city_cert", "district"]
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
    for kind in ("city_collective", "order", "city_cert"):
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
    for date in (dt.date(2025, 5, 1), dt.date(2025, 12, 1)):
        AwardRecordFactory(person=PersonFactory(unit=ward), award_kind=kinds["city_household"], decision_date=date, year=date.year)

    national = Movement.objects.create(name="Phong trào toàn quốc thử", level=MovementLevel.NATIONAL)
    city = Movement.objects.create(name="Phong trào thành phố thử", level=MovementLevel.CITY)
    campaigns = [
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=START, end_date=dt.date(2025, 4, 30)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=END, end_date=dt.date(2026, 12, 31)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2025, 6, 1), end_date=dt.date(2025, 9, 1)),
        CampaignFactory(kind=CampaignKind.THEMATIC, start_date=dt.date(2024, 11, 30), end_date=dt.date(2025, 3, 1)),  # outside
        CampaignFactory(kind=CampaignKind.REGULAR, start_date=dt.date(2025, 12, 1), end_date=dt.date(2026, 11, 30)),  # outside
    ]
    campaigns[0].movements.add(national, city)
    campaigns[1].movements.add(city)
    campaigns[3].movements.add(national)
    CampaignPhase.objects.create(campaign=campaigns[1], kind=PhaseKind.FINAL_REVIEW, name="Tổng kết", date=dt.date(2025, 5, 10))
    CampaignPhase.objects.create(campaign=campaigns[3], kind=PhaseKind.FINAL_REVIEW, name="Tổng kết", date=dt.date(2025, 12, 5))

    council = Council.objects.create(name="Hội đồng thử", valid_from=dt.date(2025, 2, 1))
    Council.objects.create(name="Hội đồng cũ thử", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2024, 11, 30))  # outside
    for k, since in enumerate((dt.date(2025, 2, 1), dt.date(2023, 1, 1), dt.date(2025, 12, 2))):
        CouncilMember.objects.create(council=council, full_name=f"Thành viên {k}", position="Ủy viên", valid_from=since)
    bloc = Bloc.objects.create(name="Khối thử")
    bloc_year = BlocYear.objects.create(bloc=bloc, year=YEAR)
    BlocYear.objects.create(bloc=Bloc.objects.create(name="Khối năm khác thử"), year=YEAR - 1)
    for unit in (ward, school):
        BlocMember.objects.create(bloc_year=bloc_year, unit=unit, role_from=dt.date(2025, 1, 1))

    UserFactory(unit=district, roles=[Role.REVIEWER], person=PersonFactory(unit=district, gender=Gender.FEMALE))
    UserFactory(unit=district, roles=[Role.REVIEWER, Role.UNIT_OFFICER])
    UserFactory(unit=ward, roles=[Role.UNIT_OFFICER], person=PersonFactory(unit=ward, gender=Gender.MALE))
    UserFactory(unit=school, roles=[Role.UNIT_OFFICER])
    UserFactory(unit=None, roles=[Role.UNIT_OFFICER])
    UserFactory(unit=ward, roles=[Role.UNIT_OFFICER], is_active=False)  # not counted
    UserFactory(unit=ward, roles=[Role.LEADER])  # not TĐKT staff
    return {"kinds": kinds, "ward": ward, "school": school, "council": council}


# --- Independent counts: plain Python over the rows ----------------------------------------------


def _in_year(record):
    day = record.decision_date or dt.date(record.year, 12, 31)
    return START <= day <= END


def _awards():
    rows = AwardRecord.objects.select_related("award_kind", "person", "nomination")
    return [r for r in rows if _in_year(r) and r.award_code.endswith("-thu")]


def _award_column(record, key):
    household = record.award_kind.subject == AwardSubject.HOUSEHOLD
    person = record.person if not household else None
    basis = record.nomination.basis if record.nomination else "unknown"
    checks = {
        "total": True,
        "collective": record.unit_id is not None and not household,
        "household": household,
        "person": person is not None,
        "leaders": person is not None and person.holds_leadership is True,
        "non_leaders": person is not None and person.holds_leadership is False,
        "leadership_unknown": person is not None and person.holds_leadership is None,
        "direct": person is not None and person.is_direct_worker is True,
        "direct_unknown": person is not None and person.is_direct_worker is None,
        "merit": basis == "merit",
        "campaign": basis == "campaign",
        "ad_hoc": basis == "ad_hoc",
        "seniority": basis in ("seniority", "dedication"),
        "foreign": basis == "foreign",
        "basis_unknown": basis == "unknown",
    }
    return checks[key]


AWARD_ROWS = {
    "0602": {
        "total": lambda r: r.award_kind.conferring_level == "state",
        "orders": lambda r: r.award_kind.conferring_level == "state" and r.award_code.startswith("huan-chuong-"),
        "medals": lambda r: r.award_kind.conferring_level == "state" and r.award_code.startswith("huy-chuong-"),
        "honorary": lambda r: False,
        "emulation_soldier": lambda r: False,
        "government_flag": lambda r: False,
        "pm_certificate": lambda r: r.award_kind.conferring_level == "state" and r.award_code.startswith("bang-khen-thu-tuong"),
        "other": lambda r: r.award_code == "ky-niem-chuong-thu",
    },
    "0603": {
        "total": lambda r: r.award_kind.conferring_level == "city",
        "emulation_soldier": lambda r: r.award_code == "chien-si-thi-dua-thanh-pho-thu",
        "flag": lambda r: False,
        "excellent_collective": lambda r: r.award_code == "tap-the-lao-dong-xuat-sac-thu",
        "certificate": lambda r: r.award_code == "bang-khen-chu-tich-thanh-pho-thu",
        "other": lambda r: r.award_code == "gia-dinh-thu",
    },
}


@pytest.mark.parametrize("code", ["0602", "0603"])
def test_award_forms_every_cell_equals_an_independent_count(data, code):
    form = _form(code)
    grid = compute(form, context_for(YEAR))
    records = _awards()
    assert len(grid.rows) == len(AWARD_ROWS[code])
    for row, cells in grid.rows:
        for cell in cells:
            expected = sum(1 for r in records if AWARD_ROWS[code][row.key](r) and _award_column(r, cell.column))
            assert cell.value == expected, (code, row.key, cell.column)
    # The data set is not trivial: the figures are not all zero, and the parts add up.
    total = grid.value("total", "total")
    assert total > 5
    parts = ["collective", "household", "person"]
    assert sum(grid.value("total", k) for k in parts) == total
    assert sum(grid.value("total", k) for k in ["leaders", "non_leaders", "leadership_unknown"]) == grid.value("total", "person")
    bases = ["merit", "campaign", "ad_hoc", "seniority", "foreign", "basis_unknown"]
    assert sum(grid.value("total", k) for k in bases) == total
    assert sum(grid.value(r.key, "total") for r in form.rows if r.key != "total") == total


def test_0601_counts_movements_launched_in_the_year(data):
    grid = compute(_form("0601"), context_for(YEAR))
    launched = [c for c in Campaign.objects.prefetch_related("movements", "phases") if START <= c.start_date <= END]
    assert len(launched) == 4

    def level(c):
        levels = {m.level for m in c.movements.all()}
        return "national" if "national" in levels else "city" if "city" in levels else "local"

    columns = {
        "total": lambda c: True,
        "national": lambda c: level(c) == "national",
        "city": lambda c: level(c) == "city",
        "local": lambda c: level(c) == "local",
        "short": lambda c: (c.end_date - c.start_date).days < 364,
        "long": lambda c: (c.end_date - c.start_date).days >= 364,
        "reviewed": lambda c: any(p.kind == "final_review" and START <= p.date <= END for p in c.phases.all()),
    }
    rows = {"total": lambda c: True, "regular": lambda c: c.kind == "regular", "thematic": lambda c: c.kind == "thematic"}
    for row, cells in grid.rows:
        for cell in cells:
            assert cell.value == sum(1 for c in launched if rows[row.key](c) and columns[cell.column](c)), (row.key, cell.column)
    assert grid.value("total", "national") == 2 and grid.value("total", "reviewed") == 1


def test_0604_organisation(data):
    grid = compute(_form("0604"), context_for(YEAR))

    def in_force(obj):
        return obj.valid_from <= END and (obj.valid_to is None or obj.valid_to >= START)

    councils = [c for c in Council.objects.all() if in_force(c)]
    members = [m for m in CouncilMember.objects.select_related("council") if in_force(m) and in_force(m.council)]
    assert grid.value("councils", "total") == len(councils) >= 1
    assert grid.value("councils", "new") == sum(1 for c in councils if START <= c.valid_from <= END) >= 1
    assert grid.value("council_members", "total") == len(members) >= 2  # the one from 02/12/2025 is not yet a member
    assert grid.value("council_members", "new") == sum(1 for m in members if START <= m.valid_from <= END)
    assert grid.value("blocs", "total") == BlocYear.objects.filter(year=YEAR).count() >= 1
    assert grid.value("bloc_members", "total") == BlocMember.objects.filter(bloc_year__year=YEAR).count() >= 2
    assert grid.value("blocs", "new") is None  # not applicable: printed "x"


def test_0605_staff(data):
    grid = compute(_form("0605"), context_for(YEAR))
    staff = [u for u in User.objects.select_related("person", "unit") if u.is_active and {"reviewer", "unit_officer"} & set(u.roles)]
    rows = {
        "total": lambda u: True,
        "full_time": lambda u: "reviewer" in u.roles,
        "part_time": lambda u: "reviewer" not in u.roles,
    }
    kinds = {
        "departments": {"department", "committee"},
        "public_service": {"public_service"},
        "wards": {"ward", "commune", "special_zone"},
        "front": {"front", "mass_organisation"},
    }

    def column(u, key):
        gender = u.person.gender if u.person_id else ""
        if key == "total":
            return True
        if key in ("female", "male"):
            return gender == key
        if key == "gender_unknown":
            return gender == ""
        unit_kind = u.unit.kind if u.unit_id else None
        if key == "other_units":
            return not any(unit_kind in v for v in kinds.values())
        return unit_kind in kinds[key]

    for row, cells in grid.rows:
        for cell in cells:
            assert cell.value == sum(1 for u in staff if rows[row.key](u) and column(u, cell.column)), (row.key, cell.column)
    assert grid.value("total", "total") == 5 and grid.value("full_time", "total") == 2


# --- The statistical year's edges ----------------------------------------------------------------


def test_year_runs_from_first_of_december_to_thirtieth_of_november(data):
    version = version_for_year(YEAR)
    assert version.period(YEAR) == (START, END)
    form = _form("0602")
    kind = data["kinds"]["order"]
    before = compute(form, context_for(YEAR)).value("orders", "total")
    AwardRecordFactory(person=PersonFactory(), award_kind=kind, decision_date=dt.date(2025, 11, 30), year=2025)
    assert compute(form, context_for(YEAR)).value("orders", "total") == before + 1
    AwardRecordFactory(person=PersonFactory(), award_kind=kind, decision_date=dt.date(2025, 12, 1), year=2025)
    assert compute(form, context_for(YEAR)).value("orders", "total") == before + 1
    assert compute(form, context_for(YEAR + 1)).value("orders", "total") >= 1  # 01/12/2025 opens 2026


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
    [("0602", "total", "leaders"), ("0603", "total", "basis_unknown"), ("0601", "total", "national"), ("0605", "total", "female")],
)
def test_drilldown_lists_exactly_the_records_of_its_cell(data, code, row, column):
    form = _form(code)
    ctx = context_for(YEAR)
    source, qs = drilldown(form, row, column, ctx)
    assert qs.count() == compute(form, ctx).value(row, column) > 0
    assert drilldown(form, "blocs", "new", ctx) is None
    assert drilldown(form, "nope", column, ctx) is None


def test_drilldown_page_equals_its_cell(data, client, reviewer, issuers):
    client.force_login(reviewer)
    url = reverse("reports:statform-cell", args=["0602"])
    # No body chosen: the whole year, named after the body in force on 30/11/2025 (the ward).
    response = client.get(url, {"year": YEAR, "row": "total", "col": "person"})
    assert response.status_code == 200
    assert response.context["ctx"].body is None and response.context["ctx"].reporter == list(issuers)[1]
    expected = compute(_form("0602"), context_for(YEAR)).value("total", "person")
    assert response.context["page"].paginator.count == expected > 0
    assert len(response.context["lines"]) == min(expected, response.context["page"].paginator.per_page)
    # A chosen body: its part of the year.
    body = list(issuers)[0]
    response = client.get(url, {"year": YEAR, "body": body.pk, "row": "total", "col": "person"})
    assert response.context["page"].paginator.count == compute(_form("0602"), context_for(YEAR, body)).value("total", "person") < expected
    page = client.get(reverse("reports:statform", args=["0602"]), {"year": YEAR, "body": body.pk})
    html = page.content.decode()
    assert "row=total&amp;col=person" in html and "chi-tiet" in html


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
    assert "SỐ KHEN THƯỞNG CẤP NHÀ NƯỚC" in flat
    assert "Đơn vị báo cáo: Ủy ban nhân dân quận Đồ Sơn" in flat
    assert "Đơn vị nhận báo cáo:" in flat and "Ngày nhận báo cáo:" in flat
    assert "từ ngày 01/12/2024 đến ngày 30/06/2025" in flat
    assert "THỦ TRƯỞNG ĐƠN VỊ" in flat and "NGƯỜI LẬP BIỂU" in flat
    total_line = next(line for line in text.splitlines() if line.strip().startswith("Tổng số") and " 01 " in f" {line} ")
    figures = [int(x) for x in total_line.split()[3:]]
    assert figures == [c.value for c in grid.rows[0][1]]
    assert "chưa đối chiếu" not in flat.lower()  # administrators' notes never print


def test_pdf_of_a_narrow_form_is_portrait(data, tmp_path):
    ctx = context_for(YEAR)
    text, info = _pdf(to_pdf(version_for_year(YEAR), compute(_form("0604"), ctx), ctx), tmp_path)
    assert "595.27" in info and "x 841.89 pts" in info  # A4 portrait
    assert "Hội đồng Thi đua – Khen thưởng" in text and " x" in text


def test_xlsx_has_merged_headers_and_the_figures(data):
    ctx = context_for(YEAR)
    form = _form("0602")
    grid = compute(form, ctx)
    wb = load_workbook(io.BytesIO(to_xlsx(version_for_year(YEAR), grid, ctx)))
    ws = wb.active
    assert ws["A1"].value == "Biểu số: 0602.N/BNV-TĐKT"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A5:A7" in merged and "B5:B7" in merged  # Chỉ tiêu, Mã số over the three header rows
    assert "D5:K5" in merged  # "Chia theo đối tượng" over its eight columns
    assert "F6:K6" in merged  # "Cá nhân" over its six
    assert ws["D5"].value == "Chia theo đối tượng" and ws["F6"].value == "Cá nhân"
    letters = [c.value for c in ws[8]][: 2 + len(form.columns)]
    assert letters == ["A", "B", *[str(i) for i in range(1, len(form.columns) + 1)]]
    for offset, (row, cells) in enumerate(grid.rows, start=9):
        line = [c.value for c in ws[offset]]
        assert line[0].strip() == row.label and line[1] == row.code
        assert line[2 : 2 + len(cells)] == [c.value for c in cells]
    assert ws.cell(row=9, column=3).value == grid.value("total", "total") > 0


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
        assert page.status_code == 200 and ("Chưa đối chiếu" in page.content.decode()) == (user == administrator)
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
    urls += [reverse("reports:statform-cell", args=[f.code]) for f in version_for_year(YEAR).forms]
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
    assert len(urls) == 3
    client.force_login(reviewer)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert statistical_forms in [function for _label, function, _target in BENCHMARKS]
    assert statistical_forms() == sum(len(f.rows) for f in version_for_year(2026).forms)
