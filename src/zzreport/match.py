"""How a query meets a record's names: normalising text, finding exact names, scoring search hits.

Builtins only, because both the full command path (``query``) and the look-up path that answers from
the store (``fast``) match with it: one implementation, so the two cannot disagree.

Search labels of one record are a tuple: its id, Chinese name, English name and aliases, each in
label form (``spaced``), then its topics' words (``|``-separated, ``||`` after the first topic's),
its note text (with its rank and comparisons in words), ``"1"`` when it is a headline figure (it
has a value or a change), and its section id.
"""

from __future__ import annotations

# The same class as collections.abc.Sequence, from the module the interpreter has already loaded:
# importing collections.abc also imports collections, a tenth of a look-up's time.
from _collections_abc import Sequence

# Imports only os, and reads its table on first use: cheap enough to load with every look-up, and
# an import statement in the scoring loop costs more than the module.
from zzreport import pinyin as py

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Every character ``str.isspace`` accepts (a test compares this with the whole of Unicode), and the
# punctuation people type or leave out at will: PM2.5 = pm25, "GDP growth" = gdpgrowth.
_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACE += "\u2028\u2029\u202f\u205f\u3000"
_PUNCT = "._-·•/()（）\"'“”‘’、，。：；！？《》〈〉「」『』【】〔〕—–…,;:!?[]{}<>#&+=*~@$^`|\\%"
_DROP = dict.fromkeys(map(ord, _SPACE + _PUNCT))

_GAP = _SPACE + "-_/()（）,，;；:：、!?&+|–—"
"""What separates two English words; other punctuation joins (PM2.5 is one word, pm25)."""
_GAPS = {**dict.fromkeys(map(ord, _PUNCT)), **dict.fromkeys(map(ord, _GAP), " ")}

NAME_FIELDS = ("id", "name", "name_en")
"""What the first labels of a record are; the ones after them are aliases."""


_WIDE: dict[int, int] = {}
"""Traditional hanzi to simplified ones, made on first use (``zzreport.simplified``)."""
_TRADITIONAL: set[str] = set()
"""The traditional hanzi, to skip translating the many names that hold none."""
_NFKC: list[Callable[[str], str]] = []
"""NFKC by ``unicodedata``, once some text needed it."""


def _unified(text: str) -> str:
    """Non-ASCII text in one form: compatibility characters folded (ＧＤＰ = GDP, PM２.５ = PM2.5,
    ³ = 3) and traditional hanzi made simplified (地區 = 地区).

    Text of ASCII and the main block of hanzi alone (nearly every query and name) is its own NFKC
    form (those characters neither decompose nor compose), so ``unicodedata`` is not loaded for it."""
    if _NFKC or not _in_plain_blocks(text):
        if not _NFKC:  # once loaded, every text goes to it: one call in C beats a look first
            from unicodedata import normalize as unicode_normal_form

            _NFKC.append(lambda t: unicode_normal_form("NFKC", t))
        text = _NFKC[0](text)
    if not _has_traditional(text):
        return text
    if not _WIDE:
        from zzreport.simplified import SIMPLIFIED, TRADITIONAL

        _WIDE.update(str.maketrans(TRADITIONAL, SIMPLIFIED))
    return text.translate(_WIDE)


def _has_traditional(text: str) -> bool:
    """Whether ``text`` holds a traditional hanzi. The first few short texts (a query) are looked
    for in the table's string, one scan in C a character; a long text, or many (a report's labels),
    make the set of them once. ASCII text holds none: an English or pinyin query never loads the
    table."""
    if text.isascii():
        return False
    if not _TRADITIONAL:
        from zzreport.simplified import TRADITIONAL

        if len(text) <= _PLAIN_MAX and _SCANNED[0] < _SCANS:
            _SCANNED[0] += 1
            return any(c in TRADITIONAL for c in text if c >= "\u3400")  # none is below U+3400
        _TRADITIONAL.update(TRADITIONAL)
    return not _TRADITIONAL.isdisjoint(text)


