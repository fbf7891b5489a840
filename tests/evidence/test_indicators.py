"""Indicators from plain sums: financial years, shares, and too little data said as such."""

from __future__ import annotations

import datetime
from decimal import Decimal

from maturity.evidence import indicators
from maturity.evidence.indicators import MINIMUM_COUNT, Figure, financial_year, year_label
from maturity.evidence.selectors import ocds_figures, spend_figures


def test_financial_years_run_april_to_march():
    assert financial_year(datetime.date(2024, 4, 1)) == 2024
    assert financial_year(datetime.date(2025, 3, 31)) == 2024
    assert year_label(2024) == "2024 to 2025"
    assert indicators.period_label(2024) == "April 2024 to March 2025"


def test_a_share_over_too_few_items_says_so_instead_of_a_figure():
    few = Figure("awards-to-smes", 2024, 2 / 3, MINIMUM_COUNT - 1, 2)
    assert not few.enough
    assert few.text == "Too little data"
    assert few.note == (
        f"Too little data to give a figure: {MINIMUM_COUNT - 1} awards with the supplier's size "
        f"published; at least {MINIMUM_COUNT} are needed."
    )
    enough = Figure("awards-to-smes", 2024, 0.4, MINIMUM_COUNT, 2)
    assert (enough.enough, enough.text) == (True, "40.0%")


def test_counts_and_money_are_shown_whatever_their_size():
    assert Figure("awards", 2024, 1).text == "1"
    assert Figure("spend-total", 2024, Decimal("565219573.74")).text == "£565.2 million"
    assert Figure("award-value", 2024, Decimal("75000")).text == "£75,000"
    assert Figure("award-value", 2024, None).text == "Too little data"


def test_notice_indicators_from_their_sums():
    figures = ocds_figures(
        2024,
        {
            "notices": 9,
            "awards": 6,
            "value": Decimal(600),
            "sme_known": 5,
            "sme_won": 2,
            "sme_known_value": Decimal(500),
            "sme_known_valued": 5,
            "sme_value": Decimal(100),
            "method_known": 4,
            "open": 4,
            "tenderers_known": 6,
            "tenderers": 21,
        },
    )
    assert figures["awards-to-smes"].text == "40.0%"
    assert figures["award-value-to-smes"].text == "20.0%"
    assert figures["open-procedures"].text == "Too little data"
    assert figures["average-tenderers"].text == "3.5"
    assert figures["awards-to-vcses"].note.startswith("Too little data to give a figure: 0 awards")


def test_spend_indicators_from_their_sums():
    figures = spend_figures(
        2024,
        {
            "total": Decimal(1000),
            "suppliers": 12,
            "top10": Decimal(900),
            "vcse_amount": Decimal(50),
            "sme_known": None,
            "sme_amount": None,
            "sme_suppliers": 0,
        },
    )
    assert (figures["spend-top-10-share"].text, figures["spend-vcse-share"].text) == ("90.0%", "5.0%")
    assert figures["spend-sme-share"].text == "Too little data"
    assert spend_figures(2024, {"total": Decimal(0), "suppliers": 0})["spend-vcse-share"].text == "Too little data"


def test_every_indicator_has_a_definition_and_a_known_source():
    for definition in indicators.DEFINITIONS.values():
        assert definition.definition.endswith(".") and definition.source in indicators.SOURCES
