"""The form that creates a personal access token."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maturity.api import services
from maturity.api.models import ApiToken
from maturity.govuk import DateInputForm, field_date
from maturity.words import date_uk

SCOPE_HINTS = {
    ApiToken.Scope.READ: _("Read the organisation's assessments, answers, action plan and suggested exemplars."),
    ApiToken.Scope.WRITE: _(
        "Also save answers and change the action plan of draft assessments, "
        "for as long as you are a contributor or lead of the organisation."
    ),
}


class TokenForm(DateInputForm):
    date_fields = ("expires_on",)
    date_incomplete_message = _("The expiry date must include a day, month and year")

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So that you can tell your tokens apart, for example “Power BI dashboard”."),
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("The name must be 100 characters or fewer"),
        },
    )
    organisation = forms.ChoiceField(
        label=_("Which organisation is the token for?"),
        error_messages={
            "required": _("Choose the organisation the token is for"),
            "invalid_choice": _("Choose one of your organisations"),
        },
    )
    scope = forms.ChoiceField(
        label=_("What can the token do?"),
        choices=ApiToken.Scope.choices,
        error_messages={
            "required": _("Choose what the token can do"),
            "invalid_choice": _("Choose read only, or read and write"),
        },
    )
    expires_on = forms.DateField(
        label=_("Expiry date"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Enter the date the token expires"),
            "invalid": _("The expiry date must be a real date"),
        },
    )

    def __init__(self, data=None, *, memberships, today: datetime.date, **kwargs: Any):
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
            raise forms.ValidationError(gettext("The expiry date must be in the future"))
        if value > latest:
            raise forms.ValidationError(
                gettext("The expiry date must be within one year: on or before %(date)s") % {"date": date_uk(latest)}
            )
        return value

    @property
    def chosen_organisation(self):
        return self.memberships[self.cleaned_data["organisation"]].organisation

    def date_params(self) -> dict[str, Any]:
        """govukDateInput's parameters: the parts as posted, or from the initial date."""
        example = services.default_expiry(self.today)
        return field_date(
            self,
            "expires_on",
            legend=gettext("Expiry date"),
            legend_classes="govuk-fieldset__legend--m",
            hint=gettext("At most one year from today. For example, %(day)s %(month)s %(year)s")
            % {"day": example.day, "month": example.month, "year": example.year},
        )
