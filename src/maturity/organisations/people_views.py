"""Managing the people of an organisation: members, roles and invitations.

Any member sees who else is in the organisation; only a lead invites, changes roles, removes
members and cancels invitations. Pages are prepared by the presenters at the end of this module.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from maturity.govuk import error_summary
from maturity.organisations import services
from maturity.organisations.access import Access, organisation_for
from maturity.organisations.forms import InviteForm, RoleForm
from maturity.organisations.models import ROLE_HINTS, Invitation, Membership, Role
from maturity.words import date_uk

ROLE_ITEM_HINTS = {str(role): hint for role, hint in ROLE_HINTS.items()}


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    return render(request, "organisations/people.html", people_page(access, request.user))


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            invitation, _ = services.invite_colleague(
                organisation=access.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, gettext("Invitation sent to %(email)s") % {"email": invitation.email})
            return redirect("organisations:people", slug=slug)
    return render(
        request,
        "organisations/invite.html",
        {**_page(access), "form": form, "role_hints": ROLE_ITEM_HINTS, "errors": error_summary(form)},
    )


@login_required
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    membership = get_object_or_404(access.organisation.memberships.select_related("user"), pk=membership_id)
    form = RoleForm(request.POST if request.method == "POST" else None, initial={"role": membership.role})
    if form.is_bound and form.is_valid():
        try:
            services.change_role(membership=membership, role=form.cleaned_data["role"])
        except services.Refused as refusal:
            form.add_error("role", refusal.message)
        else:
            messages.success(
                request,
                gettext("%(name)s is now a %(role)s")
                % {"name": membership.user, "role": membership.get_role_display().lower()},
            )
            return redirect("organisations:people", slug=slug)
    return render(
        request,
        "organisations/people_change_role.html",
        {
            **_page(access),
            "membership": membership,
            "form": form,
            "role_hints": ROLE_ITEM_HINTS,
            "errors": error_summary(form),
        },
    )


@login_required
def remove_member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    membership = get_object_or_404(access.organisation.memberships.select_related("user"), pk=membership_id)
    errors = None
    if request.method == "POST":
        try:
            services.remove_member(membership=membership)
        except services.Refused as refusal:
            errors = error_summary(extra=[{"text": refusal.message}])
        else:
            if membership.user_id == request.user.pk:
                messages.success(
                    request, gettext("You have left %(organisation)s") % {"organisation": access.organisation.name}
                )
                return redirect("organisations:list")
            messages.success(
                request,
                gettext("%(name)s has been removed from %(organisation)s")
                % {"name": membership.user, "organisation": access.organisation.name},
            )
            return redirect("organisations:people", slug=slug)
    return render(
        request,
        "organisations/people_remove.html",
        {**_page(access), "membership": membership, "is_you": membership.user_id == request.user.pk, "errors": errors},
    )


@login_required
def cancel_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    invitation = get_object_or_404(
        access.organisation.invitations.filter(accepted_at__isnull=True, withdrawn_at__isnull=True), pk=invitation_id
    )
    if request.method == "POST":
        services.cancel_invitation(invitation=invitation)
        messages.success(
            request, gettext("The invitation to %(email)s has been cancelled") % {"email": invitation.email}
        )
        return redirect("organisations:people", slug=slug)
    return render(request, "organisations/invite_cancel.html", {**_page(access), "invitation": invitation})


# --- Presenters ---------------------------------------------------------------------------


def _page(access: Access) -> dict:
    return {"access": access, "organisation": access.organisation}


def people_page(access: Access, user) -> dict:
    """The people page: a table of members and one of invitations waiting for an answer."""
    organisation = access.organisation
    members = list(organisation.memberships.select_related("user").order_by("user__full_name", "user__email"))
    invitations = list(services.open_invitations(organisation).order_by("created_at"))
    return {
        **_page(access),
        "is_lead": access.is_lead,
        "members_table": _members_table(access, members, user),
        "invitations_table": _invitations_table(access, invitations) if invitations else None,
        "invite_url": reverse("organisations:invite", args=[organisation.slug]),
    }


def _members_table(access: Access, members: list[Membership], user) -> dict:
    head = [{"text": gettext("Name")}, {"text": gettext("Email address")}, {"text": gettext("Role")}]
    if access.is_lead:
        head.append({"html": _actions_header()})
    rows = []
    for membership in members:
        name = str(membership.user.full_name or membership.user.email)
        you = membership.user_id == user.pk
        row = [
            {"html": format_html('{} <span class="govuk-body-s">{}</span>', name, gettext("(you)"))}
            if you
            else {"text": name},
            {"text": membership.user.email},
            {"text": membership.get_role_display()},
        ]
        if access.is_lead:
            slug = access.organisation.slug
            row.append(
                {
                    "html": _actions(
                        [
                            (
                                gettext("Change role"),
                                reverse("organisations:change-role", args=[slug, membership.pk]),
                                gettext("of %(name)s") % {"name": name},
                            ),
                            (
                                gettext("Remove"),
                                reverse("organisations:remove-member", args=[slug, membership.pk]),
                                name,
                            ),
                        ]
                    )
                }
            )
        rows.append(row)
    return {
        "caption": gettext("Members of %(organisation)s") % {"organisation": access.organisation.name},
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": head,
        "rows": rows,
    }


def _invitations_table(access: Access, invitations: list[Invitation]) -> dict:
    head = [
        {"text": gettext("Email address")},
        {"text": gettext("Role")},
        {"text": gettext("Sent")},
        {"text": gettext("Expires")},
    ]
    if access.is_lead:
        head.append({"html": _actions_header()})
    rows = []
    for invitation in invitations:
        row = [
            {"text": invitation.email},
            {"text": invitation.get_role_display()},
            {"text": date_uk(invitation.created_at)},
            {"text": date_uk(invitation.expires_at)},
        ]
        if access.is_lead:
            url = reverse("organisations:cancel-invitation", args=[access.organisation.slug, invitation.pk])
            row.append(
                {
                    "html": _actions(
                        [(gettext("Cancel invitation"), url, gettext("to %(email)s") % {"email": invitation.email})]
                    )
                }
            )
        rows.append(row)
    return {
        "caption": gettext("Invitations waiting for an answer"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": head,
        "rows": rows,
    }


def _actions_header() -> str:
    return format_html('<span class="govuk-visually-hidden">{}</span>', gettext("Actions"))


def _actions(links: list[tuple[str, str, str]]) -> str:
    """Links in a table cell, each naming its row for screen readers ("Change role of Sam Patel")."""
    return format_html(
        '<ul class="govuk-list govuk-!-margin-bottom-0">{}</ul>',
        format_html_join(
            "",
            '<li><a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a></li>',
            ((url, text, subject) for text, url, subject in links),
        ),
    )
