"""The documentation in docs/ against the code: commands, JSON output, rubric, fields.

docs/ is the contract users and developers read; these tests fail when the code and the
pages part ways. They read the pages inside the repository (never anything beside it):
the command and option tables of docs/cli.md against the CLI parser, its JSON examples
against what the CLI prints for the bundled example project, the check and section
tables of docs/readiness.md against the rubric file and the audit, and the field tables
of docs/format.md against the domain model and the exchange writer.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from scoping_app.analysis import readiness
from scoping_app.cli import _parser, main
from scoping_app.domain.model import FORMAT, Capability, CostModel, LatencyModel, Project
from scoping_app.report.sections import ALL as PLAN_SECTIONS
from scoping_app.report.sections import TITLES as PLAN_TITLES
from scoping_app.store.exporting import document
from scoping_app.store.importing import read_project
from tests.spec_reference import DOCS, docs_json_examples, docs_section

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "resources" / "examples" / "support-assistant.scope.json"
RUBRIC = REPO / "resources" / "rubric" / "readiness-v1.json"
EXAMPLE_NAME = "Support answer assistant"
# The "nothing viable" example of docs/cli.md: the bundled example with a tight budget.
TIGHT_NAME = "Support answer assistant, tight budget"
TIGHT_LATENCY_MS = 100


# --- reading Markdown -----------------------------------------------------------------------


def tables(text: str) -> list[list[list[str]]]:
    """Every table in ``text``: its body rows (header and rule left out), cells stripped.

    Cells are split on unescaped pipes; ``\\|`` (a pipe inside a cell) is read as ``|``.
    """
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            rows.append([cell.strip().replace("\\|", "|") for cell in cells])
            continue
        if rows:
            assert len(rows) >= 2 and set(rows[1][0]) <= set("-: "), rows[:2]
            found.append(rows[2:])
            rows = []
    return found


def first_table(text: str) -> list[list[str]]:
    found = tables(text)
    assert found, f"no table in:\n{text[:300]}"
    return found[0]


def spans(cell: str) -> list[str]:
    """The code spans (`…`) of a cell, in order."""
    return re.findall(r"`([^`]+)`", cell)


def subsections(text: str, level: int) -> dict[str, str]:
    """The sections of ``text`` at heading ``level``, by title, outside code blocks."""
    out: dict[str, str] = {}
    title: str | None = None
    body: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else re.match(r"^(#+) +(.+?) *$", line)
        if heading and len(heading.group(1)) <= level:
            if title is not None:
                out[title] = "\n".join(body)
            title = heading.group(2) if len(heading.group(1)) == level else None
            body = []
        elif title is not None:
            body.append(line)
    if title is not None:
        out[title] = "\n".join(body)
    return out


def code_title(title: str) -> str | None:
    """``x`` for a heading that starts with the code span `x`, else None."""
    found = re.match(r"^`([^`]+)`", title)
    return found.group(1) if found else None


# --- the command line: docs/cli.md against the parser ---------------------------------------


def _argument_specs(parser: argparse.ArgumentParser) -> dict[str, str]:
    """What the parser takes: option or positional name -> what follows it ("" for none)."""
    specs: dict[str, str] = {}
    for action in parser._actions:  # argparse keeps its actions here, in the order added
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:
            specs[action.metavar or action.dest] = ""
            continue
        if action.nargs == 0:
            follows = ""
        elif action.choices:
            follows = "|".join(action.choices)
        else:
            follows = action.metavar or action.dest.upper()
        for option in action.option_strings:
            specs[option] = follows
    return specs


def _documented_specs(rows: list[list[str]]) -> dict[str, str]:
    """The first column of an option table: `--db PATH`, `-h`, `--help`, `PROJECT`…"""
    specs: dict[str, str] = {}
    for row in rows:
        names = spans(row[0])
        assert names, f"an option row without `option` in its first cell: {row}"
        for name in names:
            first, _, follows = name.partition(" ")
            assert first not in specs, f"{first} is documented twice"
            specs[first] = follows
    return specs


def _parser_commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no commands")


def _documented_commands() -> dict[str, str]:
    commands = subsections(docs_section("cli.md", "Commands"), 3)
    out = {}
    for title, body in commands.items():
        name = code_title(title)
        assert name is not None, f"docs/cli.md: a command heading without `name`: {title}"
        out[name] = body
    return out


def test_every_documented_command_exists_and_every_command_is_documented() -> None:
    assert set(_documented_commands()) == set(_parser_commands())


@pytest.mark.parametrize("command", sorted(_parser_commands()))
def test_every_option_of_a_command_is_documented_as_the_parser_takes_it(command: str) -> None:
    documented = _documented_commands()
    assert command in documented, f"docs/cli.md does not document {command}"
    parser_specs = _argument_specs(_parser_commands()[command])
    parser_specs.pop("-h")
    parser_specs.pop("--help")  # every command has them; the page says so once
    assert _documented_specs(first_table(documented[command])) == parser_specs


def test_the_options_before_the_command_are_documented_as_the_parser_takes_them() -> None:
    rows = first_table(docs_section("cli.md", "Options before the command"))
    assert _documented_specs(rows) == _argument_specs(_parser())


def test_the_plan_sections_of_export_pdf_are_the_reports() -> None:
    rows = first_table(docs_section("cli.md", "Plan sections"))
    assert [spans(row[0])[0] for row in rows] == list(PLAN_SECTIONS)
    assert [row[1] for row in rows] == [PLAN_TITLES[s] for s in PLAN_SECTIONS]


# --- the command line's JSON: docs/cli.md examples against the CLI's output ----------------


# docs/cli.md: the examples of optimize and compare are computed as on this day.
DOCS_DAY = "2026-12-01"


def _as_of(command: str) -> list[str]:
    return ["--as-of", DOCS_DAY] if command in ("optimize", "compare") else []


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def example_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "docs.db")
    assert main(["--db", path, "import", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == EXAMPLE_NAME
    return path


def shape(value: Any) -> Any:
    """What a JSON value looks like without its contents: field names in order, and types.

    A list's shape is the shapes of its items, each once, in order of first appearance.
    Whole and decimal numbers differ (``23.0`` is not ``23``), as the CLI's readings say.
    """
    if isinstance(value, dict):
        return {"object": [(name, shape(item)) for name, item in value.items()]}
    if isinstance(value, list):
        shapes: list[Any] = []
        for item in value:
            if shape(item) not in shapes:
                shapes.append(shape(item))
        return {"list": shapes}
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "whole number"
    if isinstance(value, float):
        return "decimal number"
    if value is None:
        return "null"
    return "text"


def test_shape_tells_field_order_and_number_kinds_apart() -> None:
    assert shape({"a": 1, "b": 2.0}) != shape({"b": 2.0, "a": 1})
    assert shape({"effort": 23.0}) != shape({"effort": 23})
    assert shape([{"a": 1}, {"a": 2}]) == shape([{"a": 3}])
    assert shape([{"a": 1}]) != shape([{"a": 1, "b": 1}])


@pytest.mark.parametrize("command", ["optimize", "compare", "audit", "frontier"])
def test_the_json_examples_have_the_fields_the_cli_prints(
    command: str, example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (example, *_) = docs_json_examples(f"`{command} --json`")
    printed = _run_json(
        capsys, "--db", example_db, command, EXAMPLE_NAME, "--json", *_as_of(command)
    )
    assert shape(example) == shape(printed)


@pytest.mark.parametrize("command", ["optimize", "compare", "audit", "frontier"])
def test_the_json_examples_are_the_cli_output_for_the_bundled_example(
    command: str, example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (example, *_) = docs_json_examples(f"`{command} --json`")
    printed = _run_json(
        capsys, "--db", example_db, command, EXAMPLE_NAME, "--json", *_as_of(command)
    )
    assert example == printed


@pytest.mark.parametrize("command", ["optimize", "compare", "audit"])
def test_the_text_examples_are_lines_of_the_cli_output_for_the_bundled_example(
    command: str, example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (example,) = re.findall(
        r"^```text\n(.*?)^```", docs_section("cli.md", f"`{command}`"), re.M | re.S
    )
    assert main(["--db", example_db, command, EXAMPLE_NAME, *_as_of(command)]) == 0
    printed = capsys.readouterr().out.splitlines()
    for line in example.splitlines():
        shown = line.strip()
        if shown == "…":
            continue
        if shown.endswith("…"):  # a line cut short in the example
            assert any(p.startswith(line[:-1]) for p in printed), line
        else:
            assert line in printed, line


def test_the_list_example_has_the_fields_the_cli_prints(
    example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (example,) = docs_json_examples("`list --json`")
    printed = _run_json(capsys, "--db", example_db, "list", "--json")
    assert shape(example) == shape(printed)
    assert [p["name"] for p in example] == [p["name"] for p in printed] == [EXAMPLE_NAME]
    assert example[0]["updated"].endswith("+00:00")  # an ISO timestamp in UTC, as printed
    assert printed[0]["updated"].endswith("+00:00")


def test_the_nothing_viable_example_is_the_cli_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = docs_json_examples("`optimize --json`")
    assert len(examples) == 2, "docs/cli.md: optimize --json has a viable and a non-viable example"
    tight = examples[1]
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["project"]["name"] = TIGHT_NAME
    data["project"]["latency_budget_ms"] = TIGHT_LATENCY_MS
    path = tmp_path / "tight.scope.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    db = str(tmp_path / "tight.db")
    assert main(["--db", db, "import", str(path)]) == 0
    capsys.readouterr()
    printed = _run_json(capsys, "--db", db, "optimize", TIGHT_NAME, "--json", *_as_of("optimize"))
    assert printed["viable"] is False and printed["reasons"]
    assert shape(tight) == shape(printed)
    assert tight == printed


# --- the readiness rubric: docs/readiness.md against the rubric file and the audit ---------


def _rubric() -> dict[str, Any]:
    return json.loads(RUBRIC.read_text(encoding="utf-8"))


def _documented_checks() -> dict[str, list[str]]:
    """Check id -> [section, title, weight, how it scores], from the table in docs."""
    rows = first_table(docs_section("readiness.md", "Checks"))
    out: dict[str, list[str]] = {}
    for row in rows:
        (check,) = spans(row[0])
        assert check not in out, f"{check} is documented twice"
        out[check] = row[1:]
    return out


def test_every_check_of_the_rubric_is_documented_with_its_section_and_title() -> None:
    checks = _rubric()["checks"]
    documented = _documented_checks()
    assert list(documented) == list(checks)  # the same ids, in the rubric's order
    for check, words in checks.items():
        section, title, _weight, _rule = documented[check]
        assert (section, title) == (words["section"], words["title"]), check


def test_every_section_of_the_rubric_is_documented_with_its_checks() -> None:
    rubric = _rubric()
    rows = first_table(docs_section("readiness.md", "Sections"))
    documented = {spans(row[0])[0]: row[1:] for row in rows}
    assert list(documented) == list(rubric["sections"]) == list(readiness.SECTIONS)
    weights = {check: Fraction(row[2]) for check, row in _documented_checks().items()}
    for section, (title, checks, most) in documented.items():
        assert title == rubric["sections"][section]["title"], section
        in_rubric = [c for c, words in rubric["checks"].items() if words["section"] == section]
        assert checks.split() == in_rubric, section
        assert Fraction(most) == sum(weights[c] for c in in_rubric), section


@pytest.mark.parametrize("check", readiness.CHECK_IDS)
def test_each_documented_weight_is_what_the_check_counts_in_its_section(
    check: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only ``check`` scores (1); its section's score must then be the documented weight."""
    section, _title, weight, _rule = _documented_checks()[check]
    scored = {c: (lambda ctx, s=float(c == check): readiness.Outcome(s)) for c in readiness.CHECKS}
    monkeypatch.setattr(readiness, "CHECKS", scored)
    monkeypatch.setattr(readiness, "_finding", lambda *args: None)  # no words are needed
    result = readiness.audit(Project.model_validate({"project": {"name": "Weights"}}))
    assert result.checks[check] == 1
    assert result.sections[section] == Fraction(weight)
    assert sum(result.sections.values()) == Fraction(weight)


