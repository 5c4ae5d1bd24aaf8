"""Kill -9 during imports and edits: the database stays sound and holds exactly what was committed.

A child process (tests/crash_driver.py) runs seeded imports and edits on one SQLite file
through the app's services and journals each call once it has returned; the test kills
it with SIGKILL at a seeded moment (while it opens the database, in an import, in an
edit, anywhere), and also kills ``scoping-app import`` run from the command line. After
every kill, on the same file that the next trial goes on using:

- ``PRAGMA integrity_check`` says ok and ``PRAGMA foreign_key_check`` finds nothing;
- the app opens the file again, and every project loads and passes validation;
- its projects are exactly those of a fresh database on which this process replayed
  every journaled call (the same seeded operations, drawn again), with the one call in
  flight at the kill either wholly there or wholly absent, never half.

The seed is printed (shown when the test fails); ``CRASH_TEST_SEED=N`` runs it again.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import sized_project
from scoping_app.domain.validation import check_project
from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService
from scoping_app.store.exporting import document, write_file
from tests.conftest import EXAMPLE_FILE, REPO
from tests.crash_driver import Operation, journal_line, perform, plan

LARGE_CAPABILITIES = 120
CI_SEED = 15
WATCHDOG_SECONDS = 120  # a child that never reaches its moment is killed, and the test fails


@dataclass(frozen=True)
class Trial:
    """When to kill: ``delay`` seconds after the start (``open``), after "ready" (``anywhere``),
    after the ``nth`` edit began (``edit``) or after the ``nth`` import began writing (its
    next line: "writing", or the next call when it had nothing to write); for ``cli``, ``delay``
    is the share of the time a whole ``scoping-app import`` takes (the first one runs whole,
    and is timed)."""

    moment: str
    delay: float
    nth: int = 0

    def __str__(self) -> str:
        if self.moment == "cli":
            return f"cli import, killed at {self.delay:.0%} of a whole one (the first runs whole)"
        after = f" {self.nth}" if self.nth else ""
        return f"{self.moment}{after} +{self.delay * 1000:.1f} ms"


def _trials(rng: random.Random) -> list[Trial]:
    """The first kills the child while it creates the database; the rest come in any order."""
    rest = (
        [Trial("open", rng.uniform(0.0, 0.9))]
        + [Trial("import", rng.uniform(0.0, 0.03), rng.randint(1, 2)) for _ in range(6)]
        + [Trial("edit", rng.uniform(0.0, 0.02), rng.randint(1, 12)) for _ in range(10)]
        + [Trial("anywhere", rng.uniform(0.0, 0.4)) for _ in range(3)]
        + [Trial("cli", rng.uniform(0.6, 1.0)) for _ in range(3)]
    )
    rng.shuffle(rest)
    return [Trial("open", rng.uniform(0.2, 0.9)), *rest]


def _seed() -> int:
    given = os.environ.get("CRASH_TEST_SEED")
    if given:
        return int(given)
    return CI_SEED if os.environ.get("CI") else random.randrange(10**6)


@dataclass
class Run:
    """The crashed database, its journal, and the replica the journal is replayed on."""

    folder: Path
    seed: int
    files: dict[str, Path]
    replica: ProjectService
    entries: list[dict[str, Any]]  # every call the database holds, as the journal says them
    cli_seconds: float | None = None  # how long a whole ``scoping-app import`` took

    @property
    def database(self) -> Path:
        return self.folder / "crashed" / "scoping.db"

    @property
    def journal(self) -> Path:
        return self.folder / "journal.jsonl"


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    large = tmp_path / "large.scope.json"
    write_file(sized_project(LARGE_CAPABILITIES), large)
    (tmp_path / "replica").mkdir()
    replica = open_service(
        f"sqlite:///{tmp_path / 'replica' / 'scoping.db'}", backup_dir=tmp_path / "replica-backups"
    )
    (tmp_path / "crashed").mkdir()
    files = {"example": EXAMPLE_FILE, "large": large}
    yield Run(tmp_path, _seed(), files, replica, [])
    replica.close()


def test_kill_9_loses_no_commit_and_leaves_no_half_write(run: Run) -> None:
    print(f"crash test seed {run.seed}: CRASH_TEST_SEED={run.seed} runs it again")
    present = 0
    trials = _trials(random.Random(run.seed))
    for index, trial in enumerate(trials):
        where = f"CRASH_TEST_SEED={run.seed}, trial {index} ({trial})"
        print(f"trial {index}: {trial}", end="", flush=True)
        if trial.moment == "cli":
            finished = _kill_cli_import(run, trial, where)
        else:
            finished = _kill_driver(run, trial, where)
        if run.database.exists():  # a kill before SQLite created it leaves no file
            _check_sound(run.database, where)
        stored = _stored_projects(run.database, where)
        wanted = _replay_journal(run, where)
        if _difference(stored, wanted) or finished:
            # The one call that may have been in flight: it must be there wholly.
            by = "cli" if trial.moment == "cli" else "driver"
            in_flight = _in_flight(run, by)
            assert perform(run.replica, in_flight, run.files) == "stored", (
                f"{where}: the database differs from the replay of the journal, and the call "
                f"in flight ({in_flight}) would not have changed it"
            )
            _journal_for_child(run, in_flight, by)
            wanted = _contents(run.replica)
            present += 1
            difference = _difference(stored, wanted)
            assert not difference, (
                f"{where}: the database is neither the replay of the journal nor that replay "
                f"plus the call in flight ({in_flight}): a commit was lost or half written. "
                f"{difference}"
            )
        print(f": {len(run.entries)} calls journaled, {len(stored)} projects", flush=True)
    print(f"the call in flight was stored in {present} of {len(trials)} trials")
    driver_calls = sum(entry["by"] == "driver" for entry in run.entries)
    assert driver_calls > len(trials), "the children made too few calls to test anything"


def _kill_driver(run: Run, trial: Trial, where: str) -> bool:
    """Run the child on the database until the trial's moment, then kill it. False: it has
    no call that must be there (any call it had in flight may be there or not)."""
    errors = run.folder / "driver-errors.txt"
    command = [sys.executable, "-m", "tests.crash_driver", str(run.database), str(run.journal)]
    command += [str(run.seed), str(len(run.entries))]
    command += [str(run.files["example"]), str(run.files["large"])]
    kill_after = trial.delay if trial.moment == "open" else None
    with errors.open("w") as stderr, _watched(command, stderr, where, kill_after) as child:
        assert child.stdout is not None
        if _reached(trial, child.stdout):
            time.sleep(trial.delay)
            child.kill()
    assert child.returncode == -9, f"{where}: the child ended by itself:\n{errors.read_text()}"
    return False


def _reached(trial: Trial, lines: Iterable[str]) -> bool:
    """Read the child's lines until the trial's moment (True), or to their end (False)."""
    seen = 0
    for line in lines:
        if trial.moment == "import" and seen >= trial.nth:
            return True  # the line after the import began: "writing", or the next call
        seen += _is_moment(trial, line)
        if trial.moment != "import" and seen >= max(trial.nth, 1):
            return True
    return False


def _is_moment(trial: Trial, line: str) -> bool:
    """Whether ``line`` of the child's output is (one of) the moments the trial waits for."""
    words = line.split()
    if trial.moment == "anywhere":
        return words == ["ready"]
    if len(words) != 3 or words[0] != "begin" or words[2] == "delete_project":
        return False
    return (words[2] == "import") == (trial.moment == "import") and trial.moment != "open"


