"""The commands that analyse a project: optimize, compare, audit and frontier (docs/cli.md).

The analysis (numpy, HiGHS) is imported inside each command, never at start.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from scoping_app.cli.common import UserError, plain_number, print_json


def _figures_json(figures: Any) -> dict[str, Any]:
    return {
        "effort": float(figures.effort),
        "duration": float(figures.duration),
        "value": plain_number(figures.value),
        "latency_ms": plain_number(figures.latency_ms),
        "monthly_cost": plain_number(figures.monthly_cost),
        "metrics_covered": sorted(figures.metrics_covered),
    }


def _confidence(project: Any, keys: Any, args: argparse.Namespace) -> Any:
    """The confidence of ``keys`` with the project's team size, deadline and start date, or
    the day of ``--as-of`` (default: today) when the project has no start date."""
    from scoping_app.analysis.project_confidence import project_confidence

    return project_confidence(project, keys, args.as_of or date.today())


def _confidence_text(confidence: Any) -> str:
    """'  80% sure:      within 52.3 person-days; chance of meeting the deadline: 64%'."""
    line = f"  80% sure:      within {confidence.effort.p80:,.1f} person-days"
    chance = confidence.deadline_probability
    if chance is None:
        return line + "; no deadline set"
    from scoping_app.domain.words import chance as in_percent

    return line + f"; chance of meeting the deadline: {in_percent(chance)}"


def optimize(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.analysis.optimizer import smallest_viable_scope

    project = service.load(service.resolve(args.project))
    result = smallest_viable_scope(project)
    chosen = sorted(result.capabilities) if result.viable and result.figures is not None else []
    confidence = _confidence(project, chosen, args)
    if args.json:
        data: dict[str, Any] = {"project": project.name, "viable": result.viable}
        if result.viable and result.figures is not None:
            data["capabilities"] = sorted(result.capabilities)
            data.update(_figures_json(result.figures))
        else:
            data["capabilities"] = []
            data.update(
                {
                    "effort": 0.0,
                    "duration": 0.0,
                    "value": 0,
                    "latency_ms": 0,
                    "monthly_cost": 0,
                    "metrics_covered": [],
                }
            )
        data["confidence"] = confidence.to_json()
        data["reasons"] = list(result.reasons)
        print_json(data)
        return 0
    print(f"Smallest viable scope of {project.name}")
    if not result.viable or result.figures is None:
        print("Nothing is viable. These conditions cannot be met:")
        for reason in result.reasons:
            print(f"  - {reason}")
        return 0
    from scoping_app.domain.words import names_by_key

    names = names_by_key(project.capabilities)
    print(_figures_text(result.figures, project))
    print(_confidence_text(confidence))
    print("Capabilities:")
    for key, name in names.items():
        if key in result.capabilities:
            print(f"  - {name}")
    return 0


def _figures_text(figures: Any, project: Any) -> str:
    currency = project.info.currency
    lines = [
        f"  Effort:        {figures.effort:,.1f} person-days",
        f"  Duration:      {figures.duration:,.1f} days (critical path)",
        f"  Value:         {figures.value:,.4g} points",
        f"  Latency:       {figures.latency_ms:,.0f} ms"
        + _against(project.info.latency_budget_ms, "ms"),
        f"  Monthly cost:  {figures.monthly_cost:,.0f} {currency}"
        + _against(project.info.monthly_budget, currency),
        f"  Metrics:       {_names(project, figures.metrics_covered) or 'none'}",
    ]
    return "\n".join(lines)


def _against(budget: float | None, unit: str) -> str:
    return "" if budget is None else f" (budget {budget:,.0f} {unit})"


def compare(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.analysis.figures import figures_of_slices

    project = service.load(service.resolve(args.project))
    chosen = [_find_slice(project, name) for name in args.slices] or list(project.slices)
    of_slices = figures_of_slices(project, [item.capabilities for item in chosen])
    rows = list(zip(chosen, of_slices, strict=True))
    if args.json:
        slices = []
        for item, figures in rows:
            entry: dict[str, Any] = {
                "key": item.key,
                "name": item.name,
                "closure": sorted(figures.closure),
            }
            entry.update(_figures_json(figures))
            entry["confidence"] = _confidence(project, item.capabilities, args).to_json()
            entry["severe_risks_open"] = sorted(figures.severe_risks_open)
            entry["viable"] = figures.viable
            entry["violations"] = list(figures.violations)
            slices.append(entry)
        print_json({"project": project.name, "slices": slices})
        return 0
    if not rows:
        print(f"{project.name} has no slices yet.")
        return 0
    from scoping_app.domain.words import names_by_key

    slice_names = names_by_key(project.slices)
    for item, figures in rows:
        print(f"{slice_names[item.key]}: {'viable' if figures.viable else 'not viable'}")
        print(_figures_text(figures, project))
        print(_confidence_text(_confidence(project, item.capabilities, args)))
        for violation in figures.violations:
            print(f"  ! {violation}")
        print()
    return 0


def _names(project: Any, keys: Sequence[str]) -> str:
    """The items of ``keys`` by name, in the order of the project's list that holds them all."""
    from scoping_app.domain.model import LIST_FIELDS
    from scoping_app.domain.words import names_by_key

    for list_name in LIST_FIELDS:
        names = names_by_key(getattr(project, list_name))
        if all(key in names for key in keys):
            return ", ".join(f"“{name}”" for key, name in names.items() if key in keys)
    return ", ".join(keys)


