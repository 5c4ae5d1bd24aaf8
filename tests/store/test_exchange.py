"""The *.scope.json exchange file: every refusal names where and what, in plain words.

Each test breaks the shared example file in one purpose-made way and checks
the location (spec notation, ``capabilities[3].requires[0]``) and the words.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoping_app.domain.model import Capability, Effort, Project, ProjectInfo
from scoping_app.domain.validation import CycleError, Problem, ProjectInvalid, ensure_valid
from scoping_app.store import exporting, files, importing
from scoping_app.store.exporting import document, dumps, write_file
from scoping_app.store.importing import ExchangeError, read_file, read_project
from tests.conftest import EXAMPLE_FILE

RAW_WORDS = ("input_value", "Input should", "Value error", "pydantic", "Traceback", "type=")


# --- helpers --------------------------------------------------------------------------------


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


def _delete(doc: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return doc


def _refusal(data: bytes | str | dict[str, Any]) -> ExchangeError:
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    with pytest.raises(ExchangeError) as caught:
        read_project(data)
    error = caught.value
    text = str(error)
    for raw in RAW_WORDS:
        assert raw not in text, f"raw words {raw!r} in: {text}"
    return error


def _problems(data: bytes | str | dict[str, Any]) -> list[str]:
    return [str(problem) for problem in _refusal(data).problems]


def _one_problem(data: bytes | str | dict[str, Any]) -> Problem:
    problems = _refusal(data).problems
    assert len(problems) == 1, problems
    return problems[0]


@pytest.fixture
def doc(example_document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(example_document)


def _index(doc: dict[str, Any], key: str) -> int:
    return next(i for i, c in enumerate(doc["capabilities"]) if c["key"] == key)


# --- files that read -------------------------------------------------------------------------


def test_the_example_file_reads(example_project: Project) -> None:
    project = read_file(EXAMPLE_FILE)
    assert project == example_project
    assert project.name == "Support answer assistant"
    assert len(project.capabilities) == 15


def test_the_example_exports_to_the_same_document(
    example_project: Project, example_document: dict[str, Any]
) -> None:
    """A file of version 1 exports as version 2 with nothing else changed."""
    doc = document(example_project)
    assert example_document["format_version"] == 1
    assert doc == {**example_document, "format_version": 2}
    assert list(doc) == list(example_document)
    assert read_project(dumps(example_project)) == example_project


def test_export_writes_every_field_with_defaults() -> None:
    project = Project(
        info=ProjectInfo(name="Minimal"),
        capabilities=[Capability(key="a", name="A", value=5.0, monthly_cost=2.5)],
    )
    doc = document(project)
    assert doc["format"] == "ai-scoping-project"
    assert doc["format_version"] == 2
    assert doc["project"] == {
        "name": "Minimal",
        "industry": "general",
        "pattern": "other",
        "problem": "",
        "objective": "",
        "owner": "",
        "latency_budget_ms": None,
        "monthly_budget": None,
        "monthly_value": None,
        "currency": "USD",
        "value_target": None,
        "deadline": None,
    }
    for name in importing.LISTS:
        assert isinstance(doc[name], list)
    capability = doc["capabilities"][0]
    assert capability["effort"] == {"optimistic": 0, "likely": 0, "pessimistic": 0}
    assert capability["value"] == 5 and isinstance(capability["value"], int)
    assert capability["monthly_cost"] == 2.5
    assert capability["requires"] == []


def test_numbers_keep_full_precision() -> None:
    tricky = [0.1 + 0.2, 1e-300, 5e-324, 99_999.999_999_999_99, 2.0**-40, 12345.123456789]
    project = Project(
        info=ProjectInfo(name="Numbers"),
        capabilities=[
            Capability(key=f"c{i}", name="C", value=v, effort=Effort.single(v))
            for i, v in enumerate(tricky)
        ],
    )
    again = read_project(dumps(project))
    assert [c.value for c in again.capabilities] == tricky
    assert again == project


def test_dumps_is_indented_utf8_text_ending_in_a_newline() -> None:
    project = Project(info=ProjectInfo(name='Заявки 😀 «quotes» "and" \\ back', owner="Zoë"))
    text = dumps(project)
    assert text.endswith("}\n")
    assert '\n  "project": {\n    "name": "Заявки 😀' in text
    assert read_project(text.encode("utf-8")) == project


def test_a_minimal_file_reads_with_defaults() -> None:
    text = '{"format": "ai-scoping-project", "format_version": 1, "project": {"name": "Tiny"}}'
    project = read_project(text)
    assert project == Project(info=ProjectInfo(name="Tiny"))
    assert project.capabilities == [] and project.slices == []


def test_a_utf8_byte_order_mark_is_accepted(example_project: Project) -> None:
    data = b"\xef\xbb\xbf" + dumps(example_project).encode("utf-8")
    assert read_project(data) == example_project


@pytest.mark.parametrize(
    ("effort", "expected"),
    [
        (3, (3, 3, 3)),
        (2.5, (2.5, 2.5, 2.5)),
        ({"likely": 3}, (3, 3, 3)),
        ({"optimistic": 1, "likely": 3}, (1, 3, 3)),
        ({"likely": 3, "pessimistic": 8}, (3, 3, 8)),
        ({"optimistic": 1, "likely": 3, "pessimistic": 8}, (1, 3, 8)),
    ],
)
def test_effort_as_a_number_or_a_partial_object(
    doc: dict[str, Any], effort: Any, expected: tuple[float, float, float]
) -> None:
    _set(doc, ("capabilities", 0, "effort"), effort)
    capability = read_project(json.dumps(doc)).capabilities[0]
    assert (
        capability.effort.optimistic,
        capability.effort.likely,
        capability.effort.pessimistic,
    ) == expected
    # and it is written back in full
    written = document(read_project(json.dumps(doc)))["capabilities"][0]["effort"]
    assert written == dict(zip(("optimistic", "likely", "pessimistic"), expected, strict=True))


# --- not a project file at all ---------------------------------------------------------------


def test_not_utf8(doc: dict[str, Any]) -> None:
    doc["project"]["owner"] = "Zoë"
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("latin-1")
    problem = _one_problem(data)
    assert problem.location == ""
    assert problem.message.startswith("The file is not UTF-8 text")
    assert "(on line 10)" in problem.message  # the "owner" line
    assert str(_refusal(data)) == problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_named(doc: dict[str, Any], encoding: str) -> None:
    problem = _one_problem(json.dumps(doc).encode(encoding))
    assert problem.message.startswith(
        "The file is not UTF-8 text (it looks like UTF-16 or UTF-32)."
    )


def test_not_json_says_line_and_column() -> None:
    text = '{\n  "format": "ai-scoping-project",\n  "format_version": 1\n  "project": {}\n}\n'
    problem = _one_problem(text)
    assert problem.message == (
        "The file is not valid JSON: a comma was expected at line 4, column 3."
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "The file is empty"),
        ("   \n", "The file is empty"),
        ('{"format": "ai-scoping-project",}', "a field name in double quotes was expected"),
        ('{"format": "ai-scoping-project"', "line 1, column"),
        ('{"format": "ai-scoping', "a text is not closed"),
        ("{} {}", "more follows the end of the JSON object"),
        ("{'format': 1}", "not valid JSON"),
        ("[" * 100_000, "nested far too deeply"),
        ('{"n": ' + "9" * 5000 + "}", "far too many digits"),
    ],
)
def test_broken_json(text: str, words: str) -> None:
    problem = _one_problem(text)
    assert problem.location == ""
    assert words in problem.message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(doc: dict[str, Any], literal: str) -> None:
    text = json.dumps(doc).replace('"value": 6', f'"value": {literal}', 1)
    where = _index(doc, "answer_llm")
    problem = _one_problem(text)
    assert problem.location == f"capabilities[{where}].value"
    assert problem.message.startswith(f"{literal} is not allowed in a project file")


def test_every_nan_is_named(doc: dict[str, Any]) -> None:
    text = json.dumps(doc).replace('"monthly_budget": 6000', '"monthly_budget": NaN')
    text = text.replace('"records": 900', '"records": Infinity')
    assert [p.split(":")[0] for p in _problems(text)] == [
        "project.monthly_budget",
        "data_sources[0].records",
    ]


@pytest.mark.parametrize("top", [[], "project", 3, None, True])
def test_top_level_must_be_an_object(top: Any) -> None:
    problem = _one_problem(json.dumps(top))
    assert problem.message.startswith("The file does not hold a project: it must be one JSON")


def test_other_format(doc: dict[str, Any]) -> None:
    doc["format"] = "trello-board"
    problem = _one_problem(doc)
    assert problem.location == "format"
    assert "this is not an AI Scoping Studio project file" in problem.message
    assert '"trello-board"' in problem.message


def test_missing_format(doc: dict[str, Any]) -> None:
    del doc["format"]
    problem = _one_problem(doc)
    assert (problem.location, problem.message) == (
        "format",
        'this is not an AI Scoping Studio project file (it has no "format" field)',
    )


def test_a_json_object_of_another_kind_is_not_ours() -> None:
    problem = _one_problem('{"name": "package.json", "version": "1.0.0"}')
    assert "not an AI Scoping Studio project file" in problem.message


def test_newer_format_version(doc: dict[str, Any]) -> None:
    doc["format_version"] = 3
    doc["new_things"] = []
    problem = _one_problem(doc)
    assert problem.location == "format_version"
    assert "made by a newer version of AI Scoping Studio" in problem.message
    assert "update the app" in problem.message
    assert str(_refusal(doc)).startswith("The file cannot be imported: 1 problem was found.")


@pytest.mark.parametrize(
    ("version", "words"),
    [
        ("1", 'must be a whole number such as 2 (it is the text "1")'),
        (1.0, "must be a whole number such as 2 (it is 1.0)"),
        (True, "must be a whole number such as 2 (it is true)"),
        (None, "must be a whole number such as 2 (it is null)"),
        (0, "0 is not a version of this format; versions start at 1"),
    ],
)
def test_format_version_not_an_integer(doc: dict[str, Any], version: Any, words: str) -> None:
    doc["format_version"] = version
    problem = _one_problem(doc)
    assert (problem.location, problem.message) == ("format_version", words)


def test_missing_format_version(doc: dict[str, Any]) -> None:
    del doc["format_version"]
    problem = _one_problem(doc)
    assert problem.location == "format_version"
    assert problem.message.startswith("is missing")


def test_missing_project(doc: dict[str, Any]) -> None:
    del doc["project"]
    assert _problems(doc) == ['missing required field "project"']


# --- fields ----------------------------------------------------------------------------------


def test_unknown_field(doc: dict[str, Any]) -> None:
    doc["capabilities"][2]["colour"] = "red"
    assert _problems(doc) == ['capabilities[2]: unknown field "colour"']


def test_unknown_fields_everywhere(doc: dict[str, Any]) -> None:
    doc["project"]["budget"] = 1
    doc["capabilities"][1]["effort"]["expected"] = 5
    doc["extras"] = {}
    doc["info"] = {"name": "Not the project field"}
    assert _problems(doc) == [
        'unknown field "extras" at the top level',
        'unknown field "info" at the top level',
        'project: unknown field "budget"',
        'capabilities[1].effort: unknown field "expected"',
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("project", "name"), 'project: missing required field "name"'),
        (("capabilities", 1, "name"), 'capabilities[1]: missing required field "name"'),
        (("capabilities", 1, "key"), 'capabilities[1]: missing required field "key"'),
        (("risks", 0, "story"), 'risks[0]: missing required field "story"'),
        (("decisions", 2, "question"), 'decisions[2]: missing required field "question"'),
        (
            ("failure_modes", 0, "capability"),
            'failure_modes[0]: missing required field "capability"',
        ),
    ],
)
def test_missing_required_field(
    doc: dict[str, Any], path: tuple[str | int, ...], expected: str
) -> None:
    assert _problems(_delete(doc, path)) == [expected]


def test_every_list_may_be_missing(doc: dict[str, Any]) -> None:
    for name in importing.LISTS:
        del doc[name]
    project = read_project(json.dumps(doc))
    assert project.info.name == "Support answer assistant"
    assert all(getattr(project, name) == [] for name in importing.LISTS)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("project", "latency_budget_ms"),
            "fast",
            'project.latency_budget_ms: must be a number (it is the text "fast")',
        ),
        (
            ("capabilities", 0, "value"),
            True,
            "capabilities[0].value: must be a number (it is true)",
        ),
        (("capabilities", 0, "name"), 5, "capabilities[0].name: must be text (it is 5)"),
        (("metrics", 1, "unit"), None, "metrics[1].unit: must be text (it is null)"),
        (
            ("data_sources", 0, "pii"),
            "yes",
            'data_sources[0].pii: must be true or false (it is the text "yes")',
        ),
        (("metrics", 0, "must"), 1, "metrics[0].must: must be true or false (it is 1)"),
        (
            ("capabilities", 0, "requires"),
            "index",
            'capabilities[0].requires: must be a list ([ … ]) (it is the text "index")',
        ),
        (("metrics",), {}, "metrics: must be a list ([ … ]) (it is an object)"),
        (
            ("data_sources", 0, "records"),
            1.5,
            "data_sources[0].records: must be a whole number (it is 1.5)",
        ),
        (("risks", 0, "impact"), 4.0, "risks[0].impact: must be a whole number (it is 4.0)"),
        (
            ("risks", 0),
            "It failed",
            'risks[0]: must be a JSON object ({ … }) (it is the text "It failed")',
        ),
        (("project",), [], "project: must be a JSON object ({ … }) (it is a list)"),
        (
            ("capabilities", 0, "effort"),
            "5",
            "capabilities[0].effort: must be a number of person-days, or an object with "
            'optimistic, likely and pessimistic (it is the text "5")',
        ),
        (
            ("capabilities", 0, "effort", "likely"),
            "5",
            'capabilities[0].effort.likely: must be a number (it is the text "5")',
        ),
        (
            ("data_sources", 0, "verified_on"),
            "2026-13-01",
            "data_sources[0].verified_on: must be a date written as YYYY-MM-DD "
            '(it is the text "2026-13-01")',
        ),
        (
            ("project", "deadline"),
            "20270430",
            'project.deadline: must be a date written as YYYY-MM-DD (it is the text "20270430")',
        ),
        (
            ("project", "deadline"),
            20270430,
            "project.deadline: must be a date written as YYYY-MM-DD (it is 20270430)",
        ),
        (
            ("decisions", 0, "options", 1),
            ["a"],
            "decisions[0].options[1]: must be text (it is a list)",
        ),
    ],
)
def test_wrong_type(
    doc: dict[str, Any], path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    assert _problems(_set(doc, path, value)) == [expected]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("data_sources", 0, "quality"),
            7,
            "data_sources[0].quality: must be at least 1 and at most 5 (it is 7)",
        ),
        (
            ("risks", 3, "likelihood"),
            0,
            "risks[3].likelihood: must be at least 1 and at most 5 (it is 0)",
        ),
        (
            ("failure_modes", 1, "impact"),
            6,
            "failure_modes[1].impact: must be at least 1 and at most 5 (it is 6)",
        ),
        (
            ("project", "latency_budget_ms"),
            0,
            "project.latency_budget_ms: must be greater than 0 (it is 0)",
        ),
        (("capabilities", 4, "value"), -1, "capabilities[4].value: must be at least 0 (it is -1)"),
        (
            ("project", "monthly_budget"),
            -0.5,
            "project.monthly_budget: must be at least 0 (it is -0.5)",
        ),
        (
            ("data_sources", 2, "records"),
            -3,
            "data_sources[2].records: must be at least 0 and at most "
            "9223372036854775807 (it is -3)",
        ),
        (
            ("process_steps", 1, "minutes_per_item"),
            -1,
            "process_steps[1].minutes_per_item: must be at least 0 (it is -1)",
        ),
        (
            ("capabilities", 3, "effort", "pessimistic"),
            -2,
            "capabilities[3].effort.pessimistic: must be at least 0 (it is -2)",
        ),
        (
            ("capabilities", 3, "effort"),
            -2,
            "capabilities[3].effort: must be at least 0 (it is -2)",
        ),
        (
            ("capabilities", 3, "effort"),
            {"likely": -2},
            "capabilities[3].effort.likely: must be at least 0 (it is -2)",
        ),
        (
            ("capabilities", 3, "value"),
            10**400,
            "capabilities[3].value: is too large a number (it is a number of 401 digits)",
        ),
    ],
)
def test_out_of_range(
    doc: dict[str, Any], path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    assert _problems(_set(doc, path, value)) == [expected]


def test_huge_float_literal_is_refused(doc: dict[str, Any]) -> None:
    text = json.dumps(doc).replace('"value": 6', '"value": 1e400', 1)
    where = _index(doc, "answer_llm")
    assert _problems(text) == [f"capabilities[{where}].value: must be a finite number (it is inf)"]


@pytest.mark.parametrize("key", ["Bad Key", "", "x" * 65, "café", "a.b"])
def test_bad_key(doc: dict[str, Any], key: str) -> None:
    doc["capabilities"][5]["key"] = key
    problems = _refusal(doc).problems
    assert problems[0].location == "capabilities[5].key"
    assert problems[0].message.startswith(
        "must be 1 to 64 characters of a-z, 0-9, _ and - (it is the text "
    )


def test_bad_key_in_a_reference(doc: dict[str, Any]) -> None:
    doc["slices"][0]["capabilities"][1] = "Re-Rank"
    assert _problems(doc) == [
        "slices[0].capabilities[1]: must be 1 to 64 characters of a-z, 0-9, _ and - "
        '(it is the text "Re-Rank")'
    ]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("data_sources", 1, "status"),
            "maybe",
            "data_sources[1].status: must be one of: have, assumed, to_acquire "
            '(it is the text "maybe")',
        ),
        (
            ("project", "industry"),
            "Fintech",
            "project.industry: must be one of: general, healthcare, fintech, legal, insurance, "
            'public_sector, retail, manufacturing, other (it is the text "Fintech")',
        ),
        (
            ("metrics", 0, "direction"),
            1,
            "metrics[0].direction: must be one of: increase, decrease (it is 1)",
        ),
        (
            ("failure_modes", 0, "fallback"),
            None,
            "failure_modes[0].fallback: must be one of: human_review, rule_based, cached, "
            "graceful_refusal, retry, none (it is null)",
        ),
    ],
)
def test_value_not_in_the_list(
    doc: dict[str, Any], path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    assert _problems(_set(doc, path, value)) == [expected]


def test_currency(doc: dict[str, Any]) -> None:
    doc["project"]["currency"] = "euro"
    assert _problems(doc) == [
        "project.currency: must be a three-letter ISO 4217 currency code in capitals, "
        'such as USD or EUR (it is the text "euro")'
    ]


def test_texts_too_long_or_empty(doc: dict[str, Any]) -> None:
    doc["capabilities"][0]["name"] = "n" * 201
    doc["capabilities"][1]["description"] = "d" * 20_001
    doc["risks"][0]["story"] = ""
    doc["slices"][0]["name"] = "s" * 200  # the longest allowed
    doc["capabilities"][2]["description"] = "😀" * 20_000  # characters, not bytes
    assert _problems(doc) == [
        "capabilities[0].name: is too long (201 characters): at most 200 characters are allowed",
        "capabilities[1].description: is too long (20,001 characters): "
        "at most 20,000 characters are allowed",
        "risks[0].story: must not be empty",
    ]


def test_effort_order(doc: dict[str, Any]) -> None:
    doc["capabilities"][3]["effort"] = {"optimistic": 9, "likely": 3, "pessimistic": 10}
    assert _problems(doc) == [
        "capabilities[3].effort: the optimistic estimate must not exceed the likely one, "
        "nor the likely one the pessimistic one"
    ]


@pytest.mark.parametrize("effort", [{}, {"optimistic": 2}, {"optimistic": 2, "pessimistic": 5}])
def test_effort_without_likely(doc: dict[str, Any], effort: dict[str, int]) -> None:
    doc["capabilities"][3]["effort"] = effort
    assert _problems(doc) == ['capabilities[3].effort: missing required field "likely"']


def test_a_wrong_likely_is_named_once(doc: dict[str, Any]) -> None:
    doc["capabilities"][3]["effort"] = {"likely": "five"}
    assert _problems(doc) == [
        'capabilities[3].effort.likely: must be a number (it is the text "five")'
    ]


# --- keys and references -----------------------------------------------------------------------


def test_duplicate_key(doc: dict[str, Any]) -> None:
    doc["decisions"][3]["key"] = "d_chunk"
    assert _problems(doc) == [
        'decisions[3].key: the key "d_chunk" is already used by decisions[0]; '
        "keys must be unique within a list"
    ]


def test_a_duplicate_capability_key_is_not_also_called_a_cycle(doc: dict[str, Any]) -> None:
    # rerank requires index, which requires kb_ingest: a second "kb_ingest" that requires
    # index is a duplicate key, not a circle (which kb_ingest "index" means is unclear)
    where = _index(doc, "rerank")
    doc["capabilities"][where]["key"] = "kb_ingest"
    problems = _problems(doc)
    assert problems[0] == (
        f'capabilities[{where}].key: the key "kb_ingest" is already used by capabilities[0]; '
        "keys must be unique within a list"
    )
    assert all('there is no capability with the key "rerank"' in p for p in problems[1:])

    # and the domain check used by every edit says the same, not "cycle"
    doc["capabilities"][where]["key"] = "rerank"
    project = read_project(json.dumps(doc))
    project.capabilities[where].key = "kb_ingest"
    with pytest.raises(ProjectInvalid) as caught:
        ensure_valid(project)
    assert not isinstance(caught.value, CycleError)


def test_the_same_key_in_two_lists_is_fine(doc: dict[str, Any]) -> None:
    doc["decisions"][0]["key"] = "index"  # a capability's key, but in another list
    assert read_project(json.dumps(doc)).decisions[0].key == "index"


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (
            ("capabilities", 2, "requires", 0),
            "nowhere",
            'capabilities[2].requires[0]: there is no capability with the key "nowhere"',
        ),
        (
            ("capabilities", 4, "delivers", 0),
            "speed",
            'capabilities[4].delivers[0]: there is no metric with the key "speed"',
        ),
        (
            ("capabilities", 0, "uses_data", 1),
            "crm",
            'capabilities[0].uses_data[1]: there is no data source with the key "crm"',
        ),
        (
            ("capabilities", 2, "mitigates", 0),
            "r_none",
            'capabilities[2].mitigates[0]: there is no risk with the key "r_none"',
        ),
        (
            ("process_steps", 2, "data", 0),
            "crm",
            'process_steps[2].data[0]: there is no data source with the key "crm"',
        ),
        (
            ("failure_modes", 1, "capability"),
            "gone",
            'failure_modes[1].capability: there is no capability with the key "gone"',
        ),
        (
            ("slices", 0, "capabilities", 3),
            "gone",
            'slices[0].capabilities[3]: there is no capability with the key "gone"',
        ),
        (
            ("capabilities", 6, "requires", 1),
            "index",
            'capabilities[6].requires[1]: "index" is listed twice',
        ),
    ],
)
def test_unknown_reference(
    doc: dict[str, Any], path: tuple[str | int, ...], value: Any, expected: str
) -> None:
    assert _problems(_set(doc, path, value)) == [expected]


def test_self_cycle(doc: dict[str, Any]) -> None:
    where = _index(doc, "audit_log")
    doc["capabilities"][where]["requires"] = ["audit_log"]
    problem = _one_problem(doc)
    assert problem.location == f"capabilities[{where}].requires[0]"
    assert problem.message == (
        "these capabilities require each other in a circle: "
        "Answer audit trail requires Answer audit trail"
    )


def test_longer_cycle_names_every_capability(doc: dict[str, Any]) -> None:
    # kb_ingest <- index <- rerank already; closing the loop: kb_ingest requires rerank
    doc["capabilities"][_index(doc, "kb_ingest")]["requires"] = ["rerank"]
    problem = _one_problem(doc)
    assert problem.location.startswith("capabilities[")
    assert ".requires[" in problem.location
    assert problem.message.startswith("these capabilities require each other in a circle: ")
    for name in ("Help-centre and policy ingestion", "Chunking and vector index"):
        assert name in problem.message
    assert "Help-centre and policy ingestion requires Retrieval re-ranking" in (problem.message)


# --- many problems at once, and the message ---------------------------------------------------


def test_every_field_problem_is_gathered(doc: dict[str, Any]) -> None:
    doc["project"]["latency_budget_ms"] = -1
    doc["capabilities"][0]["colour"] = "red"
    del doc["capabilities"][1]["name"]
    doc["capabilities"][2]["value"] = "lots"
    doc["risks"][1]["impact"] = 9
    problems = _problems(doc)
    assert problems == [
        "project.latency_budget_ms: must be greater than 0 (it is -1)",
        'capabilities[0]: unknown field "colour"',
        'capabilities[1]: missing required field "name"',
        'capabilities[2].value: must be a number (it is the text "lots")',
        "risks[1].impact: must be at least 1 and at most 5 (it is 9)",
    ]


def test_every_reference_problem_is_gathered(doc: dict[str, Any]) -> None:
    doc["capabilities"][1]["key"] = "kb_ingest"
    doc["capabilities"][2]["requires"] = ["nowhere"]
    doc["slices"][1]["capabilities"] = ["gone", "also_gone"]
    assert len(_problems(doc)) >= 4


def test_the_message_lists_ten_problems_and_counts_the_rest(doc: dict[str, Any]) -> None:
    for capability in doc["capabilities"][:12]:
        capability["colour"] = "red"
    error = _refusal(doc)
    assert len(error.problems) == 12
    lines = str(error).splitlines()
    assert lines[0] == "The file cannot be imported: 12 problems were found."
    assert lines[1] == '- capabilities[0]: unknown field "colour"'
    assert len(lines) == 12
    assert lines[-1] == "… and 2 more."
    assert isinstance(error, ValueError)


def test_duplicate_field_names_in_one_object(doc: dict[str, Any]) -> None:
    text = json.dumps(doc).replace('"name": "Ticket export"', '"name": "A", "name": "B"')
    assert _problems(text) == ['capabilities[1]: the field "name" is written more than once']


def test_a_lone_surrogate_is_refused(doc: dict[str, Any]) -> None:
    text = json.dumps(doc).replace('"owner": "Compliance"', '"owner": "x\\ud800y"', 1)
    assert _problems(text) == ["data_sources[1].owner: holds a character that is not valid Unicode"]


def test_a_surrogate_pair_is_fine(doc: dict[str, Any]) -> None:
    text = json.dumps(doc).replace('"owner": "Compliance"', '"owner": "\\ud83d\\ude00"', 1)
    assert read_project(text).data_sources[1].owner == "😀"


def test_messages_quote_long_values_briefly(doc: dict[str, Any]) -> None:
    doc["capabilities"][0]["category"] = "x" * 500
    (problem,) = _problems(doc)
    assert len(problem) < 250
    assert "…" in problem


# --- files on disk --------------------------------------------------------------------------


def test_read_file_missing(tmp_path: Path) -> None:
    path = tmp_path / "nothing.scope.json"
    with pytest.raises(ExchangeError) as caught:
        read_file(path)
    assert str(caught.value) == f'There is no file "{path}".'


def test_read_file_folder(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError) as caught:
        read_file(tmp_path)
    assert "folder" in str(caught.value) or "cannot be" in str(caught.value)


def test_write_then_read(tmp_path: Path, example_project: Project) -> None:
    path = tmp_path / "support.scope.json"
    write_file(example_project, path)
    assert path.read_text(encoding="utf-8") == dumps(example_project)
    assert read_file(path) == example_project
    assert sorted(p.name for p in tmp_path.iterdir()) == ["support.scope.json"]


def test_write_replaces_an_existing_file(tmp_path: Path, example_project: Project) -> None:
    path = tmp_path / "support.scope.json"
    path.write_text("old", encoding="utf-8")
    write_file(example_project, str(path))
    assert read_file(path) == example_project


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("module", "name"),
    [(files.os, "replace"), (files.os, "fsync"), (exporting.json, "dumps")],
    ids=["replace", "fsync", "serialise"],
)
def test_a_failed_write_leaves_the_old_file_untouched(
    tmp_path: Path,
    example_project: Project,
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
) -> None:
    path = tmp_path / "support.scope.json"
    path.write_bytes(b"the old file")
    monkeypatch.setattr(module, name, _boom)
    with pytest.raises(OSError, match="No space left"):
        write_file(example_project, path)
    monkeypatch.undo()
    assert path.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["support.scope.json"]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_write_through_a_symbolic_link(tmp_path: Path, example_project: Project) -> None:
    real = tmp_path / "real.scope.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.scope.json"
    link.symlink_to(real)
    write_file(example_project, link)
    assert link.is_symlink()
    assert read_file(real) == example_project


# --- any damage to a file is refused in words, never with a crash ----------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for name, item in value.items():
            found += _paths(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


_EXAMPLE = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
_EXAMPLE_PATHS = _paths(_EXAMPLE)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["replace", "delete", "add"]),
            st.sampled_from(_EXAMPLE_PATHS),
            _JSON_VALUES,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_damaged_files_are_refused_in_plain_words(
    damage: list[tuple[str, tuple[str | int, ...], Any]],
) -> None:
    doc = copy.deepcopy(_EXAMPLE)
    for action, path, value in damage:
        parent: Any = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "replace":
                parent[path[-1]] = value
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[f"extra_{len(parent)}"] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier damage moved this place
    try:
        read_project(json.dumps(doc))
    except ExchangeError as error:
        text = str(error)
        assert error.problems and text
        for raw in RAW_WORDS:
            assert raw not in text, text
        for problem in error.problems:
            assert problem.message and "{" not in problem.location
