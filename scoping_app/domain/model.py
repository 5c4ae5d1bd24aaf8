"""The project aggregate: every entity and field of docs/format.md.

These pydantic models are the single description of a project. They validate
field by field on construction and on assignment, so nothing out of range can
reach the store; references between items (keys) are checked by
:mod:`scoping_app.domain.validation`, which sees the whole project.
"""

from __future__ import annotations

import math
import re
from datetime import date
from fractions import Fraction
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    FieldSerializationInfo,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_serializer,
    model_validator,
)

from scoping_app.domain import bounds
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

FORMAT = "ai-scoping-project"
FORMAT_VERSION = 2
"""The version of the exchange format this app writes; it reads every version up to it."""

KEY_PATTERN = r"^[a-z0-9_-]{1,64}$"
NAME_MAX = 200
TEXT_MAX = 20_000
OPTIONS_MAX = 100  # the most options one decision may list
SEVERE_SCORE = 15  # a risk's likelihood x impact from which it is severe (when open)
SEVERE_IMPACT = 4  # a failure mode's impact from which it is severe

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _parse_iso_date(value: Any) -> Any:
    """Accept a date or an ISO ``YYYY-MM-DD`` text; nothing else (no timestamps)."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        # date.fromisoformat also takes "20261002" and "2026-W40-5"; the format says YYYY-MM-DD.
        if not _ISO_DATE.fullmatch(value):
            raise ValueError("must be a date written as YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date written as YYYY-MM-DD") from None
    raise ValueError("must be a date written as YYYY-MM-DD")


def _finite_number(value: Any) -> Any:
    """Numbers only (not booleans, not texts), and never NaN or infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond the float range; pydantic would not catch it
        raise ValueError("is too large a number") from None
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def control_character(text: str, *, long: bool) -> str | None:
    """The first control character of ``text`` as ``U+001B`` (None when it has none).

    C0 characters (U+0000 to U+001F) and DEL (U+007F) are refused in every text,
    except tab and new line in a ``long`` text (a description, notes).
    """
    for character in text:
        code = ord(character)
        if (code < 0x20 or code == 0x7F) and not (long and character in "\t\n"):
            return f"U+{code:04X}"
    return None


def _without_control(long: bool, rule: str) -> AfterValidator:
    """The validator refusing a text that holds a control character, saying ``rule``."""

    def check(text: str) -> str:
        found = control_character(text, long=long)
        if found is not None:
            raise ValueError(f"holds the control character {found}{rule}")
        return text

    return AfterValidator(check)


_one_line = _without_control(False, ", which a name or one-line text may not hold")
_long_text = _without_control(
    True, "; a text may hold tab and new line, no other control character"
)


Key = Annotated[str, StringConstraints(strict=True, pattern=KEY_PATTERN)]
Name = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=NAME_MAX),
    _one_line,
]
Line = Annotated[str, StringConstraints(strict=True, max_length=TEXT_MAX), _one_line]
Text = Annotated[str, StringConstraints(strict=True, max_length=TEXT_MAX), _long_text]
RequiredText = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=TEXT_MAX),
    _long_text,
]
_FINITE = BeforeValidator(_finite_number)
LatencyBudget = Annotated[
    float, _FINITE, bounds.LATENCY_BUDGET_MS.field(), bounds.LATENCY_BUDGET_MS
]
Days = Annotated[float, _FINITE, bounds.EFFORT_DAYS.field(), bounds.EFFORT_DAYS]
Points = Annotated[float, _FINITE, bounds.VALUE_POINTS.field(), bounds.VALUE_POINTS]
Money = Annotated[float, _FINITE, bounds.MONEY.field(), bounds.MONEY]
Milliseconds = Annotated[float, _FINITE, bounds.LATENCY_MS.field(), bounds.LATENCY_MS]
PerDay = Annotated[float, _FINITE, bounds.VOLUME_PER_DAY.field(), bounds.VOLUME_PER_DAY]
Minutes = Annotated[float, _FINITE, bounds.MINUTES_PER_ITEM.field(), bounds.MINUTES_PER_ITEM]
Figure = Annotated[float, _FINITE, bounds.METRIC_FIGURE.field(), bounds.METRIC_FIGURE]
Records = Annotated[StrictInt, Field(ge=int(bounds.RECORDS.low), le=int(bounds.RECORDS.high))]
OneToFive = Annotated[StrictInt, Field(ge=int(bounds.SCORE.low), le=int(bounds.SCORE.high))]
IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
Currency = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{3}$")]
TeamSize = Annotated[StrictInt, Field(ge=int(bounds.TEAM_SIZE.low), le=int(bounds.TEAM_SIZE.high))]
Requests = Annotated[float, _FINITE, bounds.REQUESTS_PER_MONTH.field(), bounds.REQUESTS_PER_MONTH]
Tokens = Annotated[float, _FINITE, bounds.TOKENS_PER_REQUEST.field(), bounds.TOKENS_PER_REQUEST]
PricePerMillion = Annotated[
    float, _FINITE, bounds.PRICE_PER_MILLION_TOKENS.field(), bounds.PRICE_PER_MILLION_TOKENS
]
Share = Annotated[float, _FINITE, bounds.CACHE_HIT_RATE.field(), bounds.CACHE_HIT_RATE]
Calls = Annotated[
    float, _FINITE, bounds.CALLS_PER_INTERACTION.field(), bounds.CALLS_PER_INTERACTION
]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        validate_default=True,
        use_enum_values=False,
    )


