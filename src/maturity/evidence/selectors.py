"""Reads of the evidence app: an organisation's indicators per financial year, and national
aggregates for benchmarks with small cells suppressed.

SQL does the adding up (per month, per year, per group of organisations); Python only folds the
months of a financial year together and turns the sums into `Figure`s.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from maturity.evidence.indicators import (
    MINIMUM_COUNT,
    OCDS,
    SPEND,
    Figure,
    financial_year,
    share,
    year_bounds,
)
from maturity.evidence.models import (
    Award,
    BuyerMapping,
    EvidenceImport,
    Notice,
    Procurement,
    SpendLine,
    VcseOrganisation,
)
from maturity.organisations.models import Organisation

# Cells of a national aggregate with fewer organisations than this are suppressed.
SUPPRESS_BELOW = 5


@dataclass
class YearFigures:
    """One source's indicators for one organisation and financial year."""

    source: str
    year: int
    figures: dict[str, Figure] = field(default_factory=dict)
    months: int = 12  # months of the year the data covers (spend files often cover part of one)
    first_month: datetime.date | None = None
    last_month: datetime.date | None = None


def _month_of(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


# --- procurement notices -------------------------------------------------------------------------

def ocds_years(organisation: Organisation) -> list[YearFigures]:
    """The organisation's notice indicators, one entry per financial year with any notice, latest first."""
    sums: dict[int, dict[str, Decimal | int]] = defaultdict(lambda: defaultdict(int))

    notices = (Notice.objects.filter(procurement__organisation=organisation)
               .annotate(month=TruncMonth("date")).values("month").annotate(n=Count("id")))
    for row in notices:
        sums[financial_year(_month_of(row["month"]))]["notices"] += row["n"]

    valued = Q(amount__isnull=False)
    awards = (Award.objects.filter(procurement__organisation=organisation)
              .annotate(month=TruncMonth("date")).values("month")
              .annotate(
                  awards=Count("id"), value=Sum("amount"),
                  sme_known=Count("id", filter=Q(won_by_sme__isnull=False)),
                  sme_won=Count("id", filter=Q(won_by_sme=True)),
                  sme_known_value=Sum("amount", filter=Q(won_by_sme__isnull=False) & valued),
                  sme_known_valued=Count("id", filter=Q(won_by_sme__isnull=False) & valued),
                  sme_value=Sum("amount", filter=Q(won_by_sme=True)),
                  vcse_known=Count("id", filter=Q(won_by_vcse__isnull=False)),
                  vcse_won=Count("id", filter=Q(won_by_vcse=True)),
                  vcse_known_value=Sum("amount", filter=Q(won_by_vcse__isnull=False) & valued),
                  vcse_known_valued=Count("id", filter=Q(won_by_vcse__isnull=False) & valued),
                  vcse_value=Sum("amount", filter=Q(won_by_vcse=True)),
              ))
    for row in awards:
        _add(sums[financial_year(_month_of(row["month"]))], row)

    tenders = (organisation.procurements.annotate(month=TruncMonth("first_published")).values("month")
               .annotate(
                   tenders=Count("id"),
                   sme_flagged=Count("id", filter=Q(suitable_for_smes__isnull=False)),
                   sme_suitable=Count("id", filter=Q(suitable_for_smes=True)),
                   vcse_flagged=Count("id", filter=Q(suitable_for_vcses__isnull=False)),
                   vcse_suitable=Count("id", filter=Q(suitable_for_vcses=True)),
                   method_known=Count("id", filter=~Q(procurement_method="")),
                   open=Count("id", filter=Q(procurement_method="open")),
                   tenderers_known=Count("id", filter=Q(number_of_tenderers__isnull=False)),
                   tenderers=Sum("number_of_tenderers"),
               ))
    for row in tenders:
        _add(sums[financial_year(_month_of(row["month"]))], row)

    return [YearFigures(OCDS, year, ocds_figures(year, totals)) for year, totals in sorted(sums.items(), reverse=True)]


def _add(target: dict, row: dict) -> None:
    for key, value in row.items():
        if key != "month" and value is not None:
            target[key] += value


def ocds_figures(year: int, s: dict) -> dict[str, Figure]:
    """The notice indicators of one year from its sums (plain numbers: tested without a database)."""
    g = lambda key: s.get(key, 0) or 0  # noqa: E731
    figures = [
        Figure("notices-published", year, g("notices")),
        Figure("awards", year, g("awards")),
        Figure("award-value", year, g("value") if g("awards") else None),
        Figure("awards-to-smes", year, share(g("sme_won"), g("sme_known")), g("sme_known"), g("sme_won")),
        Figure("award-value-to-smes", year, share(g("sme_value"), g("sme_known_value")), g("sme_known_valued"), g("sme_value")),
        Figure("awards-to-vcses", year, share(g("vcse_won"), g("vcse_known")), g("vcse_known"), g("vcse_won")),
        Figure("award-value-to-vcses", year, share(g("vcse_value"), g("vcse_known_value")), g("vcse_known_valued"), g("vcse_value")),
        Figure("tenders-suitable-for-smes", year, share(g("sme_suitable"), g("sme_flagged")), g("sme_flagged"), g("sme_suitable")),
        Figure("tenders-suitable-for-vcses", year, share(g("vcse_suitable"), g("vcse_flagged")), g("vcse_flagged"), g("vcse_suitable")),
        Figure("open-procedures", year, share(g("open"), g("method_known")), g("method_known"), g("open")),
        Figure("average-tenderers", year, share(g("tenderers"), g("tenderers_known")), g("tenderers_known"), g("tenderers")),
    ]
    return {f.key: f for f in figures}


# --- spend ---------------------------------------------------------------------------------------

def vcse_condition() -> Q:
    """A spend line is with a VCSE when the file flags it, gives a charity number, or names a
    recipient on the organisation's grant list (by name, charity number or company number)."""
    grant_list = VcseOrganisation.objects.filter(organisation_id=OuterRef("organisation_id"))
    return Q(kind=SpendLine.Kind.NAMED) & (
        Q(vcse=True)
        | ~Q(charity_number="")
        | Q(Exists(grant_list.filter(key=OuterRef("supplier_key"))))
        | Q(Exists(grant_list.exclude(company_number="").filter(company_number=OuterRef("company_number"))))
    )


def spend_years(organisation: Organisation) -> list[YearFigures]:
    """The organisation's spend indicators, one entry per financial year with any spend, latest first."""
    lines = organisation.spend_lines.all()
    months = sorted({_month_of(m) for m in lines.values_list("month", flat=True).distinct()})
    by_year: dict[int, list[datetime.date]] = defaultdict(list)
    for month in months:
        by_year[financial_year(month)].append(month)
    result = []
    named = Q(kind=SpendLine.Kind.NAMED)
    for year in sorted(by_year, reverse=True):
        start, end = year_bounds(year)
        in_year = lines.filter(month__gte=start, month__lt=end)
        sums = in_year.aggregate(
            total=Sum("amount"),
            suppliers=Count("supplier_key", filter=named, distinct=True),
            vcse_amount=Sum("amount", filter=vcse_condition()),
            sme_known=Sum("amount", filter=named & Q(sme__isnull=False)),
            sme_amount=Sum("amount", filter=named & Q(sme=True)),
            sme_suppliers=Count("supplier_key", filter=named & Q(sme__isnull=False), distinct=True),
        )
        top = (in_year.filter(named).values("supplier_key").annotate(spent=Sum("amount")).order_by("-spent", "supplier_key")[:10])
        sums["top10"] = sum((row["spent"] for row in top), Decimal(0))
        year_months = by_year[year]
        result.append(YearFigures(SPEND, year, spend_figures(year, sums), months=len(year_months),
                                  first_month=year_months[0], last_month=year_months[-1]))
    return result


def spend_figures(year: int, s: dict) -> dict[str, Figure]:
    """The spend indicators of one year from its sums (plain numbers: tested without a database)."""
    total = s.get("total") or Decimal(0)
    suppliers = s.get("suppliers") or 0
    positive = total if total > 0 else None
    figures = [
        Figure("spend-total", year, total),
        Figure("spend-suppliers", year, suppliers),
        Figure("spend-top-10-share", year, share(s.get("top10") or 0, positive), suppliers, s.get("top10")),
        Figure("spend-vcse-share", year, share(s.get("vcse_amount") or 0, positive), suppliers, s.get("vcse_amount")),
        Figure("spend-sme-share", year, share(s.get("sme_amount") or 0, s.get("sme_known")) if s.get("sme_known") else None,
               s.get("sme_suppliers") or 0, s.get("sme_amount")),
    ]
    return {f.key: f for f in figures}


def organisation_years(organisation: Organisation) -> dict[str, list[YearFigures]]:
    return {OCDS: ocds_years(organisation), SPEND: spend_years(organisation)}


def latest_imports(organisation: Organisation) -> dict[str, EvidenceImport | None]:
    """The latest import of each kind that brought the organisation's data in. Notices may have
    come in a national import, which belongs to no organisation."""
    spend = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.SPEND).first()
    grants = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.GRANTS).first()
    notice = (Notice.objects.filter(procurement__organisation=organisation, evidence_import__isnull=False)
              .select_related("evidence_import").order_by("-evidence_import__imported_at").first())
    return {OCDS: notice.evidence_import if notice else None, SPEND: spend, "grants": grants}


