"""Issue 11, "a text longer than its field is refused with a message, never silently cut", checked
for the whole class: every form of the project (found by walking the form classes, not listed by
hand), every writable API serializer field and every column of every spreadsheet import."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PACKAGES = ["units", "awards", "campaigns", "reports", "dosonthidua"]

# Text fields of plain forms and serializers: the model fields each one is written to. A new text
# field that is neither here nor in NOT_STORED fails the test until its bound is stated.
WRITTEN_TO = {
    "units.forms.PersonTransferForm.position": ["units.Membership.position", "units.Person.position"],
    "units.forms.PersonTransferForm.reason": ["units.Membership.reason"],
    "awards.forms.AgendaRemoveForm.reason": ["awards.AgendaRemoval.reason"],
    "awards.forms.AnswerForm.answer": ["awards.Objection.answer"],
    "awards.forms.BulkForm.comment": ["awards.NominationTransition.comment"],
    "awards.forms.TransitionForm.comment": ["awards.NominationTransition.comment"],
    "awards.forms.DecisionForm.subject": ["awards.Decision.subject"],
    "awards.forms.DecisionForm.achievement_phrase": ["awards.Decision.achievement_phrase"],
    "awards.forms.DecisionForm.grounds": ["awards.Decision.grounds"],
    "awards.forms.DecisionForm.proposal_number": ["awards.Decision.proposal_number"],
    "awards.forms.DecisionReturnForm.comment": ["awards.DecisionTransition.comment"],
    "awards.forms.MeetingForm.location": ["awards.CouncilMeeting.location"],
    "awards.forms.MeetingForm.title": ["awards.CouncilMeeting.title"],
    "awards.forms.MeetingForm.secretary_name": ["awards.CouncilMeeting.secretary_name"],
    "awards.forms.NoticeForm.title": ["awards.PublicNotice.title"],
    "awards.forms.NoticeForm.backdate_reason": ["awards.PublicNotice.backdate_reason"],
    "awards.forms.ObjectionForm.name": ["awards.Objection.name"],
    "awards.forms.ObjectionForm.contact": ["awards.Objection.contact"],
    "awards.forms.ObjectionForm.content": ["awards.Objection.content"],
    "awards.forms.ProposalForm.number": ["awards.UpwardProposal.number"],
    "awards.forms.ProposalForm.subject": ["awards.UpwardProposal.subject"],
    "awards.forms.SubmissionForm.number": ["awards.Submission.number"],
    "awards.forms.SubmissionForm.subject": ["awards.Submission.subject"],
    "awards.forms.SubmissionForm.head_title": ["awards.Submission.head_title"],
    "awards.forms.SubmissionForm.signer_title": ["awards.Submission.signer_title"],
    "awards.forms.SubmissionForm.signer_name": ["awards.Submission.signer_name"],
    "awards.forms.UpwardResultForm.decision_number": ["awards.UpwardItem.result_decision", "awards.AwardRecord.decision_number"],
    "campaigns.forms.RegistrationForm.commitment": ["campaigns.Registration.commitment"],
    "campaigns.forms.ReviewForm.comment": [
        "campaigns.Registration.review_comment",
        "campaigns.ProgressReport.review_comment",
        "campaigns.Exemplar.review_comment",
        "campaigns.StateChange.comment",
    ],
    "reports.forms.ReportRequestForm.period": ["reports.ReportRun.period"],
    "awards.forms.FundEntryForm.description": ["awards.FundEntry.description"],
    "awards.views.blocs.BlocProposalForm.summary": ["awards.Nomination.achievement_summary"],
    "campaigns.bloc_forms.SelfScoreForm.note": ["campaigns.Scorecard.self_note"],
    "campaigns.bloc_forms.CheckForm.note": ["campaigns.Scorecard.leader_note"],
    "campaigns.bloc_forms.RankForm.note": ["campaigns.BlocYear.meeting_note", "campaigns.BlocHistory.comment"],
    "campaigns.bloc_forms.CommentForm.comment": ["campaigns.BlocHistory.comment"],
    # The propaganda office's article of an exemplar's public page (TextField; the form caps it).
    "campaigns.forms.PublicationForm.public_text": ["campaigns.Exemplar.public_text"],
    # API request bodies (component names of the OpenAPI schema).
    "api.NominationWrite.achievement_summary": ["awards.Nomination.achievement_summary"],
    "api.NominationPatch.achievement_summary": ["awards.Nomination.achievement_summary"],
    "api.DecisionRegister.number": ["awards.Decision.number"],
}
# Text inputs that are never stored: searches, sign-in, the honeypot, a state the client expects.
# (a field name anywhere, or one form's field by its full name).
NOT_STORED = {
    "q",
    "username",
    "password",
    "passphrase",
    "website",
    "token",
    "code",
    "expected_state",
    "awards.lookup.LookupForm.decision_number",  # a search of the public lookup page
    "reports.forms.DashboardFilterForm.period",  # a filter: parsed into dates, never stored
}


def _import_all():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if any(part in info.name for part in (".migrations", ".management", "settings", ".wsgi", ".asgi", ".celery")):
                continue
            importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _ours(cls):
    return cls.__module__.split(".")[0] in PACKAGES


def _model_field(dotted):
    app, model, field = dotted.split(".")
    return apps.get_model(app, model)._meta.get_field(field)


def _limit(dotted_fields):
    """The smallest max_length of the model fields written to (None: all unbounded text)."""
    limits = [f.max_length for f in map(_model_field, dotted_fields) if isinstance(f, models.CharField)]
    return min(limits) if limits else None


def test_every_form_text_field_is_bounded_by_the_field_it_is_written_to():
    _import_all()
    problems, checked = [], 0
    for cls in set(_subclasses(forms.BaseForm)):
        if not _ours(cls):
            continue
        model = getattr(getattr(cls, "_meta", None), "model", None)
        for name, field in cls.base_fields.items():
            key = f"{cls.__module__}.{cls.__name__}.{name}"
            if not isinstance(field, forms.CharField) or name in NOT_STORED or key in NOT_STORED:
                continue
            targets = WRITTEN_TO.get(key)
            if targets is None and model is not None:
                try:
                    model_field = model._meta.get_field(name)
                except Exception:
                    model_field = None
                if model_field is not None:
                    targets = [f"{model._meta.app_label}.{model.__name__}.{name}"]
            if targets is None:
                problems.append(f"{key}: the model field it is written to is not known (add it to WRITTEN_TO or NOT_STORED)")
                continue
            limit = _limit(targets)
            checked += 1
            if limit is not None and (field.max_length is None or field.max_length > limit):
                problems.append(f"{key}: accepts {field.max_length or 'any length'}, {targets} holds {limit}")
    assert not problems, "\n".join(problems)
    assert checked >= 50


def _request_bodies():
    """{component name: schema} of every request body of the API, from its OpenAPI schema (the
    serializers the views declare as requests: nothing else is written from the API)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    bodies = {}
    for operations in schema["paths"].values():
        for operation in operations.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                ref = content["schema"].get("$ref", "")
                if ref:
                    name = ref.rsplit("/", 1)[-1]
                    # COMPONENT_SPLIT_REQUEST names them "XRequest" (and "PatchedXRequest" for PATCH).
                    bodies[name.removeprefix("Patched").removesuffix("Request")] = components[name]
    return bodies


