"""Framework versions, for national admins: upload a draft, preview it with its changes, publish,
retire, or delete a draft. Everyone else gets 403 (404 when not signed in is left to sign-in)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity.frameworks import loader, presenters, selectors, services
from maturity.frameworks.forms import PublishForm, UploadForm
from maturity.frameworks.models import Framework
from maturity.govuk import error_summary
from maturity.organisations.access import require_national_admin
from maturity.steps import confirm_step
from maturity.words import counted

FILE_FIELD = "framework_file"


def _data(request: HttpRequest):
    """What a form is bound to: the POST (even an empty one), or None on a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _version(key: str, version: str) -> Framework:
    return get_object_or_404(selectors.national().select_related("follows"), key=key, version=version)


def _problems_summary(problems: list[str]) -> dict:
    return error_summary(extra=[{"text": problem, "href": f"#{FILE_FIELD}"} for problem in problems])


@login_required
def versions(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    frameworks = list(selectors.national().order_by("key", "-version"))
    variants = list(
        Framework.objects.filter(group__isnull=False)
        .select_related("group", "extends")
        .order_by("group__name", "-version")
    )
    return render(
        request,
        "frameworks/versions.html",
        {
            "rows": presenters.version_rows(frameworks),
            "variants": presenters.version_rows(variants),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    form = UploadForm(_data(request), _files(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.upload_draft(services.read_upload(form.cleaned_data[FILE_FIELD]))
        except loader.FrameworkError as error:
            problems = error.problems
        else:
            framework = result.framework
            messages.success(
                request,
                (
                    _("%(ref)s is loaded as a draft. Check it, then publish it.")
                    if result.outcome == "created"
                    else _("%(ref)s is updated as a draft. Check it, then publish it.")
                )
                % {"ref": framework.ref},
            )
            return redirect("frameworks:preview", key=framework.key, version=framework.version)
    errors = _problems_summary(problems) if problems else error_summary(form)
    field_error = (
        {
            "text": problems[0]
            if len(problems) == 1
            else _("The file has %(problems)s: see the list")
            % {"problems": counted(len(problems), "%(num)s problem", "%(num)s problems")}
        }
        if problems
        else ({"text": " ".join(form.errors[FILE_FIELD])} if form.is_bound and FILE_FIELD in form.errors else None)
    )
    return render(
        request, "frameworks/upload.html", {"errors": errors, "field_error": field_error, "problems": problems}
    )


@login_required
def preview(request: HttpRequest, key: str, version: str) -> HttpResponse:
    require_national_admin(request)
    framework = _version(key, version)
    problems = loader.validate(loader.export(framework)) if framework.status == Framework.Status.DRAFT else []
    changes = selectors.changes(framework.follows, framework) if framework.follows else None
    return render(request, "frameworks/preview.html", {"page": presenters.preview(framework, changes, problems)})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, key: str, version: str) -> HttpResponse:
    require_national_admin(request)
    framework = _version(key, version)
    if framework.status != Framework.Status.DRAFT:
        return redirect("frameworks:preview", key=key, version=version)
    followed = (
        framework.follows if framework.follows and framework.follows.status == Framework.Status.PUBLISHED else None
    )
    form = PublishForm(_data(request), followed=followed, initial={"followed": "retire"})
    errors = error_summary(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(framework, retire_followed=form.cleaned_data.get("followed") == "retire")
        except loader.FrameworkError as error:
            errors = error_summary(extra=[{"text": problem} for problem in error.problems])
        else:
            if followed and form.cleaned_data.get("followed") == "retire":
                message = _("%(ref)s is published: new assessments can start on it. %(followed)s is retired.")
            else:
                message = _("%(ref)s is published: new assessments can start on it.")
            messages.success(request, message % {"ref": framework.ref, "followed": followed.ref if followed else ""})
            return redirect("frameworks:versions")
    return render(
        request,
        "frameworks/publish.html",
        {"framework": framework, "followed": followed, "form": form, "errors": errors},
    )


@login_required
@require_http_methods(["GET", "POST"])
def retire(request: HttpRequest, key: str, version: str) -> HttpResponse:
    require_national_admin(request)
    framework = _version(key, version)

    def step():
        services.retire(framework)
        return _("%(ref)s is retired. It stays readable and keeps its assessments.") % {"ref": framework.ref}, reverse(
            "frameworks:versions"
        )

    return confirm_step(
        request,
        "frameworks/retire.html",
        {"framework": framework},
        step,
        refused=loader.FrameworkError,
        reasons=lambda error: error.problems,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, key: str, version: str) -> HttpResponse:
    require_national_admin(request)
    framework = _version(key, version)

    def step():
        services.discard_draft(framework)
        return _("The draft %(ref)s is deleted.") % {"ref": framework.ref}, reverse("frameworks:versions")

    return confirm_step(
        request,
        "frameworks/delete.html",
        {"framework": framework},
        step,
        refused=loader.FrameworkError,
        reasons=lambda error: error.problems,
    )
