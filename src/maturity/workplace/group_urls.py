from django.urls import path

from maturity.workplace import group_views as views

app_name = "groups"
group = "groups/<slug:group_slug>/"
urlpatterns = [
    path("groups/", views.group_list, name="list"),
    path("groups/new/", views.create, name="create"),
    path(group, views.dashboard, name="dashboard"),
    path(group + "members/", views.members, name="members"),
    path(group + "members/<int:member_id>/remove/", views.remove_member, name="remove-member"),
    path(group + "leads/", views.leads, name="leads"),
    path(group + "leads/<int:lead_id>/remove/", views.remove_lead, name="remove-lead"),
    path(group + "targets/", views.targets, name="targets"),
    path(group + "variant/", views.variant, name="variant"),
    path(group + "variant/publish/", views.publish_variant, name="publish-variant"),
    path("organisations/<slug:slug>/groups/", views.sharing, name="sharing"),
    path("organisations/<slug:slug>/groups/<int:group_id>/", views.membership, name="membership"),
    path("organisations/<slug:slug>/groups/<int:group_id>/leave/", views.leave, name="leave"),
]
