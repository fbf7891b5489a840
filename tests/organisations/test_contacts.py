"""Contacts in bulk, from the web page and from `maturity organisations invite`: every row checked
first, the problems listed by row, and nothing saved or sent until the whole file is good."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from maturity.organisations.models import Invitation, Role
from tests.factories import make_member, make_national_admin, make_organisation
from tests.html import text_of
from tests.jobs.support import sent_emails

pytestmark = pytest.mark.django_db

GOOD = (
    "organisation,name,email,role\n"
    "W06000015,Cara Jones,Cara.Jones@cardiff.gov.wales,lead\n"
    "Kent Fire and Rescue,Frank Hale,frank.hale@kent.fire-uk.org,Lead\n"
    "W06000015,Dai Evans,dai.evans@cardiff.gov.wales,viewer\n"
)
BAD = (
    "organisation,name,email,role\n"
    "W06000015,Cara Jones,cara.jones@cardiff.gov.wales,lead\n"
    "E99999999,Nobody,nobody@example.gov.uk,lead\n"
    "W06000015,Cara Again,CARA.JONES@cardiff.gov.wales,lead\n"
    "Kent Fire and Rescue,,not-an-email,chief\n"
    "Kent,Kit Kentlead,{member},lead\n"
)


@pytest.fixture
def bodies():
    cardiff = make_organisation("Cardiff", type="welsh-principal", nation="wales", region="Wales", gss_code="W06000015")
    fire = make_organisation("Kent Fire and Rescue", type="fire-and-rescue", region="South East", gss_code="")
    kent = make_organisation("Kent", type="county", region="South East", gss_code="E10000016")
    member = make_member(kent, Role.LEAD, "Kit Kentlead")
    return {"cardiff": cardiff, "fire": fire, "kent": kent, "member": member}


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(make_national_admin("Nia National"))
    return client


def upload(client, text: str | bytes, name: str = "contacts.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(reverse("directory:contacts"), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_a_file_with_errors_lists_them_by_row_and_saves_nothing(admin_client, bodies):
    page = upload(admin_client, BAD.format(member=bodies["member"].email)).content.decode()
    assert "Row 3: no organisation has the code or name 'E99999999'" in text_of(page)
    assert "Row 4: cara.jones@cardiff.gov.wales is also on row 2 for Cardiff" in page
    assert "Row 5: enter the person's name; 'not-an-email' is not an email address" in text_of(page)
    assert "the role must be lead, contributor or viewer, not 'chief'" in text_of(page)
    assert f"Row 6: {bodies['member'].email} is already a member of Kent" in page
    assert "Row 2:" not in page
    assert "Nothing was saved and nobody was invited" in page
    assert not Invitation.objects.exists()
    assert not sent_emails()


def test_a_good_file_is_previewed_then_invited_when_confirmed(admin_client, bodies):
    page = upload(admin_client, GOOD).content.decode()
    assert "3 contacts to invite" in page and "Frank Hale" in page and "cara.jones@cardiff.gov.wales" in page
    assert not Invitation.objects.exists()  # nothing until confirmed
    text = GOOD
    response = admin_client.post(reverse("directory:contacts"), {"contacts": text}, follow=True)
    assert "3 invitations sent" in response.content.decode()
    assert sorted(Invitation.objects.values_list("email", "role", "full_name")) == [
        ("cara.jones@cardiff.gov.wales", "lead", "Cara Jones"),
        ("dai.evans@cardiff.gov.wales", "viewer", "Dai Evans"),
        ("frank.hale@kent.fire-uk.org", "lead", "Frank Hale"),
    ]
    assert sorted(e.to[0] for e in sent_emails()) == [
        "cara.jones@cardiff.gov.wales",
        "dai.evans@cardiff.gov.wales",
        "frank.hale@kent.fire-uk.org",
    ]


def test_a_confirmation_after_someone_else_invited_the_same_person_sends_nothing(admin_client, bodies):
    from maturity.organisations.services import invite_colleague

    upload(admin_client, GOOD)
    invite_colleague(organisation=bodies["fire"], email="frank.hale@kent.fire-uk.org", role=Role.LEAD, invited_by=None)
    page = admin_client.post(reverse("directory:contacts"), {"contacts": GOOD}).content.decode()
    assert "Row 3: frank.hale@kent.fire-uk.org has already been invited to Kent Fire and Rescue" in page
    assert Invitation.objects.count() == 1
    assert len(sent_emails()) == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ("name,email\nCara,cara@example.gov.uk\n", "Row 1 (the header) is missing the columns organisation, role"),
        ("organisation,name,email,role\n", "The file has a header but no contacts"),
        ("", "The file is empty"),
        (
            "organisation,name,email,role\nCaerdydd,Siân,sian@example.gov.uk,lead\n".encode("cp1252"),
            "The file is not UTF-8 text",
        ),
        (
            "organisation,name,email,role\nW06000015,Cara,cara@example.gov.uk,lead\n".encode("utf-16"),
            "The file is not a CSV file",
        ),
    ],
)
def test_a_file_of_the_wrong_shape_or_encoding_is_refused_clearly(admin_client, bodies, data, message):
    page = upload(admin_client, data).content.decode()
    assert message in page
    assert not Invitation.objects.exists()


def test_no_file_chosen_is_an_error(admin_client, bodies):
    page = admin_client.post(reverse("directory:contacts"), {}).content.decode()
    assert "Choose a CSV file of contacts" in page


def test_the_command_invites_a_good_file(bodies, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("organisations", "invite", str(path), stdout=out)
    assert "3 invitations sent." in out.getvalue()
    assert Invitation.objects.count() == 3
    assert "The national team has invited you" in sent_emails()[0].body


def test_the_command_lists_the_problems_and_invites_nobody(bodies, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(BAD.format(member=bodies["member"].email), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("organisations", "invite", str(path))
    assert "nobody was invited" in str(error.value)
    assert "Row 3: no organisation has the code or name 'E99999999'" in str(error.value)
    assert not Invitation.objects.exists()
