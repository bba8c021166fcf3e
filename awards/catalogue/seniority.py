"""The Kỷ niệm chương kind and the SeniorityRule rows that awards.candidates counts service against."""

from .kinds import D2023_FROM, D2023_TO, D2025_FROM, DECREE_2023, DECREE_2025, LAW

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
