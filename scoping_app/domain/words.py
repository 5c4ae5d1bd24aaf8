"""Words for people, the same in the window and in the PDF plan.

Labels of the enumerations (``Category.UX`` -> "User experience"), and numbers, money
and dates rounded as people write them (effort to one decimal, money with thousands
separators, dates spelled the same in every locale). No Qt: the report and the window
both read their words here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import Enum
from typing import Any

from scoping_app.domain.enums import Category, Fallback, Industry, Pattern

# --- Labels of the enumerations ---------------------------------------------------

INDUSTRY = {
    Industry.GENERAL: "General",
    Industry.HEALTHCARE: "Healthcare",
    Industry.FINTECH: "Fintech",
    Industry.LEGAL: "Legal",
    Industry.INSURANCE: "Insurance",
    Industry.PUBLIC_SECTOR: "Public sector",
    Industry.RETAIL: "Retail",
    Industry.MANUFACTURING: "Manufacturing",
    Industry.OTHER: "Other",
}

PATTERN = {
    Pattern.RAG: "Retrieval-augmented generation (RAG)",
    Pattern.FINE_TUNE: "Fine-tuning",
    Pattern.CLASSIFIER: "Classifier",
    Pattern.EXTRACTION: "Extraction",
    Pattern.AGENT: "Agent",
    Pattern.FORECASTING: "Forecasting",
    Pattern.RECOMMENDATION: "Recommendation",
    Pattern.OTHER: "Other",
}

CATEGORY = {
    Category.DATA: "Data",
    Category.MODEL: "Model",
    Category.RETRIEVAL: "Retrieval",
    Category.SERVING: "Serving",
    Category.EVALUATION: "Evaluation",
    Category.MONITORING: "Monitoring",
    Category.COMPLIANCE: "Compliance",
    Category.UX: "User experience",
    Category.INTEGRATION: "Integration",
    Category.OTHER: "Other",
}

# The short tag a graph box carries beside its colour, so a category is not told by colour only.
CATEGORY_TAG = {
    Category.DATA: "DATA",
    Category.MODEL: "MODEL",
    Category.RETRIEVAL: "RETR",
    Category.SERVING: "SERVE",
    Category.EVALUATION: "EVAL",
    Category.MONITORING: "MON",
    Category.COMPLIANCE: "COMPL",
    Category.UX: "UX",
    Category.INTEGRATION: "INTEG",
    Category.OTHER: "OTHER",
}

FALLBACK = {
    Fallback.HUMAN_REVIEW: "Human review",
    Fallback.RULE_BASED: "Rule-based answer",
    Fallback.CACHED: "Cached answer",
    Fallback.GRACEFUL_REFUSAL: "Graceful refusal",
    Fallback.RETRY: "Retry",
    Fallback.NONE: "None",
}

# Enumerations whose values need more than their spelling with spaces.
_NAMED: dict[type[Enum], Mapping[Any, str]] = {
    Industry: INDUSTRY,
    Pattern: PATTERN,
    Category: CATEGORY,
    Fallback: FALLBACK,
}
_ACRONYMS = {"pii": "PII", "gpu": "GPU"}


def industry(value: Industry) -> str:
    """The industry, marked "(regulated)" where rules on data and audit apply."""
    label = INDUSTRY.get(value, str(value))
    return f"{label} (regulated)" if value.regulated else label


def pattern(value: Pattern) -> str:
    return PATTERN.get(value, str(value))


def category(value: Category) -> str:
    return CATEGORY.get(value, str(value))


def category_tag(value: Category) -> str:
    """The category in a few capitals, for a box too small for its full name: ``RETR``."""
    return CATEGORY_TAG.get(value, str(value).upper())


def choice(value: Enum | str) -> str:
    """Any enumeration value in words: ``to_acquire`` -> "To acquire", ``pii`` -> "PII"."""
    named = _NAMED.get(type(value)) if isinstance(value, Enum) else None
    if named is not None and value in named:
        return named[value]
    raw = str(value.value) if isinstance(value, Enum) else str(value)
    if raw in _ACRONYMS:
        return _ACRONYMS[raw]
    text = raw.replace("_", " ")
    return text[:1].upper() + text[1:]


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


# --- Items by name ---------------------------------------------------------------

NAME_LIMIT = 60  # characters of an item's name, question, description or story in a sentence


def item_name(item: Any, limit: int = NAME_LIMIT) -> str:
    """What people call an item: its name, else its question, description or story.

    On one line and cut to ``limit`` characters. Keys are the file's and the CLI's
    handles; sentences a product lead reads name items this way instead.
    """
    for attribute in ("name", "question", "description", "story"):
        text = " ".join(str(getattr(item, attribute, "") or "").split())
        if text:
            return text if len(text) <= limit else text[: limit - 3].rstrip() + "…"
    return str(getattr(item, "key", ""))


def names_by_key(items: Iterable[Any], limit: int = NAME_LIMIT) -> dict[str, str]:
    """Each item's name by its key; a name two items share is followed by its key."""
    named = {item.key: item_name(item, limit) for item in items}
    shared = Counter(named.values())
    return {key: f"{name} ({key})" if shared[name] > 1 else name for key, name in named.items()}


# --- Numbers, money and dates -----------------------------------------------------

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
NOT_ESTIMATED = "not estimated"
NO_DATE = "—"


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


def effort_days(value: float) -> str:
    """Effort in days with its unit: ``12.5 d``."""
    return f"{days(value)} d"


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


def number(value: float | None, *, empty: str = "") -> str:
    """A measured figure as people write it: up to two decimals, thousands separated."""
    if value is None:
        return empty
    text = _number(value, 2)
    return text.rstrip("0").rstrip(".") if "." in text else text


def count(value: int | None, *, empty: str = "") -> str:
    return empty if value is None else f"{value:,}"


def percent(part: float, whole: float) -> str:
    share = 100 * part / whole
    return "less than 1%" if 0 < share < 1 else f"{_number(share, 0)}%"


def chance(share: float) -> str:
    """A probability (0 to 1) in whole percent, ``64%``; what is merely unlikely or likely
    is never shown as 0% or 100%: ``less than 1%``, ``more than 99%``."""
    if 0 < share < 0.01:
        return "less than 1%"
    if 0.99 < share < 1:
        return "more than 99%"
    return f"{_number(100 * share, 0)}%"


def hours(minutes: float) -> str:
    """Minutes as hours to one decimal: ``12.5 h``."""
    return f"{_number(minutes / 60, 1)} h"


def long_date(value: date) -> str:
    """``3 March 2026``, the same in every locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def day(value: date | None) -> str:
    """A date that may not be set: ``3 March 2026`` or a dash."""
    return long_date(value) if value is not None else NO_DATE


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
