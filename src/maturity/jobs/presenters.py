"""What a job's page shows: where the job is, how far it has got, and how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.jobs.kinds import kind_at
from maturity.jobs.models import Job
from maturity.words import counted, time_uk, when_uk

TAGS = {
    Job.Status.WAITING: (gettext_lazy("Waiting"), "govuk-tag--grey"),
    Job.Status.RUNNING: (gettext_lazy("In progress"), "govuk-tag--blue"),
    Job.Status.SUCCEEDED: (gettext_lazy("Finished"), "govuk-tag--green"),
    Job.Status.FAILED: (gettext_lazy("Failed"), "govuk-tag--red"),
}


def job_url(job: Job) -> str:
    """The job's page: under its organisation, or the national team's pages."""
    if job.organisation_id is None:
        return reverse("jobs:national-job", kwargs={"job_id": job.pk})
    return reverse("jobs:job", kwargs={"slug": job.organisation.slug, "job_id": job.pk})


def amount(value: int, unit: str) -> str:
    if unit == Job.Unit.ROWS:
        return counted(value, "%(num)s row", "%(num)s rows")
    for size, name in ((1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")):
        if value >= size:
            return f"{value / size:,.1f} {name}"
    return counted(value, "%(num)s byte", "%(num)s bytes")


@dataclass
class JobPage:
    job: Job
    url: str
    tag: dict[str, str]
    # While it may still change, the page refreshes itself (unless the person stopped it).
    refreshing: bool
    can_refresh: bool
    percent: int | None = None
    progress_text: str = ""
    stage: str = ""
    title: str = ""
    waiting_text: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    started: str = ""
    breadcrumbs: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> dict | None:
        if not self.problems:
            return None
        return {
            "titleText": _("There is a problem"),
            "errorList": [{"text": problem, "href": "#problems"} for problem in self.problems],
        }

    @property
    def announcement(self) -> str:
        """One sentence for screen readers when something changes (not at every figure)."""
        if self.job.status == Job.Status.SUCCEEDED:
            return (_("Finished. %(summary)s") % {"summary": self.result.get("summary", "")}).strip()
        if self.job.status == Job.Status.FAILED:
            return counted(len(self.problems), "Failed: %(num)s problem found.", "Failed: %(num)s problems found.")
        if self.job.status == Job.Status.RUNNING:
            quarter = None if self.percent is None else self.percent // 25 * 25
            stage = self.stage or _("In progress")
            if quarter:
                return _("%(stage)s, %(percent)s%% done.") % {"stage": stage, "percent": quarter}
            return _("%(stage)s.") % {"stage": stage}
        return _("Waiting to start.")


def job_page(job: Job, *, refresh: bool = True) -> JobPage:
    text, classes = TAGS[job.status]
    page = JobPage(
        job=job,
        url=job_url(job),
        tag={"text": str(text), "classes": classes},
        refreshing=refresh and not job.is_finished,
        can_refresh=not job.is_finished,
        # Titles and stages some kinds keep in English (marked N_) are shown in the page's
        # language; one already written in a language is found in no catalogue and shown as it is.
        title=_(job.title) if job.title else "",
        stage=_(job.stage) if job.stage else "",
        result=job.result or {},
        problems=list(job.problems or []),
    )
    if job.organisation_id is not None:
        organisation = job.organisation
        kind = kind_at(job.kind)
        page.breadcrumbs = [
            {"text": organisation.name, "href": reverse("organisations:home", kwargs={"slug": organisation.slug})},
            *(kind.breadcrumbs(job) if kind.breadcrumbs else []),
        ]
    else:
        page.breadcrumbs = [{"text": _("National team"), "href": reverse("national-home")}]
    who = job.started_by.full_name or job.started_by.email if job.started_by else ""
    if who:
        page.started = _("Started by %(who)s on %(when)s") % {"who": who, "when": when_uk(job.created_at)}
    else:
        page.started = _("Started on %(when)s") % {"when": when_uk(job.created_at)}
    if job.total:
        page.percent = min(100, job.done * 100 // job.total)
        page.progress_text = _("%(done)s of %(total)s (%(percent)s%%)") % {
            "done": amount(job.done, job.unit),
            "total": amount(job.total, job.unit),
            "percent": page.percent,
        }
    elif job.done:
        page.progress_text = _("%(done)s so far") % {"done": amount(job.done, job.unit)}
    if job.status == Job.Status.WAITING:
        page.waiting_text = (
            _("Attempt %(attempt)s did not finish. It will be tried again at %(time)s.")
            % {"attempt": job.attempts, "time": time_uk(job.run_after)}
            if job.attempts
            else _("It will start as soon as a worker is free.")
        )
    return page
