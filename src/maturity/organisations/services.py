"""Writes that span models: importing the register, and managing an organisation's people.

Each function is typed and keyword-only, runs in one transaction, and refuses bad input with
`Refused` (people) or `RegisterError` (the register) before it changes anything.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from maturity import audit
from maturity.mail import send_email
from maturity.organisations.models import INVITATION_LIFETIME, ROLE_HINTS, Invitation, Membership, Organisation, Role
from maturity.organisations.register import NATION_VALUES, Register, RegisterError, RegisterRecord
from maturity.words import date_uk

User = get_user_model()

# The fields of an organisation that the register owns; the slug and contact email are ours.
REGISTER_FIELDS = (
    "name",
    "official_name",
    "gss_code",
    "register_code",
    "type",
    "nation",
    "region",
    "population",
    "alternative_names",
    "start_date",
    "end_date",
)


# --- The register -------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_by_nation: Counter = field(default_factory=Counter)
    # Organisations split between several successors: one replaced-by cannot say that.
    split: list[str] = field(default_factory=list)
    dry_run: bool = False


def import_register(*, register: Register, dry_run: bool = False) -> ImportResult:
    """Create or update an organisation for each record, matched on register code, else GSS code.

    Safe to repeat: a second run with the same file changes nothing. Every record is checked
    against the database before the first write; with `dry_run` everything is rolled back.
    """
    result = ImportResult(skipped_by_nation=Counter(register.skipped_by_nation), dry_run=dry_run)
    try:
        with transaction.atomic():
            _import(register.records, result, dry_run=dry_run)
    except IntegrityError as error:  # a conflict the checks did not foresee: nothing was written
        raise RegisterError([f"The database refused the import, so nothing changed: {error}"]) from None
    return result


def _import(records: list[RegisterRecord], result: ImportResult, *, dry_run: bool) -> None:
    """The writing of import_register, inside its transaction."""
    existing = list(Organisation.objects.select_for_update())
    matches = _match(records, existing)
    slugs = _new_slugs(records, matches, taken={org.slug for org in existing})

    for record in records:
        organisation = matches.get(record.register_code)
        values = _register_values(record)
        if organisation is None:
            organisation = Organisation(slug=slugs[record.register_code], **values)
            organisation.save()
            matches[record.register_code] = organisation
            result.created.append(record.register_code)
            continue
        changed = [name for name, value in values.items() if getattr(organisation, name) != value]
        if changed:
            for name in changed:
                setattr(organisation, name, values[name])
            organisation.save(update_fields=changed)
            result.updated.append(record.register_code)
        else:
            result.unchanged.append(record.register_code)

    # Second pass: successors, now that every organisation in the file exists.
    by_code = {org.register_code: org for org in Organisation.objects.exclude(register_code="")}
    for record in records:
        if len(record.replaced_by) > 1:
            result.split.append(record.name)
            continue
        organisation = matches[record.register_code]
        successor = by_code[record.replaced_by[0]] if record.replaced_by else None
        if organisation.replaced_by_id != (successor.pk if successor else None):
            organisation.replaced_by = successor
            organisation.save(update_fields=["replaced_by"])
            if record.register_code in result.unchanged:
                result.unchanged.remove(record.register_code)
                result.updated.append(record.register_code)
    if dry_run:
        transaction.set_rollback(True)


def _register_values(record: RegisterRecord) -> dict:
    return {
        "name": record.name,
        "official_name": record.official_name,
        "gss_code": record.gss_code,
        "register_code": record.register_code,
        "type": record.type,
        "nation": NATION_VALUES[record.nation],
        "region": record.region,
        "population": record.population,
        "alternative_names": record.alternative_names,
        "start_date": record.start_date,
        "end_date": record.end_date,
    }


def _match(records: list[RegisterRecord], existing: list[Organisation]) -> dict[str, Organisation]:
    """Each record's existing organisation, by register code; RegisterError on any conflict."""
    by_code = {org.register_code: org for org in existing if org.register_code}
    by_gss = {org.gss_code: org for org in existing if org.gss_code}
    file_codes = {record.register_code for record in records}
    problems: list[str] = []
    matches: dict[str, Organisation] = {}
    for record in records:
        organisation = by_code.get(record.register_code)
        if organisation is None and record.gss_code in by_gss and not by_gss[record.gss_code].register_code:
            organisation = by_gss[record.gss_code]  # made by hand or by the demo, before any import
        if organisation is not None:
            matches[record.register_code] = organisation
        for code in record.replaced_by:
            if code not in file_codes and code not in by_code:
                problems.append(
                    f"Row {record.row}, column replaced-by: no organisation has the register code {code}, "
                    "in this file or already imported"
                )
    # After the import, no two organisations may share a GSS code.
    final_gss: dict[str, str] = {}
    matched_ids = {org.pk for org in matches.values()}
    for org in existing:
        if org.gss_code and org.pk not in matched_ids:
            final_gss[org.gss_code] = org.name
    for record in records:
        if record.gss_code and record.gss_code in final_gss:
            problems.append(
                f"Row {record.row}, column gss-code: {record.gss_code} already belongs to "
                f"{final_gss[record.gss_code]}, which this file does not update"
            )
    if problems:
        raise RegisterError(problems)
    return matches


