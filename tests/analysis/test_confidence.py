"""Confidence: effort and duration percentiles from the seeded draws, and the deadline's odds."""

from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pytest

from scoping_app.analysis._index import build_index
from scoping_app.analysis.confidence import (
    CONFIDENCE_PERCENTILES,
    DAYS_DECIMALS,
    PROBABILITY_DECIMALS,
    Confidence,
    Percentiles,
    confidence,
    sampled_effort_and_duration,
)
from scoping_app.analysis.estimate import (
    _LEVELS,
    DRAWS,
    LAMBDA,
    SEED,
    draw_scope,
    effort_range,
)
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.store.importing import read_file
from tests.conftest import EXAMPLE_FILE
from tests.spec_reference import docs_section

MONDAY = date(2026, 1, 5)
FRIDAY = date(2026, 1, 9)
SATURDAY = date(2026, 1, 10)


def project(*capabilities: Capability) -> Project:
    return Project(info=ProjectInfo(name="Confidence"), capabilities=list(capabilities))


def cap(key: str, low: float, likely: float, high: float, **fields: object) -> Capability:
    effort = {"optimistic": low, "likely": likely, "pessimistic": high}
    return Capability(key=key, name=f"Capability {key}", effort=effort, **fields)


def pert_mean(low: float, likely: float, high: float) -> float:
    return (low + 4 * likely + high) / 6


def pert_variance(low: float, likely: float, high: float) -> float:
    """Variance of PERT-beta (lambda 4): (b - a)^2 * alpha * beta / (36 * 7), alpha + beta = 6."""
    alpha = 1 + 4 * (likely - low) / (high - low)
    beta = 6 - alpha
    return (high - low) ** 2 * alpha * beta / (6**2 * 7)


def close_to_mean(values: np.ndarray, mean: float, variance: float) -> bool:
    """Within four standard errors of the mean of the draws."""
    return abs(float(values.mean()) - mean) <= 4 * math.sqrt(variance / len(values))


def close_to_variance(values: np.ndarray, variance: float) -> bool:
    """Within 5 % (about five standard errors of a sample variance of 20,000 draws)."""
    return abs(float(values.var()) - variance) <= 0.05 * variance


# against the analytic PERT figures -----------------------------------------------------------


@pytest.mark.parametrize("estimate", [(2, 5, 8), (3, 4, 12), (0, 0, 6), (1, 9, 10)])
def test_one_capability_has_the_pert_mean_and_variance(
    estimate: tuple[float, float, float],
) -> None:
    effort, duration = sampled_effort_and_duration(project(cap("a", *estimate)), ["a"])
    assert len(effort) == DRAWS
    assert close_to_mean(effort, pert_mean(*estimate), pert_variance(*estimate))
    assert close_to_variance(effort, pert_variance(*estimate))
    # one capability is its own critical path
    assert np.array_equal(duration, effort)
    low, _, high = estimate
    assert low <= effort.min() and effort.max() <= high


def test_a_chain_of_two_lasts_their_sum() -> None:
    first, second = (2, 5, 8), (3, 4, 12)
    built = project(cap("a", *first), cap("b", *second, requires=["a"]))
    effort, duration = sampled_effort_and_duration(built, ["b"])
    np.testing.assert_allclose(duration, effort, rtol=1e-12)
    mean = pert_mean(*first) + pert_mean(*second)
    variance = pert_variance(*first) + pert_variance(*second)  # drawn independently
    assert close_to_mean(duration, mean, variance)
    assert close_to_variance(duration, variance)