_SCANS = 16
"""Short texts scanned for traditional hanzi before the set of them is made."""
_SCANNED = [0]


_PLAIN_MAX = 64
"""Longer text is given to NFKC without looking at each character first."""


def _in_plain_blocks(text: str) -> bool:
    """Whether ``text`` holds only ASCII and CJK Unified Ideographs of U+4E00 to U+9FFF (short
    text only: a label is checked in C by NFKC itself)."""
    return len(text) <= _PLAIN_MAX and all(c < "\x80" or "\u4e00" <= c <= "\u9fff" for c in text)


def normalize(text: str) -> str:
    """The form names are matched in: compatibility forms and traditional hanzi folded, case-folded,
    without spaces and punctuation (PM2.5 = pm25, ＧＤＰ = gdp, 地區生產總值 = 地区生产总值)."""
    folded = (text if text.isascii() else _unified(text)).casefold()
    if folded.isalnum():  # most Chinese names: nothing to drop, and translating each character is slow
        return folded
    joined = "".join(folded.split())  # str.split() drops exactly the characters isspace() accepts
    for mark in _PUNCT:
        if mark in joined:
            return joined.translate(_DROP)
    return joined


def query_key(text: str) -> str:
    """The normalised form of a query typed by a person, or "" when it holds nothing to look up: no
    letter or digit is left once spaces and punctuation are dropped, or it is ``undecodable``. Both
    paths refuse such a query up front: an empty key is found at every position of every name."""
    if undecodable(text):
        return ""
    key = normalize(text)
    return key if any(c.isalnum() for c in key) else ""  # zero-width spaces, marks, emoji: nothing


def undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that were not UTF-8 (lone surrogates, as Python decodes them)."""
    return any("\ud800" <= c <= "\udfff" for c in text)


def spaced(text: str) -> str:
    """The label form of a name or note: ``normalize``, except that English words stay apart by one
    space (``gross regional product``), so a query matches English words whole or by their
    beginning, never inside a word (``air`` is not in ``paired``). Compare with ``compact``."""
    folded = (text if text.isascii() else _unified(text)).casefold()
    if folded.isalnum():
        return folded
    words = folded.translate(_GAPS).split()  # gaps become spaces, other punctuation goes
    if len(words) < 2:
        return words[0] if words else ""
    if folded.isascii():  # English words and ids: each word ASCII letters and digits
        return " ".join(words)
    out = [words[0]]
    for word in words[1:]:
        if _word(out[-1][-1]) and _word(word[0]):
            out.append(" ")
        out.append(word)
    return "".join(out)


def title_label(title: str, title_en: str) -> str:
    """What a search meets of a section: its titles in both languages, in label form."""
    return spaced(title) + " " + spaced(title_en)


def compact(label: str) -> str:
    """A label form as ``normalize`` gives it: what exact names are compared in."""
    return label.replace(" ", "") if " " in label else label


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def where(label: str, key: str) -> int:
    """How a normalised query meets one label form: 100 the whole label, 80 its beginning (for hanzi,
    its end; 75 its beginning), 70 inside it where a word begins (anywhere for hanzi), 0 not at all."""
    whole = compact(label)
    if key not in whole:  # most labels: decided by one scan in C
        return 0
    if whole == key:
        return 100
    if not _word(key[0]) and whole.endswith(key):
        return 80  # Chinese names end in what they count: 新增城镇就业 is about 就业, 就业示范资金 not
    if whole.startswith(key):
        return 80 if _word(key[0]) else 75
    if " " in label:
        at = 0
        for part in label.split(" ")[:-1]:  # a query may run on across words: regionalproduct
            at += len(part)
            if whole.startswith(key, at):
                return 70
    return inside(label, key)


def inside(text: str, key: str) -> int:
    """70 when ``key`` stands in ``text`` (a note, a title) where a word begins, else 0."""
    pos = text.find(key)
    if pos >= 0 and not _word(key[0]):
        return 70
    while pos >= 0:
        if pos == 0 or not _word(text[pos - 1]):
            return 70
        pos = text.find(key, pos + 1)
    return 0


def slot(label: str) -> int:
    """Where a normalised name sits in the store's exact-name index: a 32-bit hash of its text."""
    import zlib

    return zlib.crc32(label.encode())


