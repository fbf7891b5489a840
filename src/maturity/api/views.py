"""Pages of the API: the documentation, and the user's personal access tokens (list, create,
shown once, revoke); and the JSON answers for addresses under /api/ that match no operation."""

from __future__ import annotations

from functools import cache, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from maturity.accounts.signed_in import SignedInRequest
from maturity.api import presenters, services
from maturity.api.errors import json_error
from maturity.api.forms import SCOPE_HINTS, TokenForm
from maturity.api.main import api
from maturity.api.models import ApiToken
from maturity.govuk import error_summary
from maturity.organisations.access import memberships_of

SHOWN_ONCE = "api-token-shown-once"


# --- The API's own addresses ---------------------------------------------------------------------


def json_errors(view):
    """Around every operation: a 405 answered in the API's error shape (with its Allow header),
    and answers to a token kept out of shared caches."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = json_error(
                405,
                "method_not_allowed",
                gettext("This address answers %(methods)s.") % {"methods": allowed}
                if allowed
                else gettext("This address answers no method."),
            )
            response["Allow"] = allowed
        if "Authorization" in request.headers:
            response.headers.setdefault("Cache-Control", "no-store")
        patch_vary_headers(response, ["Authorization"])
        return response

    return wrapped


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return json_error(404, "not_found", gettext("There is nothing at this address: see /api/v1/docs/."))


@csrf_exempt
def index(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "openapi": request.build_absolute_uri(reverse("api:v1:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api:docs")),
        }
    )


@cache
def _document() -> dict:
    """The OpenAPI document, built once per process (it changes only with the code)."""
    return api.get_openapi_schema()


def docs(request: HttpRequest) -> HttpResponse:
    document = _document()
    page = presenters.docs_page(document, base_url=request.build_absolute_uri("/").rstrip("/"))
    return render(request, "api/docs.html", {"page": page})


# --- Personal access tokens --------------------------------------------------------------------------


def _token(request: SignedInRequest, token_id: int) -> ApiToken:
    token = request.user.api_tokens.select_related("organisation").filter(pk=token_id).first()
    if token is None:
        raise Http404("No such token")
    return token


@login_required
def tokens(request: SignedInRequest) -> HttpResponse:
    today = timezone.localdate()
    listed = list(request.user.api_tokens.select_related("organisation"))
    page = presenters.tokens_page(listed, today, has_organisations=bool(memberships_of(request.user)))
    return render(request, "api/tokens.html", {"page": page})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def new_token(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    memberships = memberships_of(request.user)
    form = TokenForm(request.POST if request.method == "POST" else None, memberships=memberships, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_token(
                user=request.user,
                organisation=form.chosen_organisation,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_on=form.cleaned_data["expires_on"],
                today=today,
            )
        except services.TokenError as error:
            form.add_error(error.field, str(error))
        else:
            # Kept in the session only until the next page shows it, once.
            request.session[SHOWN_ONCE] = {"id": created.token.pk, "secret": created.secret}
            return redirect("api-tokens:created", created.token.pk)
    errors = error_summary(form)
    return render(
        request,
        "api/token_new.html",
        {
            "form": form,
            "errors": errors,
            "memberships": memberships,
            "date": form.date_params(),
            "scope_hints": {str(k): v for k, v in SCOPE_HINTS.items()},
        },
    )


@login_required
@never_cache
def token_created(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = _token(request, token_id)
    shown = request.session.get(SHOWN_ONCE)
    secret = None
    if shown and shown.get("id") == token.pk:
        secret = shown["secret"]
        del request.session[SHOWN_ONCE]
    return render(
        request,
        "api/token_created.html",
        {
            "token": token,
            "secret": secret,
            "base_url": request.build_absolute_uri("/").rstrip("/"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke_token(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = _token(request, token_id)
    if token.state(timezone.localdate()) != ApiToken.State.ACTIVE:
        messages.info(
            request, gettext("The token “%(name)s” no longer works: there is nothing to revoke.") % {"name": token.name}
        )
        return redirect("api-tokens:list")
    if request.method == "POST":
        services.revoke_token(token=token)
        messages.success(
            request, gettext("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name}
        )
        return redirect("api-tokens:list")
    return render(request, "api/token_revoke.html", {"token": token})
