"""Field rules of the domain models: ranges, types and defaults from the spec."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scoping_app.domain.enums import AiRole, DataStatus, DecisionStatus, Fallback, Industry
from scoping_app.domain.model import (
    Capability,
    DataSource,
    Decision,
    Effort,
    FailureMode,
    ProcessStep,
    ProjectInfo,
    Risk,
)


def test_effort_from_a_number_and_from_a_partial_object() -> None:
    assert Effort.model_validate(4) == Effort(optimistic=4, likely=4, pessimistic=4)
    partial = Effort.model_validate({"likely": 3, "pessimistic": 9})
    assert (partial.optimistic, partial.likely, partial.pessimistic) == (3, 3, 9)
    assert Effort(optimistic=3, likely=5, pessimistic=9).expected == pytest.approx(32 / 6)


@pytest.mark.parametrize(
    "raw",
    [
        {"optimistic": 5, "likely": 3, "pessimistic": 9},
        {"optimistic": 1, "likely": 3, "pessimistic": 2},
        {"optimistic": -1, "likely": 3, "pessimistic": 4},
        True,
        "3",
    ],
)
def test_effort_refuses_disorder_negatives_and_non_numbers(raw: object) -> None:
    with pytest.raises(ValidationError):
        Effort.model_validate(raw)


def test_capability_defaults_follow_the_spec() -> None:
    capability = Capability(key="a", name="A")
    assert capability.effort.expected == 0
    assert (capability.value, capability.latency_ms, capability.monthly_cost) == (0, 0, 0)
    assert capability.category == "other" and not capability.mandatory
    assert capability.requires == capability.delivers == []


@pytest.mark.parametrize("key", ["", "A", "has space", "é", "x" * 65])
def test_keys_are_short_lowercase_ascii(key: str) -> None:
    with pytest.raises(ValidationError):
        Capability(key=key, name="A")


def test_names_are_one_to_two_hundred_characters_of_any_unicode() -> None:
    assert Capability(key="a", name="Ωμέγα Привет 漢字").name == "Ωμέγα Привет 漢字"
    with pytest.raises(ValidationError):
        Capability(key="a", name="")
    with pytest.raises(ValidationError):
        Capability(key="a", name="x" * 201)


def test_assignment_is_validated_too() -> None:
    risk = Risk(key="r", story="It failed because…")
    with pytest.raises(ValidationError):
        risk.likelihood = 7
    assert risk.likelihood == 3


def test_severe_risk_is_open_with_score_of_fifteen_or_more() -> None:
    assert Risk(key="r", story="s", likelihood=3, impact=5).severe
    assert not Risk(key="r", story="s", likelihood=2, impact=5).severe
    assert not Risk(key="r", story="s", likelihood=5, impact=5, status="mitigated").severe


def test_the_facts_the_rubric_and_the_hints_share() -> None:
    assert not ProcessStep(key="s", name="S").uses_ai
    assert ProcessStep(key="s", name="S", ai_role=AiRole.ASSIST).uses_ai
    assert DataSource(key="d", name="D", status=DataStatus.HAVE).in_hand
    assert not DataSource(key="d", name="D", status=DataStatus.TO_ACQUIRE).in_hand
    assert not DataSource(key="d", name="D").in_hand  # assumed until said otherwise
    mode = FailureMode(key="f", capability="c", description="Wrong answer", impact=3)
    assert not mode.severe and not mode.has_fallback
    mode.impact, mode.fallback = 4, Fallback.HUMAN_REVIEW
    assert mode.severe and mode.has_fallback
    assert not Decision(key="q", question="Which model?").decided
    assert Decision(key="q", question="Which model?", status=DecisionStatus.DECIDED).decided


def test_project_info_ranges_and_dates() -> None:
    info = ProjectInfo(name="P", deadline="2027-04-30", latency_budget_ms=800)
    assert info.deadline.isoformat() == "2027-04-30"
    assert info.industry is Industry.GENERAL and info.currency == "USD"
    with pytest.raises(ValidationError):
        ProjectInfo(name="P", latency_budget_ms=0)
    with pytest.raises(ValidationError):
        ProjectInfo(name="P", monthly_budget=float("nan"))
    with pytest.raises(ValidationError):
        ProjectInfo(name="P", deadline=1700000000)
    with pytest.raises(ValidationError):
        ProjectInfo(name="P", currency="euro")
