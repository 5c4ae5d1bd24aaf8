"""domain.messages: every refusal of the domain in the product lead's words, from any model."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from scoping_app.domain.messages import (
    describe_validation_error,
    describe_value,
    field_messages,
    message_for,
    problems_of,
    quote,
    where,
)
from scoping_app.domain.model import Capability, Effort, FailureMode, Project, Risk, Slice
from scoping_app.domain.validation import CycleError, Problem, ProjectInvalid

RAW_WORDS = ("input_value", "Input should", "Value error", "pydantic", "type=")


def _refusal(model: Any, data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value


def test_a_risk_out_of_range_names_the_bounds_of_its_own_model() -> None:
    error = _refusal(Risk, {"key": "r1", "story": "It fails", "likelihood": 9})
    assert describe_validation_error(error) == [
        Problem("likelihood", "must be at least 1 and at most 5 (it is 9)")
    ]


def test_a_bad_key_is_explained_with_the_key_rule() -> None:
    error = _refusal(Slice, {"key": "Not a key", "name": "MVP"})
    assert field_messages(error) == {
        "key": 'must be 1 to 64 characters of a-z, 0-9, _ and - (it is the text "Not a key")'
    }


def test_an_empty_required_text_must_not_be_empty() -> None:
    error = _refusal(FailureMode, {"key": "f", "capability": "c", "description": ""})
    assert field_messages(error) == {"description": "must not be empty"}


def test_a_deeper_problem_keeps_the_rest_of_its_place() -> None:
    error = _refusal(Capability, {"key": "c", "name": "C", "effort": {"likely": -1}})
    messages = field_messages(error)
    assert list(messages) == ["effort"]
    assert messages["effort"].startswith("optimistic: must be at least 0")


def test_the_payload_reports_a_filled_estimate_once_as_written() -> None:
    payload = {"key": "c", "name": "C", "effort": -2}
    error = _refusal(Capability, payload)
    assert describe_validation_error(error, payload) == [
        Problem("effort", "must be at least 0 (it is -2)")
    ]


def test_unknown_and_missing_fields_are_named() -> None:
    error = _refusal(Slice, {"key": "mvp", "colour": "red"})
    assert describe_validation_error(error) == [
        Problem("", 'missing required field "name"'),
        Problem("", 'unknown field "colour"'),
    ]


def test_an_enumeration_lists_its_choices() -> None:
    error = _refusal(Capability, {"key": "c", "name": "C", "category": "magic"})
    (problem,) = describe_validation_error(error)
    assert problem.location == "category"
    assert problem.message.startswith("must be one of: ")
    assert problem.message.endswith('(it is the text "magic")')


def test_message_for_a_pydantic_error_has_no_raw_words() -> None:
    error = _refusal(Project, {"info": {"name": ""}, "capabilities": [{"key": 5}]})
    text = message_for(error)
    assert "info.name: must not be empty" in text.splitlines()
    for raw in RAW_WORDS:
        assert raw not in text


def test_a_refusal_of_an_assignment_is_translated_too() -> None:
    effort = Effort.single(1)
    with pytest.raises(ValidationError) as caught:
        effort.likely = -3
    assert message_for(caught.value).startswith("likely: must be at least 0")


def test_the_domain_refusals_read_as_they_are() -> None:
    invalid = ProjectInvalid([Problem("slices[0].capabilities[1]", "no capability has this key")])
    assert problems_of(invalid) == invalid.problems
    assert message_for(invalid) == "slices[0].capabilities[1]: no capability has this key"
    cycle = CycleError(["a", "b"], {"a": "Search", "b": "Answer"})
    assert message_for(cycle) == str(cycle)
    assert "Search requires Answer" in message_for(cycle)


def test_any_other_error_reads_as_its_own_text() -> None:
    assert message_for(ValueError("Unknown page size")) == "Unknown page size"


def test_words_for_places_and_values() -> None:
    assert where(("capabilities", 3, "requires", 0)) == "capabilities[3].requires[0]"
    assert where(()) == ""
    assert quote("x" * 100).endswith('…"')
    assert describe_value(2.0) == "2.0"
    assert describe_value(None) == "null"
    assert describe_value([1]) == "a list"
    assert describe_value("hi") == 'the text "hi"'
