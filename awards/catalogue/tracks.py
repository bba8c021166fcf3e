"""The ProcedureTrack rows: which steps each basis of the simplified procedure skips."""

from .kinds import D2023_FROM, LAW

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
