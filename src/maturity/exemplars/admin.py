"""Django admin for operators: offers, wishes for help and introduction requests (read mostly:
the pages are where people change them, so that every step is recorded)."""

from django.contrib import admin

from maturity.exemplars.models import HelpWanted, IntroductionRequest, Offer, RequestEvent


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["organisation", "area", "visibility", "contact_name", "created_at", "withdrawn_at"]
    list_filter = ["visibility"]
    search_fields = ["organisation__name", "contact_name", "contact_email", "area__key"]
    list_select_related = ["organisation", "area"]
    raw_id_fields = ["organisation", "area", "created_by", "withdrawn_by"]


@admin.register(HelpWanted)
class HelpWantedAdmin(admin.ModelAdmin):
    list_display = ["organisation", "area", "created_at"]
    search_fields = ["organisation__name", "area__key"]
    list_select_related = ["organisation", "area"]
    raw_id_fields = ["organisation", "area", "created_by"]


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "user", "user_name", "organisation_name", "note", "at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IntroductionRequest)
class IntroductionRequestAdmin(admin.ModelAdmin):
    list_display = ["organisation", "offer", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "offer__organisation__name", "requester_email"]
    list_select_related = ["organisation", "offer__organisation", "offer__area"]
    raw_id_fields = ["offer", "organisation", "requested_by"]
    readonly_fields = ["status", "created_at", "answered_at"]
    inlines = [RequestEventInline]

    def has_add_permission(self, request) -> bool:
        return False
