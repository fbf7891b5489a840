"""What the rounds and benchmark pages show, prepared here so that templates stay dumb (the
CSV and JSON downloads of the same figures: downloads.py).

Every figure comes from a `RoundBenchmark` (aggregates.py), already suppressed: a withheld
figure is None and is written as "withheld" on pages, "[c]" in tables and in the CSV and null
in the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from markupsafe import Markup, escape

from maturity import charts
from maturity.benchmarks import aggregates, selectors, stats
from maturity.benchmarks.aggregates import AreaBenchmark, Population, RoundBenchmark
from maturity.benchmarks.models import Participant, Round
from maturity.frameworks.text import in_english
from maturity.govuk import Cell
from maturity.organisations.models import Nation, Organisation
from maturity.words import number

WITHHELD = gettext_lazy("withheld")
# In tables a withheld figure is "[c]" (the statistical convention for a figure kept
# confidential, as in the downloads: downloads.CSV_WITHHELD); each table's page says what it means.
TABLE_WITHHELD = "[c]"
DIMENSION_TITLES = {
    aggregates.REGION: gettext_lazy("By region"),
    aggregates.TYPE: gettext_lazy("By type of council"),
    aggregates.GROUP: gettext_lazy("By group"),
}
# The same, inside a chart's title ("…, by region") and as a table's row heading ("Region").
DIMENSION_IN_TITLES = {
    aggregates.REGION: gettext_lazy("by region"),
    aggregates.TYPE: gettext_lazy("by type of council"),
    aggregates.GROUP: gettext_lazy("by group"),
}
DIMENSION_HEADERS = {
    aggregates.REGION: gettext_lazy("Region"),
    aggregates.TYPE: gettext_lazy("Type of council"),
    aggregates.GROUP: gettext_lazy("Group"),
}
STATUS_TAGS = {
    Round.Status.DRAFT: "govuk-tag--grey",
    Round.Status.OPEN: "govuk-tag--green",
    Round.Status.CLOSED: "govuk-tag--yellow",
    Round.Status.PUBLISHED: "govuk-tag--blue",
}
PARTICIPANT_TAGS = {
    Participant.Status.INVITED: "govuk-tag--grey",
    Participant.Status.SUBMITTED: "govuk-tag--green",
    Participant.Status.DECLINED: "govuk-tag--yellow",
}


def today():
    return timezone.localdate()


def format_number(value: float | int | None) -> str:
    """2 -> "2", 2.5 -> "2.5", 2.25 -> "2.25"; None -> "" (the caller says "withheld")."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def shown(value: Any, withheld: str = TABLE_WITHHELD) -> str:
    return str(withheld) if value is None else format_number(value)


def level_text(benchmark: RoundBenchmark, value: int | None, withheld: str = TABLE_WITHHELD) -> str:
    """A median or quartile as its number and level name: "3 Mature"."""
    if value is None:
        return str(withheld)
    return f"{value} {benchmark.level_name(value)}"


def share_text(value: int | None, withheld: str = TABLE_WITHHELD) -> str:
    return str(withheld) if value is None else f"{value}%"


def signed(value: int | None, unit: str = "") -> str:
    """A change: "+3", "−1" (with `unit` after it, as given), "no change" or "not comparable"."""
    if value is None:
        return _("not comparable")
    if value == 0:
        return _("no change")
    return f"{'+' if value > 0 else '−'}{abs(value)}{unit}"


def signed_as(value: int | None, text: str) -> str:
    """A change in a translated text naming the signed number %(value)s ("+3 points")."""
    if not value:
        return signed(value)
    return text % {"value": signed(value)}


def points(value: int | None) -> str:
    return signed_as(value, _("%(value)s points"))


# --- National pages --------------------------------------------------------------------------


def rounds_list() -> list[dict[str, Any]]:
    day = today()
    return [
        {
            "round": r,
            "stage": r.stage_label(day),
            "tag": STATUS_TAGS[Round.Status(r.stage(day))],
            "url": reverse("benchmarks:round", args=[r.pk]),
        }
        for r in selectors.rounds_with_counts()
    ]


@dataclass(frozen=True)
class RoundSummary:
    """A round's page for the national team (and its confirmation pages: open, close, publish)."""

    round: Round
    stage: str
    stage_label: str
    tag: str
    invited: int
    submitted: int
    declined: int
    outstanding: int  # invited, neither submitted nor declined
    types: str  # the council types invited, in words
    nations: str
    regions: str
    can_remind: bool
    can_open: bool
    can_close: bool
    can_publish: bool


