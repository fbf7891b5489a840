"""Forms of the rounds pages."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from maturity.assessments.forms import InPageLanguage
from maturity.benchmarks import selectors
from maturity.benchmarks.models import Participant
from maturity.govuk import DateInputForm
from maturity.organisations.models import Nation, Organisation
from maturity.words import date_uk


class NewRoundForm(InPageLanguage, DateInputForm):
    date_fields = ("opens_on", "closes_on")

    name = forms.CharField(
        label=gettext_lazy("Name of the round"),
        max_length=200,
        error_messages={
            "required": N_("Enter a name for the round"),
            "max_length": N_("The name must be 200 characters or fewer"),
        },
    )
    framework = forms.ModelChoiceField(
        label=gettext_lazy("Framework"),
        queryset=selectors.round_frameworks(),
        empty_label=None,
        error_messages={
            "required": N_("Choose the framework of the round"),
            "invalid_choice": N_("Choose one of the published frameworks"),
        },
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Opens on"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": N_("Enter the date the round opens"),
            "invalid": N_("Enter the date the round opens as a real date"),
        },
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Closes on"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": N_("Enter the date the round closes"),
            "invalid": N_("Enter the date the round closes as a real date"),
        },
    )
    organisation_types = forms.MultipleChoiceField(
        label=gettext_lazy("Types of organisation invited"),
        choices=Organisation.Type.choices,
        error_messages={"required": N_("Choose at least one type of organisation")},
    )
    nations = forms.MultipleChoiceField(
        label=gettext_lazy("Nations invited"),
        choices=Nation.choices,
        error_messages={"required": N_("Choose at least one nation")},
    )
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions of England invited"),
        choices=(),
        required=False,
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["framework"].label_from_instance = lambda f: (
            _("%(title)s (version %(version)s)") % {"title": f.title, "version": f.version}
        )
        self.fields["regions"].choices = selectors.region_choices(today)

    def clean(self):
        data = super().clean()
        if Nation.ENGLAND in (data.get("nations") or []) and not data.get("regions"):
            self.add_error("regions", _("Choose at least one region of England, or untick England"))
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The round must close on or after the date it opens"))
        elif closes_on and closes_on < self.today:
            self.add_error("closes_on", _("The round must close today or later"))
        return data


class SubmitForm(InPageLanguage, forms.Form):
    assessment = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        error_messages={
            "required": N_("Choose the assessment to submit"),
            "invalid_choice": N_("Choose one of the signed-off assessments"),
        },
    )
    named = forms.ChoiceField(
        choices=[("no", N_("No, do not name us")), ("yes", N_("Yes, you can name us as taking part"))],
        initial="no",
        error_messages={
            "required": N_("Choose whether your organisation can be named"),
            "invalid_choice": N_("Choose yes or no"),
        },
    )

    def __init__(self, data=None, *, assessments, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["assessment"].queryset = assessments
        self.fields["assessment"].label_from_instance = lambda a: (
            _("%(title)s, signed off on %(date)s") % {"title": a.title, "date": date_uk(a.signed_off_at)}
            if a.signed_off_at
            else a.title
        )


class DeclineForm(InPageLanguage, forms.Form):
    reason = forms.ChoiceField(
        choices=Participant.Reason.choices,
        error_messages={
            "required": N_("Choose why your organisation will not take part"),
            "invalid_choice": N_("Choose one of the reasons"),
        },
    )
    detail = forms.CharField(
        required=False,
        max_length=2_000,
        error_messages={"max_length": N_("The reason must be 2,000 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Participant.Reason.OTHER and not (data.get("detail") or "").strip():
            self.add_error("detail", _("Say why your organisation will not take part"))
        return data


class TrackingFilterForm(InPageLanguage, forms.Form):
    region = forms.ChoiceField(required=False, choices=())
    type = forms.ChoiceField(required=False, choices=())

    def __init__(self, data=None, *, regions: list[tuple[str, str]], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *regions]
        self.fields["type"].choices = [("", _("All types")), *Organisation.Type.choices]


class ReportForm(InPageLanguage, forms.Form):
    """The national report's own words (benchmarks.services.set_report)."""

    title = forms.CharField(
        label=gettext_lazy("Title of the report"),
        max_length=200,
        required=False,
        error_messages={"max_length": N_("The title must be 200 characters or fewer")},
    )
    introduction = forms.CharField(
        label=gettext_lazy("Introduction"),
        max_length=5000,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": N_("The introduction must be 5,000 characters or fewer")},
    )
