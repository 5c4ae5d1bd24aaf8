"""The installation's self-test: does this copy of the app have all it needs, and does it work?

``scoping-app self-test`` runs these checks from a wheel, a frozen bundle or a
source tree, in a temporary folder that is removed afterwards: the user's own
database and settings are never opened. Each check returns a short detail on
success and raises on failure; :func:`run_checks` turns every failure into words,
so a broken installation is reported, never a traceback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scoping_app import paths

if TYPE_CHECKING:
    from scoping_app.domain.model import Project
    from scoping_app.services.projects import ProjectService

FONT_FILES = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
SECTIONS_IN_RUBRIC = 7


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.passed else 'FAIL'}  {self.name}: {self.detail}"


class Workspace:
    """A temporary folder with a database for the checks, shared by the checks in order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database_url = f"sqlite:///{folder / 'self-test.db'}"
        self.backups = folder / "backups"
        self.example_id: int | None = None

    def service(self) -> ProjectService:
        from scoping_app.services.database import open_service

        return open_service(self.database_url, backup_dir=self.backups)

    def example(self) -> Project:
        from scoping_app.services.templates import example_file
        from scoping_app.store.importing import read_file

        return read_file(example_file())


Check = Callable[[Workspace], str]


def _fonts(_: Workspace) -> str:
    from scoping_app.report.fonts import register_fonts

    for name in FONT_FILES:
        paths.resource("fonts", f"{name}.ttf")
    family = register_fonts()
    return f"{len(FONT_FILES)} faces of {family} load"


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _icons(_: Workspace) -> str:
    paths.resource("icons", "scoping-app.svg")
    for size in ICON_SIZES:
        head = paths.resource("icons", "png", f"scoping-app-{size}.png").read_bytes()[:24]
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if not head.startswith(PNG_SIGNATURE) or (width, height) != (size, size):
            raise ValueError(f"the {size} px icon is not a {size}x{size} PNG image")
    return f"the app's icon in {len(ICON_SIZES)} sizes, {ICON_SIZES[0]} to {ICON_SIZES[-1]} px"


RTL_SAMPLE = "مرحبا שלום"  # Arabic then Hebrew, as typed


def _scripts(_: Workspace) -> str:
    from scoping_app.report.scripts import visual

    shown = visual(RTL_SAMPLE)
    # In reading order the Hebrew word comes first; Arabic letters take their joined forms.
    if not shown.startswith("םולש") or any("\u0600" <= c <= "\u06ff" for c in shown):
        raise ValueError(f"right-to-left text is not set in reading order: {shown!r}")
    return "Hebrew and Arabic set in reading order, Arabic joined"


def _rubric(_: Workspace) -> str:
    from scoping_app.analysis.readiness import load_rubric

    rubric = load_rubric()
    if len(rubric.sections) != SECTIONS_IN_RUBRIC:
        raise ValueError(f"the rubric has {len(rubric.sections)} sections, not 7")
    return f"{len(rubric.checks)} checks in {len(rubric.sections)} sections"


def _templates(_: Workspace) -> str:
    from scoping_app.services.templates import list_templates, load_template

    patterns = [pattern for pattern, _title, _text in list_templates()]
    if not patterns:
        raise ValueError("no template is listed")
    for pattern in patterns:
        load_template(pattern)
    return f"{len(patterns)} read: {', '.join(patterns)}"


def _example(work: Workspace) -> str:
    project = work.example()
    return f'"{project.name}", {len(project.capabilities)} capabilities'


def _database(work: Workspace) -> str:
    service = work.service()
    try:
        count = len(service.list_projects())
    finally:
        service.close()
    return f"a new database created and brought to the current schema ({count} projects)"


def _imports(work: Workspace) -> str:
    from scoping_app.services.templates import example_file, list_templates, load_template

    service = work.service()
    try:
        names = []
        for pattern, _title, _text in list_templates():
            names.append(service.create(load_template(pattern)).name)
        example = service.import_file(example_file())
        work.example_id = example.id
        stored = service.load(example.id)
        if stored != work.example().model_copy(update={"name": stored.name}):
            raise ValueError("the example read back from the database differs from its file")
        total = len(service.list_projects())
    finally:
        service.close()
    return f"{len(names)} templates and the example stored and read back ({total} projects)"


def _optimizer(work: Workspace) -> str:
    from scoping_app.analysis.optimizer import smallest_viable_scope

    result = smallest_viable_scope(work.example())
    if not result.viable or result.figures is None:
        raise ValueError("the example has no viable scope: " + "; ".join(result.reasons))
    return (
        f"smallest viable scope of the example: {len(result.capabilities)} capabilities, "
        f"{result.figures.effort:g} person-days"
    )


def _audit(work: Workspace) -> str:
    from scoping_app.analysis.readiness import audit

    result = audit(work.example())
    return f"readiness {result.readiness:g} of 3, gate {result.gate}"


def _pdf(work: Workspace) -> str:
    from scoping_app.services.export import export_plan

    target = work.folder / "plan.pdf"
    export_plan(work.example(), target)
    data = target.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise ValueError("the file written is not a complete PDF")
    return f"the example's plan written ({len(data) // 1024} KiB)"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("fonts", _fonts),
    ("icons", _icons),
    ("scripts", _scripts),
    ("rubric", _rubric),
    ("templates", _templates),
    ("example", _example),
    ("database", _database),
    ("import", _imports),
    ("optimizer", _optimizer),
    ("audit", _audit),
    ("pdf", _pdf),
)


def run_checks(extra: tuple[tuple[str, Check], ...] = ()) -> Iterator[CheckResult]:
    """Run every check (then ``extra``) in a temporary folder; one result each, in order."""
    with tempfile.TemporaryDirectory(prefix="scoping-app-self-test-") as folder:
        work = Workspace(Path(folder))
        for name, check in (*CHECKS, *extra):
            try:
                detail = check(work)
            except Exception as error:  # a self-test reports every failure, whatever it is
                yield CheckResult(name, False, _words(error))
            else:
                yield CheckResult(name, True, detail)


def _words(error: BaseException) -> str:
    text = str(error).strip() or "no message"
    return f"{text} ({type(error).__name__})"
