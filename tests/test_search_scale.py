"""Candidates found by scans in C: they never leave out a record the full scoring would find."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _joined(entries: Sequence[tuple[str, ...]]) -> JoinedLabels:
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
    assert match.stored_sounds(("煤", (0, 3), ("coal",), "mei")) == (
        "煤",
        (0, 3),
        ("coal",),
        "mei",
    )
    assert match.stored_sounds(("煤", (1,))) is None
    assert match.stored_sounds(("煤", (1,), ())) is None  # a run's start without its end
    assert match.stored_sounds(("煤", ("1",), ())) is None
    assert match.stored_sounds(None) is None


def test_a_miss_in_a_large_collection_compares_a_bounded_number_of_records() -> None:
    ds = _many(5000)
    sieved = searching.sieved(ds.labels, "recordnumbr4711")
    assert len(sieved) <= searching.SIEVE and 4711 in sieved
    assert query._closest(ds, "Record numbr 4711")[0] == 4711


# Characters with several readings (号 hao/xiao, 长 chang/zhang, 省 sheng/xing, 行 hang/xing),
# readings that begin others (xi, xian; an, ang), and letters: names where spellings overlap,
# start inside words and run on from ASCII into hanzi.
_HANZI = "号好小校长行省生深产量煤炭西安先增速"
_NAME = st.text(alphabet=_HANZI + "gdpzx", min_size=1, max_size=7)


def _spelling(draw: Callable[..., Any], text: str) -> str:
    """A way to type ``text`` in pinyin: each character by one of its readings, whole or cut short."""
    parts = []
    for char in text:
        reading = draw(st.sampled_from(pinyin.readings(char)))
        parts.append(reading[: draw(st.integers(1, len(reading)))])
    return "".join(parts)


def _spelt(key: str, text: str, whole: bool) -> bool:
    """Whether ``key`` spells a stretch of ``text`` (every character by a beginning of a reading,
    or by a whole one), tried every way: slow and plain, to hold the scan to."""

    def rest(i: int, pos: int) -> bool:
        if pos == len(key):
            return True
        if i == len(text):
            return False
        return any(
            rest(i + 1, pos + size)
            for reading in pinyin.readings(text[i])
            for size in ((len(reading),) if whole else range(1, len(reading) + 1))
            if key[pos : pos + size] == reading[:size]
        )

    return any(rest(i, 0) for i in range(len(text)))


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.tuples(_NAME, _NAME, _NAME), min_size=1, max_size=6), data=st.data())
def test_pinyin_candidates_hold_every_record_spelt_whatever_the_names(
    names: list[tuple[str, str, str]], data: st.DataObject
) -> None:
    """Every record whose name or a topic ``find`` spells is a candidate (or holds the key as
    written, as ``ranked`` adds them: ASCII spelt by its own letters), and every record whose name
    it spells by whole readings a candidate of a search by whole readings; each candidate is spelt
    somewhere in the record's own text."""
    entries = [
        (f"r{n}", name, "x y", alias, f"{topic}|煤炭", "", "1", "s")
        for n, (name, alias, topic) in enumerate(names)
    ]
    if data.draw(st.booleans()):  # a stretch of some name or topic, typed in pinyin
        text = data.draw(st.sampled_from([t for _, *labels in names for t in labels]))
        start = data.draw(st.integers(0, len(text) - 1))
        key = _spelling(data.draw, text[start : data.draw(st.integers(start + 1, len(text)))])
    else:
        key = data.draw(st.text(alphabet="aghinoxszcdp", min_size=1, max_size=9))
    labels = _joined(entries)
    spoken = match.spoken(labels, key)
    whole = match.spoken(labels, key, whole=True)
    assert spoken is not None and whole is not None
    candidates = {*spoken, *match.containing(labels, key)}
    for n, entry in enumerate(entries):
        found = pinyin.find(key, entry[1])
        if found is not None or any(pinyin.find(key, t) for t in entry[-4].split("|") if t):
            assert n in candidates, (key, entry)
        if found is not None and found.full:
            assert n in whole or (n in candidates and key in entry[1]), (key, entry)
        spelt = any(_spelt(key, label, False) and not label.isascii() for label in entry)
        written = key in "\x1f".join(entry)  # ASCII spelt by its own letters: found as written
        assert (n in spoken) == spelt or written, (key, entry)
        assert (n in whole) <= any(_spelt(key, label, True) for label in entry), (key, entry)


def test_stored_readings_are_one_for_each_character() -> None:
    assert match.stored_sounds(("煤炭", (), (), "mei,tan")) is not None
    assert match.stored_sounds(("煤炭", (), (), "mei")) is None
    assert match.stored_sounds(("煤", (), (), ["mei"])) is None
    assert match.stored_sounds(("", (), (), "")) is not None


def test_letters_before_hanzi_make_a_record_a_candidate_only_when_the_key_goes_on_from_them() -> None:
    """A note such as "rank全省第一" put one record in ten of the 100k file among the candidates of
    every pinyin key: each was then matched in full."""
    entries = [(f"r{n}", "粮食产量", "grain", "", "", f"rank全省第{n}", "1", "s") for n in range(50)]
    entries.append(("gdp", "gdp增速", "gdp growth", "", "", "", "1", "s"))
    labels = _joined(entries)
    assert match.spoken(labels, "haohaohaohao") == []
    assert match.spoken(labels, "rankqs") == list(range(50))
    assert match.spoken(labels, "gdpzs") == [50] and match.spoken(labels, "pzs") == [50]
    assert match.spoken(labels, "liangshi") == list(range(50))


def test_a_homophone_spelt_nowhere_is_not_searched_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """省省省省 has 64 spellings by whole readings (省 is sheng, xing or xian): each was a search of
    the whole report, 49 s in a folder of 1,000 reports."""
    from zzreport import meaning
    from zzreport.vocabulary import Part

    entries = [(f"r{n}", "粮食产量", "grain", "", "", "", "1", "s") for n in range(20)]
    entries.append(("x", "省钱", "savings", "", "", "", "1", "s"))
    labels = _joined(entries)
    searched: list[str] = []
    part_hits = meaning.part_hits

    def counted(part: Part, *rest: Any) -> meaning.Hits:
        searched.append(part.key)
        return part_hits(part, *rest)

    monkeypatch.setattr(meaning, "part_hits", counted)
    assert meaning._homophone(Part("省省省省"), labels, {}) is None
    assert searched == []
    found = meaning._homophone(Part("醒前"), labels, {})  # 省钱 read xing qian
    assert found is not None and found.key == "xingqian"
    assert searched == ["xingqian"]  # not chengjian ... xingjian, spelt nowhere
