"""Machine output: records of plain values, and their CSV, TSV, JSON and JSON Lines text.

Builtins only. The look-up path that answers from the store renders with these same functions as
every other command, so both print the same bytes by construction; importing ``csv`` and ``json``
would bring in ``re`` and cost more than the look-up. Tests hold the text to what the standard
``csv`` writer (QUOTE_MINIMAL) and ``json.dumps`` write for any value, and read any text back.
"""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

Value = str | int | bool | None
"""One cell: text, a whole number, a flag, or nothing."""


Row = tuple[Value, ...]


class Lazy:
    """``count`` rows made one at a time as they are read (``each`` makes them afresh for each
    reading), so that writing many records holds one row at a time, not all of them."""

    __slots__ = ("_count", "_each")

    def __init__(self, count: int, each: Callable[[], Iterator[Row]]) -> None:
        self._count, self._each = count, each

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Row]:
        return self._each()


class Records:
    """Fixed field names and one row of plain values per record. ``numbers`` names the fields whose
    text is an exact decimal, which JSON writes as a number with the same digits. ``rows`` is a
    tuple, or ``Lazy`` rows made as they are written."""

    __slots__ = ("fields", "numbers", "rows")

    def __init__(
        self,
        fields: tuple[str, ...],
        rows: tuple[Row, ...] | Lazy,
        numbers: frozenset[str] = frozenset(),
    ) -> None:
        self.fields = fields
        self.rows = rows
        self.numbers = numbers

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Records):
            return NotImplemented
        return (self.fields, tuple(self.rows), self.numbers) == (
            other.fields,
            tuple(other.rows),
            other.numbers,
        )

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
        rows: tuple[Row, ...] | Lazy
        if isinstance(self.rows, Lazy):
            whole = self.rows
            rows = Lazy(len(whole), lambda: (tuple([row[i] for i in index]) for row in whole))
        else:
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
    return "".join(delimited_lines(records, sep=sep, header=header, excel=excel))


def delimited_lines(records: Records, *, sep: str, header: bool, excel: bool) -> Iterator[str]:
    """``delimited`` a line at a time (the BOM with the first), each row made as it is written."""
    end = "\r\n" if excel else "\n"
    special = sep + _SPECIAL
    first = "\ufeff" if excel else ""

    def line(texts: Sequence[str]) -> str:
        joined = sep.join(texts)
        # Most lines quote nothing: the whole line is checked at once, cell by cell only when it
        # holds a special character or more separators than it puts between cells.
        if joined.count(sep) == len(texts) - 1 and not any(c in joined for c in _SPECIAL):
            return (joined or '""') + end  # a lone empty cell would read as no cell at all
        cells = [_quoted(text, special) for text in texts]
        if cells == [""]:
            cells = ['""']
        return sep.join(cells) + end

    if header:
        yield first + line(records.fields)
        first = ""
    for row in records.rows:
        if excel:
            yield first + line([cell(v, excel=True) for v in row])
        else:  # text is its own cell: ``cell`` only for the rest
            yield first + line([v if v.__class__ is str else cell(v) for v in row])
        first = ""
    if first:
        yield first


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
    return "".join(json_parts(records, lines=lines, ascii_only=ascii_only))


def json_parts(records: Records, *, lines: bool, ascii_only: bool = False) -> Iterator[str]:
    """``json_text`` a record at a time (the array's brackets with the first and the last), each row
    made as it is written."""
    keys = [json_value(f, ascii_only=ascii_only) for f in records.fields]
    numeric = [f in records.numbers for f in records.fields]

    def members(row: Row) -> list[str]:
        return [
            f"{k}: {json_value(v, ascii_only=ascii_only, number=n)}"
            for k, n, v in zip(keys, numeric, row, strict=True)
        ]

    if lines:
        for row in records.rows:
            yield "{" + ", ".join(members(row)) + "}\n"
        return
    before = "[\n"
    for row in records.rows:
        o = members(row)
        yield before + (("  {\n    " + ",\n    ".join(o) + "\n  }") if o else "  {}")
        before = ",\n"
    yield "[]\n" if before == "[\n" else "\n]\n"


def chunks(parts: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """``parts`` joined into pieces of about ``size`` characters: few writes, little held at once."""
    held: list[str] = []
    length = 0
    for part in parts:
        held.append(part)
        length += len(part)
        if length >= size:
            yield "".join(held)
            held, length = [], 0
    if held:
        yield "".join(held)
