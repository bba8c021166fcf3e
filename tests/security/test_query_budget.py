# ruff: noqa: F811 - fixtures imported from other modules are taken as arguments under the same names
"""Query budget of every page (issue 17): every named URL of the portal, and every admin page of our
models, visited by every persona at three data sizes (1, 3 and 50 rows of every kind: 50 is two
pages of a list), costs at most LIMIT queries and no more at 50 rows than at 3 (fewer at 3 than
at 1 is a first visit filling a per-process cache, e.g. Django's content types).

URLs come from the URL configuration (tests/security/urlmap.py), so a new view is measured without
a line here; their arguments come from the permission matrices' tables (a view that takes arguments
and has none there fails the matrix's own completeness test); pages whose cost depends on the state
of what they show are visited again on objects in the other states (VARIANTS). Each size builds
fresh objects with that many children (a decision with n items, a meeting with n agenda items, a
unit with n people...) plus n more rows of every list, and re-points the world at them.

Each request is measured cold: a cache prefix of its own (cached counts and dashboard figures are
recomputed), the deployment identity read before counting (remembered per process,
dosonthidua.identity: not a page's cost). A streamed body is consumed inside the measurement."""

import datetime as dt
import time
import uuid
from collections import Counter

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count
from django.db.models.deletion import get_candidate_relations_to_delete
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse
from django.utils import timezone

from awards import services
from awards.enums import NominationState
from awards.models import AwardKind, AwardRecord, HandoverItem, NominationAttachment, NominationTransition, Occasion, Submission
from campaigns.models import ExemplarPhoto, ProgressAttachment
from dosonthidua.identity import forget, identity_on
from reports.models import ReportRun
from units.models import ExportJob, Notification

from ..api.test_permission_matrix import ARGS as API_ARGS
from ..api.test_permission_matrix import world  # noqa: F401  (the security matrix's world plus a decision and a record)
from ..awards.conferences import grow_conference
from ..awards.conftest import catalogue, council, issuers, kind, make_nomination, media_root, members, this_year  # noqa: F401
from ..awards.test_conference_permissions import ARGS as CONFERENCE_ARGS
from ..awards.test_procedure_permissions import ARGS as PROCEDURE_ARGS
from ..awards.test_procedure_permissions import handover_of
from ..awards.test_procedure_permissions import world as procedure_world  # noqa: F401
from ..campaigns.factories import CampaignFactory, CampaignTargetFactory, ExemplarFactory, ProgressReportFactory, RegistrationFactory
from ..campaigns.test_bloc_permissions import ARGS as BLOC_ARGS
from ..factories import PersonFactory, UnitFactory
from .conftest import world as security_world  # noqa: F401
from .test_permission_matrix import ROLES
from .urlmap import ARGS, named_urls

pytestmark = pytest.mark.django_db

