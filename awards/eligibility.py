"""Eligibility checks of a nomination. Each check returns a result dict:
{code, ok, severity ('hard' blocks submission, 'soft' is a warning), message (Vietnamese), legal_basis}.
The checks, their severity and legal basis are data (EligibilityRule, AwardPrerequisite, AwardQuota,
ConferringRoute); nothing here hard-codes a number of the law."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from .enums import AttachmentKind, AwardSubject, InitiativeKind, NominationState, PrerequisiteRule, QuotaBase, RouteAction, Severity
from .models import AwardQuota, AwardRecord, CollectiveCriterion, DossierRequirement, EligibilityRule, Initiative, Nomination
from .selectors import LIVE_STATES_EXCLUDED, pending_years, record_years, route_for, track_for, unit_lineage_ids


def _result(rule, ok, message, *, severity=None, legal_basis=None):
    return {
        "code": rule.code if rule else "prerequisite",
        "name": rule.name if rule else "",
        "ok": bool(ok),
        "severity": severity or (rule.severity if rule else Severity.HARD),
        "message": message,
        "legal_basis": legal_basis if legal_basis is not None else (rule.legal_basis if rule else ""),
    }


def check_kind_valid(nomination, rule, today):
    kind = nomination.award_kind
    if kind.active and kind.valid_on(today):
        return _result(rule, True, f"“{kind.name}” đang có hiệu lực.")
    until = f" (hiệu lực đến {kind.valid_to:%d/%m/%Y})" if kind.valid_to else ""
    return _result(
        rule, False, f"Danh mục “{kind.name}” này không còn được áp dụng{until}; hãy chọn danh hiệu theo văn bản đang có hiệu lực."
    )


def check_conferring_level(nomination, rule, today):
    kind = nomination.award_kind
    route = route_for(kind.conferring_level, today)
    if route is None:
        return _result(
            rule,
            False,
            f"“{kind.name}” thuộc thẩm quyền {kind.get_conferring_level_display().lower()}: "
            "cấp này không quyết định và cũng không trình đề nghị danh hiệu đó.",
        )
    action = "do Chủ tịch UBND quyết định" if route.action == RouteAction.CONFER else "được trình lên cấp trên"
    return _result(rule, True, f"“{kind.name}” ({kind.get_conferring_level_display().lower()}) {action}.")


def check_subject(nomination, rule, today):
    kind = nomination.award_kind
    if kind.subject == AwardSubject.PERSON:
        ok = nomination.nominee_person_id is not None
    elif kind.subject == AwardSubject.RESIDENTIAL_GROUP:
        ok = nomination.nominee_unit_id is not None and nomination.nominee_unit.kind == "residential_group"
    else:
        ok = nomination.nominee_unit_id is not None
    if ok:
        return _result(rule, True, f"Đúng đối tượng: {kind.get_subject_display().lower()}.")
    given = "một cá nhân" if nomination.nominee_person_id else "một tập thể"
    return _result(rule, False, f"“{kind.name}” dành cho đối tượng {kind.get_subject_display().lower()}, nhưng đề nghị này là cho {given}.")


def check_registration(nomination, rule, today):
    kind = nomination.award_kind
    if not kind.requires_registration:
        return None
    track = track_for(nomination)
    if track is not None and not track.needs_registration:
        return _result(rule, True, f"{track.name}: không cần đăng ký thi đua trước.", legal_basis=track.legal_basis or None)
    from campaigns.selectors import is_registered

    who = {"person": nomination.nominee_person} if nomination.nominee_person_id else {"unit": nomination.nominee_unit}
    if is_registered(year=nomination.year, award_kind_code=kind.code, **who):
        return _result(rule, True, f"Đã đăng ký thi đua danh hiệu “{kind.name}” năm {nomination.year}.")
    return _result(
        rule,
        False,
        f"{nomination.nominee_name} chưa đăng ký thi đua danh hiệu “{kind.name}” năm {nomination.year} (hoặc bản đăng ký chưa được gửi).",
    )


def check_duplicate(nomination, rule, today):
    kind = nomination.award_kind
    qs = Nomination.objects.filter(award_kind__code=kind.code, period_kind=nomination.period_kind, year=nomination.year).exclude(
        state__in=LIVE_STATES_EXCLUDED
    )
    if nomination.pk:
        qs = qs.exclude(pk=nomination.pk)
    qs = (
        qs.filter(nominee_person_id=nomination.nominee_person_id)
        if nomination.nominee_person_id
        else qs.filter(nominee_unit_id=nomination.nominee_unit_id)
    )
    if qs.exists():
        return _result(rule, False, f"{nomination.nominee_name} đã có một đề nghị “{kind.name}” khác trong {nomination.period_label}.")
    years = record_years(code=kind.code, person=nomination.nominee_person, unit_ids=[nomination.nominee_unit_id])
    if nomination.year in years:
        return _result(rule, False, f"{nomination.nominee_name} đã được tặng “{kind.name}” trong {nomination.period_label}.")
    return _result(rule, True, "Không trùng với đề nghị hay khen thưởng nào khác cùng kỳ.")


def _nominee_initiatives(nomination):
    if nomination.nominee_person_id:
        return Initiative.objects.filter(authors=nomination.nominee_person_id)
    return Initiative.objects.filter(unit_id__in=unit_lineage_ids(nomination.nominee_unit_id))


def check_prerequisite(nomination, prerequisite, rule):
    """One AwardPrerequisite -> (status, message) with status 'ok', 'pending' or 'missing'."""
    year = nomination.year - prerequisite.years_before
    if prerequisite.rule == PrerequisiteRule.EXCELLENT_COMPLETION:
        if nomination.excellent_completion:
            return "ok", "Đơn vị xác nhận hoàn thành xuất sắc nhiệm vụ."
        return "missing", "Chưa xác nhận hoàn thành xuất sắc nhiệm vụ."
    if prerequisite.rule in (PrerequisiteRule.INITIATIVE, PrerequisiteRule.RESEARCH):
        research = prerequisite.rule == PrerequisiteRule.RESEARCH
        first = year - prerequisite.years + 1
        found = (
            _nominee_initiatives(nomination)
            .filter(kind=InitiativeKind.RESEARCH if research else InitiativeKind.INITIATIVE)
            .filter(year__gte=first, year__lte=year, scope__gte=prerequisite.min_initiative_scope)
            .order_by("-year")
            .first()
        )
        scope_label = prerequisite.get_min_initiative_scope_display().lower()
        what = "đề tài nghiên cứu khoa học được nghiệm thu, áp dụng" if research else "sáng kiến được công nhận"
        if found:
            return (
                "ok",
                f"Có {'đề tài' if research else 'sáng kiến'} “{found.title}” ({found.get_scope_display().lower()}, năm {found.year}).",
            )
        return "missing", f"Không tìm thấy {what} ({scope_label} trở lên) năm {year}."
    # Award in the same year or a streak: the years that must hold, newest first.
    count = prerequisite.years if prerequisite.rule == PrerequisiteRule.AWARD_STREAK else 1
    needed = [year - i * prerequisite.interval_years for i in range(count)]
    unit_ids = None if nomination.nominee_person_id else unit_lineage_ids(nomination.nominee_unit_id)
    have = record_years(code=prerequisite.requires_code, person=nomination.nominee_person, unit_ids=unit_ids)
    pending = pending_years(code=prerequisite.requires_code, nomination=nomination)
    from .models import AwardKind

    named = AwardKind.objects.filter(code=prerequisite.requires_code).order_by("-valid_from").values_list("name", flat=True).first()
    name = named or prerequisite.requires_code
    missing = [y for y in needed if y not in have and y not in pending]
    waiting = [y for y in needed if y not in have and y in pending]
    years_text = ", ".join(str(y) for y in sorted(needed))
    if missing:
        got = sorted(y for y in needed if y in have)
        detail = f"đã có: {', '.join(map(str, got))}" if got else "chưa có năm nào"
        return "missing", f"Cần “{name}” các năm {years_text}; thiếu năm {', '.join(map(str, sorted(missing)))} ({detail})."
    if waiting:
        return "pending", f"“{name}” năm {', '.join(map(str, sorted(waiting)))} đang được đề nghị, chưa có quyết định."
    return "ok", f"Đã có “{name}” các năm {years_text}."


def check_prerequisites(nomination, rule, today):
    results = []
    groups = {}
    for prerequisite in nomination.award_kind.prerequisites.all():
        groups.setdefault(prerequisite.group, []).append(prerequisite)
    for group in sorted(groups):
        items = groups[group]
        outcomes = [(p, *check_prerequisite(nomination, p, rule)) for p in items]
        severity = Severity.HARD if any(p.severity == Severity.HARD for p in items) else Severity.SOFT
        basis = "; ".join(sorted({p.legal_basis for p in items if p.legal_basis}))
        title = " hoặc ".join(p.description for p in items)
        ok_ones = [o for o in outcomes if o[1] == "ok"]
        pending_ones = [o for o in outcomes if o[1] == "pending"]
        if ok_ones:
            results.append(_result(rule, True, f"{title}: {ok_ones[0][2]}", severity=severity, legal_basis=basis))
        elif pending_ones:
            # A prerequisite proposed in the same batch is normal; the reviewer sees it as a warning.
            results.append(_result(rule, False, f"{title}: {pending_ones[0][2]}", severity=Severity.SOFT, legal_basis=basis))
        else:
            reasons = " ".join(o[2] for o in outcomes)
            results.append(_result(rule, False, f"Chưa đạt điều kiện “{title}”. {reasons}", severity=severity, legal_basis=basis))
    return results


def check_quota(nomination, rule, today):
    kind = nomination.award_kind
    quotas = (
        AwardQuota.objects.filter(kind_code=kind.code, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .filter(Q(unit_id=nomination.unit_id) | Q(unit__isnull=True))
        .order_by("unit_id")  # a unit's own quota (non-null) sorts first
    )
    quota = quotas.first()
    if quota is None:
        return None
    live = Nomination.objects.filter(unit_id=nomination.unit_id, year=nomination.year).exclude(state__in=LIVE_STATES_EXCLUDED)
    used = live.filter(award_kind__code=kind.code).exclude(pk=nomination.pk).count() + 1
    if quota.base == QuotaBase.KIND_COUNT:
        base = live.filter(award_kind__code=quota.base_kind_code).count()
        base_label = f"số đề nghị {quota.base_kind_code}"
    else:
        from units.models import Person

        base = Person.objects.filter(unit_id=nomination.unit_id, active=True).count()
        base_label = "tổng số cán bộ"
    limit = (Decimal(base) * quota.ratio_percent / 100).quantize(Decimal("0.01"))
    basis = quota.legal_basis or rule.legal_basis
    if used <= limit:
        return _result(rule, True, f"Trong tỷ lệ: {used}/{base} ({base_label}), tối đa {quota.ratio_percent}%.", legal_basis=basis)
    return _result(
        rule,
        False,
        f"Vượt tỷ lệ: {used} đề nghị “{kind.name}” trên {base} ({base_label}), tối đa {quota.ratio_percent}% = {limit}.",
        legal_basis=basis,
    )


def _percent_text(value):
    """Decimal -> '70', '66,7' (Vietnamese decimal comma, at most one decimal)."""
    value = Decimal(value).quantize(Decimal("0.1"))
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def collective_members(unit, on_date):
    """The people counted as a collective's members on ``on_date``: the unit's active people."""
    from units.models import Person

    return list(Person.objects.filter(unit=unit, active=True).order_by("full_name", "id"))


def _period_start(nomination):
    end = nomination.period_end
    if nomination.period_kind == "stage" and nomination.period_from:
        return dt.date(nomination.period_from, 1, 1)
    return end.replace(year=end.year - 1) + dt.timedelta(days=1)


def _titled(nomination, member_ids, code):
    """(ids holding ``code`` in the nomination's period, ids with a live nomination for it)."""
    held = set(
        AwardRecord.objects.filter(
            person_id__in=member_ids, award_code=code, period_kind=nomination.period_kind, year=nomination.year
        ).values_list("person_id", flat=True)
    )
    pending = set(
        Nomination.objects.filter(
            nominee_person_id__in=member_ids, award_kind__code=code, period_kind=nomination.period_kind, year=nomination.year
        )
        .exclude(state__in=(*LIVE_STATES_EXCLUDED, NominationState.DECIDED))
        .values_list("nominee_person_id", flat=True)
    )
    return held, pending - held


def _kind_name(code):
    from .models import AwardKind

    return AwardKind.objects.filter(code=code).order_by("-valid_from").values_list("name", flat=True).first() or code


def check_collective(nomination, rule, today):
    """A collective title checked from the unit's people on the reference date: the share of members
    holding a title (e.g. more than 50%, or at least 70%, Lao động tiên tiến), a number holding
    another (at least one Chiến sĩ thi đua cơ sở), all members completing their tasks (the unit's
    statement), and nobody disciplined at the configured form or above during the period. Numbers
    come from CollectiveCriterion rows valid on the date; every result shows its arithmetic."""
    from units.enums import DISCIPLINE_RANK
    from units.models import DisciplineRecord

    if nomination.nominee_unit_id is None:
        return None
    criteria = [c for c in CollectiveCriterion.objects.filter(kind_code=nomination.award_kind.code) if c.valid_on(today)]
    if not criteria:
        return None
    criterion = max(criteria, key=lambda c: c.valid_from)
    basis = criterion.legal_basis or rule.legal_basis
    members = collective_members(nomination.nominee_unit, today)
    total = len(members)
    if total == 0:
        return _result(rule, False, "Đơn vị chưa có danh sách thành viên (cán bộ đang công tác): không tính được tỷ lệ.", legal_basis=basis)
    ids = [p.pk for p in members]
    results = []

    held, pending = _titled(nomination, ids, criterion.titled_code)
    name = _kind_name(criterion.titled_code)
    threshold = _percent_text(criterion.titled_percent)

    def share_ok(count):
        ratio = Decimal(count) * 100 / total
        return ratio > criterion.titled_percent if criterion.strictly_more else ratio >= criterion.titled_percent

    def share_text(count):
        ratio = _percent_text(Decimal(count) * 100 / total)
        if share_ok(count):
            return f"{count}/{total} = {ratio}% {'>' if criterion.strictly_more else '≥'} {threshold}%"
        if criterion.strictly_more:
            return f"{count}/{total} = {ratio}% ≤ {threshold}% (cần trên {threshold}%)"
        return f"{count}/{total} = {ratio}% < {threshold}% (cần ít nhất {threshold}%)"

    label = f"Thành viên đạt “{name}”"
    if share_ok(len(held)):
        results.append(_result(rule, True, f"{label}: {share_text(len(held))}.", legal_basis=basis))
    elif share_ok(len(held) + len(pending)):
        results.append(
            _result(
                rule,
                False,
                f"{label}: {share_text(len(held))}; tính cả {len(pending)} người đang được đề nghị: {share_text(len(held) + len(pending))}.",
                severity=Severity.SOFT,
                legal_basis=basis,
            )
        )
    else:
        extra = f"; tính cả {len(pending)} người đang được đề nghị: {share_text(len(held) + len(pending))}" if pending else ""
        results.append(_result(rule, False, f"{label}: {share_text(len(held))}{extra}.", legal_basis=basis))

    if criterion.second_code and criterion.second_min_count:
        held2, pending2 = _titled(nomination, ids, criterion.second_code)
        name2 = _kind_name(criterion.second_code)
        need = criterion.second_min_count
        text = f"Thành viên đạt “{name2}”: {len(held2)} (cần ít nhất {need})"
        if len(held2) >= need:
            results.append(_result(rule, True, f"{text}.", legal_basis=basis))
        elif len(held2) + len(pending2) >= need:
            results.append(
                _result(rule, False, f"{text}; {len(pending2)} người đang được đề nghị.", severity=Severity.SOFT, legal_basis=basis)
            )
        else:
            results.append(_result(rule, False, f"{text}.", legal_basis=basis))

    if criterion.all_complete_tasks:
        if nomination.members_completed_tasks:
            results.append(
                _result(rule, True, f"Đơn vị xác nhận 100% thành viên ({total}/{total}) hoàn thành nhiệm vụ.", legal_basis=basis)
            )
        else:
            results.append(_result(rule, False, "Đơn vị chưa xác nhận 100% thành viên hoàn thành nhiệm vụ.", legal_basis=basis))

    if criterion.discipline_from:
        floor = DISCIPLINE_RANK[criterion.discipline_from]
        forms = [f for f, rank in DISCIPLINE_RANK.items() if rank >= floor]
        start = _period_start(nomination)
        records = list(
            DisciplineRecord.objects.filter(person_id__in=ids, form__in=forms, date__gte=start, date__lte=nomination.period_end)
            .select_related("person")
            .order_by("date", "id")
        )
        form_label = criterion.get_discipline_from_display().lower()
        if records:
            who = "; ".join(
                f"{r.person.full_name}: {r.get_form_display().lower()} ngày {r.date:%d/%m/%Y}" + (f" ({r.decision})" if r.decision else "")
                for r in records
            )
            results.append(
                _result(
                    rule,
                    False,
                    f"Có {len(records)}/{total} thành viên bị kỷ luật từ {form_label} trở lên trong kỳ: {who}.",
                    legal_basis=basis,
                )
            )
        else:
            results.append(
                _result(rule, True, f"Không thành viên nào bị kỷ luật từ {form_label} trở lên trong kỳ (0/{total}).", legal_basis=basis)
            )
    return results


def check_achievement_report(nomination, rule, today):
    if not nomination.award_kind.requires_achievement_report:
        return None
    track = track_for(nomination)
    if track is not None and not track.needs_full_report:
        if nomination.achievement_summary.strip():
            return _result(
                rule, True, f"{track.name}: tóm tắt thành tích thay cho báo cáo thành tích.", legal_basis=track.legal_basis or None
            )
        return _result(rule, False, f"{track.name}: cần tóm tắt thành tích.", legal_basis=track.legal_basis or None)
    if nomination.pk and nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).exists():
        return _result(rule, True, "Đã có báo cáo thành tích.")
    return _result(rule, False, f"Chưa có báo cáo thành tích (bắt buộc với danh hiệu “{nomination.award_kind.name}”).")


