from django.urls import path

from maturity.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.overview, name="overview"),
]
