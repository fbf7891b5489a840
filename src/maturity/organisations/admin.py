"""Django admin for operators: organisations, memberships and invitations."""

from django.contrib import admin

from maturity.organisations.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region", "gss_code", "register_code", "end_date"]
    list_filter = ["type", "region"]
    search_fields = ["name", "official_name", "gss_code", "register_code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["replaced_by"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__type"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the people pages (the token is only ever in the email)."""

    list_display = ["email", "organisation", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    readonly_fields = ["token_hash", "invited_by", "created_at", "accepted_at"]
    raw_id_fields = ["organisation"]

    def has_add_permission(self, request) -> bool:
        return False
