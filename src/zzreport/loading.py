"""Finding and reading report files, and building the model from them (checked by ``zzreport.checking``).

YAML is read as libyaml's stream of events, which keeps every scalar as text; the checker types each
field itself (the fields and their readings come from the model, see ``zzreport.fields``), so
``1.10`` stays ``1.10`` and ``NO`` stays ``NO``. Tags, aliases and duplicate keys are refused. Every
problem in a file is collected and raised together as one ``DataError``. A file whose exact bytes
were checked before is answered from the store (``zzreport.store``) without YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from stat import S_IFBLK, S_IFCHR, S_IFIFO, S_IFMT, S_IFSOCK, S_ISDIR

from zzreport import bundled, fields, folders
from zzreport.checking import (
    _STR,
    REPORT_FIELDS,
    REPORT_OPTIONAL,
    SECTION_FIELDS,
    SECTION_OPTIONAL,
    Sink,
    _Checker,
    _Records,
)
from zzreport.errors import DataError, DataErrors, Problem
from zzreport.model import Dataset, Indicator, Report, Section
from zzreport.store import MAX_SOURCE, Source
from zzreport.units import known

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


MAX_BYTES = MAX_SOURCE
"""Largest report file accepted: far above any real report, far below what would exhaust memory."""


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
    touching YAML, and without reading the file while its status says it is unchanged
    (``store.Known``); any other is parsed, and stored when it is valid. The file is read once: the
    bytes that name its entry are the bytes parsed, so an edit made meanwhile cannot be stored under
    another file's key. With ``use_store`` False the store is neither read nor written: the file is
    parsed in memory, whatever the environment says (the Python API's ``store=False``).
    """
    from zzreport import layout, store

    path = bundled_path() if path is None else path
    name = str(path)
    if not use_store:
        data = _read(path)
        with first_read(name, len(data)) if first_read else nullcontext():
            return parse(decode(data, name), name)
    status = store.Known(name)
    key = status.key(name)
    if key is not None:
        entry = store.open_entry(key)
        if entry is not None:
            try:
                return layout.restore(entry, name, key)
            except (store.Damaged, ValueError, TypeError, KeyError):
                pass  # read, digested and replaced below
    found = _read_source(path)
    data, key = found.data, found.key
    entry = store.open_entry(key)
    if entry is not None:
        try:
            ds = layout.restore(entry, name, key)
        except (store.Damaged, ValueError, TypeError, KeyError):
            pass  # replaced below
        else:
            status.learn(name, found)
            status.save()
            return ds
    # The text is decoded only to refuse what is not UTF-8 and to tell its size: libyaml reads
    # the bytes themselves, which spares a large file two copies of its text while it is read.
    size = len(decode(data, name))
    if not store.writable():
        with first_read(name, size) if first_read else nullcontext():
            return parse(data, name)
    builders: list[layout.Builder] = []

    def sink(report: Report, sections: tuple[Section, ...]) -> layout.Builder:
        builders.append(layout.Builder(report, sections))
        return builders[-1]

    with first_read(name, size) if first_read else nullcontext():
        parsed = parse(data, name, sink=sink)
        saved = store.save(key, builders.pop().pieces(parsed.targets, omitted=parsed.omitted))
    entry = store.open_entry(key) if saved else None
    if entry is not None:
        ds = layout.restore(entry, name, key)
        status.learn(name, found)
        status.save()
        return ds
    return parse(decode(data, name), name)  # the store failed us just now: keep it all


def read_text(path: Path) -> str:
    """The file's text, or a ``DataError`` that says plainly why it cannot be read."""
    return decode(_read(path), str(path))


def _read(path: Path) -> bytes:
    """The whole of a regular file (``store.read``), or a ``DataError`` that says plainly why it
    cannot be read: a FIFO, device or socket is refused before it is opened, so it cannot block."""
    return _read_source(path, digest=False).data


