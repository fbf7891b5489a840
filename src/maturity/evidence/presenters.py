"""What the evidence pages show, and the evidence beside the self-assessment on other pages.

Evidence from open data sits beside a self-assessed level with its source, its period and a link
to the figures; it never changes the level. Which indicators speak to which area comes from
data/indicator-areas.yaml.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from maturity.evidence import areas as area_mapping
from maturity.evidence import selectors, spend
from maturity.evidence.indicators import (
    DEFINITIONS,
    MINIMUM_COUNT,
    OCDS,
    SOURCES,
    SPEND,
    period_label,
    year_label,
)
from maturity.evidence.models import EvidenceImport, SpendUpload
from maturity.evidence.selectors import YearFigures
from maturity.organisations.models import Organisation
from maturity.words import date_uk, month_uk, plural

GRANTS = "grants"
SOURCE_TITLES = {OCDS: "Procurement notices", SPEND: "Spend"}


def figures_url(organisation) -> str:
    return reverse("evidence:overview", kwargs={"slug": organisation.slug})


def _latest(years: list[YearFigures]) -> YearFigures | None:
    """The year to show beside an assessment: the latest whole year, else the latest there is."""
    whole = [y for y in years if y.months == 12]
    return (whole or years or [None])[0]


def period_text(year: YearFigures) -> str:
    text = period_label(year.year)
    if year.source == SPEND and year.months < 12 and year.first_month and year.last_month:
        covered = month_uk(year.first_month) if year.months == 1 else f"{month_uk(year.first_month)} to {month_uk(year.last_month)}"
        text += f" (the data covers {year.months} of the 12 months: {covered})"
    return text


def source_text(source: str, imported: EvidenceImport | None) -> str:
    text = SOURCES[source]
    if imported is not None:
        text += f", imported on {date_uk(imported.imported_at)}"
    return text


def _item(key: str, year: YearFigures, source: str, url: str) -> dict[str, Any]:
    figure = year.figures[key]
    definition = DEFINITIONS[key]
    return {
        "key": key,
        "title": definition.title,
        "definition": definition.definition,
        "value": figure.text,
        "enough": figure.enough,
        "note": figure.note,
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
    return [{"framework": framework, "area": area} for framework in area_mapping.mapping()
            for area in area_mapping.areas_for(framework, indicator_key)]


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
        rows.append({"title": definition.title, "definition": definition.definition, "value": figure.text,
                     "enough": figure.enough, "note": figure.note})
    return {"year": year_label(year.year), "period": period_text(year), "rows": rows, "id": f"{year.source}-{year.year}"}


def _import_row(record: EvidenceImport) -> dict[str, Any]:
    s = record.summary or {}
    if record.kind == EvidenceImport.Kind.SPEND:
        what = (f"{plural(s.get('payments', 0), 'payment')} to {plural(s.get('suppliers', 0), 'named supplier')} over {plural(s.get('months', 0), 'month')}; "
                f"{plural(s.get('credit_notes', 0), 'credit note')}, {plural(s.get('under_threshold', 0), 'payment')} under £500, "
                f"{s.get('redacted', 0):,} to redacted recipients")
        if s.get("skipped"):
            what += f"; {plural(s['skipped'], 'row')} without a date or amount skipped"
        if s.get("replaced_lines"):
            what += "; replaced the figures an earlier file gave for the same months"
    elif record.kind == EvidenceImport.Kind.GRANTS:
        what = f"{plural(s.get('recipients', 0), 'organisation')} funded"
    else:
        what = f"{plural(s.get('stored', 0), 'notice')} stored, {s.get('already', 0):,} already imported before"
    period = ""
    if record.first_date and record.last_date:
        period = f"{date_uk(record.first_date)} to {date_uk(record.last_date)}"
    return {"file_name": record.file_name, "kind": record.get_kind_display(), "when": date_uk(record.imported_at),
            "by": record.imported_by.full_name if record.imported_by else "", "what": what, "period": period}


def overview(access) -> dict[str, Any]:
    organisation = access.organisation
    years = selectors.organisation_years(organisation)
    imports = list(organisation.evidence_imports.select_related("imported_by")[:20])
    vcse_list = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.GRANTS).first()
    return {
        "sources": [
            {"key": OCDS, "title": SOURCE_TITLES[OCDS], "source": SOURCES[OCDS],
             "tables": [_table(y) for y in years[OCDS]]},
            {"key": SPEND, "title": SOURCE_TITLES[SPEND], "source": SOURCES[SPEND],
             "tables": [_table(y) for y in years[SPEND]]},
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
        columns.append({"index": index, "heading": heading or f"Column {index + 1}", "samples": values[:3]})
    labels = spend.field_labels()
    recognised = [labels[key] for key in upload.mapping if key]
    missing = [f.label for f in spend.fields() if f.required and f.key not in upload.mapping]
    return {"upload": upload, "columns": columns, "recognised": recognised, "missing": missing, "others": list(others)}


def problem_list(problems: list[str]) -> list[dict[str, str]]:
    return [{"text": p} for p in problems]


# --- national figures: the national team's page, the public benchmarks page and the downloads ------

NATIONAL_TITLE = "Evidence from open data: national figures"
ALL_LABEL = "All organisations"
NATIONAL_SOURCES = {
    OCDS: "Procurement notices that councils publish as open contracting data (OCDS), from Contracts Finder "
          "and Find a Tender",
    SPEND: "Spend over £500 that councils publish under the Local Government Transparency Code, imported by "
           "each council",
}
_POOLED = "Pooled over every organisation of the group (not an average of their shares)."
NATIONAL_DEFINITIONS = {
    "awards": DEFINITIONS["awards"].definition,
    "sme_share": f"{DEFINITIONS['awards-to-smes'].definition} {_POOLED} Not given over fewer than {MINIMUM_COUNT} awards.",
    "vcse_share": f"{DEFINITIONS['awards-to-vcses'].definition} {_POOLED} Not given over fewer than {MINIMUM_COUNT} awards.",
    "total": DEFINITIONS["spend-total"].definition,
    "spend_vcse_share": f"{DEFINITIONS['spend-vcse-share'].definition} {_POOLED}",
}
WITHHELD_TEXT = {
    selectors.FEWER: f"Fewer than {selectors.SUPPRESS_BELOW} organisations: not shown",
    selectors.PROTECTS: "Not shown, so that another group’s figures cannot be worked out from it",
    selectors.CHANGED: (f"Not shown: fewer than {selectors.SUPPRESS_BELOW} organisations’ data has changed since "
                        "these figures were last shown, so comparing them would reveal those organisations’ figures"),
}


def suppression_rule() -> str:
    minimum = selectors.SUPPRESS_BELOW
    return (f"A group of fewer than {minimum} organisations is not shown, so that no council can be picked out. Nor is "
            "a group whose figures would give a withheld group’s away by subtraction: no sum or difference of the "
            f"figures shown describes fewer than {minimum} organisations (so where groups add up to all organisations, "
            f"none or at least two are withheld, together counting {minimum} or more). The number of organisations in "
            "every group is shown.")


def _group_label(group_by: str, key: str) -> str:
    if group_by == "all":
        return ALL_LABEL
    labels = dict(Organisation.Type.choices) if group_by == "type" else {}
    return labels.get(key, key) or "Not recorded"


def _percent(value: float | None) -> str:
    return f"{value * 100:.1f}%" if value is not None else "Too little data"


def _groups_table(groups: dict, group_by: str, caption: str, heads: list[str], figures) -> dict[str, Any] | None:
    """A table of the groups (then all organisations) for govukTable; None when there are none.
    `figures(row)` gives the texts of a shown row's figures, one per heading in `heads`."""
    if not groups[group_by]:
        return None
    rows = []
    for dimension, row in [*((group_by, r) for r in groups[group_by]), ("all", groups["all"])]:
        cells = [{"text": _group_label(dimension, row["group"])},
                 {"text": f"{row['organisations']:,}", "format": "numeric"}]
        if row["suppressed"]:
            cells.append({"text": WITHHELD_TEXT[row["reason"]], "colspan": len(heads)})
        else:
            cells += [{"text": text, "format": "numeric"} for text in figures(row)]
        rows.append(cells)
    head = [{"text": selectors.GROUPS[group_by]}, {"text": "Organisations", "format": "numeric"}]
    return {"caption": caption, "captionClasses": "govuk-table__caption--m", "firstCellIsHeader": True,
            "head": head + [{"text": text, "format": "numeric"} for text in heads], "rows": rows}


