from django.urls import path

from maturity.assessments import views

app_name = "assessments"
urlpatterns = [
    path("<slug:slug>/assessments/start/", views.start, name="start"),
    path("<slug:slug>/assessments/<int:pk>/", views.task_list, name="task-list"),
    path("<slug:slug>/assessments/<int:pk>/areas/<slug:area_key>/", views.area, name="area"),
    path("<slug:slug>/assessments/<int:pk>/check/", views.check, name="check"),
    path("<slug:slug>/assessments/<int:pk>/results/", views.results, name="results"),
]
