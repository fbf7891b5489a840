"""Public operations: the frameworks, the organisation register, published rounds and their
benchmarks. No token is needed (one that is sent must be valid)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router
from ninja.renderers import JSONRenderer

from maturity import pagecache
from maturity.api import represent
from maturity.api.auth import optional_token
from maturity.api.converters import KEY_PATTERN, VERSION_PATTERN
from maturity.api.pagination import paginate
from maturity.api.schemas import (
    AreaBenchmarkOut,
    FrameworkDocument,
    FrameworkOut,
    OrganisationOut,
    OrganisationQuery,
    PageQuery,
    RoundDetail,
    RoundOut,
    errors,
    page_of,
)
from maturity.benchmarks import downloads as benchmark_downloads
from maturity.benchmarks import selectors as benchmark_selectors
from maturity.benchmarks import serialise
from maturity.benchmarks.models import Round
from maturity.frameworks import loader
from maturity.frameworks import selectors as framework_selectors
from maturity.organisations.models import Organisation

router = Router(auth=optional_token)

FrameworkPage = page_of(FrameworkOut, "FrameworkPage")
OrganisationPage = page_of(OrganisationOut, "OrganisationPage")
RoundPage = page_of(RoundOut, "RoundPage")
AreaBenchmarkPage = page_of(AreaBenchmarkOut, "AreaBenchmarkPage")

KEY = Path(..., pattern=KEY_PATTERN, max_length=100)
VERSION = Path(..., pattern=VERSION_PATTERN, max_length=30)
ID = Path(..., ge=1, le=2**63 - 1)


# --- Frameworks ----------------------------------------------------------------------------------


def _public_frameworks():
    return framework_selectors.national().filter(status__in=framework_selectors.PUBLIC_STATUSES)


@router.get(
    "/frameworks",
    response={200: FrameworkPage, **errors(400, 401, 429)},
    url_name="frameworks",
    tags=["Frameworks"],
    summary="List the published frameworks",
)
def list_frameworks(request: HttpRequest, paging: Query[PageQuery]):
    """The frameworks anyone can read: published versions, and retired ones kept for the record."""
    frameworks = _public_frameworks().select_related("follows").order_by("key", "-version")
    return paginate(request, frameworks, paging, lambda f: represent.framework(request, f))


@router.get(
    "/frameworks/{apikey:key}/{apiversion:version}",
    response={200: FrameworkDocument, **errors(401, 404, 429)},
    exclude_unset=True,
    url_name="framework",
    tags=["Frameworks"],
    summary="Read a framework",
)
def framework(request: HttpRequest, key: str = KEY, version: str = VERSION):
    """The whole framework (levels, sections, areas and each level's descriptor) in the shape of
    its data file: the same document as the JSON download, and `maturity framework load` reads it."""
    found = _public_frameworks().filter(key=key, version=version).first()
    if found is None:
        raise Http404("No such framework")
    return loader.export(found)


# --- The organisation register -------------------------------------------------------------------


@router.get(
    "/organisations",
    response={200: OrganisationPage, **errors(400, 401, 429)},
    url_name="organisations",
    tags=["Organisations"],
    summary="List the organisation register",
)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]):
    """Councils and other public bodies, with their public fields only, by name."""
    organisations = Organisation.objects.order_by("name", "pk")
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if filters.region is not None:
        organisations = organisations.filter(region__iexact=filters.region)
    if filters.q:
        organisations = organisations.filter(Q(name__icontains=filters.q) | Q(official_name__icontains=filters.q))
    return paginate(request, organisations, filters, represent.organisation)


@router.get(
    "/organisations/{apikey:slug}",
    response={200: OrganisationOut, **errors(401, 404, 429)},
    url_name="organisation",
    tags=["Organisations"],
    summary="Read an organisation of the register",
)
def organisation(request: HttpRequest, slug: str = KEY):
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No such organisation")
    return represent.organisation(found)


# --- Published rounds and their benchmarks -------------------------------------------------------


def _published_round(round_id: int) -> Round:
    found = benchmark_selectors.published_rounds().filter(pk=round_id).first()
    if found is None:
        raise Http404("No such published round")
    return found


def _document(round_: Round) -> dict[str, Any]:
    """The round's published figures, already suppressed, as the results page and the JSON
    download show them (benchmarks.downloads.results_document over the published snapshot)."""
    results = benchmark_selectors.published_results(round_)
    if results is not None:
        benchmark = serialise.from_data(results.figures)
        invited, named = results.invited, results.named_respondents
    else:  # published before snapshots were kept: computed as the results page does
        benchmark = benchmark_selectors.live_benchmark(round_)
        invited, named = round_.participants.count(), benchmark_selectors.named_respondents(round_)
    document = benchmark_downloads.results_document(round_, benchmark, invited=invited, named=named)
    document["respondents"] = benchmark.respondents
    return document


def _round(request: HttpRequest, round_: Round) -> dict[str, Any]:
    return {
        "id": round_.pk,
        "name": round_.name,
        "framework": represent.framework_ref(round_.framework),
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "published_at": round_.published_at,
        "url": represent.link(request, "round", round_id=round_.pk),
        "benchmarks_url": represent.link(request, "benchmarks", round_id=round_.pk),
    }


@router.get(
    "/rounds",
    response={200: RoundPage, **errors(400, 401, 429)},
    url_name="rounds",
    tags=["Rounds and benchmarks"],
    summary="List the published rounds",
)
def list_rounds(request: HttpRequest, paging: Query[PageQuery]):
    """National diagnostic rounds whose results are published, most recent first."""
    rounds = benchmark_selectors.published_rounds().select_related("published_results")

    def item(round_: Round) -> dict[str, Any]:
        results = getattr(round_, "published_results", None)
        invited = results.invited if results is not None else round_.participants.count()
        return {**_round(request, round_), "organisations_invited": invited}

    return paginate(request, rounds, paging, item)


@router.get(
    "/rounds/{int:round_id}",
    response={200: RoundDetail, **errors(401, 404, 429)},
    url_name="round",
    tags=["Rounds and benchmarks"],
    summary="Read a published round",
)
def round_detail(request: HttpRequest, round_id: int = ID):
    """The round, its levels, threshold, the suppression rule and the named respondents."""
    round_ = _published_round(round_id)
    document = _document(round_)
    return {
        **_round(request, round_),
        "organisations_invited": document["round"]["organisations_invited"],
        "respondents": document["respondents"],
        "levels": document["levels"],
        "threshold": document["threshold"],
        "suppression": document["suppression"],
        "quantiles": document["quantiles"],
        "previous_round": document["previous_round"],
        "named_respondents": document["named_respondents"],
    }


@router.get(
    "/rounds/{int:round_id}/benchmarks",
    response={200: AreaBenchmarkPage, **errors(400, 401, 404, 429)},
    url_name="benchmarks",
    tags=["Rounds and benchmarks"],
    summary="List a published round's benchmarks",
)
def list_benchmarks(request: HttpRequest, paging: Query[PageQuery], round_id: int = ID):
    """One benchmark per area: for all respondents, by region, by type of council and by group,
    the organisations at each level now and targeted, with medians and quartiles. Every figure
    is suppressed exactly as on the results pages: a withheld figure is null."""
    round_ = _published_round(round_id)
    # A published round's figures never change: each page of them is made once and kept.
    return _kept_json(
        request,
        ("api-benchmarks", round_.pk, str(round_.published_at), paging.page, paging.page_size),
        AreaBenchmarkPage,
        lambda: paginate(request, _document(round_)["areas"], paging, lambda area: area),
    )


def _kept_json(request: HttpRequest, key: tuple, schema, build) -> HttpResponse:
    """The JSON of a document that never changes, checked against its schema and written as the API
    writes every answer, once per release (maturity/pagecache.py); the key holds the address the
    API is reached at, which its links name."""

    def made() -> bytes:
        document = schema.model_validate(build()).model_dump()
        return _RENDERER.render(request, document, response_status=200)

    content = pagecache.kept((*key, request.build_absolute_uri("/")), made)
    return HttpResponse(content, content_type=f"{_RENDERER.media_type}; charset={_RENDERER.charset}")


_RENDERER = JSONRenderer()  # the API's own (maturity/api/main.py keeps django-ninja's default)


@router.get(
    "/rounds/{int:round_id}/benchmarks/{apikey:area_key}",
    response={200: AreaBenchmarkOut, **errors(401, 404, 429)},
    url_name="benchmark",
    tags=["Rounds and benchmarks"],
    summary="Read the benchmark of one area",
)
def benchmark(request: HttpRequest, round_id: int = ID, area_key: str = KEY):
    document = _document(_published_round(round_id))
    for area in document["areas"]:
        if area["key"] == area_key:
            return area
    raise Http404("No such area in this round")
