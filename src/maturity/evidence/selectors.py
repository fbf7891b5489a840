"""Reads of the evidence app: an organisation's indicators per financial year, and national
aggregates for benchmarks with small cells suppressed.

SQL does the adding up (per month, per year, per group of organisations); Python only folds the
months of a financial year together and turns the sums into `Figure`s.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext_lazy

from maturity import suppression
from maturity.benchmarks import ledger
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
from maturity.suppression import MINIMUM


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

    notices = (
        Notice.objects.filter(procurement__organisation=organisation)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("id"))
    )
    for row in notices:
        sums[financial_year(_month_of(row["month"]))]["notices"] += row["n"]

    valued = Q(amount__isnull=False)
    awards = (
        Award.objects.filter(procurement__organisation=organisation)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            awards=Count("id"),
            value=Sum("amount"),
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
        )
    )
    for row in awards:
        _add(sums[financial_year(_month_of(row["month"]))], row)

    tenders = (
        organisation.procurements.annotate(month=TruncMonth("first_published"))
        .values("month")
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
        )
    )
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
        Figure(
            "award-value-to-smes",
            year,
            share(g("sme_value"), g("sme_known_value")),
            g("sme_known_valued"),
            g("sme_value"),
        ),
        Figure("awards-to-vcses", year, share(g("vcse_won"), g("vcse_known")), g("vcse_known"), g("vcse_won")),
        Figure(
            "award-value-to-vcses",
            year,
            share(g("vcse_value"), g("vcse_known_value")),
            g("vcse_known_valued"),
            g("vcse_value"),
        ),
        Figure(
            "tenders-suitable-for-smes",
            year,
            share(g("sme_suitable"), g("sme_flagged")),
            g("sme_flagged"),
            g("sme_suitable"),
        ),
        Figure(
            "tenders-suitable-for-vcses",
            year,
            share(g("vcse_suitable"), g("vcse_flagged")),
            g("vcse_flagged"),
            g("vcse_suitable"),
        ),
        Figure("open-procedures", year, share(g("open"), g("method_known")), g("method_known"), g("open")),
        Figure(
            "average-tenderers", year, share(g("tenderers"), g("tenderers_known")), g("tenderers_known"), g("tenderers")
        ),
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
        top = (
            in_year.filter(named)
            .values("supplier_key")
            .annotate(spent=Sum("amount"))
            .order_by("-spent", "supplier_key")[:10]
        )
        sums["top10"] = sum((row["spent"] for row in top), Decimal(0))
        year_months = by_year[year]
        result.append(
            YearFigures(
                SPEND,
                year,
                spend_figures(year, sums),
                months=len(year_months),
                first_month=year_months[0],
                last_month=year_months[-1],
            )
        )
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
        Figure(
            "spend-sme-share",
            year,
            share(s.get("sme_amount") or 0, s.get("sme_known")) if s.get("sme_known") else None,
            s.get("sme_suppliers") or 0,
            s.get("sme_amount"),
        ),
    ]
    return {f.key: f for f in figures}


def organisation_years(organisation: Organisation) -> dict[str, list[YearFigures]]:
    """The figures of each source, the sources the organisation has no data from left unread:
    most councils have none yet, and the pages that show evidence should not pay for it."""
    has = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(
            notices=Exists(Procurement.objects.filter(organisation=OuterRef("pk"))),
            spend=Exists(SpendLine.objects.filter(organisation=OuterRef("pk"))),
        )
        .values_list("notices", "spend")
        .get()
    )
    return {OCDS: ocds_years(organisation) if has[0] else [], SPEND: spend_years(organisation) if has[1] else []}


def latest_imports(organisation: Organisation) -> dict[str, EvidenceImport | None]:
    """The latest import of each kind that brought the organisation's data in. Notices may have
    come in a national import, which belongs to no organisation."""
    spend = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.SPEND).first()
    grants = organisation.evidence_imports.filter(kind=EvidenceImport.Kind.GRANTS).first()
    notice = (
        Notice.objects.filter(procurement__organisation=organisation, evidence_import__isnull=False)
        .select_related("evidence_import")
        .order_by("-evidence_import__imported_at")
        .first()
    )
    return {OCDS: notice.evidence_import if notice else None, SPEND: spend, "grants": grants}


# --- national aggregates -------------------------------------------------------------------------

GROUPS = {"type": gettext_lazy("Council type"), "region": gettext_lazy("Region")}
ALL = ("all", "")  # every organisation with data: the total that each grouping adds up to

# Why a group's figures are withheld.
FEWER = "fewer-organisations"  # it has fewer than MINIMUM organisations
PROTECTS = "protects-another-group"  # showing it would let a withheld group be worked out
CHANGED = "changed-since-shown"  # compared with figures shown before, it would tell a few organisations' data (rule 5)

AWARD_SUMS = ("awards", "sme_known", "sme_won", "vcse_known", "vcse_won")
SPEND_SUMS = ("total", "vcse_amount")


def national_years() -> list[int]:
    years = {
        financial_year(_month_of(m))
        for m in Award.objects.filter(procurement__organisation__isnull=False)
        .annotate(m=TruncMonth("date"))
        .values_list("m", flat=True)
        .distinct()
    }
    years |= {financial_year(_month_of(m)) for m in SpendLine.objects.values_list("month", flat=True).distinct()}
    return sorted(years, reverse=True)


def withheld_groups(cells: list[tuple[str, str, int]]) -> dict[tuple[str, str], str]:
    """Which groups must not be shown, and why, from the organisations with data per council type
    and region: `cells` is [(type, region, organisations)]. Pure: tested without a database.

    The benchmarks' one suppression rule (maturity.suppression) over the groups' sizes: a group
    of fewer than MINIMUM organisations is withheld; each grouping adds up to all
    organisations, so the groups withheld in it are none, or at least two together counting
    MINIMUM; of two groups where one holds the other (London and the London boroughs) and
    they differ by 1 to MINIMUM - 1 organisations, the smaller is withheld; and no sum or
    difference of the groups shown (a region, minus the part of a type in another region...) may
    describe fewer than MINIMUM organisations (`suppression.chain_withheld`, with the
    type-region cells as its atoms)."""
    # Sorted, so that the same cells in any order give the same answer (suppress breaks ties by order).
    return dict(_withheld(tuple(sorted((t, r, n) for t, r, n in cells if n > 0))))


@lru_cache(maxsize=256)  # pure, and the same few tables are asked for again and again
def _withheld(cells: tuple[tuple[str, str, int], ...]) -> tuple[tuple[tuple[str, str], str], ...]:
    table, sizes, groups = _table(cells)
    # Each type-region cell is an atom; of groups of one size, all organisations is withheld last.
    populations = {group: [i for i, (t, r, _) in enumerate(cells) if group in _groups_of(t, r)] for group in groups}
    withheld = suppression.suppress_with_chains(
        table,
        sizes={i: n for i, (_, _, n) in enumerate(cells)},
        populations=populations,
        size_cells={group: group for group in groups},
        minimum=MINIMUM,
    )
    return tuple((key, FEWER if sizes[key] < MINIMUM else PROTECTS) for key in sorted(withheld))


def withheld_over_time(
    cells: list[tuple[str, str, int]],
    records: Mapping[tuple[str, str], Iterable[str]],
    earlier: Mapping[int, Iterable[str]],
) -> dict[tuple[str, str], str]:
    """`withheld_groups`, and rule 5 (ADR 0016): no sum or difference of the groups shown now and
    those shown before (`earlier`, the ledger's) describes fewer than MINIMUM organisations'
    data. `records` gives each group's organisations as ledger records (an organisation with the
    imports its figures come from: an import changes its record). Pure."""
    cells = tuple(sorted((t, r, n) for t, r, n in cells if n > 0))
    if not earlier:
        return withheld_groups(list(cells))
    table, sizes, groups = _table(cells)
    atoms, now, before = suppression.record_atoms({group: records.get(group, ()) for group in groups}, earlier)
    withheld = suppression.suppress_with_chains(
        table,
        sizes=atoms,
        populations=now,
        earlier=before,
        size_cells={group: group for group in groups},
        minimum=MINIMUM,
    )
    plain = dict(withheld_groups(list(cells)))
    return {key: FEWER if sizes[key] < MINIMUM else plain.get(key, CHANGED) for key in sorted(withheld)}


def _table(cells: tuple[tuple[str, str, int], ...]) -> tuple[suppression.Table, dict[tuple[str, str], int], list]:
    """The lines of rules 1 to 3 over the groups (all, each type, each region), their sizes, and
    the groups in the order rule 4 breaks ties by."""
    sizes: dict[tuple[str, str], int] = defaultdict(int)
    overlaps: dict[tuple, int] = defaultdict(int)
    for type_, region, organisations in cells:
        for key in _groups_of(type_, region):
            sizes[key] += organisations
        overlaps[(("type", type_), ("region", region))] += organisations
    for key, size in sizes.items():
        if key != ALL:
            overlaps[(ALL, key)] = size
    table = suppression.Table(values=dict(sizes), populations=dict.fromkeys(sizes, ()))
    for dimension in GROUPS:
        table.add_line(ALL, [key for key in sizes if key[0] == dimension])
    pairs = suppression.nested_pairs(sizes, overlaps)
    suppression.protect_nested(table, pairs, {key: (key,) for key in sizes}, minimum=MINIMUM)
    return table, sizes, [*sorted(key for key in sizes if key != ALL), ALL]


def _groups_of(type_: str, region: str) -> tuple[tuple[str, str], ...]:
    return (ALL, ("type", type_), ("region", region))


def _grouped(cells: list[dict], sums: tuple[str, ...]) -> dict[tuple[str, str], dict]:
    """The sums of each group (all organisations, each council type, each region) from the sums
    per council type and region, which SQL made: every organisation is in exactly one cell."""
    groups: dict[tuple[str, str], dict] = {ALL: {"organisations": 0, **dict.fromkeys(sums, 0)}}
    for cell in cells:
        for key in (ALL, ("type", cell["type"]), ("region", cell["region"])):
            row = groups.setdefault(key, {"organisations": 0, **dict.fromkeys(sums, 0)})
            row["organisations"] += cell["organisations"]
            for name in sums:
                row[name] += cell[name] or 0
    return groups


def _national(
    cells: list[dict], sums: tuple[str, ...], shares, *, kind: str, records: Mapping[tuple[str, str], frozenset[str]]
) -> dict[str, Any]:
    """{"all": row, "type": [rows], "region": [rows]}, each row with its group, organisations,
    sums and shares, or with every figure None when it is withheld (`suppressed`, `reason`).
    With no data at all, "all" is None and there are no groups. What is shown is remembered in
    the ledger under `kind` (rule 5: the figures are shown to anyone, so every reading counts)."""
    if not cells:
        return {"all": None, **{dimension: [] for dimension in GROUPS}}
    groups = _grouped(cells, sums)
    withheld = withheld_over_time(
        [(c["type"], c["region"], c["organisations"]) for c in cells], records, ledger.earlier(kind)
    )
    ledger.remember(
        kind, {_label(key): records.get(key, ()) for key in groups if key not in withheld}, source="open-data"
    )
    result: dict[str, Any] = {dimension: [] for dimension in GROUPS}
    for key in sorted(groups, key=lambda k: (k[0], k[1])):
        row = {"group": key[1], **groups[key]}
        row.update(shares(row))
        row["suppressed"], row["reason"] = key in withheld, withheld.get(key, "")
        if row["suppressed"]:
            for name in row:
                if name not in ("group", "organisations", "suppressed", "reason"):
                    row[name] = None
        if key == ALL:
            result["all"] = row
        else:
            result[key[0]].append(row)
    return result


def _label(key: tuple[str, str]) -> str:
    return "All organisations" if key == ALL else f"{GROUPS[key[0]]}: {key[1]}"


def _records(rows: Iterable[tuple]) -> dict[tuple[str, str], frozenset[str]]:
    """Each group's organisations as ledger records, from rows of (organisation, type, region,
    what identifies the version of its data...)."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for organisation, type_, region, *version in rows:
        record = ledger.record(organisation, *version)
        for key in _groups_of(type_, region):
            groups[key].add(record)
    return {key: frozenset(held) for key, held in groups.items()}


