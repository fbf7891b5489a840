"""Rule 5 on the national open-data figures: read before and after one council's spend import,
they do not give that council's total (issue 12, section 1; ADR 0016)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from maturity.evidence import selectors
from maturity.evidence.models import EvidenceImport
from tests.attacker import Attacker
from tests.evidence.figures import awards_of, spend_of
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db
YEAR = 2024


@pytest.fixture
def councils(db):
    """Twelve councils with spend in 2024-25: six districts in the South East, six counties in the East."""
    made = []
    for n in range(6):
        for kind, region in (("district", "South East"), ("county", "East of England")):
            council = make_organisation(f"{kind.title()} {n}", type=kind, region=region)
            spend_of(council, {"Acme": Decimal(1000 + n), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
            awards_of(council, [(True, False), (False, True)])
            made.append(council)
    return made


def read_spend(attacker: Attacker) -> dict:
    """The national spend figures of the year, as anyone reads them, and what the attacker learns:
    each group's total, over its organisations, each with the imports it has made."""
    groups = selectors.national_spend_groups(year=YEAR)
    imports = {}
    for row in EvidenceImport.objects.filter(kind="spend").values("organisation_id", "pk"):
        imports.setdefault(row["organisation_id"], []).append(row["pk"])
    from maturity.organisations.models import Organisation

    organisations = Organisation.objects.filter(pk__in=imports)
    for dimension in ("all", "type", "region"):
        rows = [groups["all"]] if dimension == "all" else groups[dimension]
        for row in rows:
            members = [o for o in organisations if dimension == "all" or getattr(o, dimension) == row["group"]]
            records = [(o.pk, tuple(imports[o.pk])) for o in members]
            attacker.learn(("spend", YEAR), records, row["total"])
            attacker.learn(("vcse", YEAR), records, row["vcse_amount"])
    return groups


def test_the_attacker_finds_one_import_in_unsuppressed_totals(councils):
    attacker = Attacker()
    attacker.learn(("spend", YEAR), ["a", "b", "c", "d", "e"], 5000)
    attacker.learn(("spend", YEAR), ["a", "b", "c", "d", "e", "x"], 5123)
    assert attacker.sums_pinned() == {("spend", YEAR): "x"}


def test_one_councils_spend_import_is_not_revealed_by_the_figures_before_and_after(councils):
    attacker = Attacker()
    before = read_spend(attacker)
    assert before["all"]["total"] == sum(1100 + n for n in range(6)) * 2
    newcomer = make_organisation("District 6", type="district", region="South East")
    spend_of(newcomer, {"Acme": Decimal(777)})
    after = read_spend(attacker)
    assert attacker.sums_pinned() == {}
    assert after["all"]["suppressed"] and after["all"]["reason"] == selectors.CHANGED
    assert after["all"]["organisations"] == 13  # the count of organisations is still given


def test_figures_come_back_once_five_organisations_data_has_changed(councils):
    attacker = Attacker()
    read_spend(attacker)
    for n in range(6, 11):
        spend_of(make_organisation(f"District {n}", type="district", region="South East"), {"Acme": Decimal(500 + n)})
        read_spend(attacker)
    groups = read_spend(attacker)
    assert attacker.sums_pinned() == {}
    assert not groups["all"]["suppressed"] and groups["all"]["total"] == sum(1100 + n for n in range(6)) * 2 + sum(
        500 + n for n in range(6, 11)
    )


def test_award_figures_before_and_after_one_councils_awards_do_not_give_them_away(councils):
    before = selectors.national_award_groups(year=YEAR)
    assert before["all"]["awards"] == 24
    awards_of(make_organisation("District 6", type="district", region="South East"), [(True, True)])
    after = selectors.national_award_groups(year=YEAR)
    assert after["all"]["suppressed"] and after["all"]["awards"] is None
