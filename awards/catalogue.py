"""The seeded award catalogue (domain.md), used by data migration 0003. Numbers (multipliers, vote
thresholds, years of a streak) are data here and become rows an administrator can edit. What was not
confirmed in a primary text is said in ADMIN_NOTES (the rows' admin-only note), never in the text
officers read."""

import datetime as dt

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE_2023 = "Nghị định 98/2023/NĐ-CP"
DECREE_2025 = "Nghị định 152/2025/NĐ-CP"
D2023_FROM, D2023_TO = dt.date(2024, 1, 1), dt.date(2025, 6, 30)
D2025_FROM = dt.date(2025, 7, 1)

# (code, name, category, subject, level 2023, level 2025, multiplier, vote (secret, base, percent),
#  registration, article, criteria, order)
KINDS = [
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "title",
        "person",
        "district",
        "ward",
        "0.30",
        (False, "present", "50.01"),
        True,
        "Điều 24",
        "Hoàn thành tốt nhiệm vụ trở lên; chấp hành tốt chủ trương, chính sách, kỷ luật; tích cực tham gia phong trào thi đua.",
        10,
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "person",
        "district",
        "ward",
        "1.00",
        (True, "present", "70.00"),
        True,
        "Điều 23",
        "Đạt danh hiệu Lao động tiên tiến trong năm VÀ hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, "
        "hoặc có đề tài nghiên cứu được nghiệm thu, áp dụng (cách hiểu điều kiện có thể cấu hình).",
        20,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "title",
        "collective",
        "district",
        "ward",
        "0.80",
        (False, "present", "50.01"),
        True,
        "Điều 28",
        "Hoàn thành tốt nhiệm vụ; trên 50% thành viên đạt Lao động tiên tiến; không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.",
        30,
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "title",
        "collective",
        "city",
        "city",
        "1.50",
        (True, "all_members", "90.00"),
        True,
        "Điều 27",
        "Hoàn thành xuất sắc nhiệm vụ; 100% thành viên hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến, "
        "có ít nhất một Chiến sĩ thi đua cơ sở; không có cá nhân bị kỷ luật từ cảnh cáo trở lên.",
        40,
    ),
    (
        "to-dan-pho-van-hoa",
        "Tổ dân phố văn hóa",
        "title",
        "residential_group",
        "district",
        "ward",
        "1.50",
        (False, "present", "50.01"),
        False,
        "Điều 30",
        "Tiêu chuẩn theo Nghị định 86/2023/NĐ-CP.",
        50,
    ),
    (
        "gia-dinh-van-hoa",
        "Gia đình văn hóa",
        "title",
        "household",
        "ward",
        "ward",
        "0.00",
        (False, "present", "50.01"),
        False,
        "Điều 30",
        "Tiêu chuẩn theo Nghị định 86/2023/NĐ-CP; do Chủ tịch UBND cấp xã công nhận.",
        55,
    ),
    (
        "giay-khen-chu-tich",
        "Giấy khen của Chủ tịch UBND (cá nhân)",
        "commendation",
        "person",
        "district",
        "ward",
        "0.30",
        (False, "present", "50.01"),
        False,
        "Điều 75",
        "Có thành tích theo quy định khen thưởng của thành phố.",
        60,
    ),
    (
        "giay-khen-chu-tich-tap-the",
        "Giấy khen của Chủ tịch UBND (tập thể)",
        "commendation",
        "collective",
        "district",
        "ward",
        "0.60",
        (False, "present", "50.01"),
        False,
        "Điều 75",
        "Tập thể có thành tích theo quy định khen thưởng của thành phố; mức thưởng gấp đôi cá nhân.",
        61,
    ),
    (
        "chien-si-thi-dua-thanh-pho",
        "Chiến sĩ thi đua thành phố",
        "title",
        "person",
        "city",
        "city",
        "3.00",
        (True, "all_members", "90.00"),
        True,
        "Điều 22",
        "Ba lần liên tục đạt Chiến sĩ thi đua cơ sở và có sáng kiến có phạm vi ảnh hưởng trong thành phố.",
        70,
    ),
    (
        "co-thi-dua-thanh-pho",
        "Cờ thi đua của UBND thành phố",
        "title",
        "collective",
        "city",
        "city",
        "8.00",
        (True, "all_members", "90.00"),
        True,
        "Điều 26",
        "Tập thể tiêu biểu, dẫn đầu khối, cụm thi đua của thành phố.",
        80,
    ),
    (
        "bang-khen-chu-tich-thanh-pho",
        "Bằng khen của Chủ tịch UBND thành phố",
        "commendation",
        "person",
        "city",
        "city",
        "1.00",
        (False, "present", "50.01"),
        False,
        "Điều 72",
        "Cá nhân có thành tích xuất sắc, tiêu biểu được bình xét trong phong trào thi đua của thành phố.",
        90,
    ),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "commendation",
        "person",
        "state",
        "state",
        "5.00",
        (True, "all_members", "90.00"),
        False,
        "Điều 71",
        "Có thành tích xuất sắc tiêu biểu, đã được tặng Bằng khen cấp tỉnh và 5 năm liên tục hoàn thành xuất sắc nhiệm vụ.",
        100,
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        "title",
        "person",
        "state",
        "state",
        "4.50",
        (True, "all_members", "90.00"),
        True,
        "Điều 21",
        "Hai lần liên tục đạt Chiến sĩ thi đua thành phố và có sáng kiến có phạm vi ảnh hưởng toàn quốc.",
        110,
    ),
    (
        "bang-khen-chu-tich-thanh-pho-tap-the",
        "Bằng khen của Chủ tịch UBND thành phố (tập thể)",
        "commendation",
        "collective",
        "city",
        "city",
        "2.00",
        (False, "present", "50.01"),
        False,
        "Điều 72",
        "Tập thể có thành tích xuất sắc được bình xét trong phong trào thi đua của thành phố.",
        91,
    ),
    (
        "bang-khen-thu-tuong-tap-the",
        "Bằng khen của Thủ tướng Chính phủ (tập thể)",
        "commendation",
        "collective",
        "state",
        "state",
        "10.00",
        (True, "all_members", "90.00"),
        False,
        "Điều 71",
        "Tập thể có thành tích xuất sắc tiêu biểu, đã được tặng Bằng khen cấp tỉnh và 5 năm liên tục hoàn thành xuất sắc nhiệm vụ.",
        101,
    ),
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        "title",
        "collective",
        "state",
        "state",
        "12.00",
        (True, "all_members", "90.00"),
        True,
        "Điều 25",
        "Tập thể tiêu biểu xuất sắc, dẫn đầu phong trào thi đua của thành phố, đã được tặng Cờ thi đua của UBND thành phố.",
        105,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động hạng Ba",
        "commendation",
        "person",
        "state",
        "state",
        "4.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        120,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi",
        "Huân chương Lao động hạng Nhì",
        "commendation",
        "person",
        "state",
        "state",
        "7.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        121,
    ),
    (
        "huan-chuong-lao-dong-hang-nhat",
        "Huân chương Lao động hạng Nhất",
        "commendation",
        "person",
        "state",
        "state",
        "9.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        122,
    ),
    (
        "huan-chuong-lao-dong-hang-ba-tap-the",
        "Huân chương Lao động hạng Ba (tập thể)",
        "commendation",
        "collective",
        "state",
        "state",
        "9.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        123,
    ),
    (
        "huan-chuong-lao-dong-hang-nhi-tap-the",
        "Huân chương Lao động hạng Nhì (tập thể)",
        "commendation",
        "collective",
        "state",
        "state",
        "15.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        124,
    ),
    (
        "huan-chuong-lao-dong-hang-nhat-tap-the",
        "Huân chương Lao động hạng Nhất (tập thể)",
        "commendation",
        "collective",
        "state",
        "state",
        "18.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        125,
    ),
    (
        "huy-chuong-chien-si-ve-vang",
        "Huy chương Chiến sĩ vẻ vang",
        "commendation",
        "person",
        "state",
        "state",
        "1.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        130,
    ),
    (
        "nha-giao-nhan-dan",
        "Nhà giáo Nhân dân",
        "commendation",
        "person",
        "state",
        "state",
        "12.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        140,
    ),
    (
        "nha-giao-uu-tu",
        "Nhà giáo Ưu tú",
        "commendation",
        "person",
        "state",
        "state",
        "9.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        141,
    ),
    (
        "thay-thuoc-nhan-dan",
        "Thầy thuốc Nhân dân",
        "commendation",
        "person",
        "state",
        "state",
        "12.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        142,
    ),
    (
        "thay-thuoc-uu-tu",
        "Thầy thuốc Ưu tú",
        "commendation",
        "person",
        "state",
        "state",
        "9.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        143,
    ),
    (
        "nghe-nhan-nhan-dan",
        "Nghệ nhân Nhân dân",
        "commendation",
        "person",
        "state",
        "state",
        "12.50",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        144,
    ),
    (
        "nghe-nhan-uu-tu",
        "Nghệ nhân Ưu tú",
        "commendation",
        "person",
        "state",
        "state",
        "9.00",
        (True, "all_members", "90.00"),
        False,
        "",
        "Xét và đề nghị qua Ủy ban nhân dân thành phố theo tiêu chuẩn của Luật Thi đua, khen thưởng và nghị định hướng dẫn.",
        145,
    ),
]

