"""Small sets of evidence, stored through the evidence services, for tests of the pages, reports
and API that show it: spend of one month per supplier, and awards of one procurement."""

from __future__ import annotations

import datetime
from decimal import Decimal

from maturity.evidence import services, spend
from maturity.evidence.models import Award, Procurement

MAY_2024 = datetime.date(2024, 5, 1)


def spend_of(
    organisation,
    lines: dict[str, Decimal],
    *,
    vcse: frozenset[str] | set[str] = frozenset(),
    month: datetime.date = MAY_2024,
) -> None:
    """A spend file of one month: one line per supplier (those named in `vcse` flagged as VCSEs)."""
    data = spend.SpendData()
    for name, amount in lines.items():
        key = name.lower()
        data.lines[("named", key, month)] = spend.SupplierMonth(
            kind="named",
            key=key,
            name=name,
            month=month,
            amount=Decimal(amount),
            payments=1,
            vcse=True if name in vcse else None,
        )
    data.rows = data.payments = len(lines)
    services.store_spend(
        organisation=organisation, data=data, file_name="spend.csv", sha256=f"{organisation.pk}-{month}", user=None
    )


def awards_of(
    organisation, won: list[tuple[bool | None, bool | None]], *, day: datetime.date = datetime.date(2024, 6, 1)
) -> None:
    """One procurement with an award per (won by an SME, won by a VCSE); None where not published."""
    when = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    procurement = Procurement.objects.create(
        ocid=f"ocds-test-{organisation.slug}-{day}",
        organisation=organisation,
        buyer_key=organisation.slug,
        first_published=when,
        last_updated=when,
    )
    for n, (sme, vcse) in enumerate(won):
        Award.objects.create(procurement=procurement, award_id=str(n), date=day, won_by_sme=sme, won_by_vcse=vcse)


def districts_with_evidence(count: int = 6, region: str = "South East") -> list:
    """Districts each paying £1,000 (£100 of it to a VCSE) and awarding 2 contracts, one to an SME."""
    from tests.factories import make_organisation

    districts = []
    for n in range(count):
        district = make_organisation(f"District {n}", type="district", region=region)
        spend_of(district, {"Acme": Decimal(900), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
        awards_of(district, [(True, False), (False, False)])
        districts.append(district)
    return districts
