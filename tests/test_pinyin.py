"""Pinyin matching, and the shipped reading table kept in step with pypinyin."""

from __future__ import annotations

import importlib.util
import sys
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from zzreport import pinyin


@pytest.mark.parametrize(
    ("query", "name", "span", "full"),
    [
        ("meitan", "煤炭先进产能占比", (0, 2), True),
        ("mt", "煤炭先进产能占比", (0, 2), False),
        ("meit", "煤炭", (0, 2), False),
        ("changzhi", "关注长治的国内外人数", (2, 4), True),  # 长 read chang here, not zhang
        ("dqsczz", "地区生产总值", (0, 6), False),
        ("pm", "PM2.5浓度", (0, 2), True),
    ],
)
def test_find(query: str, name: str, span: tuple[int, int], full: bool) -> None:
    assert pinyin.find(query, name) == pinyin.Match(span, full)


@pytest.mark.parametrize(("query", "name"), [("gdp", "地区生产总值"), ("xyz", "煤炭"), ("meitanx", "煤炭")])
def test_no_match(query: str, name: str) -> None:
    assert pinyin.find(query, name) is None


def test_long_queries_stay_fast() -> None:
    assert pinyin.find("a" * 200, "啊" * 100) is None  # memoised: this would never end otherwise


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="pypinyin is not installed")
def test_shipped_table_matches_pypinyin() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_pinyin  # type: ignore[import-not-found]  # a script, found through sys.path
    finally:
        sys.path.pop(0)
    shipped = (files("zzreport") / "pinyin.txt").read_text(encoding="utf-8")
    assert shipped == gen_pinyin.table(), "run: python scripts/gen_pinyin.py"


def test_shipped_simplified_table_matches_opencc() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_simplified  # type: ignore[import-not-found]  # a script, found through sys.path
    finally:
        sys.path.pop(0)
    assert (ROOT / "src" / "zzreport" / "simplified.py").read_text(encoding="utf-8") == gen_simplified.text()


def _syllables() -> set[str]:
    text = (ROOT / "src" / "zzreport" / "pinyin.txt").read_text(encoding="utf-8")
    return {line.split(" ", 1)[0] for line in text.splitlines() if line.strip() and not line.startswith("#")}


def _possible_by_sets(word: str) -> bool:
    """What ``pinyin.possible`` means, in sets: initials alone, or whole syllables with the last
    perhaps cut short."""
    syllables = _syllables()
    beginnings = {s[:n] for s in syllables for n in range(1, len(s) + 1)}
    if not word.isalpha() or not word.isascii():
        return False
    if not set("aeiouv") & set(word):
        return True
    ends = {0}
    for at in range(len(word)):
        if at in ends:
            if word[at:] in beginnings:
                return True
            ends.update(at + n for n in range(1, 7) if word[at : at + n] in syllables)
    return False


SYLLABLE = st.sampled_from(sorted(_syllables()))
WORDS = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14),
    st.lists(SYLLABLE, min_size=1, max_size=5).map("".join),
    st.tuples(
        st.lists(SYLLABLE, min_size=1, max_size=4).map("".join), st.text(alphabet="aeiouxyzq", max_size=3)
    ).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(word=WORDS)
def test_possible_agrees_with_the_table_read_as_sets(word: str) -> None:
    assert pinyin.possible(word) == _possible_by_sets(word), word


@pytest.mark.parametrize(
    ("word", "expected"),
    [("meitan", True), ("chanliang", True), ("mt", True), ("meit", True), ("coal", False), ("growth", False)],
)
def test_possible_known_words(word: str, expected: bool) -> None:
    assert pinyin.possible(word) is expected


