"""Pattern templates: ready-made starting points a new project is copied from.

The templates are data in ``resources/templates/``: one ``<pattern>.scope.json``
exchange file per AI pattern, read and validated by the same reader as any shared
file, and ``index.json`` with each template's title and description. Product
leads may change both without touching code.

Every template carries the decisions regulated industries must take (residency,
PII, explainability, audit trail), because they are worth asking anywhere; in a
regulated industry the template's compliance capabilities also become mandatory,
so every viable scope keeps its audit trail and PII handling.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scoping_app import paths
from scoping_app.domain.enums import Category, Industry, Pattern
from scoping_app.domain.model import NAME_MAX, Project
from scoping_app.domain.validation import ensure_valid
from scoping_app.services.projects import ServiceError
from scoping_app.store.importing import ExchangeError, read_file

TEMPLATES_DIR = "templates"
INDEX_FILE = "index.json"
EXAMPLE = ("examples", "support-assistant.scope.json")


def example_file() -> Path:
    """The bundled example project: a realistic scoping to look at and try things on."""
    try:
        return paths.resource(*EXAMPLE)
    except FileNotFoundError as error:
        message = f"The example project is missing from this installation. {error}"
        raise ServiceError(message) from error


@dataclass(frozen=True)
class TemplateInfo:
    pattern: str
    title: str
    description: str
    file: str


def _index() -> list[TemplateInfo]:
    try:
        path = paths.resource(TEMPLATES_DIR, INDEX_FILE)
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = raw["templates"]
        return [
            TemplateInfo(
                pattern=Pattern(entry["pattern"]).value,
                title=str(entry["title"]),
                description=str(entry["description"]),
                file=str(entry["file"]),
            )
            for entry in entries
        ]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ServiceError(f"The bundled list of templates could not be read: {error}") from error


def list_templates() -> list[tuple[str, str, str]]:
    """(pattern, title, description) of every bundled template, in the index's order."""
    return [(t.pattern, t.title, t.description) for t in _index()]


def has_template(pattern: str) -> bool:
    return any(t.pattern == pattern for t in _index())


def load_template(pattern: str) -> Project:
    """The template of ``pattern`` as a project, validated by the exchange reader."""
    for template in _index():
        if template.pattern == pattern:
            try:
                return read_file(paths.resource(TEMPLATES_DIR, template.file))
            except (OSError, ExchangeError) as error:
                raise ServiceError(
                    f"The template for {template.title} could not be read: {error}"
                ) from error
    raise ServiceError(f'There is no template for the pattern "{pattern}".')


def new_from_template(pattern: str, name: str, industry: str) -> Project:
    """A new project named ``name`` in ``industry``, pre-filled from the pattern's template."""
    project = load_template(pattern)
    industry_value = Industry(industry)
    project.info = project.info.model_copy(
        update={"name": name.strip()[:NAME_MAX], "industry": industry_value}
    )
    project.info = type(project.info).model_validate(project.info.model_dump())
    if industry_value.regulated:
        for capability in project.capabilities:
            if capability.category is Category.COMPLIANCE:
                capability.mandatory = True
    ensure_valid(project)
    return project
