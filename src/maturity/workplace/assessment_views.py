"""The assessment journey: start, task list, an area's answer, check answers, results."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity import pagecache
from maturity.assessments import presenters, services
from maturity.assessments.access import assessment_for
from maturity.assessments.forms import ResponseForm, StartAssessmentForm
from maturity.assessments.models import Assessment
from maturity.benchmarks import presenters as benchmark_presenters
from maturity.comments import presenters as comment_presenters
from maturity.comments.selectors import open_comment_counts
from maturity.documents import presenters as document_presenters
from maturity.evidence import presenters as evidence_presenters
from maturity.frameworks.presenters import level_cards
from maturity.govuk import error_summary
from maturity.organisations.access import Access, organisation_for
from maturity.organisations.models import Role


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    previous = services.last_signed_off(access.organisation)
    form = StartAssessmentForm(
        request.POST or None,
        previous=previous,
        initial={
            "title": services.default_title(access.organisation, _today().year),
            "carry_forward": "yes" if previous else "no",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                organisation=access.organisation,
                framework=form.cleaned_data["framework"],
                title=form.cleaned_data["title"],
                user=request.user,
                carry_forward=form.cleaned_data.get("carry_forward") == "yes",
            )
        except services.DraftExists as exists:
            form.add_error("framework", str(exists))
            return _start_page(request, access, form, previous)
        if assessment.based_on:
            started = _(
                "You started “%(title)s”. Work through the areas in any order. Answers from the last signed-off "
                "assessment are marked as carried over until you confirm them."
            )
        else:
            started = _("You started “%(title)s”. Work through the areas in any order.")
        messages.success(request, started % {"title": assessment.title})
        return redirect("assessments:task-list", slug=slug, pk=assessment.pk)
    return _start_page(request, access, form, previous)


def _start_page(request: HttpRequest, access: Access, form: StartAssessmentForm, previous) -> HttpResponse:
    drafts = access.organisation.assessments.filter(status=Assessment.Status.IN_PROGRESS).select_related("framework")
    return render(
        request,
        "assessments/start.html",
        {
            "access": access,
            "form": form,
            "errors": error_summary(form),
            "no_framework": not form.fields["framework"].queryset.exists(),
            "previous": previous,
            "drafts": [
                {
                    "assessment": draft,
                    "url": presenters.assessment_url("task-list", draft),
                    "delete_url": presenters.assessment_url("delete", draft),
                }
                for draft in drafts
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A lead deletes a draft, after a confirmation page; recorded in the audit log."""
    access = organisation_for(request, slug, role=Role.LEAD)
    assessment = assessment_for(access, pk)
    if request.method == "POST":
        try:
            services.delete_draft(assessment=assessment, user=request.user)
        except services.AssessmentError as refusal:
            messages.error(request, str(refusal))
            return redirect("assessments:task-list", slug=slug, pk=pk)
        messages.success(request, _("The draft “%(title)s” has been deleted.") % {"title": assessment.title})
        return redirect("organisations:home", slug=slug)
    if not assessment.is_editable:
        messages.error(
            request, _("Only a draft can be deleted: reopen it first, or keep it as the record of its sign-off")
        )
        return redirect("assessments:task-list", slug=slug, pk=pk)
    answered = assessment.responses.exclude(current_level=None).count()
    return render(
        request,
        "assessments/delete.html",
        {
            "access": access,
            "assessment": assessment,
            "answered": answered,
            "actions": assessment.actions.count(),
        },
    )


