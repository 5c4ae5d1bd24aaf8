"""Every number of a project has a range (domain/bounds.py), stated in docs/format.md: a file
holding a number past it (1e308 above all) is refused in one sentence naming the item and the
field, by the importer and by `scoping-app import` (exit 1); the most allowed is accepted."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from scoping_app.cli import main
from scoping_app.domain import bounds, model
from scoping_app.domain.bounds import Bound, limit_words
from scoping_app.store.importing import ExchangeError, read_project
from tests.conftest import EXAMPLE_FILE
from tests.test_docs import _documented_objects, _row_field

# (list, item index, field…) -> its bound, for every bounded number of the model
PLACES: list[tuple[tuple[str | int, ...], Bound]] = [
    (("project", "latency_budget_ms"), bounds.LATENCY_BUDGET_MS),
    (("project", "monthly_budget"), bounds.MONEY),
    (("project", "monthly_value"), bounds.MONEY),
    (("project", "value_target"), bounds.VALUE_POINTS),
    (("process_steps", 0, "volume_per_day"), bounds.VOLUME_PER_DAY),
    (("process_steps", 0, "minutes_per_item"), bounds.MINUTES_PER_ITEM),
    (("metrics", 0, "baseline"), bounds.METRIC_FIGURE),
    (("metrics", 0, "target"), bounds.METRIC_FIGURE),
    (("capabilities", 3, "effort", "optimistic"), bounds.EFFORT_DAYS),
    (("capabilities", 3, "effort", "likely"), bounds.EFFORT_DAYS),
    (("capabilities", 3, "effort", "pessimistic"), bounds.EFFORT_DAYS),
    (("capabilities", 3, "value"), bounds.VALUE_POINTS),
    (("capabilities", 3, "latency_ms"), bounds.LATENCY_MS),
    (("capabilities", 3, "monthly_cost"), bounds.MONEY),
    (("capabilities", 3, "latency_model", "calls_per_interaction"), bounds.CALLS_PER_INTERACTION),
    (("capabilities", 3, "latency_model", "p95_per_call_ms"), bounds.LATENCY_MS),
    (("capabilities", 3, "cost_model", "requests_per_month"), bounds.REQUESTS_PER_MONTH),
    (("capabilities", 3, "cost_model", "input_tokens"), bounds.TOKENS_PER_REQUEST),
    (("capabilities", 3, "cost_model", "output_tokens"), bounds.TOKENS_PER_REQUEST),
    (
        ("capabilities", 3, "cost_model", "input_price_per_million"),
        bounds.PRICE_PER_MILLION_TOKENS,
    ),
    (
        ("capabilities", 3, "cost_model", "output_price_per_million"),
        bounds.PRICE_PER_MILLION_TOKENS,
    ),
    (("capabilities", 3, "cost_model", "cache_hit_rate"), bounds.CACHE_HIT_RATE),
    (("capabilities", 3, "cost_model", "fixed_monthly"), bounds.MONEY),
]
DRIVERS = {"cost_model": "CostModel", "latency_model": "LatencyModel"}
"""The driver models (format version 2); in the tests, every other driver is 0."""
WORDS = {"project": "Project", "process_steps": "Process step", "metrics": "Metric"}


def _bounds_of(cls: type[BaseModel]) -> set[tuple[str, str]]:
    """(model, field) of every field whose constraints hold a Bound, optional or not."""
    found = set()
    for name, field in cls.model_fields.items():
        extras = list(field.metadata)
        annotation: Any = field.annotation
        if get_origin(annotation) in (Union, types.UnionType):
            for option in get_args(annotation):
                if get_origin(option) is Annotated:
                    extras += get_args(option)[1:]
        if any(isinstance(extra, Bound) for extra in extras):
            found.add((cls.__name__, name))
    return found


def test_the_places_cover_every_bounded_number_of_the_model() -> None:
    in_model = set().union(
        *(
            _bounds_of(cls)
            for cls in vars(model).values()
            if isinstance(cls, type) and issubclass(cls, BaseModel)
        )
    )
    classes = {"project": "ProjectInfo", "process_steps": "ProcessStep", "metrics": "Metric"}
    listed = {
        ("Effort", str(loc[-1]))
        if "effort" in loc
        else (DRIVERS.get(str(loc[-2]), classes.get(str(loc[0]), "Capability")), str(loc[-1]))
        for loc, _ in PLACES
    }
    assert listed == in_model


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    return document


def _with(loc: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The example with ``value`` at ``loc`` (an estimate's other points kept in order)."""
    document = _example()
    target: Any = document
    nested = "effort" in loc or str(loc[-2]) in DRIVERS
    for part in loc[: -2 if nested else -1]:
        target = target[part]
    if "effort" in loc:
        effort = {"optimistic": 1, "likely": 2, "pessimistic": 3}
        target["effort"] = effort
        target = effort
    if str(loc[-2]) in DRIVERS:
        document["format_version"] = 2
        fields = getattr(model, DRIVERS[str(loc[-2])]).model_fields
        target[loc[-2]] = dict.fromkeys(fields, 0)
        target = target[loc[-2]]
    target[loc[-1]] = value
    return document


