"""The five-year review (issue 14): the stage's figures equal independent counts of a built data set
(plain ORM queries and Python loops here, not the selectors), and the review prints them with the
reviewer's sections in the official layout, as PDF (pdftotext per page) and DOCX (its XML)."""

import datetime as dt
import io
import subprocess
import zipfile
from decimal import Decimal

import pytest
from django.db.models import Q

from awards.models import AwardKind, AwardRecord
from campaigns.models import Campaign, Exemplar, Movement, Registration, RegistrationEntry
from reports import review as stage
from reports.models import StageReview

from ..awards.conftest import issuers  # noqa: F401 (the seeded issuing bodies)
from ..campaigns.factories import CampaignFactory, ExemplarFactory, RegistrationEntryFactory, RegistrationFactory
from ..factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
START, END = dt.date(2021, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture
def data(issuers, unit, other_unit):  # noqa: F811
    from django.apps import apps

    from awards.catalogue import seed

    if not AwardKind.objects.exists():
        seed(apps)
    movement = Movement.objects.create(name="Cả nước thi đua xây dựng xã hội học tập", level="national")
    campaigns = [
        CampaignFactory(name="Thi đua năm 2019", kind="regular", start_date=dt.date(2019, 1, 1), end_date=dt.date(2019, 12, 31)),
        CampaignFactory(name="Chuyển đổi số 2020–2021", kind="thematic", start_date=dt.date(2020, 6, 1), end_date=dt.date(2021, 6, 30)),
        CampaignFactory(name="Thi đua năm 2021", kind="regular", start_date=dt.date(2021, 1, 1), end_date=dt.date(2021, 12, 31)),
        CampaignFactory(name="Thi đua năm 2023", kind="regular", start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31)),
        CampaignFactory(name="Đợt thi đua đặc biệt", kind="thematic", start_date=dt.date(2024, 11, 15), end_date=dt.date(2025, 12, 31)),
    ]
    for c in campaigns[1:4]:
        c.movements.add(movement)
    units = [unit, other_unit, UnitFactory(), UnitFactory()]
    people = [
        PersonFactory(unit=unit, is_direct_worker=True, gender="female"),
        PersonFactory(unit=unit, is_direct_worker=False),
        PersonFactory(unit=other_unit, is_direct_worker=None),
        PersonFactory(unit=other_unit, is_direct_worker=True),
    ]
    for i, c in enumerate(campaigns):
        for j, u in enumerate(units[: i + 1]):
            reg = RegistrationFactory(campaign=c, unit=u, state=["submitted", "accepted", "draft"][(i + j) % 3])
            for p in people[: j + 1]:
                RegistrationEntryFactory(registration=reg, person=p)
        ExemplarFactory(campaign=c, unit=units[0], kind="good_model", state="accepted")
        ExemplarFactory(campaign=c, unit=units[1], kind="exemplary_person", person=people[0], state="accepted" if i % 2 else "submitted")
    kinds = {
        k.code: k for k in AwardKind.objects.filter(code__in=["giay-khen-chu-tich", "lao-dong-tien-tien", "bang-khen-chu-tich-thanh-pho"])
    }
    codes = sorted(kinds)
    n = 0
    for year in range(2020, 2026):
        for i, p in enumerate(people):
            code = codes[(year + i) % len(codes)]
            AwardRecord.objects.create(
                person=p,
                award_kind=kinds[code],
                award_code=code,
                award_name=kinds[code].name,
                year=year,
                recipient_name=p.full_name,
                decision_date=None if (year, i) == (2022, 3) else dt.date(year, 12, 1 + i),
            )
            n += 1
        AwardRecord.objects.create(
            unit=units[year % 4],
            award_code="tap-the-x",
            award_name="Tập thể lao động tiên tiến",
            year=year,
            recipient_name="T",
            decision_date=dt.date(year, 11, 2),
        )
    # Decided in January 2026 for the year 2025: outside the stage by its decision date.
    AwardRecord.objects.create(
        person=people[0], award_code="khac", award_name="Khác", year=2026, recipient_name="x", decision_date=dt.date(2026, 1, 5)
    )
    return {"campaigns": campaigns, "people": people}


def _stage_awards():
    years = list(range(2021, 2026))
    return AwardRecord.objects.filter(Q(decision_date__range=(START, END)) | Q(decision_date__isnull=True, year__in=years))


