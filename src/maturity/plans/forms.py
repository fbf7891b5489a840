from __future__ import annotations

from django import forms

from maturity.govuk import DateInputForm


class PreferencesForm(forms.Form):
    emails = forms.MultipleChoiceField(
        required=False, choices=[
            ("action_reminders", "Reminders about actions I own: a week before one is due, and when it becomes overdue"),
            ("weekly_summary", "A weekly summary of my organisations' action plans, on Mondays (for leads)"),
        ], error_messages={"invalid_choice": "Choose from the emails listed"})


class MilestoneForm(DateInputForm):
    date_fields = ("due_date",)
    date_incomplete_message = "The milestone's date must include a day, month and year"

    title = forms.CharField(label="Milestone", max_length=200, error_messages={
        "required": "Enter the milestone", "max_length": "The milestone must be 200 characters or fewer"})
    due_date = forms.DateField(label="Date", input_formats=["%Y-%m-%d"], error_messages={
        "required": "Enter the milestone's date", "invalid": "Enter the milestone's date as a real date, for example 31 3 2027"})

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title or "\x00" in title:
            raise forms.ValidationError("Enter the milestone")
        return title