# (kind code, group, rule, requires_code, years, interval, years_before, min initiative scope, severity, article, description)
PREREQUISITES = [
    (
        "chien-si-thi-dua-co-so",
        1,
        "award_same_year",
        "lao-dong-tien-tien",
        1,
        1,
        0,
        1,
        "hard",
        "Điều 23",
        "Đạt danh hiệu Lao động tiên tiến trong cùng năm",
    ),
    ("chien-si-thi-dua-co-so", 2, "excellent_completion", "", 1, 1, 0, 1, "hard", "Điều 23", "Hoàn thành xuất sắc nhiệm vụ"),
    ("chien-si-thi-dua-co-so", 2, "initiative", "", 1, 1, 0, 1, "hard", "Điều 23", "Có sáng kiến được công nhận trong năm"),
    (
        "chien-si-thi-dua-co-so",
        2,
        "research",
        "",
        1,
        1,
        0,
        1,
        "hard",
        "Điều 23",
        "Có đề tài nghiên cứu khoa học được nghiệm thu, áp dụng trong năm",
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        1,
        "award_same_year",
        "tap-the-lao-dong-tien-tien",
        1,
        1,
        0,
        1,
        "soft",
        "Điều 27",
        "Đạt danh hiệu Tập thể lao động tiên tiến trong cùng năm",
    ),
    (
        "chien-si-thi-dua-thanh-pho",
        1,
        "award_streak",
        "chien-si-thi-dua-co-so",
        3,
        1,
        0,
        1,
        "hard",
        "Điều 22",
        "Ba năm liên tục đạt Chiến sĩ thi đua cơ sở (tính đến năm được đề nghị)",
    ),
    ("chien-si-thi-dua-thanh-pho", 2, "initiative", "", 1, 1, 0, 3, "hard", "Điều 22", "Có sáng kiến có phạm vi ảnh hưởng trong thành phố"),
    (
        "chien-si-thi-dua-toan-quoc",
        1,
        "award_streak",
        "chien-si-thi-dua-thanh-pho",
        2,
        3,
        0,
        1,
        "hard",
        "Điều 21",
        "Hai lần liên tục đạt Chiến sĩ thi đua thành phố",
    ),
    ("chien-si-thi-dua-toan-quoc", 2, "initiative", "", 1, 1, 0, 4, "hard", "Điều 21", "Có sáng kiến có phạm vi ảnh hưởng toàn quốc"),
]

