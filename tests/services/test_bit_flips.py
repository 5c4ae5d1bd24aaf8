"""Flipped bits in a database file: told in words at open or at load, or the project
loads exactly as stored; never a traceback, never content silently changed.

Each variant is a copy of a database holding the example with 10 bits flipped in its
data pages (seeded). SQLite's full integrity check catches what breaks its structure
and every index that no longer matches its table; the load checks every row against
the models, and the whole content against the checksum written with it, which catches
a flip inside a text or number that the models still accept.
"""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest

from scoping_app.domain.model import Project
from scoping_app.services.database import open_service
from scoping_app.services.projects import ServiceError
from tests.conftest import EXAMPLE_FILE

PAGE = 4096
VARIANTS = int(os.environ.get("BIT_FLIP_VARIANTS", "20"))  # more, to search further
BITS = 10


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int, Project]:
    folder = tmp_path_factory.mktemp("flips")
    path = folder / "original.db"
    service = open_service(f"sqlite:///{path}", backup_dir=folder / "bk")
    try:
        project_id = service.import_file(EXAMPLE_FILE).id
        project = service.load(project_id)
    finally:
        service.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # one file holds everything
    db.close()
    return path.read_bytes(), project_id, project


def _flipped(data: bytes, seed: int) -> bytes:
    spoilt = bytearray(data)
    draw = random.Random(seed)
    for _ in range(BITS):
        bit = draw.randrange(PAGE * 8, len(spoilt) * 8)  # the first page holds the header
        spoilt[bit // 8] ^= 1 << (bit % 8)
    return bytes(spoilt)


@pytest.mark.parametrize("seed", range(VARIANTS))
def test_flipped_bits_are_told_in_words_or_load(
    original: tuple[bytes, int, Project], tmp_path: Path, seed: int
) -> None:
    data, project_id, project = original
    path = tmp_path / "spoilt.db"
    path.write_bytes(_flipped(data, seed))
    try:
        service = open_service(f"sqlite:///{path}", backup_dir=tmp_path / "bk")
    except ServiceError as refused:  # damage found at open: the file was moved aside
        assert "damaged" in str(refused) or "cannot be opened" in str(refused)
        assert not path.exists() or path.read_bytes() != data
        return
    try:
        try:
            loaded = service.load(project_id)
        except ServiceError as refused:  # damage found at load: said, nothing changed
            assert "cannot be read" in str(refused) or "damaged" in str(refused)
            return
        assert loaded == project  # exactly as stored: nothing silently changed
        summaries = service.list_projects()
        assert [summary.id for summary in summaries] == [project_id]
    finally:
        service.close()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        # a flipped bit can leave bytes that are not UTF-8
        ("UPDATE capability SET name = CAST(x'4142ff43' AS TEXT)", "damaged"),
        # or a value the models accept: 2 more days, caught by the checksum
        (
            "UPDATE capability SET effort_likely = effort_likely + 2 WHERE position = 0",
            "differs from what the app last wrote",
        ),
    ],
    ids=["text no longer text", "a value changed outside the app"],
)
def test_a_row_changed_outside_the_app_is_told_in_words(
    tmp_path: Path, change: str, words: str
) -> None:
    path = tmp_path / "scoping.db"
    service = open_service(f"sqlite:///{path}", backup_dir=tmp_path / "bk")
    try:
        project_id = service.import_file(EXAMPLE_FILE).id
        with sqlite3.connect(path) as db:
            db.execute(change)
        db.close()
        with pytest.raises(ServiceError, match=words):
            service.load(project_id)
        assert [summary.id for summary in service.list_projects()] == [project_id]
    finally:
        service.close()
