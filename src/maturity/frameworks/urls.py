from django.urls import path

from maturity.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:key>/<str:version>/", views.framework_detail, name="detail"),
    path("<slug:key>/<str:version>/export.<str:fmt>", views.framework_export, name="export"),
    path("<slug:key>/<str:version>/<slug:area_key>/", views.area_detail, name="area"),
]
