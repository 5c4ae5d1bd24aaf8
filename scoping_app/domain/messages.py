"""Refused edits in words a product lead understands: one sentence per refusal, no Qt.

A value the domain model refuses (a pydantic ``ValidationError``) becomes its
field and what the field must be ("Key: must use 1 to 64 of a-z, 0-9, _ and -");
a whole-project refusal (:class:`ProjectInvalid`, a cycle) becomes its messages;
anything else its own text.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from scoping_app.domain.model import KEY_PATTERN
from scoping_app.domain.validation import ProjectInvalid

CURRENCY_PATTERN = r"^[A-Z]{3}$"

KEY_RULE = "1 to 64 of a-z, 0-9, _ and -"
"""What a key may hold (``model.KEY_PATTERN``), in words."""

KEY_WORDS = f"must use {KEY_RULE}"


def _words(problem: Any) -> str:
    kind = str(problem["type"])
    context = problem.get("ctx") or {}
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {context.get('max_length')} characters"
    if kind == "greater_than_equal":
        return f"must be at least {context.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {context.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {context.get('le')}"
    if kind.startswith(("int_", "float_")):
        return "must be a number"
    if kind == "string_pattern_mismatch":
        if context.get("pattern") == KEY_PATTERN:
            return KEY_WORDS
        return (
            "must be a three-letter code such as USD or EUR"
            if context.get("pattern") == CURRENCY_PATTERN
            else "is not written in the expected form"
        )
    return str(problem["msg"]).removeprefix("Value error, ")


def field_messages(error: ValidationError) -> dict[str, str]:
    """The first refusal of each field, in words: ``{"quality": "must be at most 5"}``."""
    messages: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        messages.setdefault(field, _words(problem))
    return messages


def message_for(error: Exception) -> str:
    """One plain sentence saying why an edit was refused."""
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{field.replace('_', ' ').capitalize()}: {words}" if field else words
            for field, words in field_messages(error).items()
        )
    if isinstance(error, ProjectInvalid):
        return "\n".join(_sentence(problem.message) for problem in error.problems)
    return str(error).strip()


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
