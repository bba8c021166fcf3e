"""Building packages (docs/interchange.md): a proposal to the next level, a decision sent back to the
proposing portal, and the awards of a period for the national database. Each builder reads through
the selectors, renders the documents with WeasyPrint and returns (file name, ZIP bytes)."""

import re
import uuid

from django.db.models import Q
from django.utils import timezone

from dosonthidua.downloads import download_name
from dosonthidua.pdf import render_pdf
from dosonthidua.text import fold

from .. import documents, selectors
from ..enums import BodyLevel, CouncilResult
from ..enums import NominationState as S
from . import FORMAT, VERSION
from .package import build

PDF = "application/pdf"


def _body_unit(body):
    """The unit record that stands for an issuing body: its own unit when configured, else one named
    from its area ("UBND phường …") with a stable code, so the receiving portal can map it."""
    if body.unit_id:
        unit = body.unit
        return {"code": unit.short_code, "name": unit.name, "kind": unit.kind}
    area = body.area_name or body.full_name
    kind = {
        BodyLevel.COMMUNE: "ward" if fold(area).startswith("phuong") else "commune",
        BodyLevel.SPECIAL_ZONE: "special_zone",
    }.get(body.level, "committee")
    code = "UBND-" + re.sub(r"[^a-z0-9]+", "-", fold(area)).strip("-").upper()
    return {"code": code[:40], "name": f"UBND {area}", "kind": kind}


def body_block(body):
    return {
        "name": body.full_name,
        "level": body.level,
        "area_name": body.area_name,
        "place": body.place,
        "unit": _body_unit(body),
    }


def _unit_block(unit):
    return {"code": unit.short_code, "name": unit.name, "kind": unit.kind}


def _period(kind, year, period_from):
    return {"kind": kind, "year": year, "from": period_from}


def _head(kind, body, recipient):
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "package_id": str(uuid.uuid4()),
        "created_at": timezone.now().isoformat(),
        "sender": body_block(body),
        "recipient": {"name": recipient},
    }


def _histories(nominations):
    """{nomination id: its nominee's earlier awards} in one query (streaks and prerequisites are
    checked from them upstairs)."""
    from ..models import AwardRecord

    people = {n.nominee_person_id for n in nominations if n.nominee_person_id}
    units = {n.nominee_unit_id for n in nominations if n.nominee_unit_id}
    found = {}
    for r in AwardRecord.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units)).order_by("year", "award_code"):
        found.setdefault(("p", r.person_id) if r.person_id else ("u", r.unit_id), []).append(r)
    return {
        n.pk: _history(n, found.get(("p", n.nominee_person_id) if n.nominee_person_id else ("u", n.nominee_unit_id), []))
        for n in nominations
    }


def _history(nomination, records):
    rows = [r for r in records if r.nomination_id != nomination.pk]
    return [
        {
            "award_code": r.award_code,
            "award_name": r.award_name,
            "period_kind": r.period_kind,
            "year": r.year,
            "decision_number": r.decision_number,
            "decision_date": r.decision_date.isoformat() if r.decision_date else None,
            "issuer_name": r.issuer_name,
        }
        for r in rows
    ]


def _nomination_block(n, history):
    person = n.nominee_person
    nominee_unit = person.unit if person is not None else n.nominee_unit
    return {
        "ref": str(n.pk),
        "nominee_type": "person" if person is not None else "unit",
        "nominee_name": n.nominee_name,
        "person": {
            "full_name": person.full_name,
            "honorific": person.honorific,
            "gender": person.gender,
            "birth_year": person.birth_year,
            "position": person.position,
        }
        if person is not None
        else None,
        "unit": _unit_block(nominee_unit),
        "award": {"code": n.award_kind.code, "name": n.award_kind.name, "conferring_level": n.award_kind.conferring_level},
        "period": _period(n.period_kind, n.year, n.period_from),
        "basis": n.basis,
        "achievement_summary": n.achievement_summary,
        "excellent_completion": n.excellent_completion,
        "members_completed_tasks": n.members_completed_tasks,
        "is_direct_worker": n.is_direct_worker,
        "council_result": n.council_result,
        "history": history,
    }


def proposal_package(proposal):
    """The package of an upward proposal: the tờ trình and its list as PDFs, the minutes of each
    council meeting that approved its nominations, every nominee's attached files, and the manifest
    naming each nominee with what the receiving portal needs."""
    from ..models import CouncilMeeting

    context = documents.proposal_context(proposal)
    context["paragraphs"] = documents.proposal_paragraphs(context)
    items = context["items"]
    files = [
        ("to-trinh.pdf", render_pdf("awards/documents/proposal.html", context), {"role": "proposal", "media_type": PDF}),
        (
            "danh-sach.pdf",
            render_pdf("awards/interchange/annex.html", {**context, "doc_type": "Danh sách", "number": proposal.number}),
            {"role": "annex", "media_type": PDF},
        ),
    ]
    nomination_ids = [it.nomination_id for it in items]
    meetings = (
        CouncilMeeting.objects.filter(items__nomination_id__in=nomination_ids, items__result=CouncilResult.APPROVED)
        .distinct()
        .order_by("date", "id")
    )
    for meeting in meetings:
        full = selectors.meeting_detail(meeting.pk)
        files.append(
            (
                f"bien-ban-{meeting.date:%Y-%m-%d}-{meeting.pk}.pdf",
                render_pdf("awards/documents/minutes.html", documents.meeting_context(full)),
                {"role": "minutes", "media_type": PDF, "title": f"Biên bản họp Hội đồng ngày {meeting.date:%d/%m/%Y}"},
            )
        )
    for index, item in enumerate(items, start=1):
        n = item.nomination
        for attachment in sorted(n.attachments.all(), key=lambda a: a.pk):
            with attachment.file.open("rb") as handle:
                data = handle.read()
            files.append(
                (
                    f"ho-so/{index:02d}-{n.pk}/{attachment.pk}-{attachment.original_name}",
                    data,
                    {
                        "role": "attachment",
                        "nomination_ref": str(n.pk),
                        "attachment_kind": attachment.kind,
                        "title": attachment.original_name,
                    },
                )
            )
    signer = proposal.signer
    histories = _histories([it.nomination for it in items])
    manifest = {
        **_head("proposal", proposal.issuing_body, proposal.addressee),
        "proposal": {
            "number": proposal.number,
            "date": proposal.date.isoformat(),
            "subject": proposal.subject,
            "addressee": proposal.addressee,
            "signer": {"name": signer.name, "position_title": signer.position_title, "capacity": signer.capacity},
        },
        "nominations": [_nomination_block(it.nomination, histories[it.nomination_id]) for it in items],
    }
    return download_name("Gói liên thông tờ trình", proposal.number, ext="zip"), build(manifest, files)