def test_the_readiness_bands_are_the_rubrics() -> None:
    rows = first_table(docs_section("readiness.md", "Readiness bands"))
    documented = []
    for readiness_cell, meaning in rows:
        low, _, high = readiness_cell.partition(" to ")
        documented.append((float(low), float(high or low), meaning))
    bands = [(float(b["from"]), float(b["to"]), b["text"]) for b in _rubric()["bands"]]
    assert documented == bands


# --- the exchange format: docs/format.md field tables against the model ---------------------

TOP_LEVEL = "Top level"
# Values for required fields, to build the smallest item the model accepts.
SAMPLES: dict[str, Any] = {
    "key": "k1",
    "name": "A name",
    "capability": "c1",
    "description": "It answers from a superseded policy.",
    "question": "Which embedding model?",
    "story": "It failed because the data was never checked.",
    "likely": 2,
    "project": {"name": "A name"},
    "calls_per_interaction": 3,
    "p95_per_call_ms": 800,
    "requests_per_month": 12000,
    "input_tokens": 1500,
    "output_tokens": 400,
    "input_price_per_million": 3,
    "output_price_per_million": 15,
}


def _unwrap(annotation: Any) -> Any:
    """The model class inside ``X``, ``list[X]`` or ``X | None``, else the annotation."""
    for inner in (annotation, *get_args(annotation)):
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
        if get_origin(inner) is list:
            return _unwrap(get_args(inner)[0])
    return annotation


