"""The child process of the crash test (tests/store/test_crash.py), and the seeded operations
it runs, which the test replays in-process on a fresh database.

python -m tests.crash_driver DB JOURNAL SEED START EXAMPLE LARGE

The child opens the SQLite file DB through the app's own open path, then runs operation
after operation until it is killed: operation number n is drawn by :func:`plan` from
``SEED`` and ``n`` and the projects as they are stored, so replaying the same numbers on
a database holding the same projects draws the same operations. Once a call has
returned (its transaction committed), one JSON line saying what it was and how it
ended is appended to JOURNAL, flushed and synced. Numbers start at START (the lines
the journal already holds). Before each call the child prints ``begin N KIND`` on its
standard output, and ``writing N`` once an import has begun writing, which the test reads
to choose when to kill it; it stops by itself
after :data:`MOST_OPERATIONS` operations, or when the test that started it is gone.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scoping_app.domain import edits
from scoping_app.domain.enums import Category
from scoping_app.domain.model import Capability, Effort, Project
from scoping_app.domain.validation import ProjectInvalid
from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService, ServiceError

Operation = dict[str, Any]
"""What one call does, as JSON: ``{"op": "import", "file": "example"}``, ``{"op":
"add_dependency", "project": "...", "capability": "c004", "prerequisite": "c001"}``…"""

MOST_OPERATIONS = 5_000
MOST_PROJECTS = 4  # with as many, a project is deleted instead of imported
IMPORTS = ("example", "large")
EDITS = (
    "add_capability",
    "set_fields",
    "delete_item",
    "rename_key",
    "add_dependency",
    "rename_project",
)
LISTS_EDITED = ("capabilities", "metrics", "risks", "data_sources")


def plan(seed: int, number: int, service: ProjectService) -> Operation:
    """Operation ``number`` of the run drawn from ``seed``, on the projects ``service`` holds."""
    rng = random.Random(f"crash-{seed}-{number}")
    projects = {summary.name: summary.id for summary in service.list_projects()}
    names = sorted(projects)
    roll = rng.random()
    if not names or roll < 0.15:
        if len(names) >= MOST_PROJECTS:
            return {"op": "delete_project", "project": rng.choice(names)}
        return {"op": "import", "file": "example" if roll < 0.09 else "large"}
    name = rng.choice(names)
    project = service.load(projects[name])
    kind = rng.choice(EDITS)
    return {"op": kind, "project": name, **_EDIT_PLANS[kind](rng, project, number)}


def _plan_add_capability(rng: random.Random, project: Project, number: int) -> Operation:
    keys = [c.key for c in project.capabilities]
    likely = rng.choice([1, 2, 3, 5, 8])
    capability = Capability(
        key=edits.make_key(f"added {number}", keys),
        name=f"Added capability {number}",
        category=rng.choice(list(Category)),
        effort=Effort(optimistic=likely / 2, likely=likely, pessimistic=likely * 2),
        value=rng.choice([0, 1, 3, 8]),
        monthly_cost=rng.choice([0, 25.5, 300]),
        requires=rng.sample(keys, k=min(len(keys), rng.choice([0, 1, 2]))),
    )
    return {"fields": capability.model_dump(mode="json")}


def _plan_set_fields(rng: random.Random, project: Project, number: int) -> Operation:
    list_name = rng.choice([n for n in LISTS_EDITED if getattr(project, n)])
    key = rng.choice(getattr(project, list_name)).key
    fields: dict[str, Any] = {
        "capabilities": {
            "name": f"Capability changed by {number}",
            "value": rng.choice([0, 2, 5.5, 13]),
            "latency_ms": rng.choice([0, 12, 250]),
            "description": f"Changed by operation {number}.",
        },
        "metrics": {"name": f"Metric {number}", "target": rng.uniform(50, 99)},
        "risks": {"story": f"It failed in step {number}.", "impact": rng.randint(1, 5)},
        "data_sources": {"name": f"Source {number}", "quality": rng.randint(1, 5)},
    }[list_name]
    chosen = rng.sample(sorted(fields), k=rng.randint(1, len(fields)))
    return {"list": list_name, "key": key, "fields": {name: fields[name] for name in chosen}}


def _plan_delete_item(rng: random.Random, project: Project, _number: int) -> Operation:
    list_name = rng.choice([n for n in LISTS_EDITED if getattr(project, n)])
    return {"list": list_name, "key": rng.choice(getattr(project, list_name)).key}


def _plan_rename_key(rng: random.Random, project: Project, number: int) -> Operation:
    list_name = rng.choice([n for n in LISTS_EDITED if getattr(project, n)])
    items = getattr(project, list_name)
    new_key = edits.make_key(f"k{number}", [item.key for item in items])
    return {"list": list_name, "key": rng.choice(items).key, "new_key": new_key}


def _plan_add_dependency(rng: random.Random, project: Project, _number: int) -> Operation:
    keys = [c.key for c in project.capabilities] or ["none"]
    return {"capability": rng.choice(keys), "prerequisite": rng.choice(keys)}


def _plan_rename_project(rng: random.Random, project: Project, number: int) -> Operation:
    return {"name": f"{project.info.name[:40]} r{rng.randint(0, 3)}"}


_EDIT_PLANS: dict[str, Callable[[random.Random, Project, int], Operation]] = {
    "add_capability": _plan_add_capability,
    "set_fields": _plan_set_fields,
    "delete_item": _plan_delete_item,
    "rename_key": _plan_rename_key,
    "add_dependency": _plan_add_dependency,
    "rename_project": _plan_rename_project,
}


def _edit_of(operation: Operation) -> Callable[[Project], object]:
    """The domain edit that ``operation`` names, as a function of the project."""
    kind = operation["op"]
    if kind == "add_capability":
        capability = Capability.model_validate(operation["fields"])
        return lambda project: edits.add_item(project, "capabilities", capability)
    if kind == "set_fields":
        list_name, key, fields = operation["list"], operation["key"], operation["fields"]
        return lambda project: edits.set_fields(project, list_name, key, **fields)
    if kind == "delete_item":
        return lambda project: edits.delete_item(project, operation["list"], operation["key"])
    if kind == "rename_key":
        list_name, key, new_key = operation["list"], operation["key"], operation["new_key"]
        return lambda project: edits.set_fields(project, list_name, key, key=new_key)
    if kind == "add_dependency":
        capability, prerequisite = operation["capability"], operation["prerequisite"]
        return lambda project: edits.add_dependency(project, capability, prerequisite)
    if kind == "rename_project":
        return lambda project: edits.set_info(project, name=operation["name"])
    raise ValueError(f"unknown operation {kind!r}")


def perform(
    service: ProjectService,
    operation: Operation,
    files: dict[str, Path],
    progress: Callable[[float], None] | None = None,
) -> str:
    """Run ``operation`` through the service: "stored", or "refused" when the app said no.
    An import tells ``progress`` how far it is, as the window's progress bar is told."""
    try:
        if operation["op"] == "import":
            service.import_file(files[operation["file"]], progress=progress)
        elif operation["op"] == "delete_project":
            service.delete(service.resolve(operation["project"]))
        else:
            project_id = service.resolve(operation["project"])
            service.edit(project_id, _edit_of(operation), operation["op"])
    except (ProjectInvalid, ServiceError):
        return "refused"
    return "stored"


