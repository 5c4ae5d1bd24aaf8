"""The repository stores the whole aggregate and gives back an equal one, lists in order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event

from scoping_app.domain import edits
from scoping_app.domain.bounds import EFFORT_DAYS, VALUE_POINTS
from scoping_app.domain.enums import Category, Industry, Pattern, Topic
from scoping_app.domain.model import (
    NAME_MAX,
    TEXT_MAX,
    Capability,
    DataSource,
    Decision,
    Effort,
    FailureMode,
    Metric,
    ProcessStep,
    Project,
    ProjectInfo,
    Risk,
    Slice,
)
from scoping_app.store.database import Database
from scoping_app.store.errors import NameTaken, ProjectInconsistent, ProjectMissing, StoreError
from scoping_app.store.repository import ProjectRepository
from scoping_app.store.tables import metadata
from tests.store.helpers import load, replace, store


def _rows(database: Database) -> dict[str, int]:
    with database.reading() as rows:
        return {t: rows(f"SELECT count(*) FROM {t}", {})[0][0] for t in metadata.tables}


def _edge_project() -> Project:
    """Unicode everywhere, the longest texts, None and 0 values, dates, odd floats, the most
    of each bound."""
    long_text = ("Ünïcödé ✓ 漢字 עברית \u0301\n\t\"'\\ <b>&amp;</b> \x85 " * 700)[:TEXT_MAX]
    long_line = long_text.replace("\n", " ").replace("\t", " ")
    return Project(
        info=ProjectInfo(
            name="Ω " + "名" * (NAME_MAX - 2),
            industry=Industry.PUBLIC_SECTOR,
            pattern=Pattern.AGENT,
            problem=long_text,
            latency_budget_ms=0.1,
            monthly_budget=0,
            monthly_value=None,
            currency="JPY",
            value_target=VALUE_POINTS.high,
            deadline=date(2999, 12, 31),
        ),
        process_steps=[ProcessStep(key="s-1", name="😀", data=[])],
        data_sources=[
            DataSource(
                key="z", name="Z", records=2**63 - 1, quality=1, verified_on=date(1970, 1, 1)
            ),
            DataSource(key="a", name="A", records=0, quality=None, pii=True, residency="EU"),
        ],
        metrics=[
            Metric(key="m", name="M", baseline=-5.5, target=None, on_real_inputs=True, must=True)
        ],
        capabilities=[
            Capability(
                key="c",
                name="C",
                effort=Effort(optimistic=0.1, likely=0.2, pessimistic=EFFORT_DAYS.high),
            ),
            Capability(
                key="b",
                name="B",
                category=Category.COMPLIANCE,
                requires=["c"],
                delivers=["m"],
                uses_data=["z", "a"],
                mandatory=True,
            ),
            Capability(key="a", name="A", requires=["b", "c"], uses_data=["a", "z"]),
        ],
        failure_modes=[FailureMode(key="f", capability="a", description=long_text)],
        decisions=[
            Decision(key="d", topic=Topic.GPU, question="?", options=["", "x", "x", long_line]),
            Decision(key="e", question="No options"),
        ],
        risks=[Risk(key="r", story="It failed because…", likelihood=5, impact=5)],
        slices=[
            Slice(key="s", name="S", capabilities=["a", "c"]),
            Slice(key="t", name="Empty slice"),
        ],
    )


# Round trips


def test_the_example_comes_back_equal(database: Database, example_project: Project) -> None:
    project_id = store(database, example_project)
    assert load(database, project_id) == example_project


def test_edge_cases_come_back_equal(database: Database) -> None:
    project = _edge_project()
    assert load(database, store(database, project)) == project


def test_a_project_with_empty_lists_comes_back_equal(database: Database) -> None:
    project = Project(info=ProjectInfo(name="Only a name"))
    assert load(database, store(database, project)) == project


def test_key_lists_keep_their_order(database: Database, example_project: Project) -> None:
    project = example_project.copy_deep()
    for capability in project.capabilities:
        capability.requires.reverse()
        capability.delivers.reverse()
    for item in project.slices:
        item.capabilities.reverse()
    project.capabilities.reverse()
    loaded = load(database, store(database, project))
    assert loaded == project
    assert [c.requires for c in loaded.capabilities] == [c.requires for c in project.capabilities]


# Replace


def test_replace_after_edits_loads_back_equal(database: Database, example_project: Project) -> None:
    project_id = store(database, example_project)
    edited = example_project.copy_deep()
    edited.process_steps.reverse()  # reorder a list
    edited.decisions[0].options.reverse()
    edited.capabilities[3].requires = ["ticket_export", "kb_ingest"]
    edited.info.name = "Renamed project"
    edited.info.deadline = None
    edited.metrics[0].target = None
    assert replace(database, project_id, edited) == edited


def test_replace_after_renaming_a_key(database: Database, example_project: Project) -> None:
    project_id = store(database, example_project)
    edited = example_project.copy_deep()
    old, new = "answer_llm", "answer_model"
    edited.capability(old).key = new
    for capability in edited.capabilities:
        capability.requires = [new if k == old else k for k in capability.requires]
    for mode in edited.failure_modes:
        mode.capability = new if mode.capability == old else mode.capability
    for item in edited.slices:
        item.capabilities = [new if k == old else k for k in item.capabilities]
    edited.data_sources[0].key = "help"  # a referred data source renamed too
    for step in edited.process_steps:
        step.data = ["help" if k == "help_centre" else k for k in step.data]
    for capability in edited.capabilities:
        capability.uses_data = ["help" if k == "help_centre" else k for k in capability.uses_data]
    assert replace(database, project_id, edited) == edited


def test_replace_after_removing_a_capability_with_its_links(
    database: Database, example_project: Project
) -> None:
    project_id = store(database, example_project)
    edited = example_project.copy_deep()
    edits.delete_item(edited, "capabilities", "answer_llm")
    assert replace(database, project_id, edited) == edited
    with database.reading() as rows:
        assert rows("SELECT count(*) FROM capability WHERE key = 'answer_llm'", {}) == [(0,)]
        counts = {
            "dependency": sum(len(c.requires) for c in edited.capabilities),
            "failure_mode": len(edited.failure_modes),
            "slice_capability": sum(len(s.capabilities) for s in edited.slices),
        }
        for table, expected in counts.items():
            assert rows(f"SELECT count(*) FROM {table}", {}) == [(expected,)]


def test_replace_between_very_different_projects(
    database: Database, example_project: Project
) -> None:
    project_id = store(database, example_project)
    other = _edge_project()
    assert replace(database, project_id, other) == other
    assert replace(database, project_id, example_project) == example_project
    empty = Project(info=ProjectInfo(name="Emptied"))
    assert replace(database, project_id, empty) == empty


def test_replace_keeps_unchanged_rows_and_writes_only_the_difference(
    database: Database, example_project: Project
) -> None:
    project_id = store(database, example_project)
    with database.session() as session:
        before = dict(session.connection().exec_driver_sql("SELECT key, id FROM capability").all())

    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.split()[0] in {"INSERT", "UPDATE", "DELETE"}:
            statements.append(statement.split("(")[0].split(" SET")[0].split(" WHERE")[0])

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        replace(database, project_id, example_project)  # nothing changed
        assert statements == ["UPDATE project"]  # only `updated` moves
        statements.clear()
        edited = example_project.copy_deep()
        edited.capabilities[2].name = "PII scrubbing"
        replace(database, project_id, edited)
        assert statements == ["UPDATE project", "UPDATE capability"]
    finally:
        event.remove(database.engine, "before_cursor_execute", record)

    with database.session() as session:
        after = dict(session.connection().exec_driver_sql("SELECT key, id FROM capability").all())
    assert after == before


def test_replace_bumps_updated(database: Database, example_project: Project) -> None:
    project_id = store(database, example_project)
    with database.session() as session:
        first = ProjectRepository(session).summary(project_id).updated
    replace(database, project_id, example_project)
    with database.session() as session:
        second = ProjectRepository(session).summary(project_id).updated
    assert second.tzinfo is UTC and first.tzinfo is UTC
    assert second > first


def test_an_inconsistent_project_is_refused_and_nothing_is_written(
    database: Database, example_project: Project
) -> None:
    project_id = store(database, example_project)
    broken = example_project.copy_deep()
    broken.info.name = "Half-written?"
    broken.capabilities[0].name = "Changed"
    broken.slices[0].capabilities.append("no_such_capability")
    with database.session() as session:
        repository = ProjectRepository(session)
        with pytest.raises(ProjectInconsistent, match="no_such_capability"):
            repository.replace(project_id, broken)
        # the caller goes on and commits: the savepoint kept the failed write out
    assert load(database, project_id) == example_project

    duplicate = example_project.copy_deep()
    duplicate.capabilities[0].requires = ["index", "index"]
    with pytest.raises(ProjectInconsistent, match="twice"), database.session() as session:
        ProjectRepository(session).add(duplicate.model_copy(update={"info": ProjectInfo(name="D")}))


# Delete


def test_delete_leaves_no_orphan_rows(database: Database, example_project: Project) -> None:
    kept = store(database, _edge_project())
    kept_rows = _rows(database)
    project_id = store(database, example_project)
    with database.session() as session:
        ProjectRepository(session).delete(project_id)
    assert _rows(database) == kept_rows  # every row of the deleted project went, no other
    assert load(database, kept) == _edge_project()
    with pytest.raises(ProjectMissing), database.session() as session:
        ProjectRepository(session).delete(project_id)


def test_ids_of_deleted_projects_are_not_reused(database: Database) -> None:
    first = store(database, Project(info=ProjectInfo(name="First")))
    with database.session() as session:
        ProjectRepository(session).delete(first)
    assert store(database, Project(info=ProjectInfo(name="Second"))) != first


# Listing, finding, names


def test_summaries_are_sorted_by_name_without_case(
    database: Database, example_project: Project
) -> None:
    store(database, Project(info=ProjectInfo(name="beta")))
    example_id = store(database, example_project)
    store(database, Project(info=ProjectInfo(name="Alpha", industry=Industry.LEGAL)))
    with database.session() as session:
        rows = ProjectRepository(session).list_summaries()
    assert [row.name for row in rows] == ["Alpha", "beta", "Support answer assistant"]
    example = rows[2]
    assert example.id == example_id
    assert example.capabilities == len(example_project.capabilities)
    assert (example.industry, example.pattern) == (Industry.FINTECH, Pattern.RAG)
    assert example.updated.tzinfo is UTC
    assert abs((datetime.now(UTC) - example.updated).total_seconds()) < 60
    assert rows[0].capabilities == 0


def test_find_by_name_first_then_by_id(database: Database) -> None:
    first = store(database, Project(info=ProjectInfo(name="Alpha")))
    second = store(database, Project(info=ProjectInfo(name=str(first))))  # a name like an id
    with database.session() as session:
        repository = ProjectRepository(session)
        assert repository.find("Alpha") == first
        assert repository.find(str(first)) == second  # the exact name wins
        assert repository.find(str(second)) == second
        assert repository.find("alpha") is None
        assert repository.find("999") is None
        assert repository.find("٣") is None  # digits, but not ASCII ones
        assert repository.names() == {"Alpha", str(first)}


def test_missing_projects_raise_project_missing(database: Database) -> None:
    with database.session() as session:
        repository = ProjectRepository(session)
        for call in (
            lambda: repository.load(42),
            lambda: repository.summary(42),
            lambda: repository.replace(42, Project(info=ProjectInfo(name="X"))),
        ):
            with pytest.raises(ProjectMissing) as raised:
                call()
            assert isinstance(raised.value, StoreError)
            assert str(raised.value) == "There is no project with the id 42 in this database."


def test_names_are_unique(database: Database, example_project: Project) -> None:
    store(database, example_project)
    other = store(database, Project(info=ProjectInfo(name="Other")))
    with pytest.raises(NameTaken) as raised, database.session() as session:
        ProjectRepository(session).add(example_project)
    assert "Support answer assistant" in str(raised.value)
    renamed = Project(info=ProjectInfo(name=example_project.name))
    with pytest.raises(NameTaken), database.session() as session:
        ProjectRepository(session).replace(other, renamed)


def test_free_name(database: Database) -> None:
    long_name = "x" * (NAME_MAX - 2) + "yz"
    for name in ("Plan", "Plan (2)", long_name):
        store(database, Project(info=ProjectInfo(name=name)))
    with database.session() as session:
        repository = ProjectRepository(session)
        assert repository.free_name("New") == "New"
        assert repository.free_name("Plan") == "Plan (3)"
        assert repository.free_name("Plan (2)") == "Plan (3)"
        free = repository.free_name(long_name)
        assert free == "x" * (NAME_MAX - 4) + " (2)"
        assert len(free) == NAME_MAX


def test_a_number_too_large_for_the_database_is_refused(database: Database) -> None:
    # the domain model caps records too; the store does not rely on it
    huge = DataSource.model_construct(key="a", name="A", records=2**63)
    project = Project.model_construct(info=ProjectInfo(name="Huge"), data_sources=[huge])
    with pytest.raises(ProjectInconsistent, match="records"), database.session() as session:
        ProjectRepository(session).add(project)
    with database.session() as session:
        assert ProjectRepository(session).names() == set()