# (code, name, severity, legal basis)
RULES = [
    (
        "not_registered",
        "Đăng ký thi đua",
        "hard",
        f"{LAW}, Điều 16–18 (tổ chức phong trào thi đua) và kế hoạch phát động thi đua: không đăng ký thi đua thì không được xét danh hiệu",
    ),
    ("prerequisite", "Điều kiện về danh hiệu, sáng kiến", "hard", f"{LAW}, Điều 21–24"),
    ("duplicate", "Đề nghị trùng", "hard", f"{LAW}, Điều 5: một thành tích chỉ khen một lần, một hình thức"),
    ("subject_mismatch", "Đúng đối tượng của danh hiệu", "hard", f"{LAW}, Điều 8 (danh hiệu cho cá nhân, tập thể, hộ gia đình)"),
    ("quota", "Tỷ lệ khen thưởng tối đa của đơn vị", "soft", "Quy định tỷ lệ của cấp có thẩm quyền (cấu hình)"),
    ("conferring_level", "Thẩm quyền quyết định hoặc đề nghị", "hard", f"{LAW}, Điều 80 (thẩm quyền quyết định khen thưởng)"),
    ("kind_not_valid", "Danh hiệu còn hiệu lực", "hard", f"{DECREE_2023} (đến 30/06/2025); {DECREE_2025} (từ 01/07/2025)"),
    ("collective", "Tiêu chuẩn danh hiệu tập thể (tính từ thành viên)", "hard", f"{LAW}, Điều 27, 28"),
    ("achievement_report", "Báo cáo thành tích", "hard", f"{LAW}, Điều 84 (hồ sơ đề nghị khen thưởng)"),
    ("dossier", "Thành phần hồ sơ theo hình thức khen", "hard", f"{LAW}, Điều 84 (hồ sơ đề nghị khen thưởng); {DECREE_2025}"),
]

# Admin-only notes (AwardKind.admin_note, EligibilityRule.admin_note): what still needs checking against
# the published texts. Shown in the admin, never on officers' pages.
KIND_NOTES = {
    "tap-the-lao-dong-tien-tien": "Điều kiện “không có cá nhân bị kỷ luật từ cảnh cáo trở lên”: cần đối chiếu văn bản gốc.",
    "giay-khen-chu-tich-tap-the": "Mức thưởng tập thể gấp đôi cá nhân: cần đối chiếu Nghị định 152/2025/NĐ-CP.",
    "co-thi-dua-thanh-pho": "Hệ số tiền thưởng cần đối chiếu văn bản gốc.",
    "bang-khen-thu-tuong": "Hệ số tiền thưởng cần đối chiếu văn bản gốc.",
    "bang-khen-thu-tuong-tap-the": "Hệ số tiền thưởng cần đối chiếu văn bản gốc.",
    "bang-khen-chu-tich-thanh-pho-tap-the": "Hệ số tiền thưởng tập thể cần đối chiếu văn bản gốc.",
    "co-thi-dua-chinh-phu": "Hệ số tiền thưởng cần đối chiếu văn bản gốc.",
    **dict.fromkeys(
        (
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
        ),
        "Cần xác minh: số điều của Luật Thi đua, khen thưởng quy định tiêu chuẩn và hệ số tiền thưởng chưa được đối chiếu "
        "văn bản gốc; trang của cán bộ chỉ dẫn Luật và nghị định.",
    ),
}
RULE_NOTES = {
    "not_registered": "Điều khoản quy định việc đăng ký thi đua là điều kiện xét danh hiệu chưa được đối chiếu với văn bản gốc.",
    "achievement_report": "Số điều về hồ sơ đề nghị khen thưởng cần đối chiếu với văn bản gốc.",
    "dossier": "Thành phần hồ sơ từng hình thức lấy theo nghị định hướng dẫn; cần đối chiếu điều khoản cụ thể.",
}

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


