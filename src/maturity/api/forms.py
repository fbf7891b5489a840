"""The form that creates a personal access token."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from maturity.api import services
from maturity.api.models import ApiToken
from maturity.text import date_uk

DATE_PARTS = ("day", "month", "year")
SCOPE_HINTS = {
    ApiToken.Scope.READ: "Read the organisation's assessments, answers, action plan and suggested exemplars.",
    ApiToken.Scope.WRITE: "Also save answers and change the action plan of draft assessments, "
                          "for as long as you are a contributor or lead of the organisation.",
}


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name of the token", max_length=100,
        help_text="So that you can tell your tokens apart, for example “Power BI dashboard”.",
        error_messages={"required": "Enter a name for the token", "max_length": "The name must be 100 characters or fewer"},
    )
    organisation = forms.ChoiceField(
        label="Which organisation is the token for?",
        error_messages={"required": "Choose the organisation the token is for",
                        "invalid_choice": "Choose one of your organisations"},
    )
    scope = forms.ChoiceField(
        label="What can the token do?", choices=ApiToken.Scope.choices,
        error_messages={"required": "Choose what the token can do", "invalid_choice": "Choose read only, or read and write"},
    )
    expires_on = forms.DateField(
        label="Expiry date", input_formats=["%Y-%m-%d"],
        error_messages={"required": "Enter the date the token expires",
                        "invalid": "The expiry date must be a real date"},
    )

    def __init__(self, data=None, *, memberships, today: datetime.date, **kwargs: Any):
        self.incomplete = False
        if data is not None:
            data = data.copy()
            parts = [data.get(f"expires_on-{part}", "").strip() for part in DATE_PARTS]
            if all(parts):
                day, month, year = parts
                data["expires_on"] = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
            else:
                data["expires_on"] = ""
                self.incomplete = any(parts)
        kwargs.setdefault("initial", {"expires_on": services.default_expiry(today)})
        super().__init__(data, **kwargs)
        self.today = today
        self.memberships = {m.organisation.slug: m for m in memberships}
        self.fields["organisation"].choices = [(m.organisation.slug, m.organisation.name) for m in memberships]
        if len(memberships) == 1:
            self.fields["organisation"].initial = memberships[0].organisation.slug

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        latest = services.latest_expiry(self.today)
        if value <= self.today:
            raise forms.ValidationError("The expiry date must be in the future")
        if value > latest:
            raise forms.ValidationError(f"The expiry date must be within one year: on or before {date_uk(latest)}")
        return value

    def clean(self):
        data = super().clean()
        if self.incomplete:
            self.errors.pop("expires_on", None)
            self.add_error("expires_on", "The expiry date must include a day, month and year")
        return data

    @property
    def chosen_organisation(self):
        return self.memberships[self.cleaned_data["organisation"]].organisation

    def date_params(self) -> dict[str, Any]:
        """govukDateInput's parameters: the parts as posted, or from the initial date."""
        field = self["expires_on"]
        if self.is_bound:
            values = {part: self.data.get(f"expires_on-{part}", "") for part in DATE_PARTS}
        else:
            value = field.value()
            values = {part: str(getattr(value, part)) if isinstance(value, datetime.date) else "" for part in DATE_PARTS}
        error = " govuk-input--error" if field.errors else ""
        widths = {"day": 2, "month": 2, "year": 4}
        example = services.default_expiry(self.today)
        return {
            "id": "expires_on",
            "namePrefix": "expires_on",
            "fieldset": {"legend": {"text": "Expiry date", "classes": "govuk-fieldset__legend--m"}},
            "hint": {"text": f"At most one year from today. For example, {example.day} {example.month} {example.year}"},
            "errorMessage": {"text": " ".join(field.errors)} if field.errors else None,
            "items": [
                {"id": f"id_expires_on-{part}" if part != "day" else "id_expires_on", "name": part,
                 "label": part.capitalize(), "classes": f"govuk-input--width-{widths[part]}{error}", "value": values[part]}
                for part in DATE_PARTS
            ],
        }
