"""One cache shared by every app server: a table in the database by default (made by
`migrate`), Redis when REDIS_URL is set."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

TABLE = "maturity_cache"


def test_the_default_cache_is_a_table_in_the_database(db):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("shared", "seen by every app server", 60)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE cache_key LIKE %s", ["%shared"])
        assert cursor.fetchone()[0] == 1
    assert cache.get("shared") == "seen by every app server"


def test_migrate_makes_the_cache_table_so_nobody_has_to_remember_createcachetable(db):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TABLE}")
    assert TABLE not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert TABLE in connection.introspection.table_names()
    cache.set("after-migrate", 1, 60)
    assert cache.get("after-migrate") == 1


def test_with_redis_url_the_cache_is_redis(redis_url, tmp_path):
    import redis

    key = f"written-by-{uuid.uuid4().hex}"
    script = (
        f"from django.core.cache import caches; caches['default'].set({key!r}, 'hello', 60); "
        "print(type(caches['default']).__name__)"
    )
    environment = {name: value for name, value in os.environ.items() if name not in {"DEBUG", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-m", "maturity", "shell", "--no-imports", "-c", script],
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "maturity.settings",
            "MATURITY_TESTING": "1",
            "MATURITY_HOME": str(tmp_path),
            "REDIS_URL": redis_url,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "RedisCache"
    stored = redis.Redis.from_url(redis_url)
    [name] = stored.keys(f"maturity:*:{key}")
    assert stored.get(name) is not None
    stored.delete(name)
