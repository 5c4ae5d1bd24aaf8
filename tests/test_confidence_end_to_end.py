"""Issue 17 "Done when", through the command line as a user drives it.

The bundled example, given a team of 3 and cost drivers on its model-facing capabilities
(category "model"), is written as a format version 2 file and imported with the CLI. Its
`optimize --json` and `compare --json` give an effort range and a deadline probability,
and its PDF plan shows the derived costs, each worked out here by hand from the formulas of
docs/format.md, independently of the app's code.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from scoping_app.cli import main
from tests.conftest import EXAMPLE_FILE

NAME = "Support answer assistant"
AS_OF = "2026-12-01"
TEAM = 3

# docs/format.md: monthly cost = requests x (1 - cache hit rate) x (input tokens x input
# price + output tokens x output price) / 1,000,000 + fixed monthly.
DRIVERS: dict[str, dict[str, Any]] = {
    "answer_llm": {
        "requests_per_month": 40000,
        "input_tokens": 2000,
        "output_tokens": 300,
        "input_price_per_million": 3,
        "output_price_per_million": 15,
        "cache_hit_rate": 0.25,
        "fixed_monthly": 150,
    },
    "small_model": {
        "requests_per_month": 40000,
        "input_tokens": 800,
        "output_tokens": 50,
        "input_price_per_million": 0.15,
        "output_price_per_million": 0.6,
        "fixed_monthly": 1200,
    },
}
# Worked by hand: 40,000 x 0.75 x (2,000 x 3 + 300 x 15) / 1,000,000 + 150 = 315 + 150;
# 40,000 x 1 x (800 x 0.15 + 50 x 0.60) / 1,000,000 + 1,200 = 6 + 1,200.
BY_HAND = {"answer_llm": Fraction(465), "small_model": Fraction(1206)}
LATENCY = {"calls_per_interaction": 2, "p95_per_call_ms": 800}  # 2 x 800 = 1,600 ms


def _by_formula(drivers: dict[str, Any]) -> Fraction:
    def f(name: str, default: int = 0) -> Fraction:
        return Fraction(str(drivers.get(name, default)))

    per_request = f("input_tokens") * f("input_price_per_million") + f("output_tokens") * f(
        "output_price_per_million"
    )
    calls = f("requests_per_month") * (1 - f("cache_hit_rate"))
    return calls * per_request / 1_000_000 + f("fixed_monthly")


def test_the_hand_figures_follow_the_documented_formula() -> None:
    assert {key: _by_formula(drivers) for key, drivers in DRIVERS.items()} == BY_HAND


def _document() -> dict[str, Any]:
    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    document["format_version"] = 2
    document["project"]["team_size"] = TEAM
    models = [c for c in document["capabilities"] if c.get("category") == "model"]
    assert sorted(c["key"] for c in models) == sorted(DRIVERS)
    for capability in models:
        capability["cost_model"] = DRIVERS[capability["key"]]
        capability["monthly_cost"] = 0  # recomputed on import from the drivers
    answer = next(c for c in models if c["key"] == "answer_llm")
    answer["latency_model"] = LATENCY
    return document


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("done-when")
    document = _document()
    path = folder / "drivers.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    db = str(folder / "scoping.db")
    assert main(["--db", db, "import", str(path)]) == 0
    return db, document


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def _working_days(start: date, end: date) -> int:
    return sum((start + timedelta(days=n)).weekday() < 5 for n in range((end - start).days + 1))


class _Paper:
    """The example's figures on paper: costs by hand, and the bounds no draw can leave."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.caps = {c["key"]: c for c in document["capabilities"]}
        self.deadline = date.fromisoformat(document["project"]["deadline"])

    def cost(self, keys: list[str]) -> Fraction:
        return sum(
            (BY_HAND.get(k, Fraction(str(self.caps[k].get("monthly_cost", 0)))) for k in keys),
            Fraction(0),
        )

    def _point(self, key: str, which: str) -> Fraction:
        return Fraction(str(self.caps[key]["effort"][which]))

    def _path(self, keys: list[str], which: str) -> Fraction:
        done: dict[str, Fraction] = {}

        def end(key: str) -> Fraction:
            if key not in done:
                before = [end(r) for r in self.caps[key].get("requires", []) if r in keys]
                done[key] = self._point(key, which) + max(before, default=Fraction(0))
            return done[key]

        return max((end(k) for k in keys), default=Fraction(0))

    def bounds(self, keys: list[str]) -> tuple[Fraction, Fraction, Fraction, Fraction]:
        """Effort between the optimistic and pessimistic sums; with a team of 3, a duration
        between max(path, effort / 3) with every optimistic and every pessimistic estimate."""
        low = sum((self._point(k, "optimistic") for k in keys), Fraction(0))
        high = sum((self._point(k, "pessimistic") for k in keys), Fraction(0))
        shortest = max(self._path(keys, "optimistic"), low / TEAM)
        longest = max(self._path(keys, "pessimistic"), high / TEAM)
        return low, high, shortest, longest


