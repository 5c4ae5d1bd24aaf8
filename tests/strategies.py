"""Hypothesis strategies for random *valid* domain objects, shared by every layer's tests.

``projects()`` draws a whole Project that passes both the models and
:func:`scoping_app.domain.validation.check_project`: keys unique within each
list, every reference naming an existing item (never twice in one list), and
the capabilities' ``requires`` forming a DAG. Text is any Unicode except lone
surrogates (which no UTF-8 file, database or PDF can hold); optional fields
are sometimes None, sometimes set. Sizes are kept small so that a hundred
examples take a second or two; pass larger bounds where a test needs them.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from hypothesis import strategies as st

from scoping_app.domain import bounds
from scoping_app.domain.bounds import Bound
from scoping_app.domain.enums import (
    AiRole,
    Category,
    DataStatus,
    DecisionStatus,
    Direction,
    Fallback,
    Industry,
    MetricKind,
    Pattern,
    RiskCause,
    RiskStatus,
    Topic,
)
from scoping_app.domain.model import (
    NAME_MAX,
    Capability,
    CostModel,
    DataSource,
    Decision,
    Effort,
    FailureMode,
    LatencyModel,
    Metric,
    ProcessStep,
    Project,
    ProjectInfo,
    Risk,
    Slice,
)

KEY_ALPHABET = string.ascii_lowercase + string.digits + "_-"
KEY_MAX = 64

# Any code point but a lone surrogate and a control character the model refuses (C0 and
# DEL): letters of every script, emoji, combining marks, C1 controls, quotes, backslashes.
CONTROL = "".join(map(chr, range(0x20))) + "\x7f"
characters = st.characters(exclude_categories=("Cs",), exclude_characters=CONTROL)

__all__ = [
    "capabilities",
    "dates",
    "efforts",
    "keys",
    "names",
    "non_negative",
    "numbers",
    "positive",
    "project_infos",
    "projects",
    "texts",
    "within",
]


@cache
def keys() -> st.SearchStrategy[str]:
    """Valid item keys: mostly short, sometimes the longest allowed."""
    return st.one_of(
        st.text(KEY_ALPHABET, min_size=1, max_size=12),
        st.text(KEY_ALPHABET, min_size=1, max_size=12),
        st.text(KEY_ALPHABET, min_size=KEY_MAX, max_size=KEY_MAX),
    )


@cache
def names(max_size: int = 30) -> st.SearchStrategy[str]:
    """Valid names (1 to 200 characters, any Unicode): mostly short, sometimes the longest."""
    short = st.text(characters, min_size=1, max_size=max_size)
    return st.one_of(short, short, short, st.text(characters, min_size=NAME_MAX, max_size=NAME_MAX))


@cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Free texts; often empty, as most are in a real project."""
    return st.one_of(st.just(""), st.text(characters, max_size=max_size))


def _floats(**bounds: Any) -> st.SearchStrategy[float]:
    return st.floats(allow_nan=False, allow_infinity=False, **bounds)


@cache
def within(bound: Bound) -> st.SearchStrategy[float]:
    """Numbers in ``bound``, as an int or a float: whole and fractional, tiny (subnormal)
    and the largest allowed."""
    low, high = int(bound.low) + int(bound.above_low), int(bound.high)
    floats = _floats(min_value=float(bound.low), max_value=float(bound.high))
    if bound.above_low:
        floats = _floats(min_value=float(bound.low), max_value=float(bound.high), exclude_min=True)
    return st.integers(low, high) | floats | st.just(bound.high)


def numbers() -> st.SearchStrategy[float]:
    """Any number a metric may hold, negative included."""
    return within(bounds.METRIC_FIGURE)


def non_negative() -> st.SearchStrategy[float]:
    """Numbers >= 0 up to the most money allowed."""
    return within(bounds.MONEY)


def positive() -> st.SearchStrategy[float]:
    """Numbers > 0, as a latency budget takes them."""
    return within(bounds.LATENCY_BUDGET_MS)


@cache
def dates() -> st.SearchStrategy[date]:
    return st.dates()


@cache
def efforts() -> st.SearchStrategy[Effort]:
    """Three-point estimates with optimistic <= likely <= pessimistic, or a single number."""
    three = st.lists(within(bounds.EFFORT_DAYS), min_size=3, max_size=3).map(sorted)
    return st.one_of(
        three.map(lambda v: Effort(optimistic=v[0], likely=v[1], pessimistic=v[2])),
        within(bounds.EFFORT_DAYS).map(Effort.single),
    )


@cache  # building a strategy is slow next to drawing from one: build each once
def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _subsets(known: Sequence[str], max_size: int = 4) -> st.SearchStrategy[list[str]]:
    """A few distinct keys out of ``known``, in a random order (none when nothing is known)."""
    if not known:
        return st.just([])
    return st.lists(st.sampled_from(list(known)), unique=True, max_size=max_size)


