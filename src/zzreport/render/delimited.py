"""CSV and TSV through the standard ``csv`` module: no padding, no colour, no truncation."""

from __future__ import annotations

import csv
import io
import re

from zzreport.render.records import Records, Value

_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Value, *, excel: bool = False) -> str:
    """The text of one cell. In Excel mode, text that a spreadsheet would run as a formula is
    prefixed with an apostrophe; numbers are never touched."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if excel and text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def render(records: Records, *, sep: str, header: bool, excel: bool) -> str:
    """The records as delimited text; in Excel mode with a BOM and CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n" if excel else "\n")
    if header:
        writer.writerow(records.fields)
    writer.writerows([cell(v, excel=excel) for v in row] for row in records.rows)
    return ("\ufeff" if excel else "") + buf.getvalue()
