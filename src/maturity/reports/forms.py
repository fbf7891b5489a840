"""The workbook upload form."""

from __future__ import annotations

from django import forms


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Upload the filled-in workbook",
        error_messages={"required": "Select the workbook to import", "empty": "The selected file is empty"},
    )
