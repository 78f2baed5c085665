"""The store: report files already checked, kept in a form that answers look-ups without YAML.

Correct by construction. An entry is named by a digest of the report file's bytes (SHA-256; BLAKE2b
for small files, whose module loads ten times faster), the layout fingerprint of the stored records
and the zzreport version, so an edit of any size made at any time, with any timestamps, is a
different key. The file is read whole into memory, once: the digest and the parse see the same
bytes, and a file that changes during the read is read again (see ``read``). Each piece of an entry
carries a CRC-32 that is checked before the piece is used, so a damaged entry costs a re-parse,
never a wrong answer.

A digest is taken again only when the file may have changed since the last one, as git's index
decides (see ``Known``): beside the entries, a record keeps each file's device, inode, size,
modification and change times as they were when its bytes were digested. A file whose status is
all the same is not read. The change time (ctime) is what makes this safe: no user process can set
it, so a same-size edit with its modification time put back (``touch -r``, ``cp -p``, ``tar x``)
still changes it, and so does a rename over the file or a new file in a reused inode. A status is
trusted only when it was taken more than the filesystem's timestamp step after the file's last
change (git's racy-timestamp rule); else an edit within that same step could leave every time as
it was, and the file is digested on each call until its last change is old enough.

NOTE: nothing is mapped into memory (``mmap``), neither a report file nor an entry: a mapped file
that another process truncates kills the reader with SIGBUS when it touches the lost pages.

Private and defensive. The directory is made 0700 whatever the umask (parents too, as the XDG spec
asks) and is used only when the current user owns it; no check follows a link, and a mode is only
ever changed through a descriptor of the directory itself (see ``_private``). Entries are opened
without following links and without blocking, and read only when they are regular files that the
current user owns and nobody else can write. Anything else is skipped, and replaced on the next
write (a directory in an entry's place is moved aside and removed).

Bounded and tidy. Writes go to a temporary file renamed into place; one interrupted by SIGTERM or
Ctrl-C removes its file, and any other leftover is removed by the next write once its process is gone
or it is an hour old. Each write also removes entries not used for 30 days, then the least recently
used ones while the store holds more than 512 MiB.

Builtins only: this module serves the look-up path, where importing more costs more than the look-up.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from zzreport import __version__

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from typing import Any, TypeVar

    T = TypeVar("T")

LAYOUT = "bded4945"
"""Fingerprint of the stored record layout; ``zzreport.layout.fingerprint()`` computes it from the
model, and a test requires the two to agree, so a changed model can never read old entries."""

ALWAYS_READ = "ZZREPORT_ALWAYS_READ"
"""Set (``1``; see ``switched``) to read and digest every report file on every call, never trusting
a file's status (``Known``): for filesystems whose times do not follow every change (network shares
with cached attributes, some FUSE filesystems) and files written through a shared memory map."""
OFF = "ZZREPORT_NO_CACHE"
"""Set (``1``; see ``switched``) to run without a store."""
DIR = "ZZREPORT_CACHE_DIR"
"""Where the store lives, overriding ``$XDG_CACHE_HOME/zzreport``; must be an absolute path."""

MAX_AGE = 30 * 86400
"""Seconds an entry may stay unused before a write removes it."""
MAX_TOTAL = 512 * 1024 * 1024
"""Bytes the store may hold; a write removes the least recently used entries above it."""
STALE_TMP = 3600
"""Seconds after which a temporary file is removed even if its process still runs."""
TOUCH_AFTER = 86400
"""An entry used after this many seconds has its time refreshed (its use, for pruning)."""
SMALL = 1024 * 1024
"""Files up to this size are digested with BLAKE2b, larger ones with SHA-256."""
MAX_SOURCE = 64 * 1024 * 1024
"""The largest report file the loader accepts; larger ones are never stored."""
TRIES = 3
"""Reads of a file that changes while it is read, before it is refused as changing."""
GRANULARITY = 2_000_000_000
"""Nanoseconds a filesystem's timestamps may be apart and still be the same, assumed since it cannot
be asked: FAT's 2 s, the coarsest of those in common use (ext3, HFS+ and many network shares keep
whole seconds; ext4, XFS, Btrfs, APFS and NTFS are finer, though Linux stamps files from a clock
that moves in steps of a few milliseconds). Too large only delays the first call that skips the
digest; too small could trust a file edited within one step of its digest."""

_MAGIC = b"zzreport-store\x00\x02"
_SUFFIX = ".zzs"
_KNOWN = ".zzk"
_TMP = ".tmp-"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""Opening for reading never blocks, so a FIFO put in a file's place between a check and the open
cannot hang the run (the descriptor's own status is checked before anything is read)."""
_FLAGS = _READ | _NOFOLLOW
_DIRECTORY = _READ | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
_FORMAT, _REGULAR, _FOLDER, _LINK = 0o170000, 0o100000, 0o040000, 0o120000


