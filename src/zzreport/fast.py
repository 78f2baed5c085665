"""Serve the commonest look-ups without Typer, and piped ones straight from the store.

Importing Typer and the model costs far more than a look-up. ``show``, ``search`` and ``list``
without filters, with only output options (and ``list``'s order and limit), make up nearly every
call from a script or a shell loop, so this
module reads exactly those argument lists (``parse``; its option table is held to the Typer
commands' declared parameters by a test). Anything else (help, completion, filters, an odd or
malformed option, a bad value) is declined and Typer handles it, including every usage error.

A call it serves is answered in one of two ways:

* machine formats (csv, tsv, json, jsonl) on a UTF-8 stream, when every report is in the store:
  from the stored column values, with builtins only (``answer``), a folder's reports from its shelf
  (``shelf``); a name no report knows and a search that finds nothing are refused here too, with
  the hints the other way gives (``searching.unknown``, ``searching.nothing``), once the stored
  labels confirm that no name matches;
* otherwise through the same ``commands`` functions as the Typer app, without Typer.

An ambiguous name, an empty query, a store without the file, a stored copy that does not hold
together, or any other doubt goes the second way, which also says what went wrong. Tests run every
record, every machine format and both languages both ways, and misses both ways, and require
identical bytes and exit codes.
"""

from __future__ import annotations

import os

from zzreport import grammar, match, shelf, store
from zzreport.environment import Environment, current

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from typing import NoReturn

    from zzreport import searching as searching_
    from zzreport.machine import Lazy, Value
    from zzreport.shelf import Stored

DISABLE = "ZZREPORT_NO_FASTPATH"
"""Set to send every call through Typer (for tests and when in doubt)."""

SERVED = {
    "show": grammar.OUTPUT,
    "search": (grammar.LIMIT, *grammar.OUTPUT),
    "list": (grammar.SORT, grammar.REVERSE, grammar.LIMIT, *grammar.OUTPUT),
    "compare": grammar.OUTPUT,
}
"""The commands this module serves, each with the options it serves of them (``grammar`` declares
them; ``list`` with a filter is left to Typer, and so is ``compare`` across reports).
``compare`` is always answered through the commands, for its tables: they then load no Typer."""
LIMIT_DIGITS = 18
"""A longer ``--limit`` is left to Typer, which refuses it or reads it."""


class Decline(Exception):
    """Not a call this module serves."""


class Call:
    """A call this module serves, parsed."""

    __slots__ = (
        "bom",
        "command",
        "data",
        "fields",
        "fmt",
        "header",
        "lang",
        "limit",
        "pager",
        "reverse",
        "sort",
        "wide",
        "words",
    )

    def __init__(self, command: str, data: str | None) -> None:
        self.command = command
        self.data = data
        self.fmt: str | None = None
        self.lang = "zh"
        self.fields: str | None = None
        self.limit: int | None = None
        self.header = True
        self.bom = False
        self.wide = False
        self.pager = True
        self.sort = "report"
        self.reverse = False
        self.words: list[str] = []

    def __repr__(self) -> str:
        return f"Call({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


def _take(args: Sequence[str], i: int, option: grammar.Option, attached: str | None) -> tuple[str, int]:
    """The value of the option at ``args[i]`` and the index after it; a value Typer might read
    otherwise (missing, or looking like an option) is declined."""
    if attached is not None:
        value, after = attached, i + 1
    elif i + 1 < len(args) and not args[i + 1].startswith("-"):
        value, after = args[i + 1], i + 2
    else:
        raise Decline
    if option.choices is not None and value not in option.choices:
        raise Decline
    return value, after


def parse(argv: Sequence[str], environ: Mapping[str, str]) -> Call:
    """The call (``argv`` as ``grammar.arrange`` leaves it), or ``Decline``."""
    args = list(argv)
    data = environ.get("ZZREPORT_DATA")
    i = 0
    given: str | None = None
    while i < len(args) and args[i].startswith("-"):
        found = grammar.find(grammar.ROOT, args[i])
        if found is None or found[0] is not grammar.DATA or given is not None:
            raise Decline  # --with-bundled, --report, several --data: Typer's
        given, i = _take(args, i, *found)
    data = given if given is not None else data
    if i >= len(args) or args[i] not in SERVED or data == "" or (data and os.pathsep in data):
        raise Decline
    command = grammar.COMMANDS[args[i]]
    call = Call(command.name, data)
    env_fmt, env_lang = environ.get("ZZREPORT_FORMAT"), environ.get("ZZREPORT_LANG")
    if (env_fmt is not None and env_fmt not in grammar.FORMATS) or (
        env_lang is not None and env_lang not in grammar.LANGS
    ):
        raise Decline
    call.fmt, call.lang = env_fmt, env_lang or "zh"
    seen: set[grammar.Option] = set()
    i += 1
    while i < len(args):
        arg = args[i]
        if arg == "--":
            raise Decline
        if not arg.startswith("-") or arg == "-":
            call.words.append(arg)
            i += 1
            continue
        found = grammar.find(SERVED[command.name], arg)
        if found is None or found[0] in seen:
            raise Decline
        option, attached = found
        seen.add(option)
        if option.takes == grammar.FLAG:
            _flag(call, option)
            i += 1
            continue
        value, i = _take(args, i, option, attached)
        _set(call, option, value)
    (argument,) = command.arguments or (grammar.Argument("", 0, 0),)
    low = 2 if command.name == "compare" else argument.low  # one indicator: across reports, Typer's
    if len(call.words) < low or (argument.high is not None and len(call.words) > argument.high):
        raise Decline
    queries = [" ".join(call.words)] if command.name == "search" else call.words  # search's words: one query
    if argument.query and not all(match.query_key(q) for q in queries):
        raise Decline  # Typer names the problem, as a usage error
    return call


