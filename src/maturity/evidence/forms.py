"""Forms of the evidence pages: uploads, the columns of a spend file, a buyer's organisation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.evidence import spend_columns
from maturity.organisations.models import Organisation

MAX_UPLOAD_MB = 200
IGNORE = "ignore"
CONFIRM = "yes"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        error_messages={
            "required": gettext_lazy("Choose a file to upload"),
            "empty": gettext_lazy("The file you chose is empty"),
        },
    )

    def __init__(self, *args, max_mb: int = MAX_UPLOAD_MB, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_mb = max_mb

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(
                _("The file must be smaller than %(mb)s MB: split it by year or quarter") % {"mb": self.max_mb}
            )
        return upload


class ColumnsForm(forms.Form):
    """One select per column of a spend file: which field it holds, or none; and, for a file that
    names another organisation, the lead's confirmation that it is theirs all the same."""

    other_organisation = forms.MultipleChoiceField(required=False, choices=[(CONFIRM, "")])

    def __init__(self, *args, columns: list[str], mapping: list[str], organisation_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_organisation"].choices = [
            (CONFIRM, _("This file is %(organisation)s's spend all the same") % {"organisation": organisation_name})
        ]
        self.organisation_name = organisation_name
        self.columns = columns
        choices = [(spend_columns.NOT_USED, _("Not used")), *((f.key, f.label) for f in spend_columns.fields())]
        for index, heading in enumerate(columns):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=heading or _("Column %(number)s") % {"number": index + 1}, choices=choices, required=False
            )
            self.initial.setdefault(name, mapping[index] if index < len(mapping) else spend_columns.NOT_USED)

    def mapping(self) -> list[str]:
        return [
            self.cleaned_data.get(f"column_{index}") or spend_columns.NOT_USED for index in range(len(self.columns))
        ]

    def confirms_other_organisation(self) -> bool:
        return CONFIRM in (self.cleaned_data.get("other_organisation") or [])

    def refuse_other_organisation(self, others: list[str]) -> None:
        self.add_error(
            "other_organisation",
            _("The file names %(others)s: confirm that it is %(organisation)s's spend, or upload the right file")
            % {"others": ", ".join(others), "organisation": self.organisation_name},
        )

    def clean(self):
        cleaned = super().clean()
        mapping = self.mapping()
        labels = spend_columns.field_labels()
        for f in spend_columns.fields():
            chosen = [i for i, key in enumerate(mapping) if key == f.key]
            if len(chosen) > 1:
                for index in chosen:
                    self.add_error(
                        f"column_{index}",
                        _("Choose only one column for the %(field)s") % {"field": str(f.label).lower()},
                    )
            if f.required and not chosen:
                self.add_error(
                    None, _("Choose the column that holds the %(field)s") % {"field": str(labels[f.key]).lower()}
                )
        return cleaned


class BuyerForm(forms.Form):
    organisation = forms.ChoiceField(
        label=gettext_lazy("Which organisation is this buyer?"),
        error_messages={
            "required": gettext_lazy("Choose the organisation, or that the buyer is not a council in the register")
        },
    )

    def __init__(self, *args, suggested: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if suggested is not None:
            self.initial.setdefault("organisation", str(suggested.pk))
        organisations = Organisation.objects.order_by("name").values_list("pk", "name", "end_date")
        self.fields["organisation"].choices = [
            ("", _("Choose an organisation")),
            (IGNORE, _("None: it is not a council in the register (ignore its notices)")),
            *(
                (str(pk), _("%(name)s (ended %(year)s)") % {"name": name, "year": end.year} if end else name)
                for pk, name, end in organisations
            ),
        ]

    def chosen(self) -> Organisation | None:
        value = self.cleaned_data["organisation"]
        return None if value == IGNORE else Organisation.objects.get(pk=int(value))
