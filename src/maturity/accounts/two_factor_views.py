"""Two-factor authentication pages: the second step of signing in, and managing it from the profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from maturity.accounts import throttle, two_factor
from maturity.accounts.forms import CodeForm, ConfirmWithPasswordForm, RecoveryCodeForm
from maturity.accounts.models import User
from maturity.accounts.signed_in import SignedInRequest
from maturity.accounts.views import _posted, _start_page
from maturity.client_address import client_address
from maturity.govuk import error_summary
from maturity.words import date_uk

WRONG_CODE = gettext_lazy("The code is not correct or has already been used. Enter the code your app shows now")
WRONG_RECOVERY_CODE = gettext_lazy("The recovery code is not correct or has already been used")
TOO_MANY_CODES = gettext_lazy("You have entered too many incorrect codes. Wait %(minutes)s minutes, then try again")
REQUIRED_BECAUSE = gettext_lazy("National administrators and group leads must use two-factor authentication.")


def _checked(request: HttpRequest, user: User, form, check, wrong: StrOrPromise) -> bool:
    """Run `check(user, code)` for a valid form, throttled per user and per client address."""
    per_user, per_client = throttle.code_per_user(), throttle.password_per_client()
    address = client_address(request)
    if throttle.is_locked(per_user, str(user.pk)) or throttle.is_locked(per_client, address):
        form.add_error("code", TOO_MANY_CODES % {"minutes": per_user.minutes})
        return False
    if check(user, form.cleaned_data["code"]):
        throttle.clear(per_user, str(user.pk))
        return True
    throttle.record(per_user, str(user.pk))
    throttle.record(per_client, address)
    form.add_error("code", wrong)
    return False


# --- the second step of signing in ------------------------------------------------------------------


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def enter_code(request: HttpRequest) -> HttpResponse:
    pending = two_factor.pending_sign_in(request)
    if pending is None:
        return redirect("accounts:sign-in")
    form = CodeForm(data=_posted(request))
    if form.is_bound and form.is_valid() and _checked(request, pending.user, form, two_factor.verify_code, WRONG_CODE):
        two_factor.finish_sign_in(request, pending)
        return redirect(pending.next_url or _start_page(pending.user))
    return render(request, "accounts/two_factor_code.html", {"form": form, "errors": error_summary(form)})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def enter_recovery_code(request: HttpRequest) -> HttpResponse:
    pending = two_factor.pending_sign_in(request)
    if pending is None:
        return redirect("accounts:sign-in")
    form = RecoveryCodeForm(data=_posted(request))
    if (
        form.is_bound
        and form.is_valid()
        and _checked(request, pending.user, form, two_factor.use_recovery_code, WRONG_RECOVERY_CODE)
    ):
        two_factor.finish_sign_in(request, pending)
        left = two_factor.recovery_codes_left(pending.user)
        messages.success(
            request,
            _(
                "You signed in with a recovery code. You have %(left)s left: you can make new ones from your account page."
            )
            % {"left": left},
        )
        return redirect(pending.next_url or _start_page(pending.user))
    return render(request, "accounts/two_factor_recovery.html", {"form": form, "errors": error_summary(form)})


# --- managing it from the profile -----------------------------------------------------------------


@login_required
@never_cache
def overview(request: SignedInRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": two_factor.device_of(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.is_required_for(user),
            "required_because": REQUIRED_BECAUSE,
        },
    )


@login_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def set_up(request: SignedInRequest) -> HttpResponse:
    """A new secret (kept in the session until confirmed), shown as a QR code and as text."""
    user = request.user
    secret = request.session.get(two_factor.SETUP_SECRET_KEY) or two_factor.new_secret()
    request.session[two_factor.SETUP_SECRET_KEY] = secret
    form = CodeForm(data=_posted(request))

    def confirm(user: User, code: str) -> bool:
        return two_factor.confirm_device(user, secret, code)

    if form.is_bound and form.is_valid() and _checked(request, user, form, confirm, WRONG_CODE):
        request.session.pop(two_factor.SETUP_SECRET_KEY, None)
        request.session[two_factor.NEW_CODES_KEY] = two_factor.make_recovery_codes(user)
        return redirect("accounts:recovery-codes")
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "errors": error_summary(form),
            "qr_code": two_factor.qr_code_svg(two_factor.provisioning_uri(user, secret)),
            "secret": two_factor.grouped(secret),
            "replacing": two_factor.has_two_factor(user),
            "required": two_factor.is_required_for(user),
            "required_because": REQUIRED_BECAUSE,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once: pressing "Continue" forgets them."""
    codes = request.session.get(two_factor.NEW_CODES_KEY)
    if not codes:
        return redirect("accounts:two-factor")
    if request.method == "POST":
        request.session.pop(two_factor.NEW_CODES_KEY, None)
        messages.success(request, _("Two-factor authentication is on"))
        return redirect("accounts:two-factor")
    return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes})


@login_required
@never_cache
@require_GET
def download_recovery_codes(request: SignedInRequest) -> HttpResponse:
    codes = request.session.get(two_factor.NEW_CODES_KEY)
    if not codes:
        return redirect("accounts:two-factor")
    lines = [
        _("Recovery codes for %(email)s at %(product)s (%(site)s)")
        % {"email": request.user.email, "product": settings.PRODUCT_NAME, "site": settings.SITE_URL},
        _("Made on %(date)s. Each code works once. Keep them somewhere safe.")
        % {"date": date_uk(timezone.localdate())},
        "",
        *codes,
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
    return response


@login_required
@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def new_recovery_codes(request: SignedInRequest) -> HttpResponse:
    """New codes replace the old ones; a code from the app shows it is really the user asking."""
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("accounts:two-factor")
    form = CodeForm(data=_posted(request))
    if form.is_bound and form.is_valid() and _checked(request, user, form, two_factor.verify_code, WRONG_CODE):
        request.session[two_factor.NEW_CODES_KEY] = two_factor.make_recovery_codes(user)
        return redirect("accounts:recovery-codes")
    return render(request, "accounts/two_factor_new_codes.html", {"form": form, "errors": error_summary(form)})


@login_required
@sensitive_post_parameters("password", "code")
@never_cache
@require_http_methods(["GET", "POST"])
def turn_off(request: SignedInRequest) -> HttpResponse:
    """Only for people who are not required to use it, and only with their password (or, for an
    account that signs in through single sign-on and has none, a code from the app)."""
    user = request.user
    if two_factor.is_required_for(user):
        raise PermissionDenied(
            _("You cannot turn off two-factor authentication. %(reason)s") % {"reason": REQUIRED_BECAUSE}
        )
    if not two_factor.has_two_factor(user):
        return redirect("accounts:two-factor")
    with_password = user.has_usable_password()
    form = (ConfirmWithPasswordForm if with_password else CodeForm)(data=_posted(request))
    if form.is_bound and form.is_valid() and _confirmed(request, user, form, with_password=with_password):
        two_factor.turn_off(user)
        messages.success(request, _("Two-factor authentication is off"))
        return redirect("accounts:two-factor")
    return render(
        request,
        "accounts/two_factor_turn_off.html",
        {"form": form, "errors": error_summary(form), "with_password": with_password},
    )


def _confirmed(request: HttpRequest, user: User, form, *, with_password: bool) -> bool:
    if not with_password:
        return _checked(request, user, form, two_factor.verify_code, WRONG_CODE)
    refused = throttle.confirm_password(
        request, user, form.cleaned_data["password"], wrong=_("Your password is incorrect")
    )
    if refused:
        form.add_error("password", refused)
    return not refused
