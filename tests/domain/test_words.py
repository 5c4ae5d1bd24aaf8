"""Words for people: labels of the enumerations, numbers and dates rounded."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import (
    Category,
    DataStatus,
    Fallback,
    Industry,
    Pattern,
    RiskCause,
    Topic,
)


def test_days_to_one_decimal() -> None:
    assert fmt.days(12.345) == "12.3"
    assert fmt.days(0.05) == "0.1"
    assert fmt.days(1234.56) == "1,234.6"
    assert fmt.days(0) == "0.0"


def test_money_with_thousands_and_code() -> None:
    assert fmt.money(3430.4, "EUR") == "EUR 3,430"
    assert fmt.money(1234567.5, "USD") == "USD 1,234,568"
    assert fmt.money(0, "GBP") == "GBP 0"


def test_points_and_milliseconds() -> None:
    assert fmt.points(14) == "14"
    assert fmt.points(2.25) == "2.3"
    assert fmt.milliseconds(1920.4) == "1,920 ms"


def test_margin_against_budget_and_target() -> None:
    assert fmt.margin(1920, 2500, fmt.milliseconds, at_most=True) == "580 ms under"
    assert fmt.margin(2600, 2500, fmt.milliseconds, at_most=True) == "100 ms over"
    assert fmt.margin(14, 12, fmt.points, at_most=False) == "2 above"
    assert fmt.margin(10, 12, fmt.points, at_most=False) == "2 short"
    assert fmt.margin(12, 12, fmt.points, at_most=False) == "exactly on target"
    assert fmt.within(2500, 2500, at_most=True)
    assert fmt.within(5, None, at_most=False)
    assert not fmt.within(11.9, 12, at_most=False)


def test_long_date_is_locale_free() -> None:
    assert fmt.long_date(date(2026, 3, 3)) == "3 March 2026"


def test_huge_and_infinite_figures_are_written_not_crashed_on() -> None:
    assert fmt.days(1e307) == f"{1e307:,.1f}"
    assert fmt.hours(float("inf")) == "more than 10^308 h"
    assert fmt.money(-float("inf"), "EUR") == "EUR less than -10^308"
    assert fmt.days(2.25) == "2.3"  # halves still round away from zero


def test_one_word_per_enumeration_value() -> None:
    assert fmt.choice(Category.UX) == "User experience" == fmt.category(Category.UX)
    assert fmt.choice(Fallback.RULE_BASED) == "Rule-based answer"
    assert fmt.choice(DataStatus.TO_ACQUIRE) == "To acquire"
    assert fmt.choice(Topic.PII) == "PII"
    assert fmt.choice(Topic.AUDIT_TRAIL) == "Audit trail"
    assert fmt.choice("graceful_refusal") == "Graceful refusal"
    # a value spelled like another enumeration's is still read as its own
    assert fmt.choice(RiskCause.DATA) == "Data"
    assert fmt.pattern(Pattern.RAG) == "Retrieval-augmented generation (RAG)"


def test_regulated_industries_say_so() -> None:
    assert fmt.industry(Industry.HEALTHCARE) == "Healthcare (regulated)"
    assert fmt.industry(Industry.RETAIL) == "Retail"


@pytest.mark.parametrize("enumeration", [Industry, Pattern, Category, Fallback])
def test_every_named_value_has_its_words(enumeration: type) -> None:
    for value in enumeration:
        assert fmt.choice(value) and "_" not in fmt.choice(value)
    assert len({fmt.choice(value) for value in enumeration}) == len(enumeration)


def test_every_category_has_a_short_tag() -> None:
    tags = [fmt.category_tag(value) for value in Category]
    assert len(set(tags)) == len(tags)
    assert all(tag.isupper() and len(tag) <= 5 for tag in tags)


def test_figures_and_dates_that_may_be_missing() -> None:
    assert fmt.number(0.95) == "0.95"
    assert fmt.number(1200.0) == "1,200"
    assert fmt.number(None, empty="—") == "—"
    assert fmt.day(None) == "—"
    assert fmt.day(date(2026, 12, 1)) == "1 December 2026"
    assert fmt.effort_days(12.25) == "12.3 d"
    assert fmt.estimated_days(0) == "not estimated"
    assert fmt.yes_no(True) == "Yes"


def test_items_by_name_with_the_key_only_where_a_name_is_shared(example_project: Any) -> None:
    names = fmt.names_by_key(example_project.slices)
    assert names == {
        "agent_assist": "Agent assist first",
        "self_service": "Customer self-service",
        "everything": "Everything at once",
    }
    example_project.slices[1].name = "Agent assist first"
    shared = fmt.names_by_key(example_project.slices)
    assert shared["agent_assist"] == "Agent assist first (agent_assist)"
    assert shared["self_service"] == "Agent assist first (self_service)"
    assert shared["everything"] == "Everything at once"


def test_an_item_without_a_name_is_called_by_its_question_description_or_story(
    example_project: Any,
) -> None:
    assert fmt.item_name(example_project.decisions[0]) == "How do we chunk policies?"
    story = fmt.item_name(example_project.risks[0])
    assert story.startswith("It failed because customers") and story.endswith("…")
    assert len(story) <= fmt.NAME_LIMIT
