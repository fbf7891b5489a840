"""Our GOV.UK radios (maturity/govuk_radios.py, standing in for govuk-frontend-jinja's macro) give
the markup of the package's own macro, for any radios: compared element by element, whitespace
between tags aside (as tests/test_govuk_table.py does for the table)."""

from __future__ import annotations

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from maturity import govuk
from tests.test_govuk_table import PACKAGE, attributes, normalised, words

CALL = '{% from "govuk_frontend_jinja/components/radios/macro.html" import govukRadios %}{{ govukRadios(params) }}'


def package_macro(params) -> str:
    return normalised(PACKAGE.from_string(CALL).render(params=params))


def ours(params) -> str:
    return normalised(engines["jinja2"].env.from_string(CALL).render(params=params))


html = st.one_of(
    words.map(Markup), st.just(Markup('<p class="govuk-body">A <a class="govuk-link" href="/x">link</a></p>'))
)
text_or_html = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(words, st.integers(0, 9), st.none()),
        "html": html,
        "classes": st.sampled_from(["app-a", ""]),
        "attributes": attributes,
    },
)
values = st.sampled_from(["1", "2", "3", "", "a&b"])
item = st.one_of(
    st.fixed_dictionaries({"divider": words}),
    st.fixed_dictionaries(
        {"value": values},
        optional={
            "text": st.one_of(words, st.integers(0, 9)),
            "html": html,
            "id": st.sampled_from(["own-id", ""]),
            "checked": st.one_of(st.booleans(), st.none()),
            "disabled": st.booleans(),
            "hint": text_or_html,
            "label": st.fixed_dictionaries(
                {}, optional={"classes": st.sampled_from(["govuk-label--s", ""]), "attributes": attributes}
            ),
            "conditional": st.fixed_dictionaries({"html": html}),
            "attributes": attributes,
        },
    ),
    st.none(),
)
radios = st.fixed_dictionaries(
    {"name": st.sampled_from(["current_level", "a<b"]), "items": st.lists(item, max_size=5)},
    optional={
        "idPrefix": st.sampled_from(["level", ""]),
        "value": values,
        "classes": st.sampled_from(["govuk-radios--small", ""]),
        "attributes": attributes,
        "hint": text_or_html,
        "errorMessage": st.fixed_dictionaries(
            {},
            optional={
                "text": words,
                "html": html,
                "classes": st.sampled_from(["x", ""]),
                "visuallyHiddenText": st.sampled_from(["Error", "", "Fix"]),
                "attributes": attributes,
            },
        ),
        "fieldset": st.fixed_dictionaries(
            {
                "legend": st.fixed_dictionaries(
                    {},
                    optional={
                        "text": words,
                        "html": html,
                        "classes": st.sampled_from(["govuk-fieldset__legend--m", ""]),
                        "isPageHeading": st.booleans(),
                    },
                )
            },
            optional={
                "describedBy": st.sampled_from(["other-id", ""]),
                "classes": st.sampled_from(["app-f", ""]),
                "attributes": attributes,
            },
        ),
        "formGroup": st.fixed_dictionaries(
            {},
            optional={
                "classes": st.sampled_from(["app-g", ""]),
                "attributes": attributes,
                "beforeInputs": text_or_html,
                "afterInputs": text_or_html,
            },
        ),
    },
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(radios)
def test_our_radios_have_the_markup_of_the_design_systems_macro(params):
    assert ours(params) == package_macro(params)


def test_the_radios_of_a_form_field_match_too(rf):
    """What the pages pass: govuk.field_radios over a bound form with an error."""
    from django import forms

    class Form(forms.Form):
        level = forms.ChoiceField(
            choices=[("1", "Minimum"), ("2", "Developing & more")],
            widget=forms.RadioSelect,
            label="Where is your council now?",
            help_text="Choose one",
        )

    form = Form({"level": "9"})
    form.is_valid()
    params = govuk.field_radios(form["level"], item_hints={"1": {"html": Markup("<p>First</p>")}})
    assert ours(params) == package_macro(params)
    assert "govuk-error-message" in ours(params)