def round_summary(round_: Round) -> RoundSummary:
    day = today()
    counts = {row["status"]: row["n"] for row in _status_counts(round_)}
    invited = sum(counts.values())
    stage = round_.stage(day)
    return RoundSummary(
        round=round_,
        stage=stage,
        stage_label=_(Round.Status(stage).label),
        tag=STATUS_TAGS[Round.Status(stage)],
        invited=invited,
        submitted=counts.get(Participant.Status.SUBMITTED, 0),
        declined=counts.get(Participant.Status.DECLINED, 0),
        types=", ".join(_type_label(t) for t in round_.organisation_types),
        nations=", ".join(_(str(dict(Nation.choices).get(n, n))) for n in round_.nations) or _("Chosen by region"),
        regions=", ".join(r or _(selectors.NO_REGION_LABEL) for r in round_.regions),
        outstanding=counts.get(Participant.Status.INVITED, 0),
        can_remind=round_.is_accepting(day) and counts.get(Participant.Status.INVITED, 0) > 0,
        can_open=stage == Round.Status.DRAFT,
        can_close=round_.status == Round.Status.OPEN and stage == Round.Status.OPEN,
        can_publish=stage == Round.Status.CLOSED,
    )


def _status_counts(round_: Round):
    return round_.participants.values("status").annotate(n=Count("pk")).order_by()


def _type_label(value: str) -> str:
    # The organisations' own names for their types, in the page's language where the catalogue has them.
    return _(str(dict(Organisation.Type.choices).get(value, value)))


def tracking_page(round_: Round, tracking: selectors.Tracking) -> dict[str, Any]:
    def rows(items):
        return [
            [
                {"text": r.label},
                *(
                    {"text": str(v), "format": "numeric"}
                    for v in (r.invited, r.not_started, r.in_progress, r.ready, r.submitted, r.declined)
                ),
            ]
            for r in items
        ]

    total = tracking.total
    return {
        "round": round_,
        "total": total,
        "by_region": rows(tracking.by_region) + [_total_row(total)],
        "by_type": rows(tracking.by_type) + [_total_row(total)],
        "outstanding": [
            [
                # Its page in the directory, where a contact or a first lead can be added.
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>',
                        reverse("directory:organisation", args=[p.organisation.slug]),
                        p.organisation.name,
                    )
                },
                {"text": p.organisation.region or _(selectors.NO_REGION_LABEL)},
                {"text": p.organisation.type_name()},
                {"text": _("Ready to submit") if p.ready else (_("In progress") if p.working else _("Not started"))},
                {
                    "text": _("Has users")
                    if p.has_users
                    else (
                        _("No users: contact address")
                        if p.organisation.contact_email
                        else _("No users and no contact address")
                    )
                },
            ]
            for p in tracking.outstanding
        ],
        "declined": tracking.declined,
    }


def _total_row(total: selectors.TrackingRow) -> list[dict[str, str]]:
    return [
        {"html": format_html("<strong>{}</strong>", _("All invited organisations"))},
        *(
            {"html": f"<strong>{v}</strong>", "format": "numeric"}
            for v in (total.invited, total.not_started, total.in_progress, total.ready, total.submitted, total.declined)
        ),
    ]


# --- An organisation's rounds ---------------------------------------------------------------------


def organisation_rounds(organisation, participations: list[Participant], *, is_lead: bool) -> dict[str, Any]:
    day = today()
    items = []
    for p in participations:
        r = p.round
        accepting = r.is_accepting(day)
        items.append(
            {
                "participant": p,
                "round": r,
                "accepting": accepting,
                "stage": r.stage_label(day),
                "status": _(p.get_status_display()),
                "tag": PARTICIPANT_TAGS[Participant.Status(p.status)],
                "can_submit": is_lead and accepting and p.status != Participant.Status.SUBMITTED,
                "can_decline": is_lead and accepting and p.status == Participant.Status.INVITED,
                "submit_url": reverse("benchmarks:submit", kwargs={"slug": organisation.slug, "round_id": r.pk}),
                "decline_url": reverse("benchmarks:decline", kwargs={"slug": organisation.slug, "round_id": r.pk}),
                "results_url": reverse("benchmarks:results", args=[r.pk]) if r.is_published else None,
            }
        )
    return {
        "open": [item for item in items if item["accepting"]],
        "other": [item for item in items if not item["accepting"]],
    }


