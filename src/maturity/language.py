"""The interface's language: English, the default, or Welsh (docs/adr/0025-cymraeg.md).

The language of a request is, first, the person's own setting when they are signed in; then the
browser's choice, kept in a cookie by the switch in the header; then what the browser asks for
(Accept-Language, which the API's clients send too); then English. The framework's text stays in the
language it was published in: see `maturity.frameworks.text`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET
from markupsafe import Markup

ENGLISH, WELSH = "en-gb", "cy"
CODES = {code for code, _ in settings.LANGUAGES}


def language_for(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    chosen = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
    if chosen in CODES:
        return chosen
    return translation.get_language_from_request(request)


def choose_language(get_response):
    """Middleware (after sign-in is known): every request is answered in its language."""

    def middleware(request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", html_lang(language))
        # A shared cache may keep a page only for the same cookie and Accept-Language.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware


def html_lang(code: str | None = None) -> str:
    """The value of <html lang> and Content-Language: "en-GB" or "cy"."""
    code = code or translation.get_language() or ENGLISH
    return "cy" if code == WELSH else "en-GB"


def is_welsh() -> bool:
    return translation.get_language() == WELSH


@require_GET
def switch(request: HttpRequest, code: str) -> HttpResponse:
    """The header's "English | Cymraeg" links: remembered by this browser, and for the person when
    they are signed in. A link rather than a form so that it works on every page, kept ones too; the
    worst a forged link can do is show the other language, with the switch back on the page."""
    if code not in CODES:
        code = ENGLISH
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("home")
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    if request.user.is_authenticated and request.user.language != code:
        request.user.language = code
        request.user.save(update_fields=["language"])
    return response


def switch_links(request: HttpRequest) -> list[dict]:
    """The header's switch: each language in its own name, the current one not a link. It returns
    to the page's path, without its query (which may carry another page's `next`)."""
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "lang": html_lang(code),
            "current": code == current,
            "href": f"{reverse('language', args=[code])}?{urlencode({'next': request.path})}",
        }
        for code, name in settings.LANGUAGES
    ]


def block_in_english(html: Markup) -> Markup:
    """Paragraphs or lists that exist only in English, on a page in another language."""
    if not html or not is_welsh():
        return html
    return format_html('<div lang="en">{}</div>', html)
