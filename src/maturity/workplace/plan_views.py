"""The action plan: actions per area, their progress notes, and the plan of the whole assessment."""

from __future__ import annotations

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
from maturity.assessments.forms import ActionFilterForm, ActionForm, ActionStatusForm, NoteForm, PlanActionForm
from maturity.assessments.models import Action, Assessment
from maturity.frameworks.models import Area
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role
from maturity.plans import presenters as plan_presenters


def _action(assessment: Assessment, action_id: int) -> Action:
    return get_object_or_404(assessment.actions.select_related("area__section", "created_by"), pk=action_id)


def _area_url(assessment: Assessment, action_or_area) -> str:
    key = getattr(action_or_area, "key", None) or action_or_area.area.key
    return presenters.assessment_url("area", assessment, area_key=key) + "#actions"


@login_required
@pagecache.signed_in
def action_plan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    today = timezone.localdate()
    actions = list(assessment.actions.select_related("area__section").prefetch_related("milestones"))
    form = ActionFilterForm(
        request.GET,
        sections=presenters.assessment_sections(assessment),
        areas=[r.area for r in presenters.responses_in_order(assessment)],
        owners=sorted({a.owner_name for a in actions}),
    )
    filters = form.cleaned_data if form.is_valid() else {"section": "", "area": "", "owner": "", "status": ""}
    filtered = presenters.filter_actions(actions, today=today, **filters)
    page = presenters.action_plan(assessment, actions, filtered, today)
    return render(
        request,
        "assessments/action_plan.html",
        {
            "access": access,
            "page": page,
            "form": form,
            "filtered": any(filters.values()),
            "can_change": access.can_edit and services.can_change_actions(assessment),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, slug: str, pk: int, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    area = get_object_or_404(Area, responses__assessment=assessment, key=area_key)
    if not services.can_change_actions(assessment):
        messages.error(request, _("Actions can only be added while the assessment is a draft. A lead can reopen it."))
        return redirect(_area_url(assessment, area))
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_action(assessment=assessment, area=area, values=form.cleaned_data, user=request.user)
        messages.success(
            request,
            _("The action “%(title)s” has been added to %(area)s.")
            % {"title": form.cleaned_data["title"], "area": area.label},
        )
        return redirect(_area_url(assessment, area))
    return render(
        request,
        "assessments/action_form.html",
        {
            "access": access,
            "assessment": assessment,
            "area": area,
            "form": form,
            "action": None,
            "errors": error_summary(form) if form.is_bound else None,
            "back_url": _area_url(assessment, area),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_plan_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An action added from the action plan page, in an area chosen there."""
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    plan_url = presenters.assessment_url("action-plan", assessment)
    if not services.can_change_actions(assessment):
        messages.error(request, _("Actions can only be added while the assessment is a draft. A lead can reopen it."))
        return redirect(plan_url)
    areas = [r.area for r in presenters.responses_in_order(assessment)]
    form = PlanActionForm(
        request.POST if request.method == "POST" else None, areas=areas, initial={"area": request.GET.get("area", "")}
    )
    if request.method == "POST" and form.is_valid():
        area = form.areas[form.cleaned_data["area"]]
        action = services.add_action(assessment=assessment, area=area, values=form.cleaned_data, user=request.user)
        messages.success(
            request,
            _("The action “%(title)s” has been added to %(area)s.") % {"title": action.title, "area": area.label},
        )
        return redirect(plan_url)
    return render(
        request,
        "assessments/action_form.html",
        {
            "access": access,
            "assessment": assessment,
            "area": None,
            "form": form,
            "action": None,
            "errors": error_summary(form) if form.is_bound else None,
            "back_url": plan_url,
        },
    )


def _back_to_plan(request: HttpRequest) -> bool:
    return request.GET.get("from") == "plan"


@login_required
@require_http_methods(["GET", "POST"])
def edit_action(request: HttpRequest, slug: str, pk: int, action_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    action = _action(assessment, action_id)
    if not services.can_change_actions(assessment):
        messages.error(
            request, _("Only the status and progress notes of an action can change once the assessment is submitted.")
        )
        return redirect(presenters.assessment_url("action", assessment, action_id=action.pk))
    form = ActionForm(request.POST if request.method == "POST" else None, initial=ActionForm.initial_from(action))
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(
                action=action,
                values=form.cleaned_data,
                based_on_version=form.cleaned_data["version"] or 0,
                user=request.user,
            )
        except services.StaleEdit as error:
            stale = error.saved
        else:
            messages.success(request, _("The action “%(title)s” has been updated.") % {"title": action.title})
            if _back_to_plan(request):
                return redirect(presenters.assessment_url("action-plan", assessment))
            return redirect(presenters.assessment_url("action", assessment, action_id=action.pk))
    errors = error_summary(form) if form.is_bound else None
    if stale is not None:
        errors = {
            "titleText": _("There is a problem"),
            "errorList": [
                {
                    "text": _(
                        "Someone else changed this action while you were editing it. Nothing has been saved: "
                        "open the action again to see their changes."
                    ),
                    "href": presenters.assessment_url("action", assessment, action_id=action.pk),
                }
            ],
        }
    return render(
        request,
        "assessments/action_form.html",
        {
            "access": access,
            "assessment": assessment,
            "area": action.area,
            "form": form,
            "action": action,
            "errors": errors,
            "back_url": presenters.assessment_url(
                "action-plan" if _back_to_plan(request) else "action",
                assessment,
                **({} if _back_to_plan(request) else {"action_id": action.pk}),
            ),
        },
        status=409 if stale is not None else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, slug: str, pk: int, action_id: int) -> HttpResponse:
    access = organisation_for(request, slug)
    assessment = assessment_for(access, pk)
    action = _action(assessment, action_id)
    status_form = ActionStatusForm(initial={"status": action.status, "version": action.version})
    note_form = NoteForm()
    if request.method == "POST":
        if not access.can_edit:
            raise PermissionDenied(_("You need to be a contributor or lead to update actions."))
        if "text" in request.POST:
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                services.add_note(
                    action=action, date=timezone.localdate(), text=note_form.cleaned_data["text"], user=request.user
                )
                messages.success(request, _("Your progress note has been added."))
                return redirect(request.path)
        else:
            status_form = ActionStatusForm(request.POST)
            if status_form.is_valid():
                try:
                    services.update_action(
                        action=action,
                        values=status_form.cleaned_data,
                        based_on_version=status_form.cleaned_data["version"],
                        user=request.user,
                    )
                except services.StaleEdit:
                    messages.error(
                        request, _("Someone else changed this action just before you: check its status and try again.")
                    )
                else:
                    messages.success(
                        request, _("The status is now “%(status)s”.") % {"status": _(action.get_status_display())}
                    )
                return redirect(request.path)
    today = timezone.localdate()
    return render(
        request,
        "assessments/action.html",
        {
            "access": access,
            "assessment": assessment,
            "row": presenters.action_row(assessment, action, today),
            "action": action,
            "notes": list(action.notes.select_related("author")),
            "status_form": status_form,
            "note_form": note_form,
            "errors": error_summary(status_form, note_form),
            "can_edit_details": access.can_edit and services.can_change_actions(assessment),
            "area_url": _area_url(assessment, action),
            "history": presenters.history(
                assessment, assessment.changes.filter(subject="action", subject_id=action.pk)
            ),
            "milestones": plan_presenters.milestones(
                assessment,
                action,
                today,
                can_add=access.can_edit and services.can_change_actions(assessment),
                can_mark=access.can_edit,
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_action(request: HttpRequest, slug: str, pk: int, action_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    action = _action(assessment, action_id)
    if request.method == "POST":
        try:
            services.delete_action(action=action, user=request.user)
        except services.AssessmentError as error:
            messages.error(request, str(error))
            return redirect(presenters.assessment_url("action", assessment, action_id=action_id))
        messages.success(request, _("The action “%(title)s” has been removed.") % {"title": action.title})
        return redirect(_area_url(assessment, action))
    return render(
        request, "assessments/action_delete.html", {"access": access, "assessment": assessment, "action": action}
    )
