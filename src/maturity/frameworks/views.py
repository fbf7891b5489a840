"""Public pages of the framework: the overview and a page per area."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {})
