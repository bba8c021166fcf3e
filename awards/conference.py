"""The advanced-models conference (Hội nghị điển hình tiên tiến): selectors that read a conference
and the candidates for its honourees, services that write it (each saves the conference's history
through simple_history with a reason), and the contexts of its documents (invitations, guest list,
the honourees' booklet) rendered by templates under awards/documents/.

The honourees are chosen from what the record already holds: exemplars accepted in the period (the
campaigns app) and awards decided in it (AwardRecord); each choice is a snapshot (name, unit,
achievement summary prefilled from the record) that the reviewer may then edit for the booklet."""

import base64
import datetime as dt
import mimetypes
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Prefetch, Q

from campaigns.enums import ExemplarKind, WorkflowState
from campaigns.models import Exemplar, ExemplarPhoto
from dosonthidua.documents import document_date_line, vn_date
from dosonthidua.pdf import render_pdf
from units.enums import UnitKind

from .enums import ConferringLevel
from .models import AwardRecord, Conference, ConferenceGuest, ConferenceHonouree, Decision
from .selectors import issuing_body_on

COLLECTIVE_EXEMPLARS = (ExemplarKind.EXEMPLARY_COLLECTIVE, ExemplarKind.GOOD_MODEL, ExemplarKind.NEW_FACTOR)
# A candidate source of the honourees picker.
SOURCE_EXEMPLARS, SOURCE_AWARDS = "exemplars", "awards"


class ConferenceError(Exception):
    """A conference operation refused; the message is for the user (Vietnamese)."""


# --- Selectors -----------------------------------------------------------------------------------


def conferences_visible_to(user):
    """Conferences the user may open: the advisory office, leadership, administrators and the
    propaganda office read every conference; nobody else reads any."""
    if not user.has_perm("awards.view_conferences"):
        return Conference.objects.none()
    return Conference.objects.select_related("campaign", "issuing_body", "unit")


def conference_list(user):
    from django.db.models import Count

    return conferences_visible_to(user).annotate(honouree_count=Count("honourees", distinct=True)).order_by("-date", "-id")


WARD_KINDS = (UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE)


def level_on(date, unit=None):
    """(level, issuing body) of a conference held on ``date``: a ward's own conference (``unit``, a
    ward's committee) is at ward level; otherwise the body the portal serves that day decides whether
    it is a district's or a ward's conference (a district's before 01/07/2025)."""
    body = issuing_body_on(date)
    if unit is not None and unit.kind in WARD_KINDS:
        return ConferringLevel.WARD, body
    if body is None:
        return ConferringLevel.WARD, None
    level = body.conferring_level
    return (level if level in ConferringLevel.values else ConferringLevel.WARD), body


def exemplar_candidates(conference, *, q=""):
    """Accepted exemplars of the conference's period (of its campaign when it has one), not yet
    honoured at it, with their first photo."""
    qs = Exemplar.objects.filter(state=WorkflowState.ACCEPTED).select_related("unit", "person", "campaign")
    if conference.campaign_id:
        qs = qs.filter(campaign_id=conference.campaign_id)
    else:
        qs = qs.filter(campaign__start_date__lte=conference.period_end, campaign__end_date__gte=conference.period_start)
    qs = qs.exclude(pk__in=conference.honourees.filter(exemplar__isnull=False).values("exemplar_id"))
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(unit__name__icontains=q) | Q(person__full_name__icontains=q))
    return qs.order_by("unit__display_order", "title", "id")


def award_candidates(conference, *, q=""):
    """Awards decided in the conference's period (by decision date; an imported award without one
    counts in its year), not yet honoured at it."""
    start, end = conference.period_start, conference.period_end
    years = [y for y in range(start.year, end.year + 1) if start <= dt.date(y, 12, 31) <= end]
    qs = (
        AwardRecord.objects.filter(Q(decision_date__range=(start, end)) | Q(decision_date__isnull=True, year__in=years))
        .exclude(pk__in=conference.honourees.filter(award_record__isnull=False).values("award_record_id"))
        .select_related("person", "unit", "nomination")
    )
    if q:
        qs = qs.filter(Q(recipient_name__icontains=q) | Q(award_name__icontains=q) | Q(unit_name__icontains=q))
    return qs.order_by("-year", "award_name", "recipient_name", "id")


