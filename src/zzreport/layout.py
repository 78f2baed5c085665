"""How a checked report is laid out in the store, derived from the model's own field definitions.

Nothing here names a field. Each stored class (``Report``, ``Section``, ``Indicator`` and what they
hold) is turned into plain tuples by codecs built from its dataclass fields and their type hints, so a
field added to the model is stored and restored with no edit here. The layout's fingerprint, from the
same walk, is part of every entry's key: entries of another layout are never read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import operator
import sys
import types
import typing
import zlib
from array import array
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache

from zzreport import match, store
from zzreport.errors import DataError, Problem
from zzreport.match import JoinedLabels
from zzreport.model import Dataset, Indicator, Omission, Report, Section, Target
from zzreport.query import TARGETED, search_label, with_topic

Dump = Callable[[object], object]
Load = Callable[[object], object]


class Codec(typing.NamedTuple):
    """How one type is stored: to plain values, back, and a description for the fingerprint."""

    dump: Dump
    load: Load
    spec: str
    plain: bool = False
    """True when ``dump`` returns its argument unchanged (built-ins, and optional ones)."""


def _bad(expected: str, got: object) -> ValueError:
    return ValueError(f"stored value {got!r} is not {expected}")


def _exact(kind: type) -> Codec:
    def load(v: object) -> object:
        if type(v) is not kind:
            raise _bad(kind.__name__, v)
        return v

    return Codec(lambda v: v, load, kind.__name__, plain=True)


def _decimal() -> Codec:
    def load(v: object) -> object:
        if type(v) is not str:
            raise _bad("decimal text", v)
        try:
            return Decimal(v)
        except InvalidOperation:
            raise _bad("decimal text", v) from None

    return Codec(str, load, "Decimal")


def _enum(kind: type[Enum]) -> Codec:
    def load(v: object) -> object:
        return kind(v)

    members = ",".join(str(m.value) for m in kind)
    return Codec(operator.attrgetter("value"), load, f"{kind.__name__}[{members}]")


def _date() -> Codec:
    def load(v: object) -> object:
        if type(v) is not str:
            raise _bad("a date", v)
        return dt.date.fromisoformat(v)

    return Codec(operator.methodcaller("isoformat"), load, "date")


def _optional(inner: Codec) -> Codec:
    return Codec(
        lambda v: None if v is None else inner.dump(v),
        lambda v: None if v is None else inner.load(v),
        f"{inner.spec}?",
        plain=inner.plain,
    )


def _tuple(inner: Codec) -> Codec:
    def load(v: object) -> object:
        if type(v) is not tuple:
            raise _bad("a tuple", v)
        return tuple(inner.load(x) for x in v)

    if inner.plain:  # a tuple of built-ins is stored as it is
        return Codec(lambda v: v, load, f"({inner.spec})*", plain=True)
    return Codec(
        lambda v: tuple([inner.dump(x) for x in typing.cast("tuple[object, ...]", v)]) if v else (),
        load,
        f"({inner.spec})*",
    )


@cache
def codec(kind: object) -> Codec:  # noqa: PLR0911 - one return per kind of type
    """The codec of a type hint: exact built-ins, Decimal, enums, dates, optionals, tuples and
    dataclasses (as tuples of their fields, in declaration order)."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _optional(codec(rest[0]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(codec(args[0]))
    if kind in (str, int, bool):
        return _exact(typing.cast("type", kind))
    if kind is Decimal:
        return _decimal()
    if kind is dt.date:
        return _date()
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _record(kind)
    raise TypeError(f"no stored form for {kind!r}: teach zzreport.layout.codec this type")


def _record(kind: type) -> Codec:
    hints = typing.get_type_hints(kind)
    fields = [(f.name, codec(hints[f.name])) for f in dataclasses.fields(kind)]
    everything = operator.attrgetter(*(name for name, _ in fields))
    convert = [(i, c.dump) for i, (_, c) in enumerate(fields) if not c.plain]

    def dump(v: object) -> object:
        # All fields in one C call, then only those that are not stored as they are: a large
        # first load stores hundreds of thousands of records.
        row = list(everything(v)) if len(fields) > 1 else [everything(v)]
        for i, to_plain in convert:
            row[i] = to_plain(row[i])
        return tuple(row)

    def load(v: object) -> object:
        if type(v) is not tuple or len(v) != len(fields):
            raise _bad(f"a {kind.__name__} row", v)
        return kind(**{name: c.load(x) for (name, c), x in zip(fields, v, strict=True)})

    spec = ",".join(f"{name}:{c.spec}" for name, c in fields)
    return Codec(dump, load, f"{kind.__name__}({spec})")


