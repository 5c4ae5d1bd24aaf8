"""The ``*.scope.json`` exchange file: strict reading and faithful writing.

:func:`read_project` reads a file whole or not at all and, when it refuses one,
says where and what is wrong in the product lead's words (never a raw pydantic
message), gathering every problem it can find rather than the first.
:func:`dumps` and :func:`write_file` write every field, defaults included, so
that exporting a project and importing the file gives back the same project.
The contract is docs/format.md ("The exchange file", "Reading a file").
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import types
from collections.abc import Iterator, Sequence
from contextlib import suppress
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from scoping_app.domain.model import FORMAT, FORMAT_VERSION, KEY_PATTERN, LIST_FIELDS, Project
from scoping_app.domain.validation import Problem, check_project

__all__ = [
    "ExchangeError",
    "document",
    "dumps",
    "read_file",
    "read_project",
    "write_file",
]

LISTS = LIST_FIELDS
_TOP_FIELDS = frozenset({"format", "format_version", "project", *LISTS})
_NOT_OURS = "this is not an AI Scoping Studio project file"
_SHOWN = 10  # problems listed in an ExchangeError's message
_QUOTED = 40  # characters of a user's value quoted in a message
_EXACT_INT = 2**53  # integral floats below this are written as JSON integers


class ExchangeError(ValueError):
    """A project file that cannot be read; ``problems`` says where and what, all of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self._message())

    def __str__(self) -> str:
        return self._message()

    def _message(self) -> str:
        count = len(self.problems)
        if count == 1 and not self.problems[0].location:
            return self.problems[0].message
        found = "1 problem was found" if count == 1 else f"{count} problems were found"
        lines = [f"The file cannot be imported: {found}."]
        lines += [f"- {problem}" for problem in self.problems[:_SHOWN]]
        if count > _SHOWN:
            lines.append(f"… and {count - _SHOWN} more.")
        return "\n".join(lines)


# --- reading -------------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> Project:
    """The project in the file at ``path``; :class:`ExchangeError` when it cannot be read."""
    shown = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        message = f'There is no file "{shown}".'
        raise ExchangeError([Problem("", message)]) from None
    except IsADirectoryError:
        message = f'"{shown}" is a folder, not a project file.'
        raise ExchangeError([Problem("", message)]) from None
    except PermissionError:
        message = f'The file "{shown}" cannot be opened: permission denied.'
        raise ExchangeError([Problem("", message)]) from None
    except OSError as error:
        message = f'The file "{shown}" cannot be read: {error.strerror or error}.'
        raise ExchangeError([Problem("", message)]) from None
    return read_project(data)