# ── where ─────────────────────────────────────────────────────────────────────


_NOT_SET = frozenset({"", "0", "false", "no", "off"})


def switched(name: str) -> bool:
    """Whether the variable ``name`` turns its switch on: set to anything but empty, ``0``,
    ``false``, ``no`` or ``off`` (any case), so ``ZZREPORT_NO_CACHE=0`` keeps the store."""
    return os.environ.get(name, "").strip().lower() not in _NOT_SET


def directory() -> str | None:
    """The store's directory, or None to run without one.

    ``ZZREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zzreport``, else ``~/.cache/zzreport``. Relative or
    empty settings are ignored, as the XDG spec says; with no home directory at all there is no store.
    """
    env = os.environ
    if switched(OFF):
        return None
    explicit = env.get(DIR, "")
    if explicit:
        return explicit if os.path.isabs(explicit) else None
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "zzreport")
    home = env.get("HOME", "")
    if not os.path.isabs(home):
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):
            return None
        if not os.path.isabs(home):
            return None
    return os.path.join(home, ".cache", "zzreport")


def _private(where: str, *, repair: bool) -> bool:
    """Whether ``where`` is a directory of ours that nobody else can write (made so if ``repair``).

    No check follows a link. The directory is opened with ``O_NOFOLLOW`` and checked, and repaired,
    through that descriptor, so a link put in its place meanwhile changes nothing. A store that is a
    link is used only when it is ours: the link is the user's and leads to a directory of the user's
    that is private already (a link the user made to move the store elsewhere); its mode is never
    changed, so a link to another folder, planted or mistaken, is refused, never made 0700.
    """
    try:
        link = os.lstat(where)
        if (link.st_mode & _FORMAT) == _LINK:
            return link.st_uid == os.geteuid() and _ours(os.stat(where))
        fd = os.open(where, _DIRECTORY)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if repair and _ours(st, private=False) and st.st_mode & 0o077:
            os.fchmod(fd, 0o700)
            st = os.fstat(fd)
        return _ours(st)
    except OSError:
        return False
    finally:
        os.close(fd)


def _ours(st: os.stat_result, *, private: bool = True) -> bool:
    """Whether ``st`` is the status of a directory of the user's, and (if ``private``) one that no one
    else may use."""
    if (st.st_mode & _FORMAT) != _FOLDER or st.st_uid != os.geteuid():
        return False
    return not (private and st.st_mode & 0o077)


def _make(where: str) -> bool:
    """Create ``where`` and its missing parents, each 0700; True when it is then ours and private."""
    missing = []
    path = where
    while path and not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
    return _private(where, repair=True)


# ── keys ──────────────────────────────────────────────────────────────────────


Stamp = tuple[int, int, int, int, int]
"""A file's status as ``Known`` compares it: device, inode, size, mtime and ctime (nanoseconds)."""


def stamp(st: os.stat_result) -> Stamp:
    """The parts of a status that any change of the file changes."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def settled(seen: Stamp, since: int, granularity: int = GRANULARITY) -> bool:
    """Whether ``seen``, the status of a file looked at no earlier than ``since`` (nanoseconds of
    the system clock), is bound to change with any later change of the file: git's racy-timestamp
    rule. A change at or after ``since`` is stamped later than ``since - granularity``, so it
    cannot carry the old times when they are older than that."""
    return since - max(seen[3], seen[4]) > granularity


class Source:
    """A report file's bytes as they were read, the key of the entry built from exactly them, the
    file's status when they were read (``stamp``) and the clock just before (``since``)."""

    __slots__ = ("data", "key", "since", "stamp")

    def __init__(self, data: bytes, key: str, seen: Stamp = (0, 0, 0, 0, 0), since: int = 0) -> None:
        self.data = data
        self.key = key
        self.stamp = seen
        self.since = since

    @property
    def digest(self) -> str:
        """The content part of ``key``."""
        return self.key.partition("-")[0]


def key(data: bytes) -> str:
    """The key of the entry built from exactly ``data``."""
    return f"{digest(data)}-{LAYOUT}-{__version__}"


