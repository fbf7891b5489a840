from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from maturity import legal, national
from maturity.organisations.access import require_national_admin


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/accessibility.html", _legal())


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/privacy.html", _legal())


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/cookies.html", _legal())


def _legal() -> dict:
    return {
        "operator": legal.operator(),
        "cookies": legal.cookies(),
        "settings": {
            "prepared": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "tested": settings.ACCESSIBILITY_LAST_TESTED,
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
            "jobs_keep_days": settings.JOBS_KEEP_DAYS,
        },
    }


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF page uses inline styles, which our content security policy blocks."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


# The national team's tools: (URL name, title, hint). A missing part of the product is skipped.
NATIONAL_TOOLS = [
    (
        "directory:list",
        _("Organisations"),
        _("Every council and other public body: who can be reached, contacts and invitations."),
    ),
    ("benchmarks:rounds", _("Diagnostic rounds"), _("Open a round, track who has responded, close and publish it.")),
    (
        "frameworks:versions",
        _("Framework versions"),
        _("Upload, preview, compare and publish versions of the framework."),
    ),
    ("groups:list", _("Groups"), _("Regions, combined authorities, consortia and hubs, and their leads.")),
    (
        "exemplars:national",
        _("Exemplars and introductions"),
        _("Where help is wanted and offered, and who is waiting."),
    ),
    ("evidence:national", _("Evidence from open data"), _("Notices to import and buyers to match to councils.")),
    (
        "audit:national",
        _("Audit log"),
        _("Sign-ins, role changes, sign-offs, publications, exports and API token use."),
    ),
]


def national_home(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    tools = []
    for name, title, hint in NATIONAL_TOOLS:
        try:
            tools.append({"url": reverse(name), "title": title, "hint": hint})
        except NoReverseMatch:
            continue
    return render(request, "national.html", {"tools": tools, "page": national.home_page()})
