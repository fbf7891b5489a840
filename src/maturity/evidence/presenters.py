"""What the evidence pages show, and the evidence beside the self-assessment on other pages.

Evidence from open data sits beside a self-assessed level with its source, its period and a link
to the figures; it never changes the level. Which indicators speak to which area comes from
data/indicator-areas.yaml.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from maturity.evidence import areas as area_mapping
from maturity.evidence import selectors, spend_columns
from maturity.evidence.indicators import (
    DEFINITIONS,
    MINIMUM_COUNT,
    N_,
    OCDS,
    SOURCES,
    SPEND,
    Figure,
    format_value,
)
from maturity.evidence.models import EvidenceImport, SpendUpload
from maturity.evidence.selectors import YearFigures
from maturity.organisations.models import Organisation
from maturity.suppression import MINIMUM
from maturity.words import counted, date_uk, month_uk, number

GRANTS = "grants"
SOURCE_TITLES = {OCDS: gettext_lazy("Procurement notices"), SPEND: gettext_lazy("Spend")}


# The texts of indicators.py (marked there with N_) in the language of the page. The data
# downloads and the API's national figures are made in English (`_in_english`).
def year_label(year: int) -> str:
    return _("%(start)s to %(end)s") % {"start": year, "end": year + 1}


def period_label(year: int) -> str:
    return _("April %(start)s to March %(end)s") % {"start": year, "end": year + 1}


def value_text(figure: Figure) -> str:
    if not figure.enough:
        return _("Too little data")
    if figure.value is None:
        return _("No data")
    if figure.definition.unit == "money" and abs(float(figure.value)) >= 1_000_000:
        amount = float(figure.value)
        return _("%(sign)s£%(amount)s million") % {
            "sign": "-" if amount < 0 else "",
            "amount": f"{abs(amount) / 1_000_000:,.1f}",
        }
    return format_value(figure.definition.unit, figure.value)


def note_text(figure: Figure) -> str:
    if figure.definition.unit not in ("percent", "average"):
        return ""
    what = _(figure.definition.counted)
    if not figure.enough:
        return _("Too little data to give a figure: %(count)s %(counted)s; at least %(minimum)s are needed.") % {
            "count": figure.count or 0,
            "counted": what,
            "minimum": MINIMUM_COUNT,
        }
    return _("Over %(count)s %(counted)s.") % {"count": f"{figure.count:,}", "counted": what}


def _in_english(function):
    """The open data (CSV, JSON, the API): in English whatever the language of the request."""

    def english(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    english.__doc__, english.__name__ = function.__doc__, function.__name__
    return english


def figures_url(organisation) -> str:
    return reverse("evidence:overview", kwargs={"slug": organisation.slug})


def _latest(years: list[YearFigures]) -> YearFigures | None:
    """The year to show beside an assessment: the latest whole year, else the latest there is."""
    whole = [y for y in years if y.months == 12]
    return (whole or years or [None])[0]


def period_text(year: YearFigures) -> str:
    text = period_label(year.year)
    if year.source == SPEND and year.months < 12 and year.first_month and year.last_month:
        covered = (
            month_uk(year.first_month)
            if year.months == 1
            else _("%(start)s to %(end)s") % {"start": month_uk(year.first_month), "end": month_uk(year.last_month)}
        )
        text = _("%(period)s (the data covers %(months)s of the 12 months: %(covered)s)") % {
            "period": text,
            "months": year.months,
            "covered": covered,
        }
    return text


def source_text(source: str, imported: EvidenceImport | None) -> str:
    text = _(SOURCES[source])
    if imported is not None:
        text = _("%(source)s, imported on %(date)s") % {"source": text, "date": date_uk(imported.imported_at)}
    return text


def _item(key: str, year: YearFigures, source: str, url: str) -> dict[str, Any]:
    figure = year.figures[key]
    definition = DEFINITIONS[key]
    return {
        "key": key,
        "title": _(definition.title),
        "definition": _(definition.definition),
        "value": value_text(figure),
        "enough": figure.enough,
        "note": note_text(figure),
        "year": year_label(year.year),
        "period": period_text(year),
        "source": source,
        "url": url,
    }


class _Evidence:
    """An organisation's figures, computed once per page."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.years = selectors.organisation_years(organisation)
        self.latest = {source: _latest(years) for source, years in self.years.items()}
        self.imports = selectors.latest_imports(organisation) if any(self.latest.values()) else {}
        self.url = figures_url(organisation)

    def items(self, keys) -> list[dict[str, Any]]:
        items = []
        for key in keys:
            source = DEFINITIONS[key].source
            year = self.latest.get(source)
            if year is not None and key in year.figures:
                items.append(_item(key, year, source_text(source, self.imports.get(source)), self.url))
        return items