def digest(data: bytes) -> str:
    """The content part of an entry's key: BLAKE2b of a small file (its module loads in a tenth of
    the time of OpenSSL's), SHA-256 of a large one (twice as fast per byte here)."""
    if len(data) <= SMALL:
        from _blake2 import blake2b

        return "b" + blake2b(data, digest_size=32).hexdigest()
    try:
        from _hashlib import openssl_sha256 as sha256
    except ImportError:  # pragma: no cover - Pythons built without OpenSSL
        from hashlib import sha256
    return "s" + sha256(data).hexdigest()


def source(path: str) -> Source | None:
    """The regular file at ``path``, read now (see ``read``), with its key; None when it cannot be
    read, is not a regular file of acceptable size or keeps changing (the loader then says why)."""
    try:
        data, seen, since = read_status(path)
    except (OSError, Unfit):
        return None
    return Source(data, key(data), seen, since)


class Unfit(Exception):
    """A file that was not read, and why: ``"special"`` (not a regular file; ``mode`` says what it
    is), ``"large"`` (over the limit) or ``"changing"`` (it changed each time it was read)."""

    def __init__(self, why: str, mode: int = 0) -> None:
        super().__init__(why)
        self.why = why
        self.mode = mode


def read(path: str, limit: int = MAX_SOURCE) -> bytes:
    """The whole of the regular file at ``path`` (a link to one is followed), read into memory.

    The file's status is looked at before it is opened, so a FIFO, device or socket is never opened
    for reading, and the descriptor's status again once it is open. A file whose size, times or
    inode differ after the read from before it, or whose size is not what was read, was being
    written meanwhile: it is read again, and refused after ``TRIES`` reads. Raises ``OSError`` when
    it cannot be opened or read and ``Unfit`` when it is no regular file, is larger than ``limit``,
    or keeps changing.
    """
    return read_status(path, limit)[0]


def read_status(path: str, limit: int = MAX_SOURCE) -> tuple[bytes, Stamp, int]:
    """``read``, with the file's status as the bytes were read and the clock just before."""
    _fit(os.stat(path), limit)
    for _ in range(TRIES):
        since = _now_ns()
        fd = os.open(path, _READ)
        try:
            before = os.fstat(fd)
            _fit(before, limit)
            data = _read_all(fd, before.st_size, limit)
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if len(data) > limit:
            raise Unfit("large")
        if len(data) == after.st_size and _same(before, after):
            return data, stamp(after), since
    raise Unfit("changing")


def _fit(st: os.stat_result, limit: int) -> None:
    if (st.st_mode & _FORMAT) != _REGULAR:
        raise Unfit("special", st.st_mode)
    if st.st_size > limit:
        raise Unfit("large")


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_size, a.st_mtime_ns, a.st_ctime_ns, a.st_ino, a.st_dev) == (
        b.st_size, b.st_mtime_ns, b.st_ctime_ns, b.st_ino, b.st_dev,
    )  # fmt: skip


# ── reading ───────────────────────────────────────────────────────────────────


class Damaged(Exception):
    """An entry, or a piece of one, is not what this module wrote."""