TAIL = 4
"""Search labels after the names: topics, note, headline flag, section id."""


def names(entry: tuple[str, ...]) -> tuple[str, ...]:
    """The name labels of one record's search labels (without its topics, note, flag and section)."""
    return entry[:-TAIL]


def rank(points: int, headline: bool) -> tuple[int, bool]:
    """Sort key of a hit, the one ranking of both paths, within a report and across reports:
    higher scores first, and within a score headline figures before honours and comparisons; a
    stable sort keeps report order (then record order) among equals."""
    return (-points, not headline)


def order(points: int, entry: tuple[str, ...]) -> tuple[int, bool]:
    """``rank`` of a hit on a record with these search labels."""
    return rank(points, entry[-2].startswith("1"))


def has_change(entry: tuple[str, ...]) -> bool:
    """Whether the record of these search labels states a change (its flag holds ``c``)."""
    return "c" in entry[-2]


def score(
    entry: tuple[str, ...], key: str, section_title: str, *, pinyin: bool, screen: bool = True
) -> tuple[int, str] | None:
    """Score and matching field of one record's labels, or None. ``screen`` False: the record is
    one of a few candidates (``containing``, ``spoken``), not one of every record, so
    ``pinyin.find`` need not screen it first.

    Higher is better: 100 exact name, 75-80 its beginning or a Chinese name's end (see ``where``),
    70 inside (10 less in the English name, whose long words make substrings weak), 50-60 pinyin,
    40 a topic (35 part of it), 30 section title, 20 note (its rank and comparisons included).
    """
    best: tuple[int, str] | None = None
    for i, value in enumerate(names(entry)):
        points = where(value, key)
        field = NAME_FIELDS[i] if i < len(NAME_FIELDS) else "alias"
        if field == "name_en" and points:
            points -= 10
        if points and (best is None or points > best[0]):
            best = (points, field)
    if best is not None and best[0] < 100 and not _word(key[0]) and _within_topic(entry, key):
        best = (35, "topic")  # 环境 in 营商环境质量十佳城市: about the business climate, not the environment
    if best is None and pinyin:
        found = py.find(key, entry[1], screen=screen)
        if found is not None:
            best = (60 if found.full else 50, "pinyin")
    if best is None and entry[-4]:
        best = _topic(entry[-4].split("|"), key, pinyin=pinyin, screen=screen)
    if best is None:
        if inside(section_title, key):
            best = (30, "section")
        elif inside(entry[-3], key):
            best = (20, "note")
    return best


def _within_topic(entry: tuple[str, ...], key: str) -> bool:
    """Whether a Chinese query stands in the record's name only as part of one of its longer topics
    (环境 in 营商环境), and is no topic of the record itself."""
    topics = [t for t in entry[-4].split("|") if t and not _word(t[0])]
    if key in topics:
        return False
    longer = [t for t in topics if key in t and t != key]
    return bool(longer) and all(
        all(key not in part for part in _without(label, longer)) for label in names(entry)[1:]
    )


def _without(label: str, terms: list[str]) -> list[str]:
    """The pieces of a label left when every one of ``terms`` is cut out of it."""
    pieces = [label]
    for term in terms:
        pieces = [p for piece in pieces for p in piece.split(term)]
    return pieces


def _topic(topics: list[str], key: str, *, pinyin: bool, screen: bool = True) -> tuple[int, str] | None:
    """A topic named whole (40), in part or by its pinyin (35); 2 less when it is not the record's
    first topic, so what a record is mainly about comes first."""
    first = True
    for topic in topics:
        if not topic:  # "||" ends the first topic's words
            first = False
            continue
        points = where(topic, key)
        if not points and pinyin and not topic.isascii():
            points = 35 if py.find(key, topic, screen=screen) else 0
        if points:
            return ((40 if points == 100 else 35) - (0 if first else 2), "topic")
    return None