def _find_slice(project: Any, wanted: str) -> Any:
    found = project.find_slice(wanted)
    if found is None:
        raise UserError(f'The project "{project.name}" has no slice "{wanted}".')
    return found


def audit(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.analysis.readiness import audit, load_rubric

    project = service.load(service.resolve(args.project))
    result = audit(project)
    if args.json:
        print_json(
            {
                "project": project.name,
                "readiness": plain_number(result.readiness),
                "gate": result.gate,
                "weakest": result.weakest,
                "sections": {s: plain_number(v) for s, v in result.sections.items()},
                "checks": {c: plain_number(v) for c, v in result.checks.items()},
                "findings": [
                    {
                        "check": f.check,
                        "severity": f.severity,
                        "message": f.message,
                        "items": list(f.items),
                    }
                    for f in result.findings
                ],
            }
        )
        return 0
    rubric = load_rubric()
    readiness = _score_text(result.readiness)
    print(f"Readiness audit of {project.name}")
    print(f"  Readiness:  {readiness} of 3, {result.band}")
    print(f"  Gate:       {result.gate}")
    weakest = rubric.section_title(result.weakest)
    print(f"  Weakest:    {result.weakest} {weakest}")
    scope = "the smallest viable scope" if result.scope_viable else "all capabilities"
    print(f"  Read on:    {scope} ({len(result.reference_scope)} capabilities)")
    print()
    print("Sections (0 to 3):")
    width = max(len(rubric.section_title(s)) for s in result.sections)
    for section, score in result.sections.items():
        title = rubric.section_title(section)
        print(f"  {section}  {title:<{width}}  {_bar(score)}  {_score_text(score)}")
    print()
    if not result.findings:
        print("No findings: every check passes.")
        return 0
    print("Findings:")
    for finding in result.findings:
        print(f"  {finding.check} [{finding.severity}] {finding.title}")
        print(f"     {finding.message}")
        print(f"     What to do: {finding.advice}")
        if finding.items:
            print(f"     Concerns: {_names(project, finding.items)}")
    return 0


def _score_text(score: float) -> str:
    return f"{plain_number(score)}"


def _bar(score: float, most: float = 3) -> str:
    """A bar of text, one cell per half point: [#####-] for 2.5 of 3."""
    cells = round(2 * most)
    filled = round(2 * score)
    return "[" + "#" * filled + "-" * (cells - filled) + "]"


def frontier(service: Any, args: argparse.Namespace) -> int:
    from scoping_app.analysis.frontier import TIME_LIMIT, frontier_search
    from scoping_app.domain import words

    project = service.load(service.resolve(args.project))
    found = frontier_search(project)
    points = found.points
    if args.json:
        print_json(
            {
                "points": [
                    {
                        "effort": float(p.effort),
                        "value": plain_number(p.value),
                        "capabilities": list(p.capabilities),
                    }
                    for p in points
                ]
            }
        )
        return 0
    target = project.info.value_target
    print(f"Efficient frontier of {project.name}")
    if not points:
        intro = (
            "No scope meets every budget and condition, even leaving the value target aside: "
            "there is no frontier. `scoping-app optimize` says what cannot be met."
        )
    else:
        intro = (
            "Each scope below meets every budget and condition but perhaps the value target, "
            "and gives the most value for its effort."
        )
        if target is not None:
            intro += f" The value target is {words.points(target)} points."
        if found.stopped_early:
            intro += (
                f" The search stopped after {TIME_LIMIT:g} seconds: every scope shown is on the"
                " frontier, but there may be more between them."
            )
    print("\n".join(textwrap.wrap(intro, width=88)))
    order = {c.key: i for i, c in enumerate(project.capabilities)}
    names = {c.key: c.name for c in project.capabilities}

    def listed(keys: set[str]) -> str:
        return ", ".join(names[k] for k in sorted(keys, key=order.__getitem__))

    before: set[str] = set()
    for number, point in enumerate(points, start=1):
        short = target is not None and not words.within(point.value, target, at_most=False)
        print()
        print(
            f"{number:>2}. {words.days(point.effort)} person-days, value "
            f"{words.points(point.value)}{' (below the target)' if short else ''}, "
            f"{len(point.capabilities)} capabilities"
        )
        now = set(point.capabilities)
        if number == 1:
            changes = [f"holds {listed(now)}"] if now else ["holds nothing"]
        else:
            changes = [f"adds {listed(now - before)}"] if now - before else []
            if before - now:
                changes.append(f"leaves out {listed(before - now)}")
        for line in textwrap.wrap("; ".join(changes) + ".", width=84):
            print(f"    {line}")
        before = now
    return 0
