"""Confirming an action with one's password (changing the password, deleting the account, turning
off two-factor authentication) counts wrong passwords as signing in does (issue 12, section 5).

The attack: with someone's session, 25 wrong current passwords were answered, then the right one
worked. Now the account locks after SIGN_IN_MAX_FAILURES wrong passwords, wherever they were typed,
and the right password is refused until the lock ends.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity.accounts.models import User
from tests.accounts.test_throttle import LOCKED, age_attempts, sign_in
from tests.factories import PASSWORD, give_two_factor, make_user

NEW = "a new and much longer passphrase for the toolkit"
TOO_MANY = "You have entered too many incorrect passwords. Wait 15 minutes, then try again"


def change_password(client, current):
    return client.post(
        reverse("accounts:change-password"), {"old_password": current, "new_password1": NEW, "new_password2": NEW}
    )


def delete_account(client, password):
    return client.post(reverse("accounts:delete-account"), {"password": password})


def turn_off_two_factor(client, password):
    return client.post(reverse("accounts:two-factor-turn-off"), {"password": password})


@pytest.fixture
def person(db):
    return make_user("Paula Person")


@pytest.fixture
def session(client, person):
    client.force_login(person)
    return client


@pytest.mark.parametrize("confirm", [change_password, delete_account, turn_off_two_factor])
def test_guessing_the_password_to_confirm_locks_the_account_and_the_right_one_is_refused(session, person, confirm):
    if confirm is turn_off_two_factor:
        give_two_factor(person)
    for attempt in range(25):
        page = confirm(session, f"wrong guess {attempt}").content.decode()
        if TOO_MANY in page:
            break
    assert attempt == 5, "the sixth guess should find the account locked"
    page = confirm(session, PASSWORD)
    assert page.status_code == 200 and TOO_MANY in page.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD) and User.objects.filter(pk=person.pk).exists()


def test_wrong_confirmations_and_wrong_sign_ins_are_counted_together(session, person, client):
    for attempt in range(3):
        change_password(session, f"wrong guess {attempt}")
    for attempt in range(2):
        sign_in(client.__class__(), person.email, f"wrong sign-in {attempt}")
    assert LOCKED in sign_in(client.__class__(), person.email).content.decode()
    assert TOO_MANY in delete_account(session, PASSWORD).content.decode()


def test_the_lock_ends_and_the_right_password_then_works(session, person):
    for attempt in range(5):
        change_password(session, f"wrong guess {attempt}")
    age_attempts(16)
    assert change_password(session, PASSWORD).status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW)
