"""Reports of an assessment. Included by the project's URLs under "organisations/"."""

from django.urls import path

from maturity.reports import views

app_name = "reports"
prefix = "<slug:slug>/assessments/<int:pk>/reports/"
urlpatterns = [
    path(prefix, views.index, name="index"),
    path(prefix + "committee-report.pdf", views.committee_pdf, name="committee-pdf"),
    path(prefix + "workbook.xlsx", views.workbook_download, name="workbook"),
    path(prefix + "import/", views.import_workbook, name="import"),
    path(prefix + "answers.csv", views.responses_csv, name="responses-csv"),
    path(prefix + "actions.csv", views.actions_csv, name="actions-csv"),
]
