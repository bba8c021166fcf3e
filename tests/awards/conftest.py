"""Fixtures of the awards tests: the seeded catalogue (data migration), a nomination factory and
files for uploads."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards.enums import NominationState, RecordSource
from awards.models import AwardKind, AwardRecord, Nomination
from awards.selectors import kinds_valid_on

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def catalogue(request):
    """The catalogue comes from data migration 0003; a transactional test elsewhere in the session
    flushes it, so re-seed when it is missing."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
        request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from django.apps import apps

    from awards.catalogue import seed

    if not AwardKind.objects.exists():
        seed(apps)


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def kind(db):
    """kind(code) -> the version of that award kind valid today."""

    def get(code):
        return kinds_valid_on().get(code=code)

    return get


def pdf_file(name="bao-cao.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def make_nomination(db, kind, this_year):
    def make(*, person=None, unit=None, code="giay-khen-chu-tich", state=NominationState.DRAFT, by=None, year=None, **extra):
        award = kind(code) if isinstance(code, str) else code
        nominee_unit = unit if person is None else None
        owner = person.unit if person is not None else nominee_unit
        from tests.factories import UserFactory

        return Nomination.objects.create(
            unit=owner,
            nominee_person=person,
            nominee_unit=nominee_unit,
            nominee_name=person.full_name if person else nominee_unit.name,
            award_kind=award,
            year=year or this_year,
            achievement_summary="Hoàn thành xuất sắc nhiệm vụ được giao.",
            state=state,
            created_by=by or UserFactory(),
            is_direct_worker=person.is_direct_worker if person else False,
            **extra,
        )

    return make


@pytest.fixture
def make_record(db):
    def make(*, code, year, person=None, unit=None):
        award = AwardKind.objects.filter(code=code).order_by("-valid_from").first()
        return AwardRecord.objects.create(
            person=person,
            unit=unit,
            award_kind=award,
            award_code=code,
            award_name=award.name,
            year=year,
            recipient_name=str(person or unit),
            unit_name=(person.unit if person else unit).name,
            decision_number=f"{year % 100:02d}/QĐ-UBND",
            decision_date=dt.date(year, 12, 20),
            source=RecordSource.IMPORTED,
        )

    return make


def xlsx_bytes(headers, rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- Issue 5: issuing bodies, council, nominations ready for the council ---------------------------


@pytest.fixture
def issuers(db):
    """The seeded issuing bodies, signers and councils (migration 0005; re-seeded after a flush)."""
    from django.apps import apps

    from awards.catalogue import seed_issuers
    from awards.models import IssuingBody

    if not IssuingBody.objects.exists():
        seed_issuers(apps)
    return IssuingBody.objects.order_by("valid_from")


@pytest.fixture
def council(issuers, this_year):
    from awards.selectors import council_on

    return council_on(dt.date(this_year, 1, 1))


@pytest.fixture
def members(council, council_member, district):
    """A roster of three members with accounts (council_member is the first)."""
    from awards.models import CouncilMember
    from tests.factories import UserFactory
    from units.enums import Role

    users = [council_member] + [UserFactory(username=f"hoidong_t{i}", unit=district, roles=[Role.COUNCIL_MEMBER]) for i in (2, 3)]
    return [
        CouncilMember.objects.create(
            council=council,
            user=user,
            full_name=name,
            position="Chủ tịch UBND" if i == 0 else "Trưởng phòng",
            council_role="Chủ tịch Hội đồng" if i == 0 else "Ủy viên",
            display_order=i,
            valid_from=dt.date(2024, 1, 1),
        )
        for i, (user, name) in enumerate(zip(users, ["Trần Khắc Kiên", "Phạm Văn Tuấn", "Lê Thị Hồng Nhung"], strict=True))
    ]


@pytest.fixture
def posted(make_nomination, reviewer, unit, this_year):
    """posted(names, code=..., ended=True) -> verified nominations on a public list whose posting has
    ended (or is still running)."""
    from awards.models import PublicNotice
    from tests.factories import PersonFactory

    def make(names, code="giay-khen-chu-tich", ended=True):
        nominations = [
            make_nomination(person=PersonFactory(unit=unit, full_name=name), code=code, state=NominationState.VERIFIED) for name in names
        ]
        today = timezone.localdate()
        start = today - dt.timedelta(days=20) if ended else today
        notice = PublicNotice.objects.create(
            title="Danh sách đề nghị", start_date=start, working_days=5, end_date=start + dt.timedelta(days=7), created_by=reviewer
        )
        notice.nominations.set(nominations)
        return nominations

    return make
