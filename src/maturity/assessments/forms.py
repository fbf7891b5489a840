"""Forms of the assessment journey. Every field is optional so that work can be saved and
resumed; what counts as a completed area is decided by scoring.area_status."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from maturity.assessments.models import Action, Confidence, MeetingKind
from maturity.frameworks.models import Framework
from maturity.govuk import DateInputForm
from maturity.words import date_uk

YEARS_AHEAD = 10
MAX_LINKS = 20
MAX_LINK_LENGTH = 2048  # Django's URLValidator refuses longer addresses
# The API refuses with these words too (maturity.api.schemas): English there, the page's language here.
TOO_MANY_LINKS = N_("Enter 20 links or fewer")  # MAX_LINKS
NOT_A_LINK = N_("Link %(number)s is not a web address: enter each link on its own line, starting with https://")


class InPageLanguage:
    """A form in the page's language. Its error messages and choices are written in English and
    marked with N_ (the API reads them from the form's fields, in English); each form translates
    its own copies (docs/adr/0025-cymraeg.md)."""

    date_incomplete_message: str

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_page_language(self)


def in_page_language(form: forms.Form) -> None:
    language = translation.get_language()
    for field in form.fields.values():
        field.error_messages = {key: _in(language, str(message)) for key, message in field.error_messages.items()}
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            field.choices = [
                (value, _in(language, label) if isinstance(label, str) and label else label)
                for value, label in field.choices
            ]
    if getattr(form, "date_incomplete_message", None):
        form.date_incomplete_message = _(form.date_incomplete_message)


@functools.lru_cache(maxsize=2048)
def _in(language: str | None, text: str) -> str:
    """`text` in the active language, `language`, looked up once: a workbook import makes a form
    for each of hundreds of rows, each with some 30 messages to translate."""
    return _(text)


class StartAssessmentForm(InPageLanguage, forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.none(),
        empty_label=None,
        error_messages={
            "required": N_("Choose the framework to assess against"),
            "invalid_choice": N_("Choose one of the published frameworks"),
        },
    )
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": N_("Enter a name for the assessment"),
            "max_length": N_("The name must be 200 characters or fewer"),
        },
    )

    carry_forward = forms.ChoiceField(
        required=False,
        choices=[("yes", N_("Yes, copy the answers forward")), ("no", N_("No, start with empty answers"))],
        error_messages={"invalid_choice": N_("Choose whether to start from the last signed-off assessment")},
    )

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        published = Framework.objects.filter(status=Framework.Status.PUBLISHED, group__isnull=True).order_by(
            "key", "-version"
        )
        self.fields["framework"].queryset = published
        self.fields["framework"].label_from_instance = lambda f: f.title
        if previous is None:
            del self.fields["carry_forward"]
        else:
            field = self.fields["carry_forward"]
            field.required = True
            field.label = _("Start from “%(title)s”, signed off on %(date)s?") % {
                "title": previous.title,
                "date": date_uk(previous.signed_off_at),
            }
            field.error_messages["required"] = _("Choose whether to start from the last signed-off assessment")


class ResponseForm(InPageLanguage, forms.Form):
    current_level = forms.TypedChoiceField(
        label=gettext_lazy("Where is your council now?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": N_("Choose one of the levels for where your council is now")},
    )
    target_level = forms.TypedChoiceField(
        label=gettext_lazy("What level does your council aim for?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": N_("Choose one of the levels for what your council aims for")},
    )
    target_year = forms.IntegerField(
        label=gettext_lazy("By which year does your council aim to reach it?"),
        required=False,
        error_messages={"invalid": N_("Enter the year as 4 digits, for example 2028")},
    )
    evidence = forms.CharField(
        label=gettext_lazy("Evidence"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea,
        error_messages={"max_length": N_("Evidence must be 10,000 characters or fewer")},
    )
    # At most MAX_LINKS addresses of at most MAX_LINK_LENGTH characters each: the field's own
    # limit only bounds what is read.
    evidence_links = forms.CharField(
        label=gettext_lazy("Links to evidence (optional)"),
        required=False,
        max_length=(MAX_LINK_LENGTH + 1) * MAX_LINKS + 1_000,
        widget=forms.Textarea,
        error_messages={"max_length": TOO_MANY_LINKS},
    )
    confidence = forms.ChoiceField(
        label=gettext_lazy("How confident are you in this assessment?"),
        required=False,
        choices=[("", "")] + list(Confidence.choices),
        error_messages={"invalid_choice": N_("Choose low, medium or high confidence")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, levels: list[dict], saved=None, **kwargs):
        """`saved`: the response as saved, whose target year is kept even if it has since passed."""
        super().__init__(*args, **kwargs)
        choices = [(level["number"], level["name"]) for level in levels]
        self.fields["current_level"].choices = choices
        self.fields["target_level"].choices = choices
        self.this_year = timezone.localdate().year
        self.saved_year = saved.target_year if saved is not None else None
        # The questions name the organisation as what it is: "council" only for a council.
        self.kind = saved.assessment.organisation.kind if saved is not None else "organisation"
        council = self.kind == "council"
        fields = self.fields
        fields["current_level"].label = (
            _("Where is your council now?") if council else _("Where is your organisation now?")
        )
        fields["current_level"].error_messages["invalid_choice"] = (
            _("Choose one of the levels for where your council is now")
            if council
            else _("Choose one of the levels for where your organisation is now")
        )
        fields["target_level"].label = (
            _("What level does your council aim for?") if council else _("What level does your organisation aim for?")
        )
        fields["target_level"].error_messages["invalid_choice"] = (
            _("Choose one of the levels for what your council aims for")
            if council
            else _("Choose one of the levels for what your organisation aims for")
        )
        fields["target_year"].label = (
            _("By which year does your council aim to reach it?")
            if council
            else _("By which year does your organisation aim to reach it?")
        )

    def clean_target_year(self):
        year = self.cleaned_data.get("target_year")
        if year is None or year == self.saved_year:
            return year
        last = self.this_year + YEARS_AHEAD
        if not self.this_year <= year <= last:
            raise ValidationError(
                _("Enter a year between %(first)s and %(last)s") % {"first": self.this_year, "last": last}
            )
        return year

    def clean_evidence(self):
        return self.cleaned_data["evidence"].strip()

    def clean_evidence_links(self):
        lines = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_(TOO_MANY_LINKS))
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(_(NOT_A_LINK) % {"number": number}) from None
        return lines

    def clean(self):
        data = super().clean()
        current, target = data.get("current_level"), data.get("target_level")
        if current is not None and target is not None and target < current:
            self.add_error(
                "target_level",
                _("The level your council aims for must be the same as or higher than where it is now")
                if self.kind == "council"
                else _("The level your organisation aims for must be the same as or higher than where it is now"),
            )
        return data

    @staticmethod
    def initial_from(response) -> dict:
        return {
            "current_level": response.current_level,
            "target_level": response.target_level,
            "target_year": response.target_year,
            "evidence": response.evidence,
            "evidence_links": "\n".join(response.evidence_links or []),
            "confidence": response.confidence,
            "version": response.version,
        }


class ActionForm(InPageLanguage, DateInputForm):
    date_fields = ("due_date",)
    date_incomplete_message = N_("The due date must include a day, month and year")

    title = forms.CharField(
        label=gettext_lazy("What will be done"),
        max_length=200,
        error_messages={
            "required": N_("Enter what will be done"),
            "max_length": N_("The action must be 200 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("Details (optional)"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea,
        error_messages={"max_length": N_("The details must be 5,000 characters or fewer")},
    )
    owner_name = forms.CharField(
        label=gettext_lazy("Owner's name"),
        max_length=200,
        error_messages={
            "required": N_("Enter the name of the person who owns this action"),
            "max_length": N_("The owner's name must be 200 characters or fewer"),
        },
    )
    owner_email = forms.EmailField(
        label=gettext_lazy("Owner's email address (optional)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": N_("Enter an email address in the correct format, like name@example.gov.uk"),
            "max_length": N_("The owner's email address must be 254 characters or fewer"),
        },
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": N_("Enter the due date as a real date, for example 31 3 2027")},
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=Action.Status.choices,
        initial=Action.Status.NOT_STARTED,
        error_messages={
            "required": N_("Choose the action's status"),
            "invalid_choice": N_("Choose one of the statuses"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    @classmethod
    def of_values(cls, values: Mapping[str, Any], **kwargs) -> ActionForm:
        """The form bound to plain values rather than to what the web posts (a workbook's row):
        the due date a date, or text refused with the field's own message unless it is YYYY-MM-DD,
        as a day, month and year that make no date are refused on the web."""
        data = {
            name: "" if values.get(name) is None else str(values[name])
            for name in cls.base_fields
            if name not in cls.date_fields
        }
        form = cls(data, **kwargs)
        # Given after DateInputForm has joined the day, month and year, which it found empty.
        form.data = {**form.data, **{name: _date_text(values.get(name)) for name in cls.date_fields}}
        return form

    @staticmethod
    def initial_from(action) -> dict:
        return {
            name: getattr(action, name)
            for name in ("title", "description", "owner_name", "owner_email", "due_date", "status", "version")
        }


def _date_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value or "")


class PlanActionForm(ActionForm):
    """An action added from the action plan page: its area is chosen too."""

    area = forms.ChoiceField(
        label=gettext_lazy("Area"),
        error_messages={
            "required": N_("Choose the area the action is in"),
            "invalid_choice": N_("Choose one of the areas of this assessment"),
        },
    )
    field_order = ["area"]

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {area.key: area for area in areas}
        self.fields["area"].choices = [("", _("Choose an area")), *((area.key, area.label) for area in areas)]
        self.order_fields(["area"])


class ActionStatusForm(InPageLanguage, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Action.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NoteForm(InPageLanguage, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Progress note"),
        max_length=5_000,
        widget=forms.Textarea,
        error_messages={"required": N_("Enter the progress note")},
    )


NO_MEETING = "none"


class SignOffForm(InPageLanguage, DateInputForm):
    date_fields = ("meeting_date",)
    date_incomplete_message = N_("The date of the meeting must include a day, month and year")

    signer_name = forms.CharField(
        label=gettext_lazy("Your name as it will appear in reports"),
        max_length=200,
        error_messages={"required": N_("Enter your name")},
    )
    signer_role = forms.CharField(
        label=gettext_lazy("Your role"),
        max_length=200,
        help_text=gettext_lazy("For example, Head of Procurement or Cabinet Member for Finance"),
        error_messages={"required": N_("Enter your role")},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I confirm this assessment is a fair account of where the council stands and what it aims for"
        ),
        error_messages={"required": N_("Confirm that the assessment is a fair account before signing it off")},
    )
    meeting_kind = forms.ChoiceField(
        label=gettext_lazy("Was the sign-off agreed at a meeting?"),
        required=False,
        choices=[(NO_MEETING, N_("No, not at a meeting")), *MeetingKind.choices],
        initial=NO_MEETING,
        error_messages={"invalid_choice": N_("Choose a committee, cabinet or not at a meeting")},
    )
    meeting_name = forms.CharField(
        label=gettext_lazy("Name of the committee (optional)"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("For example, Audit and Governance Committee"),
        error_messages={"max_length": N_("The committee's name must be 200 characters or fewer")},
    )
    meeting_date = forms.DateField(
        label=gettext_lazy("Date of the meeting"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": N_("Enter the date of the meeting as a real date, for example 12 11 2026")},
    )
    minute_reference = forms.CharField(
        label=gettext_lazy("Minute reference"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The item number in the meeting's minutes, for example Minute 42/26"),
        error_messages={"max_length": N_("The minute reference must be 100 characters or fewer")},
    )

    def clean(self):
        data = super().clean()
        kind = data.get("meeting_kind") if data.get("meeting_kind") != NO_MEETING else ""
        if kind:
            if data.get("meeting_date") is None and "meeting_date" not in self.errors:
                self.add_error("meeting_date", _("Enter the date of the meeting"))
            elif data.get("meeting_date") and data["meeting_date"] > timezone.localdate():
                self.add_error("meeting_date", _("The date of the meeting must be today or in the past"))
            if not data.get("minute_reference", "").strip() and "minute_reference" not in self.errors:
                self.add_error("minute_reference", _("Enter the minute reference"))
            if kind == MeetingKind.CABINET and data.get("meeting_name"):
                self.add_error("meeting_name", _("Leave the committee's name empty for a cabinet meeting"))
        elif any(data.get(name) for name in ("meeting_name", "meeting_date", "minute_reference")):
            self.add_error(
                "meeting_kind", _("Choose a committee or cabinet for the meeting, or leave its details empty")
            )
        return data

    def meeting(self) -> dict:
        data = self.cleaned_data
        if data.get("meeting_kind") in ("", NO_MEETING, None):
            return {}
        return {
            "meeting_kind": data["meeting_kind"],
            "meeting_name": data.get("meeting_name", "").strip(),
            "meeting_date": data["meeting_date"],
            "minute_reference": data["minute_reference"].strip(),
        }


class ReopenForm(InPageLanguage, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why are you reopening the assessment?"),
        max_length=2_000,
        widget=forms.Textarea,
        error_messages={"required": N_("Enter the reason for reopening the assessment")},
    )


class ActionFilterForm(InPageLanguage, forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Owner"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", N_("Any status")), *Action.Status.choices, ("overdue", N_("Overdue"))],
    )

    def __init__(self, data, *, sections, areas, owners):
        super().__init__(data)
        self.fields["section"].choices = [("", _("All themes"))] + [(s.key, s.title) for s in sections]
        self.fields["area"].choices = [("", _("All areas"))] + [(a.key, a.label) for a in areas]
        self.fields["owner"].choices = [("", _("Anyone"))] + [(o, o) for o in owners]
