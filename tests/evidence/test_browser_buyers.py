"""The national team matches a buyer of notices to an organisation: with JavaScript the list of every
council is an accessible autocomplete that finds a council however its name is written; without
it, the select; either way the likely council is offered first (issue 15). In Chromium, with
axe-core (WCAG 2.2 A and AA) on every page visited."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import expect

from tests.browser.support import sign_in_with_cookie, submit, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def buyer(transactional_db):
    from maturity.evidence.models import BuyerMapping
    from tests.factories import make_organisation

    for name in ("North Somerset", "York", "Brighton and Hove", "Camden"):
        make_organisation(name)
    return BuyerMapping.objects.create(key="name:unmatched", name="Yorks Procurement Hub")


@pytest.fixture
def admin(transactional_db):
    from tests.factories import make_national_admin

    return make_national_admin("Nadia National")


@pytest.fixture(autouse=True)
def patient(request):
    """The first page a test server renders compiles the templates: on a busy machine, seconds."""
    for name in ("page", "page_without_javascript"):
        if name in request.fixturenames:
            request.getfixturevalue(name).set_default_navigation_timeout(60_000)


def test_a_buyer_is_matched_by_typing_the_name_as_the_notices_write_it(page, base_url, buyer, admin):
    from maturity.evidence.models import BuyerMapping

    sign_in_with_cookie(page, base_url, admin)
    visit(page, f"/national/evidence/buyers/{buyer.pk}/")
    box = page.get_by_role("combobox", name="Which organisation is this buyer?")
    box.fill("City of York Council")
    expect(page.get_by_role("option", name="York", exact=True)).to_be_visible()
    box.fill("Brighton & Hove")
    option = page.get_by_role("option", name="Brighton and Hove", exact=True)
    expect(option).to_be_visible()
    option.click()
    submit(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("“Yorks Procurement Hub” is now matched to Brighton and Hove")).to_be_visible()
    assert BuyerMapping.objects.get(pk=buyer.pk).organisation.name == "Brighton and Hove"


def test_without_javascript_the_select_offers_the_likely_council_first(page_without_javascript, base_url, buyer, admin):
    from maturity.evidence.models import BuyerMapping

    page = page_without_javascript
    BuyerMapping.objects.filter(pk=buyer.pk).update(name="North Somerset Council")
    sign_in_with_cookie(page, base_url, admin)
    visit(page, f"/national/evidence/buyers/{buyer.pk}/")
    select = page.get_by_label("Which organisation is this buyer?")
    expect(select).to_have_value(
        str(
            __import__("maturity.organisations.models", fromlist=["Organisation"])
            .Organisation.objects.get(name="North Somerset")
            .pk
        )
    )
    submit(page, page.get_by_role("button", name="Save"))
    assert BuyerMapping.objects.get(pk=buyer.pk).organisation.name == "North Somerset"