def is_pinyin(key: str) -> bool:
    """Whether a normalised query may be pinyin (full syllables or initials; ``pinyin.possible``)."""
    if not (key.isascii() and key.isalpha() and len(key) >= 2):
        return False
    return py.possible(key)


def ranked(
    count: int,
    get: Callable[[int], tuple[str, ...]],
    key: str,
    titles: dict[str, str],
    candidates: Sequence[int] | None,
    *,
    spelled: bool = True,
    spoken: Sequence[int] | None = None,
) -> list[tuple[tuple[int, str], int]]:
    """Scored records as ``((score, field), n)``, best first, equal scores in report order.

    ``get(n)`` gives the labels of record ``n``; ``candidates`` are the only records that can match
    without pinyin or a section title (None: any of the ``count`` records may). ``spelled`` False:
    the key is not tried as pinyin; ``spoken`` holds the only records it may spell (``spoken``;
    None: any may).
    """
    pinyin = spelled and is_pinyin(key)
    everywhere = (
        candidates is None or (pinyin and spoken is None) or any(key in title for title in titles.values())
    )
    if pinyin and spoken is not None and not everywhere:
        candidates = sorted({*(candidates or ()), *spoken})
    keyed = []
    for n in range(count) if everywhere else candidates or ():
        entry = get(n)
        found = score(entry, key, titles.get(entry[-1], ""), pinyin=pinyin, screen=everywhere)
        if found is not None:
            keyed.append((order(found[0], entry), found, n))
    keyed.sort(key=lambda k: k[0])
    return [(found, n) for _, found, n in keyed]


WORDS_BELOW = 5
"""A record matched word by word ranks this much below its weakest word's own score."""
Scored = list[tuple[tuple[int, str], int]]
"""Records found, as ``((score, matched field), record number)``."""


# ── labels kept as one string ─────────────────────────────────────────────────


class JoinedLabels(Sequence[tuple[str, ...]]):
    """Search labels kept as one string (entries apart by U+001E, labels by U+001F).

    This is how the store keeps them: one object instead of several per record, so a large
    collection loads in a fraction of the time; an entry is split out only when it is a candidate.
    """

    __slots__ = ("_compact", "_count", "_heard", "_joined", "_sounder", "_sounds", "_spans", "blob")

    def __init__(
        self, blob: str, sounds: Sounds | None = None, *, sounder: Callable[[], Sounds | None] | None = None
    ) -> None:
        self.blob = blob
        self._sounds = sounds
        self._sounder = sounder
        """Reads ``sounds`` when first asked for (a search in Chinese never needs them)."""
        self._joined: list[str] | None = None
        self._compact: str | None = None
        self._count: int | None = None
        self._spans: dict[int, tuple[int, int]] = {}
        """Where entries found by a scan of the blob stand in it, so they are cut out alone."""
        self._heard: dict[tuple[str, bool], list[int]] = {}
        """What ``spoken`` found for each key: a search asks again when it reads a word as a typo."""

    @property
    def sounds(self) -> Sounds | None:
        """What ``spoken`` and typo correction read (``sounds``), when the store keeps it."""
        if self._sounder is not None:
            self._sounds, self._sounder = self._sounder(), None
        return self._sounds

    def compacted(self) -> str:
        """The joined text without the spaces between English words (see ``containing``)."""
        if self._compact is None:
            self._compact = self.blob.replace(" ", "")
        return self._compact

    def joined(self) -> list[str]:
        """Each entry as its joined text."""
        if self._joined is None:
            self._joined = self.blob.split("\x1e") if self.blob else []
        return self._joined

    def __len__(self) -> int:
        if self._count is None:
            self._count = len(self._joined) if self._joined is not None else self.blob.count("\x1e") + 1
            self._count = self._count if self.blob else 0
        return self._count

    def __getitem__(self, index: Any) -> Any:  # int → entry, slice → tuple of entries
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        span = self._spans.get(index) if self._joined is None else None
        if span is not None:
            return tuple(self.blob[span[0] : span[1]].split("\x1f"))
        return tuple(self.joined()[index].split("\x1f"))

    def _found(self, n: int, start: int, end: int) -> None:
        """Entry ``n`` stands at ``blob[start:end]`` (``end`` -1: at the end)."""
        self._spans[n] = (start, len(self.blob) if end < 0 else end)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