class Entry:
    """An open entry: its pieces, each checked against its CRC before use.

    A small entry is read whole when opened. Of a large one only the head is read then, and each
    piece when it is first asked for, from the descriptor opened then (kept open for the run; a
    file replaced meanwhile is still read as it was): a look-up in a collection of 100,000 records
    reads a few of its pieces and records, not all of it.
    """

    __slots__ = ("_base", "_blob", "_checked", "_fd", "_pieces", "touched")

    def __init__(
        self, blob: bytes, base: int, pieces: Mapping[str, tuple[int, int, int]], fd: int | None = None
    ) -> None:
        self._blob = blob
        self._base = base
        self._pieces = pieces
        self._checked: dict[tuple[str, bool], bytes] = {}
        self._fd = fd
        self.touched = False
        """Whether opening it refreshed its time of use (once a day at most: ``TOUCH_AFTER``)."""

    def __del__(self) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the entry's file, if it is still open (its pieces read so far stay usable)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _OPEN.discard(fd)
            try:
                os.close(fd)
            except OSError:
                pass

    def read(self, first: int, length: int) -> bytes:
        """Bytes ``first`` to ``first + length`` of the entry's file; fewer when the file is shorter
        (a damaged or truncated entry: the CRC check then fails)."""
        if first + length <= len(self._blob):
            return self._blob[first : first + length]
        if self._fd is None:
            return self._blob[first : first + length]
        chunks: list[bytes] = []
        while length > 0:
            try:
                chunk = os.pread(self._fd, length, first)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            first += len(chunk)
            length -= len(chunk)
        return b"".join(chunks)

    def piece(self, name: str, *, copy: bool = True) -> bytes:
        """The bytes of one piece, or ``Damaged``; without ``copy``, possibly a view into the entry."""
        found = self._checked.get((name, copy))
        if found is not None:
            return found
        try:
            start, length, crc = self._pieces[name]
        except (KeyError, TypeError, ValueError):
            raise Damaged(name) from None
        if not (isinstance(start, int) and isinstance(length, int) and start >= 0 and length >= 0):
            raise Damaged(name)
        first = self._base + start
        if copy or first + length > len(self._blob):
            data: bytes = self.read(first, length)
        else:
            data = memoryview(self._blob)[first : first + length]  # type: ignore[assignment]  # used as bytes-like
        if len(data) != length or zlib.crc32(data) != crc:
            raise Damaged(name)
        self._checked[name, copy] = data
        return data

    def witnessed(self, meta: dict[object, object]) -> None:
        """Check that every piece is the one written with the entry's ``meta`` (the CRC of each
        that ``with_witness`` put in it is the CRC the entry's table gives, and no piece is missing
        or added), or raise ``Damaged``. A piece that is whole but from elsewhere (another entry's,
        a faulty writer's) passes its own CRC: this refuses it before any answer is read from it.
        Nothing is read: each piece is checked against that CRC when it is read."""
        crcs = meta.get(WITNESS)
        if type(crcs) is not dict or crcs.keys() != self._pieces.keys() - {"meta"}:
            raise Damaged("meta")
        for name, crc in crcs.items():
            held = self._pieces[name]
            if type(held) is not tuple or len(held) != 3 or held[2] != crc:
                raise Damaged(name)

    def size(self, name: str) -> int:
        """The length of one piece, as the entry's table gives it (nothing is read)."""
        try:
            _, length, _ = self._pieces[name]
        except (KeyError, TypeError, ValueError):
            raise Damaged(name) from None
        if not isinstance(length, int) or length < 0:
            raise Damaged(name)
        return length

    def value(self, name: str) -> object:
        """A marshalled piece, decoded."""
        try:
            return marshal.loads(self.piece(name))
        except (ValueError, EOFError, TypeError):
            raise Damaged(name) from None

    def numbers(self, name: str) -> memoryview:
        """A piece holding little-endian unsigned 64-bit numbers."""
        data = self.piece(name, copy=False)
        if len(data) % 8:
            raise Damaged(name)
        view = memoryview(data).cast("Q")
        if sys.byteorder != "little":  # pragma: no cover - no such machine to test on
            import array

            swapped = array.array("Q", data)
            swapped.byteswap()
            view = memoryview(swapped)
        return view

    def numbers_lazily(self, name: str) -> memoryview | Numbers:
        """``numbers``, or, of an entry read piece by piece whose piece is not read yet, its numbers
        read one at a time and unchecked: for a caller that can tell when a number is wrong (a
        binary search of one report's index of names reads a few numbers of a piece of megabytes:
        ``shelf.named``)."""
        if self._fd is None or (name, False) in self._checked:
            return self.numbers(name)
        return Numbers(self, name)

    def records(self, *, whole: bool = False, many: bool = False) -> StoredRecords:
        """The records piece, with its offsets and per-record CRCs. Each record is checked when it is
        read; ``whole`` checks the piece at once (for callers that will read most records), ``many``
        reads the offsets and CRCs at once (for callers that will read many records here and there)."""
        if whole:
            self.piece("records")
        try:
            start, length, _ = self._pieces["records"]
        except (KeyError, TypeError, ValueError):
            raise Damaged("records") from None
        if not (isinstance(start, int) and isinstance(length, int)):
            raise Damaged("records")
        held = self._checked.get(("records", True))
        if held is not None:
            return StoredRecords(held, 0, length, self.numbers("offsets"), self.numbers("crcs"))
        if self._fd is None or many:
            return StoredRecords(
                self, self._base + start, length, self.numbers("offsets"), self.numbers("crcs")
            )
        # NOTE: of an entry read piece by piece, only the offsets and CRC of each record read are
        # read, not the two pieces whole: a damaged offset or CRC fails the record's own CRC check.
        return StoredRecords(
            self, self._base + start, length, Numbers(self, "offsets"), Numbers(self, "crcs")
        )


