from django.urls import path

from maturity.plans import views

app_name = "plans"
action = "organisations/<slug:slug>/assessments/<int:pk>/actions/<int:action_id>/"
urlpatterns = [
    path("accounts/profile/emails/", views.preferences, name="preferences"),
    path(action + "milestones/add/", views.add_milestone, name="add-milestone"),
    path(action + "milestones/<int:milestone_id>/", views.milestone, name="milestone"),
    path("organisations/<slug:slug>/calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
