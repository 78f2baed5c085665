"""Files that change, vanish or are not files at all while zzreport reads them.

The store's key is the digest of exactly the bytes that were parsed, so a file edited, truncated or
swapped during a read can cost a re-read or a clear refusal, never a wrong figure, a crash or a
hang. The same holds for the store's own entries and for the store's folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL
from zzreport import loading, store
from zzreport.errors import DataError
from zzreport.loading import load, read_text

ROOT = os.geteuid() == 0
NOBODY = 65534
WAIT = 20
"""Seconds a subprocess may take before it is taken to hang (each takes well under one)."""

BIG = MINIMAL + ("# " + "x" * 1000 + "\n") * 1200
"""A valid report over 1 MiB (``store.SMALL``), the size that used to be mapped, not read."""


@pytest.fixture
def big(tmp_path: Path, where: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(BIG, encoding="utf-8")
    assert path.stat().st_size > store.SMALL
    return path


def _value(path: Path) -> str:
    return str(load(path).indicators[0].value)


def _no_parse(text: str, name: str, **kw: object) -> None:
    raise AssertionError("parsed although the store holds the file")


def _entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.zzs"))


def _python(env: dict[str, str], probe: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", probe, *args],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=WAIT, check=False,
    )  # fmt: skip


# ── a file edited while it is read ────────────────────────────────────────────


def test_an_in_place_edit_during_a_first_read_is_never_stored_under_the_old_key(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = big.read_bytes()
    new = old.replace(b"value: 1.10", b"value: 9.90")  # same size, written over the same inode
    real = store.open_entry

    def edit_then_open(key: str) -> store.Entry | None:
        with big.open("r+b") as f:  # as an editor saving in place does, between digest and parse
            f.write(new)
        return real(key)

    monkeypatch.setattr(store, "open_entry", edit_then_open)
    first = _value(big)
    monkeypatch.setattr(store, "open_entry", real)
    assert first == "1.10"  # the figures of the bytes that were digested
    big.write_bytes(old)
    assert _value(big) == "1.10"
    big.write_bytes(new)
    assert _value(big) == "9.90"


def _edit_while_read(monkeypatch: pytest.MonkeyPatch, path: Path, times: int) -> list[int]:
    """Make each of the first ``times`` reads of ``path`` from its start append to it just after."""
    inode = path.stat().st_ino
    real = os.read
    edits: list[int] = []

    def read(fd: int, n: int) -> bytes:
        start = os.lseek(fd, 0, os.SEEK_CUR) == 0
        data = real(fd, n)
        if start and len(edits) < times and os.fstat(fd).st_ino == inode:
            edits.append(len(data))
            with path.open("ab") as f:
                f.write(b"# edited\n")
        return data

    monkeypatch.setattr(os, "read", read)
    return edits


@pytest.mark.parametrize("size", ["small", "big"])
def test_a_file_that_changes_while_read_is_read_again(
    sample: Path, big: Path, where: Path, monkeypatch: pytest.MonkeyPatch, size: str
) -> None:
    path = sample if size == "small" else big
    real = os.read
    edits = _edit_while_read(monkeypatch, path, times=1)
    assert _value(path) == "1.10"
    monkeypatch.setattr(os, "read", real)
    assert len(edits) == 1
    found = store.source(str(path))
    assert found is not None
    assert found.data == path.read_bytes()  # the edited file, read whole after the edit
    assert store.open_entry(found.key) is not None  # what was stored is the edited file's


def test_a_file_that_keeps_changing_is_refused_plainly(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit_while_read(monkeypatch, sample, times=1000)
    with pytest.raises(DataError) as info:
        load(sample)
    assert info.value.lines() == [f"{sample}: changed while it was read; try again once it is saved"]


# ── a file truncated while it is read ─────────────────────────────────────────


TRUNCATE_WHILE_DIGESTED = """\
import sys
from pathlib import Path
from zzreport import loading, store
path = Path(sys.argv[1])
real = store.digest
def rewrite_then_digest(data):
    path.write_bytes(b"format: 1\\n")  # truncated and rewritten, as cp and > do
    return real(data)
store.digest = rewrite_then_digest
print(loading.load(path).indicators[0].value)
"""


def test_a_file_truncated_while_digested_does_not_crash(big: Path, where: Path) -> None:
    r = _python({**os.environ, store.DIR: str(where)}, TRUNCATE_WHILE_DIGESTED, str(big))
    assert (r.returncode, r.stdout, r.stderr) == (0, "1.10\n", "")


TRUNCATE_ENTRY = """\
import os
from zzreport import store
store.save("k", {"meta": b"x" * (3 * 1024 * 1024)})
entry = store.open_entry("k")
(name,) = [n for n in os.listdir(store.directory()) if n.endswith(".zzs")]
os.truncate(os.path.join(store.directory(), name), 0)
try:
    print(len(entry.piece("meta")))
except store.Damaged:
    print("damaged")  # a large entry's pieces are read when asked for: the cut is seen, not read
