"""Forms of the framework versions pages (national admins)."""

from __future__ import annotations

from django import forms

RETIRE_CHOICES = [("retire", "Retire it"), ("keep", "Keep it published")]


class UploadForm(forms.Form):
    framework_file = forms.FileField(
        label="Upload a framework file",
        error_messages={"required": "Select a framework file (YAML or JSON)", "empty": "The selected file is empty"},
    )


class PublishForm(forms.Form):
    """Publishing a version that follows a published one: what happens to the version it follows."""

    followed = forms.ChoiceField(
        choices=RETIRE_CHOICES,
        error_messages={"required": "Select whether to retire the version it follows", "invalid_choice": "Select whether to retire the version it follows"},
    )

    def __init__(self, *args, followed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if followed is None:
            del self.fields["followed"]
        else:
            self.fields["followed"].label = f"What happens to version {followed.version}?"
