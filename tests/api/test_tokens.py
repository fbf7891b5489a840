"""Personal access tokens: created and revoked by their user, stored hashed, shown once; what a
token may reach and do (its organisation only; its scope and its user's role now)."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.utils import timezone

from maturity.api import services
from maturity.api.models import ApiToken
from maturity.organisations.models import Membership, Role
from tests.api.conftest import TODAY, Api, assessment_path, error_code, make_token
from tests.html import title_of

# --- Creating and keeping tokens -------------------------------------------------------------------


def test_it_stores_only_a_hash_of_the_token_and_a_short_prefix(lead, camden):
    secret = make_token(lead, camden)
    token = ApiToken.objects.get()
    assert secret.startswith("pmt_") and len(secret) >= 40
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12] and secret.startswith(token.prefix)
    stored = [str(value) for value in ApiToken.objects.values().get().values()]
    assert all(secret not in value for value in stored)


def test_it_shows_the_token_once_after_creating_it(client, lead, camden):
    client.force_login(lead)
    response = client.post(
        "/accounts/tokens/new/",
        {
            "name": "Power BI",
            "organisation": camden.slug,
            "scope": "read",
            "expires_on-day": "1",
            "expires_on-month": "2",
            "expires_on-year": str(TODAY.year + 1),
        },
    )
    token = ApiToken.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/accounts/tokens/{token.pk}/created/"
    first = client.get(response["Location"]).content.decode()
    secrets_shown = [word for word in first.replace("<", " ").replace(">", " ").split() if word.startswith("pmt_")]
    assert secrets_shown and services.hash_token(secrets_shown[0]) == token.token_hash
    again = client.get(response["Location"]).content.decode()
    assert "pmt_" not in again.replace(token.prefix, "") and "was shown once" in again
    assert token.prefix in client.get("/accounts/tokens/").content.decode()


def test_the_created_token_works(client, lead, camden, assessment):
    client.force_login(lead)
    client.post(
        "/accounts/tokens/new/",
        {
            "name": "Script",
            "organisation": camden.slug,
            "scope": "write",
            "expires_on-day": str(TODAY.day),
            "expires_on-month": str(TODAY.month),
            "expires_on-year": str(TODAY.year + 1),
        },
    )
    page = client.get(f"/accounts/tokens/{ApiToken.objects.get().pk}/created/").content.decode()
    secret = next(w for w in page.replace("<", " ").replace(">", " ").split() if w.startswith("pmt_"))
    response = Api(secret, client=type(client)()).get("token")
    assert response.status_code == 200
    assert response.json()["organisation"]["slug"] == camden.slug and response.json()["can_write"] is True


def test_the_expiry_defaults_to_90_days_and_is_at_most_a_year(client, lead, camden):
    client.force_login(lead)
    page = client.get("/accounts/tokens/new/").content.decode()
    default = TODAY + datetime.timedelta(days=90)
    for part in ("day", "month", "year"):
        assert re.search(rf'name="expires_on-{part}"[^>]*value="{getattr(default, part)}"', page), part
    late = TODAY + datetime.timedelta(days=366)
    response = client.post(
        "/accounts/tokens/new/",
        {
            "name": "Too long",
            "organisation": camden.slug,
            "scope": "read",
            "expires_on-day": str(late.day),
            "expires_on-month": str(late.month),
            "expires_on-year": str(late.year),
        },
    )
    assert response.status_code == 200 and "within one year" in response.content.decode()
    response = client.post(
        "/accounts/tokens/new/",
        {
            "name": "Past",
            "organisation": camden.slug,
            "scope": "read",
            "expires_on-day": str(TODAY.day),
            "expires_on-month": str(TODAY.month),
            "expires_on-year": str(TODAY.year),
        },
    )
    assert "must be in the future" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_is_only_for_one_of_the_users_organisations(client, lead, camden, manchester):
    client.force_login(lead)
    response = client.post(
        "/accounts/tokens/new/",
        {
            "name": "Theirs",
            "organisation": manchester.slug,
            "scope": "read",
            "expires_on-day": "1",
            "expires_on-month": "1",
            "expires_on-year": str(TODAY.year + 1),
        },
    )
    assert response.status_code == 200 and "Choose one of your organisations" in response.content.decode()
    with pytest.raises(services.TokenError):
        services.create_token(
            user=lead,
            organisation=manchester,
            name="x",
            scope="read",
            expires_on=TODAY + datetime.timedelta(days=5),
            today=TODAY,
        )
    assert not ApiToken.objects.exists()


def test_the_form_explains_each_problem(client, lead, camden):
    client.force_login(lead)
    page = client.post("/accounts/tokens/new/", {"expires_on-day": "31"}).content.decode()
    for message in (
        "Enter a name for the token",
        "Choose the organisation the token is for",
        "Choose what the token can do",
        "The expiry date must include a day, month and year",
    ):
        assert message in page
    assert page.count("govuk-error-summary") >= 1 and title_of(page).startswith("Error:")


def test_the_token_pages_need_a_signed_in_user(client):
    for path in ("/accounts/tokens/", "/accounts/tokens/new/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_user_sees_and_revokes_only_their_own_tokens(client, lead, contributor, camden):
    make_token(contributor, camden, name="Connor's script")
    theirs = ApiToken.objects.get()
    client.force_login(lead)
    assert "Connor's script" not in client.get("/accounts/tokens/").content.decode()
    assert client.get(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.get(f"/accounts/tokens/{theirs.pk}/created/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


# --- Using tokens ------------------------------------------------------------------------------------


def test_a_revoked_token_gets_401(client, lead, camden, assessment):
    secret = make_token(lead, camden)
    api = Api(secret)
    assert api.get(assessment_path(assessment)).status_code == 200
    client.force_login(lead)
    token = ApiToken.objects.get()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    response = api.get(assessment_path(assessment))
    assert response.status_code == 401 and error_code(response) == "token_revoked"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_gets_401(lead, camden, assessment):
    secret = make_token(lead, camden, expires_on=TODAY + datetime.timedelta(days=1))
    ApiToken.objects.update(expires_on=TODAY - datetime.timedelta(days=1))
    response = Api(secret).get(assessment_path(assessment))
    assert response.status_code == 401 and error_code(response) == "token_expired"


def test_a_token_works_on_its_last_day(lead, camden, assessment):
    secret = make_token(lead, camden)
    ApiToken.objects.update(expires_on=TODAY)
    assert Api(secret).get(assessment_path(assessment)).status_code == 200


def test_an_unknown_or_malformed_token_gets_401(assessment):
    for header in ("Bearer pmt_not-a-real-token", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer "):
        response = Api().get(assessment_path(assessment), headers={"Authorization": header})
        assert response.status_code == 401 and error_code(response) == "invalid_token", header


def test_no_token_gets_401_on_an_organisations_data(assessment):
    response = Api().get(assessment_path(assessment))
    assert response.status_code == 401 and error_code(response) == "not_authenticated"


def test_an_invalid_token_is_refused_even_on_public_operations(nps):
    assert Api().get("frameworks").status_code == 200
    response = Api("pmt_wrong").get("frameworks")
    assert response.status_code == 401 and error_code(response) == "invalid_token"


def test_a_deactivated_users_token_gets_401(lead, camden, assessment):
    secret = make_token(lead, camden)
    lead.is_active = False
    lead.save(update_fields=["is_active"])
    assert Api(secret).get(assessment_path(assessment)).status_code == 401


def test_a_token_for_another_organisation_gets_404(outsider, manchester, assessment):
    secret = make_token(outsider, manchester, scope=ApiToken.Scope.WRITE)
    api = Api(secret)
    for path in (
        assessment_path(assessment),
        assessment_path(assessment, "responses"),
        f"organisations/{assessment.organisation.slug}/assessments",
    ):
        response = api.get(path)
        assert response.status_code == 404 and error_code(response) == "not_found", path


def test_a_token_reaches_only_its_own_organisation_even_when_its_user_is_in_both(lead, camden, manchester, nps):
    Membership.objects.create(user=lead, organisation=manchester, role=Role.LEAD)
    from maturity.assessments.services import start_assessment

    theirs = start_assessment(organisation=manchester, framework=nps, title="Manchester 2026", user=lead)
    secret = make_token(lead, camden)
    assert Api(secret).get(assessment_path(theirs)).status_code == 404


def test_a_token_of_a_user_who_left_the_organisation_gets_404(lead, camden, assessment):
    secret = make_token(lead, camden)
    Membership.objects.filter(user=lead, organisation=camden).delete()
    assert Api(secret).get(assessment_path(assessment)).status_code == 404


def test_a_read_token_cannot_write(lead, camden, assessment):
    secret = make_token(lead, camden, scope=ApiToken.Scope.READ)
    area = assessment.responses.first().area
    response = Api(secret).patch(
        assessment_path(assessment, f"responses/{area.key}"), {"version": 0, "current_level": 2}
    )
    assert response.status_code == 403 and error_code(response) == "read_only_token"
    assert assessment.responses.get(area=area).current_level is None


def test_a_viewers_write_token_cannot_write(viewer, camden, assessment):
    secret = make_token(viewer, camden, scope=ApiToken.Scope.WRITE)
    area = assessment.responses.first().area
    api = Api(secret)
    assert api.get("token").json()["can_write"] is False
    response = api.patch(assessment_path(assessment, f"responses/{area.key}"), {"version": 0, "current_level": 2})
    assert response.status_code == 403 and error_code(response) == "role_too_low"


def test_a_demoted_users_write_token_loses_write(contributor, camden, assessment):
    secret = make_token(contributor, camden, scope=ApiToken.Scope.WRITE)
    area = assessment.responses.first().area
    api = Api(secret)
    path = assessment_path(assessment, f"responses/{area.key}")
    assert api.patch(path, {"version": 0, "current_level": 2}).status_code == 200
    Membership.objects.filter(user=contributor).update(role=Role.VIEWER)
    response = api.patch(path, {"version": 1, "current_level": 3})
    assert response.status_code == 403 and error_code(response) == "role_too_low"
    assert api.get(path).status_code == 200  # reading is still allowed
    assert api.get("token").json()["role"] == "viewer" and api.get("token").json()["can_write"] is False


def test_it_records_when_a_token_was_last_used(lead, camden, assessment):
    secret = make_token(lead, camden)
    assert ApiToken.objects.get().last_used_at is None
    before = timezone.now()
    Api(secret).get(assessment_path(assessment))
    used = ApiToken.objects.get().last_used_at
    assert used is not None and used >= before


def test_last_used_is_written_at_most_once_a_minute(lead, camden, assessment):
    secret = make_token(lead, camden)
    api = Api(secret)
    api.get("token")
    first = ApiToken.objects.get().last_used_at
    api.get("token")
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - datetime.timedelta(minutes=2))
    api.get("token")
    assert ApiToken.objects.get().last_used_at > first - datetime.timedelta(minutes=2)


def test_the_token_operation_says_what_the_token_may_do(contributor, camden):
    secret = make_token(contributor, camden, scope=ApiToken.Scope.WRITE, name="Sync")
    body = Api(secret).get("token").json()
    assert body["name"] == "Sync" and body["scope"] == "write" and body["role"] == "contributor"
    assert body["can_write"] is True and body["organisation"] == {"slug": camden.slug, "name": camden.name}
    assert "token_hash" not in body and secret not in str(body)


def test_a_token_needs_no_session_and_ignores_one(client, lead, camden, assessment):
    client.force_login(lead)
    response = client.get(f"/api/v1/{assessment_path(assessment)}")
    assert response.status_code == 401  # the session cookie is not a way in
