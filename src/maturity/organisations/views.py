"""An organisation's pages: the list of a user's organisations and each organisation's home."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from maturity.assessments.presenters import assessment_summaries
from maturity.organisations.access import memberships_of, organisation_for


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/list.html", {"memberships": memberships_of(request.user)})


# What else an organisation can do, beyond its assessments: (URL name, title, hint).
MORE = [
    ("benchmarks:organisation-rounds", "Diagnostic rounds", "Take part in the national body's diagnostic reviews, and see how you compare."),
    ("evidence:overview", "Evidence from open data", "What your published contracts notices and spend files show, beside your self-assessment."),
    ("exemplars:help", "Find an exemplar", "Councils at the top levels who offer to share how they got there."),
    ("exemplars:offers", "Help other councils", "Offer to share your approach in the areas where you lead."),
    ("groups:sharing", "Groups and sharing", "Your regions, combined authority and consortia, and what each may see of your results."),
]


def more_links(slug: str) -> list[dict[str, str]]:
    links = []
    for name, title, hint in MORE:
        try:
            links.append({"url": reverse(name, kwargs={"slug": slug}), "title": title, "hint": hint})
        except NoReverseMatch:  # a part of the product not installed in this deployment
            continue
    return links


@login_required
def organisation_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = organisation_for(request, slug)
    page = {"assessments": assessment_summaries(access.organisation), "more": more_links(access.organisation.slug)}
    return render(request, "organisations/home.html", {"access": access, "organisation": access.organisation, "page": page})
