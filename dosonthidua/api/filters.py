import django_filters as df
from django.db.models import Q

from awards.models import AwardKind, AwardRecord, Decision, Nomination
from campaigns.models import Campaign, Registration
from dosonthidua.text import fold
from units.models import Person, Unit


def _valid_on(queryset, name, value):
    return queryset.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=value)).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=value))


class UnitFilter(df.FilterSet):
    q = df.CharFilter(method="search", label="Tìm theo tên (không dấu) hoặc mã")
    valid_on = df.DateFilter(method=_valid_on, label="Có hiệu lực vào ngày (YYYY-MM-DD)")

    class Meta:
        model = Unit
        fields = ["kind", "active", "parent", "short_code"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(search_name__contains=fold(value)) | Q(short_code__icontains=value.strip()))


class PersonFilter(df.FilterSet):
    q = df.CharFilter(method="search", label="Tìm theo họ tên (không dấu)")

    class Meta:
        model = Person
        fields = ["unit", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))


class AwardKindFilter(df.FilterSet):
    valid_on = df.DateFilter(method=_valid_on, label="Có hiệu lực vào ngày (YYYY-MM-DD)")

    class Meta:
        model = AwardKind
        fields = ["code", "category", "subject", "conferring_level", "active"]


class AwardRecordFilter(df.FilterSet):
    unit = df.NumberFilter(field_name="recipient_unit", label="Đơn vị hiện nay của người/tập thể được khen")
    collective = df.NumberFilter(field_name="unit", label="Tập thể được khen")
    award_kind = df.NumberFilter(field_name="award_kind")
    decision_date = df.DateFromToRangeFilter(label="Ngày quyết định (decision_date_after, decision_date_before)")
    year_from = df.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = df.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = AwardRecord
        fields = ["person", "year", "period_kind", "award_code", "source", "decision_number"]


class NominationFilter(df.FilterSet):
    award_code = df.CharFilter(field_name="award_kind__code")
    q = df.CharFilter(method="search", label="Tìm theo tên người/tập thể (không dấu)")

    class Meta:
        model = Nomination
        fields = ["state", "year", "period_kind", "basis", "unit", "campaign", "nominee_person", "nominee_unit", "award_kind", "submission"]

    def search(self, queryset, name, value):
        return queryset.filter(search_name__contains=fold(value))


class DecisionFilter(df.FilterSet):
    date = df.DateFromToRangeFilter(label="Ngày quyết định (date_after, date_before)")

    class Meta:
        model = Decision
        fields = ["state", "year", "number"]


class CampaignFilter(df.FilterSet):
    active_on = df.DateFilter(method="active", label="Đang diễn ra vào ngày (YYYY-MM-DD)")

    class Meta:
        model = Campaign
        fields = ["kind"]

    def active(self, queryset, name, value):
        return queryset.filter(start_date__lte=value, end_date__gte=value)


class RegistrationFilter(df.FilterSet):
    class Meta:
        model = Registration
        fields = ["campaign", "unit", "state", "is_late"]
