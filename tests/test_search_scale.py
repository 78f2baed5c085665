"""Candidates found by scans in C: they never leave out a record the full scoring would find."""

from __future__ import annotations

import pytest

from test_query import _many
from zzreport import match, pinyin, query, searching
from zzreport.match import JoinedLabels

ENTRIES: list[tuple[str, ...]] = [
    ("meitan", "煤炭产量", "coal output", "", "", "1", "s"),
    ("gdp", "gdp增速", "gdp growth", "", "", "1", "s"),
    ("x1", "长治市人口", "population", "人口", "", "1", "s"),
    ("x2", "原煤", "raw coal", "", "", "", "s"),
    ("x3", "就业", "jobs", "就业", "", "1", "s"),
]


def _joined(entries: list[tuple[str, ...]]) -> JoinedLabels:
    blob = "\x1e".join("\x1f".join(e) for e in entries)
    return JoinedLabels(blob, match.sounds(blob))


@pytest.mark.parametrize(
    "key",
    ["meitan", "mt", "mei", "m", "gdpzs", "pzs", "zengsu", "zs", "czs", "renkou", "jiuye", "jy", "yuan"],
)
def test_pinyin_candidates_hold_every_record_pinyin_spells(key: str) -> None:
    labels = _joined(ENTRIES)
    candidates = match.spoken(labels, key)
    assert candidates is not None
    for n, entry in enumerate(ENTRIES):
        spelled = pinyin.find(key, entry[1]) is not None or any(
            pinyin.find(key, t) for t in entry[-4].split("|") if t
        )
        if spelled:
            assert n in candidates, (key, entry)


def test_pinyin_is_tried_on_candidates_only_with_the_same_result() -> None:
    labels = _joined(ENTRIES)
    for key in ("meitan", "mt", "gdpzs", "jiuye", "renkou"):
        everywhere = match.ranked(len(ENTRIES), ENTRIES.__getitem__, key, {}, match.containing(ENTRIES, key))
        sieved = match.ranked(
            len(labels),
            labels.__getitem__,
            key,
            {},
            match.containing(labels, key),
            spoken=match.spoken(labels, key),
        )
        assert sieved == everywhere


def test_labels_without_sounds_try_every_record() -> None:
    assert match.spoken(ENTRIES, "mt") is None
    assert match.spoken(JoinedLabels("a\x1fb"), "mt") is None


def test_an_entry_found_by_a_scan_is_the_entry_split_out() -> None:
    labels = _joined(ENTRIES)
    assert match.containing(labels, "煤") == [0, 3]
    assert labels[0] == ENTRIES[0] and labels[3] == ENTRIES[3]
    assert len(labels) == len(ENTRIES) and list(labels) == ENTRIES
    assert len(JoinedLabels("")) == 0


def test_a_scan_stops_after_most() -> None:
    assert match.containing(ENTRIES, "1", most=2) == [0, 1]


def test_stored_sounds_are_checked() -> None:
    assert match.stored_sounds({"sounds": ("煤", (1,), ("coal",))}) == ("煤", (1,), ("coal",))
    assert match.stored_sounds({"sounds": ("煤", (1,))}) is None
    assert match.stored_sounds({"sounds": ("煤", ("1",), ())}) is None
    assert match.stored_sounds(None) is None


def test_a_miss_in_a_large_collection_compares_a_bounded_number_of_records() -> None:
    ds = _many(5000)
    sieved = searching.sieved(ds.labels, "recordnumbr4711")
    assert len(sieved) <= searching.SIEVE and 4711 in sieved
    assert query._closest(ds, "Record numbr 4711")[0] == 4711
