"""Start-up of the frozen bundle against the development install; prints a Markdown table.

    bash packaging/build-linux.sh              # builds dist/scoping-app/
    uv run python -m benchmarks.startup [--repeat 5]

Each row is a whole process, started from another folder with a temporary HOME and
a database holding the example project: wall time and CPU time (user + system of
the process and its children), medians of ``--repeat`` runs after one warm-up run.
The rows run ``--version`` (the interpreter and the command line only), ``list``
(plus the database, migrations checked) and ``self-test --gui`` (everything, the
window included). ``uv run`` adds uv's own check of the environment to the venv's
entry point, which is what a developer types.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "support-assistant.scope.json"


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(command: list[str], cwd: Path, env: dict[str, str], repeat: int) -> tuple[float, float]:
    run_once(command, cwd, env)  # warm-up: the file cache, not the bytecode, is what it fills
    runs = [run_once(command, cwd, env) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "scoping-app")
    args = parser.parse_args()

    starts = {"venv entry point": [str(ROOT / ".venv" / "bin" / "scoping-app")]}
    uv = shutil.which("uv")
    if uv:
        starts["uv run"] = [uv, "run", "--project", str(ROOT), "--quiet", "scoping-app"]
    bundle = args.bundle / "scoping-app"
    if bundle.is_file():
        starts["bundle"] = [str(bundle)]
    else:
        print(f"(no bundle at {bundle}: build it with bash packaging/build-linux.sh)")

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(work / "home"),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        db = work / "bench.db"
        first = next(iter(starts.values()))
        subprocess.run([*first, "--db", str(db), "import", str(EXAMPLE)], env=env, check=True)
        commands = {
            "--version": ["--version"],
            "list": ["--db", str(db), "list"],
            "self-test --gui": ["self-test", "--gui"],
        }
        print(f"| command | {' | '.join(starts)} |")
        print(f"| --- |{' ---: |' * len(starts)}")
        for label, tail in commands.items():
            cells = []
            for start in starts.values():
                wall, cpu = measure([*start, *tail], work, env, args.repeat)
                cells.append(f"{wall:.2f} s ({cpu:.2f} s CPU)")
            print(f"| `{label}` | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
