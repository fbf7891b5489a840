"""The national team's home page: its rounds and their response rates, who can be reached, exemplar
supply and demand, and recent activity. Each figure links to the list behind it. A presenter over
a few grouped queries (the counts are the database's), so it stays quick with every public body
of England and Wales loaded."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from maturity.audit.models import AuditEvent
from maturity.benchmarks import selectors as round_selectors
from maturity.benchmarks.models import Round
from maturity.benchmarks.presenters import today
from maturity.exemplars import selectors as exemplar_selectors
from maturity.exemplars.models import HelpWanted
from maturity.organisations import directory
from maturity.organisations.directory import Reach
from maturity.words import date_uk, time_uk

# Events too frequent to be "activity" worth a glance (they stay in the audit log).
QUIET_KINDS = ("sign-in", "sign-in-failed", "sign-out", "token-used", "export", "personal-data-downloaded")
RECENT = 8


def percentage(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else _("none invited")


def home_page() -> dict[str, Any]:
    return {
        "rounds": _rounds(),
        "reach": _reach(),
        "exemplars": _exemplars(),
        "activity": _activity(),
    }


def _rounds() -> dict[str, list[dict[str, Any]]]:
    day = today()
    stages: dict[str, list[dict[str, Any]]] = {
        Round.Status.OPEN: [],
        Round.Status.CLOSED: [],
        Round.Status.PUBLISHED: [],
        Round.Status.DRAFT: [],
    }
    for r in round_selectors.rounds_with_counts():
        responded = r.submitted + r.declined
        stages[r.stage(day)].append(
            {
                "name": r.name,
                "url": reverse("benchmarks:round", args=[r.pk]),
                "responses_url": reverse("benchmarks:responses", args=[r.pk]),
                "closes_on": date_uk(r.closes_on),
                "invited": r.invited,
                "submitted": r.submitted,
                "responded": responded,
                "rate": percentage(r.submitted, r.invited),
            }
        )
    return {
        "open": stages[Round.Status.OPEN],
        "closed": stages[Round.Status.CLOSED],
        "published": stages[Round.Status.PUBLISHED][:5],
        "draft": stages[Round.Status.DRAFT],
    }


def _reach() -> list[dict[str, Any]]:
    counts = directory.reach_counts()
    base = reverse("directory:list")
    return [
        {"label": Reach(value).label, "count": counts[value], "url": f"{base}?{urlencode({'reach': value})}"}
        for value in Reach.values
    ] + [{"label": _("All organisations"), "count": sum(counts.values()), "url": base}]


def _exemplars() -> dict[str, Any]:
    requests = exemplar_selectors.request_counts()
    return {
        "offers": exemplar_selectors.current_offers().count(),
        "wanting": HelpWanted.objects.aggregate(n=Count("organisation", distinct=True))["n"],
        "open_requests": requests.get("open", 0),
        "url": reverse("exemplars:national"),
        "offers_url": reverse("exemplars:national-offers"),
    }


def _activity() -> list[dict[str, str]]:
    events = (
        AuditEvent.objects.exclude(kind__in=QUIET_KINDS).select_related("organisation").order_by("-at", "-pk")[:RECENT]
    )
    return [
        {
            "when": _("%(date)s, %(time)s") % {"date": date_uk(event.at), "time": time_uk(event.at)},
            "what": event.kind_label,
            "about": " – ".join(
                part for part in (event.organisation.name if event.organisation else "", event.subject) if part
            ),
            "by": event.actor_label,
        }
        for event in events
    ]
