"""The bundled pattern templates: valid exchange files, no cycle, a viable smallest scope."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from scoping_app import paths
from scoping_app.analysis import dependency_graph, smallest_viable_scope
from scoping_app.domain.completeness import PREMORTEM_CAUSES, REGULATED_TOPICS, SERVING_TOPICS
from scoping_app.domain.enums import Category, DecisionStatus, Topic
from scoping_app.services.projects import ServiceError
from scoping_app.services.templates import (
    has_template,
    list_templates,
    load_template,
    new_from_template,
)
from scoping_app.store.importing import read_file

PATTERNS = ["rag", "fine_tune", "classifier", "extraction", "agent"]
COMMON_TOPICS = {
    *SERVING_TOPICS,
    Topic.MONITORING,
    Topic.DRIFT,
    Topic.RETRAINING,
    *REGULATED_TOPICS,
}
PATTERN_TOPICS = {
    "rag": {
        Topic.CHUNKING,
        Topic.EMBEDDING,
        Topic.RETRIEVAL_RANKING,
        Topic.CONTEXT_WINDOW,
        Topic.FALLBACK,
    },
    "fine_tune": {Topic.TRAINING_DATA, Topic.EVALUATION},
    "classifier": {Topic.TRAINING_DATA, Topic.EVALUATION, Topic.FALLBACK},
    "extraction": {Topic.TRAINING_DATA, Topic.EVALUATION, Topic.FALLBACK},
    "agent": {Topic.FALLBACK, Topic.EVALUATION},
}


def test_the_index_lists_every_template_with_words() -> None:
    listed = list_templates()
    assert [pattern for pattern, _title, _text in listed] == PATTERNS
    for _pattern, title, description in listed:
        assert title and len(description) > 40
    assert not has_template("forecasting") and has_template("rag")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_template_is_a_valid_exchange_file(pattern: str) -> None:
    path = paths.resource("templates", f"{pattern}.scope.json")
    project = read_file(path)  # strict: unknown fields, bad references, cycles all refused
    assert project.info.pattern.value == pattern
    assert nx.is_directed_acyclic_graph(dependency_graph(project))
    assert len(project.capabilities) >= 8
    assert any(c.requires for c in project.capabilities)
    categories = {c.category for c in project.capabilities}
    assert {Category.EVALUATION, Category.MONITORING, Category.COMPLIANCE} <= categories
    topics = {d.topic for d in project.decisions}
    assert COMMON_TOPICS | PATTERN_TOPICS[pattern] <= topics
    assert all(d.status is DecisionStatus.OPEN for d in project.decisions)
    assert set(PREMORTEM_CAUSES) <= {r.cause for r in project.risks}
    assert project.metrics and project.failure_modes and project.slices
    assert any(m.must for m in project.metrics)
    model_facing = {c.key for c in project.capabilities if c.category.model_facing}
    assert model_facing <= {f.capability for f in project.failure_modes}


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("industry", ["general", "healthcare"])
def test_template_has_a_viable_smallest_scope(pattern: str, industry: str) -> None:
    project = new_from_template(pattern, "  My project  ", industry)
    assert project.name == "My project" and project.info.industry.value == industry
    result = smallest_viable_scope(project)
    assert result.viable, result.reasons
    assert 0 < len(result.capabilities) < len(project.capabilities)
    if industry == "healthcare":
        compliance = {c.key for c in project.capabilities if c.category is Category.COMPLIANCE}
        assert compliance and compliance <= set(result.capabilities)


def test_regulated_industry_makes_compliance_mandatory() -> None:
    plain = new_from_template("rag", "A", "retail")
    regulated = new_from_template("rag", "A", "fintech")
    assert not any(c.mandatory for c in plain.capabilities)
    assert {c.key for c in regulated.capabilities if c.mandatory} == {"pii_redaction", "audit_log"}


def test_unknown_pattern_is_refused() -> None:
    with pytest.raises(ServiceError, match="no template"):
        load_template("forecasting")


def test_titles_live_in_the_data() -> None:
    index = json.loads(paths.resource("templates", "index.json").read_text(encoding="utf-8"))
    assert [entry["title"] for entry in index["templates"]] == [t for _p, t, _d in list_templates()]


@pytest.mark.parametrize("pattern", ["rag", "agent"])
def test_rag_and_agent_templates_carry_cost_drivers_on_every_model_facing_capability(
    pattern: str,
) -> None:
    """Typical drivers as ordinary numbers (no price list is fetched), in format version 2;
    the figures written beside them are the ones they give, and a new project keeps them."""
    path = paths.resource("templates", f"{pattern}.scope.json")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["format_version"] == 2
    project = read_file(path)
    model_facing = [c for c in project.capabilities if c.category.model_facing]
    assert model_facing
    for capability in model_facing:
        assert capability.cost_model is not None, capability.key
        assert capability.cost_model.requests_per_month > 0
        assert capability.monthly_cost == capability.cost_model.monthly_cost()
    written = {c["key"]: c for c in json.loads(text)["capabilities"]}
    for capability in model_facing:  # the file says the figure the drivers give
        assert written[capability.key]["monthly_cost"] == capability.monthly_cost
        assert written[capability.key]["latency_ms"] == capability.latency_ms
    created = new_from_template(pattern, "Drivers", "general")
    assert [c.cost_model for c in created.capabilities] == [
        c.cost_model for c in project.capabilities
    ]


def test_the_rag_answering_cost_is_its_formula_worked_by_hand() -> None:
    answering = load_template("rag").capability("answering")
    # 30,000 requests x (1 - 0.2) x (3,000 tokens x 3 + 400 tokens x 15) / 1,000,000
    assert answering.monthly_cost == 30_000 * 0.8 * 15_000 / 1_000_000 == 360
    assert answering.latency_ms == 1 * 1_500