def test_two_in_parallel_take_the_longer_and_add_their_effort() -> None:
    built = project(cap("a", 2, 5, 8), cap("b", 3, 4, 12), cap("c", 1, 1, 1, requires=["a", "b"]))
    index = build_index(built)
    members = index.closure(range(index.size))
    drawn = draw_scope(built, index, members, draws=DRAWS, seed=11)
    a, b = (np.asarray(drawn.effort_of(index.number[k])) for k in "ab")
    effort, duration = sampled_effort_and_duration(built, ["c"], seed=11)
    np.testing.assert_allclose(effort, a + b + 1, rtol=1e-12)
    np.testing.assert_allclose(duration, np.maximum(a, b) + 1, rtol=1e-12)
    assert close_to_mean(effort, 1 + pert_mean(2, 5, 8) + pert_mean(3, 4, 12), 3.0)


def test_the_longer_of_a_constant_and_a_symmetric_estimate() -> None:
    """5 days against 2 / 5 / 8 (2 + 6 B, B ~ Beta(3, 3)) side by side: the duration is
    max(5, X), whose mean is 5 + 6 E[(B - 1/2)+], integrated here; half the draws are 5."""
    built = project(cap("fixed", 5, 5, 5), cap("spread", 2, 5, 8))
    effort, duration = sampled_effort_and_duration(built, ["fixed", "spread"])
    x = np.linspace(0.5, 1.0, 200_001)
    density = 30 * x**2 * (1 - x) ** 2  # Beta(3, 3)
    excess = float(np.sum((x - 0.5) * density) * (x[1] - x[0]))
    spread_of_max = 36 * float(np.sum((x - 0.5) ** 2 * density) * (x[1] - x[0])) - (6 * excess) ** 2
    assert close_to_mean(duration, 5 + 6 * excess, spread_of_max)
    assert float(np.mean(duration == 5.0)) == pytest.approx(0.5, abs=0.02)
    assert close_to_mean(effort, 10.0, pert_variance(2, 5, 8))


# the figures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Project:
    return read_file(EXAMPLE_FILE)


def test_the_same_seed_gives_the_same_figures_and_another_seed_others(example: Project) -> None:
    keys = [c.key for c in example.capabilities]
    first = confidence(example, keys, start_date=MONDAY, deadline=date(2026, 2, 27), team_size=3)
    again = confidence(example, keys, start_date=MONDAY, deadline=date(2026, 2, 27), team_size=3)
    assert again == first
    other = confidence(
        example, keys, start_date=MONDAY, deadline=date(2026, 2, 27), team_size=3, seed=7
    )
    assert other != first
    assert other.effort.p50 == pytest.approx(first.effort.p50, rel=0.01)
    assert other.duration.p80 == pytest.approx(first.duration.p80, rel=0.01)


def test_the_effort_percentiles_are_those_of_the_effort_range(example: Project) -> None:
    scope = smallest_viable_scope(example).capabilities
    found = confidence(example, scope, start_date=MONDAY)
    range_ = effort_range(example, scope)
    assert (found.effort.p10, found.effort.p50, found.effort.p90) == (
        range_.p10,
        range_.p50,
        range_.p90,
    )
    assert found.effort.p10 < found.effort.p50 < found.effort.p80 < found.effort.p90


def test_the_example_scope(example: Project) -> None:
    """44.5 person-days and a 23-day critical path expected (docs/format.md, worked example)."""
    scope = smallest_viable_scope(example).capabilities
    found = confidence(example, scope, start_date=date(2027, 3, 1), deadline=date(2027, 4, 30))
    assert found.effort.p50 == pytest.approx(44.43, abs=0.15)
    assert found.duration.p50 == pytest.approx(23.0, abs=0.5)
    # the longest of several chains runs, on average, over the longest expected chain
    _, duration = sampled_effort_and_duration(example, scope)
    assert 23.0 < float(duration.mean()) < 24.5
    assert found.duration.p10 < found.duration.p90 <= found.effort.p10
    assert found.deadline_probability == 1.0  # 45 working days for about 23


def test_more_draws_narrow_the_spread_of_the_median() -> None:
    built = project(cap("a", 1, 3, 11), cap("b", 2, 4, 9, requires=["a"]), cap("c", 0, 2, 7))

    def spread(draws: int) -> float:
        medians = [
            confidence(built, ["b", "c"], start_date=MONDAY, draws=draws, seed=seed).duration.p50
            for seed in range(12)
        ]
        return float(np.std(medians))

    assert spread(20_000) < spread(500) / 3  # about sqrt(40) = 6.3 times narrower


