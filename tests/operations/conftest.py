"""Redis for the tests of the Redis cache: the local one (127.0.0.1:6379, or TEST_REDIS_URL).

CI starts Redis (.ci/run), so there a missing Redis fails the tests; elsewhere they are skipped
with a message."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def redis_url() -> str:
    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        message = f"No Redis answers at {url} (start one, or set TEST_REDIS_URL)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url
