"""The workbook upload form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Upload the filled-in workbook"),
        error_messages={"required": _("Select the workbook to import"), "empty": _("The selected file is empty")},
    )
