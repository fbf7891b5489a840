"""The GOV.UK table component's markup, written in Python.

govuk-frontend-jinja's `govukTable` macro calls another macro (for attributes) and captures a
block for every cell; on the results and action plan pages its tables were the largest part of
rendering (issue 13's profile). This function writes the same elements, classes and attributes,
escaped the same way, at a fraction of the cost. `templates/govuk_frontend_jinja/components/table/
macro.html` stands in for the package's macro (our templates are found first) and calls it, so
templates keep importing `govukTable` as the design system documents it.
tests/test_govuk_table.py renders many tables with both and compares them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape


class _Missing:
    """What Jinja calls undefined: false, and printed as nothing."""

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    __html__ = __str__


MISSING = _Missing()


def _get(item: Any, name: str) -> Any:
    """What Jinja's `item.name` gives, for a mapping or an object."""
    if isinstance(item, Mapping):
        return item.get(name, MISSING)
    return getattr(item, name, MISSING)


def attributes(value: Any) -> str:
    """The `govukAttributes` macro: ` name="value"` pairs; a string is passed through as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        return str(value)
    if not isinstance(value, Mapping):
        return ""
    html = []
    for name, option in value.items():
        if isinstance(option, Mapping) and option.get("val") is not None and len(option):
            option = option["val"]
        if isinstance(option, Mapping):
            shown, optional = _get(option, "value"), option.get("optional") is True
        else:
            shown, optional = (str(option).lower() if isinstance(option, bool) else option), False
        if optional and shown is True:
            html.append(f" {escape(name)}")
        elif (optional and shown is not MISSING and shown is not None and shown is not False) or not optional:
            html.append(f' {escape(name)}="{escape(shown)}"')
    return "".join(html)


def _content(cell: Any) -> str:
    content = _get(cell, "html")
    return str(content) if content else str(escape(_get(cell, "text")))


def _spans(cell: Any) -> str:
    html = ""
    if _get(cell, "colspan"):
        html += f' colspan="{escape(_get(cell, "colspan"))}"'
    if _get(cell, "rowspan"):
        html += f' rowspan="{escape(_get(cell, "rowspan"))}"'
    return html


def _classes(base: str, cell: Any, modifier: str | None = None) -> str:
    classes = base
    if modifier and _get(cell, "format"):
        classes += f" {modifier}--{escape(_get(cell, 'format'))}"
    if _get(cell, "classes"):
        classes += f" {escape(_get(cell, 'classes'))}"
    return classes


def table(params: Any) -> Markup:
    html = [f'<table class="{_classes("govuk-table", params)}"{attributes(_get(params, "attributes"))}>']
    if _get(params, "caption"):
        caption = escape(_get(params, "caption"))
        extra = f" {escape(_get(params, 'captionClasses'))}" if _get(params, "captionClasses") else ""
        html.append(f'<caption class="govuk-table__caption{extra}">{caption}</caption>')
    head = _get(params, "head")
    if head:
        html.append('<thead class="govuk-table__head"><tr class="govuk-table__row">')
        for item in head:
            html.append(
                f'<th scope="col" class="{_classes("govuk-table__header", item, "govuk-table__header")}"'
                f"{_spans(item)}{attributes(_get(item, 'attributes'))}>{_content(item)}</th>"
            )
        html.append("</tr></thead>")
    html.append('<tbody class="govuk-table__body">')
    first_is_header = _get(params, "firstCellIsHeader")
    for row in _get(params, "rows") or ():
        if not row:
            continue
        html.append('<tr class="govuk-table__row">')
        for index, cell in enumerate(row):
            common = f"{_spans(cell)}{attributes(_get(cell, 'attributes'))}"
            if index == 0 and first_is_header:
                html.append(
                    f'<th scope="row" class="{_classes("govuk-table__header", cell)}"{common}>{_content(cell)}</th>'
                )
            else:
                html.append(
                    f'<td class="{_classes("govuk-table__cell", cell, "govuk-table__cell")}"{common}>'
                    f"{_content(cell)}</td>"
                )
        html.append("</tr>")
    html.append("</tbody></table>")
    return Markup("\n".join(html))


def _plain(item: Any) -> str:
    """A heading cell's words without markup: its text, or its HTML with the tags taken out."""
    import re

    text = _get(item, "text")
    if text:
        return str(text)
    html = _get(item, "html")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html))).strip() if html else ""


CELL_FIELDS = ("text", "html", "format", "classes", "colspan", "rowspan")


def stacked(params: Any) -> dict[str, Any]:
    """`params` with each cell labelled by its column's heading (`data-label`), which the stylesheet
    shows before the cell when a phone stacks the table's rows (includes/table.html)."""
    labels = [_plain(item) for item in (_get(params, "head") or ())]
    rows = []
    for row in _get(params, "rows") or ():
        cells = []
        for index, cell in enumerate(row or ()):
            label = labels[index] if index < len(labels) else ""
            own = _get(cell, "attributes")
            if label and (not own or isinstance(own, Mapping)):
                fields = cell if isinstance(cell, Mapping) else {name: _get(cell, name) for name in CELL_FIELDS}
                cell = {**fields, "attributes": {**(own or {}), "data-label": label}}
            cells.append(cell)
        rows.append(cells)
    return {**params, "rows": rows}