LIMIT = 15
# Django's delete confirmation (admin:<model>_delete) lists what a deletion would take or be blocked
# by: one query per relation pointing at the model (django.contrib.admin.utils.get_deleted_objects
# through the Collector), a number set by the schema, not by the rows: a user is named by some
# thirty created_by/by columns. Only the growth check applies to these pages.
SCHEMA_SIZED = ("_delete",)
# Bulk exports that render one PDF per issued decision they cite: their queries follow the number of
# decisions (a handful per period), not the rows, like a long report; only the 15 limit applies.
PER_DOCUMENT = ("api:national-package",)
KNOWN_OVER = set()
SIZES = (1, 3, 50)
# Pages whose cost depends on the state of the object they show, visited again (by every persona) on
# objects in the states the matrices' objects are not in: the city-scale benchmark found the unit
# officer's nomination page one query over on a nomination waiting for review (its overdue check),
# which the draft w.nomination never reached. label -> (URL name, function(world) -> kwargs).
VARIANTS = {
    "awards:nomination-detail, waiting for review (overdue, an occasion)": (
        "awards:nomination-detail",
        lambda w: {"pk": w.waiting.pk},
    ),
    "awards:nomination-detail, posted (objections)": ("awards:nomination-detail", lambda w: {"pk": w.notice.nominations.first().pk}),
    "awards:nomination-detail, on the council's agenda": ("awards:nomination-detail", lambda w: {"pk": w.agenda_item.nomination_id}),
    "awards:nomination-detail, approved, in a draft decision": (
        "awards:nomination-detail",
        lambda w: {"pk": w.draft.items.first().nomination_id},
    ),
    "awards:nomination-detail, decided (an issued decision)": (
        "awards:nomination-detail",
        lambda w: {"pk": w.decision.items.first().nomination_id},
    ),
    "awards:nomination-detail, proposed upward": ("awards:nomination-detail", lambda w: {"pk": w.upward_item.nomination_id}),
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
ALL_ARGS = {**ARGS, **PROCEDURE_ARGS, **API_ARGS, **CONFERENCE_ARGS}


@pytest.fixture
def superuser(administrator):
    """The administrator of the admin site (superuser, as the demo's admin account)."""
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    return administrator


def _grow(w, n, *, make_nomination, unit, officer, reviewer, leader, council):  # noqa: F811
    """n more rows of every kind, and fresh objects with n children each for the detail pages."""
    today = timezone.localdate()
    tag = uuid.uuid4().hex[:6]

    # Sent two months ago, as the benchmark's (bench/seed.py): past every service level, so the pages
    # that flag overdue nominations (lists, the detail page) do.
    sent = timezone.now() - dt.timedelta(days=60)

    # Made by the officer, as the unit's nominations are in the portal: the admin's deletion page of
    # that account lists (as protected) what it made.
    def nominations(state, code="giay-khen-chu-tich"):
        submitted_at = None if state == NominationState.DRAFT else sent
        return [
            make_nomination(person=PersonFactory(unit=unit), state=state, code=code, submitted_at=submitted_at, by=officer)
            for _ in range(n)
        ]

    # Lists: units, people, nominations in several states, award records, notifications, exports, runs.
    for i in range(n):
        UnitFactory(parent=unit, name=f"Tổ dân phố {tag} {i}", short_code=f"T{tag}{i}")
    for state in (NominationState.DRAFT, NominationState.SUBMITTED, NominationState.VERIFIED):
        nominations(state)
    award = w.nomination.award_kind
    first_year = 1900 + AwardRecord.objects.filter(person=w.person).count()
    for i in range(n):
        AwardRecord.objects.create(
            person=w.person,
            award_kind=award,
            award_code=award.code,
            award_name=award.name,
            year=first_year + i,
            recipient_name=w.person.full_name,
        )
        AwardRecord.objects.create(
            unit=w.unit, award_kind=award, award_code=award.code, award_name=award.name, year=first_year + i, recipient_name=w.unit.name
        )
    # Awards of a state-level kind decided inside this statistical year (01/12 of last year to 30/11:
    # the default year of the sector's statistical forms): form 0602 and the drill-down list behind
    # its total (reports:statform, statform-cell) count n more rows at each size.
    state_kind, _ = AwardKind.objects.get_or_create(
        code="bang-khen-ngan-sach-truy-van",
        valid_from=dt.date(2000, 1, 1),
        defaults={"name": "Bằng khen cấp Nhà nước (đo)", "category": "commendation", "subject": "collective", "conferring_level": "state"},
    )
    # Real years (the interchange schema takes 1990-2100): these are decided in the period, so the
    # national export package carries them.
    state_first_year = 1990 + AwardRecord.objects.filter(award_code=state_kind.code).count()
    for i in range(n):
        AwardRecord.objects.create(
            unit=w.unit,
            award_kind=state_kind,
            award_code=state_kind.code,
            award_name=state_kind.name,
            year=state_first_year + i,
            recipient_name=w.unit.name,
            decision_date=dt.date(today.year, 6, 1),
        )
    for user in (officer, reviewer, leader):
        Notification.objects.bulk_create([Notification(user=user, subject=f"Thông báo {i}", url="/") for i in range(n)])
    for i in range(n):
        ExportJob.objects.create(
            user=officer, builder="units.views.person_export", title=f"Cán bộ {i}", filename="can-bo.xlsx", status="done"
        )
        ReportRun.objects.create(kind="summary", period="2025", title=f"Báo cáo {tag} {i}", status="done")

    # The nomination with n attachments and n history rows.
    for i in range(n):
        attachment = NominationAttachment(
            nomination=w.nomination, kind="other", original_name=f"tl{i}.pdf", file_type="pdf", size=len(PDF), uploaded_by=officer
        )
        attachment.file.save(f"tl{i}.pdf", ContentFile(PDF), save=True)
        NominationTransition.objects.create(nomination=w.nomination, from_state="draft", to_state="draft", by=officer, comment=f"Sửa {i}")

    # A nomination waiting for review past its service level, for an occasion, with n attachments
    # and n history rows (VARIANTS).
    occasion, _ = Occasion.objects.get_or_create(name="Kỷ niệm ngày thành lập (đo truy vấn)", defaults={"date": today})
    w.waiting = make_nomination(person=PersonFactory(unit=unit), state=NominationState.SUBMITTED, submitted_at=sent, occasion=occasion)
    for i in range(n):
        attachment = NominationAttachment(
            nomination=w.waiting, kind="other", original_name=f"hs{i}.pdf", file_type="pdf", size=len(PDF), uploaded_by=officer
        )
        attachment.file.save(f"hs{i}.pdf", ContentFile(PDF), save=True)
        NominationTransition.objects.create(nomination=w.waiting, from_state="draft", to_state="submitted", by=officer)

    # A submission carrying n nominations.
    submission = Submission(unit=unit, number=f"{tag}/TTr-UBND", date=today, created_by=officer)
    submission.minutes.save("bien-ban.pdf", ContentFile(PDF), save=False)
    submission.minutes_name = "bien-ban.pdf"
    submission.save()
    for nomination in nominations(NominationState.DRAFT):
        nomination.submission = submission
        nomination.save(update_fields=["submission"])
    w.submission = submission

    # A campaign with n targets, registrations, progress reports and exemplars.
    campaign = CampaignFactory()
    for i in range(n):
        CampaignTargetFactory(campaign=campaign)
        member = UnitFactory(parent=unit, name=f"Đơn vị {tag} {i}", short_code=f"D{tag}{i}")
        RegistrationFactory(campaign=campaign, unit=member)
        ProgressReportFactory(campaign=campaign, unit=member)
        ExemplarFactory(campaign=campaign, unit=unit, state="accepted")
    w.campaign = campaign
    w.registration = RegistrationFactory(campaign=campaign, unit=unit)
    w.report = ProgressReportFactory(campaign=campaign, unit=unit)
    for i in range(n):
        extra = ProgressAttachment(report=w.report, original_name=f"td{i}.pdf", kind="pdf", size=len(PDF), uploaded_by=officer)
        extra.file.save(f"td{i}.pdf", ContentFile(PDF), save=True)
    w.report_file = extra
    w.exemplar = ExemplarFactory(campaign=campaign, unit=unit, state="accepted")
    w.proposal_exemplar = ExemplarFactory(campaign=campaign, unit=unit, state="submitted")
    for i in range(n):
        photo = ExemplarPhoto(exemplar=w.exemplar, original_name=f"anh{i}.png", kind="png")
        photo.file.save(f"anh{i}.png", ContentFile(PNG), save=True)
    w.photo = photo

    # Procedure: a posted list with n nominations and n objections, a meeting with n agenda items,
    # decisions (issued, draft, returned) of n items, an upward proposal of n items.
    w.notice = services.notice_publish(
        title=f"Danh sách {tag}", nominations=nominations(NominationState.VERIFIED), start_date=today, by=reviewer
    )
    for i in range(n):
        w.objection = services.objection_submit(
            notice=w.notice, name=f"Người {i}", contact="0900", content="Góp ý", ip_address=f"10.2.{n}.{i}"
        )
    w.meeting = services.meeting_create(council=council, date=today, by=reviewer)
    services.meeting_agenda_add(meeting=w.meeting, nominations=nominations(NominationState.VERIFIED), by=reviewer)
    w.agenda_item = w.meeting.items.first()
    w.decision = services.decision_draft(nominations=nominations(NominationState.APPROVED), date=today, by=reviewer)
    services.decision_approve(decision=w.decision, by=leader)
    services.decision_issue(decision=w.decision, by=leader)
    w.draft = services.decision_draft(nominations=nominations(NominationState.APPROVED), date=today, by=reviewer)
    w.returned = services.decision_draft(nominations=nominations(NominationState.APPROVED), date=today, by=reviewer)
    services.decision_return(decision=w.returned, by=leader, comment="Sửa trích yếu")
    upward = nominations(NominationState.APPROVED, code="chien-si-thi-dua-thanh-pho")
    w.proposal = services.proposal_create(nominations=upward, number=f"{tag}/TTr", date=today, subject="Đề nghị", by=reviewer)
    w.upward_item = w.proposal.items.first()
    # The handover record (one: the admin's pages of the issuing bodies list each one) naming n more nominations.
    w.handover = getattr(w, "handover", None) or handover_of([], by=reviewer)
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(handover=w.handover, kind="nomination", object_id=n.pk, label=n.nominee_name, moved=True, detail="Danh mục")
            for n in nominations(NominationState.SUBMITTED)
        ]
    )

    # An advanced-models conference with n honourees, programme items, guests, candidates and stage
    # reviews (w.conference, w.review); the propaganda page edits w.exemplar (accepted, n photos).
    grow_conference(w, n, reviewer=reviewer, unit=unit, set_exemplar=False)


