"""Forms for an organisation's people: inviting a colleague, changing a role, accepting an invitation."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maturity.organisations.directory import Filters, Reach
from maturity.organisations.models import NATION_NAMES, Nation, Organisation, Role


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Their work email address. We will send the invitation there."),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.gov.uk"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )


class NewAccountForm(forms.Form):
    """The invitee's name and password, checked by the project's password validators."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Full name must be 200 characters or fewer"),
        },
    )
    password = forms.CharField(
        label=_("Create a password"),
        strip=False,
        widget=forms.PasswordInput,
        help_text=_("At least 12 characters. A few unrelated words make a good password."),
        error_messages={"required": _("Enter a password")},
    )
    confirm_password = forms.CharField(
        label=_("Confirm password"),
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": _("Enter the password again")},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(gettext("Enter your full name"))
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
                    self.add_error("confirm_password", gettext("The passwords do not match"))
        return cleaned


# --- The national team's forms ------------------------------------------------------------------


def type_choices() -> list[tuple[str, str]]:
    """The types of organisation, named in the page's language."""
    return [(value, Organisation.TYPE_NAMES.get(value, label)) for value, label in Organisation.Type.choices]


def nation_choices() -> list[tuple[str, str]]:
    return [(value, NATION_NAMES.get(value, label)) for value, label in Nation.choices]


class DirectoryFilterForm(forms.Form):
    """The directory's filters (GET): every one optional; a value not offered is ignored."""

    q = forms.CharField(required=False, max_length=200, label=_("Name or code"))
    type = forms.ChoiceField(required=False, label=_("Type"), choices=())
    nation = forms.ChoiceField(required=False, label=_("Nation"), choices=())
    region = forms.ChoiceField(required=False, label=_("Region"), choices=())
    group = forms.ChoiceField(required=False, label=_("Group"), choices=())
    reach = forms.ChoiceField(required=False, label=_("Who can be reached"), choices=())

    def __init__(self, data=None, *, regions: list[str], groups: list[tuple[str, str]], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *type_choices()]
        self.fields["nation"].choices = [("", _("England and Wales")), *nation_choices()]
        self.fields["region"].choices = [("", _("All regions")), *((r, r) for r in regions)]
        self.fields["group"].choices = [("", _("All groups")), *groups]
        self.fields["reach"].choices = [("", _("Anyone")), *Reach.choices]

    def filters(self) -> Filters:
        if not self.is_bound:
            return Filters()
        self.full_clean()  # cleaned_data holds only the fields whose values are offered
        return Filters(**{name: (self.cleaned_data.get(name) or "").strip() for name in Filters.__dataclass_fields__})


class OrganisationForm(forms.ModelForm):
    """Adding or changing an organisation of any kind, by the national team."""

    class Meta:
        model = Organisation
        fields = ["name", "official_name", "type", "nation", "region", "gss_code", "contact_email"]
        labels = {
            "name": _("Name"),
            "official_name": _("Official name (optional)"),
            "type": _("Type of organisation"),
            "nation": _("Nation"),
            "region": _("Region (optional)"),
            "gss_code": _("GSS code (optional)"),
            "contact_email": _("Contact email address (optional)"),
        }
        help_texts = {
            "name": _("As people call it, for example Kent Fire and Rescue Service"),
            "official_name": _("Its legal name, if different, for example Kent and Medway Fire and Rescue Authority"),
            "region": _("For English organisations, the region they are in, for example South East"),
            "gss_code": _("The ONS code, for example E31000020, if it has one"),
            "contact_email": _("A general address, used to invite it when nobody has joined yet"),
        }
        error_messages = {
            "name": {
                "required": _("Enter the organisation's name"),
                "max_length": _("The name must be 200 characters or fewer"),
            },
            "type": {"required": _("Choose the type of organisation"), "invalid_choice": _("Choose one of the types")},
            "nation": {
                "required": _("Choose the nation"),
                "invalid_choice": _("Choose England, Wales, Scotland or Northern Ireland"),
            },
            "contact_email": {
                "invalid": _("Enter an email address in the correct format, like procurement@example.gov.uk")
            },
            "gss_code": {"max_length": _("A GSS code is 9 characters, like E31000020")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = type_choices()
        self.fields["nation"].choices = nation_choices()

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(gettext("Enter the organisation's name"))
        return name

    def clean_gss_code(self) -> str:
        code = self.cleaned_data["gss_code"].strip().upper()
        if code and not re.fullmatch(r"[EWSNK]\d{8}", code):
            raise forms.ValidationError(gettext("A GSS code is a letter and 8 digits, like E31000020"))
        taken = Organisation.objects.filter(gss_code=code).exclude(pk=self.instance.pk).first() if code else None
        if taken is not None:
            raise forms.ValidationError(
                gettext("%(code)s is already the GSS code of %(name)s") % {"code": code, "name": taken.name}
            )
        return code

    def clean_contact_email(self) -> str:
        return self.cleaned_data["contact_email"].strip().lower()


class ContactsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a CSV file"),
        error_messages={
            "required": _("Choose a CSV file of contacts"),
            "empty": _("The file is empty: choose a CSV file of contacts"),
        },
    )