def _columns() -> tuple[str, ...]:
    from zzreport.render.records import INDICATOR_FIELDS

    return tuple(INDICATOR_FIELDS)


ENTRY = (
    "meta+numbers index labels+topics+headline sounds offsets crcs records; "
    "record=(row, values, names); "
    "nfkc t2s spaced"
)
"""The pieces ``pieces`` writes; part of the fingerprint, so edit it when they change (an entry of
another shape is refused piece by piece anyway, costing a re-parse)."""


_DERIVING = ("match", "phrases", "pinyin", "topics", "simplified", "render/records")
"""Modules whose code makes what is stored beside the records: search labels and machine values
(and the readings of the labels' characters, written by ``pinyin`` from its table, both part of
the fingerprint)."""


def fingerprint() -> str:
    """Eight hex digits that change whenever the stored layout, the machine columns, or the code
    that derives stored labels and values do (so an edit there cannot leave stale labels behind)."""
    import inspect
    from importlib.resources import files

    from zzreport import query

    here = files("zzreport")
    code = [here.joinpath(f"{name}.py").read_text(encoding="utf-8") for name in _DERIVING]
    code.append(here.joinpath("pinyin.txt").read_text(encoding="utf-8"))  # readings kept with labels
    # The functions of query that make stored labels (the rest of query makes none).
    code += [inspect.getsource(f) for f in (query.search_label, query.topic_label, query.with_topic)]
    text = "|".join(
        (
            ENTRY,
            codec(Report).spec,
            codec(Section).spec,
            codec(Indicator).spec,
            codec(Target).spec,
            codec(Omission).spec,
            *_columns(),
            *code,
        )
    )
    return f"{zlib.crc32(text.encode()):08x}"


# ── building and restoring entries ────────────────────────────────────────────


def _numbers(values: Sequence[int], width: int) -> bytes:
    """``values`` as unsigned little-endian numbers of ``width`` bytes each."""
    if width == _WIDE.itemsize:  # a large file's index and offsets: in one C call, not one a number
        wide = array(_WIDE.typecode, values)
        if sys.byteorder == "big":
            wide.byteswap()
        return wide.tobytes()
    return b"".join(v.to_bytes(width, "little") for v in values)


_WIDE = array("Q")


class Builder:
    """The pieces of an entry (see ``store``), built one record at a time as the loader checks
    them, so a large file is stored without all its records ever standing in memory together."""

    def __init__(self, report: Report, sections: tuple[Section, ...]) -> None:
        from zzreport.render.records import INDICATOR_FIELDS, NUMBERS, indicator_values

        self._stub = Dataset(path="", report=report, sections=sections, indicators=(), labels=())
        self._values = indicator_values
        self._columns = tuple(INDICATOR_FIELDS)
        self._numbers = tuple(sorted(NUMBERS))
        self._row = codec(Indicator).dump
        self._records = bytearray()
        """The records, one after another: one buffer, not a small object for each."""
        self._offsets = [0]
        self._crcs: list[int] = []
        self._labels: list[str] = []
        self._ids: list[str] = []
        self._slots: list[int] = []

    def add(
        self,
        ind: Indicator,
        names: tuple[str, ...] | None = None,
        keys: tuple[str, ...] | None = None,
        *,
        labels: tuple[str, ...] | None = None,
    ) -> None:
        """Store one checked indicator (with the look-up forms of its names and those compacted, or
        all its search labels, when already made)."""
        labels = labels or search_label(ind, names)
        if keys is None or names is None:
            keys = tuple(match.compact(label) for label in match.names(labels))
        n = len(self._crcs)
        blob = marshal.dumps((self._row(ind), self._values(self._stub, ind), keys))  # type: ignore[arg-type]
        self._records += blob
        self._offsets.append(len(self._records))
        self._crcs.append(zlib.crc32(blob))
        self._labels.append("\x1f".join(labels))
        self._ids.append(ind.id)
        self._slots += {(match.slot(key) << 32) | n for key in keys}

    def pieces(
        self, targets: tuple[Target, ...] = (), *, labelled: bool = False, omitted: tuple[Omission, ...] = ()
    ) -> dict[str, bytes]:
        """Every piece of the entry, with the file's ``targets``; the records they measure answer
        to the words of targets (``query.with_topic``) unless their labels say so already.

        Called once, last: what was added is let go as the pieces are made, so that a large file's
        records and labels never stand in memory twice over."""
        measured = set() if labelled else {t.measure for t in targets}
        for n, rid in enumerate(self._ids):
            if rid in measured:
                label = tuple(self._labels[n].split("\x1f"))
                self._labels[n] = "\x1f".join(with_topic(label, TARGETED))
        records = bytes(self._records)
        self._records = bytearray()
        joined = "\x1e".join(self._labels)
        self._labels = []
        ds = self._stub
        meta = {
            "id": ds.report.id,
            "year": ds.report.year,
            "place": (ds.report.region, ds.report.province, ds.report.region_code),
            "report": codec(Report).dump(ds.report),
            "sections": tuple(codec(Section).dump(s) for s in ds.sections),
            "columns": self._columns,
            "numbers": self._numbers,
            "count": len(self._crcs),
            "titles": {s.id: match.title_label(s.title, s.title_en) for s in ds.sections},
            "targets": tuple(codec(Target).dump(t) for t in targets),
            "omitted": tuple(codec(Omission).dump(o) for o in omitted),
        }
        # Its own piece, read only by a search in pinyin or a typo: the places of letters before a
        # hanzi ("rank全省" in each ranked record's labels) are 200 KiB at 100,000 records, which a
        # ``show`` reading the meta would decode on every call.
        sounds = marshal.dumps(match.sounds(joined))
        labels = joined.encode()
        del joined
        self._slots.sort()
        return store.with_witness(
            meta,
            {
                "index": _numbers(self._slots, 8),
                "labels": labels,
                "sounds": sounds,
                "offsets": _numbers(self._offsets, 8),
                "crcs": _numbers(self._crcs, 8),
                "records": records,
            },
        )