def test_every_api_request_text_field_is_bounded():
    problems, checked = [], 0
    bodies = _request_bodies()
    assert {"NominationWrite", "DecisionRegister"} <= set(bodies)
    for component, body in bodies.items():
        for name, prop in body.get("properties", {}).items():
            if prop.get("type") != "string" or prop.get("readOnly") or "enum" in prop or prop.get("format") or name in NOT_STORED:
                continue
            key = f"api.{component}.{name}"
            targets = WRITTEN_TO.get(key)
            if targets is None:
                problems.append(f"{key}: the model field it is written to is not known (add it to WRITTEN_TO or NOT_STORED)")
                continue
            limit = _limit(targets)
            checked += 1
            if limit is not None and (prop.get("maxLength") is None or prop["maxLength"] > limit):
                problems.append(f"{key}: accepts {prop.get('maxLength') or 'any length'}, {targets} holds {limit}")
    assert not problems, "\n".join(problems)
    assert checked >= 3


def test_an_over_long_form_value_gets_a_vietnamese_message(officer, unit):
    from units.forms import PersonForm

    form = PersonForm(data={"full_name": "Đ" * 151, "unit": unit.pk}, user=officer)
    assert not form.is_valid()
    assert form.errors["full_name"] == ["Giá trị này chỉ có tối đa 150 kí tự (hiện có 151)"]


