"""The audit log in Welsh: its descriptions and headings translated, what was recorded as it was."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maturity import audit
from tests.factories import make_national_admin
from tests.html import element
from tests.welsh import english_in

pytestmark = pytest.mark.django_db


def test_the_audit_logs_in_welsh_have_no_english_left(camden, lead, viewer):
    audit.record(
        kind="role-changed",
        organisation=camden,
        subject=str(viewer),
        subject_user=viewer,
        details={"from": "viewer", "to": "lead"},
    )
    client = Client()
    client.force_login(lead)
    page = client.get(reverse("audit:organisation", args=[camden.slug]), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Rôl wedi’i newid" in page and "Gwyliwr i Arweinydd" in page and "1 digwyddiad." in page
    assert english_in(page, allow=(lead.full_name, viewer.full_name)) == []
    national = Client()
    national.force_login(make_national_admin("Nia National"))
    page = national.get(reverse("audit:national"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert element(page, "h1").text == "Cofnod archwilio"
    assert english_in(page, allow=(lead.full_name, viewer.full_name)) == []
