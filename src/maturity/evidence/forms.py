"""Forms of the evidence pages: uploads, the columns of a spend file, a buyer's organisation."""

from __future__ import annotations

from django import forms

from maturity.evidence import spend
from maturity.organisations.models import Organisation

MAX_UPLOAD_MB = 200
IGNORE = "ignore"
CONFIRM = "yes"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Choose a file to upload", "empty": "The file you chose is empty"},
    )

    def __init__(self, *args, max_mb: int = MAX_UPLOAD_MB, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(f"The file must be smaller than {self.max_mb} MB: split it by year or quarter")
        return upload


class ColumnsForm(forms.Form):
    """One select per column of a spend file: which field it holds, or none; and, for a file that
    names another organisation, the lead's confirmation that it is theirs all the same."""

    other_organisation = forms.MultipleChoiceField(required=False, choices=[(CONFIRM, "")])

    def __init__(self, *args, columns: list[str], mapping: list[str], organisation_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_organisation"].choices = [(CONFIRM, f"This file is {organisation_name}'s spend all the same")]
        self.organisation_name = organisation_name
        self.columns = columns
        choices = [(spend.NOT_USED, "Not used"), *((f.key, f.label) for f in spend.fields())]
        for index, heading in enumerate(columns):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(label=heading or f"Column {index + 1}", choices=choices, required=False)
            self.initial.setdefault(name, mapping[index] if index < len(mapping) else spend.NOT_USED)

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"column_{index}") or spend.NOT_USED for index in range(len(self.columns))]

    def confirms_other_organisation(self) -> bool:
        return CONFIRM in (self.cleaned_data.get("other_organisation") or [])

    def refuse_other_organisation(self, others: list[str]) -> None:
        self.add_error("other_organisation", f"The file names {', '.join(others)}: confirm that it is "
                                             f"{self.organisation_name}'s spend, or upload the right file")

    def clean(self):
        cleaned = super().clean()
        mapping = self.mapping()
        labels = spend.field_labels()
        for f in spend.fields():
            chosen = [i for i, key in enumerate(mapping) if key == f.key]
            if len(chosen) > 1:
                for index in chosen:
                    self.add_error(f"column_{index}", f"Choose only one column for the {f.label.lower()}")
            if f.required and not chosen:
                self.add_error(None, f"Choose the column that holds the {labels[f.key].lower()}")
        return cleaned


class BuyerForm(forms.Form):
    organisation = forms.ChoiceField(
        label="Which organisation is this buyer?",
        error_messages={"required": "Choose the organisation, or that the buyer is not a council in the register"},
    )

    def __init__(self, *args, suggested: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if suggested is not None:
            self.initial.setdefault("organisation", str(suggested.pk))
        organisations = Organisation.objects.order_by("name").values_list("pk", "name", "end_date")
        self.fields["organisation"].choices = [
            ("", "Choose an organisation"),
            (IGNORE, "None: it is not a council in the register (ignore its notices)"),
            *((str(pk), f"{name} (ended {end.year})" if end else name) for pk, name, end in organisations),
        ]

    def chosen(self) -> Organisation | None:
        value = self.cleaned_data["organisation"]
        return None if value == IGNORE else Organisation.objects.get(pk=int(value))
