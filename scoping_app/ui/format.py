"""Words and rounded numbers for the window, the same as the PDF plan uses."""

from __future__ import annotations

from datetime import date
from enum import Enum

from scoping_app.report import formatting, labels
from scoping_app.report.formatting import days, milliseconds, money, points

__all__ = [
    "category",
    "choice",
    "day",
    "days",
    "effort_days",
    "industry",
    "milliseconds",
    "money",
    "number",
    "optional",
    "pattern",
    "points",
    "yes_no",
]

industry = labels.industry
pattern = labels.pattern
category = labels.category


ACRONYMS = {"pii": "PII", "gpu": "GPU", "ux": "UX"}


def choice(value: Enum) -> str:
    """An enumeration value in words: ``to_acquire`` -> ``To acquire``, ``pii`` -> ``PII``."""
    raw = str(value.value)
    if raw in ACRONYMS:
        return ACRONYMS[raw]
    text = raw.replace("_", " ")
    return text[:1].upper() + text[1:]


def number(value: float | None) -> str:
    if value is None:
        return ""
    return points(value)


def optional(value: object, empty: str = "—") -> str:
    if value is None or value == "":
        return empty
    return str(value)


def day(value: date | None) -> str:
    return formatting.long_date(value) if value is not None else "—"


def effort_days(value: float) -> str:
    return f"{days(value)} d"


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"
