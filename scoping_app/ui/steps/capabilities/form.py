"""The form beside the capabilities table: every field and link of the selected capability.

Tabs keep it readable beside the graph: "Details" (figures and words), "Links"
(requires, delivers, uses data, mitigates) and whatever the page adds (failure
modes). The fields are declared once and run on the one form pipeline
(:mod:`scoping_app.ui.widgets.form`): each is committed when the user leaves it
(or presses Enter, Ctrl+Enter in the description) as one undoable edit naming
that field, through the page's one path for edits. A value the model refuses is
said under its field and kept as typed, so nothing the user typed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Category, DataStatus
from scoping_app.domain.model import NAME_MAX, Capability, Project
from scoping_app.ui.steps.capabilities.drivers import DriversPanel
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.fields import (
    BoolField,
    ChoiceField,
    FieldEditor,
    LineField,
    TextField,
    key_field,
)
from scoping_app.ui.widgets.figure_fields import POINT_WORDS, AmountField, EffortField
from scoping_app.ui.widgets.form import Apply, ItemForm, commit_edit, key_following, scrolling
from scoping_app.ui.widgets.short_text import risk_line, short_story
from scoping_app.ui.widgets.tab_order import follow_in_order

NEW_NAME = "New capability"
PLACEHOLDER = re.compile(rf"{NEW_NAME}( [0-9]+)?")

# the three lists of links edited by ticking: field, what an item is called, list title
LINKS = (
    ("delivers", "metric", "Delivers (metrics it makes achievable)"),
    ("uses_data", "data source", "Uses data"),
    ("mitigates", "risk", "Mitigates (pre-mortem risks)"),
)


def detail_fields() -> list[FieldEditor]:
    """The "Details" tab of a capability, declared once."""
    return [
        key_field("capability", "Ke&y"),
        ChoiceField("category", "&Category", Category, words=fmt.category),
        EffortField("effort", "&Effort"),
        AmountField(
            "value",
            "&Value",
            suffix=" points",
            hint="value points: what it is worth relative to the others",
            accessible="Value in points",
        ),
        AmountField(
            "latency_ms",
            "&Latency",
            suffix=" ms",
            hint="added to one user interaction",
            words="latency",
            accessible="Latency added per interaction, in milliseconds",
        ),
        AmountField(
            "monthly_cost",
            "Monthly c&ost",
            hint="running cost when in scope",
            prefix=lambda project: project.info.currency,
            accessible="Running cost per month",
        ),
        BoolField(
            "mandatory", "&Mandatory", "Every viable scope must contain it", words="mandatory flag"
        ),
        TextField("description", "&Description", placeholder="What it does, in a sentence or two"),
    ]


class CapabilityForm(QWidget):
    """Fields of one capability; each edit goes through ``apply``, then ``follow`` gets its key."""

    prerequisite_toggled = Signal(str, str, bool)  # capability key, prerequisite key, required

    def __init__(
        self, apply: Apply, follow: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._apply = apply
        self._follow = follow
        self._capability: Capability | None = None
        self._project: Project | None = None
        # the capabilities' names in one state of the project (a state never changes in place)
        self._names: tuple[Project | None, dict[str, str]] = (None, {})

        name = LineField(
            "name",
            "&Name",
            max_length=NAME_MAX,
            strip=True,
            wrap=True,
            accessible="Capability name",
        )
        self.head = ItemForm([name], "Select a capability in the table, or add one.")
        self.details = ItemForm(detail_fields(), "")
        self.fields = {**self.head.fields, **self.details.fields}
        self.prerequisites = CheckList(
            "Requires", "No other capability to require yet.", fit=True, minimum_rows=2
        )
        self.prerequisites.setToolTip(
            "Tick what this capability requires: they must be built for it to work"
        )
        self.links: dict[str, CheckList] = {}
        for field, word, title in LINKS:
            self.links[field] = CheckList(
                title.split(" (")[0], f"No {word}s in the project yet.", fit=True, minimum_rows=1
            )

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(6, 6, 6, 6)
        details_layout.addWidget(self.details)
        self.drivers = DriversPanel(apply, details)
        details_layout.addWidget(self.drivers)

        links = QWidget()
        links_layout = QVBoxLayout(links)
        links_layout.setContentsMargins(6, 6, 6, 6)
        links_layout.addWidget(QLabel("Requires (prerequisites, built first):"))
        links_layout.addWidget(self.prerequisites.boxed())
        for field, _word, title in LINKS:
            links_layout.addWidget(QLabel(f"{title}:"))
            links_layout.addWidget(self.links[field].boxed())
        links_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.tabBar().setAccessibleName("Parts of the capability")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scrolling(details, whole_width=True), "Detail&s")
        self._links_tab = scrolling(links, whole_width=True)
        self.tabs.addTab(self._links_tab, "Lin&ks")
        # the four lists hold every other capability, metric, source and risk: they are
        # filled when the Links tab is shown, not for every capability passed over
        self._links_due = False
        self.tabs.currentChanged.connect(lambda _index: self._fill_links_if_shown())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.head)
        layout.addWidget(self.tabs, 1)
        self.tabs.hide()

        follow_in_order([name.edit, self.tabs, *self.details.focus_chain])

        self.head.field_committed.connect(self._commit)
        self.details.field_committed.connect(self._commit)
        self.prerequisites.toggled.connect(self._on_prerequisite_toggled)
        for field, checklist in self.links.items():
            checklist.toggled.connect(
                lambda key, on, field=field: self._on_link_toggled(field, key, on)
            )

    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    @property
    def current_key(self) -> str | None:
        return self._capability.key if self._capability is not None else None

    def show_capability(self, project: Project, key: str | None) -> None:
        """Show the capability ``key`` of ``project`` (or nothing when None).

        A value the user typed and the model refused stays as typed while the
        same capability is shown, so another field's edit does not wipe it.
        """
        capability = None
        if key is not None:
            capability = next((c for c in project.capabilities if c.key == key), None)
        self._capability = capability
        self._project = project
        self.tabs.setVisible(capability is not None)
        self.head.show_item(capability, project)
        self.details.show_item(capability, project)
        self.drivers.show_capability(project, capability)
        for field, model in (("monthly_cost", "cost_model"), ("latency_ms", "latency_model")):
            derived = capability is not None and getattr(capability, model) is not None
            box = self.fields[field].focus_widgets[0]
            assert isinstance(box, QLineEdit)
            box.setReadOnly(derived)
            box.setToolTip("Worked out from the drivers below" if derived else "")
        self._links_due = capability is not None
        self._fill_links_if_shown()

    def error_text(self, name: str) -> str:
        """The message under the field ``name`` ("" when it holds a value the model takes)."""
        form = self.head if name in self.head.fields else self.details
        return form.error_text(name)

    def _fill_links_if_shown(self) -> None:
        if self.tabs.currentWidget() is self._links_tab:
            self.fill_links_now()

    def fill_links_now(self) -> None:
        """Fill the Links tab's lists for the capability shown, if not done yet."""
        if self._links_due and self._capability is not None and self._project is not None:
            self._links_due = False
            self._fill_links(self._project, self._capability)

    def _fill_links(self, project: Project, capability: Capability) -> None:
        if self._names[0] is not project:
            self._names = (project, fmt.names_by_key(project.capabilities, NAME_MAX))
        names = self._names[1]
        self.prerequisites.fill(
            Entry(other.key, names[other.key], other.key in capability.requires)
            for other in project.capabilities
            if other.key != capability.key
        )
        for field, items, text, tooltip in _LINKED:
            chosen = set(getattr(capability, field))
            self.links[field].fill(
                Entry(i.key, text(i), i.key in chosen, tooltip(i)) for i in items(project)
            )

    def prerequisite_item(self, key: str) -> QListWidgetItem | None:
        self.fill_links_now()
        return self.prerequisites.item_of(key)

    def link_item(self, field: str, key: str) -> QListWidgetItem | None:
        self.fill_links_now()
        return self.links[field].item_of(key)

    def focus_name(self) -> None:
        self.fields["name"].set_focus()

    def edit_name(self, name: str) -> None:
        """A name typed in the table: committed as if typed in the form (same label, same key)."""
        if self._capability is not None and self._project is not None:
            typed = self._capability.model_copy(update={"name": name})
            self.fields["name"].load(typed, self._project)
            self._commit("name")

    def _commit(self, field: str) -> None:
        current = self._capability
        if current is None or self._project is None:
            return
        others = [c.key for c in self._project.capabilities if c.key != current.key]

        def store(changes: dict[str, Any], say: Callable[[str], None]) -> bool:
            label = _label(current, current.model_copy(update=changes), self.fields)
            key = current.key
            stored = self._apply(
                lambda p: edits.set_fields(p, "capabilities", key, **changes), label, say
            )
            if stored:
                self._follow(changes.get("key", key))
            return stored

        form = self.head if field in self.head.fields else self.details
        commit_edit(
            form,
            field,
            current,
            store,
            follows=lambda value: (
                key_following(current, current.name, value, PLACEHOLDER, others)
                if field == "name"
                else {}
            ),
        )

    def _on_prerequisite_toggled(self, prerequisite: str, required: bool) -> None:
        if self._capability is not None:
            self.prerequisite_toggled.emit(self._capability.key, prerequisite, required)

    def _on_link_toggled(self, field: str, key: str, on: bool) -> None:
        current, project = self._capability, self._project
        if current is None or project is None:
            return
        keys: list[str] = [k for k in getattr(current, field) if k != key] + ([key] if on else [])
        label = _link_label(project, current, field, key, on)
        capability = current.key
        self._apply(
            lambda p: edits.set_fields(p, "capabilities", capability, **{field: keys}), label
        )


