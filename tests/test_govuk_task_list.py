"""Our GOV.UK task list (maturity/govuk_task_list.py, standing in for govuk-frontend-jinja's macro)
gives the markup of the package's own macro, for any task list: compared element by element,
whitespace between tags aside (as tests/test_govuk_table.py does for the table)."""

from __future__ import annotations

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from tests.test_govuk_table import PACKAGE, attributes, normalised, words

CALL = (
    '{% from "govuk_frontend_jinja/components/task-list/macro.html" import govukTaskList %}{{ govukTaskList(params) }}'
)


def package_macro(params) -> str:
    return normalised(PACKAGE.from_string(CALL).render(params=params))


def ours(params) -> str:
    return normalised(engines["jinja2"].env.from_string(CALL).render(params=params))


html = st.one_of(words.map(Markup), st.just(Markup('<span class="app-x">Done &amp; dusted</span>')))
text_or_html = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(words, st.integers(0, 9), st.none()),
        "html": html,
        "classes": st.sampled_from(["app-a", ""]),
    },
)
tag = st.fixed_dictionaries(
    {},
    optional={
        "text": words,
        "html": html,
        "classes": st.sampled_from(["govuk-tag--blue", ""]),
        "attributes": attributes,
    },
)
status = st.one_of(
    st.fixed_dictionaries({"tag": tag}, optional={"classes": st.sampled_from(["app-s", ""])}), text_or_html
)
item = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"title": text_or_html, "status": status},
        optional={
            "href": st.sampled_from(["/areas/a/", "/x?a=1&b=2", ""]),
            "hint": text_or_html,
            "classes": st.sampled_from(["app-item", ""]),
        },
    ),
)
task_lists = st.fixed_dictionaries(
    {"items": st.lists(item, max_size=5)},
    optional={
        "idPrefix": st.sampled_from(["section-engaging", "", "a<b"]),
        "classes": st.sampled_from(["app-list", ""]),
        "attributes": attributes,
    },
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(task_lists)
def test_our_task_list_has_the_markup_of_the_design_systems_macro(params):
    assert ours(params) == package_macro(params)
