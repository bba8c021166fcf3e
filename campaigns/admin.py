from django.contrib import admin

from dosonthidua.admin import DeletionSummaryMixin, RelatedInListMixin

from .models import Campaign, CampaignPhase, CampaignTarget, Movement, UnitTargetValue


@admin.register(Movement)
class MovementAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
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
class CampaignAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "registration_deadline"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [PhaseInline, TargetInline]
    filter_horizontal = ["movements", "participant_units"]


@admin.register(UnitTargetValue)
class UnitTargetValueAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["target", "unit", "value"]
    autocomplete_fields = []


# --- Emulation blocs: set up by the administrator or the advisory office; scoring states change only
# through the pages (campaigns.bloc_services.scoring_transition), so they are read-only here.
from .models import (  # noqa: E402 (the bloc section of the admin)
    Bloc,
    BlocHistory,
    BlocMember,
    BlocYear,
    Covenant,
    CovenantTarget,
    Scorecard,
    ScoreCriterion,
    ScoreGroup,
    ScoreLine,
    ScoreTable,
)


class BlocYearInline(admin.TabularInline):
    model = BlocYear
    extra = 0
    fields = ["year", "founding_document", "state"]
    readonly_fields = ["state"]
    show_change_link = True


@admin.register(Bloc)
class BlocAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "organiser", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    inlines = [BlocYearInline]


class BlocMemberInline(admin.TabularInline):
    model = BlocMember
    extra = 0
    autocomplete_fields = ["unit"]


class BlocHistoryInline(admin.TabularInline):
    model = BlocHistory
    extra = 0
    can_delete = False
    readonly_fields = ["scorecard", "from_state", "to_state", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BlocYear)
class BlocYearAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["bloc", "year", "state", "meeting_date", "published_at"]
    list_filter = ["state", "year"]
    search_fields = ["bloc__name"]
    readonly_fields = ["state", "ranked_at", "published_at", "state_changed_at"]
    inlines = [BlocMemberInline, BlocHistoryInline]


class ScoreGroupInline(admin.TabularInline):
    model = ScoreGroup
    extra = 0


class ScoreCriterionInline(admin.TabularInline):
    model = ScoreCriterion
    extra = 0
    fields = ["display_order", "code", "kind", "group", "text", "max_points"]


@admin.register(ScoreTable)
class ScoreTableAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["name", "bloc_year", "flag_places", "commendation_places"]
    search_fields = ["name", "bloc_year__bloc__name"]
    inlines = [ScoreGroupInline, ScoreCriterionInline]


class CovenantTargetInline(admin.TabularInline):
    model = CovenantTarget
    extra = 0


@admin.register(Covenant)
class CovenantAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["bloc_year", "signed_on", "scan_name"]
    readonly_fields = ["scan", "scan_name", "scan_kind", "scan_uploaded_at"]
    inlines = [CovenantTargetInline]


class ScoreLineInline(admin.TabularInline):
    model = ScoreLine
    extra = 0
    can_delete = False
    readonly_fields = ["criterion", "self_points", "self_met", "self_note", "checked_points", "checked_met", "adjust_reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scorecard)
class ScorecardAdmin(DeletionSummaryMixin, RelatedInListMixin, admin.ModelAdmin):
    list_display = ["unit", "bloc_year", "state", "self_total", "checked_total", "rank", "suggestion"]
    list_filter = ["state", "bloc_year__year"]
    search_fields = ["unit__name", "bloc_year__bloc__name"]
    readonly_fields = [
        "bloc_year",
        "member",
        "unit",
        "state",
        "self_total",
        "checked_total",
        "conditions_met",
        "rank",
        "flag_eligible",
        "suggestion",
    ]
    inlines = [ScoreLineInline]
