"""The one way into the audit log: `audit.record`."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from maturity import audit
from maturity.audit.middleware import current_request
from maturity.audit.models import KINDS, AuditEvent


def request_from(user=None, *, ip="203.0.113.9", agent="Mozilla/5.0 (test)", **meta):
    request = RequestFactory().get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent, **meta)
    if user is not None:
        request.user = user
    return request


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValueError, match="no-such-kind"):
        audit.record(kind="no-such-kind")
    assert not AuditEvent.objects.exists()


def test_every_kind_has_a_label():
    assert all(label and label[0].isupper() for label in KINDS.values())
    assert {
        "sign-in",
        "sign-in-failed",
        "sign-out",
        "role-changed",
        "member-removed",
        "assessment-signed-off",
        "assessment-reopened",
        "framework-published",
        "round-published",
        "export",
        "token-used",
    } <= set(KINDS)


def test_the_signed_in_user_ip_and_user_agent_come_from_the_request_being_served(camden, lead):
    token = current_request.set(request_from(lead))
    try:
        event = audit.record(kind="export", organisation=camden, subject="camden.csv")
    finally:
        current_request.reset(token)
    assert event.actor == lead and event.actor_label == "Lena Lead"
    assert event.ip == "203.0.113.9"
    assert event.details["user_agent"] == "Mozilla/5.0 (test)"
    assert event.organisation == camden and event.subject == "camden.csv"


def test_outside_a_request_the_event_is_the_systems(db):
    event = audit.record(kind="framework-published", subject="nps@2019")
    assert event.actor is None and event.actor_label == "System" and event.ip is None
    assert "user_agent" not in event.details


def test_an_anonymous_request_is_recorded_as_not_signed_in(db):
    from django.contrib.auth.models import AnonymousUser

    event = audit.record(kind="sign-in-failed", request=request_from(AnonymousUser()))
    assert event.actor is None and event.actor_label == "Not signed in"


def test_a_very_long_user_agent_is_cut_short(db):
    event = audit.record(kind="sign-in-failed", request=request_from(agent="x" * 5000))
    assert len(event.details["user_agent"]) == 300


def test_a_token_used_again_and_again_from_one_address_is_recorded_once_in_a_while(camden, lead):
    request = request_from(lead)
    first = audit.record(kind="token-used", subject="Reporting (mtk_ab12)", details={"token_id": 7}, request=request)
    again = audit.record(kind="token-used", subject="Reporting (mtk_ab12)", details={"token_id": 7}, request=request)
    other = audit.record(kind="token-used", subject="Reporting (mtk_ab12)", request=request_from(lead, ip="192.0.2.1"))
    assert first is not None and again is None and other is not None
    assert AuditEvent.objects.filter(kind="token-used").count() == 2


def test_the_log_reads_newest_first(db):
    first = audit.record(kind="framework-published", subject="first")
    second = audit.record(kind="framework-published", subject="second")
    assert list(AuditEvent.objects.all()) == [second, first]
