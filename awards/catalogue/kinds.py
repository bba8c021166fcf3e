"""The award kinds of both decrees, their prerequisites, the eligibility rules, the admin-only notes,
the collective-title criteria, base salaries and conferring routes, and ``seed``, which writes them."""

import datetime as dt

from .documents import seed_wording

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


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


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
