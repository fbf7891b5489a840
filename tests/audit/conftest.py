"""Personas of the audit tests, on top of tests/conftest.py (Camden, its lead, contributor and
viewer; Manchester and its lead, the outsider)."""

from __future__ import annotations

import pytest

from tests.factories import make_national_admin


@pytest.fixture
def national_admin(db):
    return make_national_admin()
