"""A person downloads everything the service holds about them, and deletes their account."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.urls import reverse

from maturity.assessments import services as assessment_services
from maturity.assessments.models import ActionNote, Change, Event
from maturity.audit.models import AuditEvent
from maturity.organisations.models import Invitation, Membership, Role
from maturity.workplace import personal_data
from tests.factories import PASSWORD, give_two_factor, make_member
from tests.html import elements

User = get_user_model()
DOWNLOAD = reverse("accounts:personal-data-download")
DELETE = reverse("accounts:delete-account")


def action_values(**change):
    values = {
        "title": "Brief the cabinet",
        "description": "",
        "owner_name": "Ann Owner",
        "owner_email": "",
        "due_date": None,
        "status": "not-started",
    }
    values.update(change)
    return values


def some_history(assessment, user):
    area = assessment.responses.first().area
    action = assessment_services.add_action(assessment=assessment, area=area, values=action_values(), user=user)
    import datetime

    assessment_services.add_note(action=action, date=datetime.date(2026, 5, 1), text="Cabinet briefed", user=user)
    Invitation.objects.create(
        organisation=assessment.organisation,
        email="new.person@camden.example",
        role="viewer",
        token_hash=Invitation.hash_token("secret-invitation-token"),
        invited_by=user,
    )
    return action


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_download_holds_the_account_memberships_and_what_they_recorded(client, assessment, camden, contributor):
    some_history(assessment, contributor)
    data = download(client, contributor)
    assert data["account"]["email"] == contributor.email and data["account"]["full_name"] == "Connor Contributor"
    assert data["memberships"] == [
        {
            "organisation": {"name": "Camden", "slug": camden.slug},
            "role": "contributor",
            "since": data["memberships"][0]["since"],
        }
    ]
    assert data["invitations_sent"][0]["email"] == "new.person@camden.example"
    assert {c["subject"] for c in data["changes"]} == {"action"}
    assert data["changes"][0]["recorded_name"] == "Connor Contributor"
    assert data["action_notes"][0]["text"] == "Cabinet briefed"
    assert data["events"] == []  # the lead started the assessment, not them


def test_the_download_holds_the_audit_events_about_them_and_is_itself_recorded(client, camden, lead, viewer):
    client.force_login(lead)
    membership = Membership.objects.get(user=viewer)
    client.post(reverse("organisations:change-role", args=[camden.slug, membership.pk]), {"role": Role.CONTRIBUTOR})
    data = download(client, viewer)
    kinds = {(e["kind"], e["by_you"]) for e in data["audit_events"]}
    assert ("role-changed", False) in kinds and ("sign-in", True) in kinds
    assert AuditEvent.objects.filter(kind="personal-data-downloaded", actor=viewer).exists()


def test_the_download_never_holds_a_secret(client, assessment, lead):
    some_history(assessment, lead)
    secret = give_two_factor(lead)
    text = json.dumps(download(client, lead))
    assert lead.password not in text and "pbkdf2" not in text and "md5$" not in text
    assert Invitation.hash_token("secret-invitation-token") not in text
    assert secret not in text  # the authenticator app's secret
    assert '"authenticator_app": true' in text


def test_secret_fields_are_left_out_of_any_record_but_a_tokens_name_and_prefix_stay():
    from maturity.accounts.models import TwoFactorDevice

    device = TwoFactorDevice(secret="JBSWY3DPEHPK3PXP", last_used_step=5)
    fields = personal_data._safe_fields(device)
    assert "secret" not in fields and fields["last_used_step"] == 5
    for name in ("token_hash", "secret", "key", "password", "api_key", "otp_secret", "code_hash"):
        assert personal_data.is_secret_field(name), name
    for name in ("name", "prefix", "token_prefix", "key_prefix", "created_at", "last_used_at"):
        assert not personal_data.is_secret_field(name), name


def test_the_personal_data_page_explains_the_download_and_links_to_deletion(client, lead, contributor):
    client.force_login(contributor)
    html = client.get(reverse("accounts:personal-data")).content.decode()
    assert DOWNLOAD in html and DELETE in html
    client.force_login(lead)  # the only lead of Camden
    html = client.get(reverse("accounts:personal-data")).content.decode()
    assert DELETE not in html and "You are the only lead of Camden" in html


def test_the_last_lead_of_an_organisation_cannot_delete_their_account(client, camden, lead):
    client.force_login(lead)
    page = client.get(DELETE).content.decode()
    assert "You cannot delete your account yet" in page and "You are the only lead of Camden" in page
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert User.objects.filter(pk=lead.pk).exists()


def test_the_wrong_password_deletes_nothing(client, contributor):
    client.force_login(contributor)
    response = client.post(DELETE, {"password": "not my password"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter your correct password" in html and "There is a problem" in html
    assert User.objects.filter(pk=contributor.pk).exists()
    response = client.post(DELETE, {"password": ""})
    assert "Enter your password" in response.content.decode()


def test_deleting_an_account_keeps_the_organisations_records_with_the_recorded_name(
    client, assessment, camden, contributor, lead
):
    action = some_history(assessment, contributor)
    give_two_factor(contributor)
    client.force_login(contributor)
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account-deleted")

    assert not User.objects.filter(pk=contributor.pk).exists()
    assert not Membership.objects.filter(organisation=camden, user_id=contributor.pk).exists()
    change = Change.objects.get(subject="action", subject_id=action.pk, fields__has_key="title")
    assert change.user is None and change.user_name == "Connor Contributor"
    assert ActionNote.objects.get(action=action).text == "Cabinet briefed"
    assert Invitation.objects.filter(email="new.person@camden.example").exists()

    removed = AuditEvent.objects.get(kind="member-removed", organisation=camden)
    assert removed.subject == "Connor Contributor" and removed.details["reason"] == "account deleted"
    deleted = AuditEvent.objects.get(kind="account-deleted")
    assert deleted.actor is None and deleted.actor_label == "Connor Contributor"
    assert not AuditEvent.objects.filter(kind="sign-out").exists()

    # signed out: the next page is for a visitor
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert client.get(reverse("accounts:account-deleted")).status_code == 200


def test_a_lead_can_delete_their_account_when_another_lead_stays(client, camden, lead):
    second = make_member(camden, Role.LEAD, "Second Lead")
    client.force_login(second)
    assert client.post(DELETE, {"password": PASSWORD}).status_code == 302
    assert list(camden.memberships.values_list("user", flat=True)) == [lead.pk]


def test_the_only_national_administrator_cannot_delete_their_account(client, national_admin):
    client.force_login(national_admin)
    assert "You are the only national administrator" in client.get(DELETE).content.decode()


def test_an_account_without_a_password_confirms_with_its_email_address(client, contributor):
    contributor.set_unusable_password()
    contributor.save()
    client.force_login(contributor)
    assert elements(client.get(DELETE), "input", name="email")
    assert (
        "Enter the email address of your account"
        in client.post(DELETE, {"email": "other@example.com"}).content.decode()
    )
    assert client.post(DELETE, {"email": contributor.email.upper()}).status_code == 302
    assert not User.objects.filter(pk=contributor.pk).exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, db):
    for url in (reverse("accounts:personal-data"), DOWNLOAD, DELETE):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_the_events_they_made_stay_named_after_the_account_is_gone(assessment, lead, camden):
    second = make_member(camden, Role.LEAD, "Second Lead")
    from tests.assessments.helpers import complete_every_area

    complete_every_area(assessment, second)
    assessment_services.submit_for_sign_off(assessment=assessment, user=second)
    personal_data.delete_account(user=second, password=PASSWORD)
    event = Event.objects.get(assessment=assessment, kind="submitted")
    assert event.user is None and event.user_name == "Second Lead"
    assert AuditEvent.objects.get(kind="assessment-submitted").actor_label == "Second Lead"


def test_api_tokens_are_listed_by_name_and_prefix_and_go_with_the_account(client, camden, contributor):
    import datetime

    from django.apps import apps
    from django.utils import timezone

    if not apps.is_installed("maturity.api"):
        return
    from maturity.api import services as token_services
    from maturity.api.models import ApiToken

    today = timezone.localdate()
    created = token_services.create_token(
        user=contributor,
        organisation=camden,
        name="Reporting",
        scope="read",
        expires_on=today + datetime.timedelta(days=30),
        today=today,
    )
    data = download(client, contributor)
    [token] = data["api_tokens"]
    assert token["name"] == "Reporting" and token["prefix"] == created.token.prefix
    assert "token_hash" not in token
    text = json.dumps(data)
    assert created.secret not in text and created.token.token_hash not in text

    client.post(DELETE, {"password": PASSWORD})
    assert not ApiToken.objects.filter(pk=created.token.pk).exists()
