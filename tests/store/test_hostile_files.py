"""Only a regular file of at most 20 MB is read, and never more than 20 MB and a byte of it:
a named pipe, a device, a folder and a file too large are refused in words, at once; a file
holding more items or links than a project may hold is refused before its items are read."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from scoping_app.cli import main
from scoping_app.domain.validation import MAX_ITEMS, MAX_LINKS
from scoping_app.store import importing
from scoping_app.store.importing import MAX_FILE_BYTES, ExchangeError, read_file, read_project
from tests.conftest import EXAMPLE_FILE

WAIT = 30.0  # seconds a refusal may take before the test calls it a hang


def _refusal_in_a_thread(path: Path) -> str:
    """The words refusing ``path``; the read runs in a thread so that a hang fails the test."""
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            read_file(path)
        except BaseException as error:  # handed to the test below
            outcome.append(error)
        else:
            outcome.append(None)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(WAIT)
    if worker.is_alive():  # release the blocked open, then fail
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"reading {path} did not end")
    (error,) = outcome
    assert isinstance(error, ExchangeError), error
    return str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "project.scope.json"
    os.mkfifo(pipe)
    assert _refusal_in_a_thread(pipe) == (
        f'"{pipe}" is not a file on disk (it is a device, a pipe or a socket); only a '
        "project file saved on disk can be imported."
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_in_words_by_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "is not a file on disk" in _refusal_in_a_thread(Path("/dev/zero"))
    assert main(["--db", str(tmp_path / "scoping.db"), "import", "/dev/zero"]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith('scoping-app: "/dev/zero" is not a file on disk') and "Traceback" not in err
    )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert _refusal_in_a_thread(tmp_path) == f'"{tmp_path}" is a folder, not a project file.'


def test_a_file_over_20_mb_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.scope.json"
    with big.open("wb") as out:  # sparse: 21 MB on paper, nothing written
        out.truncate(21 * 1024 * 1024)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(importing.os, "read", lambda h, n: reads.append(n) or real_read(h, n))
    with pytest.raises(ExchangeError) as raised:
        read_file(big)
    assert str(raised.value) == (
        f'The file "{big}" is too large to be a project file: it holds more than 20 MB, the '
        "most a project file may hold."
    )
    assert reads == []


def test_a_file_growing_past_the_limit_is_read_no_further_than_the_limit_and_a_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size on disk said 1 KB (the file grew after it was looked at): reading stops at
    the limit and one byte, and the file is refused."""
    big = tmp_path / "growing.scope.json"
    with big.open("wb") as out:
        out.truncate(30 * 1024 * 1024)
    real_stat, real_fstat, real_read = os.stat, os.fstat, os.read

    def small(result: os.stat_result) -> os.stat_result:
        fields = list(result)
        fields[6] = 1024  # st_size
        return os.stat_result(fields)

    taken: list[int] = []

    def read(handle: int, count: int) -> bytes:
        chunk = real_read(handle, count)
        taken.append(len(chunk))
        return chunk

    monkeypatch.setattr(importing.os, "stat", lambda p, *a, **k: small(real_stat(p, *a, **k)))
    monkeypatch.setattr(importing.os, "fstat", lambda h: small(real_fstat(h)))
    monkeypatch.setattr(importing.os, "read", read)
    with pytest.raises(ExchangeError, match="is too large to be a project file"):
        read_file(big)
    assert sum(taken) == MAX_FILE_BYTES + 1


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    text = EXAMPLE_FILE.read_text(encoding="utf-8")
    padded = tmp_path / "padded.scope.json"
    padded.write_bytes(text.encode("utf-8") + b" " * (MAX_FILE_BYTES - len(text.encode())))
    assert padded.stat().st_size == MAX_FILE_BYTES
    assert read_file(padded).name == "Support answer assistant"


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize("name", [n for n in MAX_ITEMS if n != "capabilities"])
def test_a_list_over_its_limit_is_refused_before_its_items_are_read(name: str) -> None:
    document = _example()
    most = MAX_ITEMS[name]
    document[name] = [{"not": "an item"}] * (most + 1)  # counted, never read
    with pytest.raises(ExchangeError) as raised:
        read_project(json.dumps(document))
    words = name.replace("_", " ")
    assert [str(p) for p in raised.value.problems] == [
        f"{name}: the project has {most + 1:,} {words}; a project may hold at most "
        f"{most:,} {words}, past which the app becomes too slow to work with. Split it into "
        "smaller projects"
    ]


def test_more_links_than_allowed_are_refused_in_one_sentence() -> None:
    document = _example()
    keys = [c["key"] for c in document["capabilities"]]
    per_slice = (MAX_LINKS // MAX_ITEMS["slices"]) + 1
    document["slices"] = [
        {"key": f"s{i}", "name": f"S{i}", "capabilities": (keys * per_slice)[:per_slice]}
        for i in range(MAX_ITEMS["slices"])
    ]
    with pytest.raises(ExchangeError) as raised:
        read_project(json.dumps(document))
    (problem,) = raised.value.problems
    assert problem.message.startswith(
        f"the project has {_links(document):,} links "
        f"between its items; a project may hold at most {MAX_LINKS:,} links"
    )


def _links(document: dict[str, Any]) -> int:
    capabilities = sum(
        len(c.get(field, []))
        for c in document["capabilities"]
        for field in ("requires", "delivers", "uses_data", "mitigates")
    )
    steps = sum(len(s.get("data", [])) for s in document["process_steps"])
    slices = sum(len(s.get("capabilities", [])) for s in document["slices"])
    return capabilities + steps + slices + len(document["failure_modes"])
