"""Forms of the group pages: creating a group, finding organisations, leads, targets, variants, sharing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maturity.groups.models import Group, GroupMember

CREATABLE_KINDS = [(k, label) for k, label in Group.Kind.choices if k != Group.Kind.REGION]


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the group"),
        max_length=200,
        error_messages={
            "required": _("Enter the name of the group"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of group is it?"),
        choices=CREATABLE_KINDS,
        error_messages={
            "required": _("Select what kind of group it is"),
            "invalid_choice": _("Select what kind of group it is"),
        },
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("What the group is for, for example its regional strategy's priorities."),
        error_messages={"max_length": _("The description must be 2,000 characters or fewer")},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the name of the group"))
        return name


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find an organisation to add"),
        max_length=100,
        required=False,
        help_text=_("Type part of its name, for example ‘Bolton’."),
    )


class LeadForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("They need an account already: the email address they sign in with."),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.gov.uk"),
        },
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class TargetsForm(forms.Form):
    """One select per area: the level the group aims for, or no group target."""

    def __init__(self, *args, areas, levels, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext("No group target"))] + [
            (str(level["number"]), f"{level['number']} – {level['name']}") for level in levels
        ]
        for area in areas:
            self.fields[area.key] = forms.TypedChoiceField(
                label=area.label,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
                error_messages={
                    "invalid_choice": gettext("Select a level for %(area)s, or no group target") % {"area": area.label}
                },
            )


class VariantForm(forms.Form):
    extends = forms.ModelChoiceField(
        label=_("Framework the group's areas add to"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Select the framework the areas add to"),
            "invalid_choice": _("Select the framework the areas add to"),
        },
    )
    variant_file = forms.FileField(
        label=_("Upload the group's areas"),
        error_messages={
            "required": _("Select a file of the group's areas (YAML or JSON)"),
            "empty": _("The selected file is empty"),
        },
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extends"].queryset = frameworks
        self.fields["extends"].label_from_instance = lambda framework: f"{framework.title} ({framework.ref})"


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        choices=GroupMember.Sharing.choices,
        error_messages={
            "required": _("Select what the group may see"),
            "invalid_choice": _("Select what the group may see"),
        },
    )
