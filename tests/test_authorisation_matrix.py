"""Who may reach what: every route of the URL configuration, as every kind of person, against a table.

The routes are walked from the URL configuration itself (as tests/test_isolation.py does), so a new
route fails `test_every_route_has_an_entry` until someone decides, in `EXPECTED` below, what each
kind of person should get from it. Each route is asked for with GET and with an empty POST, as:

    anonymous   nobody signed in
    viewer      a viewer of the organisation in the address (Camden)
    contributor a contributor of Camden
    lead        a lead of Camden
    outsider    a lead of another organisation (Manchester)
    glead       a group lead of the group in the address (the consortium Camden belongs to)
    oglead      a group lead of another group
    national    a national admin (a member of no organisation)

Every request runs in a savepoint that is rolled back, so a POST that deletes or publishes
something changes nothing for the next request; the sample data is made once for this module.
Every HTML page answered with 200 is also checked for inline script and style, which the
content security policy forbids (maturity/middleware.py).

To see what the routes answer now (to fill in a new entry), run:
    MATRIX_PRINT=1 .venv/bin/pytest tests/test_authorisation_matrix.py -q -s -k every_route
"""

from __future__ import annotations

import copy
import io
import os
import re
from dataclasses import dataclass
from typing import ClassVar

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

# The marker makes pytest-django create the test database; each test then runs in a savepoint
# inside the module's transaction (see `world`).
pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "contributor", "lead", "outsider", "glead", "oglead", "national")


@dataclass(frozen=True)
class Everyone:
    """A public route that answers everyone alike: asked only as a visitor, a member and a national
    admin (it is the same page for all, and some of these pages are slow to make)."""

    cell: str
    ROLES_ASKED: ClassVar[tuple[str, ...]] = ("anonymous", "viewer", "national")


