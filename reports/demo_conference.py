"""Demo data of the advanced-models conference: the district's Hội nghị điển hình tiên tiến quận Đồ
Sơn of 20/06/2025 (before the district ceased on 30/06/2025), concluding the special campaign, with
its honourees chosen from the record (accepted exemplars, awards of 2021–2025), programme, guests,
the decisions issued by then, and its filled five-year review report. Idempotent: a conference with
the same title is left as it is. Everything goes through the services, so the rows carry history."""

import datetime as dt

from awards import conference as conf
from awards.conference_forms import AgendaFormSet, GuestFormSet
from awards.models import Conference
from campaigns.demo import SPECIAL_NAME
from campaigns.models import Campaign
from units.models import User

from . import services
from .models import StageReview

TITLE = "Hội nghị điển hình tiên tiến quận Đồ Sơn năm 2025"
DATE = dt.date(2025, 6, 20)
AGENDA = [
    ("07:30", "Đón tiếp đại biểu; chương trình văn nghệ chào mừng", "Trung tâm Văn hóa, Thông tin và Thể thao quận", ""),
    ("08:00", "Tuyên bố lý do, giới thiệu đại biểu", "Chánh Văn phòng HĐND và UBND quận", ""),
    ("08:10", "Phát biểu khai mạc hội nghị", "Chủ tịch UBND quận", ""),
    (
        "08:20",
        "Báo cáo tổng kết phong trào thi đua yêu nước giai đoạn 2021–2025, phương hướng giai đoạn 2026–2030",
        "Trưởng phòng Nội vụ",
        "Báo cáo tổng kết giai đoạn 2021–2025",
    ),
    ("09:00", "Tham luận của các điển hình tiên tiến", "Đại diện các tập thể, cá nhân tiêu biểu", "03 tham luận"),
    ("09:45", "Công bố quyết định và trao khen thưởng", "Lãnh đạo UBND quận", "Các quyết định khen thưởng"),
    ("10:30", "Phát động thi đua giai đoạn 2026–2030; bế mạc", "Chủ tịch UBND quận", ""),
]
GUESTS = [
    ("Đồng chí", "Lê Văn Hải", "Ban Thi đua – Khen thưởng, Sở Nội vụ thành phố Hải Phòng", ""),
    ("Đồng chí", "", "Thường trực Quận ủy Đồ Sơn", "Mời dự và chỉ đạo"),
    ("Đồng chí", "", "Thường trực HĐND quận", ""),
    ("", "", "Ủy ban Mặt trận Tổ quốc Việt Nam quận", ""),
    ("", "", "Hội Liên hiệp Phụ nữ quận", ""),
    ("", "", "Hội Cựu chiến binh quận", ""),
    ("", "", "Quận đoàn Đồ Sơn", ""),
    ("", "", "UBND các phường Bàng La, Hải Sơn, Hợp Đức, Minh Đức, Ngọc Xuyên, Vạn Hương", "Mỗi phường 02 đại biểu"),
]
REVIEW = {
    "period": "2021-2025",
    "title": "Tổng kết phong trào thi đua yêu nước và công tác khen thưởng giai đoạn 2021–2025; phương hướng, nhiệm vụ giai đoạn 2026–2030",
    "number": "118/BC-UBND",
    "date": dt.date(2025, 6, 15),
    "introduction": "Thực hiện Chỉ thị của Chủ tịch Ủy ban nhân dân quận về việc đẩy mạnh phong trào thi đua yêu nước chào mừng Đại hội Đảng bộ "
    "các cấp, Hội nghị điển hình tiên tiến quận Đồ Sơn tiến tới Đại hội Thi đua yêu nước thành phố lần thứ X, Ủy ban nhân dân quận báo cáo "
    "tổng kết phong trào thi đua yêu nước giai đoạn 2021–2025 như sau:",
    "results": "Các phong trào thi đua được phát động thường xuyên, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị và các phường; "
    "nội dung thi đua bám sát các chỉ tiêu phát triển kinh tế – xã hội.\n"
    "Nhiều mô hình hay, cách làm sáng tạo được phát hiện, bồi dưỡng và nhân rộng, nhất là trong cải cách hành chính, chuyển đổi số "
    "và xây dựng đô thị văn minh.\n"
    "Công tác khen thưởng bảo đảm chính xác, công khai, kịp thời; tỷ lệ khen thưởng người lao động trực tiếp được nâng lên.",
    "limitations": "Một số phong trào thi đua còn hình thức, chưa có tiêu chí cụ thể để đánh giá; việc đăng ký thi đua ở một số đơn vị còn chậm.\n"
    "Nguyên nhân: nhận thức của một số người đứng đầu về công tác thi đua, khen thưởng chưa đầy đủ; cán bộ làm công tác thi đua còn kiêm nhiệm.",
    "lessons": "Người đứng đầu cấp ủy, chính quyền phải trực tiếp lãnh đạo, chỉ đạo phong trào thi đua.\n"
    "Nội dung thi đua phải cụ thể, thiết thực, gắn với nhiệm vụ chính trị; coi trọng phát hiện, tuyên truyền, nhân rộng điển hình tiên tiến.",
    "direction": "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua giai đoạn 2026–2030.\n"
    "Chỉ tiêu: 100% cơ quan, đơn vị đăng ký và ký giao ước thi đua; tỷ lệ khen thưởng người lao động trực tiếp đạt trên 40% số cá nhân được khen.",
    "recipients": "Ban Thi đua – Khen thưởng, Sở Nội vụ thành phố;\nThường trực Quận ủy, HĐND quận;\nCT, các PCT UBND quận;\nCác cơ quan, đơn vị, UBND các phường;\nLưu: VT, NV.",
    "signer_title": "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
    "signer_name": "Trần Khắc Kiên",
}


