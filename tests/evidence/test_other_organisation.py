"""A spend file whose organisation columns (label, URI or code) name another organisation: the web
says so and asks the lead to confirm before anything is stored; the command line refuses unless
told --other-organisation (issue 15: a lead of Manchester uploaded Trafford's file)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from maturity.evidence import services, spend_columns
from maturity.evidence.models import SpendUpload
from maturity.organisations.models import Role
from tests.evidence.helpers import TRAFFORD_ZIP, needs, trafford_slice
from tests.evidence.test_views import confirm, job_page, upload, url
from tests.factories import make_member, make_organisation
from tests.html import text_of

pytestmark = needs(TRAFFORD_ZIP)

NAMED = "“Trafford Council”, “https://opendatacommunities.org/id/metropolitan-district-council/trafford”"


@pytest.fixture
def trafford(db):
    return make_organisation("Trafford", type="metropolitan-district", region="North West")


def test_the_command_line_refuses_another_organisations_file_unless_told(tmp_path, manchester, trafford):
    path = tmp_path / "trafford.csv"
    path.write_bytes(trafford_slice(300))
    with pytest.raises(CommandError) as error:
        call_command("evidence", "import-spend", manchester.slug, str(path))
    assert (
        f"trafford.csv names another organisation: {NAMED}, not Manchester. Check that you chose the right file. "
        "If it is Manchester's spend all the same, run the command again with --other-organisation."
    ) in str(error.value)
    assert not manchester.spend_lines.exists()
    call_command("evidence", "import-spend", manchester.slug, str(path), "--other-organisation")
    assert manchester.spend_lines.exists()


def test_a_file_naming_its_own_organisation_is_imported_without_a_question(tmp_path, trafford):
    path = tmp_path / "trafford.csv"
    path.write_bytes(trafford_slice(300))
    record = services.import_spend_path(organisation=trafford, path=path)
    assert record.summary["payments"] == 300


def test_the_register_code_in_a_file_names_its_organisation(trafford, manchester):
    trafford.gss_code = "E08000009"
    trafford.save()
    named = {"organisation_code": ["E08000009"]}
    assert services.other_organisations(manchester, named) == ["“E08000009”"]
    assert services.other_organisations(trafford, named) == []
    assert services.other_organisations(manchester, {"organisation_name": ["Somewhere Unknown"]}) == []


def test_the_web_says_whose_file_it_is_and_asks_the_lead_to_confirm(client, camden, lead, trafford):
    client.force_login(lead)
    upload(client, camden, trafford_slice(300), "trafford.csv")
    mapping = SpendUpload.objects.get().mapping
    assert {"organisation_name", "organisation_uri"} <= set(mapping)
    page = client.get(url("spend-columns", camden)).content.decode()
    assert f"This file names another organisation: {NAMED}, not Camden." in page
    assert "This file is Camden's spend all the same" in text_of(page)

    refused = confirm(client, camden, mapping)
    assert refused.status_code == 200
    assert "confirm that it is Camden's spend, or upload the right file" in text_of(refused)
    assert not camden.jobs.exists() and not camden.spend_lines.exists()

    confirmed = client.post(
        url("spend-columns", camden),
        {f"column_{i}": key for i, key in enumerate(mapping)} | {"import": "1", "other_organisation": "yes"},
    )
    assert "trafford.csv was imported: 300 payments" in job_page(client, confirmed)
    assert camden.spend_lines.exists()


def test_a_lead_of_the_organisation_the_file_names_is_not_asked(client, trafford):
    lead = make_member(trafford, Role.LEAD, "Tara Lead")
    client.force_login(lead)
    upload(client, trafford, trafford_slice(50), "trafford.csv")
    page = client.get(url("spend-columns", trafford)).content.decode()
    assert "names another organisation" not in page and "spend all the same" not in page


def test_the_organisation_columns_are_proposed_from_their_headings():
    assert spend_columns.propose_mapping(["OrganisationLabel", "OrganisationURI", "Body Name", "Amount"])[:2] == [
        "organisation_name",
        "organisation_uri",
    ]
