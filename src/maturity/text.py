"""Framework text: a plain string, or a list of paragraphs and bullet lists.

The strategy's cells mix paragraphs and bullet lists; the framework file keeps them as blocks
(see docs/adr/0002-framework-data-format.md). These helpers turn blocks into escaped HTML for
pages and into plain text for exports, search and charts.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

Blocks = str | list[Any]


def as_blocks(value: Blocks | None) -> list[str | dict[str, list[str]]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def blocks_html(value: Blocks | None, paragraph_class: str = "govuk-body") -> Markup:
    parts: list[str] = []
    for block in as_blocks(value):
        if isinstance(block, str):
            parts.append(f'<p class="{paragraph_class}">{escape(block)}</p>')
        else:
            items = "".join(f"<li>{escape(item)}</li>" for item in block["bullets"])
            parts.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
    return Markup("".join(parts))


def plain(value: Blocks | None, bullet: str = "• ") -> str:
    lines: list[str] = []
    for block in as_blocks(value):
        if isinstance(block, str):
            lines.append(block)
        else:
            lines.extend(f"{bullet}{item}" for item in block["bullets"])
    return "\n".join(lines)
