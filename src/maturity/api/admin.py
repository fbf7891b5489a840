"""Django admin for operators: personal access tokens, read only, with a revoke action (for a
token reported lost). The hash is never shown; the token itself is not kept."""

from django.contrib import admin

from maturity.api import services
from maturity.api.models import ApiToken
from maturity.words import plural


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "organisation", "scope", "expires_on", "revoked_at", "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    fields = [
        "name",
        "prefix",
        "user",
        "organisation",
        "scope",
        "created_at",
        "expires_on",
        "revoked_at",
        "last_used_at",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a token is created by its user, who alone sees it once

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            services.revoke_token(token=token)
        self.message_user(request, f"{plural(queryset.count(), 'token')} revoked.")