def _indicator_keys(area) -> tuple[str, ...]:
    framework = area.framework
    extends = framework.extends.key if framework.extends_id else None
    return area_mapping.indicators_for(framework.key, area.key, extends=extends)


def area_evidence(organisation, area) -> list[dict[str, Any]]:
    """Indicators from the organisation's published data that speak to `area` (never a level)."""
    keys = _indicator_keys(area)
    if not keys:
        return []
    return _Evidence(organisation).items(keys)


def results_evidence(organisation, areas) -> dict[str, Any]:
    """Indicators per area, for the results page: {"areas": [{"area", "items"}], "url"}; empty
    when the organisation has no evidence that speaks to any of the areas."""
    areas = list(areas)
    wanted = {area.key: _indicator_keys(area) for area in areas}
    if not any(wanted.values()):
        return {}
    evidence = _Evidence(organisation)
    rows = []
    for area in areas:
        items = evidence.items(wanted[area.key])
        if items:
            rows.append({"area": area, "title": area.label, "items": items})
    if not rows:
        return {}
    return {"areas": rows, "url": evidence.url}


def indicator_areas(framework_key: str, indicator_key: str, *, extends: str | None = None) -> list[str]:
    """The keys of the areas an indicator speaks to in a framework; a group's variant uses the
    areas it shares with the framework it extends (data/indicator-areas.yaml)."""
    keys = area_mapping.areas_for(framework_key, indicator_key)
    if extends:
        keys += [key for key in area_mapping.areas_for(extends, indicator_key) if key not in keys]
    return keys


def indicator_area_keys(indicator_key: str) -> list[dict[str, str]]:
    """Every framework's areas an indicator speaks to, as {"framework", "area"} keys (for the API)."""
    return [
        {"framework": framework, "area": area}
        for framework in area_mapping.mapping()
        for area in area_mapping.areas_for(framework, indicator_key)
    ]


def report_evidence(organisation, framework_key: str = "nps", *, extends: str | None = None) -> list[dict[str, Any]]:
    """Every indicator with data, latest year, for the PDF report and the API. Each item: key,
    title, definition, value (text), enough (False when there is too little data to give a
    figure), note, year, period, source, url, and `areas`: the keys of the areas it speaks to."""
    evidence = _Evidence(organisation)
    items = evidence.items(DEFINITIONS)
    for item in items:
        item["areas"] = indicator_areas(framework_key, item["key"], extends=extends)
    return items


# --- the figures page ----------------------------------------------------------------------------


def _table(year: YearFigures) -> dict[str, Any]:
    rows = []
    for key, figure in year.figures.items():
        definition = DEFINITIONS[key]
        rows.append(
            {
                "title": _(definition.title),
                "definition": _(definition.definition),
                "value": value_text(figure),
                "enough": figure.enough,
                "note": note_text(figure),
            }
        )
    return {
        "year": year_label(year.year),
        "period": period_text(year),
        "rows": rows,
        "id": f"{year.source}-{year.year}",
    }


