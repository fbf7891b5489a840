"""The confirmation page of a step that changes something (open or publish a round, retire a
framework version, remove a group's member...), shared by the apps that have one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from maturity.govuk import error_summary


def confirm_step(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    step: Callable[[], tuple[str, str]],
    *,
    refused: type[Exception] | tuple[type[Exception], ...],
    reasons: Callable[[Exception], Iterable[str]] = lambda error: [str(error)],
) -> HttpResponse:
    """GET shows the page. POST runs `step()`, which returns what it did (a message) and the URL
    to go to next; or raises `refused`, and the page is shown again with `reasons(error)`, nothing
    having changed."""
    errors = None
    if request.method == "POST":
        try:
            message, url = step()
        except refused as error:
            errors = error_summary(extra=[{"text": text} for text in reasons(error)])
        else:
            messages.success(request, message)
            return redirect(url)
    return render(request, template, {**context, "errors": errors})