def read_project(data: bytes | str) -> Project:
    """The project held by a ``*.scope.json`` file's content, read strictly.

    Raises :class:`ExchangeError` listing every problem found; nothing is
    half-read. References and cycles are checked once every field is sound.
    """
    text = _decode(data)
    raw = _parse_json(text)
    if not isinstance(raw, dict):
        message = (
            f"The file does not hold a project: it must be one JSON object ({{ … }}), "
            f"not {_kind(raw)}."
        )
        raise ExchangeError([Problem("", message)])
    _check_format(raw)

    problems: list[Problem] = []
    payload: dict[str, Any] = {}
    for name, value in raw.items():
        if name in ("format", "format_version"):
            continue
        if name in _TOP_FIELDS:
            payload[name] = value
        else:  # also catches "info", which pydantic would take for "project"
            problems.append(Problem("", f"unknown field {_quote(name)} at the top level"))
    try:
        project = Project.model_validate(payload)
    except ValidationError as error:
        problems += _translate_all(error, payload)
        raise ExchangeError(_unique(problems)) from None
    problems += check_project(project)
    if problems:
        raise ExchangeError(problems)
    return project


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    raw = bytes(data)
    # A byte-order mark, or a zero byte among the first two (JSON in UTF-8 has none).
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or 0 in raw[:2]:
        raise ExchangeError(
            [
                Problem(
                    "",
                    "The file is not UTF-8 text (it looks like UTF-16 or UTF-32). "
                    "Save it as UTF-8 and import it again.",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            f"The file is not UTF-8 text: byte {error.start + 1} (on line {line}) is not "
            "valid UTF-8. Save the file as UTF-8 and import it again."
        )
        raise ExchangeError([Problem("", message)]) from None


class _NonFinite:
    """Stands for a NaN or Infinity literal until its place in the file is known."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


class _RepeatedFields(dict[str, Any]):
    """A JSON object in which a field name was written more than once."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _RepeatedFields(result)
    seen: set[str] = set()
    marked.repeated = []
    for name, _ in pairs:
        if name in seen and name not in marked.repeated:
            marked.repeated.append(name)
        seen.add(name)
    return marked


_JSON_WORDS = (
    ("Expecting value", "a value was expected"),
    ("Expecting property name", "a field name in double quotes was expected"),
    ("Expecting ',' delimiter", "a comma was expected"),
    ("Expecting ':' delimiter", "a colon was expected"),
    ("Unterminated string", "a text is not closed with a double quote"),
    ("Invalid control character", "a text holds a raw line break or control character"),
    ("Invalid \\escape", "a text holds a backslash escape that JSON does not know"),
    ("Invalid \\u", "a text holds a \\u escape that is not four hexadecimal digits"),
    ("Extra data", "more follows the end of the JSON object"),
    ("Illegal trailing comma", "a comma stands before a closing bracket"),
)


def _parse_json(text: str) -> Any:
    if not text.strip():
        raise ExchangeError([Problem("", "The file is empty: a project file is a JSON object.")])
    try:
        raw = json.loads(text, parse_constant=_NonFinite, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        what = next(
            (words for start, words in _JSON_WORDS if error.msg.startswith(start)),
            error.msg[:1].lower() + error.msg[1:],
        )
        message = (
            f"The file is not valid JSON: {what} at line {error.lineno}, column {error.colno}."
        )
        raise ExchangeError([Problem("", message)]) from None
    except RecursionError:
        message = "The file is not a project file: its JSON is nested far too deeply."
        raise ExchangeError([Problem("", message)]) from None
    except ValueError:  # an integer of more than 4,300 digits
        message = "The file is not a project file: it holds a number with far too many digits."
        raise ExchangeError([Problem("", message)]) from None
    problems = list(_literal_problems(raw))
    if problems:
        raise ExchangeError(problems)
    return raw


def _literal_problems(raw: Any) -> Iterator[Problem]:
    """NaN and Infinity, field names written twice, and text that is not valid Unicode."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        value, path = stack.pop()
        where = _where(path)
        if isinstance(value, _NonFinite):
            yield Problem(
                where,
                f"{value.literal} is not allowed in a project file; write a number "
                "(or null where the field may be left empty)",
            )
        elif isinstance(value, str):
            if not _is_unicode(value):
                yield Problem(where, "holds a character that is not valid Unicode")
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            if isinstance(value, _RepeatedFields):
                for name in value.repeated:
                    yield Problem(where, f"the field {_quote(name)} is written more than once")
            for name in value:
                if not _is_unicode(name):
                    yield Problem(where, "has a field name that is not valid Unicode")
            stack.extend((item, (*path, name)) for name, item in reversed(value.items()))


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate written as a \ud800 escape
        return False
    return True


def _check_format(raw: dict[str, Any]) -> None:
    if "format" not in raw:
        message = f'{_NOT_OURS} (it has no "format" field)'
        raise ExchangeError([Problem("format", message)])
    if raw["format"] != FORMAT:
        message = f'{_NOT_OURS} (its format is {_describe(raw["format"])}, not "{FORMAT}")'
        raise ExchangeError([Problem("format", message)])
    if "format_version" not in raw:
        message = "is missing: a project file says which version of the format it follows"
        raise ExchangeError([Problem("format_version", message)])
    version = raw["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        message = f"must be a whole number such as {FORMAT_VERSION} (it is {_describe(version)})"
        raise ExchangeError([Problem("format_version", message)])
    if version > FORMAT_VERSION:
        message = (
            f"the file was made by a newer version of AI Scoping Studio (format version "
            f"{version}; this app reads up to {FORMAT_VERSION}); update the app to open it"
        )
        raise ExchangeError([Problem("format_version", message)])
    if version < 1:
        message = f"{version} is not a version of this format; versions start at 1"
        raise ExchangeError([Problem("format_version", message)])


# --- pydantic's errors in plain words -------------------------------------------------------


def _translate_all(error: ValidationError, payload: dict[str, Any]) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        problem = _translate(item, payload)
        if problem is not None:
            problems.append(problem)
    return problems


def _translate(error: Any, payload: dict[str, Any]) -> Problem | None:
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
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

    where = _where(loc)
    if kind == "extra_forbidden":
        return Problem(_where(loc[:-1]), f"unknown field {_quote(str(loc[-1]))}")
    if kind == "missing":
        return Problem(_where(loc[:-1]), f"missing required field {_quote(str(loc[-1]))}")
    if kind in ("value_error", "assertion_error"):
        # Our own validators' words (domain.model); a whole object is not worth repeating.
        message = str(ctx.get("error", "has a value that is not allowed here"))
        if not isinstance(value, dict | list):
            message += f" (it is {_describe(value)})"
        return Problem(where, message)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[-1] == "effort":
            return Problem(
                where,
                "must be a number of person-days, or an object with optimistic, likely "
                f"and pessimistic (it is {_describe(value)})",
            )
        return Problem(where, f"must be a JSON object ({{ … }}) (it is {_describe(value)})")
    if kind in _TYPE_WORDS:
        return Problem(where, f"{_TYPE_WORDS[kind]} (it is {_describe(value)})")
    if kind == "enum":
        return Problem(where, f"must be one of: {_choices(loc, ctx)} (it is {_describe(value)})")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return Problem(where, f"{_range_words(loc, ctx)} (it is {_describe(value)})")
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return Problem(where, "must not be empty")
        return Problem(where, f"must have at least {ctx.get('min_length')} characters")
    if kind in ("string_too_long", "too_long"):
        longest = ctx.get("max_length")
        found = f" ({len(value):,} characters)" if isinstance(value, str) else ""
        unit = "items" if isinstance(value, list) else "characters"
        if not isinstance(longest, int):
            return Problem(where, f"is too long{found}")
        return Problem(where, f"is too long{found}: at most {longest:,} {unit} are allowed")
    if kind == "string_pattern_mismatch":
        return Problem(where, _pattern_words(ctx.get("pattern"), value))
    if kind.startswith("date"):
        return Problem(where, f"must be a date written as YYYY-MM-DD (it is {_describe(value)})")
    return Problem(where, f"has a value that is not allowed here (it is {_describe(value)})")


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


def _effort_part(
    loc: tuple[str | int, ...], payload: dict[str, Any]
) -> tuple[int, str, Any] | None:
    """(position of "effort" in loc, the estimate named, what the file wrote for effort)."""
    if len(loc) < 2 or loc[-2] != "effort" or loc[-1] not in _ESTIMATES:
        return None
    written: Any = payload
    for part in loc[:-1]:
        try:
            written = written[part]
        except (KeyError, IndexError, TypeError):
            return None
    return len(loc) - 1, str(loc[-1]), written


def _pattern_words(pattern: object, value: object) -> str:
    if pattern in (KEY_PATTERN, KEY_PATTERN.strip("^$")):
        return (
            f"{_describe(value)} is not a valid key: a key is 1 to 64 characters "
            "of a-z, 0-9, _ and -"
        )
    if pattern == r"^[A-Z]{3}$":
        return (
            "must be a three-letter ISO 4217 currency code in capitals, such as USD or EUR "
            f"(it is {_describe(value)})"
        )
    return f"is not written in the expected form (it is {_describe(value)})"


def _choices(loc: tuple[str | int, ...], ctx: dict[str, Any]) -> str:
    annotation, _ = _field_at(loc)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ", ".join(str(member.value) for member in annotation)
    expected = str(ctx.get("expected", ""))
    return expected.replace("'", "").replace(" or ", ", ")


def _range_words(loc: tuple[str | int, ...], ctx: dict[str, Any]) -> str:
    bounds: dict[str, Any] = {}
    _, metadata = _field_at(loc)
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


def _field_at(loc: tuple[str | int, ...]) -> tuple[Any, list[Any]]:
    """The type and constraints of the field at ``loc`` in a Project, as far as found."""
    annotation: Any = Project
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


# --- words for values and places ------------------------------------------------------------


def _where(loc: Sequence[str | int]) -> str:
    """``("capabilities", 3, "requires", 0)`` -> ``capabilities[3].requires[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _quote(text: str) -> str:
    if len(text) > _QUOTED:
        text = text[: _QUOTED - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _describe(value: Any) -> str:
    """A value as a product lead would recognise it in the file."""
    if isinstance(value, str):
        return f"the text {_quote(value)}"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        text = repr(value)  # 2.0 stays 2.0: "must be a whole number (it is 2)" would puzzle
        return text if len(text) <= _QUOTED else f"a number of {len(text)} digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a value of another kind"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a number"


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


# --- writing -------------------------------------------------------------------------------


def document(project: Project) -> dict[str, Any]:
    """The exchange document for ``project``: every field written, defaults included."""
    body = project.model_dump(mode="json", by_alias=True)
    return {"format": FORMAT, "format_version": FORMAT_VERSION, **_plain_numbers(body)}


def _plain_numbers(value: Any) -> Any:
    """Integral floats as JSON integers (5.0 -> 5); others keep their full precision."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INT:
            return int(value)
        return value
    if isinstance(value, dict):
        return {name: _plain_numbers(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(item) for item in value]
    return value


def dumps(project: Project) -> str:
    """The file's text: UTF-8 JSON, indented by two, ending with a newline."""
    text = json.dumps(document(project), indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def write_file(project: Project, path: str | os.PathLike[str]) -> None:
    """Write the project to ``path`` atomically: the old file stays whole until the new one is.

    The text goes to a temporary file beside the target, is flushed to disk, and
    replaces the target in one step. Raises :class:`OSError` when the folder
    cannot be written; the target and the folder are then left as they were.
    """
    data = dumps(project).encode("utf-8")
    target = Path(os.path.realpath(path))  # through a symbolic link, not over it
    folder = target.parent
    temporary, handle = _create_beside(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _create_beside(target: Path) -> tuple[Path, int]:
    """A new, empty file in the target's folder (mode 0o666 less the umask) and its handle."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _keep_mode(target: Path, temporary: Path) -> None:
    """An existing file keeps its permissions when it is replaced."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with suppress(OSError):
        os.chmod(temporary, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, the file is already whole."""
    if os.name == "nt":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)
