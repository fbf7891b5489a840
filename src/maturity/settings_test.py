"""Settings for the test suite: the production settings with test-friendly defaults."""

import os

os.environ.setdefault("MATURITY_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "memory:")

from maturity.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
# No daily job starts by the clock in tests (tests of the daily jobs set their own).
JOBS_DAILY = {}

# Evidence documents made outside a test (the authorisation matrix's module-wide sample data) go to a
# folder of this test run, never to var/ of the checkout; each test has a folder of its own
# (tests/conftest.py).
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

_documents_dir = tempfile.mkdtemp(prefix="maturity-test-documents-")
atexit.register(shutil.rmtree, _documents_dir, ignore_errors=True)
STORAGES = {**STORAGES, "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",  # noqa: F405
                                      "OPTIONS": {"location": _documents_dir, "base_url": None}}}
