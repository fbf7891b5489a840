"""Settings for the test suite: the production settings with test-friendly defaults."""

import os

os.environ.setdefault("MATURITY_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "memory:")

from maturity.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
# No daily job starts by the clock in tests (tests of the daily jobs set their own).
JOBS_DAILY = {}