def conference_detail(pk, user):
    photos = Prefetch("exemplar__photos", queryset=ExemplarPhoto.objects.order_by("id"))
    return (
        conferences_visible_to(user)
        .prefetch_related(
            Prefetch("honourees", queryset=ConferenceHonouree.objects.select_related("exemplar").prefetch_related(photos)),
            "agenda",
            Prefetch("guests", queryset=ConferenceGuest.objects.select_related("unit")),
            Prefetch("decisions", queryset=Decision.objects.order_by("date", "number")),
        )
        .get(pk=pk)
    )


def decisions_for(conference_date):
    """Issued decisions up to the conference's date: those that can be announced at it."""
    from .enums import DecisionState

    qs = Decision.objects.filter(state=DecisionState.ISSUED)
    if conference_date:
        qs = qs.filter(date__lte=conference_date)
    return qs.order_by("-date", "-id")


# --- Services ------------------------------------------------------------------------------------


def _check(by, perm="awards.manage_conference", obj=None):
    if not by.has_perm(perm, obj):
        raise PermissionDenied


def _touch(conference, reason):
    """One history row of the conference for a change of its children (honourees, programme, guests)."""
    conference._change_reason = reason
    conference.save(update_fields=["updated_at"])


@transaction.atomic
def conference_save(*, conference, decisions=None, by):
    """Create or update a conference (the ModelForm's unsaved instance): its level, issuing body and
    organiser's name follow from its date (level_on); ``decisions`` (issued decisions announced at
    it) replace the links. Writes the conference and a history row."""
    _check(by, obj=conference if conference.pk else None)
    level, body = level_on(conference.date, conference.unit)
    conference.level = level
    conference.issuing_body = body
    conference.organiser_name = conference.unit.name if conference.unit_id else (body.full_name if body else "")
    if not conference.pk:
        conference.created_by = by
    conference._change_reason = "Lập hội nghị" if not conference.pk else "Sửa thông tin hội nghị"
    conference.save()
    if decisions is not None:
        conference.decisions.set(decisions)
    return conference


def exemplar_achievement(exemplar):
    return f"{exemplar.title}: {exemplar.summary}" if exemplar.summary else exemplar.title


def award_achievement(record):
    """'Bằng khen của Chủ tịch UBND thành phố năm 2023 (Quyết định số 12/QĐ-UBND ngày 05/01/2024)',
    followed by the nomination's achievement summary when the award was decided on the portal."""
    text = f"{record.award_name} năm {record.year}"
    if record.decision_number:
        text += f" (Quyết định số {record.decision_number}"
        text += f" {vn_date(record.decision_date)})" if record.decision_date else ")"
    summary = getattr(record.nomination, "achievement_summary", "") if record.nomination_id else ""
    return f"{text}. {summary}" if summary else text


@transaction.atomic
def honourees_add(*, conference, exemplars=(), awards=(), by):
    """Add honourees from exemplars and awards (records the candidate selectors returned), each a
    snapshot with its achievement prefilled; those already honoured are skipped. Writes
    ConferenceHonouree rows and a history row of the conference; returns the number added."""
    _check(by, obj=conference)
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    next_order = (conference.honourees.aggregate(m=Max("order"))["m"] or 0) + 1
    present_exemplars = set(conference.honourees.filter(exemplar__isnull=False).values_list("exemplar_id", flat=True))
    present_awards = set(conference.honourees.filter(award_record__isnull=False).values_list("award_record_id", flat=True))
    rows = []
    for exemplar in exemplars:
        if exemplar.pk in present_exemplars or exemplar.state != WorkflowState.ACCEPTED:
            continue
        person = exemplar.person if exemplar.kind == ExemplarKind.EXEMPLARY_PERSON else None
        rows.append(
            ConferenceHonouree(
                conference=conference,
                exemplar=exemplar,
                person=person,
                unit=None if person else exemplar.unit,
                is_collective=person is None,
                name=person.full_name if person else exemplar.unit.name,
                position=(person.position if person else "")[:150],
                unit_name=exemplar.unit.name,
                achievement=exemplar_achievement(exemplar),
                order=next_order + len(rows),
            )
        )
    for record in awards:
        if record.pk in present_awards:
            continue
        rows.append(
            ConferenceHonouree(
                conference=conference,
                award_record=record,
                person=record.person,
                unit=record.unit,
                is_collective=record.unit_id is not None,
                name=record.recipient_name,
                position=(record.person.position if record.person_id else "")[:150],
                unit_name=record.unit_name or (record.unit.name if record.unit_id else ""),
                achievement=award_achievement(record),
                order=next_order + len(rows),
            )
        )
    ConferenceHonouree.objects.bulk_create(rows)
    if rows:
        _touch(conference, f"Thêm {len(rows)} tập thể, cá nhân được tuyên dương")
    return len(rows)


