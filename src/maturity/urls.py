from django.contrib import admin
from django.urls import include, path

from maturity import language, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("language/<str:code>/", language.switch, name="language"),
    path("national/", views.national_home, name="national-home"),
    path("national/organisations/", include("maturity.workplace.national_urls")),
    path("accounts/", include("maturity.workplace.account_urls")),
    path("framework/", include("maturity.frameworks.urls")),
    path("organisations/", include("maturity.workplace.organisation_urls")),
    path("organisations/", include("maturity.workplace.assessment_urls")),
    path("organisations/", include("maturity.reports.urls")),
    path("organisations/", include("maturity.documents.urls")),
    path("organisations/", include("maturity.comments.urls")),
    path("", include("maturity.benchmarks.urls")),
    path("", include("maturity.workplace.group_urls")),
    path("", include("maturity.evidence.urls")),
    path("", include("maturity.exemplars.urls")),
    path("", include("maturity.workplace.audit_urls")),
    path("", include("maturity.workplace.job_urls")),
    path("", include("maturity.plans.urls")),
    path("api/", include("maturity.api.urls")),
    path("", include("maturity.api.token_urls")),
    path("django-admin/", admin.site.urls),
]
