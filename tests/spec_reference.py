"""An independent reading of docs/format.md "Derived figures", for cross-checking the CLI.

Written from the documentation only (docs/format.md, with the readings recorded there, and
docs/cli.md); it shares no code with ``scoping_app.analysis``. It works on the plain
``*.scope.json`` document and computes with exact fractions, so "equal on paper" is exact
equality here. The smallest viable scope and the efficient frontier are found by enumerating
every subset of the capabilities and keeping the closed ones: fine for the handful of
capabilities the random projects hold.

It also generates the random projects those checks run on.
"""

from __future__ import annotations

import copy
import itertools
import json
import random
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

SEVERE = 15  # likelihood x impact at or above which an open risk is severe

# --- the documentation, read as data -------------------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs"
_HEADING = re.compile(r"^(#{1,6}) +(.+?) *$")
_FENCE = re.compile(r"^ *(```|~~~)")


def docs_section(page: str, heading: str) -> str:
    """The text of docs/``page`` under the heading titled ``heading`` (Markdown as written).

    The section runs to the next heading of the same or a higher level; lines inside
    fenced code blocks are never taken for headings. A missing heading fails loudly.
    """
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    start: int | None = None
    level = 0
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        found = None if fenced else _HEADING.match(line)
        if found is None:
            continue
        depth = len(found.group(1))
        if start is None:
            if found.group(2) == heading:
                start, level = number + 1, depth
        elif depth <= level:
            return "\n".join(lines[start:number])
    if start is None:
        raise LookupError(f"docs/{page} has no heading {heading!r}")
    return "\n".join(lines[start:])


def docs_json_examples(heading: str, page: str = "cli.md") -> list[Any]:
    """Every ```json block of the section ``heading`` of docs/``page``, parsed, in order."""
    blocks = re.findall(r"^```json\n(.*?)^```", docs_section(page, heading), re.M | re.S)
    return [json.loads(block) for block in blocks]


# docs/cli.md "JSON output": the fields of optimize --json, compare --json and of each
# compared slice, in the order they are written. They are read from the examples there, so
# the documentation is their one source (tests/test_docs.py holds the examples to the CLI).
OPTIMIZE_JSON_KEYS: list[str] = list(docs_json_examples("`optimize --json`")[0])
_COMPARE_EXAMPLE: dict[str, Any] = docs_json_examples("`compare --json`")[0]
COMPARE_JSON_KEYS: list[str] = list(_COMPARE_EXAMPLE)
SLICE_JSON_KEYS: list[str] = list(_COMPARE_EXAMPLE["slices"][0])
CONFIDENCE_JSON_KEYS: list[str] = list(_COMPARE_EXAMPLE["slices"][0]["confidence"])
PERCENTILE_JSON_KEYS: list[str] = list(_COMPARE_EXAMPLE["slices"][0]["confidence"]["effort"])


@dataclass(frozen=True)
class Cap:
    """One capability, as the figures see it."""

    key: str
    name: str
    effort: Fraction  # expected (PERT) effort
    value: Fraction
    latency_ms: Fraction
    monthly_cost: Fraction
    mandatory: bool
    requires: tuple[str, ...]
    delivers: tuple[str, ...]
    mitigates: tuple[str, ...]
    low: Fraction  # the optimistic estimate: no draw takes less
    high: Fraction  # the pessimistic estimate: no draw takes more