# --- Benchmarks: the results pages ---------------------------------------------------------------


def heatmap(benchmark: RoundBenchmark) -> dict[str, Any]:
    """Regions (rows) against areas (columns): the median current level in each cell."""
    regions: dict[str, str] = {}
    for area in benchmark.areas:
        for population in area.of(aggregates.REGION):
            regions.setdefault(population.key, population.label)
    rows = []
    for key, label in sorted(regions.items(), key=lambda item: item[1].lower()):
        cells = []
        for area in benchmark.areas:
            population = area.find(aggregates.REGION, key)
            if population is None:
                cells.append({"number": "", "name": _("no respondents"), "band": "none"})
                continue
            value = population.current.median
            cells.append(
                {
                    "number": format_number(value) if value is not None else "",
                    "name": benchmark.level_name(value) if value is not None else str(WITHHELD),
                    "band": _band(benchmark, value),
                }
            )
        rows.append({"label": label, "cells": cells})
    all_cells = []
    for area in benchmark.areas:
        value = area.all.current.median
        all_cells.append(
            {
                "number": format_number(value) if value is not None else "",
                "name": benchmark.level_name(value) if value is not None else str(WITHHELD),
                "band": _band(benchmark, value),
            }
        )
    return {
        "areas": [area.title for area in benchmark.areas],
        "rows": rows,
        "all": all_cells,
        "legend": [
            {"band": _band(benchmark, level), "text": f"{level} {name}"}
            for level, name in zip(benchmark.levels, benchmark.level_names)
        ],
    }


def _band(benchmark: RoundBenchmark, value: int | None) -> str:
    """One of five shades, spread over the framework's levels."""
    if value is None:
        return "none"
    levels = benchmark.levels
    if len(levels) <= 1:
        return "3"
    position = (value - levels[0]) / (levels[-1] - levels[0])
    return str(1 + round(4 * position))


def summary_rows(benchmark: RoundBenchmark, round_: Round) -> list[list[dict[str, str]]]:
    rows = []
    for area in benchmark.areas:
        population = area.all
        change = area.change
        rows.append(
            [
                {
                    "html": format_html(
                        '<a class="govuk-link" href="{}">{}</a>', area_url(round_, area), in_english(area.title)
                    )
                },
                {"text": shown(population.respondents), "format": "numeric"},
                {"text": level_text(benchmark, population.current.median)},
                {"text": share_text(population.current.share), "format": "numeric"},
                {"text": level_text(benchmark, population.target.median)},
                {"text": share_text(population.target.share), "format": "numeric"},
                {
                    "text": points(change.share_points)
                    if change
                    else (_("first round") if not benchmark.previous_round else _("not comparable")),
                    "format": "numeric",
                },
            ]
        )
    return rows


def _escape(text: str) -> str:
    return str(escape(text))


def area_url(round_: Round, area: AreaBenchmark) -> str:
    return reverse("benchmarks:area", kwargs={"round_id": round_.pk, "area_key": area.key})


def _sentence(text: str, **values) -> Markup:
    """A sentence of the written summary: the framework's words in it (area and level names) are
    marked as English (maturity.frameworks.text.in_english), everything else is escaped."""
    return Markup(escape(text)) % values


def _half_at_threshold(benchmark: RoundBenchmark, threshold: str) -> list[str]:
    """How many areas have at least half of respondents at the threshold, now and by their targets,
    counted over the same areas: those whose current and target shares are both shown."""
    shown = [
        area for area in benchmark.areas if area.all.current.share is not None and area.all.target.share is not None
    ]
    if not shown:
        return []
    now = sum(1 for area in shown if area.all.current.share >= 50)
    by_targets = sum(1 for area in shown if area.all.target.share >= 50)
    total = len(benchmark.areas)
    if len(shown) == total:
        text = ngettext(
            "In %(now)s of %(num)s area at least half of respondents are at %(threshold)s or above now; "
            "by the targets they have set themselves, it would be %(by_targets)s of %(num)s.",
            "In %(now)s of %(num)s areas at least half of respondents are at %(threshold)s or above now; "
            "by the targets they have set themselves, it would be %(by_targets)s of %(num)s.",
            total,
        )
        return [_sentence(text, now=now, num=number(total), threshold=in_english(threshold), by_targets=by_targets)]
    withheld = total - len(shown)
    scope = ngettext(
        "the %(num)s area whose figures are shown", "the %(num)s areas whose figures are shown", len(shown)
    ) % {"num": number(len(shown))}
    hidden = ngettext("%(withheld)s of %(total)s is withheld", "%(withheld)s of %(total)s are withheld", withheld) % {
        "withheld": withheld,
        "total": total,
    }
    text = _(
        "In %(now)s of %(scope)s (%(hidden)s) at least half of respondents are at %(threshold)s or above now; "
        "by the targets they have set themselves, it would be %(by_targets)s of those %(shown)s."
    )
    return [
        _sentence(
            text,
            now=now,
            scope=scope,
            hidden=hidden,
            threshold=in_english(threshold),
            by_targets=by_targets,
            shown=len(shown),
        )
    ]


