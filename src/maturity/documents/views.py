"""Evidence documents on an area's answer: attach, download, change, delete.

Files are served only here, to members of the organisation (any role), as attachments with the
type decided when they were checked; nothing in storage has a public address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity.assessments import presenters as assessment_presenters
from maturity.assessments.access import assessment_for
from maturity.assessments.models import Assessment
from maturity.assessments.services import AssessmentError
from maturity.documents import presenters, selectors, services
from maturity.documents.forms import DocumentForm
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role
from maturity.uploads import upload_limit


def _area_url(assessment: Assessment, area_key: str) -> str:
    return assessment_presenters.assessment_url("area", assessment, area_key=area_key) + "#documents"


def _not_draft(request: HttpRequest, assessment: Assessment, area_key: str) -> HttpResponse:
    messages.error(request, services.NOT_DRAFT)
    return redirect(_area_url(assessment, area_key))


def _refused(form: DocumentForm, error: services.Refused) -> None:
    form.add_error("file", error.message)


@upload_limit(settings.DOCUMENT_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, slug: str, pk: int, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    response = get_object_or_404(assessment.responses.select_related("area"), area__key=area_key)
    if not assessment.is_editable:
        return _not_draft(request, assessment, area_key)
    form = DocumentForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = services.attach(
                response=response,
                title=form.cleaned_data["title"],
                evidence_date=form.cleaned_data["evidence_date"],
                file=upload,
                name=upload.name,
                size=upload.size,
                user=request.user,
            )
        except services.Refused as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” (%(file)s) has been attached to %(area)s.")
                % {"title": document.title, "file": document.filename, "area": response.area.label},
            )
            return redirect(_area_url(assessment, area_key))
    return render(
        request,
        "documents/form.html",
        {
            "access": access,
            "assessment": assessment,
            "area": response.area,
            "form": form,
            "document": None,
            "errors": error_summary(form) if form.is_bound else None,
            "hint": presenters.limits_hint(),
            "back_url": _area_url(assessment, area_key),
        },
    )


@login_required
def download(request: HttpRequest, slug: str, pk: int, document_id: int) -> HttpResponse:
    access = organisation_for(request, slug)
    document = selectors.document_of(assessment_for(access, pk), document_id)
    if request.method not in ("GET", "HEAD"):  # after the checks: to anyone else it does not exist
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return FileResponse(
        services.storage().open(document.stored_name, "rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )


def _document(request: HttpRequest, slug: str, pk: int, document_id: int):
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    return access, assessment, selectors.document_of(assessment, document_id)


@upload_limit(settings.DOCUMENT_MAX_BYTES)
@login_required
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, slug: str, pk: int, document_id: int) -> HttpResponse:
    access, assessment, document = _document(request, slug, pk, document_id)
    area = document.response.area
    if not assessment.is_editable:
        return _not_draft(request, assessment, area.key)
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        initial=DocumentForm.initial_from(document),
        file_required=False,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            services.replace(
                document=document,
                title=form.cleaned_data["title"],
                evidence_date=form.cleaned_data["evidence_date"],
                file=upload,
                name=upload.name if upload else "",
                size=upload.size if upload else 0,
                user=request.user,
            )
        except services.Refused as error:
            _refused(form, error)
        else:
            messages.success(request, _("“%(title)s” has been updated.") % {"title": document.title})
            return redirect(_area_url(assessment, area.key))
    return render(
        request,
        "documents/form.html",
        {
            "access": access,
            "assessment": assessment,
            "area": area,
            "form": form,
            "document": document,
            "row": presenters.document_row(assessment, document),
            "errors": error_summary(form) if form.is_bound else None,
            "hint": presenters.limits_hint(),
            "back_url": _area_url(assessment, area.key),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, slug: str, pk: int, document_id: int) -> HttpResponse:
    access, assessment, document = _document(request, slug, pk, document_id)
    area = document.response.area
    if request.method == "POST":
        try:
            services.delete(document=document, user=request.user)
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(title)s” has been deleted from %(area)s.") % {"title": document.title, "area": area.label},
            )
        return redirect(_area_url(assessment, area.key))
    return render(
        request,
        "documents/delete.html",
        {
            "access": access,
            "assessment": assessment,
            "area": area,
            "document": document,
            "row": presenters.document_row(assessment, document),
            "back_url": _area_url(assessment, area.key),
        },
    )
