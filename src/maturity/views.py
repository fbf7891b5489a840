from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html", {})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF page uses inline styles, which our content security policy blocks."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
