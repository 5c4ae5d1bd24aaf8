"""Effort as a range (seeded PERT-beta Monte Carlo) and the critical path against the deadline."""

from __future__ import annotations

import math
from datetime import date

import pytest

from scoping_app.analysis.estimate import (
    ASSUMPTION,
    DRAWS,
    EffortRange,
    deadline_fit,
    effort_range,
    finish_date,
    working_days,
)
from scoping_app.analysis.figures import slice_figures
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.store.importing import read_file
from tests.conftest import EXAMPLE_FILE


def project(*capabilities: Capability) -> Project:
    return Project(info=ProjectInfo(name="Estimate"), capabilities=list(capabilities))


def cap(key: str, low: float, likely: float, high: float, **fields: object) -> Capability:
    effort = {"optimistic": low, "likely": likely, "pessimistic": high}
    return Capability(key=key, name=f"Capability {key}", effort=effort, **fields)


@pytest.fixture(scope="module")
def example() -> Project:
    return read_file(EXAMPLE_FILE)


# the range ----------------------------------------------------------------------------------


def test_the_same_input_gives_the_same_range(example: Project) -> None:
    keys = [c.key for c in example.capabilities]
    first = effort_range(example, keys)
    assert effort_range(example, keys) == first
    # the order the keys come in does not matter: they are drawn in sorted order
    assert effort_range(example, list(reversed(keys))) == first
    # another seed draws other numbers (so the seed is what fixes them)
    assert effort_range(example, keys, seed=7) != first


def test_percentiles_are_ordered_and_within_the_estimates(example: Project) -> None:
    keys = [c.key for c in example.capabilities]
    found = effort_range(example, keys)
    assert found.p10 <= found.p50 <= found.p90
    assert found.p10 < found.p90  # the estimates vary, so the range has a width
    lowest = sum(c.effort.optimistic for c in example.capabilities)
    highest = sum(c.effort.pessimistic for c in example.capabilities)
    assert lowest <= found.p10 and found.p90 <= highest


def test_expected_is_the_figures_effort(example: Project) -> None:
    scope = smallest_viable_scope(example)
    assert scope.figures is not None
    found = effort_range(example, scope.capabilities)
    assert found.expected == scope.figures.effort == 44.5
    everything = [c.key for c in example.capabilities]
    assert effort_range(example, everything).expected == slice_figures(example, everything).effort


def test_the_example_scope_range(example: Project) -> None:
    """44.5 person-days expected; the draws put P10 near 40.5 and P90 near 48.6."""
    found = effort_range(example, smallest_viable_scope(example).capabilities)
    assert found.p10 == pytest.approx(40.5, abs=0.15)
    assert found.p50 == pytest.approx(44.43, abs=0.15)
    assert found.p90 == pytest.approx(48.57, abs=0.15)


def test_keys_are_taken_with_their_prerequisites() -> None:
    built = project(cap("a", 1, 2, 3), cap("b", 4, 4, 4, requires=["a"]))
    assert effort_range(built, ["b"]) == effort_range(built, ["a", "b"])
    assert effort_range(built, ["b"]).expected == 6.0
    assert effort_range(built, ["nope"]) == EffortRange(0.0, 0.0, 0.0, 0.0)


def test_constant_estimates_give_a_zero_width_range() -> None:
    built = project(cap("a", 3, 3, 3), cap("b", 2.5, 2.5, 2.5), cap("c", 0, 0, 0))
    found = effort_range(built, ["a", "b", "c"])
    assert found == EffortRange(5.5, 5.5, 5.5, 5.5)


def test_the_empty_set_takes_nothing() -> None:
    assert effort_range(project(cap("a", 1, 2, 9)), []) == EffortRange(0.0, 0.0, 0.0, 0.0)


def test_a_hand_computable_pair() -> None:
    """A constant 10 days plus an estimate 0 / 0 / 6.

    With optimistic = likely, PERT-beta's shapes are 1 and 5: the variable part is
    6 * Y with Y ~ Beta(1, 5), whose quantile is 1 - (1 - p) ** (1 / 5).
    """
    built = project(cap("fixed", 10, 10, 10), cap("spread", 0, 0, 6))
    found = effort_range(built, ["fixed", "spread"])

    def quantile(p: float) -> float:
        return 10 + 6 * (1 - (1 - p) ** 0.2)

    assert found.expected == 11.0  # 10 + (0 + 4 * 0 + 6) / 6
    assert found.p10 == pytest.approx(quantile(0.1), abs=0.02)  # 10.125
    assert found.p50 == pytest.approx(quantile(0.5), abs=0.02)  # 10.777
    assert found.p90 == pytest.approx(quantile(0.9), abs=0.03)  # 12.214


