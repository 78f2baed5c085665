"""The store answers exactly as parsing does, or not at all: never stale, never planted, never hanging.

Each hostile case below made the old stat-keyed cache print a wrong number or hang; each must now
give the file's own figures.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, Result, examples
from zzreport import layout, loading, store
from zzreport.errors import DataError, LookupFailure
from zzreport.loading import load, parse
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
from zzreport.query import search_labels

ROOT = os.geteuid() == 0
NOBODY = 65534


def _no_parse(text: str, name: str) -> None:
    raise AssertionError("parsed although the store holds the file")


def _entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.zzs"))


def _value(path: Path) -> str:
    return str(load(path).indicators[0].value)


def run_cli(exe: str, env: dict[str, str], *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [exe, *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=30, check=False, **kw
    )


# ── answers ───────────────────────────────────────────────────────────────────


def test_stored_bundled_report_equals_parsed(where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = loading.bundled_path()
    parsed = parse(path.read_text(encoding="utf-8"), str(path))
    first = load(path)
    monkeypatch.setattr(loading, "parse", _no_parse)
    second = load(path)
    assert isinstance(second.indicators, layout.LazyIndicators)
    assert first == parsed
    assert second == parsed
    assert list(second.labels) == list(parsed.labels)
    assert str(second.indicators[0].value) == "2806.2"


def test_second_load_skips_parsing(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(sample)
    monkeypatch.setattr(loading, "parse", _no_parse)
    assert _value(sample) == "1.10"


def test_same_size_edit_with_restored_mtime_is_seen(sample: Path) -> None:
    load(sample)
    before = sample.stat()
    sample.write_text(MINIMAL.replace("value: 1.10", "value: 1.20"), encoding="utf-8")
    os.utime(sample, ns=(before.st_atime_ns, before.st_mtime_ns))  # as touch -r, cp -p, tar x do
    after = sample.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert _value(sample) == "1.20"


def test_swapped_same_size_files_answer_for_themselves(tmp_path: Path, where: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    b.write_text(MINIMAL.replace("value: 1.10", "value: 2.20"), encoding="utf-8")
    assert (_value(a), _value(b)) == ("1.10", "2.20")
    a.rename(tmp_path / "t.yaml")
    b.rename(a)
    (tmp_path / "t.yaml").rename(b)
    assert (_value(a), _value(b)) == ("2.20", "1.10")


def test_a_broken_edit_is_reported_even_after_a_good_load(sample: Path) -> None:
    load(sample)
    before = sample.stat()
    sample.write_text(MINIMAL.replace("value: 1.10", "value: x.10"), encoding="utf-8")
    os.utime(sample, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(DataError, match="not a plain decimal"):
        load(sample)


def test_bad_files_are_never_stored(sample: Path, where: Path) -> None:
    sample.write_text(MINIMAL.replace("value: 1.10", "value: x"), encoding="utf-8")
    with pytest.raises(DataError):
        load(sample)
    assert _entries(where) == []


def test_store_can_be_turned_off(sample: Path, where: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.OFF, "1")
    assert _value(sample) == "1.10"
    assert not where.exists()


def _every_field_set() -> Dataset:
    ind = Indicator(
        id=IndicatorId("x"), kind=Kind.HONOUR, name="名", name_en="Name", aliases=("a", "b"),
        section=SectionId("s"), item=3, also_at=(Location(section=SectionId("s"), item=2),),
        period="2021-2023", value=Decimal("1.10"), unit="亿元", written="一点一", qualifier=Qualifier.ODD,
        change=Decimal("-0.50"), change_unit=ChangeUnit.POINTS, rank=2, rank_scope=Scope.COUNTRY,
        rank_sole=True, rank_of="总量", rank_of_en="total", rank_top=10, rank_list="全国百强县",
        rank_list_en="China's top 100 counties", rank_with=(IndicatorId("y"), IndicatorId("z")),
        comparisons=(Comparison(relation=Relation.ABOVE, benchmark=Benchmark.NATIONAL_AVERAGE, gap=Decimal("6.8"),
                                gap_unit=ChangeUnit.POINTS, of="增速", of_en="growth", note="连年", note_en="yearly"),),
        polarity=Polarity.LOWER, note="注", note_en="Note", counts_en="firms", topics=("环境", "own"), line=7,
    )  # fmt: skip
    report = Report(
        id=ReportId("r-2023"), region="某市", region_en="City", province="某省", province_en="Province", region_code="140400",
        year=2023, title="报告", title_en="Report", delivered=dt.date(2024, 1, 2), source="来源", source_en="Source",
        publisher="某市人民政府", publisher_en="City government", url="https://x.invalid/r", source_url="https://x.invalid/s",
    )  # fmt: skip
    return Dataset(
        path="p", report=report, sections=(Section(id=SectionId("s"), title="节", title_en="Part"),),
        indicators=(ind,), labels=search_labels((ind,)),
    )  # fmt: skip


def test_every_field_round_trips_exactly(where: Path) -> None:
    ds = _every_field_set()
    ind = ds.indicators[0]
    for obj in (ind, ind.comparisons[0], ind.also_at[0], ds.report, ds.sections[0]):
        unset = [f for f in fields(obj) if getattr(obj, f.name) in (None, (), "", False, 0)]
        assert not unset, f"set every field of {type(obj).__name__} in this test: {unset}"
    store.save("k", layout.pieces(ds))
    entry = store.open_entry("k")
    assert entry is not None
    back = layout.restore(entry, "p", "k")
    assert back == ds
    assert back.indicators[0] == ds.indicators[0]
    assert repr(back.indicators[0]) == repr(ds.indicators[0])  # same types, not only equal values


def test_layout_fingerprint_is_the_one_the_look_up_path_uses() -> None:
    assert layout.fingerprint() == store.LAYOUT, (
        "the stored layout changed: set store.LAYOUT to layout.fingerprint()"
    )


def test_an_added_field_changes_the_layout() -> None:
    from dataclasses import make_dataclass

    base = layout.codec(Section).spec
    wider = make_dataclass("Section", [("id", str), ("title", str), ("title_en", str), ("extra", str)])
    assert layout.codec(wider).spec != base
    assert "extra:str" in layout.codec(wider).spec


def test_loader_size_limit_is_the_store_limit() -> None:
    assert loading.MAX_BYTES == store.MAX_SOURCE


# ── where it lives ────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"XDG_CACHE_HOME": "/x/cache", "HOME": "/h"}, "/x/cache/zzreport"),
        ({"XDG_CACHE_HOME": "relative/cache", "HOME": "/h"}, "/h/.cache/zzreport"),
        ({"XDG_CACHE_HOME": "", "HOME": "/h"}, "/h/.cache/zzreport"),
        ({"HOME": "/h"}, "/h/.cache/zzreport"),
        ({"ZZREPORT_CACHE_DIR": "/s", "XDG_CACHE_HOME": "/x"}, "/s"),
        ({"ZZREPORT_CACHE_DIR": "rel", "XDG_CACHE_HOME": "/x"}, None),
        ({"ZZREPORT_NO_CACHE": "1", "HOME": "/h"}, None),
        ({"ZZREPORT_NO_CACHE": "yes", "HOME": "/h"}, None),
        ({"ZZREPORT_NO_CACHE": "0", "HOME": "/h"}, "/h/.cache/zzreport"),  # a switch set off
        ({"ZZREPORT_NO_CACHE": "False", "HOME": "/h"}, "/h/.cache/zzreport"),
        ({"ZZREPORT_NO_CACHE": " off ", "HOME": "/h"}, "/h/.cache/zzreport"),
        ({"ZZREPORT_NO_CACHE": "", "HOME": "/h"}, "/h/.cache/zzreport"),
    ],
)
def test_directory_follows_xdg(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str | None
) -> None:
    for name in ("XDG_CACHE_HOME", "HOME", store.DIR, store.OFF):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert store.directory() == expected


def test_relative_xdg_cache_home_writes_nothing_here(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**clean_env, "XDG_CACHE_HOME": "rel-cache", "HOME": str(tmp_path / "home")}
    env.pop(store.DIR, None)
    data = tmp_path / "r.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    r = run_cli(zzreport_exe, env, "--data", str(data), "show", "gdp", "-f", "csv", cwd=tmp_path)
    assert r.returncode == 0 and "1.10" in r.stdout
    assert not (tmp_path / "rel-cache").exists()
    assert (tmp_path / "home" / ".cache" / "zzreport").is_dir()


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_directories_are_private_whatever_the_umask(sample: Path, tmp_path: Path, umask: int) -> None:
    os.environ[store.DIR] = str(tmp_path / "a" / "b" / "store")
    old = os.umask(umask)
    try:
        load(sample)
    finally:
        os.umask(old)
    for d in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "store"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
    (entry,) = _entries(tmp_path / "a" / "b" / "store")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_world_writable_store_of_ours_is_made_private(sample: Path, where: Path) -> None:
    where.mkdir()
    where.chmod(0o777)
    load(sample)
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    assert len(_entries(where)) == 1


def test_no_home_at_all_runs_without_a_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    import pwd

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    for name in ("HOME", "XDG_CACHE_HOME", store.DIR, store.OFF):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    assert store.directory() is None
    for fast in (True, False):
        r = cli("show", "gdp", "-f", "csv", fast=fast)
        assert (r.code, r.err, r.out.splitlines()[1].split(",")[9]) == (0, "", "2806.2")
    assert list(tmp_path.iterdir()) == []


# ── planted, foreign and damaged entries ──────────────────────────────────────


def _planted(sample: Path, where: Path, other_value: str = "9.99") -> Path:
    """The entry of ``sample`` replaced by a valid entry of a file with another value."""
    load(sample)
    (entry,) = _entries(where)
    fake = parse(MINIMAL.replace("value: 1.10", f"value: {other_value}"), "fake")
    found = store.source(str(sample))
    assert found is not None
    blob_dir = where.parent / "other-store"
    os.environ[store.DIR] = str(blob_dir)
    store.save(found.key, layout.pieces(fake))
    os.environ[store.DIR] = str(where)
    (made,) = _entries(blob_dir)
    shutil.copyfile(made, entry)
    return entry


def test_control_a_plant_of_our_own_is_read(sample: Path, where: Path) -> None:
    # The control for the tests below: a private entry of this user's is trusted, so a plant does
    # take effect, and only ownership, mode and file type keep the planted ones out.
    _planted(sample, where)
    assert _value(sample) == "9.99"


@pytest.mark.skipif(not ROOT, reason="making a file another user's needs root")
def test_entry_owned_by_another_user_is_ignored_and_replaced(sample: Path, where: Path) -> None:
    entry = _planted(sample, where)
    os.chown(entry, NOBODY, NOBODY)
    assert _value(sample) == "1.10"
    assert entry.stat().st_uid == os.geteuid()  # replaced by a true one


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_entry_others_can_write_is_ignored(sample: Path, where: Path, mode: int) -> None:
    entry = _planted(sample, where)
    entry.chmod(mode)
    assert _value(sample) == "1.10"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.skipif(not ROOT, reason="making a directory another user's needs root")
def test_store_directory_of_another_user_is_not_used(sample: Path, where: Path) -> None:
    load(sample)
    entry = _planted(sample, where)
    os.chown(where, NOBODY, NOBODY)
    assert _value(sample) == "1.10"
    assert entry.stat().st_uid == os.geteuid()  # left alone: not ours to replace


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink", "directory"])
def test_special_entries_are_skipped_without_blocking(
    sample: Path, where: Path, kind: str, zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    load(sample)
    (entry,) = _entries(where)
    entry.unlink()
    match kind:
        case "fifo":
            os.mkfifo(entry)
        case "dev-zero":
            entry.symlink_to("/dev/zero")
        case "symlink":
            real = where.parent / "elsewhere.zzs"
            _planted(sample, where).rename(real)
            entry.symlink_to(real)
        case _:
            entry.mkdir()
    env = {**clean_env, store.DIR: str(where)}
    r = run_cli(zzreport_exe, env, "--data", str(sample), "show", "gdp", "-f", "csv")  # a hang times out
    assert (r.returncode, r.stderr) == (0, "")
    assert "1.10" in r.stdout.splitlines()[1]


DAMAGE = [
    lambda b: b[: len(b) // 2],
    lambda b: b[:-1] + bytes([b[-1] ^ 1]),
    lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],
    lambda b: b"",
    lambda b: b"garbage",
    lambda b: b + b"tail",
]


@pytest.mark.parametrize(
    "damage", DAMAGE, ids=["truncated", "last-bit", "header-byte", "empty", "garbage", "tail"]
)
def test_damaged_entry_is_ignored_and_replaced(sample: Path, where: Path, damage: object) -> None:
    load(sample)
    (entry,) = _entries(where)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert _value(sample) == "1.10"
    found = store.source(str(sample))
    assert found is not None
    assert store.open_entry(found.key) is not None  # rewritten whole


def _framed(key: str, pieces: dict[str, bytes]) -> None:
    """Write an entry with correct framing and CRCs around arbitrary pieces."""
    store.save(key, pieces)


@settings(
    max_examples=examples(40, 300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    position=st.integers(min_value=0),
    flip=st.integers(min_value=1, max_value=255),
    junk=st.binary(max_size=64),
)
def test_fuzzed_entries_never_answer_wrongly(
    sample: Path, where: Path, position: int, flip: int, junk: bytes
) -> None:
    load(sample)
    (entry,) = _entries(where)
    blob = bytearray(entry.read_bytes())
    blob[position % len(blob)] ^= flip
    entry.write_bytes(bytes(blob) + junk)
    assert _value(sample) == "1.10"


PIECE_NAMES = ["meta", "index", "labels", "sounds", "offsets", "crcs", "records"]


@settings(
    max_examples=examples(40, 300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    replace=st.sampled_from(PIECE_NAMES),
    payload=st.one_of(
        st.binary(max_size=80),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=4).map(tuple)
                | st.dictionaries(st.text(max_size=6), inner, max_size=4)
            ),
            max_leaves=12,
        ).map(lambda v: __import__("marshal").dumps(v)),
    ),
)
def test_well_framed_nonsense_never_answers_wrongly_or_traces_back(
    sample: Path, where: Path, replace: str, payload: bytes, zzreport_exe: str
) -> None:
    ds = parse(sample.read_text(encoding="utf-8"), str(sample))
    found = store.source(str(sample))
    assert found is not None
    pieces = layout.pieces(ds)
    pieces[replace] = payload
    _framed(found.key, pieces)
    from zzreport import fast

    call = fast.parse(["--data", str(sample), "show", "gdp", "-f", "csv"], {})
    answer = fast.answer(call, "csv")
    assert answer is None or answer.splitlines()[1].split(",")[9] == "1.10"
    for argv, truth in _told(ds):  # a miss is refused as the report itself says, or declined
        refused = None
        try:
            fast.answer(fast.parse(["--data", str(sample), *argv, "-f", "csv"], {}), "csv")
        except LookupFailure as e:
            refused = str(e)
        assert refused is None or refused == truth, (argv, replace)
    try:
        value = _value(sample)
    except DataError as e:
        value = str(e)
    assert value == "1.10" or "stored copy is damaged" in value


_MARSHALLED = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.binary(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=5).map(tuple) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=16,
)
_SOUNDS_SHAPED = st.tuples(
    st.text(max_size=4),
    st.lists(st.integers(-3, 400), max_size=6).map(tuple),
    st.lists(st.text(max_size=5), max_size=3).map(tuple),
    st.text(",abz ", max_size=8),
)
"""Near the shape ``match.sounds`` makes, with any characters, places, words and readings."""


def _of_their_shape(value: object) -> bool:
    """What ``match.sounds`` makes, told apart here without ``match``: characters, places of letter
    runs (a start and an end each), words, and one reading text a character (none without any)."""
    if type(value) is not tuple or len(value) != 4:
        return False
    chars, runs, words, read = value
    return (
        type(chars) is str
        and type(runs) is tuple
        and all(type(n) is int for n in runs)
        and len(runs) % 2 == 0
        and type(words) is tuple
        and all(type(w) is str for w in words)
        and type(read) is str
        and (len(read.split(",")) == len(chars) if chars else read == "")
    )


_SEARCHES = ["diqu", "dqsczz", "shengchan", "sc", "polution", "gdpzs", "qqqzzz", "生产"]


def _searched(sample: Path) -> list[str | None]:
    from zzreport import fast

    out: list[str | None] = []
    for word in _SEARCHES:
        try:
            out.append(
                fast.answer(fast.parse(["--data", str(sample), "search", word, "-f", "csv"], {}), "csv")
            )
        except LookupFailure as e:
            out.append(str(e))
    return out


@settings(
    max_examples=examples(30, 200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sounds=st.one_of(_MARSHALLED, _SOUNDS_SHAPED).filter(lambda v: not _of_their_shape(v)))
def test_stored_sounds_not_of_their_shape_never_change_a_search(
    sample: Path, where: Path, sounds: object
) -> None:
    """The sounds a search in pinyin or a typo reads are a piece of their own. Written with the
    entry's witness (so its CRCs hold) but not of the shape ``match.sounds`` makes (a reading
    without a character, runs not in pairs, any other value), they are not used: a search answers
    as with the true ones, or goes the other way, and never traces back. (A piece that fails its
    CRC, or is not the one written with the meta, is refused with the entry: PIECE_NAMES above.)"""
    import marshal

    ds = parse(sample.read_text(encoding="utf-8"), str(sample))
    found = store.source(str(sample))
    assert found is not None
    pieces = layout.pieces(ds)
    _framed(found.key, pieces)
    truth = _searched(sample)
    meta = marshal.loads(pieces.pop("meta"))  # noqa: S302 - what the test itself wrote
    del meta[store.WITNESS]
    pieces["sounds"] = marshal.dumps(sounds)  # type: ignore[arg-type]  # values marshal can write
    _framed(found.key, store.with_witness(meta, pieces))
    for got, want in zip(_searched(sample), truth, strict=True):
        assert got is None or got == want
    loaded = load(sample)  # the other way: the entry's data set, its labels with these sounds
    for word in _SEARCHES:
        assert _hit_ids(loaded, word) == _hit_ids(ds, word), word


def _hit_ids(ds: Dataset, word: str) -> list[str] | str:
    from zzreport import query

    try:
        return [hit.indicator.id for hit in query.search(ds, word)]
    except LookupFailure as e:
        return str(e)


def _told(ds: Dataset) -> list[tuple[list[str], str | None]]:
    """Calls of misses and hits, with what the report itself (parsed, not stored) says of each."""
    from zzreport import commands, query

    told: list[tuple[list[str], str | None]] = [(["show", "gdp"], None), (["search", "生产"], None)]
    for argv in (["show", "nosuchthing"], ["search", "qqqzzz"], ["show", "GPD"]):
        try:
            if argv[0] == "show":
                query.find_everywhere([ds], argv[1])
            else:
                commands.search([ds], argv[1])
        except LookupFailure as e:
            told.append((argv, str(e)))
    return told


# ── readable right now ────────────────────────────────────────────────────────


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(ROOT and not SETPRIV, reason="root reads any file; setpriv (util-linux) drops that power")
def test_unreadable_file_is_refused_by_both_paths(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "r.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    env = {**clean_env, store.DIR: str(tmp_path / "store")}
    args = ("--data", str(data), "show", "gdp", "-f", "csv")
    assert run_cli(zzreport_exe, env, *args).returncode == 0  # stored
    data.chmod(0)
    # As root, run without the power to read what the mode forbids, as any other user runs.
    exe = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search", zzreport_exe] if ROOT else [zzreport_exe]
    for fast in ("", "1"):
        r = subprocess.run(
            [*exe, *args],
            env={**env, "ZZREPORT_NO_FASTPATH": fast},
            capture_output=True, text=True, encoding="utf-8", timeout=30, check=False,
        )  # fmt: skip
        assert (r.returncode, r.stdout) == (3, ""), fast
        assert r.stderr == f"zzreport: {data}: permission denied\n"


# ── bounded and tidy ──────────────────────────────────────────────────────────


def test_old_entries_and_leftovers_are_pruned(sample: Path, where: Path, tmp_path: Path) -> None:
    load(sample)
    (kept,) = _entries(where)
    old = where / ("b" + "0" * 64 + f"-{store.LAYOUT}-0.zzs")
    old.write_bytes(b"x")
    old.chmod(0o600)
    month_ago = time.time() - store.MAX_AGE - 60
    os.utime(old, (month_ago, month_ago))
    dead = where / ".tmp-999999999-abcd"  # no such process
    dead.write_bytes(b"half")
    stale = where / f".tmp-{os.getpid()}-dcba"  # alive, but over an hour old
    stale.write_bytes(b"half")
    hour_ago = time.time() - store.STALE_TMP - 60
    os.utime(stale, (hour_ago, hour_ago))
    busy = where / f".tmp-{os.getpid()}-beef"  # alive and fresh: another run's write in progress
    busy.write_bytes(b"half")
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.replace("value: 1.10", "value: 3.30"), encoding="utf-8")
    load(other)  # a write prunes
    names = {p.name for p in where.iterdir()}
    assert kept.name in names
    assert busy.name in names
    assert not {old.name, dead.name, stale.name} & names
    assert len(_entries(where)) == 2


def test_store_is_bounded_in_size(
    sample: Path, where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Path] = []
    for n in range(4):
        path = tmp_path / f"f{n}.yaml"
        path.write_text(MINIMAL.replace("value: 1.10", f"value: {n}.10"), encoding="utf-8")
        load(path)
        (new,) = set(_entries(where)) - set(made)
        used = time.time() - 1000 + n  # used in this order, oldest first
        os.utime(new, (used, used))
        made.append(new)
    size = max(p.stat().st_size for p in made)
    monkeypatch.setattr(store, "MAX_TOTAL", size * 5 // 2)
    last = tmp_path / "last.yaml"
    last.write_text(MINIMAL.replace("value: 1.10", "value: 7.70"), encoding="utf-8")
    load(last)
    left = set(_entries(where))
    assert left >= set(made[2:])  # the two most recently used stay
    assert not left & set(made[:2])  # the two least recently used go
    assert len(left) == 3


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    where = tmp_path / "store"
    probe = (
        "import os, signal, sys\n"
        "from zzreport import store\n"
        "real = os.write\n"
        "def slow(fd, data):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return real(fd, data)\n"
        "os.write = slow\n"
        "store.save('k', {'meta': b'x' * 100})\n"
        "print('not reached')\n"
    )
    env = {**os.environ, store.DIR: str(where)}
    r = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert r.returncode == 128 + signal.SIGTERM
    assert "not reached" not in r.stdout
    assert list(where.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "on"), [("1", True), ("true", True), ("0", False), ("no", False), ("", False)]
)
def test_always_read_is_a_switch(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setenv(store.ALWAYS_READ, value)
    assert store.switched(store.ALWAYS_READ) is on
