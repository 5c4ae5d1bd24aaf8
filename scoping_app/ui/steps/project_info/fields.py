"""The Project step's fields: how each is read from its widget text and checked, without Qt.

A field's text becomes a value for :func:`scoping_app.domain.edits.set_info`, or a
sentence saying why it cannot; the page shows the sentence beside the field and
stores nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX, ProjectInfo

_ISO_LENGTH = 10


class FieldError(ValueError):
    """The text cannot be stored; the message is for the product lead."""


@dataclass(frozen=True)
class FieldSpec:
    field: str  # the ProjectInfo field
    label: str  # the form label, with a mnemonic
    accessible: str  # what a screen reader says
    undo: str  # the Edit menu's words: "Change latency budget"


SPECS = {
    spec.field: spec
    for spec in (
        FieldSpec("name", "&Name", "Project name", "Rename project"),
        FieldSpec("industry", "&Industry", "Industry", "Change industry"),
        FieldSpec("pattern", "AI &pattern", "AI pattern", "Change AI pattern"),
        FieldSpec("owner", "O&wner", "Owner", "Change owner"),
        FieldSpec("problem", "P&roblem", "Problem", "Change problem"),
        FieldSpec("objective", "O&bjective", "Objective", "Change objective"),
        FieldSpec("deadline", "&Deadline", "Deadline, as year-month-day", "Change deadline"),
        FieldSpec(
            "latency_budget_ms",
            "&Latency budget",
            "Latency budget per interaction, in milliseconds",
            "Change latency budget",
        ),
        FieldSpec(
            "monthly_budget",
            "Running &cost budget",
            "Running cost budget per month",
            "Change running cost budget",
        ),
        FieldSpec(
            "monthly_value",
            "&Value per month",
            "Business value per month once live",
            "Change value per month",
        ),
        FieldSpec("currency", "C&urrency", "Currency, three-letter ISO code", "Change currency"),
        FieldSpec(
            "value_target",
            "Value &target",
            "Value target: least value points a viable slice must deliver",
            "Change value target",
        ),
    )
}

NUMBER_FIELDS = ("latency_budget_ms", "monthly_budget", "monthly_value", "value_target")


def number_text(value: float | None) -> str:
    """A stored number as the user edits it: ``2500``, ``12.5``, or empty for none."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def parse_number(text: str, field: str) -> float | None:
    """Empty means none; spaces, underscores and thousands commas are allowed."""
    cleaned = text.strip().replace(" ", "").replace("_", "").replace(",", "")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise FieldError("Type a number, or leave it empty for none.") from None
    if not math.isfinite(number):
        raise FieldError("Type an ordinary number.")
    if field == "latency_budget_ms" and number <= 0:
        raise FieldError("The latency budget must be more than 0 ms.")
    if number < 0:
        raise FieldError("This must not be negative.")
    return number


def parse_date(text: str) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        if len(cleaned) != _ISO_LENGTH:
            raise ValueError
        return date.fromisoformat(cleaned)
    except ValueError:
        raise FieldError(
            "Write the date as YYYY-MM-DD (e.g. 2027-04-30), or leave it empty for none."
        ) from None


def parse_currency(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise FieldError("Use a three-letter ISO 4217 code such as EUR, USD or GBP.")
    return code


def parse_text(text: str, field: str) -> str:
    if field == "name":
        name = text.strip()
        if not name:
            raise FieldError("A project needs a name.")
        if len(name) > NAME_MAX:
            raise FieldError(f"A name has at most {NAME_MAX} characters.")
        return name
    return text.strip() if field == "owner" else text


def parse(field: str, text: str) -> object:
    """The value to store for ``field`` from its widget ``text``; FieldError when refused."""
    if field in NUMBER_FIELDS:
        return parse_number(text, field)
    if field == "deadline":
        return parse_date(text)
    if field == "currency":
        return parse_currency(text)
    if field == "industry":
        return Industry(text)
    if field == "pattern":
        return Pattern(text)
    return parse_text(text, field)


def edit_text(info: ProjectInfo, field: str) -> str:
    """The stored value of ``field`` as its widget shows it for editing."""
    value = getattr(info, field)
    if field in NUMBER_FIELDS:
        return number_text(value)
    if field == "deadline":
        return value.isoformat() if value is not None else ""
    if isinstance(value, Industry | Pattern):
        return value.value
    return str(value)
