"""Our GOV.UK table (maturity/govuk_table.py, standing in for govuk-frontend-jinja's macro) gives
the markup of the package's own macro, for any table: compared element by element, whitespace
between tags aside."""

from __future__ import annotations

import re

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, PackageLoader, PrefixLoader
from markupsafe import Markup

from tests.html import contains_html

PACKAGE = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}), autoescape=True
)
CALL = '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}{{ govukTable(params) }}'


def normalised(html: str) -> str:
    """Whitespace between tags and inside a tag's attribute list aside (text is escaped, so a bare
    `>` or `<` is always a tag's)."""
    html = re.sub(r"\s+<", "<", re.sub(r">\s+", ">", re.sub(r"\s+>", ">", str(html))))
    return re.sub(r"\s+", " ", html).strip()


def package_macro(params) -> str:
    return normalised(PACKAGE.from_string(CALL).render(params=params))


def ours(params) -> str:
    return normalised(engines["jinja2"].env.from_string(CALL).render(params=params))


words = st.text(alphabet=st.sampled_from("ab <>&\"'£–1 "), max_size=8)
attribute_values = st.one_of(
    words,
    st.booleans(),
    st.integers(0, 9),
    st.fixed_dictionaries({"value": st.one_of(words, st.booleans(), st.none())}, optional={"optional": st.booleans()}),
)
attributes = st.one_of(
    st.dictionaries(st.sampled_from(["id", "data-x", "aria-label", "hidden"]), attribute_values, max_size=2),
    st.just(' data-raw="1"'),
)
cell = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(words, st.integers(-5, 500), st.none()),
        "html": st.one_of(words.map(Markup), st.just(Markup('<a class="govuk-link" href="/x">Link</a>'))),
        "format": st.sampled_from(["numeric", ""]),
        "classes": st.sampled_from(["app-a", "govuk-!-width-one-half", ""]),
        "colspan": st.integers(0, 3),
        "rowspan": st.integers(0, 2),
        "attributes": attributes,
    },
)
table = st.fixed_dictionaries(
    {"rows": st.lists(st.one_of(st.lists(cell, max_size=4), st.none()), max_size=4)},
    optional={
        "caption": words,
        "captionClasses": st.sampled_from(["govuk-table__caption--m", ""]),
        "firstCellIsHeader": st.booleans(),
        "classes": st.sampled_from(["app-table", ""]),
        "head": st.lists(cell, max_size=4),
        "attributes": attributes,
    },
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(table)
def test_our_table_has_the_markup_of_the_design_systems_macro(params):
    assert ours(params) == package_macro(params)


def test_a_results_table_is_the_same_markup():
    params = {
        "caption": "Gaps, largest first",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "attributes": {"id": "results-table"},
        "head": [{"text": "Area"}, {"text": "Current", "format": "numeric"}, {"text": "Gap", "format": "numeric"}],
        "rows": [
            [
                {"html": Markup('<a class="govuk-link" href="/a">Engaging councillors</a>')},
                {"text": 2, "format": "numeric"},
                {"text": "1 level", "format": "numeric", "classes": "app-gap"},
            ]
        ],
    }
    assert ours(params) == package_macro(params)
    assert contains_html(ours(params), '<td class="govuk-table__cell govuk-table__cell--numeric app-gap">1 level</td>')
