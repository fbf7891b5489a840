"""Forms of the exemplar pages: an offer, the areas where help is wanted, a request and its answer."""

from __future__ import annotations

from typing import Any

from django import forms

from maturity.exemplars.models import Offer, Share

NOTE_MAX = 1000
MESSAGE_MAX = 2000


def _text(value: str) -> str:
    return " ".join(value.split())


class OfferForm(forms.Form):
    contact_name = forms.CharField(
        label="Contact's full name", max_length=200,
        error_messages={"required": "Enter the name of the person to contact",
                        "max_length": "The name must be 200 characters or fewer"},
    )
    contact_role = forms.CharField(
        label="Contact's role", max_length=200, help_text="For example, Head of Procurement.",
        error_messages={"required": "Enter the contact's role", "max_length": "The role must be 200 characters or fewer"},
    )
    contact_email = forms.EmailField(
        label="Contact's email address", max_length=254,
        error_messages={"required": "Enter the contact's email address",
                        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )
    shares = forms.MultipleChoiceField(
        label="What can you share?", choices=Share.choices,
        error_messages={"required": "Select at least one thing you can share",
                        "invalid_choice": "Select at least one thing you can share"},
    )
    note = forms.CharField(
        label="Tell other councils more (optional)", required=False, max_length=NOTE_MAX, widget=forms.Textarea,
        help_text="For example, what the case study covers or when a call suits you. Do not include personal information.",
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer"},
    )
    visibility = forms.ChoiceField(
        label="Who may see this offer?", choices=Offer.Visibility.choices,
        error_messages={"required": "Select who may see this offer", "invalid_choice": "Select who may see this offer"},
    )

    def clean_contact_name(self) -> str:
        return _text(self.cleaned_data["contact_name"])

    def clean_contact_role(self) -> str:
        return _text(self.cleaned_data["contact_role"])

    def clean_contact_email(self) -> str:
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()

    @staticmethod
    def initial_from(offer: Offer | None, user) -> dict[str, Any]:
        if offer is None:
            return {"contact_name": user.full_name, "contact_email": user.email, "contact_role": user.job_title}
        return {
            "contact_name": offer.contact_name, "contact_email": offer.contact_email, "contact_role": offer.contact_role,
            "shares": offer.shares, "note": offer.note, "visibility": offer.visibility,
        }


class WantedForm(forms.Form):
    """Checkboxes: the areas where the organisation wants help."""

    areas = forms.MultipleChoiceField(
        label="Areas where you want help", required=False,
        error_messages={"invalid_choice": "Select areas from the list"},
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {area.key: area for area in areas}
        self.fields["areas"].choices = [(area.key, area.label) for area in areas]

    def chosen_areas(self) -> list:
        return [self.areas[key] for key in self.cleaned_data["areas"]]


class AskForm(forms.Form):
    message = forms.CharField(
        label="Your message", max_length=MESSAGE_MAX, widget=forms.Textarea,
        help_text="Say what you would like to learn and how the exemplar could help, for example with a call.",
        error_messages={"required": "Enter a message for the exemplar",
                        "max_length": f"The message must be {MESSAGE_MAX:,} characters or fewer"},
    )

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError("Enter a message for the exemplar")
        return message


class AnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        label="Will you accept the request?",
        choices=[(ACCEPT, "Yes, accept it"), (DECLINE, "No, decline it")],
        error_messages={"required": "Select whether you accept the request",
                        "invalid_choice": "Select whether you accept the request"},
    )
    note = forms.CharField(
        label="Note to the requester (optional)", required=False, max_length=NOTE_MAX, widget=forms.Textarea,
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer"},
    )

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()
