"""Matching ASCII queries against Chinese names by pinyin: full syllables (meitan) or initials (mt).

The readings come from ``pinyin.txt``, generated from pypinyin; it is read the first time an ASCII
query needs it, so other commands never pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_LONGEST = 6
"""Letters in the longest reading (zhuang, shuang)."""
LONGEST_QUERY = 120
"""Longer ASCII queries are not tried as pinyin: the matcher recurses once per syllable, and no name
people type is spelled in more letters than this."""


@dataclass(frozen=True, slots=True)
class Match:
    """Where a pinyin query matched a name."""

    span: tuple[int, int]
    """Start and end (exclusive) of the matched characters."""
    full: bool
    """True when every character was spelled out in full, not by its initial letters."""


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    text = (files("zzreport") / "pinyin.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            reading, _, chars = line.partition(" ")
            for char in chars:
                table.setdefault(char, []).append(reading)
    return {char: tuple(rs) for char, rs in table.items()}


def readings(char: str) -> tuple[str, ...]:
    """Toneless readings of one character; ASCII letters and digits read as themselves."""
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    return _readings().get(char, ())


def find(query: str, name: str) -> Match | None:
    """The first, fullest place where ``query`` spells consecutive characters of ``name``.

    Each character may be spelled by its whole reading or by a prefix of it (m, me, mei), so full
    pinyin, initials and mixtures all match.
    """
    query = query.lower()
    if len(query) > _LONGEST * len(name) or len(query) > LONGEST_QUERY:
        return None  # cannot match (or is no pinyin anyone types), and would cost much to find out
    spelled = [readings(c) for c in name]

    @cache
    def spell(pos: int, i: int) -> tuple[int, bool] | None:
        """End index and fullness when query[pos:] is spelled from character i on."""
        if pos == len(query):
            return (i, True)
        if i >= len(spelled):
            return None
        fallback = None
        for reading in spelled[i]:
            for size in range(min(len(reading), len(query) - pos), 0, -1):
                if query.startswith(reading[:size], pos):
                    rest = spell(pos + size, i + 1)
                    if rest is not None:
                        if size == len(reading) and rest[1]:
                            return rest
                        fallback = fallback or (rest[0], False)
        return fallback

    best: Match | None = None
    for start in range(len(name)):
        result = spell(0, start)
        if result is not None:
            if best is None or (result[1] and not best.full):
                best = Match((start, result[0]), result[1])
            if result[1]:
                break
    return best
