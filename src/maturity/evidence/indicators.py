"""What each open-data indicator is, and how a figure is turned into something safe to show.

Pure functions, no Django. Every indicator has a definition shown beside it wherever it appears.
A share or an average computed over fewer than MINIMUM_COUNT items says so instead of showing a
figure: "2 of 3 awards" as "67%" would mislead (docs/adr/0010-open-data-evidence.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal


def N_(text: str) -> str:
    """Marks a text for translation (Babel finds it); the pages translate it where they show it
    (evidence.presenters). The data downloads and the API keep the English."""
    return text


# The fewest items (awards, tenders, suppliers...) a share or an average is shown for.
MINIMUM_COUNT = 5

OCDS = "ocds"
SPEND = "spend"

SOURCES = {
    OCDS: N_("Procurement notices the council published as open contracting data (OCDS)"),
    SPEND: N_("Spend over £500 the council published under the Local Government Transparency Code"),
}


@dataclass(frozen=True)
class Definition:
    key: str
    source: str
    title: str
    definition: str
    unit: str  # "count", "money", "percent" or "average"
    counted: str = N_("items")  # what the minimum count counts, for the "too few" message


_DEFINITIONS = [
    Definition(
        "notices-published",
        OCDS,
        N_("Notices published"),
        N_(
            "Procurement notices (OCDS releases) with the council as buyer, dated in the year. "
            "Each tender, award or contract notice counts once."
        ),
        "count",
    ),
    Definition(
        "awards",
        OCDS,
        N_("Contracts awarded"),
        N_(
            "Awards dated in the year (the award date, or the notice date when the award has none), "
            "leaving out cancelled and unsuccessful ones."
        ),
        "count",
    ),
    Definition(
        "award-value",
        OCDS,
        N_("Value of contracts awarded"),
        N_(
            "The total value in pounds of those awards. Awards without a value, or in another "
            "currency, are left out of the total."
        ),
        "money",
    ),
    Definition(
        "awards-to-smes",
        OCDS,
        N_("Awards won by SMEs, by number"),
        N_(
            "Of the awards whose suppliers' size is published (details.scale of the supplier in the "
            "notice), the share won by a small or medium-sized enterprise (micro or sme)."
        ),
        "percent",
        N_("awards with the supplier's size published"),
    ),
    Definition(
        "award-value-to-smes",
        OCDS,
        N_("Awards won by SMEs, by value"),
        N_("The same awards, as a share of their total value in pounds."),
        "percent",
        N_("awards with the supplier's size and the value published"),
    ),
    Definition(
        "awards-to-vcses",
        OCDS,
        N_("Awards won by VCSEs, by number"),
        N_(
            "Of the awards that say whether the supplier is a voluntary, community or social "
            "enterprise (details.vcse of the supplier in the notice), the share won by one."
        ),
        "percent",
        N_("awards saying whether the supplier is a VCSE"),
    ),
    Definition(
        "award-value-to-vcses",
        OCDS,
        N_("Awards won by VCSEs, by value"),
        N_("The same awards, as a share of their total value in pounds."),
        "percent",
        N_("awards saying whether the supplier is a VCSE, with the value published"),
    ),
    Definition(
        "tenders-suitable-for-smes",
        OCDS,
        N_("Tenders marked suitable for SMEs"),
        N_(
            "Of the procurements first published in the year that say whether they suit SMEs "
            "(tender.suitability.sme, or isSuitableForSme in older Contracts Finder notices), the "
            "share marked suitable."
        ),
        "percent",
        N_("tenders saying whether they suit SMEs"),
    ),
    Definition(
        "tenders-suitable-for-vcses",
        OCDS,
        N_("Tenders marked suitable for VCSEs"),
        N_(
            "Of the procurements first published in the year that say whether they suit VCSEs "
            "(tender.suitability.vcse, or isSuitableForVco in older Contracts Finder notices), the "
            "share marked suitable."
        ),
        "percent",
        N_("tenders saying whether they suit VCSEs"),
    ),
    Definition(
        "open-procedures",
        OCDS,
        N_("Open procedures"),
        N_(
            "Of the procurements first published in the year that state their procedure "
            "(tender.procurementMethod), the share run as an open procedure."
        ),
        "percent",
        N_("tenders stating their procedure"),
    ),
    Definition(
        "average-tenderers",
        OCDS,
        N_("Average number of tenderers"),
        N_(
            "The average number of tenders received (tender.numberOfTenderers), over the "
            "procurements first published in the year that publish it."
        ),
        "average",
        N_("procurements publishing the number of tenderers"),
    ),
    Definition(
        "spend-total",
        SPEND,
        N_("Total spend"),
        N_(
            "Payments in the year net of credit notes, including payments under £500 where the "
            "council publishes them and payments whose recipient was redacted."
        ),
        "money",
    ),
    Definition(
        "spend-suppliers",
        SPEND,
        N_("Suppliers paid"),
        N_(
            "The number of different suppliers named in the year's payments (redacted and "
            "unnamed recipients are not counted)."
        ),
        "count",
    ),
    Definition(
        "spend-top-10-share",
        SPEND,
        N_("Share of spend with the 10 largest suppliers"),
        N_("The spend with the 10 suppliers paid most in the year, as a share of total spend."),
        "percent",
        N_("named suppliers"),
    ),
    Definition(
        "spend-vcse-share",
        SPEND,
        N_("Share of spend with VCSEs"),
        N_(
            "Spend with suppliers that the file flags as voluntary, community or social "
            "enterprises, that have a charity number, or that are on the grant list the council "
            "uploaded (360Giving), as a share of total spend."
        ),
        "percent",
        N_("named suppliers"),
    ),
    Definition(
        "spend-sme-share",
        SPEND,
        N_("Share of spend with SMEs"),
        N_(
            "Of the spend with suppliers whose size the file gives, the share with small or "
            "medium-sized enterprises. Shown only where the file says which suppliers are SMEs."
        ),
        "percent",
        N_("suppliers whose size is given"),
    ),
]
DEFINITIONS: dict[str, Definition] = {d.key: d for d in _DEFINITIONS}


@dataclass(frozen=True)
class Figure:
    """One indicator for one organisation and financial year, ready to show."""

    key: str
    year: int
    value: float | int | Decimal | None
    count: int | None = None  # what a share or average is computed over
    numerator: float | int | Decimal | None = None

    @property
    def definition(self) -> Definition:
        return DEFINITIONS[self.key]

    @property
    def enough(self) -> bool:
        if self.definition.unit in ("percent", "average"):
            return self.value is not None and (self.count or 0) >= MINIMUM_COUNT
        return self.value is not None

    @property
    def text(self) -> str:
        if not self.enough:
            return "Too little data"
        return format_value(self.definition.unit, self.value)

    @property
    def note(self) -> str:
        unit = self.definition.unit
        if unit in ("percent", "average"):
            counted = self.definition.counted
            if not self.enough:
                count = self.count or 0
                return f"Too little data to give a figure: {count} {counted}; at least {MINIMUM_COUNT} are needed."
            return f"Over {self.count:,} {counted}."
        return ""


def format_value(unit: str, value) -> str:
    if value is None:
        return "No data"
    if unit == "count":
        return f"{int(value):,}"
    if unit == "money":
        return money(value)
    if unit == "percent":
        return f"{float(value) * 100:.1f}%"
    if unit == "average":
        return f"{float(value):.1f}"
    raise ValueError(f"unknown unit {unit}")


def money(value) -> str:
    amount = float(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 1_000_000:
        return f"{sign}£{amount / 1_000_000:,.1f} million"
    return f"{sign}£{amount:,.0f}"


def share(numerator, denominator) -> float | None:
    if not denominator:
        return None
    return float(numerator) / float(denominator)


# --- financial years ------------------------------------------------------------------------


def financial_year(day: datetime.date) -> int:
    """The financial year (April to March) a day falls in, by the year it starts: 2024 for
    1 April 2024 to 31 March 2025."""
    return day.year if day.month >= 4 else day.year - 1


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first day of the financial year and the first day of the next one."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 4, 1)


def year_label(year: int) -> str:
    return f"{year} to {year + 1}"


def period_label(year: int) -> str:
    return f"April {year} to March {year + 1}"
