"""Cost and latency drivers: the figures they give, reproduced by hand from the formulas of
docs/format.md; the formula in words; which driver moves the cost most."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scoping_app.domain.drivers import (
    COST_DRIVERS,
    cost_drivers_sensitivity,
    cost_formula,
    latency_formula,
)
from scoping_app.domain.edits import set_fields
from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import Capability, CostModel, LatencyModel, Project, ProjectInfo

# 12,000 requests x (1 - 0.3) x (1,500 x 3 + 400 x 15) / 1,000,000 + 200
#   = 8,400 x 10,500 / 1,000,000 + 200 = 88.2 + 200 = 288.2
DRIVERS = {
    "requests_per_month": 12_000,
    "input_tokens": 1_500,
    "output_tokens": 400,
    "input_price_per_million": 3,
    "output_price_per_million": 15,
    "cache_hit_rate": 0.3,
    "fixed_monthly": 200,
}


def _model(**changes: float) -> CostModel:
    return CostModel.model_validate({**DRIVERS, **changes})


def test_the_monthly_cost_is_the_formula_worked_by_hand() -> None:
    assert _model().monthly_cost() == 288.2
    assert _model(cache_hit_rate=0, fixed_monthly=0).monthly_cost() == 126.0  # 12,000 x 0.0105
    assert _model(cache_hit_rate=1).monthly_cost() == 200.0  # every request from the cache


def test_a_capability_with_a_cost_model_takes_its_cost_from_it() -> None:
    typed = Capability.model_validate(
        {"key": "llm", "name": "LLM", "monthly_cost": 5000, "cost_model": DRIVERS}
    )
    assert typed.monthly_cost == 288.2  # the typed 5,000 disagrees: the model wins


def test_the_cost_is_recomputed_whenever_a_driver_or_the_model_changes() -> None:
    capability = Capability(key="llm", name="LLM", cost_model=_model())
    capability.cost_model = _model(requests_per_month=24_000)
    assert capability.monthly_cost == 2 * 88.2 + 200  # 376.4
    capability.monthly_cost = 1  # typed over a model: the model keeps its figure
    assert capability.monthly_cost == 376.4
    project = Project(info=ProjectInfo(name="P"), capabilities=[capability])
    set_fields(project, "capabilities", "llm", cost_model=_model(fixed_monthly=0))
    assert project.capabilities[0].monthly_cost == 88.2
    set_fields(project, "capabilities", "llm", cost_model=None, monthly_cost=50)
    assert project.capabilities[0].monthly_cost == 50  # no model: typed again


def test_a_driver_is_never_changed_in_place_behind_its_capability() -> None:
    capability = Capability(key="llm", name="LLM", cost_model=_model())
    assert capability.cost_model is not None
    with pytest.raises(ValidationError, match="frozen"):
        capability.cost_model.requests_per_month = 1  # type: ignore[misc]
    assert capability.monthly_cost == 288.2


def test_a_latency_model_gives_calls_times_the_p95_of_a_call() -> None:
    capability = Capability.model_validate(
        {
            "key": "agent",
            "name": "Agent",
            "latency_ms": 1,
            "latency_model": {"calls_per_interaction": 3, "p95_per_call_ms": 800},
        }
    )
    assert capability.latency_ms == 2_400
    assert latency_formula(capability.latency_model) == "3 calls x 800 ms = 2,400 ms"  # type: ignore[arg-type]
    one = LatencyModel(calls_per_interaction=1, p95_per_call_ms=1_250.5)
    assert latency_formula(one) == "1 call x 1,251 ms = 1,251 ms"


def test_the_formula_is_written_with_its_numbers_and_the_projects_currency() -> None:
    assert cost_formula(_model(), "USD") == (
        "12,000 requests x (1 - 0.30) x (1,500 tokens x USD 3.00 + 400 tokens x USD 15.00)"
        " / 1,000,000 + USD 200.00 = USD 288.20 a month"
    )
    # a price below the cent keeps its digits; the result is rounded half up to the cent:
    # 8,400 x (1,500 x 0.075 + 400 x 15) / 1,000,000 + 200 = 8,400 x 6,112.5 / 1e6 + 200
    cheap = cost_formula(_model(input_price_per_million=0.075), "EUR")
    assert "1,500 tokens x EUR 0.075" in cheap
    assert cheap.endswith("= EUR 251.35 a month")


def test_the_driver_moving_the_cost_most_comes_first() -> None:
    swings = cost_drivers_sensitivity(_model())
    assert [s.driver for s in swings] == [
        "fixed_monthly",  # 200 +- 40: 248.2 .. 328.2
        "requests_per_month",  # 88.2 +- 17.64
        "output_tokens",  # 400 x 15 of 10,500 per request: 88.2 x 6,000/10,500 +- 20%
        "output_price_per_million",
        "input_tokens",
        "input_price_per_million",
        "cache_hit_rate",  # 0.24 and 0.36: 12,000 x 0.76 x 0.0105 = 95.76 and 80.64
    ]
    by_driver = {s.driver: s for s in swings}
    assert by_driver["fixed_monthly"].low == 248.2 and by_driver["fixed_monthly"].high == 328.2
    assert by_driver["requests_per_month"].low == pytest.approx(270.56)
    assert by_driver["requests_per_month"].high == pytest.approx(305.84)
    assert by_driver["output_tokens"].swing == pytest.approx(2 * 0.2 * 8_400 * 6_000 / 1e6)
    cache = by_driver["cache_hit_rate"]
    assert cache.low == pytest.approx(295.76) and cache.high == pytest.approx(280.64)
    assert cache.swing == pytest.approx(15.12) and cache.words == COST_DRIVERS["cache_hit_rate"]
    assert set(by_driver) == set(CostModel.model_fields)


def test_a_cache_hit_rate_is_moved_no_further_than_one() -> None:
    cache = {s.driver: s for s in cost_drivers_sensitivity(_model(cache_hit_rate=0.9))}
    assert cache["cache_hit_rate"].high == 200.0  # 0.9 x 1.2 = 1.08, taken as 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"cache_hit_rate": 1.5}, "cache_hit_rate", "1.5 is more than the most allowed, 1"),
        ({"input_tokens": -5}, "input_tokens", "must be at least 0 (it is -5)"),
        (
            {"requests_per_month": 1e12, "input_tokens": 1e7, "input_price_per_million": 1e6},
            "",
            "the monthly cost it gives is more than the most allowed, "
            "1,000,000,000,000 a month; lower one of its numbers",
        ),
    ],
)
def test_drivers_out_of_range_are_refused_in_words(
    changes: dict[str, float], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Capability.model_validate(
            {"key": "llm", "name": "LLM", "cost_model": {**DRIVERS, **changes}}
        )
    message = field_messages(caught.value)["cost_model"]
    assert message == (f"{field}: {words}" if field else words)
