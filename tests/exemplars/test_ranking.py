"""The ranking rules, worked by hand (no database): see the formula in maturity/exemplars/ranking.py.

score = 3 × same type + 2 × same region + population points (2 within 20%, 1 within 50%)
        + (level − 4)
"""

from __future__ import annotations

from maturity.exemplars import ranking
from maturity.exemplars.ranking import AreaBalance, Candidate, Council

CAMDEN = Council(1, "Camden", "london-borough", "London borough", "London", 210_000)


def candidate(
    offer_id, name, type_, type_label, region, population, level, level_name, *, open_requests=0, asked=False
):
    return Candidate(
        offer_id=offer_id,
        council=Council(offer_id + 100, name, type_, type_label, region, population),
        level=level,
        level_name=level_name,
        open_requests=open_requests,
        asked_by_requester=asked,
    )


ISLINGTON = candidate(1, "Islington", "london-borough", "London borough", "London", 216_000, 5, "Innovator")
HACKNEY = candidate(2, "Hackney", "london-borough", "London borough", "London", 280_000, 4, "Leader")
KENT = candidate(3, "Kent", "county", "County council", "South East", 1_500_000, 5, "Innovator")
BRISTOL = candidate(4, "Bristol", "unitary", "Unitary authority", "South West", None, 4, "Leader")


def test_the_most_alike_council_scores_highest_with_every_reason_given():
    # 3 (type) + 2 (region) + 2 (|216,000 − 210,000| = 6,000 ≤ 42,000, 20% of 210,000) + 1 (level 5 − 4) = 8
    suggestion = ranking.score(CAMDEN, ISLINGTON)
    assert suggestion.score == 8
    assert suggestion.reason == "Same type: London borough; same region: London; population within 20%; at Innovator"


def test_a_population_within_half_earns_one_point():
    # |280,000 − 210,000| = 70,000 > 42,000 but ≤ 105,000 (50%): 3 + 2 + 1 + 0 = 6
    suggestion = ranking.score(CAMDEN, HACKNEY)
    assert suggestion.score == 6
    assert suggestion.reason == "Same type: London borough; same region: London; population within 50%; at Leader"


def test_an_unlike_council_scores_only_its_level():
    assert ranking.score(CAMDEN, KENT).score == 1  # 0 + 0 + 0 (1,290,000 apart) + 1
    assert ranking.score(CAMDEN, KENT).reason == "At Innovator"
    assert ranking.score(CAMDEN, BRISTOL).score == 0  # population unknown: no points, no reason
    assert ranking.score(CAMDEN, BRISTOL).reason == "At Leader"


def test_suggestions_are_ordered_by_score():
    ranked = ranking.suggest(CAMDEN, [BRISTOL, KENT, HACKNEY, ISLINGTON])
    assert [(s.candidate.council.name, s.score) for s in ranked] == [
        ("Islington", 8),
        ("Hackney", 6),
        ("Kent", 1),
        ("Bristol", 0),
    ]


def test_the_population_bands_are_measured_against_the_requesters_population():
    assert ranking.population_band(100_000, 120_000) == (20, 2)  # 20,000 is exactly 20%
    assert ranking.population_band(100_000, 80_000) == (20, 2)
    assert ranking.population_band(100_000, 120_001) == (50, 1)
    assert ranking.population_band(100_000, 150_000) == (50, 1)
    assert ranking.population_band(100_000, 150_001) is None
    assert ranking.population_band(None, 100_000) is None
    assert ranking.population_band(100_000, None) is None


def test_regions_match_whatever_their_case_and_an_empty_region_matches_nothing():
    other = Council(9, "Other", "county", "County council", " london ", None)
    assert ranking.likeness(CAMDEN, other) == (2, ["same region: london"])
    nowhere = Council(10, "Nowhere", "county", "County council", "", None)
    assert ranking.likeness(Council(11, "X", "unitary", "Unitary authority", "", None), nowhere) == (0, [])


def test_equal_scores_put_the_exemplar_with_fewer_open_requests_first_then_the_name():
    busy = candidate(5, "Aardvark", "county", "County council", "North", None, 4, "Leader", open_requests=2)
    free = candidate(6, "Zebra", "county", "County council", "North", None, 4, "Leader", open_requests=0)
    also_free = candidate(7, "Yak", "county", "County council", "North", None, 4, "Leader", open_requests=0)
    assert [s.candidate.council.name for s in ranking.suggest(CAMDEN, [busy, free, also_free])] == [
        "Yak",
        "Zebra",
        "Aardvark",
    ]


def test_the_requester_never_sees_itself():
    itself = Candidate(offer_id=8, council=CAMDEN, level=5, level_name="Innovator")
    assert ranking.suggest(CAMDEN, [itself, KENT]) == [ranking.score(CAMDEN, KENT)]


def test_an_exemplar_below_the_threshold_is_not_suggested():
    mature = candidate(9, "Lambeth", "london-borough", "London borough", "London", 210_000, 3, "Mature")
    unknown = candidate(10, "Barnet", "london-borough", "London borough", "London", 210_000, None, "")
    assert ranking.suggest(CAMDEN, [mature, unknown, KENT]) == [ranking.score(CAMDEN, KENT)]


def test_an_exemplar_with_the_most_open_requests_is_not_suggested_unless_the_requester_asked_it():
    full = candidate(11, "Full", "county", "County council", "", None, 4, "Leader", open_requests=3)
    almost = candidate(12, "Almost", "county", "County council", "", None, 4, "Leader", open_requests=2)
    asked = candidate(13, "Asked", "county", "County council", "", None, 4, "Leader", open_requests=3, asked=True)
    assert [s.candidate.council.name for s in ranking.suggest(CAMDEN, [full, almost, asked])] == ["Almost", "Asked"]


def test_the_number_of_suggestions_can_be_limited():
    assert len(ranking.suggest(CAMDEN, [ISLINGTON, HACKNEY, KENT], limit=2)) == 2


def test_a_gap_of_two_levels_or_more_prompts_the_council():
    assert ranking.needs_prompt(2, 4)
    assert ranking.needs_prompt(1, 5)
    assert not ranking.needs_prompt(3, 4)
    assert not ranking.needs_prompt(4, 3)
    assert not ranking.needs_prompt(None, 4)


def test_areas_are_ranked_by_demand_minus_supply_then_by_demand_then_the_frameworks_order():
    balances = [
        AreaBalance("z", "Zed", 1, demand=2, supply=2),  # 0
        AreaBalance("y", "Wye", 2, demand=3, supply=0),  # 3
        AreaBalance("x", "Ex", 3, demand=5, supply=1),  # 4
        AreaBalance("w", "Double-u", 4, demand=0, supply=3),  # -3
        AreaBalance("v", "Vee", 5, demand=4, supply=1),  # 3, more wanted than Wye
        AreaBalance("u", "You", 0, demand=0, supply=0),  # 0, first in the framework
    ]
    assert [(b.key, b.shortfall) for b in ranking.rank_areas(balances)] == [
        ("x", 4),
        ("v", 3),
        ("y", 3),
        ("z", 0),
        ("u", 0),
        ("w", -3),
    ]
