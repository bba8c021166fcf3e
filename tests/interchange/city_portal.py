"""The city's portal, run in its own process on its own database by tests/awards/test_interchange.py:
`python -m tests.interchange.city_portal decide <package id> <out.zip>` walks the city's round for
the nominations of a received ward package (verify, posting, council vote with one nominee turned
down, decision drafted, approved, issued) and writes the decision package answering it. Prints JSON."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dosonthidua.settings_test")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from awards import services  # noqa: E402
from awards.demo_round import _post  # noqa: E402
from awards.enums import NominationState as S  # noqa: E402
from awards.interchange import export  # noqa: E402
from awards.models import InterchangePackage, Nomination  # noqa: E402
from awards.selectors import council_on, nominations_for_decision  # noqa: E402
from units.models import User  # noqa: E402


def decide(package_pk, out, refuse_name):
    today = timezone.localdate()
    reviewer, leader = User.objects.get(username="tp_thamdinh"), User.objects.get(username="tp_chutich")
    package = InterchangePackage.objects.get(pk=package_pk)
    incoming = list(Nomination.objects.filter(interchange_item__package=package).order_by("id"))
    for n in incoming:
        services.nomination_transition(nomination=n, to_state=S.VERIFIED, by=reviewer, comment="Hồ sơ đầy đủ.")
    _post(incoming, before=today, reviewer=reviewer, title="Danh sách đề nghị của phường")
    meeting = council_on(today).meetings.get(date=today)
    services.meeting_agenda_add(meeting=meeting, nominations=incoming, by=reviewer)
    services.meeting_open_voting(meeting=meeting, by=reviewer)
    for attendance in meeting.attendance.filter(present=True).select_related("member__user"):
        choices = {i.pk: "no" if i.nomination.nominee_name == refuse_name else "yes" for i in meeting.items.select_related("nomination")}
        services.ballot_cast(meeting=meeting, by=attendance.member.user, choices=choices)
    services.meeting_close(meeting=meeting, by=reviewer)
    approved = nominations_for_decision(today).filter(pk__in=[n.pk for n in incoming], state=S.APPROVED)
    decision = services.decision_draft(nominations=list(approved), date=today, by=reviewer)
    services.decision_approve(decision=decision, by=leader)
    services.decision_issue(decision=decision, by=leader)
    decision.refresh_from_db()
    _name, data = export.decision_package(decision, package)
    with open(out, "wb") as handle:
        handle.write(data)
    return {"decision": decision.number, "date": decision.date.isoformat(), "states": {n.nominee_name: n.state for n in _fresh(incoming)}}


def _fresh(nominations):
    return Nomination.objects.filter(pk__in=[n.pk for n in nominations]).order_by("id")


def counts():
    from awards.models import AwardRecord, NominationAttachment, Submission
    from units.models import Person, Unit

    models = (Nomination, Submission, InterchangePackage, NominationAttachment, Person, Unit, AwardRecord)
    return {m.__name__: m.objects.count() for m in models}


def received(package_pk):
    """What the city holds of a received package: its nominations with their units and dossiers."""
    package = InterchangePackage.objects.get(pk=package_pk)
    rows = []
    for link in package.items.select_related("nomination__unit", "nomination__nominee_person__unit", "nomination__award_kind"):
        n = link.nomination
        rows.append(
            {
                "ref": link.ref,
                "name": n.nominee_name,
                "state": n.state,
                "award": n.award_kind.code,
                "unit": n.unit.short_code,
                "person_unit": n.nominee_person.unit.name if n.nominee_person_id else None,
                "person_unit_parent": n.nominee_person.unit.parent.short_code if n.nominee_person_id else None,
                "attachments": sorted(a.original_name for a in n.attachments.all()),
                "history": sorted(n.nominee_person.award_records.values_list("award_code", "year")) if n.nominee_person_id else [],
                "transitions": list(n.transitions.values_list("from_state", "to_state")),
            }
        )
    return {"submission": package.submission.number, "minutes": bool(package.submission.minutes), "rows": rows}


if __name__ == "__main__":
    action, *args = sys.argv[1:]
    if action == "decide":
        result = decide(int(args[0]), args[1], args[2])
    elif action == "received":
        result = received(int(args[0]))
    else:
        result = counts()
    print(json.dumps(result, ensure_ascii=False))
