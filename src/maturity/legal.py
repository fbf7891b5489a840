"""The pages every public service needs: the privacy notice, the cookies page and the
accessibility statement. Who runs the service comes from settings (SERVICE_OPERATOR and the
contact variables); the cookies the product sets are listed here once, and a test proves that no
page sets a cookie missing from this list (tests/test_legal_pages.py).
See docs/adr/0023-first-hour-polish.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.utils.translation import gettext as _

from maturity.words import counted


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def cookies() -> list[Cookie]:
    """Every cookie the product sets: all strictly necessary, so no consent banner is needed."""
    idle = settings.SESSION_COOKIE_AGE // 60
    longest = settings.SESSION_MAX_SECONDS // 3600
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _(
                "Keeps you signed in as you move from page to page, and remembers "
                "what you chose on a form that takes more than one page"
            ),
            _("after %(idle)s without using the service, and at the latest %(longest)s after you sign in")
            % {
                "idle": counted(idle, "%(num)s minute", "%(num)s minutes"),
                "longest": counted(longest, "%(num)s hour", "%(num)s hours"),
            },
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Protects the forms you send from being sent by another website in your name"),
            _("after %(years)s, or when you sign in or out")
            % {"years": counted(settings.CSRF_COOKIE_AGE // 86400 // 365, "%(num)s year", "%(num)s years")},
        ),
        Cookie(
            "messages",
            _("Carries the message shown after you save or change something to the next page"),
            _("when you close your browser, or as soon as the message is shown"),
        ),
    ]


def operator() -> dict[str, str]:
    """Who runs this service and how to reach them, for the legal pages' text."""
    name = settings.SERVICE_OPERATOR
    return {
        "name": name or _("the organisation that runs this service"),
        "named": bool(name),
        "email": settings.SERVICE_CONTACT_EMAIL,
        "address": settings.SERVICE_CONTACT_ADDRESS,
        "dpo_email": settings.SERVICE_DPO_EMAIL or settings.SERVICE_CONTACT_EMAIL,
    }


def feedback_href() -> str:
    """Where the beta banner's feedback link goes: FEEDBACK_URL, an email to the contact address,
    or the accessibility statement's contact section when neither is set."""
    if settings.FEEDBACK_URL:
        return settings.FEEDBACK_URL
    if settings.SERVICE_CONTACT_EMAIL:
        return f"mailto:{settings.SERVICE_CONTACT_EMAIL}?subject=Feedback%20on%20the%20{settings.PRODUCT_NAME.replace(' ', '%20')}"
    return "/accessibility/#contact"


CURRENT_FRAMEWORK_KEY = "legal:current-framework"
CURRENT_FRAMEWORK_SECONDS = 300  # a change made by a bulk update, which sends no signal, shows within this


def current_framework() -> dict[str, str] | None:
    """The national framework the service follows now (the latest published), for the beta banner
    and the footer; None before any is loaded, or when it cannot be read (an error page while the
    database is down: the banner never stops a page). Kept in the shared cache, and forgotten
    whenever a framework is saved (`forget_current_framework`)."""
    from maturity.frameworks.models import Framework

    try:
        kept = cache.get(CURRENT_FRAMEWORK_KEY)
        if kept is not None:
            return kept or None
        framework = (
            Framework.objects.filter(status=Framework.Status.PUBLISHED, group__isnull=True)
            .order_by("-published_at", "-pk")
            .only("title", "version")
            .first()
        )
        value = {"title": framework.title, "version": framework.version} if framework else {}
        cache.set(CURRENT_FRAMEWORK_KEY, value, CURRENT_FRAMEWORK_SECONDS)
    except Exception:
        return None
    return value or None


def forget_current_framework(**kwargs) -> None:
    cache.delete(CURRENT_FRAMEWORK_KEY)


@checks.register(checks.Tags.security, deploy=True)
def operator_is_named(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A deployment names who runs it: the privacy notice must name the data controller."""
    missing = [name for name in ("SERVICE_OPERATOR", "SERVICE_CONTACT_EMAIL") if not getattr(settings, name)]
    if not missing:
        return []
    return [
        checks.Warning(
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set: the privacy notice, cookies page "
            "and accessibility statement cannot name who runs the service or how to contact them",
            hint="Set SERVICE_OPERATOR to your organisation's name and SERVICE_CONTACT_EMAIL to an address that is read",
            id="maturity.W001",
        )
    ]
