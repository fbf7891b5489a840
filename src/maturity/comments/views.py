"""Comments on an area's answer: the thread, adding a comment, resolving or reopening the thread.

Only members of the organisation reach them (organisation_for); viewers read, contributors and
leads write.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from maturity.assessments import presenters as assessment_presenters
from maturity.assessments.access import assessment_for
from maturity.comments import presenters, services
from maturity.comments.forms import CommentForm
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for
from maturity.organisations.models import Role
from maturity.words import counted


def _found(request: HttpRequest, slug: str, pk: int, area_key: str, role: str = Role.VIEWER):
    access = organisation_for(request, slug, role=role)
    assessment = assessment_for(access, pk)
    response = get_object_or_404(assessment.responses.select_related("area__section"), area__key=area_key)
    return access, assessment, response


def _area_url(assessment, response) -> str:
    return assessment_presenters.assessment_url("area", assessment, area_key=response.area.key) + "#comments"


@login_required
def add(request: HttpRequest, slug: str, pk: int, area_key: str) -> HttpResponse:
    """The thread on a page of its own (GET), or a new comment (POST, contributors and leads)."""
    access, assessment, response = _found(request, slug, pk, area_key)
    form = None
    if request.method == "POST":
        access, assessment, response = _found(request, slug, pk, area_key, Role.CONTRIBUTOR)
        form = CommentForm(request.POST, colleagues=presenters.colleagues(access, request.user))
        if form.is_valid():
            comment = services.add_comment(
                response=response, author=request.user, text=form.cleaned_data["text"], mentioned=form.mentioned()
            )
            told = comment.mentions.count()
            messages.success(
                request,
                counted(
                    told,
                    "Your comment has been added. %(num)s colleague has been emailed.",
                    "Your comment has been added. %(num)s colleagues have been emailed.",
                )
                if told
                else _("Your comment has been added."),
            )
            return redirect(_area_url(assessment, response))
    return render(
        request,
        "comments/thread.html",
        {
            "access": access,
            "assessment": assessment,
            "area": response.area,
            "page": {
                "comments": presenters.area_comments(access, assessment, response, request.user, form=form),
                "area": response.area,
            },
            "errors": error_summary(form) if form is not None else None,
            "back_url": _area_url(assessment, response),
        },
    )


@login_required
def resolve(request: HttpRequest, slug: str, pk: int, area_key: str) -> HttpResponse:
    _access, assessment, response = _found(request, slug, pk, area_key)
    if request.method == "POST":
        _access, assessment, response = _found(request, slug, pk, area_key, Role.CONTRIBUTOR)
        if request.POST.get("reopen"):
            services.reopen(response=response)
            messages.success(request, _("The comments on %(area)s are open again.") % {"area": response.area.label})
        else:
            services.resolve(response=response, user=request.user)
            messages.success(request, _("The comments on %(area)s have been resolved.") % {"area": response.area.label})
    return redirect(_area_url(assessment, response))
