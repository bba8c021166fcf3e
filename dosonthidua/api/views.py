import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from awards import services as award_services
from awards.enums import NominationBasis, NominationState, NomineeType
from awards.forms import AttachmentForm, NominationForm
from awards.models import AwardKind, Decision, DecisionItem
from awards.selectors import nominations_visible_to
from campaigns.selectors import campaigns_visible_to, registrations_visible_to
from dosonthidua.downloads import download_response
from reports import selectors as report_selectors
from units.selectors import people_visible_to, units_visible_to

from . import filters
from . import serializers as s
from .audit import audit_api_call
from .enums import ApiPermission as P
from .permissions import token_of
from .problems import Conflict, problem
from .representation import prefetch_page
from .selectors import award_records_visible_to, national_export_rows


class AuditedMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        audit_api_call(request, response)
        return response


def _etag(data):
    raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'


def _matches(header, etag):
    tags = [t.strip() for t in (header or "").split(",") if t.strip()]
    return "*" in tags or etag in tags or f"W/{etag}" in tags


class ETagMixin:
    """Detail responses carry an ETag (hash of the representation); If-None-Match answers 304."""

    def retrieve(self, request, *args, **kwargs):
        data = self.get_serializer(self.get_object()).data
        etag = _etag(data)
        if _matches(request.headers.get("If-None-Match"), etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})


class ListRowsMixin:
    """How a list reads its rows (issue 16's benchmark). It renders foreign keys as ids (their
    ``_id`` columns), so the selectors' joins, which the details and the object rules read, are
    dropped for it (``list_prefetch``: the single relations it still reads, fetched once per page);
    its many-relations (``many``) are read for the page's rows only (representation.prefetch_page).
    Other actions keep the selector's joins and prefetch ``many`` as usual. The scope filters are the
    selector's, unchanged."""

    many = ()
    list_prefetch = ()

    def rows(self, queryset):
        if self.action != "list":
            return queryset.prefetch_related(*self.many)
        return queryset.select_related(None).prefetch_related(*self.list_prefetch)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page and self.many:
            prefetch_page(page, *self.many)
        return page


class ReadViewSet(AuditedMixin, ETagMixin, viewsets.ReadOnlyModelViewSet):
    pass


class UnitViewSet(ListRowsMixin, ReadViewSet):
    """Units with their validity dates and successors (mergers of 2025)."""

    serializer_class = s.UnitSerializer
    filterset_class = filters.UnitFilter
    ordering_fields = ["id", "name", "short_code", "display_order", "valid_from"]
    ordering = ["display_order", "name", "id"]
    api_permission = P.UNITS_READ
    object_rule = {"retrieve": "units.view_unit"}
    many = ["successors"]

    def get_queryset(self):
        return self.rows(units_visible_to(self.request.user))


class PersonViewSet(ListRowsMixin, ReadViewSet):
    """People of the caller's units; personal fields only with people:personal."""

    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilter
    ordering_fields = ["id", "full_name", "unit"]
    ordering = ["full_name", "id"]
    api_permission = P.PEOPLE_READ
    object_rule = {"retrieve": "units.view_person"}

    def get_queryset(self):
        return self.rows(people_visible_to(self.request.user))


class AwardKindViewSet(ReadViewSet):
    """The award catalogue: one row per kind and validity period, with its dated rules."""

    serializer_class = s.AwardKindSerializer
    filterset_class = filters.AwardKindFilter
    ordering_fields = ["id", "display_order", "code", "valid_from"]
    ordering = ["display_order", "valid_from", "id"]
    api_permission = P.AWARDS_READ
    rule = "awards.view_catalogue"

    def get_queryset(self):
        return AwardKind.objects.prefetch_related("prerequisites")


class AwardRecordViewSet(ListRowsMixin, ReadViewSet):
    """Awards (AwardRecord) of people and collectives of the caller's units."""

    serializer_class = s.AwardRecordSerializer
    filterset_class = filters.AwardRecordFilter
    ordering_fields = ["id", "year", "decision_date", "recipient_name", "award_code"]
    ordering = ["-year", "recipient_name", "id"]
    api_permission = P.AWARDS_READ
    rule = "awards.view_award_history"

    def get_queryset(self):
        return self.rows(award_records_visible_to(self.request.user))


CHECKBOXES = {"excellent_completion", "members_completed_tasks"}