def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """Name in the file -> attribute name, in the model's order."""
    return {(field.alias or name): name for name, field in model.model_fields.items()}


def _model_objects() -> dict[str, type[BaseModel]]:
    """Every object of the file, named as docs/format.md heads its table."""
    objects: dict[str, type[BaseModel]] = {TOP_LEVEL: Project}
    for name, attribute in _field_names(Project).items():
        inner = _unwrap(Project.model_fields[attribute].annotation)
        assert isinstance(inner, type) and issubclass(inner, BaseModel), name
        objects[name] = inner
        for sub_name, sub_attribute in _field_names(inner).items():
            nested = _unwrap(inner.model_fields[sub_attribute].annotation)
            if isinstance(nested, type) and issubclass(nested, BaseModel):
                objects[f"{name}.{sub_name}"] = nested
    return objects


def _documented_objects() -> dict[str, list[list[str]]]:
    """Object name -> the rows of its field table, from docs/format.md "Field tables"."""
    page = (DOCS / "format.md").read_text(encoding="utf-8")
    out: dict[str, list[list[str]]] = {}
    for title, body in subsections(page, 3).items():
        name = TOP_LEVEL if title == TOP_LEVEL else code_title(title)
        if name is None:
            continue
        rows = first_table(body)
        assert [len(row) for row in rows] == [4] * len(rows), title
        out[name] = rows
    return out


