"""Every page, in Welsh, has no English left but the framework's (docs/adr/0025-cymraeg.md).

The routes are walked from the URL configuration, with the sample data of the authorisation
matrix, so a page added later is asked in Welsh as soon as someone may see it: each page is asked
by the first person of the matrix who may read it (a lead, the national team, a group lead...), with
`Accept-Language: cy`, and its text read as tests/welsh.py reads it. The sample data's own words
(names, titles, answers that people typed) are allowed; nothing else in English is.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.html import lang_of
from tests.test_authorisation_matrix import EXPECTED, ROUTES, expectations, fill, world  # noqa: F401 - a fixture
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

# Who asks, in order: the first whose GET is answered 200 by the matrix.
ASKERS = ("lead", "national", "glead", "viewer", "anonymous")
# What the sample world's people typed, and files and formats that are not pages.
TYPED = (
    "Brief cabinet",
    "Procurement strategy",
    "Unknown Buyer Council",
    "Pat Contact of Islington",
    "We would like to learn from your approach.",
)


@pytest.fixture(autouse=True)
def documents_in_a_temporary_folder():
    """As in the authorisation matrix: its sample document is in the test run's documents folder."""


def asker(name: str) -> str | None:
    cells = expectations(EXPECTED[name])
    return next((role for role in ASKERS if role in cells and "200" in cells[role][0]), None)


def test_every_page_in_welsh_has_no_english_left(world):  # noqa: F811 - the matrix's fixture
    left = []
    for name in sorted(ROUTES):
        role = asker(name) if name in EXPECTED else None
        if role is None:
            continue
        url = fill(name, ROUTES[name], world)
        with transaction.atomic():
            client = Client(HTTP_ACCEPT_LANGUAGE="cy")
            if role in world.sessions:
                client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
            response = client.get(url)
            transaction.set_rollback(True)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = response.content.decode()
        assert lang_of(page) == "cy", f"{name} ({url}) is not marked as Welsh"
        left += [f"{name} ({url}, as {role}): {text[:160]}" for text in english_in(page, allow=TYPED)]
    assert not left, f"{len(left)} English texts on Welsh pages:\n" + "\n".join(left)
