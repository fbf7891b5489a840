"""Accepting an invitation to join an organisation, from the link in the invitation email.

The token in the link is the invitee's only credential, so the invitation is found by the
token's hash. Someone new creates their account here; someone with an account signs in as it
and joins with one button.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from maturity.govuk import error_summary
from maturity.organisations import services
from maturity.organisations.forms import NewAccountForm
from maturity.organisations.models import Role


@sensitive_post_parameters("password", "confirm_password")
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None or invitation.withdrawn_at is not None:  # a withdrawn link is as good as none
        return _invalid(request, "unknown", status=404)
    if invitation.accepted_at is not None:
        return _invalid(request, "used", invitation=invitation)
    if not invitation.is_open:
        return _invalid(request, "expired", invitation=invitation)
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": Role(invitation.role).label.lower(),
    }
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email.lower():
        return render(request, "accounts/accept_invitation_wrong_account.html", context)
    account = user if user.is_authenticated else services.account_for(invitation)
    if account is not None:
        return _join(request, invitation, context, signed_in=user.is_authenticated)
    return _create_account(request, invitation, context)


def _join(request: HttpRequest, invitation, context: dict, *, signed_in: bool) -> HttpResponse:
    """Someone with an account: sign in as it, then press "Join"."""
    if not signed_in:
        sign_in_url = f"{reverse('accounts:sign-in')}?{urlencode({'next': request.path})}"
        return render(request, "accounts/accept_invitation_join.html", {**context, "sign_in_url": sign_in_url})
    if request.method == "POST":
        try:
            membership = services.join_organisation(invitation=invitation, user=request.user)
        except services.Refused as refusal:
            return _invalid(request, "refused", invitation=invitation, message=refusal.message)
        return _welcome(request, invitation, role=membership.get_role_display().lower())
    return render(request, "accounts/accept_invitation_join.html", {**context, "signed_in": True})


def _create_account(request: HttpRequest, invitation, context: dict) -> HttpResponse:
    """Someone new: their name and a password make their account and membership in one step."""
    form = NewAccountForm(
        request.POST if request.method == "POST" else None,
        email=invitation.email,
        initial={"full_name": invitation.full_name},
    )
    if form.is_bound and form.is_valid():
        try:
            user = services.create_account_and_join(
                invitation=invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password"]
            )
        except services.Refused as refusal:
            return _invalid(request, "refused", invitation=invitation, message=refusal.message)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        return _welcome(request, invitation, role=context["role"])
    return render(request, "accounts/accept_invitation.html", {**context, "form": form, "errors": error_summary(form)})


def _welcome(request: HttpRequest, invitation, *, role: str) -> HttpResponse:
    messages.success(
        request,
        _("You have joined %(organisation)s as a %(role)s")
        % {"organisation": invitation.organisation.name, "role": role},
    )
    return redirect("organisations:home", slug=invitation.organisation.slug)


def _invalid(
    request: HttpRequest, reason: str, *, status: int = 410, invitation=None, message: str = ""
) -> HttpResponse:
    return render(
        request,
        "accounts/accept_invitation_invalid.html",
        {"reason": reason, "invitation": invitation, "message": message},
        status=status,
    )
