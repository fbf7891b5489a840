"""A council's lead works through an assessment in Chromium, with axe-core on every page visited."""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from maturity.assessments.models import Assessment, Response
from tests.browser.support import sign_in_with_cookie, sign_in_with_form, submit, visit
from tests.factories import PASSWORD

YEAR = timezone.localdate().year


def areas_in_order(framework):
    return list(framework.areas.select_related("section").order_by("position"))


def level_name(framework, number: int) -> str:
    return framework.level_names[number]


def question(page: Page, legend: str):
    return page.get_by_role("group", name=legend)


def answer_area(page: Page, framework, *, current: int, target: int, year: str, evidence: str, confidence: str) -> None:
    """Fill in the area form the way a person does: by the questions' visible labels."""
    question(page, "Where is your council now?").get_by_label(level_name(framework, current), exact=True).check()
    question(page, "What level does your council aim for?").get_by_label(
        level_name(framework, target), exact=True
    ).check()
    page.get_by_label("By which year does your council aim to reach it?").fill(year)
    page.get_by_label("Evidence", exact=True).fill(evidence)
    question(page, "How confident are you in this assessment?").get_by_label(confidence, exact=True).check()


def task_list_status(page: Page, area_label: str):
    return page.locator(".govuk-task-list__item", has=page.get_by_role("link", name=area_label, exact=True)).locator(
        ".govuk-task-list__status"
    )


