"""Forms for an organisation's people: inviting a colleague, changing a role, accepting an invitation."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation

from maturity.organisations.models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their work email address. We will send the invitation there.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )


class NewAccountForm(forms.Form):
    """The invitee's name and password, checked by the project's password validators."""

    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter your full name", "max_length": "Full name must be 200 characters or fewer"},
    )
    password = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. A few unrelated words make a good password.",
        error_messages={"required": "Enter a password"},
    )
    confirm_password = forms.CharField(
        label="Confirm password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
            else:
                confirm = cleaned.get("confirm_password")
                if confirm and confirm != password:
                    self.add_error("confirm_password", "The passwords do not match")
        return cleaned
