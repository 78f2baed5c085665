"""Machine output: records of plain values, and their CSV, TSV, JSON and JSON Lines text.

Builtins only. The look-up path that answers from the store renders with these same functions as
every other command, so both print the same bytes by construction; importing ``csv`` and ``json``
would bring in ``re`` and cost more than the look-up. Tests hold the text to what the standard
``csv`` writer (QUOTE_MINIMAL) and ``json.dumps`` write for any value, and read any text back.
"""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

Value = str | int | bool | None
"""One cell: text, a whole number, a flag, or nothing."""


class Records:
    """Fixed field names and one row of plain values per record. ``numbers`` names the fields whose
    text is an exact decimal, which JSON writes as a number with the same digits."""

    __slots__ = ("fields", "numbers", "rows")

    def __init__(
        self,
        fields: tuple[str, ...],
        rows: tuple[tuple[Value, ...], ...],
        numbers: frozenset[str] = frozenset(),
    ) -> None:
        self.fields = fields
        self.rows = rows
        self.numbers = numbers

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Records):
            return NotImplemented
        return (self.fields, self.rows, self.numbers) == (other.fields, other.rows, other.numbers)

    __hash__ = None  # type: ignore[assignment]  # equal by value, like the tuples it holds

    def __repr__(self) -> str:
        return f"Records({self.fields!r}, {self.rows!r})"

    def unknown(self, wanted: Sequence[str]) -> list[str]:
        """The names in ``wanted`` that are not fields."""
        return [f for f in wanted if f not in self.fields]

    def select(self, wanted: Sequence[str]) -> Records:
        """Only the ``wanted`` fields, in that order (check names with ``unknown`` first)."""
        if tuple(wanted) == self.fields:
            return self
        index = [self.fields.index(f) for f in wanted]
        rows = tuple(tuple(row[i] for i in index) for row in self.rows)
        return Records(tuple(wanted), rows, self.numbers & frozenset(wanted))


# ── CSV and TSV ───────────────────────────────────────────────────────────────

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    body = text[1:] if text[:1] in ("+", "-") else text
    whole, dot, frac = body.partition(".")
    return whole.isdigit() and whole.isascii() and (not dot or (frac.isdigit() and frac.isascii()))


def cell(value: Value, *, excel: bool = False) -> str:
    """The text of one cell. In Excel mode, text that a spreadsheet would run as a formula is
    prefixed with an apostrophe; numbers are never touched."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    if excel and text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _quoted(text: str, special: str) -> str:
    for c in special:
        if c in text:
            return '"' + text.replace('"', '""') + '"'
    return text


_SPECIAL = '"\r\n\ufeff'
"""What makes a cell quoted besides the separator. A CR or LF anywhere, whatever the line end: a
reader splits records at either. A byte order mark: a reader that skips one at the start of a file
would take it from a first cell that began with one."""


def delimited(records: Records, *, sep: str, header: bool, excel: bool) -> str:
    """The records as delimited text (CSV or TSV, by ``sep``); in Excel mode with a BOM and CRLF line
    ends. Every cell reads back as it was written with the ``csv`` module."""
    end = "\r\n" if excel else "\n"
    special = sep + _SPECIAL
    rows = [[cell(v, excel=excel) for v in row] for row in records.rows]
    out = []
    for texts in [list(records.fields), *rows] if header else rows:
        cells = [_quoted(text, special) for text in texts]
        if cells == [""]:
            cells = ['""']  # a lone empty cell would read as no cell at all
        out.append(sep.join(cells) + end)
    return ("\ufeff" if excel else "") + "".join(out)


# ── JSON and JSON Lines ───────────────────────────────────────────────────────

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JSON_TEXT = {i: _ESCAPES.get(chr(i), f"\\u{i:04x}") for i in range(0x20)}
_JSON_TEXT.update({ord(k): v for k, v in _ESCAPES.items()})


def _ascii_escape(text: str) -> str:
    out = []
    for c in text:
        n = ord(c)
        if 0x20 <= n < 0x7F:
            out.append(c)
        elif n >= 0x10000:
            n -= 0x10000
            out.append(f"\\u{0xD800 | (n >> 10):04x}\\u{0xDC00 | (n & 0x3FF):04x}")
        else:
            out.append(_ESCAPES.get(c) or f"\\u{n:04x}")
    return "".join(out)


def json_value(value: Value, *, ascii_only: bool = False, number: bool = False) -> str:
    """One value as JSON text, as ``json.dumps`` writes it; with ``number``, decimal text as a JSON
    number of exactly its digits (``1.10`` stays ``1.10``)."""
    if number and isinstance(value, str):
        return value
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = value.translate(_JSON_TEXT)
    escape = ascii_only and (not text.isascii() or "\x7f" in text)  # json escapes DEL too
    return '"' + (_ascii_escape(text) if escape else text) + '"'


def json_text(records: Records, *, lines: bool, ascii_only: bool = False) -> str:
    """The records as a JSON array of objects (two-space indent) or JSON Lines, ending in a newline."""
    keys = [json_value(f, ascii_only=ascii_only) for f in records.fields]
    numeric = [f in records.numbers for f in records.fields]
    objects = [
        [
            f"{k}: {json_value(v, ascii_only=ascii_only, number=n)}"
            for k, n, v in zip(keys, numeric, row, strict=True)
        ]
        for row in records.rows
    ]
    if lines:
        return "".join("{" + ", ".join(o) + "}\n" for o in objects)
    if not objects:
        return "[]\n"
    body = ",\n".join(("  {\n    " + ",\n    ".join(o) + "\n  }") if o else "  {}" for o in objects)
    return "[\n" + body + "\n]\n"
