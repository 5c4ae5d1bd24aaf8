"""The repository alone is the product: nothing in it reads beside it.

Two guards: the tracked code, tests, scripts and CI never name a place outside the
repository, and (tests/outside_reads.py) the test run itself fails when any test
opens a file in a sibling of the repository.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OUTSIDE_READS, REPO
from tests.outside_reads import OutsideReads

# Written in pieces so that this file does not match itself.
FORBIDDEN = re.compile(
    "|".join(["\\.\\./" + "shared", "/wo" + "rk/", "shared/" + "(spec|examples)"])
)
CHECKED_SUFFIXES = {".py", ".sh", ".spec", ".toml", ".cfg", ".ini", ".ps1", ".iss", ".txt", ".md"}


def _tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout.decode()
        names = [name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):  # an unpacked sdist has no git
        names = [
            str(p.relative_to(REPO))
            for p in REPO.rglob("*")
            if p.is_file() and not {".venv", "build", "dist"} & set(p.relative_to(REPO).parts)
        ]
    return [REPO / name for name in names]


def test_no_file_names_a_place_beside_the_repository() -> None:
    checked = [
        path
        for path in _tracked_files()
        if (path.suffix in CHECKED_SUFFIXES or path.parent.name == ".ci") and path.is_file()
    ]
    assert any(path.name == "conftest.py" for path in checked)
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in checked
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not offenders, offenders


def test_the_example_lives_in_the_repository() -> None:
    example = REPO / "resources" / "examples" / "support-assistant.scope.json"
    assert example.is_file()


def test_a_read_beside_the_repository_is_caught(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "repo" / "tests").mkdir(parents=True)
    (work / "shared" / "examples").mkdir(parents=True)
    watch = OutsideReads(work / "repo")
    watch("open", (str(work / "repo" / "tests" / "x.py"), "r", 0))
    watch("open", (str(work / "repo" / ".." / "repo" / "README.md"), "r", 0))
    watch("open", (3, "r", 0))
    assert watch.seen == []
    watch("open", (str(work / "repo" / ".." / "shared" / "examples" / "a.json"), "r", 0))
    watch("os.listdir", (str(work / "shared").encode(),))
    assert watch.seen == [
        f"open {work / 'shared' / 'examples' / 'a.json'}",
        f"os.listdir {work / 'shared'}",
    ]


def test_a_sibling_holding_the_interpreter_or_temp_is_not_watched(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "python" / "lib").mkdir(parents=True)
    watch = OutsideReads(tmp_path / "repo", [tmp_path / "python" / "lib"])
    watch("open", (str(tmp_path / "python" / "lib" / "os.py"), "r", 0))
    assert watch.seen == []


def test_the_run_is_watched() -> None:
    """The hook of tests/conftest.py sees this very run: a read beside the repo is recorded."""
    if not OUTSIDE_READS.siblings:
        pytest.skip("nothing lies beside the repository to read from")
    before = len(OUTSIDE_READS.seen)
    sibling = REPO.parent / sorted(OUTSIDE_READS.siblings)[0]
    with contextlib.suppress(OSError):
        (sibling / "no-such-file").open()
    recorded = OUTSIDE_READS.seen[before:]
    del OUTSIDE_READS.seen[before:]  # the probe itself is not a finding
    assert recorded == [f"open {sibling / 'no-such-file'}"]
