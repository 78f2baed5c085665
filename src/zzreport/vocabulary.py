"""How a question becomes what to look for: fillers dropped, concepts found, typos corrected.

The words live in ``vocabulary.txt`` beside this module (its header says how to extend it); this
module reads them once and analyses a query into ``Part``s: concepts (a word people use, meaning
the report's terms) and plain words, plus whether the question asks for a change. Builtins only:
both paths search with it (``searching.found``).
"""

from __future__ import annotations

import os

from zzreport import match

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

FILLER = "@filler"
CHANGE = "@change"
LONGEST_PHRASE = 6
"""English phrases of the vocabulary have at most this many words."""


class Concept:
    """What a group of words means: the report's terms, main measure first (normalised)."""

    __slots__ = ("name", "terms")

    def __init__(self, name: str, terms: tuple[str, ...]) -> None:
        self.name = name
        self.terms = terms

    def __repr__(self) -> str:
        return f"Concept({self.name!r})"


class Part:
    """One thing a query asks for: a concept, or a word to match as written (``key``, normalised)."""

    __slots__ = ("concept", "key")

    def __init__(self, key: str, concept: Concept | None = None) -> None:
        self.key = key
        self.concept = concept

    def __repr__(self) -> str:
        return f"Part({self.key!r}, {self.concept!r})"


