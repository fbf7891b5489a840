"""Rounds: who is invited, the emails sent once, submissions, declines, closing and publishing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from maturity.assessments.models import Assessment
from maturity.benchmarks import selectors, services
from maturity.benchmarks.models import Participant, Round, RoundEmail
from maturity.organisations.models import Invitation, Role
from tests.benchmarks.helpers import TODAY, make_round, signed_off, submit
from tests.factories import make_member, make_organisation
from tests.html import elements
from tests.jobs.support import sent_emails

day = datetime.timedelta(days=1)


def new_round(nps, admin, **change):
    values = dict(
        name="Diagnostic review 2027",
        framework=nps,
        opens_on=TODAY,
        closes_on=TODAY + 30 * day,
        organisation_types=list(selectors.COUNCIL_TYPES),
        regions=["London", "North West", "South East"],
        user=admin,
        today=TODAY,
    )
    values.update(change)
    return services.create_round(**values)


# --- Who is invited -------------------------------------------------------------------------------


def test_a_new_round_invites_every_current_council_of_the_chosen_types_and_regions(nps, admin, camden, manchester):
    kent = make_organisation("Kent", type="county", region="South East")
    make_organisation("Old Council", type="district", region="South East", end_date=TODAY - day)
    make_organisation("Greater Manchester", type="combined-authority", region="North West")
    make_organisation("Glasgow", type="unitary", nation="scotland", region="Scotland")
    round_ = new_round(nps, admin)
    invited = set(round_.participants.values_list("organisation__name", flat=True))
    assert invited == {camden.name, manchester.name, kent.name}
    assert round_.status == Round.Status.DRAFT


def test_combined_authorities_can_be_invited_too(nps, admin):
    make_organisation("Greater Manchester", type="combined-authority", region="North West")
    round_ = new_round(nps, admin, organisation_types=["combined-authority"], regions=["North West"])
    assert round_.participants.count() == 1


def test_an_organisation_ending_in_the_future_is_still_current(nps, admin):
    make_organisation("Ending Council", type="district", region="South East", end_date=TODAY + 10 * day)
    assert new_round(nps, admin).participants.count() == 1


def test_the_default_regions_are_englands(db):
    make_organisation("Kent", type="county", region="South East")
    make_organisation("Glasgow", type="unitary", nation="scotland", region="Scotland")
    assert selectors.english_regions(TODAY) == ["South East"]


def test_a_round_needs_someone_to_invite(nps, admin):
    with pytest.raises(services.RoundError, match="No current organisation"):
        new_round(nps, admin, regions=["Nowhere"])


def test_a_round_closes_after_it_opens(nps, admin, camden):
    with pytest.raises(services.RoundError, match="close date"):
        new_round(nps, admin, opens_on=TODAY + 10 * day, closes_on=TODAY + 5 * day)


def test_the_new_round_form_creates_a_draft_round(client, nps, admin, camden):
    client.force_login(admin)
    close = TODAY + 30 * day
    response = client.post(
        reverse("benchmarks:new-round"),
        {
            "name": "Review 2027",
            "framework": nps.pk,
            "opens_on-day": TODAY.day,
            "opens_on-month": TODAY.month,
            "opens_on-year": TODAY.year,
            "closes_on-day": close.day,
            "closes_on-month": close.month,
            "closes_on-year": close.year,
            "organisation_types": ["london-borough"],
            "regions": ["London"],
            "nations": ["england"],
        },
    )
    round_ = Round.objects.get(name="Review 2027")
    assert response.status_code == 302 and response["Location"] == reverse("benchmarks:round", args=[round_.pk])
    assert list(round_.participants.values_list("organisation", flat=True)) == [camden.pk]


def test_the_new_round_form_explains_a_missing_date(client, nps, admin, camden):
    client.force_login(admin)
    response = client.post(
        reverse("benchmarks:new-round"),
        {"name": "Review", "framework": nps.pk, "organisation_types": ["london-borough"], "regions": ["London"]},
    )
    assert response.status_code == 200
    assert "Enter the date the round opens" in response.content.decode()
    assert not Round.objects.exists()


# --- Opening: invitations, each sent once ----------------------------------------------------------


def test_opening_a_round_emails_each_invited_organisations_leads(
    nps, admin, camden, manchester, lead, outsider, viewer
):
    round_ = new_round(nps, admin)
    sent = services.open_round(round_=round_, user=admin, today=TODAY)
    assert sent.invitations == 2
    recipients = sorted(m.to[0] for m in sent_emails())
    assert recipients == sorted([lead.email, outsider.email])
    assert all("Diagnostic review 2027" in m.subject for m in sent_emails())
    assert reverse("benchmarks:organisation-rounds", kwargs={"slug": camden.slug}) in sent_emails()[0].body
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN


def test_an_organisation_with_no_users_is_emailed_at_its_contact_address_and_invited_to_create_an_account(nps, admin):
    kent = make_organisation("Kent", type="county", region="South East", contact_email="Procurement@Kent.example")
    round_ = new_round(nps, admin)
    sent = services.open_round(round_=round_, user=admin, today=TODAY)
    assert (sent.invitations, sent.accounts) == (1, 1)
    invitation = Invitation.objects.get(organisation=kent)
    assert invitation.email == "procurement@kent.example" and invitation.role == Role.LEAD
    assert sorted(m.to[0] for m in sent_emails()) == ["procurement@kent.example"] * 2
    assert any("create" in m.body and "account" in m.body for m in sent_emails())


def test_an_organisation_with_no_users_and_no_contact_address_is_reported(nps, admin):
    make_organisation("Kent", type="county", region="South East")
    sent = services.open_round(round_=new_round(nps, admin), user=admin, today=TODAY)
    assert sent.no_contact == ["Kent"] and sent_emails() == []


def test_invitations_are_sent_once_however_often_they_are_sent(nps, admin, camden, lead):
    make_organisation("Kent", type="county", region="South East", contact_email="kent@example.gov.uk")
    round_ = new_round(nps, admin)
    services.open_round(round_=round_, user=admin, today=TODAY)
    count = len(sent_emails())
    again = services.send_invitations(round_=round_, invited_by=admin)
    assert again.emails == 0 and len(sent_emails()) == count == 3
    assert RoundEmail.objects.filter(round=round_).count() == 3


def test_a_round_cannot_be_opened_twice(nps, admin, camden, lead):
    round_ = new_round(nps, admin)
    services.open_round(round_=round_, user=admin, today=TODAY)
    with pytest.raises(services.RoundError, match="already been opened"):
        services.open_round(round_=round_, user=admin, today=TODAY)


def test_a_lead_who_joins_after_the_round_opened_is_invited_by_the_next_remind_run(nps, admin, camden, lead):
    round_ = new_round(nps, admin)
    services.open_round(round_=round_, user=admin, today=TODAY)
    newcomer = make_member(camden, Role.LEAD, "Nia Newcomer")
    call_command("rounds", "remind", "--date", TODAY.isoformat(), stdout=io.StringIO())
    assert sent_emails()[-1].to == [newcomer.email]


# --- Reminders ---------------------------------------------------------------------------------


@pytest.fixture
def reminding(nps, admin, camden, manchester, lead, outsider):
    round_ = make_round(nps, [camden, manchester], user=admin, opens_on=TODAY - 20 * day, closes_on=TODAY + 20 * day)
    services.send_invitations(round_=round_)  # as when it opened
    sent_emails().clear()
    return round_


def remind(on: datetime.date) -> str:
    out = io.StringIO()
    call_command("rounds", "remind", "--date", on.isoformat(), stdout=out)
    return out.getvalue()


def test_the_reminder_windows_start_14_7_and_2_days_before_the_close():
    closes = datetime.date(2027, 3, 31)
    assert services.reminder_window(today=closes - 15 * day, closes_on=closes) is None
    assert services.reminder_window(today=closes - 14 * day, closes_on=closes) == 14
    assert services.reminder_window(today=closes - 8 * day, closes_on=closes) == 14
    assert services.reminder_window(today=closes - 7 * day, closes_on=closes) == 7
    assert services.reminder_window(today=closes, closes_on=closes) == 2
    assert services.reminder_window(today=closes + day, closes_on=closes) is None


def test_no_reminder_is_sent_before_the_first_window(reminding):
    assert remind(TODAY).startswith("Sent 0 reminders")
    assert sent_emails() == []


def test_reminders_go_to_organisations_that_have_not_answered_once_per_window(
    reminding, camden, manchester, lead, outsider, nps
):
    submit(reminding, camden, signed_off(camden, nps, lead))
    first_window = reminding.closes_on - 14 * day
    assert remind(first_window).startswith("Sent 1 reminder,")
    assert [m.to for m in sent_emails()] == [[outsider.email]]
    assert "Reminder" in sent_emails()[0].subject
    # The same day again, and later in the same window: nothing new.
    assert remind(first_window).startswith("Sent 0 reminders")
    assert remind(first_window + 3 * day).startswith("Sent 0 reminders")
    assert len(sent_emails()) == 1
    # The next window: one more.
    assert remind(reminding.closes_on - 7 * day).startswith("Sent 1 reminder,")
    assert len(sent_emails()) == 2


def test_an_organisation_that_declined_gets_no_reminder(reminding, manchester, outsider, camden, lead):
    Participant.objects.filter(round=reminding).update(
        status=Participant.Status.DECLINED, decline_reason=Participant.Reason.RESOURCES
    )
    assert remind(reminding.closes_on - 2 * day).startswith("Sent 0 reminders")


def test_a_closed_round_sends_no_reminders(reminding):
    services.close_round(round_=reminding)
    assert remind(reminding.closes_on - 2 * day).startswith("Sent 0 reminders")


def test_the_rounds_list_command_shows_each_rounds_responses(reminding, camden, nps, lead):
    submit(reminding, camden, signed_off(camden, nps, lead))
    out = io.StringIO()
    call_command("rounds", "list", stdout=out)
    assert reminding.name in out.getvalue() and "1 submitted, 0 not taking part, of 2 invited" in out.getvalue()


# --- Submitting and declining -------------------------------------------------------------------------


def test_a_lead_submits_a_signed_off_assessment_of_the_rounds_framework(
    open_round, camden, lead, signed_off_assessment
):
    participant = services.submit_to_round(
        round_=open_round,
        organisation=camden,
        assessment=signed_off_assessment,
        agrees_to_be_named=False,
        user=lead,
        today=TODAY,
    )
    assert participant.status == Participant.Status.SUBMITTED and participant.assessment == signed_off_assessment
    assert participant.agrees_to_be_named is False


def test_an_assessment_that_is_not_signed_off_cannot_be_submitted(open_round, camden, lead, assessment):
    with pytest.raises(services.RoundError, match="signed-off"):
        services.submit_to_round(
            round_=open_round,
            organisation=camden,
            assessment=assessment,
            agrees_to_be_named=False,
            user=lead,
            today=TODAY,
        )


def test_an_assessment_of_another_framework_cannot_be_submitted(open_round, camden, lead, nps):
    from maturity.frameworks import loader

    document = loader.read(loader.bundled_path())
    document["version"] = "2025"
    other = loader.load(document).framework
    with pytest.raises(services.RoundError, match="uses"):
        services.submit_to_round(
            round_=open_round,
            organisation=camden,
            assessment=signed_off(camden, other, lead),
            agrees_to_be_named=False,
            user=lead,
            today=TODAY,
        )


def test_another_organisations_assessment_cannot_be_submitted(open_round, camden, manchester, outsider, nps, lead):
    theirs = signed_off(manchester, nps, outsider)
    with pytest.raises(services.RoundError, match="your organisation"):
        services.submit_to_round(
            round_=open_round, organisation=camden, assessment=theirs, agrees_to_be_named=False, user=lead, today=TODAY
        )


def test_an_organisation_submits_once_per_round(open_round, camden, lead, nps, signed_off_assessment):
    services.submit_to_round(
        round_=open_round,
        organisation=camden,
        assessment=signed_off_assessment,
        agrees_to_be_named=False,
        user=lead,
        today=TODAY,
    )
    with pytest.raises(services.RoundError, match="already submitted"):
        services.submit_to_round(
            round_=open_round,
            organisation=camden,
            assessment=signed_off(camden, nps, lead),
            agrees_to_be_named=True,
            user=lead,
            today=TODAY,
        )
    assert Participant.objects.filter(round=open_round, organisation=camden).count() == 1


def test_the_database_keeps_one_participant_per_organisation_per_round(open_round, camden):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Participant.objects.create(round=open_round, organisation=camden)


def test_an_organisation_not_invited_cannot_submit(nps, admin, camden, lead, signed_off_assessment):
    round_ = make_round(nps, [], user=admin)
    with pytest.raises(services.RoundError, match="not invited"):
        services.submit_to_round(
            round_=round_,
            organisation=camden,
            assessment=signed_off_assessment,
            agrees_to_be_named=False,
            user=lead,
            today=TODAY,
        )


def test_a_closed_round_takes_no_submission(open_round, camden, lead, signed_off_assessment):
    services.close_round(round_=open_round)
    open_round.refresh_from_db()
    with pytest.raises(services.RoundError, match="not open"):
        services.submit_to_round(
            round_=open_round,
            organisation=camden,
            assessment=signed_off_assessment,
            agrees_to_be_named=False,
            user=lead,
            today=TODAY,
        )


def test_a_round_past_its_close_date_takes_no_submission(open_round, camden, lead, signed_off_assessment):
    with pytest.raises(services.RoundError, match="not open"):
        services.submit_to_round(
            round_=open_round,
            organisation=camden,
            assessment=signed_off_assessment,
            agrees_to_be_named=False,
            user=lead,
            today=open_round.closes_on + day,
        )


def test_a_decline_is_recorded_with_its_reason(open_round, camden, lead):
    participant = services.decline_round(
        round_=open_round, organisation=camden, reason="other-benchmark", detail="", user=lead, today=TODAY
    )
    assert participant.status == Participant.Status.DECLINED
    assert participant.decline_text == "We use CCIAF or another benchmark"
    assert participant.responded_by == lead


def test_another_reason_must_be_explained(open_round, camden, lead):
    with pytest.raises(services.RoundError, match="Say why"):
        services.decline_round(
            round_=open_round, organisation=camden, reason="other", detail=" ", user=lead, today=TODAY
        )
    participant = services.decline_round(
        round_=open_round,
        organisation=camden,
        reason="other",
        detail="Our procurement team is being restructured",
        user=lead,
        today=TODAY,
    )
    assert participant.decline_text == "Our procurement team is being restructured"


def test_an_organisation_that_declined_can_still_submit(open_round, camden, lead, signed_off_assessment):
    services.decline_round(
        round_=open_round, organisation=camden, reason="resources", detail="", user=lead, today=TODAY
    )
    participant = services.submit_to_round(
        round_=open_round,
        organisation=camden,
        assessment=signed_off_assessment,
        agrees_to_be_named=True,
        user=lead,
        today=TODAY,
    )
    assert participant.status == Participant.Status.SUBMITTED and participant.decline_reason == ""


def test_an_organisation_that_submitted_cannot_decline(open_round, camden, lead, signed_off_assessment):
    services.submit_to_round(
        round_=open_round,
        organisation=camden,
        assessment=signed_off_assessment,
        agrees_to_be_named=False,
        user=lead,
        today=TODAY,
    )
    with pytest.raises(services.RoundError, match="already submitted"):
        services.decline_round(
            round_=open_round, organisation=camden, reason="resources", detail="", user=lead, today=TODAY
        )


def test_the_submit_page_submits_and_records_agreement_to_be_named(
    client, open_round, camden, lead, signed_off_assessment
):
    client.force_login(lead)
    url = reverse("benchmarks:submit", kwargs={"slug": camden.slug, "round_id": open_round.pk})
    assert elements(client.get(url), "input", value="no", checked=True)  # not named unless the lead says so
    response = client.post(url, {"assessment": signed_off_assessment.pk, "named": "yes"})
    assert response.status_code == 302
    participant = Participant.objects.get(round=open_round, organisation=camden)
    assert participant.status == Participant.Status.SUBMITTED and participant.agrees_to_be_named


def test_the_submit_page_offers_only_signed_off_assessments(client, open_round, camden, lead, assessment):
    client.force_login(lead)
    page = client.get(
        reverse("benchmarks:submit", kwargs={"slug": camden.slug, "round_id": open_round.pk})
    ).content.decode()
    assert "has none yet" in page
    response = client.post(
        reverse("benchmarks:submit", kwargs={"slug": camden.slug, "round_id": open_round.pk}),
        {"assessment": assessment.pk, "named": "no"},
    )
    assert response.status_code == 200
    assert Participant.objects.get(round=open_round, organisation=camden).status == Participant.Status.INVITED


def test_the_decline_page_records_the_reason(client, open_round, camden, lead):
    client.force_login(lead)
    url = reverse("benchmarks:decline", kwargs={"slug": camden.slug, "round_id": open_round.pk})
    response = client.post(url, {"reason": "other", "detail": ""})
    assert response.status_code == 200 and "Say why your organisation will not take part" in response.content.decode()
    response = client.post(url, {"reason": "reorganisation"})
    assert response.status_code == 302
    assert Participant.objects.get(round=open_round, organisation=camden).decline_reason == "reorganisation"


# --- Tracking, closing, publishing ---------------------------------------------------------------------


def test_tracking_counts_invited_in_progress_submitted_and_declined_by_region_and_type(
    open_round, nps, camden, manchester, lead, outsider, assessment
):
    kent = make_organisation("Kent", type="county", region="South East")
    Participant.objects.create(
        round=open_round, organisation=kent, status=Participant.Status.DECLINED, decline_reason="resources"
    )
    # Camden has a draft (the `assessment` fixture): in progress. Manchester has nothing yet.
    tracking = selectors.tracking(open_round)
    total = tracking.total
    assert (total.invited, total.in_progress, total.submitted, total.declined, total.not_started) == (3, 1, 0, 1, 1)
    by_region = {row.label: (row.invited, row.in_progress, row.declined) for row in tracking.by_region}
    assert by_region == {"London": (1, 1, 0), "North West": (1, 0, 0), "South East": (1, 0, 1)}
    assert {row.label for row in tracking.by_type} == {"London borough", "Metropolitan district", "County council"}
    assert [p.organisation.name for p in tracking.outstanding] == ["Camden", "Manchester"]
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SIGNED_OFF)
    tracking = selectors.tracking(open_round)  # issue 15: signed off but not submitted is "Ready to submit"
    assert (tracking.total.ready, tracking.total.in_progress, tracking.total.not_started) == (1, 0, 1)
    assessment.refresh_from_db()
    submit(open_round, camden, assessment)
    assert selectors.tracking(open_round).total.submitted == 1


def test_the_responses_page_says_ready_to_submit_for_a_signed_off_assessment_not_submitted(
    client, admin, open_round, camden, nps, lead
):
    signed_off(camden, nps, lead)
    client.force_login(admin)
    page = client.get(reverse("benchmarks:responses", args=[open_round.pk])).content.decode()
    row = page[page.index(">Camden<") :]
    assert "Ready to submit" in row[: row.index("</tr>")]


def test_the_responses_page_lists_who_is_outstanding_by_region(client, admin, open_round, camden, manchester):
    client.force_login(admin)
    page = client.get(reverse("benchmarks:responses", args=[open_round.pk]), {"region": "London"}).content.decode()
    assert "Camden" in page and not any(th.text.endswith("Manchester") for th in elements(page, "th"))


def test_only_a_closed_round_can_be_published(open_round, admin):
    with pytest.raises(services.RoundError, match="closed"):
        services.publish_round(round_=open_round, user=admin, today=TODAY)


def test_publishing_freezes_the_figures(open_round, admin, nps, camden, lead):
    services.close_round(round_=open_round)
    published = services.publish_round(round_=open_round, user=admin, today=TODAY)
    assert published.status == Round.Status.PUBLISHED and published.published_results.invited == 2


def test_the_publish_page_asks_for_confirmation_then_publishes(client, admin, open_round):
    services.close_round(round_=open_round)
    client.force_login(admin)
    url = reverse("benchmarks:publish-round", args=[open_round.pk])
    assert "You cannot unpublish results" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    open_round.refresh_from_db()
    assert open_round.is_published


def test_opening_from_the_confirmation_page_sends_the_invitations(client, nps, admin, camden, lead):
    round_ = new_round(nps, admin)
    client.force_login(admin)
    response = client.post(reverse("benchmarks:open-round", args=[round_.pk]))
    assert response.status_code == 302 and len(sent_emails()) == 1


def test_the_demo_national_admin_can_sign_in_with_the_demo_password(db):
    from maturity.accounts.models import User
    from maturity.benchmarks.demo import NATIONAL_ADMIN_EMAIL, add_national_admin
    from maturity.organisations.demo import PASSWORD

    add_national_admin(io.StringIO())
    add_national_admin(io.StringIO())
    user = User.objects.get(email=NATIONAL_ADMIN_EMAIL)
    assert user.is_national_admin and user.check_password(PASSWORD)
