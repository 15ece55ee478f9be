"""Rows and records: one mapper between a table's rows and the frozen dataclasses of storage/,
so that a field is named once — in its dataclass.

Reading, pydantic's TypeAdapter validates a row against the dataclass (after the idea of the
aiogram templates' `model_validate`): a Literal field must hold one of its words, times are
parsed from their stored ISO text, 0 and 1 become bools, the JSON text of a `Json[…]` field
becomes the tuple or mapping it holds; columns the dataclass does not name are ignored. A row
that does not fit raises, rather than a record carrying a value its type says it cannot.
Writing, `row_of` gives a dataclass's fields as columns: times as their stored text (UTC,
storage/timestamps.py), wall times as HH:MM, bools as 0 and 1, tuples and mappings as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import TypeAdapter

from storage.timestamps import to_text

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R")

_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def record(kind: type[R], row: Mapping[str, Any]) -> R:
    """The record a row holds, validated against its dataclass."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    result: R = adapter.validate_python(dict(row))
    return result


def records(kind: type[R], rows: Iterable[Mapping[str, Any]]) -> list[R]:
    return [record(kind, row) for row in rows]


def row_of(values: DataclassInstance, **columns: object) -> dict[str, Any]:
    """The dataclass's fields as the columns that store them, with `columns` added."""
    row = {field.name: _stored(getattr(values, field.name)) for field in fields(values)}
    return {**row, **{name: _stored(value) for name, value in columns.items()}}


def _stored(value: object) -> object:
    if isinstance(value, datetime):
        return to_text(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, tuple | list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