def _import_row(record: EvidenceImport) -> dict[str, Any]:
    s = record.summary or {}
    if record.kind == EvidenceImport.Kind.SPEND:
        what = _(
            "%(payments)s to %(suppliers)s over %(months)s; %(credit_notes)s, %(under)s under £500, "
            "%(redacted)s to redacted recipients"
        ) % {
            "payments": counted(s.get("payments", 0), "%(num)s payment", "%(num)s payments"),
            "suppliers": counted(s.get("suppliers", 0), "%(num)s named supplier", "%(num)s named suppliers"),
            "months": counted(s.get("months", 0), "%(num)s month", "%(num)s months"),
            "credit_notes": counted(s.get("credit_notes", 0), "%(num)s credit note", "%(num)s credit notes"),
            "under": counted(s.get("under_threshold", 0), "%(num)s payment", "%(num)s payments"),
            "redacted": f"{s.get('redacted', 0):,}",
        }
        if s.get("skipped"):
            what = _("%(what)s; %(rows)s without a date or amount skipped") % {
                "what": what,
                "rows": counted(s["skipped"], "%(num)s row", "%(num)s rows"),
            }
        if s.get("replaced_lines"):
            what = _("%(what)s; replaced the figures an earlier file gave for the same months") % {"what": what}
    elif record.kind == EvidenceImport.Kind.GRANTS:
        what = counted(s.get("recipients", 0), "%(num)s organisation funded", "%(num)s organisations funded")
    else:
        what = _("%(stored)s stored, %(already)s already imported before") % {
            "stored": counted(s.get("stored", 0), "%(num)s notice", "%(num)s notices"),
            "already": f"{s.get('already', 0):,}",
        }
    period = ""
    if record.first_date and record.last_date:
        period = _("%(start)s to %(end)s") % {"start": date_uk(record.first_date), "end": date_uk(record.last_date)}
    return {
        "file_name": record.file_name,
        "kind": record.get_kind_display(),
        "when": date_uk(record.imported_at),
        "by": record.imported_by.full_name if record.imported_by else "",
        "what": what,
        "period": period,
    }


def overview(access) -> dict[str, Any]:
    organisation = access.organisation
    years = selectors.organisation_years(organisation)
    imports = list(organisation.evidence_imports.select_related("imported_by")[:20])
    vcse_list = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.GRANTS).first()
    return {
        "sources": [
            {
                "key": OCDS,
                "title": SOURCE_TITLES[OCDS],
                "source": _(SOURCES[OCDS]),
                "tables": [_table(y) for y in years[OCDS]],
            },
            {
                "key": SPEND,
                "title": SOURCE_TITLES[SPEND],
                "source": _(SOURCES[SPEND]),
                "tables": [_table(y) for y in years[SPEND]],
            },
        ],
        "has_figures": bool(years[OCDS] or years[SPEND]),
        "imports": [_import_row(r) for r in imports],
        "vcse_list": _import_row(vcse_list) if vcse_list else None,
        "pending": organisation.spend_uploads.filter(status=SpendUpload.Status.PENDING).first(),
        "minimum": MINIMUM_COUNT,
        "urls": {
            "upload_spend": reverse("evidence:upload-spend", kwargs={"slug": organisation.slug}),
            "columns": reverse("evidence:spend-columns", kwargs={"slug": organisation.slug}),
            "upload_notices": reverse("evidence:upload-notices", kwargs={"slug": organisation.slug}),
            "upload_grants": reverse("evidence:upload-grants", kwargs={"slug": organisation.slug}),
        },
    }


def columns_page(upload: SpendUpload, *, others: list[str] = ()) -> dict[str, Any]:
    """The columns of a pending spend upload, each with its sample values, and what in it names
    another organisation (services.other_organisations)."""
    samples = upload.samples or []
    columns = []
    for index, heading in enumerate(upload.columns):
        values = [row[index] for row in samples if index < len(row) and row[index].strip()]
        columns.append(
            {
                "index": index,
                "heading": heading or _("Column %(number)s") % {"number": index + 1},
                "samples": values[:3],
            }
        )
    labels = spend_columns.field_labels()
    recognised = [labels[key] for key in upload.mapping if key]
    missing = [f.label for f in spend_columns.fields() if f.required and f.key not in upload.mapping]
    return {"upload": upload, "columns": columns, "recognised": recognised, "missing": missing, "others": list(others)}


def problem_list(problems: list[str]) -> list[dict[str, str]]:
    return [{"text": p} for p in problems]


# --- national figures: the national team's page, the public benchmarks page and the downloads ------

