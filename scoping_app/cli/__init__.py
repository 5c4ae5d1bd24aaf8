"""The command line (docs/cli.md): automation, scripting and tests, on services and report."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scoping_app import __version__
from scoping_app.cli.analysis import audit, compare, frontier, optimize
from scoping_app.cli.common import (
    CLOSED_PIPE,
    USAGE_ERROR,
    USER_ERROR,
    UserError,
    add_as_of,
    plain_number,
    print_json,
)
from scoping_app.paths import database_url, resources_dir
from scoping_app.report.sections import ALL as PLAN_SECTIONS

__all__ = ["CLOSED_PIPE", "USAGE_ERROR", "USER_ERROR", "UserError", "main", "plain_number"]


def _parser() -> argparse.ArgumentParser:
    db_help = (
        "the SQLite database file, or a database URL such as postgresql+psycopg://user@host/db"
        " (default: $SCOPING_APP_DATABASE_URL, then the per-user one)"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)

    parser = argparse.ArgumentParser(
        prog="scoping-app",
        description="AI Scoping Studio: scope AI projects before any code is written.",
    )
    parser.add_argument("--version", action="version", version=f"scoping-app {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument("--project", metavar="PROJECT", help="open this project (its name or id)")
    gui.add_argument(
        "--quit-after-start",
        action="store_true",
        help="quit once the window is shown and painted (for measuring the start)",
    )

    listing = commands.add_parser("list", parents=[common], help="projects in the database")
    listing.add_argument("--json", action="store_true", help="print JSON")

    importing = commands.add_parser("import", parents=[common], help="read a *.scope.json file")
    importing.add_argument("file", metavar="FILE", type=Path)

    export_json = commands.add_parser(
        "export-json", parents=[common], help="write a project to a *.scope.json file"
    )
    export_json.add_argument("project", metavar="PROJECT", help="a project's name or id")
    export_json.add_argument("out", metavar="OUT", type=Path)

    export_pdf = commands.add_parser("export-pdf", parents=[common], help="write the PDF plan")
    export_pdf.add_argument("project", metavar="PROJECT", help="a project's name or id")
    export_pdf.add_argument("out", metavar="OUT", type=Path)
    export_pdf.add_argument("--slice", metavar="SLICE", help="the slice to recommend (key or name)")
    export_pdf.add_argument("--page-size", choices=["A4", "Letter"], default="A4")
    export_pdf.add_argument(
        "--sections",
        metavar="IDS",
        help="comma-separated sections to include (default: all): " + ", ".join(PLAN_SECTIONS),
    )
    add_as_of(export_pdf)

    optimize = commands.add_parser(
        "optimize", parents=[common], help="the smallest viable scope of a project"
    )
    optimize.add_argument("project", metavar="PROJECT", help="a project's name or id")
    optimize.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(optimize)

    compare = commands.add_parser("compare", parents=[common], help="slices side by side")
    compare.add_argument("project", metavar="PROJECT", help="a project's name or id")
    compare.add_argument("slices", metavar="SLICE", nargs="*", help="slice keys or names")
    compare.add_argument("--json", action="store_true", help="print JSON")
    add_as_of(compare)

    audit = commands.add_parser("audit", parents=[common], help="the readiness audit")
    audit.add_argument("project", metavar="PROJECT", help="a project's name or id")
    audit.add_argument("--json", action="store_true", help="print JSON")

    frontier = commands.add_parser(
        "frontier", parents=[common], help="the efficient frontier: most value for the effort"
    )
    frontier.add_argument("project", metavar="PROJECT", help="a project's name or id")
    frontier.add_argument("--json", action="store_true", help="print JSON")

    history = commands.add_parser(
        "history", parents=[common], help="who changed a project, when and what, newest first"
    )
    history.add_argument("project", metavar="PROJECT", help="a project's name or id")
    history.add_argument("--json", action="store_true", help="print JSON")

    backups = commands.add_parser(
        "backups", parents=[common], help="the backups of the database, newest first"
    )
    backups.add_argument("--json", action="store_true", help="print JSON")

    restore = commands.add_parser(
        "restore", parents=[common], help="put a backup in place of the database (backed up first)"
    )
    restore.add_argument("backup", metavar="BACKUP", type=Path, help="a file `backups` lists")

    self_test = commands.add_parser(
        "self-test",
        help="check this installation in a temporary folder (never your own projects)",
    )
    self_test.add_argument(
        "--gui", action="store_true", help="also open the window offscreen and close it"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    try:
        code = _dispatch(command, args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
    except BrokenPipeError:
        # The reader (`| head`) has all it wanted. Point standard output at nothing so the
        # interpreter's own flush at exit does not fail again and print a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return CLOSED_PIPE
    return code


def _dispatch(command: str, args: argparse.Namespace) -> int:
    if command == "self-test":
        return _self_test(args)
    url = database_url(args.db)
    if command == "gui":
        # The start builds what lives as long as the window: no collection until it is shown
        gc.disable()  # (run() freezes what the start built, then collects again)
        from scoping_app.ui.app import run  # Qt is imported only for the window

        return run(
            url,
            project=getattr(args, "project", None),
            quit_after_start=getattr(args, "quit_after_start", False),
        )
    with terminal_safe_output():
        try:
            return _run(command, args, url)
        except UserError as error:
            print(f"scoping-app: {error}", file=sys.stderr)
            return USER_ERROR


# C0 controls but tab and new line, DEL and C1 controls: what a terminal may take as a command
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character written out (ESC as ``\\x1b``), tab and new line
    kept: a name holding a terminal escape prints as letters, never as a command."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


class _TerminalSafe:
    """A text stream that writes through :func:`terminal_safe`; the rest is the stream's."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._stream.write(terminal_safe(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Every print of a command, its text and its errors, goes through :func:`terminal_safe`."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafe(out), _TerminalSafe(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _self_test(args: argparse.Namespace) -> int:
    """One line per check of the installation; exit 0 when every check passed."""
    from scoping_app.services.selftest import Check, run_checks

    extra: tuple[tuple[str, Check], ...] = ()
    if args.gui:
        from scoping_app.ui.selftest import window_check  # Qt only when asked for

        extra = (("window", window_check),)
    print(f"scoping-app {__version__} self-test, resources in {resources_dir()}")
    failed = 0
    for result in run_checks(extra):
        print(result.line(), flush=True)
        failed += not result.passed
    if failed:
        print(f"{failed} check{'s' if failed > 1 else ''} failed.")
        return USER_ERROR
    print("Every check passed.")
    return 0


