"""Evidence pages: an organisation's figures and its uploads; the national team's pages; the
public national figures under the benchmarks, with their downloads."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from maturity.evidence import csv_reading, files, forms, grants, ocds, presenters, selectors, services, spend
from maturity.evidence import jobs as evidence_jobs
from maturity.evidence.models import BuyerMapping
from maturity.govuk import error_summary
from maturity.jobs.presenters import job_url
from maturity.organisations.access import organisation_for, require_national_admin
from maturity.organisations.models import Role
from maturity.spreadsheets import CSV_CONTENT_TYPE, csv_bytes, csv_download
from maturity.uploads import upload_limit
from maturity.words import counted

_FILE_LIMIT = forms.MAX_UPLOAD_MB * 1024 * 1024
_FILE_ERRORS = (csv_reading.SpendError, files.FileProblem, ocds.OcdsError, services.AlreadyImported)


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    return render(request, "evidence/overview.html", {"access": access, "page": presenters.overview(access)})


@upload_limit(_FILE_LIMIT)
@login_required
@require_http_methods(["GET", "POST"])
def upload_spend(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.start_spend_upload(
                organisation=access.organisation, source=upload.file, file_name=upload.name, user=request.user
            )
        except _FILE_ERRORS as error:
            problems = _problems(form, error)
        else:
            return redirect("evidence:spend-columns", slug=slug)
    return _upload_page(request, access, form, problems, "spend")


@login_required
@require_http_methods(["GET", "POST"])
def spend_columns(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    upload = services.pending_spend_upload(access.organisation)
    if upload is None:
        return redirect("evidence:upload-spend", slug=slug)
    if request.method == "POST" and "discard" in request.POST:
        services.discard_spend_upload(upload=upload)
        messages.success(request, _("%(file)s was discarded: nothing from it was stored.") % {"file": upload.file_name})
        return redirect("evidence:overview", slug=slug)
    form = forms.ColumnsForm(
        request.POST or None, columns=upload.columns, mapping=upload.mapping, organisation_name=access.organisation.name
    )
    problems = []
    others = services.other_organisations(
        access.organisation, spend.organisations_named(upload.samples, upload.mapping)
    )
    if request.method == "POST" and form.is_valid():
        others = services.other_organisations(
            access.organisation, spend.organisations_named(upload.samples, form.mapping())
        )
        if others and not form.confirms_other_organisation():
            form.refuse_other_organisation(others)
        else:
            job = evidence_jobs.start_spend_import(
                upload=upload, mapping=form.mapping(), user=request.user, other_organisation=bool(others)
            )
            return redirect(job_url(job))
    errors = (
        error_summary(form, extra=[{"text": p, "href": "#problems"} for p in problems[:1]]) if form.is_bound else None
    )
    return render(
        request,
        "evidence/spend_columns.html",
        {
            "access": access,
            "form": form,
            "errors": errors,
            "problems": problems,
            "page": presenters.columns_page(upload, others=others),
        },
    )


@upload_limit(_FILE_LIMIT)
@login_required
@require_http_methods(["GET", "POST"])
def upload_notices(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            job = _start_notices_import(request, form.cleaned_data["file"], access.organisation)
        except _FILE_ERRORS as error:
            problems = _problems(form, error)
        else:
            return redirect(job_url(job))
    return _upload_page(request, access, form, problems, "notices")


@upload_limit(evidence_jobs.GRANTS_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def upload_grants(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    form = forms.UploadForm(
        request.POST or None, request.FILES or None, max_mb=evidence_jobs.GRANTS_MAX_BYTES // (1024 * 1024)
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = evidence_jobs.start_grants_import(
                organisation=access.organisation, source=upload.file, file_name=upload.name, user=request.user
            )
        except (*_FILE_ERRORS, grants.GrantsError) as error:
            problems = _problems(form, error)
        else:
            return redirect(job_url(job))
    return _upload_page(request, access, form, problems, "grants")


def _problems(form, error) -> list[str]:
    problems = error.problems if hasattr(error, "problems") else [str(error)]
    form.add_error(
        "file",
        problems[0] if len(problems) == 1 else _("The file has problems: see the list below. Nothing was stored"),
    )
    return problems if len(problems) > 1 else []


def _upload_page(request, access, form, problems, kind: str) -> HttpResponse:
    return render(
        request,
        f"evidence/upload_{kind}.html",
        {
            "access": access,
            "form": form,
            "problems": problems,
            "errors": error_summary(form),
            "overview_url": presenters.figures_url(access.organisation),
        },
    )


def _start_notices_import(request, upload, organisation):
    return evidence_jobs.start_notices_import(
        organisation=organisation, source=upload.file, file_name=upload.name, user=request.user
    )


# --- national pages ------------------------------------------------------------------------------


def _national_query(request: HttpRequest) -> tuple[int | None, str]:
    """The financial year and grouping asked for; anything else is the latest year, by type."""
    group_by = request.GET.get("group", "type")
    if group_by not in selectors.GROUPS:
        group_by = "type"
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    return year, group_by


@login_required
def national(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    return render(request, "evidence/national.html", {"page": presenters.national_page(*_national_query(request))})


def _public(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The national figures are open data, suppressed for everyone alike: shared caches may keep
    them a few minutes for visitors who are not signed in (a signed-in page carries a name)."""
    if not request.user.is_authenticated:
        response["Cache-Control"] = "public, max-age=300"
        patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def benchmarks(request: HttpRequest) -> HttpResponse:
    page = presenters.national_figures(*_national_query(request))
    return _public(request, render(request, "evidence/benchmarks.html", {"page": page}))


