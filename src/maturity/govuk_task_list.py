"""The GOV.UK task list component's markup, written in Python.

govuk-frontend-jinja's `govukTaskList` macro calls an item macro and the tag macro for each area;
it was the largest part of rendering an assessment's task list (issue 13's profile). This function
writes the same elements, classes and attributes, escaped the same way, as govuk_table.py and
govuk_radios.py do for theirs; `templates/govuk_frontend_jinja/components/task-list/macro.html`
stands in for the package's macro, and tests/test_govuk_task_list.py compares the two.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from maturity.govuk_radios import _classes, _content, _printed
from maturity.govuk_table import _get, attributes


def tag(params: Any) -> str:
    """The `govukTag` macro."""
    return (
        f'<strong class="{_classes("govuk-tag", _get(params, "classes"))}"'
        f"{attributes(_get(params, 'attributes'))}>{_content(params)}</strong>"
    )


def _item(item: Any, index: int, id_prefix: Any) -> str:
    hint_id = f"{id_prefix}-{index}-hint"
    status_id = f"{id_prefix}-{index}-status"
    href, title, item_hint, status = (_get(item, name) for name in ("href", "title", "hint", "status"))
    classes = "govuk-task-list__item" + (" govuk-task-list__item--with-link" if href else "")
    if _get(item, "classes"):
        classes += f" {_printed(_get(item, 'classes'))}"
    html = [f'<li class="{classes}">', '<div class="govuk-task-list__name-and-hint">']
    if href:
        described = f"{hint_id} " if item_hint else ""
        html.append(
            f'<a class="{_classes("govuk-link govuk-task-list__link", _get(title, "classes"))}" '
            f'href="{_printed(href)}" aria-describedby="{_printed(described)}{_printed(status_id)}">'
            f"{_content(title)}</a>"
        )
    else:
        title_classes = f' class="{_printed(_get(title, "classes"))}"' if _get(title, "classes") else ""
        html.append(f"<div{title_classes}>{_content(title)}</div>")
    if item_hint:
        html.append(f'<div id="{_printed(hint_id)}" class="govuk-task-list__hint">{_content(item_hint)}</div>')
    html.append("</div>")
    html.append(
        f'<div class="{_classes("govuk-task-list__status", _get(status, "classes"))}" id="{_printed(status_id)}">'
        f"{tag(_get(status, 'tag')) if _get(status, 'tag') else _content(status)}</div>"
    )
    html.append("</li>")
    return "\n".join(html)


def task_list(params: Any) -> Markup:
    """The `govukTaskList` macro."""
    id_prefix = _get(params, "idPrefix") or "task-list"
    html = [
        f'<ul class="{_classes("govuk-task-list", _get(params, "classes"))}"{attributes(_get(params, "attributes"))}>'
    ]
    for index, item in enumerate(_get(params, "items") or (), start=1):
        if item:
            html.append(_item(item, index, id_prefix))
    html.append("</ul>")
    return Markup("\n".join(html))
