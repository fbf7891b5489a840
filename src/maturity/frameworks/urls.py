from django.urls import path

from maturity.frameworks import admin_views, views

app_name = "frameworks"
version = "<slug:key>/<str:version>/"
urlpatterns = [
    path("", views.overview, name="overview"),
    # National admins' pages come first: `versions/...` would otherwise read as a framework's key.
    path("versions/", admin_views.versions, name="versions"),
    path("versions/upload/", admin_views.upload, name="upload"),
    path("versions/" + version, admin_views.preview, name="preview"),
    path("versions/" + version + "publish/", admin_views.publish, name="publish"),
    path("versions/" + version + "retire/", admin_views.retire, name="retire"),
    path("versions/" + version + "delete/", admin_views.delete, name="delete"),
    path(version, views.framework_detail, name="detail"),
    path(version + "export.<str:fmt>", views.framework_export, name="export"),
    path(version + "changes/", views.changes, name="changes"),
    path(version + "<slug:area_key>/", views.area_detail, name="area"),
]
