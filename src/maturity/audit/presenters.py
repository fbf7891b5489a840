"""What the audit log pages show: a filter form's values, a table of events, and pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator

from maturity import govuk
from maturity.audit.models import KINDS, AuditEvent
from maturity.words import when_uk

PER_PAGE = 50
# Details shown in the table; anything else is in the personal-data download and the database.
HIDDEN_DETAILS = {"user_agent"}
ROLE_NAMES = {"viewer": "Viewer", "contributor": "Contributor", "lead": "Lead"}


def kind_items(selected: str, kinds=None) -> list[dict[str, Any]]:
    items = [{"value": "", "text": "All kinds of event", "selected": not selected}]
    items += [{"value": key, "text": KINDS[key], "selected": key == selected} for key in (kinds or KINDS)]
    return items


def details_text(event: AuditEvent) -> str:
    details = event.details or {}
    if event.kind == "role-changed" and "from" in details and "to" in details:
        return f"{ROLE_NAMES.get(details['from'], details['from'])} to {ROLE_NAMES.get(details['to'], details['to'])}"
    parts = []
    for key, value in details.items():
        if key in HIDDEN_DETAILS or value in (None, "", [], {}):
            continue
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def event_rows(events: list[AuditEvent], *, with_organisation: bool) -> list[list[dict[str, str]]]:
    rows = []
    for event in events:
        row = [
            {"text": when_uk(event.at)},
            {"text": event.kind_label},
            {"text": event.actor_label},
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
    head = [{"text": "When"}, {"text": "Event"}, {"text": "By"}]
    if with_organisation:
        head.append({"text": "Organisation"})
    head += [{"text": "About"}, {"text": "Details"}, {"text": "IP address"}]
    return {"caption": caption, "captionClasses": "govuk-table__caption--m", "head": head,
            "rows": event_rows(events, with_organisation=with_organisation)}


def page_of(events, number: str | None) -> Page:
    return Paginator(events, PER_PAGE).get_page(number)


def pagination(page: Page, path: str, filters: dict[str, str]) -> dict[str, Any] | None:
    return govuk.pagination(page, path, filters, label="Pages of the audit log")
