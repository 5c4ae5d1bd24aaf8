"""Start-up against a bare PySide6 window measured in the same run; prints a Markdown table.

    uv run python -m benchmarks.startup [--repeat 5] [--bundle dist/scoping-app]

Each row is a whole process started from another folder with a temporary HOME:
CPU time (user + system) and peak memory (maximum resident set), medians of
``--repeat`` runs after one warm-up run. The baseline is benchmarks/bare_window.py
(a QMainWindow with a QLabel, shown and painted), run before and after the app's
rows; each row gives its ratio to it and its target (README, "Speed"). The window rows run
``scoping-app gui --project ID --quit-after-start``: the window shown and painted
with the project open, then closed. The package's bytecode is compiled first, as an
installer leaves it (this machine may set PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "support-assistant.scope.json"
BARE_WINDOW = Path(__file__).with_name("bare_window.py")
MIB = 1024  # ru_maxrss is in KiB on Linux


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of one run of ``command`` (which must succeed)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)  # this child's own usage, not all children's
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            said = errors.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{said}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / MIB


@dataclass(frozen=True)
class Figures:
    cpu: float  # seconds, median
    peak: float  # MiB, median


def measure(command: list[str], cwd: Path, env: dict[str, str], repeat: int) -> Figures:
    run_once(command, cwd, env)  # warm-up: the file cache, not the bytecode, is what it fills
    runs = [run_once(command, cwd, env) for _ in range(repeat)]
    return Figures(statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs))


@dataclass(frozen=True)
class Row:
    label: str
    tail: list[str]  # the arguments after the entry point
    most: float | None = None  # the target as a multiple of the bare window's CPU
    seconds: float | None = None  # or as seconds of CPU
    memory: float | None = None  # the most peak memory above the bare window's, MiB


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def compile_bytecode(python: str) -> None:
    """Compile the package as an installer does (PYTHONDONTWRITEBYTECODE would leave it not)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [python, "-m", "compileall", "-q", str(ROOT / "scoping_app")], env=env, check=True
    )


def _projects(entry: list[str], db: Path, work: Path, env: dict[str, str]) -> dict[str, Path]:
    """The example and the generated projects imported into ``db``; their files by label."""
    files = {"example": EXAMPLE}
    for size in (400, 2000):
        files[str(size)] = work / f"generated-{size}.scope.json"
        generate = [sys.executable, "-m", "benchmarks.generate", str(files[str(size)])]
        subprocess.run(
            [*generate, "--capabilities", str(size)], cwd=ROOT, check=True, capture_output=True
        )
    for path in files.values():
        subprocess.run(
            [*entry, "--db", str(db), "import", str(path)], env=env, check=True, capture_output=True
        )
    return files


def _project_ids(entry: list[str], db: Path, env: dict[str, str]) -> list[str]:
    """The ids of the projects in ``db``, in the order they were imported."""
    listed = subprocess.run(
        [*entry, "--db", str(db), "list", "--json"], env=env, check=True, capture_output=True
    )
    return [str(p["id"]) for p in sorted(json.loads(listed.stdout), key=lambda p: p["id"])]


def _rows(db: Path, ids: list[str], import_file: Path, import_db: Path) -> list[Row]:
    example, four_hundred, two_thousand = ids
    gui = ["--db", str(db), "gui", "--quit-after-start", "--project"]
    return [
        Row("`--version`", ["--version"], most=0.5),
        Row("`list`", ["--db", str(db), "list"], most=2),
        Row("window, the example open", [*gui, example], most=3, memory=100),
        Row("window, 400 capabilities open", [*gui, four_hundred], most=6),
        Row("window, 2,000 capabilities open", [*gui, two_thousand], most=10),
        Row(
            "`import`, 2,000 capabilities",
            ["--db", str(import_db), "import", str(import_file)],
            seconds=5,
        ),
    ]


def _target(row: Row) -> str:
    parts = []
    if row.most is not None:
        parts.append(f"≤ {row.most:g}x")
    if row.seconds is not None:
        parts.append(f"≤ {row.seconds:g} s")
    if row.memory is not None:
        parts.append(f"≤ +{row.memory:g} MiB")
    return ", ".join(parts)


def _meets(row: Row, figures: Figures, bare: Figures) -> bool:
    return (
        (row.most is None or figures.cpu <= row.most * bare.cpu)
        and (row.seconds is None or figures.cpu <= row.seconds)
        and (row.memory is None or figures.peak - bare.peak <= row.memory)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--bundle", type=Path, help="measure the frozen bundle in this folder instead"
    )
    args = parser.parse_args()

    python = sys.executable
    entry = [str(Path(python).with_name("scoping-app"))]
    if args.bundle is not None:
        entry = [str(args.bundle / "scoping-app")]
    else:
        compile_bytecode(python)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = _env(work / "home")
        db = work / "bench.db"
        files = _projects(entry, db, work, env)
        rows = _rows(db, _project_ids(entry, db, env), files["2000"], work / "import.db")
        bare_command = [python, str(BARE_WINDOW)]
        before = measure(bare_command, work, env, args.repeat)
        measured = [(row, measure([*entry, *row.tail], work, env, args.repeat)) for row in rows]
        after = measure(bare_command, work, env, args.repeat)
    bare = Figures((before.cpu + after.cpu) / 2, (before.peak + after.peak) / 2)

    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, medians of {args.repeat} runs")
    print()
    print("| what | target | CPU | x bare window | peak memory | met |")
    print("| --- | --- | ---: | ---: | ---: | :---: |")
    print(f"| bare PySide6 window (baseline) | | {bare.cpu:.2f} s | 1.0x | {bare.peak:.0f} MiB | |")
    for row, figures in measured:
        ratio = figures.cpu / bare.cpu
        memory = f"{figures.peak:.0f} MiB ({figures.peak - bare.peak:+.0f})"
        met = "yes" if _meets(row, figures, bare) else "**no**"
        cells = [row.label, _target(row), f"{figures.cpu:.2f} s", f"{ratio:.1f}x", memory, met]
        print(f"| {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
