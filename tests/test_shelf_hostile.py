"""A folder's shelf under attack: each test makes a folder that a shelf could answer wrongly and
requires what a run without a store (``ZZREPORT_NO_CACHE=1``) says.

* A valid report of no indicators (``indicators: []``) shares its place in the shelf with the
  report after it: a search must still find each report's own labels and titles.
* A same-size edit made through a shared writable memory map of a file whose page is already
  dirty changes no timestamp (Linux stamps mtime and ctime only on the first write fault of a clean
  page), so no status check can see it, git's index included; ``ZZREPORT_ALWAYS_READ`` reads and
  digests every file on every call, for such files and for filesystems whose times lag.

Each is shown in this process (files made to count as settled, as ``test_shelf`` does), the first
also with real processes (waiting out the 2 s racy-timestamp rule).
"""

from __future__ import annotations

import mmap
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import MINIMAL, Result
from zzreport import fast, loading, shelf, store

LATER = 10 * store.GRANULARITY
SETTLE = store.GRANULARITY / 1e9 + 0.3
"""Seconds a real process waits for files to count as settled."""


def _report(n: int, value: str = "1.10") -> str:
    return (
        MINIMAL.replace("id: sample-2023", f"id: r{n}-2023")
        .replace("region: 样例市", f"region: 样{n}市")
        .replace("value: 1.10", f"value: {value}")
    )


def _empty(n: int) -> str:
    """A valid report of no indicators."""
    return _report(n).split("indicators:")[0] + "indicators: []\n"


def _answer(folder: Path, *argv: str) -> str | None:
    call = fast.parse(["--data", str(folder), *argv, "-f", "csv"], {})
    return fast.answer(call, "csv")


def _shelves(where: Path) -> list[Path]:
    return sorted(where.glob("f*.zzs"))


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read files as if long after their last change, so their keys hold without reading them."""
    real = store._now_ns
    monkeypatch.setattr(store, "_now_ns", lambda: real() + LATER)


def _shelve(folder: Path, where: Path) -> None:
    loading.load_all([folder])  # an entry for each file
    assert _answer(folder, "show", "gdp") is not None  # learns the files' status
    assert _answer(folder, "show", "gdp") is not None  # builds the shelf
    assert len(_shelves(where)) == 1


def _run(exe: str, env: dict[str, str], *argv: str) -> tuple[int, str, str]:
    done = subprocess.run([exe, *argv], check=False, capture_output=True, env=env, timeout=60)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def _shelve_real(exe: str, env: dict[str, str], folder: Path, cache: Path) -> None:
    """Let the files settle, then run until the folder is answered from its shelf."""
    time.sleep(SETTLE)
    for _ in range(3):  # entries, the files' status, the shelf
        assert _run(exe, env, "--data", str(folder), "show", "gdp", "-f", "csv")[0] == 0
    assert len(_shelves(cache)) == 1


@pytest.fixture
def real_env(clean_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    env = dict(clean_env)
    env["ZZREPORT_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def _fresh(exe: str, env: dict[str, str], *argv: str) -> tuple[int, str, str]:
    return _run(exe, {**env, "ZZREPORT_NO_CACHE": "1"}, *argv)


# ── a report of no indicators in a shelf ──────────────────────────────────────


def _with_an_empty_report(place: Path) -> Path:
    place.mkdir()
    (place / "a.yaml").write_text(_empty(0), encoding="utf-8")  # no records, before another report
    (place / "b.yaml").write_text(_report(1, "2.20"), encoding="utf-8")
    return place


@pytest.mark.usefixtures("settled")
def test_search_of_a_shelf_holding_a_report_of_no_indicators(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _with_an_empty_report(tmp_path / "reports")
    _shelve(folder, where)
    with monkeypatch.context() as m:
        m.setattr(shelf, "LEAST", 10**9)  # each file's entry, no shelf
        expected = _answer(folder, "search", "gdp")
    assert expected is not None and "r1-2023" in expected
    assert _answer(folder, "search", "gdp") == expected  # its labels, not the next report's


def test_search_of_a_shelf_holding_a_report_of_no_indicators_real_processes(
    tmp_path: Path, zzreport_exe: str, real_env: dict[str, str]
) -> None:
    folder = _with_an_empty_report(tmp_path / "reports")
    _shelve_real(zzreport_exe, real_env, folder, tmp_path / "cache")
    argv = ("--data", str(folder), "search", "gdp", "-f", "csv")
    fresh = _fresh(zzreport_exe, real_env, *argv)
    assert fresh[0] == 0 and "r1-2023" in fresh[1]
    got = _run(zzreport_exe, real_env, *argv)
    assert "Traceback" not in got[2]
    assert got == fresh


# ── an edit through a shared memory map ───────────────────────────────────────


@contextmanager
def _mapped(path: Path) -> Iterator[mmap.mmap]:
    fd = os.open(path, os.O_RDWR)
    try:
        with mmap.mmap(fd, 0) as m:
            yield m
    finally:
        os.close(fd)


def _status(path: Path) -> tuple[int, ...]:
    return store.stamp(path.stat())


def _through_a_map(tmp_path: Path, shelve: Callable[[Path], None], attempts: int = 3) -> tuple[Path, Path]:
    """A folder shelved while one of its files is mapped and dirty, then that file edited through
    the map (same size) without any change of its status. The kernel may write the page back
    meanwhile (a ``sync`` elsewhere), after which the edit does change the times: then again."""
    for attempt in range(attempts):
        folder = tmp_path / f"reports{attempt}"
        folder.mkdir()
        for n in range(3):
            (folder / f"r{n}.yaml").write_text(_report(n, f"{n}.10"), encoding="utf-8")
        path = folder / "r1.yaml"
        with _mapped(path) as m:
            at = m.find(b"value: 1.10")
            m[at : at + 11] = b"value: 1.20"  # the first write through the map stamps the file
            shelve(folder)
            before = _status(path)
            m[at : at + 11] = b"value: 7.70"  # the page is dirty already: no new stamp
            m.flush()
        if _status(path) == before:
            assert "value: 7.70" in path.read_text(encoding="utf-8")
            return folder, path
    pytest.skip("the kernel wrote the mapped page back before each edit")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="how Linux stamps mapped writes")
@pytest.mark.usefixtures("settled")
def test_an_edit_through_a_shared_map_is_seen_when_files_are_always_read(
    tmp_path: Path, where: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit changes no status, so no status check can see it (as with git's index): with
    ``ZZREPORT_ALWAYS_READ`` every file is read and digested, on both paths."""
    folder, _ = _through_a_map(tmp_path, lambda f: _shelve(f, where))
    monkeypatch.setenv(store.ALWAYS_READ, "1")
    for fast_path in (True, False):
        shown = cli("--data", str(folder), "show", "gdp", "-f", "csv", fast=fast_path)
        assert shown.code == 0 and "r1-2023" in shown.out
        assert "7.70" in shown.out and "1.20" not in shown.out
    assert _answer(folder, "list", "--sort", "value") is not None  # still from the store: each entry