def pieces(ds: Dataset) -> dict[str, bytes]:
    """The pieces of the entry for a checked data set (see ``store``)."""
    builder = Builder(ds.report, ds.sections)
    for ind, labels in zip(ds.indicators, ds.labels, strict=True):
        builder.add(ind, labels=tuple(labels))
    return builder.pieces(ds.targets, labelled=True, omitted=ds.omitted)


def restore(entry: store.Entry, path: str, key: str) -> Dataset:
    """The data set of an entry, its records built when first touched; ``store.Damaged`` or
    ``ValueError`` when the entry is not what ``pieces`` writes."""
    meta = entry.value("meta")
    if type(meta) is not dict:
        raise store.Damaged("meta")
    try:
        report = typing.cast("Report", codec(Report).load(meta["report"]))
        sections = tuple(typing.cast("Section", codec(Section).load(s)) for s in meta["sections"])
        targets = tuple(typing.cast("Target", codec(Target).load(t)) for t in meta["targets"])
        omitted = tuple(typing.cast("Omission", codec(Omission).load(o)) for o in meta["omitted"])
        entry.witnessed(meta)
        # Read now, not when a search asks: a damaged piece is found here, where it costs a re-parse.
        labels = JoinedLabels(entry.piece("labels").decode(), match.stored_sounds(entry.value("sounds")))
        records = entry.records(whole=True)
        count = meta["count"]
    except (KeyError, TypeError, ValueError, UnicodeDecodeError):
        raise store.Damaged("meta") from None
    if len(records) != count or len(labels) != count:
        raise store.Damaged("records")
    return Dataset(
        path=path,
        report=report,
        sections=sections,
        indicators=LazyIndicators(records, path, key),
        labels=labels,
        targets=targets,
        omitted=omitted,
    )


class LazyIndicators(Sequence[Indicator]):
    """The indicators of a stored data set, each built the first time it is touched.

    A look-up in a large collection returns a handful of records; building all of them would cost
    more than the rest of the run.
    """

    __slots__ = ("_key", "_made", "_path", "_rows")

    def __init__(self, rows: store.StoredRecords, path: str, key: str) -> None:
        self._rows = rows
        self._path = path
        self._key = key
        self._made: list[Indicator | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._made)

    @typing.overload
    def __getitem__(self, index: int) -> Indicator: ...
    @typing.overload
    def __getitem__(self, index: slice) -> tuple[Indicator, ...]: ...
    def __getitem__(self, index: int | slice) -> Indicator | tuple[Indicator, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        made = self._made[index]
        if made is None:
            made = self._made[index] = self._build(index if index >= 0 else index + len(self))
        return made

    def _build(self, n: int) -> Indicator:
        # Every byte was checked against its CRC when the entry was opened, so only an entry written
        # by a faulty zzreport of the same version and layout can fail here; say so, never trace back.
        try:
            stored = self._rows.get(n)
            if type(stored) is not tuple or len(stored) != 3:
                raise store.Damaged(f"record {n}")
            return typing.cast("Indicator", codec(Indicator).load(stored[0]))
        except (store.Damaged, ValueError, TypeError, KeyError) as e:
            store.discard(self._key)
            message = f"its stored copy is damaged ({e}) and has been removed; run the command again"
            raise DataError(self._path, [Problem(line=None, field="", message=message)]) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # a mutable cache of built records