def test_a_single_point_estimate_is_fixed_and_takes_no_draw() -> None:
    built = project(cap("a", 3, 3, 3), cap("b", 2.5, 2.5, 2.5, requires=["a"]), cap("c", 4, 4, 4))
    effort, duration = sampled_effort_and_duration(built, ["b", "c"])
    assert effort.tolist() == [9.5] and duration.tolist() == [5.5]
    found = confidence(built, ["b", "c"], start_date=MONDAY, seed=1)
    assert found == confidence(built, ["b", "c"], start_date=MONDAY, seed=2)
    assert found.effort == Percentiles(9.5, 9.5, 9.5, 9.5)
    assert found.duration == Percentiles(5.5, 5.5, 5.5, 5.5)


def test_keys_are_taken_with_their_prerequisites() -> None:
    built = project(cap("a", 1, 2, 3), cap("b", 4, 5, 9, requires=["a"]), cap("c", 1, 2, 3))
    assert confidence(built, ["b"], start_date=MONDAY) == confidence(
        built, ["a", "b", "nope"], start_date=MONDAY
    )
    nothing = confidence(built, [], start_date=MONDAY, deadline=MONDAY)
    zero = Percentiles(0.0, 0.0, 0.0, 0.0)
    assert nothing == Confidence(zero, zero, 1.0)


def test_bad_counts_are_refused() -> None:
    built = project(cap("a", 1, 2, 3))
    with pytest.raises(ValueError, match="team_size"):
        confidence(built, ["a"], start_date=MONDAY, team_size=0)
    with pytest.raises(ValueError, match="draws"):
        confidence(built, ["a"], start_date=MONDAY, draws=0)


# the team and the deadline ------------------------------------------------------------------


def test_a_team_takes_at_least_effort_over_its_size() -> None:
    """Three 4-day pieces side by side: 4 days with enough hands, 12 / n with n people."""
    built = project(cap("a", 4, 4, 4), cap("b", 4, 4, 4), cap("c", 4, 4, 4))
    keys = ["a", "b", "c"]

    def median(team_size: int | None) -> float:
        return confidence(built, keys, start_date=MONDAY, team_size=team_size).duration.p50

    assert [median(n) for n in (None, 1, 2, 3, 6)] == [4.0, 12.0, 6.0, 4.0, 4.0]


def test_the_team_rule_holds_draw_by_draw() -> None:
    built = project(
        cap("a", 2, 5, 8), cap("b", 3, 4, 12, requires=["a"]), cap("c", 1, 6, 9), cap("d", 4, 6, 10)
    )
    effort, path = sampled_effort_and_duration(built, ["b", "c", "d"])
    same_effort, duration = sampled_effort_and_duration(built, ["b", "c", "d"], team_size=2)
    assert np.array_equal(effort, same_effort)
    assert np.array_equal(duration, np.maximum(path, effort / 2))
    assert (duration > path).any() and (duration == path).any()


def test_the_deadline_probability_runs_from_nothing_to_certain() -> None:
    built = project(cap("a", 2, 5, 8), cap("b", 3, 4, 12, requires=["a"]), cap("c", 1, 6, 9))

    def chance(deadline: date | None, team_size: int | None = None) -> float | None:
        found = confidence(
            built, ["b", "c"], start_date=MONDAY, deadline=deadline, team_size=team_size
        )
        return found.deadline_probability

    assert chance(None) is None
    assert chance(date(2026, 12, 31)) == 1.0
    assert chance(date(2026, 1, 2)) == 0.0  # before the start
    assert chance(MONDAY) == 0.0  # one day for at least five
    by_deadline = [chance(date(2026, 1, day)) for day in range(12, 24)]
    assert by_deadline == sorted(by_deadline)
    assert 0.0 < by_deadline[0] < 0.01 and 0.99 < by_deadline[-1] < 1.0
    # Friday the 16th, then the weekend: no more working days, no more chance
    assert by_deadline[4] == by_deadline[5] == by_deadline[6]
    deadline = date(2026, 1, 15)  # nine working days
    by_team = [chance(deadline, n) for n in (1, 2, 3, 4)]
    assert by_team == sorted(by_team)
    assert by_team[0] < 0.01 < by_team[1] <= by_team[3] <= chance(deadline)