def _read_source(path: Path, *, digest: bool = True) -> Source:
    """``_read``, with what the store needs of the bytes read: their key and the file's status."""
    from zzreport import store

    name = str(path)
    try:
        data, seen, since = store.read_status(name, MAX_BYTES)
        return store.Source(data, store.key(data) if digest else "", seen, since)
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


def parse(text: str | bytes, name: str, *, sink: Sink | None = None) -> Dataset:
    """Check and type the text of one report file (or its bytes, once ``decode`` accepts them);
    ``name`` is used in messages.

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
        if isinstance(text, bytes):
            text = decode(text, name)
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

    def __init__(self, text: str | bytes, checker: _Checker) -> None:
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
        """Check each indicator as it is read. The hot loop of a large file: a record that is a
        mapping of plain scalars and lists of them (nearly all) is checked from its events
        (``_Records.quick``);
        any other, or one the quick way does not take, is composed from the same events and checked
        as a node, so every message is the checker's own."""
        checker = self.checker
        records = _Records(checker, checker.sections(sections), checker.report(report))
        ev = self.events
        mapping_start, sequence_end = ev.MappingStartEvent, ev.SequenceEndEvent
        get = self.next
        item = get()
        i = 0
        while item.__class__ is not sequence_end:
            if item.__class__ is not mapping_start or item.tag is not None or item.anchor is not None:
                records.add(self.compose(item), i)
                item = get()
                i += 1
                continue
            read, f, lists, plain = self._record(item)
            if plain:
                made: list[Node] = []

                def node(read: list[Any] = read, made: list[Node] = made) -> Node:
                    if not made:
                        made.append(self._replay(read))
                    return made[0]

                if records.quick(item, f, i, node, lists):
                    item = get()
                    i += 1
                    continue
                records.add(node(), i)
            else:
                records.add(self._replay(read), i)
            item = get()
            i += 1
        return records

    def _record(self, start: Any) -> tuple[list[Any], dict[str, Any], dict[str, list[Any]], bool]:
        """The events of the record mapping that ``start`` begins, read to its end or to the first
        the quick way cannot take: every event read (to ``_replay``), the value of each key (a list's
        start for a list), the items of each list of plain scalars (aliases, topics, also_at), and
        whether the quick way may take the record."""
        ev = self.events
        scalar, get = ev.ScalarEvent, self.next
        read = [start]
        f: dict[str, Any] = {}
        lists: dict[str, list[Any]] = {}
        plain = True
        key = get()
        while key.__class__ is scalar:
            value = get()
            read += (key, value)
            name = key.value
            if value.__class__ is ev.SequenceStartEvent and value.tag is None and value.anchor is None:
                items = self._scalars(read)
                if items is None:
                    return read, f, lists, False
                lists[name] = items
            elif value.__class__ is not scalar:
                return read, f, lists, False
            elif value.tag is not None or value.anchor is not None:
                plain = False
            if name in f or key.tag is not None or key.anchor is not None:
                plain = False
            f[name] = value
            key = get()
        read.append(key)
        return read, f, lists, plain and key.__class__ is ev.MappingEndEvent

    def _scalars(self, read: list[Any]) -> list[Any] | None:
        """The items of the list just begun, each read once and added to ``read``, when every one
        is a plain scalar; else None, at the first that is not."""
        scalar, get = self.events.ScalarEvent, self.next
        items = []
        each = get()
        read.append(each)
        while each.__class__ is scalar and each.tag is None and each.anchor is None:
            items.append(each)
            each = get()
            read.append(each)
        return items if each.__class__ is self.events.SequenceEndEvent else None

    def _replay(self, read: list[Any]) -> Node:
        """The node of the events ``read``, and of as many events after them as it takes."""
        from itertools import chain

        live = self.next
        self.next = chain(read, iter(live, None)).__next__
        try:
            return self.compose(self.next())
        finally:
            self.next = live


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
