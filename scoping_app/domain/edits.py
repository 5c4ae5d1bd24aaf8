"""Edits of a project aggregate, as pure functions that change it in place.

The service layer runs one of these on a copy of the stored project, checks
the whole result and stores it in one transaction; the window and the undo
commands name which edit to run. Each function keeps references consistent
(renaming or deleting a capability updates everything that points at it) and
raises a :class:`~scoping_app.domain.validation.ProjectInvalid` with words for
the product lead when the edit is not allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from scoping_app.domain.model import LIST_FIELDS, NAME_MAX, Project
from scoping_app.domain.validation import CycleError, Problem, ProjectInvalid, find_cycle
from scoping_app.domain.words import item_name, names_by_key


def _refuse(message: str, location: str = "") -> ProjectInvalid:
    return ProjectInvalid([Problem(location, message)])


def make_key(name: str, taken: Iterable[str]) -> str:
    """A free key derived from a name: 'Ticket export' -> 'ticket_export', then '_2', '_3'…"""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:58] or "item"
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}_{number}" in used:
        number += 1
    return f"{base}_{number}"


def set_info(project: Project, **fields: Any) -> None:
    """Change project fields (name, budgets…); every value is validated on assignment."""
    updated = project.info.model_copy(update=fields)
    project.info = type(project.info).model_validate(updated.model_dump())


def dependants(project: Project, key: str) -> list[str]:
    """Keys of the capabilities that require ``key`` directly."""
    return [c.key for c in project.capabilities if key in c.requires]


def add_dependency(project: Project, capability: str, prerequisite: str) -> None:
    """'capability requires prerequisite'; refused with the cycle named if it would close one."""
    target = project.capabilities[_position(project, "capabilities", capability)]
    _position(project, "capabilities", prerequisite)
    if prerequisite in target.requires:
        raise _refuse(f"{target.name} already requires {project.capability(prerequisite).name}.")
    requires = {c.key: list(c.requires) for c in project.capabilities}
    requires[capability].append(prerequisite)
    _check_cycles(project, requires)
    target.requires = [*target.requires, prerequisite]


def remove_dependency(project: Project, capability: str, prerequisite: str) -> None:
    target = project.capabilities[_position(project, "capabilities", capability)]
    if prerequisite not in target.requires:
        raise _refuse(f'{target.name} does not require "{prerequisite}".')
    target.requires = [k for k in target.requires if k != prerequisite]


def _check_cycles(project: Project, requires: Mapping[str, Sequence[str]] | None = None) -> None:
    """Refuse, naming it, a cycle among the prerequisites: ``requires`` when given (an edit
    about to be made), else the project's."""
    if requires is None:
        requires = {c.key: list(c.requires) for c in project.capabilities}
    cycle = find_cycle(requires)
    if cycle is not None:
        raise CycleError(cycle, names_by_key(project.capabilities, NAME_MAX))


# Generic edits of any list of the project, keeping the references that point into it.

LIST_NAMES = LIST_FIELDS

_ITEM_WORDS = {
    "process_steps": "process step",
    "data_sources": "data source",
    "metrics": "metric",
    "capabilities": "capability",
    "failure_modes": "failure mode",
    "decisions": "decision",
    "risks": "risk",
    "slices": "slice",
}


def _items(project: Project, list_name: str) -> list[Any]:
    if list_name not in LIST_NAMES:
        raise ValueError(f"unknown list {list_name!r}")
    items: list[Any] = getattr(project, list_name)
    return items


def _position(project: Project, list_name: str, key: str) -> int:
    for index, item in enumerate(_items(project, list_name)):
        if item.key == key:
            return index
    raise _refuse(f'There is no {_ITEM_WORDS[list_name]} with the key "{key}".')


def _rename_references(project: Project, list_name: str, old: str, new: str | None) -> None:
    """Point every reference to ``old`` at ``new``, or drop it when ``new`` is None."""

    def swap(keys: list[str]) -> list[str]:
        if old not in keys:
            return keys
        if new is None:
            return [k for k in keys if k != old]
        return [new if k == old else k for k in keys]

    if list_name == "data_sources":
        for step in project.process_steps:
            step.data = swap(step.data)
        for capability in project.capabilities:
            capability.uses_data = swap(capability.uses_data)
    elif list_name == "metrics":
        for capability in project.capabilities:
            capability.delivers = swap(capability.delivers)
    elif list_name == "risks":
        for capability in project.capabilities:
            capability.mitigates = swap(capability.mitigates)
    elif list_name == "capabilities":
        for capability in project.capabilities:
            capability.requires = swap(capability.requires)
        for item in project.slices:
            item.capabilities = swap(item.capabilities)
        if new is None:
            project.failure_modes = [m for m in project.failure_modes if m.capability != old]
        else:
            for mode in project.failure_modes:
                if mode.capability == old:
                    mode.capability = new


def _ensure_key_free(items: list[Any], list_name: str, key: str) -> None:
    for existing in items:
        if existing.key == key:
            owner = f"{_ITEM_WORDS[list_name]} “{item_name(existing)}”"
            raise _refuse(f'The key "{key}" is already used by the {owner}.')


def add_item(project: Project, list_name: str, item: Any, index: int | None = None) -> None:
    """Insert an item (a model of that list) at ``index``, or at the end."""
    items = _items(project, list_name)
    _ensure_key_free(items, list_name, item.key)
    items.insert(len(items) if index is None else index, item.model_copy(deep=True))


def update_item(project: Project, list_name: str, key: str, item: Any) -> None:
    """Replace an item; a new key is carried into every reference to the old one."""
    items = _items(project, list_name)
    index = _position(project, list_name, key)
    if item.key != key:
        _ensure_key_free(items, list_name, item.key)
        _rename_references(project, list_name, key, item.key)
    replacement = item.model_copy(deep=True)
    if list_name == "capabilities" and item.key != key:
        replacement.requires = [item.key if k == key else k for k in replacement.requires]
    items[index] = replacement
    if list_name == "capabilities":
        _check_cycles(project)


def set_fields(project: Project, list_name: str, item_key: str, **fields: Any) -> None:
    """Change some fields of one item, validated as a whole (a key change follows references)."""
    current = _items(project, list_name)[_position(project, list_name, item_key)]
    data = current.model_dump()
    data.update(fields)
    update_item(project, list_name, item_key, type(current).model_validate(data))


def delete_item(project: Project, list_name: str, key: str) -> None:
    """Remove an item and every reference to it (a capability takes its failure modes along)."""
    del _items(project, list_name)[_position(project, list_name, key)]
    _rename_references(project, list_name, key, None)


def move_item(project: Project, list_name: str, key: str, index: int) -> None:
    """Move an item to ``index`` in its list (order is shown to the user and kept)."""
    items = _items(project, list_name)
    item = items.pop(_position(project, list_name, key))
    items.insert(max(0, min(index, len(items))), item)