# route name -> one cell per role, in the order of ROLES, or Everyone(cell).
# A cell is "GET/POST", each a status or several separated by "|"; a cell with GET only is a view
# that only answers GET (those who may GET it show the 405 to a POST), so POST is not asked.
# A signed-out visitor's 302 is to the sign-in page; a 404 for a non-member hides that the
# organisation's data exists; 403 is for a member whose role is too low, or the national pages.
# Worth knowing when reading it:
# - national admins and group leads are members of no organisation: 404 on its pages, like anyone else;
# - the API (/api/v1/) ignores the session: people send their token (members of Camden and the
#   outsider have one), so the others get 401 on what needs a token; an empty POST to the API's
#   actions is refused as 400 (invalid body) before the organisation is looked at, for the outsider too;
# - an empty POST to a group's members or a council's group sharing is 404 (no such organisation
#   or group member), not a change;
# - the token pages (api-tokens:created, :revoke) are of the viewer's own token: 404 for anyone else.
#                                            anonymous viewer  contrib lead    outsider glead   oglead  national
EXPECTED: dict[str, str | Everyone] = {
    "accessibility": Everyone("200/200"),
    "cookies": Everyone("200/200"),
    "privacy": Everyone("200/200"),
    "accounts:accept-invitation": "200/200 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:account-deleted": Everyone("200/200"),
    "accounts:change-details": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    # The profile's language setting: GET goes back to the profile; an empty POST is refused (400).
    "accounts:change-language": "302/302 302/400 302/400 302/400 302/400 302/400 302/400 302/400",
    "accounts:change-password": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:delete-account": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:password-reset": Everyone("200/200"),
    "accounts:password-reset-complete": Everyone("200/200"),
    "accounts:password-reset-confirm": Everyone("302/302"),
    "accounts:password-reset-sent": Everyone("200/200"),
    "accounts:personal-data": "302     200/405 200/405 200/405 200/405 200/405 200/405 200/405",
    "accounts:personal-data-download": "302     200/405 200/405 200/405 200/405 200/405 200/405 200/405",
    "accounts:profile": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:recovery-code": Everyone("302/302"),
    "accounts:recovery-codes": Everyone("302/302"),
    "accounts:recovery-codes-download": "302/302 302/405 302/405 302/405 302/405 302/405 302/405 302/405",
    "accounts:recovery-codes-new": "302/302 302/302 302/302 302/302 302/302 200/200 200/200 200/200",
    "accounts:session-ended": Everyone("200/200"),
    "accounts:sign-in": Everyone("200/200"),
    "accounts:sign-out": "302/302 200/302 200/302 200/302 200/302 200/302 200/302 200/302",
    "accounts:signed-out": Everyone("200/200"),
    "accounts:sso-callback": Everyone("404/405"),
    "accounts:sso-start": Everyone("404/405"),
    "accounts:two-factor": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:two-factor-code": Everyone("302/302"),
    "accounts:two-factor-set-up": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "accounts:two-factor-turn-off": "302/302 302/302 302/302 302/302 302/302 403/403 403/403 403/403",
    "api-tokens:created": "302/302 200/200 404/404 404/404 404/404 404/404 404/404 404/404",
    "api-tokens:list": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "api-tokens:new": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "api-tokens:revoke": "302/302 200/302 404/404 404/404 404/404 404/404 404/404 404/404",
    "api:<api/^[\\s\\S]*$>": Everyone("404/404"),
    "api:<api/v1/docs>": Everyone("302/302"),
    "api:docs": Everyone("200/200"),
    "api:index": Everyone("200/200"),
    "api:v1:action": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:action-delete": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:action-update": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:actions": "401/401 200/400 200/400 200/400 404/400 401/401 401/401 401/401",
    "api:v1:actions-create": "401/401 200/400 200/400 200/400 404/400 401/401 401/401 401/401",
    "api:v1:api-root": Everyone("200/200"),
    "api:v1:assessment": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:assessments": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:benchmark": Everyone("200/405"),
    "api:v1:benchmarks": Everyone("200/405"),
    "api:v1:document-file": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:documents": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:evidence": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:exemplar-offers": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:framework": Everyone("200/405"),
    "api:v1:frameworks": Everyone("200/405"),
    "api:v1:open-data": Everyone("200/405"),
    "api:v1:open-data-awards": Everyone("200/405"),
    "api:v1:open-data-spend": Everyone("200/405"),
    "api:v1:openapi-json": Everyone("200/200"),
    "api:v1:organisation": Everyone("200/405"),
    "api:v1:organisations": Everyone("200/405"),
    "api:v1:response": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:response-update": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:responses": "401     200/405 200/405 200/405 404     401     401     401",
    "api:v1:round": Everyone("200/405"),
    "api:v1:rounds": Everyone("200/405"),
    "api:v1:token": "401     200/405 200/405 200/405 200/405 401     401     401",
    "assessments:action": "302/302 200/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:action-plan": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:add-action": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:add-plan-action": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:area": "302/302 200/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:check": "302/302 200/403 200/403 200/200 404/404 404/404 404/404 404/404",
    "assessments:delete": "302/302 403/403 403/403 200/302 404/404 404/404 404/404 404/404",
    "assessments:delete-action": "302/302 403/403 200/302 200/302 404/404 404/404 404/404 404/404",
    "assessments:edit-action": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:history": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:reopen": "302/302 403/403 403/403 302/302 404/404 404/404 404/404 404/404",
    "assessments:results": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "assessments:sign-off": "302/302 403/403 403/403 302/302 404/404 404/404 404/404 404/404",
    "assessments:start": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "assessments:task-list": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "audit:national": "404     403     403     403     403     403     403     200/405",
    "audit:organisation": "302     403     403     200/405 404     404     404     404",
    "benchmarks:area": Everyone("200/200"),
    "benchmarks:close-round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "benchmarks:decline": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "benchmarks:new-round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:open-round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:organisation-rounds": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "benchmarks:publish-round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:remind-round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "benchmarks:published": Everyone("200/200"),
    "benchmarks:responses": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:report": Everyone("200/200"),
    "benchmarks:report-pdf": Everyone("200/200"),
    "benchmarks:edit-report": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "benchmarks:results": Everyone("200/200"),
    "benchmarks:results-csv": Everyone("200/200"),
    "benchmarks:results-json": Everyone("200/200"),
    "benchmarks:round": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:rounds": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "benchmarks:submit": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "comments:add": "302/302 200/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "comments:resolve": "302/302 302/403 302/302 302/302 404/404 404/404 404/404 404/404",
    "documents:add": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "documents:change": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "documents:delete": "302/302 403/403 200/302 200/302 404/404 404/404 404/404 404/404",
    "documents:download": "302/302 200/405 200/405 200/405 404/404 404/404 404/404 404/404",
    "evidence:benchmarks": Everyone("200/405"),
    "evidence:benchmarks-csv": Everyone("200/405"),
    "evidence:benchmarks-json": Everyone("200/405"),
    "evidence:buyer": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "evidence:buyers": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "directory:add": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "directory:contacts": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "directory:csv": "302     403     403     403     403     403     403     200/405",
    "directory:edit": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "directory:invite": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "directory:list": "302     403     403     403     403     403     403     200/405",
    "directory:organisation": "302     403     403     403     403     403     403     200/405",
    "directory:resend-invitation": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "directory:withdraw-invitation": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "evidence:national": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "evidence:national-upload-notices": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "evidence:overview": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "evidence:spend-columns": "302/302 403/403 403/403 302/302 404/404 404/404 404/404 404/404",
    "evidence:upload-grants": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "evidence:upload-notices": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "evidence:upload-spend": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "exemplars:ask": "302/302 403/403 302/302 302/302 404/404 404/404 404/404 404/404",
    "exemplars:help": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "exemplars:national": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "exemplars:national-offers": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "exemplars:offer": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "exemplars:offers": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "exemplars:request": "302/302 200/403 200/403 200/403 404/404 404/404 404/404 404/404",
    "exemplars:wanted": "302/302 403/403 200/302 200/302 404/404 404/404 404/404 404/404",
    "exemplars:withdraw-offer": "302/302 403/403 403/403 302/302 404/404 404/404 404/404 404/404",
    "exemplars:withdraw-request": "302/302 403/403 200/302 200/302 404/404 404/404 404/404 404/404",
    "frameworks:area": Everyone("200/200"),
    "frameworks:changes": Everyone("200/200"),
    "frameworks:delete": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "frameworks:detail": Everyone("200/200"),
    "frameworks:export": Everyone("200/200"),
    "frameworks:overview": Everyone("200/200"),
    "frameworks:preview": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "frameworks:publish": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "frameworks:retire": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/302",
    "frameworks:upload": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "frameworks:versions": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "groups:create": "302/302 403/403 403/403 403/403 403/403 200/200 200/200 200/200",
    "groups:dashboard": "302/302 404/404 404/404 404/404 404/404 200/200 404/404 200/200",
    "groups:leads": "302/302 404/404 404/404 404/404 404/404 200/200 404/404 200/200",
    "groups:list": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "groups:members": "302/302 404/404 404/404 404/404 404/404 200/404 404/404 200/404",
    "groups:publish-variant": "302/302 404/404 404/404 404/404 404/404 200/302 404/404 200/302",
    "groups:remove-lead": "302/302 404/404 404/404 404/404 404/404 200/302 404/404 200/302",
    "groups:leave": "302/302 403/403 403/403 200/302 404/404 404/404 404/404 404/404",
    "groups:membership": "302/302 200/403 200/403 200/200 404/404 404/404 404/404 404/404",
    "groups:remove-member": "302/302 404/404 404/404 404/404 404/404 200/302 404/404 200/302",
    "groups:sharing": "302/302 200/403 200/403 200/404 404/404 404/404 404/404 404/404",
    "groups:targets": "302/302 404/404 404/404 404/404 404/404 200/302 404/404 200/302",
    "groups:variant": "302/302 404/404 404/404 404/404 404/404 200/200 404/404 200/200",
    "home": Everyone("200/200"),
    "language": Everyone("302/405"),  # the header's switch: a link
    "jobs:job": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "jobs:national-job": "302/302 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "national-home": "404/404 403/403 403/403 403/403 403/403 403/403 403/403 200/200",
    "organisations:cancel-invitation": "302/302 403/403 403/403 200/302 404/404 404/404 404/404 404/404",
    "organisations:change-role": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "organisations:home": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "organisations:invite": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "organisations:list": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "organisations:people": "302/302 200/200 200/200 200/200 404/404 404/404 404/404 404/404",
    "organisations:sign-off-rule": "302/302 403/403 403/403 200/200 404/404 404/404 404/404 404/404",
    "organisations:remove-member": "302/302 403/403 403/403 200/302 404/404 404/404 404/404 404/404",
    "plans:add-milestone": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "plans:calendar": "302/302 200/403 200/403 200/200 404/404 404/404 404/404 404/404",
    "plans:calendar-feed": Everyone("404/405"),
    "plans:milestone": "302/302 403/403 302/302 302/302 404/404 404/404 404/404 404/404",
    "plans:preferences": "302/302 200/200 200/200 200/200 200/200 200/200 200/200 200/200",
    "reports:actions-csv": "302     200/405 200/405 200/405 404     404     404     404",
    "reports:committee-pdf": "302     200/405 200/405 200/405 404     404     404     404",
    "reports:import": "302/302 403/403 200/200 200/200 404/404 404/404 404/404 404/404",
    "reports:index": "302     200/405 200/405 200/405 404     404     404     404",
    "reports:responses-csv": "302     200/405 200/405 200/405 404     404     404     404",
    "reports:workbook": "302     200/405 200/405 200/405 404     404     404     404",
}