def _flag(call: Call, option: grammar.Option) -> None:
    call.header = call.header and option is not grammar.NO_HEADER
    call.bom = call.bom or option is grammar.BOM
    call.wide = call.wide or option is grammar.WIDE
    call.pager = call.pager and option is not grammar.NO_PAGER
    call.reverse = call.reverse or option is grammar.REVERSE


def _set(call: Call, option: grammar.Option, text: str) -> None:
    if option is grammar.FORMAT:
        call.fmt = text
    elif option is grammar.LANG:
        call.lang = text
    elif option is grammar.FIELDS:
        call.fields = text
    elif option is grammar.SORT:
        call.sort = text
    elif text.isascii() and text.isdigit() and len(text) <= LIMIT_DIGITS and int(text) >= 1:
        call.limit = int(text)
    else:
        raise Decline


def run(argv: Sequence[str], env: Environment | None = None) -> bool:
    """Run the call and return True, or return False to leave it to Typer."""
    env = env or current()
    if env.get(DISABLE):
        return False
    try:
        call = parse(argv, env.environ)
    except Decline:
        return False
    fmt = call.fmt or ("table" if env.tty else "csv")
    if fmt in grammar.MACHINE and env.utf8 and call.command != "compare":
        pieces = answer_pieces(call, fmt)
        if pieces is not None:
            from zzreport.output import write

            for piece in pieces:
                write(piece.encode(), env)
            return True
    _through_commands(call, env)
    return True


# ── from the store ────────────────────────────────────────────────────────────


def _files(data: str | None) -> list[str] | None:
    """The report files to read, as ``loading.expand`` finds them (``folders``); None to decline."""
    if data is None:
        from zzreport import bundled

        return [bundled.path()]
    if not os.path.isdir(data):
        return [data]
    from zzreport import folders

    try:
        files, others = folders.reports(data)
    except OSError:
        return None
    return None if others or not files else files  # the other way names what it cannot read


def _reports(data: str | None) -> list[Stored] | None:
    files = _files(data)
    return None if files is None else shelf.reports(files, data)


def answer(call: Call, fmt: str) -> str | None:
    """The output of ``call`` from the store, or None to answer it the other way."""
    pieces = answer_pieces(call, fmt)
    return None if pieces is None else "".join(pieces)


def answer_pieces(call: Call, fmt: str) -> Iterator[str] | None:
    """``answer`` as pieces of text, each row made from the store as it is written (a ``list`` of
    many records holds one at a time), or None to answer it the other way."""
    reports = None
    try:
        reports = _reports(call.data)
        if reports is None:
            return None
        rows = _rows(call, reports)
    except (store.Damaged, UnicodeDecodeError, ValueError, TypeError, IndexError):
        # A stored piece that is not what this version wrote (its CRC holds, its shape does not):
        # answered the other way, which reads the files themselves.
        if reports:
            shelf.forget(reports)  # a damaged shelf is built again by the next call
        return None
    if rows is None:
        return None
    fields, values = rows
    from zzreport.machine import Records, chunks, delimited_lines, json_parts

    records = Records(fields, values, reports[0].numbers)
    if call.fields:
        wanted = tuple(f.strip() for f in call.fields.split(",") if f.strip())
        if records.unknown(wanted):
            return None
        records = records.select(wanted) if wanted else records
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        parts = delimited_lines(records, sep=sep, header=call.header, excel=call.bom)
    else:
        parts = json_parts(records, lines=fmt == "jsonl")
    return chunks(parts)


Rows = tuple[tuple[str, ...], "tuple[tuple[Value, ...], ...] | Lazy"]


def _rows(call: Call, reports: list[Stored]) -> Rows | None:
    columns = reports[0].columns
    if any(r.columns != columns or r.numbers != reports[0].numbers for r in reports):
        return None
    if call.command == "list":
        if call.sort != "report" or call.reverse or call.limit is not None:
            return columns, _ordered(call, reports)
        return columns, _listed(reports)
    if call.command == "show":
        return _shown(call.words, reports)
    return _found(" ".join(call.words), call.limit, reports)


def _listed(reports: list[Stored]) -> Lazy:
    """``list``: every record of every report, read from the store again as it is written, so that
    memory does not grow with the list. Every record is read and checked once before: a damaged one
    is found before anything is written, and the answer goes the other way."""
    from zzreport.machine import Lazy

    for r in reports:
        for _ in r.rows():
            pass

    def each() -> Iterator[tuple[Value, ...]]:
        try:
            for r in reports:
                yield from r.rows()
        except (store.Damaged, UnicodeDecodeError):
            from zzreport.errors import OutputError

            raise OutputError("a stored copy changed while the list was written; run it again") from None

    return Lazy(sum(r.count for r in reports), each)