def test_working_days_are_counted_from_a_weekend_start() -> None:
    """Five fixed days from a Saturday: Monday to Friday, the deadline day counted."""
    built = project(cap("a", 5, 5, 5))
    friday_after = date(2026, 1, 16)

    def chance(start: date, deadline: date) -> float | None:
        return confidence(built, ["a"], start_date=start, deadline=deadline).deadline_probability

    assert chance(SATURDAY, friday_after) == 1.0
    assert chance(SATURDAY, date(2026, 1, 15)) == 0.0  # Thursday: four working days
    assert chance(FRIDAY, date(2026, 1, 15)) == 1.0  # Friday, then Monday to Thursday
    assert chance(FRIDAY, date(2026, 1, 14)) == 0.0


def test_a_duration_a_hair_over_the_days_still_fits() -> None:
    """Thirty pieces of 0.1 day in a chain: 3 days on paper, a hair more in floating point."""
    pieces = [cap("p0", 0.1, 0.1, 0.1)]
    pieces += [cap(f"p{i}", 0.1, 0.1, 0.1, requires=[f"p{i - 1}"]) for i in range(1, 30)]
    found = confidence(project(*pieces), ["p29"], start_date=MONDAY, deadline=date(2026, 1, 7))
    assert found.duration.p50 > 3.0 and found.deadline_probability == 1.0


# the JSON -----------------------------------------------------------------------------------


def test_the_json_is_rounded_and_has_exactly_the_documented_keys(example: Project) -> None:
    keys = [c.key for c in example.capabilities]
    found = confidence(example, keys, start_date=MONDAY, deadline=date(2026, 2, 20), team_size=3)
    data = found.to_json()
    assert list(data) == ["effort", "duration", "deadline_probability"]
    for name in ("effort", "duration"):
        figures = data[name]
        assert isinstance(figures, dict) and list(figures) == ["p10", "p50", "p80", "p90"]
        assert all(round(value, 2) == value for value in figures.values())
    chance = data["deadline_probability"]
    assert isinstance(chance, float) and 0.0 < chance < 1.0 and round(chance, 4) == chance
    assert data["effort"] == {
        "p10": round(found.effort.p10, 2),
        "p50": round(found.effort.p50, 2),
        "p80": round(found.effort.p80, 2),
        "p90": round(found.effort.p90, 2),
    }
    printed = json.dumps(data)
    assert json.dumps(found.to_json()) == printed
    without = confidence(example, keys, start_date=MONDAY).to_json()
    assert without["deadline_probability"] is None
    assert '"deadline_probability": null' in json.dumps(without)


def test_docs_state_the_constants_the_figures_are_drawn_with() -> None:
    """docs/format.md "Confidence (derived)" is enough to reproduce the figures."""
    text = " ".join(docs_section("format.md", "Confidence (derived)").split())
    assert f"{DRAWS:,} draws, seed {SEED}" in text
    assert f"λ = {LAMBDA:g}" in text and f"{_LEVELS:,} equally likely quantile levels" in text
    assert "P10, P50, P80 and P90" in text
    assert [f"p{p:g}" for p in CONFIDENCE_PERCENTILES] == ["p10", "p50", "p80", "p90"]
    assert f"days rounded to {DAYS_DECIMALS} decimals" in text
    assert f"probability to {PROBABILITY_DECIMALS}" in text
    assert "effort / n" in text and "both days counted" in text
