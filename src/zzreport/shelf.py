"""Reports as the look-up path reads them from the store: one file's entry, or one entry for a
whole folder.

A folder of many report files would otherwise cost one entry opened and decoded per file on
every call. Once every file of a folder has an entry, their pieces are joined into a *shelf*: one
entry holding every report's records, labels and names, each report a range of it. Its key is a
digest of the folder's report names and of each file's own key (the digest of its bytes), so it
holds exactly when every file's entry would: a file edited, added, removed or renamed changes a
key (``store.Known`` says when a file's key holds without reading it) and so the shelf's, and
the next call builds a new one from the files' entries. A damaged shelf is ignored, as any entry.

Builtins only: this is part of the look-up path (see ``fast``).
"""

from __future__ import annotations

import marshal
import os

from zzreport import __version__, match, store

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from zzreport import places
    from zzreport.machine import Value

    Record = tuple[object, tuple[Value, ...], tuple[str, ...]]

LEAST = 2
"""Folders of at least this many report files are answered from a shelf."""
FORMAT = "2"
"""The shape of a shelf's pieces (``pieces``), part of its key: edit it when they change (2: each
report's sounds marshalled on its own)."""
_PIECES = ("index", "labels", "offsets", "crcs", "records")
"""The pieces of each file's entry a shelf joins."""


_PLAIN = frozenset({str, int, bool, type(None)})
"""The types of stored machine values."""


class Stored:
    """One report's records in the store: a file's entry, or its range of a shelf."""

    __slots__ = (
        "_labels",
        "_titles",
        "columns",
        "count",
        "entry",
        "first",
        "id",
        "k",
        "numbers",
        "place",
        "records",
        "shelf",
        "year",
    )

    def __init__(
        self,
        entry: store.Entry,
        records: store.StoredRecords,
        meta: tuple[object, ...],
        *,
        first: int = 0,
        shelf: Shelf | None = None,
    ) -> None:
        """``meta``: id, year, place, count, columns, numbers and titles (None: from the shelf),
        each checked here."""
        rid, year, place, count, columns, numbers, titles = meta
        if type(year) is not int or type(place) is not tuple or len(place) != 3 or type(count) is not int:
            raise store.Damaged("meta")
        if type(columns) is not tuple or type(numbers) is not tuple:
            raise store.Damaged("meta")
        if titles is not None and type(titles) is not dict:
            raise store.Damaged("meta")
        self.entry, self.records, self.first, self.shelf = entry, records, first, shelf
        self.k = 0
        """Its place among the reports of its shelf."""
        self.id = rid
        self.year: int = year
        self.place: places.Place = place
        self.count: int = count
        self.columns: tuple[str, ...] = columns
        self.numbers = frozenset(n for n in numbers if type(n) is str)
        self._titles: dict[str, str] | None = titles
        self._labels: match.JoinedLabels | None = None

    @classmethod
    def of_entry(cls, entry: store.Entry) -> Stored:
        """The report of one file's entry."""
        meta = entry.value("meta")
        if type(meta) is not dict:
            raise store.Damaged("meta")
        facts = tuple(meta.get(k) for k in ("id", "year", "place", "count", "columns", "numbers", "titles"))
        if facts[-1] is None:
            raise store.Damaged("meta")
        entry.witnessed(meta)
        report = cls(entry, entry.records(), facts)
        if len(report.records) != report.count:
            raise store.Damaged("records")
        return report

    def sounds(self) -> match.Sounds | None:
        """What a search in pinyin or a typo reads of the report's labels (``match.sounds``), read
        when asked for (``sounds_of``, ``Shelf.sounds``: ``Damaged`` when the piece is)."""
        return self.shelf.sounds(self) if self.shelf is not None else sounds_of(self.entry)

    @property
    def titles(self) -> dict[str, str]:
        """Section titles by id, as search matches them."""
        if self._titles is None:
            self._titles = self.shelf.titles(self) if self.shelf is not None else {}
        return self._titles

    def stored(self, n: int) -> Record:
        """Record ``n`` of this report as stored: its row, machine values and look-up names."""
        got = self.shelf.get(self.first + n) if self.shelf is not None else self.records.get(n)
        if type(got) is not tuple or len(got) != 3 or type(got[2]) is not tuple:
            raise store.Damaged(f"record {n}")
        return got  # checked field by field where used

    def row(self, n: int) -> tuple[Value, ...]:
        return self._values(self.stored(n), n)

    def rows(self) -> Iterator[tuple[Value, ...]]:
        """Every record's values in order, read a block of records at a time."""
        each = self.records.each(first=self.first, last=self.first + self.count)
        for n, got in enumerate(each):
            if type(got) is not tuple or len(got) != 3:
                raise store.Damaged(f"record {n}")
            yield self._values(got, n)

    def _values(self, got: tuple[object, ...], n: int) -> tuple[Value, ...]:
        values = got[1]
        if type(values) is not tuple or len(values) != len(self.columns):
            raise store.Damaged(f"record {n}")
        if not set(map(type, values)) <= _PLAIN:  # a loop in C: a list reads every record
            raise store.Damaged(f"record {n}")
        return values

    def labels(self, *, keep: bool = True) -> match.JoinedLabels:
        """The report's search labels, as ``match`` reads them, held for the rest of the call (a
        miss scans them, then finds its hints in them). Without ``keep`` they are not held (unless
        they already were): a pass over the reports of a folder holds one report's at a time, not
        the labels of all, and decodes again the few a miss then asks for hints."""
        if self._labels is not None:
            return self._labels
        labels = self._read_labels()
        if keep:
            self._labels = labels
        return labels

    def _read_labels(self) -> match.JoinedLabels:
        text = self.shelf.labels(self) if self.shelf is not None else self.entry.piece("labels").decode()
        labels = match.JoinedLabels(text, sounder=self.sounds)
        if len(labels) != self.count:
            raise store.Damaged("labels")
        return labels


