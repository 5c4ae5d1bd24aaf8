"""write_atomically: the one way a file the user chose is written, whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from scoping_app.store import files
from scoping_app.store.files import write_atomically


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(28, "No space left on device")


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    write_atomically(target, b"the plan")
    assert target.read_bytes() == b"the plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the plan of yesterday, longer than today's")
    write_atomically(str(target), b"today's")
    assert target.read_bytes() == b"today's"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    write_atomically(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    target.chmod(mode)
    write_atomically(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_stays_a_link_to_the_new_content(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "plan.pdf"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    # The temporary file was made beside the real file, and is gone.
    assert [p.name for p in elsewhere.iterdir()] == ["plan.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "link.pdf"]


@pytest.mark.parametrize("name", ["replace", "fsync", "write"])
def test_a_failure_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the plan of yesterday")
    monkeypatch.setattr(files.os, name, _boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"today's plan")
    monkeypatch.undo()
    assert target.read_bytes() == b"the plan of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files.os, "replace", _boom)
    with pytest.raises(OSError):
        write_atomically(tmp_path / "new.pdf", b"x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_an_interruption_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "new.pdf", b"x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "no" / "such" / "plan.pdf", b"x")


def test_a_long_name_still_gets_a_temporary_file_beside_it(tmp_path: Path) -> None:
    target = tmp_path / ("p" * 200 + ".pdf")
    write_atomically(target, b"x")
    assert target.read_bytes() == b"x"
