"""An organisation's pages: the list of a user's organisations and each organisation's home."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from maturity import audit
from maturity.assessments.presenters import assessment_summaries
from maturity.govuk import error_summary
from maturity.organisations.access import memberships_of, organisation_for
from maturity.organisations.models import Role


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/list.html", {"memberships": memberships_of(request.user)})


# What else an organisation can do, beyond its assessments: (URL name, title, hint).
MORE = [
    (
        "benchmarks:organisation-rounds",
        gettext_lazy("Diagnostic rounds"),
        gettext_lazy("Take part in the national body's diagnostic reviews, and see how you compare."),
    ),
    (
        "evidence:overview",
        gettext_lazy("Evidence from open data"),
        gettext_lazy("What your published contracts notices and spend files show, beside your self-assessment."),
    ),
    (
        "exemplars:help",
        gettext_lazy("Find an exemplar"),
        gettext_lazy("Councils at the top levels who offer to share how they got there."),
    ),
    (
        "exemplars:offers",
        gettext_lazy("Help other councils"),
        gettext_lazy("Offer to share your approach in the areas where you lead."),
    ),
    (
        "groups:sharing",
        gettext_lazy("Groups and sharing"),
        gettext_lazy("Your regions, combined authority and consortia, and what each may see of your results."),
    ),
]


def more_links(slug: str) -> list[dict[str, str]]:
    links = []
    for name, title, hint in MORE:
        try:
            links.append({"url": reverse(name, kwargs={"slug": slug}), "title": str(title), "hint": str(hint)})
        except NoReverseMatch:  # a part of the product not installed in this deployment
            continue
    return links


@login_required
def organisation_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    page = {"assessments": assessment_summaries(access.organisation), "more": more_links(access.organisation.slug)}
    return render(
        request, "organisations/home.html", {"access": access, "organisation": access.organisation, "page": page}
    )


class SignOffRuleForm(forms.Form):
    rule = forms.ChoiceField(
        label=gettext_lazy("Who may sign off an assessment?"),
        choices=[
            ("any", gettext_lazy("Any lead, including the one who submitted it")),
            ("another", gettext_lazy("Another lead: not the person who submitted it")),
        ],
        error_messages={"required": gettext_lazy("Choose who may sign off an assessment")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_off_rule(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's separation of duties at sign-off, chosen by its leads (and recorded)."""
    access = organisation_for(request, slug, role=Role.LEAD)
    organisation = access.organisation
    form = SignOffRuleForm(
        request.POST or None, initial={"rule": "another" if organisation.sign_off_by_another_lead else "any"}
    )
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["rule"] == "another"
        if wanted != organisation.sign_off_by_another_lead:
            organisation.sign_off_by_another_lead = wanted
            organisation.save(update_fields=["sign_off_by_another_lead"])
            audit.record(
                kind="sign-off-rule-changed",
                actor=request.user,
                organisation=organisation,
                subject=organisation.name,
                details={"sign_off_by_another_lead": wanted},
            )
        messages.success(
            request,
            _("Another lead must now sign off each assessment, not the person who submitted it.")
            if wanted
            else _("Any lead can now sign off an assessment, including the one who submitted it."),
        )
        return redirect("organisations:home", slug=slug)
    return render(
        request,
        "organisations/sign_off_rule.html",
        {"access": access, "organisation": organisation, "form": form, "errors": error_summary(form)},
    )