def sounds_of(entry: store.Entry) -> match.Sounds | None:
    """The ``sounds`` of a file's entry (its own piece), or None when they are not of the shape
    ``match.sounds`` makes (pinyin is then tried on every record); ``Damaged`` when the piece fails
    its CRC, which sends the call the other way, and the entry is made again."""
    return match.stored_sounds(entry.value("sounds"))


def _index_walk(index: memoryview | store.Numbers, key: str, limit: int) -> Iterator[int]:
    """The record numbers the index lists under ``key``'s slot, each to be confirmed by the
    record's own names: two names may share a slot. A lone report's large index is read a number
    at a time, unchecked: a damaged one can only lead to records whose names then pass them by, or
    lose the one record a name has in a valid file (no two share a name), and then the scan of the
    labels that confirms a name no report has finds it, and sends the call the other way."""
    from bisect import bisect_left

    slot = match.slot(key)
    i = bisect_left(index, slot << 32)
    while i < len(index) and index[i] >> 32 == slot:
        n = index[i] & 0xFFFFFFFF
        if n >= limit:
            raise store.Damaged("index")
        yield n
        i += 1


def named(reports: Sequence[Stored], key: str) -> list[list[int]]:
    """For each report, its records one of whose names is exactly ``key`` (normalised), found
    through the index and confirmed by each record's own names."""
    shelf = reports[0].shelf if reports else None
    if shelf is not None and all(r.shelf is shelf for r in reports) and len(reports) == len(shelf.reports):
        return shelf.named(key)
    out = []
    for r in reports:
        if r.shelf is not None:  # some of a shelf's reports: their index is the shelf's
            out.append(r.shelf.named(key)[r.k])
            continue
        # One report's index may be read unchecked (``_index_walk``); of several, a name one
        # report's damaged index lost would go unnoticed while another's found it: read whole, checked.
        index = r.entry.numbers_lazily("index") if len(reports) == 1 else r.entry.numbers("index")
        found: list[int] = []
        for n in _index_walk(index, key, r.count):
            if key in r.stored(n)[2] and n not in found:
                found.append(n)
        out.append(found)
    return out


