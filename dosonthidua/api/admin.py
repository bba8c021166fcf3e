from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from ..admin import DeletionSummaryMixin, RelatedInListMixin
from .enums import ApiPermission
from .models import ApiToken
from .services import token_create, token_revoke, token_update


class ApiTokenForm(forms.ModelForm):
    permissions = forms.MultipleChoiceField(
        label="Quyền", choices=ApiPermission.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ApiToken
        fields = ["name", "description", "unit", "permissions", "rate_per_minute", "expires_at"]

    def clean(self):
        data = super().clean()
        from .services import token_validate

        try:
            token_validate(unit=data.get("unit"), permissions=data.get("permissions") or [])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field, errors)
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    """Tokens are created here (the key is shown once), changed (scope, permissions, rate) and
    revoked; their account is managed with them."""

    form = ApiTokenForm
    list_display = ["name", "prefix", "unit", "permission_list", "rate_per_minute", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at", "unit"]
    search_fields = ["name", "prefix", "description"]
    readonly_fields = ["prefix", "account", "created_by", "created_at", "last_used_at", "last_used_ip", "revoked_at", "revoked_by"]
    actions = ["revoke"]

    @admin.display(description="quyền")
    def permission_list(self, obj):
        return ", ".join(obj.permissions)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit log keeps pointing at the account

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "description": data.get("description", ""),
            "unit": data.get("unit"),
            "permissions": data.get("permissions") or [],
            "rate_per_minute": data.get("rate_per_minute"),
            "expires_at": data.get("expires_at"),
        }
        if change:
            token_update(token=obj, **fields)
            return
        token, key = token_create(by=request.user, **fields)
        obj.pk = token.pk
        obj.__dict__.update({k: v for k, v in token.__dict__.items() if not k.startswith("_")})
        messages.warning(request, f"Khóa API của “{token.name}”: {key} — chỉ hiển thị một lần, hãy sao chép và giao cho hệ thống ngay.")

    @admin.action(description="Thu hồi các khóa đã chọn")
    def revoke(self, request, queryset):
        for token in queryset:
            token_revoke(token=token, by=request.user)
        messages.success(request, f"Đã thu hồi {queryset.count()} khóa.")