@login_required
@pagecache.signed_in
def task_list(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    page = presenters.task_list(assessment, open_comment_counts(assessment))
    return render(request, "assessments/task_list.html", {"access": access, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
@pagecache.signed_in
def area(request: HttpRequest, slug: str, pk: int, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    response = get_object_or_404(assessment.responses.select_related("area__section", "updated_by"), area__key=area_key)
    presenters.share_frameworks(assessment, [response])
    editable = access.can_edit and assessment.is_editable
    if request.method == "POST" and not editable:
        return _refuse_edit(request, access, assessment)
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        levels=assessment.framework.levels,
        initial=ResponseForm.initial_from(response),
        saved=response,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] == response.version and services.nothing_to_save(response, form.cleaned_data):
            messages.info(request, _nothing_saved(response, form.cleaned_data))
            return redirect(_after_save(request, assessment, response))
        try:
            services.save_response(
                response=response,
                answer=form.cleaned_data,
                based_on_version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.StaleEdit as stale:
            conflict = stale.saved
            form = _form_after_conflict(form, assessment, conflict)
        else:
            messages.success(request, _("Your answer for %(area)s has been saved.") % {"area": response.area.label})
            return redirect(_after_save(request, assessment, response))
    return render(
        request,
        "assessments/area.html",
        {
            "access": access,
            "page": {
                **_area_page(assessment, response, editable, returning_to_check=_returns_to_check(request)),
                "comments": comment_presenters.area_comments(access, assessment, response, request.user),
            },
            "form": form,
            "errors": _area_errors(form, conflict),
            "conflict": conflict,
            "conflict_rows": presenters.answer_rows(assessment, conflict, None) if conflict else None,
        },
        status=409 if conflict else 200,
    )


def _form_after_conflict(form: ResponseForm, assessment: Assessment, saved) -> ResponseForm:
    """Keep the user's own answer in the form, now based on the saved version, so that saving
    again is a deliberate choice to replace the other person's answer."""
    data = form.data.copy()
    data["version"] = str(saved.version)
    fresh = ResponseForm(data, levels=assessment.framework.levels, saved=saved)
    fresh.is_valid()
    return fresh


def _area_errors(form: ResponseForm, conflict) -> dict | None:
    if conflict is not None:
        if conflict.updated_by:
            text = _(
                "%(name)s saved this area while you were editing it. Your answer has not been saved: "
                "compare the two below, then save yours again or leave theirs."
            ) % {"name": conflict.updated_by.full_name}
        else:
            text = _(
                "Someone else saved this area while you were editing it. Your answer has not been saved: "
                "compare the two below, then save yours again or leave theirs."
            )
        return {
            "titleText": _("There is a problem"),
            "errorList": [
                {
                    "text": text,
                    "href": "#conflict",
                }
            ],
        }
    return error_summary(form) if form.is_bound else None


def _nothing_saved(response, answer: dict) -> str:
    if services.is_blank(answer):
        return _("Nothing was saved: you did not answer any question for %(area)s.") % {"area": response.area.label}
    return _("Nothing was saved: your answer for %(area)s is the same as before.") % {"area": response.area.label}


def _returns_to_check(request: HttpRequest) -> bool:
    """Came from "Change" on check your answers: saving goes back there (the GOV.UK pattern)."""
    return (request.POST if request.method == "POST" else request.GET).get("return") == "check"


def _after_save(request: HttpRequest, assessment: Assessment, response) -> str:
    if _returns_to_check(request):
        return presenters.assessment_url("check", assessment) + f"#area-{response.area.key}"
    if "continue" in request.POST:
        keys = [r.area.key for r in presenters.responses_in_order(assessment)]
        index = keys.index(response.area.key)
        if index + 1 < len(keys):
            return presenters.assessment_url("area", assessment, area_key=keys[index + 1])
    return presenters.assessment_url("task-list", assessment)


def _area_page(assessment: Assessment, response, editable: bool, *, returning_to_check: bool = False) -> dict:
    cards = level_cards(assessment.framework, response.area)
    check_url = presenters.assessment_url("check", assessment)
    return {
        **presenters.area_extras(assessment, response, _today()),
        "evidence": evidence_presenters.area_evidence(assessment.organisation, response.area),
        "documents": document_presenters.area_documents(assessment, response, editable=editable),
        "assessment": assessment,
        "response": response,
        "area": response.area,
        "editable": editable,
        "levels": cards,
        "summary": presenters.answer_rows(assessment, response, None),
        "task_list_url": presenters.assessment_url("task-list", assessment),
        "returning_to_check": returning_to_check,
        "back_url": f"{check_url}#area-{response.area.key}"
        if returning_to_check
        else presenters.assessment_url("task-list", assessment),
        "back_text": _("Back to check your answers") if returning_to_check else _("Back to the task list"),
        "this_year": _today().year,
    }


def _refuse_edit(request: HttpRequest, access: Access, assessment: Assessment) -> HttpResponse:
    if not assessment.is_editable:
        messages.error(
            request, _("This assessment is not a draft, so its answers cannot change. A lead can reopen it.")
        )
        return redirect("assessments:task-list", slug=access.organisation.slug, pk=assessment.pk)
    raise PermissionDenied(_("You need to be a contributor or lead to change answers."))


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    errors = None
    if request.method == "POST":
        access = organisation_for(request, slug, role=Role.LEAD)
        try:
            services.submit_for_sign_off(assessment=assessment, user=request.user)
        except services.Incomplete as incomplete:
            errors = {
                "titleText": _("There is a problem"),
                "errorList": [
                    {
                        "text": (
                            _("Confirm the answer carried over for %(area)s")
                            if r.carried_over
                            else _("Complete %(area)s before marking the assessment complete")
                        )
                        % {"area": r.area.label},
                        "href": f"#area-{r.area.key}",
                    }
                    for r in incomplete.unfinished
                ],
            }
        except services.AssessmentError as error:
            messages.error(request, str(error))
            return redirect("assessments:task-list", slug=slug, pk=pk)
        else:
            messages.success(
                request, _("“%(title)s” is complete and awaits sign-off by a lead.") % {"title": assessment.title}
            )
            return redirect("assessments:task-list", slug=slug, pk=pk)
    page = presenters.check_answers(
        assessment, open_comment_counts(assessment), can_edit=access.can_edit and assessment.is_editable
    )
    return render(request, "assessments/check.html", {"access": access, "page": page, "errors": errors})


@login_required
@pagecache.signed_in
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    responses = presenters.responses_in_order(assessment)  # read once, for every part of the page
    page = dataclasses.replace(
        presenters.results(assessment, responses),
        over_time=presenters.progress_over_time(assessment, responses),
        comparison=benchmark_presenters.results_comparison(assessment, responses),
        evidence=evidence_presenters.results_evidence(access.organisation, [r.area for r in responses]),
    )
    return render(request, "assessments/results.html", {"access": access, "page": page})


def _today():
    return timezone.localdate()