@transaction.atomic
def children_save(*, conference, formset, reason, by):
    """Save a formset of the conference's children (honourees, programme items, guests) and a history
    row naming what changed. The formset is valid; its forms' instances belong to ``conference``."""
    _check(by, obj=conference)
    formset.instance = conference
    formset.save()
    _touch(conference, reason)
    return conference


# --- Documents -----------------------------------------------------------------------------------


def _area_of(unit_name):
    """'PHƯỜNG BÀNG LA' from 'UBND phường Bàng La' or 'Ủy ban nhân dân phường Bàng La'."""
    return re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", unit_name, flags=re.IGNORECASE).upper()


def _letterhead(conference):
    body = conference.issuing_body
    if conference.unit_id:  # a ward's own conference: the ward's committee issues its papers
        parent, name = "ỦY BAN NHÂN DÂN", _area_of(conference.unit.name)
    else:
        parent, name = (body.name_line1, body.name_line2) if body else ("", conference.organiser_name)
    return {
        "issuer_parent": parent,
        "issuer_name": name,
        "issuer_parent_bold": True,
        "date_line": document_date_line(conference.date),
        "signer_titles": [line.upper() for line in conference.signer_lines],
        "signer_name": conference.signer_name,
        "recipients": [],
    }


def _when(conference):
    time = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    return f"{time}{vn_date(conference.date)}"


def invitations_context(conference):
    guests = list(conference.guests.select_related("unit"))
    return {
        **_letterhead(conference),
        "number": conference.invitation_number,
        # Each invitation prints its own header and title (the base template's are for one document).
        "invitation_subject": f"Dự {conference.title}",
        "conference": conference,
        "guests": guests,
        "when": _when(conference),
        "agenda": list(conference.agenda.all()),
    }


def invitations_pdf(conference):
    """One invitation (giấy mời) per guest, one page each, in the official layout."""
    return render_pdf("awards/documents/conference_invitations.html", invitations_context(conference))


def guest_list_context(conference):
    return {
        **_letterhead(conference),
        "number": "",
        "doc_type": "Danh sách khách mời",
        "subject": f"{conference.title} ({_when(conference)})",
        "conference": conference,
        "guests": list(conference.guests.select_related("unit")),
    }


def guest_list_pdf(conference):
    return render_pdf("awards/documents/conference_guests.html", guest_list_context(conference))


def _photo_uri(photo):
    """The photo as a data URI, read through its storage (whatever backend keeps the file)."""
    media_type = mimetypes.guess_type(photo.file.name)[0] or "application/octet-stream"
    with photo.file.open("rb") as handle:
        return f"data:{media_type};base64,{base64.b64encode(handle.read()).decode()}"


def booklet_context(conference):
    photos = Prefetch("exemplar__photos", queryset=ExemplarPhoto.objects.order_by("id"))
    honourees = list(conference.honourees.select_related("exemplar").prefetch_related(photos))
    entries = []
    for h in honourees:
        photos = h.exemplar.photos.all() if h.exemplar_id else []
        entries.append({"honouree": h, "photo_uri": _photo_uri(photos[0]) if photos else ""})
    return {
        **_letterhead(conference),
        "number": "",
        "doc_type": "Kỷ yếu gương điển hình tiên tiến",
        "subject": conference.title,
        "conference": conference,
        "collectives": [e for e in entries if e["honouree"].is_collective],
        "persons": [e for e in entries if not e["honouree"].is_collective],
        "signer_titles": [],
        "signer_name": "",
    }


def booklet_pdf(conference):
    """The printable booklet of the conference's honourees: photo (an exemplar's first), name, unit,
    achievement summary; collectives first, then persons."""
    return render_pdf("awards/documents/conference_booklet.html", booklet_context(conference))