def test_a_lead_signs_in_completes_two_areas_sees_the_results_and_signs_out(page, bnps, bcamden, blead):
    areas = areas_in_order(bnps)
    first, second = areas[0], areas[1]

    # Sign in through the form, from the link in the header.
    visit(page, "/")
    submit(page, page.get_by_role("link", name="Sign in", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    sign_in_with_form(page, blead.email, "not the password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    sign_in_with_form(page, blead.email, PASSWORD)

    # A member of one organisation lands on its home page.
    expect(page.get_by_role("heading", level=1)).to_have_text(bcamden.name)
    expect(page.get_by_text("Signed in as Lena Lead")).to_be_visible()

    # Start an assessment.
    submit(page, page.get_by_role("button", name="Start a new assessment"))
    page.get_by_label(bnps.title).check()
    expect(page.get_by_label("Name of the assessment")).to_have_value(re.compile(r"Self-assessment \d{4}"))
    submit(page, page.get_by_role("button", name="Start assessment"))
    expect(page.get_by_text(f"You have completed 0 of {len(areas)} areas")).to_be_visible()
    expect(task_list_status(page, first.label)).to_have_text("Not started")

    # The first area: a mistake in the year is explained in the GOV.UK error pattern.
    submit(page, page.get_by_role("link", name=first.label, exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    answer_area(
        page, bnps, current=2, target=4, year=str(YEAR - 1), evidence="Cabinet report of March.", confidence="Medium"
    )
    submit(page, page.get_by_role("button", name="Save and continue"))
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name=f"Enter a year between {YEAR} and {YEAR + 10}")).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend's script ran, under the CSP
    expect(question(page, "Where is your council now?").get_by_label(level_name(bnps, 2), exact=True)).to_be_checked()
    summary.get_by_role("link", name=f"Enter a year between {YEAR} and {YEAR + 10}").click()
    year = page.get_by_label("By which year does your council aim to reach it?")
    expect(year).to_be_focused()
    year.fill(str(YEAR + 2))
    submit(page, page.get_by_role("button", name="Save and continue"))

    # Save and continue leads to the next area.
    expect(page.get_by_text(f"Your answer for {first.label} has been saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    answer_area(page, bnps, current=3, target=5, year=str(YEAR + 4), evidence="Member training log.", confidence="High")
    submit(page, page.get_by_role("button", name="Save and come back later"))

    # Back on the task list: two of the areas are done.
    expect(page.get_by_text(f"You have completed 2 of {len(areas)} areas")).to_be_visible()
    expect(task_list_status(page, first.label)).to_have_text("Completed")
    expect(task_list_status(page, second.label)).to_have_text("Completed")
    expect(task_list_status(page, areas[2].label)).to_have_text("Not started")

    # Check answers shows what was saved; results show the two areas in the table and the chart.
    submit(page, page.get_by_role("link", name="Check your answers and mark the assessment complete"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator(f"#area-{first.key} + .govuk-summary-list")).to_contain_text("Cabinet report of March.")
    submit(page, page.get_by_role("link", name="Back to the task list"))
    submit(page, page.get_by_role("link", name="See the results and gaps"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results")
    table = page.get_by_role("table", name="Current level, target level and gap in each area")
    first_row = table.get_by_role("row").filter(has_text=first.label)
    expect(first_row).to_contain_text(f"2 – {level_name(bnps, 2)}")
    expect(first_row).to_contain_text(f"4 – {level_name(bnps, 4)}")
    expect(first_row).to_contain_text("2 levels")
    second_row = table.get_by_role("row").filter(has_text=second.label)
    expect(second_row).to_contain_text(f"3 – {level_name(bnps, 3)}")
    expect(second_row).to_contain_text(f"5 – {level_name(bnps, 5)}")
    chart = page.get_by_role("img", name="Radar chart of current and target maturity levels in each area")
    expect(chart).to_be_visible()
    assert chart.evaluate("el => el.tagName.toLowerCase()") == "svg"
    expect(page.get_by_text(f"2 of {len(areas)} areas have both a current and a target level so far")).to_be_visible()

    # Sign out with the button in the header area.
    submit(page, page.get_by_role("button", name="Sign out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    visit(page, f"/organisations/{bcamden.slug}/")
    assert "/accounts/sign-in/" in page.url  # signed out: the organisation asks for sign-in again

    saved = Assessment.objects.get(organisation=bcamden).responses.get(area=first)
    assert (saved.current_level, saved.target_level, saved.target_year, saved.confidence) == (2, 4, YEAR + 2, "medium")


def complete_every_area_but(assessment, user, *, left: str) -> None:
    Response.objects.filter(assessment=assessment).exclude(area__key=left).update(
        current_level=2,
        target_level=3,
        target_year=YEAR + 1,
        evidence="Minutes of the procurement board",
        confidence="high",
        updated_by=user,
    )


def test_a_lead_checks_the_answers_and_marks_the_assessment_complete(page, base_url, bassessment, blead):
    areas = areas_in_order(bassessment.framework)
    last = areas[-1]
    complete_every_area_but(bassessment, blead, left=last.key)
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/check/")
    expect(page.get_by_text(re.compile(r"^1 area is not completed"))).to_be_visible()

    # Marking complete with an area left is refused, and the error links to that area.
    submit(page, page.get_by_role("button", name="Mark as complete"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"Complete {last.label} before marking the assessment complete")
    summary.get_by_role("link", name=f"Complete {last.label}").click()
    expect(page.locator(f"#area-{last.key}")).to_be_focused()

    # The lead completes it from its Change link, then marks the assessment complete.
    submit(page, page.get_by_role("link", name=f"Change where your council is now in {last.label}"))
    answer_area(
        page,
        bassessment.framework,
        current=1,
        target=3,
        year=str(YEAR + 3),
        evidence="Supplier survey.",
        confidence="Low",
    )
    # "Change" came from check your answers, so saving goes back there (the GOV.UK pattern).
    submit(page, page.get_by_role("button", name="Save and return to check your answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    submit(page, page.get_by_role("link", name="Back to the task list"))
    expect(page.get_by_text(f"You have completed {len(areas)} of {len(areas)} areas")).to_be_visible()
    expect(page.get_by_role("heading", name="All areas completed")).to_be_visible()
    submit(page, page.get_by_role("link", name="Check your answers and mark the assessment complete"))
    expect(page.get_by_role("heading", name="Mark the assessment complete")).to_be_visible()
    expect(page.get_by_text(re.compile(r"areas? (is|are) not completed"))).to_have_count(0)
    submit(page, page.get_by_role("button", name="Mark as complete"))

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"“{bassessment.title}” is complete")
    bassessment.refresh_from_db()
    assert bassessment.status != Assessment.Status.IN_PROGRESS

    # Read only from now on.
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/")
    expect(page.locator(".govuk-inset-text")).to_contain_text("This assessment is complete")
    submit(page, page.get_by_role("link", name=last.label, exact=True))
    expect(page.get_by_role("heading", name="Your council's answer")).to_be_visible()
    expect(page.get_by_role("button", name="Save and continue")).to_have_count(0)


def test_the_results_table_links_each_area_to_its_answer(page, base_url, bassessment, blead):
    area = areas_in_order(bassessment.framework)[0]
    sign_in_with_cookie(page, base_url, blead)
    visit(page, f"/organisations/{bassessment.organisation.slug}/assessments/{bassessment.pk}/results/")
    table = page.get_by_role("table", name="Current level, target level and gap in each area")
    link = table.get_by_role("link", name=area.label, exact=True)
    assert link.count() == 1, table.get_by_role("row").nth(1).inner_text()
    submit(page, link)
    expect(page.get_by_role("heading", level=1)).to_have_text(area.title)
