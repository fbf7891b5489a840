"""Signing in and out, resetting a password, and the user's own account page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def sign_in(request: HttpRequest) -> HttpResponse:  # replaced by the accounts work
    return render(request, "home.html", {})


sign_out = profile = sign_in
