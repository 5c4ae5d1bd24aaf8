"""The plan's one verdict: go, go with conditions, no-go, or no scope needed yet.

The PDF plan, the Export step and the Readiness step all show the verdict of one
recommended scope (the computed smallest viable scope, or a slice the user
chose) together with the readiness audit (docs/readiness.md). Its rules:

- **No scope needed yet** (``not-needed``) when the project requires nothing:
  no capability is mandatory, no metric is a must-have, no severe risk is open
  and no value target asks for anything, so that the empty set is viable and
  there is nothing for a scope to deliver. This comes first, whatever the scope.
- **No-go** when nothing is viable (the reason is the optimizer's first reason,
  see :attr:`ScopeResult.reasons`), when the recommended scope is not viable
  (the reason names what it breaks), or when the scope is viable but the
  readiness gate is ``no-go`` (the reason names the weakest section and its
  worst finding).
- **Go with conditions** (``conditional``) when the scope is viable and the gate
  is ``conditional``; the conditions are the findings of every section scoring
  below 2, the score the gate needs for ``go``: high severity first, then in
  check order, each as the audit words it.
- **Go** when the scope is viable and the gate is ``go``.

The reason is one sentence in the user's words: capabilities and metrics by
name, risks by their story, slices by name, sections by title; never a key. The
rubric's own gate is left as it is (``Audit.gate``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scoping_app.analysis._text import (
    and_join,
    money,
    number,
    number_pair,
    risk_label,
    sentence,
    short,
)
from scoping_app.analysis.figures import SliceFigures, slice_figures
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope
from scoping_app.analysis.readiness import (
    CONDITIONAL,
    GO,
    NO_GO,
    Audit,
    Finding,
    audit,
    load_rubric,
)
from scoping_app.domain.model import Project

NOT_NEEDED = "not-needed"
LEVELS = (GO, CONDITIONAL, NO_GO, NOT_NEEDED)
LABELS = {
    GO: "Go",
    CONDITIONAL: "Go with conditions",
    NO_GO: "No-go",
    NOT_NEEDED: "No scope needed yet",
}
GO_SCORE = 2.0  # a section scoring below this holds the gate under go (docs/readiness.md)
MAX_SCORE = 3.0
NAMES_SHOWN = 3  # items named in one phrase before "and n more"
SMALLEST_SUBJECT = "The smallest viable scope"
_NOTHING_VIABLE = "No set of capabilities meets every condition of viability"


@dataclass(frozen=True)
class Recommendation:
    """The scope a plan recommends, as the verdict reads it."""

    figures: SliceFigures | None  # None when nothing is viable
    slice_name: str | None = None  # the slice's name when the user chose one; None: computed
    reasons: tuple[str, ...] = ()  # when figures is None: ScopeResult.reasons

    @classmethod
    def smallest(cls, result: ScopeResult) -> Recommendation:
        """The computed smallest viable scope, or the optimizer's reasons why there is none."""
        figures = result.figures if result.viable else None
        return cls(figures, None, () if figures is not None else tuple(result.reasons))

    @classmethod
    def of_slice(cls, name: str, figures: SliceFigures) -> Recommendation:
        """A slice the user chose, with its figures (viable or not)."""
        return cls(figures, name)


@dataclass(frozen=True)
class Verdict:
    """One verdict on a plan, in words a sponsor reads."""

    level: str  # "go", "conditional", "no-go" or "not-needed"
    label: str  # "Go", "Go with conditions", "No-go" or "No scope needed yet"
    reason: str  # one sentence
    conditions: tuple[str, ...]  # for "conditional": the findings to fix, one sentence each


def plan_verdict(project: Project, recommended: Recommendation, result: Audit) -> Verdict:
    """The verdict on ``project`` for the ``recommended`` scope and the readiness ``result``."""
    empty = slice_figures(project, ())
    if empty.viable:
        return _verdict(NOT_NEEDED, _not_needed_reason(project))
    figures = recommended.figures
    if figures is None:
        return _verdict(NO_GO, _nothing_viable_reason(project, recommended.reasons))
    subject = _subject(recommended)
    if not figures.viable:
        return _verdict(NO_GO, _breaks_reason(project, subject, figures))
    readiness = _score(result.readiness)
    viable = f"{subject} meets every condition of viability"
    if result.gate == NO_GO:
        title = load_rubric().section_title(result.weakest)
        worst = _ordered(f for f in result.findings if f.check.startswith(result.weakest))
        text = f"{viable}, but readiness is only {readiness} of {_score(MAX_SCORE)}"
        text += f", weakest in {_quoted(title)}"
        if worst:
            text += f" — {_lower_first(worst[0].message)}"
        return _verdict(NO_GO, sentence(text))
    if result.gate == CONDITIONAL:
        rubric = load_rubric()
        holding = [s for s, score in result.sections.items() if score < GO_SCORE]
        to_fix = _ordered(f for f in result.findings if f.check[:1] in holding)
        what = "the finding" if len(to_fix) == 1 else f"the {len(to_fix)} findings"
        titles = and_join([_quoted(rubric.section_title(s)) for s in holding])
        text = (
            f"{viable}, but readiness is {readiness} of {_score(MAX_SCORE)}, "
            f"so {what} in {titles} must be fixed before committing budget"
        )
        return _verdict(CONDITIONAL, sentence(text), tuple(f.message for f in to_fix))
    text = f"{viable} and readiness is {readiness} of {_score(MAX_SCORE)}: ready to build"
    return _verdict(GO, sentence(text))


