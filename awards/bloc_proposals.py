"""The bridge from emulation blocs (campaigns) to the nomination road: a bloc's leading members,
once the bloc has published its ranking, are proposed for the emulation flag (Cờ thi đua) or a Bằng
khen as ordinary nominations, created through awards.services.nomination_save, with their scores
attached (a BlocProposal row and the scorecard's PDF)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from campaigns.enums import BlocYearState
from campaigns.models import BlocYear
from campaigns.scoring import points_text
from dosonthidua.downloads import download_name

from .enums import AttachmentKind, NominationBasis
from .models import BlocProposal, Nomination
from .services import nomination_save


def _scorecard_pdf(scorecard):
    from campaigns.documents import scorecard_pdf

    return SimpleUploadedFile(
        download_name("Phiếu chấm điểm", scorecard.unit.name, str(scorecard.bloc_year.year), ext="pdf"),
        scorecard_pdf(scorecard),
        content_type="application/pdf",
    )


def bloc_proposal_create(*, scorecard, award_kind, by, summary=""):
    """Propose a ranked member of a published bloc year for ``award_kind``: a draft nomination of the
    member unit as a collective (its officers complete and submit it as any other), its achievement
    summary stating rank and score, the scorecard PDF attached, and one BlocProposal row.
    A member that failed a mandatory condition cannot be proposed for a flag kind of the table.
    Rows: Nomination, NominationAttachment, BlocProposal (through nomination_save)."""
    # Read the round as it is now (the caller's objects may predate the publication).
    bloc_year = BlocYear.objects.select_related("bloc", "score_table").get(pk=scorecard.bloc_year_id)
    scorecard.refresh_from_db()
    scorecard.bloc_year = bloc_year
    if not by.has_perm("campaigns.propose_from_bloc", bloc_year):
        raise PermissionDenied("Chỉ đơn vị trưởng khối hoặc cơ quan tham mưu đề nghị khen thưởng từ kết quả khối đã công bố.")
    if bloc_year.state != BlocYearState.PUBLISHED or scorecard.rank is None:
        raise ValidationError("Khối chưa công bố kết quả xếp hạng.")
    table = bloc_year.score_table
    if award_kind.code in table.flag_award_codes and not scorecard.flag_eligible:
        raise ValidationError(f"{scorecard.unit} không đạt điều kiện bắt buộc của bảng điểm nên không được đề nghị “{award_kind.name}”.")
    members = bloc_year.scorecards.count()
    lead = (
        f"Xếp thứ {scorecard.rank}/{members} trong {bloc_year.bloc.name} năm {bloc_year.year}, "
        f"đạt {points_text(scorecard.checked_total)} điểm theo {table.name} (họp khối ngày {bloc_year.meeting_date:%d/%m/%Y})."
        if bloc_year.meeting_date
        else f"Xếp thứ {scorecard.rank}/{members} trong {bloc_year.bloc.name} năm {bloc_year.year}, đạt {points_text(scorecard.checked_total)} điểm."
    )
    nomination = Nomination(
        nominee_unit=scorecard.unit,
        award_kind=award_kind,
        year=bloc_year.year,
        basis=NominationBasis.MERIT,
        achievement_summary=f"{lead}\n{summary.strip()}".strip(),
        excellent_completion=True,
    )
    with transaction.atomic():
        nomination_save(nomination=nomination, by=by, attachments=[(AttachmentKind.SUMMARY, _scorecard_pdf(scorecard))])
        BlocProposal.objects.create(
            nomination=nomination, scorecard=scorecard, rank=scorecard.rank, member_count=members, total=scorecard.checked_total, by=by
        )
    return nomination
