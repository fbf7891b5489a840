"""Settings for the test suite: the production settings with test-friendly defaults."""

import os

os.environ.setdefault("MATURITY_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "memory:")

from maturity.settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing in tests only
# No daily job starts by the clock in tests (tests of the daily jobs set their own).
JOBS_DAILY = {}

# Evidence documents made outside a test (the authorisation matrix's module-wide sample data) go to a
# folder of this test run, never to var/ of the checkout; each test has a folder of its own
# (tests/conftest.py).
import atexit
import shutil
import tempfile

_documents_dir = tempfile.mkdtemp(prefix="maturity-test-documents-")
atexit.register(shutil.rmtree, _documents_dir, ignore_errors=True)
STORAGES = {
    **STORAGES,
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _documents_dir, "base_url": None},
    },
}