# The simplified procedure (thủ tục đơn giản) by basis: (basis, award code or "", name, registration,
# full report, posting, council, target working days, legal basis, admin note).
TRACKS = [
    (
        "ad_hoc",
        "",
        "Khen thưởng đột xuất (thủ tục đơn giản)",
        False,
        False,
        False,
        False,
        5,
        f"{LAW}, Điều 85 (khen thưởng theo thủ tục đơn giản)",
        "Cần xác minh số điều về thủ tục đơn giản và thời hạn xử lý với văn bản gốc; các bước bỏ qua có thể chỉnh tại đây.",
    ),
    (
        "campaign",
        "",
        "Khen thưởng theo chuyên đề (thủ tục đơn giản)",
        False,
        False,
        True,
        False,
        10,
        f"{LAW}, Điều 85 (khen thưởng theo thủ tục đơn giản)",
        "Cần xác minh: khen thưởng chuyên đề có được bỏ bước công khai hay không tùy quy định của địa phương.",
    ),
]


def seed_tracks(apps):
    """The simplified-procedure rows (idempotent; rows an administrator edited are left alone)."""
    ProcedureTrack = apps.get_model("awards", "ProcedureTrack")
    for basis, code, name, registration, report, posting, council, days, basis_text, note in TRACKS:
        ProcedureTrack.objects.get_or_create(
            basis=basis,
            award_code=code,
            valid_from=D2023_FROM,
            defaults={
                "name": name,
                "needs_registration": registration,
                "needs_full_report": report,
                "needs_posting": posting,
                "needs_council": council,
                "processing_days": days,
                "legal_basis": basis_text,
                "admin_note": note,
            },
        )


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


def seed_admin_notes(apps):
    """Write the admin-only notes and the officer-facing texts without uncertainty markers on rows
    seeded before the notes existed (idempotent)."""
    AwardKind = apps.get_model("awards", "AwardKind")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    criteria = {k[0]: k[10] for k in KINDS}
    for kind in AwardKind.objects.filter(code__in=list(criteria)):
        changed = False
        if "cần xác minh" in kind.criteria_text:
            kind.criteria_text, changed = criteria[kind.code], True
        note = KIND_NOTES.get(kind.code, "")
        if note and not kind.admin_note:
            kind.admin_note, changed = note, True
        if changed:
            kind.save(update_fields=["criteria_text", "admin_note"])
    bases = {r[0]: r[3] for r in RULES}
    for rule in EligibilityRule.objects.filter(code__in=list(bases)):
        if "cần xác minh" in rule.legal_basis:
            rule.legal_basis = bases[rule.code]
        if not rule.admin_note:
            rule.admin_note = RULE_NOTES.get(rule.code, "")
        rule.save(update_fields=["legal_basis", "admin_note"])


# Collective titles checked from the unit's members (kind code, titled code, percent, strictly more,
# second code, its minimum count, all complete tasks, discipline from, article).
COLLECTIVE_CRITERIA = [
    ("tap-the-lao-dong-tien-tien", "lao-dong-tien-tien", "50.00", True, "", 0, False, "canh_cao", "Điều 28"),
    ("tap-the-lao-dong-xuat-sac", "lao-dong-tien-tien", "70.00", False, "chien-si-thi-dua-co-so", 1, True, "canh_cao", "Điều 27"),
]


def seed_collective(apps):
    """Create the collective-title criteria (from 01/01/2024), the eligibility rule that runs them and
    the third alternative of Chiến sĩ thi đua cơ sở (a research result) where missing (idempotent)."""
    from decimal import Decimal

    AwardKind = apps.get_model("awards", "AwardKind")
    AwardPrerequisite = apps.get_model("awards", "AwardPrerequisite")
    CollectiveCriterion = apps.get_model("awards", "CollectiveCriterion")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    for code, name, severity, basis in RULES:
        EligibilityRule.objects.get_or_create(code=code, defaults={"name": name, "severity": severity, "legal_basis": basis})
    for code, titled, percent, strictly, second, second_count, all_tasks, discipline, article in COLLECTIVE_CRITERIA:
        CollectiveCriterion.objects.get_or_create(
            kind_code=code,
            valid_from=D2023_FROM,
            defaults={
                "titled_code": titled,
                "titled_percent": Decimal(percent),
                "strictly_more": strictly,
                "second_code": second,
                "second_min_count": second_count,
                "all_complete_tasks": all_tasks,
                "discipline_from": discipline,
                "legal_basis": f"{article} {LAW}",
            },
        )
    for kind in AwardKind.objects.filter(code="chien-si-thi-dua-co-so"):
        AwardPrerequisite.objects.get_or_create(
            kind=kind,
            rule="research",
            defaults={
                "group": 2,
                "severity": "hard",
                "legal_basis": f"Điều 23 {LAW}",
                "description": "Có đề tài nghiên cứu khoa học được nghiệm thu, áp dụng trong năm",
            },
        )


BASE_SALARIES = [
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]

# What a district (to 30/06/2025) and, after the 2025 reorganisation, a commune-level government does.
ROUTES = [
    ("district", "confer", D2023_FROM, D2023_TO),
    ("city", "propose", D2023_FROM, D2023_TO),
    ("state", "propose", D2023_FROM, D2023_TO),
    ("ward", "confer", D2025_FROM, None),
    ("city", "propose", D2025_FROM, None),
    ("state", "propose", D2025_FROM, None),
]