NATIONAL_TITLE = N_("Evidence from open data: national figures")
ALL_LABEL = N_("All organisations")
NATIONAL_SOURCES = {
    OCDS: N_(
        "Procurement notices that councils publish as open contracting data (OCDS), from Contracts Finder "
        "and Find a Tender"
    ),
    SPEND: N_(
        "Spend over £500 that councils publish under the Local Government Transparency Code, imported by each council"
    ),
}
_POOLED = N_("Pooled over every organisation of the group (not an average of their shares).")
_NOT_GIVEN = N_("Not given over fewer than %(minimum)s awards.")
_WITHHELD = {
    selectors.FEWER: N_("Fewer than %(minimum)s organisations: not shown"),
    selectors.PROTECTS: N_("Not shown, so that another group’s figures cannot be worked out from it"),
    selectors.CHANGED: N_(
        "Not shown: fewer than %(minimum)s organisations’ data has changed since "
        "these figures were last shown, so comparing them would reveal those organisations’ figures"
    ),
}
# In English, for the open data (the CSV's "Why not shown").
WITHHELD_TEXT = {reason: text % {"minimum": MINIMUM} for reason, text in _WITHHELD.items()}


def withheld_text(reason: str) -> str:
    return _(_WITHHELD[reason]) % {"minimum": MINIMUM}


def national_sources() -> dict[str, str]:
    return {source: _(text) for source, text in NATIONAL_SOURCES.items()}


def national_definitions() -> dict[str, str]:
    pooled, not_given = _(_POOLED), _(_NOT_GIVEN) % {"minimum": MINIMUM_COUNT}
    return {
        "awards": _(DEFINITIONS["awards"].definition),
        "sme_share": f"{_(DEFINITIONS['awards-to-smes'].definition)} {pooled} {not_given}",
        "vcse_share": f"{_(DEFINITIONS['awards-to-vcses'].definition)} {pooled} {not_given}",
        "total": _(DEFINITIONS["spend-total"].definition),
        "spend_vcse_share": f"{_(DEFINITIONS['spend-vcse-share'].definition)} {pooled}",
    }


NATIONAL_DEFINITIONS = _in_english(national_definitions)()


def suppression_rule() -> str:
    return _(
        "A group of fewer than %(minimum)s organisations is not shown, so that no council can be picked out. Nor is "
        "a group whose figures would give a withheld group’s away by subtraction: no sum or difference of the "
        "figures shown describes fewer than %(minimum)s organisations (so where groups add up to all organisations, "
        "none or at least two are withheld, together counting %(minimum)s or more). The number of organisations in "
        "every group is shown."
    ) % {"minimum": MINIMUM}


def _group_label(group_by: str, key: str) -> str:
    if group_by == "all":
        return _(ALL_LABEL)
    labels = dict(Organisation.Type.choices) if group_by == "type" else {}
    return str(labels.get(key, key) or _("Not recorded"))


def _percent(value: float | None) -> str:
    return f"{value * 100:.1f}%" if value is not None else _("Too little data")


def _groups_table(groups: dict, group_by: str, caption: str, heads: list[str], figures) -> dict[str, Any] | None:
    """A table of the groups (then all organisations) for govukTable; None when there are none.
    `figures(row)` gives the texts of a shown row's figures, one per heading in `heads`."""
    if not groups[group_by]:
        return None
    rows = []
    for dimension, row in [*((group_by, r) for r in groups[group_by]), ("all", groups["all"])]:
        cells = [
            {"text": _group_label(dimension, row["group"])},
            {"text": f"{row['organisations']:,}", "format": "numeric"},
        ]
        if row["suppressed"]:
            cells.append({"text": withheld_text(row["reason"]), "colspan": len(heads)})
        else:
            cells += [{"text": text, "format": "numeric"} for text in figures(row)]
        rows.append(cells)
    head = [{"text": selectors.GROUPS[group_by]}, {"text": _("Organisations"), "format": "numeric"}]
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": head + [{"text": text, "format": "numeric"} for text in heads],
        "rows": rows,
    }


def _awards_table(groups: dict, group_by: str, label: str) -> dict[str, Any] | None:
    return _groups_table(
        groups,
        group_by,
        _("Contracts awarded, %(year)s") % {"year": label},
        [_("Awards"), _("Won by SMEs"), _("Won by VCSEs")],
        lambda r: [f"{r['awards']:,}", _percent(r["sme_share"]), _percent(r["vcse_share"])],
    )


def _spend_table(groups: dict, group_by: str, label: str) -> dict[str, Any] | None:
    return _groups_table(
        groups,
        group_by,
        _("Spend, %(year)s") % {"year": label},
        [_("Total spend"), _("With VCSEs")],
        lambda r: [f"£{r['total']:,.0f}", _percent(r["vcse_share"])],
    )


