"""Importing packages (docs/interchange.md). Every check runs first, on the package alone and against
this portal's records (plan_*), without writing; the import then writes every row in one transaction
and saves the files only after the checks passed, deleting any it saved if the transaction fails.
A refused package raises PackageError with the reason in Vietnamese: nothing is half-imported."""

import datetime as dt
import io
import os
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dosonthidua.cache import NOMINATION_COUNTS, changed
from dosonthidua.text import fold
from dosonthidua.uploads import DOCUMENT_KINDS, clean_filename, sniff_kind
from units.models import Person, Unit

from ..enums import AttachmentKind, NominationBasis, RecordSource, UpwardResult
from ..enums import NominationState as S
from . import package as pkg
from .package import PackageError

PERMISSION = "awards.import_interchange"


def _require(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied("Bạn không có quyền nhập gói liên thông.")


def _name_key(name):
    """Unit names compared accent- and abbreviation-free: "Ủy ban nhân dân phường X" = "UBND phường X"."""
    folded = fold(name).replace("uy ban nhan dan", "ubnd")
    return " ".join(folded.split())


def _date(value):
    return dt.date.fromisoformat(value) if value else None


@dataclass
class UnitMatch:
    """A unit of the package mapped to this portal: an existing row, or one to create."""

    code: str
    name: str
    kind: str
    unit: Unit | None = None
    parent: "UnitMatch | None" = None

    @property
    def label(self):
        return f"{self.unit.name} (đã có, mã {self.unit.short_code})" if self.unit else f"{self.name} (tạo mới, mã {self.code})"


@dataclass
class Plan:
    package: pkg.Package
    kind: str
    sender: str
    summary: list = field(default_factory=list)  # (label, value) for the preview
    rows: list = field(default_factory=list)  # dicts for the preview table and the import
    units: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


class _Units:
    """Maps the package's units to this portal's: by code when the names agree, else by name; what
    matches nothing is created (the sender under this portal's top unit, the others under the
    sender), so the city keeps one record per ward however many packages it sends."""

    def __init__(self):
        self.matches = {}
        self.by_name = {}
        for unit in Unit.objects.only("id", "short_code", "name", "kind", "parent_id"):
            self.by_name.setdefault(_name_key(unit.name), []).append(unit)
        self.by_code = {u.short_code: u for units in self.by_name.values() for u in units}

    def match(self, block, parent=None):
        key = (block["code"], _name_key(block["name"]))
        if key in self.matches:
            return self.matches[key]
        found = self.by_code.get(block["code"])
        if found is not None and _name_key(found.name) != key[1]:
            found = None
        if found is None:
            named = self.by_name.get(key[1], [])
            found = named[0] if len(named) == 1 else None
        code = block["code"]
        if found is None and code in self.by_code:  # the code means another unit here
            code = f"{(parent.code if parent else 'LT')}-{code}"[:40]
        match = UnitMatch(code=code, name=block["name"], kind=block["kind"], unit=found, parent=parent)
        self.matches[key] = match
        return match


def _top_unit():
    from ..selectors import issuing_body_on

    body = issuing_body_on(timezone.localdate())
    if body is not None and body.unit_id:
        return body.unit
    return Unit.objects.filter(parent__isnull=True).order_by("display_order", "id").first()


def _create_unit(match):
    from units.enums import UnitKind

    if match.unit is not None:
        return match.unit
    parent = _create_unit(match.parent) if match.parent is not None else _top_unit()
    kind = match.kind if match.kind in UnitKind.values else UnitKind.OTHER
    match.unit = Unit.objects.create(short_code=match.code, name=match.name, kind=kind, parent=parent)
    return match.unit


def _person_match(person_block, unit_match):
    """The person of this portal with the same folded name and birth year in the mapped unit (or
    once a member of it), else None: created on import."""
    if unit_match.unit is None:
        return None
    year = person_block.get("birth_year")
    qs = Person.objects.filter(search_name=fold(person_block["full_name"])).filter(
        Q(unit=unit_match.unit) | Q(memberships__unit=unit_match.unit)
    )
    if year:
        qs = qs.filter(Q(birth_year=year) | Q(birth_year__isnull=True))
    return qs.distinct().order_by("id").first()


def _check_file(path, data):
    kind = sniff_kind(data[:16], io.BytesIO(data))
    if kind not in DOCUMENT_KINDS:
        raise PackageError(f"Tệp “{path}” không phải tài liệu được nhận (PDF, DOCX, XLSX, JPG, PNG) theo nội dung tệp.")
    return kind


def _package_known(package):
    from ..models import InterchangePackage

    known = InterchangePackage.objects.filter(package_id=package.manifest["package_id"]).first()
    if known is not None:
        raise PackageError(
            f"Gói này đã được nhập lúc {timezone.localtime(known.received_at):%H:%M ngày %d/%m/%Y} bởi {known.received_by}: không nhập lại."
        )


# --- A ward's proposal received by the next level --------------------------------------------------


def plan_proposal(package):
    """Check a proposal package against this portal: its award codes in the catalogue valid on the
    proposal date and within this portal's routes, its tờ trình not received before, no nominee
    already proposed for the same award and period; map its units and people. No writes."""
    from ..models import Nomination, Submission
    from ..selectors import kinds_valid_on, route_for

    _package_known(package)
    m = package.manifest
    proposal, sender = m["proposal"], m["sender"]
    date = _date(proposal["date"])
    units = _Units()
    sender_unit = units.match(sender["unit"])
    if sender_unit.unit is not None and Submission.objects.filter(unit=sender_unit.unit, number=proposal["number"]).exists():
        raise PackageError(f"Tờ trình số {proposal['number']} của {sender['name']} đã được nhận trước đây.")
    # The catalogue row valid on the proposal date, else today's row of the same code.
    kinds = {k.code: k for k in kinds_valid_on(timezone.localdate())} | {k.code: k for k in kinds_valid_on(date)}
    by_ref = {}
    for entry in package.file_entries("attachment"):
        by_ref.setdefault(entry.get("nomination_ref", ""), []).append(entry)
    refs = {n["ref"] for n in m["nominations"]}
    orphans = [e["path"] for ref, entries in by_ref.items() if ref not in refs for e in entries]
    if orphans:
        raise PackageError(f"Tệp “{orphans[0]}” không thuộc đề nghị nào trong gói.")
    if len(refs) != len(m["nominations"]):
        raise PackageError("Hai đề nghị trong gói có cùng mã “ref”.")
    rows, seen = [], set()
    for n in m["nominations"]:
        code = n["award"]["code"]
        kind = kinds.get(code)
        if kind is None:
            raise PackageError(f"{n['nominee_name']}: danh hiệu mã “{code}” không có trong danh mục của cổng này vào ngày {date:%d/%m/%Y}.")
        if route_for(kind.conferring_level, date) is None:
            raise PackageError(f"{n['nominee_name']}: “{kind.name}” không thuộc thẩm quyền xét của cổng này.")
        if n["basis"] not in NominationBasis.values:
            raise PackageError(f"{n['nominee_name']}: loại hình khen thưởng “{n['basis']}” không hợp lệ.")
        is_person = n["nominee_type"] == "person"
        nominee_unit = units.match(n["unit"], parent=sender_unit)
        person = _person_match(n["person"], nominee_unit) if is_person else None
        key = (fold(n["nominee_name"]), n["unit"]["code"], code, n["period"]["kind"], n["period"]["year"])
        if key in seen:
            raise PackageError(f"{n['nominee_name']} được đề nghị “{kind.name}” hai lần trong gói.")
        seen.add(key)
        holder = {"nominee_person": person} if is_person else {"nominee_unit": nominee_unit.unit}
        if None not in holder.values():
            period = {"period_kind": n["period"]["kind"], "year": n["period"]["year"]}
            if Nomination.objects.filter(**holder, **period, award_code=code).exclude(state=S.WITHDRAWN).exists():
                raise PackageError(f"{n['nominee_name']} đã được đề nghị “{kind.name}” trong cùng kỳ trên cổng này.")
        files = by_ref.get(n["ref"], [])
        for entry in files:
            _check_file(entry["path"], package.files[entry["path"]])
            try:
                clean_filename(entry.get("title") or os.path.basename(entry["path"]))
            except ValidationError as exc:
                raise PackageError(f"Tệp “{entry['path']}”: {exc.messages[0]}") from None
        rows.append(
            {
                "entry": n,
                "kind": kind,
                "unit": nominee_unit,
                "person": person,
                "files": files,
                "person_label": (f"{person.full_name} (đã có hồ sơ)" if person else "tạo hồ sơ mới") if is_person else "",
            }
        )
    minutes = package.file_entries("minutes")
    for entry in minutes + package.file_entries("proposal") + package.file_entries("annex"):
        _check_file(entry["path"], package.files[entry["path"]])
    summary = [
        ("Cơ quan gửi", sender["name"]),
        ("Tờ trình", f"Số {proposal['number']} ngày {date:%d/%m/%Y}: {proposal['subject']}"),
        ("Người ký", f"{proposal['signer']['position_title']} {proposal['signer']['name']}"),
        ("Đơn vị đề nghị trên cổng này", sender_unit.label),
        ("Số đề nghị", str(len(rows))),
        ("Tệp kèm theo", f"{len(package.files)} tệp, mã kiểm tra SHA-256 khớp"),
    ]
    return Plan(package=package, kind="proposal", sender=sender["name"], summary=summary, rows=rows, extra={"sender_unit": sender_unit})


def _save(field_file, name, data, saved):
    field_file.save(name, ContentFile(data), save=False)
    saved.append(field_file.name)


def _received_package(package, by, saved, **links):
    from ..models import InterchangePackage

    m = package.manifest
    row = InterchangePackage(
        package_id=uuid.UUID(m["package_id"]),
        kind=m["kind"],
        format_version=m["version"],
        sender_name=m["sender"]["name"],
        created_at=parse_datetime(m["created_at"]) or timezone.now(),
        sha256=package.sha256,
        manifest=m,
        received_by=by,
        **links,
    )
    _save(row.file, "goi.zip", package.raw, saved)
    row.save()
    return row


def _history_rows(entry, person, unit):
    from ..models import AwardKind, AwardRecord

    for h in entry["history"]:
        owner = {"person": person, "unit": None} if person is not None else {"person": None, "unit": unit}
        AwardRecord.objects.get_or_create(
            **owner,
            award_code=h["award_code"],
            period_kind=h["period_kind"],
            year=h["year"],
            defaults={
                "award_kind": AwardKind.objects.filter(code=h["award_code"]).order_by("-valid_from").first(),
                "award_name": h["award_name"],
                "recipient_name": entry["nominee_name"],
                "unit_name": entry["unit"]["name"],
                "decision_number": h.get("decision_number", ""),
                "decision_date": _date(h.get("decision_date")),
                "issuer_name": h.get("issuer_name", ""),
                "source": RecordSource.IMPORTED,
            },
        )


def _apply_proposal(plan, by, saved):
    from ..models import InterchangeItem, Nomination, NominationAttachment, NominationTransition, Submission
    from ..services import nomination_check

    m = plan.package.manifest
    proposal = m["proposal"]
    sender_unit = _create_unit(plan.extra["sender_unit"])
    now = timezone.now()
    submission = Submission(
        unit=sender_unit,
        number=proposal["number"],
        date=_date(proposal["date"]),
        subject=proposal["subject"][:500],
        signer_title=proposal["signer"]["position_title"][:150] or "Chủ tịch",
        signer_name=proposal["signer"]["name"][:150],
        head_title=proposal["signer"]["position_title"][:100] or "Chủ tịch",
        created_by=by,
        submitted_at=now,
    )
    minutes = plan.package.file_entries("minutes")
    if minutes:
        submission.minutes_name = clean_filename(os.path.basename(minutes[0]["path"]))
        _save(submission.minutes, "bien-ban.pdf", plan.package.files[minutes[0]["path"]], saved)
    submission.save()
    received = _received_package(plan.package, by, saved, submission=submission)
    comment = f"Nhận qua gói liên thông: Tờ trình số {proposal['number']} ngày {submission.date:%d/%m/%Y} của {plan.sender}"
    created = []
    for row in plan.rows:
        n = row["entry"]
        unit = _create_unit(row["unit"])
        person = row["person"]
        if n["nominee_type"] == "person" and person is None:
            p = n["person"]
            person = Person.objects.create(
                full_name=p["full_name"],
                honorific=p.get("honorific", ""),
                gender=p.get("gender", ""),
                birth_year=p.get("birth_year"),
                position=p.get("position", ""),
                unit=unit,
            )
        _history_rows(n, person, None if person else unit)
        nomination = Nomination(
            unit=sender_unit,
            nominee_person=person,
            nominee_unit=None if person else unit,
            nominee_name=n["nominee_name"],
            award_kind=row["kind"],
            period_kind=n["period"]["kind"],
            year=n["period"]["year"],
            period_from=n["period"].get("from"),
            basis=n["basis"],
            achievement_summary=n["achievement_summary"],
            excellent_completion=n.get("excellent_completion", False),
            members_completed_tasks=n.get("members_completed_tasks", False),
            is_direct_worker=n.get("is_direct_worker"),
            # Received as sent by the lower level: in this portal's queue like a unit's submission.
            state=S.SUBMITTED,
            submission=submission,
            created_by=by,
            submitted_at=now,
            state_changed_at=now,
        )
        nomination.save()
        NominationTransition.objects.create(nomination=nomination, from_state=S.DRAFT, to_state=S.SUBMITTED, by=by, comment=comment)
        InterchangeItem.objects.create(package=received, nomination=nomination, ref=n["ref"])
        for entry in row["files"]:
            data = plan.package.files[entry["path"]]
            file_type = _check_file(entry["path"], data)
            attachment = NominationAttachment(
                nomination=nomination,
                kind=entry.get("attachment_kind") if entry.get("attachment_kind") in AttachmentKind.values else AttachmentKind.OTHER,
                original_name=clean_filename(entry.get("title") or os.path.basename(entry["path"])),
                file_type=file_type,
                size=len(data),
                uploaded_by=by,
            )
            _save(attachment.file, f"tep.{file_type}", data, saved)
            attachment.save()
        nomination_check(nomination=nomination)
        created.append(nomination)
    transaction.on_commit(lambda: changed(NOMINATION_COUNTS))
    return received, created


# --- The next level's decision received by the proposing portal ------------------------------------


def plan_decision(package):
    """Check a decision package against this portal: the proposal it answers exists here, each row
    names one of its nominations (same award and period) still waiting for a result. No writes."""
    from ..models import UpwardProposal

    _package_known(package)
    m = package.manifest
    decision, reply = m["decision"], m["decision"]["in_reply_to"]
    proposal = UpwardProposal.objects.filter(number=reply["proposal_number"], date=_date(reply["proposal_date"])).first()
    if proposal is None:
        raise PackageError(
            f"Không có tờ trình số {reply['proposal_number']} ngày {_date(reply['proposal_date']):%d/%m/%Y} trên cổng này: "
            "gói quyết định không trả lời tờ trình nào của cổng."
        )
    items = {str(it.nomination_id): it for it in proposal.items.select_related("nomination", "nomination__award_kind")}
    rows = []
    for r in m["rows"]:
        item = items.get(r["ref"])
        if item is None:
            raise PackageError(f"{r['nominee_name']}: không có trong Tờ trình số {proposal.number} (mã “{r['ref']}”).")
        n = item.nomination
        same = (n.award_kind.code, n.period_kind, n.year) == (r["award"]["code"], r["period"]["kind"], r["period"]["year"])
        if not same or fold(n.nominee_name) != fold(r["nominee_name"]):
            raise PackageError(f"{r['nominee_name']}: không khớp với đề nghị “{n}” của tờ trình (tên, danh hiệu hoặc kỳ xét khác).")
        if item.result:
            raise PackageError(f"{n.nominee_name}: đã ghi nhận kết quả “{item.get_result_display()}” trước đây.")
        rows.append({"entry": r, "item": item, "result_label": UpwardResult(r["result"]).label})
    date = _date(decision["date"])
    summary = [
        ("Cơ quan quyết định", m["sender"]["name"]),
        ("Quyết định", f"Số {decision['number']} ngày {date:%d/%m/%Y}: {decision['subject']}"),
        ("Người ký", f"{decision['signer']['position_title']} {decision['signer']['name']}"),
        ("Trả lời tờ trình", f"Số {proposal.number} ngày {proposal.date:%d/%m/%Y}"),
        ("Số dòng kết quả", str(len(rows))),
        ("Tệp kèm theo", f"{len(package.files)} tệp, mã kiểm tra SHA-256 khớp"),
    ]
    for entry in package.file_entries():
        _check_file(entry["path"], package.files[entry["path"]])
    return Plan(package=package, kind="decision", sender=m["sender"]["name"], summary=summary, rows=rows, extra={"proposal": proposal})


def _apply_decision(plan, by, saved):
    from ..services import upward_result_record

    m = plan.package.manifest
    decision = m["decision"]
    received = _received_package(plan.package, by, saved, proposal=plan.extra["proposal"])
    for row in plan.rows:
        upward_result_record(
            item=row["item"],
            result=row["entry"]["result"],
            decision_number=decision["number"],
            decision_date=_date(decision["date"]),
            issuer_name=m["sender"]["name"],
            by=by,
        )
    return received, [row["item"].nomination for row in plan.rows]


# --- Entry points ------------------------------------------------------------------------------------

PLANNERS = {"proposal": plan_proposal, "decision": plan_decision}
APPLIERS = {"proposal": _apply_proposal, "decision": _apply_decision}


def package_preview(*, raw, by):
    """Read and check a package and what importing it would do, without writing: a Plan."""
    _require(by)
    package = pkg.read(raw)
    if package.kind not in PLANNERS:
        raise PackageError(
            "Gói khen thưởng cho cơ sở dữ liệu quốc gia không nhập được vào cổng: chỉ nhận gói tờ trình hoặc gói quyết định."
        )
    return PLANNERS[package.kind](package)


def package_import(*, raw, by):
    """Import a package: every check of package_preview again, then in one transaction the rows
    (proposal: Submission, units and people not known yet, award history, Nomination in state
    submitted with its transition row, attachments, InterchangePackage/InterchangeItem; decision:
    the upward results, AwardRecord, nominations moved to decided) and the files. Files saved before
    a failure are deleted. Returns (InterchangePackage, nominations)."""
    from django.core.files.storage import default_storage

    plan = package_preview(raw=raw, by=by)
    saved = []
    try:
        with transaction.atomic():
            return APPLIERS[plan.kind](plan, by, saved)
    except IntegrityError as exc:  # someone imported or entered the same rows a moment ago
        _delete(default_storage, saved)
        raise PackageError("Gói không nhập được vì dữ liệu vừa thay đổi (trùng đề nghị hoặc trùng gói); hãy thử lại.") from exc
    except BaseException:
        _delete(default_storage, saved)
        raise


def _delete(storage, names):
    for name in names:
        storage.delete(name)