class Table:
    """A table of the vocabulary, as the store keeps it: one text of rows (``key`` US ``value``,
    each row between two RS), looked up with ``str.find`` in C. Reading a table this way costs
    nothing at the start of a search, where turning a thousand rows into a dict cost half a
    millisecond; rows are split into a dict only when the whole table is read (typos). The two
    separators are whitespace to ``match.normalize`` and ``english_words``, so no key holds one.
    A key of English words is held joined by spaces."""

    __slots__ = ("_decode", "_rows", "_text", "_words")

    def __init__(self, text: str, decode: Callable[[str], Any], *, words: bool = False) -> None:
        self._text = text
        self._decode = decode
        self._words = words  # keys are tuples of words
        self._rows: dict[Any, str] | None = None

    @staticmethod
    def text(table: dict[Any, str]) -> str:
        """The stored text of ``table`` (keys: text, or tuples of words)."""
        rows = (f"{' '.join(k) if isinstance(k, tuple) else k}{_US}{v}" for k, v in table.items())
        return f"{_RS}{_RS.join(rows)}{_RS}" if table else ""

    def raw(self, key: Any) -> str | None:
        """The value of ``key`` as stored, or None."""
        joined = " ".join(key) if isinstance(key, tuple) else key
        if not isinstance(joined, str) or _RS in joined or _US in joined:
            return None
        at = self._text.find(f"{_RS}{joined}{_US}")
        if at < 0:
            return None
        start = at + len(joined) + 2
        return self._text[start : self._text.find(_RS, start)]

    def get(self, key: Any, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` (also for a value that does not decode)."""
        value = self.raw(key)
        if value is None:
            return default
        try:
            return self._decode(value)
        except ValueError:
            return default

    def __getitem__(self, key: Any) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.raw(key) is not None

    def rows(self) -> dict[Any, str]:
        """Every row, keys as tuples of words for English, values as stored (split once)."""
        if self._rows is None:
            self._rows = {}
            for row in self._text[1:-1].split(_RS) if self._text else ():
                key, _, value = row.partition(_US)
                self._rows[tuple(key.split(" ")) if self._words else key] = value
        return self._rows

    def items(self) -> list[tuple[Any, Any]]:
        return [(k, self.get(k)) for k in self.rows()]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows())

    def __len__(self) -> int:
        return len(self.rows())


_RS, _US = "\x1e", "\x1f"
_ABSENT = object()
_FORMAT = "vocabulary tables 2"
"""The first of the stored tables: a value of another form is built again."""


class Vocabulary:
    """The words of ``vocabulary.txt``: Chinese words (normalised) and English phrases (tuples of
    stems), each meaning a concept, a filler or a change."""

    __slots__ = (
        "_concepts",
        "_heads",
        "_made",
        "_nearest",
        "_phrase_words",
        "chinese",
        "english",
        "longest",
        "pinyin",
        "spellings",
        "spelt",
    )

    def __init__(self, text: str) -> None:
        chinese: dict[str, Concept | str] = {}
        english: dict[tuple[str, ...], Concept | str] = {}
        concepts: list[Concept] = []
        self.pinyin: Table | None = None  # full and initial spellings of Chinese words
        self.spelt: Callable[[], Table] | None = None  # reads ``pinyin`` from the store
        self.spellings: set[str] | None = None  # single English words, for typos
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            words, eq, terms = line.partition("=")
            if not eq:
                raise ValueError(f"vocabulary.txt:{number}: no '=' in {line!r}")
            words = words.strip()
            meaning: Concept | str
            if words in (FILLER, CHANGE):
                meaning, listed = words, terms
            else:
                meaning = Concept(
                    words.split("|")[0].strip(),
                    tuple(dict.fromkeys(k for k in (match.normalize(t) for t in terms.split("|")) if k)),
                )
                concepts.append(meaning)
                listed = words
            for word in (w.strip() for w in listed.split("|")):
                _add(chinese, english, word, meaning, number)
        self._concepts: list[str] | None = None
        self._made: list[Concept | None] = list(concepts)
        place = {id(c): str(n) for n, c in enumerate(concepts)}

        def plain(meaning: Concept | str) -> str:
            return meaning if isinstance(meaning, str) else place[id(meaning)]

        self.chinese = Table(Table.text({k: plain(v) for k, v in chinese.items()}), self._meaning)
        self.english = Table(Table.text({k: plain(v) for k, v in english.items()}), self._meaning, words=True)
        self.longest = max((len(k) for k in chinese), default=1)
        self._heads: frozenset[str] | None = None
        self._phrase_words: frozenset[str] | None = None
        self._nearest: dict[tuple[str, bool], Near | None] = {}

    def nearest(self, word: str, *, phrases: bool = False) -> Near | None:
        """The nearest word of ``words()`` (``phrases``: of ``phrase_words()``) to ``word``, a typo;
        worked out once per word, however many reports a search reads."""
        asked = (word, phrases)
        if asked not in self._nearest:
            if len(self._nearest) > _ANALYSED_MAX:
                self._nearest.clear()
            self._nearest[asked] = nearest(word, self.phrase_words() if phrases else self.words())
        return self._nearest[asked]

    def heads(self) -> frozenset[str]:
        """The first words of the English phrases of several words (what a typo of a phrase's
        first word is corrected to: enrgy consumption)."""
        if self._heads is None:
            self._heads = frozenset(phrase[0] for phrase in self.english if len(phrase) > 1)
        return self._heads

    def phrase_words(self) -> frozenset[str]:
        """Every word of the English phrases."""
        if self._phrase_words is None:
            self._phrase_words = frozenset(w for phrase in self.english for w in phrase)
        return self._phrase_words

    @property
    def concepts(self) -> list[Concept]:
        """Every concept, in the order of the file."""
        return [self._concept(n) for n in range(len(self._made))]

    def _concept(self, n: int) -> Concept:
        made = self._made[n]
        if made is None:
            assert self._concepts is not None  # noqa: S101 - a stored vocabulary's concepts
            name, *terms = self._concepts[n].split(_US)
            made = self._made[n] = Concept(name, tuple(terms))
        return made

    def _meaning(self, code: str) -> Concept | str:
        """A meaning as a table stores it: a filler, a change, or the number of a concept."""
        if code in (FILLER, CHANGE):
            return code
        n = int(code) if code.isdigit() and code.isascii() else -1
        if not 0 <= n < len(self._made):
            raise ValueError(f"no concept {code!r} in the vocabulary")
        return self._concept(n)

    def spelled(self, word: str) -> Concept | str | None:
        """The Chinese word of the vocabulary that ``word`` spells whole in pinyin (full syllables
        or initials: jiuye, jy → 就业), and what it means."""
        if self.pinyin is None and self.spelt is not None:
            self.pinyin, self.spelt = self.spelt(), None
        if self.pinyin is None:
            from zzreport import pinyin

            spellings: dict[str, str] = {}
            for key in sorted(self.chinese, key=len):
                if key.isascii():
                    continue
                for spelling in pinyin.spellings(key):
                    spellings.setdefault(spelling, key)
            self.pinyin = Table(Table.text(spellings), str)
        chinese = self.pinyin.get(word)
        return None if chinese is None else self.chinese.get(chinese)

    def tables(self) -> tuple[object, ...]:
        """The vocabulary as plain values (for the store): its form, the concepts (name and terms,
        each a row), the Chinese, English and pinyin tables as ``Table`` texts, the longest word,
        then ``heads`` and ``phrase_words`` (each a row), which a search would otherwise make of
        every row of the English table."""
        concepts = _RS.join(_US.join((c.name, *c.terms)) for c in self.concepts)
        return (
            _FORMAT,
            concepts,
            self.chinese._text,
            self.english._text,
            self._spelt_text(),
            self.longest,
            _RS.join(sorted(self.heads())),
            _RS.join(sorted(self.phrase_words())),
        )

    def _spelt_text(self) -> str:
        return "" if self.pinyin is None else self.pinyin._text

    @classmethod
    def from_tables(cls, tables: object) -> Vocabulary:
        """A vocabulary from ``tables()`` (TypeError or ValueError when they are not such)."""
        if type(tables) is not tuple or len(tables) != 8 or tables[0] != _FORMAT:
            raise TypeError("not the tables of a vocabulary")
        _, concepts, chinese, english, pinyin, longest, heads, phrase_words = tables
        texts = (concepts, chinese, english, pinyin, heads, phrase_words)
        if not all(type(t) is str for t in texts) or type(longest) is not int:
            raise TypeError("not the tables of a vocabulary")
        for text in (chinese, english, pinyin):
            if text and (text[0] != _RS or text[-1] != _RS):
                raise ValueError("not the tables of a vocabulary")
        made = cls("")
        made._concepts = concepts.split(_RS) if concepts else []
        made._made = [None] * len(made._concepts)
        made.chinese = Table(chinese, made._meaning)
        made.english = Table(english, made._meaning, words=True)
        made.pinyin = Table(pinyin, str) if pinyin else None  # none kept: spelled when first asked for
        made.longest = longest
        made._heads = frozenset(heads.split(_RS)) - {""}
        made._phrase_words = frozenset(phrase_words.split(_RS)) - {""}
        return made

    @staticmethod
    def spellings_of(value: object) -> Table:
        """The spellings table as ``tables`` keeps it (TypeError when it is not one)."""
        if type(value) is not str or (value and (value[0] != _RS or value[-1] != _RS)):
            raise TypeError("not the spellings of a vocabulary")
        return Table(value, str)

    def words(self) -> set[str]:
        """Every single English word and pinyin spelling the vocabulary knows, for typos."""
        if self.spellings is None:
            self.spelled("")
            assert self.pinyin is not None  # noqa: S101 - filled just above
            self.spellings = set(self.phrase_words()) | {
                s for s, chinese in self.pinyin.rows().items() if len(s) > len(chinese)
            }
        return self.spellings


def _add(
    chinese: dict[str, Concept | str],
    english: dict[tuple[str, ...], Concept | str],
    word: str,
    meaning: Concept | str,
    number: int,
) -> None:
    words = english_words(word) if word.isascii() else None
    table: dict[Any, Concept | str] = english if words else chinese
    key: Any = tuple(stem(w) for w in words) if words else match.normalize(word)
    if not key:
        return
    if key in table and table[key] != meaning:
        raise ValueError(f"vocabulary.txt:{number}: {word!r} already means {table[key]!r}")
    table[key] = meaning


_LOADED: list[Vocabulary] = []


def vocabulary(*, use_store: bool = True) -> Vocabulary:
    """The vocabulary of the package, read on first use: from the store, keyed by the file's
    bytes like a report (``store.derived``), else parsed from the file with every pinyin spelling
    of its Chinese words (the costly part). ``use_store`` False: parsed in memory, the store
    neither read nor written (the Python API's ``store=False``)."""
    if not _LOADED:
        from zzreport import store

        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocabulary.txt")
        if use_store:
            # The spellings, two thirds of the tables, are read only by a query that may be pinyin.
            made = store.derived("vocabulary", path, _made, Vocabulary.from_tables)
            made.spelt = lambda: store.derived("spellings", path, _spellings, Vocabulary.spellings_of)
            _LOADED.append(made)
        else:
            with open(path, "rb") as f:
                _LOADED.append(Vocabulary.from_tables(_made(f.read())))
    return _LOADED[0]


def _made(data: bytes) -> tuple[object, ...]:
    """The vocabulary's tables, without its spellings (``_spellings``)."""
    return Vocabulary(data.decode("utf-8")).tables()


def _spellings(data: bytes) -> str:
    """Every pinyin spelling of the vocabulary's Chinese words (the costly part, made once), as the
    text of a ``Table``."""
    made = Vocabulary(data.decode("utf-8"))
    made.spelled("")
    return made._spelt_text()


# ── English words ─────────────────────────────────────────────────────────────


def english_words(text: str) -> list[str]:
    """The words of English text, lower case, as a label form keeps them (``PM2.5`` is ``pm25``)."""
    return match.spaced(text).split()


_ENDINGS = ("ies", "ied", "ing", "es", "ed", "s")


def stem(word: str) -> str:
    """A light stem: the word less a plural or verb ending and a final e or y (companies, company
    → compan; grows, growing → grow), so that a stem is a beginning of every form. Words of three
    letters or fewer stay as they are."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            word = word[: -len(ending)]
            break
    if len(word) > 3 and word[-1] in "ey":
        word = word[:-1]
    return word


def distance(a: str, b: str, most: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``; ``most + 1`` once
    it is known to exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        if min(row) > most:
            return most + 1
        previous2, previous = previous, row
    return previous[-1]


def allowed(word: str) -> int:
    """Edits a typo of ``word`` may have: none below four letters, one up to five, two beyond."""
    return 0 if len(word) < 4 else 1 if len(word) <= 5 else 2


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word ``word`` is a typo of (fewest edits, then the shortest), or None."""
    best = nearest(word, known)
    return None if best is None else best[2]


Near = tuple[int, int, str]
"""A candidate for a typo's word: edits, length, the word (the least is the closest)."""


def nearest(word: str, known: Iterable[str]) -> Near | None:
    """``closest`` with its edits and length. The nearest of several sets of words is the least
    of each one's nearest, so a set shared by many searches is looked through once (``Vocabulary
    .nearest``)."""
    most = allowed(word)
    if not most:
        return None
    best: Near | None = None
    for candidate in known:
        if candidate == word or abs(len(candidate) - len(word)) > most or allowed(candidate) == 0:
            continue
        if len(set(word).symmetric_difference(candidate)) > 2 * most:
            continue  # each edit changes at most two of the letters used
        d = distance(word, candidate, most)
        if d <= most and (best is None or (d, len(candidate), candidate) < best):
            best = (d, len(candidate), candidate)
    return best


# ── analysing a query ─────────────────────────────────────────────────────────


class Analysis:
    """A query analysed: its parts (each must match), and the words with which it asks for a
    change (growth, 增速; none when it does not)."""

    __slots__ = ("change", "parts")

    def __init__(self, parts: list[Part], change: list[str]) -> None:
        self.parts = parts
        self.change = change

    def __repr__(self) -> str:
        return f"Analysis({self.parts!r}, change={self.change})"


def analyse(text: str) -> Analysis:
    """The parts of a query: Chinese runs cut into the vocabulary's words (longest first), English
    phrases found word by word, fillers dropped; words the vocabulary does not know are kept as
    written. A query of fillers and change words alone keeps them as words. Read once per query
    and vocabulary: a search of many reports asks for each (the analysis is only read)."""
    vocab = vocabulary()
    held = _ANALYSED.get(text)
    if held is not None and held[0] is vocab:
        return held[1]
    if len(_ANALYSED) > _ANALYSED_MAX:
        _ANALYSED.clear()
    made = _analyse(vocab, text)
    _ANALYSED[text] = (vocab, made)
    return made


_ANALYSED: dict[str, tuple[Vocabulary, Analysis]] = {}
_ANALYSED_MAX = 256


def _analyse(vocab: Vocabulary, text: str) -> Analysis:
    parts: list[Part] = []
    change: list[str] = []
    english: list[str] = []
    asked: list[str] = []  # the change and filler words, in case nothing else is left

    def meant(meaning: Concept | str, word: str) -> None:
        if isinstance(meaning, Concept):
            parts.append(Part(word, meaning))
            return
        if meaning == CHANGE:
            change.append(match.normalize(word))
        asked.append(word)

    def flush() -> None:
        i = 0
        while i < len(english):
            size, found = _phrase(vocab, english, i)
            if found is not None:
                meant(found, "".join(english[i : i + size]))
                i += size
            else:
                parts.append(Part(english[i]))
                i += 1
        english.clear()

    for token in text.split():
        if token.isascii():
            english += english_words(token)
            continue
        flush()
        _chinese(match.normalize(token), vocab, parts, meant)
    flush()
    if not parts:
        parts = [Part(k) for k in dict.fromkeys(match.normalize(w) for w in asked) if k]
        change = []
    elif any(p.concept is not None or len(p.key) > 1 or p.key.isascii() for p in parts):
        # A lone hanzi left between known words (帮, 还, 家, 吨) is a verb or a measure word.
        parts = [p for p in parts if p.concept is not None or len(p.key) > 1 or p.key.isascii()]
    return Analysis(parts, change)


def _phrase(vocab: Vocabulary, words: list[str], i: int) -> tuple[int, Concept | str | None]:
    """The longest phrase of the vocabulary at ``words[i]``, with its length: as typed, else with
    its first word's typo corrected when that makes a phrase of several words (enrgy consumption,
    retial sales), else a word spelling a Chinese word of the vocabulary in pinyin."""
    stems = [stem(w) for w in words[i : i + LONGEST_PHRASE]]
    for size in range(len(stems), 0, -1):
        found = vocab.english.get(tuple(stems[:size]))
        if found is not None:
            return size, found
    if match.is_pinyin(words[i]):
        found = vocab.spelled(words[i])
        if found is not None:
            return 1, found
    fixed = closest(stems[0], vocab.heads())
    if fixed is not None:
        for size in range(len(stems), 1, -1):
            found = vocab.english.get((fixed, *stems[1:size]))
            if found is not None:
                return size, found
    return 1, None


def _chinese(run: str, vocab: Vocabulary, parts: list[Part], meant: Any) -> None:
    """Cut a Chinese run (which may hold ASCII: 长治gdp是多少) into the vocabulary's words, the
    longest at each place; what lies between them is kept as written."""
    rest = ""
    i = 0
    while i < len(run):
        found: Concept | str | None = None
        for size in range(min(vocab.longest, len(run) - i), 0, -1):
            found = vocab.chinese.get(run[i : i + size])
            if found is not None:
                break
        if found is None and run[i].isascii():  # an English word or pinyin inside Chinese: 长治gdp
            size = 1
            while i + size < len(run) and run[i + size].isascii():
                size += 1
            if rest:
                parts.append(Part(rest))
                rest = ""
            word = run[i : i + size]
            _, meaning = _phrase(vocab, [word], 0)
            if meaning is None:
                parts.append(Part(word))
            else:
                meant(meaning, word)
            i += size
            continue
        if found is None:
            rest += run[i]
            i += 1
            continue
        if rest:
            parts.append(Part(rest))
            rest = ""
        meant(found, run[i : i + size])
        i += size
    if rest:
        parts.append(Part(rest))
