"""Exemplar pages: an organisation's offers and the requests it receives, finding an exemplar and
asking for an introduction, one request, and the national team's view of supply and demand.

Every organisation page starts with `organisation_for` (404 to anyone who is not a member) and
reaches requests through the organisation; national pages start with `require_national_admin`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from maturity.exemplars import presenters, selectors, services
from maturity.exemplars.forms import AnswerForm, AskForm, OfferForm, WantedForm
from maturity.exemplars.models import IntroductionRequest
from maturity.govuk import error_summary
from maturity.organisations.access import organisation_for, require_national_admin
from maturity.organisations.models import Role
from maturity.words import counted


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@login_required
def offers(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    return render(request, "exemplars/offers.html", presenters.offers_page(access))


@login_required
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, slug: str, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    eligible = next(((a, s) for a, s in selectors.eligible_areas(access.organisation) if a.key == area_key), None)
    if eligible is None:
        area = selectors.area_by_key(area_key)
        if area is None:
            raise Http404("No such area")
        return render(request, "exemplars/not_eligible.html", presenters.offer_form_page(access, area, None, None))
    area, standing = eligible
    current = selectors.current_offer(access.organisation, area_key)
    form = OfferForm(
        request.POST if request.method == "POST" else None, initial=OfferForm.initial_from(current, request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_offer(
                organisation=access.organisation, area_key=area_key, user=request.user, **form.cleaned_data
            )
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, _("Your offer of help with %(area)s is saved") % {"area": area.label})
            return redirect("exemplars:offers", slug=slug)
    return render(
        request,
        "exemplars/offer.html",
        {
            **presenters.offer_form_page(access, area, standing, current),
            "form": form,
            "errors": error_summary(form),
            "shares": presenters.checkboxes(
                form["shares"], legend=_("What can you share?"), hint=_("Select all that apply.")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_offer(request: HttpRequest, slug: str, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.LEAD)
    current = selectors.current_offer(access.organisation, area_key)
    if current is None:
        messages.info(
            request,
            _("%(organisation)s has no offer of help in that area to withdraw")
            % {"organisation": access.organisation.name},
        )
        return redirect("exemplars:offers", slug=slug)
    if request.method == "POST":
        closed = services.withdraw_offer(offer=current, user=request.user)
        if closed:
            message = _(
                "Your offer of help with %(area)s is withdrawn and no longer shown. %(closed)s closed and the requesters told."
            ) % {
                "area": current.area.label,
                "closed": counted(closed, "%(num)s open request was", "%(num)s open requests were"),
            }
        else:
            message = _("Your offer of help with %(area)s is withdrawn and no longer shown.") % {
                "area": current.area.label
            }
        messages.success(request, message)
        return redirect("exemplars:offers", slug=slug)
    return render(
        request,
        "exemplars/withdraw_offer.html",
        {
            **presenters.offer_form_page(access, current.area, None, current),
        },
    )


@login_required
def find_help(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    return render(request, "exemplars/help.html", presenters.help_page(access))


@login_required
@require_http_methods(["GET", "POST"])
def wanted(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    areas = presenters.wanted_areas(access.organisation)
    form = WantedForm(
        request.POST if request.method == "POST" else None,
        areas=[item["area"] for item in areas],
        initial={"areas": sorted(selectors.wanted_keys(access.organisation))},
    )
    if request.method == "POST" and form.is_valid():
        services.set_help_wanted(organisation=access.organisation, areas=form.chosen_areas(), user=request.user)
        messages.success(request, _("The areas where you want help are saved"))
        return redirect("exemplars:help", slug=slug)
    return render(
        request,
        "exemplars/wanted.html",
        {
            **presenters.wanted_page(access),
            "form": form,
            "errors": error_summary(form),
            "areas": presenters.checkboxes(
                form["areas"],
                legend=_("Where does your organisation want help?")
                if access.organisation.kind != "council"
                else _("Where does your council want help?"),
                legend_classes="govuk-fieldset__legend--l",
                is_page_heading=True,
                hint=_("Select all that apply."),
                item_hints={item["area"].key: item["hint"] for item in areas},
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, slug: str, area_key: str) -> HttpResponse:
    access = organisation_for(request, slug, role=Role.CONTRIBUTOR)
    offer_id = _number(request.POST.get("offer") if request.method == "POST" else request.GET.get("offer"))
    item = selectors.suggested_offer(access.organisation, area_key, offer_id) if offer_id else None
    if item is None:
        if offer_id:
            messages.info(
                request, _("That exemplar is not available at the moment. Choose another from the suggestions.")
            )
        return redirect("exemplars:help", slug=slug)
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.ask_for_introduction(
                organisation=access.organisation,
                offer=item.offer,
                user=request.user,
                message=form.cleaned_data["message"],
            )
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request,
                _("Your request has been sent to %(exemplar)s. You will get an email when they answer.")
                % {"exemplar": item.offer.organisation.name},
            )
            return redirect("exemplars:request", slug=slug, request_id=sent.pk)
    return render(
        request,
        "exemplars/ask.html",
        {
            **presenters.ask_page(access, item, area_key),
            "form": form,
            "errors": error_summary(form),
        },
    )


def _request_for(request: HttpRequest, slug: str, request_id: int, role: str = Role.VIEWER):
    access = organisation_for(request, slug, role=role)
    found = selectors.request_of(access.organisation, request_id)
    if found is None:
        raise Http404("No such request")
    if found.organisation_id != access.organisation.pk and not access.is_lead:
        raise PermissionDenied(f"Only leads of {access.organisation.name} see the requests it receives.")
    return access, found


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    access, intro = _request_for(request, slug, request_id)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if intro.organisation_id == access.organisation.pk:
            raise PermissionDenied("The exemplar answers this request, not the organisation that asked.")
        if form.is_valid():
            try:
                services.answer_request(
                    request=intro,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    accept=form.cleaned_data["decision"] == AnswerForm.ACCEPT,
                )
            except services.Refused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _answered(intro))
            return redirect("exemplars:request", slug=slug, request_id=intro.pk)
    return render(
        request,
        "exemplars/request.html",
        {
            **presenters.request_page(access, intro),
            "form": form,
            "errors": error_summary(form),
        },
    )


def _answered(intro: IntroductionRequest) -> str:
    intro.refresh_from_db()
    if intro.status == IntroductionRequest.Status.ACCEPTED:
        return _(
            "You accepted the request from %(organisation)s. Your contact and %(requester)s have been emailed each other's details."
        ) % {"organisation": intro.organisation.name, "requester": intro.requester_name}
    return _("You declined the request from %(organisation)s. They have been told.") % {
        "organisation": intro.organisation.name
    }


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_request(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    access, intro = _request_for(request, slug, request_id, role=Role.CONTRIBUTOR)
    if intro.organisation_id != access.organisation.pk:
        raise Http404("No such request")
    if not intro.is_open:
        messages.info(request, _("This request has already been answered or withdrawn"))
        return redirect("exemplars:request", slug=slug, request_id=intro.pk)
    if request.method == "POST":
        try:
            services.withdraw_request(request=intro, user=request.user)
        except services.Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Your request to %(exemplar)s is withdrawn") % {"exemplar": intro.offer.organisation.name}
            )
        return redirect("exemplars:request", slug=slug, request_id=intro.pk)
    return render(request, "exemplars/withdraw_request.html", presenters.request_page(access, intro))


@login_required
def national(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    return render(request, "exemplars/national.html", presenters.national_page())


@login_required
def national_offers(request: HttpRequest) -> HttpResponse:
    require_national_admin(request)
    area_key = request.GET.get("area") or None
    return render(request, "exemplars/national_offers.html", presenters.national_offers_page(area_key))
