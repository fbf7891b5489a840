"""Forms of the group pages: creating a group, finding organisations, leads, targets, variants, sharing."""

from __future__ import annotations

from django import forms

from maturity.groups.models import Group, GroupMember

CREATABLE_KINDS = [(k, label) for k, label in Group.Kind.choices if k != Group.Kind.REGION]


class GroupForm(forms.Form):
    name = forms.CharField(
        label="Name of the group", max_length=200,
        error_messages={"required": "Enter the name of the group", "max_length": "The name must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="What kind of group is it?", choices=CREATABLE_KINDS,
        error_messages={"required": "Select what kind of group it is", "invalid_choice": "Select what kind of group it is"},
    )
    description = forms.CharField(
        label="Description (optional)", required=False, max_length=2000, widget=forms.Textarea,
        help_text="What the group is for, for example its regional strategy's priorities.",
        error_messages={"max_length": "The description must be 2,000 characters or fewer"},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter the name of the group")
        return name


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Find an organisation to add", max_length=100, required=False,
        help_text="Type part of its name, for example ‘Bolton’.",
    )


class LeadForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=254,
        help_text="They need an account already: the email address they sign in with.",
        error_messages={"required": "Enter their email address", "invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class TargetsForm(forms.Form):
    """One select per area: the level the group aims for, or no group target."""

    def __init__(self, *args, areas, levels, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "No group target")] + [(str(level["number"]), f"{level['number']} – {level['name']}") for level in levels]
        for area in areas:
            self.fields[area.key] = forms.TypedChoiceField(
                label=area.label, choices=choices, required=False, coerce=int, empty_value=None,
                error_messages={"invalid_choice": f"Select a level for {area.label}, or no group target"},
            )


class VariantForm(forms.Form):
    extends = forms.ModelChoiceField(
        label="Framework the group's areas add to", queryset=None, empty_label=None,
        error_messages={"required": "Select the framework the areas add to", "invalid_choice": "Select the framework the areas add to"},
    )
    variant_file = forms.FileField(
        label="Upload the group's areas",
        error_messages={"required": "Select a file of the group's areas (YAML or JSON)", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extends"].queryset = frameworks
        self.fields["extends"].label_from_instance = lambda framework: f"{framework.title} ({framework.ref})"


class SharingForm(forms.Form):
    sharing = forms.ChoiceField(
        choices=GroupMember.Sharing.choices,
        error_messages={"required": "Select what the group may see", "invalid_choice": "Select what the group may see"},
    )
