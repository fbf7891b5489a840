"""Throttling repeated failures: per email address and per client address, kept in the database."""

from __future__ import annotations

import datetime
import re

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from maturity.accounts import throttle
from maturity.accounts.models import SignInAttempt
from tests.factories import PASSWORD, give_two_factor, make_user
from tests.jobs.support import sent_emails

SIGN_IN = reverse("accounts:sign-in")
CODE = reverse("accounts:two-factor-code")
RESET = reverse("accounts:password-reset")
LOCKED = "You have tried to sign in too many times. Wait 15 minutes, then try again"
WRONG = "Enter a correct email address and password"

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
MIN = datetime.timedelta(minutes=1)
WINDOW = LOCK = 15 * MIN


def at(*minutes: float) -> list[datetime.datetime]:
    return [T0 + m * MIN for m in minutes]


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client, email, password=PASSWORD):
    return client.post(SIGN_IN, {"email": email, "password": password})


def age_attempts(minutes: float) -> None:
    """As if the recorded attempts had happened `minutes` earlier."""
    for attempt in SignInAttempt.objects.all():
        attempt.created_at -= minutes * MIN
        attempt.save()


# --- the rule (a pure function) -------------------------------------------------------------------


def test_fewer_failures_than_the_limit_lock_nothing():
    assert throttle.locked_until(at(0, 1, 2, 3), now=T0 + 4 * MIN, limit=5, window=WINDOW, lock=LOCK) is None


def test_the_limit_within_the_window_locks_for_the_lock_time_from_the_last_failure():
    times = at(0, 1, 2, 3, 10)
    assert throttle.locked_until(times, now=T0 + 11 * MIN, limit=5, window=WINDOW, lock=LOCK) == T0 + 25 * MIN
    assert (
        throttle.locked_until(
            times, now=T0 + 25 * MIN + datetime.timedelta(seconds=1), limit=5, window=WINDOW, lock=LOCK
        )
        is None
    )


def test_failures_spread_wider_than_the_window_lock_nothing():
    assert throttle.locked_until(at(0, 5, 10, 14, 16), now=T0 + 17 * MIN, limit=5, window=WINDOW, lock=LOCK) is None


def test_old_failures_do_not_add_to_new_ones_after_a_lock_ends():
    times = at(0, 1, 2, 3, 4, 20)  # locked 4 to 19; one more failure at 20
    assert throttle.locked_until(times, now=T0 + 21 * MIN, limit=5, window=WINDOW, lock=LOCK) is None


# --- password sign-in ----------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_that_addresss_password_sign_in_for_fifteen_minutes(lead):
    client = client_from("203.0.113.5")
    for _ in range(5):
        assert WRONG in sign_in(client, lead.email, "not the password").content.decode()
    refused = sign_in(client_from("198.51.100.7"), lead.email)  # even the right password, from anywhere
    assert refused.status_code == 200
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    age_attempts(14)
    assert LOCKED in sign_in(client, lead.email).content.decode()
    age_attempts(1.1)
    assert sign_in(client, lead.email).status_code == 302


