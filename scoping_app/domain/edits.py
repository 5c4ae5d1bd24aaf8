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
from collections.abc import Iterable
from typing import Any

from scoping_app.domain.model import Capability, Project, Slice
from scoping_app.domain.validation import CycleError, Problem, ProjectInvalid, find_cycle


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


def _index(project: Project, key: str) -> int:
    for index, capability in enumerate(project.capabilities):
        if capability.key == key:
            return index
    raise _refuse(f'There is no capability with the key "{key}".')


def add_capability(project: Project, capability: Capability, index: int | None = None) -> None:
    if any(c.key == capability.key for c in project.capabilities):
        raise _refuse(f'The key "{capability.key}" is already used by another capability.')
    position = len(project.capabilities) if index is None else index
    project.capabilities.insert(position, capability.model_copy(deep=True))


def update_capability(project: Project, key: str, capability: Capability) -> None:
    """Replace a capability; a new key is carried into every reference to the old one."""
    index = _index(project, key)
    new_key = capability.key
    if new_key != key:
        if any(c.key == new_key for c in project.capabilities):
            raise _refuse(f'The key "{new_key}" is already used by another capability.')
        for other in project.capabilities:
            other.requires = [new_key if k == key else k for k in other.requires]
        for mode in project.failure_modes:
            if mode.capability == key:
                mode.capability = new_key
        for item in project.slices:
            item.capabilities = [new_key if k == key else k for k in item.capabilities]
    replacement = capability.model_copy(deep=True)
    if new_key != key:
        replacement.requires = [new_key if k == key else k for k in replacement.requires]
    project.capabilities[index] = replacement
    _check_cycles(project)


def delete_capability(project: Project, key: str) -> None:
    """Remove a capability, its failure modes, and every reference to it."""
    index = _index(project, key)
    del project.capabilities[index]
    for other in project.capabilities:
        if key in other.requires:
            other.requires = [k for k in other.requires if k != key]
    project.failure_modes = [m for m in project.failure_modes if m.capability != key]
    for item in project.slices:
        if key in item.capabilities:
            item.capabilities = [k for k in item.capabilities if k != key]


def dependants(project: Project, key: str) -> list[str]:
    """Keys of the capabilities that require ``key`` directly."""
    return [c.key for c in project.capabilities if key in c.requires]


def add_dependency(project: Project, capability: str, prerequisite: str) -> None:
    """'capability requires prerequisite'; refused with the cycle named if it would close one."""
    target = project.capabilities[_index(project, capability)]
    _index(project, prerequisite)
    if prerequisite in target.requires:
        raise _refuse(f"{target.name} already requires {project.capability(prerequisite).name}.")
    requires = {c.key: list(c.requires) for c in project.capabilities}
    requires[capability].append(prerequisite)
    cycle = find_cycle(requires)
    if cycle is not None:
        raise CycleError(cycle, {c.key: c.name for c in project.capabilities})
    target.requires = [*target.requires, prerequisite]


def remove_dependency(project: Project, capability: str, prerequisite: str) -> None:
    target = project.capabilities[_index(project, capability)]
    if prerequisite not in target.requires:
        raise _refuse(f'{target.name} does not require "{prerequisite}".')
    target.requires = [k for k in target.requires if k != prerequisite]


def _check_cycles(project: Project) -> None:
    cycle = find_cycle({c.key: list(c.requires) for c in project.capabilities})
    if cycle is not None:
        raise CycleError(cycle, {c.key: c.name for c in project.capabilities})


def _slice_index(project: Project, key: str) -> int:
    for index, item in enumerate(project.slices):
        if item.key == key:
            return index
    raise _refuse(f'There is no slice with the key "{key}".')


def add_slice(project: Project, item: Slice, index: int | None = None) -> None:
    if any(s.key == item.key for s in project.slices):
        raise _refuse(f'The key "{item.key}" is already used by another slice.')
    position = len(project.slices) if index is None else index
    project.slices.insert(position, item.model_copy(deep=True))


def update_slice(project: Project, key: str, item: Slice) -> None:
    index = _slice_index(project, key)
    if item.key != key and any(s.key == item.key for s in project.slices):
        raise _refuse(f'The key "{item.key}" is already used by another slice.')
    project.slices[index] = item.model_copy(deep=True)


def delete_slice(project: Project, key: str) -> None:
    del project.slices[_slice_index(project, key)]