def _admin_urls():
    """{label: function returning the URL or None} of every admin page of our models: the index, each
    app's index, changelist, add, change, history, delete, and the extra pages an admin declares
    (e.g. the issuing body's handover). An object page of a model without rows is None (not visited)."""
    ours = {"units", "awards", "campaigns", "reports", "api"}
    found = {"admin:index": lambda: reverse("admin:index")}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.app_label
        if label not in ours:
            continue
        found[f"admin:app_list {label}"] = lambda label=label: reverse("admin:app_list", kwargs={"app_label": label})
        for pattern in model_admin.get_urls():
            if isinstance(pattern, URLPattern) and pattern.name:
                found[f"admin:{pattern.name}"] = lambda m=model, p=pattern: _admin_url(m, p)
                if pattern.name.endswith(SCHEMA_SIZED):
                    # The confirmation lists what the rows pointing at the object are: visited again
                    # on the object most rows point at (the officer who made the grown nominations,
                    # their unit, the award kind...), whose list grows with the size.
                    found[f"admin:{pattern.name}, the most referenced object"] = lambda m=model, p=pattern: _admin_url(
                        m, p, _most_referenced(m)
                    )
    return found


def _most_referenced(model):
    """The object of model that the most rows point at, through every relation a deletion follows
    (django.db.models.deletion: reverse foreign keys, one-to-ones and many-to-many links, hidden ones
    included); None when no row points at any."""
    totals = Counter()
    for relation in get_candidate_relations_to_delete(model._meta):
        field = relation.field
        rows = relation.related_model._base_manager.exclude(**{f"{field.attname}__isnull": True})
        counts = rows.order_by().values_list(field.attname).annotate(n=Count("pk"))
        for pk, n in counts:
            totals[pk] += n
    if not totals:
        return None
    return model._default_manager.get(pk=totals.most_common(1)[0][0])  # our foreign keys all point at keys


