"""The audit log pages: all of it for the national team, an organisation's own for its leads only."""

from __future__ import annotations

from django.urls import reverse

from maturity import audit
from maturity.audit.models import AuditEvent
from maturity.workplace import audit_presenters as presenters
from tests.html import elements

NATIONAL = reverse("audit:national")


def org_log(organisation) -> str:
    return reverse("audit:organisation", args=[organisation.slug])


def test_a_lead_reads_their_organisations_log(client, camden, manchester, lead, viewer):
    audit.record(
        kind="role-changed",
        actor=lead,
        organisation=camden,
        subject="Vera Viewer",
        details={"from": "viewer", "to": "contributor"},
    )
    audit.record(kind="export", organisation=manchester, subject="manchester-secret.csv")
    audit.record(kind="sign-in", actor=lead, subject="Lena Lead")  # personal, not the organisation's
    client.force_login(lead)
    response = client.get(org_log(camden))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Role changed" in html and "Vera Viewer" in html and "Viewer to Contributor" in html
    assert "manchester-secret.csv" not in html
    assert "1 event" in html


def test_a_viewer_or_contributor_of_the_organisation_gets_403(client, camden, viewer, contributor):
    for member in (viewer, contributor):
        client.force_login(member)
        assert client.get(org_log(camden)).status_code == 403


def test_a_lead_of_another_organisation_gets_404(client, camden, outsider):
    client.force_login(outsider)
    assert client.get(org_log(camden)).status_code == 404


def test_a_national_admin_who_is_not_a_member_gets_404_on_an_organisations_log(client, camden, national_admin):
    client.force_login(national_admin)
    assert client.get(org_log(camden)).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, camden):
    response = client.get(org_log(camden))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_the_national_log_is_for_the_national_team_only(client, lead):
    assert client.get(NATIONAL).status_code == 404
    client.force_login(lead)
    assert client.get(NATIONAL).status_code == 403


def test_the_national_team_sees_every_event_and_filters_by_kind_and_organisation(
    client, camden, manchester, national_admin
):
    audit.record(kind="export", organisation=camden, subject="camden.csv")
    audit.record(kind="export", organisation=manchester, subject="manchester.csv")
    audit.record(kind="sign-in-failed", actor=None, actor_label="someone@example.com", subject="someone@example.com")
    client.force_login(national_admin)

    html = client.get(NATIONAL).content.decode()
    assert "camden.csv" in html and "manchester.csv" in html and "someone@example.com" in html

    html = client.get(NATIONAL, {"kind": "export"}).content.decode()
    assert "camden.csv" in html and "manchester.csv" in html and "someone@example.com" not in html

    html = client.get(NATIONAL, {"kind": "export", "organisation": "manch"}).content.decode()
    assert "manchester.csv" in html and "camden.csv" not in html
    assert "Showing events of: Manchester" in html

    html = client.get(NATIONAL, {"organisation": "Nowhere"}).content.decode()
    assert "No organisation matches" in html and "No events match these filters" in html


def test_an_unknown_kind_in_the_address_is_ignored(client, national_admin):
    client.force_login(national_admin)
    assert client.get(NATIONAL, {"kind": "<script>"}).status_code == 200


def test_the_log_is_paginated_and_the_links_keep_the_filters(client, camden, national_admin):
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(kind="export", organisation=camden, subject=f"file-{n}.csv", actor_label="x")
            for n in range(presenters.PER_PAGE + 5)
        ]
    )
    client.force_login(national_admin)
    first = client.get(NATIONAL, {"kind": "export"}).content.decode()
    assert "page 1 of 2" in first
    assert any(a.get("href").endswith("kind=export&page=2") for a in elements(first, "a", href=True))
    second = client.get(NATIONAL, {"kind": "export", "page": "2"}).content.decode()
    assert "page 2 of 2" in second and second.count("file-") == 5
    # a page past the end shows the last page rather than an error
    assert client.get(NATIONAL, {"page": "99"}).status_code == 200


def test_the_log_pages_only_answer_get(client, camden, lead, national_admin):
    client.force_login(lead)
    assert client.post(org_log(camden)).status_code == 405
    client.force_login(national_admin)
    assert client.post(NATIONAL).status_code == 405
