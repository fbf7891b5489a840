"""Reports of an assessment: the reports page, downloads (PDF, XLSX, CSV) and the workbook import.

Any member of the organisation may download; importing needs a contributor, and a draft.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from maturity import audit
from maturity.assessments.models import Assessment
from maturity.jobs.presenters import job_url
from maturity.organisations.access import Access, organisation_for
from maturity.organisations.models import Role
from maturity.reports import csv_export, importer, pdf, presenters, workbook
from maturity.reports.forms import WorkbookUploadForm
from maturity.reports.jobs import start_workbook_import
from maturity.reports.safety import LIMITS, MEGABYTE
from maturity.spreadsheets import CSV_CONTENT_TYPE, csv_download
from maturity.words import counted


def _assessment(access: Access, pk: int) -> Assessment:
    return get_object_or_404(access.organisation.assessments.select_related("framework", "organisation"), pk=pk)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _urls(assessment: Assessment) -> dict[str, str]:
    kwargs = {"slug": assessment.organisation.slug, "pk": assessment.pk}
    names = ["index", "committee-pdf", "workbook", "import", "responses-csv", "actions-csv"]
    return {name: reverse(f"reports:{name}", kwargs=kwargs) for name in names}


@login_required
def index(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = _assessment(access, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "reports/index.html",
        {
            "access": access,
            "assessment": assessment,
            "urls": _urls(assessment),
            "can_import": access.can_edit and assessment.is_editable,
        },
    )


def _member_download(request: HttpRequest, slug: str, pk: int, make) -> HttpResponse:
    """A download for any member of the organisation: `make(assessment)` gives (bytes, type, name)."""
    access = organisation_for(request, slug)
    assessment = _assessment(access, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    data, content_type, name = make(assessment)
    audit.record(
        kind="export",
        organisation=access.organisation,
        subject=name,
        details={"assessment": assessment.pk, "content_type": content_type},
    )
    return _download(data, content_type, name)


@login_required
def committee_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _member_download(
        request, slug, pk, lambda a: (pdf.render_pdf(a), "application/pdf", workbook.filename(a, ".pdf"))
    )


@login_required
def workbook_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _member_download(
        request, slug, pk, lambda a: (workbook.export_workbook(a), workbook.CONTENT_TYPE, workbook.filename(a, ".xlsx"))
    )


@csv_download
@login_required
def responses_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _member_download(
        request,
        slug,
        pk,
        lambda a: (csv_export.responses_csv(a), CSV_CONTENT_TYPE, workbook.filename(a, "-answers.csv")),
    )


@csv_download
@login_required
def actions_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _member_download(
        request,
        slug,
        pk,
        lambda a: (csv_export.actions_csv(a), CSV_CONTENT_TYPE, workbook.filename(a, "-actions.csv")),
    )


@never_cache
@login_required
def import_workbook(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = _assessment(access, pk)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = WorkbookUploadForm(request.POST, request.FILES) if request.method == "POST" else WorkbookUploadForm()
    problems: list[importer.Problem] = []
    if request.method == "POST" and not assessment.is_editable:
        problems = [importer.Problem(importer.NOT_A_DRAFT)]
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        if upload.size > LIMITS.max_upload_bytes:
            problems = [
                importer.Problem(
                    _("The selected file must be smaller than %(size)s MB")
                    % {"size": LIMITS.max_upload_bytes // MEGABYTE}
                )
            ]
        elif upload.size > settings.WORKBOOK_BACKGROUND_BYTES:
            job = start_workbook_import(assessment=assessment, source=upload, name=upload.name or "", user=request.user)
            return redirect(job_url(job))
        else:
            try:
                result = importer.import_workbook(
                    assessment=assessment, name=upload.name or "", data=upload.read(), user=request.user
                )
            except importer.ImportRefused as refused:
                problems = refused.problems
            else:
                message = (
                    _("Workbook imported: %(result)s.") % {"result": result.message}
                    if result.changed
                    else f"{result.message}."
                )
                messages.success(request, message)
                return redirect("reports:index", slug=slug, pk=pk)
    texts = [str(problem) for problem in problems]
    if not texts and form.is_bound:
        texts = [str(message) for message in form.errors.get("workbook", [])]
    conflicts = presenters.conflict_tables(problems)
    errors = field_error = None
    if texts:
        errors = {
            "titleText": _("There is a problem"),
            "errorList": presenters.error_list(problems, other_href="#workbook")
            or [{"text": text, "href": "#workbook"} for text in texts],
        }
        field_error = {
            "visuallyHiddenText": _("Error"),
            "text": texts[0]
            if len(texts) == 1
            else counted(
                len(texts),
                "The workbook has %(num)s problem: they are listed below",
                "The workbook has %(num)s problems: they are listed below",
            ),
        }
    return render(
        request,
        "reports/import.html",
        {
            "access": access,
            "assessment": assessment,
            "urls": _urls(assessment),
            "editable": assessment.is_editable,
            "errors": errors,
            "field_error": field_error,
            "problems_table": presenters.problems_table(problems, table_id="problems"),
            "conflicts": conflicts,
            "conflicts_advice": str(presenters.CONFLICTS_ADVICE),
            "max_mb": LIMITS.max_upload_bytes // MEGABYTE,
        },
        status=409 if conflicts else 200,
    )
