"""The national team's directory of organisations (included at /national/organisations/)."""

from django.urls import path

from maturity.workplace import national_views as views

app_name = "directory"
urlpatterns = [
    path("", views.directory_page, name="list"),
    path("organisations.csv", views.directory_csv, name="csv"),
    path("new/", views.add_organisation, name="add"),
    path("contacts/", views.upload_contacts, name="contacts"),
    path("<slug:slug>/", views.organisation_page, name="organisation"),
    path("<slug:slug>/edit/", views.edit_organisation, name="edit"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/resend/",
        views.invitation_action,
        {"action": "resend"},
        name="resend-invitation",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_action,
        {"action": "withdraw"},
        name="withdraw-invitation",
    ),
]
