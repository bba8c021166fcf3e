"""The Django admin changelist of nominations, the baseline `make bench` compares the portal's own
list with (same rows, same columns). Registered only when PORTAL_BENCH_ADMIN is set, by the bench's
server: the portal itself keeps nominations out of the admin, so that no one edits them around the
review (awards.services), and even here the changelist is read-only."""

import os

from django.contrib import admin

if os.environ.get("PORTAL_BENCH_ADMIN") == "true":
    from awards.models import Nomination

    @admin.register(Nomination)
    class NominationBenchAdmin(admin.ModelAdmin):
        list_display = ["nominee_name", "award_kind", "year", "unit", "state"]
        list_filter = ["state", "year"]
        search_fields = ["nominee_name"]
        list_select_related = ["award_kind", "unit"]

        def has_add_permission(self, request):
            return False

        def has_change_permission(self, request, obj=None):
            return False

        def has_delete_permission(self, request, obj=None):
            return False
