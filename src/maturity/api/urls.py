"""/api/: the documentation page, version 1 of the API (django-ninja), and a JSON 404 for any
other address under /api/ (docs/adr/0014-json-api.md)."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from maturity.api import views
from maturity.api.main import api

app_name = "api"

_patterns, _, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = views.json_errors(_pattern.callback)

urlpatterns = [
    path("v1/", views.index, name="index"),
    path("v1/docs/", views.docs, name="docs"),
    path("v1/docs", RedirectView.as_view(pattern_name="api:docs")),
    path("v1/", include((_patterns, _namespace))),
    re_path(r"^[\s\S]*$", views.not_found),  # any address, even one with a line break in it
]
