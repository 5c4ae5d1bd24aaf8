"""One of the two writers of the two-writer test (tests/services/test_two_writers.py).

python -m tests.two_writers URL AUTHOR PROJECT_ID KEY EDITS BARRIER MODE REPORT

The writer opens the database at URL through the app's own open path, as AUTHOR, and
waits at the barrier (the folder BARRIER) until the other writer is there too, so that
both start writing at once. Its first edit is a race made sure of: both writers read the
project, meet at the barrier again, and only then store what they computed, so that one
of them stores on a version the other has already moved on (refused with versions, an
update lost without). Once it has stored half its edits it waits there again for the
other to have stored half of its own, so that neither can be done before the other
began (a writer may well wait on SQLite until the other is done: its writers are not
served in turn). It makes EDITS edits of the project PROJECT_ID, each the
way a window makes one: it reads the project and its version, computes the capability
KEY's value from what it read (seen + 1: a read-modify-write that loses updates when
two writers race and nothing stops the later one), and stores it based on the version
it read. MODE ``versions`` passes that version (``based_on``); MODE ``last-writer-wins``
passes none, as the app did before projects carried versions.

A refusal (the project changed since it was read) and a busy database are told on the
standard output, one line each with the app's message, and the edit is made again on
what is stored now. At the end, REPORT gets a JSON object: the author, the edits
stored, and the messages of the refusals and of the busy answers, in order.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from scoping_app.domain import edits
from scoping_app.services.database import open_service
from scoping_app.services.projects import DatabaseBusyError, ProjectChangedError, ProjectService

WRITERS = 2
MODES = ("versions", "last-writer-wins")
BARRIER_WAIT_S = 120  # the other writer not there by then: the test that started us is broken


def wait_for_the_other(barrier: Path, author: str, stage: str) -> None:
    """Say this writer reached ``stage``, then wait until every writer has."""
    (barrier / f"{author}.{stage}").write_text(f"{stage}\n", encoding="utf-8")
    deadline = time.monotonic() + BARRIER_WAIT_S
    while len(list(barrier.glob(f"*.{stage}"))) < WRITERS:
        if time.monotonic() > deadline:
            raise SystemExit(f"{author}: the other writer never came to the barrier ({stage})")
        time.sleep(0.001)


def value_of(service: ProjectService, project_id: int, key: str) -> tuple[float, int]:
    """The capability's value and the project's version, read together."""
    opened = service.open(project_id)
    found = next(c for c in opened.project.capabilities if c.key == key)
    return found.value, opened.version


def make_edits(
    service: ProjectService, project_id: int, key: str, count: int, mode: str, barrier: Path
) -> dict[str, object]:
    """Make ``count`` edits, each seen + 1, telling and retrying every refusal; wait for the
    other writer at the start, between the first read and the first store, and half way."""
    wait_for_the_other(barrier, service.author, "ready")
    refusals: list[str] = []
    busy: list[str] = []
    stored = 0
    raced = False
    while stored < count:
        try:
            seen, version = value_of(service, project_id, key)
            if not raced:  # both have read the same version before either stores
                wait_for_the_other(barrier, service.author, "read")
                raced = True
            service.edit(
                project_id,
                lambda project, value=seen + 1: edits.set_fields(
                    project, "capabilities", key, value=value
                ),
                "Raise value",
                based_on=version if mode == "versions" else None,
            )
        except ProjectChangedError as refused:
            refusals.append(str(refused))
            print(f"refused, made again: {refused}", flush=True)
            continue
        except DatabaseBusyError as error:
            busy.append(str(error))
            print(f"busy, made again: {error}", flush=True)
            continue
        stored += 1
        if stored == count // 2:
            wait_for_the_other(barrier, service.author, "half")
    return {"author": service.author, "stored": stored, "refusals": refusals, "busy": busy}


def run(arguments: list[str]) -> int:
    url, author, project_id, key, count, barrier, mode, report = arguments
    if mode not in MODES:
        raise SystemExit(f"MODE is one of {', '.join(MODES)}, not {mode!r}")
    service = open_service(url, backup_dir=Path(barrier) / f"backups-{author}")
    service.author = author
    try:
        outcome = make_edits(service, int(project_id), key, int(count), mode, Path(barrier))
    finally:
        service.close()
    Path(report).write_text(json.dumps(outcome), encoding="utf-8")
    print(f"done: {outcome['stored']} stored", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
