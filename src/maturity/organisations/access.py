"""The one place that decides which organisation's data a user may see.

Every view that shows or changes an organisation's data starts with `organisation_for`, then
reaches the data through that organisation (`organisation.assessments...`). A user who is not
a member gets 404, not 403, so that the existence of another council's data is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from maturity import request_context
from maturity.organisations.models import Membership, Organisation, Role


@dataclass(frozen=True)
class Access:
    organisation: Organisation
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def can_edit(self) -> bool:
        return self.membership.can(Role.CONTRIBUTOR)

    @property
    def is_lead(self) -> bool:
        return self.membership.can(Role.LEAD)


def organisation_for(request: HttpRequest, slug: str, *, role: str = Role.VIEWER) -> Access:
    """The organisation `slug` as seen by the signed-in user, who must hold at least `role`.

    Raises Http404 when the user is not a member, and PermissionDenied (403, with a page that
    says which role is needed) when a member holds a lesser role.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404(gettext("No such organisation"))
    membership = Membership.objects.select_related("organisation").filter(user=user, organisation__slug=slug).first()
    if membership is None:
        raise Http404(gettext("No such organisation"))
    request_context.organisation_id.set(membership.organisation_id)  # for the request's log line
    if not membership.can(role):
        raise PermissionDenied(
            gettext("You need to be a %(role)s of %(organisation)s to do this.")
            % {"role": Role(role).label.lower(), "organisation": membership.organisation.name}
        )
    return Access(organisation=membership.organisation, membership=membership)


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(user.memberships.select_related("organisation").order_by("organisation__name"))


def require_national_admin(request: HttpRequest) -> None:
    """National pages (rounds, publication, framework versions) are for the national team only."""
    user = request.user
    if not user.is_authenticated:
        raise Http404(gettext("No such page"))
    if not user.is_national_admin:
        raise PermissionDenied(gettext("This page is for the national team."))
