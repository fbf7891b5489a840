from django.urls import path

from maturity.workplace import job_views as views

app_name = "jobs"

urlpatterns = [
    path("organisations/<slug:slug>/jobs/<uuid:job_id>/", views.job, name="job"),
    path("national/jobs/<uuid:job_id>/", views.national_job, name="national-job"),
]
