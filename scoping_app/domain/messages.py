"""Validation errors in the product lead's words: one translator for the importer and the window.

pydantic reports a refused value as a type code, a location tuple and an English
message written for programmers ("Input should be a valid integer"). Here each
of those becomes a :class:`~scoping_app.domain.validation.Problem`: where, in the
file's notation (``capabilities[3].requires[0]``), and what, in plain words with
the value as the user wrote it ("must be a whole number (it is 2.5)").

- :func:`describe_validation_error` gives every problem of a pydantic error;
- :func:`problems_of` does the same for any refusal of the domain (a pydantic
  error, :class:`~scoping_app.domain.validation.ProjectInvalid`, a cycle);
- :func:`message_for` gives the refusal as one text to show;
- :func:`field_messages` gives one message per field, for a form showing each
  message beside the field it is about.
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from scoping_app.domain import model as _model
from scoping_app.domain.bounds import Bound
from scoping_app.domain.model import KEY_PATTERN, Project
from scoping_app.domain.validation import Problem, ProjectInvalid, bounded_lines

__all__ = [
    "KEY_RULE",
    "KEY_WORDS",
    "describe_validation_error",
    "describe_value",
    "field_messages",
    "message_for",
    "problems_of",
    "quote",
    "where",
]

QUOTED = 40  # characters of a user's value quoted in a message

KEY_RULE = "1 to 64 characters of a-z, 0-9, _ and -"
"""What a key may hold (``model.KEY_PATTERN``), in words: the one place this rule is said."""

KEY_WORDS = f"must be {KEY_RULE}"
"""The message under a key field that holds something else."""

Location = tuple[str | int, ...]

# The domain's models by name: a pydantic error's title names the model that refused.
_MODELS: dict[str, type[BaseModel]] = {
    name: value
    for name, value in vars(_model).items()
    if isinstance(value, type) and issubclass(value, BaseModel) and not name.startswith("_")
}


# --- the public API -------------------------------------------------------------------------


def describe_validation_error(
    error: ValidationError, payload: Mapping[str, Any] | None = None
) -> list[Problem]:
    """Every problem of ``error`` in plain words, each once, in pydantic's order.

    ``payload`` is what was validated, when the caller has it: an estimate the
    model fills from another (``effort: 5``) is then reported once, as written.
    """
    problems = []
    for loc, text in _translated(error, payload):
        named = _OVER in text or not _NAMED_FIELDS.isdisjoint(map(str, loc))
        place = item_place(loc, payload) if named and payload else ""
        problems.append(Problem(where(loc), text, place))
    return list(dict.fromkeys(problems))


def problems_of(error: BaseException) -> list[Problem]:
    """The problems of any refusal: a pydantic error, ProjectInvalid (a cycle too), or other."""
    if isinstance(error, ValidationError):
        return describe_validation_error(error)
    if isinstance(error, ProjectInvalid):
        return list(error.problems)
    return [Problem("", str(error))]


def message_for(error: BaseException) -> str:
    """The refusal as text to show: one line per problem, "where: what" (ProjectInvalid's form),
    the first few of them and a count of the rest."""
    return "\n".join(bounded_lines([str(problem) for problem in problems_of(error)]))


def field_messages(error: ValidationError) -> dict[str, str]:
    """One message per top-level field of the model that refused ("" for the whole model).

    A problem deeper in a field keeps the rest of its place: ``{"effort": "likely: must be
    at least 0 (it is -1)"}``. The first problem of a field is the one given.
    """
    messages: dict[str, str] = {}
    for loc, text in _translated(error, None):
        field = str(loc[0]) if loc else ""
        rest = where(loc[1:])
        messages.setdefault(field, f"{rest}: {text}" if rest else text)
    return messages


# --- words for values and places ------------------------------------------------------------


def where(loc: Sequence[str | int]) -> str:
    """``("capabilities", 3, "requires", 0)`` -> ``capabilities[3].requires[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_ITEM_WORDS = {
    "project": "Project",
    "process_steps": "Process step",
    "data_sources": "Data source",
    "metrics": "Metric",
    "capabilities": "Capability",
    "failure_modes": "Failure mode",
    "decisions": "Decision",
    "risks": "Risk",
    "slices": "Slice",
}


def item_place(loc: Sequence[str | int], payload: Mapping[str, Any]) -> str:
    """A place in words naming the item by its name (else its key), as in
    ``Capability "Ticket export" (capabilities[3]), effort likely``; "" when unknown."""
    if not loc or str(loc[0]) not in _ITEM_WORDS:
        return ""
    head = 1 if loc[0] == "project" else 2
    item: Any = payload.get(str(loc[0]))
    if head == 2:
        index = loc[1] if len(loc) > 1 else None
        found = isinstance(item, list) and isinstance(index, int) and 0 <= index < len(item)
        item = item[index] if found else None
    label = item.get("name", item.get("key")) if isinstance(item, dict) else None
    words = _ITEM_WORDS[str(loc[0])]
    if isinstance(label, str):
        words += f" {quote(label)}"
    field = " ".join(str(part).replace("_", " ") for part in loc[head:] if isinstance(part, str))
    place = f"{words} ({where(loc[:head])})"
    return f"{place}, {field}" if field else place


def quote(text: str) -> str:
    """A user's text in double quotes, cut short with … when long."""
    if len(text) > QUOTED:
        text = text[: QUOTED - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def describe_value(value: Any) -> str:
    """A value as a product lead would recognise it in the file."""
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        text = repr(value)  # 2.0 stays 2.0: "must be a whole number (it is 2)" would puzzle
        return text if len(text) <= QUOTED else f"a number of {len(text)} digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a value of another kind"


# --- pydantic's errors in plain words -------------------------------------------------------


def _translated(
    error: ValidationError, payload: Mapping[str, Any] | None
) -> list[tuple[Location, str]]:
    root = _MODELS.get(error.title, Project)
    found = []
    for item in error.errors(include_url=False):
        translated = _translate(item, root, payload)
        if translated is not None:
            found.append(translated)
    return found


def _translate(
    error: Any, root: type[BaseModel], payload: Mapping[str, Any] | None
) -> tuple[Location, str] | None:
    kind: str = error["type"]
    loc: Location = tuple(error["loc"])
    value = error.get("input")
    ctx: dict[str, Any] = error.get("ctx") or {}

    effort = _effort_part(loc, payload)
    if effort is not None:
        # The model fills a missing optimistic or pessimistic estimate from the likely
        # one (or all three from a single number): report what the file wrote, once.
        position, part, written = effort
        if isinstance(written, dict):
            if part != "likely" and part not in written:
                return None
        elif kind != "missing":
            loc = loc[:position]

    it_is = f"(it is {describe_value(value)})"
    if kind == "extra_forbidden":
        return loc[:-1], f"unknown field {quote(str(loc[-1]))}"
    if kind == "missing":
        return loc[:-1], f"missing required field {quote(str(loc[-1]))}"
    if kind in ("value_error", "assertion_error"):
        # Our own validators' words (domain.model); a whole object is not worth repeating.
        message = str(ctx.get("error", "has a value that is not allowed here"))
        if not isinstance(value, dict | list):
            message += f" {it_is}"
        return loc, message
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[-1] == "effort":
            return loc, (
                "must be a number of person-days, or an object with optimistic, likely "
                f"and pessimistic {it_is}"
            )
        return loc, f"must be a JSON object ({{ … }}) {it_is}"
    if kind in _TYPE_WORDS:
        return loc, f"{_TYPE_WORDS[kind]} {it_is}"
    if kind == "enum":
        return loc, f"must be one of: {_choices(root, loc, ctx)} {it_is}"
    if kind in ("less_than", "less_than_equal"):
        bound = _bound_at(root, loc)
        if bound is not None:
            return loc, f"{_number_words(value)} {_OVER}, {bound.most()}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return loc, f"{_range_words(root, loc, ctx)} {it_is}"
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return loc, "must not be empty"
        return loc, f"must have at least {ctx.get('min_length')} characters"
    if kind in ("string_too_long", "too_long"):
        return loc, _too_long(value, ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return loc, _pattern_words(ctx.get("pattern"), value)
    if kind.startswith("date"):
        return loc, f"must be a date written as YYYY-MM-DD {it_is}"
    return loc, f"has a value that is not allowed here {it_is}"


_TYPE_WORDS = {
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "list_type": "must be a list ([ … ])",
    "none_required": "must be null",
}


_ESTIMATES = ("optimistic", "likely", "pessimistic")


def _effort_part(loc: Location, payload: Mapping[str, Any] | None) -> tuple[int, str, Any] | None:
    """(position of "effort" in loc, the estimate named, what was written for effort)."""
    if payload is None or len(loc) < 2 or loc[-2] != "effort" or loc[-1] not in _ESTIMATES:
        return None
    written: Any = payload
    for part in loc[:-1]:
        try:
            written = written[part]
        except (KeyError, IndexError, TypeError):
            return None
    return len(loc) - 1, str(loc[-1]), written


def _too_long(value: object, longest: object) -> str:
    found = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    unit = "items" if isinstance(value, list) else "characters"
    if not isinstance(longest, int):
        return f"is too long{found}"
    return f"is too long{found}: at most {longest:,} {unit} are allowed"


def _pattern_words(pattern: object, value: object) -> str:
    if pattern in (KEY_PATTERN, KEY_PATTERN.strip("^$")):
        return f"{KEY_WORDS} (it is {describe_value(value)})"
    if pattern == r"^[A-Z]{3}$":
        return (
            "must be a three-letter ISO 4217 currency code in capitals, such as USD or EUR "
            f"(it is {describe_value(value)})"
        )
    return f"is not written in the expected form (it is {describe_value(value)})"


def _choices(root: type[BaseModel], loc: Location, ctx: dict[str, Any]) -> str:
    annotation, _ = _field_at(root, loc)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ", ".join(str(member.value) for member in annotation)
    expected = str(ctx.get("expected", ""))
    return expected.replace("'", "").replace(" or ", ", ")


def _range_words(root: type[BaseModel], loc: Location, ctx: dict[str, Any]) -> str:
    bounds: dict[str, Any] = {}
    _, metadata = _field_at(root, loc)
    bound = next((item for item in metadata if isinstance(item, Bound)), None)
    if bound is not None:  # below the least; above the most is said by _translate
        return f"must be {'greater than' if bound.above_low else 'at least'} {_number(bound.low)}"
    for item in metadata:
        for name in ("gt", "ge", "lt", "le"):
            limit = getattr(item, name, None)
            if limit is not None:
                bounds[name] = limit
    if not bounds:
        bounds = {name: ctx[name] for name in ("gt", "ge", "lt", "le") if name in ctx}
    words = []
    if "ge" in bounds:
        words.append(f"at least {_number(bounds['ge'])}")
    elif "gt" in bounds:
        words.append(f"greater than {_number(bounds['gt'])}")
    if "le" in bounds:
        words.append(f"at most {_number(bounds['le'])}")
    elif "lt" in bounds:
        words.append(f"less than {_number(bounds['lt'])}")
    return "must be " + " and ".join(words) if words else "is out of range"


_OVER = "is more than the most allowed"
_NAMED_FIELDS = frozenset({"cost_model", "latency_model"})  # a driver's item is always named


def _bound_at(root: type[BaseModel], loc: Location) -> Bound | None:
    _, metadata = _field_at(root, loc)
    return next((item for item in metadata if isinstance(item, Bound)), None)


def _number_words(value: Any) -> str:
    """A number as written in a file: ``1e308``, ``150000``, ``2.5``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return describe_value(value).replace("e+", "e")
    return describe_value(value)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _field_at(root: type[BaseModel], loc: Location) -> tuple[Any, list[Any]]:
    """The type and constraints of the field at ``loc`` in ``root``, as far as found."""
    annotation: Any = root
    metadata: list[Any] = []
    for part in loc:
        annotation, metadata = _unwrap(annotation, metadata)
        if isinstance(part, int):
            if get_origin(annotation) is not list:
                return None, []
            annotation, metadata = get_args(annotation)[0], []
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None, []
        field = _model_field(annotation, part)
        if field is None:
            return None, []
        annotation, metadata = field.annotation, list(field.metadata)
    return _unwrap(annotation, metadata)


def _model_field(model: type[BaseModel], name: str) -> FieldInfo | None:
    for field_name, field in model.model_fields.items():
        if name in (field_name, field.alias):
            return field
    return None


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip ``X | None`` and ``Annotated[X, …]``, gathering the constraints on the way."""
    found = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            found += extra
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                break
            annotation = options[0]
        else:
            break
    flat: list[Any] = []
    for item in found:
        flat += item.metadata if isinstance(item, FieldInfo) else [item]
    return annotation, flat