class Shelf:
    """A folder's reports in one entry (see the module's docstring)."""

    __slots__ = ("_held", "_sounded", "_spans", "entry", "key", "reports", "starts")

    def __init__(self, entry: store.Entry, shelf_key: str) -> None:
        self.key = shelf_key
        meta = entry.value("meta")
        if type(meta) is not dict:
            raise store.Damaged("meta")
        columns, numbers, facts, spans = (meta.get(k) for k in ("columns", "numbers", "reports", "spans"))
        if type(facts) is not tuple or type(spans) is not tuple or len(spans) != len(facts) + 1:
            raise store.Damaged("meta")
        entry.witnessed(meta)
        self.entry = entry
        self._spans: tuple[int, ...] = spans
        self._held: dict[int, object] = {}
        self._sounded: tuple[bytes, ...] | None = None
        """Each report's ``sounds`` as stored (``pieces``), read with the first asked for."""
        records = entry.records(many=True)
        self.reports: list[Stored] = []
        self.starts: list[int] = []
        first = 0
        for fact in facts:
            if type(fact) is not tuple or len(fact) != 4:
                raise store.Damaged("meta")
            self.starts.append(first)
            report = Stored(entry, records, (*fact, columns, numbers, None), first=first, shelf=self)
            report.k = len(self.reports)
            self.reports.append(report)
            first += report.count
        if first != len(records):
            raise store.Damaged("records")

    def get(self, g: int) -> object:
        """Record ``g`` of the shelf (counted over all its reports), read once per call."""
        got = self._held.get(g)
        if got is None:
            got = self._held[g] = self.reports[0].records.get(g)
        return got

    def named(self, key: str) -> list[list[int]]:
        """``named`` for every report of the shelf, by one walk of the shelf's index."""
        from bisect import bisect_right

        out: list[list[int]] = [[] for _ in self.reports]
        last = self.starts[-1] + self.reports[-1].count
        for g in _index_walk(self.entry.numbers("index"), key, last):  # checked: see ``named``
            k = bisect_right(self.starts, g) - 1
            r, n = self.reports[k], g - self.starts[k]
            if key in r.stored(n)[2] and n not in out[k]:
                out[k].append(n)
        return out

    def labels(self, report: Stored) -> str:
        k = report.k
        start, end = self._spans[k], self._spans[k + 1]
        blob = self.entry.piece("labels", copy=False)
        if not 0 <= start <= end <= len(blob):
            raise store.Damaged("labels")
        return bytes(blob[start : end - 1 if k + 1 < len(self.reports) else end]).decode()

    def titles(self, report: Stored) -> dict[str, str]:
        titles = self.entry.value("titles")
        if type(titles) is not tuple or len(titles) != len(self.reports):
            raise store.Damaged("titles")
        for r, own in zip(self.reports, titles, strict=True):
            if type(own) is not dict:
                raise store.Damaged("titles")
            r._titles = own
        return titles[report.k]  # type: ignore[no-any-return]  # checked above

    def sounds(self, report: Stored) -> match.Sounds | None:
        """The ``sounds`` of ``report``'s labels, decoded from its own part of the shelf's piece
        when asked for: a pass over a folder decodes those of the reports it reads pinyin or typos
        in, one at a time, not every report's at once."""
        if self._sounded is None:
            held = self.entry.value("sounds")
            if (
                type(held) is not tuple
                or len(held) != len(self.reports)
                or {type(b) for b in held} != {bytes}
            ):
                raise store.Damaged("sounds")
            self._sounded = held
        try:
            own = marshal.loads(self._sounded[report.k])
        except (ValueError, EOFError, TypeError):
            raise store.Damaged("sounds") from None
        return match.stored_sounds(own)


def key(files: Sequence[str], keys: Sequence[str]) -> str:
    """The key of the shelf of ``files`` whose entries' keys are ``keys``."""
    from _blake2 import blake2b

    h = blake2b(digest_size=32)
    for name, k in zip(files, keys, strict=True):  # by file name: the folder's spelling does not count
        h.update(os.path.basename(name).encode(errors="surrogateescape") + b"\x00" + k.encode() + b"\x00")
    return f"f{FORMAT}{h.hexdigest()}-{store.LAYOUT}-{__version__}"


