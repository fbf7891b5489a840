"""`maturity demo load` gives a signed-off assessment with a plan and a draft in progress."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from maturity.assessments.models import Assessment
from maturity.organisations.models import Membership


def lead_organisation(email):
    return Membership.objects.get(user__email=email).organisation


def test_demo_assessments_are_made_once_from_the_published_framework(nps):
    call_command("demo", "load", stdout=StringIO())
    manchester = lead_organisation("manchester.lead@example.com").assessments.get()
    camden = lead_organisation("camden.lead@example.com").assessments.get()
    assert manchester.status == Assessment.Status.SIGNED_OFF and manchester.actions.count() == 6
    assert not manchester.responses.filter(current_level=None).exists()
    assert camden.status == Assessment.Status.IN_PROGRESS
    assert camden.responses.exclude(current_level=None).count() == 4
    out = StringIO()
    call_command("demo", "load", stdout=out)
    assert "Demo assessments: 0 added" in out.getvalue()
    # The people's councils keep only their own; councils nobody joined have the demo rounds' made-up ones.
    assert Assessment.objects.filter(organisation__memberships__isnull=False).distinct().count() == 2


def test_without_a_published_framework_the_demo_says_so(db):
    out = StringIO()
    call_command("demo", "load", stdout=out)
    assert "No published framework: demo assessments skipped" in out.getvalue()
