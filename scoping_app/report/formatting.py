"""Numbers and dates rounded for people: effort to one decimal, money with thousands separators."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _number(value: float, decimals: int) -> str:
    if not math.isfinite(value):  # a product of two huge figures (volume x minutes)
        return "more than 10^308" if value > 0 else "less than -10^308"
    # Round half away from zero, as people do, rather than to even.
    scale = 10**decimals
    scaled = abs(value) * scale
    # Past 2^53 a float has no fraction left to round.
    rounded = math.floor(scaled + 0.5) / scale if scaled < 2.0**53 else abs(value)
    text = f"{rounded:,.{decimals}f}"
    return f"-{text}" if value < 0 and rounded != 0 else text


def days(value: float) -> str:
    """Effort or duration in days, to one decimal: ``12.5``."""
    return _number(value, 1)


NOT_ESTIMATED = "not estimated"


def estimated_days(value: float) -> str:
    """Effort in days, or "not estimated" for a capability whose estimate is still 0/0/0."""
    return days(value) if value > 0 else NOT_ESTIMATED


def money(value: float, currency: str) -> str:
    """Whole units with thousands separators and the ISO code: ``EUR 3,430``."""
    return f"{currency} {_number(value, 0)}"


def milliseconds(value: float) -> str:
    return f"{_number(value, 0)} ms"


def points(value: float) -> str:
    """Value points: whole numbers plain, otherwise one decimal."""
    text = _number(value, 1)
    return text[:-2] if text.endswith(".0") else text


def long_date(value: date) -> str:
    """``3 March 2026``, the same in every locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def margin(actual: float, limit: float, show: Callable[[float], str], *, at_most: bool) -> str:
    """How far ``actual`` is from a budget (``at_most``) or a target: ``580 ms under``."""
    gap = limit - actual if at_most else actual - limit
    if round(gap, 6) == 0:
        return "exactly on budget" if at_most else "exactly on target"
    if at_most:
        return f"{show(abs(gap))} {'under' if gap > 0 else 'over'}"
    return f"{show(abs(gap))} {'above' if gap > 0 else 'short'}"


def within(actual: float, limit: float | None, *, at_most: bool) -> bool:
    """Whether ``actual`` meets a budget (``at_most``) or a target; True when none is set."""
    if limit is None:
        return True
    return actual <= limit if at_most else actual >= limit


def percent(part: float, whole: float) -> str:
    share = 100 * part / whole
    return "less than 1%" if 0 < share < 1 else f"{_number(share, 0)}%"


def number(value: float | None, *, empty: str = "") -> str:
    """A measured figure as people write it: up to two decimals, thousands separated."""
    if value is None:
        return empty
    text = _number(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def count(value: int | None, *, empty: str = "") -> str:
    return empty if value is None else f"{value:,}"


def hours(minutes: float) -> str:
    """Minutes as hours to one decimal: ``12.5 h``."""
    return f"{_number(minutes / 60, 1)} h"
