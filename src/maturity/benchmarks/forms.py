"""Forms of the rounds pages, and the GOV.UK macro parameters for the two kinds of field that
maturity.govuk does not map yet (checkboxes and the date input)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from maturity.benchmarks import selectors
from maturity.benchmarks.models import Participant
from maturity.organisations.models import Organisation

DATE_PARTS = ("day", "month", "year")


def _join_dates(data, names: tuple[str, ...]) -> tuple[Any, set[str]]:
    """GOV.UK date inputs post day, month and year separately: join each into one ISO date."""
    incomplete = set()
    if data is None:
        return data, incomplete
    data = data.copy()
    for name in names:
        parts = [data.get(f"{name}-{part}", "").strip() for part in DATE_PARTS]
        if all(parts):
            day, month, year = parts
            data[name] = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
        else:
            data[name] = ""
            if any(parts):
                incomplete.add(name)
    return data, incomplete


class NewRoundForm(forms.Form):
    name = forms.CharField(
        label="Name of the round", max_length=200,
        error_messages={"required": "Enter a name for the round", "max_length": "The name must be 200 characters or fewer"},
    )
    framework = forms.ModelChoiceField(
        label="Framework", queryset=selectors.round_frameworks(), empty_label=None,
        error_messages={"required": "Choose the framework of the round", "invalid_choice": "Choose one of the published frameworks"},
    )
    opens_on = forms.DateField(
        label="Opens on", input_formats=["%Y-%m-%d"],
        error_messages={"required": "Enter the date the round opens", "invalid": "Enter the date the round opens as a real date"},
    )
    closes_on = forms.DateField(
        label="Closes on", input_formats=["%Y-%m-%d"],
        error_messages={"required": "Enter the date the round closes", "invalid": "Enter the date the round closes as a real date"},
    )
    organisation_types = forms.MultipleChoiceField(
        label="Types of organisation invited", choices=Organisation.Type.choices,
        error_messages={"required": "Choose at least one type of organisation"},
    )
    regions = forms.MultipleChoiceField(
        label="Regions invited", choices=(),
        error_messages={"required": "Choose at least one region"},
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        data, self.incomplete = _join_dates(data, ("opens_on", "closes_on"))
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["framework"].label_from_instance = lambda f: f"{f.title} (version {f.version})"
        self.fields["regions"].choices = selectors.region_choices(today)

    def clean(self):
        data = super().clean()
        for name in self.incomplete:
            self.add_error(name, "The date must include a day, month and year")
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The round must close on or after the date it opens")
        elif closes_on and closes_on < self.today:
            self.add_error("closes_on", "The round must close today or later")
        return data


class SubmitForm(forms.Form):
    assessment = forms.ModelChoiceField(
        queryset=None, empty_label=None,
        error_messages={"required": "Choose the assessment to submit", "invalid_choice": "Choose one of the signed-off assessments"},
    )
    named = forms.ChoiceField(
        choices=[("no", "No, do not name us"), ("yes", "Yes, you can name us as taking part")],
        initial="no",
        error_messages={"required": "Choose whether your organisation can be named", "invalid_choice": "Choose yes or no"},
    )

    def __init__(self, data=None, *, assessments, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["assessment"].queryset = assessments
        self.fields["assessment"].label_from_instance = (
            lambda a: f"{a.title}, signed off on {a.signed_off_at.day} {a.signed_off_at:%B %Y}" if a.signed_off_at else a.title
        )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Participant.Reason.choices,
        error_messages={"required": "Choose why your organisation will not take part", "invalid_choice": "Choose one of the reasons"},
    )
    detail = forms.CharField(required=False, max_length=2_000,
                             error_messages={"max_length": "The reason must be 2,000 characters or fewer"})

    def clean(self):
        data = super().clean()
        if data.get("reason") == Participant.Reason.OTHER and not (data.get("detail") or "").strip():
            self.add_error("detail", "Say why your organisation will not take part")
        return data


class TrackingFilterForm(forms.Form):
    region = forms.ChoiceField(required=False, choices=())
    type = forms.ChoiceField(required=False, choices=())

    def __init__(self, data=None, *, regions: list[tuple[str, str]], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["region"].choices = [("", "All regions"), *regions]
        self.fields["type"].choices = [("", "All types"), *Organisation.Type.choices]


# --- Macro parameters ----------------------------------------------------------------------------------


def field_checkboxes(field: BoundField, *, legend: str, hint: str | None = None,
                     legend_classes: str = "govuk-fieldset__legend--m") -> dict[str, Any]:
    """Parameters of govukCheckboxes for a MultipleChoiceField."""
    chosen = {str(v) for v in (field.value() or [])}
    return {
        "idPrefix": field.id_for_label or field.html_name,
        "name": field.html_name,
        "fieldset": {"legend": {"text": legend, "classes": legend_classes}},
        "hint": {"text": hint} if hint else None,
        "errorMessage": {"text": " ".join(field.errors)} if field.errors else None,
        "items": [
            {"value": str(value), "text": str(text), "checked": str(value) in chosen}
            for value, text in field.field.choices
        ],
        "classes": "govuk-checkboxes--small",
    }


def field_date(form: forms.Form, name: str, *, legend: str, hint: str | None = None) -> dict[str, Any]:
    """Parameters of govukDateInput: the three parts as posted, or from the field's value."""
    field = form[name]
    if form.is_bound:
        values = {part: form.data.get(f"{name}-{part}", "") for part in DATE_PARTS}
    else:
        value = field.value()
        values = {part: str(getattr(value, part)) if isinstance(value, datetime.date) else "" for part in DATE_PARTS}
    error = " govuk-input--error" if field.errors else ""
    widths = {"day": 2, "month": 2, "year": 4}
    return {
        "id": field.id_for_label,
        "namePrefix": name,
        "fieldset": {"legend": {"text": legend, "classes": "govuk-fieldset__legend--s"}},
        "hint": {"text": hint} if hint else None,
        "errorMessage": {"text": " ".join(field.errors)} if field.errors else None,
        "items": [
            {"name": part, "classes": f"govuk-input--width-{widths[part]}{error}", "value": values[part]}
            for part in DATE_PARTS
        ],
    }