def _row_field(row: list[str]) -> str:
    names = spans(row[0])
    assert len(names) == 1, f"a field row must name one `field`: {row}"
    return names[0]


def test_every_object_of_the_model_has_a_field_table_and_no_other() -> None:
    assert set(_documented_objects()) == set(_model_objects())


@pytest.mark.parametrize("name", list(_model_objects()))
def test_a_field_table_lists_the_models_fields_in_order(name: str) -> None:
    model = _model_objects()[name]
    rows = _documented_objects()[name]
    expected = list(_field_names(model))
    if name == TOP_LEVEL:
        expected = ["format", "format_version", *expected]
    assert [_row_field(row) for row in rows] == expected


def _minimal(model: type[BaseModel], rows: list[list[str]]) -> dict[str, Any]:
    """The smallest item: every field the table calls required, with a sample value."""
    required = [_row_field(row) for row in rows if row[2] == "required"]
    return {name: SAMPLES[name] for name in required if name in _field_names(model)}


def _accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("name", list(_model_objects()))
def test_a_field_table_gives_each_fields_default_or_says_it_is_required(name: str) -> None:
    """Required: left out, the item is refused. Otherwise the documented default is the one."""
    model = _model_objects()[name]
    rows = _documented_objects()[name]
    attributes = _field_names(model)
    minimal = _minimal(model, rows)
    assert _accepts(model, minimal), f"{name}: the required fields are not enough: {minimal}"
    built = model.model_validate(minimal)
    for row in rows:
        field, default = _row_field(row), row[2]
        if field not in attributes:  # format, format_version: checked by the exchange tests
            assert name == TOP_LEVEL and default == "required", row
            continue
        attribute = attributes[field]
        if default == "required":
            without = {k: v for k, v in minimal.items() if k != field}
            assert not _accepts(model, without), f"{name}.{field} is not required"
            continue
        same_as = re.fullmatch(r"= `(\w+)`", default)
        if same_as:  # the default is another field's value
            assert getattr(built, attribute) == getattr(built, same_as.group(1)), field
            continue
        (literal,) = spans(default)
        written = model.model_validate({**minimal, field: json.loads(literal)})
        assert getattr(built, attribute) == getattr(written, attribute), f"{name}.{field}"


@pytest.mark.parametrize("name", list(_model_objects()))
def test_a_field_table_lists_every_allowed_value_and_says_which_fields_take_null(
    name: str,
) -> None:
    model = _model_objects()[name]
    rows = _documented_objects()[name]
    attributes = _field_names(model)
    minimal = _minimal(model, rows)
    for row in rows:
        field, kind = _row_field(row), row[1]
        if field not in attributes:
            continue
        annotation = model.model_fields[attributes[field]].annotation
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            assert spans(kind) == [member.value for member in annotation], f"{name}.{field}"
        takes_null = _accepts(model, {**minimal, field: None})
        assert takes_null == bool(re.search(r"\bnull\b", kind)), f"{name}.{field}: {kind}"


def test_the_sketch_of_a_file_is_a_valid_file() -> None:
    (sketch,) = docs_json_examples("The exchange file", page="format.md")
    project = read_project(json.dumps(sketch))
    assert project.capability("index").requires == ["kb_ingest"]


