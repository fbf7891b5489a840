from django.urls import path

from maturity.evidence import views

app_name = "evidence"
urlpatterns = [
    path("organisations/<slug:slug>/evidence/", views.overview, name="overview"),
    path("organisations/<slug:slug>/evidence/spend/upload/", views.upload_spend, name="upload-spend"),
    path("organisations/<slug:slug>/evidence/spend/columns/", views.spend_columns, name="spend-columns"),
    path("organisations/<slug:slug>/evidence/notices/upload/", views.upload_notices, name="upload-notices"),
    path("organisations/<slug:slug>/evidence/grants/upload/", views.upload_grants, name="upload-grants"),
    path("national/evidence/", views.national, name="national"),
    path("national/evidence/buyers/", views.buyers, name="buyers"),
    path("national/evidence/buyers/<int:pk>/", views.buyer, name="buyer"),
    path("national/evidence/notices/upload/", views.national_upload_notices, name="national-upload-notices"),
    # The national figures are public: open data, suppressed below 5 organisations.
    path("benchmarks/open-data/", views.benchmarks, name="benchmarks"),
    path("benchmarks/open-data/open-data-benchmarks.csv", views.benchmarks_csv, name="benchmarks-csv"),
    path("benchmarks/open-data/open-data-benchmarks.json", views.benchmarks_json, name="benchmarks-json"),
]
