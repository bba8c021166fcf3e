"""Upward (state) honours: the documents each dossier must hold and the 2025 occasions."""

import datetime as dt

from .kinds import seed, seed_admin_notes

# Documents the dossier of an award must hold beyond the portal's own papers (tờ trình, minutes):
# (award codes, attachment kind, required, note). State honours are proposed through the city.
_STATE_HONOURS = (
    "bang-khen-thu-tuong",
    "bang-khen-thu-tuong-tap-the",
    "chien-si-thi-dua-toan-quoc",
    "co-thi-dua-chinh-phu",
    "huan-chuong-lao-dong-hang-ba",
    "huan-chuong-lao-dong-hang-nhi",
    "huan-chuong-lao-dong-hang-nhat",
    "huan-chuong-lao-dong-hang-ba-tap-the",
    "huan-chuong-lao-dong-hang-nhi-tap-the",
    "huan-chuong-lao-dong-hang-nhat-tap-the",
    "huy-chuong-chien-si-ve-vang",
    "nha-giao-nhan-dan",
    "nha-giao-uu-tu",
    "thay-thuoc-nhan-dan",
    "thay-thuoc-uu-tu",
    "nghe-nhan-nhan-dan",
    "nghe-nhan-uu-tu",
)
_PERSON_STATE_HONOURS = tuple(c for c in _STATE_HONOURS if "tap-the" not in c and c != "co-thi-dua-chinh-phu")
DOSSIER = [
    (
        _STATE_HONOURS + ("bang-khen-chu-tich-thanh-pho", "bang-khen-chu-tich-thanh-pho-tap-the"),
        "achievement_report",
        True,
        "Báo cáo thành tích có xác nhận của thủ trưởng cơ quan, đơn vị trình khen.",
    ),
    (
        _STATE_HONOURS,
        "earlier_decision",
        True,
        "Bản sao các quyết định khen thưởng là điều kiện của hình thức đề nghị (Bằng khen cấp thành phố, danh hiệu các năm).",
    ),
    (_PERSON_STATE_HONOURS, "profile", True, "Bản trích ngang hoặc tóm tắt quá trình công tác của người được đề nghị."),
    (
        _STATE_HONOURS,
        "confirmation",
        False,
        "Với doanh nghiệp, hợp tác xã: văn bản xác nhận đã thực hiện nghĩa vụ thuế, bảo hiểm, bảo vệ môi trường.",
    ),
]

# Anniversaries that gather proposals in 2025 (name, date).
OCCASIONS = [
    ("Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)", dt.date(2025, 2, 3)),
    ("Kỷ niệm 50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2025)", dt.date(2025, 4, 30)),
    ("Kỷ niệm 70 năm Ngày giải phóng Hải Phòng (13/5/1955 – 13/5/2025)", dt.date(2025, 5, 13)),
    ("Kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9 (1945 – 2025)", dt.date(2025, 9, 2)),
]


def seed_upward_honours(apps):
    """The upward honours of the catalogue with their dossier requirements and the 2025 occasions
    (idempotent: kinds by code and validity start, requirements by code and document, occasions by
    name)."""
    seed(apps, only_missing=True)
    seed_admin_notes(apps)
    DossierRequirement = apps.get_model("awards", "DossierRequirement")
    Occasion = apps.get_model("awards", "Occasion")
    for order, (codes, kind, required, note) in enumerate(DOSSIER, start=1):
        for code in codes:
            DossierRequirement.objects.update_or_create(
                award_code=code, attachment_kind=kind, defaults={"required": required, "note": note, "display_order": order * 10}
            )
    for name, date in OCCASIONS:
        Occasion.objects.get_or_create(name=name, defaults={"date": date})
