"""`optimize --json` and `compare --json` against an independent reading of the docs.

The reference (tests/spec_reference.py) is written from docs/format.md "Derived figures"
(with the readings recorded there) and docs/cli.md "JSON output" only; it computes with
exact fractions and finds the smallest viable scope by enumerating every closed set. Random
projects (seeded, so the run is always the same) are written as *.scope.json files, imported
through the CLI into one database (SQLite, then PostgreSQL when the tests have a server) and
asked for both outputs; every field, its JSON type, the key order and the exit code are
checked.
A few hand-made projects pin the cases that matter most (ties on paper, budgets of 0).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from scoping_app.cli import main
from tests.databases import KINDS, fresh_database
from tests.spec_reference import (
    COMPARE_JSON_KEYS,
    CONFIDENCE_JSON_KEYS,
    OPTIMIZE_JSON_KEYS,
    PERCENTILE_JSON_KEYS,
    SLICE_JSON_KEYS,
    Figures,
    Model,
    Optimum,
    random_project,
)

SEED = 20261126
RANDOM_PROJECTS = 145
REL = 1e-9

Case = tuple[dict[str, Any], dict[float, Fraction]]


def _doc(name: str, caps: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    project = {"name": name, **extra.pop("project", {})}
    return {
        "format": "ai-scoping-project",
        "format_version": 1,
        "project": project,
        "capabilities": caps,
        **extra,
    }


def _cap(key: str, effort: Any, **fields: Any) -> dict[str, Any]:
    return {"key": key, "name": f"Capability {key}", "effort": effort, **fields}


SIXTH, TWO_THIRDS, FIVE_SIXTHS = 1 / 6, 2 / 3, 5 / 6
PAPER = {SIXTH: Fraction(1, 6), TWO_THIRDS: Fraction(2, 3), FIVE_SIXTHS: Fraction(5, 6)}
MUST_M = [{"key": "m", "name": "Grounded answers", "must": True}]


def handmade() -> list[Case]:
    """Projects that pin the readings a random draw may only brush against."""
    cases: list[Case] = []
    # 1/6 + 2/3 and 5/6 are one effort on paper (in floating point 5/6 is one bit more):
    # the single capability wins on "fewer capabilities".
    cases.append(
        (
            _doc(
                "Hand sixths fewer",
                [
                    _cap("solo", FIVE_SIXTHS, delivers=["m"]),
                    _cap("base", TWO_THIRDS),
                    _cap("top", SIXTH, requires=["base"], delivers=["m"]),
                ],
                metrics=MUST_M,
                slices=[{"key": "pair", "name": "Pair", "capabilities": ["top", "base"]}],
            ),
            PAPER,
        )
    )
    # Same effort on paper and the same count: more value wins, then the smaller key list.
    cases.append(
        (
            _doc(
                "Hand sixths value",
                [
                    _cap("a", {"likely": FIVE_SIXTHS}, value=1, delivers=["m"], requires=["d"]),
                    _cap("b", {"optimistic": SIXTH, "likely": SIXTH, "pessimistic": SIXTH}),
                    _cap("c", TWO_THIRDS, value=2, delivers=["m"], requires=["b"]),
                    _cap("d", 0),
                    _cap("e", FIVE_SIXTHS, value=1, delivers=["m"], requires=["d"]),
                ],
                metrics=MUST_M,
            ),
            PAPER,
        )
    )
    # A full tie goes to the alphabetically smallest sorted key list ("-" sorts before "_").
    cases.append(
        (
            _doc(
                "Hand key tie",
                [
                    _cap("a_1", 2, value=1, delivers=["m"]),
                    _cap("z", 1, value=0, mitigates=["r"]),
                    _cap("a-1", 2, value=1, delivers=["m"]),
                ],
                metrics=MUST_M,
                risks=[{"key": "r", "story": "It failed.", "likelihood": 3, "impact": 5}],
            ),
            {},
        )
    )
    # Whole lists are compared, first keys first: ["a", "z"] before ["b", "c"].
    cases.append(
        (
            _doc(
                "Hand key list tie",
                [
                    _cap("z", 1),
                    _cap("b", 1, requires=["c"], delivers=["m"]),
                    _cap("a", 1, requires=["z"], delivers=["m"]),
                    _cap("c", 1),
                ],
                metrics=MUST_M,
            ),
            {},
        )
    )
    # A monthly budget of 0 is set; a value target of 0 is set and always met.
    cases.append(
        (
            _doc(
                "Hand zero budget",
                [
                    _cap("paid", 1, monthly_cost=10, mandatory=True),
                    _cap("free", 1, value=3),
                ],
                project={"monthly_budget": 0, "value_target": 0, "latency_budget_ms": 5},
                slices=[{"key": "none", "name": "Nothing", "capabilities": []}],
            ),
            {},
        )
    )
    cases.append(
        (
            _doc(
                "Hand zero budget met",
                [_cap("free", {"likely": 1, "pessimistic": 4}, value=3, latency_ms=5)],
                project={"monthly_budget": 0, "value_target": 0, "latency_budget_ms": 5},
            ),
            {},
        )
    )
    # No capability at all: viable when nothing is asked, not when a metric is a must.
    cases.append((_doc("Hand empty viable", [], project={"value_target": 0}), {}))
    cases.append((_doc("Hand empty infeasible", [], metrics=MUST_M), {}))
    # Several conditions each impossible, and a severe risk that is accepted (not severe).
    cases.append(
        (
            _doc(
                "Hand many violations",
                [
                    _cap("x", 3, latency_ms=100, monthly_cost=50, mandatory=True, value=1),
                    _cap("y", 2, requires=["x"], mitigates=["r_acc"]),
                ],
                metrics=MUST_M,
                project={"latency_budget_ms": 50, "monthly_budget": 10, "value_target": 5},
                risks=[
                    {"key": "r_open", "story": "It failed.", "likelihood": 5, "impact": 3},
                    {
                        "key": "r_acc",
                        "story": "It failed.",
                        "likelihood": 5,
                        "impact": 5,
                        "status": "accepted",
                    },
                ],
                slices=[{"key": "all", "name": "All", "capabilities": ["y", "x"]}],
            ),
            {},
        )
    )
    return cases


def random_cases() -> list[Case]:
    rng = random.Random(SEED)
    return [random_project(rng, i) for i in range(RANDOM_PROJECTS)]


CASES: list[Case] = handmade() + random_cases()
IDS = [doc["project"]["name"].split(" — ")[0] for doc, _ in CASES]
# On PostgreSQL each command pays a connection and a look at the schema (a few times what
# SQLite costs), so there the hand-made projects and every fifth random one are run.
POSTGRESQL_EVERY = 5


def on_databases() -> list[Any]:
    """(database kind, case) for the spec test: every case on SQLite, a fixed share on
    PostgreSQL when the tests have a server."""
    return [
        pytest.param(kind, case, id=f"{kind}-{name}")
        for kind in KINDS
        for index, (case, name) in enumerate(zip(CASES, IDS, strict=True))
        if kind == "sqlite" or index < len(handmade()) or index % POSTGRESQL_EVERY == 0
    ]


_OPTIMA: dict[str, Optimum] = {}


def optimum_of(model: Model) -> Optimum:
    """The reference's smallest viable scope, worked out once per project."""
    if model.name not in _OPTIMA:
        _OPTIMA[model.name] = model.optimum()
    return _OPTIMA[model.name]


