"""Reading a file's data into a pydantic model, with every fault as ``file:line: field: problem``.

    class PartnerFile(FileModel):
        name: str
        regions: list[RegionCode]

    partner = validate(PartnerFile, read_yaml(path))   # or raises FileError with every problem

A validator may report several faults at once with :func:`raise_problems`, and may name a more
precise place than its field by starting its message with it (``buttons row 2 button 1: …``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from bot.fileio.problems import FileError, Problem
from bot.fileio.yamlfile import Loc, YamlDoc, dotted

M = TypeVar("M", bound=BaseModel)
#: ``label(loc, doc) -> str | None``: a friendlier name for a field (e.g. ``question q3.type``).
Label = Callable[[Loc, YamlDoc], str | None]


class FileModel(BaseModel):
    """Base of the models files are read into: unknown keys are errors; ``value: 1`` is text "1"."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


def raise_problems(title: str, problems: Iterable[tuple[Loc, str]]) -> None:
    """Raise every ``(loc, message)`` from a validator (``loc`` relative to the model)."""
    details = [
        InitErrorDetails(type=PydanticCustomError("file_problem", message), loc=loc, input=None)
        for loc, message in problems
    ]
    if details:
        raise ValidationError.from_exception_data(title, details)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, tuple, set, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel] | None, loc: Loc) -> type[BaseModel] | None:
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            alias = next((f for f in model.model_fields.values() if f.alias == part), None)
            info = alias
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


_TYPE_WORDS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "model_attributes_type": "must be a mapping (key: value)",
}


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def plain_message(error: Any, model: type[BaseModel] | None) -> str:
    """Pydantic's message in plain words (unknown keys list the known ones)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = sorted(
            (f.alias or name) for name, f in (parent.model_fields.items() if parent else [])
        )
        return f"unknown key (known: {', '.join(known)})" if known else "unknown key"
    if kind in _TYPE_WORDS:
        return f"{_TYPE_WORDS[kind]}, not {_shown(error.get('input'))}"
    message = str(error["msg"])
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind in ("bool_parsing", "int_parsing", "float_parsing", "literal_error", "enum"):
        return f"{message} (got {_shown(error.get('input'))})"
    return message


def problems_from(
    exc: ValidationError,
    doc: YamlDoc,
    *,
    model: type[BaseModel] | None = None,
    label: Label | None = None,
    prefix: Loc = (),
) -> list[Problem]:
    """Every error of ``exc`` as a :class:`Problem` with the line it is on, in file order."""
    out: list[Problem] = []
    for error in exc.errors():
        loc = (*prefix, *error["loc"])
        name = (label(loc, doc) if label else None) or dotted(loc) or None
        message = plain_message(error, model)
        if name and message.startswith(name) and ": " in message:
            # the validator named a more precise place: "buttons row 2 button 1: …"
            name, message = message.split(": ", 1)
        out.append(Problem(doc.source, doc.line(loc), name, message))
    return sorted(out, key=lambda p: p.line or 0)


def validate(
    model: type[M],
    doc: YamlDoc,
    *,
    context: dict[str, Any] | None = None,
    label: Label | None = None,
    extra: Iterable[Problem] = (),
    shape: str = "key: value",
) -> M:
    """``model`` from the file's data, or :class:`FileError` with every problem (and ``extra``)."""
    problems = list(extra)
    result: M | None = None
    if doc.data is None:
        problems.append(Problem(doc.source, None, None, "the file is empty"))
    elif not isinstance(doc.data, dict):
        problems.append(
            Problem(doc.source, doc.line(()), None, f"the file must be a mapping ({shape})")
        )
    else:
        try:
            result = model.model_validate(doc.data, context=context)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, model=model, label=label))
    if problems:
        raise FileError(sorted(problems, key=lambda p: p.line or 0))
    assert result is not None
    return result
