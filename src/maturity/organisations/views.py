"""An organisation's pages: the list of a user's organisations and each organisation's home."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maturity.assessments.presenters import assessment_summaries
from maturity.organisations.access import memberships_of, organisation_for


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/list.html", {"memberships": memberships_of(request.user)})


@login_required
def organisation_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    page = {"assessments": assessment_summaries(access.organisation)}
    return render(request, "organisations/home.html", {"access": access, "organisation": access.organisation, "page": page})
