"""Small helpers that make the people and organisations tests talk about."""

from __future__ import annotations

import itertools

from maturity.accounts.models import User
from maturity.organisations.models import Membership, Organisation, Role

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_organisation(name: str = "Camden", **fields) -> Organisation:
    n = next(_counter)
    fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    fields.setdefault("type", Organisation.Type.LONDON_BOROUGH)
    fields.setdefault("region", "London")
    fields.setdefault("gss_code", f"E0{n:07d}")
    return Organisation.objects.create(name=name, **fields)


def make_user(name: str = "Alex Lead", *, email: str | None = None, password: str = PASSWORD) -> User:
    n = next(_counter)
    email = email or f"{name.lower().replace(' ', '.')}.{n}@example.gov.uk"
    return User.objects.create_user(email=email, password=password, full_name=name)


def make_member(organisation: Organisation, role: str = Role.LEAD, name: str | None = None) -> User:
    user = make_user(name or f"{Role(role).label} of {organisation.name}")
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user