class Numbers:
    """A piece of numbers (as ``Entry.numbers``) read a number at a time, unchecked."""

    __slots__ = ("_count", "_entry", "_first")

    def __init__(self, entry: Entry, name: str) -> None:
        try:
            start, length, _ = entry._pieces[name]
        except (KeyError, TypeError, ValueError):
            raise Damaged(name) from None
        if not (isinstance(start, int) and isinstance(length, int) and length % 8 == 0):
            raise Damaged(name)
        self._entry, self._first, self._count = entry, entry._base + start, length // 8

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, n: int) -> int:
        if not 0 <= n < self._count:
            raise Damaged(f"number {n}")
        data = self._entry.read(self._first + 8 * n, 8)
        if len(data) != 8:
            raise Damaged(f"number {n}")
        return int.from_bytes(data, "little")


class StoredRecords:
    """The stored records of an entry, each decoded (and checked) only when asked for."""

    __slots__ = ("_blob", "_crcs", "_length", "_offsets", "_start")

    def __init__(
        self,
        blob: bytes | Entry,
        start: int,
        length: int,
        offsets: memoryview | Numbers,
        crcs: memoryview | Numbers,
    ) -> None:
        if len(offsets) != len(crcs) + 1:
            raise Damaged("offsets")
        self._blob, self._start, self._length = blob, start, length
        self._offsets, self._crcs = offsets, crcs

    def __len__(self) -> int:
        return len(self._crcs)

    def get(self, n: int) -> object:
        """Record ``n`` as it was stored, or ``Damaged``."""
        start, end = self._offsets[n], self._offsets[n + 1]
        if not start <= end <= self._length:
            raise Damaged(f"record {n}")
        first = self._start + start
        blob = self._blob
        data = blob.read(first, end - start) if isinstance(blob, Entry) else blob[first : first + end - start]
        if len(data) != end - start or zlib.crc32(data) != self._crcs[n]:
            raise Damaged(f"record {n}")
        try:
            return marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            raise Damaged(f"record {n}") from None

    def each(self, block: int = 1 << 20, *, first: int = 0, last: int | None = None) -> Iterator[object]:
        """Every record (from ``first`` up to ``last``) in order, as ``get`` gives them, read about
        ``block`` bytes at a time: a whole list costs a few large reads, not a read or four for each
        record."""
        from bisect import bisect_right

        blob, offsets, crcs = self._blob, self._offsets, self._crcs
        if isinstance(blob, Entry) and isinstance(offsets, Numbers):
            offsets, crcs = blob.numbers("offsets"), blob.numbers("crcs")
            if len(offsets) != len(crcs) + 1:
                raise Damaged("offsets")
        count = len(crcs) if last is None else last
        if not 0 <= first <= count <= len(crcs):
            raise Damaged("records")
        n = first
        while n < count:
            start = offsets[n]
            upto = max(n + 1, bisect_right(offsets, start + block, n + 1, count + 1) - 1)
            end = offsets[upto]
            if not start <= end <= self._length:
                raise Damaged(f"record {n}")
            at, size = self._start + start, end - start
            data = blob.read(at, size) if isinstance(blob, Entry) else blob[at : at + size]
            if len(data) != size:
                raise Damaged(f"record {n}")
            view = memoryview(data)
            for k in range(n, upto):
                a, b = offsets[k] - start, offsets[k + 1] - start
                if not 0 <= a <= b <= len(view) or zlib.crc32(view[a:b]) != crcs[k]:
                    raise Damaged(f"record {k}")
                try:
                    yield marshal.loads(view[a:b])
                except (ValueError, EOFError, TypeError):
                    raise Damaged(f"record {k}") from None
            n = upto


HEAD = 1 << 18
"""Bytes of an entry read when it is opened; a larger entry's pieces are read when asked for."""
HELD = 64
"""Entries whose files may stay open at once; beyond them, entries are read whole (a folder of
many large reports must not run out of descriptors)."""
_OPEN: set[int] = set()
"""The descriptors that entries hold open."""


def _entry_path(where: str, key: str, suffix: str = _SUFFIX) -> str:
    return os.path.join(where, key + suffix)


def open_entry(key: str) -> Entry | None:
    """The entry stored under ``key``, or None when there is none that can be trusted."""
    return _open(key, _SUFFIX)


