"""The framework in Welsh (docs/adr/0025-cymraeg.md): a framework file may carry a Welsh translation
of every text field, checked by the loader; a framework with one shows it on Welsh pages, one
without shows its English marked lang="en", with a note that it is published in English."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from maturity.frameworks import loader, text
from maturity.frameworks.models import Framework
from tests.html import Element, contains_html, element, elements
from tests.welsh import english_in

pytestmark = pytest.mark.django_db

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}
NOTE = "Mae’r fframwaith wedi’i gyhoeddi yn Saesneg."


@pytest.fixture(autouse=True)
def forget_translations():
    """What this process keeps of the translations belongs to the test that loaded them."""
    text.forget()
    yield
    text.forget()


def small_framework() -> dict:
    """A framework of two levels and one area, with a complete Welsh translation."""
    return {
        "key": "bach",
        "version": "1",
        "title": "The small framework for the tests",
        "levels": [{"number": 1, "name": "Starting out"}, {"number": 2, "name": "Leading the way"}],
        "sections": [
            {
                "key": "buying",
                "title": "Buying for the area and its people",
                "kind": "theme",
                "description": "How the council buys for the good of the area.",
                "areas": [
                    {
                        "key": "local-suppliers",
                        "title": "Working with local suppliers and the voluntary sector",
                        "description": "The council knows its local suppliers and what they can offer.",
                        "what_it_is": [
                            "Knowing the local market.",
                            {"bullets": ["Meeting suppliers", "Sharing plans"]},
                        ],
                        "levels": [
                            {"number": 1, "descriptor": "The council has no list of its local suppliers."},
                            {
                                "number": 2,
                                "descriptor": "The council meets its local suppliers every year and shares its plans.",
                            },
                        ],
                    }
                ],
            }
        ],
        "translations": {
            "cy": {
                "title": "Y fframwaith bach ar gyfer y profion",
                "levels": [{"number": 1, "name": "Dechrau arni"}, {"number": 2, "name": "Arwain y ffordd"}],
                "sections": {
                    "buying": {
                        "title": "Prynu ar gyfer yr ardal a’i phobl",
                        "description": "Sut mae’r cyngor yn prynu er lles yr ardal.",
                    }
                },
                "areas": {
                    "local-suppliers": {
                        "title": "Gweithio gyda chyflenwyr lleol a’r sector gwirfoddol",
                        "description": "Mae’r cyngor yn adnabod ei gyflenwyr lleol a’r hyn y gallant ei gynnig.",
                        "what_it_is": [
                            "Adnabod y farchnad leol.",
                            {"bullets": ["Cyfarfod â chyflenwyr", "Rhannu cynlluniau"]},
                        ],
                        "levels": [
                            {"number": 1, "descriptor": "Nid oes gan y cyngor restr o’i gyflenwyr lleol."},
                            {
                                "number": 2,
                                "descriptor": "Mae’r cyngor yn cyfarfod â’i gyflenwyr lleol bob blwyddyn ac yn rhannu ei gynlluniau.",
                            },
                        ],
                    }
                },
            }
        },
    }


def overview(framework, **headers) -> str:
    return client_get(
        reverse("frameworks:detail", kwargs={"key": framework.key, "version": framework.version}), **headers
    )


def client_get(path, **headers) -> str:
    from django.test import Client

    response = Client().get(path, **headers)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_framework_with_a_complete_welsh_translation_shows_it_on_welsh_pages():
    framework = loader.load(small_framework()).framework
    assert framework.translations["cy"]["title"] == "Y fframwaith bach ar gyfer y profion"
    page = overview(framework, **WELSH)
    assert contains_html(page, '<h1 class="govuk-heading-xl">Y fframwaith bach ar gyfer y profion</h1>')
    assert elements(page, "a", text="Gweithio gyda chyflenwyr lleol a’r sector gwirfoddol")
    assert contains_html(page, "<li>Dechrau arni</li>") and contains_html(page, "<li>Arwain y ffordd</li>")
    assert NOTE not in page and english_in(page) == []

    area = client_get(
        reverse("frameworks:area", kwargs={"key": "bach", "version": "1", "area_key": "local-suppliers"}), **WELSH
    )
    assert contains_html(area, '<h1 class="govuk-heading-xl">Gweithio gyda chyflenwyr lleol a’r sector gwirfoddol</h1>')
    assert "Mae’r cyngor yn cyfarfod â’i gyflenwyr lleol bob blwyddyn ac yn rhannu ei gynlluniau." in area
    assert contains_html(area, "<li>Cyfarfod â chyflenwyr</li>") and "Arwain y ffordd" in area
    assert not elements(element(area, "main"), lang="en")
    assert english_in(area) == []

    english = overview(framework)
    assert "The small framework for the tests" in english and "Y fframwaith bach" not in english


def test_the_translation_is_kept_in_the_framework_download_and_loading_it_again_changes_nothing():
    framework = loader.load(small_framework()).framework
    document = loader.export(framework)
    assert document["translations"] == small_framework()["translations"]
    assert loader.load(document).outcome == "unchanged"


def test_a_partial_translation_is_refused_naming_what_is_missing():
    document = small_framework()
    welsh = document["translations"]["cy"]
    del welsh["levels"][1]
    del welsh["areas"]["local-suppliers"]["what_it_is"]
    del welsh["areas"]["local-suppliers"]["levels"][0]
    del welsh["sections"]["buying"]["description"]
    problems = loader.validate(document)
    assert "translations, cy, levels: missing the name of level 2" in problems
    assert (
        "translations, cy, areas, area “Working with local suppliers and the voluntary sector” (local-suppliers): "
        "missing what it is, the descriptor of level 1"
    ) in problems
    assert (
        "translations, cy, sections, section “Buying for the area and its people” (buying): missing description"
        in problems
    )
    with pytest.raises(loader.FrameworkError):
        loader.load(document)


def test_a_translation_of_something_the_framework_does_not_have_is_refused():
    document = small_framework()
    document["translations"]["cy"]["areas"]["no-such-area"] = {"title": "Dim"}
    document["translations"]["cy"]["areas"]["local-suppliers"]["why_it_matters"] = "Am fod"
    problems = loader.validate(document)
    assert "translations, cy, areas: 'no-such-area' is not a area of the framework" in problems
    assert any("translates why it matters, which the English does not have" in p for p in problems)


def test_an_unknown_language_is_refused():
    document = small_framework()
    document["translations"]["fr"] = copy.deepcopy(document["translations"]["cy"])
    assert loader.validate(document) == ["translations, fr: 'fr' is not a language of the service: use cy"]


def test_a_framework_without_a_translation_is_english_marked_lang_en_on_welsh_pages(nps):
    page = overview(nps, **WELSH)
    assert NOTE in page
    first = element(page, "h1", class_="govuk-heading-xl").children[0]  # the heading is all in English
    assert isinstance(first, Element) and first.tag == "span" and first.attrs == {"lang": "en"}
    assert english_in(page) == []
    area = nps.areas.get(key="engaging-councillors")
    area_page = client_get(
        reverse("frameworks:area", kwargs={"key": "nps", "version": "2018", "area_key": area.key}), **WELSH
    )
    assert NOTE in area_page
    assert contains_html(area_page, f'<h1 class="govuk-heading-xl"><span lang="en">{area.title}</span></h1>')
    assert "Lefelau aeddfedrwydd" in area_page and "Beth ydyw" in area_page
    assert english_in(area_page) == []
    assert NOTE not in overview(nps)


def test_a_newly_published_translation_is_seen_at_once_by_this_process(nps):
    overview(nps, **WELSH)  # the translations are read: none yet
    framework = loader.load(small_framework()).framework
    assert "Y fframwaith bach ar gyfer y profion" in overview(framework, **WELSH)


def test_the_welsh_framework_list_and_changes_pages_leave_no_english(draft_2019):
    from maturity.frameworks import services

    services.publish(draft_2019, retire_followed=False)  # two published versions: the list
    page = client_get(reverse("frameworks:overview"), **WELSH)
    assert english_in(page) == []
    changes = client_get(reverse("frameworks:changes", kwargs={"key": "nps", "version": "2019"}), **WELSH)
    assert "Newidiadau yn fersiwn 2019" in changes
    assert english_in(changes) == []


def test_the_welsh_versions_pages_of_the_national_team_leave_no_english(client, national_admin, draft_2019):
    client.force_login(national_admin)
    for path in (
        reverse("frameworks:versions"),
        reverse("frameworks:upload"),
        reverse("frameworks:preview", kwargs={"key": "nps", "version": "2019"}),
        reverse("frameworks:publish", kwargs={"key": "nps", "version": "2019"}),
    ):
        response = client.get(path, **WELSH)
        assert response.status_code == 200, path
        assert english_in(response.content.decode()) == [], path


def test_the_national_team_is_told_in_welsh_what_a_partial_translation_misses(client, national_admin):
    import yaml
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = small_framework()
    del document["translations"]["cy"]["areas"]["local-suppliers"]["description"]
    client.force_login(national_admin)
    response = client.post(
        reverse("frameworks:upload"),
        {"framework_file": SimpleUploadedFile("bach.yaml", yaml.safe_dump(document, allow_unicode=True).encode())},
        **WELSH,
    )
    page = response.content.decode()
    assert (
        "translations, cy, areas, maes “Working with local suppliers and the voluntary sector” (local-suppliers): "
        "ar goll: description"
    ) in page
    assert "Problemau a gafwyd yn y ffeil (ni chadwyd dim)" in page
    assert not Framework.objects.filter(key="bach").exists()