@csv_download
@require_safe
def benchmarks_csv(request: HttpRequest) -> HttpResponse:
    data = csv_bytes(presenters.NATIONAL_CSV_COLUMNS, presenters.national_csv_rows())
    response = HttpResponse(data, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="open-data-benchmarks.csv"'
    return _public(request, response)


@require_safe
def benchmarks_json(request: HttpRequest) -> HttpResponse:
    document = json.dumps(presenters.national_document(), ensure_ascii=False, indent=2)
    return _public(request, HttpResponse(document, content_type="application/json"))


@login_required
def buyers(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    return render(request, "evidence/buyers.html", {"buyers": list(selectors.unmatched_buyers()[:500])})


@login_required
@require_http_methods(["GET", "POST"])
def buyer(request: HttpRequest, pk: int) -> HttpResponse:
    require_national_admin(request)
    mapping = get_object_or_404(BuyerMapping, pk=pk)
    form = forms.BuyerForm(request.POST or None, suggested=services.suggested_organisation(mapping))
    if request.method == "POST" and form.is_valid():
        organisation = form.chosen()
        moved = services.map_buyer(mapping=mapping, organisation=organisation, user=request.user)
        if organisation:
            messages.success(
                request,
                _("“%(buyer)s” is now matched to %(organisation)s: %(moved)s moved.")
                % {
                    "buyer": mapping.name,
                    "organisation": organisation.name,
                    "moved": counted(moved, "%(num)s procurement", "%(num)s procurements"),
                },
            )
        else:
            messages.success(
                request,
                _("“%(buyer)s” will be ignored: it is not a council in the register.") % {"buyer": mapping.name},
            )
        return redirect("evidence:buyers")
    return render(request, "evidence/buyer.html", {"mapping": mapping, "form": form, "errors": error_summary(form)})


@upload_limit(_FILE_LIMIT)
@login_required
@require_http_methods(["GET", "POST"])
def national_upload_notices(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            job = _start_notices_import(request, form.cleaned_data["file"], None)
        except _FILE_ERRORS as error:
            problems = _problems(form, error)
        else:
            return redirect(job_url(job))
    return render(
        request,
        "evidence/upload_notices.html",
        {
            "access": None,
            "form": form,
            "problems": problems,
            "errors": error_summary(form),
            "overview_url": presenters.reverse("evidence:national"),
        },
    )