def decision_rows(decision, package):
    """The rows of ``decision`` that answer the incoming ``package``: its nominations in the decision
    (conferred, with the reward) and those the council turned down (refused)."""
    in_decision = {item.nomination_id: item for item in decision.items.all()}
    rows = []
    for link in package.items.select_related("nomination", "nomination__award_kind").order_by("id"):
        n = link.nomination
        if n.pk in in_decision:
            result, amount = "conferred", in_decision[n.pk].amount
        elif n.state == S.NOT_APPROVED:
            result, amount = "refused", 0
        else:
            continue
        rows.append(
            {
                "ref": link.ref,
                "nominee_name": n.nominee_name,
                "award": {"code": n.award_kind.code, "name": n.award_kind.name, "conferring_level": n.award_kind.conferring_level},
                "period": _period(n.period_kind, n.year, n.period_from),
                "result": result,
                "amount": amount,
                "note": n.council_note,
            }
        )
    return rows


def decision_package(decision, package):
    """The city's (issued) decision sent back to the portal whose proposal ``package`` it answers:
    number, date, signer, the annex rows with their result, and the decision as PDF."""
    proposal = package.manifest["proposal"]
    rows = decision_rows(decision, package)
    if not rows:
        raise ValueError("the decision answers none of the package's nominations")
    files = [
        (
            "quyet-dinh.pdf",
            render_pdf("awards/documents/decision.html", documents.decision_context(decision)),
            {"role": "decision", "media_type": PDF, "title": f"Quyết định số {decision.number}"},
        )
    ]
    manifest = {
        **_head("decision", decision.issuing_body, package.sender_name),
        "decision": {
            "number": decision.number,
            "date": decision.date.isoformat(),
            "subject": decision.subject,
            "signer": {
                "name": decision.signer.name,
                "position_title": decision.signer.position_title,
                "capacity": decision.signer.capacity,
            },
            "in_reply_to": {
                "package_id": str(package.package_id),
                "proposal_number": proposal["number"],
                "proposal_date": proposal["date"],
            },
        },
        "rows": rows,
    }
    return download_name("Gói liên thông quyết định", decision.number, ext="zip"), build(manifest, files)


def awards_package(*, start, end, body, rows):
    """Every award decided in [start, end] for the national database: ``rows`` are the flat export's
    rows (dosonthidua.api.views.national_row, one per person or collective), carried in the manifest
    with each issued decision of this portal they cite as PDF."""
    from ..models import Decision

    numbers = {r["decision_number"] for r in rows if r["decision_number"]}
    decisions = Decision.objects.filter(state="issued", number__in=numbers, date__gte=start, date__lte=end).select_related(
        "issuing_body", "signer"
    )
    files, paths = [], {}
    for decision in decisions.order_by("date", "id"):
        path = f"quyet-dinh/{decision.date:%Y-%m-%d}-{decision.pk}.pdf"
        paths[(decision.number, decision.date)] = path
        data = render_pdf("awards/documents/decision.html", documents.decision_context(decision))
        files.append((path, data, {"role": "decision", "media_type": PDF, "title": f"Quyết định số {decision.number}"}))
    awards = []
    for r in rows:
        decided = r["decision_date"]
        path = paths.get((r["decision_number"], decided))
        awards.append(
            {
                "record_id": r["record_id"],
                "subject_type": r["subject_type"],
                "full_name": r["full_name"],
                "birth_year": r["birth_year"],
                "gender": r["gender"],
                "position": r["position"],
                "unit": r["unit"],
                "unit_code": r["unit_code"],
                "award": {"code": r["award_kind_code"], "name": r["award_kind"], "conferring_level": r["level"]},
                "period": _period(r["period_kind"], r["year"], None),
                "basis": r["basis"],
                "decision_number": r["decision_number"],
                "decision_date": decided.isoformat() if decided else None,
                "issuer": r["issuer"],
                "reward": r["reward"],
                "files": [path] if path else [],
            }
        )
    manifest = {
        **_head("awards", body, "Cơ sở dữ liệu thi đua, khen thưởng quốc gia"),
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "awards": awards,
    }
    return download_name("Gói khen thưởng", f"{start:%Y%m%d}-{end:%Y%m%d}", ext="zip"), build(manifest, files)