def _expected_place(loc: tuple[str | int, ...]) -> str:
    """``Capability "Chunking and vector index" (capabilities[3]), effort likely``."""
    document = _example()
    if loc[0] == "project":
        head, item, rest = "project", document["project"], loc[1:]
    else:
        head, item, rest = f"{loc[0]}[{loc[1]}]", document[str(loc[0])][loc[1]], loc[2:]
    word = WORDS.get(str(loc[0]), "Capability")
    field = " ".join(str(part).replace("_", " ") for part in rest)
    return f'{word} "{item["name"]}" ({head}), {field}'


@pytest.mark.parametrize(("loc", "bound"), PLACES, ids=[".".join(map(str, p)) for p, _ in PLACES])
def test_a_number_past_its_most_is_refused_in_one_sentence_naming_the_item(
    loc: tuple[str | int, ...], bound: Bound, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _with(loc, 1e308)
    with pytest.raises(ExchangeError) as raised:
        read_project(json.dumps(document))
    problems = [p for p in raised.value.problems if "is more than the most allowed" in p.message]
    assert len(problems) == 1, raised.value.problems
    expected = f"{_expected_place(loc)}: 1e308 is more than the most allowed, {bound.most()}"
    assert str(problems[0]) == expected

    path = tmp_path / "huge.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["--db", str(tmp_path / "scoping.db"), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err and "Traceback" not in err
    assert main(["--db", str(tmp_path / "scoping.db"), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(("loc", "bound"), PLACES, ids=[".".join(map(str, p)) for p, _ in PLACES])
def test_the_most_and_the_least_allowed_are_accepted(
    loc: tuple[str | int, ...], bound: Bound
) -> None:
    for value in (bound.high, bound.low + (1 if bound.above_low else 0)):
        document = _with(loc, value)
        if "effort" in loc:
            document["capabilities"][3]["effort"] = dict.fromkeys(
                ("optimistic", "likely", "pessimistic"), value
            )
        read_project(json.dumps(document))


def test_an_integer_far_past_the_float_range_is_refused_in_words() -> None:
    document = _with(("capabilities", 3, "value"), 10**400)
    with pytest.raises(ExchangeError, match=r"capabilities\[3\]\.value: is too large a number"):
        read_project(json.dumps(document))


@pytest.mark.parametrize(("loc", "bound"), PLACES, ids=[".".join(map(str, p)) for p, _ in PLACES])
def test_docs_state_each_range(loc: tuple[str | int, ...], bound: Bound) -> None:
    table = "project" if loc[0] == "project" else str(loc[0])
    if "effort" in loc or str(loc[-2]) in DRIVERS:
        table = f"capabilities.{loc[-2]}"
    rows = {_row_field(row): row for row in _documented_objects()[table]}
    kind = rows[str(loc[-1])][1]
    most = limit_words(bound.high)
    assert most in kind, kind
    if bound.above_low:
        assert re.search(r"> 0\b", kind), kind
    else:
        assert f"from {limit_words(bound.low)} to {most}" in kind, kind


@pytest.mark.parametrize(
    ("cls", "field", "text", "refused"),
    [
        (model.Capability, "name", "A\x1bB", "U+001B"),
        (model.Capability, "name", "A\nB", "U+000A"),
        (model.ProjectInfo, "owner", "Ann\tB", "U+0009"),
        (model.Decision, "choice", "x\x7f", "U+007F"),
        (model.Capability, "description", "A\x00B", "U+0000"),
        (model.Risk, "story", "It failed\rbecause", "U+000D"),
        (model.Capability, "description", "Two lines\nand a\ttab", None),
        (model.Capability, "name", "C1 \x9b and Ünïcödé", None),
    ],
)
def test_control_characters_are_refused_in_names_and_allowed_as_tab_and_new_line_in_texts(
    cls: type[BaseModel], field: str, text: str, refused: str | None
) -> None:
    required = {
        "Capability": {"key": "k", "name": "N"},
        "ProjectInfo": {"name": "N"},
        "Decision": {"key": "k", "question": "Q?"},
        "Risk": {"key": "k", "story": "S"},
    }[cls.__name__]
    if refused is None:
        assert getattr(cls.model_validate({**required, field: text}), field) == text
        return
    with pytest.raises(ValueError, match=re.escape(f"holds the control character {refused}")):
        cls.model_validate({**required, field: text})