def _form_data(data, instance=None):
    """The web form's POST data for API input (PATCH: the current values, overlaid)."""
    current = {}
    if instance is not None:
        current = {
            "nominee_person": instance.nominee_person_id,
            "nominee_unit": instance.nominee_unit_id,
            "award_kind": instance.award_kind_id,
            "period_kind": instance.period_kind,
            "year": instance.year,
            "basis": instance.basis,
            "campaign": instance.campaign_id,
            "achievement_summary": instance.achievement_summary,
            "excellent_completion": instance.excellent_completion,
            "members_completed_tasks": instance.members_completed_tasks,
        }
    merged = {**current, **data}
    if "nominee_person" in data and data["nominee_person"]:
        merged["nominee_unit"] = None
    elif "nominee_unit" in data and data["nominee_unit"]:
        merged["nominee_person"] = None
    merged["nominee_type"] = NomineeType.UNIT if merged.get("nominee_unit") and not merged.get("nominee_person") else NomineeType.PERSON
    # Checkboxes: an unchecked box is absent from the POST data.
    return {k: ("" if v is None else v) for k, v in merged.items() if not (k in CHECKBOXES and not v)}


def _form_errors(form):
    errors = {}
    for field, messages in form.errors.items():
        key = "non_field_errors" if field == "__all__" else ("nominee_person" if field == "nominee_type" else field)
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return errors


