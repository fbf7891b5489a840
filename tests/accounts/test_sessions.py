"""Sessions end after SESSION_IDLE_SECONDS without a request, and SESSION_MAX_SECONDS after signing
in however active the person is."""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from maturity.accounts.middleware import RENEWED_AT, SIGNED_IN_AT, renewal_interval
from tests.factories import PASSWORD

PROFILE = reverse("accounts:profile")


def test_the_idle_limit_is_thirty_minutes_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_MAX_SECONDS == 12 * 60 * 60
    assert renewal_interval() == 60


def renewed(client, seconds_ago: float) -> str:
    """The session's key, its idle limit last renewed `seconds_ago` and due to end in a minute."""
    session = client.session
    session[RENEWED_AT] = time.time() - seconds_ago
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )
    return session.session_key


def test_a_request_a_minute_after_the_last_renewal_pushes_the_idle_limit_back(client, lead):
    client.force_login(lead)
    key = renewed(client, seconds_ago=61)
    response = client.get(PROFILE)
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)
    assert response.cookies["sessionid"]["max-age"] == 30 * 60  # the browser keeps the cookie as long


def test_requests_within_a_minute_of_the_last_renewal_do_not_write_the_session(client, lead):
    client.force_login(lead)
    key = renewed(client, seconds_ago=30)
    writes = []

    def watch(execute, sql, params, many, context):
        if "django_session" in sql and not sql.lstrip().upper().startswith("SELECT"):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        assert client.get(PROFILE).status_code == 200
        assert client.get(reverse("home")).status_code == 200
    assert writes == []
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert remaining <= datetime.timedelta(minutes=1)


def test_the_idle_limit_is_renewed_more_often_when_it_is_short(client, lead, settings):
    settings.SESSION_COOKIE_AGE = 300
    assert renewal_interval() == 10
    client.force_login(lead)
    key = renewed(client, seconds_ago=11)
    client.get(PROFILE)
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert datetime.timedelta(minutes=4) < remaining <= datetime.timedelta(minutes=5)


def test_signing_in_starts_the_idle_limit(client, lead):
    before = time.time()
    client.post(reverse("accounts:sign-in"), {"email": lead.email, "password": PASSWORD})
    assert before <= client.session[RENEWED_AT] <= time.time()


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, lead):
    client.force_login(lead)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(PROFILE)["Location"].startswith(reverse("accounts:sign-in"))


def test_signing_in_starts_the_clock(client, lead):
    before = time.time()
    client.post(reverse("accounts:sign-in"), {"email": lead.email, "password": PASSWORD})
    assert before <= client.session[SIGNED_IN_AT] <= time.time()


def test_a_session_ends_twelve_hours_after_signing_in_however_active(client, lead):
    client.force_login(lead)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = client.get(PROFILE)
    assert response["Location"] == reverse("accounts:session-ended")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You have been signed out" in page and "12 hours after they sign in" in page


def test_a_session_within_the_limit_carries_on(client, lead):
    client.force_login(lead)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 11 * 60 * 60
    session.save()
    assert client.get(PROFILE).status_code == 200


def test_the_absolute_limit_comes_from_the_settings(client, lead, settings):
    settings.SESSION_MAX_SECONDS = 3600
    client.force_login(lead)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 3601
    session.save()
    assert client.get(PROFILE)["Location"] == reverse("accounts:session-ended")


def test_a_session_from_before_the_rule_starts_its_clock_now(client, lead):
    client.force_login(lead)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get(PROFILE).status_code == 200
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60
