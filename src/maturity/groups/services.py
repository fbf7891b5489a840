"""Writes to groups: the regions kept in step with the register, groups created by hand, members,
leads, the group's targets, its framework variant, and each member's choice of what to share.

Every function runs in one transaction and raises Refused (with the field it concerns) rather
than writing anything when the step is not allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from maturity import audit
from maturity.frameworks import loader
from maturity.frameworks import services as framework_services
from maturity.frameworks.loader import LoadResult
from maturity.frameworks.models import Framework
from maturity.groups.models import Group, GroupLead, GroupMember, GroupTarget
from maturity.organisations.models import Organisation

RESERVED_SLUGS = {"new"}


class Refused(Exception):
    def __init__(self, message: str, field: str | None = None):
        self.message, self.field = message, field
        super().__init__(message)


def current_organisations():
    today = timezone.localdate()
    return Organisation.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))


# --- Regions ---------------------------------------------------------------------------------


@dataclass
class RegionSync:
    created: list[str] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    regions: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def sync_regions(*, dry_run: bool = False) -> RegionSync:
    """One group per region named in the register (the organisations' `region`), with the current
    organisations of that region as its members. Members who joined keep their sharing choice;
    organisations that left the region, or closed, leave its group."""
    report = RegionSync()
    by_region: dict[str, set[int]] = {}
    for pk, region in current_organisations().exclude(region="").values_list("pk", "region"):
        by_region.setdefault(region.strip(), set()).add(pk)
    for name in sorted(by_region):
        wanted = by_region[name]
        group = Group.objects.filter(kind=Group.Kind.REGION, name=name).first()
        if group is None:
            report.created.append(name)
            if dry_run:
                report.added += len(wanted)
                report.regions[name] = len(wanted)
                continue
            group = Group.objects.create(kind=Group.Kind.REGION, name=name, slug=_free_slug(name))
        have = set(group.members.values_list("organisation_id", flat=True))
        report.added += len(wanted - have)
        report.removed += len(have - wanted)
        report.regions[name] = len(wanted)
        if not dry_run:
            GroupMember.objects.bulk_create(
                [GroupMember(group=group, organisation_id=pk) for pk in sorted(wanted - have)]
            )
            group.members.filter(organisation_id__in=have - wanted).delete()
    for group in Group.objects.filter(kind=Group.Kind.REGION).exclude(name__in=list(by_region)):
        report.removed += group.members.count()
        report.regions[group.name] = 0
        if not dry_run:
            group.members.all().delete()
    if dry_run:
        transaction.set_rollback(True)
    return report


def _free_slug(name: str) -> str:
    base = slugify(name)[:90] or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug, n = base, 1
    while Group.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Groups, members and leads -----------------------------------------------------------------


@transaction.atomic
def create_group(*, name: str, kind: str, description: str, user) -> Group:
    """A combined authority, consortium or hub; its creator leads it unless they are national team."""
    if kind == Group.Kind.REGION:
        raise Refused(_("Regions come from the register: run `maturity groups sync-regions`"), "kind")
    if Group.objects.filter(name__iexact=name).exists():
        raise Refused(_("There is already a group called %(name)s") % {"name": name}, "name")
    group = Group.objects.create(name=name, kind=kind, description=description, slug=_free_slug(name), created_by=user)
    if not user.is_national_admin:
        GroupLead.objects.create(group=group, user=user)
    return group


def _manual_membership(group: Group) -> None:
    if group.kind == Group.Kind.REGION:
        raise Refused(
            _("The members of %(group)s come from the register: they change when an organisation's region does")
            % {"group": group.name}
        )


def find_organisations(group: Group, query: str, *, limit: int = 20) -> list[Organisation]:
    """Current organisations whose name contains `query` and that are not members yet."""
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    return list(
        current_organisations()
        .filter(Q(name__icontains=query) | Q(official_name__icontains=query))
        .exclude(group_memberships__group=group)
        .order_by("name")[:limit]
    )


@transaction.atomic
def add_member(*, group: Group, organisation: Organisation) -> GroupMember:
    """Add an organisation to the group, pending until one of its leads accepts (`accept`): until
    then nothing of it counts in the group's dashboard."""
    _manual_membership(group)
    member, created = GroupMember.objects.get_or_create(group=group, organisation=organisation)
    if not created:
        raise Refused(f"{organisation.name} is already a member of {group.name}")
    audit.record(kind="group-member-added", organisation=organisation, subject=group.name, details={"group": group.pk})
    return member


@transaction.atomic
def remove_member(*, member: GroupMember) -> None:
    _manual_membership(member.group)
    _leave(member)


@transaction.atomic
def accept(*, member: GroupMember, user) -> GroupMember:
    """A lead of the member organisation agrees that the group may see its progress and, as it
    chooses (`set_sharing`), its results."""
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.accepted_at is None:
        member.accepted_at, member.accepted_by = timezone.now(), user
        member.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(
            kind="group-membership-accepted",
            actor=user,
            organisation=member.organisation,
            subject=member.group.name,
            details={"group": member.group_id, "sharing": member.sharing},
        )
    return member


@transaction.atomic
def decline(*, member: GroupMember) -> None:
    """A lead of the member organisation takes it out of the group (a region's members come from
    the register, and stay: they can keep their results from the region by not accepting)."""
    _manual_membership(member.group)
    _leave(member)


def _leave(member: GroupMember) -> None:
    audit.record(
        kind="group-member-removed",
        organisation=member.organisation,
        subject=member.group.name,
        details={"group": member.group_id, "was_accepted": member.is_accepted},
    )
    member.delete()


def notify_pending() -> int:
    """Email the leads of each organisation whose membership of a group waits for them, once per
    membership: how many memberships were notified. Safe to repeat (each is marked in the same
    transaction as its email is queued)."""
    from django.conf import settings
    from django.urls import reverse

    from maturity.mail import send_email
    from maturity.organisations.models import Membership, Role

    notified = 0
    waiting = GroupMember.objects.filter(accepted_at__isnull=True, notified_at__isnull=True).select_related(
        "group", "organisation"
    )
    for member in waiting:
        leads = Membership.objects.filter(organisation=member.organisation, role=Role.LEAD, user__is_active=True)
        emails = sorted(set(leads.values_list("user__email", flat=True)))
        languages = set(leads.values_list("user__language", flat=True))
        if not emails:
            continue  # told once the organisation has a lead
        with transaction.atomic():
            if not GroupMember.objects.filter(pk=member.pk, notified_at__isnull=True).update(
                notified_at=timezone.now()
            ):
                continue  # notified meanwhile by another run
            link = reverse("groups:membership", kwargs={"slug": member.organisation.slug, "group_id": member.group_id})
            # One email to the organisation's leads: in their language when they all chose the same one.
            language = languages.pop() if len(languages) == 1 else ""
            with translation.override(language or settings.LANGUAGE_CODE):
                send_email(
                    to=emails,
                    template="groups/emails/pending",
                    context={
                        "member": member,
                        "group": member.group,
                        "organisation": member.organisation,
                        "link": f"{settings.SITE_URL}{link}",
                    },
                )
        notified += 1
    return notified


@transaction.atomic
def add_lead(*, group: Group, email: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise Refused(_("No one has an account with that email address: they need an account first"), "email")
    _lead, created = GroupLead.objects.get_or_create(group=group, user=user)
    if not created:
        raise Refused(_("%(person)s already leads %(group)s") % {"person": user, "group": group.name}, "email")
    return user


@transaction.atomic
def remove_lead(*, lead: GroupLead) -> None:
    lead.delete()


# --- The group's strategy: targets and its own areas --------------------------------------------


@transaction.atomic
def set_targets(*, group: Group, levels: dict[str, int | None], allowed: set[int], user) -> int:
    """Set the group's target level per area key (None removes the target). Returns how many changed."""
    bad = [key for key, level in levels.items() if level is not None and level not in allowed]
    if bad:
        raise Refused(_("Not a level of the framework: %(levels)s") % {"levels": ", ".join(bad)})
    current = {t.area_key: t for t in group.targets.all()}
    changed = 0
    for key, level in levels.items():
        target = current.get(key)
        if level is None:
            if target is not None:
                target.delete()
                changed += 1
        elif target is None:
            GroupTarget.objects.create(group=group, area_key=key, level=level, updated_by=user)
            changed += 1
        elif target.level != level:
            target.level, target.updated_by = level, user
            target.save(update_fields=["level", "updated_by", "updated_at"])
            changed += 1
    return changed


def upload_variant(*, group: Group, extends: Framework, document: dict) -> LoadResult:
    """The group's areas, validated whole, saved as the group's draft variant of `extends`."""
    if extends.group_id is not None or extends.status != Framework.Status.PUBLISHED:
        raise loader.FrameworkError([_("%(ref)s is not a published national framework") % {"ref": extends.ref}])
    return loader.load_variant(document, group=group, extends=extends)


def publish_variant(*, draft: Framework) -> Framework:
    """Publish the group's draft variant: its members' new assessments include the group's areas,
    and the variant it replaces (if any) is retired, keeping the assessments made with it."""
    return framework_services.publish(draft)


# --- What each member lets its groups see ------------------------------------------------------------


@transaction.atomic
def set_sharing(*, member: GroupMember, sharing: str) -> GroupMember:
    if sharing not in GroupMember.Sharing.values:
        raise Refused(_("Select what the group may see"), "sharing")
    if sharing != member.sharing:
        audit.record(
            kind="group-sharing-changed",
            organisation=member.organisation,
            subject=member.group.name,
            details={"group": member.group_id, "from": member.sharing, "to": sharing},
        )
    member.sharing = sharing
    member.save(update_fields=["sharing"])
    return member
