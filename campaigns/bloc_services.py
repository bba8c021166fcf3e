"""Write-side use cases of emulation blocs (khối, cụm thi đua): the members' self-scoring with
evidence, the leader's check with a reason per changed line, the bloc meeting's ranking (ties broken
by the rules the score table states) and the publication. The states of a scorecard and of a bloc's
year change only through ``scoring_transition``."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dosonthidua.uploads import as_stored, clean_filename, validate_upload
from units.services import notify

from . import rules as campaign_rules
from .enums import BlocRole, BlocSuggestion, BlocYearState, ScorecardState, ScoreLineKind
from .models import BlocHistory, BlocMember, BlocYear, Scorecard, ScoreCriterion, ScoreEvidence, ScoreLine
from .scoring import points_text, ranking_rows, summarise

C, Y = ScorecardState, BlocYearState


class ScoringError(ValidationError):
    """A refused scoring step; the message is for the user (Vietnamese)."""


# --- The one transition service ------------------------------------------------------------------


def _label(obj, state):
    return (C if isinstance(obj, Scorecard) else Y)(state).label


@transaction.atomic
def scoring_transition(*, obj, to, by, comment="", fields=None):
    """Move a Scorecard or a BlocYear to state ``to`` if campaigns.rules.SCORING_TRANSITIONS allows it
    for ``by``. Locks the row; scorecard moves need the bloc's round to be open. ``fields`` are other
    attributes already set on ``obj`` by the calling service, saved with the state. Rows: the object
    (update_fields), one BlocHistory; notices to the units concerned on commit."""
    model = type(obj)
    locked = model.objects.select_for_update().get(pk=obj.pk)
    frm = locked.state
    key = (model._meta.model_name, frm, to)
    predicate = campaign_rules.SCORING_TRANSITIONS.get(key)
    if predicate is None:
        raise ScoringError(f"Không thể chuyển từ “{_label(obj, frm)}” sang “{_label(obj, to)}”.")
    if not predicate.test(by, locked):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")
    comment = (comment or "").strip()
    if key in campaign_rules.SCORING_COMMENT_REQUIRED and not comment:
        raise ScoringError("Hãy ghi rõ lý do.")
    if isinstance(locked, Scorecard) and locked.bloc_year.state != Y.OPEN:
        raise ScoringError("Khối đã xếp hạng; hãy mở lại đợt chấm điểm trước khi thay đổi phiếu.")
    now = timezone.now()
    update = ["state"]
    for name in fields or ():
        setattr(locked, name, getattr(obj, name))
        update.append(name)
    locked.state = to
    if isinstance(locked, Scorecard):
        update.append("updated_at")
        if to == C.SUBMITTED:
            locked.submitted_at = now
            update.append("submitted_at")
        if to == C.CHECKED:
            locked.checked_at = now
            update.append("checked_at")
        history = BlocHistory(bloc_year_id=locked.bloc_year_id, scorecard=locked)
    else:
        locked.state_changed_at = now
        update.append("state_changed_at")
        if to == Y.RANKED:
            locked.ranked_at = now
            update.append("ranked_at")
        if to == Y.PUBLISHED:
            locked.published_at = now
            update.append("published_at")
        history = BlocHistory(bloc_year=locked)
    locked.save(update_fields=list(dict.fromkeys(update)))
    history.from_state, history.to_state, history.by, history.at, history.comment = frm, to, by, now, comment
    history.save()
    transaction.on_commit(lambda: _notify_move(locked, to, comment, by))
    obj.__dict__.update({name: getattr(locked, name) for name in update})
    return locked


def _officers(unit_ids):
    from .services import unit_officers

    return list(unit_officers(unit_ids))


def _notify_move(obj, to, comment, by):
    if isinstance(obj, Scorecard):
        url = reverse("campaigns:scorecard-detail", args=[obj.pk])
        if to == C.SUBMITTED:
            checker_role = BlocRole.DEPUTY if obj.member.role == BlocRole.LEADER else BlocRole.LEADER
            units = BlocMember.objects.filter(bloc_year_id=obj.bloc_year_id, role=checker_role).values_list("unit_id", flat=True)
            users, subject = _officers(list(units)), f"{obj.unit} đã gửi phiếu tự chấm điểm ({obj.bloc_year})"
        else:
            users, subject = _officers([obj.unit_id]), f"Phiếu chấm điểm {obj.bloc_year}: {C(to).label}"
    else:
        url = reverse("campaigns:bloc-year-detail", args=[obj.pk])
        users = _officers(list(obj.members.values_list("unit_id", flat=True)))
        subject = f"{obj}: {Y(to).label}"
    notify(users=[u for u in users if u.pk != by.pk], subject=subject[:255], text=comment, url=url)


# --- Setting up a year ---------------------------------------------------------------------------


@transaction.atomic
def scorecards_open(*, bloc_year, by):
    """Give every member of ``bloc_year`` a scorecard with one empty line per criterion of its
    table (members and lines added since are filled in; existing scores are kept).
    Rows: Scorecard, ScoreLine. Returns the number of scorecards created."""
    if not by.has_perm("campaigns.manage_blocs"):
        raise PermissionDenied
    table = getattr(bloc_year, "score_table", None)
    if table is None:
        raise ScoringError("Khối chưa có bảng chấm điểm của năm này.")
    criteria = list(table.criteria.all())
    created = 0
    for member in bloc_year.members.all():
        card, new = Scorecard.objects.get_or_create(member=member, defaults={"bloc_year": bloc_year, "unit_id": member.unit_id})
        created += new
        have = set(card.lines.values_list("criterion_id", flat=True))
        ScoreLine.objects.bulk_create([ScoreLine(scorecard=card, criterion=c) for c in criteria if c.pk not in have])
    return created


# --- The member scores itself --------------------------------------------------------------------


def _points(raw, criterion):
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        raise ScoringError(f"“{criterion}”: điểm “{raw}” không phải là số.") from None
    if value < 0 or value > criterion.max_points:
        raise ScoringError(f"“{criterion}”: điểm phải từ 0 đến {points_text(criterion.max_points)}.")
    return value


def _lines(scorecard):
    return list(scorecard.lines.select_related("criterion").order_by("criterion__display_order", "criterion_id"))


def _groups(bloc_year):
    return list(bloc_year.score_table.groups.all())


@transaction.atomic
def scorecard_self_score(*, scorecard, values, by, note=None):
    """Save the member's own scores: ``values`` maps a criterion id to (points or met, note); a
    condition takes True/False, other lines 0..max points. Everything is checked before anything is
    written. Rows: ScoreLine (self_* fields), Scorecard (self_total, self_note)."""
    scorecard = Scorecard.objects.select_for_update().select_related("bloc_year").get(pk=scorecard.pk)
    if not by.has_perm("campaigns.score_own", scorecard):
        raise PermissionDenied("Phiếu đã gửi trưởng khối hoặc không thuộc đơn vị của bạn.")
    lines = _lines(scorecard)
    for line in lines:
        if line.criterion_id not in values:
            continue
        raw, line_note = values[line.criterion_id]
        if line.criterion.is_condition:
            line.self_met = None if raw in (None, "") else bool(raw)
        else:
            line.self_points = _points(raw, line.criterion)
        line.self_note = (line_note or "").strip()[:1000]
    ScoreLine.objects.bulk_update(lines, ["self_points", "self_met", "self_note"])
    scorecard.self_total = summarise(lines, _groups(scorecard.bloc_year), checked=False).total
    fields = ["self_total", "updated_at"]
    if note is not None:
        scorecard.self_note = note.strip()
        fields.append("self_note")
    scorecard.save(update_fields=fields)
    return scorecard


def evidence_add(*, scorecard, uploaded, by, criterion=None):
    """Attach a file proving the member's scores; its type is read from the content. Rows: one
    ScoreEvidence (file under MEDIA_ROOT). Raises ValidationError and writes nothing on a bad file."""
    if not by.has_perm("campaigns.score_own", scorecard):
        raise PermissionDenied
    if criterion is not None and criterion.table.bloc_year_id != scorecard.bloc_year_id:
        raise ScoringError("Tiêu chí không thuộc bảng điểm của khối.")
    kind = validate_upload(uploaded)
    return ScoreEvidence.objects.create(
        scorecard=scorecard,
        criterion=criterion,
        file=as_stored(uploaded, kind),
        original_name=clean_filename(uploaded.name)[:160],
        kind=kind,
        size=uploaded.size,
        uploaded_by=by,
    )


def scorecard_submit(*, scorecard, by):
    """Send the self-scored card to the bloc leader (the deputy for the leader's own card); every line
    must be scored. See scoring_transition for rows and notices."""
    missing = [
        line.criterion
        for line in _lines(scorecard)
        if (
            line.self_met is None
            if line.criterion.is_condition
            else line.self_points is None and line.criterion.kind == ScoreLineKind.CRITERION
        )
    ]
    if missing:
        raise ScoringError("Chưa chấm: " + "; ".join(str(c) for c in missing) + ".")
    return scoring_transition(obj=scorecard, to=C.SUBMITTED, by=by)


# --- The leader checks ---------------------------------------------------------------------------


@transaction.atomic
def scorecard_check(*, scorecard, adjustments, by, note=""):
    """The leader's check: ``adjustments`` maps a criterion id to (points or met, reason); a value
    that differs from the member's own needs a reason. Lines left out keep the member's value.
    Rows: ScoreLine (checked_*, adjust_reason), Scorecard (checked_total, conditions_met,
    leader_note), then the move to "checked" (scoring_transition)."""
    scorecard = Scorecard.objects.select_for_update().select_related("bloc_year").get(pk=scorecard.pk)
    if not by.has_perm("campaigns.check_scorecard", scorecard) or scorecard.state != C.SUBMITTED:
        raise PermissionDenied("Chỉ trưởng khối kiểm tra phiếu đã gửi khi khối đang chấm điểm.")
    lines, errors = _lines(scorecard), []
    for line in lines:
        raw, reason = adjustments.get(line.criterion_id, (None, ""))
        reason = (reason or "").strip()
        if line.criterion.is_condition:
            value = line.self_met if raw in (None, "") else bool(raw)
            changed = value != line.self_met
            line.checked_met = value
        else:
            value = _points(raw, line.criterion)
            value = line.self_points if value is None else value
            changed = value != line.self_points
            line.checked_points = value
        if changed and not reason:
            errors.append(f"“{line.criterion}”: ghi lý do điều chỉnh.")
        line.adjust_reason = reason if changed else ""
    if errors:
        raise ScoringError(" ".join(errors))
    ScoreLine.objects.bulk_update(lines, ["checked_points", "checked_met", "adjust_reason"])
    summary = summarise(lines, _groups(scorecard.bloc_year), checked=True)
    scorecard.checked_total, scorecard.conditions_met, scorecard.leader_note = summary.total, summary.conditions_met, note.strip()
    return scoring_transition(obj=scorecard, to=C.CHECKED, by=by, fields=["checked_total", "conditions_met", "leader_note"])


def scorecard_return(*, scorecard, by, comment):
    """Return a submitted (or checked, before the ranking) card to its member with what to fix."""
    return scoring_transition(obj=scorecard, to=C.RETURNED, by=by, comment=comment)


# --- The bloc meeting ranks; publication ---------------------------------------------------------


@transaction.atomic
def bloc_year_rank(*, bloc_year, by, meeting_date, note=""):
    """Record the bloc meeting: rank every checked scorecard (ties by the table's rules), mark who
    may be proposed for the flag (every mandatory condition met, within the table's flag places) and
    for a Bằng khen (the next places), then move the round to "ranked".
    Rows: Scorecard (rank, flag_eligible, suggestion), BlocYear (meeting fields, state), BlocHistory."""
    original, bloc_year = bloc_year, BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if not campaign_rules.leads_bloc.test(by, bloc_year):
        raise PermissionDenied("Chỉ đơn vị trưởng khối ghi kết quả họp khối.")
    cards = list(bloc_year.scorecards.all())
    pending = [c for c in cards if c.state != C.CHECKED]
    if not cards or pending:
        raise ScoringError("Chưa xếp hạng được: còn phiếu chưa được kiểm tra (" + ", ".join(str(c.unit) for c in pending) + ").")
    table = bloc_year.score_table
    rows = ranking_rows(bloc_year)
    flags = commendations = 0
    flag_cutoff = commendation_cutoff = None
    for card, summary, place in rows:
        card.rank, card.flag_eligible, card.suggestion = place, summary.conditions_met, BlocSuggestion.NONE
        card.checked_total, card.conditions_met = summary.total, summary.conditions_met
        if not summary.conditions_met:
            continue  # a member failing a mandatory condition is ranked but proposed for nothing
        # Members sharing the last place in a band all enter it (the tie was not broken by the table).
        if flags < table.flag_places or place == flag_cutoff:
            card.suggestion, flags, flag_cutoff = BlocSuggestion.FLAG, flags + 1, place
        elif commendations < table.commendation_places or place == commendation_cutoff:
            card.suggestion, commendations, commendation_cutoff = BlocSuggestion.COMMENDATION, commendations + 1, place
    Scorecard.objects.bulk_update([r[0] for r in rows], ["rank", "flag_eligible", "suggestion", "checked_total", "conditions_met"])
    bloc_year.meeting_date, bloc_year.meeting_note = meeting_date, (note or "").strip()
    locked = scoring_transition(obj=bloc_year, to=Y.RANKED, by=by, comment=note, fields=["meeting_date", "meeting_note"])
    original.__dict__.update(bloc_year.__dict__)
    return locked


def bloc_year_reopen(*, bloc_year, by, comment):
    """Reopen a ranked round so cards can be returned and checked again (the ranks are kept until the
    next ranking overwrites them)."""
    return scoring_transition(obj=bloc_year, to=Y.OPEN, by=by, comment=comment)


def bloc_year_publish(*, bloc_year, by, comment=""):
    """Publish the ranking: from now on every member sees the whole table and the others' scores."""
    return scoring_transition(obj=bloc_year, to=Y.PUBLISHED, by=by, comment=comment)


# --- The covenant's signed scan ------------------------------------------------------------------


@transaction.atomic
def covenant_scan_attach(*, covenant, uploaded, by):
    """Attach (or replace) the signed covenant's scan, its type read from the content (PDF or an
    image). Rows: Covenant (scan fields; the file under MEDIA_ROOT, the replaced one removed)."""
    if not by.has_perm("campaigns.manage_covenant", covenant.bloc_year):
        raise PermissionDenied
    kind = validate_upload(uploaded, allowed=("pdf", "jpg", "png"))
    old = covenant.scan.name if covenant.scan else ""
    covenant.scan = as_stored(uploaded, kind)
    covenant.scan_name, covenant.scan_kind, covenant.scan_uploaded_at = clean_filename(uploaded.name)[:160], kind, timezone.now()
    covenant.save(update_fields=["scan", "scan_name", "scan_kind", "scan_uploaded_at"])
    if old:
        storage = covenant.scan.storage
        transaction.on_commit(lambda: storage.delete(old))
    return covenant


__all__ = ["ScoreCriterion", "ScoringError", "scoring_transition"]
