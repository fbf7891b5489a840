"""Fixtures of the account tests: a fake OpenID Connect provider the product is set up to use."""

from __future__ import annotations

import pytest

from tests.accounts.fake_idp import running_provider


@pytest.fixture
def idp(settings, db):
    with running_provider(settings, site_url="http://testserver") as provider:
        yield provider
