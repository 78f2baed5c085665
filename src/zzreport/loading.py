"""Finding, reading and checking report files, and building the model from them.

YAML is read as libyaml's stream of events, which keeps every scalar as text; this module types each
field itself (the fields and their readings come from the model, see ``zzreport.fields``), so
``1.10`` stays ``1.10`` and ``NO`` stays ``NO``. Tags, aliases and duplicate keys are refused. Every
problem in a file is collected and raised together as one ``DataError``. A file whose exact bytes
were checked before is answered from the store (``zzreport.store``) without YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from stat import S_IFBLK, S_IFCHR, S_IFIFO, S_IFMT, S_IFSOCK, S_ISDIR
from typing import Protocol

from zzreport import bundled, fields, folders
from zzreport.errors import DataError, DataErrors, Problem
from zzreport.match import compact, spaced
from zzreport.model import (
    Comparison,
    Dataset,
    Indicator,
    Kind,
    Location,
    Report,
    Section,
    SectionId,
)
from zzreport.query import labels as names_of
from zzreport.query import search_labels
from zzreport.store import MAX_SOURCE
from zzreport.units import is_unit, known

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

    E = TypeVar("E", bound=StrEnum)
    T = TypeVar("T")

FORMAT_VERSION = "1"
MAX_BYTES = MAX_SOURCE
"""Largest report file accepted: far above any real report, far below what would exhaust memory."""

# the shapes of typed text, unanchored, shared with the JSON Schema (``zzreport.schema``).
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_MAX = 64
"""The longest id, in characters: ids are typed and fill a table column."""
DECIMAL_PATTERN = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
POSITIVE_PATTERN = r"[1-9][0-9]*"
YEAR_PATTERN = r"[12][0-9]{3}"
CODE_PATTERN = r"[1-9][0-9]{5}"
PERIOD_PATTERN = r"([12][0-9]{3})(?:-([12][0-9]{3}))?"
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ID = re.compile(ID_PATTERN + r"\Z")
_DECIMAL = re.compile(DECIMAL_PATTERN + r"\Z")
_POSITIVE = re.compile(POSITIVE_PATTERN + r"\Z")
_YEAR = re.compile(YEAR_PATTERN + r"\Z")
_CODE = re.compile(CODE_PATTERN + r"\Z")
_PERIOD = re.compile(PERIOD_PATTERN + r"\Z")
_DATE = re.compile(DATE_PATTERN + r"\Z")

# The keys of each mapping, from the model (see ``zzreport.fields``).
TOP_FIELDS = ("format", "report", "sections", "indicators")
REPORT_FIELDS = fields.required(Report)
REPORT_OPTIONAL = fields.optional(Report)
SECTION_FIELDS = fields.required(Section)
SECTION_OPTIONAL = fields.optional(Section)
INDICATOR_REQUIRED = fields.required(Indicator)
INDICATOR_OPTIONAL = fields.optional(Indicator)
COMPARISON_REQUIRED = fields.required(Comparison)
COMPARISON_OPTIONAL = fields.optional(Comparison)
_PLACEHOLDER: dict[str, object] = {
    f.name: 0 if f.read == "positive" else "" for f in fields.of(Indicator) if f.required
}
"""What stands for a required field that could not be read, in a record that is then dropped."""
_STR = "tag:yaml.org,2002:str"


@cache
def _specs(cls: type) -> dict[str, fields.Field]:
    return {f.name: f for f in fields.of(cls)}


@cache
def _known(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required) | frozenset(optional)


@cache
def _members(enum: type[E]) -> dict[str, E]:
    return {e.value: e for e in enum}


def bundled_path() -> Path:
    """The report file shipped with zzreport (see ``zzreport.bundled``)."""
    return Path(bundled.path())


REPORT_SUFFIXES = folders.SUFFIXES

FirstRead = Callable[[str, int], AbstractContextManager[object]]
"""Wraps the parsing of a file the store does not hold yet, given its name and size: the command
line uses it to pause the garbage collector and to say on stderr when a first read takes long."""


def expand(paths: Sequence[Path]) -> tuple[list[Path], list[DataError]]:
    """Files named, and the report files (``.yaml``, ``.yml``, any case) of folders named, in that
    order; a folder without any, or a report-named entry that is no file, is an error."""
    files: list[Path] = []
    errors: list[DataError] = []
    for path in paths:
        if not _is_dir(path):
            files.append(path)  # the loader says what is wrong with it, if anything
            continue
        try:
            found, others = folders.reports(str(path))
        except OSError as e:
            errors.append(_whole(str(path), f"cannot be read: {e.strerror or e}"))
            continue
        # A report-named entry that is not a file (a broken link, a folder) is named, not skipped.
        errors += [_whole(p, _not_a_file(Path(p))) for p in others]
        if not found and not others:
            errors.append(_whole(str(path), "holds no .yaml or .yml report files"))
        files += [Path(p) for p in found]
    return files, errors


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False for any path that cannot be looked at (a name too long,
    a folder that cannot be entered), which the loader then reports as it reads it."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "is a link to nothing (a broken link), so it was not read"
    try:
        return _not_regular(path.stat().st_mode)
    except OSError:
        return _NOT_REGULAR


def load_all(
    paths: Sequence[Path] = (),
    *,
    with_bundled: bool = False,
    first_read: FirstRead | None = None,
    warn: Callable[[str], None] | None = None,
    use_store: bool = True,
) -> tuple[Dataset, ...]:
    """The reports in ``paths`` (files, or folders of ``.yaml``/``.yml`` files), in that order.

    With no paths, the bundled report; with ``with_bundled``, the bundled report first and then the
    others. Every file is checked; the problems of all bad files are raised together. Two files with
    the same report id are an error, since ``--report`` and the ``report`` column name reports by id.
    Two reports of one place and year are valid but told to ``warn`` (by default a line on stderr,
    see ``zzreport.progress``), since following the place across years must not guess between them.
    ``use_store`` False: see ``load``.
    """
    files, errors = expand(paths)
    if with_bundled or not paths:
        files.insert(0, bundled_path())
    datasets: list[Dataset] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            ds = load(path, first_read=first_read, use_store=use_store)
        except DataError as e:
            errors.append(e)
            continue
        if ds.report.id in seen:
            message = f"report id {ds.report.id!r} is also the id of {seen[ds.report.id]}"
            errors.append(DataError(str(path), [Problem(line=None, field="report.id", message=message)]))
            continue
        seen[ds.report.id] = str(path)
        datasets.append(ds)
    if errors:
        raise DataErrors(errors)
    _warn_twins(datasets, warn)
    return tuple(datasets)


def load(path: Path | None = None, *, first_read: FirstRead | None = None, use_store: bool = True) -> Dataset:
    """Read, check and type one report file (the bundled one by default).

    A file whose exact bytes were checked before comes from the store (``zzreport.store``) without
    touching YAML; any other is parsed, and stored when it is valid. The file is read once: the
    bytes that name its entry are the bytes parsed, so an edit made meanwhile cannot be stored under
    another file's key. With ``use_store`` False the store is neither read nor written: the file is
    parsed in memory, whatever the environment says (the Python API's ``store=False``).
    """
    from zzreport import layout, store

    path = bundled_path() if path is None else path
    name = str(path)
    data = _read(path)
    if not use_store:
        with first_read(name, len(data)) if first_read else nullcontext():
            return parse(decode(data, name), name)
    key = store.key(data)
    entry = store.open_entry(key)
    if entry is not None:
        try:
            return layout.restore(entry, name, key)
        except (store.Damaged, ValueError, TypeError, KeyError):
            pass  # replaced below
    text = decode(data, name)
    if not store.writable():
        with first_read(name, len(text)) if first_read else nullcontext():
            return parse(text, name)
    builders: list[layout.Builder] = []

    def sink(report: Report, sections: tuple[Section, ...]) -> layout.Builder:
        builders.append(layout.Builder(report, sections))
        return builders[-1]

    with first_read(name, len(text)) if first_read else nullcontext():
        parse(text, name, sink=sink)
        del text
        saved = store.save(key, builders.pop().pieces())
    entry = store.open_entry(key) if saved else None
    if entry is not None:
        return layout.restore(entry, name, key)
    return parse(decode(data, name), name)  # the store failed us just now: keep it all


def read_text(path: Path) -> str:
    """The file's text, or a ``DataError`` that says plainly why it cannot be read."""
    return decode(_read(path), str(path))


def _read(path: Path) -> bytes:
    """The whole of a regular file (``store.read``), or a ``DataError`` that says plainly why it
    cannot be read: a FIFO, device or socket is refused before it is opened, so it cannot block."""
    from zzreport import store

    name = str(path)
    try:
        return store.read(name, MAX_BYTES)
    except store.Unfit as e:
        if e.why == "large":
            raise _too_big(name) from None
        if e.why == "changing":
            raise _whole(name, "changed while it was read; try again once it is saved") from None
        if S_ISDIR(e.mode):
            raise _whole(name, "is a directory, not a report file") from None
        raise _whole(name, _not_regular(e.mode)) from None
    except FileNotFoundError:
        raise _whole(name, "no such file") from None
    except PermissionError:
        raise _whole(name, "permission denied") from None
    except OSError as e:
        raise _whole(name, f"cannot be read: {e.strerror or e}") from None


_KINDS = {S_IFIFO: "a named pipe (FIFO)", S_IFCHR: "a device", S_IFBLK: "a device", S_IFSOCK: "a socket"}


def _not_regular(mode: int) -> str:
    kind = _KINDS.get(S_IFMT(mode))
    return f"is {kind}, not a regular file, so it was not read" if kind else _NOT_REGULAR


_NOT_REGULAR = "is not a regular file, so it was not read"


def decode(data: bytes, name: str) -> str:
    """A report file's bytes as text: UTF-8, with or without the BOM Windows editors write."""
    import shlex

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = (
            "UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8; convert it: "
            f"iconv -f UTF-16 -t UTF-8 {shlex.quote(name)} > fixed.yaml"
        )
        raise DataError(name, [Problem(line=1, field="", message=message)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        message = (
            f"not UTF-8 (byte 0x{data[e.start]:02x}); if it is GB18030/GBK, "
            f"convert it: iconv -f GB18030 -t UTF-8 {shlex.quote(name)} > fixed.yaml"
        )
        raise DataError(name, [Problem(line=line, field="", message=message)]) from None


def _too_big(name: str) -> DataError:
    limit = MAX_BYTES // (1024 * 1024)
    return _whole(name, f"is larger than {limit} MiB, the limit for a report file")


def _whole(name: str, message: str) -> DataError:
    return DataError(name, [Problem(line=None, field="", message=message)])


class Adder(Protocol):
    """Takes the checked indicators of one report, one at a time, each with the look-up forms of its
    id, names and aliases (``query.search_label``)."""

    def add(self, ind: Indicator, names: tuple[str, ...]) -> None: ...


Sink = Callable[[Report, tuple[Section, ...]], Adder]
"""Where ``parse`` hands each checked indicator instead of keeping it, given the report's metadata
and sections (known before any indicator)."""


def parse(text: str, name: str, *, sink: Sink | None = None) -> Dataset:
    """Check and type the text of one report file; ``name`` is used in messages.

    The file is read as a stream of YAML events: the top-level mapping, the report and the sections
    become nodes, but the indicators are composed, checked and dropped one at a time, so a file of
    100,000 records never stands in memory as a tree of millions of nodes. With a ``sink``, each
    checked indicator goes there and the data set returned holds none.
    """
    import yaml  # imported here so that commands answered from the store never load it

    checker = _Checker(sink)
    reader = _Reader(text, checker)
    try:
        root, streamed = reader.document()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(m) for m in (e.context, e.problem) if m)
        if "tab" in message or "'\\t'" in message:
            message += " (indent with spaces, not tabs)"
        line = mark.line + 1 if mark is not None else None
        raise DataError(name, [Problem(line=line, field="", message=f"not valid YAML: {message}")]) from None
    except yaml.reader.ReaderError as e:  # a character YAML forbids, such as BEL or NUL
        # libyaml counts its position in bytes; the reader stops at the first such character.
        char = chr(e.character) if isinstance(e.character, int) else str(e.character)
        line = text[: max(text.find(char), 0)].count("\n") + 1
        what = f"U+{ord(char):04X}" if len(char) == 1 else repr(char)
        message = (
            f"control character {what} is not allowed; write it as an escape in a quoted string (\\a, \\0)"
        )
        raise DataError(name, [Problem(line=line, field="", message=message)]) from None
    except yaml.YAMLError as e:
        raise _whole(name, "not valid YAML: " + " ".join(str(e).split())) from None
    except RecursionError:
        raise _whole(name, "nested too deeply to be a report file") from None
    if root is None:
        raise _whole(name, "is empty")
    if reader.refused:
        raise DataError(name, reader.refused)
    dataset = checker.dataset(root, name, streamed)
    if checker.problems or dataset is None:
        raise DataError(name, sorted(checker.problems, key=lambda p: p.line or 0))
    return dataset


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Reader:
    """Composes nodes from libyaml's events (as PyYAML's base composer would), refusing tags,
    anchors and aliases as it meets them; streams the indicators into the checker."""

    def __init__(self, text: str, checker: _Checker) -> None:
        import yaml

        self.yaml = yaml
        self.events = yaml.events
        self.scalar: type[ScalarNode] = yaml.nodes.ScalarNode
        self.sequence: type[SequenceNode] = yaml.nodes.SequenceNode
        self.mapping: type[MappingNode] = yaml.nodes.MappingNode
        self.next = getattr(yaml, "CBaseLoader", yaml.BaseLoader)(text).get_event
        self.checker = checker
        self.refused: list[Problem] = []
        self._aliased = False

    def _refuse(self, event: Any, message: str) -> None:
        mark = getattr(event, "start_mark", None)
        self.refused.append(Problem(line=mark.line + 1 if mark else None, field="", message=message))

    def _tag(self, event: Any, default: str) -> str:
        """The event's tag, refusing explicit ones, anchors and aliases (an alias once named can
        stand for a whole tree: "billion laughs")."""
        if event.__class__ is self.events.AliasEvent or event.anchor is not None:
            if not self._aliased:
                self._refuse(event, "anchors and aliases (&, *) are not allowed; write values out")
                self._aliased = True
            return default
        tag = event.tag
        if tag is None or tag == "!":
            return default
        if tag != default and not self._aliased:
            self._refuse(event, f"YAML tags such as {tag!r} are not allowed")
        return str(tag)

    def compose(self, event: Any) -> Node:
        """The node that starts with ``event``. The hot loop of a large file: plain scalars, the
        commonest events by far, take the shortest way."""
        ev = self.events
        cls = event.__class__
        if cls is ev.ScalarEvent:
            tag = _STR if event.tag is None and event.anchor is None else self._tag(event, _STR)
            return self.scalar(tag, event.value, event.start_mark, event.end_mark, event.style)
        if cls is ev.AliasEvent:
            self._tag(event, _STR)
            return self.scalar(_STR, "", event.start_mark, event.end_mark)
        get, compose = self.next, self.compose
        if cls is ev.SequenceStartEvent:
            tag = self._tag(event, _SEQ)
            items = []
            item = get()
            while item.__class__ is not ev.SequenceEndEvent:
                items.append(compose(item))
                item = get()
            return self.sequence(tag, items, event.start_mark, item.end_mark)
        tag = self._tag(event, _MAP)
        pairs = []
        key = get()
        while key.__class__ is not ev.MappingEndEvent:
            pairs.append((compose(key), compose(get())))
            key = get()
        return self.mapping(tag, pairs, event.start_mark, key.end_mark)

    def document(self) -> tuple[Node | None, _Records | None]:
        """The file's one document: its root (the indicators left out when they were streamed) and
        the streamed indicators; (None, None) for a file with no document."""
        ev = self.events
        self.next()  # the stream's start
        start = self.next()
        if start.__class__ is ev.StreamEndEvent:
            return None, None
        first = self.next()
        streamed = None
        if first.__class__ is not ev.MappingStartEvent:
            root = self.compose(first)
        else:
            pairs: list[tuple[Node, Node]] = []
            key = self.next()
            while key.__class__ is not ev.MappingEndEvent:
                knode = self.compose(key)
                value = self.next()
                known = {str(k.value): v for k, v in pairs}
                if (
                    knode.value == "indicators"
                    and streamed is None
                    and "report" in known
                    and "sections" in known
                    and value.__class__ is ev.SequenceStartEvent
                    and not self.refused
                ):
                    streamed = self._stream(known["report"], known["sections"], value)
                    vnode: Node = self.sequence(_SEQ, [], value.start_mark, value.end_mark)
                else:
                    vnode = self.compose(value)
                pairs.append((knode, vnode))
                key = self.next()
            root = self.mapping(self._tag(first, _MAP), pairs, first.start_mark, key.end_mark)
        self.next()  # the document's end
        after = self.next()
        if after.__class__ is not ev.StreamEndEvent:
            raise self.yaml.composer.ComposerError(
                "expected a single document in the stream", start.start_mark,
                "but found another document", after.start_mark,
            )  # fmt: skip
        return root, streamed

    def _stream(self, report: Node, sections: Node, start: Any) -> _Records:
        checker = self.checker
        records = _Records(checker, checker.sections(sections), checker.report(report))
        item = self.next()
        i = 0
        while item.__class__ is not self.events.SequenceEndEvent:
            records.add(self.compose(item), i)
            item = self.next()
            i += 1
        return records


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _own_english(ind: Indicator) -> bool:
    """Whether a record has an English name of its own to check for clashes: one given in the file
    (drafts have none) that is not its Chinese name again."""
    return bool(ind.name_en) and ind.name_en.casefold() != ind.name.casefold()


class _Records:
    """The indicators of a file, checked one by one as they come, and against each other; each
    good one is kept, or handed to the checker's sink and dropped."""

    def __init__(self, checker: _Checker, sections: tuple[Section, ...], report: Report | None) -> None:
        self.checker = checker
        self.sink = checker.sink(report, sections) if checker.sink and report else None
        self.known = {s.id for s in sections}
        self.year = str(report.year) if report else ""
        self.out: list[Indicator] = []
        self.names: dict[str, tuple[str, int]] = {}
        self.ids: dict[str, int] = {}

    def add(self, item: Node, i: int) -> None:
        """Check the record ``item``, the ``i``-th of the list."""
        checker = self.checker
        ind = checker.indicator(item, f"indicators[{i}]", self.known, self.year)
        if ind is None:
            return
        if ind.id in self.ids:
            first = self.ids[ind.id]
            checker.fail(item, f"indicators[{i}].id", f"duplicate id {ind.id!r} (first at line {first})")
            return
        self.ids[ind.id] = ind.line
        names = self.names
        # The look-up forms of the record's names, made once: for the clash check here and for the
        # store's search labels (``query.search_label``).
        labels = tuple(spaced(x) for x in names_of(ind))
        found = tuple(compact(x) for x in labels)
        checked = [0, 1] + ([2] if _own_english(ind) else [])
        checked += range(3, len(found))
        for k, j in enumerate(checked):
            # A label repeated within one record (GDP beside gdp) is harmless; across records it
            # would make look-ups ambiguous. Labels are compared as look-ups compare them (Grain_Output
            # names grain-output), so a file that validates never answers "ambiguous".
            key = found[j]
            prior = names.get(key)
            if not key:
                if j >= 3:  # an alias exists only to be looked up by
                    _, path, at = list(checker._names(ind, i, item))[k]
                    checker.fail(
                        at, path, f"{(ind.aliases[j - 3])!r} has no letter or digit to look it up by"
                    )
            elif prior is None:
                names[key] = (ind.id, ind.line)
            elif prior[0] != ind.id:
                _, path, at = list(checker._names(ind, i, item))[k]
                label = names_of(ind)[j]
                checker.fail(at, path, f"{label!r} already names {prior[0]!r} (line {prior[1]})")
        if self.sink is None:
            self.out.append(ind)
        elif not checker.problems:
            self.sink.add(ind, labels)

    def result(self) -> tuple[Indicator, ...]:
        """Every good record, in file order."""
        return tuple(self.out)


class _Checker:
    """Reads the node tree into the model, noting every problem instead of stopping at the first."""

    def __init__(self, sink: Sink | None = None) -> None:
        self.problems: list[Problem] = []
        self.sink = sink
        self._memo: dict[int, object] = {}

    def fail(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(line=_line(node), field=field, message=message))

    # ── shapes ────────────────────────────────────────────────────────────────

    def mapping(
        self, node: Node, field: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node] | None:
        if getattr(node, "id", None) != "mapping":
            what = field or "the file"
            self.fail(node, field, f"{what} must be a mapping of keys to values")
            return None
        fields: dict[str, Node] = {}
        known = _known(required, optional)
        for key, value in node.value:
            if getattr(key, "id", None) != "scalar":
                self.fail(key, field, "keys must be plain words")
                continue
            name = str(key.value)
            if name in known and name not in fields:
                fields[name] = value
                continue
            path = f"{field}.{name}" if field else name
            if name in fields:
                self.fail(key, path, f"duplicate key {name!r} (first at line {_line(fields[name])})")
            else:
                self.fail(key, path, f"unknown field {name!r}; expected one of {', '.join(sorted(known))}")
        for name in required:
            if name not in fields:
                path = f"{field}.{name}" if field else name
                self.fail(node, path, "required field is missing")
        return fields

    def sequence(self, node: Node, field: str) -> list[Node]:
        if getattr(node, "id", None) != "sequence":
            self.fail(node, field, "must be a list")
            return []
        return list(node.value)

    def scalar(self, node: Node | None, field: str) -> str | None:
        if node is None:
            return None
        if getattr(node, "id", None) != "scalar":
            self.fail(node, field, "must be a single value, not a list or mapping")
            return None
        text = str(node.value).strip()
        if not text:
            self.fail(node, field, "must not be empty")
            return None
        return text

    # ── typed fields ──────────────────────────────────────────────────────────

    def typed(
        self,
        fields: dict[str, Node],
        key: str,
        base: str,
        convert: Callable[[str], T | None],
        expected: str | Callable[[], str],
    ) -> T | None:
        node = fields.get(key)
        if node is None:
            return None
        # The hot path of a large file; the key path and message are built only on failure.
        value = node.value
        if (
            type(value) is str
            and value
            and node.tag == _STR
            and not (value[0].isspace() or value[-1].isspace())
        ):
            converted = convert(value)
            if converted is not None:
                return converted
        field = f"{base}.{key}" if base else key
        text = self.scalar(node, field)
        if text is None:
            return None
        converted = convert(text)
        if converted is None:
            self.fail(node, field, f"{text!r} is not {expected if isinstance(expected, str) else expected()}")
        return converted

    def text(self, fields: dict[str, Node], key: str, base: str) -> str | None:
        return self.typed(fields, key, base, lambda t: t, "text")

    def decimal(self, fields: dict[str, Node], key: str, base: str) -> Decimal | None:
        return self.typed(
            fields,
            key,
            base,
            lambda t: Decimal(t) if _DECIMAL.match(t) else None,
            "a plain decimal number such as 2806.2 or -7.7 (no leading zeros, exponents or commas)",
        )

    def positive(self, fields: dict[str, Node], key: str, base: str) -> int | None:
        return self.typed(fields, key, base, _whole_number, f"a whole number from 1 up to {_LARGEST_WHOLE}")

    def choice(self, fields: dict[str, Node], key: str, base: str, enum: type[E]) -> E | None:
        values = _members(enum)
        return self.typed(
            fields, key, base, values.get, lambda: f"one of {', '.join(repr(v) for v in values)}"
        )

    def flag(self, fields: dict[str, Node], key: str, base: str) -> bool:
        value = self.typed(fields, key, base, {"true": True, "false": False}.get, "true or false")
        return bool(value)

    def ident(self, fields: dict[str, Node], key: str, base: str) -> str | None:
        return self.typed(
            fields,
            key,
            base,
            lambda t: t if _ID.match(t) and len(t) <= ID_MAX else None,
            f"a short lowercase ASCII id in kebab-case (up to {ID_MAX} characters) such as raw-coal-output",
        )

    # ── the file ──────────────────────────────────────────────────────────────

    def dataset(self, root: Node, name: str, streamed: _Records | None = None) -> Dataset | None:
        top = self.mapping(root, "", TOP_FIELDS, ())
        if top is None:
            return None
        version = self.scalar(top.get("format"), "format")
        if version is not None and version != FORMAT_VERSION:
            self.fail(
                top["format"], "format", f"unsupported format {version!r}; this zzreport reads format 1"
            )
        report = self.report(top["report"]) if "report" in top else None
        sections = self.sections(top["sections"]) if "sections" in top else ()
        if streamed is not None:
            indicators = streamed.result()
        else:
            indicators = self.indicators(top["indicators"], sections, report) if "indicators" in top else ()
        if report is None or self.problems:
            return None
        return Dataset(
            path=name,
            report=report,
            sections=sections,
            indicators=indicators,
            labels=search_labels(indicators),
        )

    def report(self, node: Node) -> Report | None:
        """The report's metadata (checked once per node, however often asked)."""
        if id(node) in self._memo:
            return self._memo[id(node)]  # type: ignore[return-value]
        self._memo[id(node)] = found = self._report(node)
        return found

    def _report(self, node: Node) -> Report | None:
        f = self.mapping(node, "report", REPORT_FIELDS, REPORT_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Report, f, "report", frozenset(), "")
        return Report(**values) if all(k in values for k in REPORT_FIELDS) else None  # type: ignore[arg-type]

    def sections(self, node: Node) -> tuple[Section, ...]:
        """The report's sections (checked once per node, however often asked)."""
        if id(node) in self._memo:
            return self._memo[id(node)]  # type: ignore[return-value]
        self._memo[id(node)] = found = self._sections(node)
        return found

    def _sections(self, node: Node) -> tuple[Section, ...]:
        out: list[Section] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(self.sequence(node, "sections")):
            base = f"sections[{i}]"
            f = self.mapping(item, base, SECTION_FIELDS, SECTION_OPTIONAL)
            if f is None:
                continue
            values = self.fields_of(Section, f, base, frozenset(), "")
            sid = values.get("id")
            if isinstance(sid, str) and sid in seen:
                self.fail(f["id"], f"{base}.id", f"duplicate section id {sid!r} (first at line {seen[sid]})")
            elif isinstance(sid, str):
                seen[sid] = _line(f["id"])
            if all(name in values for name in SECTION_FIELDS):
                out.append(Section(**values))  # type: ignore[arg-type]
        if not out and not self.problems:
            self.fail(node, "sections", "a report needs at least one section")
        return tuple(out)

    def indicators(
        self, node: Node, sections: tuple[Section, ...], report: Report | None
    ) -> tuple[Indicator, ...]:
        records = _Records(self, sections, report)
        for i, item in enumerate(self.sequence(node, "indicators")):
            records.add(item, i)
        return records.result()

    @staticmethod
    def _names(ind: Indicator, i: int, node: Node) -> Iterator[tuple[str, str, Node]]:
        """Each label of a record, with its key path and node (records reaching here are well formed)."""
        base = f"indicators[{i}]"
        fields = {str(k.value): v for k, v in node.value}
        yield ind.id, f"{base}.id", fields["id"]
        yield ind.name, f"{base}.name", fields["name"]
        if _own_english(ind):
            yield ind.name_en, f"{base}.name_en", fields["name_en"]
        for j, alias in enumerate(ind.aliases):
            yield alias, f"{base}.aliases[{j}]", fields["aliases"].value[j]

    def indicator(self, node: Node, base: str, sections: set[SectionId], year: str) -> Indicator | None:
        before = len(self.problems)
        f = self.mapping(node, base, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Indicator, f, base, frozenset(sections), year)
        values.setdefault("period", year)
        ind = Indicator(**{**_PLACEHOLDER, **values}, line=_line(node))  # type: ignore[arg-type]
        self.consistency(ind, f, node, base)
        if "period" in f and year:  # a period that could not be read stands at the year, and passes
            self.period_end(ind.period, year, f["period"], f"{base}.period")
        if len(self.problems) > before:
            return None
        return ind

    def fields_of(
        self, cls: type, f: dict[str, Node], base: str, sections: frozenset[str], year: str
    ) -> dict[str, object]:
        """The typed value of every field of ``cls`` present in ``f`` and readable, by name. Only the
        fields present are read: a large file has many records and most fields of each are absent."""
        values: dict[str, object] = {}
        specs = _specs(cls)
        for key in f:  # the mapping holds known keys only
            value = self.read(specs[key], f, base, sections)
            if value is not None:
                values[key] = value
        return values

    def read(self, spec: fields.Field, f: dict[str, Node], base: str, sections: frozenset[str]) -> object:  # noqa: PLR0911, PLR0912 - one reading per case
        """One field's typed value, or None (with the problem noted) when it cannot be read."""
        key = spec.name
        match spec.read:
            case "text":
                return self.text(f, key, base)
            case "ident":
                return self.ident(f, key, base)
            case "decimal" | "gap":
                return self.decimal(f, key, base)
            case "positive":
                return self.positive(f, key, base)
            case "flag":
                return self.flag(f, key, base)
            case "choice":
                assert spec.enum is not None  # noqa: S101 - set for every choice
                return self.choice(f, key, base, spec.enum)
            case "section":
                return self.typed(
                    f, key, base, lambda t: t if t in sections else None, "a section id listed under sections"
                )
            case "unit":
                return self.typed(
                    f, key, base, _unit, "a unit of 1 to 12 characters without digits or spaces (亿元, %, 户)"
                )
            case "period":
                text = str(f[key].value).strip() if key in f else ""
                return self.typed(f, key, base, _period, lambda: _period_expected(text))
            case "code":
                return self.typed(
                    f, key, base, _code, "a 6-digit administrative division code such as 140400"
                )
            case "year":
                return self.typed(f, key, base, _year, "a year such as 2023")
            case "date":
                return self.typed(f, key, base, _date, "a date written YYYY-MM-DD")
            case "texts":
                items = self.sequence(f[key], f"{base}.{key}")
                return tuple(t for j, n in enumerate(items) if (t := self.scalar(n, f"{base}.{key}[{j}]")))
            case "locations":
                items = self.sequence(f[key], f"{base}.{key}")
                found = (self.location(n, f"{base}.{key}[{j}]", sections) for j, n in enumerate(items))
                return tuple(a for a in found if a is not None)
            case "comparisons":
                items = self.sequence(f[key], f"{base}.{key}")
                made = (self.comparison(n, f"{base}.{key}[{j}]") for j, n in enumerate(items))
                return tuple(c for c in made if c is not None)
        raise AssertionError(spec.read)

    def consistency(self, ind: Indicator, f: dict[str, Node], node: Node, base: str) -> None:
        """Rules that tie fields together."""

        def pair(a: str, b: str) -> None:
            if (a in f) != (b in f):
                have, missing = (a, b) if a in f else (b, a)
                self.fail(f[have], f"{base}.{missing}", f"{have} is given, so {missing} is required")

        pair("value", "unit")
        pair("change", "change_unit")
        pair("rank", "rank_scope")
        if ind.rank_sole and ind.rank not in (None, 1):
            self.fail(f["rank_sole"], f"{base}.rank_sole", "the only one of its kind must have rank 1")
        if ind.kind is Kind.HONOUR:
            for key in ("value", "unit", "change", "change_unit", "qualifier"):
                if key in f:
                    self.fail(f[key], f"{base}.{key}", "an honour carries no number; make it a figure")
            return
        for key in ("qualifier", "written"):
            if key in f and "value" not in f:
                self.fail(f[key], f"{base}.{key}", f"{key} needs a value")
        if not any(k in f for k in ("value", "change", "rank", "comparisons")):
            self.fail(node, base, "a figure needs a value, a change, a rank or a comparison")

    def period_end(self, period: str, year: str, node: Node, field: str) -> None:
        """A period is the span of a figure the report reviews, so it ends in the year reviewed: a
        later end is no review, and an earlier one would set the figure against the wrong years when
        ``compare --across`` follows it from report to report."""
        start, _, end = period.partition("-")
        end = end or start
        if end == year:
            return
        if end > year:
            example = f"{int(year) - 2}-{year}"
            where = f"after {year}, the year the report reviews"
        else:
            example = f"{start}-{year}"
            where = f"before {year}, the year the report reviews"
        self.fail(
            node,
            field,
            f"{period!r} ends in {end}, {where}: a period is the span of a figure up to that year, "
            f"such as {example} (leave it out for {year} alone)",
        )

    def location(self, node: Node, field: str, sections: frozenset[str]) -> Location | None:
        text = self.scalar(node, field)
        if text is None:
            return None
        section, _, item = text.partition("/")
        number = _whole_number(item)
        if section not in sections or number is None:
            self.fail(node, field, f"{text!r} is not section/item, such as projects/5, with a known section")
            return None
        return Location(section=SectionId(section), item=number)

    def comparison(self, node: Node, base: str) -> Comparison | None:
        f = self.mapping(node, base, COMPARISON_REQUIRED, COMPARISON_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Comparison, f, base, frozenset(), "")
        if ("gap" in f) != ("gap_unit" in f):
            self.fail(node, base, "gap and gap_unit go together")
        gap = values.get("gap")
        if isinstance(gap, Decimal) and gap < 0:
            self.fail(f["gap"], f"{base}.gap", "gap is a distance: write it without a sign")
        if "relation" not in values or "benchmark" not in values:
            return None
        return Comparison(**values)  # type: ignore[arg-type]


def _code(text: str) -> str | None:
    return text if _CODE.match(text) else None


_LARGEST_WHOLE = 10**15 - 1
"""The largest whole number a report file may give (an item, a rank): far above any real one, below
2^53 so that every JSON reader keeps it exactly, and short of Python's limit on converting long
digit strings, which would otherwise end the load with a traceback."""


_WHOLE_DIGITS = len(str(_LARGEST_WHOLE))


def _whole_number(text: str) -> int | None:
    return int(text) if len(text) <= _WHOLE_DIGITS and _POSITIVE.match(text) else None


def _year(text: str) -> int | None:
    return int(text) if _YEAR.match(text) else None


def _unit(text: str) -> str | None:
    return text if is_unit(text) else None


def _date(text: str) -> dt.date | None:
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _period(text: str) -> str | None:
    m = _PERIOD.match(text)
    if m is None or (m.group(2) is not None and m.group(2) <= m.group(1)):
        return None
    return text


def _period_expected(text: str) -> str:
    """What a period should have been, naming a span that runs backwards or stands still."""
    m = _PERIOD.match(text)
    if m is not None and m.group(2) is not None and m.group(2) < m.group(1):
        return f"a year or a span: it runs backwards; write the earlier year first ({m[2]}-{m[1]})"
    if m is not None and m.group(2) == m.group(1):
        return f"a span: it is one year; write {m[1]}"
    return "a year (2023) or a span (2021-2023)"


def _warn_twins(datasets: Sequence[Dataset], warn: Callable[[str], None] | None) -> None:
    """Say which reports are of one place and year (``query.twins``), each group once."""
    from zzreport.query import twin_text, twins

    found = twins(datasets)
    if not found:
        return
    if warn is None:
        from zzreport import progress

        warn = progress.warn
    for group in found:
        warn(f"{twin_text(group)}; compare --across will follow none of them until --report keeps one")


def warnings(ds: Dataset) -> list[Problem]:
    """What is valid but likely a mistake: text holding control characters or characters that
    reorder text (U+202E), which tables show as escapes and which may hide in a terminal or editor;
    units the unit table does not know (亿圆 for 亿元)."""
    from zzreport.escape import visible

    def check(where: str, line: int | None, value: object) -> list[Problem]:
        texts = value if isinstance(value, tuple) else (value,)
        message = "holds control or reordering characters, shown here escaped: {}"
        return [
            Problem(line=line, field=where, message=message.format(visible(text)))
            for text in texts
            if isinstance(text, str) and not text.isprintable() and visible(text) != text
        ]

    found: list[Problem] = []
    for name in (*REPORT_FIELDS, *REPORT_OPTIONAL):
        found += check(f"report.{name}", None, getattr(ds.report, name))
    for i, section in enumerate(ds.sections):
        for name in (*SECTION_FIELDS, *SECTION_OPTIONAL):
            found += check(f"sections[{i}].{name}", None, getattr(section, name))
    textual = [f.name for f in fields.of(Indicator) if f.read in ("text", "texts", "unit", "period")]
    for i, ind in enumerate(ds.indicators):
        for name in textual:
            found += check(f"indicators[{i}].{name}", ind.line, getattr(ind, name))
        if ind.unit is not None and known(ind.unit) is None:
            message = (
                f"unit {visible(ind.unit)!r} is not in the unit table: shown as written, never converted"
            )
            found.append(Problem(line=ind.line, field=f"indicators[{i}].unit", message=message + "; a typo?"))
    return found