def _new_slugs(records: list[RegisterRecord], matches: dict, *, taken: set[str]) -> dict[str, str]:
    """A unique slug for each new organisation; current organisations get the plain name first."""
    slugs: dict[str, str] = {}
    taken = set(taken)
    new = [record for record in records if record.register_code not in matches]
    for record in sorted(new, key=lambda r: (not r.is_current, r.row)):
        base = record.slug[:80]
        slug = base if base not in taken else f"{base}-{record.register_code.lower()}"
        n = 2
        while slug in taken:
            slug = f"{base}-{record.register_code.lower()}-{n}"
            n += 1
        taken.add(slug)
        slugs[record.register_code] = slug
    return slugs


# --- People -------------------------------------------------------------------------------


class Refused(Exception):
    """A change to an organisation's people that the rules do not allow; `message` says why."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def open_invitations(organisation: Organisation):
    return organisation.invitations.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    )


def invite_colleague(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None, full_name: str = ""
) -> tuple[Invitation, str]:
    """Invite `email` to join with `role` and email them a link; returns the invitation and its token.

    Only the token's hash is stored: the emailed link is the only copy of the token.
    """
    email = email.strip().lower()
    Role(role)  # ValueError for an unknown role
    with transaction.atomic():
        _lock(organisation)
        if organisation.memberships.filter(user__email__iexact=email).exists():
            raise Refused(
                gettext("%(email)s is already a member of %(organisation)s")
                % {"email": email, "organisation": organisation.name},
                field="email",
            )
        if open_invitations(organisation).filter(email__iexact=email).exists():
            raise Refused(
                gettext(
                    "%(email)s has already been invited to %(organisation)s: cancel that invitation to send a new one"
                )
                % {"email": email, "organisation": organisation.name},
                field="email",
            )
        token = secrets.token_urlsafe(32)
        invitation = organisation.invitations.create(
            email=email,
            role=role,
            token_hash=Invitation.hash_token(token),
            invited_by=invited_by,
            full_name=" ".join(full_name.split())[:200],
        )
        _send_invitation(invitation, token)
    return invitation, token


def invitation_link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('accounts:accept-invitation', args=[token])}"


def invitation_language(invitation: Invitation) -> str:
    """The language of an invitation's email: the language its recipient chose, when they already
    have an account and chose one; else the language of whoever sends it (the request's, or
    English from the command line)."""
    account = User.objects.filter(email__iexact=invitation.email).only("language").first()
    return (account.language if account is not None else "") or translation.get_language() or settings.LANGUAGE_CODE


def _send_invitation(invitation: Invitation, token: str) -> None:
    with translation.override(invitation_language(invitation)):
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "inviter_name": _inviter_name(invitation.invited_by),
            "role": Role(invitation.role).label.lower(),
            "role_hint": str(ROLE_HINTS[Role(invitation.role)]),
            "link": invitation_link(token),
            "expires": date_uk(invitation.expires_at),
        }
        send_email(to=invitation.email, template="emails/invitation", context=context)


def _inviter_name(user) -> str:
    if user is None:  # sent from the command line, by the national team's operators
        return gettext("The national team")
    if user.full_name:
        return user.full_name
    return gettext("The national team") if user.is_national_admin else gettext("A lead")


def cancel_invitation(*, invitation: Invitation) -> None:
    """Withdraw an invitation that has not been accepted: its link stops working at once. The
    invitation is kept, marked withdrawn, so the national team can see what became of it."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise Refused(gettext("%(email)s has already accepted this invitation") % {"email": locked.email})
        if locked.withdrawn_at is not None:
            raise Refused(gettext("The invitation to %(email)s has already been withdrawn") % {"email": locked.email})
        now = timezone.now()
        locked.withdrawn_at = now
        locked.expires_at = min(locked.expires_at, now)
        locked.save(update_fields=["withdrawn_at", "expires_at"])
        invitation.withdrawn_at, invitation.expires_at = locked.withdrawn_at, locked.expires_at


