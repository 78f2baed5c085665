"""The render layer's own vocabulary: formats, languages, options, a command's output, and the
neutral table form (``TableView``) that views build and renderers draw. A leaf: every render module
imports it, and it imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from zzreport.machine import Records


class Lang(StrEnum):
    """Language of human output. Machine columns keep their names in both."""

    ZH = "zh"
    EN = "en"


class Format(StrEnum):
    """Output formats, as users type them."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"


MACHINE = frozenset({Format.CSV, Format.TSV, Format.JSON, Format.JSONL})
"""Formats whose columns are a documented contract."""


# NOTE: the value types below are NamedTuples, not dataclasses: a table's run makes them on the way,
# and six frozen dataclasses took 4 ms to make against 0.7 ms (the model's load dataclasses anyway).
# They are immutable and compared by value alike; a copy with changes is ``_replace``.


class Options(NamedTuple):
    """How to render, as decided by the CLI."""

    lang: Lang = Lang.ZH
    header: bool = True
    bom: bool = False
    """Excel mode: a UTF-8 BOM, CRLF line ends, and text cells kept from being read as formulas."""
    fields: tuple[str, ...] = ()
    width: int = 100
    color: bool = False
    wide: bool = False
    """Tables keep every column and wrap nothing, however wide they get."""
    ascii_json: bool = False
    """Escape non-ASCII characters in JSON (for outputs that cannot carry them)."""
    safe_glyphs: bool = False
    """Plain stand-ins for typographic glyphs in tables (−, μ, ×, box lines, bars)."""


class Output(NamedTuple):
    """What a command has to show, built lazily so each format builds only what it needs."""

    records: Callable[[], Records]
    tables: Callable[[Lang], Sequence[TableView]]
    summary: str = ""
    """A line for standard error after the output (``coverage``: how many were recorded)."""
    status: int = 0
    """The exit code once the output is written (``coverage``: 1 when a figure is not recorded)."""
    single: bool = False
    """JSON of one record is that object, not an array of one (``info`` of one report)."""


class Tone(StrEnum):
    """Meaning a renderer may show with colour."""

    GOOD = "good"
    BAD = "bad"
    MUTED = "muted"
    KEY = "key"


class Bar(NamedTuple):
    """A horizontal bar for a change, scaled against the largest change in the table."""

    value: Decimal
    scale: Decimal
    tone: Tone | None


class Cell(NamedTuple):
    """One cell of a human table."""

    text: str
    tone: Tone | None = None
    highlight: tuple[int, int] | None = None
    bar: Bar | None = None


class Column(NamedTuple):
    """A column of a human table."""

    header: str
    numeric: bool = False
    """Right-aligned and never wrapped or cut (numbers with their units)."""
    whole: bool = False
    """Never wrapped or cut, left-aligned (ids)."""
    graphic: bool = False
    """Drawn only where a renderer can draw (bars): skipped in Markdown."""
    optional: int = 0
    """When not 0, may be left out of a narrow terminal table before rows are stacked: 1 first."""
    short: bool = False
    """Text a terminal table may shorten with an ellipsis to keep each row on one line (names:
    ``show`` gives them whole). A table with such a column never wraps its rows."""


class TableView(NamedTuple):
    """A human table: a title, columns and rows of cells."""

    title: str | None
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    headed: bool = True
    """False for field/value views, whose header row would say nothing."""