def _kill_cli_import(run: Run, trial: Trial, where: str) -> bool:
    """Kill ``scoping-app import`` of the large file at the trial's share of the time a whole
    one takes; whether it finished first. The first one is not killed, but timed."""
    output = run.folder / "cli-output.txt"
    command = [sys.executable, "-m", "scoping_app.cli", "--db", str(run.database), "import"]
    command.append(str(run.files["large"]))
    kill_after = None if run.cli_seconds is None else trial.delay * run.cli_seconds
    started = time.monotonic()
    with output.open("w") as out, _watched(command, out, where, kill_after) as child:
        pass  # the block ends once the import has ended: by itself, or killed
    if run.cli_seconds is None:
        run.cli_seconds = time.monotonic() - started
    assert child.returncode in (0, -9), f"{where}: the import failed:\n{output.read_text()}"
    return child.returncode == 0


@contextlib.contextmanager
def _watched(
    command: list[str], errors: Any, where: str, kill_after: float | None = None
) -> Iterator[subprocess.Popen[str]]:
    """A child process run from the repository, killed ``kill_after`` seconds after its start
    when given; the block ends once the child has ended.

    A child still running after WATCHDOG_SECONDS (it never reached its moment) is
    killed, and the test fails rather than hang."""
    child = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=errors, text=True, bufsize=1
    )
    overdue = threading.Event()

    def stop_overdue() -> None:
        overdue.set()
        child.kill()

    timers = [threading.Timer(WATCHDOG_SECONDS, stop_overdue)]
    if kill_after is not None:
        timers.append(threading.Timer(kill_after, child.kill))
    for timer in timers:
        timer.start()
    try:
        yield child
        if child.stdout is not None:
            child.stdout.read()  # until the end of the child: killed, or ended by itself
        child.wait()
    finally:
        for timer in timers:
            timer.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert not overdue.is_set(), f"{where}: {command[2]} never reached the moment to kill it"


