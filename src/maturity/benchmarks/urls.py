from django.urls import path

from maturity.benchmarks import views

app_name = "benchmarks"
urlpatterns = [
    # The national team.
    path("national/rounds/", views.rounds, name="rounds"),
    path("national/rounds/new/", views.new_round, name="new-round"),
    path("national/rounds/<int:round_id>/", views.round_detail, name="round"),
    path("national/rounds/<int:round_id>/open/", views.open_round, name="open-round"),
    path("national/rounds/<int:round_id>/close/", views.close_round, name="close-round"),
    path("national/rounds/<int:round_id>/remind/", views.remind_round, name="remind-round"),
    path("national/rounds/<int:round_id>/publish/", views.publish_round, name="publish-round"),
    path("national/rounds/<int:round_id>/responses/", views.responses, name="responses"),
    # An organisation's rounds (its members; leads act).
    path("organisations/<slug:slug>/rounds/", views.organisation_rounds, name="organisation-rounds"),
    path("organisations/<slug:slug>/rounds/<int:round_id>/submit/", views.submit, name="submit"),
    path("organisations/<slug:slug>/rounds/<int:round_id>/decline/", views.decline, name="decline"),
    # Results: public once a round is published (the national team can preview them before).
    path("benchmarks/", views.published, name="published"),
    path("benchmarks/<int:round_id>/", views.results, name="results"),
    path("benchmarks/<int:round_id>/benchmarks.csv", views.results_csv, name="results-csv"),
    path("benchmarks/<int:round_id>/benchmarks.json", views.results_json, name="results-json"),
    path("benchmarks/<int:round_id>/areas/<slug:area_key>/", views.area, name="area"),
    path("benchmarks/<int:round_id>/report/", views.report, name="report"),
    path("benchmarks/<int:round_id>/report.pdf", views.report_pdf, name="report-pdf"),
    path("national/rounds/<int:round_id>/report/", views.edit_report, name="edit-report"),
]
