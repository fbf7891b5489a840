"""An organisation's pages, the national directory and the invitation email in Welsh
(docs/adr/0025-cymraeg.md): no English left but what people typed and the framework's own text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maturity.organisations import services
from maturity.organisations.models import Invitation, Role
from tests.factories import make_member, make_national_admin, make_organisation, make_user
from tests.html import element, elements, text_of
from tests.jobs.support import sent_emails
from tests.welsh import english_in

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def welsh_page(client: Client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200 and response["Content-Language"] == "cy"
    return response.content.decode()


def test_an_organisations_home_in_welsh_has_no_english_left(camden, lead, contributor):
    page = welsh_page(signed_in(lead), reverse("organisations:home", args=[camden.slug]))
    assert "Bwrdeistref yn Llundain, London" in page  # the type is named in Welsh; the region as typed
    assert "Rydych chi’n arweinydd yn y sefydliad hwn." in text_of(page) and elements(page, "strong", text="arweinydd")
    assert english_in(page, allow=(lead.full_name,)) == []
    page = welsh_page(signed_in(contributor), reverse("organisations:home", args=[camden.slug]))
    assert english_in(page, allow=(contributor.full_name,)) == []


def test_an_organisations_people_page_in_welsh_has_no_english_left(camden, lead, viewer):
    services.invite_colleague(
        organisation=camden, email="newcomer@camden.gov.uk", role=Role.CONTRIBUTOR, invited_by=lead
    )
    page = welsh_page(signed_in(lead), reverse("organisations:people", args=[camden.slug]))
    assert "Aelodau Camden" in page and "Gwyliwr" in page and "(chi)" in page
    assert any(
        elements(link, "span", class_="govuk-visually-hidden", text="Vera Viewer")
        for link in elements(page, "a", text="Newid rôl Vera Viewer")
    )
    assert english_in(page, allow=(lead.full_name, viewer.full_name)) == []


def test_the_pages_to_invite_and_change_a_role_in_welsh_have_no_english_left(camden, lead, viewer):
    client = signed_in(lead)
    page = welsh_page(client, reverse("organisations:invite", args=[camden.slug]))
    assert "Yn gallu cofnodi atebion a thystiolaeth mewn asesiad hefyd." in page  # role hints
    assert english_in(page) == []
    membership = viewer.memberships.get()
    page = welsh_page(client, reverse("organisations:change-role", args=[camden.slug, membership.pk]))
    assert english_in(page, allow=(viewer.full_name,)) == []


def test_the_national_directory_in_welsh_has_no_english_left():
    kent = make_organisation("Kent", type="county", region="South East")
    make_member(kent, Role.LEAD, "Kit Kentlead")
    cardiff = make_organisation("Cardiff", type="welsh-principal", nation="wales", region="Wales", gss_code="W06000015")
    Invitation.objects.create(organisation=cardiff, email="cara@cardiff.gov.wales", role=Role.LEAD, token_hash="a" * 64)
    client = signed_in(make_national_admin("Nia National"))
    page = welsh_page(client, reverse("directory:list"))
    assert element(page, "h1").text.endswith("Sefydliadau") and "2 sefydliad." in page
    assert "Cyngor sir" in page and "Prif gyngor yng Nghymru" in page and "Mae ganddo arweinydd" in page
    assert english_in(page) == []
    page = welsh_page(client, reverse("directory:organisation", args=[cardiff.slug]))
    assert "Prif gyngor yng Nghymru, Cymru" in page
    assert english_in(page) == []
    page = welsh_page(client, reverse("directory:contacts"))
    assert english_in(page) == []


def test_the_directorys_csv_keeps_english_types_on_a_welsh_page():
    make_organisation("Kent", type="county", region="South East")
    client = signed_in(make_national_admin("Nia National"))
    csv_text = client.get(reverse("directory:csv"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "County council" in csv_text


def test_an_invitation_sent_while_welsh_is_active_is_in_welsh(camden, lead):
    response = signed_in(lead).post(
        reverse("organisations:invite", args=[camden.slug]),
        {"email": "newydd@camden.gov.uk", "role": Role.CONTRIBUTOR},
        HTTP_ACCEPT_LANGUAGE="cy",
    )
    assert response.status_code == 302
    (message,) = sent_emails()
    assert message.subject == "Mae Lena Lead wedi eich gwahodd i ymuno â Camden ar Procurement maturity toolkit"
    assert message.body.startswith("Helo,\n\nMae Lena Lead wedi eich gwahodd i ymuno â Camden")
    assert "fel cyfrannwr." in message.body
    assert "Yn gallu cofnodi atebion a thystiolaeth mewn asesiad hefyd." in message.body
    assert "Mae’r ddolen yn gweithio tan" in message.body
    assert english_in(message.body, allow=("Procurement maturity toolkit",)) == []


def test_an_invitation_to_someone_with_an_account_is_in_their_own_language(camden, lead):
    person = make_user("Siân Jones", email="sian@camden.gov.uk")
    person.language = "cy"
    person.save()
    services.invite_colleague(organisation=camden, email="sian@camden.gov.uk", role=Role.VIEWER, invited_by=lead)
    (message,) = sent_emails()
    assert message.subject.startswith("Mae Lena Lead wedi eich gwahodd")
    assert "fel gwyliwr." in message.body


def test_an_invitation_from_an_english_page_to_someone_new_is_in_english(camden, lead):
    with translation.override("en-gb"):
        services.invite_colleague(organisation=camden, email="new@camden.gov.uk", role=Role.LEAD, invited_by=lead)
    (message,) = sent_emails()
    assert message.subject == "Lena Lead invited you to join Camden on the Procurement maturity toolkit"
    assert "as a lead." in message.body


def test_an_organisations_home_with_an_assessment_in_welsh_has_no_english_left(camden, lead, assessment):
    page = welsh_page(signed_in(lead), reverse("organisations:home", args=[camden.slug]))
    assert "Asesiadau Camden" in page and "Dechrau asesiad newydd" in page
    assert english_in(page, allow=(lead.full_name, assessment.title)) == []


def test_the_directorys_pages_are_named_in_welsh():
    for n in range(55):
        make_organisation(f"Body {n}", type="other", region="")
    client = signed_in(make_national_admin("Nia National"))
    page = welsh_page(client, reverse("directory:list") + "?page=2")
    assert "55 sefydliad: tudalen 2 o 2." in page
    assert any(
        elements(link, "span", class_="govuk-visually-hidden", text="tudalen")
        for link in elements(page, "a", text="Blaenorol tudalen")
    )
    assert elements(page, "a", aria_label="Tudalen 1")
    assert english_in(page) == []
    english = client.get(reverse("directory:list") + "?page=2").content.decode()
    assert any(
        elements(link, "span", class_="govuk-visually-hidden", text="page")
        for link in elements(english, "a", text="Previous page")
    )
    assert elements(english, "a", aria_label="Page 1")
