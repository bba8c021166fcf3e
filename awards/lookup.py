"""Tra cứu: one search over every award received (AwardRecord: decided here, decided upward or
imported from earlier years) and every nomination, across years, for reviewers and leaders, and for
unit officers within their scope. The filter form, the two scoped selectors and the export columns
live here; awards/views/lookup.py renders them."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.db.models import Q

from dosonthidua.sql import AnyOf
from dosonthidua.text import fold
from dosonthidua.widgets import DateInput, FastSelect
from units.enums import Gender
from units.models import Person, Unit
from units.selectors import unit_choices_for, unit_subtree_ids, user_scope_unit_ids

from .enums import ConferringLevel, NominationBasis, NominationState, NomineeType
from .models import AwardKind, AwardRecord
from .selectors import nominations_visible_to, unit_lineage_ids

SOURCES = [("records", "Khen thưởng đã nhận"), ("nominations", "Đề nghị khen thưởng")]
UNKNOWN = "unknown"
YES_NO_UNKNOWN = [("", "Tất cả"), ("1", "Có"), ("0", "Không"), (UNKNOWN, "Chưa rõ")]

RECORD_COLUMNS = [
    ("recipient", "Người/tập thể được khen"),
    ("subject", "Đối tượng"),
    ("unit", "Đơn vị"),
    ("award", "Danh hiệu, hình thức"),
    ("level", "Cấp khen"),
    ("year", "Năm"),
    ("basis", "Loại hình"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("issuer", "Cơ quan quyết định"),
    ("gender", "Giới tính"),
    ("birth_year", "Năm sinh"),
    ("direct", "LĐ trực tiếp"),
    ("source", "Nguồn"),
]
NOMINATION_COLUMNS = [
    ("recipient", "Người/tập thể được đề nghị"),
    ("subject", "Đối tượng"),
    ("unit", "Đơn vị đề nghị"),
    ("award", "Danh hiệu, hình thức"),
    ("level", "Cấp khen"),
    ("period", "Kỳ"),
    ("basis", "Loại hình"),
    ("state", "Trạng thái"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("gender", "Giới tính"),
    ("birth_year", "Năm sinh"),
    ("direct", "LĐ trực tiếp"),
]
DEFAULT_COLUMNS = ["recipient", "unit", "award", "year", "period", "decision_number", "decision_date", "state"]


class LookupForm(forms.Form):
    source = forms.ChoiceField(label="Tra cứu trong", widget=FastSelect, choices=SOURCES, initial="records", required=False)
    q = forms.CharField(
        label="Họ tên hoặc tên tập thể",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Gõ có dấu hoặc không dấu"}),
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị (gồm đơn vị trực thuộc và đơn vị tiền thân)",
        queryset=None,
        required=False,
        empty_label="Mọi đơn vị",
        widget=FastSelect,
    )
    award_code = forms.ChoiceField(label="Danh hiệu, hình thức", required=False, widget=FastSelect)
    level = forms.ChoiceField(label="Cấp khen", required=False, widget=FastSelect, choices=[("", "Mọi cấp"), *ConferringLevel.choices])
    basis = forms.ChoiceField(
        label="Loại hình khen thưởng", required=False, widget=FastSelect, choices=[("", "Mọi loại hình"), *NominationBasis.choices]
    )
    subject = forms.ChoiceField(
        label="Đối tượng", required=False, widget=FastSelect, choices=[("", "Cá nhân và tập thể"), *NomineeType.choices[:2]]
    )
    state = forms.ChoiceField(
        label="Trạng thái đề nghị", required=False, widget=FastSelect, choices=[("", "Mọi trạng thái"), *NominationState.choices]
    )
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)
    date_from = forms.DateField(label="Quyết định từ ngày", required=False, widget=DateInput())
    date_to = forms.DateField(label="đến ngày", required=False, widget=DateInput())
    year_from = forms.IntegerField(label="Năm khen từ", required=False, min_value=1945, max_value=2100)
    year_to = forms.IntegerField(label="đến năm", required=False, min_value=1945, max_value=2100)
    gender = forms.ChoiceField(
        label="Giới tính", required=False, widget=FastSelect, choices=[("", "Tất cả"), *Gender.choices, (UNKNOWN, "Chưa rõ")]
    )
    direct_worker = forms.ChoiceField(label="Lao động trực tiếp", required=False, widget=FastSelect, choices=YES_NO_UNKNOWN)
    birth_year_from = forms.IntegerField(label="Năm sinh từ", required=False, min_value=1900, max_value=2100)
    birth_year_to = forms.IntegerField(label="đến năm", required=False, min_value=1900, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = unit_choices_for(user)
        self.fields["unit"].queryset = units
        # The labels are the names: read as pairs, not as a thousand Unit objects (ModelChoiceField
        # still validates the chosen one against the scoped queryset).
        # Units of every date (the records are history), each ended or later one with its dates.
        self.fields["unit"].choices = [
            ("", self.fields["unit"].empty_label),
            *(
                (pk, _dated(name, since, until))
                for pk, name, since, until in units.select_related(None).values_list("pk", "name", "valid_from", "valid_to")
            ),
        ]
        codes = {}
        for code, name in AwardKind.objects.order_by("display_order", "-valid_from").values_list("code", "name"):
            codes.setdefault(code, name)
        self.fields["award_code"].choices = [("", "Mọi danh hiệu"), *codes.items()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

        def row(*names, width="col-md-3"):
            return Div(*[Div(Field(n), css_class=f"col-12 {width}") for n in names], css_class="row g-2")

        self.helper.layout = Layout(
            row("source", "q", "unit", "award_code"),
            row("level", "basis", "subject", "state"),
            row("decision_number", "date_from", "date_to", width="col-md-4"),
            row("year_from", "year_to", "birth_year_from", "birth_year_to"),
            row("gender", "direct_worker", width="col-md-3"),
        )

    def clean(self):
        data = super().clean()
        for low, high, message in (
            ("date_from", "date_to", "Ngày “đến” phải sau hoặc bằng ngày “từ”."),
            ("year_from", "year_to", "Năm khen “đến” phải sau hoặc bằng năm “từ”."),
            ("birth_year_from", "birth_year_to", "Năm sinh “đến” phải sau hoặc bằng năm “từ”."),
        ):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, message)
        return data


def _dated(name, since, until):
    """A unit's name with its validity, as the unit pickers show it: "Phòng Nội vụ (đến 30/06/2025)"."""
    if since and until:
        return f"{name} ({since:%d/%m/%Y} – {until:%d/%m/%Y})"
    if until:
        return f"{name} (đến {until:%d/%m/%Y})"
    return f"{name} (từ {since:%d/%m/%Y})" if since else name


