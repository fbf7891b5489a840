from django.urls import path

from maturity.workplace import audit_views as views

app_name = "audit"
urlpatterns = [
    path("national/audit/", views.national, name="national"),
    path("organisations/<slug:slug>/audit/", views.organisation, name="organisation"),
]
