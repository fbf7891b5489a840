"""Demonstration data: every English and Welsh council from the bundled register, and people to
sign in as in a few of them (one of each council type).

The councils are facts from mySociety's register (tests/organisations/test_demo.py checks them
against it). `load` is safe to run again: it adds what is missing and changes nothing else, so
a password or role someone changed stays as they left it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth import get_user_model, password_validation
from django.db import transaction

from maturity.organisations import register, services
from maturity.organisations.models import Membership, Nation, Organisation, Role
from maturity.words import plural

PASSWORD = "procurement-demo-2018"


@dataclass(frozen=True)
class Council:
    slug: str
    name: str
    official_name: str
    gss_code: str
    register_code: str
    type: str
    region: str


COUNCILS = [
    Council("kent", "Kent", "Kent County Council", "E10000016", "KEN", Organisation.Type.COUNTY, "South East"),
    Council(
        "sevenoaks",
        "Sevenoaks",
        "Sevenoaks District Council",
        "E07000111",
        "SEV",
        Organisation.Type.DISTRICT,
        "South East",
    ),
    Council(
        "city-of-bristol",
        "City of Bristol",
        "Bristol City Council",
        "E06000023",
        "BST",
        Organisation.Type.UNITARY,
        "South West",
    ),
    Council(
        "manchester",
        "Manchester",
        "Manchester City Council",
        "E08000003",
        "MAN",
        Organisation.Type.METROPOLITAN_DISTRICT,
        "North West",
    ),
    Council(
        "camden", "Camden", "London Borough of Camden", "E09000007", "CMD", Organisation.Type.LONDON_BOROUGH, "London"
    ),
    Council(
        "greater-manchester",
        "Greater Manchester",
        "Greater Manchester Combined Authority",
        "E47000001",
        "GMCA",
        Organisation.Type.COMBINED_AUTHORITY,
        "North West",
    ),
    Council(
        "greater-london",
        "Greater London",
        "Greater London Authority",
        "E61000001",
        "GLA",
        Organisation.Type.OTHER,
        "London",
    ),
    Council(
        "cardiff", "Cardiff", "City of Cardiff Council", "W06000015", "CRF", Organisation.Type.WELSH_PRINCIPAL, "Wales"
    ),
]


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    role: str
    gss_code: str  # the council they belong to


PEOPLE = [
    Person("camden.lead@example.com", "Alex Okafor", Role.LEAD, "E09000007"),
    Person("camden.contributor@example.com", "Sam Patel", Role.CONTRIBUTOR, "E09000007"),
    Person("camden.viewer@example.com", "Jo Williams", Role.VIEWER, "E09000007"),
    Person("manchester.lead@example.com", "Chris Murphy", Role.LEAD, "E08000003"),
    Person("kent.lead@example.com", "Morgan Hughes", Role.LEAD, "E10000016"),
]


def sign_ins() -> list[tuple[str, str, str]]:
    """(email, role, organisation name) of each demo person."""
    names = {council.gss_code: council.official_name for council in COUNCILS}
    return [(person.email, Role(person.role).label, names[person.gss_code]) for person in PEOPLE]


def load(stdout: TextIO) -> None:
    """Add the demo councils and people that are missing, then print how to sign in."""
    add(stdout)
    print_sign_ins(stdout)


def add_register(stdout: TextIO) -> None:
    """Every English and Welsh council from the register bundled with the product (a second run
    changes nothing)."""
    result = services.import_register(register=register.parse(register.read(register.BUNDLED)))
    stdout.write(
        f"Register of councils: {plural(len(result.created), 'organisation')} added, "
        f"{len(result.unchanged) + len(result.updated)} already there.\n"
    )


def add(stdout: TextIO) -> None:
    """Add the register's councils, and the demo people that are missing."""
    add_register(stdout)
    User = get_user_model()
    created = {"organisations": 0, "people": 0, "memberships": 0}
    with transaction.atomic():
        organisations = {}
        for council in COUNCILS:
            organisations[council.gss_code], was_created = _organisation(council)
            created["organisations"] += was_created
        for person in PEOPLE:
            user = User.objects.filter(email__iexact=person.email).first()
            if user is None:
                user = User(email=person.email, full_name=person.full_name)
                password_validation.validate_password(PASSWORD, user)
                user.set_password(PASSWORD)
                user.save()
                created["people"] += 1
            _, was_created = Membership.objects.get_or_create(
                organisation=organisations[person.gss_code], user=user, defaults={"role": person.role}
            )
            created["memberships"] += was_created
    stdout.write(
        f"Demo data loaded: {plural(created['organisations'], 'organisation')}, {plural(created['people'], 'person')} and "
        f"{plural(created['memberships'], 'membership')} added (existing data left as it was).\n"
    )


def print_sign_ins(stdout: TextIO, extra: list[tuple[str, str, str]] | None = None) -> None:
    stdout.write("\nDemo sign-ins:\n")
    rows = [("Email", "Role", "Organisation"), *sign_ins(), *(extra or [])]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        stdout.write("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() + "\n")
    stdout.write(f"\nPassword for every demo sign-in (unless changed since): {PASSWORD}\n")


def _organisation(council: Council) -> tuple[Organisation, bool]:
    """The council's organisation, found by GSS code or register code (perhaps imported), or created."""
    existing = (
        Organisation.objects.filter(gss_code=council.gss_code).first()
        or Organisation.objects.filter(register_code=council.register_code).first()
    )
    if existing is not None:
        return existing, False
    slug = council.slug
    if Organisation.objects.filter(slug=slug).exists():
        slug = f"{council.slug}-{council.register_code.lower()}"
    organisation = Organisation.objects.create(
        slug=slug,
        name=council.name,
        official_name=council.official_name,
        gss_code=council.gss_code,
        register_code=council.register_code,
        type=council.type,
        nation=Nation.WALES if council.gss_code.startswith("W") else Nation.ENGLAND,
        region=council.region,
    )
    return organisation, True
