"""Operators manage users in Django's admin, where the email address is the user name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maturity.accounts.models import User
from tests.factories import PASSWORD, give_two_factor


@pytest.fixture
def operator(db):
    user = User.objects.create_superuser(email="operator@example.gov.uk", password=PASSWORD, full_name="Olive Operator")
    give_two_factor(user)
    return user


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
        {
            "email": "New.Person@Example.gov.uk",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "a brand new long passphrase 42",
            "password2": "a brand new long passphrase 42",
        },
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


@pytest.mark.parametrize("kind", ["superuser", "staff"])
def test_a_staff_account_without_two_factor_is_sent_to_set_it_up_before_the_admin(client, db, kind):
    """Like the national team, every account that can reach the admin uses two-factor authentication."""
    if kind == "superuser":
        user = User.objects.create_superuser(email="root@example.gov.uk", password=PASSWORD, full_name="Ruth Root")
    else:
        user = User.objects.create_user(
            email="staff@example.gov.uk", password=PASSWORD, full_name="Stan Staff", is_staff=True
        )
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two-factor-set-up")
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 302


def test_a_staff_account_signing_in_with_a_password_alone_goes_on_to_its_code(client, operator):
    response = client.post(reverse("accounts:sign-in"), {"email": operator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # not signed in until the code is given
    assert response.status_code == 302 and "/django-admin/" not in response["Location"]


def test_the_admin_itself_refuses_a_staff_account_without_two_factor(rf, db):
    from django.contrib import admin

    user = User.objects.create_superuser(email="root@example.gov.uk", password=PASSWORD, full_name="Ruth Root")
    request = rf.get("/django-admin/")
    request.user = user
    assert not admin.site.has_permission(request)
    give_two_factor(user)
    assert admin.site.has_permission(request)