def test_a_symmetric_pair_is_centred_on_its_mean() -> None:
    """Two 2 / 5 / 8 estimates: each symmetric around 5, so the sum's median is 10."""
    built = project(cap("a", 2, 5, 8), cap("b", 2, 5, 8))
    found = effort_range(built, ["a", "b"])
    assert found.expected == 10.0
    assert found.p50 == pytest.approx(10.0, abs=0.05)
    assert found.p50 - found.p10 == pytest.approx(found.p90 - found.p50, abs=0.06)


def test_draws_must_be_positive() -> None:
    with pytest.raises(ValueError):
        effort_range(project(cap("a", 1, 2, 3)), ["a"], draws=0)
    assert DRAWS == 20_000


# the deadline -------------------------------------------------------------------------------

FRIDAY = date(2026, 1, 9)
SATURDAY = date(2026, 1, 10)
SUNDAY = date(2026, 1, 11)
MONDAY = date(2026, 1, 12)


def test_no_deadline_gives_nothing() -> None:
    assert deadline_fit(12.0, None, FRIDAY) is None


def test_working_days_count_today_and_the_deadline_but_no_weekend() -> None:
    assert FRIDAY.weekday() == 4 and MONDAY.weekday() == 0
    assert working_days(FRIDAY, MONDAY) == 2  # Friday and Monday
    assert working_days(FRIDAY, FRIDAY) == 1
    assert working_days(SATURDAY, SUNDAY) == 0
    assert working_days(date(2026, 1, 5), date(2026, 1, 16)) == 10  # two whole weeks
    assert working_days(MONDAY, FRIDAY) == 0  # a deadline already past


def test_a_duration_across_a_weekend() -> None:
    fit = deadline_fit(2.0, MONDAY, FRIDAY)
    assert fit is not None
    assert (fit.working_days, fit.fits, fit.margin) == (2, True, 0.0)
    assert fit.finish == MONDAY
    assert fit.assumption == ASSUMPTION
    assert "weekends off" in fit.assumption and "in parallel" in fit.assumption

    late = deadline_fit(2.5, MONDAY, FRIDAY)
    assert late is not None
    assert (late.fits, late.margin) == (False, -0.5)
    assert late.finish == date(2026, 1, 13)  # a day begun counts: Tuesday


def test_work_starting_on_a_weekend_starts_on_monday() -> None:
    fit = deadline_fit(1.0, MONDAY, SATURDAY)
    assert fit is not None
    assert (fit.working_days, fit.fits, fit.finish) == (1, True, MONDAY)
    nothing = deadline_fit(0.0, SUNDAY, SATURDAY)
    assert nothing is not None and nothing.fits and nothing.working_days == 0


def test_finish_dates() -> None:
    wednesday = date(2026, 1, 7)
    assert finish_date(wednesday, 4.5) == date(2026, 1, 13)  # Wed Thu Fri Mon Tue
    assert finish_date(wednesday, 1.0) == wednesday
    assert finish_date(wednesday, 0.0) == wednesday
    # a sum that is 3 on paper but a hair over it in floating point is three days, not four
    three = sum([0.1] * 30)
    assert three > 3.0 and math.isclose(three, 3.0)
    assert finish_date(wednesday, three) == date(2026, 1, 9)
    fit = deadline_fit(three, date(2026, 1, 9), wednesday)
    assert fit is not None and fit.fits


def test_the_example_against_its_deadline(example: Project) -> None:
    scope = smallest_viable_scope(example)
    assert scope.figures is not None and scope.figures.duration == 23.0
    fit = deadline_fit(scope.figures.duration, example.info.deadline, date(2027, 3, 1))
    assert fit is not None and example.info.deadline == date(2027, 4, 30)
    # March 2027: 23 working days; April 2027: 22
    assert fit.working_days == 45
    assert fit.fits and fit.margin == 22.0
    assert fit.finish == date(2027, 3, 31)
