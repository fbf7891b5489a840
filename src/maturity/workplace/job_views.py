"""A job's page, for the people who may see its organisation's evidence (or the national team's)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from maturity.jobs import live, presenters
from maturity.jobs.models import Job
from maturity.organisations.access import organisation_for, require_national_admin


@login_required
def job(request: HttpRequest, slug: str, job_id) -> HttpResponse:
    access = organisation_for(request, slug)
    found = get_object_or_404(
        access.organisation.jobs.filter(has_page=True).select_related("started_by", "organisation"), pk=job_id
    )
    return _page(request, found, access)


@login_required
def national_job(request: HttpRequest, job_id) -> HttpResponse:
    require_national_admin(request)
    found = get_object_or_404(
        Job.objects.filter(organisation=None, has_page=True).select_related("started_by", "organisation"), pk=job_id
    )
    return _page(request, found, None)


def _page(request: HttpRequest, found: Job, access) -> HttpResponse:
    page = presenters.job_page(live.read(found), refresh=request.GET.get("refresh") != "off")
    response = render(request, "jobs/job.html", {"access": access, "page": page, "errors": page.errors})
    if page.refreshing:
        # Without JavaScript the page reloads itself while the job may change (a person can stop it
        # with the link on the page); with JavaScript, jobs/job.js cancels this and updates in place.
        response["Refresh"] = str(settings.JOBS_PAGE_REFRESH_SECONDS)
    return response