def written_summary(benchmark: RoundBenchmark, *, respondents: int | None, invited: int) -> list[str]:
    """A few sentences drawn from the (suppressed) figures, with no name of a council."""
    threshold = in_english(benchmark.threshold_name)
    sentences = []
    if respondents is not None and invited:
        sentences.append(
            _sentence(
                ngettext(
                    "%(respondents)s of the %(num)s organisation invited submitted a signed-off self-assessment (%(percent)s%%).",
                    "%(respondents)s of the %(num)s organisations invited submitted a signed-off self-assessment (%(percent)s%%).",
                    invited,
                ),
                respondents=respondents,
                num=number(invited),
                percent=stats.percent(respondents, invited),
            )
        )
    shares = [(area.all.current.share, area) for area in benchmark.areas if area.all.current.share is not None]
    if shares:
        high = max(shares, key=lambda item: item[0])
        low = min(shares, key=lambda item: item[0])
        if high[1] is not low[1]:
            sentences.append(
                _sentence(
                    _(
                        "The area with the largest share of respondents at %(threshold)s or above is %(high)s "
                        "(%(high_share)s%%); the smallest is %(low)s (%(low_share)s%%)."
                    ),
                    threshold=threshold,
                    high=in_english(high[1].title),
                    high_share=high[0],
                    low=in_english(low[1].title),
                    low_share=low[0],
                )
            )
        else:
            sentences.append(
                _sentence(
                    _("%(share)s%% of respondents are at %(threshold)s or above in %(area)s."),
                    share=high[0],
                    threshold=threshold,
                    area=in_english(high[1].title),
                )
            )
        sentences.extend(_half_at_threshold(benchmark, benchmark.threshold_name))
    gaps = [
        (area.all.target.median - area.all.current.median, area)
        for area in benchmark.areas
        if area.all.current.median is not None and area.all.target.median is not None
    ]
    if gaps:
        widest, area = max(gaps, key=lambda item: item[0])
        if widest > 0:
            sentences.append(
                _sentence(
                    _(
                        "Respondents aim furthest above where they are in %(area)s: the median target is "
                        "%(target)s, against a median current level of %(current)s."
                    ),
                    area=in_english(area.title),
                    target=in_english(benchmark.level_name(area.all.target.median)),
                    current=in_english(benchmark.level_name(area.all.current.median)),
                )
            )
    changes = [
        (area.change.share_points, area)
        for area in benchmark.areas
        if area.change is not None and area.change.share_points is not None
    ]
    if changes and benchmark.previous_round:
        rise = max(changes, key=lambda item: item[0])
        fall = min(changes, key=lambda item: item[0])
        if rise[0] > 0:
            sentences.append(
                _sentence(
                    _(
                        "Since %(round)s, the share at %(threshold)s or above rose most in %(area)s (%(points)s percentage points)."
                    ),
                    round=benchmark.previous_round,
                    threshold=threshold,
                    area=in_english(rise[1].title),
                    points=rise[0],
                )
            )
        if fall[0] < 0:
            sentences.append(
                _sentence(
                    _("It fell most in %(area)s (%(points)s percentage points)."),
                    area=in_english(fall[1].title),
                    points=-fall[0],
                )
            )
    return sentences


