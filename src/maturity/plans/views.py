"""Email choices, milestones of actions, and the organisation's private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from maturity.accounts.signed_in import SignedInRequest
from maturity.assessments import presenters as assessment_presenters
from maturity.assessments.access import assessment_for
from maturity.assessments.services import can_change_actions
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role
from maturity.plans import calendar
from maturity.plans.forms import MilestoneForm, PreferencesForm
from maturity.plans.models import Milestone, Preferences

CHOICES = ("action_reminders", "weekly_summary")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    saved, _created = Preferences.objects.get_or_create(user=request.user)
    form = PreferencesForm(
        request.POST or None if request.method == "POST" else None,
        initial={"emails": [name for name in CHOICES if getattr(saved, name)]},
    )
    if request.method == "POST" and form.is_valid():
        for name in CHOICES:
            setattr(saved, name, name in form.cleaned_data["emails"])
        saved.save()
        messages.success(request, _("Your email choices have been saved."))
        return redirect("accounts:profile")
    return render(
        request, "plans/preferences.html", {"form": form, "errors": error_summary(form) if form.is_bound else None}
    )


def _action(request: HttpRequest, slug: str, pk: int, action_id: int):
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    assessment = assessment_for(access, pk)
    action = get_object_or_404(assessment.actions.select_related("area"), pk=action_id)
    return access, assessment, action


@login_required
@require_http_methods(["GET", "POST"])
def add_milestone(request: HttpRequest, slug: str, pk: int, action_id: int) -> HttpResponse:
    access, assessment, action = _action(request, slug, pk, action_id)
    back = assessment_presenters.assessment_url("action", assessment, action_id=action.pk)
    if not can_change_actions(assessment):
        messages.error(
            request, _("Milestones can only be added while the assessment is a draft. A lead can reopen it.")
        )
        return redirect(back)
    form = MilestoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        Milestone.objects.create(
            action=action, title=form.cleaned_data["title"], due_date=form.cleaned_data["due_date"]
        )
        messages.success(
            request, _("The milestone “%(milestone)s” has been added.") % {"milestone": form.cleaned_data["title"]}
        )
        return redirect(back + "#milestones")
    return render(
        request,
        "plans/milestone_form.html",
        {
            "access": access,
            "assessment": assessment,
            "action": action,
            "form": form,
            "back_url": back,
            "errors": error_summary(form) if form.is_bound else None,
        },
    )


@login_required
def milestone(request: HttpRequest, slug: str, pk: int, action_id: int, milestone_id: int) -> HttpResponse:
    """Mark a milestone done or not done (any time: the plan is delivered after sign-off)."""
    _access, assessment, action = _action(request, slug, pk, action_id)
    found = get_object_or_404(action.milestones, pk=milestone_id)
    if request.method == "POST":
        found.done = request.POST.get("done") == "1"
        found.save(update_fields=["done"])
        messages.success(
            request,
            (
                _("The milestone “%(milestone)s” is done.")
                if found.done
                else _("The milestone “%(milestone)s” is not done.")
            )
            % {"milestone": found.title},
        )
    return redirect(assessment_presenters.assessment_url("action", assessment, action_id=action.pk) + "#milestones")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Members see whether the calendar is on; leads make its private address (shown once),
    replace it or turn it off."""
    access = organisation_for(request, slug)
    new_address = None
    if request.method == "POST":
        access = organisation_for(request, slug, role=Role.LEAD)
        if request.POST.get("turn_off"):
            calendar.turn_off(organisation=access.organisation)
            messages.success(
                request, _("The calendar address has been turned off: calendars that use it get nothing more.")
            )
            return redirect("plans:calendar", slug=slug)
        new_address = calendar.new_address(organisation=access.organisation, user=request.user)
    return render(
        request,
        "plans/calendar.html",
        {
            "access": access,
            "new_address": new_address,
            "feed": calendar.feed_of(access.organisation),
        },
    )


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in (calendar programs cannot), the secret in the address instead."""
    organisation = calendar.organisation_of(token)
    if organisation is None:
        raise Http404("No such calendar")
    body = calendar.calendar_of(organisation, today=timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="action-plan.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