def test_the_lock_reads_the_same_for_an_address_without_an_account(lead, db):
    def locked_page(email):
        client = Client()
        for _ in range(5):
            sign_in(client, email, "not the password")
        return sign_in(client, email, "not the password").content.decode()

    def without_tokens(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    known, unknown = locked_page(lead.email), locked_page("nobody@example.gov.uk")
    assert LOCKED in known and LOCKED in unknown
    assert without_tokens(known.replace(lead.email, "X")) == without_tokens(
        unknown.replace("nobody@example.gov.uk", "X")
    )


def test_the_address_is_counted_whatever_its_case(lead):
    for _ in range(5):
        sign_in(Client(), lead.email.upper(), "not the password")
    assert LOCKED in sign_in(Client(), lead.email).content.decode()


def test_attempts_while_locked_are_not_counted_so_the_lock_ends_on_time(lead):
    for _ in range(5):
        sign_in(Client(), lead.email, "not the password")
    for _ in range(10):
        sign_in(Client(), lead.email, "not the password")
    assert SignInAttempt.objects.filter(kind="password-account").count() == 5
    age_attempts(16)
    assert sign_in(Client(), lead.email).status_code == 302


def test_a_correct_password_clears_the_addresss_failures(lead):
    for _ in range(4):
        sign_in(Client(), lead.email, "not the password")
    assert sign_in(Client(), lead.email).status_code == 302
    for _ in range(4):
        sign_in(Client(), lead.email, "not the password")
    assert sign_in(Client(), lead.email).status_code == 302


def test_one_locked_address_does_not_lock_other_people(lead, contributor):
    for _ in range(5):
        sign_in(Client(), lead.email, "not the password")
    assert sign_in(Client(), contributor.email).status_code == 302


def test_twenty_failures_from_one_client_address_lock_password_sign_in_from_it(lead, db):
    client = client_from("203.0.113.9")
    for n in range(20):
        sign_in(client, f"guess{n}@example.gov.uk", "not the password")
    assert LOCKED in sign_in(client, lead.email).content.decode()
    assert sign_in(client_from("203.0.113.10"), lead.email).status_code == 302


def test_the_numbers_come_from_the_settings(lead, settings):
    settings.SIGN_IN_MAX_FAILURES = 2
    settings.SIGN_IN_LOCK_SECONDS = 600
    for _ in range(2):
        sign_in(Client(), lead.email, "not the password")
    assert "Wait 10 minutes" in sign_in(Client(), lead.email).content.decode()


def test_addresses_are_kept_only_as_keyed_hashes(lead):
    sign_in(client_from("203.0.113.77"), lead.email, "not the password")
    keys = " ".join(SignInAttempt.objects.values_list("key", flat=True))
    assert SignInAttempt.objects.count() == 2
    assert lead.email not in keys and "203.0.113.77" not in keys
    assert all(len(key) == 64 for key in keys.split())


def test_old_attempts_are_deleted_as_new_ones_are_written(lead):
    sign_in(Client(), lead.email, "not the password")
    age_attempts(3 * 60)
    sign_in(Client(), lead.email, "not the password")
    assert SignInAttempt.objects.count() == 2  # the two of the latest failure only


# --- codes ---------------------------------------------------------------------------------------------


def test_five_wrong_codes_lock_the_second_step_for_fifteen_minutes(client, lead):
    secret = give_two_factor(lead)
    client.post(SIGN_IN, {"email": lead.email, "password": PASSWORD})
    for _ in range(5):
        assert "The code is not correct" in client.post(CODE, {"code": "000000"}).content.decode()
    locked = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert "You have entered too many incorrect codes. Wait 15 minutes, then try again" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_recovery_codes_count_too(client, lead):
    give_two_factor(lead)
    client.post(SIGN_IN, {"email": lead.email, "password": PASSWORD})
    for _ in range(5):
        client.post(reverse("accounts:recovery-code"), {"code": "aaaa-bbbb-cccc"})
    assert "too many incorrect codes" in client.post(CODE, {"code": "000000"}).content.decode()


# --- password reset requests -------------------------------------------------------------------------------


def test_reset_requests_for_one_address_are_limited(client, lead):
    for _ in range(5):
        assert client.post(RESET, {"email": lead.email})["Location"] == reverse("accounts:password-reset-sent")
    response = client.post(RESET, {"email": lead.email})
    assert response.status_code == 200
    assert "You have asked for too many links. Wait 15 minutes, then try again" in response.content.decode()
    assert len(sent_emails()) == 5


def test_reset_requests_from_one_client_are_limited_whatever_the_address(db):
    client = client_from("203.0.113.30")
    for n in range(20):
        client.post(RESET, {"email": f"person{n}@example.gov.uk"})
    user = make_user("Rita Reset")
    assert "too many links" in client.post(RESET, {"email": user.email}).content.decode()
    assert client_from("203.0.113.31").post(RESET, {"email": user.email}).status_code == 302


@pytest.mark.parametrize("email", ["someone.with.account", "nobody.at.all@example.gov.uk"])
def test_the_reset_limit_reads_the_same_whether_or_not_the_address_has_an_account(client, lead, email):
    email = lead.email if email == "someone.with.account" else email
    for _ in range(5):
        client.post(RESET, {"email": email})
    assert "too many links" in client.post(RESET, {"email": email}).content.decode()