def _drop_torn_line(journal: Path) -> None:
    """A line the kill cut short was never a completed call: drop it."""
    if not journal.exists():
        return
    data = journal.read_bytes()
    if data and not data.endswith(b"\n"):
        journal.write_bytes(data[: data.rfind(b"\n") + 1])


def _check_sound(database: Path, where: str) -> None:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
    assert integrity == [("ok",)], f"{where}: integrity_check says {integrity[:5]}"
    assert dangling == [], f"{where}: rows refer to rows that do not exist: {dangling[:5]}"


def _stored_projects(database: Path, where: str) -> dict[str, dict[str, Any]]:
    """Every project of the crashed database, opened the app's way, each one validated."""
    service = open_service(f"sqlite:///{database}", backup_dir=database.parent / "backups")
    try:
        for summary in service.list_projects():
            problems = check_project(service.load(summary.id))
            assert problems == [], f"{where}: {summary.name} does not validate: {problems[:3]}"
        return _contents(service)
    finally:
        service.close()


def _contents(service: ProjectService) -> dict[str, dict[str, Any]]:
    """The projects, by name, as ``export-json`` writes them."""
    return {s.name: document(service.load(s.id)) for s in service.list_projects()}


def _difference(stored: dict[str, Any], wanted: dict[str, Any]) -> str:
    """What tells the projects stored from those wanted, in a few words; empty when equal."""
    if set(stored) != set(wanted):
        only_stored = sorted(set(stored) - set(wanted))
        only_wanted = sorted(set(wanted) - set(stored))
        return f"Projects only in the database: {only_stored}; only in the replay: {only_wanted}."
    for name in sorted(stored):
        for part in sorted(set(stored[name]) | set(wanted[name])):
            here, there = stored[name].get(part), wanted[name].get(part)
            if here == there:
                continue
            if isinstance(here, list) and isinstance(there, list):
                keys = sorted(
                    str(item.get("key"))
                    for item in [*here, *there]
                    if (item in here) != (item in there)
                )
                return f'"{name}" differs in its {part}: the items {keys[:10]}.'
            return f'"{name}" differs in its {part}: {here!r} stored, {there!r} replayed.'
    return ""


def _journal(journal: Path) -> list[dict[str, Any]]:
    if not journal.exists():
        return []
    return [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]


def _replay_journal(run: Run, where: str) -> dict[str, dict[str, Any]]:
    """Replay on the replica the calls the child journaled since the last trial; its projects.

    Each call is drawn again from the seed and the replica's projects: it must be the one
    journaled, and end the same way (stored or refused)."""
    _drop_torn_line(run.journal)
    for entry in _journal(run.journal)[len(run.entries) :]:
        assert entry["number"] == len(run.entries), f"{where}: the journal skips a call"
        drawn = plan(run.seed, entry["number"], run.replica)
        assert drawn == entry["operation"], f"{where}: the replay drew {drawn}, not {entry}"
        outcome = perform(run.replica, drawn, run.files)
        assert outcome == entry["outcome"], f"{where}: replayed, {entry} was {outcome}"
        run.entries.append(entry)
    return _contents(run.replica)


def _in_flight(run: Run, by: str) -> Operation:
    """The call the killed process may have had in flight when it was killed."""
    if by == "cli":
        return {"op": "import", "file": "large"}
    return plan(run.seed, len(run.entries), run.replica)


def _journal_for_child(run: Run, operation: Operation, by: str) -> None:
    """Journal a call found stored after the kill, so that the next child goes on after it."""
    line = journal_line(len(run.entries), operation, "stored", by=by)
    with run.journal.open("a", encoding="utf-8") as out:
        out.write(line)
    run.entries.append(json.loads(line))
