"""Operators manage users in Django's admin, where the email address is the user name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity.accounts.models import User
from tests.factories import PASSWORD


@pytest.fixture
def operator(db):
    return User.objects.create_superuser(email="operator@example.gov.uk", password=PASSWORD, full_name="Olive Operator")


def test_the_user_pages_of_the_admin_open(client, operator, lead):
    client.force_login(operator)
    assert client.get(reverse("admin:accounts_user_changelist"), {"q": "lena"}).status_code == 200
    assert client.get(reverse("admin:accounts_user_add")).status_code == 200
    page = client.get(reverse("admin:accounts_user_change", args=[lead.pk]))
    assert page.status_code == 200
    assert "Camden" in page.content.decode()  # the memberships inline


def test_an_operator_can_add_a_user_with_a_lower_case_email(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "New.Person@Example.gov.uk", "full_name": "New Person", "usable_password": "true",
         "password1": "a brand new long passphrase 42", "password2": "a brand new long passphrase 42"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(full_name="New Person")
    assert user.email == "new.person@example.gov.uk"
    assert user.check_password("a brand new long passphrase 42")


def test_the_admin_refuses_an_email_that_differs_only_in_case(client, operator, lead):
    client.force_login(operator)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": lead.email.upper(), "full_name": "Copy", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "A user with this email address already exists" in response.content.decode()
    assert not User.objects.filter(full_name="Copy").exists()


def test_people_who_are_not_staff_cannot_open_the_admin(client, lead):
    client.force_login(lead)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]
