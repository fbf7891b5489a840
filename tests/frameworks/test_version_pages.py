"""The framework versions pages: national admins upload, check, publish and retire; everyone reads
the published and retired versions and the changes between them."""

from __future__ import annotations

import copy

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.frameworks import loader
from maturity.frameworks.models import Framework
from maturity.text import plain
from tests.frameworks import versions
from tests.html import contains_html, elements, text_of

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["frameworks:versions", "frameworks:upload"]
VERSION_PAGES = ["frameworks:preview", "frameworks:publish", "frameworks:retire", "frameworks:delete"]


def upload(client, document, name="nps-2019.yaml"):
    content = (
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()
        if isinstance(document, dict)
        else document
    )
    return client.post(reverse("frameworks:upload"), {"framework_file": SimpleUploadedFile(name, content)})


def admin_urls(framework):
    kwargs = {"key": framework.key, "version": framework.version}
    return [reverse(name) for name in ADMIN_PAGES] + [reverse(name, kwargs=kwargs) for name in VERSION_PAGES]


def test_non_admins_get_403_on_every_national_page(client, draft_2019, lead, outsider):
    for user in (lead, outsider):
        client.force_login(user)
        for url in admin_urls(draft_2019):
            assert client.get(url).status_code == 403, url
            assert client.post(url).status_code == 403, url
    assert Framework.objects.get(pk=draft_2019.pk).status == Framework.Status.DRAFT


def test_visitors_are_sent_to_sign_in_from_national_pages(client, draft_2019):
    for url in admin_urls(draft_2019):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"], url


def test_an_invalid_upload_lists_every_problem_with_its_path_and_saves_nothing(client, national_admin, nps):
    document = versions.nps_2019()
    document["follows"] = "2018"
    versions.area_in(document, versions.SPLIT_INTO[0])["replaces"] = ["no-such-area"]
    versions.area_in(document, versions.NOT_FOR_COMBINED)["not_applicable_to"] = ["parish"]
    client.force_login(national_admin)
    response = upload(client, document)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "The file has 2 problems: see the list" in page
    assert ", replaces, item 1: 'no-such-area' is not an area of nps@2018" in text_of(page)
    assert ", not applicable to, item 1: 'parish' is not an organisation type" in text_of(page)
    assert not Framework.objects.filter(version="2019").exists()


def test_a_file_that_is_not_yaml_or_is_missing_is_refused(client, national_admin, nps):
    client.force_login(national_admin)
    page = upload(client, b"key: nps\nversion: [\n").content.decode()
    assert "not valid YAML" in page and "line" in page
    page = client.post(reverse("frameworks:upload"), {}).content.decode()
    assert "Select a framework file (YAML or JSON)" in page
    assert Framework.objects.count() == 1


def test_upload_preview_and_publish_a_new_version(client, national_admin, nps):
    client.force_login(national_admin)
    response = upload(client, versions.nps_2019())
    preview_url = reverse("frameworks:preview", kwargs={"key": "nps", "version": "2019"})
    assert response.status_code == 302 and response["Location"] == preview_url
    draft = Framework.objects.get(key="nps", version="2019")
    assert draft.status == Framework.Status.DRAFT

    page = client.get(preview_url).content.decode()
    assert "Changes from version 2018" in page
    for area in draft.areas.all():  # every area and descriptor, as it will appear
        assert area.title in page
        for level in area.descriptors:
            assert plain(level["descriptor"]).split("\n")[0].split()[0] in page
    assert any(elements(ins, "span", class_="govuk-visually-hidden", text="[added:") for ins in elements(page, "ins"))
    assert any(elements(d, "span", class_="govuk-visually-hidden", text="[removed:") for d in elements(page, "del"))

    publish_url = reverse("frameworks:publish", kwargs={"key": "nps", "version": "2019"})
    page = client.get(publish_url).content.decode()
    assert "Are you sure you want to publish nps@2019?" in page and "What happens to version 2018?" in page
    response = client.post(publish_url, {"followed": "retire"})
    assert response.status_code == 302 and response["Location"] == reverse("frameworks:versions")
    assert Framework.objects.get(pk=draft.pk).status == Framework.Status.PUBLISHED
    assert Framework.objects.get(pk=nps.pk).status == Framework.Status.RETIRED