def test_the_top_level_table_names_the_format() -> None:
    rows = {_row_field(row): row for row in _documented_objects()[TOP_LEVEL]}
    assert f'"{FORMAT}"' in spans(rows["format"][1])


def _with_every_field_of_version_2(project: Project) -> Project:
    """The project with a start date, a team size and drivers on every capability."""
    filled = project.copy_deep()
    filled.info.start_date = date(2027, 1, 4)
    filled.info.team_size = 3
    for capability in filled.capabilities:
        capability.latency_model = LatencyModel(calls_per_interaction=2, p95_per_call_ms=400)
        capability.cost_model = CostModel(
            requests_per_month=1000,
            input_tokens=1000,
            output_tokens=200,
            input_price_per_million=3,
            output_price_per_million=15,
        )
    return filled


@pytest.mark.parametrize("every_field", [False, True], ids=["version-1-fields", "all-fields"])
def test_the_exported_file_writes_the_documented_fields_in_their_order(every_field: bool) -> None:
    """Every field is written, defaults included, in the order of the tables; a field
    version 2 added only when it is set."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["format"], data["format_version"]
    project = Project.model_validate(data)
    written = document(_with_every_field_of_version_2(project) if every_field else project)
    documented = {
        name: [_row_field(row) for row in rows] for name, rows in _documented_objects().items()
    }
    added = {"start_date", "team_size", "latency_model", "cost_model"}
    assert list(written) == documented[TOP_LEVEL]
    for name in documented:
        if name == TOP_LEVEL:
            continue
        part, _, inner = name.partition(".")
        value = written[part]
        items = value if isinstance(value, list) else [value]
        assert items, f"the example has no {part}"
        for item in items:
            if inner and not every_field and inner in added:
                assert inner not in item, name
                continue
            item = item[inner] if inner else item
            expected = [f for f in documented[name] if every_field or f not in added]
            assert list(item) == expected, name


# --- the worked example of docs/format.md against the CLI -----------------------------------


def _worked_tables() -> list[list[list[str]]]:
    return tables(docs_section("format.md", "Worked example"))


def _plain(cell: str) -> Fraction:
    """'1,740' -> 1740; '267/6 = 44.5' -> 267/6; '**16**' -> 16."""
    text = cell.replace("*", "").replace(",", "").split("=")[0].strip()
    return Fraction(text)


def test_the_worked_smallest_scope_is_the_optimizers(
    example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _run_json(capsys, "--db", example_db, "optimize", EXAMPLE_NAME, "--json")
    scope = _worked_tables()[0]
    *rows, total = scope
    assert "total" in total[0]
    capabilities = {
        c["key"]: c for c in json.loads(EXAMPLE.read_text(encoding="utf-8"))["capabilities"]
    }
    assert sorted(spans(row[0])[0] for row in rows) == printed["capabilities"]
    for row in rows:
        capability = Capability.model_validate(capabilities[spans(row[0])[0]])
        effort, value, latency, cost = (_plain(cell) for cell in row[2:])
        assert float(effort) == pytest.approx(capability.effort.expected), row
        assert (value, latency, cost) == (
            capability.value,
            capability.latency_ms,
            capability.monthly_cost,
        ), row
    effort, value, latency, cost = (_plain(cell) for cell in total[2:])
    assert float(effort) == pytest.approx(printed["effort"])
    assert (value, latency, cost) == (
        printed["value"],
        printed["latency_ms"],
        printed["monthly_cost"],
    )


def test_the_worked_slices_are_the_comparisons(
    example_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _run_json(capsys, "--db", example_db, "compare", EXAMPLE_NAME, "--json")
    rows = _worked_tables()[1]
    assert [spans(row[0])[0] for row in rows] == [s["key"] for s in printed["slices"]]
    for row, got in zip(rows, printed["slices"], strict=True):
        numbers = [float(_plain(cell)) for cell in row[1:6]]
        want = [got[k] for k in ("effort", "duration", "value", "latency_ms", "monthly_cost")]
        assert numbers == pytest.approx(want, abs=0.01), row
        assert row[6].startswith("yes" if got["viable"] else "no"), row


# --- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        *sorted(path.relative_to(REPO).as_posix() for path in DOCS.glob("*.md")),
        "README.md",
        "resources/templates/README.md",
    ],
)
def test_every_relative_link_leads_to_a_file_in_the_repository(page: str) -> None:
    path = REPO / page
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    for link in links:
        if re.match(r"^[a-z]+:", link):
            continue  # a web address
        target = (path.parent / link).resolve()
        assert target.is_relative_to(REPO) and target.exists(), f"{page}: {link}"
