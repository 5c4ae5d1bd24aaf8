"""Format version 2: the app writes it, reads versions 1 and 2, and refuses newer ones; a
version 1 file imports unchanged; the drivers' figures are recomputed on import."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from scoping_app.cli import main
from scoping_app.store.exporting import dumps
from scoping_app.store.importing import ExchangeError, read_file, read_project
from tests.conftest import EXAMPLE_FILE

COST_MODEL = {
    "requests_per_month": 12000,
    "input_tokens": 1500,
    "output_tokens": 400,
    "input_price_per_million": 3,
    "output_price_per_million": 15,
    "cache_hit_rate": 0.3,
    "fixed_monthly": 200,
}


WRITTEN_BY_VERSION_1 = Path(__file__).with_name("written_by_format_version_1.scope.json")
"""A file exactly as the app wrote it before format version 2."""


def _example() -> dict[str, Any]:
    """The example project as the app writes it."""
    document: dict[str, Any] = json.loads(dumps(read_file(EXAMPLE_FILE)))
    return document


def _inserted(item: dict[str, Any], after: str, name: str, value: Any) -> None:
    """Put ``name`` in ``item`` right after the field ``after``, where the app writes it."""
    entries = list(item.items())
    entries.insert(list(item).index(after) + 1, (name, value))
    item.clear()
    item.update(entries)


def _version_2(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every field of version 2 set, as the app writes it."""
    document = copy.deepcopy(document)
    document["format_version"] = 2
    info = document["project"]
    info["start_date"], info["team_size"] = "2027-01-04", 3
    for capability in document["capabilities"]:
        if capability["category"] in ("model", "retrieval"):
            latency = {"calls_per_interaction": 2, "p95_per_call_ms": 450}
            _inserted(capability, "latency_ms", "latency_model", latency)
            _inserted(capability, "monthly_cost", "cost_model", COST_MODEL)
            capability["latency_ms"], capability["monthly_cost"] = 900, 288.2
    return document


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_a_version_1_file_re_exported_differs_only_in_its_version() -> None:
    original = WRITTEN_BY_VERSION_1.read_text(encoding="utf-8")
    assert json.loads(original)["format_version"] == 1
    expected = original.replace('"format_version": 1,', '"format_version": 2,', 1)
    assert expected != original
    assert dumps(read_project(original)) == expected
    # the shipped example too, compared as JSON (it is not laid out as the app writes)
    example = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    assert _example() == {**example, "format_version": 2}


def test_a_version_2_file_with_every_new_field_round_trips_byte_for_byte() -> None:
    text = _text(_version_2(_example()))
    project = read_project(text)
    assert project.info.team_size == 3 and str(project.info.start_date) == "2027-01-04"
    llm = project.capability("answer_llm")
    assert llm.cost_model is not None and llm.monthly_cost == 288.2
    assert llm.latency_model is not None and llm.latency_ms == 900
    assert dumps(project) == text
    assert dumps(read_project(dumps(project))) == text


def test_a_written_figure_that_disagrees_with_its_model_is_recomputed_on_import() -> None:
    document = _version_2(_example())
    index = next(i for i, c in enumerate(document["capabilities"]) if c["key"] == "answer_llm")
    document["capabilities"][index]["monthly_cost"] = 5000
    document["capabilities"][index]["latency_ms"] = 1
    project = read_project(json.dumps(document))
    assert project.capability("answer_llm").monthly_cost == 288.2  # 8,400 x 10,500 / 1e6 + 200
    assert project.capability("answer_llm").latency_ms == 900  # 2 x 450
    assert '"monthly_cost": 288.2' in dumps(project)


def test_a_version_1_file_may_not_hold_the_fields_of_version_2() -> None:
    document = {**_example(), "format_version": 1}
    document["project"]["team_size"] = 3
    document["capabilities"][4]["cost_model"] = COST_MODEL
    with pytest.raises(ExchangeError) as caught:
        read_project(json.dumps(document))
    name = document["capabilities"][4]["name"]
    assert [str(p) for p in caught.value.problems] == [
        'Project "Support answer assistant" (project): the field "team_size" came in format '
        'version 2, and the file says it follows version 1: write "format_version": 2 to use it',
        f'Capability "{name}" (capabilities[4]): the field "cost_model" came in format version '
        '2, and the file says it follows version 1: write "format_version": 2 to use it',
    ]


def test_a_file_of_a_newer_version_is_refused_in_words() -> None:
    document = _version_2(_example())
    document["format_version"] = 3
    with pytest.raises(ExchangeError) as caught:
        read_project(json.dumps(document))
    assert str(caught.value) == (
        "The file cannot be imported: 1 problem was found.\n"
        "- format_version: the file was made by a newer version of AI Scoping Studio (format "
        "version 3; this app reads up to 2); update the app to open it"
    )


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("cache_hit_rate", 1.5, "cost model cache hit rate: 1.5 is more than the most allowed, 1"),
        ("input_tokens", -5, "cost model input tokens: must be at least 0 (it is -5)"),
    ],
)
def test_out_of_range_drivers_are_refused_naming_the_capability_and_the_field(
    field: str, value: float, words: str, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _version_2(_example())
    index = next(i for i, c in enumerate(document["capabilities"]) if c["key"] == "answer_llm")
    document["capabilities"][index]["cost_model"] = {**COST_MODEL, field: value}
    path = tmp_path / "drivers.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    database = str(tmp_path / "scoping.db")
    assert main(["--db", database, "import", str(path)]) == 1
    name = document["capabilities"][index]["name"]
    assert f'Capability "{name}" (capabilities[{index}]), {words}' in capsys.readouterr().err
    assert main(["--db", database, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing stored


def test_the_cli_imports_and_exports_a_version_2_file_byte_for_byte(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _text(_version_2(_example()))
    source, target = tmp_path / "in.scope.json", tmp_path / "out.scope.json"
    source.write_text(text, encoding="utf-8")
    database = str(tmp_path / "scoping.db")
    assert main(["--db", database, "import", str(source)]) == 0
    name = json.loads(text)["project"]["name"]
    assert main(["--db", database, "export-json", name, str(target)]) == 0
    capsys.readouterr()
    assert target.read_text(encoding="utf-8") == text