def containing(
    entries: Sequence[tuple[str, ...]], key: str, *, most: int = 0, spaced: bool = False, whole: bool = False
) -> list[int]:
    """Indices of the entries where ``key`` occurs at all, found by one scan of their joined text
    (for an ASCII key, without the spaces between English words, which a query does not have;
    ``spaced``: with them, as stored; ``whole``: without them for any key, as a name is matched
    whole, ``Grain output of Zürich`` as ``grainoutputofzürich``). ``most``: stop after this many
    entries (0: never).

    A large collection has few such entries; scoring only those keeps look-ups linear in C rather
    than in Python: an entry's index is the count of separators before the hit, also counted in C.
    The result may hold a few false hits (a key spanning two labels); callers score each candidate
    exactly."""
    if not key or "\x1e" in key:
        return []  # an empty key is everywhere; a separator in it is nowhere within an entry
    spans = whole or (not spaced and len(key) > 1 and key.isascii())  # English words stand apart
    joined = entries if isinstance(entries, JoinedLabels) and not spans else None
    if isinstance(entries, JoinedLabels):
        blob = entries.compacted() if spans else entries.blob
    else:
        blob = "\x1e".join("\x1f".join(entry) for entry in entries)
        blob = blob.replace(" ", "") if spans else blob
    found: list[int] = []
    n, counted = 0, 0
    pos = blob.find(key)
    while pos >= 0:
        n += blob.count("\x1e", counted, pos)
        found.append(n)
        end = blob.find("\x1e", pos)
        if joined is not None:
            joined._found(n, blob.rfind("\x1e", 0, pos) + 1, end)
        if end < 0 or len(found) == most:
            break
        counted = end
        pos = blob.find(key, counted + 1)  # past this entry's end, so every turn moves on
    return found


def named(entries: Sequence[tuple[str, ...]], key: str) -> list[int]:
    """The entries one of whose names is ``key`` (a normalised query; case, spaces and punctuation
    aside), found by a scan of the labels: how both paths resolve a name when the store's index of
    names cannot be used or has told of none."""
    found = containing(entries, key, whole=True) if key else []
    return [n for n in found if any(compact(label) == key for label in names(entries[n]))]


Sounds = tuple[str, tuple[int, ...], tuple[str, ...], str]
"""What ``sounds`` makes."""


def sounds(blob: str) -> Sounds:
    """What ``spoken`` and typo correction read of labels joined as ``JoinedLabels`` keeps them,
    made once when they are stored: their distinct non-ASCII characters, where each run of ASCII
    letters standing right before one begins and ends in the joined text (pinyin may spell gdp增速
    from its g), one pair after another, their ``words``, and the readings of each character
    (``pinyin.readings_text``), so that a search in pinyin looks none up in the table."""
    import re

    chars = "".join(sorted(c for c in set(blob) if not c.isascii()))
    runs = tuple(at for found in re.finditer(r"[a-z]+(?=[^\x00-\x7f])", blob) for at in found.span())
    return chars, runs, tuple(sorted(words(blob))), py.readings_text(chars)


def words(blob: str) -> set[str]:
    """The English words of labels joined as ``JoinedLabels`` keeps them, of more than three
    letters: what a typo may stand for besides the vocabulary's words."""
    import re

    # A run of letters between white space (which \x1e and \x1f are) or "|", found in C: splitting
    # a large file's labels into all their words cost a third of a second and a list of a million
    # words at 100,000 records.
    return set(re.findall(r"(?<![^\s|])[A-Za-z]{4,}(?![^\s|])", blob))


