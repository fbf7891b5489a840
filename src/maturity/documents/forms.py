"""The form of an evidence document: a title, the date the evidence is from, and the file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.govuk import DateInputForm


class DocumentForm(DateInputForm):
    date_fields = ("evidence_date",)
    date_incomplete_message = _("The date of the evidence must include a day, month and year")

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Enter a title for the document"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    evidence_date = forms.DateField(
        label=_("Date of the evidence"),
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Enter the date the evidence is from"),
            "invalid": _("Enter the date of the evidence as a real date, for example 31 3 2026"),
        },
    )
    file = forms.FileField(
        label=_("File"), error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")}
    )

    def __init__(self, *args, file_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = file_required

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title for the document"))
        if "\x00" in title:
            raise forms.ValidationError(_("The title must not contain a NUL character"))
        return title

    @staticmethod
    def initial_from(document) -> dict:
        return {"title": document.title, "evidence_date": document.evidence_date}
