"""The fields of report files, read off the model's dataclasses: one definition for the loader's
field lists and typed reading, the JSON Schema and the machine columns.

Each field's reading is its ``spec(read=...)`` when it has one, else follows from its type: text,
a whole number from 1 up, true/false, an exact decimal, one of an enum's values, a date, a list of
texts, of ``section/item`` places, or of comparisons.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from decimal import Decimal
from enum import StrEnum
from functools import cache

from zzreport.model import Comparison, Location


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """One field of a report file."""

    name: str
    """The key in the file, which is the model's attribute."""
    read: str
    """How its text is read: ident, text, decimal, gap, positive, flag, choice, section, unit, period,
    year, date, texts, idents (a list of ids), locations or comparisons."""
    required: bool
    """Whether a file must give it."""
    enum: type[StrEnum] | None
    """The values allowed, for ``choice``."""
    column: str
    """The description of its machine column; empty when it is none."""


def _reading(hint: object) -> tuple[str, type[StrEnum] | None]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (hint,) = [a for a in args if a is not type(None)]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        item = args[0]
        return {str: "texts", Location: "locations", Comparison: "comparisons"}[item], None
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return "choice", hint
    simple = {str: "text", int: "positive", bool: "flag", Decimal: "decimal", dt.date: "date"}
    if hint in simple:
        return simple[hint], None
    raise TypeError(f"no reading for a field of type {hint!r}: give it spec(read=...)")


@cache
def of(cls: type) -> tuple[Field, ...]:
    """The fields a report file gives for ``cls``, in the model's order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        meta = f.metadata
        if meta.get("file") is False:
            continue
        read, enum = _reading(hints[f.name])
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out.append(Field(f.name, meta.get("read") or read, required, enum, meta.get("column", "")))
    return tuple(out)


def required(cls: type) -> tuple[str, ...]:
    """The names of the fields a file must give for ``cls``."""
    return tuple(f.name for f in of(cls) if f.required)


def optional(cls: type) -> tuple[str, ...]:
    """The names of the fields a file may give for ``cls``."""
    return tuple(f.name for f in of(cls) if not f.required)
