"""`maturity demo load`: real councils and demo people, safe to run twice."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import password_validation
from django.core.management import call_command

from maturity.accounts.models import User
from maturity.organisations import demo, register
from maturity.organisations.models import Membership, Organisation, Role
from tests.organisations.helpers import REGISTER, needs_register


def load() -> str:
    out = io.StringIO()
    call_command("demo", "load", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_load_adds_councils_people_and_prints_the_sign_ins():
    output = load()
    assert "Register of councils: 402 organisations added" in output
    assert "0 organisations, 5 people and 5 memberships added" in output
    for email, _role, organisation in demo.sign_ins():
        assert email in output
        assert organisation in output
    assert output.rstrip().endswith(demo.PASSWORD)
    camden = Organisation.objects.get(gss_code="E09000007")
    assert {(m.user.email, m.role) for m in camden.memberships.select_related("user")} == {
        ("camden.lead@example.com", Role.LEAD),
        ("camden.contributor@example.com", Role.CONTRIBUTOR),
        ("camden.viewer@example.com", Role.VIEWER),
    }


@pytest.mark.django_db
def test_demo_load_twice_adds_nothing_the_second_time():
    load()
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    assert "0 organisations, 0 people and 0 memberships added" in load()
    assert (Organisation.objects.count(), User.objects.count(), Membership.objects.count()) == counts


@pytest.mark.django_db
def test_demo_load_keeps_a_password_and_role_someone_changed(client):
    load()
    user = User.objects.get(email="camden.lead@example.com")
    user.set_password("a new and private passphrase")
    user.save()
    Membership.objects.filter(user__email="camden.viewer@example.com").update(role=Role.CONTRIBUTOR)
    load()
    assert client.login(email="camden.lead@example.com", password="a new and private passphrase")
    assert Membership.objects.get(user__email="camden.viewer@example.com").role == Role.CONTRIBUTOR


@pytest.mark.django_db
def test_every_demo_person_can_sign_in_with_the_printed_password(client):
    load()
    for email, _role, _organisation in demo.sign_ins():
        assert client.login(email=email, password=demo.PASSWORD), email
        client.logout()


@pytest.mark.django_db
def test_the_demo_password_passes_the_password_validators():
    for person in demo.PEOPLE:
        password_validation.validate_password(demo.PASSWORD, User(email=person.email, full_name=person.full_name))


def test_the_demo_has_one_council_of_each_type():
    from maturity.organisations.models import COUNCIL_TYPES

    assert {council.type for council in demo.COUNCILS} == {*COUNCIL_TYPES, "combined-authority", "other"}


@needs_register
def test_the_demo_councils_are_facts_from_the_register():
    records = {record.gss_code: record for record in register.parse(register.read(REGISTER), nations=None).records}
    for council in demo.COUNCILS:
        record = records[council.gss_code]
        assert record.is_current, council.name
        assert (council.name, council.official_name, council.register_code, council.type, council.region) == (
            record.name,
            record.official_name,
            record.register_code,
            record.type,
            record.region,
        )
        assert council.slug == record.slug


@needs_register
@pytest.mark.django_db
def test_the_demo_and_the_register_import_share_their_councils():
    load()
    call_command("organisations", "import", str(REGISTER), stdout=io.StringIO())
    load()
    assert Organisation.objects.filter(gss_code="E09000007").count() == 1
    assert Organisation.objects.count() == 402
    assert Organisation.objects.get(gss_code="E09000007").slug == "camden"
