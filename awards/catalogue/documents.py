"""Documents ready to sign: the decision wording of each kind, the laws and decrees cited in decisions,
and Article 3 and "Nơi nhận" by issuing body."""

import datetime as dt

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
