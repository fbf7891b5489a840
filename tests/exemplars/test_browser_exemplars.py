"""Exemplars in Chromium: a lead offers help and withdraws it, a council marks where it wants help
and asks an exemplar for an introduction, the exemplar accepts, and the national team sees supply
and demand. axe-core checks every page visited (tests/browser/support.py).

The browser fixtures come from tests/browser/plugin.py, as for every browser test."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from maturity.exemplars.models import IntroductionRequest, Offer
from maturity.organisations.models import Role
from tests.browser.support import sign_in_with_cookie, submit, visit
from tests.exemplars.helpers import assess, offer
from tests.factories import give_two_factor, make_member, make_organisation
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.browser


def first_areas(framework):
    return list(framework.areas.order_by("position")[:2])


@pytest.fixture
def bislington(bnps):
    organisation = make_organisation("Islington", type="london-borough", region="London", population=216_000)
    lead_ = make_member(organisation, Role.LEAD, "Ivy Islington")
    area = first_areas(bnps)[0]
    assess(organisation, bnps, lead_, {area.key: (5, 5)})
    return organisation, lead_


def sign_in_as(page, base_url, user):
    page.context.clear_cookies()
    sign_in_with_cookie(page, base_url, user)


def test_a_lead_offers_help_and_withdraws_it(page, base_url, bnps, bislington):
    organisation, lead_ = bislington
    area = first_areas(bnps)[0]
    sign_in_as(page, base_url, lead_)
    visit(page, f"/organisations/{organisation.slug}/exemplars/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help other councils")
    submit(page, page.get_by_role("link", name=f"Offer help with {area.label}"))

    # A mistake is explained in the GOV.UK error pattern.
    page.get_by_label("Contact's full name").fill("")
    submit(page, page.get_by_role("button", name="Save offer"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter the name of the person to contact")
    expect(summary).to_contain_text("Select at least one thing you can share")

    page.get_by_label("Contact's full name").fill("Ivy Islington")
    page.get_by_label("Contact's role").fill("Head of Procurement")
    page.get_by_label("Contact's email address").fill("ivy@islington.example")
    page.get_by_role("group", name="What can you share?").get_by_label("A case study").check()
    page.get_by_role("group", name="What can you share?").get_by_label("A call or a meeting").check()
    page.get_by_label("Tell other councils more (optional)").fill("Our councillor briefing pack.")
    page.get_by_role("group", name="Who may see this offer?").get_by_label("Every participating organisation").check()
    submit(page, page.get_by_role("button", name="Save offer"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Your offer of help with {area.label} is saved"
    )
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name=area.label))
    expect(card).to_contain_text("A case study, A call or a meeting")
    expect(card).to_contain_text("Every participating organisation")

    submit(page, card.get_by_role("link", name=f"Withdraw ({area.label})"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Are you sure you want to withdraw your offer of help with {area.label}?"
    )
    submit(page, page.get_by_role("button", name="Withdraw offer"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("withdrawn and no longer shown")
    assert not Offer.objects.filter(withdrawn_at__isnull=True).exists()


def test_a_council_asks_an_exemplar_for_an_introduction_and_the_exemplar_accepts(
    page, base_url, bnps, bcamden, blead, bislington
):
    first, second = first_areas(bnps)
    bcamden.population = 210_000
    bcamden.save()
    assess(bcamden, bnps, blead, {first.key: (2, 4)})
    organisation, exemplar_lead = bislington
    offer(organisation, first.key, exemplar_lead, contact_name="Ivy Islington", contact_email="ivy@islington.example")

    sign_in_as(page, base_url, blead)
    visit(page, f"/organisations/{bcamden.slug}/exemplars/help/")
    expect(page.get_by_role("heading", level=2, name=first.label)).to_be_visible()
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name="Islington"))
    expect(card).to_contain_text(
        "Same type: London borough; same region: London; population within 20%; at " + bnps.level_names[5]
    )

    # Mark another area as one where help is wanted.
    submit(page, page.get_by_role("link", name="Choose the areas where you want help"))
    page.get_by_role("group", name="Where does your council want help?").get_by_label(second.label, exact=True).check()
    submit(page, page.get_by_role("button", name="Save areas"))
    expect(page.get_by_role("heading", level=2, name=second.label)).to_be_visible()
    expect(page.get_by_text("No exemplar is available for this area at the moment.")).to_be_visible()

    # Ask Islington, forgetting the message first.
    submit(page, card.get_by_role("link", name="Ask for an introduction (Islington)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask Islington for an introduction")
    submit(page, page.get_by_role("button", name="Send request"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a message for the exemplar")
    page.get_by_label("Your message").fill("Could we have a call about briefing councillors?")
    submit(page, page.get_by_role("button", name="Send request"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request to Islington")
    expect(page.locator("main .govuk-tag")).to_have_text("Waiting for an answer")

    # Islington's lead accepts.
    sent_emails().clear()
    sign_in_as(page, base_url, exemplar_lead)
    visit(page, f"/organisations/{organisation.slug}/exemplars/")
    submit(page, page.get_by_role("link", name=f"{bcamden.name} asking about {first.label}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request from {bcamden.name}")
    page.get_by_label("Yes, accept it").check()
    page.get_by_label("Note to the requester (optional)").fill("Any Tuesday morning suits.")
    submit(page, page.get_by_role("button", name="Send answer"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You accepted the request")
    expect(page.get_by_role("link", name=blead.email)).to_be_visible()
    assert IntroductionRequest.objects.get().status == IntroductionRequest.Status.ACCEPTED
    assert sorted(m.to[0] for m in sent_emails()) == sorted([blead.email, "ivy@islington.example"])

    # Camden sees Islington's contact.
    sign_in_as(page, base_url, blead)
    visit(page, f"/organisations/{bcamden.slug}/exemplars/help/")
    submit(page, page.get_by_role("link", name=f"Islington about {first.label}"))
    expect(page.get_by_role("link", name="ivy@islington.example")).to_be_visible()
    expect(page.get_by_text("Any Tuesday morning suits.").first).to_be_visible()


def test_the_national_team_sees_supply_and_demand_and_every_offer(page, base_url, bnps, bcamden, blead, bislington):
    from maturity.accounts.models import User
    from maturity.exemplars import services

    first, second = first_areas(bnps)
    assess(bcamden, bnps, blead, {first.key: (2, 4)})
    organisation, exemplar_lead = bislington
    national_only = offer(
        organisation, first.key, exemplar_lead, visibility="national", contact_email="ivy@islington.example"
    )
    services.set_help_wanted(organisation=bcamden, areas=[first, second], user=blead)
    admin = User.objects.create_user(
        email="nina@lga.example", password="x" * 12, full_name="Nina National", is_national_admin=True
    )
    give_two_factor(admin)  # national administrators must have an authenticator app
    sign_in_as(page, base_url, admin)
    visit(page, "/national/exemplars/")
    balance = page.get_by_role("table", name="Help wanted and offered, by area: most wanted and least offered first")
    expect(balance.get_by_role("row").nth(1)).to_contain_text(second.label)
    expect(page.get_by_role("table", name="Areas where help is wanted and no exemplar is suggested")).to_contain_text(
        bcamden.name
    )
    submit(page, page.get_by_role("link", name="See every offer by name, with its contact"))
    expect(page.get_by_role("heading", name=f"Islington: {first.label}")).to_be_visible()
    expect(page.get_by_text("ivy@islington.example")).to_be_visible()
    expect(page.get_by_text("The national team only", exact=True)).to_be_visible()
    assert national_only.visibility == "national"
