"""The national team's home page and the links an organisation's home offers."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_national_admin, make_user
from tests.html import elements


def test_the_national_home_is_for_national_admins_only(client, db):
    assert client.get("/national/").status_code == 404
    ordinary = make_user("Ola Ordinary")
    client.force_login(ordinary)
    assert client.get("/national/").status_code == 403


def test_a_national_admin_sees_every_national_tool(client, db):
    admin = make_national_admin("Nia National")  # with the authenticator app the role requires
    client.force_login(admin)
    page = client.get("/national/").content.decode()
    for name in ("benchmarks:rounds", "frameworks:versions", "groups:list", "exemplars:national", "evidence:national"):
        assert elements(page, "a", href=reverse(name))


def test_an_organisation_home_links_to_rounds_evidence_exemplars_and_groups(client, camden, viewer):
    client.force_login(viewer)
    page = client.get(reverse("organisations:home", kwargs={"slug": camden.slug})).content.decode()
    for name in (
        "benchmarks:organisation-rounds",
        "evidence:overview",
        "exemplars:help",
        "exemplars:offers",
        "groups:sharing",
    ):
        assert elements(page, "a", href=reverse(name, kwargs={"slug": camden.slug}))