def _admin_url(model, pattern, first=None):
    """The URL of pattern, on first or else on the model's first object by key."""
    regex = pattern.pattern.regex
    names = set(regex.groupindex)
    if not regex.groups:
        return reverse(f"admin:{pattern.name}")
    first = first or model._default_manager.order_by("pk").first()
    if first is None:
        return None
    values = {}  # every named argument of our admins' pages is the object's key, except simple_history's
    if "history_id" in names:
        values["history_id"] = first.history.order_by("history_id").values_list("history_id", flat=True).first()
    if not names:  # simple_history's object history page: (object id, history id), positional
        history_id = first.history.order_by("history_id").values_list("history_id", flat=True).first()
        return reverse(f"admin:{pattern.name}", args=[first.pk, history_id])
    return reverse(f"admin:{pattern.name}", kwargs={name: values.get(name, first.pk) for name in names})


def _measure(client, url, settings):
    # A fresh memo of today's identity (dosonthidua.identity keeps it 30 s): one that expired during
    # the request would add a query that has nothing to do with the page.
    forget()
    identity_on()
    cold = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"budget-{uuid.uuid4().hex}"}}
    started = time.monotonic()
    # The connection keeps at most 9,000 queries (django.db.backends.base.base.queries_log): once
    # full, a capture would see none. Emptied before each page.
    connection.queries_log.clear()
    with override_settings(CACHES=cold), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response.status_code, [q["sql"] for q in ctx.captured_queries], time.monotonic() - started


