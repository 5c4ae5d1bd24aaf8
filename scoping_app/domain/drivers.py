"""Cost and latency drivers in words: the formula with its numbers in it, and which driver
moves the monthly cost most.

A capability's :class:`~scoping_app.domain.model.CostModel` gives its monthly cost by the
formula of docs/format.md; :func:`cost_formula` writes that formula out with the numbers
in it, as the form shows it, and :func:`cost_drivers_sensitivity` moves each driver by
20% either way and says how far the cost moves, the driver moving it most first.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from scoping_app.domain.model import TOKENS_PER_PRICE, CostModel, LatencyModel
from scoping_app.domain.words import milliseconds, number

__all__ = [
    "COST_DRIVERS",
    "SWING",
    "DriverSwing",
    "cost_drivers_sensitivity",
    "cost_formula",
    "latency_formula",
]

COST_DRIVERS: dict[str, str] = {
    "requests_per_month": "requests a month",
    "input_tokens": "input tokens per request",
    "output_tokens": "output tokens per request",
    "input_price_per_million": "input price per million tokens",
    "output_price_per_million": "output price per million tokens",
    "cache_hit_rate": "cache hit rate",
    "fixed_monthly": "fixed monthly cost",
}
"""Each driver of a cost model, by field, in words; in the order of the formula."""

SWING = 0.2
"""How far each driver is moved either way to see how much it moves the cost: 20%."""


class DriverSwing(NamedTuple):
    """The monthly cost with one driver 20% lower (``low``) and 20% higher (``high``)."""

    driver: str  # the field of CostModel, a key of COST_DRIVERS
    low: float
    high: float

    @property
    def swing(self) -> float:
        """How far the cost moves between the two: always 0 or more."""
        return abs(self.high - self.low)

    @property
    def words(self) -> str:
        return COST_DRIVERS[self.driver]


def _figure(value: float, decimals: int = 4) -> str:
    """A driver as people write it: thousands separated, no trailing zeros: 12,000, 0.075."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _at_least_cents(value: float) -> str:
    """Two decimals, or more when the value has them: ``3.00``, ``0.30``, ``0.075``."""
    finer = _figure(value)
    return finer if len(finer.partition(".")[2]) > 2 else f"{value:,.2f}"


def _cents(value: float) -> str:
    """To the cent, half up as people round by hand: 251.345 -> ``251.35``."""
    return f"{Decimal(repr(value)).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _money(value: float, currency: str) -> str:
    """A price or an amount: ``USD 3.00``; a price of smaller parts keeps them (USD 0.075)."""
    return f"{currency} {_at_least_cents(value)}"


def cost_formula(model: CostModel, currency: str) -> str:
    """The monthly cost formula with the numbers in it, and its result::

    12,000 requests x (1 - 0.30) x (1,500 tokens x USD 3.00 + 400 tokens x USD 15.00)
    / 1,000,000 + USD 200.00 = USD 288.20 a month
    """
    return (
        f"{_figure(model.requests_per_month)} requests"
        f" x (1 - {_at_least_cents(model.cache_hit_rate)})"
        f" x ({_figure(model.input_tokens)} tokens"
        f" x {_money(model.input_price_per_million, currency)}"
        f" + {_figure(model.output_tokens)} tokens"
        f" x {_money(model.output_price_per_million, currency)})"
        f" / {TOKENS_PER_PRICE:,} + {_money(model.fixed_monthly, currency)}"
        f" = {currency} {_cents(model.monthly_cost())} a month"
    )


def latency_formula(model: LatencyModel) -> str:
    """The latency formula with the numbers in it: ``3 calls x 800 ms = 2,400 ms``."""
    calls = number(model.calls_per_interaction)
    return (
        f"{calls} {'call' if calls == '1' else 'calls'} x {milliseconds(model.p95_per_call_ms)}"
        f" = {milliseconds(model.latency_ms())}"
    )


def _moved(model: CostModel, driver: str, factor: float) -> float:
    value = getattr(model, driver) * factor
    if driver == "cache_hit_rate":
        value = min(value, 1.0)  # a share: never more than all requests
    return model.model_copy(update={driver: value}).monthly_cost()


def cost_drivers_sensitivity(model: CostModel) -> list[DriverSwing]:
    """Each driver moved 20% down and up, the monthly cost at both; the driver that moves the
    cost most first (equal swings in the order of the formula). A cache hit rate is moved no
    further than 1."""
    swings = [
        DriverSwing(driver, _moved(model, driver, 1 - SWING), _moved(model, driver, 1 + SWING))
        for driver in COST_DRIVERS
    ]
    return sorted(swings, key=lambda entry: -entry.swing)