@cache
def _key_lists(max_items: int) -> st.SearchStrategy[list[str]]:
    return st.lists(keys(), unique=True, max_size=max_items)


_ONE_TO_FIVE = st.integers(1, 5)
_RECORDS = _optional(st.integers(0, 2**63 - 1))  # the store keeps 64-bit integers
_TEAM_SIZES = _optional(st.integers(int(bounds.TEAM_SIZE.low), int(bounds.TEAM_SIZE.high)))
_CURRENCIES = st.text(string.ascii_uppercase, min_size=3, max_size=3)


def _one_of_enum(enum: type[Any]) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(enum))


_INDUSTRIES = _one_of_enum(Industry)
_PATTERNS = _one_of_enum(Pattern)
_AI_ROLES = _one_of_enum(AiRole)
_DATA_STATUSES = _one_of_enum(DataStatus)
_METRIC_KINDS = _one_of_enum(MetricKind)
_DIRECTIONS = _one_of_enum(Direction)
_CATEGORIES = _one_of_enum(Category)
_FALLBACKS = _one_of_enum(Fallback)
_TOPICS = _one_of_enum(Topic)
_DECISION_STATUSES = _one_of_enum(DecisionStatus)
_RISK_CAUSES = _one_of_enum(RiskCause)
_RISK_STATUSES = _one_of_enum(RiskStatus)
_BOOLEANS = st.booleans()


@st.composite
def project_infos(
    draw: st.DrawFn,
    name_values: st.SearchStrategy[str] | None = None,
    text_values: st.SearchStrategy[str] | None = None,
) -> ProjectInfo:
    """The project's own fields; budgets and targets sometimes set, sometimes None."""
    name = names() if name_values is None else name_values
    text = texts() if text_values is None else text_values
    return ProjectInfo(
        name=draw(name),
        industry=draw(_INDUSTRIES),
        pattern=draw(_PATTERNS),
        problem=draw(text),
        objective=draw(text),
        owner=draw(text),
        latency_budget_ms=draw(_optional(positive())),
        monthly_budget=draw(_optional(non_negative())),
        monthly_value=draw(_optional(non_negative())),
        currency=draw(_CURRENCIES),
        value_target=draw(_optional(within(bounds.VALUE_POINTS))),
        deadline=draw(_optional(dates())),
        start_date=draw(_optional(dates())),
        team_size=draw(_TEAM_SIZES),
    )


def _up_to(high: float) -> st.SearchStrategy[float]:
    return st.integers(0, int(high)) | _floats(min_value=0.0, max_value=high)


@st.composite
def cost_models(draw: st.DrawFn) -> CostModel:
    """Cost drivers whose monthly cost stays within the money allowed (at most 1e11)."""
    return CostModel(
        requests_per_month=draw(_up_to(1e9)),
        input_tokens=draw(_up_to(1e5)),
        output_tokens=draw(_up_to(1e5)),
        input_price_per_million=draw(_up_to(500.0)),
        output_price_per_million=draw(_up_to(500.0)),
        cache_hit_rate=draw(within(bounds.CACHE_HIT_RATE)),
        fixed_monthly=draw(_up_to(1e9)),
    )


@st.composite
def latency_models(draw: st.DrawFn) -> LatencyModel:
    """Latency drivers whose latency stays within the latency allowed."""
    return LatencyModel(
        calls_per_interaction=draw(_up_to(1_000.0)), p95_per_call_ms=draw(_up_to(10_000.0))
    )


_COST_MODELS = _optional(cost_models())
_LATENCY_MODELS = _optional(latency_models())


@st.composite
def capabilities(
    draw: st.DrawFn,
    max_items: int = 5,
    metrics: Sequence[str] = (),
    data_sources: Sequence[str] = (),
    risks: Sequence[str] = (),
    name_values: st.SearchStrategy[str] | None = None,
    text_values: st.SearchStrategy[str] | None = None,
) -> list[Capability]:
    """Capabilities whose ``requires`` form a DAG, listed in a random order.

    A capability requires only capabilities drawn before it, so there is no
    cycle; the list is then shuffled so that its order says nothing about the
    dependencies. ``delivers``, ``uses_data`` and ``mitigates`` name the given keys.
    """
    name = names() if name_values is None else name_values
    text = texts() if text_values is None else text_values
    cap_keys = draw(_key_lists(max_items))
    earlier = _subsets(cap_keys, max_size=3)
    delivers, uses, mitigates = _subsets(metrics), _subsets(data_sources), _subsets(risks)
    items = []
    for index, key in enumerate(cap_keys):
        before = set(cap_keys[:index])
        items.append(
            Capability(
                key=key,
                name=draw(name),
                description=draw(text),
                category=draw(_CATEGORIES),
                effort=draw(efforts()),
                value=draw(within(bounds.VALUE_POINTS)),
                latency_ms=draw(within(bounds.LATENCY_MS)),
                latency_model=draw(_LATENCY_MODELS),
                monthly_cost=draw(within(bounds.MONEY)),
                cost_model=draw(_COST_MODELS),
                mandatory=draw(_BOOLEANS),
                requires=[k for k in draw(earlier) if k in before],
                delivers=draw(delivers),
                uses_data=draw(uses),
                mitigates=draw(mitigates),
            )
        )
    return draw(st.permutations(items))


