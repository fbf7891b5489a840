"""The audit log pages: every event for the national team, an organisation's own for its leads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.translation import gettext

from maturity.audit import services
from maturity.audit.models import KINDS, ORGANISATION_KINDS
from maturity.organisations import directory
from maturity.organisations.access import organisation_for, require_national_admin
from maturity.organisations.models import Organisation, Role
from maturity.workplace import audit_presenters as presenters


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in KINDS else ""


def national(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    kind = _kind(request)
    query = request.GET.get("organisation", "").strip()[:200]
    organisations: list[Organisation] = []
    events = services.national_events(kind=kind)
    if query:
        organisations = directory.organisations_matching(query)
        events = events.filter(organisation__in=organisations)
    page = presenters.page_of(events, request.GET.get("page"))
    filters = {"kind": kind, "organisation": query}
    return render(
        request,
        "audit/national.html",
        {
            "page": page,
            "kind_items": presenters.kind_items(kind),
            "organisation_query": query,
            "matched": organisations,
            "table": presenters.table(
                list(page.object_list), caption=gettext("Events, newest first"), with_organisation=True
            ),
            "pagination": presenters.pagination(page, request.path, filters),
            "filtered": bool(kind or query),
        },
    )


@login_required
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    # Access first, then the method: an outsider gets 404 whatever the method (tests/test_isolation.py).
    access = organisation_for(request, slug, role=Role.LEAD)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    kind = _kind(request)
    page = presenters.page_of(services.organisation_events(access.organisation, kind=kind), request.GET.get("page"))
    return render(
        request,
        "audit/organisation.html",
        {
            "access": access,
            "organisation": access.organisation,
            "page": page,
            "kind_items": presenters.kind_items(kind, ORGANISATION_KINDS),
            "table": presenters.table(
                list(page.object_list), caption=gettext("Events, newest first"), with_organisation=False
            ),
            "pagination": presenters.pagination(page, request.path, {"kind": kind}),
            "filtered": bool(kind),
        },
    )
