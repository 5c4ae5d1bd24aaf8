"""Edits keep references consistent and refuse what would break the project."""

from __future__ import annotations

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Project, Slice
from scoping_app.domain.validation import CycleError, ProjectInvalid, check_project, find_cycle


def test_make_key_is_free_and_valid() -> None:
    assert edits.make_key("Ticket export", []) == "ticket_export"
    assert edits.make_key("Ticket export", ["ticket_export"]) == "ticket_export_2"
    assert edits.make_key("Ωμέγα", []) == "item"
    assert edits.make_key("Café crème!", []) == "cafe_creme"


def test_add_dependency_refuses_a_cycle_and_names_it(example_project: Project) -> None:
    before = example_project.copy_deep()
    with pytest.raises(CycleError) as raised:
        edits.add_dependency(example_project, "kb_ingest", "agent_panel")
    assert raised.value.cycle[0] == "kb_ingest" or "kb_ingest" in raised.value.cycle
    message = str(raised.value)
    for name in ("Agent suggestion panel", "Help-centre and policy ingestion", "Answer drafting"):
        assert name in message
    assert example_project == before


def test_a_cycle_names_capabilities_by_name_and_a_shared_name_with_its_key(
    example_project: Project,
) -> None:
    with pytest.raises(CycleError) as first:
        edits.add_dependency(example_project, "kb_ingest", "index")
    message = str(first.value)
    example_project.capability("index").name = "Ticket export"
    with pytest.raises(CycleError) as raised:
        edits.add_dependency(example_project, "kb_ingest", "index")
    shared = str(raised.value)
    assert "ingestion requires Chunking and vector index" in message and "(index)" not in message
    assert "ingestion requires Ticket export (index)" in shared


def test_a_taken_key_is_refused_with_the_name_of_its_owner(example_project: Project) -> None:
    copy = example_project.capability("cache").model_copy(update={"key": "index"})
    with pytest.raises(ProjectInvalid) as raised:
        edits.update_item(example_project, "capabilities", "cache", copy)
    assert str(raised.value.problems[0].message) == (
        'The key "index" is already used by the capability “Chunking and vector index”.'
    )


def test_self_dependency_is_a_cycle(example_project: Project) -> None:
    with pytest.raises(CycleError) as raised:
        edits.add_dependency(example_project, "cache", "cache")
    assert raised.value.cycle == ["cache"]


def test_add_and_remove_dependency(example_project: Project) -> None:
    edits.add_dependency(example_project, "cache", "monitoring")
    assert example_project.capability("cache").requires == ["answer_llm", "monitoring"]
    with pytest.raises(ProjectInvalid):
        edits.add_dependency(example_project, "cache", "monitoring")
    edits.remove_dependency(example_project, "cache", "answer_llm")
    assert example_project.capability("cache").requires == ["monitoring"]
    assert check_project(example_project) == []


def test_renaming_a_key_follows_every_reference(example_project: Project) -> None:
    renamed = example_project.capability("answer_llm").model_copy(update={"key": "drafting"})
    edits.update_item(example_project, "capabilities", "answer_llm", renamed)
    assert "drafting" in example_project.capability("agent_panel").requires
    assert {m.capability for m in example_project.failure_modes} >= {"drafting"}
    assert check_project(example_project) == []


def test_delete_capability_removes_links_modes_and_slice_picks(example_project: Project) -> None:
    edits.delete_item(example_project, "capabilities", "answer_llm")
    assert all("answer_llm" not in c.requires for c in example_project.capabilities)
    assert all(m.capability != "answer_llm" for m in example_project.failure_modes)
    assert check_project(example_project) == []
    assert len(example_project.failure_modes) == 1


def test_add_capability_refuses_a_taken_key(example_project: Project) -> None:
    with pytest.raises(ProjectInvalid):
        edits.add_item(example_project, "capabilities", Capability(key="cache", name="Another"))
    edits.add_item(example_project, "capabilities", Capability(key="new", name="New"), index=0)
    assert example_project.capabilities[0].key == "new"


def test_slices_add_update_delete(example_project: Project) -> None:
    edits.add_item(example_project, "slices", Slice(key="mvp", name="MVP", capabilities=["cache"]))
    with pytest.raises(ProjectInvalid):
        edits.add_item(example_project, "slices", Slice(key="mvp", name="Again"))
    edits.update_item(example_project, "slices", "mvp", Slice(key="mvp", name="MVP 2"))
    assert example_project.slice("mvp").name == "MVP 2"
    edits.delete_item(example_project, "slices", "mvp")
    with pytest.raises(KeyError):
        example_project.slice("mvp")


def test_set_info_validates(example_project: Project) -> None:
    edits.set_info(example_project, name="Renamed", latency_budget_ms=900)
    assert example_project.info.name == "Renamed"
    with pytest.raises(ValueError):
        edits.set_info(example_project, latency_budget_ms=-1)


def test_find_cycle_on_a_long_chain_does_not_recurse() -> None:
    n = 5000
    requires = {f"c{i}": [f"c{i + 1}"] for i in range(n)}
    requires[f"c{n}"] = []
    assert find_cycle(requires) is None
    requires[f"c{n}"] = ["c0"]
    assert len(find_cycle(requires) or []) == n + 1


def test_renaming_a_data_source_key_follows_steps_and_capabilities(
    example_project: Project,
) -> None:
    edits.set_fields(example_project, "data_sources", "tickets", key="zendesk")
    assert "zendesk" in example_project.process_steps[0].data
    assert example_project.capability("ticket_export").uses_data == ["zendesk"]
    assert check_project(example_project) == []


def test_deleting_a_metric_or_risk_drops_the_links_to_it(example_project: Project) -> None:
    edits.delete_item(example_project, "metrics", "grounded")
    edits.delete_item(example_project, "risks", "r_wrong")
    assert all("grounded" not in c.delivers for c in example_project.capabilities)
    assert all("r_wrong" not in c.mitigates for c in example_project.capabilities)
    assert check_project(example_project) == []


def test_move_item_keeps_the_user_order(example_project: Project) -> None:
    edits.move_item(example_project, "process_steps", "escalate", 0)
    assert [s.key for s in example_project.process_steps] == [
        "escalate",
        "receive",
        "triage",
        "answer",
    ]
    edits.move_item(example_project, "process_steps", "escalate", 99)
    assert example_project.process_steps[-1].key == "escalate"


def test_set_fields_validates_the_whole_item(example_project: Project) -> None:
    with pytest.raises(ValueError):
        edits.set_fields(example_project, "risks", "r_wrong", likelihood=7)
    assert example_project.risks[0].likelihood == 3
    with pytest.raises(ProjectInvalid):
        edits.set_fields(example_project, "metrics", "p95", key="grounded")