def _award_shares(row: dict) -> dict:
    """Pooled over the group's awards; a share over fewer than MINIMUM_COUNT awards is not given."""
    return {
        "sme_share": share(row["sme_won"], row["sme_known"]) if row["sme_known"] >= MINIMUM_COUNT else None,
        "vcse_share": share(row["vcse_won"], row["vcse_known"]) if row["vcse_known"] >= MINIMUM_COUNT else None,
    }


def _spend_shares(row: dict) -> dict:
    total = row["total"]
    return {"vcse_share": share(row["vcse_amount"], total) if total and total > 0 else None}


def national_award_groups(*, year: int) -> dict[str, Any]:
    """Awards in a financial year, for all organisations, by council type and by region: how many
    organisations, awards, and the shares won by SMEs and VCSEs, suppressed (withheld_groups)."""
    start, end = year_bounds(year)
    org = "procurement__organisation"
    cells = list(
        Award.objects.filter(procurement__organisation__isnull=False, date__gte=start, date__lt=end)
        .values(f"{org}__type", f"{org}__region")
        .annotate(
            organisations=Count(org, distinct=True),
            awards=Count("id"),
            sme_known=Count("id", filter=Q(won_by_sme__isnull=False)),
            sme_won=Count("id", filter=Q(won_by_sme=True)),
            vcse_known=Count("id", filter=Q(won_by_vcse__isnull=False)),
            vcse_won=Count("id", filter=Q(won_by_vcse=True)),
        )
        .order_by()  # no ordering column in the GROUP BY
    )
    for cell in cells:
        cell["type"], cell["region"] = cell.pop(f"{org}__type"), cell.pop(f"{org}__region")
    # An organisation's awards of the year as they stand: which, and their amounts and flags.
    versions = (
        Award.objects.filter(procurement__organisation__isnull=False, date__gte=start, date__lt=end)
        .values_list(org, f"{org}__type", f"{org}__region")
        .annotate(
            n=Count("id"),
            ids=Sum("id"),
            amount=Sum("amount"),
            sme=Count("id", filter=Q(won_by_sme=True)),
            vcse=Count("id", filter=Q(won_by_vcse=True)),
            sme_known=Count("id", filter=Q(won_by_sme__isnull=False)),
            vcse_known=Count("id", filter=Q(won_by_vcse__isnull=False)),
        )
        .order_by()
    )
    return _national(cells, AWARD_SUMS, _award_shares, kind=f"open-data:awards:{year}", records=_records(versions))