def verdict_for(
    project: Project,
    slice_key: str | None = None,
    *,
    scope: ScopeResult | None = None,
    readiness: Audit | None = None,
) -> Verdict:
    """The verdict with everything computed: the smallest viable scope (unless ``scope``
    is given), the audit on it (unless ``readiness`` is given) and, when ``slice_key``
    names a slice (by key or name), that slice as the recommended scope.

    An unknown slice raises ValueError.
    """
    if scope is None:
        scope = smallest_viable_scope(project)
    if readiness is None:
        readiness = audit(project, scope=scope)
    if slice_key is None:
        return plan_verdict(project, Recommendation.smallest(scope), readiness)
    chosen = project.find_slice(slice_key)
    if chosen is None:
        raise ValueError(f"The project {project.name!r} has no slice {slice_key!r}.")
    figures = slice_figures(project, chosen.capabilities)
    return plan_verdict(project, Recommendation.of_slice(chosen.name, figures), readiness)


# the sentences -----------------------------------------------------------------------------


def _verdict(level: str, reason: str, conditions: tuple[str, ...] = ()) -> Verdict:
    return Verdict(level, LABELS[level], reason, conditions)


def _subject(recommended: Recommendation) -> str:
    if recommended.slice_name is not None:
        return f"The recommended slice {_quoted(recommended.slice_name)}"
    figures = recommended.figures
    return SMALLEST_SUBJECT if figures is not None and figures.viable else "The recommended scope"


def _not_needed_reason(project: Project) -> str:
    target = project.info.value_target
    value = "no value target is set" if target is None else f"the value target is {number(target)}"
    return (
        "Nothing is required yet: no capability is mandatory, no metric is a must-have, "
        f"no severe risk is open and {value}, so there is nothing for a scope to deliver."
    )


def _nothing_viable_reason(project: Project, reasons: Sequence[str]) -> str:
    """The optimizer's first reason, with risks named by their story and metrics quoted."""
    if not reasons:
        return sentence(_NOTHING_VIABLE)
    first = _lower_first(_quote_metrics(project, reasons[0]).rstrip(" ."))
    if len(reasons) == 1:
        return sentence(f"No scope can be viable because {first}")
    return sentence(
        f"No scope can be viable, for {len(reasons)} reasons, the first being that {first}"
    )


def _quote_metrics(project: Project, text: str) -> str:
    """The analysis's sentence with the must-have metrics it names in quotes, as risks are.

    The optimizer names a risk by its quoted story and a must-have metric bare
    (:mod:`scoping_app.analysis.infeasible`); the longest names are quoted first so that
    a name that begins another one never cuts into it.
    """
    metrics = sorted((m for m in project.metrics if m.must), key=lambda m: -len(m.name))
    for metric in metrics:
        text = text.replace(
            f"must-have metric {metric.name}", f"must-have metric {_quoted(metric.name)}"
        )
    return text


def _breaks_reason(project: Project, subject: str, figures: SliceFigures) -> str:
    """What a scope that is not viable breaks, every condition in one sentence, spec order."""
    info = project.info
    closure = set(figures.closure)
    covered = set(figures.metrics_covered)
    parts: list[str] = []
    missing = [
        _quoted(c.name) for c in project.capabilities if c.mandatory and c.key not in closure
    ]
    if missing:
        parts.append(f"leaves out the mandatory {_items(missing, 'capability', 'capabilities')}")
    undelivered = [_quoted(m.name) for m in project.metrics if m.must and m.key not in covered]
    if undelivered:
        parts.append(f"does not deliver the must-have {_items(undelivered, 'metric', 'metrics')}")
    budget = info.latency_budget_ms
    if budget is not None and figures.latency_ms > budget:
        have, allowed = number_pair(figures.latency_ms, budget)
        parts.append(f"takes {have} ms per interaction against a budget of {allowed} ms")
    budget = info.monthly_budget
    if budget is not None and figures.monthly_cost > budget:
        have, allowed = number_pair(figures.monthly_cost, budget)
        unit = info.currency
        parts.append(
            f"costs {money(have, unit)} a month against a budget of {money(allowed, unit)}"
        )
    target = info.value_target
    if target is not None and figures.value < target:
        have, wanted = number_pair(figures.value, target)
        parts.append(f"delivers {have} value points against a target of {wanted}")
    open_risks = set(figures.severe_risks_open)
    stories = [risk_label(r.story) for r in project.risks if r.key in open_risks]
    if stories:
        parts.append(f"leaves the severe {_items(stories, 'risk', 'risks')} open")
    if not parts:  # cannot happen for a scope that is not viable; its own sentences then
        return " ".join(figures.violations)
    return sentence(f"{subject} {and_join(parts)}")


# small helpers -----------------------------------------------------------------------------


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    """High severity first, then check order (the audit's own order)."""
    return sorted(findings, key=lambda f: f.severity != "high")


def _items(quoted: Sequence[str], one: str, many: str) -> str:
    """'capability “A”', 'capabilities “A” and “B”', 'capabilities “A”, “B”, “C” and 2 more'."""
    word = one if len(quoted) == 1 else many
    if len(quoted) > NAMES_SHOWN:
        rest = len(quoted) - NAMES_SHOWN
        return f"{word} {', '.join(quoted[:NAMES_SHOWN])} and {rest} more"
    return f"{word} {and_join(quoted)}"


def _quoted(text: str) -> str:
    return f"“{short(text)}”"


def _score(value: float) -> str:
    return f"{value:g}"


def _lower_first(text: str) -> str:
    """'The budget…' -> 'the budget…'; 'PII sources…' stays as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