def _awards_table(groups: dict, group_by: str, label: str) -> dict[str, Any] | None:
    return _groups_table(groups, group_by, f"Contracts awarded, {label}", ["Awards", "Won by SMEs", "Won by VCSEs"],
                         lambda r: [f"{r['awards']:,}", _percent(r["sme_share"]), _percent(r["vcse_share"])])


def _spend_table(groups: dict, group_by: str, label: str) -> dict[str, Any] | None:
    return _groups_table(groups, group_by, f"Spend, {label}", ["Total spend", "With VCSEs"],
                         lambda r: [f"£{r['total']:,.0f}", _percent(r["vcse_share"])])


def national_figures(year: int | None, group_by: str) -> dict[str, Any]:
    """The national aggregates of one financial year by council type or region, suppressed
    (selectors.withheld_groups), as tables: the same on the national team's page and the public
    benchmarks page."""
    years = selectors.national_years()
    year = year if year in years else (years[0] if years else None)
    page: dict[str, Any] = {
        "years": years, "year": year, "year_label": year_label(year) if year is not None else "",
        "period": period_label(year) if year is not None else "",
        "group_by": group_by, "group_title": selectors.GROUPS[group_by],
        "suppress_below": selectors.SUPPRESS_BELOW, "minimum": MINIMUM_COUNT, "rule": suppression_rule(),
        "sources": NATIONAL_SOURCES, "definitions": _definition_list(),
    }
    if year is not None:
        label = year_label(year)
        page["awards_table"] = _awards_table(selectors.national_award_groups(year=year), group_by, label)
        page["spend_table"] = _spend_table(selectors.national_spend_groups(year=year), group_by, label)
    return page


