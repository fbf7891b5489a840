from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.govuk import DateInputForm


class PreferencesForm(forms.Form):
    emails = forms.MultipleChoiceField(
        required=False,
        choices=[
            (
                "action_reminders",
                _("Reminders about actions I own: a week before one is due, and when it becomes overdue"),
            ),
            ("weekly_summary", _("A weekly summary of my organisations' action plans, on Mondays (for leads)")),
        ],
        error_messages={"invalid_choice": _("Choose from the emails listed")},
    )


class MilestoneForm(DateInputForm):
    date_fields = ("due_date",)
    date_incomplete_message = _("The milestone's date must include a day, month and year")

    title = forms.CharField(
        label=_("Milestone"),
        max_length=200,
        error_messages={
            "required": _("Enter the milestone"),
            "max_length": _("The milestone must be 200 characters or fewer"),
        },
    )
    due_date = forms.DateField(
        label=_("Date"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Enter the milestone's date"),
            "invalid": _("Enter the milestone's date as a real date, for example 31 3 2027"),
        },
    )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title or "\x00" in title:
            raise forms.ValidationError(_("Enter the milestone"))
        return title