@extend_schema_view(
    create=extend_schema(request=s.NominationWriteSerializer, responses={201: s.NominationSerializer}),
    partial_update=extend_schema(
        request=s.NominationPatchSerializer,
        responses={200: s.NominationSerializer},
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False)],
    ),
)
class NominationViewSet(
    ListRowsMixin, AuditedMixin, ETagMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Nominations of the caller's units. Drafts are created, changed and submitted with the web
    form's own validation, services and eligibility checks."""

    serializer_class = s.NominationSerializer
    filterset_class = filters.NominationFilter
    ordering_fields = ["id", "updated_at", "created_at", "year", "nominee_name"]
    ordering = ["-updated_at", "-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    api_permission = {
        "list": P.NOMINATIONS_READ,
        "retrieve": P.NOMINATIONS_READ,
        "create": P.NOMINATIONS_WRITE,
        "partial_update": P.NOMINATIONS_WRITE,
        "submit": P.NOMINATIONS_WRITE,
        "attachments": P.NOMINATIONS_WRITE,
    }
    rule = {"list": "awards.list_nominations", "create": "awards.add_nomination"}
    object_rule = {
        "retrieve": "awards.view_nomination",
        "partial_update": "awards.change_nomination",
        "attachments": "awards.change_nomination",
    }

    many = ["attachments"]
    # A list reads only the award kind's code of the joined rows: one query for the few kinds instead
    # of six joins (25 ms of planning at 500,000 rows) and a copy of its kind for each row.
    list_prefetch = ["award_kind"]

    def get_queryset(self):
        return self.rows(nominations_visible_to(self.request.user))

    def _saved(self, nomination, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=nomination.pk)
        data = s.NominationSerializer(fresh, context=self.get_serializer_context()).data
        headers = {"ETag": _etag(data), "Location": reverse("api:nomination-detail", args=[fresh.pk])}
        return Response(data, status=code, headers=headers)

    def _save(self, instance, data):
        form = NominationForm(data=_form_data(data, instance), instance=instance, user=self.request.user)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        return award_services.nomination_save(nomination=form.save(commit=False), by=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = s.NominationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._saved(self._save(None, dict(serializer.validated_data)), status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        nomination = self.get_object()
        if request.headers.get("If-Match"):
            current = _etag(s.NominationSerializer(nomination, context=self.get_serializer_context()).data)
            if not _matches(request.headers["If-Match"], current):
                return problem(412, "Đề nghị đã được sửa sau lần bạn đọc (ETag khác): hãy đọc lại.", request=request, code="precondition")
        serializer = s.NominationPatchSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._saved(self._save(nomination, dict(serializer.validated_data)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.SubmitSerializer, responses={200: s.NominationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft (or a returned nomination) to Phòng Nội vụ, as the web button does."""
        nomination = self.get_object()
        serializer = s.SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = {NominationState.DRAFT: NominationState.SUBMITTED, NominationState.RETURNED: NominationState.RESUBMITTED}.get(
            nomination.state
        )
        if target is None:
            raise Conflict(f"Đề nghị đang ở trạng thái “{nomination.get_state_display()}”, không gửi được.")
        try:
            award_services.nomination_transition(
                nomination=nomination,
                to_state=target,
                by=request.user,
                expected_state=serializer.validated_data.get("expected_state") or nomination.state,
            )
        except award_services.TransitionError as exc:
            raise Conflict(str(exc)) from exc
        return self._saved(nomination)

    @extend_schema(request={"multipart/form-data": s.AttachmentUploadSerializer}, responses={201: s.NominationSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach a file (achievement report, initiative recognition …), checked by its content."""
        nomination = self.get_object()
        form = AttachmentForm(request.data, request.FILES)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        award_services.attachment_add(
            nomination=nomination, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"], by=request.user
        )
        award_services.nomination_check(nomination=nomination)
        return self._saved(nomination, status.HTTP_201_CREATED)


class DecisionViewSet(ReadViewSet):
    """Award decisions with their annex (the awardees) and links to their documents."""

    serializer_class = s.DecisionSerializer
    filterset_class = filters.DecisionFilter
    ordering_fields = ["id", "date", "number"]
    ordering = ["-date", "-id"]
    api_permission = {"list": P.DECISIONS_READ, "retrieve": P.DECISIONS_READ, "register": P.DECISIONS_REGISTER}
    rule = {"list": "awards.view_decisions", "retrieve": "awards.view_decisions", "register": "awards.issue_decision"}

    def get_queryset(self):
        items = DecisionItem.objects.select_related("nomination", "nomination__award_kind").order_by("id")
        return Decision.objects.select_related("issuing_body", "signer").prefetch_related(Prefetch("items", queryset=items))

    @extend_schema(request=s.DecisionRegisterSerializer, responses={200: s.DecisionSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """The document-management system registered the signed decision: record its number and
        date; the decision is issued under them (awards enter the history)."""
        decision = self.get_object()
        serializer = s.DecisionRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            award_services.decision_issue(
                decision=decision,
                by=request.user,
                registered_number=serializer.validated_data["number"],
                registered_date=serializer.validated_data["date"],
            )
        except award_services.ProcedureError as exc:
            raise Conflict(str(exc)) from exc
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(self.get_serializer(fresh).data)


class CampaignViewSet(ReadViewSet):
    serializer_class = s.CampaignSerializer
    filterset_class = filters.CampaignFilter
    ordering_fields = ["id", "start_date", "end_date", "name"]
    ordering = ["-start_date", "id"]
    api_permission = P.CAMPAIGNS_READ
    rule = "campaigns.view_campaigns"

    def get_queryset(self):
        return campaigns_visible_to(self.request.user).prefetch_related("targets", "phases")


class RegistrationViewSet(ReadViewSet):
    serializer_class = s.RegistrationSerializer
    filterset_class = filters.RegistrationFilter
    ordering_fields = ["id", "updated_at", "submitted_at"]
    ordering = ["-updated_at", "-id"]
    api_permission = P.CAMPAIGNS_READ

    def get_queryset(self):
        return registrations_visible_to(self.request.user).prefetch_related("entries", "targets")


class MeView(AuditedMixin, APIView):
    """Who the caller is: the token (or session account), its unit scope and permissions."""

    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        token = token_of(request)
        return Response(
            {
                "account": request.user.username,
                "token": token.prefix if token else None,
                "unit": request.user.unit_id,
                "permissions": token.permissions if token else sorted(P.values),
                "rate_per_minute": token.rate_per_minute if token else settings.API_DEFAULT_RATE_PER_MINUTE,
            }
        )


def _campaign(request):
    raw = request.query_params.get("campaign")
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError({"campaign": ["Mã phong trào phải là số."]})
    campaign = campaigns_visible_to(request.user).filter(pk=int(raw)).first()
    if campaign is None:
        raise ValidationError({"campaign": ["Không có phong trào này."]})
    return campaign


def _year(request, *, default=None):
    raw = request.query_params.get("year")
    if not raw:
        return default
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise ValidationError({"year": ["Năm phải là số từ 1990 đến 2100."]})
    return int(raw)


class DashboardView(AuditedMixin, APIView):
    """The leadership dashboard's main figures for a year (and optionally a campaign)."""

    api_permission = P.DASHBOARD_READ
    rule = "reports.view_reports"

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT), OpenApiParameter("campaign", OpenApiTypes.INT)],
        responses=s.DashboardSerializer,
    )
    def get(self, request):
        year = _year(request, default=timezone.localdate().year)
        campaign = _campaign(request)
        scope = report_selectors.Scope(year=year, campaign=campaign)
        totals = report_selectors.award_totals(scope)
        return Response(
            {
                "year": year,
                "campaign": campaign.pk if campaign else None,
                "awards": {k: (float(v) if v is not None else None) for k, v in totals.items()},
                "awards_by_kind": [
                    {"key": r["award_code"], "label": r["award_name"], "total": r["total"]} for r in report_selectors.awards_by_kind(scope)
                ],
                "nominations_by_state": [
                    {"key": r["state"], "label": r["label"], "total": r["total"]} for r in report_selectors.nominations_by_state(scope)
                ],
            }
        )


def _date_param(request, name):
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({name: ["Ngày phải có dạng YYYY-MM-DD."]}) from exc


NATIONAL_FORMAT = "dosonthidua.national-awards"
NATIONAL_VERSION = 1


def national_row(record):
    """One AwardRecord in the national database's terms (mapping in docs/api.md)."""
    person, kind, nomination = record.person, record.award_kind, record.nomination
    item = getattr(nomination, "decision_item", None) if nomination is not None else None
    basis = nomination.basis if nomination is not None else ""
    reward = item.amount if item is not None else (int(record.reward) if record.reward is not None else None)
    return {
        "record_id": record.pk,
        "subject_type": "person" if record.person_id else "collective",
        "full_name": record.recipient_name,
        "birth_year": person.birth_year if person is not None else None,
        "gender": person.gender if person is not None else "",
        "position": (item.position if item is not None and item.position else (person.position if person is not None else "")),
        "unit": record.unit_name or (record.unit.name if record.unit_id else ""),
        "unit_code": (person.unit.short_code if person is not None else record.unit.short_code if record.unit_id else ""),
        "award_kind_code": record.award_code,
        "award_kind": record.award_name,
        "category": kind.category if kind is not None else "",
        "level": kind.conferring_level if kind is not None else "",
        "basis": basis,
        "basis_label": NominationBasis(basis).label if basis else "",
        "period_kind": record.period_kind,
        "year": record.year,
        "decision_number": record.decision_number,
        "decision_date": record.decision_date,
        "issuer": record.issuer_name,
        "reward": reward,
    }


def _export_period(request):
    """[start, end] of the national export: start/end dates, else the whole ``year`` (default this year)."""
    year = _year(request, default=timezone.localdate().year)
    start = _date_param(request, "start") or dt.date(year, 1, 1)
    end = _date_param(request, "end") or dt.date(year, 12, 31)
    if end < start:
        raise ValidationError({"end": ["Ngày kết thúc phải sau ngày bắt đầu."]})
    return start, end


EXPORT_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="Từ ngày quyết định (mặc định 01/01 của năm `year`)"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Đến ngày quyết định (mặc định 31/12 của năm `year`)"),
    OpenApiParameter("year", OpenApiTypes.INT, description="Năm (khi không ghi start/end; mặc định năm nay)"),
]


class ZipRenderer(BaseRenderer):
    """Lets a client ask for application/zip; the package itself is returned as a plain response, so
    this renderer only ever writes problem details (JSON, their content type set by problems.problem)."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False, default=str).encode()


class NationalPackageView(AuditedMixin, APIView):
    """The same awards as the flat national export, as the portal's versioned interchange package
    (docs/interchange.md, kind "awards"): manifest.json with one row per person or collective and the
    PDFs of this portal's decisions they cite, with SHA-256 checksums."""

    api_permission = P.EXPORT_NATIONAL
    rule = "reports.view_reports"
    renderer_classes = [JSONRenderer, ZipRenderer]

    @extend_schema(parameters=EXPORT_PARAMETERS, responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request):
        from awards.interchange.export import awards_package
        from awards.selectors import issuing_body_on

        start, end = _export_period(request)
        body = issuing_body_on(min(end, timezone.localdate())) or issuing_body_on(timezone.localdate())
        if body is None:
            raise Conflict("Chưa cấu hình cơ quan ban hành: không lập được gói (thiếu thông tin cơ quan gửi).")
        rows = [national_row(r) for r in national_export_rows(start=start, end=end).select_related("person__unit")]
        name, data = awards_package(start=start, end=end, body=body, rows=rows)
        return download_response(data, name, content_type="application/zip")


class NationalExportView(AuditedMixin, APIView):
    """Every award decided in a period (decision dates), one flat row per person or collective, for
    the national emulation and commendation database."""

    api_permission = P.EXPORT_NATIONAL
    rule = "reports.view_reports"

    @extend_schema(parameters=EXPORT_PARAMETERS, responses=s.NationalExportSerializer)
    def get(self, request):
        start, end = _export_period(request)
        rows = [national_row(r) for r in national_export_rows(start=start, end=end).select_related("person__unit")]
        return Response(
            {"format": NATIONAL_FORMAT, "version": NATIONAL_VERSION, "start": start, "end": end, "count": len(rows), "items": rows}
        )
