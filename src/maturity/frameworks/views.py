"""Public pages of the framework: the overview (as the strategy's Figure 1) and a page per area."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from maturity.frameworks import loader, presenters
from maturity.frameworks.models import Framework

PUBLIC_STATUSES = [Framework.Status.PUBLISHED, Framework.Status.RETIRED]


def _public_framework(key: str, version: str) -> Framework:
    return get_object_or_404(Framework, key=key, version=version, status__in=PUBLIC_STATUSES)


def overview(request: HttpRequest) -> HttpResponse:
    frameworks = list(Framework.objects.filter(status__in=PUBLIC_STATUSES).order_by("key", "-version"))
    published = [f for f in frameworks if f.status == Framework.Status.PUBLISHED]
    if len(published) == 1:
        return redirect("frameworks:detail", key=published[0].key, version=published[0].version)
    return render(request, "frameworks/list.html", {"frameworks": frameworks})


def framework_detail(request: HttpRequest, key: str, version: str) -> HttpResponse:
    framework = _public_framework(key, version)
    return render(request, "frameworks/detail.html", {"page": presenters.overview(framework)})


def area_detail(request: HttpRequest, key: str, version: str, area_key: str) -> HttpResponse:
    framework = _public_framework(key, version)
    area = get_object_or_404(framework.areas.select_related("section"), key=area_key)
    return render(request, "frameworks/area.html", {"page": presenters.area_page(framework, area)})


def framework_export(request: HttpRequest, key: str, version: str, fmt: str) -> HttpResponse:
    if fmt not in {"json", "yaml"}:
        raise Http404("Exports are JSON or YAML")
    framework = _public_framework(key, version)
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(loader.dump(loader.export(framework), fmt), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.key}-{framework.version}.{fmt}"'
    return response
