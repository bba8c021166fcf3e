"""Issuing bodies, their signers and councils, and the identity (level, area, advisory office) of a body."""

from .documents import seed_document_defaults, seed_legal_documents
from .kinds import D2023_FROM, D2023_TO, D2025_FROM, _has_field

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
