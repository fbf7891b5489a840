"""Django form fields mapped once to the parameters of the GOV.UK Frontend macros.

Templates call, for example, `govukInput(field_input(form["email"], label="Email address"))`,
so every form gets the design system's labels, hints, inline errors and error summary without
hand-written component HTML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markupsafe import Markup


def link(href: str, text: str, hidden: str = "", classes: str = "govuk-link") -> SafeString:
    """An escaped link for a table cell or a tag list; `hidden` is visually hidden context."""
    if hidden:
        return format_html(
            '<a class="{}" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>', classes, href, text, hidden
        )
    return format_html('<a class="{}" href="{}">{}</a>', classes, href, text)


def _error(field: BoundField) -> dict[str, str] | None:
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors), "visuallyHiddenText": _("Error")}
    return None


def _hint(hint: str | None, field: BoundField) -> dict[str, str] | None:
    text = hint if hint is not None else str(field.help_text or "")
    return {"text": text} if text else None


def _value(field: BoundField) -> Any:
    value = field.value()
    return "" if value is None else value


def field_input(
    field: BoundField,
    *,
    label: str | None = None,
    hint: str | None = None,
    is_page_heading: bool = False,
    classes: str = "",
    input_type: str | None = None,
    autocomplete: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    widget = field.field.widget
    params: dict[str, Any] = {
        "id": field.id_for_label,
        "name": field.html_name,
        "value": _value(field),
        "type": input_type or getattr(widget, "input_type", "text"),
        "label": _label(field, label, is_page_heading),
        "hint": _hint(hint, field),
        "errorMessage": _error(field),
        "classes": classes,
    }
    if autocomplete:
        params["autocomplete"] = autocomplete
    params.update(extra)
    return params


def field_textarea(
    field: BoundField, *, label: str | None = None, hint: str | None = None, rows: int = 5, **extra: Any
) -> dict[str, Any]:
    params = {
        "id": field.id_for_label,
        "name": field.html_name,
        "value": _value(field),
        "rows": rows,
        "label": _label(field, label, False),
        "hint": _hint(hint, field),
        "errorMessage": _error(field),
    }
    params.update(extra)
    return params


def field_radios(
    field: BoundField,
    *,
    legend: str | None = None,
    hint: str | None = None,
    item_hints: dict[str, Any] | None = None,
    legend_classes: str = "govuk-fieldset__legend--m",
    is_page_heading: bool = False,
    classes: str = "",
) -> dict[str, Any]:
    """Radios for a ChoiceField; item_hints maps a choice value to hint text or {"html": ...}."""
    current = str(_value(field))
    items = []
    for value, text in field.field.choices:
        if value == "":
            continue
        item: dict[str, Any] = {"value": str(value), "text": str(text), "checked": str(value) == current}
        item_hint = (item_hints or {}).get(str(value))
        if item_hint:
            item["hint"] = item_hint if isinstance(item_hint, dict) else {"text": item_hint}
        items.append(item)
    return {
        "idPrefix": field.id_for_label or field.html_name,
        "name": field.html_name,
        "classes": classes,
        "fieldset": {
            "legend": {
                "text": legend if legend is not None else str(field.label),
                "classes": legend_classes,
                "isPageHeading": is_page_heading,
            }
        },
        "hint": _hint(hint, field),
        "errorMessage": _error(field),
        "items": items,
    }


def field_select(field: BoundField, *, label: str | None = None, hint: str | None = None) -> dict[str, Any]:
    current = str(_value(field))
    return {
        "id": field.id_for_label,
        "name": field.html_name,
        "label": _label(field, label, False),
        "hint": _hint(hint, field),
        "errorMessage": _error(field),
        "items": [
            {"value": str(value), "text": str(text), "selected": str(value) == current}
            for value, text in field.field.choices
        ],
    }


def _label(field: BoundField, label: str | dict | None, is_page_heading: bool) -> dict[str, Any]:
    if isinstance(label, dict):
        return label
    text = label if label is not None else str(field.label)
    if is_page_heading:
        return {"text": text, "classes": "govuk-label--l", "isPageHeading": True}
    return {"text": text}


def error_summary(*forms_: forms.Form | None, extra: list[dict[str, str]] | None = None) -> dict[str, Any] | None:
    """The error summary's parameters for one or more bound forms, or None when all are valid."""
    error_list: list[dict[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            error_list.append({"text": str(message)})
        for name, field in form.fields.items():
            bound = form[name]
            for message in bound.errors:
                error_list.append({"text": str(message), "href": f"#{_anchor(bound, field)}"})
    error_list.extend(extra or [])
    if not error_list:
        return None
    return {"titleText": _("There is a problem"), "errorList": error_list}


def _anchor(bound: BoundField, field: forms.Field) -> str:
    # Radios: the first radio has the idPrefix as its id, so the link lands on it.
    return bound.id_for_label or bound.html_name


def field_checkboxes(
    field: BoundField,
    *,
    legend: str,
    hint: str | None = None,
    legend_classes: str = "govuk-fieldset__legend--m",
    classes: str = "govuk-checkboxes--small",
) -> dict[str, Any]:
    """Parameters of govukCheckboxes for a MultipleChoiceField."""
    chosen = {str(v) for v in (field.value() or [])}
    return {
        "idPrefix": field.id_for_label or field.html_name,
        "name": field.html_name,
        "fieldset": {"legend": {"text": legend, "classes": legend_classes}},
        "hint": {"text": hint} if hint else None,
        "errorMessage": _error(field),
        "items": [
            {"value": str(value), "text": str(text), "checked": str(value) in chosen}
            for value, text in field.field.choices
        ],
        "classes": classes,
    }


# --- The GOV.UK date input: three boxes posted as NAME-day, NAME-month and NAME-year -----------

DATE_PARTS = ("day", "month", "year")
DATE_INCOMPLETE = gettext_lazy("The date must include a day, month and year")


class DateInputForm(forms.Form):
    """A form whose DateFields named in `date_fields` come from GOV.UK date inputs.

    The three posted parts are joined into one ISO date before the fields are cleaned; a date
    with some parts missing gets `date_incomplete_message` rather than a parsing error.
    """

    date_fields: tuple[str, ...] = ()
    date_incomplete_message = DATE_INCOMPLETE

    def __init__(self, data=None, *args, **kwargs):
        self.incomplete_dates: set[str] = set()
        if data is not None:
            data = data.copy()
            for name in self.date_fields:
                parts = [str(data.get(f"{name}-{part}", "")).strip() for part in DATE_PARTS]
                if all(parts):
                    day, month, year = parts
                    data[name] = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
                else:
                    data[name] = ""
                    if any(parts):
                        self.incomplete_dates.add(name)
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        for name in self.incomplete_dates:
            self.errors.pop(name, None)
            self.add_error(name, self.date_incomplete_message)
        return data


def field_date(
    form: forms.Form,
    name: str,
    *,
    legend: str,
    hint: str | None = None,
    legend_classes: str = "govuk-fieldset__legend--s",
) -> dict[str, Any]:
    """Parameters of govukDateInput: the parts as posted, or from the field's value.

    The day box carries the field's id, so the error summary's link lands on it.
    """
    field = form[name]
    if form.is_bound:
        values = {part: form.data.get(f"{name}-{part}", "") for part in DATE_PARTS}
    else:
        value = field.value()
        values = {part: str(getattr(value, part)) if isinstance(value, datetime.date) else "" for part in DATE_PARTS}
    error = " govuk-input--error" if field.errors else ""
    widths = {"day": 2, "month": 2, "year": 4}
    labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
    field_id = field.id_for_label
    return {
        "id": f"{field_id}-input",
        "namePrefix": name,
        "fieldset": {"legend": {"text": legend, "classes": legend_classes}},
        "hint": {"text": hint} if hint else None,
        "errorMessage": _error(field),
        "items": [
            {
                "id": field_id if part == "day" else f"{field_id}-{part}",
                "name": part,
                "label": labels[part],
                "classes": f"govuk-input--width-{widths[part]}{error}",
                "value": values[part],
            }
            for part in DATE_PARTS
        ],
    }


@dataclass(frozen=True)
class Cell:
    """A cell of a GOV.UK table (an item of a row in `govukTable`'s `rows`).

    The macro asks every cell for each of these fields. Jinja finds an attribute at once, where
    a dict without the key costs it two failed lookups (an exception each): a table of a few
    hundred cells renders in about half the time, with the same HTML."""

    text: Any = None
    html: Any = None
    format: str | None = None
    classes: str | None = None
    colspan: int | None = None
    rowspan: int | None = None
    attributes: Any = None


def pagination(page, path: str, filters: dict[str, str], *, label: str) -> dict[str, Any] | None:
    """The GOV.UK pagination component's parameters for a Django `Page`, keeping the filters in
    each link; None when everything fits on one page."""
    from django.utils.http import urlencode

    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        return f"{path}?{urlencode({**{k: v for k, v in filters.items() if v}, 'page': number})}"

    items: list[dict[str, Any]] = []
    last = page.paginator.num_pages
    shown = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    previous = None
    for number in shown:
        if previous is not None and number > previous + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
        previous = number
    return {
        "previous": {
            "href": href(page.previous_page_number()),
            "html": Markup(_('Previous<span class="govuk-visually-hidden"> page</span>')),
        }
        if page.has_previous()
        else None,
        "next": {
            "href": href(page.next_page_number()),
            "html": Markup(_('Next<span class="govuk-visually-hidden"> page</span>')),
        }
        if page.has_next()
        else None,
        "items": items,
        "landmarkLabel": label,
    }
