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


def give_two_factor(user: User) -> str:
    """A confirmed authenticator app for `user`; returns its secret (pyotp.TOTP(secret).now() is a code).

    National administrators and group leads must have one, or every page sends them to set it up."""
    from maturity.accounts import two_factor
    from maturity.accounts.models import TwoFactorDevice

    secret = two_factor.new_secret()
    TwoFactorDevice.objects.update_or_create(user=user, defaults={"secret": secret, "last_used_step": 0})
    return secret


def make_national_admin(name: str = "Nadia National", **fields) -> User:
    """A member of the national team, with the authenticator app the role requires."""
    user = make_user(name, **fields)
    user.is_national_admin = True
    user.save(update_fields=["is_national_admin"])
    give_two_factor(user)
    return user


def make_group_lead(group, name: str = "Gina Grouplead", *, user: User | None = None) -> User:
    """A lead of `group` (a new user unless `user` is given), with the authenticator app the role requires."""
    from maturity.groups.models import GroupLead

    user = user or make_user(name)
    GroupLead.objects.create(group=group, user=user)
    give_two_factor(user)
    return user
