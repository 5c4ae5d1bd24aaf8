"""The capabilities table: one row per capability, in the project's order."""

from __future__ import annotations

from typing import Any

from scoping_app.domain import words as fmt
from scoping_app.domain.drivers import cost_formula, latency_formula
from scoping_app.domain.model import Capability, Project
from scoping_app.ui.steps.capabilities.in_place import CellEdit, InPlaceModel
from scoping_app.ui.widgets.record_table import Column

NAME = 0  # the one column edited in place


def _effort(capability: Capability) -> str:
    e = capability.effort
    return f"{fmt.points(e.optimistic)}/{fmt.points(e.likely)}/{fmt.points(e.pessimistic)}"


def capability_columns(project: Project | None) -> list[Column[Capability]]:
    names = {c.key: c.name for c in project.capabilities} if project else {}
    currency = project.info.currency if project else "USD"
    # what a reader weighs first comes first, so that it is in view on a laptop (1280 wide);
    # texts too long for their column end in "…" and show whole on hover
    return [
        Column("Name", lambda c: c.name, width=205),
        Column("Key", lambda c: c.key, width=100),
        Column(
            "Requires",
            lambda c: ", ".join(names.get(k, k) for k in c.requires) or "—",
            width=160,
            tooltip="The capabilities it needs built first",
        ),
        Column("Category", lambda c: fmt.category(c.category), width=90),
        Column(
            "Expected",
            lambda c: fmt.effort_days(c.effort.expected),
            numeric=True,
            width=65,
            tooltip="PERT expected effort (o + 4m + p) / 6, in person-days",
        ),
        Column("Value", lambda c: fmt.points(c.value), numeric=True, width=50),
        Column(
            "Latency",
            lambda c: fmt.milliseconds(c.latency_ms),
            numeric=True,
            width=70,
            hint=lambda c: (
                f"From drivers: {latency_formula(c.latency_model)}"
                if c.latency_model is not None
                else fmt.milliseconds(c.latency_ms)
            ),
        ),
        Column(
            "Monthly cost",
            lambda c: fmt.money(c.monthly_cost, currency),
            numeric=True,
            width=90,
            hint=lambda c: (
                f"From drivers: {cost_formula(c.cost_model, currency)}"
                if c.cost_model is not None
                else fmt.money(c.monthly_cost, currency)
            ),
        ),
        Column("Mandatory", lambda c: "Yes" if c.mandatory else "", width=70),
        Column(
            "Effort o/m/p",
            _effort,
            numeric=True,
            tooltip="Optimistic / likely / pessimistic, in person-days",
        ),
    ]


class CapabilitiesModel(InPlaceModel[Capability]):
    """Rows of text; the name is edited in place (F2), everything else in the form beside."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            capability_columns(None), {NAME: CellEdit("name", lambda c: c.name)}, parent
        )

    def show_project(self, project: Project) -> None:
        self.set_rows(project.capabilities, capability_columns(project))
