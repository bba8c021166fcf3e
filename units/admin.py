from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm
from simple_history.admin import SimpleHistoryAdmin

from dosonthidua.admin import DeletionSummaryMixin, RelatedInListMixin

from .models import AuditEvent, DisciplineRecord, Person, ServicePeriod, Unit, User, role_choices


@admin.register(Unit)
class UnitAdmin(DeletionSummaryMixin, RelatedInListMixin, SimpleHistoryAdmin):
    list_display = ["name", "short_code", "kind", "parent", "active", "valid_from", "valid_to"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_code", "search_name"]
    filter_horizontal = ["successors"]
    raw_id_fields = ["parent"]


class DisciplineInline(admin.TabularInline):
    model = DisciplineRecord
    extra = 0


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["person", "form", "date", "decision"]
    list_filter = ["form"]
    search_fields = ["person__full_name", "decision"]
    raw_id_fields = ["person"]
    date_hierarchy = "date"


class ServicePeriodInline(admin.TabularInline):
    model = ServicePeriod
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(ServicePeriod)
class ServicePeriodAdmin(DeletionSummaryMixin, RelatedInListMixin, SimpleHistoryAdmin):
    list_display = ["person", "position", "group", "unit", "start_date", "end_date"]
    list_filter = ["group"]
    search_fields = ["person__full_name", "position"]
    raw_id_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]
    date_hierarchy = "start_date"


@admin.register(Person)
class PersonAdmin(DeletionSummaryMixin, RelatedInListMixin, SimpleHistoryAdmin):
    inlines = [DisciplineInline, ServicePeriodInline]
    list_display = ["honorific", "full_name", "gender", "birth_year", "position", "unit", "holds_leadership", "is_direct_worker", "active"]
    list_filter = ["gender", "holds_leadership", "is_direct_worker", "active", "unit__kind"]
    search_fields = ["full_name", "search_name"]
    raw_id_fields = ["unit"]
    list_select_related = ["unit"]


class _ReadOnlyPassword(ReadOnlyPasswordHashWidget):
    """The password hash summary without the ``disabled`` attribute Django copies onto its ``<div>``
    (not a form control, so ``disabled`` is invalid HTML there; the field itself stays disabled)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class UserAdminForm(UserChangeForm):
    """Django's user change form (the password shown as a hash with a link to reset it; permissions
    read with their content types in one query) with the portal's roles."""

    roles = forms.MultipleChoiceField(label="Vai trò", choices=role_choices, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"  # noqa: DJ007 - the admin fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None:
            old = password.widget
            password.widget = _ReadOnlyPassword(attrs=old.attrs)
            password.widget.is_required = old.is_required


@admin.register(User)
class UserAdmin(DeletionSummaryMixin, RelatedInListMixin, BaseUserAdmin):
    form = UserAdminForm
    list_display = ["username", "full_name", "unit", "roles", "is_active", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    raw_id_fields = ["unit", "person"]
    fieldsets = BaseUserAdmin.fieldsets + (("Đơn vị và vai trò", {"fields": ("full_name", "unit", "person", "roles")}),)
    actions = ["reset_second_factor"]

    @admin.action(description="Đặt lại xác thực hai bước (mất điện thoại và mã dự phòng)")
    def reset_second_factor(self, request, queryset):
        from . import twofactor

        for user in queryset:
            twofactor.second_factor_reset(user=user, by=request.user, request=request)
        self.message_user(request, f"Đã đặt lại xác thực hai bước của {queryset.count()} tài khoản; lần đăng nhập sau họ cài đặt lại.")


class MethodFilter(admin.SimpleListFilter):
    """The HTTP method, with a name for events that have none (sign-ins by signal, tasks): the
    default filter would print an empty, nameless link for them."""

    title = "phương thức"
    parameter_name = "method"

    def lookups(self, request, model_admin):
        methods = model_admin.get_queryset(request).order_by().values_list("method", flat=True).distinct()
        return [(m or "-", m or "(không có)") for m in sorted(methods)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(method="" if value == "-" else value)


@admin.register(AuditEvent)
class AuditEventAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["at", "username", "action", "method", "path", "status", "ip"]
    list_filter = ["action", MethodFilter]
    search_fields = ["username", "path", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
