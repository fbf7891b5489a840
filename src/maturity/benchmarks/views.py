"""Rounds and benchmarks: the national team's pages, an organisation's rounds page, and the
public results of published rounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from maturity import govuk, pagecache
from maturity.benchmarks import downloads, forms, presenters, previews, selectors, serialise, services
from maturity.benchmarks import report as national
from maturity.benchmarks.models import Participant, Round
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for, require_national_admin
from maturity.organisations.models import Nation, Role
from maturity.spreadsheets import CSV_CONTENT_TYPE, csv_download
from maturity.steps import confirm_step
from maturity.words import number

today = presenters.today


def _round(round_id: int) -> Round:
    return get_object_or_404(Round.objects.select_related("framework"), pk=round_id)


def _refused(message: str) -> dict:
    return error_summary(extra=[{"text": message}])


# --- The national team ---------------------------------------------------------------------------


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    return render(request, "benchmarks/rounds.html", {"rows": presenters.rounds_list()})


@login_required
@require_http_methods(["GET", "POST"])
def new_round(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    day = today()
    initial = {
        "organisation_types": list(selectors.COUNCIL_TYPES),
        "regions": selectors.english_regions(day),
        "nations": [Nation.ENGLAND, Nation.WALES],
        "framework": selectors.round_frameworks().first(),
    }
    form = forms.NewRoundForm(request.POST if request.method == "POST" else None, today=day, initial=initial)
    errors = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.create_round(
                name=data["name"],
                framework=data["framework"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                organisation_types=data["organisation_types"],
                regions=data["regions"],
                user=request.user,
                today=day,
                nations=data["nations"],
            )
        except services.RoundError as error:
            errors = _refused(str(error))
        else:
            messages.success(request, f"“{round_.name}” is ready to open. Check who is invited, then open it.")
            return redirect("benchmarks:round", round_.pk)
    return render(
        request,
        "benchmarks/new_round.html",
        {
            "form": form,
            "errors": errors or error_summary(form),
            "params": {
                "opens_on": govuk.field_date(form, "opens_on", legend=_("Opens on"), hint=_("For example, 1 4 2027")),
                "closes_on": govuk.field_date(
                    form, "closes_on", legend=_("Closes on"), hint=_("Reminders go out 14, 7 and 2 days before")
                ),
                "types": govuk.field_checkboxes(
                    form["organisation_types"],
                    legend=_("Types of organisation invited"),
                    hint=_(
                        "Every current council is invited by default; combined authorities and other bodies can be added."
                    ),
                ),
                "nations": govuk.field_checkboxes(
                    form["nations"],
                    legend=_("Nations invited"),
                    hint=_("English and Welsh councils take part in the diagnostic by default."),
                ),
                "regions": govuk.field_checkboxes(
                    form["regions"],
                    legend=_("Regions of England invited"),
                    hint=_("Every chosen organisation outside England is invited."),
                ),
            },
        },
    )


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    require_national_admin(request)
    round_ = _round(round_id)
    return render(request, "benchmarks/round.html", {"page": presenters.round_summary(round_)})


def _round_step(request: HttpRequest, round_id: int, action: str, step, more=lambda round_: {}) -> HttpResponse:
    """A step in a round's life (open, close, publish), after its confirmation page."""
    require_national_admin(request)
    round_ = _round(round_id)
    return confirm_step(
        request,
        "benchmarks/confirm.html",
        {"page": presenters.round_summary(round_), "action": action, **more(round_)},
        lambda: step(round_),
        refused=services.RoundError,
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_round(request: HttpRequest, round_id: int) -> HttpResponse:
    def step(round_):
        sent = services.open_round(round_=round_, user=request.user, today=today())
        emailed = sent.invitations + sent.accounts
        text = ngettext(
            "“%(round)s” is open: %(invitations)s and %(accounts)s to create an account was emailed.",
            "“%(round)s” is open: %(invitations)s and %(accounts)s to create an account were emailed.",
            emailed,
        ) % {
            "round": round_.name,
            "invitations": ngettext("%(num)s invitation", "%(num)s invitations", sent.invitations)
            % {"num": number(sent.invitations)},
            "accounts": ngettext("%(num)s invitation", "%(num)s invitations", sent.accounts)
            % {"num": number(sent.accounts)},
        }
        if sent.no_contact:
            text += " " + ngettext(
                "%(num)s organisation has no lead and no contact address.",
                "%(num)s organisations have no lead and no contact address.",
                len(sent.no_contact),
            ) % {"num": number(len(sent.no_contact))}
        return text, reverse("benchmarks:round", args=[round_.pk])

    return _round_step(request, round_id, "open", step)


@login_required
@require_http_methods(["GET", "POST"])
def remind_round(request: HttpRequest, round_id: int) -> HttpResponse:
    def step(round_):
        sent = services.remind_outstanding(round_=round_, user=request.user, today=today())
        if sent.reminders:
            text = ngettext(
                "%(num)s reminder was emailed to those who have not responded to “%(round)s”.",
                "%(num)s reminders were emailed to those who have not responded to “%(round)s”.",
                sent.reminders,
            ) % {"num": number(sent.reminders), "round": round_.name}
        else:
            text = _("Nobody new to remind today: everyone outstanding in “%(round)s” has had today's reminder.") % {
                "round": round_.name
            }
        if sent.no_contact:
            text += " " + ngettext(
                "%(num)s organisation has no lead and no contact: add one from the directory.",
                "%(num)s organisations have no lead and no contact: add one from the directory.",
                len(sent.no_contact),
            ) % {"num": number(len(sent.no_contact))}
        return text, reverse("benchmarks:round", args=[round_.pk])

    return _round_step(request, round_id, "remind", step)


@login_required
@require_http_methods(["GET", "POST"])
def close_round(request: HttpRequest, round_id: int) -> HttpResponse:
    def step(round_):
        services.close_round(round_=round_)
        return (
            _("“%(round)s” is closed: organisations can no longer submit to it.") % {"round": round_.name},
            reverse("benchmarks:round", args=[round_.pk]),
        )

    return _round_step(request, round_id, "close", step)


@login_required
@require_http_methods(["GET", "POST"])
def publish_round(request: HttpRequest, round_id: int) -> HttpResponse:
    def step(round_):
        services.publish_round(round_=round_, user=request.user, today=today())
        return _("The results of “%(round)s” are published.") % {"round": round_.name}, reverse(
            "benchmarks:results", args=[round_.pk]
        )

    return _round_step(
        request,
        round_id,
        "publish",
        step,
        lambda round_: (
            {
                "named": len(selectors.named_respondents(round_)),
                "withheld": _withheld_summary(round_),
            }
            if request.method == "GET"
            else {}
        ),
    )


def _withheld_summary(round_: Round) -> dict[str, Any]:
    """What publishing would withhold, and how much of it because of earlier rounds: worked out
    once per state of the round's inputs (the preview's fingerprint), then kept."""
    preview = previews.read(round_)
    return pagecache.kept(
        ("round", round_.pk, preview.fingerprint, "withheld"),
        lambda: presenters.withheld_summary(
            previews.benchmark(round_, preview), selectors.live_benchmark(round_, over_time=False)
        ),
    )


@login_required
def responses(request: HttpRequest, round_id: int) -> HttpResponse:
    require_national_admin(request)
    round_ = _round(round_id)
    form = forms.TrackingFilterForm(request.GET or None, regions=selectors.participant_regions(round_))
    region = type_ = None
    if form.is_bound and form.is_valid():
        region = form.cleaned_data["region"] or None
        type_ = form.cleaned_data["type"] or None
    tracking = selectors.tracking(round_, region=region, type_=type_)
    return render(
        request,
        "benchmarks/responses.html",
        {
            "page": presenters.tracking_page(round_, tracking),
            "form": form,
            "filtered": bool(region or type_),
        },
    )


# --- An organisation's rounds ----------------------------------------------------------------------


@login_required
def organisation_rounds(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    participations = list(selectors.participations_of(access.organisation))
    page = presenters.organisation_rounds(access.organisation, participations, is_lead=access.is_lead)
    return render(request, "benchmarks/organisation_rounds.html", {"access": access, "page": page})


def _participant(access, round_id: int) -> Participant:
    return get_object_or_404(
        access.organisation.round_participations.select_related("round__framework").exclude(
            round__status=Round.Status.DRAFT
        ),
        round_id=round_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    participant = _participant(access, round_id)
    round_ = participant.round
    assessments = selectors.eligible_assessments(access.organisation, round_)
    form = forms.SubmitForm(request.POST if request.method == "POST" else None, assessments=assessments)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_to_round(
                round_=round_,
                organisation=access.organisation,
                assessment=form.cleaned_data["assessment"],
                agrees_to_be_named=form.cleaned_data["named"] == "yes",
                user=request.user,
                today=today(),
            )
        except services.RoundError as error:
            errors = _refused(str(error))
        else:
            messages.success(
                request,
                _("You submitted “%(title)s” to %(round)s.")
                % {"title": form.cleaned_data["assessment"].title, "round": round_.name},
            )
            return redirect("benchmarks:organisation-rounds", slug=slug)
    return render(
        request,
        "benchmarks/submit.html",
        {
            "access": access,
            "participant": participant,
            "round": round_,
            "form": form,
            "has_assessments": assessments.exists(),
            "accepting": round_.is_accepting(today()),
            "errors": errors or error_summary(form),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    participant = _participant(access, round_id)
    round_ = participant.round
    form = forms.DeclineForm(request.POST if request.method == "POST" else None)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            services.decline_round(
                round_=round_,
                organisation=access.organisation,
                reason=form.cleaned_data["reason"],
                detail=form.cleaned_data["detail"],
                user=request.user,
                today=today(),
            )
        except services.RoundError as error:
            errors = _refused(str(error))
        else:
            messages.success(
                request,
                _("You recorded that %(organisation)s will not take part in %(round)s.")
                % {"organisation": access.organisation.name, "round": round_.name},
            )
            return redirect("benchmarks:organisation-rounds", slug=slug)
    return render(
        request,
        "benchmarks/decline.html",
        {
            "access": access,
            "participant": participant,
            "round": round_,
            "form": form,
            "accepting": round_.is_accepting(today()),
            "errors": errors or error_summary(form),
        },
    )


# --- Results: public once published; the national team can preview them before ---------------------


def _viewable(request: HttpRequest, round_id: int) -> Round:
    """A published round for anyone; any other round only for the national team (404 otherwise,
    so that unpublished rounds are not revealed)."""
    round_ = _round(round_id)
    if round_.is_published:
        return round_
    user = request.user
    if user.is_authenticated and user.is_national_admin:
        return round_
    raise Http404("No such results")


def _figures(round_: Round, preview: previews.Preview | None):
    """(benchmark, organisations invited, named respondents): as published, or, before that, as
    the preview has them now."""
    if preview is not None:
        return previews.benchmark(round_, preview), preview.invited, preview.named
    results = selectors.published_results(round_)
    if results is not None:
        return serialise.from_data(results.figures), results.invited, results.named_respondents
    return selectors.live_benchmark(round_), round_.participants.count(), selectors.named_respondents(round_)


def published(request: HttpRequest) -> HttpResponse:
    return render(request, "benchmarks/published.html", {"rounds": list(selectors.published_rounds())})


def kept_content(round_: Round, name: str, build: Callable[[previews.Preview | None], Any]) -> Any:
    """The content called `name` of the round's results, from `build(preview)` (preview: None
    once the round is published), rendered once and kept (maturity/pagecache.py): what a results
    page shows is the same for everyone who may see it; a published round's for good (its figures
    are frozen), a preview's under the fingerprint of its inputs, so a change is shown at once
    (previews.py)."""
    preview = None if round_.is_published else previews.read(round_)
    version = round_.published_at.isoformat() if preview is None else preview.fingerprint
    return pagecache.kept(("round", round_.pk, version, name), lambda: build(preview))


def _public(request: HttpRequest, round_: Round, response: HttpResponse) -> HttpResponse:
    """Published results are open data: shared caches may keep them for visitors who are not
    signed in."""
    return pagecache.public(request, response) if round_.is_published else response


def results(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> Markup:
        benchmark, invited, named = _figures(round_, preview)
        page = presenters.results_page(round_, benchmark, invited=invited, named=named)
        return Markup(render_to_string("benchmarks/_results_content.html", {"page": page}))

    content = kept_content(round_, "results", build)
    return _public(
        request, round_, render(request, "benchmarks/results.html", {"page": {"round": round_}, "content": content})
    )


def report(request: HttpRequest, round_id: int) -> HttpResponse:
    """The national report of a round, on a page (the same words and figures as its PDF)."""
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> Markup:
        benchmark, invited, _ = _figures(round_, preview)
        page = national.national_report(round_, benchmark, invited=invited)
        return Markup(render_to_string("benchmarks/_report_body.html", {"report": page, "print": False}))

    content = kept_content(round_, f"report:{national.words_key(round_)}", build)
    page = {"round": round_, "title": national.title(round_)}
    return _public(request, round_, render(request, "benchmarks/report.html", {"page": page, "content": content}))


def report_pdf(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> bytes:
        benchmark, invited, _ = _figures(round_, preview)
        return national.render_pdf(national.national_report(round_, benchmark, invited=invited))

    response = HttpResponse(
        kept_content(round_, f"report.pdf:{national.words_key(round_)}", build), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="national-report-round-{round_.pk}.pdf"'
    return _public(request, round_, response)


@login_required
@require_http_methods(["GET", "POST"])
def edit_report(request: HttpRequest, round_id: int) -> HttpResponse:
    """The national team's title and introduction of the report, until the round is published."""
    require_national_admin(request)
    round_ = _round(round_id)
    initial = {"title": round_.report_title, "introduction": round_.report_introduction}
    form = forms.ReportForm(request.POST if request.method == "POST" else None, initial=initial)
    errors = None
    if request.method == "POST" and form.is_valid():
        try:
            services.set_report(
                round_=round_,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                user=request.user,
            )
        except services.RoundError as error:
            errors = _refused(str(error))
        else:
            messages.success(request, _("The report's title and introduction are saved."))
            return redirect("benchmarks:report", round_.pk)
    return render(
        request,
        "benchmarks/edit_report.html",
        {
            "round": round_,
            "form": form,
            "errors": errors or error_summary(form),
            "default_title": national.title(Round(name=round_.name)),
        },
    )


def area(request: HttpRequest, round_id: int, area_key: str) -> HttpResponse:
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> dict[str, Any]:
        benchmark, _, _ = _figures(round_, preview)
        found = benchmark.area(area_key)
        if found is None:
            raise Http404("No such area in this round")
        page = presenters.area_page(round_, benchmark, found)
        return {"title": found.title, "html": Markup(render_to_string("benchmarks/_area_content.html", {"page": page}))}

    content = kept_content(round_, f"area:{area_key}", build)
    page = {
        "round": round_,
        "area": {"title": content["title"]},
        "results_url": reverse("benchmarks:results", args=[round_.pk]),
    }
    return _public(request, round_, render(request, "benchmarks/area.html", {"page": page, "content": content["html"]}))


@csv_download
def results_csv(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> str:
        benchmark, _, _ = _figures(round_, preview)
        return downloads.results_csv(round_, benchmark)

    response = HttpResponse(kept_content(round_, "csv", build), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="benchmarks-round-{round_.pk}.csv"'
    return _public(request, round_, response)


def results_json(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _viewable(request, round_id)

    def build(preview: previews.Preview | None) -> str:
        benchmark, invited, named = _figures(round_, preview)
        return downloads.results_json(round_, benchmark, invited=invited, named=named)

    return _public(request, round_, HttpResponse(kept_content(round_, "json", build), content_type="application/json"))