"""


def test_an_entry_truncated_while_in_use_does_not_crash(where: Path) -> None:
    r = _python({**os.environ, store.DIR: str(where)}, TRUNCATE_ENTRY)
    assert (r.returncode, r.stdout, r.stderr) == (0, "damaged\n", "")


# ── whatever sits where an entry goes ─────────────────────────────────────────


@pytest.mark.parametrize("kind", ["directory", "full-directory", "fifo", "symlink", "dev-null"])
def test_anything_at_an_entry_path_is_replaced_so_the_next_call_is_warm(
    sample: Path, where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    load(sample)
    (entry,) = _entries(where)
    entry.unlink()
    keep = tmp_path / "keep.txt"
    keep.write_text("keep", encoding="utf-8")
    match kind:
        case "directory":
            entry.mkdir()
        case "full-directory":
            (entry / "deeper").mkdir(parents=True)
            (entry / "deeper" / "file").write_text("x", encoding="utf-8")
            (entry / "link").symlink_to(keep)
            (entry / "dirlink").symlink_to(tmp_path)
        case "fifo":
            os.mkfifo(entry)
        case "symlink":
            entry.symlink_to(keep)
        case _:
            entry.symlink_to("/dev/null")
    assert _value(sample) == "1.10"  # parsed, and stored in place of what was there
    assert stat.S_ISREG(entry.lstat().st_mode)
    monkeypatch.setattr(loading, "parse", _no_parse)
    assert _value(sample) == "1.10"
    assert keep.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt", "sample.yaml", "store"]
    assert [p.name for p in where.iterdir()] == [entry.name]  # nothing left aside


# ── the store's folder ────────────────────────────────────────────────────────


def test_a_store_folder_that_links_to_another_folder_is_not_used(
    sample: Path, where: Path, tmp_path: Path
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    documents.chmod(0o755)
    (documents / "letter.txt").write_text("hello", encoding="utf-8")
    where.symlink_to(documents)
    assert _value(sample) == "1.10"
    assert _value(sample) == "1.10"
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755  # never chmod through a link
    assert [p.name for p in documents.iterdir()] == ["letter.txt"]
    assert where.is_symlink()


def test_a_store_folder_that_links_to_a_private_folder_of_ours_is_used(
    sample: Path, where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control for the test above: a link the user made to a private folder of theirs works.
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    real.chmod(0o700)
    where.symlink_to(real)
    load(sample)
    assert len(_entries(real)) == 1
    monkeypatch.setattr(loading, "parse", _no_parse)
    assert _value(sample) == "1.10"


@pytest.mark.skipif(not ROOT, reason="making a link another user's needs root")
def test_a_store_folder_linked_by_another_user_is_not_used(sample: Path, where: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    real.chmod(0o700)
    where.symlink_to(real)
    os.lchown(where, NOBODY, NOBODY)
    assert _value(sample) == "1.10"
    assert _entries(real) == []


# ── files that are not regular files ──────────────────────────────────────────


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


REFUSED = "is a named pipe (FIFO), not a regular file, so it was not read"


def _refused(r: subprocess.CompletedProcess[str], path: Path) -> None:
    assert (r.returncode, r.stdout) == (3, ""), r
    assert r.stderr.splitlines() == [f"zzreport: {path}: {REFUSED}"]


@pytest.mark.parametrize(
    "args",
    [
        ("--data", "{fifo}", "show", "gdp"),
        ("--data", "{fifo}", "show", "gdp", "-f", "csv"),
        ("validate", "{fifo}"),
        ("draft", "{fifo}", "-o", "{out}"),
        ("coverage", "{report}", "{fifo}"),
    ],
    ids=["show", "show-piped", "validate", "draft", "coverage"],
)
def test_a_fifo_is_refused_without_blocking(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, fifo: Path, args: tuple[str, ...]
) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    argv = [a.format(fifo=fifo, report=report, out=tmp_path / "out.yaml") for a in args]
    r = subprocess.run(
        [zzreport_exe, *argv], env=clean_env, capture_output=True, text=True, encoding="utf-8",
        timeout=WAIT, check=False,
    )  # fmt: skip
    if args[0] == "validate":  # its report is the output: problems on stdout, a summary on stderr
        assert (r.returncode, r.stdout) == (3, f"{fifo}: {REFUSED}\n"), r
        assert r.stderr == "zzreport: 1 file checked: 0 valid, 1 with 1 problem\n"
    else:
        _refused(r, fifo)
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("command", [("show", "gdp", "-f", "csv"), ("list",)])
def test_a_fifo_in_a_folder_is_named_without_blocking(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(folder / "x.yaml")
    r = subprocess.run(
        [zzreport_exe, "--data", str(folder), *command], env=clean_env, capture_output=True, text=True,
        encoding="utf-8", timeout=WAIT, check=False,
    )  # fmt: skip
    _refused(r, folder / "x.yaml")


SWAPPED_IN = """\
import os, sys
from pathlib import Path
from zzreport import loading
from zzreport.errors import DataError
fifo, regular = sys.argv[1:3]
real = os.stat
def stat(path, *args, **kw):  # a regular file when looked at, a FIFO by the time it is opened
    return real(regular if os.fspath(path) == fifo else path, *args, **kw)
os.stat = stat
try:
    loading.read_text(Path(fifo))
except DataError as e:
    print(e.lines()[0])
"""


def test_a_fifo_swapped_in_after_the_check_does_not_block(sample: Path, fifo: Path) -> None:
    r = _python(dict(os.environ), SWAPPED_IN, str(fifo), str(sample))
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == f"{fifo}: {REFUSED}\n"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/dev/null", "is a device, not a regular file, so it was not read"),
        ("{tmp}", "is a directory, not a report file"),
    ],
)
def test_other_files_that_are_not_regular_are_refused(tmp_path: Path, path: str, expected: str) -> None:
    name = path.format(tmp=tmp_path)
    for read in (load, read_text):
        with pytest.raises(DataError) as info:
            read(Path(name))
        assert info.value.lines() == [f"{name}: {expected}"]


def test_a_link_to_a_report_file_is_still_read(sample: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(sample)
    assert _value(link) == "1.10"
    assert read_text(link) == MINIMAL


def test_reading_never_maps_a_file(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mmap

    def refuse(*args: object, **kw: object) -> Callable[..., object]:
        raise AssertionError("a file was mapped")

    monkeypatch.setattr(mmap, "mmap", refuse)
    assert _value(big) == "1.10"  # first read
    assert _value(big) == "1.10"  # from the store