# --- national aggregates -------------------------------------------------------------------------

GROUPS = {"type": "Council type", "region": "Region"}


def national_years() -> list[int]:
    years = {financial_year(_month_of(m)) for m in Award.objects.filter(procurement__organisation__isnull=False)
             .annotate(m=TruncMonth("date")).values_list("m", flat=True).distinct()}
    years |= {financial_year(_month_of(m)) for m in SpendLine.objects.values_list("month", flat=True).distinct()}
    return sorted(years, reverse=True)


def _suppress(rows: list[dict], value_keys: list[str]) -> list[dict]:
    for row in rows:
        row["suppressed"] = row["organisations"] < SUPPRESS_BELOW
        if row["suppressed"]:
            for key in value_keys:
                row[key] = None
    return rows


def national_awards(*, year: int, group_by: str = "type") -> list[dict]:
    """Awards per group of organisations (council type or region) in a financial year: how many
    organisations, awards, and the shares won by SMEs and VCSEs (pooled over the group). Groups
    of fewer than SUPPRESS_BELOW organisations are suppressed; a share over fewer than
    MINIMUM_COUNT awards is left out."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}")
    start, end = year_bounds(year)
    column = f"procurement__organisation__{group_by}"
    rows = list(
        Award.objects.filter(procurement__organisation__isnull=False, date__gte=start, date__lt=end)
        .values(column)
        .annotate(
            organisations=Count("procurement__organisation", distinct=True),
            awards=Count("id"),
            sme_known=Count("id", filter=Q(won_by_sme__isnull=False)),
            sme_won=Count("id", filter=Q(won_by_sme=True)),
            vcse_known=Count("id", filter=Q(won_by_vcse__isnull=False)),
            vcse_won=Count("id", filter=Q(won_by_vcse=True)),
        )
        .order_by(column)
    )
    for row in rows:
        row["group"] = row.pop(column)
        row["sme_share"] = share(row["sme_won"], row["sme_known"]) if row["sme_known"] >= MINIMUM_COUNT else None
        row["vcse_share"] = share(row["vcse_won"], row["vcse_known"]) if row["vcse_known"] >= MINIMUM_COUNT else None
    return _suppress(rows, ["awards", "sme_known", "sme_won", "vcse_known", "vcse_won", "sme_share", "vcse_share"])


def national_spend(*, year: int, group_by: str = "type") -> list[dict]:
    """Spend per group of organisations in a financial year: how many organisations, total spend
    and the share with VCSEs. Groups of fewer than SUPPRESS_BELOW organisations are suppressed."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}")
    start, end = year_bounds(year)
    column = f"organisation__{group_by}"
    rows = list(
        SpendLine.objects.filter(month__gte=start, month__lt=end)
        .values(column)
        .annotate(organisations=Count("organisation", distinct=True), total=Sum("amount"),
                  vcse_amount=Sum("amount", filter=vcse_condition()))
        .order_by(column)
    )
    for row in rows:
        row["group"] = row.pop(column)
        row["vcse_share"] = share(row["vcse_amount"] or 0, row["total"]) if row["total"] and row["total"] > 0 else None
    return _suppress(rows, ["total", "vcse_amount", "vcse_share"])


def unmatched_buyers():
    """Buyers awaiting the national team's decision, with how many procurements name them."""
    stored = (Procurement.objects.filter(buyer_key=OuterRef("key")).order_by().values("buyer_key")
              .annotate(n=Count("id")).values("n"))
    return (BuyerMapping.objects.filter(status=BuyerMapping.Status.UNMATCHED)
            .annotate(procurements=Coalesce(Subquery(stored), 0))
            .order_by("-procurements", "name"))