# what each list of links shows: field, its items, an item's line and its tooltip
_LINKED: tuple[
    tuple[str, Callable[[Project], Any], Callable[[Any], str], Callable[[Any], str]], ...
] = (
    (
        "delivers",
        lambda project: project.metrics,
        lambda m: f"{m.name}{'  (must-have)' if m.must else ''}",
        lambda m: f"{m.name}: {fmt.choice(m.kind)} metric",
    ),
    (
        "uses_data",
        lambda project: project.data_sources,
        lambda d: d.name if d.status is DataStatus.HAVE else f"{d.name}  ({fmt.choice(d.status)})",
        lambda d: f"{d.name}: {fmt.choice(d.status)}",
    ),
    (
        "mitigates",
        lambda project: project.risks,
        risk_line,
        lambda r: (
            f"{r.story}\nLikelihood {r.likelihood} x impact {r.impact} = {r.score}"
            f"{' (severe)' if r.severe else ''}; {fmt.choice(r.status)}"
        ),
    ),
)


def _link_label(project: Project, capability: Capability, field: str, key: str, on: bool) -> str:
    if field == "delivers":
        metric = next((m.name for m in project.metrics if m.key == key), key)
        verb = "delivers" if on else "no longer delivers"
        return f"{capability.name} {verb} metric {metric}"
    if field == "uses_data":
        source = next((d.name for d in project.data_sources if d.key == key), key)
        verb = "uses" if on else "no longer uses"
        return f"{capability.name} {verb} data {source}"
    risk = next((r for r in project.risks if r.key == key), None)
    story = short_story(risk, 40) if risk is not None else key
    verb = "mitigates" if on else "no longer mitigates"
    return f"{capability.name} {verb} risk “{story}”"


def _label(before: Capability, after: Capability, fields: dict[str, FieldEditor]) -> str:
    """The undo text of an edit, naming what changed ("Change likely effort of Ticket export")."""
    changed = [f for f in fields if getattr(before, f) != getattr(after, f)]
    if "name" in changed and set(changed) <= {"name", "key"}:
        return f"Rename capability {before.name} to {after.name}"
    words = [fields[f].words for f in changed]
    if changed == ["effort"]:
        points = [w for w in POINT_WORDS if getattr(before.effort, w) != getattr(after.effort, w)]
        if len(points) == 1:
            words = [f"{points[0]} effort"]
    text = " and ".join(words) if len(words) <= 2 else ", ".join(words)
    return f"Change {text} of {after.name}"