def resend_invitation(*, invitation: Invitation, user) -> str:
    """Send an invitation again with a new link, valid for another 14 days (an expired one too);
    the old link stops working. Returns the new token. An accepted or withdrawn one cannot be."""
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organisation", "invited_by")
            .get(pk=invitation.pk)
        )
        if locked.accepted_at is not None:
            raise Refused(gettext("%(email)s has already accepted this invitation") % {"email": locked.email})
        if locked.withdrawn_at is not None:
            raise Refused(
                gettext("The invitation to %(email)s was withdrawn: invite them again instead")
                % {"email": locked.email}
            )
        if locked.organisation.memberships.filter(user__email__iexact=locked.email).exists():
            raise Refused(
                gettext("%(email)s is already a member of %(organisation)s")
                % {"email": locked.email, "organisation": locked.organisation.name}
            )
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        locked.token_hash = Invitation.hash_token(token)
        locked.resent_at = now
        locked.expires_at = now + INVITATION_LIFETIME
        locked.save(update_fields=["token_hash", "resent_at", "expires_at"])
        _send_invitation(locked, token)
        audit.record(
            kind="invitation-resent",
            actor=user,
            organisation=locked.organisation,
            subject=locked.email,
            details={"role": locked.role},
        )
    return token


def change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member a new role; the last lead of an organisation cannot stop being a lead."""
    Role(role)
    with transaction.atomic():
        _lock(membership.organisation)
        membership.refresh_from_db()
        if membership.role == Role.LEAD and role != Role.LEAD and _is_last_lead(membership):
            raise Refused(
                gettext("%(name)s is the only lead of %(organisation)s: make someone else a lead first")
                % {"name": membership.user, "organisation": membership.organisation.name},
                field="role",
            )
        if membership.role != role:
            audit.record(
                kind="role-changed",
                organisation=membership.organisation,
                subject=str(membership.user),
                subject_user=membership.user,
                details={"from": membership.role, "to": role},
            )
            membership.role = role
            membership.save(update_fields=["role"])
    return membership


def remove_member(*, membership: Membership) -> None:
    """Take a member out of the organisation; the last lead cannot be removed."""
    with transaction.atomic():
        _lock(membership.organisation)
        membership.refresh_from_db()
        if membership.role == Role.LEAD and _is_last_lead(membership):
            raise Refused(
                gettext("%(name)s is the only lead of %(organisation)s: make someone else a lead first")
                % {"name": membership.user, "organisation": membership.organisation.name}
            )
        audit.record(
            kind="member-removed",
            organisation=membership.organisation,
            subject=str(membership.user),
            subject_user=membership.user,
            details={"role": membership.role},
        )
        membership.delete()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation an emailed link carries, whatever its state, or None for an unknown token."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def account_for(invitation: Invitation) -> User | None:
    return User.objects.filter(email__iexact=invitation.email).first()


def join_organisation(*, invitation: Invitation, user: User) -> Membership:
    """Accept an invitation as an existing user, who must hold the invited email address."""
    if user.email.lower() != invitation.email.lower():
        raise Refused(
            gettext("This invitation is for %(email)s, not %(you)s") % {"email": invitation.email, "you": user.email}
        )
    with transaction.atomic():
        invitation = _open_invitation(invitation)
        membership, _ = Membership.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def create_account_and_join(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Accept an invitation by creating the invitee's account; the password must already be valid."""
    with transaction.atomic():
        invitation = _open_invitation(invitation)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise Refused(
                gettext("There is already an account for %(email)s: sign in to accept") % {"email": invitation.email}
            )
        user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name.strip())
        Membership.objects.create(organisation=invitation.organisation, user=user, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user


def _open_invitation(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise Refused(gettext("This invitation has already been used"))
    if not locked.is_open:
        raise Refused(gettext("This invitation has expired"))
    return locked


def _lock(organisation: Organisation) -> None:
    """Serialise changes to one organisation's people (a row lock on PostgreSQL)."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def _is_last_lead(membership: Membership) -> bool:
    return not membership.organisation.memberships.filter(role=Role.LEAD).exclude(pk=membership.pk).exists()


# --- Organisations added or changed by the national team -------------------------------------------

# The fields the national team's form sets (the register, when it knows the organisation, owns
# all of them but the contact address, and a later import puts its values back).
EDITABLE_FIELDS = ("name", "official_name", "type", "nation", "region", "gss_code", "contact_email")


def add_organisation(*, values: dict, user) -> Organisation:
    """A new organisation of any kind, with a slug made from its name (unique)."""
    with transaction.atomic():
        base = slugify(values["name"])[:80] or "organisation"
        slug, n = base, 2
        while Organisation.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        organisation = Organisation.objects.create(slug=slug, **{name: values[name] for name in EDITABLE_FIELDS})
        audit.record(
            kind="organisation-added",
            actor=user,
            organisation=organisation,
            subject=organisation.name,
            details={"type": organisation.type, "nation": organisation.nation},
        )
    return organisation


def change_organisation(*, organisation: Organisation, values: dict, user) -> list[str]:
    """Save the changed fields; returns their names (none: nothing is written or recorded)."""
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changed = [name for name in EDITABLE_FIELDS if getattr(locked, name) != values[name]]
        if changed:
            for name in changed:
                setattr(locked, name, values[name])
            locked.save(update_fields=changed)
            audit.record(
                kind="organisation-changed",
                actor=user,
                organisation=locked,
                subject=locked.name,
                details={"fields": changed},
            )
    return changed