def national_figures(year: int | None, group_by: str) -> dict[str, Any]:
    """The national aggregates of one financial year by council type or region, suppressed
    (selectors.withheld_groups), as tables: the same on the national team's page and the public
    benchmarks page."""
    years = selectors.national_years()
    year = year if year in years else (years[0] if years else None)
    page: dict[str, Any] = {
        "years": years,
        "year": year,
        "year_label": year_label(year) if year is not None else "",
        "period": period_label(year) if year is not None else "",
        "group_by": group_by,
        "group_title": selectors.GROUPS[group_by],
        "suppress_below": MINIMUM,
        "minimum": MINIMUM_COUNT,
        "rule": suppression_rule(),
        "sources": national_sources(),
        "definitions": _definition_list(),
    }
    if year is not None:
        label = year_label(year)
        page["awards_table"] = _awards_table(selectors.national_award_groups(year=year), group_by, label)
        page["spend_table"] = _spend_table(selectors.national_spend_groups(year=year), group_by, label)
    return page


def _definition_list() -> list[dict[str, str]]:
    titles = {
        "awards": _("Awards"),
        "sme_share": _("Won by SMEs"),
        "vcse_share": _("Won by VCSEs"),
        "total": _("Total spend"),
        "spend_vcse_share": _("With VCSEs"),
    }
    return [{"title": titles[key], "text": text} for key, text in national_definitions().items()]


def national_page(year: int | None, group_by: str) -> dict[str, Any]:
    """The national team's page: the national figures, with the buyers to match and the files
    imported nationally."""
    return {
        **national_figures(year, group_by),
        "unmatched": selectors.unmatched_buyers().count(),
        "imports": [
            _import_row(r)
            for r in EvidenceImport.objects.filter(organisation__isnull=True).select_related("imported_by")[:20]
        ],
    }


# --- the national figures as data: downloads and the API --------------------------------------------


def _number(value) -> float | None:
    return None if value is None else round(float(value), 4)


