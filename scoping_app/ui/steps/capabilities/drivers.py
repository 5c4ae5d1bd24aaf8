"""The running cost and the latency of a capability worked out from what drives them.

Under the capability's figures, a switch per figure: "Work the monthly cost out from
usage" shows the seven cost drivers, the formula with the numbers in it and the driver
that moves the cost most (each moved 20% either way); "Work the latency out from calls"
shows calls per interaction and the p95 of one call, and their product. While a switch
is on, the typed figure above is read-only and shows the worked-out one.

Each driver edit is one undoable edit through the page's one path for edits; a driver
out of its range is refused in words under it and nothing is stored. Switching on
starts from the figure as typed (all of it a fixed monthly part, or one call of the
typed latency), so the figure does not jump; switching off keeps the last worked-out
figure as a typed one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from scoping_app.domain import edits
from scoping_app.domain.drivers import (
    COST_DRIVERS,
    cost_drivers_sensitivity,
    cost_formula,
    latency_formula,
)
from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import Capability, CostModel, LatencyModel, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import FieldError
from scoping_app.ui.widgets.figure_fields import HINT_STYLE, amount_box
from scoping_app.ui.widgets.form import Apply, message_label
from scoping_app.ui.widgets.number_box import NumberBox

COST_SWITCH = "Work the monthly cost out from usage"
LATENCY_SWITCH = "Work the latency out from calls"

LATENCY_DRIVERS: dict[str, str] = {
    "calls_per_interaction": "calls per interaction",
    "p95_per_call_ms": "p95 per call",
}

# each driver's label in the form and its unit ("" for the currency, filled in when shown)
_UNITS: dict[str, str] = {
    "requests_per_month": "requests",
    "input_tokens": "tokens",
    "output_tokens": "tokens",
    "input_price_per_million": "",
    "output_price_per_million": "",
    "cache_hit_rate": "share, 0 to 1",
    "fixed_monthly": "",
    "calls_per_interaction": "model, tool, search",
    "p95_per_call_ms": "ms",
}


def _cents(value: float, currency: str) -> str:
    return f"{currency} {value:,.2f}"


def moves_most(model: CostModel, currency: str) -> str:
    """``Requests a month moves it most: -20% gives EUR 230.56, +20% EUR 345.84``."""
    top = cost_drivers_sensitivity(model)[0]
    if top.swing == 0:
        return "No driver moves the cost: every one is 0."
    return (
        f"{top.words.capitalize()} moves it most: -20% gives {_cents(top.low, currency)},"
        f" +20% {_cents(top.high, currency)}"
    )


class _Driver:
    """One driver's row: its box, its unit and the message under it."""

    def __init__(self, grid: QGridLayout, row: int, field: str, words: str) -> None:
        self.field = field
        self.box: NumberBox = amount_box()
        self.box.setMaximumWidth(130)
        self.box.setObjectName(f"driver_{field}")
        self.box.setAccessibleName(words.capitalize())
        label = QLabel(f"{words.capitalize()}:")
        label.setBuddy(self.box)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit = QLabel(_UNITS[field])
        self.unit.setStyleSheet(HINT_STYLE)
        self.error = message_label()
        self.error.setAccessibleName(f"{words.capitalize()}: problem")
        grid.addWidget(label, row, 0)
        grid.addWidget(self.box, row, 1)
        grid.addWidget(self.unit, row, 2)
        grid.addWidget(self.error, row + 1, 1, 1, 2)

    def say(self, message: str) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))
        self.box.setAccessibleDescription(message)

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text().removeprefix("⚠ ")


