"""The lists' compiled representation (dosonthidua/api/representation.py) gives exactly what DRF's
own Serializer.to_representation gives: the same keys in the same order, the same values, the same
JSON bytes, for every list serializer, on rows that exercise nulls, choices, dates, datetimes,
foreign keys, many-relations, nested rows and method fields; with and without the prefetches; and
through the endpoints (each list row against its detail, which DRF renders)."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory, force_authenticate

from awards import services
from awards.enums import AttachmentKind, NominationState
from awards.models import AwardRecord, Nomination
from dosonthidua.api import views
from dosonthidua.api.representation import FastListSerializer, compile_plan
from tests.awards.conftest import pdf_file
from tests.campaigns.factories import CampaignFactory, CampaignTargetFactory, RegistrationEntryFactory, RegistrationFactory
from tests.factories import PersonFactory, UnitFactory
from units.enums import Gender

pytestmark = pytest.mark.django_db

VIEWSETS = {
    "unit": views.UnitViewSet,
    "person": views.PersonViewSet,
    "award-kind": views.AwardKindViewSet,
    "award": views.AwardRecordViewSet,
    "nomination": views.NominationViewSet,
    "decision": views.DecisionViewSet,
    "campaign": views.CampaignViewSet,
    "registration": views.RegistrationViewSet,
}
# Fields that keep DRF's own path in the compiled plan (dotted sources, annotations, decimals): the
# others must take a fast step, or the plan silently stopped being fast.
GENERIC = {
    "UnitSerializer": set(),
    "PersonSerializer": set(),
    "AwardKindSerializer": {"reward_multiplier", "vote_threshold_percent"},
    "PrerequisiteSerializer": set(),
    "AwardRecordSerializer": {"recipient_unit"},
    "NominationSerializer": {"award_code"},
    "AttachmentSerializer": set(),
    "DecisionSerializer": {"issuer", "signer_name"},
    "DecisionItemSerializer": {"unit", "person", "collective", "award_code", "multiplier"},
    "CampaignSerializer": set(),
    "CampaignTargetSerializer": {"target_value"},
    "CampaignPhaseSerializer": set(),
    "RegistrationSerializer": set(),
    "RegistrationEntrySerializer": set(),
    "RegistrationTargetSerializer": {"value"},
}


@pytest.fixture
def world(unit, sub_unit, other_unit, make_nomination, make_record, issuers, reviewer, officer, media_root, this_year):
    """Rows with every shape the serializers meet."""
    successor = UnitFactory(name="Phường mới (sáp nhập)", short_code="P-MOI", parent=unit.parent, valid_from=dt.date(2025, 7, 1))
    for old in (sub_unit, other_unit):
        old.valid_to = dt.date(2025, 6, 30)
        old.save()
        old.successors.add(successor)
    people = [
        PersonFactory(unit=unit, full_name="Trần Thị Bình", gender=Gender.FEMALE, birth_year=1979, holds_leadership=True),
        PersonFactory(unit=sub_unit, full_name="Lê Văn Cường", gender="", birth_year=None, holds_leadership=None, is_direct_worker=None),
        PersonFactory(unit=other_unit, full_name="Phạm Đức Dũng", active=False),
    ]
    for person in people:
        make_record(code="lao-dong-tien-tien", year=2023, person=person)
    collective = make_record(code="tap-the-lao-dong-tien-tien", year=2024, unit=sub_unit)
    AwardRecord.objects.filter(pk=collective.pk).update(decision_date=None, decision_number="")
    campaign = CampaignFactory(name="Thi đua “Chuyển đổi số”")
    CampaignTargetFactory(campaign=campaign, target_value=12)
    CampaignTargetFactory(campaign=campaign)
    draft = make_nomination(person=people[0], campaign=campaign)
    services.attachment_add(nomination=draft, kind=AttachmentKind.ACHIEVEMENT_REPORT, uploaded=pdf_file(), by=officer)
    services.nomination_check(nomination=draft)
    make_nomination(person=people[1], code="lao-dong-tien-tien")
    make_nomination(unit=sub_unit, code="tap-the-lao-dong-tien-tien", state=NominationState.APPROVED)
    approved = [make_nomination(person=p, state=NominationState.APPROVED, year=this_year - 1) for p in people]
    services.decision_draft(nominations=approved, date=timezone.localdate(), by=reviewer)
    registration = RegistrationFactory(campaign=campaign, unit=unit, commitment="Cam kết hoàn thành")
    RegistrationEntryFactory(registration=registration, person=people[0])
    RegistrationFactory(campaign=campaign, unit=other_unit)
    assert Nomination.objects.filter(attachments__isnull=False).exists()
    return people


def _request(user, token=None):
    django_request = APIRequestFactory().get("/api/v1/")
    force_authenticate(django_request, user=user, token=token)
    return Request(django_request)


def _view(name, user, token):
    view = VIEWSETS[name]()
    view.request, view.action, view.format_kwarg, view.kwargs = _request(user, token), "list", None, {}
    return view


def _both(serializer_class, rows, context):
    """(compiled, DRF's) representation of ``rows``."""
    fast = serializer_class(rows, many=True, context=context)
    assert isinstance(fast, FastListSerializer)
    reference = serializers.ListSerializer(rows, child=serializer_class(), context=context)
    return fast.data, reference.data


def _render(data):
    return JSONRenderer().render(data)


# decisions/ answers only whole-portal tokens (403 for a unit token; test_tokens.py).
CASES = [
    (name, token) for token in ("whole_token", "unit_token") for name in VIEWSETS if not (name == "decision" and token == "unit_token")
]


@pytest.mark.parametrize(("name", "token_name"), CASES)
def test_compiled_lists_match_drf_representation(name, token_name, request, world):
    token, _key = request.getfixturevalue(token_name)
    view = _view(name, token.account, token)
    queryset = view.filter_queryset(view.get_queryset())
    rows = list(queryset)
    assert rows, f"{name}: the world has no rows for this token"
    context = view.get_serializer_context()
    fast, reference = _both(view.get_serializer_class(), rows, context)
    assert _render(fast) == _render(reference)
    assert [list(item) for item in fast] == [list(item) for item in reference]  # key order too
    # Without the prefetches the relations take DRF's path: still the same.
    bare = list(view.get_serializer_class().Meta.model.objects.filter(pk__in=[r.pk for r in rows]).order_by("pk"))
    fast, reference = _both(view.get_serializer_class(), bare, context)
    assert _render(fast) == _render(reference)


def _serializers():
    from dosonthidua.api import serializers as s

    return [getattr(s, name) for name in GENERIC]


@pytest.mark.parametrize("serializer_class", _serializers(), ids=lambda c: c.__name__)
def test_compiled_plan_is_fast_for_every_plain_field(serializer_class, whole_token):
    token, _key = whole_token
    serializer = serializer_class(context={"request": _request(token.account, token)})
    plan = compile_plan(serializer)
    assert [step.name for step in plan.steps] == [field.field_name for field in serializer._readable_fields]
    assert {step.name for step in plan.steps if step.kind == "generic"} == GENERIC[serializer_class.__name__]


@pytest.mark.parametrize("token_name", ["whole_token", "unit_token"])
def test_each_list_row_is_its_detail(token_name, request, api, world):
    """Through the endpoints: every row of every list (compiled) equals its detail (DRF), byte for
    byte once re-serialised in order."""
    token, key = request.getfixturevalue(token_name)
    client = api(key)
    compared = 0
    for name in VIEWSETS:
        if name == "decision" and token.unit_id is not None:
            continue
        listing = client.get(reverse(f"api:{name}-list"), {"page_size": 500})
        assert listing.status_code == 200, (name, listing.content)
        for row in listing.json()["results"]:
            detail = client.get(reverse(f"api:{name}-detail", args=[row["id"]]))
            assert detail.status_code == 200, (name, row["id"], detail.content)
            assert json.dumps(row, ensure_ascii=False) == json.dumps(detail.json(), ensure_ascii=False), name
            compared += 1
    assert compared >= 20