class Effort(_Model):
    """Three-point estimate in person-days; ``expected`` is the PERT mean."""

    optimistic: Days
    likely: Days
    pessimistic: Days

    @model_validator(mode="before")
    @classmethod
    def _from_number_or_partial(cls, data: Any) -> Any:
        if isinstance(data, bool):
            raise ValueError("must be a number of person-days or an object with likely")
        if isinstance(data, int | float):
            return {"optimistic": data, "likely": data, "pessimistic": data}
        if isinstance(data, dict) and "likely" in data:
            filled = dict(data)
            filled.setdefault("optimistic", data["likely"])
            filled.setdefault("pessimistic", data["likely"])
            return filled
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Effort:
        if not (self.optimistic <= self.likely <= self.pessimistic):
            raise ValueError(
                "the optimistic estimate must not exceed the likely one, "
                "nor the likely one the pessimistic one"
            )
        return self

    @property
    def expected(self) -> float:
        return (self.optimistic + 4 * self.likely + self.pessimistic) / 6

    @classmethod
    def single(cls, days: float) -> Effort:
        return cls(optimistic=days, likely=days, pessimistic=days)


class ProjectInfo(_Model):
    name: Name
    industry: Industry = Industry.GENERAL
    pattern: Pattern = Pattern.OTHER
    problem: Text = ""
    objective: Text = ""
    owner: Line = ""
    latency_budget_ms: LatencyBudget | None = None
    monthly_budget: Money | None = None
    monthly_value: Money | None = None
    currency: Currency = "USD"
    value_target: Points | None = None
    deadline: IsoDate | None = None
    start_date: IsoDate | None = None
    team_size: TeamSize | None = None


class ProcessStep(_Model):
    key: Key
    name: Name
    actor: Line = ""
    description: Text = ""
    decision: Text = ""
    ai_role: AiRole = AiRole.NONE
    volume_per_day: PerDay | None = None
    minutes_per_item: Minutes | None = None
    data: list[Key] = Field(default_factory=list)

    @property
    def uses_ai(self) -> bool:
        """AI assists or automates the step."""
        return self.ai_role is not AiRole.NONE


class DataSource(_Model):
    key: Key
    name: Name
    description: Text = ""
    status: DataStatus = DataStatus.ASSUMED
    owner: Line = ""
    records: Records | None = None
    refresh: Line = ""
    quality: OneToFive | None = None
    pii: StrictBool = False
    residency: Line = ""
    verified_on: IsoDate | None = None
    notes: Text = ""

    @property
    def in_hand(self) -> bool:
        """The data is had, not assumed or still to acquire."""
        return self.status is DataStatus.HAVE


class Metric(_Model):
    key: Key
    name: Name
    kind: MetricKind = MetricKind.QUALITY
    unit: Line = ""
    baseline: Figure | None = None
    target: Figure | None = None
    direction: Direction = Direction.INCREASE
    method: Text = ""
    on_real_inputs: StrictBool = False
    must: StrictBool = False


