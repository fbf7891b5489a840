"""What the national team's organisation pages show: the directory's table and paging, an
organisation's page (within the boundary of ADR 0021), the organisation form, the contacts preview."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from maturity import govuk
from maturity.benchmarks.models import Participant
from maturity.benchmarks.presenters import today
from maturity.govuk import link
from maturity.groups.models import Group
from maturity.organisations import directory
from maturity.organisations.contacts import Checked
from maturity.organisations.directory import Filters, Reach
from maturity.organisations.models import ROLE_HINTS, Invitation, Organisation
from maturity.words import counted, date_uk

PER_PAGE = 50
ROLE_ITEM_HINTS = {str(role): hint for role, hint in ROLE_HINTS.items()}
REACH_TAGS = {
    Reach.LEAD: "govuk-tag--green",
    Reach.INVITED: "govuk-tag--blue",
    Reach.CONTACT: "govuk-tag--yellow",
    Reach.NOBODY: "govuk-tag--grey",
}
INVITATION_TAGS = {
    Invitation.State.OPEN: "govuk-tag--blue",
    Invitation.State.ACCEPTED: "govuk-tag--green",
    Invitation.State.EXPIRED: "govuk-tag--grey",
    Invitation.State.WITHDRAWN: "govuk-tag--grey",
}


def tag(text: StrOrPromise, classes: str) -> str:
    return format_html('<strong class="govuk-tag {}">{}</strong>', classes, text)


def group_choices() -> list[tuple[str, str]]:
    return list(Group.objects.order_by("name").values_list("slug", "name"))


# --- The directory ------------------------------------------------------------------------------


def directory_page(filters: Filters, number: str | None, *, path: str) -> dict[str, Any]:
    page = Paginator(directory.listing(filters), PER_PAGE).get_page(number)
    rows = []
    for organisation in page.object_list:
        rows.append(
            [
                {"html": link(reverse("directory:organisation", args=[organisation.slug]), organisation.name)},
                {"text": organisation.type_name()},
                {"text": organisation.nation_name()},
                {"text": organisation.region or _("Not recorded")},
                {"html": tag(Reach(organisation.reach).label, REACH_TAGS[Reach(organisation.reach)])},
            ]
        )
    query = urlencode({k: v for k, v in filters.as_dict().items() if v})
    return {
        "page": page,
        "table": {
            "caption": _("Organisations"),
            "captionClasses": "govuk-visually-hidden",
            "firstCellIsHeader": True,
            "head": [
                {"text": _("Name")},
                {"text": _("Type")},
                {"text": _("Nation")},
                {"text": _("Region")},
                {"text": _("Reach")},
            ],
            "rows": rows,
        },
        "pagination": govuk.pagination(page, path, filters.as_dict(), label=_("Pages of the directory")),
        "csv_url": reverse("directory:csv") + (f"?{query}" if query else ""),
        "filtered": filters.any,
    }


# --- An organisation's page for the national team --------------------------------------------------


def organisation_page(organisation: Organisation) -> dict[str, Any]:
    """Its details, people, contacts and invitations, and its rounds. Of its assessments, only
    what it submitted to a round: the title and the sign-off date, never the answers (ADR 0021)."""
    members = list(organisation.memberships.select_related("user").order_by("user__full_name", "user__email"))
    invitations = list(organisation.invitations.order_by("-created_at"))
    return {
        "organisation": organisation,
        "details": _details(organisation),
        "members_table": _members_table(organisation, members) if members else None,
        "invitations_table": _invitations_table(organisation, invitations) if invitations else None,
        "rounds_table": _rounds_table(organisation),
        "reach": Reach(directory.with_reach(Organisation.objects.filter(pk=organisation.pk)).get().reach),
    }


def _details(organisation: Organisation) -> list[dict[str, Any]]:
    rows = [
        (_("Name"), organisation.name),
        (_("Official name"), organisation.official_name or _("Not recorded")),
        (_("Type"), organisation.type_name()),
        (_("Nation"), organisation.nation_name()),
        (_("Region"), organisation.region or _("Not recorded")),
        (_("GSS code"), organisation.gss_code or _("None")),
        (_("Contact email address"), organisation.contact_email or _("None")),
    ]
    if organisation.end_date:
        rows.append((_("Ended"), date_uk(organisation.end_date)))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _members_table(organisation: Organisation, members) -> dict[str, Any]:
    return {
        "caption": _("People in %(organisation)s") % {"organisation": organisation.name},
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": _("Name")}, {"text": _("Email address")}, {"text": _("Role")}, {"text": _("Joined")}],
        "rows": [
            [
                {"text": m.user.full_name or m.user.email},
                {"text": m.user.email},
                {"text": m.get_role_display()},
                {"text": date_uk(m.created_at)},
            ]
            for m in members
        ],
    }


def _invitations_table(organisation: Organisation, invitations: list[Invitation]) -> dict[str, Any]:
    rows = []
    for invitation in invitations:
        state = invitation.state
        when = {
            Invitation.State.OPEN: _("Expires %(date)s") % {"date": date_uk(invitation.expires_at)},
            Invitation.State.ACCEPTED: _("Accepted %(date)s") % {"date": date_uk(invitation.accepted_at)}
            if invitation.accepted_at
            else "",
            Invitation.State.EXPIRED: _("Expired %(date)s") % {"date": date_uk(invitation.expires_at)},
            Invitation.State.WITHDRAWN: _("Withdrawn %(date)s") % {"date": date_uk(invitation.withdrawn_at)}
            if invitation.withdrawn_at
            else "",
        }[state]
        actions = []
        hidden = _("the invitation to %(email)s") % {"email": invitation.email}
        if state in (Invitation.State.OPEN, Invitation.State.EXPIRED):
            actions.append(
                (_("Resend"), reverse("directory:resend-invitation", args=[organisation.slug, invitation.pk]))
            )
        if state == Invitation.State.OPEN:
            actions.append(
                (_("Withdraw"), reverse("directory:withdraw-invitation", args=[organisation.slug, invitation.pk]))
            )
        rows.append(
            [
                {"text": invitation.full_name or invitation.email},
                {"text": invitation.email},
                {"text": invitation.get_role_display()},
                {"text": date_uk(invitation.resent_at or invitation.created_at)},
                {"html": tag(state.label, INVITATION_TAGS[state])},
                {"text": when},
                {
                    "html": format_html_join(
                        " ",
                        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
                        ((url, text, hidden) for text, url in actions),
                    )
                },
            ]
        )
    return {
        "caption": _("Contacts and invitations"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": _("Name")},
            {"text": _("Email address")},
            {"text": _("Role")},
            {"text": _("Sent")},
            {"text": _("State")},
            {"text": _("When")},
            {"html": format_html('<span class="govuk-visually-hidden">{}</span>', _("Actions"))},
        ],
        "rows": rows,
    }


def _rounds_table(organisation: Organisation) -> dict[str, Any] | None:
    participations = list(
        organisation.round_participations.select_related("round", "assessment").order_by(
            "-round__closes_on", "-round__pk"
        )
    )
    if not participations:
        return None
    day = today()
    rows = []
    for p in participations:
        if p.status == Participant.Status.SUBMITTED:
            if p.assessment.signed_off_at:
                answer = _("Submitted “%(title)s”, signed off %(date)s") % {
                    "title": p.assessment.title,
                    "date": date_uk(p.assessment.signed_off_at),
                }
            else:
                answer = _("Submitted “%(title)s”") % {"title": p.assessment.title}
        elif p.status == Participant.Status.DECLINED:
            answer = _("Not taking part: %(reason)s") % {"reason": p.decline_text}
        else:
            answer = _("Not responded")
        rows.append(
            [
                {"html": link(reverse("benchmarks:round", args=[p.round_id]), p.round.name)},
                {"text": p.round.stage_label(day)},
                {"text": answer},
            ]
        )
    return {
        "caption": _("Diagnostic rounds"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": _("Round")}, {"text": _("Round status")}, {"text": _("Response")}],
        "rows": rows,
    }


# --- Forms and the contacts preview ----------------------------------------------------------------


def organisation_form(form) -> dict[str, Any]:
    return {
        "name": govuk.field_input(form["name"]),
        "official_name": govuk.field_input(form["official_name"]),
        "type": govuk.field_radios(form["type"], legend=_("Type of organisation")),
        "nation": govuk.field_radios(form["nation"], legend=_("Nation"), classes="govuk-radios--inline"),
        "region": govuk.field_input(form["region"], classes="govuk-!-width-one-half"),
        "gss_code": govuk.field_input(form["gss_code"], classes="govuk-input--width-10", spellcheck=False),
        "contact_email": govuk.field_input(
            form["contact_email"], input_type="email", spellcheck=False, autocomplete="off"
        ),
    }


def contacts_preview(checked: Checked, data: bytes) -> dict[str, Any]:
    """The checked file: its problems by row, or the contacts to be invited and the file itself
    (sent back with the confirmation, and checked again then)."""
    context: dict[str, Any] = {"problems": checked.problems}
    if checked.problems:
        return context
    context["contacts_text"] = data.decode("utf-8-sig")
    context["preview_table"] = {
        "caption": counted(len(checked.rows), "%(num)s contact to invite", "%(num)s contacts to invite"),
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": _("Row")},
            {"text": _("Organisation")},
            {"text": _("Name")},
            {"text": _("Email address")},
            {"text": _("Role")},
        ],
        "rows": [
            [
                {"text": str(row.row)},
                {"text": row.organisation.name},
                {"text": row.full_name},
                {"text": row.email},
                {"text": row.role_label},
            ]
            for row in checked.rows
        ],
    }
    return context
