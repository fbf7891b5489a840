"""The form of a comment: its text, and the colleagues to tell."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maturity.comments.services import MAX_LENGTH


def _too_long() -> str:
    return gettext("Your comment must be %(max)s characters or fewer") % {"max": f"{MAX_LENGTH:,}"}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Add a comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"required": _("Enter your comment"), "max_length": lazy(_too_long, str)()},
    )
    mentions = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": _("Choose colleagues from the list")}
    )

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.colleagues = {str(user.pk): user for user in colleagues}
        self.fields["mentions"].choices = [(pk, user.full_name or user.email) for pk, user in self.colleagues.items()]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Enter your comment"))
        if "\x00" in text:
            raise forms.ValidationError(_("Your comment must not contain a NUL character"))
        return text

    def mentioned(self) -> list:
        return [self.colleagues[pk] for pk in self.cleaned_data.get("mentions", [])]