def _change_text(benchmark: RoundBenchmark, area: AreaBenchmark) -> str:
    change = area.change
    if not benchmark.previous_round:
        return _("none: this is the first round on this framework")
    if change is None:
        return _("not comparable: the area is new")
    parts = []
    if change.share_points is not None:
        parts.append(
            _("%(change)s at %(threshold)s or above")
            % {
                "change": signed_as(change.share_points, _("%(value)s percentage points")),
                "threshold": benchmark.threshold_name,
            }
        )
    if change.median is not None:
        if change.median == 0:
            parts.append(_("median level unchanged"))
        else:
            parts.append(
                _("median level %(change)s")
                % {
                    "change": signed_as(
                        change.median, ngettext("%(value)s level", "%(value)s levels", abs(change.median))
                    )
                }
            )
    return "; ".join(parts) or _("not comparable: too few respondents")


def change_chart(benchmark: RoundBenchmark) -> charts.Chart | None:
    """The change in the share at the threshold level or above since the previous round, per area."""
    if not benchmark.previous_round:
        return None
    threshold = benchmark.threshold_name
    return charts.bars(
        id="change",
        title=_("Change since %(round)s in the share of respondents at %(threshold)s or above")
        % {"round": benchmark.previous_round, "threshold": threshold},
        description=_(
            "Bar chart: a bar per area, to the right of zero where the share rose and to the left where it fell, each "
            "with its change in percentage points. The table after the chart gives the same figures."
        ),
        rows=[
            charts.BarsRow(area.title, (area.change.share_points if area.change else None,)) for area in benchmark.areas
        ],
        series=[
            charts.BarsSeries(_("Change at %(threshold)s or above (percentage points)") % {"threshold": threshold})
        ],
        table_caption=_("Change since %(round)s at %(threshold)s or above")
        % {"round": benchmark.previous_round, "threshold": threshold},
        row_header=_("Area"),
        withheld_reason=_(
            " (the area is new, or a share is withheld in this round or the previous one as it would "
            "describe fewer than %(minimum)s organisations)"
        )
        % {"minimum": benchmark.minimum},
        text=points,
        missing=_("Not comparable"),
    )


def response_charts(round_: Round, benchmark: RoundBenchmark) -> list[charts.Chart]:
    """The share of invited organisations that responded, by type of council and by region: the
    respondents are the round's published figures (none drawn where they are withheld), the
    invitations are the round's participants."""
    found = []
    for dimension, field in ((aggregates.TYPE, "organisation__type"), (aggregates.REGION, "organisation__region")):
        invited = {
            row[field] or "": row["n"] for row in round_.participants.values(field).annotate(n=Count("pk")).order_by()
        }
        respondents: dict[str, tuple[str, int | None]] = {}
        for area in benchmark.areas:
            for population in area.of(dimension):
                label, known = respondents.get(population.key, (population.label, None))
                values = [v for v in (known, population.respondents) if v is not None]
                respondents[population.key] = (label, max(values) if values else None)
        rows = [
            charts.BarsRow(
                label, (stats.percent(count, invited[key]) if count is not None and invited.get(key) else None,)
            )
            for key, (label, count) in sorted(respondents.items(), key=lambda item: item[1][0].lower())
        ]
        title = DIMENSION_IN_TITLES[dimension]
        chart = charts.bars(
            id=f"responses-{dimension}",
            title=_("Share of invited organisations that responded, %(dimension)s") % {"dimension": title},
            description=_(
                "Bar chart: a bar per population with the percentage of the organisations invited that "
                "submitted a signed-off self-assessment. The table after the chart gives the same figures."
            ),
            rows=rows,
            series=[charts.BarsSeries(_("Responded (% of those invited)"))],
            table_caption=_("Response rate, %(dimension)s") % {"dimension": title},
            row_header=str(DIMENSION_HEADERS[dimension]),
            withheld_reason=withheld_reason(benchmark),
            text=lambda value: f"{value}%",
            missing=TABLE_WITHHELD,
        )
        if chart:
            found.append(chart)
    return found


@dataclass(frozen=True)
class ResultsPage:
    """A round's results page: its written summary, charts, heat map and table of areas."""

    round: Round
    benchmark: RoundBenchmark
    respondents: int | None  # None: withheld
    invited: int
    named: list[str]  # the respondents who agreed to be named
    threshold_name: str
    rule: str  # the suppression rule the figures were suppressed under
    summary: list[str]  # sentences (safe HTML: written_summary)
    change_chart: charts.Chart | None
    response_charts: list[charts.Chart]
    heatmap: dict[str, Any]
    rows: list[list[dict[str, str]]]  # the table of areas, as GOV.UK table cells
    areas: list[dict[str, str]]  # each area's title and the url of its page
    csv_url: str
    json_url: str