def seed(apps, *, only_missing=False):
    """Create or update the catalogue rows (idempotent; matched by code and validity start). With
    ``only_missing`` it only adds kinds and rules that do not exist yet, leaving what administrators
    edited as it is."""
    from decimal import Decimal

    AwardKind = apps.get_model("awards", "AwardKind")
    AwardPrerequisite = apps.get_model("awards", "AwardPrerequisite")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    ConferringRoute = apps.get_model("awards", "ConferringRoute")

    for code, name, category, subject, level23, level25, mult, vote, registration, article, criteria, order in KINDS:
        for valid_from, valid_to, level, decree in ((D2023_FROM, D2023_TO, level23, DECREE_2023), (D2025_FROM, None, level25, DECREE_2025)):
            if only_missing and AwardKind.objects.filter(code=code, valid_from=valid_from).exists():
                continue
            kind, _ = AwardKind.objects.update_or_create(
                code=code,
                valid_from=valid_from,
                defaults={
                    "name": name,
                    "category": category,
                    "subject": subject,
                    "conferring_level": level,
                    "criteria_text": criteria,
                    "legal_basis": f"{article} {LAW}; {decree}".strip(),
                    "reward_multiplier": Decimal(mult),
                    "vote_secret": vote[0],
                    "vote_base": vote[1],
                    "vote_threshold_percent": Decimal(vote[2]),
                    "valid_to": valid_to,
                    "display_order": order,
                    "requires_registration": registration,
                    "requires_achievement_report": category == "title",
                    "posting_days": 10 if level == "state" else 5,
                },
            )
            kind.prerequisites.all().delete()
            for p_code, group, rule, requires, years, interval, before, scope, severity, p_article, description in PREREQUISITES:
                if p_code == code:
                    AwardPrerequisite.objects.create(
                        kind=kind,
                        group=group,
                        rule=rule,
                        requires_code=requires,
                        years=years,
                        interval_years=interval,
                        years_before=before,
                        min_initiative_scope=scope,
                        severity=severity,
                        legal_basis=f"{p_article} {LAW}",
                        description=description,
                    )
    for code, name, severity, basis in RULES:
        if only_missing:
            EligibilityRule.objects.get_or_create(code=code, defaults={"name": name, "severity": severity, "legal_basis": basis})
            continue
        EligibilityRule.objects.update_or_create(code=code, defaults={"name": name, "severity": severity, "legal_basis": basis})
    if only_missing:
        return
    try:
        apps.get_model("awards", "CollectiveCriterion")
    except LookupError:  # migration 0003's models: migration 0010 seeds the collective rules
        pass
    else:
        seed_collective(apps)
    for amount, valid_from, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(valid_from=valid_from, defaults={"amount": amount, "legal_basis": basis})
    if not ConferringRoute.objects.exists():
        for level, action, valid_from, valid_to in ROUTES:
            ConferringRoute.objects.create(conferring_level=level, action=action, valid_from=valid_from, valid_to=valid_to)
    if _has_field(AwardKind, "decision_verb"):
        seed_wording(apps)


# Issuing bodies and signers by date (demo names; the ward after 01/07/2025 per the 2025 reorganisation).
ISSUING_BODIES = [
    (
        "QUẬN ĐỒ SƠN",
        "Ủy ban nhân dân quận Đồ Sơn",
        "Chủ tịch Ủy ban nhân dân quận Đồ Sơn",
        D2023_FROM,
        D2023_TO,
        [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Trần Khắc Kiên"), ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn Dũng")],
    ),
    (
        "PHƯỜNG ĐỒ SƠN",
        "Ủy ban nhân dân phường Đồ Sơn",
        "Chủ tịch Ủy ban nhân dân phường Đồ Sơn",
        D2025_FROM,
        None,
        [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Trần Khắc Kiên"), ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn Dũng")],
    ),
]


# Default advisory office (cơ quan tham mưu) per level: (office, head's title, verified). A commune's
# office is whatever the commune assigns after 01/07/2025, so its default is marked to verify.
ADVISORY_OFFICES = {
    "district": ("Phòng Nội vụ", "Trưởng phòng Nội vụ", True),
    "commune": ("Văn phòng HĐND và UBND", "Chánh Văn phòng HĐND và UBND", False),
    "special_zone": ("Văn phòng HĐND và UBND", "Chánh Văn phòng HĐND và UBND", False),
    "province": ("Sở Nội vụ", "Giám đốc Sở Nội vụ", False),
}

# Leading words of an issuing body's second name line, and the level they mean.
LEVEL_WORDS = [
    ("ĐẶC KHU", "special_zone"),
    ("THÀNH PHỐ", "province"),
    ("TỈNH", "province"),
    ("QUẬN", "district"),
    ("HUYỆN", "district"),
    ("THỊ XÃ", "district"),
    ("PHƯỜNG", "commune"),
    ("XÃ", "commune"),
    ("THỊ TRẤN", "commune"),
]


def level_of(name_line2):
    """The level named by the start of a body's second name line ('QUẬN ĐỒ SƠN' -> 'district')."""
    upper = (name_line2 or "").strip().upper()
    for word, level in LEVEL_WORDS:
        if upper.startswith(word + " "):
            return level
    return "commune"