# --- the routes ------------------------------------------------------------------------------------


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            # An unnamed route is known by its pattern: "api:<api/v1/docs>".
            yield route, f"{namespace}{entry.name}" if entry.name else f"{namespace}<{route}>"


# Django's own admin has its own permission system (is_staff) and is tested in tests/accounts.
SKIPPED_PREFIXES = ("django-admin/",)


def routes() -> dict[str, str]:
    """route name (or pattern, for an unnamed route) -> route pattern, outside Django's admin."""
    found: dict[str, str] = {}
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        found.setdefault(name, route)
    return found


# --- the sample data ---------------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, object]
    samples: dict[str, str]
    overrides: dict[str, dict[str, str]]
    sessions: dict[str, str]  # role -> session key, made once (signing in for every request is slow)
    tokens: dict[str, str]  # role -> an API token of theirs (members of an organisation only)


def _make_world() -> World:
    import datetime

    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from maturity.api import services as token_services
    from maturity.assessments.services import add_action, start_assessment
    from maturity.benchmarks import services as round_services
    from maturity.documents.services import attach as attach_document
    from maturity.evidence.models import BuyerMapping
    from maturity.frameworks import loader
    from maturity.frameworks import services as framework_services
    from maturity.groups import services as group_services
    from maturity.groups.models import Group, GroupLead, GroupMember
    from maturity.organisations.models import Invitation, Membership, Role
    from maturity.plans.models import Milestone
    from tests.benchmarks.helpers import TODAY, make_round
    from tests.documents import files as document_files
    from tests.exemplars.helpers import ask, assess, offer
    from tests.factories import (
        give_two_factor,
        make_member,
        make_national_admin,
        make_organisation,
        make_user,
    )
    from tests.frameworks import versions
    from tests.jobs import kinds as job_kinds

    # Framework versions: 2018 and 2019 published (2019 follows 2018), 2020 a draft following 2019.
    nps = loader.load(loader.read(loader.bundled_path())).framework
    nps_2019 = framework_services.publish(loader.load(versions.nps_2019(), status="draft").framework)
    document_2020 = copy.deepcopy(versions.nps_2019())
    document_2020.update(version="2020", follows="2019", title=document_2020["title"].replace("2019", "2020"))
    for section in document_2020["sections"]:
        for area_document in section["areas"]:
            area_document.pop("replaces", None)
    draft_2020 = loader.load(document_2020, status="draft").framework

    camden = make_organisation("Camden", type="london-borough", region="London")
    manchester = make_organisation("Manchester", type="metropolitan-district", region="North West")
    lead = make_member(camden, Role.LEAD, "Lena Lead")
    users = {
        "anonymous": None,
        "viewer": make_member(camden, Role.VIEWER, "Vera Viewer"),
        "contributor": make_member(camden, Role.CONTRIBUTOR, "Connor Contributor"),
        "lead": lead,
        "outsider": make_member(manchester, Role.LEAD, "Oscar Outsider"),
        "glead": make_user("Gina Grouplead"),
        "oglead": make_user("Otto Otherlead"),
        "national": make_national_admin("Nadia National"),
    }

    assessment = start_assessment(organisation=camden, framework=nps, title="Self-assessment 2026", user=lead)
    area = assessment.responses.order_by("area__position").first().area
    action = add_action(
        assessment=assessment,
        area=area,
        user=lead,
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    invitation = Invitation.objects.create(
        organisation=camden,
        email="new@example.com",
        role="viewer",
        token_hash=Invitation.hash_token("sample-invitation-token"),
        invited_by=lead,
    )

    # An exemplar (Islington, Leader in the first area) and Camden's request for an introduction.
    islington = make_organisation("Islington")
    islington_lead = make_member(islington, Role.LEAD)
    assess(islington, nps, islington_lead, {area.key: (5, 5)})
    assess(camden, nps, lead)
    request = ask(camden, offer(islington, area.key, islington_lead), lead)

    # Rounds: one open, inviting Camden and Manchester; one published.
    open_round = make_round(nps, [camden, manchester], user=users["national"], name="Diagnostic review 2027")
    published = make_round(
        nps,
        [camden],
        user=users["national"],
        name="Diagnostic review 2026",
        opens_on=TODAY - datetime.timedelta(days=60),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    round_services.publish_round(round_=published, user=users["national"], today=TODAY)

    # Groups: a consortium with Camden in it, and another group; each with its own lead.
    consortium = Group.objects.create(slug="test-consortium", name="Test Consortium", kind=Group.Kind.CONSORTIUM)
    other_group = Group.objects.create(slug="other-hub", name="Other Hub", kind=Group.Kind.CONSORTIUM)
    member = GroupMember.objects.create(
        group=consortium, organisation=camden, sharing=GroupMember.Sharing.AGGREGATES, accepted_at=timezone.now()
    )
    group_lead = GroupLead.objects.create(group=consortium, user=users["glead"])
    GroupLead.objects.create(group=other_group, user=users["oglead"])
    for user in (users["glead"], users["oglead"]):
        give_two_factor(user)  # group leads must have an authenticator app

    # API tokens (read and write) of the members of Camden, and of the outsider for Manchester.
    tokens, token_ids = {}, {}
    for role, organisation in (("viewer", camden), ("contributor", camden), ("lead", camden), ("outsider", manchester)):
        created = token_services.create_token(
            user=users[role],
            organisation=organisation,
            name=f"Matrix {role}",
            scope="write",
            expires_on=TODAY + datetime.timedelta(days=30),
            today=TODAY,
        )
        tokens[role], token_ids[role] = created.secret, str(created.token.pk)

    # The consortium's draft variant (its own areas), for the page that publishes it.
    group_services.upload_variant(group=consortium, extends=nps, document=versions.group_areas())

    buyer = BuyerMapping.objects.create(key="name:unknown buyer council", name="Unknown Buyer Council")
    viewer = users["viewer"]
    document = attach_document(
        response=assessment.responses.get(area=area),
        title="Procurement strategy",
        evidence_date=TODAY,
        file=io.BytesIO(document_files.pdf()),
        name="strategy.pdf",
        size=len(document_files.pdf()),
        user=lead,
    )
    samples = {
        "slug": camden.slug,
        "code": "cy",
        "pk": str(assessment.pk),
        "area_key": area.key,
        "action_id": str(action.pk),
        "membership_id": str(Membership.objects.get(organisation=camden, user=viewer).pk),
        "invitation_id": str(invitation.pk),
        "request_id": str(request.pk),
        "round_id": str(open_round.pk),
        "group_slug": consortium.slug,
        "member_id": str(member.pk),
        "group_id": str(consortium.pk),
        "lead_id": str(group_lead.pk),
        "key": nps.key,
        "version": nps_2019.version,
        "fmt": "json",
        "token": "sample-invitation-token",
        "uidb64": urlsafe_base64_encode(force_bytes(viewer.pk)),
        "assessment_id": str(assessment.pk),
        "token_id": token_ids["viewer"],  # the viewer's own token: anyone else gets 404
        "job_id": str(job_kinds.count.start(organisation=camden, user=users["lead"], to=1).pk),
        "document_id": str(document.pk),
        "milestone_id": str(Milestone.objects.create(action=action, title="Draft", due_date=TODAY).pk),
    }
    published_id = str(published.pk)
    overrides = {
        # The versions pages of the national team act on the draft.
        "frameworks:preview": {"version": draft_2020.version},
        "frameworks:publish": {"version": draft_2020.version},
        "frameworks:delete": {"version": draft_2020.version},
        "evidence:buyer": {"pk": str(buyer.pk)},
        "jobs:national-job": {"job_id": str(job_kinds.count.start(to=1).pk)},
        # Results pages are public once the round is published.
        "benchmarks:results": {"round_id": published_id},
        "benchmarks:results-csv": {"round_id": published_id},
        "benchmarks:results-json": {"round_id": published_id},
        "benchmarks:area": {"round_id": published_id},
        "benchmarks:report": {"round_id": published_id},
        "benchmarks:report-pdf": {"round_id": published_id},
        "api:v1:round": {"round_id": published_id},
        "api:v1:benchmarks": {"round_id": published_id},
        "api:v1:benchmark": {"round_id": published_id},
    }
    sessions = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    # After signing in (which changes last_login), so that the emailed link is still valid.
    overrides["accounts:password-reset-confirm"] = {"token": default_token_generator.make_token(viewer)}
    return World(users=users, samples=samples, overrides=overrides, sessions=sessions, tokens=tokens)


@pytest.fixture(autouse=True)
def documents_in_a_temporary_folder():
    """The sample document is made once for the module, in the test run's documents folder
    (settings_test.py): every test here reads that folder, not a folder of its own."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The sample data, made once for this module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _make_world()
        transaction.set_rollback(True)


def fill(name: str, route: str, world: World) -> str:
    values = {**world.samples, **world.overrides.get(name, {})}
    path = route.replace("^", "").replace("$", "").replace(".*", "no-such-page")  # a regular expression route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        param = path[start + 1 : end].split(":")[-1]
        assert param in values, (
            f"The authorisation matrix has no sample value for <{param}> in {route} ({name}): "
            "add one to _make_world in tests/test_authorisation_matrix.py"
        )
        path = path[:start] + values[param] + path[end + 1 :]
    return "/" + path


# --- asking ---------------------------------------------------------------------------------------------


class _RolledBack(Exception):
    pass


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """What in a page the content security policy would block: inline script, style or handlers."""
    found = []
    for what, pattern in (
        ("inline <script>", INLINE_SCRIPT),
        ("style attribute", STYLE_ATTRIBUTE),
        ("<style> element", STYLE_ELEMENT),
        ("inline event handler", EVENT_HANDLER),
    ):
        match = pattern.search(html)
        if match:
            found.append(f"{what}: {html[max(0, match.start() - 40) : match.end() + 40]!r}")
    return found


def ask(world: World, role: str, method: str, url: str) -> tuple[str, list[str]]:
    """The status `role` gets for `method url` (or the exception raised), and any inline code
    found in a 200 HTML page; every write is rolled back. Signed-in people send their session
    cookie, and on /api/ their API token too."""
    problems: list[str] = []
    headers = {}
    if url.startswith("/api/") and role in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    try:
        with transaction.atomic():
            client = Client()
            if role in world.sessions:
                client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
            try:
                response = getattr(client, method)(url, headers=headers)
            except Exception as error:
                status = f"raised {type(error).__name__}: {error}"[:200]
            else:
                status = str(response.status_code)
                if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                    problems = inline_code(response.content.decode())
            raise _RolledBack
    except _RolledBack:
        pass
    return status, problems


def parse(row: str) -> list[tuple[set[str], set[str] | None]]:
    """One (GET statuses, POST statuses or None when POST is not asked) per role."""
    cells = row.split()
    assert len(cells) == len(ROLES), f"{row!r} has {len(cells)} cells, not {len(ROLES)}"
    parsed = []
    for cell in cells:
        get, slash, post = cell.partition("/")
        parsed.append((set(get.split("|")), set(post.split("|")) if slash else None))
    return parsed


def expectations(entry) -> dict[str, tuple[set[str], set[str] | None]]:
    """role -> (GET statuses, POST statuses or None) for the roles this entry asks."""
    if isinstance(entry, Everyone):
        return {role: parse(" ".join([entry.cell] * len(ROLES)))[0] for role in Everyone.ROLES_ASKED}
    return dict(zip(ROLES, parse(entry)))


def describe(statuses: set[str] | None) -> str:
    return "|".join(sorted(statuses)) if statuses is not None else "-"


ROUTES = routes()


def test_every_route_has_an_entry():
    missing = sorted(set(ROUTES) - set(EXPECTED))
    assert not missing, (
        "Routes without an entry in EXPECTED of tests/test_authorisation_matrix.py (decide who may reach "
        "them, then add a row):\n" + "\n".join(f"- {name} ({ROUTES[name]})" for name in missing)
    )


def test_every_entry_is_a_route():
    stale = sorted(set(EXPECTED) - set(ROUTES))
    assert not stale, "Entries in EXPECTED for routes that no longer exist: " + ", ".join(stale)


def test_every_row_is_well_formed():
    for name, entry in EXPECTED.items():
        assert expectations(entry), name


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_every_route_answers_each_person_as_the_table_says(name, world):
    url = fill(name, ROUTES[name], world)
    if name not in EXPECTED:  # ask everything, so that the message says what the route answers now
        observed = [f"{ask(world, role, 'get', url)[0]}/{ask(world, role, 'post', url)[0]}" for role in ROLES]
        if os.environ.get("MATRIX_PRINT"):
            print(f'\n    "{name}": "' + " ".join(observed) + '",')
        pytest.fail(f"{name} ({ROUTES[name]}) has no entry in EXPECTED: it answers {' '.join(observed)}")
    wrong, inline, printed = [], [], []
    for role, (get_ok, post_ok) in expectations(EXPECTED[name]).items():
        get, problems = ask(world, role, "get", url)
        inline += [f"{role} GET {url}: {problem}" for problem in problems]
        post = ask(world, role, "post", url)[0] if post_ok is not None else None
        printed.append(f"{get}/{post}" if post is not None else get)
        if get not in get_ok or (post_ok is not None and post not in post_ok):
            wrong.append(
                f"{role}: got {printed[-1]}, expected {describe(get_ok)}"
                + (f"/{describe(post_ok)}" if post_ok is not None else "")
            )
    if os.environ.get("MATRIX_PRINT"):
        print(f'\n    "{name}": "' + " ".join(printed) + '",')
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)
    assert not inline, "inline code the content security policy blocks:\n" + "\n".join(inline)
