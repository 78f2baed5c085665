"""Output formats and the one place that maps each format to its renderer.

Renderers are pure: a view goes in, text comes out. The CLI decides colour, width and where the text
goes; nothing here looks at the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from zzreport import machine
from zzreport.errors import UsageError
from zzreport.machine import Records
from zzreport.render.records import Output

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from zzreport.render.view import TableView


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


__all__ = ["MACHINE", "Format", "Lang", "Options", "Output", "render", "select"]

MACHINE = frozenset({Format.CSV, Format.TSV, Format.JSON, Format.JSONL})
"""Formats whose columns are a documented contract."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How to render, as decided by the CLI."""

    lang: Lang = Lang.ZH
    header: bool = True
    bom: bool = False
    """Excel mode: a UTF-8 BOM, CRLF line ends, and text cells kept from being read as formulas."""
    fields: tuple[str, ...] = ()
    width: int = 100
    color: bool = False
    ascii_json: bool = False
    """Escape non-ASCII characters in JSON (for outputs that cannot carry them)."""
    safe_glyphs: bool = False
    """Plain stand-ins for typographic glyphs in tables (−, μ, ×, box lines, bars)."""


def select(records: Records, fields: Sequence[str]) -> Records:
    """The chosen fields, or a ``UsageError`` naming the unknown ones and the known ones."""
    if not fields:
        return records
    unknown = records.unknown(fields)
    if unknown:
        raise UsageError(f"unknown field {', '.join(unknown)}; available: {','.join(records.fields)}")
    return records.select(fields)


def _tables(output: Output, options: Options) -> Sequence[TableView]:
    views = output.tables(options.lang)
    if not options.safe_glyphs:
        return views
    from zzreport.render.view import safe_glyphs

    return [safe_glyphs(v) for v in views]


def render(fmt: Format, output: Output, options: Options) -> str:
    """The whole output of a command as text."""
    match fmt:
        case Format.CSV | Format.TSV:
            records = select(output.records(), options.fields)
            sep = "," if fmt is Format.CSV else "\t"
            return machine.delimited(records, sep=sep, header=options.header, excel=options.bom)
        case Format.JSON | Format.JSONL:
            records = select(output.records(), options.fields)
            return machine.json_text(records, lines=fmt is Format.JSONL, ascii_only=options.ascii_json)
        case Format.MARKDOWN:
            from zzreport.render import markdown

            return markdown.render(_tables(output, options), header=options.header)
        case Format.TABLE:
            from zzreport.render import table

            return table.render(
                _tables(output, options),
                width=options.width,
                color=options.color,
                header=options.header,
                safe=options.safe_glyphs,
            )
        case _:  # pragma: no cover - mypy proves every format is handled
            from typing import assert_never

            return assert_never(fmt)
