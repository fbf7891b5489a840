"""A person's own data: what the service holds about them, its download, and deleting the account."""

from __future__ import annotations

import json

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from maturity import audit
from maturity.accounts import throttle
from maturity.audit.services import label_of
from maturity.govuk import error_summary
from maturity.workplace import personal_data

WRONG_PASSWORD = gettext_lazy("Enter your correct password")
WRONG_EMAIL = gettext_lazy("Enter the email address of your account")


class DeleteAccountForm(forms.Form):
    """Confirm with the password; an account without one (single sign-on) types its email address."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        required=False,
        widget=forms.PasswordInput,
    )
    email = forms.CharField(label=gettext_lazy("Your email address"), required=False, max_length=254)

    def __init__(self, user, *args, request, **kwargs) -> None:
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)
        if user.has_usable_password():
            del self.fields["email"]
        else:
            del self.fields["password"]

    @property
    def field_name(self) -> str:
        return "password" if "password" in self.fields else "email"

    def clean(self) -> dict:
        name = self.field_name
        value = self.cleaned_data.get(name) or ""
        if not value:
            self.add_error(name, _("Enter your password") if name == "password" else _("Enter your email address"))
        elif name == "password":
            refused = throttle.confirm_password(self.request, self.user, value, wrong=WRONG_PASSWORD)
            if refused:
                self.add_error(name, refused)
        elif not personal_data.confirms(self.user, email=value):
            self.add_error(name, WRONG_EMAIL)
        return self.cleaned_data


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/personal_data.html", {"blockers": personal_data.deletion_blockers(request.user)})


@never_cache
@login_required
@require_GET
def download(request: HttpRequest) -> HttpResponse:
    user = request.user
    audit.record(kind="personal-data-downloaded", subject=label_of(user), subject_user=user)
    data = json.dumps(personal_data.collect(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(data.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{personal_data.filename(user)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    blockers = personal_data.deletion_blockers(user)
    form = DeleteAccountForm(user, request.POST if request.method == "POST" and not blockers else None, request=request)
    if form.is_bound and form.is_valid():
        try:
            personal_data.delete_account(user=user, **{form.field_name: form.cleaned_data[form.field_name]})
        except personal_data.WrongConfirmation:
            form.add_error(form.field_name, WRONG_PASSWORD if form.field_name == "password" else WRONG_EMAIL)
        except personal_data.DeletionRefused as refused:
            blockers = refused.reasons
        else:
            logout(request)
            return redirect("accounts:account-deleted")
    errors = error_summary(form) if form.is_bound else None
    if request.method == "POST" and blockers:
        errors = {"titleText": _("There is a problem"), "errorList": [{"text": reason} for reason in blockers]}
    return render(
        request,
        "accounts/personal_data_delete.html",
        {
            "form": form,
            "field": form.field_name,
            "blockers": blockers,
            "errors": errors,
        },
    )


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/personal_data_deleted.html", {})
