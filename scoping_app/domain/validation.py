"""Whole-project checks that single fields cannot make: keys and references.

Field values are already checked by the models in :mod:`scoping_app.domain.model`;
here we check what needs the whole project: keys unique within their list,
every reference naming an item that exists, no key listed twice in one
reference list, no cycle among the capabilities' prerequisites, and no more
capabilities or dependencies than the app handles well (:data:`MAX_CAPABILITIES`,
:data:`MAX_DEPENDENCIES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scoping_app.domain.model import NAME_MAX, Project
from scoping_app.domain.words import names_by_key

# The most a project may hold. Measured with benchmarks/run.py on generated projects (two
# cores): at 2,500 capabilities and 10,000 dependencies the smallest viable scope takes
# 0.5 s, the graph's layout 0.3 s and the whole PDF plan about 14 s of CPU; past that the
# plan and the window's edits grow beyond what the app aims at (20 s, 0.3 s).
MAX_CAPABILITIES = 2_500
MAX_DEPENDENCIES = 10_000  # "requires" links, all capabilities together
MAX_LINKS = 50_000  # every reference of the project together, dependencies included

MAX_ITEMS: dict[str, int] = {
    "process_steps": 500,
    "data_sources": 1_000,
    "metrics": 1_000,
    "capabilities": MAX_CAPABILITIES,
    "failure_modes": 10_000,
    "decisions": 1_000,
    "risks": 1_000,
    "slices": 200,
}
"""The most items each list of a project may hold."""

# The reference lists of each list's items (a failure mode's one capability counts as one).
LINK_FIELDS: dict[str, tuple[str, ...]] = {
    "process_steps": ("data",),
    "capabilities": ("requires", "delivers", "uses_data", "mitigates"),
    "failure_modes": ("capability",),
    "slices": ("capabilities",),
}

SHOWN_PROBLEMS = 10  # the most problems a message lists before counting the rest
MESSAGE_CHARS = 1_000  # about the most characters of a message listing problems
LINE_CHARS = 500  # the most characters of one listed problem
CYCLE_SHOWN = 3  # the links of a cycle named before counting the rest


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a project: where (``capabilities[3].requires[0]``) and what.

    ``place``, when given, says the location in words naming the item
    (``Capability "Ticket export" (capabilities[3]), effort likely``) and is shown
    in its stead.
    """

    location: str
    message: str
    place: str = ""

    def __str__(self) -> str:
        shown = self.place or self.location
        return f"{shown}: {self.message}" if shown else self.message


