"""A council's lead goes through an assessment in Welsh (docs/adr/0025-cymraeg.md), in Chromium on the
narrowest phone WCAG's reflow criterion asks for (320 CSS pixels): the header's switch to Cymraeg, the
task list, an area answered and saved, the results and the action plan. Every page is checked with
axe-core, says <html lang="cy">, and fits 320 pixels without scrolling sideways, Welsh words being long."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.support import sign_in_with_cookie, submit, visit

YEAR = timezone.localdate().year


def in_welsh_and_fits(page: Page) -> None:
    assert page.evaluate("() => document.documentElement.lang") == "cy", page.url
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width}px wide in a 320px window"


def test_a_lead_goes_through_an_assessment_in_welsh_on_a_narrow_phone(narrow_page, base_url, bassessment, blead):
    page = narrow_page
    framework = bassessment.framework
    first = framework.areas.select_related("section").order_by("position").first()
    total = framework.areas.count()
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/")
    assert page.evaluate("() => document.documentElement.lang") == "en-GB"

    # The switch in the header, in its own language.
    submit(page, page.get_by_role("link", name="Cymraeg", exact=True))
    in_welsh_and_fits(page)
    expect(page.get_by_text(f"Rydych chi wedi cwblhau 0 o {total} maes.")).to_be_visible()
    expect(page.get_by_role("heading", name="Asesiad heb ei gwblhau")).to_be_visible()

    # An area, answered by its Welsh questions; the framework's own words stay English.
    submit(page, page.get_by_role("link", name=first.label, exact=True))
    in_welsh_and_fits(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    expect(page.locator("h1 [lang=en]")).to_have_count(1)
    page.get_by_role("group", name="Ble mae eich cyngor nawr?").get_by_text(framework.level_names[2], exact=True).tap()
    page.get_by_role("group", name="At ba lefel y mae eich cyngor yn anelu?").get_by_text(
        framework.level_names[4], exact=True
    ).tap()
    page.get_by_label("Erbyn pa flwyddyn y mae eich cyngor yn anelu at ei chyrraedd?").fill(str(YEAR + 2))
    page.get_by_label("Tystiolaeth", exact=True).fill("Adroddiad y cabinet ym mis Mawrth.")
    page.get_by_role("group", name="Pa mor hyderus ydych chi yn yr asesiad hwn?").get_by_text(
        "Canolig", exact=True
    ).tap()
    submit(page, page.get_by_role("button", name="Cadw a dod yn ôl yn nes ymlaen"))
    in_welsh_and_fits(page)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Mae eich ateb ar gyfer {first.label} wedi’i gadw."
    )
    expect(page.get_by_text(f"Rydych chi wedi cwblhau 1 o {total} maes.")).to_be_visible()

    # The results, then the action plan.
    submit(page, page.get_by_role("link", name="Gweld y canlyniadau a’r bylchau"))
    in_welsh_and_fits(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Canlyniadau")
    expect(page.get_by_role("heading", name="Ble mae’r bylchau fwyaf")).to_be_visible()
    submit(page, page.get_by_role("link", name=bassessment.title, exact=True))
    in_welsh_and_fits(page)
    submit(page, page.get_by_role("link", name="Y cynllun gweithredu"))
    in_welsh_and_fits(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cynllun gweithredu")
    expect(page.get_by_text("Dim camau gweithredu eto.", exact=False)).to_be_visible()
