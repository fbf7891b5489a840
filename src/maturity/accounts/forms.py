"""Forms for signing in, resetting and changing a password, and editing one's own details.

Error messages follow the GOV.UK Design System's wording: they say what to do, not what went
wrong, and signing in never reveals whether an email address has an account.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from maturity.accounts import throttle
from maturity.accounts.models import User
from maturity.client_address import client_address

SIGN_IN_FAILED = _("Enter a correct email address and password")
SIGN_IN_LOCKED = _("You have tried to sign in too many times. Wait %(minutes)s minutes, then try again")
EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")
NEW_PASSWORD_HINT = _("Use at least 12 characters; a few unrelated words make a strong password.")


def _email_field(required_message: StrOrPromise) -> forms.EmailField:
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": required_message,
            "invalid": EMAIL_FORMAT,
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )


class SignInForm(forms.Form):
    email = _email_field(_("Enter your email address"))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if email and password:
            # Throttled per address typed (known or not, so a lock reveals nothing) and per client.
            account, client = throttle.password_per_account(), throttle.password_per_client()
            address = client_address(self.request)
            if throttle.is_locked(account, email) or throttle.is_locked(client, address):
                self.add_error("email", SIGN_IN_LOCKED % {"minutes": account.minutes})
                return self.cleaned_data
            # The model backend finds the email case-insensitively, refuses inactive users and
            # hashes a password even for an unknown address, so failures look and take alike.
            self.user = authenticate(self.request, email=email, password=password)
            if self.user is None:
                throttle.record(account, email)
                throttle.record(client, address)
                self.add_error("email", SIGN_IN_FAILED)
            else:
                throttle.clear(account, email)
        return self.cleaned_data


class ResetRequestForm(PasswordResetForm):
    email = _email_field(_("Enter your email address"))

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs) -> None:
        """The email goes in the language its recipient chose, else in the page's."""
        language = getattr(context.get("user"), "language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class _NewPasswordMixin:
    """Our labels and messages for Django's new-password fields, and validation on the first.

    Django reports a weak password on the confirmation field; the GOV.UK pattern puts it on
    the field where the password was chosen.
    """

    error_messages = {"password_mismatch": _("The passwords do not match")}

    def _label_new_password_fields(self) -> None:
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = NEW_PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Confirm new password")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _("Confirm your new password")

    def clean(self) -> dict:
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)


class NewPasswordForm(_NewPasswordMixin, SetPasswordForm):
    error_messages = _NewPasswordMixin.error_messages

    def __init__(self, user: User, *args, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self._label_new_password_fields()


class ChangePasswordForm(_NewPasswordMixin, PasswordChangeForm):
    error_messages = {**_NewPasswordMixin.error_messages, "password_incorrect": _("Your current password is incorrect")}

    def __init__(self, user: User, *args, request: HttpRequest, **kwargs) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)
        self._label_new_password_fields()
        self.fields["old_password"].label = _("Current password")
        self.fields["old_password"].error_messages["required"] = _("Enter your current password")

    def clean_old_password(self) -> str:
        """The current password, counted as a sign-in would be when it is wrong."""
        password = self.cleaned_data["old_password"]
        refused = throttle.confirm_password(
            self.request, self.user, password, wrong=self.error_messages["password_incorrect"]
        )
        if refused:
            raise forms.ValidationError(refused, code="password_incorrect")
        return password


class DetailsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "job_title"]
        labels = {"full_name": _("Full name"), "job_title": _("Job title (optional)")}
        error_messages = {
            "full_name": {
                "required": _("Enter your full name"),
                "max_length": _("Full name must be 200 characters or fewer"),
            },
            "job_title": {"max_length": _("Job title must be 200 characters or fewer")},
        }


# --- two-factor authentication ----------------------------------------------------------------------


class CodeForm(forms.Form):
    """A 6-digit code from an authenticator app (spaces allowed, as some apps show them)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Enter the code as 6 numbers, like 123456"))
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Recovery code"), max_length=40, error_messages={"required": _("Enter one of your recovery codes")}
    )


class ConfirmWithPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )


# --- the interface's language (docs/adr/0025-cymraeg.md) ----------------------------------------

FOLLOW_BROWSER = "browser"
LANGUAGE_REFUSED = _("Select English, Cymraeg or follow this browser’s choice")


class LanguageForm(forms.Form):
    """The person's own language, or none: the browser's choice (the switch, else what it asks for).
    Each language is named in its own language, as in the switch in the header."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=[*settings.LANGUAGES, (FOLLOW_BROWSER, _("Follow this browser’s choice"))],
        error_messages={"required": LANGUAGE_REFUSED, "invalid_choice": LANGUAGE_REFUSED},
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> LanguageForm:
        return cls(data, initial={"language": user.language or FOLLOW_BROWSER})

    @property
    def chosen(self) -> str:
        """The value for User.language: a language code, or empty to follow the browser."""
        value = self.cleaned_data["language"]
        return "" if value == FOLLOW_BROWSER else value