def stored_sounds(found: object) -> Sounds | None:
    """``sounds`` as the store kept it, or None when it is not such (pinyin is then tried on every
    record)."""
    if type(found) is not tuple or len(found) != 4:
        return None
    chars, runs, spelt, read = found
    if type(chars) is not str or type(runs) is not tuple or type(spelt) is not tuple or type(read) is not str:
        return None
    if not set(map(type, runs)) <= {int} or not set(map(type, spelt)) <= {str}:  # loops in C
        return None
    if len(runs) % 2 or read.count(",") != max(len(chars) - 1, 0) or (read and not chars):
        return None  # runs in pairs; readings for each character, and none without one
    return chars, runs, spelt, read


def spoken(entries: Sequence[tuple[str, ...]], key: str, *, whole: bool = False) -> list[int] | None:
    """The entries in which ``key`` spells some characters in pinyin (``pinyin.find``), or None
    when they cannot tell (any entry may). ``whole``: only those it spells each by a whole reading.

    A spelling starts at a character one of whose readings ``key`` begins with (or by its first
    letters): the places of those of the report's characters are found by scans in C of the stored
    labels, and an entry is kept when the spelling goes on from one of them to the end of the key
    (``pinyin.spells_at``, along the entry's text: a separator ends it). What is kept is what
    ``find`` finds in a name or a topic, and at most a few more (a spelling in an alias or a note),
    which the caller scores exactly. A spelling may also start in a run of ASCII letters right
    before a hanzi (gdp增速 as gdpzs): the store keeps where each such run stands."""
    if not isinstance(entries, JoinedLabels) or entries.sounds is None or not key:
        return None
    heard = entries._heard.get((key, whole))
    if heard is None:
        heard = entries._heard[key, whole] = _spoken(entries, entries.sounds, key, whole)
    return list(heard)


def _spoken(entries: JoinedLabels, sounds: Sounds, key: str, whole: bool) -> list[int]:
    chars, runs, _, readings = sounds
    py.learn(chars, readings)
    blob = entries.blob
    starts = _from_hanzi(blob, chars, readings, key, whole)
    for i in range(0, len(runs), 2):  # from a letter: the rest of its run must begin the key
        first, end = runs[i], runs[i + 1]
        for pos in range(max(first, end - len(key)), end):
            if key.startswith(blob[pos:end]) and py.spells_at(key, blob, pos, whole):
                starts.add(blob.rfind("\x1e", 0, pos))
                break
    found: list[int] = []
    n, counted = 0, 0
    for start in sorted(starts):
        if start >= 0:
            n += blob.count("\x1e", counted, start + 1)
            counted = start + 1
        found.append(n)
    return found


def _from_hanzi(blob: str, chars: str, readings: str, key: str, whole: bool) -> set[int]:
    """Where each entry of ``blob`` that ``key`` spells from one of its ``chars`` begins, less one
    (its separator, or -1 for the first). ``readings``: theirs, as the store keeps them."""
    starts: set[int] = set()
    follows: dict[tuple[str, str], bool] = {}  # whether a character's reading begins with a letter
    for char in py.starting(chars, readings, key[0]):  # the characters it may start at
        sizes = {
            size
            for reading in py.readings(char)
            for size in ((len(reading),) if whole else range(1, len(reading) + 1))
            if size <= len(key) and key.startswith(reading[:size])
        }
        done = len(key) in sizes
        nexts = "".join(sorted({key[size] for size in sizes if size < len(key)}))  # letters after it
        pos = blob.find(char) if sizes else -1
        while pos >= 0:
            if not done:  # a test of the next character, made once for each, before a spelling
                after = (blob[pos + 1 : pos + 2], nexts)
                may = follows.get(after)
                if may is None:
                    may = follows[after] = any(r[0] in nexts for r in py.readings(after[0] or "\x1e"))
                if not may:
                    pos = blob.find(char, pos + 1)
                    continue
            start = blob.rfind("\x1e", 0, pos)
            if start in starts or done or py.spells_at(key, blob, pos, whole):
                starts.add(start)  # and the rest of this entry need not be looked at
                end = blob.find("\x1e", pos)
                pos = blob.find(char, end) if end >= 0 else -1
            else:
                pos = blob.find(char, pos + 1)
    return starts
