"""The GOV.UK radios component's markup, written in Python.

govuk-frontend-jinja's `govukRadios` macro imports five other macros at each call and, for every
item, calls the label and hint macros and captures blocks; three radios (the levels and the
confidence) were the largest part of rendering an area's page (issue 13's profile), as the table
was on the results page (govuk_table.py). This function writes the same elements, classes and
attributes, escaped the same way. `templates/govuk_frontend_jinja/components/radios/macro.html`
stands in for the package's macro and calls it, so templates keep importing `govukRadios`;
tests/test_govuk_radios.py renders many radios with both and compares them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from markupsafe import Markup, escape

from maturity.govuk_table import MISSING, _get, attributes


def _printed(value: Any) -> str:
    """What Jinja prints for `{{ value }}`: nothing for undefined, escaped text otherwise."""
    return str(escape(value))


def _content(params: Any) -> str:
    """`params.html | safe | trim if params.html else params.text`."""
    html = _get(params, "html")
    return str(html).strip() if html else _printed(_get(params, "text"))


def _classes(base: str, extra: Any) -> str:
    return f"{base} {_printed(extra)}" if extra else base


def hint(params: Any) -> str:
    """The `govukHint` macro."""
    element_id = f' id="{_printed(_get(params, "id"))}"' if _get(params, "id") else ""
    return (
        f'<div{element_id} class="{_classes("govuk-hint", _get(params, "classes"))}"'
        f"{attributes(_get(params, 'attributes'))}>{_content(params)}</div>"
    )


def label(params: Any) -> str:
    """The `govukLabel` macro (without `isPageHeading`, which radios' items never set)."""
    if not (_get(params, "html") or _get(params, "text")):
        return ""
    target = f' for="{_printed(_get(params, "for"))}"' if _get(params, "for") else ""
    return (
        f'<label class="{_classes("govuk-label", _get(params, "classes"))}"'
        f"{attributes(_get(params, 'attributes'))}{target}>{_content(params)}</label>"
    )


def error_message(params: Any) -> str:
    """The `govukErrorMessage` macro."""
    element_id = f' id="{_printed(_get(params, "id"))}"' if _get(params, "id") else ""
    hidden = _get(params, "visuallyHiddenText")
    hidden = gettext("Error") if hidden is MISSING else hidden
    text = _content(params)
    inner = f'<span class="govuk-visually-hidden">{_printed(hidden)}:</span> {text}' if hidden else text
    return (
        f'<p{element_id} class="{_classes("govuk-error-message", _get(params, "classes"))}"'
        f"{attributes(_get(params, 'attributes'))}>{inner}</p>"
    )


def fieldset(params: Any, inner: str) -> str:
    """The `govukFieldset` macro, around `inner` (its `html`)."""
    described = f' aria-describedby="{_printed(_get(params, "describedBy"))}"' if _get(params, "describedBy") else ""
    html = [
        f'<fieldset class="{_classes("govuk-fieldset", _get(params, "classes"))}"{described}'
        f"{attributes(_get(params, 'attributes'))}>"
    ]
    legend = _get(params, "legend")
    if _get(legend, "html") or _get(legend, "text"):
        html.append(f'<legend class="{_classes("govuk-fieldset__legend", _get(legend, "classes"))}">')
        content = _content(legend)
        html.append(f'<h1 class="govuk-fieldset__heading">{content}</h1>' if _get(legend, "isPageHeading") else content)
        html.append("</legend>")
    html.append(inner)
    html.append("</fieldset>")
    return "\n".join(html)


def _is_checked(params: Any, item: Any) -> Any:
    """`item.checked | default(item.value == params.value and item.checked is not false, true)`."""
    checked = _get(item, "checked")
    if checked:
        return checked
    if _get(params, "value"):
        return _get(item, "value") == _get(params, "value") and checked is not False
    return False


def _item(params: Any, item: Any, index: int, id_prefix: Any) -> str:
    if _get(item, "divider"):
        return f'<div class="govuk-radios__divider">{_printed(_get(item, "divider"))}</div>'
    item_id = _get(item, "id") or f"{id_prefix}{f'-{index}' if index > 1 else ''}"
    conditional_id = f"conditional-{item_id}"
    checked = _is_checked(params, item)
    item_hint = _get(item, "hint")
    has_hint = bool(item_hint and (_get(item_hint, "text") or _get(item_hint, "html")))
    conditional = _get(item, "conditional")
    has_conditional = bool(conditional and _get(conditional, "html"))
    hint_id = f"{item_id}-item-hint"
    item_label = _get(item, "label")
    html = [
        '<div class="govuk-radios__item">',
        f'<input class="govuk-radios__input" id="{_printed(item_id)}" name="{_printed(_get(params, "name"))}" '
        f'type="radio" value="{_printed(_get(item, "value"))}"'
        + (" checked" if checked else "")
        + (" disabled" if _get(item, "disabled") else "")
        + (f' data-aria-controls="{_printed(conditional_id)}"' if has_conditional else "")
        + (f' aria-describedby="{_printed(hint_id)}"' if has_hint else "")
        + f"{attributes(_get(item, 'attributes'))}>",
        label(
            {
                "html": _get(item, "html"),
                "text": _get(item, "text"),
                "classes": "govuk-radios__label"
                + (f" {_get(item_label, 'classes')}" if item_label and _get(item_label, "classes") else ""),
                "attributes": _get(item_label, "attributes") if item_label else MISSING,
                "for": item_id,
            }
        ),
    ]
    if has_hint:
        html.append(
            hint(
                {
                    "id": hint_id,
                    "classes": "govuk-radios__hint"
                    + (f" {_get(item_hint, 'classes')}" if _get(item_hint, "classes") else ""),
                    "attributes": _get(item_hint, "attributes"),
                    "html": _get(item_hint, "html"),
                    "text": _get(item_hint, "text"),
                }
            )
        )
    html.append("</div>")
    if has_conditional:
        hidden = "" if checked else " govuk-radios__conditional--hidden"
        html.append(
            f'<div class="govuk-radios__conditional{hidden}" id="{_printed(conditional_id)}">'
            f"{str(_get(conditional, 'html')).strip()}</div>"
        )
    return "\n".join(html)


def _around_inputs(part: Any) -> str:
    """`formGroup.beforeInputs` or `afterInputs`: its html, or its text."""
    return str(_get(part, "html")).strip() if _get(part, "html") else _printed(_get(part, "text"))


def radios(params: Any) -> Markup:
    """The `govukRadios` macro."""
    id_prefix = _get(params, "idPrefix") or _get(params, "name")
    params_fieldset = _get(params, "fieldset")
    described_by = (
        _get(params_fieldset, "describedBy") if params_fieldset and _get(params_fieldset, "describedBy") else ""
    )
    form_group = _get(params, "formGroup")
    inner = []
    params_hint = _get(params, "hint")
    if params_hint:
        hint_id = f"{id_prefix}-hint"
        described_by = f"{described_by} {hint_id}" if described_by else hint_id
        inner.append(
            hint(
                {
                    "id": hint_id,
                    "classes": _get(params_hint, "classes"),
                    "attributes": _get(params_hint, "attributes"),
                    "html": _get(params_hint, "html"),
                    "text": _get(params_hint, "text"),
                }
            )
        )
    error = _get(params, "errorMessage")
    if error:
        error_id = f"{id_prefix}-error"
        described_by = f"{described_by} {error_id}" if described_by else error_id
        inner.append(
            error_message(
                {
                    "id": error_id,
                    **{
                        name: _get(error, name)
                        for name in ("classes", "attributes", "html", "text", "visuallyHiddenText")
                    },
                }
            )
        )
    inner.append(
        f'<div class="{_classes("govuk-radios", _get(params, "classes"))}"'
        f'{attributes(_get(params, "attributes"))} data-module="govuk-radios">'
    )
    if form_group and _get(form_group, "beforeInputs"):
        inner.append(_around_inputs(_get(form_group, "beforeInputs")))
    for index, item in enumerate(_get(params, "items") or (), start=1):
        if item:
            inner.append(_item(params, item, index, id_prefix))
    if form_group and _get(form_group, "afterInputs"):
        inner.append(_around_inputs(_get(form_group, "afterInputs")))
    inner.append("</div>")
    group_classes = "govuk-form-group" + (" govuk-form-group--error" if error else "")
    if form_group and _get(form_group, "classes"):
        group_classes += f" {_printed(_get(form_group, 'classes'))}"
    content = "\n".join(inner)
    if params_fieldset:
        content = fieldset(
            {
                "describedBy": described_by,
                "classes": _get(params_fieldset, "classes"),
                "attributes": _get(params_fieldset, "attributes"),
                "legend": _get(params_fieldset, "legend"),
            },
            content,
        )
    return Markup(
        f'<div class="{group_classes}"{attributes(_get(form_group, "attributes") if form_group else MISSING)}>\n'
        f"{content}\n</div>"
    )