def bounded_lines(lines: Sequence[str], prefix: str = "") -> list[str]:
    """The first few of ``lines`` (up to :data:`SHOWN_PROBLEMS`, within about
    :data:`MESSAGE_CHARS` characters, each cut at :data:`LINE_CHARS`), each after
    ``prefix``, then "… and 9,994 more." counting the rest."""
    shown: list[str] = []
    used = 0
    for line in lines[:SHOWN_PROBLEMS]:
        text = prefix + (line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…")
        if shown and used + len(text) > MESSAGE_CHARS:
            break
        shown.append(text)
        used += len(text) + 1
    if len(lines) > len(shown):
        shown.append(f"… and {len(lines) - len(shown):,} more.")
    return shown


class ProjectInvalid(ValueError):
    """A project (or an edit to one) breaks a rule of the format; nothing was stored.

    Its text lists the first few problems and counts the rest (:func:`bounded_lines`).
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(bounded_lines([str(p) for p in self.problems])))


class CycleError(ProjectInvalid):
    """The prerequisites would form a cycle; ``cycle`` lists its capability keys in order."""

    def __init__(self, cycle: Sequence[str], names: Mapping[str, str], location: str = "") -> None:
        self.cycle = list(cycle)
        super().__init__([Problem(location, describe_cycle(self.cycle, names))])


def describe_cycle(cycle: Sequence[str], names: Mapping[str, str]) -> str:
    """'… in a circle: A requires B, B requires C, C requires A' in the user's names
    (``names`` as :func:`~scoping_app.domain.words.names_by_key` gives them)."""

    def named(key: str) -> str:
        name = names.get(key, key)
        return name if len(name) <= _CYCLE_NAME else name[: _CYCLE_NAME - 1] + "…"

    steps = [f"{named(a)} requires {named(b)}" for a, b in _pairs(cycle[: CYCLE_SHOWN + 1])]
    if len(cycle) > CYCLE_SHOWN + 1:
        rest = len(cycle) - CYCLE_SHOWN
        steps = steps[:CYCLE_SHOWN]
        steps.append(f"… and {rest:,} more links that lead back to {named(cycle[0])}")
    return "these capabilities require each other in a circle: " + ", ".join(steps)


_CYCLE_NAME = 40  # characters of a name shown in a cycle


def _pairs(cycle: Sequence[str]) -> Iterable[tuple[str, str]]:
    for i, key in enumerate(cycle):
        yield key, cycle[(i + 1) % len(cycle)]


def find_cycle(requires: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A cycle in the ``requires`` relation, as keys [a, b, …] where a requires b …

    The last key requires the first. Unknown prerequisite keys are ignored.
    Iterative depth-first search, so deep chains do not hit the recursion limit.
    """
    # Hand-written on purpose, the one cycle search of the app (analysis.graph uses it too):
    # every edit and every import runs it. On 400 capabilities and 1,200 prerequisites
    # (benchmarks/cycles.py) it takes 0.2 ms; nx.find_cycle on a graph built for it
    # 25-42 ms, and even nx.is_directed_acyclic_graph, which names no cycle, 1.1 ms. It
    # also keeps networkx (about 130 ms to import) out of the domain, which the store and
    # the importer load without the analysis.
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(requires, white)
    for root in requires:
        if colour[root] != white:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        colour[root] = grey
        while stack:
            node, index = stack[-1]
            prerequisites = requires[node]
            if index < len(prerequisites):
                stack[-1] = (node, index + 1)
                nxt = prerequisites[index]
                state = colour.get(nxt)
                if state is None:
                    continue
                if state == grey:
                    return path[path.index(nxt) :]
                if state == white:
                    colour[nxt] = grey
                    stack.append((nxt, 0))
                    path.append(nxt)
            else:
                colour[node] = black
                stack.pop()
                path.pop()
    return None


def _unique_keys(kind: str, items: Sequence[object], problems: list[Problem]) -> set[str]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        key = item.key  # type: ignore[attr-defined]  # every listed item has a key
        if key in seen:
            problems.append(
                Problem(
                    f"{kind}[{index}].key",
                    f'the key "{key}" is already used by {kind}[{seen[key]}]; '
                    "keys must be unique within a list",
                )
            )
        else:
            seen[key] = index
    return set(seen)


_WHAT = {
    "capabilities": "capability",
    "metrics": "metric",
    "data_sources": "data source",
    "risks": "risk",
}


def _references(
    location: str, keys: Sequence[str], known: set[str], target: str, problems: list[Problem]
) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key not in known:
            problems.append(
                Problem(f"{location}[{index}]", f'there is no {_WHAT[target]} with the key "{key}"')
            )
        elif key in seen:
            problems.append(Problem(f"{location}[{index}]", f'"{key}" is listed twice'))
        seen.add(key)


def check_size(project: Project) -> list[Problem]:
    """More items, dependencies or links than a project may hold, in words; empty when not."""
    counts = {name: len(getattr(project, name)) for name in MAX_ITEMS}
    dependencies = sum(len(c.requires) for c in project.capabilities)
    links = sum(
        len(value) if isinstance(value, list) else 1
        for name, fields in LINK_FIELDS.items()
        for item in getattr(project, name)
        for value in (getattr(item, field) for field in fields)
    )
    return size_problems(counts, dependencies, links)


def size_problems(counts: Mapping[str, int], dependencies: int, links: int) -> list[Problem]:
    """The limits that ``counts`` (items by list), ``dependencies`` and ``links`` go over."""
    problems: list[Problem] = []
    for name, most in MAX_ITEMS.items():
        count = counts.get(name, 0)
        if count > most:
            what = name.replace("_", " ")
            problems.append(Problem(name, _too_many(f"{count:,} {what}", f"{most:,} {what}")))
    if dependencies > MAX_DEPENDENCIES:
        problems.append(
            Problem(
                "capabilities",
                _too_many(
                    f"{dependencies:,} dependencies between its capabilities",
                    f"{MAX_DEPENDENCIES:,} dependencies",
                ),
            )
        )
    if links > MAX_LINKS:
        problems.append(
            Problem(
                "",
                _too_many(
                    f"{links:,} links between its items",
                    f"{MAX_LINKS:,} links (requires, delivers, uses data, mitigates, the data "
                    "of process steps, the capabilities of failure modes and slices)",
                ),
            )
        )
    return problems


def _too_many(have: str, limit: str) -> str:
    return (
        f"the project has {have}; a project may hold at most {limit}, past which the app "
        "becomes too slow to work with. Split it into smaller projects"
    )


def check_project(project: Project) -> list[Problem]:
    """Every problem of size, keys and references in a project; empty when it is sound."""
    problems = check_size(project)
    sources = _unique_keys("data_sources", project.data_sources, problems)
    metrics = _unique_keys("metrics", project.metrics, problems)
    capabilities = _unique_keys("capabilities", project.capabilities, problems)
    risks = _unique_keys("risks", project.risks, problems)
    _unique_keys("process_steps", project.process_steps, problems)
    _unique_keys("failure_modes", project.failure_modes, problems)
    _unique_keys("decisions", project.decisions, problems)
    _unique_keys("slices", project.slices, problems)

    for i, step in enumerate(project.process_steps):
        _references(f"process_steps[{i}].data", step.data, sources, "data_sources", problems)
    for i, cap in enumerate(project.capabilities):
        where = f"capabilities[{i}]"
        _references(f"{where}.requires", cap.requires, capabilities, "capabilities", problems)
        _references(f"{where}.delivers", cap.delivers, metrics, "metrics", problems)
        _references(f"{where}.uses_data", cap.uses_data, sources, "data_sources", problems)
        _references(f"{where}.mitigates", cap.mitigates, risks, "risks", problems)
    for i, mode in enumerate(project.failure_modes):
        if mode.capability not in capabilities:
            problems.append(
                Problem(
                    f"failure_modes[{i}].capability",
                    f'there is no capability with the key "{mode.capability}"',
                )
            )
    for i, item in enumerate(project.slices):
        _references(
            f"slices[{i}].capabilities", item.capabilities, capabilities, "capabilities", problems
        )

    found = _cycle(project)
    if found is not None:
        problems.append(found[1])
    return problems


def _cycle(project: Project) -> tuple[list[str], Problem] | None:
    """A cycle among the prerequisites, and the problem naming it at one of its links.

    While two capabilities share a key it is unclear which one a reference
    means, so cycles are looked for only once the duplicate key is fixed.
    """
    keys = [c.key for c in project.capabilities]
    if len(set(keys)) != len(keys):
        return None
    cycle = find_cycle({c.key: list(c.requires) for c in project.capabilities})
    if cycle is None:
        return None
    index = keys.index(cycle[0])
    position = project.capabilities[index].requires.index(cycle[1 % len(cycle)])
    names = names_by_key(project.capabilities, NAME_MAX)
    location = f"capabilities[{index}].requires[{position}]"
    return cycle, Problem(location, describe_cycle(cycle, names))


def ensure_valid(project: Project) -> None:
    """Raise :class:`ProjectInvalid` (or :class:`CycleError`) when the project is not sound."""
    problems = check_project(project)
    if not problems:
        return
    found = _cycle(project)
    if found is not None and problems == [found[1]]:
        names = names_by_key(project.capabilities, NAME_MAX)
        raise CycleError(found[0], names, found[1].location)
    raise ProjectInvalid(problems)
