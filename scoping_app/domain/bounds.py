"""The range of every number a project holds: one table the model, the forms and docs share.

Each :class:`Bound` says the least and the most a field may hold and its unit in
words. The model (:mod:`scoping_app.domain.model`) refuses a value outside its
bound, the forms' boxes take exactly the same range, and docs/format.md states
each one. The ranges are wide enough for any real project and narrow enough that
every sum, product and layout the app computes from them stays an ordinary
number (a value of 1e308 would overflow a sum and crash a drawing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

__all__ = [
    "CACHE_HIT_RATE",
    "CALLS_PER_INTERACTION",
    "EFFORT_DAYS",
    "LATENCY_BUDGET_MS",
    "LATENCY_MS",
    "METRIC_FIGURE",
    "MINUTES_PER_ITEM",
    "MONEY",
    "PRICE_PER_MILLION_TOKENS",
    "RECORDS",
    "REQUESTS_PER_MONTH",
    "SCORE",
    "TEAM_SIZE",
    "TOKENS_PER_REQUEST",
    "VALUE_POINTS",
    "VOLUME_PER_DAY",
    "Bound",
    "limit_words",
]


@dataclass(frozen=True)
class Bound:
    """The allowed range of a number: ``low`` (excluded when ``above_low``) to ``high``."""

    low: float
    high: float
    unit: str = ""
    above_low: bool = False
    whole: bool = False

    def field(self) -> Any:
        """The pydantic constraint of this range, for ``Annotated[float, …]``."""
        if self.above_low:
            return Field(gt=self.low, le=self.high)
        return Field(ge=self.low, le=self.high)

    def contains(self, value: float) -> bool:
        above = value > self.low if self.above_low else value >= self.low
        return above and value <= self.high

    def most(self) -> str:
        """The most allowed, in words: ``100,000 person-days``."""
        return limit_words(self.high, self.unit)

    def least(self) -> str:
        """The least allowed, in words: ``0``, or ``more than 0 ms``."""
        words = limit_words(self.low, self.unit)
        return f"more than {words}" if self.above_low else words


def limit_words(value: float, unit: str = "") -> str:
    """A limit as people read it: ``1,000,000,000,000``, ``100,000 person-days``."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"{text} {unit}" if unit else text


EFFORT_DAYS = Bound(0, 100_000, "person-days")
"""An estimate of effort: optimistic, likely and pessimistic alike."""

VALUE_POINTS = Bound(0, 1_000_000_000, "points")
"""A capability's value, and the project's value target."""

MONEY = Bound(0, 1_000_000_000_000, "a month")
"""A monthly cost, budget or value, in the project's currency."""

LATENCY_MS = Bound(0, 10_000_000, "ms")
"""The latency a capability adds to one user interaction."""

LATENCY_BUDGET_MS = Bound(0, 10_000_000, "ms", above_low=True)
"""The project's latency budget: more than 0."""

VOLUME_PER_DAY = Bound(0, 1_000_000_000, "items a day")
"""How many items a process step handles a day."""

MINUTES_PER_ITEM = Bound(0, 100_000, "minutes")
"""Today's manual time for one item of a process step."""

METRIC_FIGURE = Bound(-1_000_000_000_000, 1_000_000_000_000)
"""A metric's baseline or target (may be negative)."""

RECORDS = Bound(0, 2**63 - 1, "records", whole=True)
"""How many records a data source holds: what the database keeps as a whole number."""

SCORE = Bound(1, 5, whole=True)
"""A likelihood, an impact or a quality: from 1 (low) to 5 (high)."""

TEAM_SIZE = Bound(1, 1_000, "people", whole=True)
"""How many people build the project at once."""

REQUESTS_PER_MONTH = Bound(0, 1_000_000_000_000, "requests a month")
"""A cost model's requests to the model in a month."""

TOKENS_PER_REQUEST = Bound(0, 10_000_000, "tokens")
"""A cost model's input or output tokens of one request (an average: may hold a fraction)."""

PRICE_PER_MILLION_TOKENS = Bound(0, 1_000_000, "per million tokens")
"""A cost model's price of a million input or output tokens, in the project's currency."""

CACHE_HIT_RATE = Bound(0, 1)
"""The share of requests a cache answers without calling the model: from 0 to 1."""

CALLS_PER_INTERACTION = Bound(0, 10_000, "calls")
"""A latency model's calls (to a model, a tool, a search) in one user interaction."""
