"""Forms of the assessment journey. Every field is optional so that work can be saved and
resumed; what counts as a completed area is decided by scoring.area_status."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from maturity.assessments.models import Confidence
from maturity.frameworks.models import Framework

YEARS_AHEAD = 10
MAX_LINKS = 20


class StartAssessmentForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the framework to assess against", "invalid_choice": "Choose one of the published frameworks"},
    )
    title = forms.CharField(
        max_length=200,
        error_messages={"required": "Enter a name for the assessment", "max_length": "The name must be 200 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by("key", "-version")
        self.fields["framework"].queryset = published
        self.fields["framework"].label_from_instance = lambda f: f.title


class ResponseForm(forms.Form):
    current_level = forms.TypedChoiceField(
        label="Where is your council now?", coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": "Choose one of the levels for where your council is now"},
    )
    target_level = forms.TypedChoiceField(
        label="What level does your council aim for?", coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": "Choose one of the levels for what your council aims for"},
    )
    target_year = forms.IntegerField(
        label="By which year does your council aim to reach it?", required=False,
        error_messages={"invalid": "Enter the year as 4 digits, for example 2028"},
    )
    evidence = forms.CharField(
        label="Evidence", required=False, max_length=10_000, widget=forms.Textarea,
        error_messages={"max_length": "Evidence must be 10,000 characters or fewer"},
    )
    evidence_links = forms.CharField(
        label="Links to evidence (optional)", required=False, max_length=5_000, widget=forms.Textarea,
    )
    confidence = forms.ChoiceField(
        label="How confident are you in this assessment?", required=False,
        choices=[("", "")] + list(Confidence.choices),
        error_messages={"invalid_choice": "Choose low, medium or high confidence"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, levels: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(level["number"], level["name"]) for level in levels]
        self.fields["current_level"].choices = choices
        self.fields["target_level"].choices = choices
        self.this_year = timezone.localdate().year

    def clean_target_year(self):
        year = self.cleaned_data.get("target_year")
        if year is None:
            return None
        last = self.this_year + YEARS_AHEAD
        if not self.this_year <= year <= last:
            raise ValidationError(f"Enter a year between {self.this_year} and {last}")
        return year

    def clean_evidence(self):
        return self.cleaned_data["evidence"].strip()

    def clean_evidence_links(self):
        lines = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise ValidationError(f"Enter {MAX_LINKS} links or fewer")
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    f"Link {number} is not a web address: enter each link on its own line, starting with https://"
                ) from None
        return lines

    def clean(self):
        data = super().clean()
        current, target = data.get("current_level"), data.get("target_level")
        if current is not None and target is not None and target < current:
            self.add_error(
                "target_level",
                "The level your council aims for must be the same as or higher than where it is now",
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
