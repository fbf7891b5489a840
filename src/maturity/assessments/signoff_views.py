"""Sign-off: a lead signs off a submitted assessment, or reopens it with a reason; the history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity.accounts.signed_in import SignedInRequest
from maturity.assessments import presenters, services
from maturity.assessments.access import assessment_for
from maturity.assessments.forms import ReopenForm, SignOffForm
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role


@login_required
@require_http_methods(["GET", "POST"])
def sign_off(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    assessment = assessment_for(access, pk)
    refusal = services.sign_off_refusal(assessment, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect("assessments:task-list", slug=slug, pk=pk)
    initial = {"signer_name": request.user.full_name, "signer_role": request.user.job_title}
    form = SignOffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.sign_off(
            assessment=assessment,
            user=request.user,
            meeting=form.meeting(),
            signer_name=form.cleaned_data["signer_name"],
            signer_role=form.cleaned_data["signer_role"],
        )
        messages.success(
            request, _("“%(title)s” is signed off. Its answers are now read-only.") % {"title": assessment.title}
        )
        return redirect("assessments:task-list", slug=slug, pk=pk)
    return render(
        request,
        "assessments/sign_off.html",
        {
            "access": access,
            "assessment": assessment,
            "form": form,
            "errors": error_summary(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    assessment = assessment_for(access, pk)
    if assessment.is_editable:
        messages.error(request, _("This assessment is already a draft."))
        return redirect("assessments:task-list", slug=slug, pk=pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reopen(assessment=assessment, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("“%(title)s” has been reopened as a draft.") % {"title": assessment.title})
        return redirect("assessments:task-list", slug=slug, pk=pk)
    return render(
        request,
        "assessments/reopen.html",
        {
            "access": access,
            "assessment": assessment,
            "form": form,
            "errors": error_summary(form),
        },
    )


@login_required
def history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    changes = assessment.changes.select_related("area", "user")[:500]
    return render(
        request,
        "assessments/history.html",
        {
            "access": access,
            "assessment": assessment,
            "events": list(assessment.events.order_by("-at", "-pk")),
            "changes": [{**entry, "area": entry["change"].area} for entry in presenters.history(assessment, changes)],
        },
    )