def _formset(cls, prefix, conference, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    formset = cls(data, instance=conference, prefix=prefix)
    if not formset.is_valid():
        raise ValueError(formset.errors)
    return formset


def seed(stdout=None):
    reviewer = User.objects.filter(username="noivu").first()
    campaign = Campaign.objects.filter(name=SPECIAL_NAME).first()
    if reviewer is None or campaign is None or Conference.objects.filter(title=TITLE).exists():
        return
    conference = conf.conference_save(
        conference=Conference(
            title=TITLE,
            date=DATE,
            start_time=dt.time(7, 30),
            location="Hội trường Trung tâm Văn hóa, Thông tin và Thể thao quận Đồ Sơn",
            campaign=campaign,
            period_start=dt.date(2021, 1, 1),
            period_end=DATE,
            purpose="Đánh giá kết quả phong trào thi đua yêu nước 05 năm 2021–2025, biểu dương, tôn vinh các tập thể, cá nhân tiêu biểu; "
            "phát động thi đua giai đoạn 2026–2030, tiến tới Đại hội Thi đua yêu nước thành phố lần thứ X.",
            invitation_number="52/GM-UBND",
            signer_title="TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
            signer_name="Trần Khắc Kiên",
        ),
        decisions=list(conf.decisions_for(DATE)[:3]),
        by=reviewer,
    )
    conf.honourees_add(
        conference=conference,
        exemplars=list(conf.exemplar_candidates(conference)),
        # The latest Chiến sĩ thi đua cơ sở of each person, and the chairman's Giấy khen of the stage.
        awards=list(conf.award_candidates(conference).filter(award_name__icontains="Chiến sĩ thi đua", year=2024)[:4])
        + list(conf.award_candidates(conference).filter(award_name__icontains="Giấy khen")[:4]),
        by=reviewer,
    )
    agenda = [
        {"order": str(i), "time": t, "title": title, "speaker": who, "report": report}
        for i, (t, title, who, report) in enumerate(AGENDA, 1)
    ]
    conf.children_save(
        conference=conference,
        formset=_formset(AgendaFormSet, "agenda", conference, agenda),
        reason="Sửa chương trình hội nghị",
        by=reviewer,
    )
    guests = [{"order": str(i), "title": t, "person_name": n, "unit_name": u, "note": note} for i, (t, n, u, note) in enumerate(GUESTS, 1)]
    conf.children_save(
        conference=conference, formset=_formset(GuestFormSet, "guests", conference, guests), reason="Sửa danh sách khách mời", by=reviewer
    )
    services.stage_review_save(review=StageReview(conference=conference, **REVIEW), by=reviewer)
    if stdout:
        stdout.write(
            f"Conference: {TITLE} with {conference.honourees.count()} honourees, {len(AGENDA)} programme items, {len(GUESTS)} guests and its review."
        )