def results_page(round_: Round, benchmark: RoundBenchmark, *, invited: int, named: list[str]) -> ResultsPage:
    respondents = benchmark.respondents
    return ResultsPage(
        change_chart=change_chart(benchmark),
        response_charts=response_charts(round_, benchmark),
        round=round_,
        benchmark=benchmark,
        respondents=respondents,
        invited=invited,
        summary=written_summary(benchmark, respondents=respondents, invited=invited),
        heatmap=heatmap(benchmark),
        rows=summary_rows(benchmark, round_),
        threshold_name=benchmark.threshold_name,
        named=named,
        rule=benchmark.rule,
        csv_url=reverse("benchmarks:results-csv", args=[round_.pk]),
        json_url=reverse("benchmarks:results-json", args=[round_.pk]),
        areas=[{"title": area.title, "url": area_url(round_, area)} for area in benchmark.areas],
    )


def withheld_reason(benchmark: RoundBenchmark) -> str:
    return _(" (it would describe fewer than %(minimum)s organisations, or could be worked out from other figures)") % {
        "minimum": benchmark.minimum
    }


def distribution_chart(benchmark: RoundBenchmark, area: AreaBenchmark) -> charts.Chart | None:
    """Respondents at each level now and by their targets: a withheld count has no bar."""
    population = area.all
    return charts.bars(
        id=f"distribution-{area.key}",
        title=_("Number of respondents at each level in %(area)s") % {"area": area.title},
        description=_(
            "Bar chart: for each level, a solid blue bar for the respondents there now and a hatched black bar for "
            "the respondents aiming for it, each with its number. The table “Respondents at each level” beside it "
            "gives the same figures."
        ),
        rows=[
            charts.BarsRow(f"{level} {name}", (now, target))
            for level, name, now, target in zip(
                benchmark.levels, benchmark.level_names, population.current.counts, population.target.counts
            )
        ],
        series=[
            charts.BarsSeries(_("Respondents there now")),
            charts.BarsSeries(_("Respondents aiming for it"), hatched=True),
        ],
        table_caption=_("Respondents at each level"),
        row_header=_("Level"),
        withheld_reason=withheld_reason(benchmark),
    )


def spread_chart(benchmark: RoundBenchmark, area: AreaBenchmark, dimension: str) -> charts.Chart | None:
    """The median and middle half of the current levels of each region (or type of council)."""
    populations = area.of(dimension)
    if not populations:
        return None
    title = DIMENSION_IN_TITLES[dimension]
    names = dict(zip(benchmark.levels, benchmark.level_names))
    return charts.strip(
        id=f"spread-{dimension}-{area.key}",
        title=_("Current levels in %(area)s, %(dimension)s") % {"area": area.title, "dimension": title},
        description=_(
            "For each population, a strip of levels from %(lowest)s to %(highest)s: a black "
            "diamond for the median current level and a shaded band for the middle half (lower to upper quartile). "
            "The table after the chart gives the same figures."
        )
        % {"lowest": benchmark.levels[0], "highest": benchmark.levels[-1]},
        rows=[
            charts.StripRow(p.label, p.current.median, p.current.lower_quartile, p.current.upper_quartile)
            for p in populations
        ],
        level_names=names,
        table_caption=_("Median and middle half of current levels, %(dimension)s") % {"dimension": title},
        population=_("the respondents in each row"),
        withheld_reason=withheld_reason(benchmark),
        row_header=str(DIMENSION_HEADERS[dimension]),
        missing=TABLE_WITHHELD,  # the round's pages say "[c]" for a withheld figure in every table
    )


def distribution_rows(benchmark: RoundBenchmark, population: Population) -> list[list[dict[str, str]]]:
    rows = []
    for i, (level, name) in enumerate(zip(benchmark.levels, benchmark.level_names)):
        rows.append(
            [
                {"text": f"{level} {name}"},
                {"text": shown(population.current.counts[i]), "format": "numeric"},
                {"text": shown(population.target.counts[i]), "format": "numeric"},
            ]
        )
    return rows


