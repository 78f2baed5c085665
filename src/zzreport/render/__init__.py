"""Output formats and the one place that maps each format to its renderer.

Renderers are pure: a view goes in, text comes out. The CLI decides colour, width and where the text
goes; nothing here looks at the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from zzreport import machine
from zzreport.errors import UsageError
from zzreport.machine import Records
from zzreport.render.base import MACHINE, Format, Lang, Options, Output, TableView

__all__ = ["MACHINE", "Format", "Lang", "Options", "Output", "render", "select", "stream"]


def select(records: Records, fields: Sequence[str]) -> Records:
    """The chosen fields, or a ``UsageError`` naming the unknown ones and the known ones."""
    if not fields:
        return records
    unknown = records.unknown(fields)
    if unknown:
        raise UsageError(f"unknown field {', '.join(unknown)}; available: {','.join(records.fields)}")
    return records.select(fields)


def _tables(output: Output, options: Options) -> Sequence[TableView]:
    from zzreport.render.view import escaped, safe_glyphs

    views = [escaped(v) for v in output.tables(options.lang)]
    return [safe_glyphs(v) for v in views] if options.safe_glyphs else views


def stream(fmt: Format, output: Output, options: Options) -> Iterator[str] | None:
    """The output of a command in a machine format as pieces of text, each row made as it is
    written (the same text as ``render``); None for a format or an output that is rendered whole."""
    if fmt not in MACHINE or (output.single and fmt is Format.JSON):
        return None
    records = select(output.records(), options.fields)
    if fmt is Format.CSV or fmt is Format.TSV:
        sep = "," if fmt is Format.CSV else "\t"
        parts = machine.delimited_lines(records, sep=sep, header=options.header, excel=options.bom)
    else:
        parts = machine.json_parts(records, lines=fmt is Format.JSONL, ascii_only=options.ascii_json)
    return machine.chunks(parts)


def render(fmt: Format, output: Output, options: Options) -> str:
    """The whole output of a command as text."""
    match fmt:
        case Format.CSV | Format.TSV:
            records = select(output.records(), options.fields)
            sep = "," if fmt is Format.CSV else "\t"
            return machine.delimited(records, sep=sep, header=options.header, excel=options.bom)
        case Format.JSON | Format.JSONL:
            records = select(output.records(), options.fields)
            text = machine.json_text(records, lines=fmt is Format.JSONL, ascii_only=options.ascii_json)
            if output.single and fmt is Format.JSON and len(records.rows) == 1:
                # The array's one object, two spaces less indented: values hold no raw line ends.
                return "".join(line[2:] + "\n" for line in text.splitlines()[1:-1])
            return text
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
                wide=options.wide,
            )
        case _:  # pragma: no cover - mypy proves every format is handled
            from typing import assert_never

            return assert_never(fmt)
