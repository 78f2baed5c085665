"""A report file whose status is unchanged is not read again, and no change of it goes unseen.

The store keeps each file's device, inode, size, mtime and ctime as they were when its bytes were
digested (``store.Known``), and trusts them only when they were taken more than the filesystem's
timestamp step after the file's last change (git's racy-timestamp rule). Each test below makes a
change that a status check could miss, and requires the file's own figures.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import MINIMAL
from zzreport import fast, loading, store
from zzreport.loading import load

LATER = 10 * 1_000_000_000
"""Nanoseconds after which a status is settled on any filesystem (``store.GRANULARITY`` is 2 s)."""


def _value(path: Path) -> str:
    return str(load(path).indicators[0].value)


def _later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read files as if long after their last change: their status is then settled."""
    real = store._now_ns
    monkeypatch.setattr(store, "_now_ns", lambda: real() + LATER)


def _unread(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the file was read although its status is unchanged")

    monkeypatch.setattr(store, "read_status", refuse)


def _edit(path: Path, old: str, new: str, *, keep_mtime: bool = True) -> None:
    """Rewrite ``path`` in place at the same size, once the file clock has moved on; with
    ``keep_mtime``, its modification time is put back, as ``touch -r``, ``cp -p`` and ``tar x`` do."""
    before = path.stat()
    probe = path.with_name(path.name + ".clock")
    waited = time.monotonic() + 60  # a bound, not a timing: it ends as soon as the clock has moved
    while True:  # wait for the file clock itself to pass the file's change time
        probe.write_bytes(b"")
        if probe.stat().st_ctime_ns > before.st_ctime_ns:
            break
        if time.monotonic() > waited:
            pytest.skip("this filesystem's change times did not move in 60 s")
        time.sleep(0.001)
    probe.unlink()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    if keep_mtime:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert after.st_size == before.st_size
    if after.st_ctime_ns == before.st_ctime_ns:
        pytest.skip("this filesystem's change times are coarser than the test waits")


# ── the rule ──────────────────────────────────────────────────────────────────


def test_a_status_is_settled_only_a_step_after_the_last_change() -> None:
    now = 100 * 1_000_000_000
    second = 1_000_000_000
    changed = now - 3 * second // 2  # the file changed 1.5 s before it was looked at
    seen = (1, 2, 3, changed - second, changed)  # mtime older than ctime
    assert store.settled(seen, now, granularity=second)  # a 1 s filesystem cannot stamp 1.5 s late
    assert not store.settled(seen, now, granularity=2 * second)  # a 2 s one (FAT) can
    assert not store.settled(seen, now)  # unknown: assumed as coarse as FAT
    assert second * 2 == store.GRANULARITY
    future = (1, 2, 3, now + second, changed)  # an mtime set ahead of the clock
    assert not store.settled(future, now, granularity=0)
    assert not store.settled((1, 2, 3, now, now), now, granularity=0)  # same tick: racy


def test_a_settled_file_is_answered_without_reading_it(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _later(monkeypatch)
    assert _value(sample) == "1.10"
    assert store.Known(str(sample)).key(str(sample)) is not None
    _unread(monkeypatch)
    assert _value(sample) == "1.10"


def test_a_file_changed_just_before_it_was_read_is_read_every_time(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _value(sample) == "1.10"  # written a moment ago: not settled
    assert store.Known(str(sample)).key(str(sample)) is None
    reads: list[str] = []
    real = store.read_status

    def counted(path: str, limit: int = store.MAX_SOURCE) -> tuple[bytes, store.Stamp, int]:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(store, "read_status", counted)
    assert _value(sample) == "1.10"
    assert len(reads) == 1


# ── changes a status check could miss ─────────────────────────────────────────


def _coarse(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Report ``path`` with the status it has now whatever happens to it: as a filesystem whose
    timestamps are too coarse to tell an edit in the same step from none."""
    frozen = path.stat()
    monkeypatch.setattr(store, "_status", lambda p: frozen if p == str(path) else Path(p).stat())


@pytest.mark.parametrize("settled", [False, True])
def test_an_edit_in_the_same_tick_as_the_entry_is_seen(
    sample: Path, where: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    if settled:  # the control: with the rule switched off (a status taken late), it is missed
        _later(monkeypatch)
    assert _value(sample) == "1.10"
    (entry,) = where.glob("*.zzs")
    written = entry.stat().st_mtime_ns
    _coarse(monkeypatch, sample)  # the edit below leaves size, mtime and ctime as they were
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("value: 1.10", "value: 1.20"), encoding="utf-8")
    os.utime(sample, ns=(written, written))  # the file's mtime set to the entry's own time
    assert _value(sample) == ("1.10" if settled else "1.20")


def test_a_same_size_edit_with_its_mtime_put_back_is_seen(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _later(monkeypatch)
    assert _value(sample) == "1.10"
    _edit(sample, "value: 1.10", "value: 1.20")
    assert _value(sample) == "1.20"
    assert store.Known(str(sample)).key(str(sample)) is not None  # learnt anew: the next call is fast
    _unread(monkeypatch)
    assert _value(sample) == "1.20"


def test_a_file_replaced_by_a_rename_is_seen(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _later(monkeypatch)
    assert _value(sample) == "1.10"
    before = sample.stat()
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.replace("value: 1.10", "value: 2.20"), encoding="utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.rename(sample)  # a new inode at the old name, with the old size and mtime
    assert sample.stat().st_ino != before.st_ino
    assert _value(sample) == "2.20"


@pytest.mark.parametrize(("granularity", "trusted"), [(1_000_000_000, True), (2_000_000_000, False)])
def test_coarse_timestamps_wait_for_their_step(
    sample: Path, monkeypatch: pytest.MonkeyPatch, granularity: int, trusted: bool
) -> None:
    # Read 1.5 s after the file's last change: settled on a filesystem of 1 s steps, not of 2 s.
    changed = max(sample.stat().st_mtime_ns, sample.stat().st_ctime_ns)
    monkeypatch.setattr(store, "_now_ns", lambda: changed + 1_500_000_000)
    found = store.source(str(sample))
    assert found is not None
    known = store.Known(str(sample), granularity=granularity)
    known.learn(str(sample), found)
    assert (known.key(str(sample)) == found.key) is trusted


def test_a_damaged_record_costs_a_read_not_an_answer(
    sample: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _later(monkeypatch)
    assert _value(sample) == "1.10"
    (record,) = where.glob("*.zzk")
    blob = bytearray(record.read_bytes())
    blob[-3] ^= 0xFF
    record.write_bytes(bytes(blob))
    assert store.Known(str(sample)).key(str(sample)) is None
    assert _value(sample) == "1.10"


def test_files_whose_records_share_a_name_answer_their_own_figures(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Records are named by checksums of the path, which two paths may share: force it, for two
    # files of one name in two folders, each read in turn, on both paths, and one edited.
    monkeypatch.setattr(store, "known_name", lambda path: "known-shared")
    _later(monkeypatch)
    files = {}
    for place, value in (("a", "1.10"), ("b", "2.20")):
        (tmp_path / place).mkdir()
        files[value] = tmp_path / place / "sample.yaml"
        files[value].write_text(MINIMAL.replace("value: 1.10", f"value: {value}"), encoding="utf-8")
    for _ in range(3):
        for value, path in files.items():
            assert _value(path) == value
            text = fast.answer(fast.parse(["--data", str(path), "show", "gdp", "-f", "csv"], {}), "csv")
            assert text is not None and f",{value}," in text.splitlines()[1]
    assert [p.name for p in where.glob("*.zzk")] == ["known-shared.zzk"]
    _edit(files["2.20"], "value: 2.20", "value: 3.30")
    assert _value(files["2.20"]) == "3.30"
    assert _value(files["1.10"]) == "1.10"


# ── a folder of reports, on the look-up path ──────────────────────────────────


def _report(n: int, value: str = "1.10") -> str:
    return (
        MINIMAL.replace("id: sample-2023", f"id: r{n}-2023")
        .replace("region: 样例市", f"region: 样{n}市")
        .replace("value: 1.10", f"value: {value}")
    )


def _shown(folder: Path) -> list[str] | None:
    """``show gdp`` of the folder from the store: each row's report id and value."""
    call = fast.parse(["--data", str(folder), "show", "gdp", "-f", "csv"], {})
    text = fast.answer(call, "csv")
    if text is None:
        return None
    lines = text.splitlines()
    head = lines[0].split(",")
    rows = [dict(zip(head, line.split(","), strict=False)) for line in lines[1:]]
    return [f"{r['report']}={r['value']}" for r in rows]


@pytest.fixture
def folder(tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    place = tmp_path / "reports"
    place.mkdir()
    for n in range(3):
        (place / f"r{n}.yaml").write_text(_report(n), encoding="utf-8")
    _later(monkeypatch)
    loading.load_all([place])  # stores every file
    assert _shown(place) == ["r0-2023=1.10", "r1-2023=1.10", "r2-2023=1.10"]
    return place


def test_an_unchanged_folder_is_answered_without_reading_its_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unread(monkeypatch)
    monkeypatch.setattr(store, "source", lambda _: pytest.fail("a file was digested"))
    assert _shown(folder) == ["r0-2023=1.10", "r1-2023=1.10", "r2-2023=1.10"]


def test_a_file_edited_in_a_folder_is_seen(folder: Path) -> None:
    _edit(folder / "r1.yaml", "value: 1.10", "value: 7.70")
    assert _shown(folder) is None  # its entry is not stored yet: the other way answers
    loading.load_all([folder])
    assert _shown(folder) == ["r0-2023=1.10", "r1-2023=7.70", "r2-2023=1.10"]


def test_a_file_added_to_a_folder_is_seen(folder: Path) -> None:
    (folder / "r3.yaml").write_text(_report(3, "3.30"), encoding="utf-8")
    assert _shown(folder) is None
    loading.load_all([folder])
    assert _shown(folder) == ["r0-2023=1.10", "r1-2023=1.10", "r2-2023=1.10", "r3-2023=3.30"]


def test_a_file_removed_from_a_folder_is_seen(folder: Path) -> None:
    (folder / "r1.yaml").unlink()
    assert _shown(folder) == ["r0-2023=1.10", "r2-2023=1.10"]


def test_files_renamed_in_a_folder_are_seen(folder: Path) -> None:
    # Two files trade names: each name now holds the other's bytes, each inode keeps its own.
    (folder / "r0.yaml").rename(folder / "t.yaml")
    (folder / "r2.yaml").rename(folder / "r0.yaml")
    (folder / "t.yaml").rename(folder / "r2.yaml")
    assert _shown(folder) == ["r2-2023=1.10", "r1-2023=1.10", "r0-2023=1.10"]
    (folder / "r1.yaml").rename(folder / "a.yaml")
    assert _shown(folder) == ["r1-2023=1.10", "r2-2023=1.10", "r0-2023=1.10"]