def test_every_page_within_budget_and_constant(
    world,
    procedure_world,
    request,
    client,
    settings,
    make_nomination,
    unit,
    officer,
    reviewer,
    leader,
    council,
    superuser,
):
    # One world with every object a URL takes: the security and API matrices' world plus the
    # procedure matrix's (meetings, decisions, proposals).
    exemplar_proposal = world.proposal
    for name, value in vars(procedure_world).items():
        setattr(world, name, value)
    world.proposal_exemplar = exemplar_proposal
    users = {role: request.getfixturevalue(role) for role in ROLES if role != "anonymous"}
    users["administrator"] = superuser  # the portal's administrator and the admin site's superuser
    visits = {}  # (page, role) -> function returning the URL (None: not applicable)
    for name, _route in named_urls():
        if name in BLOC_ARGS:
            # Measured in tests/campaigns/test_bloc_queries.py: the emulation blocs' pages take
            # objects of the bloc matrix's own world (tests/campaigns/test_bloc_permissions.py), which
            # that test grows by members. Any other page whose arguments are unknown fails to
            # reverse, so nothing else is left out silently.
            continue
        for role in ROLES:
            visits[(name, role)] = lambda name=name: _portal_url(name, world)
    for label, (name, kwargs) in VARIANTS.items():
        for role in ROLES:
            visits[(label, role)] = lambda name=name, kwargs=kwargs: reverse(name, kwargs=kwargs(world))
    for label, build in _admin_urls().items():
        visits[(label, "administrator")] = build
    results = {}  # (page, role) -> {size: (status, count)}
    sql = {}  # (page, role) -> the queries of its last measurement, shown when it fails
    timings = []
    for size in SIZES:
        _grow(world, size, make_nomination=make_nomination, unit=unit, officer=officer, reviewer=reviewer, leader=leader, council=council)
        for (page, role), build in visits.items():
            if size > SIZES[0] and results.get((page, role), {}).get(SIZES[0], (200,))[0] != 200:
                # A refusal, a redirect or a 405 at 1 row is one at every size, and it reads no rows:
                # only pages that answered are measured again at 3 and 50 rows.
                continue
            url = build()
            if url is None:
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            status, queries, seconds = _measure(client, url, settings)
            results.setdefault((page, role), {})[size] = (status, len(queries))
            sql[(page, role)] = queries
            timings.append((seconds, page, role, size))
        print("size", size, "done", sum(t[0] for t in timings))  # noqa: T201
    problems = []
    for (page, role), by_size in sorted(results.items()):
        if page in KNOWN_OVER:
            continue
        counts = [by_size[s][1] for s in SIZES if s in by_size]
        sizes = [s for s in SIZES if s in by_size]
        over = max(counts) > LIMIT and not (page.startswith("admin:") and page.split(",")[0].endswith(SCHEMA_SIZED))
        grows = len(counts) == len(SIZES) and counts[-1] > counts[-2] and page not in PER_DOCUMENT
        if over or grows:
            problems.append(
                f"{page} as {role}: {counts} queries at {sizes} rows (status {sorted({status for status, _ in by_size.values()})})"
            )
            problems.extend(f"    {times}× {text[:300]}" for text, times in Counter(sql[(page, role)]).most_common(25))
    for seconds, page, role, size in sorted(timings, reverse=True)[:10]:
        print(f"{seconds:.2f}s {page} {role} {size}")  # noqa: T201
    assert not problems, "\n".join(problems)


def _portal_url(name, w):
    if name == "campaigns:exemplar-transition":  # the exemplar proposal: "proposal" names the upward one here
        return reverse(name, kwargs={"pk": w.proposal_exemplar.pk})
    return reverse(name, kwargs=ALL_ARGS[name](w) if name in ALL_ARGS else {})