def _open(key: str, suffix: str) -> Entry | None:
    where = directory()
    if where is None or not _private(where, repair=False):
        return None
    path = _entry_path(where, key, suffix)
    try:
        fd = os.open(path, _FLAGS)
    except OSError:
        return None
    lazy = touched = False
    try:
        st = os.fstat(fd)
        lazy = st.st_size > HEAD and len(_OPEN) < HELD
        if (
            (st.st_mode & _FORMAT) != _REGULAR
            or st.st_uid != os.geteuid()
            or st.st_mode & 0o022
            or st.st_size < len(_MAGIC) + 8
            or st.st_size > _MAX_ENTRY
        ):
            blob = None
        elif lazy:
            blob = _read_all(fd, HEAD, HEAD - 1)
        else:
            blob = _read_all(fd, st.st_size, _MAX_ENTRY)
        if blob is not None and st.st_mtime < _now() - TOUCH_AFTER:
            try:
                os.utime(fd)
                touched = True
            except OSError:
                pass
    except OSError:
        blob = None
    entry = _parse(blob, key, fd if lazy else None) if blob is not None else None
    if entry is None or not lazy:
        os.close(fd)
    if entry is not None:
        entry.touched = touched
    return entry


def touch(keys: Iterable[str]) -> None:
    """Mark the entries of ``keys`` used now, as opening them would (an entry read through
    another, a folder's shelf, must not expire behind it); never an error."""
    where = directory()
    if where is None or not _private(where, repair=False):
        return
    for key in keys:
        try:
            os.utime(_entry_path(where, key), follow_symlinks=False)
        except (OSError, NotImplementedError):
            pass


def _now() -> float:
    import time

    return time.time()


def _now_ns() -> int:
    import time

    return time.time_ns()


_MAX_ENTRY = 4 * MAX_SOURCE + (1 << 24)
MAX_ENTRY = _MAX_ENTRY - (1 << 20)
"""The most bytes of pieces an entry may hold (its head aside) and still be opened."""


