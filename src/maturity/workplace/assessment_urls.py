from django.urls import path

from maturity.assessments import signoff_views
from maturity.workplace import assessment_views as views
from maturity.workplace import plan_views

app_name = "assessments"
base = "<slug:slug>/assessments/<int:pk>/"
urlpatterns = [
    path("<slug:slug>/assessments/start/", views.start, name="start"),
    path(base, views.task_list, name="task-list"),
    path(base + "areas/<slug:area_key>/", views.area, name="area"),
    path(base + "areas/<slug:area_key>/actions/add/", plan_views.add_action, name="add-action"),
    path(base + "check/", views.check, name="check"),
    path(base + "delete/", views.delete, name="delete"),
    path(base + "results/", views.results, name="results"),
    path(base + "actions/", plan_views.action_plan, name="action-plan"),
    path(base + "actions/add/", plan_views.add_plan_action, name="add-plan-action"),
    path(base + "actions/<int:action_id>/", plan_views.action_detail, name="action"),
    path(base + "actions/<int:action_id>/edit/", plan_views.edit_action, name="edit-action"),
    path(base + "actions/<int:action_id>/delete/", plan_views.delete_action, name="delete-action"),
    path(base + "sign-off/", signoff_views.sign_off, name="sign-off"),
    path(base + "reopen/", signoff_views.reopen, name="reopen"),
    path(base + "history/", signoff_views.history, name="history"),
]
