"""Personas and versions for the framework versions tests."""

from __future__ import annotations

import pytest

from tests.factories import make_national_admin
from tests.frameworks import versions


@pytest.fixture
def national_admin(db):
    return make_national_admin("Nadia National")  # with the authenticator app the role requires


@pytest.fixture
def draft_2019(nps):
    from maturity.frameworks import loader

    return loader.load(versions.nps_2019(), status="draft").framework


@pytest.fixture
def nps_2019(draft_2019):
    from maturity.frameworks import services

    return services.publish(draft_2019, retire_followed=True)
