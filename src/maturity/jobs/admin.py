"""Django admin for operators: the jobs, read only (what ran, for whom, how it ended and why).
Their arguments are not shown: an email's may hold a sign-in link until it is sent."""

from django.contrib import admin

from maturity.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "attempts", "organisation", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "kind", "request_id", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"
    exclude = ["arguments"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
