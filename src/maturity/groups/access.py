"""The one place that decides which groups a user may manage.

A group's pages are for its group leads and the national team. Anyone else, including a lead of
another group, gets 404, so that a group's existence and members are not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from maturity.groups.models import Group


@dataclass(frozen=True)
class GroupAccess:
    group: Group
    is_national_admin: bool
    is_lead: bool


def group_for(request: HttpRequest, group_slug: str) -> GroupAccess:
    """The group `group_slug` for a lead of it or a national admin; Http404 for anyone else."""
    user = request.user
    if not user.is_authenticated:
        raise Http404("No such group")
    group = Group.objects.filter(slug=group_slug).first()
    if group is None:
        raise Http404("No such group")
    is_lead = group.leads.filter(user=user).exists()
    if not (is_lead or user.is_national_admin):
        raise Http404("No such group")
    return GroupAccess(group=group, is_national_admin=user.is_national_admin, is_lead=is_lead)


def groups_of(user) -> QuerySet[Group]:
    """The groups `user` may manage: all of them for the national team, otherwise those they lead."""
    if not user.is_authenticated:
        return Group.objects.none()
    if user.is_national_admin:
        return Group.objects.all()
    return Group.objects.filter(leads__user=user).distinct()


def can_create_groups(user) -> bool:
    return user.is_authenticated and (user.is_national_admin or user.leads_a_group)