def breakdown_rows(
    benchmark: RoundBenchmark, populations: list[Population], measure: str
) -> list[list[dict[str, str]]]:
    rows = []
    for population in populations:
        m = population.measure(measure)
        rows.append(
            [
                # The figures keep their populations' names as published (the open data's); all respondents
                # is named in the page's language.
                {"text": _("All respondents") if population.dimension == aggregates.ALL else population.label},
                {"text": shown(population.respondents), "format": "numeric"},
                *({"text": shown(count), "format": "numeric"} for count in m.counts),
                {"text": level_text(benchmark, m.median)},
                {"text": share_text(m.share), "format": "numeric"},
            ]
        )
    return rows


@dataclass(frozen=True)
class AreaPage:
    """The page of one area in a round's results: all respondents' figures, the distribution of
    levels, and the breakdowns by region, type of council and group."""

    round: Round
    benchmark: RoundBenchmark
    area: AreaBenchmark
    population: Population  # all respondents
    threshold_name: str
    rule: str
    figures: list[tuple[str, str]]  # (what, figure) for the summary list
    chart: charts.Chart | None
    spread_charts: list[charts.Chart]
    distribution: list[list[dict[str, str]]]  # table rows: respondents at each level
    head: list[dict[str, str]]  # the breakdowns' table head
    breakdowns: list[dict[str, Any]]
    results_url: str


def area_page(round_: Round, benchmark: RoundBenchmark, area: AreaBenchmark) -> AreaPage:
    population = area.all
    head = [{"text": _("Population")}, {"text": _("Respondents"), "format": "numeric"}]
    head += [
        {"text": f"{level} {name}", "format": "numeric"} for level, name in zip(benchmark.levels, benchmark.level_names)
    ]
    head += [
        {"text": _("Median")},
        {"text": _("At %(threshold)s or above") % {"threshold": benchmark.threshold_name}, "format": "numeric"},
    ]
    breakdowns = []
    for dimension in (aggregates.REGION, aggregates.TYPE, aggregates.GROUP):
        populations = [population, *area.of(dimension)]
        if len(populations) == 1:
            continue
        breakdowns.append(
            {
                "title": str(DIMENSION_TITLES[dimension]),
                "id": dimension,
                "current": breakdown_rows(benchmark, populations, "current"),
                "target": breakdown_rows(benchmark, populations, "target"),
            }
        )
    return AreaPage(
        round=round_,
        benchmark=benchmark,
        area=area,
        population=population,
        chart=distribution_chart(benchmark, area),
        spread_charts=[
            chart for chart in (spread_chart(benchmark, area, d) for d in (aggregates.TYPE, aggregates.REGION)) if chart
        ],
        distribution=distribution_rows(benchmark, population),
        head=head,
        breakdowns=breakdowns,
        threshold_name=benchmark.threshold_name,
        figures=[
            (_("Respondents"), shown(population.respondents, WITHHELD)),
            (_("Median current level"), level_text(benchmark, population.current.median, WITHHELD)),
            (
                _("At %(threshold)s or above now") % {"threshold": benchmark.threshold_name},
                share_text(population.current.share, WITHHELD),
            ),
            (_("Median target level"), level_text(benchmark, population.target.median, WITHHELD)),
            (
                _("At %(threshold)s or above by their targets") % {"threshold": benchmark.threshold_name},
                share_text(population.target.share, WITHHELD),
            ),
            (
                _("Change since %(round)s") % {"round": benchmark.previous_round}
                if benchmark.previous_round
                else _("Change since the previous round"),
                _change_text(benchmark, area),
            ),
        ],
        rule=benchmark.rule,
        results_url=reverse("benchmarks:results", args=[round_.pk]),
    )


# --- On an organisation's results page ----------------------------------------------------------------