def test_stage_figures_equal_independent_counts(data):
    f = stage.stage_figures("2021-2025")
    in_stage = Campaign.objects.filter(start_date__lte=END, end_date__gte=START)
    assert f.campaigns == {
        "total": in_stage.count(),
        "regular": in_stage.filter(kind="regular").count(),
        "thematic": in_stage.filter(kind="thematic").count(),
        "movements": Movement.objects.filter(campaigns__in=in_stage).distinct().count(),
    }
    assert f.campaigns["total"] == 4  # 2019 left out, the 2020–2021 campaign in
    sent = Registration.objects.filter(campaign__in=in_stage, state__in=["submitted", "accepted"])
    assert f.registrations == {
        "units": sent.count(),
        "persons": RegistrationEntry.objects.filter(registration__in=sent).count(),
    }
    awards = list(_stage_awards().select_related("person"))
    persons = [a for a in awards if a.person_id]
    assert f.awards["total"] == len(awards) == 25  # 2021–2025: four persons and one collective a year
    assert f.awards["persons"] == len(persons)
    assert f.awards["collectives"] == len([a for a in awards if a.unit_id])
    assert f.awards["direct_workers"] == len([a for a in persons if a.person.is_direct_worker is True])
    assert f.awards["leadership"] == len([a for a in persons if a.person.is_direct_worker is False])
    assert f.awards["direct_unknown"] == len([a for a in persons if a.person.is_direct_worker is None])
    assert f.awards["direct_share"] == round(Decimal(f.awards["direct_workers"]) * 100 / Decimal(len(persons)), 1)
    by_kind = {}
    for a in awards:
        by_kind[a.award_name] = by_kind.get(a.award_name, 0) + 1
    assert {name: total for name, total, _p, _c in f.by_kind} == by_kind
    levels = {}
    for a in _stage_awards().select_related("award_kind"):
        label = a.award_kind.get_conferring_level_display() if a.award_kind_id else stage.NOT_STATED
        levels[label] = levels.get(label, 0) + 1
    assert {label: n for label, n in f.by_level if n} == levels
    accepted = Exemplar.objects.filter(campaign__in=in_stage, state="accepted")
    assert f.exemplars["total"] == accepted.count()
    assert dict(f.exemplars["by_kind"])["Mô hình hay"] == accepted.filter(kind="good_model").count()


def test_year_by_year_table_sums_to_the_stage(data):
    f = stage.stage_figures("2021-2025")
    in_stage = Campaign.objects.filter(start_date__lte=END, end_date__gte=START)
    for row in f.by_year:
        y = row["year"]
        started = [c for c in in_stage if max(c.start_date.year, 2021) == y]
        assert row["campaigns"] == len(started), y
        assert row["registrations"] == Registration.objects.filter(campaign__in=started, state__in=["submitted", "accepted"]).count(), y
        year_awards = [a for a in _stage_awards().select_related("person") if (a.decision_date.year if a.decision_date else a.year) == y]
        assert row["awards"] == len(year_awards), y
        assert row["direct_workers"] == len([a for a in year_awards if a.person_id and a.person.is_direct_worker is True]), y
        assert row["exemplars"] == Exemplar.objects.filter(campaign__in=started, state="accepted").count(), y
    assert sum(r["awards"] for r in f.by_year) == f.awards["total"]
    assert sum(r["campaigns"] for r in f.by_year) == f.campaigns["total"]
    assert [r["year"] for r in f.by_year] == [2021, 2022, 2023, 2024, 2025]
    assert f.by_year[0]["campaigns"] == 2  # the 2021 campaign and the one carried over from 2020


@pytest.fixture
def review(data, reviewer):
    return StageReview.objects.create(
        period="2021-2025",
        title="Tổng kết phong trào thi đua, công tác khen thưởng giai đoạn 2021–2025",
        number="125/BC-UBND",
        date=dt.date(2025, 6, 15),
        introduction="Thực hiện Chỉ thị của Chủ tịch UBND quận, UBND quận báo cáo như sau:",
        results="Các phong trào thi đua được triển khai sâu rộng.\nNhiều mô hình hay được nhân rộng.",
        limitations="Một số đơn vị đăng ký thi đua còn hình thức.",
        lessons="Người đứng đầu phải trực tiếp chỉ đạo.",
        direction="Phấn đấu 100% đơn vị đăng ký thi đua.",
        recipients="Sở Nội vụ thành phố;\nThường trực Quận ủy;\nLưu: VT, NV.",
        signer_title="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
        signer_name="Trần Khắc Kiên",
        created_by=reviewer,
    )


