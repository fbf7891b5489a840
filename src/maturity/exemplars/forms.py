"""Forms of the exemplar pages: an offer, the areas where help is wanted, a request and its answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from maturity.exemplars.models import Offer, Share

NOTE_MAX = 1000
MESSAGE_MAX = 2000


def _at_most(message, limit: int) -> str:
    return str(message) % {"max": f"{limit:,}"}


at_most = lazy(_at_most, str)  # "... 1,000 characters or fewer", in the language of the page


def _text(value: str) -> str:
    return " ".join(value.split())


class OfferForm(forms.Form):
    contact_name = forms.CharField(
        label=_("Contact's full name"),
        max_length=200,
        error_messages={
            "required": _("Enter the name of the person to contact"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )
    contact_role = forms.CharField(
        label=_("Contact's role"),
        max_length=200,
        help_text=_("For example, Head of Procurement."),
        error_messages={
            "required": _("Enter the contact's role"),
            "max_length": _("The role must be 200 characters or fewer"),
        },
    )
    contact_email = forms.EmailField(
        label=_("Contact's email address"),
        max_length=254,
        error_messages={
            "required": _("Enter the contact's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.gov.uk"),
        },
    )
    shares = forms.MultipleChoiceField(
        label=_("What can you share?"),
        choices=Share.choices,
        error_messages={
            "required": _("Select at least one thing you can share"),
            "invalid_choice": _("Select at least one thing you can share"),
        },
    )
    note = forms.CharField(
        label=_("Tell other councils more (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea,
        help_text=_(
            "For example, what the case study covers or when a call suits you. Do not include personal information."
        ),
        error_messages={"max_length": at_most(_("The note must be %(max)s characters or fewer"), NOTE_MAX)},
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this offer?"),
        choices=Offer.Visibility.choices,
        error_messages={
            "required": _("Select who may see this offer"),
            "invalid_choice": _("Select who may see this offer"),
        },
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
            "contact_name": offer.contact_name,
            "contact_email": offer.contact_email,
            "contact_role": offer.contact_role,
            "shares": offer.shares,
            "note": offer.note,
            "visibility": offer.visibility,
        }


class WantedForm(forms.Form):
    """Checkboxes: the areas where the organisation wants help."""

    areas = forms.MultipleChoiceField(
        label=_("Areas where you want help"),
        required=False,
        error_messages={"invalid_choice": _("Select areas from the list")},
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {area.key: area for area in areas}
        self.fields["areas"].choices = [(area.key, area.label) for area in areas]

    def chosen_areas(self) -> list:
        return [self.areas[key] for key in self.cleaned_data["areas"]]


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea,
        help_text=_("Say what you would like to learn and how the exemplar could help, for example with a call."),
        error_messages={
            "required": _("Enter a message for the exemplar"),
            "max_length": at_most(_("The message must be %(max)s characters or fewer"), MESSAGE_MAX),
        },
    )

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Enter a message for the exemplar"))
        return message


class AnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    decision = forms.ChoiceField(
        label=_("Will you accept the request?"),
        choices=[(ACCEPT, _("Yes, accept it")), (DECLINE, _("No, decline it"))],
        error_messages={
            "required": _("Select whether you accept the request"),
            "invalid_choice": _("Select whether you accept the request"),
        },
    )
    note = forms.CharField(
        label=_("Note to the requester (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea,
        error_messages={"max_length": at_most(_("The note must be %(max)s characters or fewer"), NOTE_MAX)},
    )

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()