def _within(figure: float, bound: bounds.Bound, what: str) -> None:
    """Refuse drivers whose figure is beyond what the figure's own field allows."""
    if not bound.contains(figure):
        raise ValueError(
            f"the {what} it gives is more than the most allowed, {bound.most()}; "
            "lower one of its numbers"
        )


def _decimal(number: float) -> Fraction:
    """A number as written in decimals (its shortest form): 0.1 -> 1/10, exactly."""
    return Fraction(repr(number))


TOKENS_PER_PRICE = 1_000_000
"""Model prices are per million tokens."""


class CostModel(_Model):
    """What a capability's monthly running cost is made of: model calls and a fixed part.

    monthly cost = requests x (1 - cache hit rate) x (input tokens x input price
    + output tokens x output price) / 1,000,000 + fixed monthly.

    A value: it is never changed in place (frozen), so that a capability always sees a
    driver change; give the capability a new model (``model_copy(update=…)``) instead.
    """

    model_config = ConfigDict(frozen=True)

    requests_per_month: Requests
    input_tokens: Tokens
    output_tokens: Tokens
    input_price_per_million: PricePerMillion
    output_price_per_million: PricePerMillion
    cache_hit_rate: Share = 0
    fixed_monthly: Money = 0

    def monthly_cost(self) -> float:
        """The formula worked exactly on the numbers as written (0.15 is 15/100, not the
        binary number nearest it), rounded once: what a product lead gets by hand."""
        per_request = _decimal(self.input_tokens) * _decimal(self.input_price_per_million) + (
            _decimal(self.output_tokens) * _decimal(self.output_price_per_million)
        )
        calls = _decimal(self.requests_per_month) * (1 - _decimal(self.cache_hit_rate))
        return float(calls * per_request / TOKENS_PER_PRICE + _decimal(self.fixed_monthly))

    @model_validator(mode="after")
    def _cost_within_money(self) -> CostModel:
        _within(self.monthly_cost(), bounds.MONEY, "monthly cost")
        return self


class LatencyModel(_Model):
    """What a capability's latency is made of: latency_ms = calls x p95 per call.

    A value, never changed in place, as :class:`CostModel`."""

    model_config = ConfigDict(frozen=True)

    calls_per_interaction: Calls
    p95_per_call_ms: Milliseconds

    def latency_ms(self) -> float:
        return float(_decimal(self.calls_per_interaction) * _decimal(self.p95_per_call_ms))

    @model_validator(mode="after")
    def _latency_within_bound(self) -> LatencyModel:
        _within(self.latency_ms(), bounds.LATENCY_MS, "latency")
        return self


class Capability(_Model):
    key: Key
    name: Name
    description: Text = ""
    category: Category = Category.OTHER
    effort: Effort = Field(default_factory=lambda: Effort.single(0))
    value: Points = 0
    latency_ms: Milliseconds = 0
    latency_model: LatencyModel | None = None
    monthly_cost: Money = 0
    cost_model: CostModel | None = None
    mandatory: StrictBool = False
    requires: list[Key] = Field(default_factory=list)
    delivers: list[Key] = Field(default_factory=list)
    uses_data: list[Key] = Field(default_factory=list)
    mitigates: list[Key] = Field(default_factory=list)

    @model_validator(mode="after")
    def _figures_from_models(self) -> Capability:
        """A cost or latency model sets its figure, at every validation and assignment.

        Written into the fields directly: assigning them would validate again, and again.
        ``model_copy(update=…)`` does not validate: validate the copy (as the services do)
        for its figures to follow a new model.
        """
        if self.cost_model is not None:
            self.__dict__["monthly_cost"] = self.cost_model.monthly_cost()
        if self.latency_model is not None:
            self.__dict__["latency_ms"] = self.latency_model.latency_ms()
        return self


class FailureMode(_Model):
    key: Key
    capability: Key
    description: RequiredText
    likelihood: OneToFive = 3
    impact: OneToFive = 3
    detection: Text = ""
    fallback: Fallback = Fallback.NONE
    fallback_notes: Text = ""
    owner: Line = ""

    @property
    def severe(self) -> bool:
        """Of impact 4 or 5."""
        return self.impact >= SEVERE_IMPACT

    @property
    def has_fallback(self) -> bool:
        return self.fallback is not Fallback.NONE


