from django.urls import path

from maturity.documents import views

app_name = "documents"
base = "<slug:slug>/assessments/<int:pk>/"
urlpatterns = [
    path(base + "areas/<slug:area_key>/documents/add/", views.add, name="add"),
    path(base + "documents/<int:document_id>/", views.download, name="download"),
    path(base + "documents/<int:document_id>/change/", views.change, name="change"),
    path(base + "documents/<int:document_id>/delete/", views.delete, name="delete"),
]