def pieces(reports: Sequence[Stored]) -> dict[str, bytes] | None:
    """The pieces of the shelf of ``reports`` (each of a file's entry), or None when they cannot
    share one (their machine columns differ)."""
    from array import array

    columns, numbers = reports[0].columns, tuple(sorted(reports[0].numbers))
    if any(r.columns != columns or tuple(sorted(r.numbers)) != numbers for r in reports):
        return None
    if sum(r.entry.size(name) for r in reports for name in _PIECES) > store.MAX_ENTRY:
        return None  # too large for one entry: read file by file, as without shelves
    index = array("Q")
    offsets, crcs = array("Q", [0]), array("Q")
    records, labels = bytearray(), bytearray()
    spans = [0]
    facts: list[tuple[object, ...]] = []
    titles: list[dict[str, str]] = []
    sounds: list[match.Sounds | None] = []
    first = 0
    for r in reports:
        entry = r.entry
        index.extend(v + first for v in entry.numbers("index"))
        base = offsets[-1]
        own = entry.numbers("offsets")
        if len(own) != r.count + 1 or own[0] != 0:
            raise store.Damaged("offsets")
        offsets.extend(base + o for o in own[1:])
        crcs.extend(entry.numbers("crcs"))
        records += entry.piece("records", copy=False)
        labels += entry.piece("labels", copy=False)
        labels += b"\x1e"
        spans.append(len(labels))
        facts.append((r.id, r.year, r.place, r.count))
        titles.append(r.titles)
        sounds.append(r.sounds())
        first += r.count
    if len(offsets) != first + 1 or offsets[-1] != len(records):
        raise store.Damaged("records")
    index = array("Q", sorted(index))
    del labels[-1:]
    spans[-1] = len(labels)
    meta: dict[str, object] = {
        "columns": columns,
        "numbers": numbers,
        "reports": tuple(facts),
        "spans": tuple(spans),
    }
    import sys

    if sys.byteorder == "big":  # pragma: no cover - no such machine to test on
        for numbers_ in (index, offsets, crcs):
            numbers_.byteswap()
    return store.with_witness(
        meta,
        {
            "titles": marshal.dumps(tuple(titles)),
            "sounds": marshal.dumps(tuple(marshal.dumps(own) for own in sounds)),  # each decoded alone
            "index": index.tobytes(),
            "labels": labels,  # type: ignore[dict-item]  # written as bytes are, not copied into them
            "offsets": offsets.tobytes(),
            "crcs": crcs.tobytes(),
            "records": records,  # type: ignore[dict-item]
        },
    )


def reports(files: list[str], data: str | None) -> list[Stored] | None:
    """The reports of ``files`` (those of ``data``: a file, a folder, or None for the bundled
    report) from the store, or None when a file has no entry yet or they cannot be answered from
    it together (``_together``; a shelf is built only of reports that can)."""
    known = store.Known(files[0] if data is None else data)
    keys = [known.key(name) for name in files]
    out: list[Stored] | None = None
    # A shelf is read, or built, only when every file's key holds without reading it: a folder
    # whose files are being edited is read file by file until they settle (``store.settled``).
    shelved = len(files) >= LEAST and None not in keys
    if shelved:
        out = _open(key(files, keys))  # type: ignore[arg-type]  # no None, as checked
        if out is not None and len(out) != len(files):
            out = None  # no shelf of these files (its key says so): read them one by one
        if out and out[0].entry.touched:  # once a day: the files' entries are in use too
            store.touch(keys)  # type: ignore[arg-type]
    if out is None:
        out = []
        for n, name in enumerate(files):
            entry = store.open_entry(keys[n]) if keys[n] is not None else None  # type: ignore[arg-type]
            if entry is None:
                found = store.source(name)
                entry = store.open_entry(found.key) if found is not None else None
                if entry is None or found is None:
                    known.save()  # what was learnt of the files before this one
                    return None
                known.learn(name, found)
                keys[n] = found.key
            out.append(Stored.of_entry(entry))
        if not _together(out):
            known.keep(files)
            known.save()
            return None
        if shelved:
            _build(files, keys, out, known)  # type: ignore[arg-type]  # every key is known now
    known.keep(files)
    known.save()
    return out


def forget(reports: Sequence[Stored]) -> None:
    """Remove the shelf ``reports`` were read from, if any (it was found damaged)."""
    if reports and reports[0].shelf is not None:
        store.discard(reports[0].shelf.key)


def _together(reports: Sequence[Stored]) -> bool:
    """Whether ``reports`` may be answered from the store together: no two have one id, and none
    are of one place and year (the other way names those by their full paths, in a warning)."""
    if len(reports) < 2:
        return True
    from zzreport import places

    ids = [r.id for r in reports]
    return len(set(ids)) == len(ids) and not places.twin_groups([(r.year, r.place) for r in reports])


def _open(shelf_key: str) -> list[Stored] | None:
    entry = store.open_entry(shelf_key)
    if entry is None:
        return None
    try:
        return Shelf(entry, shelf_key).reports
    except store.Damaged:
        store.discard(shelf_key)
        return None


def _build(files: list[str], keys: list[str], found: list[Stored], known: store.Known) -> None:
    """Store the shelf of a folder whose files' entries were all opened, in place of the folder's
    last one (never an error)."""
    if not store.writable():
        return
    try:
        made = pieces(found)
    except store.Damaged:
        return
    made_key = key(files, keys)
    if made is not None and store.save(made_key, made):
        old = known.shelved(made_key)
        if old is not None:
            store.discard(old)