def test_publishing_asks_what_happens_to_the_version_followed(client, national_admin, draft_2019):
    client.force_login(national_admin)
    page = client.post(reverse("frameworks:publish", kwargs={"key": "nps", "version": "2019"}), {}).content.decode()
    assert "Select whether to retire the version it follows" in page
    assert Framework.objects.get(pk=draft_2019.pk).status == Framework.Status.DRAFT


def test_uploading_a_changed_published_version_is_refused(client, national_admin, nps):
    client.force_login(national_admin)
    document = versions.bundled()
    document["sections"][0]["areas"][0]["title"] = "Renamed in place"
    page = upload(client, document).content.decode()
    assert "nps@2018 is published, so its content cannot change" in page
    assert nps.areas.get(key="engaging-councillors").title == "Engaging councillors"


def test_retiring_keeps_the_version_readable_with_a_notice(client, national_admin, nps):
    client.force_login(national_admin)
    url = reverse("frameworks:retire", kwargs={"key": "nps", "version": "2018"})
    assert "Are you sure you want to retire nps@2018?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    client.logout()
    for page_url in ("/framework/nps/2018/", "/framework/nps/2018/engaging-councillors/"):
        page = client.get(page_url).content.decode()
        assert "has been retired" in page, page_url


def test_a_draft_is_not_public(client, draft_2019):
    assert client.get("/framework/nps/2019/").status_code == 404
    assert client.get("/framework/nps/2019/changes/").status_code == 404


def test_the_changes_page_is_public_for_a_published_version(client, nps_2019):
    page = client.get(reverse("frameworks:detail", kwargs={"key": "nps", "version": "2019"})).content.decode()
    assert elements(page, "a", href="/framework/nps/2019/changes/")
    page = client.get("/framework/nps/2019/changes/").content.decode()
    assert "Changes in version 2019" in page
    assert "Managing supply chain risk replaces Managing strategic risk" in page
    assert "Who areas apply to" in page and ": no longer applies to combined authorities" in page
    assert contains_html(
        page,
        '<del class="app-diff-del"><span class="govuk-visually-hidden">[removed: </span>'
        'medium<span class="govuk-visually-hidden">]</span></del>',
    )
    assert contains_html(
        page,
        '<ins class="app-diff-ins"><span class="govuk-visually-hidden">[added: </span>'
        'and medium-sized<span class="govuk-visually-hidden">]</span></ins>',
    )
    assert client.get("/framework/nps/2018/changes/").status_code == 404  # the first version follows none


def test_an_area_removed_without_replacement_says_its_trend_ends(client, nps):
    document = copy.deepcopy(versions.bundled())
    document.update(version="2019", follows="2018")
    enablers = document["sections"][-1]
    removed = enablers["areas"].pop()
    loader.load(document)
    page = client.get("/framework/nps/2019/changes/").content.decode()
    assert f"{removed['title']}: removed, its trend ends with version 2018" in page


def test_the_published_version_links_to_the_retired_one(client, nps_2019):
    response = client.get(reverse("frameworks:overview"), follow=True)
    assert response.redirect_chain == [("/framework/nps/2019/", 302)]
    page = response.content.decode()
    assert "Other versions" in page and elements(page, "a", href="/framework/nps/2018/") and "– retired" in page


def test_the_overview_lists_the_versions_when_several_are_published(client, draft_2019):
    from maturity.frameworks import services

    services.publish(draft_2019, retire_followed=False)
    page = client.get(reverse("frameworks:overview")).content.decode()
    assert elements(page, "a", href="/framework/nps/2019/") and elements(page, "a", href="/framework/nps/2018/")


def test_the_versions_page_lists_every_version(client, national_admin, draft_2019):
    client.force_login(national_admin)
    page = client.get(reverse("frameworks:versions")).content.decode()
    assert "nps@2018" in page and "nps@2019" in page and "Draft" in page and "Published" in page
