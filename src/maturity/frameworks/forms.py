"""Forms of the framework versions pages (national admins)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

RETIRE_CHOICES = [("retire", _("Retire it")), ("keep", _("Keep it published"))]


class UploadForm(forms.Form):
    framework_file = forms.FileField(
        label=_("Upload a framework file"),
        error_messages={
            "required": _("Select a framework file (YAML or JSON)"),
            "empty": _("The selected file is empty"),
        },
    )


class PublishForm(forms.Form):
    """Publishing a version that follows a published one: what happens to the version it follows."""

    followed = forms.ChoiceField(
        choices=RETIRE_CHOICES,
        error_messages={
            "required": _("Select whether to retire the version it follows"),
            "invalid_choice": _("Select whether to retire the version it follows"),
        },
    )

    def __init__(self, *args, followed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if followed is None:
            del self.fields["followed"]
        else:
            self.fields["followed"].label = _("What happens to version %(version)s?") % {"version": followed.version}
