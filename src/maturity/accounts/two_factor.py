"""Two-factor authentication: an authenticator app (TOTP, RFC 6238) and single-use recovery codes.

The second step of signing in: after a correct password (or single sign-on), someone with an
authenticator app is not signed in yet. Their user id waits in the session as a *pending sign-in*
and `login()` is called only when a code from the app, or a recovery code, is accepted. Until
then they are anonymous to every other page.

National administrators and group leads must have an app: `two_factor_required` (middleware)
sends such a user without one to set it up before any other page, and they cannot turn it off.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp
import segno
from django.conf import settings
from django.contrib.auth import login, logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from markupsafe import Markup, escape

from maturity.accounts.models import RecoveryCode, TwoFactorDevice, User

DIGITS = 6
STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
# 12 characters from 31 (no 0/o, 1/l/i): about 59 bits each, typed in three groups of four.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PENDING_KEY = "pending_sign_in"
PENDING_SECONDS = 10 * 60
SETUP_SECRET_KEY = "two_factor_setup_secret"
NEW_CODES_KEY = "recovery_codes_to_show"
BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- who needs it, who has it --------------------------------------------------------------------


def is_required_for(user: User) -> bool:
    """National administrators, group leads and every staff account (those who can reach Django's
    admin, superusers included) must use two-factor authentication."""
    return bool(user.is_national_admin or user.is_staff or user.is_superuser) or user.leads_a_group


def device_of(user: User) -> TwoFactorDevice | None:
    return TwoFactorDevice.objects.filter(user=user).first()


def has_two_factor(user: User) -> bool:
    return TwoFactorDevice.objects.filter(user=user).exists()


# --- codes from the app ---------------------------------------------------------------------------


def new_secret() -> str:
    return pyotp.random_base32()  # 32 characters: 160 bits, as RFC 4226 recommends


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)


def matching_step(secret: str, code: str, *, at: float | None = None, drift: int = 1) -> int | None:
    """The time step whose code `code` is, allowing `drift` steps either side for clock drift."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    at = time.time() if at is None else at
    totp = _totp(secret)
    now_step = int(at) // STEP_SECONDS
    for step in range(now_step - drift, now_step + drift + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def provisioning_uri(user: User, secret: str) -> str:
    return _totp(secret).provisioning_uri(name=user.email, issuer_name=settings.PRODUCT_NAME)


def qr_code_svg(uri: str) -> Markup:
    """The otpauth:// address as an inline SVG QR code, drawn on the server (no script, no image)."""
    label = gettext("QR code for your authenticator app")
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, dark="#0b0c0c", light="#ffffff", title=label, svgclass="app-qr-code"
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify_code(user: User, code: str) -> bool:
    """Accept a code from the user's app once: a code already used (or an older one) is refused."""
    device = device_of(user)
    if device is None:
        return False
    step = matching_step(device.secret, code)
    if step is None:
        return False
    # A conditional update, so two requests racing with the same code cannot both succeed.
    return TwoFactorDevice.objects.filter(pk=device.pk, last_used_step__lt=step).update(last_used_step=step) == 1


def confirm_device(user: User, secret: str, code: str) -> bool:
    """Save the app the user has just set up, if `code` comes from it; replaces any earlier app."""
    step = matching_step(secret, code)
    if step is None:
        return False
    TwoFactorDevice.objects.update_or_create(
        user=user, defaults={"secret": secret, "last_used_step": step, "confirmed_at": timezone.now()}
    )
    return True


def turn_off(user: User) -> None:
    with transaction.atomic():
        TwoFactorDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()


# --- recovery codes -------------------------------------------------------------------------------


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def hash_recovery_code(code: str, *, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}${normalise_recovery_code(code)}".encode()).hexdigest()
    return f"{salt}${digest}"


def _recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def make_recovery_codes(user: User) -> list[str]:
    """Ten new codes, replacing any earlier ones; returned once, stored only as hashes."""
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(user=user, code_hash=hash_recovery_code(code)) for code in codes]
        )
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    """Accept an unused recovery code of the user's, once."""
    if not normalise_recovery_code(code):
        return False
    for recovery in RecoveryCode.objects.filter(user=user, used_at__isnull=True):
        salt = recovery.code_hash.split("$", 1)[0]
        if hmac.compare_digest(hash_recovery_code(code, salt=salt), recovery.code_hash):
            return RecoveryCode.objects.filter(pk=recovery.pk, used_at__isnull=True).update(used_at=timezone.now()) == 1
    return False


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


# --- the pending sign-in --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    user: User
    next_url: str
    method: str


def continue_sign_in(request: HttpRequest, user: User, *, next_url: str, method: str) -> bool:
    """After a correct password or single sign-on: sign in, or, for someone with an authenticator
    app, remember them as a pending sign-in. Returns True when a code is still needed."""
    if not has_two_factor(user):
        login(request, user, backend=BACKEND)
        return False
    if request.user.is_authenticated:
        logout(request)  # whoever was signed in on this browser is signed out first
    request.session.cycle_key()
    request.session[PENDING_KEY] = {"user": user.pk, "next": next_url, "method": method, "started": time.time()}
    return True


def pending_sign_in(request: HttpRequest) -> Pending | None:
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - float(data.get("started", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None
    return Pending(user=user, next_url=str(data.get("next") or ""), method=str(data.get("method") or "password"))


def finish_sign_in(request: HttpRequest, pending: Pending) -> None:
    """The second factor passed: sign in properly (login() gives the session a new key)."""
    request.session.pop(PENDING_KEY, None)
    login(request, pending.user, backend=BACKEND)


def cancel_sign_in(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
