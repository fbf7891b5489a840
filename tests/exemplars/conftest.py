"""Personas of the exemplar tests, on top of tests/conftest.py (Camden and its people, Manchester).

Camden wants help; Islington and Hackney (London boroughs) and Leeds (a metropolitan district in
another region) are exemplars in the first area of the framework. Each exemplar has a lead.
"""

from __future__ import annotations

import pytest

from maturity.accounts.models import User
from maturity.organisations.models import Role
from tests.exemplars.helpers import assess
from tests.factories import give_two_factor, make_member, make_organisation


@pytest.fixture
def area(nps):
    return nps.areas.order_by("position").first()


@pytest.fixture
def other_area(nps):
    return nps.areas.order_by("position")[1]


@pytest.fixture
def participating_camden(nps, camden, lead, area):
    """Camden, signed off at Developing and aiming for Leader in the first area (a gap of 2)."""
    camden.population = 210_000
    camden.save()
    assess(camden, nps, lead, {area.key: (2, 4)})
    return camden


def _exemplar(nps, area, name: str, level: int, **fields):
    organisation = make_organisation(name, **fields)
    lead_ = make_member(organisation, Role.LEAD, f"Lead of {name}")
    assess(organisation, nps, lead_, {area.key: (level, level)})
    return organisation, lead_


@pytest.fixture
def islington(nps, area):
    return _exemplar(nps, area, "Islington", 5, type="london-borough", region="London", population=216_000)


@pytest.fixture
def leeds(nps, area):
    return _exemplar(
        nps, area, "Leeds", 4, type="metropolitan-district", region="Yorkshire and The Humber", population=810_000
    )


@pytest.fixture
def national_admin(db):
    user = User.objects.create_user(
        email="nina.national@lga.example", password="x" * 12, full_name="Nina National", is_national_admin=True
    )
    give_two_factor(user)  # national administrators must have an authenticator app
    return user