def _money(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _base_row(year: int, group_by: str, row: dict) -> dict[str, Any]:
    return {
        "year": year,
        "year_label": year_label(year),
        "grouped_by": group_by,
        "group": row["group"],
        "label": _group_label(group_by, row["group"]),
        "organisations": row["organisations"],
        "suppressed": row["suppressed"],
        "suppressed_because": row["reason"] or None,
    }


def _rows(groups: dict) -> list[tuple[str, dict]]:
    if groups["all"] is None:
        return []
    return [("all", groups["all"])] + [(g, row) for g in selectors.GROUPS for row in groups[g]]


@_in_english
def national_award_rows(year: int) -> list[dict[str, Any]]:
    """Every group's award figures of one year (all organisations, then by type, then by region),
    as plain data: a withheld figure is None."""
    return [
        {
            **_base_row(year, group_by, row),
            "awards": row["awards"],
            "sme_known": row["sme_known"],
            "sme_won": row["sme_won"],
            "sme_share": _number(row["sme_share"]),
            "vcse_known": row["vcse_known"],
            "vcse_won": row["vcse_won"],
            "vcse_share": _number(row["vcse_share"]),
        }
        for group_by, row in _rows(selectors.national_award_groups(year=year))
    ]


@_in_english
def national_spend_rows(year: int) -> list[dict[str, Any]]:
    """Every group's spend figures of one year, as national_award_rows."""
    return [
        {
            **_base_row(year, group_by, row),
            "total": _money(row["total"]),
            "vcse_amount": _money(row["vcse_amount"]),
            "vcse_share": _number(row["vcse_share"]),
        }
        for group_by, row in _rows(selectors.national_spend_groups(year=year))
    ]


@_in_english
def national_about() -> dict[str, Any]:
    """What the national figures are: their sources, definitions and the suppression rule."""
    return {
        "title": NATIONAL_TITLE,
        "years": [{"year": y, "label": year_label(y), "period": period_label(y)} for y in selectors.national_years()],
        "sources": {"awards": NATIONAL_SOURCES[OCDS], "spend": NATIONAL_SOURCES[SPEND]},
        "definitions": NATIONAL_DEFINITIONS,
        "suppression": {"minimum": MINIMUM, "withheld_value": None, "rule": suppression_rule()},
        "minimum_count": MINIMUM_COUNT,
    }


@_in_english
def national_document() -> dict[str, Any]:
    """The JSON download: every year's figures, by every grouping."""
    about = national_about()
    return {
        **about,
        "years": [
            {**y, "awards": national_award_rows(y["year"]), "spend": national_spend_rows(y["year"])}
            for y in about["years"]
        ],
    }


NATIONAL_CSV_COLUMNS = [
    "Financial year",
    "Figures",
    "Grouped by",
    "Group",
    "Organisations",
    "Shown",
    "Why not shown",
    "Awards",
    "Awards with the supplier's size published",
    "Awards won by SMEs",
    "Won by SMEs (%)",
    "Awards saying whether the supplier is a VCSE",
    "Awards won by VCSEs",
    "Won by VCSEs (%)",
    "Total spend (£)",
    "Spend with VCSEs (£)",
    "Spend with VCSEs (%)",
]


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _pounds(value: float | None) -> Decimal | None:
    """Pence shown, as a number (a negative total must not be taken for a formula and quoted)."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


@_in_english
def national_csv_rows() -> list[list[Any]]:
    """The CSV download's rows, in the order of NATIONAL_CSV_COLUMNS: every year, awards then spend."""
    rows = []
    for year in selectors.national_years():
        for r in national_award_rows(year):
            rows.append(
                _csv_start(r, "Contracts awarded")
                + [
                    r["awards"],
                    r["sme_known"],
                    r["sme_won"],
                    _pct(r["sme_share"]),
                    r["vcse_known"],
                    r["vcse_won"],
                    _pct(r["vcse_share"]),
                    None,
                    None,
                    None,
                ]
            )
        for r in national_spend_rows(year):
            rows.append(
                _csv_start(r, "Spend")
                + [None] * 7
                + [_pounds(r["total"]), _pounds(r["vcse_amount"]), _pct(r["vcse_share"])]
            )
    return rows


def _csv_start(row: dict, figures: str) -> list[Any]:
    grouped = str({"all": ALL_LABEL, **selectors.GROUPS}[row["grouped_by"]])
    why = WITHHELD_TEXT[row["suppressed_because"]] if row["suppressed"] else ""
    shown = "No" if row["suppressed"] else "Yes"
    return [row["year_label"], figures, grouped, row["label"], row["organisations"], shown, why]


def notices_message(result, organisation) -> str:
    """What an import of notices did, in a sentence or three."""

    def notices(count: int) -> str:
        return counted(count, "%(num)s notice", "%(num)s notices")

    if not result.stored:
        if not result.already:
            text = _("Nothing new in %(file)s: no notice has a buyer we could match.")
        elif result.already == 1:
            text = _("Nothing new in %(file)s: its one notice was imported before.")
        else:
            text = _("Nothing new in %(file)s: all %(already)s were imported before.")
    elif result.already:
        text = _("%(file)s was imported: %(stored)s (%(others)s).")
    else:
        text = _("%(file)s was imported: %(stored)s.")
    text = text % {
        "file": result.file_name,
        "already": notices(result.already),
        "stored": notices(result.stored),
        "others": counted(result.already, "%(num)s other was imported before", "%(num)s others were imported before"),
    }
    others = sum(result.other_buyers.values())
    unmatched = sum(result.unmatched.values())
    if organisation is not None and others:
        text += " " + counted(
            others, "%(num)s notice of other buyers was left out.", "%(num)s notices of other buyers were left out."
        )
    if unmatched:
        names = ", ".join(list(result.unmatched)[:5])
        if organisation is not None:
            sentence = ngettext(
                "%(num)s notice names a buyer we could not match (%(names)s); the national team "
                "will match them to organisations.",
                "%(num)s notices name a buyer we could not match "
                "(%(names)s); the national team will match them to organisations.",
                unmatched,
            )
        else:
            sentence = ngettext(
                "%(num)s notice names a buyer not matched yet (%(names)s).",
                "%(num)s notices name a buyer not matched yet (%(names)s).",
                unmatched,
            )
        text += " " + sentence % {"num": number(unmatched), "names": names}
    return text
