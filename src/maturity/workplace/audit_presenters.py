"""What the audit log pages show: a filter form's values, a table of events, and pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from maturity import govuk
from maturity.audit.models import KINDS, AuditEvent
from maturity.audit.services import ANONYMOUS, SYSTEM
from maturity.organisations.models import Role
from maturity.words import when_uk

PER_PAGE = 50
# Details shown in the table; anything else is in the personal-data download and the database.
HIDDEN_DETAILS = {"user_agent"}


def kind_items(selected: str, kinds=None) -> list[dict[str, Any]]:
    items = [{"value": "", "text": _("All kinds of event"), "selected": not selected}]
    items += [{"value": key, "text": str(KINDS[key]), "selected": key == selected} for key in (kinds or KINDS)]
    return items


def details_text(event: AuditEvent) -> str:
    details = event.details or {}
    if event.kind == "role-changed" and "from" in details and "to" in details:
        return _("%(from)s to %(to)s") % {"from": _role_name(details["from"]), "to": _role_name(details["to"])}
    parts = []
    for key, value in details.items():
        if key in HIDDEN_DETAILS or value in (None, "", [], {}):
            continue
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def _role_name(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value


def _actor(label: str) -> str:
    """The actor as recorded; the two labels the log writes itself are shown in the page's language."""
    return {SYSTEM: _("System"), ANONYMOUS: _("Not signed in")}.get(label, label)


def event_rows(events: list[AuditEvent], *, with_organisation: bool) -> list[list[dict[str, str]]]:
    rows = []
    for event in events:
        row = [
            {"text": when_uk(event.at)},
            {"text": event.kind_label},
            {"text": _actor(event.actor_label)},
        ]
        if with_organisation:
            row.append({"text": event.organisation.name if event.organisation else ""})
        row += [
            {"text": event.subject},
            {"text": details_text(event)},
            {"text": event.ip or ""},
        ]
        rows.append(row)
    return rows


def table(events: list[AuditEvent], *, caption: str, with_organisation: bool) -> dict[str, Any]:
    head = [{"text": _("When")}, {"text": _("Event")}, {"text": _("By")}]
    if with_organisation:
        head.append({"text": _("Organisation")})
    head += [{"text": _("About")}, {"text": _("Details")}, {"text": _("IP address")}]
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "head": head,
        "rows": event_rows(events, with_organisation=with_organisation),
    }


def page_of(events, number: str | None) -> Page:
    return Paginator(events, PER_PAGE).get_page(number)


def pagination(page: Page, path: str, filters: dict[str, str]) -> dict[str, Any] | None:
    return govuk.pagination(page, path, filters, label=_("Pages of the audit log"))