class _DriverGroup(QWidget):
    """A switch, the drivers it shows, the formula with the numbers in it and a note."""

    def __init__(self, switch: str, drivers: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.switch = QCheckBox(switch)
        self.box = QWidget()
        grid = QGridLayout(self.box)
        grid.setContentsMargins(18, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(2, 1)
        self.drivers = {
            field: _Driver(grid, 2 * i, field, words)
            for i, (field, words) in enumerate(drivers.items())
        }
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setAccessibleName(f"{switch}: formula")
        self.note = QLabel()
        self.note.setWordWrap(True)
        theme.style(self.note, lambda: theme.text_style(Role.MUTED))
        grid.addWidget(self.formula, 2 * len(drivers), 0, 1, 3)
        grid.addWidget(self.note, 2 * len(drivers) + 1, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.switch)
        layout.addWidget(self.box)

    def show_model(self, model: BaseModel | None, formula: str, note: str) -> None:
        self.switch.blockSignals(True)
        self.switch.setChecked(model is not None)
        self.switch.blockSignals(False)
        self.box.setVisible(model is not None)
        if model is None:
            return
        for field, driver in self.drivers.items():
            if driver.error_text() and driver.box.hasFocus():
                continue  # keep what the user typed until it is fixed
            driver.say("")
            driver.box.setValue(getattr(model, field))
        self.formula.setText(formula)
        self.note.setText(note)
        self.note.setVisible(bool(note))


class DriversPanel(QWidget):
    """The cost and latency drivers of the capability shown; each edit through ``apply``."""

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._capability: Capability | None = None
        self._project: Project | None = None
        self.cost = _DriverGroup(COST_SWITCH, COST_DRIVERS, self)
        self.latency = _DriverGroup(LATENCY_SWITCH, LATENCY_DRIVERS, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.cost)
        layout.addWidget(self.latency)
        self.cost.switch.toggled.connect(self._on_cost_switched)
        self.latency.switch.toggled.connect(self._on_latency_switched)
        for group, name in ((self.cost, "cost_model"), (self.latency, "latency_model")):
            for field, driver in group.drivers.items():
                driver.box.editingFinished.connect(
                    lambda name=name, field=field, driver=driver: self._commit(name, field, driver)
                )

    def show_capability(self, project: Project, capability: Capability | None) -> None:
        self._capability, self._project = capability, project
        self.setVisible(capability is not None)
        if capability is None:
            return
        currency = project.info.currency
        for field in ("input_price_per_million", "output_price_per_million"):
            self.cost.drivers[field].unit.setText(currency)
        self.cost.drivers["fixed_monthly"].unit.setText(f"{currency} (GPU, hosting)")
        cost = capability.cost_model
        self.cost.show_model(
            cost,
            cost_formula(cost, currency) if cost else "",
            moves_most(cost, currency) if cost else "",
        )
        latency = capability.latency_model
        self.latency.show_model(latency, latency_formula(latency) if latency else "", "")

    def error_text(self, field: str) -> str:
        """The message under the driver ``field`` ("" when none)."""
        group = self.cost if field in self.cost.drivers else self.latency
        return group.drivers[field].error_text()

    # editing

    def _store(self, changes: dict[str, Any], label: str, say: Callable[[str], None]) -> bool:
        current = self._capability
        if current is None:
            return False
        key = current.key
        return self._apply(
            lambda p: edits.set_fields(p, "capabilities", key, **changes),
            f"{label} of {current.name}",
            say,
        )

    def _on_cost_switched(self, on: bool) -> None:
        current = self._capability
        if current is None or (current.cost_model is not None) == on:
            return
        model = None
        if on:  # all of the typed cost a fixed part to start with: the figure does not jump
            model = CostModel(
                requests_per_month=0,
                input_tokens=0,
                output_tokens=0,
                input_price_per_million=0,
                output_price_per_million=0,
                fixed_monthly=current.monthly_cost,
            )
        label = "Work out the monthly cost from usage" if on else "Type the monthly cost"
        self._store({"cost_model": model}, label, lambda _m: None)

    def _on_latency_switched(self, on: bool) -> None:
        current = self._capability
        if current is None or (current.latency_model is not None) == on:
            return
        model = (
            LatencyModel(calls_per_interaction=1, p95_per_call_ms=current.latency_ms)
            if on
            else None
        )
        label = "Work out the latency from calls" if on else "Type the latency"
        self._store({"latency_model": model}, label, lambda _m: None)

    def _commit(self, name: str, field: str, driver: _Driver) -> None:
        """The driver ``field`` as typed: refused in words under it, or one undoable edit."""
        current = self._capability
        model = getattr(current, name, None) if current is not None else None
        if model is None:
            return
        try:
            value = driver.box.value()
        except FieldError as error:
            driver.say(str(error))
            return
        try:
            changed = type(model).model_validate({**model.model_dump(), field: value})
        except ValidationError as error:
            messages = field_messages(error)
            driver.say(messages.get(field) or next(iter(messages.values())))
            return
        driver.say("")
        if changed == model:
            return
        group = self.cost if name == "cost_model" else self.latency
        words = group.drivers[field].box.accessibleName().lower()
        self._store({name: changed}, f"Change {words}", driver.say)