def _definition_list() -> list[dict[str, str]]:
    titles = {"awards": "Awards", "sme_share": "Won by SMEs", "vcse_share": "Won by VCSEs", "total": "Total spend",
              "spend_vcse_share": "With VCSEs"}
    return [{"title": titles[key], "text": text} for key, text in NATIONAL_DEFINITIONS.items()]


def national_page(year: int | None, group_by: str) -> dict[str, Any]:
    """The national team's page: the national figures, with the buyers to match and the files
    imported nationally."""
    return {
        **national_figures(year, group_by),
        "unmatched": selectors.unmatched_buyers().count(),
        "imports": [_import_row(r) for r in EvidenceImport.objects.filter(organisation__isnull=True)
                    .select_related("imported_by")[:20]],
    }


# --- the national figures as data: downloads and the API --------------------------------------------

def _number(value) -> float | None:
    return None if value is None else round(float(value), 4)


def _money(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _base_row(year: int, group_by: str, row: dict) -> dict[str, Any]:
    return {
        "year": year, "year_label": year_label(year), "grouped_by": group_by, "group": row["group"],
        "label": _group_label(group_by, row["group"]), "organisations": row["organisations"],
        "suppressed": row["suppressed"], "suppressed_because": row["reason"] or None,
    }


def _rows(groups: dict) -> list[tuple[str, dict]]:
    if groups["all"] is None:
        return []
    return [("all", groups["all"])] + [(g, row) for g in selectors.GROUPS for row in groups[g]]


def national_award_rows(year: int) -> list[dict[str, Any]]:
    """Every group's award figures of one year (all organisations, then by type, then by region),
    as plain data: a withheld figure is None."""
    return [{**_base_row(year, group_by, row), "awards": row["awards"], "sme_known": row["sme_known"],
             "sme_won": row["sme_won"], "sme_share": _number(row["sme_share"]), "vcse_known": row["vcse_known"],
             "vcse_won": row["vcse_won"], "vcse_share": _number(row["vcse_share"])}
            for group_by, row in _rows(selectors.national_award_groups(year=year))]


def national_spend_rows(year: int) -> list[dict[str, Any]]:
    """Every group's spend figures of one year, as national_award_rows."""
    return [{**_base_row(year, group_by, row), "total": _money(row["total"]),
             "vcse_amount": _money(row["vcse_amount"]), "vcse_share": _number(row["vcse_share"])}
            for group_by, row in _rows(selectors.national_spend_groups(year=year))]


def national_about() -> dict[str, Any]:
    """What the national figures are: their sources, definitions and the suppression rule."""
    return {
        "title": NATIONAL_TITLE,
        "years": [{"year": y, "label": year_label(y), "period": period_label(y)} for y in selectors.national_years()],
        "sources": {"awards": NATIONAL_SOURCES[OCDS], "spend": NATIONAL_SOURCES[SPEND]},
        "definitions": NATIONAL_DEFINITIONS,
        "suppression": {"minimum": selectors.SUPPRESS_BELOW, "withheld_value": None, "rule": suppression_rule()},
        "minimum_count": MINIMUM_COUNT,
    }


def national_document() -> dict[str, Any]:
    """The JSON download: every year's figures, by every grouping."""
    about = national_about()
    return {**about, "years": [{**y, "awards": national_award_rows(y["year"]), "spend": national_spend_rows(y["year"])}
                               for y in about["years"]]}


NATIONAL_CSV_COLUMNS = [
    "Financial year", "Figures", "Grouped by", "Group", "Organisations", "Shown", "Why not shown",
    "Awards", "Awards with the supplier's size published", "Awards won by SMEs", "Won by SMEs (%)",
    "Awards saying whether the supplier is a VCSE", "Awards won by VCSEs", "Won by VCSEs (%)",
    "Total spend (£)", "Spend with VCSEs (£)", "Spend with VCSEs (%)",
]


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _pounds(value: float | None) -> Decimal | None:
    """Pence shown, as a number (a negative total must not be taken for a formula and quoted)."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def national_csv_rows() -> list[list[Any]]:
    """The CSV download's rows, in the order of NATIONAL_CSV_COLUMNS: every year, awards then spend."""
    rows = []
    for year in selectors.national_years():
        for r in national_award_rows(year):
            rows.append(_csv_start(r, "Contracts awarded") + [
                r["awards"], r["sme_known"], r["sme_won"], _pct(r["sme_share"]), r["vcse_known"], r["vcse_won"],
                _pct(r["vcse_share"]), None, None, None])
        for r in national_spend_rows(year):
            rows.append(_csv_start(r, "Spend") + [None] * 7
                        + [_pounds(r["total"]), _pounds(r["vcse_amount"]), _pct(r["vcse_share"])])
    return rows


def _csv_start(row: dict, figures: str) -> list[Any]:
    grouped = {"all": "All organisations", **selectors.GROUPS}[row["grouped_by"]]
    why = WITHHELD_TEXT[row["suppressed_because"]] if row["suppressed"] else ""
    shown = "No" if row["suppressed"] else "Yes"
    return [row["year_label"], figures, grouped, row["label"], row["organisations"], shown, why]


def notices_message(result, organisation) -> str:
    """What an import of notices did, in a sentence or three."""
    if not result.stored:
        text = f"Nothing new in {result.file_name}: "
        if not result.already:
            text += "no notice has a buyer we could match."
        else:
            text += "its one notice was imported before." if result.already == 1 else f"all {plural(result.already, 'notice')} were imported before."
    else:
        text = f"{result.file_name} was imported: {plural(result.stored, 'notice')}"
        if result.already:
            text += f" ({plural(result.already, 'other')} {'was' if result.already == 1 else 'were'} imported before)"
        text += "."
    others = sum(result.other_buyers.values())
    unmatched = sum(result.unmatched.values())
    if organisation is not None and others:
        text += f" {plural(others, 'notice')} of other buyers {'was' if others == 1 else 'were'} left out."
    if unmatched:
        names = ", ".join(list(result.unmatched)[:5])
        text += (f" {plural(unmatched, 'notice')} {'names' if unmatched == 1 else 'name'} a buyer we could not match ({names}); the national team will "
                 "match them to organisations." if organisation is not None else
                 f" {plural(unmatched, 'notice')} {'names' if unmatched == 1 else 'name'} a buyer not matched yet ({names}).")
    return text
