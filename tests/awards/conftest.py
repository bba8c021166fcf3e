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
