"""A cache of checked report files, so look-ups after the first skip YAML entirely.

Entries live in the user's cache directory, one file per report file, keyed on the file's absolute
path, size, modification time and the zzreport version, which each entry carries and which is checked
on reading. Writes go to a temporary file renamed into place, so concurrent runs never see half an
entry. An entry that is truncated, corrupt or of another
layout is ignored (and replaced): the cache can only ever cost a re-parse, never a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import zlib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from zzreport import __version__
from zzreport.model import (
    Benchmark,
    ChangeUnit,
    Comparison,
    Dataset,
    Indicator,
    IndicatorId,
    Kind,
    Location,
    Polarity,
    Qualifier,
    Relation,
    Report,
    ReportId,
    Scope,
    Section,
    SectionId,
)
from zzreport.query import JoinedLabels, join_labels

TYPE_CHECKING = False  # NOTE: not typing.TYPE_CHECKING: importing typing costs ~6 ms at start-up
if TYPE_CHECKING:
    from typing import Any


LAYOUT = 3
"""Bumped whenever the stored layout changes."""
_MAGIC = b"zzreport-cache\n"


def directory() -> Path | None:
    """Where entries go: ``ZZREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zzreport``, else
    ``~/.cache/zzreport``; None when ``ZZREPORT_NO_CACHE`` is set."""
    if os.environ.get("ZZREPORT_NO_CACHE"):
        return None
    explicit = os.environ.get("ZZREPORT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zzreport"


Entry = tuple[Path, bytes]
"""Where an entry lives, and the key it must carry to be used."""


def entry(path: Path, stat: os.stat_result) -> Entry | None:
    """The entry for this file as it is now, or None when caching is off."""
    where = directory()
    if where is None:
        return None
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{__version__}\0{LAYOUT}"
    raw = key.encode("utf-8", "surrogateescape")
    # NOTE: zlib rather than hashlib (whose import costs ~5 ms). The name only spreads entries out;
    # the full key inside an entry is compared, so two files sharing a name never share data.
    return where / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.bin", raw


def read(found: Entry) -> Dataset | None:
    """The cached data set, or None when there is no usable entry."""
    place, key = found
    try:
        blob = place.read_bytes()
    except OSError:
        return None
    head = _MAGIC + len(key).to_bytes(4, "big") + key
    if not blob.startswith(head) or len(blob) < len(head) + 4:
        return None
    check, body = blob[len(head) : len(head) + 4], blob[len(head) + 4 :]
    if zlib.crc32(body).to_bytes(4, "big") != check:
        return None
    try:
        # NOTE: only bytes this module wrote, for this very key, with a matching checksum reach marshal.
        return _restore(marshal.loads(body))  # noqa: S302
    except (ValueError, TypeError, EOFError, KeyError, IndexError):
        return None


def write(found: Entry, dataset: Dataset) -> None:
    """Store the data set; a cache that cannot be written is silently skipped."""
    import tempfile  # NOTE: only a cache miss pays for it

    place, key = found
    body = marshal.dumps(_dump(dataset))
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=place.parent, prefix=".tmp-", suffix=".bin")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(
                    _MAGIC + len(key).to_bytes(4, "big") + key + zlib.crc32(body).to_bytes(4, "big") + body
                )
            Path(tmp).replace(place)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


# ── layout: plain tuples of str, int and None, which marshal stores fast ──────


def _d(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def _e(x: str | None) -> str | None:
    """An enum member as its plain value (marshal stores only exact built-in types)."""
    return None if x is None else str(x)


def _dump(ds: Dataset) -> tuple[Any, ...]:
    r = ds.report
    report = (str(r.id), r.region, r.region_en, r.province, r.province_en, r.year, r.title, r.title_en,
              r.delivered.isoformat(), r.source, r.source_en)  # fmt: skip
    sections = tuple((str(s.id), s.title, s.title_en) for s in ds.sections)
    rows = tuple(
        (
            str(i.id), str(i.kind), i.name, i.name_en, i.aliases, str(i.section), i.item,
            tuple((str(a.section), a.item) for a in i.also_at), i.period, _d(i.value), i.unit,
            i.written, _e(i.qualifier), _d(i.change), _e(i.change_unit), i.rank, _e(i.rank_scope),
            i.rank_sole, i.rank_of, i.rank_of_en,
            tuple((_e(c.relation), _e(c.benchmark), _d(c.gap), _e(c.gap_unit), c.of, c.of_en, c.note,
                   c.note_en) for c in i.comparisons),
            _e(i.polarity), i.note, i.line,
        )
        for i in ds.indicators
    )  # fmt: skip
    # NOTE: one bytes object per record and one string for all labels: loading a large collection
    # then makes a few objects per record instead of dozens, and records are decoded when touched.
    indicators = tuple(marshal.dumps(row) for row in rows)
    return (LAYOUT, ds.path, report, sections, indicators, join_labels(ds.labels))


def _restore(data: Any) -> Dataset:
    layout, path, report, sections, indicators, blob = data
    labels = JoinedLabels(blob)
    if layout != LAYOUT or len(indicators) != len(labels):
        raise ValueError(layout)
    (rid, region, region_en, province, province_en, year, title, title_en, delivered, source,
     source_en) = report  # fmt: skip
    return Dataset(
        path=path,
        report=Report(
            id=ReportId(rid), region=region, region_en=region_en, province=province,
            province_en=province_en, year=year, title=title, title_en=title_en,
            delivered=dt.date.fromisoformat(delivered), source=source, source_en=source_en,
        ),
        sections=tuple(Section(id=SectionId(a), title=b, title_en=c) for a, b, c in sections),
        indicators=LazyIndicators(indicators),
        labels=labels,
    )  # fmt: skip


def _indicator(t: Any) -> Indicator:
    dec = Decimal
    return Indicator(
        id=IndicatorId(t[0]), kind=Kind(t[1]), name=t[2], name_en=t[3], aliases=t[4],
        section=SectionId(t[5]), item=t[6],
        also_at=tuple(Location(section=SectionId(s), item=n) for s, n in t[7]),
        period=t[8], value=None if t[9] is None else dec(t[9]), unit=t[10], written=t[11],
        qualifier=None if t[12] is None else Qualifier(t[12]),
        change=None if t[13] is None else dec(t[13]),
        change_unit=None if t[14] is None else ChangeUnit(t[14]),
        rank=t[15], rank_scope=None if t[16] is None else Scope(t[16]), rank_sole=t[17],
        rank_of=t[18], rank_of_en=t[19],
        comparisons=tuple(
            Comparison(
                relation=Relation(c[0]), benchmark=Benchmark(c[1]),
                gap=None if c[2] is None else dec(c[2]),
                gap_unit=None if c[3] is None else ChangeUnit(c[3]),
                of=c[4], of_en=c[5], note=c[6], note_en=c[7],
            )
            for c in t[20]
        ),
        polarity=None if t[21] is None else Polarity(t[21]), note=t[22], line=t[23],
    )  # fmt: skip


class LazyIndicators(Sequence[Indicator]):
    """The indicators of a cached data set, each built the first time it is touched.

    A look-up in a large collection returns a handful of records; building all of them would cost
    more than the rest of the run.
    """

    __slots__ = ("_made", "_rows")

    def __init__(self, rows: tuple[Any, ...]) -> None:
        self._rows = rows
        self._made: list[Indicator | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:  # NOTE: int → Indicator, slice → tuple
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        made = self._made[index]
        if made is None:
            made = self._made[index] = _indicator(marshal.loads(self._rows[index]))  # noqa: S302
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # NOTE: mutable cache of built records
