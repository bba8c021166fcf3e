from django.contrib import admin

from .models import Campaign, CampaignPhase, CampaignTarget, Movement, UnitTargetValue


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "display_order", "active"]
    list_filter = ["level", "active"]
    search_fields = ["name"]


class PhaseInline(admin.TabularInline):
    model = CampaignPhase
    extra = 0


class TargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "registration_deadline"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [PhaseInline, TargetInline]
    filter_horizontal = ["movements", "participant_units"]


@admin.register(UnitTargetValue)
class UnitTargetValueAdmin(admin.ModelAdmin):
    list_display = ["target", "unit", "value"]
    autocomplete_fields = []