@st.composite
def projects(draw: st.DrawFn, max_items: int = 5, max_text: int = 40) -> Project:
    """A random valid Project with at most ``max_items`` items in each list.

    Every list may come out empty; each item has every field drawn (optional
    ones None or set), and all references are sound.
    """
    # Drawing every text character by character is what makes projects slow to
    # generate: a small pool of texts and names per project, sampled from, keeps
    # them varied (any Unicode, empty, 200-character names) and fast.
    text_pool = ["", *draw(st.lists(texts(max_text), min_size=1, max_size=6))]
    name_pool = draw(st.lists(names(max_text), min_size=1, max_size=6))
    text, name = st.sampled_from(text_pool), st.sampled_from(name_pool)
    key_lists = _key_lists(max_items)

    source_keys = draw(key_lists)
    metric_keys = draw(key_lists)
    risk_keys = draw(key_lists)
    caps = draw(
        capabilities(
            max_items=max_items,
            metrics=metric_keys,
            data_sources=source_keys,
            risks=risk_keys,
            name_values=name,
            text_values=text,
        )
    )
    cap_keys = [c.key for c in caps]

    sources = _subsets(source_keys)
    process_steps = [
        ProcessStep(
            key=key,
            name=draw(name),
            actor=draw(text),
            description=draw(text),
            decision=draw(text),
            ai_role=draw(_AI_ROLES),
            volume_per_day=draw(_optional(within(bounds.VOLUME_PER_DAY))),
            minutes_per_item=draw(_optional(within(bounds.MINUTES_PER_ITEM))),
            data=draw(sources),
        )
        for key in draw(key_lists)
    ]
    data_sources = [
        DataSource(
            key=key,
            name=draw(name),
            description=draw(text),
            status=draw(_DATA_STATUSES),
            owner=draw(text),
            records=draw(_RECORDS),
            refresh=draw(text),
            quality=draw(_optional(_ONE_TO_FIVE)),
            pii=draw(_BOOLEANS),
            residency=draw(text),
            verified_on=draw(_optional(dates())),
            notes=draw(text),
        )
        for key in source_keys
    ]
    metrics = [
        Metric(
            key=key,
            name=draw(name),
            kind=draw(_METRIC_KINDS),
            unit=draw(text),
            baseline=draw(_optional(numbers())),
            target=draw(_optional(numbers())),
            direction=draw(_DIRECTIONS),
            method=draw(text),
            on_real_inputs=draw(_BOOLEANS),
            must=draw(_BOOLEANS),
        )
        for key in metric_keys
    ]
    owners = st.sampled_from(cap_keys) if cap_keys else st.nothing()
    failure_modes = [
        FailureMode(
            key=key,
            capability=draw(owners),
            description=draw(name),
            likelihood=draw(_ONE_TO_FIVE),
            impact=draw(_ONE_TO_FIVE),
            detection=draw(text),
            fallback=draw(_FALLBACKS),
            fallback_notes=draw(text),
            owner=draw(text),
        )
        for key in (draw(key_lists) if cap_keys else [])
    ]
    decisions = [
        Decision(
            key=key,
            topic=draw(_TOPICS),
            question=draw(name),
            options=draw(st.lists(text, max_size=4)),
            choice=draw(text),
            rationale=draw(text),
            status=draw(_DECISION_STATUSES),
        )
        for key in draw(key_lists)
    ]
    risks = [
        Risk(
            key=key,
            cause=draw(_RISK_CAUSES),
            story=draw(name),
            likelihood=draw(_ONE_TO_FIVE),
            impact=draw(_ONE_TO_FIVE),
            owner=draw(text),
            status=draw(_RISK_STATUSES),
        )
        for key in risk_keys
    ]
    picks = _subsets(cap_keys, max_size=max_items)
    slices = [
        Slice(key=key, name=draw(name), description=draw(text), capabilities=draw(picks))
        for key in draw(key_lists)
    ]
    return Project(
        info=draw(project_infos(name, text)),
        process_steps=process_steps,
        data_sources=data_sources,
        metrics=metrics,
        capabilities=caps,
        failure_modes=failure_modes,
        decisions=decisions,
        risks=risks,
        slices=slices,
    )