def _run(command: str, args: argparse.Namespace, url: str) -> int:
    from scoping_app.services.database import open_service
    from scoping_app.services.projects import ServiceError

    try:
        service = open_service(url)
    except ServiceError as error:
        raise UserError(str(error)) from error
    try:
        handler = _HANDLERS[command]
        return handler(service, args)
    except ServiceError as error:
        raise UserError(str(error)) from error
    except ValueError as error:
        # A refused project (ProjectInvalid is a ValueError); imported only now, as its
        # module loads the models, which `list` does without.
        from scoping_app.domain.validation import ProjectInvalid

        if isinstance(error, ProjectInvalid):
            raise UserError(str(error)) from error
        raise
    finally:
        service.close()


def _list(service: Any, args: argparse.Namespace) -> int:
    projects = service.list_projects()
    if args.json:
        print_json(
            [{"id": p.id, "name": p.name, "updated": p.updated.isoformat()} for p in projects]
        )
        return 0
    if not projects:
        print("No projects yet. Import one with: scoping-app import FILE")
        return 0
    width = max(len(p.name) for p in projects)
    for p in projects:
        when = p.updated.strftime("%Y-%m-%d %H:%M")
        print(f"{p.id:>4}  {p.name:<{width}}  {p.capabilities:>4} capabilities  updated {when}")
    return 0


def _import(service: Any, args: argparse.Namespace) -> int:
    summary = service.import_file(args.file)
    print(summary.name)
    return 0


def _export_json(service: Any, args: argparse.Namespace) -> int:
    project_id = service.resolve(args.project)
    service.export_file(project_id, args.out)
    return 0


def _export_pdf(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.services.export import export_plan

    project = service.load(service.resolve(args.project))
    sections = None
    if args.sections is not None:
        sections = [part.strip() for part in args.sections.split(",") if part.strip()]
    export_plan(
        project,
        args.out,
        page_size=args.page_size,
        recommended_slice=args.slice,
        sections=sections,
        today=args.as_of,
    )
    return 0


def _backups(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.services.backups import (
        SERVER_BACKUPS,
        list_backups,
        server_backups,
        size_text,
    )

    found = list_backups(service)
    if args.json:
        print_json(
            [
                {
                    "path": str(b.path),
                    "taken": b.taken.isoformat(),
                    "projects": b.projects,
                    "bytes": b.bytes,
                }
                for b in found
            ]
        )
        return 0
    if not found and server_backups(service):
        print(SERVER_BACKUPS)
        return 0
    if not found:
        print("No backups of this database yet: one is taken at the first change of each day.")
        return 0
    print(f"{'Taken (UTC)':<16}  {'Projects':>8}  {'Size':>8}  Backup")
    for b in found:
        print(f"{b.taken:%Y-%m-%d %H:%M}  {b.projects:>8}  {size_text(b.bytes):>8}  {b.path}")
    return 0


def _restore(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.services.backups import restore

    done = restore(service, args.backup)
    projects = done.backup.projects
    print(
        f"Restored the backup taken {done.backup.taken:%Y-%m-%d %H:%M} UTC"
        f" ({projects} project{'' if projects == 1 else 's'})."
    )
    if done.before is not None:
        print(f"The database as it was before is backed up at {done.before}.")
    return 0


def _history(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.services.history import history_json, history_text

    entries = service.history(service.resolve(args.project))
    if args.json:
        print_json(history_json(entries))
    else:
        print(history_text(entries))
    return 0


_HANDLERS = {
    "list": _list,
    "import": _import,
    "export-json": _export_json,
    "export-pdf": _export_pdf,
    "optimize": optimize,
    "compare": compare,
    "audit": audit,
    "frontier": frontier,
    "history": _history,
    "backups": _backups,
    "restore": _restore,
}
