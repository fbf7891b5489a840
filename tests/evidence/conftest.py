"""Fixtures of the evidence tests: the real register of councils, loaded once per test that needs it."""

from __future__ import annotations

import pytest

from tests.evidence.helpers import REGISTER


@pytest.fixture
def register(db):
    """Every English council of mySociety's register, imported through the one import path."""
    if not REGISTER.exists():
        pytest.skip(f"the register is not at {REGISTER} (shared test data)")
    from maturity.organisations import register as reader
    from maturity.organisations import services

    services.import_register(register=reader.parse(reader.read(REGISTER)))
    from maturity.organisations.models import Organisation

    return {o.register_code: o for o in Organisation.objects.all()}