HANZI = st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        HANZI, st.sampled_from(["地區生產總值", "地区生产总值", "煤炭", "經濟增長多少", "GDP增速"])
    )
)
def test_traditional_hanzi_are_found_in_short_and_long_text_alike(text: str) -> None:
    from zzreport import match
    from zzreport.simplified import TRADITIONAL

    expected = not set(TRADITIONAL).isdisjoint(text)
    made, scanned = set(match._TRADITIONAL), match._SCANNED[0]
    match._TRADITIONAL.clear()  # as in a fresh process: a short text is scanned for
    match._SCANNED[0] = 0
    try:
        assert match._has_traditional(text) is expected
    finally:
        match._TRADITIONAL.update(made)
        match._SCANNED[0] = scanned
    match._TRADITIONAL.update(TRADITIONAL)  # once a long text has made the set
    assert match._has_traditional(text) is expected
    assert min(TRADITIONAL) >= "\u3400"  # the short text's scan skips what lies below


def test_many_short_texts_make_the_set_of_traditional_hanzi_once() -> None:
    """A query is scanned for (no set to make for one text); a report's many labels are not each
    scanned: past a few, the set is made and every later text is one look-up in C."""
    from zzreport import match

    made, scanned = set(match._TRADITIONAL), match._SCANNED[0]
    match._TRADITIONAL.clear()
    match._SCANNED[0] = 0
    try:
        for n in range(match._SCANS + 5):
            assert match._has_traditional(f"地区生产总值{n}") is False
        assert match._TRADITIONAL  # made once the scans ran out
        assert match._has_traditional("地區") is True
    finally:
        match._TRADITIONAL.clear()
        match._TRADITIONAL.update(made)
        match._SCANNED[0] = scanned


def _table() -> dict[str, list[str]]:
    """Each character's readings, in the table's order, read from the shipped file."""
    out: dict[str, list[str]] = {}
    text = (ROOT / "src" / "zzreport" / "pinyin.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            reading, chars = line.split(" ", 1)
            for char in chars:
                out.setdefault(char, []).append(reading)
    return out


def test_readings_kept_with_labels_are_the_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the store keeps of a report's characters (``readings_text``) and a search learns from it
    are the table's readings, for every character of the bundled report, a character the table
    lacks and punctuation (none), without reading the table."""
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    chars = "".join(sorted({c for c in bundled if not c.isascii()} | {"，", "ü", "𠀀"}))
    kept = pinyin.readings_text(chars)
    table = _table()
    monkeypatch.setattr(pinyin, "_READINGS", {})
    monkeypatch.setattr(pinyin, "_LEARNT", [])
    pinyin.learn(chars, kept)

    def unread() -> str:
        raise AssertionError("the table was read")

    monkeypatch.setattr(pinyin, "_text", unread)
    for char in chars:
        assert list(pinyin.readings(char)) == table.get(char, []), char
    assert pinyin.readings("，") == () and pinyin.readings("煤") == ("mei",)


def test_syllables_written_in_the_module_are_the_tables() -> None:
    """``possible`` reads the syllables from the module, not the table: they must be the same set."""
    written = pinyin._SYLLABLES.split()
    assert f" {' '.join(written)} " == pinyin._SYLLABLES  # one space between each, one at each end
    assert len(written) == len(set(written)) and set(written) == _syllables()


def test_possible_reads_no_table(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread() -> str:
        raise AssertionError("the table was read")

    monkeypatch.setattr(pinyin, "_text", unread)
    monkeypatch.setattr(pinyin, "_POSSIBLE", {})
    words = {"chanliang": True, "polution": True, "coal": False, "xnyzj": True}
    assert {w: pinyin.possible(w) for w in words} == words


_TABLE = _table()
_NO_READING = ["，", "𠀀", "ü"]


@settings(max_examples=300, deadline=None)
@given(
    chars=st.lists(st.sampled_from(sorted(_TABLE) + _NO_READING), unique=True, max_size=60).map(
        lambda cs: "".join(sorted(cs))
    ),
    letter=st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_characters_a_letter_may_start_are_found_in_the_kept_readings(chars: str, letter: str) -> None:
    """``starting`` reads the characters whose readings begin with a letter from the readings the
    store keeps; held to the table read separately, for any set of characters (with and without
    readings, a reading first or after another) and any letter."""
    expected = {c for c in chars if any(r.startswith(letter) for r in _TABLE.get(c, []))}
    assert pinyin.starting(chars, pinyin.readings_text(chars), letter) == expected
