"""The Jinja2 environment: our templates first, then the GOV.UK Frontend macros.

One environment is shared by every page (building one per component is slow), and it exposes
only a few globals: URL reversing, static paths and the product's name.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, Undefined

from markupsafe import Markup

from maturity import govuk, govuk_radios, govuk_table, govuk_task_list, legal, text, words


def link(href: str, text: str, hidden: str = "", classes: str = "govuk-link") -> Markup:
    """An escaped link for a table cell or a tag list; `hidden` is visually hidden context."""
    if hidden:
        return format_html('<a class="{}" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>', classes, href, text, hidden)
    return format_html('<a class="{}" href="{}">{}</a>', classes, href, text)


def _plural(count, singular: str, plural: str | None = None) -> str:
    """The `plural` filter: nothing for a variable the page did not set (as `{{ count }}` prints)."""
    return "" if isinstance(count, Undefined) else words.plural(count, singular, plural)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            FileSystemLoader(str(settings.PACKAGE_DIR / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)
    env.globals.update(
        url=url,
        link=link,
        static=static,
        product_name=settings.PRODUCT_NAME,
        demo_mode=lambda: settings.DEMO,
        get_messages=get_messages,
        field_input=govuk.field_input,
        field_textarea=govuk.field_textarea,
        field_radios=govuk.field_radios,
        field_select=govuk.field_select,
        field_checkboxes=govuk.field_checkboxes,
        field_date=govuk.field_date,
        error_summary=govuk.error_summary,
        govuk_table=govuk_table.table,
        stacked=govuk_table.stacked,
        current_framework=legal.current_framework,
        feedback_href=legal.feedback_href,
        govuk_radios=govuk_radios.radios,
        govuk_task_list=govuk_task_list.task_list,
    )
    env.filters.update(
        blocks=text.blocks_html,
        plain=text.plain,
        split_lines=lambda value: str(value).split("\n"),
        date_uk=words.date_uk,
        time_uk=words.time_uk,
        when_uk=words.when_uk,
        plural=_plural,
        noun_for=words.noun_for,
    )
    return env
