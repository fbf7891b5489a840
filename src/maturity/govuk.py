"""Django form fields mapped once to the parameters of the GOV.UK Frontend macros.

Templates call, for example, `govukInput(field_input(form["email"], label="Email address"))`,
so every form gets the design system's labels, hints, inline errors and error summary without
hand-written component HTML.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField


def _error(field: BoundField) -> dict[str, str] | None:
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors)}
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
    return {"titleText": "There is a problem", "errorList": error_list}


def _anchor(bound: BoundField, field: forms.Field) -> str:
    # Radios: the first radio has the idPrefix as its id, so the link lands on it.
    return bound.id_for_label or bound.html_name
