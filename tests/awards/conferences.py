"""A conference's world shared by the conference tests: the special campaign with accepted exemplars
(a collective with a photo, a person), awards of the stage, and the district's conference of
20/06/2025 assembled through the services (honourees, programme, guests)."""

import datetime as dt
from types import SimpleNamespace

from django.core.files.base import ContentFile

from awards import conference as conf
from awards.conference_forms import AgendaFormSet, GuestFormSet
from awards.enums import RecordSource
from awards.models import AwardKind, AwardRecord, Conference
from campaigns.models import ExemplarPhoto

from ..campaigns.factories import CampaignFactory, ExemplarFactory

# A 1×1 PNG (valid, so WeasyPrint draws it in the booklet).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx"
    b"\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


def record(*, code, year, person=None, unit=None, number=None, day=None):
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
        decision_number=number or f"{year % 100:02d}/QĐ-UBND",
        decision_date=day or dt.date(year, 12, 20),
        source=RecordSource.IMPORTED,
    )


def formset_data(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def conference_world(*, reviewer, unit, person, issuers):
    w = SimpleNamespace()
    w.campaign = CampaignFactory(name="Đợt thi đua đặc biệt chào mừng Đại hội Đảng bộ quận lần thứ XXVI")
    w.collective = ExemplarFactory(
        campaign=w.campaign,
        unit=unit,
        kind="exemplary_collective",
        title="Mô hình “Phường văn minh”",
        summary="Giảm 40% rác thải nhựa.",
        state="accepted",
    )
    photo = ExemplarPhoto(exemplar=w.collective, original_name="anh.png", kind="png")
    photo.file.save("anh.png", ContentFile(PNG), save=True)
    w.individual = ExemplarFactory(
        campaign=w.campaign,
        unit=unit,
        kind="exemplary_person",
        person=person,
        title="Người tốt việc tốt",
        summary="Hiến 300 m² đất làm đường.",
        state="accepted",
    )
    w.draft_exemplar = ExemplarFactory(campaign=w.campaign, unit=unit, state="draft")
    w.award = record(code="giay-khen-chu-tich", year=2023, person=person, number="15/QĐ-UBND", day=dt.date(2023, 12, 26))
    w.old_award = record(code="giay-khen-chu-tich", year=2019, unit=unit, number="09/QĐ-UBND", day=dt.date(2019, 12, 20))
    w.conference = conf.conference_save(
        conference=Conference(
            title="Hội nghị điển hình tiên tiến quận Đồ Sơn năm 2025",
            date=dt.date(2025, 6, 20),
            start_time=dt.time(8, 0),
            location="Hội trường UBND quận",
            campaign=w.campaign,
            period_start=dt.date(2021, 1, 1),
            period_end=dt.date(2025, 6, 30),
            invitation_number="45/GM-UBND",
            signer_title="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
            signer_name="Trần Khắc Kiên",
        ),
        by=reviewer,
    )
    conf.honourees_add(conference=w.conference, exemplars=[w.collective, w.individual], awards=[w.award], by=reviewer)
    agenda = AgendaFormSet(
        formset_data(
            "agenda",
            [
                {"order": "1", "time": "08:00", "title": "Khai mạc hội nghị", "speaker": "Chủ tịch UBND quận", "report": ""},
                {
                    "order": "2",
                    "time": "08:15",
                    "title": "Báo cáo tổng kết",
                    "speaker": "Trưởng phòng Nội vụ",
                    "report": "Báo cáo tổng kết giai đoạn 2021–2025",
                },
            ],
        ),
        instance=w.conference,
        prefix="agenda",
    )
    assert agenda.is_valid(), agenda.errors
    conf.children_save(conference=w.conference, formset=agenda, reason="Sửa chương trình hội nghị", by=reviewer)
    guests = GuestFormSet(
        formset_data(
            "guests",
            [
                {
                    "order": "1",
                    "title": "Đồng chí",
                    "person_name": "Lê Văn Hải",
                    "unit_name": "Ban Thi đua – Khen thưởng, Sở Nội vụ",
                    "note": "",
                },
                {"order": "2", "title": "", "person_name": "", "unit_name": "Hội Cựu chiến binh quận", "note": "Mời 02 đại biểu"},
            ],
        ),
        instance=w.conference,
        prefix="guests",
    )
    assert guests.is_valid(), guests.errors
    conf.children_save(conference=w.conference, formset=guests, reason="Sửa danh sách khách mời", by=reviewer)
    return w


def grow_conference(w, n, *, reviewer, unit, set_exemplar=True):
    """A fresh conference with n honourees (exemplars with a photo each, and awards), n programme
    items, n guests and n issued decisions' links, a stage review of it, and n more accepted
    exemplars to pick from: the query budget's rows at 1, 3 and 50 (w.conference, w.review, w.exemplar)."""
    from django.utils import timezone

    from awards.models import ConferenceAgendaItem, ConferenceGuest, ConferenceHonouree
    from reports.models import StageReview

    from ..factories import PersonFactory

    today = timezone.localdate()
    campaign = CampaignFactory(start_date=dt.date(today.year - 1, 1, 1), end_date=dt.date(today.year, 12, 31))
    w.conference = Conference.objects.create(
        title=f"Hội nghị điển hình tiên tiến ({n})",
        level="ward",
        date=today,
        location="Hội trường",
        campaign=campaign,
        period_start=dt.date(today.year - 4, 1, 1),
        period_end=today,
        created_by=reviewer,
    )
    honourees, agenda, guests = [], [], []
    for i in range(n):
        exemplar = ExemplarFactory(campaign=campaign, unit=unit, state="accepted")
        photo = ExemplarPhoto(exemplar=exemplar, original_name=f"anh{i}.png", kind="png")
        photo.file.save(f"anh{i}.png", ContentFile(PNG), save=True)
        ExemplarFactory(campaign=campaign, unit=unit, state="accepted")  # a candidate left to pick
        person = PersonFactory(unit=unit)
        award = record(code="giay-khen-chu-tich", year=today.year, person=person, day=today)
        record(code="giay-khen-chu-tich", year=today.year - 1, person=person, day=today.replace(year=today.year - 1))  # a candidate
        honourees += [
            ConferenceHonouree(
                conference=w.conference,
                exemplar=exemplar,
                unit=unit,
                is_collective=True,
                name=unit.name,
                achievement="Thành tích",
                order=2 * i,
            ),
            ConferenceHonouree(
                conference=w.conference, award_record=award, person=person, name=person.full_name, achievement="Thành tích", order=2 * i + 1
            ),
        ]
        agenda.append(ConferenceAgendaItem(conference=w.conference, order=i, title=f"Mục {i}", speaker="Lãnh đạo"))
        guests.append(ConferenceGuest(conference=w.conference, order=i, person_name=f"Khách {i}", title="Ông", unit_name="Sở Nội vụ"))
    ConferenceHonouree.objects.bulk_create(honourees)
    ConferenceAgendaItem.objects.bulk_create(agenda)
    ConferenceGuest.objects.bulk_create(guests)
    for i in range(n):
        StageReview.objects.create(
            period="2021-2025", conference=w.conference, title=f"Báo cáo tổng kết {i}", date=today, created_by=reviewer
        )
    w.review = w.conference.reviews.order_by("-id").first()
    if set_exemplar:
        w.exemplar = w.conference.honourees.filter(exemplar__isnull=False).first().exemplar
    return w