# --- Imports -------------------------------------------------------------------------------------

LENGTHS = [41, 61, 101, 121, 151, 211, 256, 301, 501, 1001, 5001, 20001]


def _import_cases(unit, officer, this_year):
    from awards import importers as award_importers
    from awards.models import AwardRecord, Nomination
    from units import importers as unit_importers
    from units.models import Person, Unit

    PersonFactory(unit=unit, full_name="Nguyễn Văn Đóa")
    return [
        (
            "people",
            unit_importers.PEOPLE_HEADERS,
            ["Nguyễn Văn An", "Nam", 1985, "Chuyên viên", unit.short_code, "Có"],
            lambda rows: unit_importers.validate_people(rows, user=officer),
            Person,
        ),
        (
            "units",
            unit_importers.UNIT_HEADERS,
            ["P-MOI", "UBND phường Mới", "UBND phường", unit.short_code, 200],
            unit_importers.validate_units,
            Unit,
        ),
        (
            "nominations",
            award_importers.NOMINATION_HEADERS,
            ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "giay-khen-chu-tich", this_year, "Năm", "", "Có", "Thành tích."],
            lambda rows: award_importers.validate_nominations(rows, user=officer),
            Nomination,
        ),
        (
            "records",
            award_importers.RECORD_HEADERS,
            ["Cá nhân", "Nguyễn Văn Đóa", unit.short_code, "chien-si-thi-dua-co-so", 2023, "Năm", "15/QĐ-UBND", "20/12/2023", "UBND"],
            award_importers.validate_records,
            AwardRecord,
        ),
    ]


def test_every_import_column_refuses_or_keeps_whole_an_over_long_value(officer, unit):
    """For each import and each of its columns, values of growing length: the row is refused with a
    message in one style, or accepted with every value fitting its column and nothing cut."""
    this_year = timezone.localdate().year
    for kind, headers, base, validate, model in _import_cases(unit, officer, this_year):
        ok = validate([(2, dict(zip(headers, base, strict=True)))])
        assert ok.errors == [] and len(ok.rows) == 1, (kind, ok.errors)  # the base row passes: only the long cell differs
        for column, header in enumerate(headers):
            for length in LENGTHS:
                text = ("Ưu tiên xem xét " * (length // 16 + 1))[: length - 1] + "Đ"
                for value in (text, "9" * length):  # long text, and a number too big for its column
                    _check_row(kind, header, validate, model, headers, base, column, value)


def _check_row(kind, header, validate, model, headers, base, column, value):
    row = list(base)
    row[column] = value
    result = validate([(2, dict(zip(headers, row, strict=True)))])
    if result.errors:
        [(number, message)] = result.errors
        assert number == 2 and message[:1].isupper() and message.endswith("."), (kind, header, message)
        return
    [(_, _, fields)] = result.rows
    for name, stored in fields.items():
        field = next((f for f in model._meta.concrete_fields if f.name == name), None)  # parent_code: a lookup
        if field is None:
            continue
        if isinstance(stored, str):
            assert field.max_length is None or len(stored) <= field.max_length, (kind, header, len(value), name)
            assert not (stored and value.startswith(stored) and stored != value), f"{kind}/{header}: {len(value)} cut to {len(stored)}"
        elif isinstance(stored, int) and not isinstance(stored, bool) and isinstance(field, models.IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            assert (low is None or stored >= low) and (high is None or stored <= high), (kind, header, name, stored)