def area_of(full_name):
    """'Ủy ban nhân dân quận Đồ Sơn' -> 'quận Đồ Sơn'."""
    prefix = "ủy ban nhân dân "
    return full_name[len(prefix) :].strip() if full_name.lower().startswith(prefix) else full_name


def fill_issuer_identity(apps):
    """Fill level, place name and advisory office of issuing bodies that have none yet (idempotent;
    a value an administrator typed is kept)."""
    IssuingBody = apps.get_model("awards", "IssuingBody")
    if "advisory_office" not in {f.name for f in IssuingBody._meta.get_fields()}:
        return
    for body in IssuingBody.objects.filter(advisory_office=""):
        body.level = level_of(body.name_line2)
        body.area_name = body.area_name or area_of(body.full_name)
        office, head, verified = ADVISORY_OFFICES[body.level]
        body.advisory_office, body.advisory_office_head_title, body.advisory_office_verified = office, head, verified
        body.save(update_fields=["level", "area_name", "advisory_office", "advisory_office_head_title", "advisory_office_verified"])


def seed_issuers(apps):
    """Create the issuing bodies, their signers and councils when none exist (idempotent)."""
    IssuingBody = apps.get_model("awards", "IssuingBody")
    Signer = apps.get_model("awards", "Signer")
    Council = apps.get_model("awards", "Council")
    for line2, full, leader_title, valid_from, valid_to, signers in ISSUING_BODIES:
        body, created = IssuingBody.objects.get_or_create(
            name_line2=line2,
            valid_from=valid_from,
            defaults={"full_name": full, "leader_title": leader_title, "place": "Đồ Sơn", "symbol": "UBND", "valid_to": valid_to},
        )
        if created:
            for titles, name in signers:
                Signer.objects.create(
                    issuing_body=body, name=name, valid_from=valid_from, valid_to=valid_to, **signer_fields(Signer, titles)
                )
        Council.objects.get_or_create(
            issuing_body=body,
            defaults={
                "name": f"Hội đồng Thi đua – Khen thưởng {full[len('Ủy ban nhân dân ') :]}",
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    fill_issuer_identity(apps)
    try:
        apps.get_model("awards", "DocumentDefaults")
    except LookupError:  # called by a migration older than the model
        return
    seed_document_defaults(apps)
    seed_legal_documents(apps)


def seed_calendar(apps, years=range(2024, 2028)):
    """Public holidays of Vietnam from the ``holidays`` package, as editable CalendarDay rows."""
    import holidays

    CalendarDay = apps.get_model("awards", "CalendarDay")
    for date, name in sorted(holidays.Vietnam(years=list(years), language="vi").items()):
        CalendarDay.objects.get_or_create(date=date, defaults={"kind": "holiday", "name": name})


# --- Documents ready to sign (issue 10) -----------------------------------------------------------


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def parse_signer_titles(titles):
    """'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' -> ('deputy', 'Phó Chủ tịch'); the collective line 'TM. …' is not
    part of the signer (it follows from the kind of document)."""
    lines = [line.strip() for line in titles.splitlines() if line.strip() and not line.strip().upper().startswith("TM.")]
    capacity = "head"
    for prefix, value in (("KT.", "deputy"), ("Q.", "acting"), ("TL.", "by_order"), ("TUQ.", "by_authorisation")):
        if lines and lines[0].upper().startswith(prefix):
            capacity = value
            if value == "acting":
                lines = [lines[0][len(prefix) :].strip()]
            break
    position = lines[-1] if lines else "Chủ tịch"
    return capacity, position[:1].upper() + position[1:].lower()


def signer_fields(Signer, titles):
    """Signer fields for title lines, for the model as it is in the calling migration's state."""
    if not _has_field(Signer, "capacity"):
        return {"title_lines": titles}
    capacity, position = parse_signer_titles(titles)
    return {"capacity": capacity, "position_title": position}


# Official wording of each kind in decisions (verb, object): titles are recognised, commendations given.
WORDING = {
    "giay-khen-chu-tich": ("tặng", "Giấy khen"),
    "giay-khen-chu-tich-tap-the": ("tặng", "Giấy khen"),
    "bang-khen-chu-tich-thanh-pho": ("tặng", "Bằng khen"),
    "bang-khen-thu-tuong": ("tặng", "Bằng khen"),
    "co-thi-dua-thanh-pho": ("tặng", "Cờ thi đua"),
}


def seed_wording(apps):
    """Fill each kind's decision wording where it is empty: 'công nhận danh hiệu <name>' for a title,
    'tặng <name>' for a commendation, or the row of WORDING."""
    AwardKind = apps.get_model("awards", "AwardKind")
    for kind in AwardKind.objects.filter(decision_object=""):
        verb, obj = WORDING.get(kind.code) or (("công nhận", f"danh hiệu {kind.name}") if kind.category == "title" else ("tặng", kind.name))
        kind.decision_verb, kind.decision_object = verb, obj
        kind.save(update_fields=["decision_verb", "decision_object"])


# Laws and decrees cited in the grounds of award decisions, with the dates they apply.
# (kind, number, issued on, issuer, title, scope, valid from, valid to, order, note)
LEGAL_DOCUMENTS = [
    (
        "law",
        "77/2015/QH13",
        dt.date(2015, 6, 19),
        "Quốc hội",
        "Luật Tổ chức chính quyền địa phương",
        "; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
        dt.date(2016, 1, 1),
        dt.date(2025, 2, 28),
        10,
        "Luật số 77/2015/QH13, sửa đổi bởi Luật số 47/2019/QH14 ngày 22/11/2019. Thay thế từ 01/03/2025 bởi Luật số 65/2025/QH15.",
    ),
    (
        "law",
        "65/2025/QH15",
        dt.date(2025, 2, 19),
        "Quốc hội",
        "Luật Tổ chức chính quyền địa phương",
        "",
        dt.date(2025, 3, 1),
        dt.date(2025, 6, 15),
        10,
        "Cần xác minh: Luật số 65/2025/QH15 ngày 19/02/2025, hiệu lực 01/03/2025, bị thay thế bởi Luật số 72/2025/QH15.",
    ),
    (
        "law",
        "72/2025/QH15",
        dt.date(2025, 6, 16),
        "Quốc hội",
        "Luật Tổ chức chính quyền địa phương",
        "",
        dt.date(2025, 6, 16),
        None,
        10,
        "Cần xác minh: Luật số 72/2025/QH15 ngày 16/6/2025 (chính quyền địa phương hai cấp từ 01/07/2025); "
        "ngày hiệu lực lấy theo nguồn thứ cấp, hãy đối chiếu Công báo.",
    ),
    (
        "law",
        "06/2022/QH15",
        dt.date(2022, 6, 15),
        "Quốc hội",
        "Luật Thi đua, khen thưởng",
        "",
        dt.date(2024, 1, 1),
        None,
        20,
        "Luật số 06/2022/QH15 ngày 15/6/2022, hiệu lực từ 01/01/2024.",
    ),
    (
        "decree",
        "98/2023/NĐ-CP",
        dt.date(2023, 12, 31),
        "Chính phủ",
        "Nghị định",
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        dt.date(2024, 1, 1),
        dt.date(2025, 6, 30),
        30,
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023; thay thế từ 01/07/2025 bởi Nghị định số 152/2025/NĐ-CP.",
    ),
    (
        "decree",
        "152/2025/NĐ-CP",
        dt.date(2025, 6, 14),
        "Chính phủ",
        "Nghị định",
        "quy định chi tiết và hướng dẫn thi hành Luật Thi đua, khen thưởng",
        dt.date(2025, 7, 1),
        None,
        30,
        "Cần xác minh: ngày ban hành 14/6/2025 và trích yếu lấy theo nguồn thứ cấp; hãy đối chiếu văn bản gốc.",
    ),
]


def seed_legal_documents(apps):
    """Create the laws and decrees cited in decisions when none exist (idempotent)."""
    LegalDocument = apps.get_model("awards", "LegalDocument")
    if LegalDocument.objects.exists():
        return
    for kind, number, issued_on, issuer, title, scope, valid_from, valid_to, order, note in LEGAL_DOCUMENTS:
        LegalDocument.objects.create(
            kind=kind,
            number=number,
            issued_on=issued_on,
            issuer=issuer,
            title=title,
            scope=scope,
            valid_from=valid_from,
            valid_to=valid_to,
            display_order=order,
            note=note,
        )


# Article 3 and "Nơi nhận" by issuing body (name line 2) and kind of document.
DOCUMENT_DEFAULTS = {
    "QUẬN ĐỒ SƠN": {
        "decision": (
            "Chánh Văn phòng HĐND và UBND quận, Trưởng phòng Nội vụ, Trưởng phòng Tài chính – Kế hoạch, "
            "Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1",
            "Như Điều 3;\nCT, các PCT UBND quận;\nLưu: VT, NV.",
        ),
        "upward_proposal": ("", "Như trên;\nSở Nội vụ thành phố;\nLưu: VT, NV."),
    },
    "PHƯỜNG ĐỒ SƠN": {
        "decision": (
            "Chánh Văn phòng HĐND và UBND phường, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1",
            "Như Điều 3;\nCT, các PCT UBND phường;\nLưu: VT, VP.",
        ),
        "upward_proposal": ("", "Như trên;\nSở Nội vụ thành phố;\nLưu: VT, VP."),
    },
}


def seed_document_defaults(apps):
    """Defaults of Article 3 and "Nơi nhận" per issuing body and kind of document (idempotent)."""
    IssuingBody = apps.get_model("awards", "IssuingBody")
    DocumentDefaults = apps.get_model("awards", "DocumentDefaults")
    for body in IssuingBody.objects.all():
        for kind, (executors, recipients) in DOCUMENT_DEFAULTS.get(body.name_line2, {}).items():
            DocumentDefaults.objects.get_or_create(
                issuing_body=body, kind=kind, defaults={"executors": executors, "recipients": recipients}
            )


# Seniority (niên hạn) and dedication (quá trình cống hiến) thresholds, counted from the people's
# service periods (units.ServicePeriod) by awards.candidates. What was read in a secondary source
# only, or not at all, says "CHƯA đối chiếu" in the admin-only note, never in the officer's text.
_HCLD3_LAW = f"Điểm g khoản 1 Điều 44 {LAW}"
_HCLD3_NOTE_2025 = (
    "Nguồn: giải đáp pháp luật của báo Lao Động về Điều 21 Nghị định 152/2025/NĐ-CP (Huân chương Lao động hạng Ba "
    "theo điểm g khoản 1 Điều 44 Luật; điểm b: Vụ trưởng và tương đương từ 06 đến dưới 10 năm, Phó Vụ trưởng và "
    "tương đương từ 10 đến dưới 15 năm). CHƯA đối chiếu văn bản gốc; việc coi chức vụ của quận, phường là "
    "“tương đương” cũng CHƯA đối chiếu. Thời gian giữ chức vụ được cộng dồn: CHƯA đối chiếu."
)
_HCLD3_NOTE_2023 = (
    "CHƯA đối chiếu: số điều và số năm của Nghị định 98/2023/NĐ-CP về quá trình cống hiến; tạm lấy như Điều 21 Nghị định 152/2025/NĐ-CP."
)
_KNC_NOTE = (
    "CHƯA đối chiếu: mỗi Kỷ niệm chương do bộ, ngành, đoàn thể trung ương, tỉnh ban hành quy chế riêng (đối tượng, "
    "số năm công tác, ưu tiên cho nữ, vùng khó khăn). Số năm ở đây là mức thường gặp, cần sửa theo quy chế của cơ "
    "quan tặng trước khi dùng."
)
KY_NIEM_CHUONG = (
    "ky-niem-chuong",
    "Kỷ niệm chương của bộ, ngành, thành phố",
    "Cá nhân có thời gian công tác, đóng góp cho ngành, lĩnh vực hoặc thành phố theo quy chế xét tặng của cơ quan tặng.",
    "Quy chế xét tặng Kỷ niệm chương của cơ quan tặng",
)
# (award code, basis, description, groups, years, continuous, legal basis, valid from, valid to, note)
SENIORITY_RULES = [
    (
        "huan-chuong-lao-dong-hang-ba",
        "dedication",
        "Giữ chức vụ cấp trưởng sở, ngành thành phố, quận hoặc tương đương (Vụ trưởng và tương đương) đủ 6 năm",
        ["director", "city_leader"],
        6,
        False,
        f"{_HCLD3_LAW}; {DECREE_2023}",
        D2023_FROM,
        D2023_TO,
        _HCLD3_NOTE_2023,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "dedication",
        "Giữ chức vụ cấp phó sở, ngành thành phố, quận hoặc tương đương (Phó Vụ trưởng và tương đương) đủ 10 năm",
        ["deputy_director", "director", "city_leader"],
        10,
        False,
        f"{_HCLD3_LAW}; {DECREE_2023}",
        D2023_FROM,
        D2023_TO,
        _HCLD3_NOTE_2023,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "dedication",
        "Giữ chức vụ cấp trưởng sở, ngành thành phố, quận hoặc tương đương (Vụ trưởng và tương đương) đủ 6 năm",
        ["director", "city_leader"],
        6,
        False,
        f"{_HCLD3_LAW}; điểm b Điều 21 {DECREE_2025}",
        D2025_FROM,
        None,
        _HCLD3_NOTE_2025,
    ),
    (
        "huan-chuong-lao-dong-hang-ba",
        "dedication",
        "Giữ chức vụ cấp phó sở, ngành thành phố, quận hoặc tương đương (Phó Vụ trưởng và tương đương) đủ 10 năm",
        ["deputy_director", "director", "city_leader"],
        10,
        False,
        f"{_HCLD3_LAW}; điểm b Điều 21 {DECREE_2025}",
        D2025_FROM,
        None,
        _HCLD3_NOTE_2025,
    ),
    (
        "ky-niem-chuong",
        "seniority",
        "Có thời gian công tác liên tục đủ 20 năm",
        [],
        20,
        True,
        KY_NIEM_CHUONG[3],
        D2023_FROM,
        None,
        _KNC_NOTE,
    ),
]


def seed_seniority(apps):
    """The Kỷ niệm chương kind (proposed to the ministry or city that gives it) and the seniority and
    dedication thresholds (idempotent: kinds by code and validity start, rules by code, basis,
    description and validity start; rows an administrator edited are left alone)."""
    AwardKind = apps.get_model("awards", "AwardKind")
    SeniorityRule = apps.get_model("awards", "SeniorityRule")
    code, name, criteria, basis_text = KY_NIEM_CHUONG
    for valid_from, valid_to in ((D2023_FROM, D2023_TO), (D2025_FROM, None)):
        AwardKind.objects.get_or_create(
            code=code,
            valid_from=valid_from,
            defaults={
                "name": name,
                "category": "commendation",
                "subject": "person",
                "conferring_level": "city",
                "criteria_text": criteria,
                "legal_basis": basis_text,
                "admin_note": _KNC_NOTE,
                "valid_to": valid_to,
                "display_order": 150,
                "requires_registration": False,
                "requires_achievement_report": False,
                "posting_days": 5,
            },
        )
    for award, basis, description, groups, years, continuous, legal, valid_from, valid_to, note in SENIORITY_RULES:
        SeniorityRule.objects.get_or_create(
            award_code=award,
            basis=basis,
            description=description,
            valid_from=valid_from,
            defaults={
                "position_groups": groups,
                "years_required": years,
                "continuous": continuous,
                "legal_basis": legal,
                "valid_to": valid_to,
                "admin_note": note,
            },
        )