def results_comparison(assessment, responses: list | None = None) -> dict[str, Any] | None:
    """For an organisation's results page: its levels against the same council type, its region
    and all respondents in the latest round it took part in; None when it has taken part in none.
    `responses`: the assessment's responses in area order, when the page has read them already."""
    organisation = assessment.organisation
    participant = selectors.latest_published_participation(organisation)
    if participant is None:
        return None
    round_ = participant.round
    spreads = round_.published_results.spreads
    names = dict(zip(spreads["levels"], spreads["level_names"]))
    columns = [
        (f"{aggregates.TYPE}:{organisation.type}", _("Same type: %(type)s") % {"type": organisation.type_name()}),
        (
            f"{aggregates.REGION}:{organisation.region}",
            _("Same region: %(region)s") % {"region": organisation.region or _(selectors.NO_REGION_LABEL)},
        ),
        (f"{aggregates.ALL}:", _("All respondents")),
    ]
    rows = []
    if responses is None:
        responses = assessment.responses.select_related("area").order_by("area__position")
    for response in responses:
        area = response.area
        if organisation.type in (area.not_applicable_to or ()):
            continue
        figures = spreads["areas"].get(area.key) or next(
            (spreads["areas"][key] for key in (area.replaces or ()) if key in spreads["areas"]), None
        )
        if figures is None:
            continue
        own = response.current_level
        rows.append(
            {
                "title": area.label,
                "own": f"{own} {names.get(own, '')}".strip() if own is not None else _("Not answered"),
                "cells": [_spread(names, figures.get(key)) for key, _ in columns],
                "similar": figures.get(columns[0][0]),
                "own_level": own,
            }
        )
    if not rows:
        return None
    similar = _("the councils of the same type as yours (%(type)s) that took part in %(round)s") % {
        "type": organisation.type_name(),
        "round": round_.name,
    }
    return {
        "chart": standing_chart(rows, names, similar=similar, minimum=spreads["minimum"]),
        "similar": similar,
        "round": round_,
        "columns": [label for _, label in columns],
        "rows": rows,
        "table_rows": [
            [Cell(html=in_english(row["title"])), Cell(text=row["own"]), *(Cell(text=cell) for cell in row["cells"])]
            for row in rows
        ],
        "results_url": reverse("benchmarks:results", args=[round_.pk]),
        "minimum": spreads["minimum"],
    }


def standing_chart(
    rows: list[dict[str, Any]], names: dict[int, str], *, similar: str, minimum: int
) -> charts.Chart | None:
    """Where the organisation stands among similar ones (the same type of organisation: the likeness
    that counts most in the exemplar ranking) in each area: their published median and middle
    half, and its own level. Only the round's published, already suppressed figures are drawn."""
    strip_rows = []
    for row in rows:
        median, lower, upper = row["similar"] if row["similar"] else (None, None, None)
        strip_rows.append(charts.StripRow(row["title"], median, lower, upper, own=row["own_level"]))
    return charts.strip(
        id="standing",
        title=_("Where you stand among similar organisations in each area"),
        description=_(
            "For each area, a strip of levels from %(lowest)s to %(highest)s: a black diamond for the median current "
            "level of %(similar)s, a shaded band for their middle half, and a blue circle for your own current "
            "level. The table after the chart gives the same figures."
        )
        % {"lowest": min(names), "highest": max(names), "similar": similar},
        rows=strip_rows,
        level_names=names,
        table_caption=_("Your current level against similar organisations"),
        population=_("similar organisations"),
        own=_("Your level now"),
        withheld_reason=_(
            " (a figure would describe fewer than %(minimum)s organisations, or could be worked out from others)"
        )
        % {"minimum": minimum},
    )


def _spread(names: dict[int, str], figures: list | None) -> str:
    if not figures or figures[0] is None:
        return _("Withheld: too few respondents")
    median, lower, upper = figures
    level = f"{median} {names.get(median, '')}".rstrip()
    if lower is not None and upper is not None:
        return _("Median %(level)s; middle half %(lower)s to %(upper)s") % {
            "level": level,
            "lower": lower,
            "upper": upper,
        }
    return _("Median %(level)s") % {"level": level}


def withheld_summary(benchmark: RoundBenchmark, alone: RoundBenchmark) -> dict[str, Any]:
    """What publishing will withhold, for the confirmation page: of the populations shown in each
    area (all respondents, each region, type and group), how many are withheld whole, and of
    those how many only because of rounds published before (rule 5: `alone` is the same round's
    figures computed without them)."""
    total = withheld = because_earlier = 0
    for area in benchmark.areas:
        before = {(p.dimension, p.key): p for p in alone.area(area.key).populations} if alone.area(area.key) else {}
        for population in area.populations:
            total += 1
            if population.withheld:
                withheld += 1
                other = before.get((population.dimension, population.key))
                because_earlier += bool(other is not None and not other.withheld)
    return {
        "total": total,
        "withheld": withheld,
        "because_earlier": because_earlier,
        "all": total > 0 and withheld == total,
        "areas": len(benchmark.areas),
    }
