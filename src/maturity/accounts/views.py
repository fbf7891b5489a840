"""Signing in and out, resetting a password, and the user's own account page."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from maturity.accounts import sso, throttle, two_factor
from maturity.accounts.forms import (
    ChangePasswordForm,
    DetailsForm,
    LanguageForm,
    NewPasswordForm,
    ResetRequestForm,
    SignInForm,
)
from maturity.accounts.models import User
from maturity.accounts.signed_in import SignedInRequest
from maturity.client_address import client_address
from maturity.govuk import error_summary
from maturity.organisations.access import memberships_of


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _safe_next(request: HttpRequest) -> str:
    """The `next` address if it stays on this site, else an empty string."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else ""


def _start_page(user: User) -> str:
    """A member of exactly one organisation starts at its home; the national team, when a member of
    none, at its own home; anyone else at their list."""
    memberships = list(user.memberships.select_related("organisation")[:2])
    if not memberships and user.is_national_admin:
        return reverse("national-home")
    if len(memberships) == 1:
        return reverse("organisations:home", kwargs={"slug": memberships[0].organisation.slug})
    return reverse("organisations:list")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    form = SignInForm(request, data=_posted(request))
    if form.is_bound and form.is_valid():
        # Signs in (a new session key, so a planted session cannot be taken over), or first asks
        # someone with an authenticator app for a code.
        next_url = next_url or _start_page(form.user)
        if two_factor.continue_sign_in(request, form.user, next_url=next_url, method="password"):
            return redirect("accounts:two-factor-code")
        return redirect(next_url)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": next_url, "errors": error_summary(form), "sso_button_text": sso.button_text()},
    )


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm; only a POST (with its CSRF token) signs out."""
    if request.method == "POST":
        logout(request)
        return redirect("accounts:signed-out")
    if not request.user.is_authenticated:
        return redirect("accounts:signed-out")
    return render(request, "accounts/sign_out.html", {})


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {})


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(data=_posted(request))
    if form.is_bound and form.is_valid() and _reset_allowed(request, form):
        # Sends nothing for an unknown or inactive address; the next page says the same either way.
        form.save(
            request=request,
            domain_override=urlsplit(settings.SITE_URL).netloc,
            subject_template_name="emails/password_reset_subject.txt",
            email_template_name="emails/password_reset.txt",
            extra_email_context={
                "site_url": settings.SITE_URL,
                "valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
            },
        )
        return redirect("accounts:password-reset-sent")
    return render(request, "accounts/password_reset.html", {"form": form, "errors": error_summary(form)})


def _reset_allowed(request: HttpRequest, form: ResetRequestForm) -> bool:
    """Every request counts, per address typed and per client; past the limit nothing is sent."""
    email, address = form.cleaned_data["email"], client_address(request)
    per_address, per_client = throttle.reset_per_address(), throttle.reset_per_client()
    if throttle.is_locked(per_address, email) or throttle.is_locked(per_client, address):
        form.add_error(
            "email",
            _("You have asked for too many links. Wait %(minutes)s minutes, then try again")
            % {"minutes": per_address.minutes},
        )
        return False
    throttle.record(per_address, email)
    throttle.record(per_client, address)
    return True


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html", {})


class SetNewPassword(PasswordResetConfirmView):
    """Django's checks of the emailed link (one use, expiring, token kept out of the address
    bar and Referer), with our form and page."""

    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = error_summary(context["form"])
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        for note in getattr(form.user, "after_password_change", []):
            messages.info(self.request, f"{note}.")
        return response


def _with_notes(message: str, user) -> str:
    """The message, then what the other apps said about the new password (tokens revoked)."""
    return ". ".join([message, *getattr(user, "after_password_change", [])])


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html", {})


@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    return _profile(request, LanguageForm.for_user(request.user))


def _profile(request: SignedInRequest, language_form: LanguageForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships_of(request.user),
            "two_factor_device": two_factor.device_of(request.user),
            "language_form": language_form,
            "errors": error_summary(language_form),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_language(request: SignedInRequest) -> HttpResponse:
    """The profile's language setting: a language, or the browser's choice. The message saying it
    is saved is already in the language the next page will be in."""
    if request.method == "GET":
        return redirect(f"{reverse('accounts:profile')}#language")
    form = LanguageForm.for_user(request.user, data=request.POST)
    if not form.is_valid():
        return _profile(request, form, status=400)
    user = request.user
    user.language = form.chosen
    user.save(update_fields=["language"])
    with translation.override(user.language or translation.get_language_from_request(request)):
        messages.success(request, _("Your language has been saved"))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def change_details(request: HttpRequest) -> HttpResponse:
    # A fresh copy, so a rejected change never shows in the page header as if it were saved.
    form = DetailsForm(data=_posted(request), instance=User.objects.get(pk=request.user.pk))
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved"))
        return redirect("accounts:profile")
    return render(request, "accounts/change_details.html", {"form": form, "errors": error_summary(form)})


@login_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def change_password(request: SignedInRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, data=_posted(request), request=request)
    if form.is_bound and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)  # stay signed in here; other sessions end
        messages.success(request, _with_notes(_("Your password has been changed"), form.user))
        return redirect("accounts:profile")
    return render(request, "accounts/change_password.html", {"form": form, "errors": error_summary(form)})


def session_ended(request: HttpRequest) -> HttpResponse:
    """Where someone lands when their session reached its absolute limit (SESSION_MAX_SECONDS)."""
    return render(request, "accounts/session_ended.html", {"hours": max(1, settings.SESSION_MAX_SECONDS // 3600)})