@dataclass(frozen=True)
class Figures:
    """The derived figures of one set of capabilities."""

    closure: tuple[str, ...]  # sorted keys
    effort: Fraction
    duration: Fraction
    value: Fraction
    latency_ms: Fraction
    monthly_cost: Fraction
    metrics_covered: tuple[str, ...]
    severe_risks_open: tuple[str, ...]  # severe risks not mitigated, sorted keys
    failed: tuple[int, ...]  # the viability conditions (1..6) that fail

    @property
    def viable(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class Optimum:
    """The smallest viable scope, or None when nothing is viable."""

    best: Figures | None
    empty: Figures  # the figures of the empty set
    closed_sets: int
    viable_sets: int
    tied_on_effort: int = 0  # viable sets of the least effort (1 when no tie)
    tied_to_keys: int = 0  # viable sets equal on effort, count and value (1 when no tie)
    impossible_alone: tuple[int, ...] = field(default=())
    # When nothing is viable: the inclusion-minimal sets of requirements that no closed set
    # meets together. A requirement is "mandatory", "latency", "cost", "value", or one must
    # metric ("metric:KEY") or one severe risk ("risk:KEY").
    conflicts: tuple[frozenset[str], ...] = field(default=())


def _num(value: Any) -> Fraction:
    """A JSON number as an exact fraction (the document keeps paper values; see ``exact``)."""
    if isinstance(value, Fraction):
        return value
    return Fraction(value)


class Model:
    """A project document read for its figures. ``exact`` maps float values to paper values."""

    def __init__(self, doc: dict[str, Any], exact: dict[float, Fraction] | None = None) -> None:
        self.exact = exact or {}
        project = doc["project"]
        self.name: str = project["name"]
        self.latency_budget = self._opt(project.get("latency_budget_ms"))
        self.monthly_budget = self._opt(project.get("monthly_budget"))
        self.value_target = self._opt(project.get("value_target"))
        self.deadline: str | None = project.get("deadline")
        self.caps: dict[str, Cap] = {}
        for item in doc.get("capabilities") or []:
            self.caps[item["key"]] = Cap(
                key=item["key"],
                name=item["name"],
                effort=self._expected(item.get("effort", 0)),
                low=self._bounds(item.get("effort", 0))[0],
                high=self._bounds(item.get("effort", 0))[1],
                value=self._n(item.get("value", 0)),
                latency_ms=self._n(item.get("latency_ms", 0)),
                monthly_cost=self._n(item.get("monthly_cost", 0)),
                mandatory=bool(item.get("mandatory", False)),
                requires=tuple(item.get("requires") or ()),
                delivers=tuple(item.get("delivers") or ()),
                mitigates=tuple(item.get("mitigates") or ()),
            )
        self.metrics = {m["key"]: m for m in doc.get("metrics") or []}
        self.must = sorted(k for k, m in self.metrics.items() if m.get("must", False))
        self.severe = sorted(
            r["key"]
            for r in doc.get("risks") or []
            if r.get("status", "open") == "open"
            and r.get("likelihood", 3) * r.get("impact", 3) >= SEVERE
        )
        self.stories = {r["key"]: r["story"] for r in doc.get("risks") or []}
        self.mandatory = sorted(k for k, c in self.caps.items() if c.mandatory)
        self.slices: list[dict[str, Any]] = list(doc.get("slices") or [])

    def _n(self, value: Any) -> Fraction:
        if isinstance(value, float) and value in self.exact:
            return self.exact[value]
        return _num(value)

    def _opt(self, value: Any) -> Fraction | None:
        return None if value is None else self._n(value)

    def _three_points(self, effort: Any) -> tuple[Fraction, Fraction, Fraction]:
        """A number n is o = m = p = n; missing o or p default to m."""
        if isinstance(effort, dict):
            m = self._n(effort["likely"])
            o = self._n(effort.get("optimistic", effort["likely"]))
            p = self._n(effort.get("pessimistic", effort["likely"]))
        else:
            o = m = p = self._n(effort)
        return o, m, p

    def _expected(self, effort: Any) -> Fraction:
        """PERT: (o + 4m + p) / 6."""
        o, m, p = self._three_points(effort)
        return (o + 4 * m + p) / 6

    def _bounds(self, effort: Any) -> tuple[Fraction, Fraction]:
        o, _m, p = self._three_points(effort)
        return o, p

    def closure(self, keys: set[str] | frozenset[str]) -> frozenset[str]:
        seen: set[str] = set()
        stack = list(keys)
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            stack.extend(self.caps[key].requires)
        return frozenset(seen)

    def path_bounds(self, closure: tuple[str, ...]) -> tuple[Fraction, Fraction]:
        """The critical path of ``closure`` with every optimistic, then every pessimistic
        estimate: no draw's duration (with unlimited hands) lies outside them."""

        def longest(pick: str) -> Fraction:
            chain: dict[str, Fraction] = {}

            def ending_at(key: str) -> Fraction:
                if key not in chain:
                    cap = self.caps[key]
                    before = max((ending_at(r) for r in cap.requires), default=Fraction(0))
                    chain[key] = getattr(cap, pick) + before
                return chain[key]

            return max((ending_at(k) for k in closure), default=Fraction(0))

        return longest("low"), longest("high")

    def figures(self, keys: set[str] | frozenset[str]) -> Figures:
        closed = self.closure(keys)
        caps = [self.caps[k] for k in closed]
        chain: dict[str, Fraction] = {}

        def longest(key: str) -> Fraction:  # the longest chain of effort ending at key
            if key not in chain:
                cap = self.caps[key]
                chain[key] = cap.effort + max((longest(r) for r in cap.requires), default=0)
            return chain[key]

        value = sum((c.value for c in caps), Fraction(0))
        latency = sum((c.latency_ms for c in caps), Fraction(0))
        cost = sum((c.monthly_cost for c in caps), Fraction(0))
        covered = sorted({m for c in caps for m in c.delivers})
        mitigated = {r for c in caps for r in c.mitigates}
        open_severe = tuple(r for r in self.severe if r not in mitigated)
        failed: list[int] = []
        if any(k not in closed for k in self.mandatory):
            failed.append(1)
        if any(m not in covered for m in self.must):
            failed.append(2)
        if self.latency_budget is not None and latency > self.latency_budget:
            failed.append(3)
        if self.monthly_budget is not None and cost > self.monthly_budget:
            failed.append(4)
        if self.value_target is not None and value < self.value_target:
            failed.append(5)
        if open_severe:
            failed.append(6)
        return Figures(
            closure=tuple(sorted(closed)),
            effort=sum((c.effort for c in caps), Fraction(0)),
            duration=max((longest(k) for k in closed), default=Fraction(0)),
            value=value,
            latency_ms=latency,
            monthly_cost=cost,
            metrics_covered=tuple(covered),
            severe_risks_open=open_severe,
            failed=tuple(failed),
        )

    def closed_sets(self) -> list[frozenset[str]]:
        keys = sorted(self.caps)
        out: list[frozenset[str]] = []
        for mask in range(1 << len(keys)):
            chosen = frozenset(k for i, k in enumerate(keys) if mask >> i & 1)
            if all(set(self.caps[k].requires) <= chosen for k in chosen):
                out.append(chosen)
        return out

    def unmet(self, f: Figures) -> frozenset[str]:
        """The requirements the set of these figures does not meet, item by item."""
        out = {f"metric:{k}" for k in self.must if k not in f.metrics_covered}
        out |= {f"risk:{k}" for k in f.severe_risks_open}
        names = {1: "mandatory", 3: "latency", 4: "cost", 5: "value"}
        out |= {names[c] for c in f.failed if c in names}
        return frozenset(out)

    def conflicts(self, every: list[Figures]) -> tuple[frozenset[str], ...]:
        """Minimal sets of requirements meeting which together no closed set can.

        Such a set must leave no closed set clear: it hits what every closed set fails.
        """
        family = {self.unmet(f) for f in every}
        family = {a for a in family if not any(b < a for b in family)}
        atoms = sorted(set().union(*family))
        found: list[frozenset[str]] = []
        for size in range(1, len(atoms) + 1):
            for combo in itertools.combinations(atoms, size):
                chosen = frozenset(combo)
                if any(done <= chosen for done in found):
                    continue
                if all(chosen & a for a in family):
                    found.append(chosen)
        return tuple(found)

    def frontier(self) -> list[Figures]:
        """The efficient frontier (docs/cli.md `frontier`), by trying every closed set.

        Over the closed sets that meet every condition of viability but the value target
        (condition 5), the ones no other such set beats: no more effort and no less value,
        with less effort or more value. One set per (effort, value) pair, by increasing effort.
        Exact fractions: equal on paper is equal here.
        """
        every = [self.figures(s) for s in self.closed_sets()]
        qualifying = [f for f in every if set(f.failed) <= {5}]
        out: list[Figures] = []
        for f in sorted(qualifying, key=lambda f: (f.effort, -f.value)):
            if out and f.value <= out[-1].value:
                continue  # as much value for no less effort already
            out.append(f)
        return out

    def optimum(self) -> Optimum:
        """Least effort; ties: fewer capabilities, more value, smallest sorted key list."""
        every = [self.figures(s) for s in self.closed_sets()]
        viable = [f for f in every if f.viable]
        impossible = tuple(c for c in range(1, 7) if all(c in f.failed for f in every))
        empty = self.figures(set())
        if not viable:
            conflicts = self.conflicts(every)
            return Optimum(
                None, empty, len(every), 0, impossible_alone=impossible, conflicts=conflicts
            )

        def rank(f: Figures) -> tuple[Fraction, int, Fraction, tuple[str, ...]]:
            return (f.effort, len(f.closure), -f.value, f.closure)

        best = min(viable, key=rank)
        return Optimum(
            best=best,
            empty=empty,
            closed_sets=len(every),
            viable_sets=len(viable),
            tied_on_effort=sum(f.effort == best.effort for f in viable),
            tied_to_keys=sum(rank(f)[:3] == rank(best)[:3] for f in viable),
            impossible_alone=impossible,
        )


# --- random projects ------------------------------------------------------------------------

# Keys mixing letters, digits, "-" and "_" so that the alphabetical tie-break is exercised.
CAP_KEYS = [
    "a",
    "a-1",
    "a_1",
    "a1",
    "b",
    "ba",
    "c-x",
    "c_x",
    "cx",
    "d9",
    "ingest",
    "index",
    "llm",
    "ui",
    "z",
    "zz-top",
]
METRIC_KEYS = ["m1", "m2", "grounded", "handle_time", "p95", "m-x"]
RISK_KEYS = ["r1", "r2", "r_leak", "r-cost", "r_wrong", "rz"]
SLICE_KEYS = ["mvp", "s1", "s-2", "full", "empty"]
WORDS = ["Alpha", "Bravo", "Çharlie", "Delta", "Écho", "Foxtrot", "Golf", "Hôtel", "Îndia"]

# Paper values of efforts: thirds and sixths have no exact float, which is the point.
EFFORTS = [
    Fraction(0),
    Fraction(1, 6),
    Fraction(1, 3),
    Fraction(1, 2),
    Fraction(2, 3),
    Fraction(5, 6),
    Fraction(1),
    Fraction(4, 3),
    Fraction(3, 2),
    Fraction(2),
    Fraction(5, 2),
    Fraction(3),
    Fraction(10, 3),
    Fraction(4),
    Fraction(11, 2),
]


def _as_json(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def _effort(rng: random.Random) -> tuple[Any, Fraction]:
    """A random effort field and its paper PERT value."""
    m = rng.choice(EFFORTS)
    kind = rng.random()
    if kind < 0.35:
        return _as_json(m), m
    o = rng.choice([e for e in EFFORTS if e <= m])
    p = rng.choice([e for e in EFFORTS if e >= m] + [m + 7, m + Fraction(1, 3)])
    field_: dict[str, Any] = {"likely": _as_json(m)}
    if kind < 0.85:
        field_["optimistic"] = _as_json(o)
        field_["pessimistic"] = _as_json(p)
    elif kind < 0.93:
        field_["pessimistic"] = _as_json(p)
        o = m
    else:
        field_["optimistic"] = _as_json(o)
        p = m
    return field_, (o + 4 * m + p) / 6


def random_project(rng: random.Random, index: int) -> tuple[dict[str, Any], dict[float, Fraction]]:
    """A random valid project document, and the paper values of the floats written in it.

    Half or so of the projects are "friendly": every must metric is delivered and every severe
    risk mitigated by one or two capabilities (often two of the same effort and value, which
    makes ties); the others are left to chance and are mostly infeasible.
    """
    exact: dict[float, Fraction] = {}

    def num(x: Fraction) -> int | float:
        out = _as_json(x)
        if isinstance(out, float):
            exact[out] = x
        return out

    def note_effort(effort: Any) -> None:
        for v in effort.values() if isinstance(effort, dict) else [effort]:
            if isinstance(v, float):
                exact[v] = _paper_of(v)

    friendly = rng.random() < 0.6
    n_caps = rng.choice([0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9])
    keys = rng.sample(CAP_KEYS, n_caps)
    metric_keys = rng.sample(METRIC_KEYS, rng.randint(0, 4))
    metrics = [
        {
            "key": k,
            "name": f"Metric {k}",
            "kind": rng.choice(["quality", "business"]),
            "must": rng.random() < 0.4,
        }
        for k in metric_keys
    ]
    risks: list[dict[str, Any]] = []
    for k in rng.sample(RISK_KEYS, rng.randint(0, 4)):
        risk: dict[str, Any] = {
            "key": k,
            "story": f"It failed because of {k}.",
            "status": rng.choice(["open", "open", "open", "mitigated", "accepted"]),
            "likelihood": rng.choice([1, 3, 3, 4, 5]),
            "impact": rng.choice([2, 3, 4, 5, 5]),
        }
        if rng.random() < 0.15:
            del risk["status"]  # defaults to open
        risks.append(risk)
    risk_keys = [r["key"] for r in risks]

    # A few effort/value "types": capabilities sharing one tie on effort and value.
    types: list[tuple[Any, Fraction]] = []
    for _ in range(rng.randint(1, 3)):
        effort_field, _unused = _effort(rng) if rng.random() < 0.8 else (0, Fraction(0))
        value = rng.choice([Fraction(0), Fraction(1), Fraction(2), Fraction(5, 2), Fraction(4)])
        types.append((effort_field, value))
    if rng.random() < 0.25:  # 1/6 + 2/3 against 5/6: equal on paper, not in floating point
        types += [(float(Fraction(1, 6)), Fraction(1)), (float(Fraction(2, 3)), Fraction(0))]
        types += [(float(Fraction(5, 6)), Fraction(1))]
    capabilities: list[dict[str, Any]] = []
    kinds: list[int] = []
    for i, key in enumerate(keys):
        roll = rng.random()
        if roll < 0.85:
            kind = rng.randrange(len(types))
            effort_field, value = types[kind]
            effort_field = dict(effort_field) if isinstance(effort_field, dict) else effort_field
            if roll > 0.65:  # the same effort, another value: a tie broken by value
                kind = -1 - i
                value = Fraction(rng.randint(0, 8), rng.choice([1, 1, 2]))
        else:
            kind = -1 - i
            effort_field, _unused = _effort(rng)
            value = Fraction(rng.randint(0, 8), rng.choice([1, 1, 2]))
        note_effort(effort_field)
        kinds.append(kind)
        earlier = keys[:i]
        requires = rng.sample(earlier, min(len(earlier), rng.choice([0, 0, 0, 1, 1, 2, 3])))
        capabilities.append(
            {
                "key": key,
                "name": f"{WORDS[i % len(WORDS)]} {key.upper()} capability",
                "effort": effort_field,
                "value": num(value),
                "latency_ms": num(Fraction(rng.choice([0, 0, 10, 50, 100, 250]))),
                "monthly_cost": num(
                    Fraction(rng.choice([0, 0, 5, 20, 100]), rng.choice([1, 1, 2]))
                ),
                "mandatory": rng.random() < 0.12,
                "requires": requires,
                "delivers": rng.sample(metric_keys, min(len(metric_keys), rng.choice([0, 0, 1]))),
                "mitigates": rng.sample(risk_keys, min(len(risk_keys), rng.choice([0, 0, 0, 1]))),
            }
        )
    if friendly and capabilities:
        must = [m["key"] for m in metrics if m["must"]]
        severe = [
            r["key"]
            for r in risks
            if r.get("status", "open") == "open" and r["likelihood"] * r["impact"] >= SEVERE
        ]
        for ref, field_ in [(k, "delivers") for k in must] + [(k, "mitigates") for k in severe]:
            first = rng.randrange(len(capabilities))
            chosen = [first]
            twins = [j for j in range(len(capabilities)) if kinds[j] == kinds[first] != j]
            if twins and rng.random() < 0.8:
                a, b = sorted([first, rng.choice(twins)])
                chosen.append(b if a == first else a)
                if rng.random() < 0.7:  # b becomes a's twin in everything the ranking sees
                    for name in ("requires", "latency_ms", "monthly_cost"):
                        capabilities[b][name] = copy.deepcopy(capabilities[a][name])
                    capabilities[b]["mandatory"] = False
            for j in chosen:
                if ref not in capabilities[j][field_]:
                    capabilities[j][field_].append(ref)
    if friendly and len(capabilities) >= 2 and rng.random() < 0.75:
        a, b = sorted(rng.sample(range(len(capabilities)), 2))
        for name in ("effort", "value", "latency_ms", "monthly_cost", "requires"):
            capabilities[b][name] = copy.deepcopy(capabilities[a][name])
        for name in ("delivers", "mitigates"):
            capabilities[b][name] = copy.deepcopy(capabilities[a][name])
        capabilities[a]["mandatory"] = capabilities[b]["mandatory"] = False
        pair = {keys[a], keys[b]}
        for cap in capabilities:  # nothing needs either, and one of them is needed
            cap["requires"] = [r for r in cap["requires"] if r not in pair]
        must = [m["key"] for m in metrics if m["must"]]
        if must:
            for cap in capabilities:
                wanted = cap["key"] in pair
                if wanted and must[0] not in cap["delivers"]:
                    cap["delivers"].append(must[0])
                elif not wanted and must[0] in cap["delivers"]:
                    cap["delivers"].remove(must[0])
    for cap in capabilities:
        if rng.random() < 0.2:  # defaults must read the same as written values
            for name in ("latency_ms", "monthly_cost", "mandatory", "requires", "mitigates"):
                if not cap[name]:
                    del cap[name]

    total_latency = sum((_paper(c.get("latency_ms", 0), exact) for c in capabilities), Fraction())
    total_cost = sum((_paper(c.get("monthly_cost", 0), exact) for c in capabilities), Fraction())
    total_value = sum((_paper(c["value"], exact) for c in capabilities), Fraction())

    def budget(total: Fraction, positive: bool) -> int | float | None:
        roll = rng.random()
        if roll < (0.3 if friendly else 0.5):
            return None
        if roll < 0.55 and not positive and not friendly:
            return 0
        if friendly:
            share = (
                Fraction(rng.randint(3, 20), 10) if positive else Fraction(rng.randint(0, 8), 10)
            )
            if not positive and rng.random() < 0.5:
                share = Fraction(rng.randint(2, 15), 10)
        else:
            share = Fraction(rng.randint(1, 12), 10)
        x = total * share
        if positive and x <= 0:
            x = Fraction(rng.choice([1, 30]))
        return num(x)

    project = {
        "name": f"Random project {index:03d} — {WORDS[index % len(WORDS)]}",
        "pattern": rng.choice(["rag", "other", "agent"]),
        "latency_budget_ms": budget(total_latency, positive=True),
        "monthly_budget": budget(total_cost, positive=False),
        "value_target": None,
    }
    if rng.random() < 0.55:
        share = Fraction(rng.randint(0, 6), 10) if friendly else Fraction(rng.randint(0, 12), 10)
        project["value_target"] = num(total_value * share)
    rng.shuffle(capabilities)  # requires may name a capability listed later

    slices = []
    for j, skey in enumerate(rng.sample(SLICE_KEYS, rng.randint(0, 3))):
        if skey == "empty" or not keys:
            picked: list[str] = []
        else:
            picked = rng.sample(keys, rng.randint(1, min(4, len(keys))))
            # name a capability that another pick already pulls in
            pulled = [r for c in capabilities if c["key"] in picked for r in c.get("requires", [])]
            extra = [r for r in pulled if r not in picked]
            if extra and rng.random() < 0.6:
                picked.append(extra[0])
        slices.append({"key": skey, "name": f"Slice {j} {skey}", "capabilities": picked})
    doc = {
        "format": "ai-scoping-project",
        "format_version": 1,
        "project": project,
        "metrics": metrics,
        "capabilities": capabilities,
        "risks": risks,
        "slices": slices,
    }
    return doc, exact


def _paper_of(x: float) -> Fraction:
    """The paper value of a float written from EFFORTS (or a few sums of them)."""
    return Fraction(x).limit_denominator(36)


def _paper(x: Any, exact: dict[float, Fraction]) -> Fraction:
    if isinstance(x, float):
        return exact.get(x, _paper_of(x))
    return Fraction(x)
