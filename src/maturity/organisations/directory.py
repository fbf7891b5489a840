"""The directory of organisations, for the national team: who is there, and who can be reached.

An organisation's reach is one of four states, decided here and nowhere else (the directory's
filter, its CSV, the national home's counts and `maturity organisations list` all use it):
it has a lead; else someone is invited (an invitation waiting for an answer); else it has only a
contact address; else nobody. The database works it out (`Exists` subqueries), so the directory
of every public body in England and Wales is one query a page.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maturity.organisations.models import Invitation, Membership, Nation, Organisation, Role


class Reach(models.TextChoices):
    LEAD = "lead", _("Has a lead")
    INVITED = "invited", _("Invited, not joined yet")
    CONTACT = "contact", _("Contact address only")
    NOBODY = "nobody", _("Nobody to contact")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    type: str = ""
    nation: str = ""
    region: str = ""
    group: str = ""
    reach: str = ""

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def any(self) -> bool:
        return any(self.as_dict().values())


def with_reach(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Organisations annotated with `reach` (a Reach value) and `leads` (how many)."""
    now = timezone.now()
    leads = Membership.objects.filter(organisation=OuterRef("pk"), role=Role.LEAD, user__is_active=True)
    invited = Invitation.objects.filter(
        organisation=OuterRef("pk"), accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now
    )
    lead_count = leads.order_by().values("organisation").annotate(n=Count("pk")).values("n")
    return queryset.annotate(
        leads=Coalesce(Subquery(lead_count, output_field=IntegerField()), Value(0)),
        reach=Case(
            When(Exists(leads), then=Value(Reach.LEAD)),
            When(Exists(invited), then=Value(Reach.INVITED)),
            When(~Q(contact_email=""), then=Value(Reach.CONTACT)),
            default=Value(Reach.NOBODY),
            output_field=models.CharField(),
        ),
    )


def current() -> QuerySet[Organisation]:
    """Organisations that exist today (the register keeps abolished councils too)."""
    today = timezone.localdate()
    return Organisation.objects.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))


def listing(filters: Filters) -> QuerySet[Organisation]:
    """The current organisations that match every filter, by name, with `reach` and `leads`."""
    organisations = with_reach(current())
    if filters.q:
        q = filters.q
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(official_name__icontains=q) | Q(gss_code__iexact=q) | Q(register_code__iexact=q)
        )
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if filters.nation:
        organisations = organisations.filter(nation=filters.nation)
    if filters.region:
        organisations = organisations.filter(region=filters.region)
    if filters.group:
        organisations = organisations.filter(
            # Through the relation groups declares on Organisation: groups sits above organisations.
            Exists(Organisation.objects.filter(pk=OuterRef("pk"), group_memberships__group__slug=filters.group))
        )
    if filters.reach:
        organisations = organisations.filter(reach=filters.reach)
    return organisations.order_by("name", "pk")


def reach_counts() -> dict[str, int]:
    """How many current organisations are in each state of reach (every state, zeros included)."""
    counts = dict(with_reach(current()).order_by().values_list("reach").annotate(n=Count("pk")))
    return {value: counts.get(value, 0) for value in Reach.values}


def regions() -> list[str]:
    return sorted(r for r in current().values_list("region", flat=True).distinct() if r)


# --- Rows for the command line and the CSV download ----------------------------------------------

COMMAND_COLUMNS = ("Code", "Name", "Type", "Nation", "Region", "Leads")
CSV_COLUMNS = (
    "GSS code",
    "Register code",
    "Name",
    "Official name",
    "Type",
    "Nation",
    "Region",
    "Reach",
    "Leads",
    "Contact email",
)


def code(organisation: Organisation) -> str:
    return organisation.gss_code or organisation.register_code or organisation.slug


def command_row(organisation: Organisation) -> tuple:
    return (
        code(organisation),
        organisation.name,
        organisation.get_type_display(),
        organisation.get_nation_display(),
        organisation.region,
        organisation.leads,
    )


def csv_row(organisation: Organisation) -> tuple:
    return (
        organisation.gss_code,
        organisation.register_code,
        organisation.name,
        organisation.official_name,
        organisation.get_type_display(),
        organisation.get_nation_display(),
        organisation.region,
        Reach(organisation.reach).label,
        organisation.leads,
        organisation.contact_email,
    )


NATION_LABELS = dict(Nation.choices)


def organisations_matching(query: str, *, limit: int = 20) -> list:
    """Organisations whose name contains `query`, or whose slug or GSS code it is (the national filter)."""
    query = query.strip()
    if not query:
        return []
    return list(
        Organisation.objects.filter(Q(slug=query) | Q(gss_code__iexact=query) | Q(name__icontains=query))[:limit]
    )
