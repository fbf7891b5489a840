"""Personas shared by the tests: two councils, and a lead, contributor and viewer of the first."""

from __future__ import annotations

import pytest

from maturity.organisations.models import Role
from tests.factories import make_member, make_organisation

# Browser fixtures (Chromium, pages, axe checks) for browser tests in any folder.
pytest_plugins = ["tests.browser.plugin"]


@pytest.fixture(autouse=True)
def emails_through_the_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for its in-memory one; put back the product's, which
    queues every email for the worker (maturity/mail.py), delivering into that in-memory outbox.
    Tests read what was sent with tests.jobs.support.sent_emails(), after the worker has run."""
    settings.EMAIL_BACKEND = "maturity.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def documents_in_a_temporary_folder(settings, tmp_path_factory):
    """Evidence documents go to a folder of the test's own, never to var/ of the checkout."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("documents"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def fresh_cache(request):
    """The shared cache is a table of the test database: a test that commits (browser tests,
    `transactional_db`) must not leave throttle counts or cached pages to the next one. (Other
    tests roll back their transaction, cache rows included.) What this process keeps of the pages
    and documents is forgotten after every test: the next one may reuse the same ids."""
    yield
    from maturity import pagecache

    pagecache.forget_in_process()
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        with request.getfixturevalue("django_db_blocker").unblock():
            cache.clear()


@pytest.fixture
def camden(db):
    return make_organisation("Camden", type="london-borough", region="London")


@pytest.fixture
def manchester(db):
    return make_organisation("Manchester", type="metropolitan-district", region="North West")


@pytest.fixture
def lead(camden):
    return make_member(camden, Role.LEAD, "Lena Lead")


@pytest.fixture
def contributor(camden):
    return make_member(camden, Role.CONTRIBUTOR, "Connor Contributor")


@pytest.fixture
def viewer(camden):
    return make_member(camden, Role.VIEWER, "Vera Viewer")


@pytest.fixture
def outsider(manchester):
    """A lead of another council: must never see Camden's data."""
    return make_member(manchester, Role.LEAD, "Oscar Outsider")


@pytest.fixture
def nps(db):
    """The bundled NPS 2018 framework, loaded through the one validated path."""
    from maturity.frameworks import loader

    return loader.load(loader.read(loader.bundled_path())).framework


@pytest.fixture
def assessment(nps, camden, lead):
    from maturity.assessments.services import start_assessment

    return start_assessment(organisation=camden, framework=nps, title="Self-assessment 2026", user=lead)