def national_spend_groups(*, year: int) -> dict[str, Any]:
    """Spend in a financial year, for all organisations, by council type and by region: how many
    organisations, total spend and the share with VCSEs, suppressed (withheld_groups)."""
    start, end = year_bounds(year)
    cells = list(
        SpendLine.objects.filter(month__gte=start, month__lt=end)
        .values("organisation__type", "organisation__region")
        .annotate(
            organisations=Count("organisation", distinct=True),
            total=Sum("amount"),
            vcse_amount=Sum("amount", filter=vcse_condition()),
        )
        .order_by()
    )
    for cell in cells:
        cell["type"], cell["region"] = cell.pop("organisation__type"), cell.pop("organisation__region")
    # An organisation's spend of the year as it stands: the imports it comes from (a corrected
    # file is another import), and its grant list (which decides what counts as VCSE spend).
    grants = Subquery(
        VcseOrganisation.objects.filter(organisation_id=OuterRef("organisation_id"))
        .order_by()
        .values("organisation_id")
        .annotate(latest=Max("evidence_import_id"))
        .values("latest")
    )
    versions = (
        SpendLine.objects.filter(month__gte=start, month__lt=end)
        .values_list("organisation_id", "organisation__type", "organisation__region")
        .annotate(
            imports=Count("evidence_import_id", distinct=True),
            ids=Sum("evidence_import_id", distinct=True),
            latest=Max("evidence_import_id"),
            grants=grants,
        )
        .order_by()
    )
    return _national(cells, SPEND_SUMS, _spend_shares, kind=f"open-data:spend:{year}", records=_records(versions))


def _check_group(group_by: str) -> None:
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(GROUPS)}")


def national_awards(*, year: int, group_by: str = "type") -> list[dict]:
    """The groups of national_award_groups by council type or by region."""
    _check_group(group_by)
    return national_award_groups(year=year)[group_by]


def national_spend(*, year: int, group_by: str = "type") -> list[dict]:
    """The groups of national_spend_groups by council type or by region."""
    _check_group(group_by)
    return national_spend_groups(year=year)[group_by]


def unmatched_buyers():
    """Buyers awaiting the national team's decision, with how many procurements name them."""
    stored = (
        Procurement.objects.filter(buyer_key=OuterRef("key"))
        .order_by()
        .values("buyer_key")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        BuyerMapping.objects.filter(status=BuyerMapping.Status.UNMATCHED)
        .annotate(procurements=Coalesce(Subquery(stored), 0))
        .order_by("-procurements", "name")
    )
