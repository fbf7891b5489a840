"""Personas and versions for the framework versions tests."""

from __future__ import annotations

import pytest

from tests.factories import make_user
from tests.frameworks import versions


@pytest.fixture
def national_admin(db):
    user = make_user("Nadia National")
    user.is_national_admin = True
    user.save(update_fields=["is_national_admin"])
    return user


@pytest.fixture
def draft_2019(nps):
    from maturity.frameworks import loader

    return loader.load(versions.nps_2019(), status="draft").framework


@pytest.fixture
def nps_2019(draft_2019):
    from maturity.frameworks import services

    return services.publish(draft_2019, retire_followed=True)
