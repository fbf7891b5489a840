"""The user's personal access tokens, under their account."""

from django.urls import path

from maturity.api import views

app_name = "api-tokens"
urlpatterns = [
    path("accounts/tokens/", views.tokens, name="list"),
    path("accounts/tokens/new/", views.new_token, name="new"),
    path("accounts/tokens/<int:token_id>/created/", views.token_created, name="created"),
    path("accounts/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke"),
]
