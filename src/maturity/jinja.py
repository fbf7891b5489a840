"""The Jinja2 environment: our templates first, then the GOV.UK Frontend macros.

One environment is shared by every page (building one per component is slow), and it exposes
only a few globals: URL reversing, static paths and the product's name.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, Undefined, pass_context
from markupsafe import Markup

from maturity import govuk, govuk_radios, govuk_table, govuk_task_list, language, legal, text, words
from maturity.frameworks import text as framework_text


# Translation in templates (docs/adr/0025-cymraeg.md): `_("Text")`, `_("Hello %(name)s", name=x)`,
# `ngettext("%(num)s area", "%(num)s areas", n)` and `{% trans %}` blocks. The values put into a
# text are escaped as the page is; `num` is written with its thousands marked (1,387).
def _translated(context, text: str, variables: dict) -> str:
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables else text


@pass_context
def _gettext(context, message: str, **variables) -> str:
    return _translated(context, translation.gettext(message), variables)


@pass_context
def _ngettext(context, singular: str, plural: str, num, **variables) -> str:
    if isinstance(num, Undefined):
        return ""
    variables.setdefault("num", words.number(num))
    return _translated(context, translation.ngettext(singular, plural, int(num)), variables)


@pass_context
def _pgettext(context, where: str, message: str, **variables) -> str:
    return _translated(context, translation.pgettext(where, message), variables)


def _translate_value(value) -> str:
    """The `translate` filter: a word the code keeps in English (a choice's label, marked N_) in the
    page's language, as plain text that the page escapes. `_()` is for texts written in templates:
    it trusts its text as HTML, so it never takes a value."""
    return translation.gettext(str(value)) if value not in (None, "") else ""


def page_counter() -> str:
    """The CSS `content` of a printed page's number, "Page " counter(page) " of " counter(pages), in
    the page's language, its words quoted as CSS strings (includes/_print_style.html)."""
    parts = []
    text = translation.gettext("Page %(page)s of %(pages)s")
    for piece in text.replace("%(pages)s", "\0pages\0").replace("%(page)s", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            FileSystemLoader(str(settings.PACKAGE_DIR / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("extensions", []).extend(["jinja2.ext.do", "jinja2.ext.i18n"])
    env = Environment(**options)  # noqa: S701 - Django's Jinja2 backend sets autoescape=True in options
    env.newstyle_gettext = True  # {% trans %} blocks call the functions below with their variables
    env.globals.update(
        _=_gettext,
        gettext=_gettext,
        ngettext=_ngettext,
        pgettext=_pgettext,
        html_lang=language.html_lang,
        page_counter=page_counter,
        language_switch=language.switch_links,
        url=url,
        link=govuk.link,
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
        in_english=framework_text.in_english,
        translate=_translate_value,
        framework_blocks=framework_text.framework_blocks,
        number=words.number,
    )
    return env
