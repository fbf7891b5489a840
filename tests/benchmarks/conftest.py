"""Personas of the round tests: the national admin, and rounds of the NPS framework."""

from __future__ import annotations

import pytest

from tests.benchmarks.helpers import make_round, national_admin, signed_off, submit


@pytest.fixture
def admin(db):
    return national_admin("Nadia National")


@pytest.fixture
def open_round(nps, camden, manchester, admin):
    """An open round inviting Camden and Manchester."""
    return make_round(nps, [camden, manchester], user=admin, name="Diagnostic review 2027")


@pytest.fixture
def signed_off_assessment(nps, camden, lead):
    return signed_off(camden, nps, lead, title="Signed off 2027")


@pytest.fixture
def published_round(nps, camden, lead, admin):
    """A published round in which Camden took part, with enough London boroughs to show figures."""
    import datetime

    from maturity.benchmarks import services
    from tests.benchmarks.helpers import TODAY, bulk_councils

    councils = bulk_councils(nps, 30, prefix="Borough")
    round_ = make_round(
        nps,
        [camden, *councils],
        user=admin,
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    submit(round_, camden, signed_off(camden, nps, lead, title="Signed off 2026"), named=True)
    from maturity.assessments.models import Assessment

    for o in councils:
        submit(round_, o, Assessment.objects.get(organisation=o))
    return services.publish_round(round_=round_, user=admin, today=TODAY)
