"""Reading a ``*.scope.json`` exchange file: strictly, whole or not at all.

:func:`read_project` reads a file's content and, when it refuses one, says where
and what is wrong in the product lead's words (never a raw pydantic message,
see :mod:`scoping_app.domain.messages`), gathering every problem it can find
rather than the first. :func:`read_file` does the same for a file on disk. The
contract is docs/format.md ("The exchange file", "Reading a file"); writing is
:mod:`scoping_app.store.exporting`.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from scoping_app.domain.messages import (
    describe_validation_error,
    describe_value,
    item_place,
    quote,
    where,
)
from scoping_app.domain.model import (
    ADDED_IN_VERSION_2,
    FORMAT,
    FORMAT_VERSION,
    LIST_FIELDS,
    Project,
)
from scoping_app.domain.validation import (
    LINK_FIELDS,
    Problem,
    bounded_lines,
    check_project,
    size_problems,
)

__all__ = ["LISTS", "MAX_FILE_BYTES", "ExchangeError", "read_file", "read_project"]

LISTS = LIST_FIELDS
_TOP_FIELDS = frozenset({"format", "format_version", "project", *LISTS})
_NOT_OURS = "this is not an AI Scoping Studio project file"
MAX_FILE_BYTES = 20 * 1024 * 1024  # the largest project file read (20 MB)
_CHUNK = 1024 * 1024  # bytes read at a time


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
        found = "1 problem was found" if count == 1 else f"{count:,} problems were found"
        lines = [f"The file cannot be imported: {found}."]
        lines += bounded_lines([str(problem) for problem in self.problems], "- ")
        return "\n".join(lines)


Progress = Callable[[float], None]
"""Told the share of the work done, 0 to 1; it may raise to stop the work."""


def _ignore(_share: float) -> None:
    return None


def read_file(path: str | os.PathLike[str], *, progress: Progress = _ignore) -> Project:
    """The project in the file at ``path``; :class:`ExchangeError` when it cannot be read.

    ``progress`` is told 0.1 once the file is read, then as :func:`read_project` says.
    """
    data = _read_bounded(os.fspath(path))
    progress(0.1)
    return read_project(data, progress=progress)


def _refused(message: str) -> ExchangeError:
    return ExchangeError([Problem("", message)])


def _read_bounded(shown: str) -> bytes:
    """The bytes of the regular file at ``shown``, at most :data:`MAX_FILE_BYTES` of them.

    A folder, a named pipe or a device is refused before it is opened for reading (a
    pipe or /dev/zero would block or never end); the size is checked before reading
    and again while reading, which never takes more than the limit and one byte.
    """
    try:
        found = os.stat(shown)
        if stat.S_ISDIR(found.st_mode):
            raise _refused(f'"{shown}" is a folder, not a project file.')
        if not stat.S_ISREG(found.st_mode):
            raise _refused(
                f'"{shown}" is not a file on disk (it is a device, a pipe or a socket); '
                "only a project file saved on disk can be imported."
            )
        _check_size(shown, found.st_size)
        # O_NONBLOCK: should the file be swapped for a pipe after the check, opening
        # it does not wait for a writer; fstat then sees what was opened.
        handle = os.open(shown, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _BINARY)
    except FileNotFoundError:
        raise _refused(f'There is no file "{shown}".') from None
    except PermissionError:
        raise _refused(f'The file "{shown}" cannot be opened: permission denied.') from None
    except OSError as error:
        raise _refused(f'The file "{shown}" cannot be read: {error.strerror or error}.') from None
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            raise _refused(f'"{shown}" is not a file on disk; it cannot be imported.')
        _check_size(shown, opened.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_FILE_BYTES:
            chunk = os.read(handle, min(_CHUNK, MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        _check_size(shown, total)
        return b"".join(chunks)
    except OSError as error:
        raise _refused(f'The file "{shown}" cannot be read: {error.strerror or error}.') from None
    finally:
        os.close(handle)


_BINARY = getattr(os, "O_BINARY", 0)


def _check_size(shown: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise _refused(
            f'The file "{shown}" is too large to be a project file: it holds more than '
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB, the most a project file may hold."
        )


def read_project(data: bytes | str, *, progress: Progress = _ignore) -> Project:
    """The project held by a ``*.scope.json`` file's content, read strictly.

    Raises :class:`ExchangeError` listing every problem found; nothing is
    half-read. References and cycles are checked once every field is sound.
    ``progress`` is told 0.2 once the JSON is parsed, 0.45 once every field is
    read and 0.5 once the references are checked.
    """
    text = _decode(data)
    raw = _parse_json(text)
    progress(0.2)
    if not isinstance(raw, dict):
        message = (
            f"The file does not hold a project: it must be one JSON object ({{ … }}), "
            f"not {_kind(raw)}."
        )
        raise ExchangeError([Problem("", message)])
    if _check_format(raw) < 2:
        _check_version_1(raw)
    _check_counts(raw)

    problems: list[Problem] = []
    payload: dict[str, Any] = {}
    for name, value in raw.items():
        if name in ("format", "format_version"):
            continue
        if name in _TOP_FIELDS:
            payload[name] = value
        else:  # also catches "info", which pydantic would take for "project"
            problems.append(Problem("", f"unknown field {quote(name)} at the top level"))
    try:
        project = Project.model_validate(payload)
    except ValidationError as error:
        problems += describe_validation_error(error, payload)
        raise ExchangeError(problems) from None
    progress(0.45)
    problems += check_project(project)
    if problems:
        raise ExchangeError(problems)
    progress(0.5)
    return project


def _check_counts(raw: dict[str, Any]) -> None:
    """Refuse, before reading any item, a file holding more items or links than a
    project may (:func:`~scoping_app.domain.validation.size_problems`)."""

    def items(name: str) -> list[Any]:
        value = raw.get(name)
        return value if isinstance(value, list) else []

    def linked(item: Any, field: str) -> int:
        value = item.get(field) if isinstance(item, dict) else None
        return len(value) if isinstance(value, list) else int(value is not None)

    counts = {name: len(items(name)) for name in LISTS}
    dependencies = sum(linked(item, "requires") for item in items("capabilities"))
    links = sum(
        linked(item, field)
        for name, fields in LINK_FIELDS.items()
        for item in items(name)
        for field in fields
    )
    problems = size_problems(counts, dependencies, links)
    if problems:
        raise ExchangeError(problems)


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
        place = where(path)
        if isinstance(value, _NonFinite):
            yield Problem(
                place,
                f"{value.literal} is not allowed in a project file; write a number "
                "(or null where the field may be left empty)",
            )
        elif isinstance(value, str):
            if not _is_unicode(value):
                yield Problem(place, "holds a character that is not valid Unicode")
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            if isinstance(value, _RepeatedFields):
                for name in value.repeated:
                    yield Problem(place, f"the field {quote(name)} is written more than once")
            for name in value:
                if not _is_unicode(name):
                    yield Problem(place, "has a field name that is not valid Unicode")
            stack.extend((item, (*path, name)) for name, item in reversed(value.items()))


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate written as a \ud800 escape
        return False
    return True


def _check_version_1(raw: dict[str, Any]) -> None:
    """A file of version 1 holds no field version 2 added: read exactly as before."""
    places: list[tuple[tuple[str | int, ...], Any]] = [(("project",), raw.get("project"))]
    capabilities = raw.get("capabilities")
    if isinstance(capabilities, list):
        places += [(("capabilities", i), item) for i, item in enumerate(capabilities)]
    problems = [
        Problem(
            where(loc),
            f"the field {quote(name)} came in format version 2, and the file says it follows "
            'version 1: write "format_version": 2 to use it',
            item_place(loc, raw),
        )
        for loc, item in places
        if isinstance(item, dict)
        for name in ADDED_IN_VERSION_2["info" if loc == ("project",) else "capabilities"]
        if name in item
    ]
    if problems:
        raise ExchangeError(problems)


def _check_format(raw: dict[str, Any]) -> int:
    """The file's format version, once it is known to be one this app reads."""
    if "format" not in raw:
        message = f'{_NOT_OURS} (it has no "format" field)'
        raise ExchangeError([Problem("format", message)])
    if raw["format"] != FORMAT:
        message = f'{_NOT_OURS} (its format is {describe_value(raw["format"])}, not "{FORMAT}")'
        raise ExchangeError([Problem("format", message)])
    if "format_version" not in raw:
        message = "is missing: a project file says which version of the format it follows"
        raise ExchangeError([Problem("format_version", message)])
    version = raw["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        message = (
            f"must be a whole number such as {FORMAT_VERSION} (it is {describe_value(version)})"
        )
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
    return version


_KINDS = ((bool, "true or false"), (str, "a text"), (list, "a list"))


def _kind(value: Any) -> str:
    """What a JSON value is, in a word: a project file must be an object, not this."""
    if value is None:
        return "null"
    return next((words for kind, words in _KINDS if isinstance(value, kind)), "a number")
