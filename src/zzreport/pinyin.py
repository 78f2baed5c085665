"""Matching ASCII queries against Chinese names by pinyin: full syllables (meitan) or initials (mt).

The readings come from ``pinyin.txt``, generated from pypinyin; it is read the first time an ASCII
query needs it, so other commands never pay for it.
"""

from __future__ import annotations

import os

_LONGEST = 6
"""Letters in the longest reading (zhuang, shuang)."""
LONGEST_QUERY = 120
"""Longer ASCII queries are not tried as pinyin: the matcher recurses once per syllable, and no name
people type is spelled in more letters than this."""


class Match:
    """Where a pinyin query matched a name. (A plain class, not a dataclass: this module serves
    the look-up path, which must not import ``dataclasses``.)"""

    __slots__ = ("full", "span")

    def __init__(self, span: tuple[int, int], full: bool) -> None:
        self.span = span
        """Start and end (exclusive) of the matched characters."""
        self.full = full
        """True when every character was spelled out in full, not by its initial letters."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.span, self.full) == (other.span, other.full)

    def __hash__(self) -> int:
        return hash((self.span, self.full))

    def __repr__(self) -> str:
        return f"Match(span={self.span!r}, full={self.full!r})"


_TABLE: dict[str, tuple[str, ...]] = {}
"""Each character's readings, read from ``pinyin.txt`` on first use."""


def _readings() -> dict[str, tuple[str, ...]]:
    if _TABLE:
        return _TABLE
    table: dict[str, list[str]] = {}
    # Beside this module, as ``bundled`` finds the report: importlib.resources costs start-up time.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pinyin.txt"), encoding="utf-8") as f:
        text = f.read()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            reading, _, chars = line.partition(" ")
            for char in chars:
                table.setdefault(char, []).append(reading)
    _TABLE.update((char, tuple(rs)) for char, rs in table.items())
    return _TABLE


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
    memo: dict[tuple[int, int], tuple[int, bool] | None] = {}

    def spell(pos: int, i: int) -> tuple[int, bool] | None:
        """End index and fullness when query[pos:] is spelled from character i on (memoised)."""
        if (pos, i) not in memo:
            memo[pos, i] = _spell(pos, i)
        return memo[pos, i]

    def _spell(pos: int, i: int) -> tuple[int, bool] | None:
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
