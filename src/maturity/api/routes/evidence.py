"""Evidence from open data: an organisation's indicators (with its token, as its assessments), and
the national figures from every council's data, suppressed below 5 organisations (public)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router

from maturity.api import represent
from maturity.api.auth import BearerToken, optional_token, organisation_for_token
from maturity.api.converters import KEY_PATTERN
from maturity.api.pagination import paginate
from maturity.api.schemas import (
    AwardGroupOut,
    IndicatorOut,
    IndicatorQuery,
    OpenDataOut,
    OpenDataQuery,
    SpendGroupOut,
    errors,
    page_of,
)
from maturity.evidence import presenters, selectors
from maturity.evidence.indicators import Figure
from maturity.evidence.selectors import YearFigures

organisation_router = Router(auth=BearerToken())
router = Router(auth=optional_token)

IndicatorPage = page_of(IndicatorOut, "IndicatorPage")
AwardGroupPage = page_of(AwardGroupOut, "AwardGroupPage")
SpendGroupPage = page_of(SpendGroupOut, "SpendGroupPage")

SLUG = Path(..., pattern=KEY_PATTERN, max_length=100, description="The organisation's slug (the token's organisation).")
TAGS = ["Evidence from open data"]


@organisation_router.get(
    "/organisations/{apikey:slug}/evidence",
    response={200: IndicatorPage, **errors(400, 401, 404, 429)},
    url_name="evidence",
    tags=TAGS,
    summary="List the organisation's evidence from open data",
)
def list_indicators(request: HttpRequest, filters: Query[IndicatorQuery], slug: str = SLUG):
    """The indicators worked out from the procurement notices and spend files the organisation
    publishes, one per financial year with data, latest year first, in the order of their
    definitions. A share or an average over too few items has no value ("Too little data").
    The committee report shows the latest year of each source. A token reaches only its own
    organisation, as its assessments."""
    access = organisation_for_token(request, slug)
    return paginate(
        request,
        _indicators(access.organisation, year=filters.year, source=filters.source),
        filters,
        lambda pair: represent.indicator(*pair),
    )


def _indicators(organisation, *, year: int | None, source: str | None) -> list[tuple[YearFigures, Figure]]:
    found = [
        (entry, figure)
        for key, entries in selectors.organisation_years(organisation).items()
        if source in (None, key)
        for entry in entries
        if year in (None, entry.year)
        for figure in entry.figures.values()
    ]
    return sorted(found, key=lambda pair: -pair[0].year)  # stable: by source, then as defined, within a year


# --- National figures ------------------------------------------------------------------------------


@router.get(
    "/open-data-benchmarks",
    response={200: OpenDataOut, **errors(401, 429)},
    url_name="open-data",
    tags=TAGS,
    summary="Read what the national figures from open data are",
)
def open_data(request: HttpRequest):
    """The financial years with figures, their sources, what each figure means and the suppression
    rule, with the addresses of the figures themselves."""
    return {
        **presenters.national_about(),
        "awards_url": represent.link(request, "open-data-awards"),
        "spend_url": represent.link(request, "open-data-spend"),
    }


def _national(filters: OpenDataQuery, rows_of) -> list[dict[str, Any]]:
    years = [year for year in selectors.national_years() if filters.year in (None, year)]
    return [row for year in years for row in rows_of(year) if filters.grouped_by in (None, row["grouped_by"])]


@router.get(
    "/open-data-benchmarks/awards",
    response={200: AwardGroupPage, **errors(400, 401, 429)},
    url_name="open-data-awards",
    tags=TAGS,
    summary="List the national figures of contracts awarded",
)
def list_award_groups(request: HttpRequest, filters: Query[OpenDataQuery]):
    """Contracts awarded per financial year (latest first), for all organisations with notices,
    by council type and by region: the awards, and the shares won by SMEs and VCSEs pooled over
    each group. The same figures as the public page /benchmarks/open-data/: a group's figures are
    null when it has fewer than 5 organisations, or when they would give away a withheld group's."""
    return paginate(request, _national(filters, presenters.national_award_rows), filters, lambda row: row)


@router.get(
    "/open-data-benchmarks/spend",
    response={200: SpendGroupPage, **errors(400, 401, 429)},
    url_name="open-data-spend",
    tags=TAGS,
    summary="List the national figures of spend",
)
def list_spend_groups(request: HttpRequest, filters: Query[OpenDataQuery]):
    """Spend per financial year (latest first), for all organisations with spend files, by council
    type and by region: the total, and the amount and share with VCSEs. Suppressed as the awards."""
    return paginate(request, _national(filters, presenters.national_spend_rows), filters, lambda row: row)