def journal_line(number: int, operation: Operation, outcome: str, by: str = "driver") -> str:
    """The journal's line for a call that returned."""
    entry = {"number": number, "by": by, "outcome": outcome, "operation": operation}
    return json.dumps(entry, sort_keys=True) + "\n"


def _tell_writing(number: int) -> Callable[[float], None]:
    """Prints ``writing N`` once an import is past reading its file (share 0.5: its write
    transaction is begun)."""
    told = False

    def progress(share: float) -> None:
        nonlocal told
        if share > 0.5 and not told:
            told = True
            print(f"writing {number}", flush=True)

    return progress


def run(arguments: list[str]) -> int:
    database, journal, seed, start, example, large = arguments
    files = {"example": Path(example), "large": Path(large)}
    parent = os.getppid()
    service = open_service(f"sqlite:///{database}", backup_dir=Path(database).parent / "backups")
    print("ready", flush=True)
    with open(journal, "a", encoding="utf-8") as out:
        for number in range(int(start), int(start) + MOST_OPERATIONS):
            if os.getppid() != parent:
                break  # the test is gone: nobody will kill this process
            operation = plan(int(seed), number, service)
            print(f"begin {number} {operation['op']}", flush=True)
            outcome = perform(service, operation, files, _tell_writing(number))
            out.write(journal_line(number, operation, outcome))
            out.flush()
            os.fsync(out.fileno())
    service.close()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
