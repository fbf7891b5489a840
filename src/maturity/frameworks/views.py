"""Public pages of the framework: the overview (as the strategy's Figure 1), a page per area, and
the changes from the version before. Published and retired national versions only."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from markupsafe import Markup

from maturity import language, pagecache
from maturity.frameworks import loader, presenters, selectors, text
from maturity.frameworks.models import Framework

PUBLIC_STATUSES = [Framework.Status.PUBLISHED, Framework.Status.RETIRED]


def _translated(value: str) -> str | None:
    """The framework's text in the language of the page, where its file translates it (a page's
    <title> cannot mark a text as English)."""
    if not language.is_welsh():
        return value
    return text.translated(value, translation.get_language())


def _public_framework(key: str, version: str) -> Framework:
    return get_object_or_404(
        Framework.objects.select_related("follows"),
        key=key,
        version=version,
        status__in=PUBLIC_STATUSES,
        group__isnull=True,
    )


def overview(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.national().filter(status__in=PUBLIC_STATUSES).order_by("key", "-version"))
    published = [f for f in frameworks if f.status == Framework.Status.PUBLISHED]
    if len(published) == 1:
        return redirect("frameworks:detail", key=published[0].key, version=published[0].version)
    return render(request, "frameworks/list.html", {"frameworks": frameworks})


# A published or retired version's text never changes, so its pages' content is rendered once
# and kept (maturity/pagecache.py), under the version's status (a retired version says so) and,
# for the overview, the public versions it links to.


def framework_detail(request: HttpRequest, key: str, version: str) -> HttpResponse:
    framework = _public_framework(key, version)
    versions = tuple(
        Framework.objects.filter(key=framework.key, group__isnull=True, status__in=PUBLIC_STATUSES)
        .order_by("pk")
        .values_list("pk", "status")
    )

    def build() -> Markup:
        return Markup(render_to_string("frameworks/_overview_content.html", {"page": presenters.overview(framework)}))

    content = pagecache.kept(("framework", framework.pk, framework.status, "overview", versions), build)
    title = _translated(framework.title) or _("The framework, version %(version)s") % {"version": framework.version}
    return pagecache.public(
        request, render(request, "frameworks/detail.html", {"framework": framework, "title": title, "content": content})
    )


def area_detail(request: HttpRequest, key: str, version: str, area_key: str) -> HttpResponse:
    framework = _public_framework(key, version)

    def build() -> dict:
        area = get_object_or_404(framework.areas.select_related("section"), key=area_key)
        page = presenters.area_page(framework, area)
        return {"title": area.title, "html": Markup(render_to_string("frameworks/_area_content.html", {"page": page}))}

    content = pagecache.kept(("framework", framework.pk, framework.status, "area", area_key), build)
    return pagecache.public(
        request,
        render(
            request,
            "frameworks/area.html",
            {
                "framework": framework,
                "title": _translated(content["title"]) or content["title"],
                "content": content["html"],
            },
        ),
    )


def changes(request: HttpRequest, key: str, version: str) -> HttpResponse:
    framework = _public_framework(key, version)
    followed = framework.follows
    if followed is None or followed.status not in PUBLIC_STATUSES:
        raise Http404("This version follows no earlier published version")
    page = presenters.changes_page(selectors.changes(followed, framework))
    return render(
        request,
        "frameworks/changes.html",
        {"framework": framework, "followed": followed, "page": page, "framework_title": _translated(framework.title)},
    )


def framework_export(request: HttpRequest, key: str, version: str, fmt: str) -> HttpResponse:
    if fmt not in {"json", "yaml"}:
        raise Http404("Exports are JSON or YAML")
    framework = _public_framework(key, version)
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(loader.dump(loader.export(framework), fmt), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.key}-{framework.version}.{fmt}"'
    return response