def _unit_ids(unit):
    """The unit, its sub-units and every unit they succeeded (a merged ward's history is its heir's)."""
    ids = set(unit_subtree_ids(unit.pk))
    for uid in list(ids):
        ids.update(unit_lineage_ids(uid))
    return ids


def _words(q):
    return fold(q).replace(",", " ").split()


def _recipient_in(*, people, units):
    """Records whose recipient is one of ``people`` or one of ``units`` (querysets or id lists): each
    branch an index scan of awards_awardrecord (see dosonthidua.sql.AnyOf), so neither the people
    nor the units table is joined to every record. A record has exactly one recipient."""
    people = people.values("pk") if hasattr(people, "query") else list(people)
    return AnyOf("person_id", people) | AnyOf("unit_id", units.values("pk") if hasattr(units, "query") else list(units))


def _people_of(unit_ids):
    return Person.objects.filter(AnyOf("unit_id", list(unit_ids)))


def _yes_no_unknown(field, value):
    if value == "1":
        return Q(**{field: True})
    if value == "0":
        return Q(**{field: False})
    return Q(**{f"{field}__isnull": True})


# The lookup's filters as (form field, model lookup) for each source; "subject" maps to the person
# column (the other subject is its absence).
RECORD_FIELDS = {
    "award_code": "award_code",
    "level": "award_kind__conferring_level",
    "basis": "nomination__basis",
    "person": "person",
    "decision_number": "decision_number__icontains",
    "date_from": "decision_date__gte",
    "date_to": "decision_date__lte",
    "year_from": "year__gte",
    "year_to": "year__lte",
}
NOMINATION_FIELDS = {
    "award_code": "award_kind__code",
    "level": "award_kind__conferring_level",
    "basis": "basis",
    "person": "nominee_person",
    "state": "state",
    "decision_number": "record__decision_number__icontains",
    "date_from": "record__decision_date__gte",
    "date_to": "record__decision_date__lte",
    "year_from": "year__gte",
    "year_to": "year__lte",
}


def _filter(qs, params, fields):
    for name, lookup in fields.items():
        if name == "person":
            if params.get("subject") in (NomineeType.PERSON, NomineeType.UNIT):
                qs = qs.filter(**{f"{lookup}__isnull": params["subject"] == NomineeType.UNIT})
            continue
        value = params.get(name)
        if value not in (None, ""):
            qs = qs.filter(**{lookup: value.strip() if isinstance(value, str) else value})
    return qs


