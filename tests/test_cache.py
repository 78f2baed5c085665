"""The parsed-data cache: same answers as parsing, and never trusted when stale or damaged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINIMAL
from zzreport import cache, loading
from zzreport.loading import load, parse


def _no_parse(text: str, name: str) -> None:
    raise AssertionError("parsed although a cache entry exists")


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "sample.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def _entry(path: Path) -> Path:
    found = cache.entry(path, path.stat())
    assert found is not None
    return found[0]


def test_cached_bundled_data_equals_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    path = loading.bundled_path()
    parsed = parse(path.read_text(encoding="utf-8"), str(path))
    first = load(path)
    monkeypatch.setattr(loading, "parse", _no_parse)
    second = load(path)
    assert first == parsed
    assert second == parsed
    assert str(second.indicators[0].value) == "2806.2"


def test_second_load_skips_parsing(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(sample)
    monkeypatch.setattr(loading, "parse", _no_parse)
    assert str(load(sample).indicators[0].value) == "1.10"


def test_changed_file_is_parsed_again(sample: Path) -> None:
    load(sample)
    sample.write_text(MINIMAL.replace("value: 1.10", "value: 2.20"), encoding="utf-8")
    os.utime(sample, ns=(1, 1))  # a different mtime even on coarse clocks
    assert str(load(sample).indicators[0].value) == "2.20"


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),
        lambda b: b"",
        lambda b: b"garbage",
    ],
    ids=["truncated", "bit-flip", "empty", "garbage"],
)
def test_damaged_entry_is_ignored_and_replaced(sample: Path, damage: object) -> None:
    load(sample)
    place = _entry(sample)
    assert callable(damage)
    place.write_bytes(damage(place.read_bytes()))
    assert str(load(sample).indicators[0].value) == "1.10"
    found = cache.entry(sample, sample.stat())
    assert found is not None and cache.read(found) is not None  # rewritten whole


def test_unwritable_cache_is_skipped(sample: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(blocker / "cache"))
    assert str(load(sample).indicators[0].value) == "1.10"


def test_cache_can_be_turned_off(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_NO_CACHE", "1")
    assert cache.entry(sample, sample.stat()) is None
    load(sample)
    assert not (sample.parent / "cache").exists()


def test_an_entry_answers_only_for_its_own_file(sample: Path, tmp_path: Path) -> None:
    load(sample)
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.replace("value: 1.10", "value: 9.99"), encoding="utf-8")
    found = cache.entry(other, other.stat())
    assert found is not None
    # NOTE: as if both files' keys mapped to the same entry name
    _entry(sample).replace(found[0])
    assert cache.read(found) is None
    assert str(load(other).indicators[0].value) == "9.99"


def test_bad_files_are_never_cached(sample: Path) -> None:
    sample.write_text(MINIMAL.replace("value: 1.10", "value: x"), encoding="utf-8")
    with pytest.raises(loading.DataError):
        load(sample)
    assert not _entry(sample).exists()


@pytest.mark.parametrize(
    "text", ["煤", "gdp", "meitan", "mt", "Emissions and pollution", "misprint", "PM2.5", "pp"]
)
def test_cached_data_answers_like_parsed_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    from zzreport import query

    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    path = loading.bundled_path()
    parsed = load(path)  # parsed, and written to the cache
    cached = load(path)
    assert isinstance(cached.labels, query.JoinedLabels)
    assert not isinstance(parsed.labels, query.JoinedLabels)
    assert list(cached.labels) == list(parsed.labels)

    def answer(ds: object) -> object:
        try:
            return [(h.indicator.id, h.score, h.field, h.span) for h in query.search(ds, text)]  # type: ignore[arg-type]
        except query.NoMatchError as e:
            return str(e)

    assert answer(cached) == answer(parsed)
    assert query.resolve(cached, "GDP") == query.resolve(parsed, "GDP")


def test_lazy_indicators_behave_as_a_sequence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    path = loading.bundled_path()
    parsed = load(path)
    cached = load(path)
    assert isinstance(cached.indicators, cache.LazyIndicators)
    assert len(cached.indicators) == len(parsed.indicators)
    assert cached.indicators[0] == parsed.indicators[0]
    assert cached.indicators[-1] == parsed.indicators[-1]
    assert cached.indicators[1:3] == tuple(parsed.indicators[1:3])
    assert cached.indicators == parsed.indicators
