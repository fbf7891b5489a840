"""The product's URLs plus pages that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path


def boom(request):
    raise RuntimeError("deliberate failure for a test")


def forbidden(request):
    raise PermissionDenied("You need to be a lead of Camden to do this.")


def bad(request):
    raise SuspiciousOperation("deliberately bad request")


urlpatterns = [
    path("test-errors/500/", boom),
    path("test-errors/403/", forbidden),
    path("test-errors/400/", bad),
    path("", include("maturity.urls")),
]