def lookup_records(*, user, params):
    """Award records the user may see, filtered by ``params`` (LookupForm.cleaned_data), newest first.
    Officers see records of people and collectives of their units; other roles see everything."""
    qs = AwardRecord.objects.select_related("person__unit", "unit", "award_kind", "nomination")
    scope = user_scope_unit_ids(user)
    if scope is not None:
        qs = qs.filter(_recipient_in(people=_people_of(scope), units=scope))
    words = _words(params.get("q") or "")
    if words:
        # Every word in the recipient's name (a person's or a collective's: the trigram indexes
        # person_search_trgm and unit_search_trgm find them, then the records by recipient).
        people, units = Person.objects.all(), Unit.objects.all()
        for word in words:
            people, units = people.filter(search_name__contains=word), units.filter(search_name__contains=word)
        qs = qs.filter(_recipient_in(people=people, units=units))
    if params.get("unit") is not None:
        ids = _unit_ids(params["unit"])
        qs = qs.filter(_recipient_in(people=_people_of(ids), units=ids))
    qs = _filter(qs, params, RECORD_FIELDS)
    qs = _person_filters(qs, params, prefix="person__", direct_field="person__is_direct_worker")
    return qs.order_by("-year", "-decision_date", "recipient_name", "pk")


def lookup_nominations(*, user, params):
    """Nominations the user may see (nominations_visible_to), filtered by ``params``."""
    # Only the relations the rows show, and not the long texts no column shows (fewer joins to plan,
    # narrower rows to read).
    qs = (
        nominations_visible_to(user)
        .select_related(None)
        .select_related("award_kind", "unit", "nominee_person", "record")
        .defer("achievement_summary", "checks", "review_note", "council_note")
    )
    for word in _words(params.get("q") or ""):
        qs = qs.filter(search_name__contains=word)
    if params.get("unit") is not None:
        ids = _unit_ids(params["unit"])
        qs = qs.filter(Q(unit_id__in=ids) | Q(nominee_unit_id__in=ids))
    qs = _filter(qs, params, NOMINATION_FIELDS)
    qs = _person_filters(qs, params, prefix="nominee_person__", direct_field="is_direct_worker")
    return qs.order_by("-year", "nominee_name", "pk")


def _person_filters(qs, params, *, prefix, direct_field):
    gender = params.get("gender")
    if gender == UNKNOWN:
        qs = qs.filter(**{f"{prefix}isnull": False, f"{prefix}gender": ""})
    elif gender:
        qs = qs.filter(**{f"{prefix}gender": gender})
    if params.get("direct_worker"):
        qs = qs.filter(**{f"{prefix}isnull": False}).filter(_yes_no_unknown(direct_field, params["direct_worker"]))
    if params.get("birth_year_from"):
        qs = qs.filter(**{f"{prefix}birth_year__gte": params["birth_year_from"]})
    if params.get("birth_year_to"):
        qs = qs.filter(**{f"{prefix}birth_year__lte": params["birth_year_to"]})
    return qs


def _yes_no(value):
    return "Chưa rõ" if value is None else ("Có" if value else "Không")


def _date(value):
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


def record_cells(record):
    person = record.person
    kind = record.award_kind
    return {
        "recipient": record.recipient_name,
        "subject": "Cá nhân" if person else "Tập thể",
        "unit": record.unit_name or (person.unit.name if person else record.unit.name),
        "award": record.award_name,
        "level": kind.get_conferring_level_display() if kind else "",
        "year": record.year,
        "basis": record.nomination.get_basis_display() if record.nomination else "",
        "decision_number": record.decision_number,
        "decision_date": _date(record.decision_date),
        "issuer": record.issuer_name,
        "gender": (person.get_gender_display() or "Chưa rõ") if person else "",
        "birth_year": (person.birth_year or "") if person else "",
        "direct": _yes_no(person.is_direct_worker) if person else "",
        "source": record.get_source_display(),
    }


def nomination_cells(nomination):
    person = nomination.nominee_person
    record = getattr(nomination, "record", None)
    return {
        "recipient": nomination.nominee_name,
        "subject": "Cá nhân" if person else "Tập thể",
        "unit": nomination.unit.name,
        "award": nomination.award_kind.name,
        "level": nomination.award_kind.get_conferring_level_display(),
        "period": nomination.period_label,
        "basis": nomination.get_basis_display(),
        "state": nomination.get_state_display(),
        "decision_number": record.decision_number if record else "",
        "decision_date": _date(record.decision_date) if record else "",
        "gender": (person.get_gender_display() or "Chưa rõ") if person else "",
        "birth_year": (person.birth_year or "") if person else "",
        "direct": _yes_no(nomination.is_direct_worker) if person else "",
    }


def columns_for(source):
    return NOMINATION_COLUMNS if source == "nominations" else RECORD_COLUMNS


def chosen_columns(source, requested):
    labels = dict(columns_for(source))
    chosen = [c for c in requested if c in labels]
    return chosen or [c for c in DEFAULT_COLUMNS if c in labels]
