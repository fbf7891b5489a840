"""API tokens stop working when their owner's password changes (issue 12, section 5).

The attack: a token created by someone who had the password kept working after its owner changed
it. A new password (changed, reset by email, or set by an administrator) revokes every token of
the account at once, as it ends the account's other sessions; the pages say so (ADR 0017).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maturity.api.models import ApiToken
from tests.api.conftest import Api, error_code, make_token
from tests.factories import PASSWORD
from tests.jobs.support import sent_emails

NEW = "a new and much longer passphrase for the toolkit"


@pytest.fixture
def tokens(lead, camden, manchester):
    from maturity.organisations.models import Membership, Role

    Membership.objects.create(user=lead, organisation=manchester, role=Role.VIEWER)
    return [make_token(lead, camden, name="Dashboard"), make_token(lead, manchester, name="Spreadsheet")]


def works(token: str, organisation) -> bool:
    return Api(token).get(f"organisations/{organisation.slug}/assessments").status_code == 200


def test_changing_the_password_revokes_every_token_and_says_so(client, lead, camden, manchester, tokens):
    assert works(tokens[0], camden) and works(tokens[1], manchester)
    client.force_login(lead)
    response = client.post(
        reverse("accounts:change-password"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    page = response.content.decode()
    assert "Your password has been changed" in page
    assert "Your 2 API tokens have been revoked" in page
    refused = Api(tokens[0]).get(f"organisations/{camden.slug}/assessments")
    assert refused.status_code == 401 and error_code(refused) == "token_revoked"
    assert not works(tokens[1], manchester)
    assert ApiToken.objects.filter(user=lead, revoked_at__isnull=True).count() == 0


def test_resetting_a_forgotten_password_revokes_every_token_and_says_so(client, lead, camden, tokens):
    client.post(reverse("accounts:password-reset"), {"email": lead.email})
    link = re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", sent_emails()[-1].body).group(0))
    form = client.get(link)
    done = client.post(form["Location"], {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "Your 2 API tokens have been revoked" in done.content.decode()
    lead.refresh_from_db()
    assert lead.check_password(NEW)
    assert not works(tokens[0], camden)


def test_other_changes_to_the_account_leave_tokens_alone(client, lead, camden, tokens):
    lead.full_name = "Lena Renamed"
    lead.save()
    client.force_login(lead)  # signing in writes last_login
    assert works(tokens[0], camden)


def test_the_tokens_page_states_the_rule(client, lead, tokens):
    client.force_login(lead)
    page = client.get("/accounts/tokens/").content.decode()
    assert "Changing or resetting your password revokes all your tokens" in page