def _read_all(fd: int, size: int, limit: int) -> bytes:
    """The file's bytes up to its end, or ``limit`` and a byte more; ``size`` is what it held when
    looked at (a file that has grown since is read on to its end)."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(max(size - total, 0) + (1 << 16), limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)  # one chunk, the usual case, is returned as it is: no copy


def _parse(blob: bytes, key: str, fd: int | None = None) -> Entry | None:
    start = len(_MAGIC) + 8
    if blob[: len(_MAGIC)] != _MAGIC:
        return None
    size = int.from_bytes(blob[len(_MAGIC) : len(_MAGIC) + 4], "little")
    crc = int.from_bytes(blob[len(_MAGIC) + 4 : start], "little")
    if fd is not None and start + size > len(blob):
        blob += _pread(fd, len(blob), start + size - len(blob))
    head = blob[start : start + size]
    if len(head) != size or zlib.crc32(head) != crc:
        return None
    try:
        header = marshal.loads(head)
    except (ValueError, EOFError, TypeError):
        return None
    if type(header) is not dict or header.get("key") != key or type(header.get("pieces")) is not dict:
        return None
    if fd is not None:
        _OPEN.add(fd)
    return Entry(blob, start + size, header["pieces"], fd)


def _pread(fd: int, first: int, length: int) -> bytes:
    try:
        return os.pread(fd, length, first)
    except OSError:
        return b""


def discard(key: str) -> None:
    """Remove the entry stored under ``key``, if the store is ours."""
    where = directory()
    if where is not None and _private(where, repair=False):
        _remove(_entry_path(where, key))


# ── files whose digest is known ───────────────────────────────────────────────


class Known:
    """The files of one set (a file, or a folder's report files) whose digest holds without reading
    them: each with its status when it was last digested and the clock just before (``Source``).

    A file's digest holds while its status is all the same, provided that status was ``settled``
    when taken (see the module's docstring); then its entry's key comes without reading a byte. A
    file that changed, moved, was replaced or is new is digested as before, and ``learn`` keeps its
    new status for the next call. The record lives in the store, with the same checks as an entry,
    under a name made of the set's absolute path (``known_name``); the path only finds the record,
    each file's status is what is trusted. ``granularity`` is the filesystem's timestamp step
    (``GRANULARITY``).
    """

    __slots__ = ("_changed", "_files", "_granularity", "_name", "_off", "_shelf")

    def __init__(self, path: str, granularity: int = GRANULARITY) -> None:
        self._name = known_name(path)
        self._granularity = granularity
        self._changed = False
        self._files: dict[object, object] = {}
        """Each file's status and digest by the file's name (a folder's files stand in it directly,
        so the folder is found by any spelling of its path)."""
        self._shelf: str | None = None
        """The key of the folder's latest shelf (``shelf``), so that the next one replaces it."""
        self._off = switched(ALWAYS_READ)
        entry = None if self._off else _open(self._name, _KNOWN)
        if entry is not None:
            try:
                files = entry.value("files")
            except Damaged:
                files = None
            if type(files) is dict:
                self._files = files
            try:
                shelf = entry.value("shelf")
            except Damaged:  # none kept (a file's record, or one written before shelves)
                shelf = None
            self._shelf = shelf if type(shelf) is str else None

    def key(self, path: str) -> str | None:
        """The key of the entry of the file at ``path`` as it is now, or None to digest it."""
        held = self._files.get(os.path.basename(path))
        if type(held) is not tuple or len(held) != 3:
            return None
        seen, since, content = held
        if type(since) is not int or type(content) is not str or not _stamp(seen):
            return None
        if not settled(seen, since, self._granularity):
            return None
        try:
            st = _status(path)
        except (OSError, ValueError):
            return None
        if (st.st_mode & _FORMAT) != _REGULAR or stamp(st) != seen:
            return None
        return f"{content}-{LAYOUT}-{__version__}"

    def learn(self, path: str, found: Source) -> None:
        """Keep the status ``found`` was read with, when it can be trusted later (else forget any
        older one, which the file has outlived)."""
        held = (found.stamp, found.since, found.digest)
        name = os.path.basename(path)
        if self._off:
            return
        if not settled(found.stamp, found.since, self._granularity):
            if self._files.pop(name, None) is not None:
                self._changed = True
        elif self._files.get(name) != held:
            self._files[name] = held
            self._changed = True

    def keep(self, paths: Iterable[str]) -> None:
        """Forget every file but ``paths`` (those a folder no longer holds)."""
        wanted = {os.path.basename(p) for p in paths}
        for path in [p for p in self._files if p not in wanted]:
            del self._files[path]
            self._changed = True

    def shelved(self, key: str) -> str | None:
        """Note ``key`` as the folder's shelf, and return the one it replaces (None when none)."""
        old, self._shelf = self._shelf, key
        self._changed = self._changed or old != key
        return None if old == key else old

    def save(self) -> None:
        """Write what was learnt, if anything was (never an error)."""
        if self._changed:
            pieces = {"files": marshal.dumps(self._files)}
            if self._shelf is not None:
                pieces["shelf"] = marshal.dumps(self._shelf)
            self._changed = not _save(self._name, pieces, _KNOWN)


def known_name(path: str) -> str:
    """The name of the record ``Known`` keeps for the set at ``path``: two 32-bit checksums of its
    absolute path (CRC-32 and Adler-32), as loading a hash module would cost every warm call. Two
    paths of one name share a record and lose no answer by it: each file is trusted by its own
    status, so a file of the other set is digested as if new (a test forces such a clash)."""
    where = os.path.abspath(path).encode(errors="surrogateescape")
    return f"known-{zlib.crc32(where):08x}{zlib.adler32(where):08x}"


def _status(path: str) -> os.stat_result:
    """The status ``Known`` compares (tests stand a coarser filesystem in for it)."""
    return os.stat(path)


def _stamp(seen: object) -> bool:
    return type(seen) is tuple and len(seen) == 5 and all(type(n) is int for n in seen)


# ── writing ───────────────────────────────────────────────────────────────────


def writable() -> bool:
    """Whether there is a store to write to (made now if missing)."""
    where = directory()
    return where is not None and _make(where)


WITNESS = "pieces"
"""The key under which an entry's meta holds the CRC of each of its other pieces."""


def with_witness(meta: dict[str, object], pieces: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pieces of an entry: ``meta`` (marshalled), holding the CRC of each of ``pieces``, then
    those (see ``Entry.witnessed``)."""
    meta = {**meta, WITNESS: {name: zlib.crc32(data) for name, data in pieces.items()}}
    return {"meta": marshal.dumps(meta), **pieces}


def save(key: str, pieces: Mapping[str, bytes]) -> bool:
    """Store an entry under ``key``; False when the store cannot be written (never an error)."""
    return _save(key, pieces, _SUFFIX)


def _save(key: str, pieces: Mapping[str, bytes], suffix: str) -> bool:
    where = directory()
    if where is None or not _make(where):
        return False
    table = {}
    offset = 0
    for name, data in pieces.items():
        table[name] = (offset, len(data), zlib.crc32(data))
        offset += len(data)
    head = marshal.dumps({"key": key, "pieces": table})
    prefix = _MAGIC + len(head).to_bytes(4, "little") + zlib.crc32(head).to_bytes(4, "little") + head
    if suffix == _SUFFIX:  # a record of ``Known`` is small: its writes leave pruning to entries'
        _prune(where)
    return _write(where, _entry_path(where, key, suffix), [prefix, *pieces.values()])


def _write(where: str, path: str, parts: list[bytes]) -> bool:
    import signal

    tmp = _temporary(where)

    def interrupted(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, interrupted)
    except ValueError:  # not the main thread: no handler, the next write cleans up
        previous = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            for part in parts:
                view = memoryview(part)
                while view:
                    view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        try:
            os.replace(tmp, path)
        except OSError:
            if not _aside(where, path):
                raise
            os.replace(tmp, path)
    except OSError:
        _remove(tmp)
        return False
    except BaseException:
        _remove(tmp)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return True


def _temporary(where: str) -> str:
    import secrets

    return os.path.join(where, f"{_TMP}{os.getpid()}-{secrets.token_hex(4)}")


def _aside(where: str, path: str) -> bool:
    """Clear an entry's place of a directory, which a rename cannot replace: it is renamed to a
    temporary name, so the place is free at once, and then removed; whatever of it cannot be
    removed is a leftover that a later write prunes. False when there was no directory to clear."""
    try:
        if (os.lstat(path).st_mode & _FORMAT) != _FOLDER:
            return False
        moved = _temporary(where)
        os.rename(path, moved)
    except OSError:
        return False
    _remove(moved)
    return True


def _remove(path: str) -> None:
    """Remove a file, or a directory and what is in it; links inside are removed, never followed."""
    try:
        if (os.lstat(path).st_mode & _FORMAT) != _FOLDER:
            os.unlink(path)
            return
    except OSError:
        return
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def entries(where: str) -> Iterator[tuple[str, os.stat_result]]:
    """Each file in the store with its status, not following links."""
    try:
        names = os.listdir(where)
    except OSError:
        return
    for name in names:
        path = os.path.join(where, name)
        try:
            yield path, os.lstat(path)
        except OSError:
            continue


def _prune(where: str) -> None:
    """Remove leftovers of interrupted writes, entries unused for ``MAX_AGE``, then the least
    recently used while the store is over ``MAX_TOTAL``."""
    now = _now()
    kept: list[tuple[float, int, str]] = []
    for path, st in entries(where):
        name = os.path.basename(path)
        if name.startswith(_TMP):
            pid = name[len(_TMP) :].partition("-")[0]
            old = now - st.st_mtime > STALE_TMP
            if old or not (pid.isdigit() and _alive(int(pid))):
                _remove(path)
        elif name.endswith((_SUFFIX, _KNOWN)):
            if now - st.st_mtime > MAX_AGE:
                _remove(path)
            else:
                kept.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= MAX_TOTAL:
            break
        _remove(path)
        total -= size


_PACKAGE_FILES: dict[str, tuple[bytes, str]] = {}
"""The package files ``derived`` has read in this process, with their keys."""


def package_key(data: bytes) -> str:
    """The key ``derived`` keeps what is made of a package file holding ``data`` under: its size
    and two checksums (CRC-32 and Adler-32), not a digest, as loading a hash module would cost every
    search that reads the vocabulary. The file is the package's own: it changes when the package is
    installed again, or edited in a checkout, and an edit keeping its size and both checksums would
    have to be made on purpose by someone who can write the package anyway."""
    return f"c{len(data):x}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{LAYOUT}-{__version__}"


def derived(name: str, path: str, build: Callable[[bytes], Any], check: Callable[[object], T]) -> T:
    """What ``build`` makes of the package file at ``path``, kept in the store as a marshalled
    value under the file's size and checksums (``package_key``), so that a table costly to
    build from a text (the vocabulary, pinyin readings) costs one read of the entry afterwards.
    ``check`` turns the stored value back into its type, raising TypeError or ValueError when it
    is not one; then, or without a store, the file is built again. A package file is read and
    keyed once per process, however many tables are made of it."""
    held = _PACKAGE_FILES.get(path)
    if held is None:
        with open(path, "rb") as f:
            data = f.read()
        held = _PACKAGE_FILES[path] = (data, package_key(data))
    data, content_key = held
    entry_key = f"{name}-{content_key}"
    entry = None if switched(OFF) else open_entry(entry_key)
    if entry is not None:
        try:
            return check(entry.value(name))
        except (Damaged, TypeError, ValueError, KeyError, IndexError):
            pass
    value = build(data)
    if not switched(OFF):
        save(entry_key, {name: marshal.dumps(value)})
    return check(value)
