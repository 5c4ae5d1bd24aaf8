"""The capabilities table: one row per capability, in the project's order."""

from __future__ import annotations

from typing import Any

from scoping_app.domain import words as fmt
from scoping_app.domain.model import Capability, Project
from scoping_app.ui.steps.capabilities.in_place import CellEdit, InPlaceModel
from scoping_app.ui.widgets.record_table import Column

NAME, KEY, CATEGORY, EFFORT, EXPECTED, VALUE, LATENCY, COST, MANDATORY, REQUIRES = range(10)


def _effort(capability: Capability) -> str:
    e = capability.effort
    return f"{fmt.points(e.optimistic)}/{fmt.points(e.likely)}/{fmt.points(e.pessimistic)}"


def capability_columns(project: Project | None) -> list[Column[Capability]]:
    names = {c.key: c.name for c in project.capabilities} if project else {}
    currency = project.info.currency if project else "USD"
    return [
        Column("Name", lambda c: c.name, width=215),
        Column("Key", lambda c: c.key, width=105),
        Column("Category", lambda c: fmt.category(c.category), width=100),
        Column(
            "Effort o/m/p",
            _effort,
            numeric=True,
            width=100,
            tooltip="Optimistic / likely / pessimistic, in person-days",
        ),
        Column(
            "Expected",
            lambda c: fmt.effort_days(c.effort.expected),
            numeric=True,
            width=80,
            tooltip="PERT expected effort (o + 4m + p) / 6, in person-days",
        ),
        Column("Value", lambda c: fmt.points(c.value), numeric=True, width=60),
        Column("Latency", lambda c: fmt.milliseconds(c.latency_ms), numeric=True, width=85),
        Column(
            "Monthly cost", lambda c: fmt.money(c.monthly_cost, currency), numeric=True, width=105
        ),
        Column("Mandatory", lambda c: "Yes" if c.mandatory else "", width=85),
        Column("Requires", lambda c: ", ".join(names.get(k, k) for k in c.requires) or "—"),
    ]


class CapabilitiesModel(InPlaceModel[Capability]):
    """Rows of text; the name is edited in place (F2), everything else in the form beside."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            capability_columns(None), {NAME: CellEdit("name", lambda c: c.name)}, parent
        )

    def show_project(self, project: Project) -> None:
        self.set_rows(project.capabilities, capability_columns(project))