def check_dossier(nomination, rule, today):
    """The documents the award's dossier requires (DossierRequirement), each found among the
    nomination's attachments; the achievement report of a title has its own check."""
    kind = nomination.award_kind
    required = DossierRequirement.objects.filter(award_code=kind.code, required=True)
    if kind.requires_achievement_report:
        required = required.exclude(attachment_kind=AttachmentKind.ACHIEVEMENT_REPORT)
    required = list(required)
    if not required:
        return None
    have = set(nomination.attachments.values_list("kind", flat=True)) if nomination.pk else set()
    missing = [r for r in required if r.attachment_kind not in have]
    if not missing:
        names = ", ".join(r.get_attachment_kind_display().lower() for r in required)
        return _result(rule, True, f"Hồ sơ “{kind.name}” đủ thành phần: {names}.")
    lines = "; ".join(f"{r.get_attachment_kind_display()}" + (f" ({r.note.rstrip('.')})" if r.note else "") for r in missing)
    return _result(rule, False, f"Hồ sơ “{kind.name}” còn thiếu: {lines}.")


CHECKS = [
    ("kind_not_valid", check_kind_valid),
    ("conferring_level", check_conferring_level),
    ("subject_mismatch", check_subject),
    ("not_registered", check_registration),
    ("duplicate", check_duplicate),
    ("prerequisite", check_prerequisites),
    ("collective", check_collective),
    ("quota", check_quota),
    ("achievement_report", check_achievement_report),
    ("dossier", check_dossier),
]


def evaluate(nomination, *, today=None):
    """Run every active check; returns the list of results (passes included, so the page explains
    every rule). Rules are evaluated as of the nomination's reference date (the decision date once it
    is in a decision, else the end of its period: Nomination.reference_date) unless ``today`` is given."""
    today = today or nomination.reference_date
    rules = {r.code: r for r in EligibilityRule.objects.filter(active=True)}
    results = []
    for code, check in CHECKS:
        rule = rules.get(code)
        if rule is None:
            continue
        outcome = check(nomination, rule, today)
        if outcome is None:
            continue
        results.extend(outcome if isinstance(outcome, list) else [outcome])
    return results