def _check_confidence(got: dict[str, Any], paper: _Paper, keys: list[str], day: date) -> None:
    low, high, shortest, longest = paper.bounds(keys)
    effort = list(got["effort"].values())
    duration = list(got["duration"].values())
    assert effort == sorted(effort) and duration == sorted(duration)
    assert float(low) - 0.005 <= effort[0] and effort[-1] <= float(high) + 0.005
    assert float(shortest) - 0.005 <= duration[0] and duration[-1] <= float(longest) + 0.005
    available = _working_days(day, paper.deadline)
    if longest <= available:
        assert got["deadline_probability"] == 1.0
    elif shortest > available:
        assert got["deadline_probability"] == 0.0
    else:
        assert 0 < got["deadline_probability"] < 1


def _asked(
    imported: tuple[str, dict[str, Any]], capsys: pytest.CaptureFixture[str], command: str
) -> tuple[str, _Paper, Any]:
    """The database, the paper figures and the JSON of ``command`` as on AS_OF."""
    db, document = imported
    return (
        db,
        _Paper(document),
        _json(capsys, "--db", db, command, NAME, "--json", "--as-of", AS_OF),
    )


def test_optimize_gives_an_effort_range_a_deadline_probability_and_derived_costs(
    imported: tuple[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, paper, data = _asked(imported, capsys, "optimize")
    keys = data["capabilities"]
    assert "answer_llm" in keys
    assert Fraction(str(data["monthly_cost"])) == paper.cost(keys)
    _check_confidence(data["confidence"], paper, keys, date.fromisoformat(AS_OF))
    assert data["confidence"]["deadline_probability"] == 1.0  # 108 working days are plenty
    # Four working days before the deadline, nothing this size can be done: a chance of 0.
    late = _json(capsys, "--db", db, "optimize", NAME, "--json", "--as-of", "2027-04-27")
    assert _working_days(date(2027, 4, 27), paper.deadline) == 4
    _check_confidence(late["confidence"], paper, keys, date(2027, 4, 27))
    assert late["confidence"]["deadline_probability"] == 0.0


def test_compare_gives_each_slice_its_range_odds_and_derived_costs(
    imported: tuple[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    _db, paper, data = _asked(imported, capsys, "compare")
    assert len(data["slices"]) == 3
    for entry in data["slices"]:
        assert Fraction(str(entry["monthly_cost"])) == paper.cost(entry["closure"])
        _check_confidence(entry["confidence"], paper, entry["closure"], date(2026, 12, 1))
    everything = data["slices"][-1]
    assert {"answer_llm", "small_model"} <= set(everything["closure"])


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_shows_the_range_the_odds_and_the_costs_worked_out(
    imported: tuple[str, dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, paper, optimized = _asked(imported, capsys, "optimize")
    target = tmp_path / "plan.pdf"
    assert main(["--db", db, "export-pdf", NAME, str(target), "--as-of", AS_OF]) == 0
    pages = [_squeeze(page.extract_text() or "") for page in PdfReader(target).pages]
    brief, everything = pages[1], "".join(pages)
    effort_p80 = optimized["confidence"]["effort"]["p80"]
    duration_p80 = optimized["confidence"]["duration"]["p80"]
    scope_cost = paper.cost(optimized["capabilities"])
    for shown in (
        f"80% sure: within {effort_p80:.1f} person-days",
        f"80% sure: within {duration_p80:.1f} working days with a team of {TEAM}",
        "100% chance of meeting the deadline, work starting on 1 December 2026",
        f"EUR {int(scope_cost):,} a month",  # the recommended scope's running cost
    ):
        assert _squeeze(shown) in brief, shown
    for shown in (
        "40,000 requests x (1 - 0.25) x (2,000 tokens x EUR 3.00 + 300 tokens x EUR 15.00)"
        " / 1,000,000 + EUR 150.00 = EUR 465.00 a month",
        "40,000 requests x (1 - 0.00) x (800 tokens x EUR 0.15 + 50 tokens x EUR 0.60)"
        " / 1,000,000 + EUR 1,200.00 = EUR 1,206.00 a month",
        "Latency: 2 calls x 800 ms = 1,600 ms",
    ):
        assert _squeeze(shown) in everything, shown


def test_an_old_file_imports_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled example is format version 1: its typed costs stay, and it has no team."""
    db = str(tmp_path / "old.db")
    assert json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))["format_version"] == 1
    assert main(["--db", db, "import", str(EXAMPLE_FILE)]) == 0
    data = _json(capsys, "--db", db, "optimize", NAME, "--json", "--as-of", AS_OF)
    assert data["monthly_cost"] == 3140
    exported = tmp_path / "back.scope.json"
    assert main(["--db", db, "export-json", NAME, str(exported)]) == 0
    written = json.loads(exported.read_text(encoding="utf-8"))
    assert "team_size" not in written["project"]
    assert not any("cost_model" in c for c in written["capabilities"])