# --- running the CLI ----------------------------------------------------------------------


@pytest.fixture(scope="module", params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    """The kind of database the module's CLI runs use: "sqlite" or "postgresql"."""
    return str(request.param)


@pytest.fixture(scope="module")
def db(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database for the whole module: every project has its own name."""
    with fresh_database(kind, tmp_path_factory.mktemp("cli-spec") / "spec.db") as url:
        yield url


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str]:
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    assert err == "", err
    return code, out


def write_file(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    return write_file(tmp_path / "project.scope.json", doc)


def outputs(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, doc: dict[str, Any]
) -> tuple[str, str, str]:
    """Import the project, then return the raw `optimize --json`, `compare --json` and
    `frontier --json` outputs."""
    name = doc["project"]["name"]
    code, out = run(capsys, db, "import", str(write(tmp_path, doc)))
    assert (code, out.strip()) == (0, name)
    code, optimized = run(capsys, db, "optimize", name, "--json")
    assert code == 0
    code, compared = run(capsys, db, "compare", name, "--json")
    assert code == 0
    code, frontier = run(capsys, db, "frontier", name, "--json")
    assert code == 0
    return optimized, compared, frontier


# --- checking -----------------------------------------------------------------------------


def same_float(got: Any, want: Fraction) -> bool:
    """effort and duration: always a float, equal to the paper value within REL."""
    return isinstance(got, float) and math.isclose(got, float(want), rel_tol=REL, abs_tol=1e-12)


def same_number(got: Any, want: Fraction) -> bool:
    """value, latency and cost: a whole number written as an int, otherwise a float."""
    if isinstance(got, bool):
        return False
    if want.denominator == 1:
        return isinstance(got, int) and got == want
    return isinstance(got, float) and math.isclose(got, float(want), rel_tol=REL)


def check_figures(where: str, got: dict[str, Any], want: Figures) -> None:
    assert same_float(got["effort"], want.effort), (where, "effort", got["effort"], want.effort)
    assert same_float(got["duration"], want.duration), (
        where,
        "duration",
        got["duration"],
        want.duration,
    )
    for name in ("value", "latency_ms", "monthly_cost"):
        assert same_number(got[name], getattr(want, name)), (
            where,
            name,
            got[name],
            getattr(want, name),
        )
    assert got["metrics_covered"] == list(want.metrics_covered), where


def near(got: float, want: Fraction) -> bool:
    """docs/cli.md: confidence days are rounded to 2 decimals."""
    return abs(got - float(want)) <= 0.005 + 1e-9


def check_confidence(where: str, got: dict[str, Any], model: Model, want: Figures) -> None:
    """docs/format.md "Confidence": percentiles in order, every draw between the optimistic
    and the pessimistic estimates; fixed estimates give the figures themselves; a deadline
    probability only with a deadline (the random projects have no team size)."""
    confidence = got["confidence"]
    assert list(confidence) == CONFIDENCE_JSON_KEYS, where
    caps = [model.caps[k] for k in want.closure]
    bounds = {
        "effort": (
            sum((c.low for c in caps), Fraction(0)),
            sum((c.high for c in caps), Fraction(0)),
        ),
        "duration": model.path_bounds(want.closure),
    }
    fixed = all(c.low == c.high for c in caps)
    for part, exact in (("effort", want.effort), ("duration", want.duration)):
        shown = confidence[part]
        assert list(shown) == PERCENTILE_JSON_KEYS, where
        values = list(shown.values())
        assert all(isinstance(v, float) for v in values), (where, part, values)
        assert values == sorted(values), (where, part, values)
        low, high = bounds[part]
        assert near(values[0], low) or values[0] > low, (where, part, values, low)
        assert near(values[-1], high) or values[-1] < high, (where, part, values, high)
        if fixed:
            assert all(near(v, exact) for v in values), (where, part, values, exact)
    chance = confidence["deadline_probability"]
    if model.deadline is None:
        assert chance is None, where
    else:
        assert isinstance(chance, float) and 0 <= chance <= 1, (where, chance)


def check_sentences(where: str, sentences: Any) -> None:
    assert isinstance(sentences, list), where
    assert all(isinstance(s, str) and s.strip() for s in sentences), (where, sentences)


def concerned(model: Model, figures: Figures, condition: int) -> list[tuple[str, ...]]:
    """What a violation sentence names: for each item, the words that may name it."""
    if condition == 1:
        missing = [k for k in model.mandatory if k not in figures.closure]
        return [(k, model.caps[k].name) for k in missing]
    if condition == 2:
        missing = [k for k in model.must if k not in figures.metrics_covered]
        return [(k, model.metrics[k]["name"]) for k in missing]
    if condition == 6:
        # a risk is named by its story (its start: long stories are shortened), never its key
        return [(model.stories[k].rstrip(" .")[:40],) for k in figures.severe_risks_open]
    return []


def check_optimize(data: dict[str, Any], model: Model) -> None:
    assert list(data) == OPTIMIZE_JSON_KEYS
    assert data["project"] == model.name
    optimum = optimum_of(model)
    where = f"optimize {model.name}"
    check_sentences(where, data["reasons"])
    if optimum.best is None:
        assert data["viable"] is False, where
        assert data["capabilities"] == [], where
        # docs/format.md: never empty; the conditions impossible on their own, then the smallest
        # combinations that cannot be met together: one sentence for each minimal conflict
        # (a must metric or a severe risk counts on its own, as the app names them one by one).
        assert len(data["reasons"]) == len(optimum.conflicts) > 0, (
            where,
            data["reasons"],
            [sorted(c) for c in optimum.conflicts],
        )
        check_figures(where, data, optimum.empty)  # docs/cli.md: the figures of the empty set
        check_confidence(where, data, model, optimum.empty)
    else:
        assert data["viable"] is True, where
        assert data["capabilities"] == list(optimum.best.closure), (
            where,
            data["capabilities"],
            optimum.best.closure,
        )
        assert data["reasons"] == [], where
        check_figures(where, data, optimum.best)
        check_confidence(where, data, model, optimum.best)


def check_compare(data: dict[str, Any], model: Model) -> None:
    assert list(data) == COMPARE_JSON_KEYS
    assert data["project"] == model.name
    assert [s["key"] for s in data["slices"]] == [s["key"] for s in model.slices]
    for got, item in zip(data["slices"], model.slices, strict=True):
        where = f"compare {model.name} / {item['key']}"
        assert list(got) == SLICE_JSON_KEYS, where
        assert got["name"] == item["name"], where
        want = model.figures(set(item["capabilities"]))
        assert got["closure"] == list(want.closure), (where, got["closure"], want.closure)
        check_figures(where, got, want)
        check_confidence(where, got, model, want)
        assert got["severe_risks_open"] == list(want.severe_risks_open), where
        assert got["viable"] is want.viable, (where, got["violations"], want.failed)
        check_sentences(where, got["violations"])
        # docs/format.md: one sentence per failed condition, in order, naming what fails.
        assert len(got["violations"]) == len(want.failed), (
            where,
            got["violations"],
            want.failed,
        )
        for sentence, condition in zip(got["violations"], want.failed, strict=True):
            for words in concerned(model, want, condition):
                assert any(w in sentence for w in words), (where, sentence, words)


def check_frontier(data: dict[str, Any], model: Model) -> None:
    """The same points as the brute force, each a set that reaches its point and meets every
    condition but the value target (several sets may reach one point: any will do)."""
    where = f"frontier {model.name}"
    assert list(data) == ["points"], where
    want = model.frontier()
    got = data["points"]
    assert len(got) == len(want), (where, got, [(w.effort, w.value) for w in want])
    for point, expected in zip(got, want, strict=True):
        assert list(point) == ["effort", "value", "capabilities"], where
        assert same_float(point["effort"], expected.effort), (where, point, expected.effort)
        assert same_number(point["value"], expected.value), (where, point, expected.value)
        figures = model.figures(set(point["capabilities"]))
        assert point["capabilities"] == list(figures.closure), (where, "closed and sorted")
        assert (figures.effort, figures.value) == (expected.effort, expected.value), where
        assert set(figures.failed) <= {5}, (where, point, figures.failed)


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.usefixtures("installed_runs")  # start the installed program's runs early
@pytest.mark.parametrize(("kind", "case"), on_databases(), indirect=["kind"], scope="module")
def test_optimize_compare_and_frontier_follow_the_spec(
    kind: str, case: Case, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, exact = case
    optimized, compared, frontier = outputs(capsys, db, tmp_path, doc)
    model = Model(doc, exact)
    check_optimize(json.loads(optimized), model)
    check_compare(json.loads(compared), model)
    check_frontier(json.loads(frontier), model)


def test_handmade_answers_are_the_expected_ones() -> None:
    """The reference itself, on the hand-made projects worked out on paper."""
    answers = {doc["project"]["name"]: Model(doc, exact).optimum() for doc, exact in handmade()}

    def scope(name: str) -> tuple[str, ...] | None:
        best = answers[name].best
        return None if best is None else best.closure

    assert scope("Hand sixths fewer") == ("solo",)
    assert scope("Hand sixths value") == ("b", "c")
    assert scope("Hand key tie") == ("a-1", "z")
    assert scope("Hand key list tie") == ("a", "z")
    assert scope("Hand zero budget") is None
    assert scope("Hand zero budget met") == ()
    assert scope("Hand empty viable") == ()
    assert scope("Hand empty infeasible") is None
    assert scope("Hand many violations") is None
    assert answers["Hand many violations"].impossible_alone == (2, 5, 6)
    assert set(answers["Hand many violations"].conflicts) == {
        frozenset({"metric:m"}),
        frozenset({"value"}),
        frozenset({"risk:r_open"}),
        frozenset({"mandatory", "latency"}),
        frozenset({"mandatory", "cost"}),
    }


def test_the_random_projects_cover_what_matters() -> None:
    """Enough infeasible projects, ties of every kind, budgets of 0, odd slices and efforts."""
    models = [Model(doc, exact) for doc, exact in CASES[len(handmade()) :]]
    optima = [optimum_of(m) for m in models]
    n = len(models)
    infeasible = sum(o.best is None for o in optima)
    effort_ties = sum(o.tied_on_effort > 1 for o in optima)
    key_ties = sum(o.tied_to_keys > 1 for o in optima)
    nonempty = sum(o.best is not None and len(o.best.closure) > 0 for o in optima)
    assert infeasible >= 0.3 * n and nonempty >= 0.3 * n, (infeasible, nonempty)
    assert effort_ties >= 0.12 * n and key_ties >= 0.08 * n, (effort_ties, key_ties)
    docs = [doc for doc, _ in CASES]
    assert sum(d["project"].get("monthly_budget") == 0 for d in docs) >= 5
    assert sum(d["project"].get("value_target") == 0 for d in docs) >= 5
    assert sum(any(not s["capabilities"] for s in d.get("slices", [])) for d in docs) >= 10
    assert sum(len(d.get("slices", [])) == 0 for d in docs) >= 10
    assert sum(len(d["capabilities"]) == 9 for d in docs) >= 10
    pulled_in = 0  # slices that name a capability another of their picks already requires
    for m in models:
        for item in m.slices:
            required = {r for k in item["capabilities"] for r in m.closure({k}) - {k}}
            pulled_in += bool(required & set(item["capabilities"]))
    assert pulled_in >= 10, pulled_in
    efforts = [c["effort"] for d in docs for c in d["capabilities"]]
    three_point = [e for e in efforts if isinstance(e, dict)]
    assert sum("optimistic" not in e or "pessimistic" not in e for e in three_point) >= 10
    assert sum(isinstance(e, float) for e in efforts) >= 20  # thirds, sixths, halves
    frontiers = [m.frontier() for m in models]
    # no frontier at all (nothing meets the budgets and conditions), points below the value
    # target, and frontiers of several points
    assert sum(not f for f in frontiers) >= 0.1 * n, sum(not f for f in frontiers)
    below = sum(
        m.value_target is not None and any(p.value < m.value_target for p in f)
        for m, f in zip(models, frontiers, strict=True)
    )
    assert below >= 0.1 * n and sum(len(f) >= 3 for f in frontiers) >= 0.2 * n, below
    reasons = [c for o in optima for c in o.conflicts]
    assert sum(len(c) >= 2 for c in reasons) >= 20  # combinations, not only single conditions


def test_named_slices_are_compared_alone(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compare PROJECT SLICE ...` by key and by name gives those slices' figures."""
    checked = 0
    for doc, exact in CASES[len(handmade()) :]:
        if len(doc.get("slices", [])) < 2 or checked >= 3:
            continue
        checked += 1
        name = doc["project"]["name"] + " (named slices)"
        renamed = {**doc, "project": {**doc["project"], "name": name}}
        first, last = renamed["slices"][0], renamed["slices"][-1]
        code, out = run(capsys, db, "import", str(write(tmp_path, renamed)))
        assert (code, out.strip()) == (0, name)
        code, out = run(capsys, db, "compare", name, last["name"], first["key"], "--json")
        assert code == 0
        data = json.loads(out)
        assert sorted(s["key"] for s in data["slices"]) == sorted([first["key"], last["key"]])
        model = Model(renamed, exact)
        model.slices = [s for s in model.slices if s["key"] in {first["key"], last["key"]}]
        data["slices"].sort(key=lambda s: [s2["key"] for s2 in model.slices].index(s["key"]))
        check_compare(data, model)
    assert checked == 3


def _installed_program() -> list[str]:
    script = Path(sys.executable).with_name("scoping-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scoping_app.cli"]


def _subprocess_cases() -> list[Case]:
    """Two random projects with slices: one where nothing is viable, one with a full tie."""
    randoms = [(c, optimum_of(Model(*c))) for c in CASES[len(handmade()) :]]
    with_slices = [(c, o) for c, o in randoms if len(c[0].get("slices", [])) >= 2]
    infeasible = next(c for c, o in with_slices if o.best is None)
    tied = next(c for c, o in with_slices if o.best is not None and o.tied_to_keys > 1)
    return [infeasible, tied]


Ran = tuple[list[str], int, str, str]  # arguments, exit code, standard output, standard error


def _run_installed(program: list[str], db: str, calls: list[list[str]], env: Any) -> list[Ran]:
    ran: list[Ran] = []
    for args in calls:
        done = subprocess.run(
            [*program, "--db", db, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=300,
            check=False,
        )
        ran.append((args, done.returncode, done.stdout, done.stderr))
    return ran


@pytest.fixture(scope="module")
def installed_runs(
    kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Future[list[Ran]]]]:
    """The installed `scoping-app`, run in its own processes on two imported projects.

    Every process pays the program's whole start-up (seconds), so the three runs start as
    soon as the module's first test needs this fixture and go on in a thread while the
    in-process checks use the other core; the last test collects them.
    """
    folder = tmp_path_factory.mktemp("installed")
    with fresh_database(kind, folder / "installed.db") as db:
        calls: list[list[str]] = []
        for index, (doc, _) in enumerate(_subprocess_cases()):
            path = write_file(folder / f"p{index}.scope.json", doc)
            with contextlib.redirect_stdout(io.StringIO()) as out:
                code = main(["--db", db, "import", str(path)])
            assert (code, out.getvalue().strip()) == (0, doc["project"]["name"])
            calls.append(["optimize", doc["project"]["name"], "--json"])
            if index == 0:
                calls.append(["compare", doc["project"]["name"], "--json"])
        env = dict(os.environ)
        # Byte-code in a private folder: later processes need not compile everything again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        with ThreadPoolExecutor(max_workers=1) as pool:
            yield db, pool.submit(_run_installed, _installed_program(), db, calls, env)


def test_the_installed_program_gives_the_same_json(
    installed_runs: tuple[str, Future[list[Ran]]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The `scoping-app` entry point, in its own process, agrees with the in-process CLI."""
    db, future = installed_runs
    ran = future.result(timeout=600)
    assert len(ran) == 3
    models = {doc["project"]["name"]: Model(doc, exact) for doc, exact in _subprocess_cases()}
    for args, code, out, err in ran:
        assert (code, err) == (0, ""), (args, err)
        in_process = run(capsys, db, *args)
        assert in_process == (0, out), args
        check = check_optimize if args[0] == "optimize" else check_compare
        check(json.loads(out), models[args[1]])
