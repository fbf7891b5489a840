from django.urls import path

from maturity.comments import views

app_name = "comments"
base = "<slug:slug>/assessments/<int:pk>/areas/<slug:area_key>/comments/"
urlpatterns = [
    path(base, views.add, name="add"),
    path(base + "resolve/", views.resolve, name="resolve"),
]
