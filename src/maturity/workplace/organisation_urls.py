from django.urls import path

from maturity.organisations import people_views
from maturity.workplace import organisation_views as views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<slug:slug>/", views.organisation_home, name="home"),
    path("<slug:slug>/people/", people_views.people, name="people"),
    path("<slug:slug>/sign-off-rule/", views.sign_off_rule, name="sign-off-rule"),
    path("<slug:slug>/people/invite/", people_views.invite, name="invite"),
    path("<slug:slug>/people/<int:membership_id>/role/", people_views.change_role, name="change-role"),
    path("<slug:slug>/people/<int:membership_id>/remove/", people_views.remove_member, name="remove-member"),
    path(
        "<slug:slug>/people/invitations/<int:invitation_id>/cancel/",
        people_views.cancel_invitation,
        name="cancel-invitation",
    ),
]
