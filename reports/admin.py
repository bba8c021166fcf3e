from django.contrib import admin

from dosonthidua.admin import DeletionSummaryMixin, RelatedInListMixin

from .models import ReportRecipient, ReportRun, ReportSettings


@admin.register(ReportSettings)
class ReportSettingsAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["issuer_name", "issuer_parent", "signer_title", "signer_name"]


@admin.register(ReportRecipient)
class ReportRecipientAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["title", "user", "email", "display_order", "active"]
    list_editable = ["display_order", "active"]


@admin.register(ReportRun)
class ReportRunAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["kind", "period", "status", "progress", "created_at", "finished_at", "emailed_at"]
    list_filter = ["kind", "status", "scheduled"]
    readonly_fields = ["created_at", "started_at", "finished_at", "emailed_at", "error"]
