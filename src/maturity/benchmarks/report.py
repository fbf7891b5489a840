"""The national report of a round: what its page and its PDF show, prepared once here.

Every figure comes from the round's `RoundBenchmark` (frozen at publication, already through the
one disclosure rule): the written summary, the charts and the list of gaps use only figures that
are shown, so the report never says what a table withholds. The national team's title and
introduction are kept on the round and can be changed only until it is published; after that the
report is as frozen as its figures.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from maturity import charts
from maturity.benchmarks import aggregates, presenters
from maturity.benchmarks.aggregates import AreaBenchmark, RoundBenchmark
from maturity.benchmarks.models import Round

LARGEST_GAPS = 5


def title(round_: Round) -> str:
    return round_.report_title or _("National report: %(round)s") % {"round": round_.name}


def paragraphs(text: str) -> list[str]:
    """The introduction as the national team wrote it: paragraphs between blank lines."""
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def levels_chart(benchmark: RoundBenchmark) -> charts.Chart | None:
    """The share of respondents at the threshold level or above in each area, now and by their targets."""
    threshold = benchmark.threshold_name
    return charts.bars(
        id="report-levels",
        title=_("Share of respondents at %(threshold)s or above in each area, now and by their targets")
        % {"threshold": threshold},
        description=_(
            "Bar chart: for each area, a solid blue bar for the percentage of respondents at %(threshold)s or above now, "
            "and a hatched black bar for the percentage that would be by the targets they have set. The table after "
            "the chart gives the same figures."
        )
        % {"threshold": threshold},
        rows=[charts.BarsRow(area.title, (area.all.current.share, area.all.target.share)) for area in benchmark.areas],
        series=[
            charts.BarsSeries(_("At %(threshold)s or above now (%%)") % {"threshold": threshold}),
            charts.BarsSeries(
                _("At %(threshold)s or above by their targets (%%)") % {"threshold": threshold}, hatched=True
            ),
        ],
        table_caption=_("Respondents at %(threshold)s or above in each area") % {"threshold": threshold},
        row_header=_("Area"),
        withheld_reason=presenters.withheld_reason(benchmark),
        text=lambda value: f"{value}%",
    )


def largest_gaps(benchmark: RoundBenchmark) -> list[dict[str, str]]:
    """The areas where respondents' targets are furthest above where they are now: the widest
    difference between the shares at the threshold level or above, by their targets and now."""
    gaps = []
    for area in benchmark.areas:
        now, aim = area.all.current.share, area.all.target.share
        if now is not None and aim is not None and aim > now:
            gaps.append((aim - now, area))
    gaps.sort(key=lambda item: (-item[0], item[1].title))
    return [_gap(benchmark, points, area) for points, area in gaps[:LARGEST_GAPS]]


def _gap(benchmark: RoundBenchmark, points: int, area: AreaBenchmark) -> dict[str, str]:
    threshold = benchmark.threshold_name
    current, target = area.all.current.median, area.all.target.median
    values = {"now": area.all.current.share, "threshold": threshold, "aim": area.all.target.share, "points": points}
    if current is not None and target is not None:
        text = _(
            "%(now)s%% at %(threshold)s or above now, %(aim)s%% by their targets (%(points)s percentage points); "
            "median level %(current)s now, %(target)s aimed for"
        ) % {
            **values,
            "current": presenters.level_text(benchmark, current),
            "target": presenters.level_text(benchmark, target),
        }
    else:
        text = (
            _("%(now)s%% at %(threshold)s or above now, %(aim)s%% by their targets (%(points)s percentage points)")
            % values
        )
    return {"title": area.title, "text": text}


def national_report(round_: Round, benchmark: RoundBenchmark, *, invited: int) -> dict[str, Any]:
    framework = round_.framework
    return {
        "round": round_,
        "benchmark": benchmark,
        "framework": framework,
        "title": title(round_),
        "introduction": paragraphs(round_.report_introduction),
        "summary": presenters.written_summary(benchmark, respondents=benchmark.respondents, invited=invited),
        "response_charts": presenters.response_charts(round_, benchmark),
        "levels_chart": levels_chart(benchmark),
        "change_chart": presenters.change_chart(benchmark),
        "gaps": largest_gaps(benchmark),
        "levels": [f"{level} {name}" for level, name in zip(benchmark.levels, benchmark.level_names)],
        "threshold_name": benchmark.threshold_name,
        "minimum": benchmark.minimum,
        "rule": benchmark.rule,
        "quantiles": _(
            "Medians and quartiles are levels: the median is the level of the middle respondent (the lower "
            "of the two middle ones for an even number); quartiles are given from %(minimum)s respondents."
        )
        % {"minimum": aggregates.QUARTILES_MINIMUM_FACTOR * benchmark.minimum},
        "results_url": reverse("benchmarks:results", args=[round_.pk]),
        "page_url": reverse("benchmarks:report", args=[round_.pk]),
        "pdf_url": reverse("benchmarks:report-pdf", args=[round_.pk]),
        "csv_url": reverse("benchmarks:results-csv", args=[round_.pk]),
    }


def render_html(report: dict[str, Any]) -> str:
    from django.template.loader import render_to_string

    return render_to_string("benchmarks/report_pdf.html", {"report": report})


def render_pdf(report: dict[str, Any]) -> bytes:
    """A4, tagged PDF/UA-1 with its fonts embedded, as the committee report (ADR 0007)."""
    from django.conf import settings
    from weasyprint import HTML  # imported here: it loads Pango, which only reports need

    return HTML(string=render_html(report), base_url=str(settings.PACKAGE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def words_key(round_: Round) -> str:
    """Part of the kept report's key: the national team's words, which the figures' key does not cover."""
    import hashlib

    return hashlib.sha256(f"{round_.report_title}\n{round_.report_introduction}".encode()).hexdigest()[:16]
