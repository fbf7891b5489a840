"""Role changes, members removed, sign-offs, publications and exports are recorded where they happen."""

from __future__ import annotations

import datetime

from django.urls import reverse

from maturity.assessments import services as assessment_services
from maturity.audit.models import AuditEvent
from maturity.organisations.models import Membership, Role
from tests.assessments.helpers import complete_every_area


def people_url(name, organisation, member):
    membership = Membership.objects.get(organisation=organisation, user=member)
    return reverse(f"organisations:{name}", args=[organisation.slug, membership.pk])


def test_a_role_change_is_recorded_with_who_changed_it_and_the_old_and_new_roles(client, camden, lead, contributor):
    client.force_login(lead)
    client.post(people_url("change-role", camden, contributor), {"role": Role.VIEWER}, REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.get(kind="role-changed")
    assert event.actor == lead and event.organisation == camden
    assert event.subject == "Connor Contributor" and event.subject_user == contributor
    assert event.details["from"] == "contributor" and event.details["to"] == "viewer"
    assert event.ip == "192.0.2.7"


def test_choosing_the_same_role_again_records_nothing(client, camden, lead, contributor):
    client.force_login(lead)
    client.post(people_url("change-role", camden, contributor), {"role": Role.CONTRIBUTOR})
    assert not AuditEvent.objects.filter(kind="role-changed").exists()


def test_a_refused_role_change_records_nothing(client, camden, lead):
    client.force_login(lead)
    response = client.post(people_url("change-role", camden, lead), {"role": Role.VIEWER})
    assert response.status_code == 200  # the last lead: refused
    assert not AuditEvent.objects.filter(kind="role-changed").exists()


def test_a_lead_removes_a_member_and_it_is_recorded(client, camden, lead, viewer):
    client.force_login(lead)
    response = client.post(people_url("remove-member", camden, viewer))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=viewer, organisation=camden).exists()
    event = AuditEvent.objects.get(kind="member-removed")
    assert event.actor == lead and event.subject_user == viewer and event.details["role"] == "viewer"


def test_a_member_of_lesser_role_cannot_remove_anyone(client, camden, contributor, viewer):
    client.force_login(contributor)
    assert client.post(people_url("remove-member", camden, viewer)).status_code == 403
    assert Membership.objects.filter(user=viewer, organisation=camden).exists()
    assert not AuditEvent.objects.filter(kind="member-removed").exists()


def test_submitting_signing_off_and_reopening_are_recorded(assessment, camden, lead):
    complete_every_area(assessment, lead)
    assessment_services.submit_for_sign_off(assessment=assessment, user=lead)
    assessment_services.sign_off(
        assessment=assessment, user=lead, signer_name="Sam Signer", signer_role="Chief Executive"
    )
    assessment_services.reopen(assessment=assessment, user=lead, reason="A new contract register")
    events = list(AuditEvent.objects.order_by("at", "pk").values_list("kind", "organisation", "subject", "actor"))
    assert events == [
        ("assessment-submitted", camden.pk, "Self-assessment 2026", lead.pk),
        ("assessment-signed-off", camden.pk, "Self-assessment 2026", lead.pk),
        ("assessment-reopened", camden.pk, "Self-assessment 2026", lead.pk),
    ]
    assert AuditEvent.objects.get(kind="assessment-reopened").details["reason"] == "A new contract register"


def test_publishing_a_framework_version_is_recorded(client, nps, national_admin):
    from maturity.frameworks import loader
    from tests.frameworks import versions

    draft = loader.load(versions.nps_2019(), status="draft").framework
    client.force_login(national_admin)
    response = client.post(reverse("frameworks:publish", args=[draft.key, draft.version]), {"followed": "retire"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(kind="framework-published")
    assert event.subject == "nps@2019" and event.actor == national_admin and event.organisation is None


def test_publishing_a_round_is_recorded(nps, camden, national_admin):
    from maturity.benchmarks import services
    from tests.benchmarks.helpers import TODAY, make_round

    round_ = make_round(
        nps,
        [camden],
        user=national_admin,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=30),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    services.publish_round(round_=round_, user=national_admin, today=TODAY)
    event = AuditEvent.objects.get(kind="round-published")
    assert event.subject == "Diagnostic review 2026" and event.actor == national_admin
    assert event.details["round"] == round_.pk


def test_each_export_of_an_assessment_is_recorded(client, assessment, camden, viewer):
    client.force_login(viewer)
    for name in ("responses-csv", "actions-csv", "workbook"):
        response = client.get(reverse(f"reports:{name}", args=[camden.slug, assessment.pk]))
        assert response.status_code == 200
    events = AuditEvent.objects.filter(kind="export", organisation=camden)
    assert events.count() == 3 and {e.actor for e in events} == {viewer}
    assert {e.subject.rsplit(".", 1)[-1] for e in events} == {"csv", "xlsx"}


def test_an_outsider_asking_for_an_export_gets_404_and_nothing_is_recorded(client, assessment, camden, outsider):
    client.force_login(outsider)
    assert client.get(reverse("reports:responses-csv", args=[camden.slug, assessment.pk])).status_code == 404
    assert not AuditEvent.objects.filter(kind="export").exists()
