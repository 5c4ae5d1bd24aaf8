"""Running one edit on a project: a private copy to change, and the result checked again.

:meth:`scoping_app.services.projects.ProjectService.edit` runs an operation on a
copy from :func:`private_copy`, then has :func:`validated` check what changed,
with a value a model refuses told in words (:func:`refused_values_in_words`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoping_app.domain.model import Project


def private_copy(project: Project) -> Project:
    """A deep copy an operation may change freely: every model and list is new, while
    values that cannot change in place (texts, numbers, dates, enums) are shared."""
    from pydantic import BaseModel

    def copied(value: Any) -> Any:
        if isinstance(value, list):
            return [item if isinstance(item, str) else copied(item) for item in value]
        if isinstance(value, BaseModel):
            twin = value.__copy__()  # a new object with a copy of the fields' dict
            fields = twin.__dict__
            for name, field_value in fields.items():
                if isinstance(field_value, list | BaseModel):
                    fields[name] = copied(field_value)
            return twin
        return value

    result: Project = copied(project)
    return result


def validated(before: Project, after: Project, parts: frozenset[str]) -> Project:
    """``after`` with what changed since ``before`` checked again by the models.

    An operation may have changed a list in place, which the models do not see. An
    item equal to the one of its key before was valid then; every other item is
    checked, and when one is refused the whole list is checked again, so that the
    error names its place in the project. Raises pydantic's ValidationError.
    """
    from pydantic import BaseModel

    if not parts:
        return after
    checked: dict[str, Any] = {}
    for part in parts:
        value = getattr(after, part)
        if not isinstance(value, list):  # the project's own fields: small
            try:
                checked[part] = type(value).model_validate(value.model_dump())
            except ValueError:
                checked[part] = None
            continue
        earlier = {getattr(item, "key", None): item for item in getattr(before, part)}
        items = []
        for item in value:
            if not isinstance(item, BaseModel):
                break
            if earlier.get(getattr(item, "key", None)) == item:
                items.append(item)
                continue
            model = type(item)
            try:
                items.append(model.model_validate(item.model_dump()))
            except ValueError:
                break
        else:
            checked[part] = items
            continue
        checked[part] = None  # a refusal or a stranger: the whole list, for the message
    doubtful = {part for part, items in checked.items() if items is None}
    if doubtful:
        document = after.model_dump(by_alias=True, include={"info", *doubtful})
        whole = type(after).model_validate(document)
        checked.update({part: getattr(whole, part) for part in doubtful})
    return after.model_copy(update=checked)


@contextmanager
def refused_values_in_words() -> Iterator[None]:
    """A value a model refuses becomes ProjectInvalid, told in the product lead's words."""
    from pydantic import ValidationError

    from scoping_app.domain.messages import describe_validation_error
    from scoping_app.domain.validation import ProjectInvalid

    try:
        yield
    except ValidationError as error:
        raise ProjectInvalid(describe_validation_error(error)) from error