def _ordered(call: Call, reports: list[Stored]) -> tuple[tuple[Value, ...], ...]:
    """``list`` with ``--sort``, ``--reverse`` or ``--limit``: every record read, then ordered as
    the commands order them (``ordering``) and cut."""
    from operator import itemgetter

    from zzreport import ordering

    keys = itemgetter(*(reports[0].columns.index(name) for name in _ORDER_FIELDS))
    rows = [row for r in reports for row in r.rows()]
    rows = ordering.ordered(rows, keys, call.sort, call.reverse, in_english=call.lang == "en")
    return tuple(rows if call.limit is None else rows[: call.limit])


_ORDER_FIELDS = ("id", "name", "name_en", "value", "unit", "change", "change_unit")
"""The machine columns ``ordering`` reads, in the order of its ``Keys``."""


def _shown(words: Sequence[str], reports: list[Stored]) -> Rows | None:
    """``show``: each word's record in every report that has it, each once; None when a word is
    empty or ambiguous in a report (the other way says so). A word unknown everywhere is refused
    here, with the hints the other way gives (``_unknown``)."""
    pairs: list[tuple[Stored, int]] = []
    for word in words:
        key = match.normalize(word)
        if not key:
            return None
        here = []
        for r, found in zip(reports, shelf.named(reports, key), strict=True):
            if len(found) > 1:
                return None
            here += [(r, n) for n in found]
        if not here:
            if any(match.named(r.labels(keep=len(reports) == 1), key) for r in reports):
                return None  # the index of names and the labels disagree: the other way reads the files
            _unknown(word, reports)
        pairs += [p for p in here if p not in pairs]
    return reports[0].columns, tuple(r.row(n) for r, n in pairs)


def _unknown(word: str, reports: list[Stored]) -> NoReturn:
    """Refuse a name no report knows, hinting at the closest names of the first reports that have
    any, as ``query.find_everywhere`` does: found in the stored labels (``searching.closest``), so
    a miss reads neither the records nor the reports whole."""
    from zzreport import searching

    keep = len(reports) == 1  # a folder's reports are asked in turn, each let go when done
    raise searching.unknown(word, (_hints(r, word, keep=keep) for r in reports))


def _hints(r: Stored, text: str, *, keep: bool = True) -> Iterator[searching_.Hint]:
    """Report ``r``'s hints for a miss of ``text``, from its stored labels and records."""
    from zzreport import searching

    fields = [r.columns.index(field) for field in ("id", "name", "name_en")]
    for n in searching.closest(r.labels(keep=keep), r.titles, text):
        row = r.row(n)
        yield searching.hint(*(row[i] for i in fields))


def _found(text: str, limit: int | None, reports: list[Stored]) -> Rows | None:
    """``search``: matches of every report ranked as one list, each with its score and matched
    field."""
    from zzreport import searching

    found = []
    for r in reports:
        labels = r.labels(keep=len(reports) == 1)  # a folder's are held one report at a time
        found += [(match.order(score, labels[n]), score, field, r, n) for (score, field), n in
                  searching.found(text, labels, r.titles)]  # fmt: skip
    found.sort(key=lambda hit: hit[0])  # one ranking across reports (``match.rank``)
    rows = tuple((*r.row(n), score, field) for _, score, field, r, n in (found[:limit] if limit else found))
    if not rows:
        if not match.normalize(text):
            return None  # nothing to search for: the other way says so
        _nothing(text, reports[0])
    return (*reports[0].columns, "score", "matched"), rows


def _nothing(text: str, first: Stored) -> NoReturn:
    """Refuse a search that finds nothing, hinting at the closest names of the first report, as
    ``commands.search`` does (found in its stored labels: ``searching.closest``)."""
    from zzreport import searching

    raise searching.nothing(text, _hints(first, text))


# ── through the commands ──────────────────────────────────────────────────────


def _through_commands(call: Call, env: Environment) -> None:
    from pathlib import Path

    from zzreport import commands
    from zzreport.loading import load_all
    from zzreport.output import emit
    from zzreport.progress import first_read
    from zzreport.render import Format, Lang

    datasets = load_all([Path(call.data)] if call.data else [], first_read=first_read)
    match call.command:
        case "show":
            out = commands.show(datasets, call.words)
        case "search":
            out = commands.search(datasets, " ".join(call.words), call.limit)
        case "compare":
            out = commands.compare(datasets, call.words)
        case _:
            from zzreport.query import SortKey

            out = commands.list_(datasets, sort=SortKey(call.sort), reverse=call.reverse, limit=call.limit,
                                 english=call.lang == "en")  # fmt: skip
    emit(
        out,
        Format(call.fmt) if call.fmt else None,
        Lang(call.lang),
        fields=call.fields,
        no_header=not call.header,
        bom=call.bom,
        wide=call.wide,
        pager=call.pager,
        env=env,
    )
