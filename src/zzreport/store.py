"""The store: report files already checked, kept in a form that answers look-ups without YAML.

Correct by construction. An entry is named by a digest of the report file's bytes (SHA-256; BLAKE2b
for small files, whose module loads ten times faster), the layout fingerprint of the stored records
and the zzreport version; each look-up reads the file and digests it anew, so an edit of any size
made at any time, with any timestamps, is a different key. Nothing about the file's path, size or
modification time is trusted. The file is read whole into memory, once: the digest and the parse
see the same bytes, and a file that changes during the read is read again (see ``read``). Each
piece of an entry carries a CRC-32 that is checked before the piece is used, so a damaged entry
costs a re-parse, never a wrong answer.

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
    from collections.abc import Callable, Iterator, Mapping
    from typing import Any, TypeVar

    T = TypeVar("T")

LAYOUT = "23569d6c"
"""Fingerprint of the stored record layout; ``zzreport.layout.fingerprint()`` computes it from the
model, and a test requires the two to agree, so a changed model can never read old entries."""

OFF = "ZZREPORT_NO_CACHE"
"""Set (to anything) to run without a store."""
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

_MAGIC = b"zzreport-store\x00\x02"
_SUFFIX = ".zzs"
_TMP = ".tmp-"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""Opening for reading never blocks, so a FIFO put in a file's place between a check and the open
cannot hang the run (the descriptor's own status is checked before anything is read)."""
_FLAGS = _READ | _NOFOLLOW
_DIRECTORY = _READ | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW
_FORMAT, _REGULAR, _FOLDER, _LINK = 0o170000, 0o100000, 0o040000, 0o120000


# ── where ─────────────────────────────────────────────────────────────────────


def directory() -> str | None:
    """The store's directory, or None to run without one.

    ``ZZREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zzreport``, else ``~/.cache/zzreport``. Relative or
    empty settings are ignored, as the XDG spec says; with no home directory at all there is no store.
    """
    env = os.environ
    if env.get(OFF):
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


class Source:
    """A report file's bytes as they were read, and the key of the entry built from exactly them."""

    __slots__ = ("data", "key")

    def __init__(self, data: bytes, key: str) -> None:
        self.data = data
        self.key = key


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
        data = read(path)
    except (OSError, Unfit):
        return None
    return Source(data, key(data))


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
    _fit(os.stat(path), limit)
    for _ in range(TRIES):
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
            return data
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
    """An open entry: its pieces, each checked against its CRC before use."""

    __slots__ = ("_base", "_blob", "_checked", "_pieces")

    def __init__(self, blob: bytes, base: int, pieces: Mapping[str, tuple[int, int, int]]) -> None:
        self._blob = blob
        self._base = base
        self._pieces = pieces
        self._checked: dict[tuple[str, bool], bytes] = {}

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
        data = self._blob[first : first + length] if copy else memoryview(self._blob)[first : first + length]
        if len(data) != length or zlib.crc32(data) != crc:
            raise Damaged(name)
        self._checked[name, copy] = data  # type: ignore[assignment]  # a view is used only as bytes-like
        return data  # type: ignore[return-value]

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

    def records(self, *, whole: bool = False) -> StoredRecords:
        """The records piece, with its offsets and per-record CRCs. Each record is checked when it is
        read; ``whole`` checks the piece at once (for callers that will read most records)."""
        if whole:
            self.piece("records")
        try:
            start, length, _ = self._pieces["records"]
        except (KeyError, TypeError, ValueError):
            raise Damaged("records") from None
        if not (isinstance(start, int) and isinstance(length, int)):
            raise Damaged("records")
        return StoredRecords(
            self._blob, self._base + start, length, self.numbers("offsets"), self.numbers("crcs")
        )


class StoredRecords:
    """The stored records of an entry, each decoded (and checked) only when asked for."""

    __slots__ = ("_blob", "_crcs", "_length", "_offsets", "_start")

    def __init__(self, blob: bytes, start: int, length: int, offsets: memoryview, crcs: memoryview) -> None:
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
        data = self._blob[self._start + start : self._start + end]
        if len(data) != end - start or zlib.crc32(data) != self._crcs[n]:
            raise Damaged(f"record {n}")
        try:
            return marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            raise Damaged(f"record {n}") from None


def _entry_path(where: str, key: str) -> str:
    return os.path.join(where, key + _SUFFIX)


def open_entry(key: str) -> Entry | None:
    """The entry stored under ``key``, or None when there is none that can be trusted."""
    where = directory()
    if where is None or not _private(where, repair=False):
        return None
    path = _entry_path(where, key)
    try:
        fd = os.open(path, _FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (
            (st.st_mode & _FORMAT) != _REGULAR
            or st.st_uid != os.geteuid()
            or st.st_mode & 0o022
            or st.st_size < len(_MAGIC) + 8
            or st.st_size > _MAX_ENTRY
        ):
            return None
        blob = _read_all(fd, st.st_size, _MAX_ENTRY)
        if st.st_mtime < _now() - TOUCH_AFTER:
            try:
                os.utime(fd)
            except OSError:
                pass
    except OSError:
        return None
    finally:
        os.close(fd)
    return _parse(blob, key)


def _now() -> float:
    import time

    return time.time()


_MAX_ENTRY = 4 * MAX_SOURCE + (1 << 24)


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


def _parse(blob: bytes, key: str) -> Entry | None:
    start = len(_MAGIC) + 8
    if blob[: len(_MAGIC)] != _MAGIC:
        return None
    size = int.from_bytes(blob[len(_MAGIC) : len(_MAGIC) + 4], "little")
    crc = int.from_bytes(blob[len(_MAGIC) + 4 : start], "little")
    head = blob[start : start + size]
    if len(head) != size or zlib.crc32(head) != crc:
        return None
    try:
        header = marshal.loads(head)
    except (ValueError, EOFError, TypeError):
        return None
    if type(header) is not dict or header.get("key") != key or type(header.get("pieces")) is not dict:
        return None
    return Entry(blob, start + size, header["pieces"])


def discard(key: str) -> None:
    """Remove the entry stored under ``key``, if the store is ours."""
    where = directory()
    if where is not None and _private(where, repair=False):
        _remove(_entry_path(where, key))


# ── writing ───────────────────────────────────────────────────────────────────


def writable() -> bool:
    """Whether there is a store to write to (made now if missing)."""
    where = directory()
    return where is not None and _make(where)


def save(key: str, pieces: Mapping[str, bytes]) -> bool:
    """Store an entry under ``key``; False when the store cannot be written (never an error)."""
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
    _prune(where)
    return _write(where, _entry_path(where, key), [prefix, *pieces.values()])


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
        elif name.endswith(_SUFFIX):
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


def derived(name: str, path: str, build: Callable[[bytes], Any], check: Callable[[object], T]) -> T:
    """What ``build`` makes of the package file at ``path``, kept in the store as a marshalled
    value under the digest of the file's bytes (like a report's entry), so that a table costly to
    build from a text (the vocabulary, pinyin readings) costs one read of the entry afterwards.
    ``check`` turns the stored value back into its type, raising TypeError or ValueError when it
    is not one; then, or without a store, the file is built again."""
    with open(path, "rb") as f:
        data = f.read()
    entry_key = f"{name}-{key(data)}"
    entry = None if os.environ.get(OFF) else open_entry(entry_key)
    if entry is not None:
        try:
            return check(entry.value(name))
        except (Damaged, TypeError, ValueError, KeyError, IndexError):
            pass
    value = build(data)
    if not os.environ.get(OFF):
        save(entry_key, {name: marshal.dumps(value)})
    return check(value)