def _pdf_pages(data, tmp_path, layout=False):
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", *(["-layout"] if layout else []), "-f", str(i), "-l", str(i), str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )
        for i in range(1, count + 1)
    ]


def test_review_pdf_prints_the_layout_figures_and_sections(review, tmp_path):
    pdf = stage.review_pdf(review)
    pages = _pdf_pages(pdf, tmp_path)
    first, text = pages[0], " ".join(pages)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "QUẬN ĐỒ SƠN",
        "Số: 125/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đồ Sơn, ngày 15 tháng 6 năm 2025",
        "BÁO CÁO",
    ):
        assert expected in first, expected
    f = stage.stage_figures("2021-2025")
    assert f"đã tổ chức {f.campaigns['total']} phong trào" in text
    assert f"Đã khen thưởng {f.awards['total']} lượt" in text
    for expected in (
        "Các phong trào thi đua được triển khai sâu rộng.",
        "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
        "Một số đơn vị đăng ký thi đua còn hình thức.",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ CHỈ TIÊU GIAI ĐOẠN 2026–2030",
        "Nơi nhận:",
        "- Sở Nội vụ thành phố;",
        "- Lưu: VT, NV.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Khắc Kiên",
    ):
        # (a line may break after the en dash of "2026–2030")
        assert expected in text.replace("– ", "–"), expected
    table = " ".join(_pdf_pages(pdf, tmp_path, layout=True))
    row_2023 = next(r for r in f.by_year if r["year"] == 2023)
    assert (
        f"2023 {row_2023['campaigns']} {row_2023['registrations']} {row_2023['persons_registered']} {row_2023['exemplars']} {row_2023['awards']}"
        in table
    )
    assert (
        f"Cả giai đoạn {f.campaigns['total']} {f.registrations['units']} {f.registrations['persons']} {f.exemplars['total']} {f.awards['total']}"
        in table
    )


def test_review_docx_has_the_same_text(review):
    data = stage.review_docx(review)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    import re

    text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    f = stage.stage_figures("2021-2025")
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "QUẬN ĐỒ SƠN",
        "Số: 125/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Đồ Sơn, ngày 15 tháng 6 năm 2025",
        "BÁO CÁO",
        f"Đã khen thưởng {f.awards['total']} lượt",
        "Bảng 1. So sánh kết quả qua các năm",
        "Cả giai đoạn",
        "Nhiều mô hình hay được nhân rộng.",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ CHỈ TIÊU GIAI ĐOẠN 2026–2030",
        "Phấn đấu 100% đơn vị đăng ký thi đua.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Trần Khắc Kiên",
    ):
        assert expected in text, expected


def test_review_pages_show_figures_and_refuse_a_unit_officer(review, client, reviewer, officer):
    from django.urls import reverse

    client.force_login(officer)
    assert client.get(reverse("reports:review-detail", args=[review.pk])).status_code == 403
    client.force_login(reviewer)
    page = client.get(reverse("reports:review-detail", args=[review.pk])).content.decode()
    assert "Bảng 1. So sánh kết quả qua các năm" in page and "Người đứng đầu phải trực tiếp chỉ đạo." in page
    response = client.post(
        reverse("reports:review-update", args=[review.pk]),
        {"period": "2025", "title": "X", "date": "15/06/2025", "recipients": ""},
    )
    assert "Báo cáo tổng kết giai đoạn cần nhiều năm, ví dụ 2021-2025." in response.content.decode()
    response = client.post(
        reverse("reports:review-update", args=[review.pk]),
        {"period": "giai đoạn 2021–2025", "title": "Báo cáo sửa", "date": "16/06/2025", "lessons": "Bài học mới."},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.period, review.title, review.lessons) == ("2021-2025", "Báo cáo sửa", "Bài học mới.")
    assert list(review.history.order_by("history_id").values_list("history_change_reason", flat=True))[-1] == "Sửa báo cáo tổng kết"
