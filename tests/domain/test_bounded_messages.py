"""A message listing items names the first few and counts the rest, within about 1,000
characters: a cycle through every capability, thousands of problems, long names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoping_app.cli import main
from scoping_app.domain.messages import message_for
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.domain.validation import (
    MAX_CAPABILITIES,
    MESSAGE_CHARS,
    Problem,
    ProjectInvalid,
    describe_cycle,
    ensure_valid,
)
from scoping_app.store.importing import ExchangeError, read_project

ABOUT = MESSAGE_CHARS + 200  # the first line and "… and 9,994 more." come on top


def _circle(count: int, name_length: int = 20) -> dict[str, object]:
    """A file whose ``count`` capabilities each require the next, the last the first."""
    return {
        "format": "ai-scoping-project",
        "format_version": 1,
        "project": {"name": "Circle"},
        "capabilities": [
            {
                "key": f"c{i}",
                "name": f"Capability {i} ".ljust(name_length, "x"),
                "requires": [f"c{(i + 1) % count}"],
            }
            for i in range(count)
        ],
    }


def test_a_cycle_through_every_capability_names_three_links_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _circle(MAX_CAPABILITIES, name_length=200)
    with pytest.raises(ExchangeError) as raised:
        read_project(json.dumps(document))
    message = str(raised.value)
    assert len(message) <= ABOUT
    assert "… and 2,497 more links that lead back to Capability 0" in message

    path = tmp_path / "circle.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["--db", str(tmp_path / "scoping.db"), "import", str(path)]) == 1
    assert len(capsys.readouterr().err) <= ABOUT


def test_a_cycle_of_ten_thousand_links_is_described_in_a_few_words() -> None:
    keys = [f"c{i}" for i in range(10_000)]
    text = describe_cycle(keys, {key: "N" * 200 for key in keys})
    assert len(text) <= MESSAGE_CHARS
    assert text.endswith("… and 9,997 more links that lead back to " + "N" * 39 + "…")


def test_a_short_cycle_is_named_whole() -> None:
    text = describe_cycle(["a", "b", "c"], {"a": "A", "b": "B", "c": "C"})
    assert text == (
        "these capabilities require each other in a circle: "
        "A requires B, B requires C, C requires A"
    )


def test_thousands_of_problems_are_counted_after_the_first_few() -> None:
    document = _circle(1)
    document["capabilities"] = [
        {"key": f"c{i}", "name": "N" * 200, "value": -1, "owner": "x"}
        for i in range(MAX_CAPABILITIES)
    ]
    with pytest.raises(ExchangeError) as raised:
        read_project(json.dumps(document))
    message = str(raised.value)
    assert len(message) <= ABOUT
    assert message.startswith("The file cannot be imported: 5,000 problems were found.\n- ")
    shown = message.count("\n- ")
    assert message.endswith(f"… and {5_000 - shown:,} more.")


def test_an_edit_refused_for_many_reasons_says_the_first_few() -> None:
    project = Project(
        info=ProjectInfo(name="P"),
        capabilities=[Capability(key="a", name="A", requires=[f"gone{i}" for i in range(3_000)])],
    )
    with pytest.raises(ProjectInvalid) as raised:
        ensure_valid(project)
    assert len(raised.value.problems) == 3_000
    assert len(str(raised.value)) <= ABOUT
    assert str(raised.value).endswith(" more.")


def test_the_words_of_a_refusal_shown_in_the_window_are_bounded_too() -> None:
    problems = [Problem(f"capabilities[{i}].requires[0]", "N" * 400) for i in range(3_000)]
    text = message_for(ProjectInvalid(problems))
    assert len(text) <= ABOUT and text.endswith(" more.")