class Decision(_Model):
    key: Key
    topic: Topic = Topic.OTHER
    question: RequiredText
    options: list[Line] = Field(default_factory=list, max_length=OPTIONS_MAX)
    choice: Line = ""
    rationale: Text = ""
    status: DecisionStatus = DecisionStatus.OPEN

    @property
    def decided(self) -> bool:
        return self.status is DecisionStatus.DECIDED


class Risk(_Model):
    key: Key
    cause: RiskCause = RiskCause.OTHER
    story: RequiredText
    likelihood: OneToFive = 3
    impact: OneToFive = 3
    owner: Line = ""
    status: RiskStatus = RiskStatus.OPEN

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def severe(self) -> bool:
        """Open, with likelihood x impact of at least 15 (spec: severe risk)."""
        return self.status is RiskStatus.OPEN and self.score >= SEVERE_SCORE


class Slice(_Model):
    key: Key
    name: Name
    description: Text = ""
    capabilities: list[Key] = Field(default_factory=list)


class Project(_Model):
    """One AI initiative being scoped: the aggregate the store loads and saves whole."""

    info: ProjectInfo = Field(alias="project")
    process_steps: list[ProcessStep] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    capabilities: list[Capability] = Field(default_factory=list)
    failure_modes: list[FailureMode] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    slices: list[Slice] = Field(default_factory=list)

    model_config = ConfigDict(populate_by_name=True)

    @field_serializer("info")
    def _serialize_info(self, info: ProjectInfo, how: FieldSerializationInfo) -> dict[str, Any]:
        # the fields left out of ``info`` (without_empty_additions), passed on
        left_out: Any = how.exclude
        return info.model_dump(mode="json", exclude=left_out)

    @property
    def name(self) -> str:
        return self.info.name

    def capability(self, key: str) -> Capability:
        for capability in self.capabilities:
            if capability.key == key:
                return capability
        raise KeyError(key)

    def capabilities_by_key(self) -> dict[str, Capability]:
        return {c.key: c for c in self.capabilities}

    def slice(self, key: str) -> Slice:
        for item in self.slices:
            if item.key == key:
                return item
        raise KeyError(key)

    def find_slice(self, wanted: str) -> Slice | None:
        """A slice by key, else by name (exactly, then ignoring case and outer spaces)."""
        for matches in (
            lambda s: s.key == wanted,
            lambda s: s.name == wanted,
            lambda s: s.name.casefold() == wanted.strip().casefold(),
        ):
            for item in self.slices:
                if matches(item):
                    return item
        return None

    def copy_deep(self) -> Project:
        return self.model_copy(deep=True)


ADDED_IN_VERSION_2: dict[str, tuple[str, ...]] = {
    "info": ("start_date", "team_size"),
    "capabilities": ("latency_model", "cost_model"),
}
"""The optional fields format version 2 added, by part: left out of a file when empty."""


def without_empty_additions(project: Project) -> dict[str, Any]:
    """What to leave out of ``project``'s dump (pydantic's ``exclude``): each field
    :data:`ADDED_IN_VERSION_2` holds that is empty, so that a project using none of them
    writes out exactly as before version 2 (its file, its checksum)."""
    exclude: dict[str, Any] = {}
    info = {name for name in ADDED_IN_VERSION_2["info"] if getattr(project.info, name) is None}
    if info:
        exclude["info"] = info
    capabilities = {
        index: empty
        for index, capability in enumerate(project.capabilities)
        if (
            empty := {
                name
                for name in ADDED_IN_VERSION_2["capabilities"]
                if getattr(capability, name) is None
            }
        )
    }
    if capabilities:
        exclude["capabilities"] = capabilities
    return exclude


LIST_FIELDS: tuple[str, ...] = tuple(name for name in Project.model_fields if name != "info")
"""The nine lists of a project, in the order of the exchange format."""

PARTS: tuple[str, ...] = ("info", *LIST_FIELDS)
"""Every part of a project an edit can change: its fields (``info``) and its lists."""
