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
    """A table of the vocabulary as the store keeps it: its keys in one text, each between two RS
    (a key of English words joined by spaces), and each row's value in a second text, one character
    a row (its code point). A key is found by ``str.find`` in C and its row counted in C: reading a
    table costs nothing at the start of a search, where turning a thousand rows into a dict cost
    half a millisecond. Past ``LOOKUPS`` look-ups (a long query, a large vocabulary) the keys are
    made a dict once. The values are checked whole when the table is read (their largest code, in
    C), so a value that means nothing is never met. RS is whitespace to ``match.normalize`` and
    ``english_words``: no key holds one."""

    __slots__ = ("_codes", "_decode", "_keys", "_looked", "_rows", "_text", "_words")

    LOOKUPS = 64

    def __init__(
        self, text: str, codes: str, decode: Callable[[int], Any], most: int, *, words: bool
    ) -> None:
        """``decode`` turns a row's code into its value; codes are below ``most`` (ValueError
        when the texts are not such a table)."""
        rows = text.count(_RS) - 1 if text else 0
        if (text and (len(text) < 2 or text[0] != _RS or text[-1] != _RS)) or len(codes) != rows:
            raise ValueError("not a table of the vocabulary")
        if codes and ord(max(codes)) >= most:
            raise ValueError("a value the vocabulary does not hold")
        self._text, self._codes, self._decode, self._words = text, codes, decode, words
        self._looked = 0
        self._rows: dict[str, int] | None = None
        self._keys: list[str] | None = None

    @staticmethod
    def of(table: dict[Any, int], *, words: bool) -> tuple[str, str]:
        """The two texts of ``table`` (keys: text, or tuples of words; values: codes), or
        ValueError for a key or code they cannot hold."""
        keys = []
        for key in table:
            if words and not all(w and " " not in w for w in key):
                raise ValueError(f"not a phrase of words: {key!r}")
            text = " ".join(key) if words else key
            if not text or _RS in text:
                raise ValueError(f"a key the stored table cannot hold: {key!r}")
            keys.append(text)
        if not all(0 <= code < _CODES for code in table.values()):
            raise ValueError("a code the stored table cannot hold")
        return (f"{_RS}{_RS.join(keys)}{_RS}" if keys else "", "".join(map(chr, table.values())))

    def _row(self, key: object) -> int:
        """The row of ``key``, or -1."""
        if self._words:
            if type(key) is not tuple or not all(type(w) is str and w and " " not in w for w in key):
                return -1
            joined: str = " ".join(key)
        elif type(key) is str:
            joined = key
        else:
            return -1
        if _RS in joined or not joined:
            return -1
        if self._rows is None:
            self._looked += 1
            if self._looked <= self.LOOKUPS:
                at = self._text.find(f"{_RS}{joined}{_RS}")
                return -1 if at < 0 else self._text.count(_RS, 0, at)
            self._rows = {k: n for n, k in reversed(list(enumerate(self.keys())))}  # the first of twins
        return self._rows.get(joined, -1)

    def keys(self) -> list[str]:
        """Every key as stored, in row order."""
        if self._keys is None:
            self._keys = self._text[1:-1].split(_RS) if self._text else []
        return self._keys

    def rows(self) -> int:
        """How many rows the table has (twins counted), counted without splitting its keys."""
        return len(self._codes)

    def key_at(self, n: int) -> str:
        """The key of row ``n``, as stored."""
        return self.keys()[n]

    def get(self, key: Any, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        n = self._row(key)
        return default if n < 0 else self._decode(ord(self._codes[n]))

    def __getitem__(self, key: Any) -> Any:
        n = self._row(key)
        if n < 0:
            raise KeyError(key)
        return self._decode(ord(self._codes[n]))

    def __contains__(self, key: object) -> bool:
        return self._row(key) >= 0

    def __iter__(self) -> Iterator[Any]:
        """Every key (a tuple of words for English), each once, in row order."""
        keys = dict.fromkeys(self.keys())
        return iter([tuple(k.split(" ")) for k in keys] if self._words else list(keys))

    def items(self) -> list[tuple[Any, Any]]:
        return [(k, self.get(k)) for k in self]

    def __len__(self) -> int:
        return len(dict.fromkeys(self.keys()))

    def texts(self) -> tuple[str, str]:
        """What the store keeps: the keys' text and the codes' text."""
        return self._text, self._codes


_RS, _US = "\x1e", "\x1f"
_CODES = 0xD800
"""Codes are code points below the surrogates (a text of them is marshalled as UTF-8)."""
_FILLER_CODE, _CHANGE_CODE, _CONCEPT_CODES = 0, 1, 2
"""The codes of a filler and a change word; a concept's is its number plus two."""
_FORMAT = "vocabulary tables 4"
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
        "_shortest_first",
        "_stored_words",
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
        self._concepts: tuple[str, ...] | None = None
        self._made: list[Concept | None] = list(concepts)
        place = {id(c): n + _CONCEPT_CODES for n, c in enumerate(concepts)}

        def code(meaning: Concept | str) -> int:
            if isinstance(meaning, Concept):
                return place[id(meaning)]
            return _FILLER_CODE if meaning == FILLER else _CHANGE_CODE

        most = len(concepts) + _CONCEPT_CODES
        self.chinese = Table(*Table.of({k: code(v) for k, v in chinese.items()}, words=False),
                             self._meaning, most, words=False)  # fmt: skip
        self.english = Table(*Table.of({k: code(v) for k, v in english.items()}, words=True),
                             self._meaning, most, words=True)  # fmt: skip
        self.longest = max((len(k) for k in chinese), default=1)
        self._heads: frozenset[str] | None = None
        self._phrase_words: frozenset[str] | None = None
        self._shortest_first: list[str] | None = None
        self._stored_words: tuple[str, str] = ("", "")
        """``heads`` and ``phrase_words`` as the store keeps them, made sets when first asked for
        (a word the English table holds asks for neither)."""
        self._nearest: dict[tuple[str, bool], Near | None] = {}

    def nearest(self, word: str, *, phrases: bool = False) -> Near | None:
        """The nearest word of ``words()`` (``phrases``: of ``phrase_words()``) to ``word``, a typo;
        worked out once per word, however many reports a search reads."""
        asked = (word, phrases)
        if asked not in self._nearest:
            if len(self._nearest) > _ANALYSED_MAX:
                self._nearest.clear()
            known = (
                _of_length(self._phrases_by_length(), len(word), allowed(word)) if phrases else self.words()
            )
            self._nearest[asked] = nearest(word, known)
        return self._nearest[asked]

    def _phrases_by_length(self) -> list[str]:
        """``phrase_words``, shortest first (then in order), as the store keeps them: a typo is
        compared with the words of about its length only."""
        if self._shortest_first is None:
            if self._stored_words[1]:
                self._shortest_first = self._stored_words[1].split(_RS)
            else:
                self._shortest_first = sorted(self.phrase_words(), key=_by_length)
        return self._shortest_first

    def heads(self) -> frozenset[str]:
        """The first words of the English phrases of several words (what a typo of a phrase's
        first word is corrected to: enrgy consumption)."""
        if self._heads is None:
            if self._stored_words[0]:
                self._heads = frozenset(self._stored_words[0].split(_RS)) - {""}
            else:
                self._heads = frozenset(phrase[0] for phrase in self.english if len(phrase) > 1)
        return self._heads

    def phrase_words(self) -> frozenset[str]:
        """Every word of the English phrases."""
        if self._phrase_words is None:
            if self._stored_words[1]:
                self._phrase_words = frozenset(self._phrases_by_length())
            else:
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

    def _meaning(self, code: int) -> Concept | str:
        """A meaning as a table codes it: a filler, a change, or a concept by its number (a table
        holds no code beyond the concepts: ``Table`` checks)."""
        if code == _FILLER_CODE:
            return FILLER
        if code == _CHANGE_CODE:
            return CHANGE
        return self._concept(code - _CONCEPT_CODES)

    def spelled(self, word: str) -> Concept | str | None:
        """The Chinese word of the vocabulary that ``word`` spells whole in pinyin (full syllables
        or initials: jiuye, jy → 就业), and what it means."""
        if self.pinyin is None and self.spelt is not None:
            self.pinyin, self.spelt = self.spelt(), None
        if self.pinyin is None:
            from zzreport import pinyin

            keys = self.chinese.keys()
            spellings: dict[str, int] = {}
            for n in sorted(range(len(keys)), key=lambda n: len(keys[n])):  # shorter words first
                if keys[n].isascii():
                    continue
                for spelling in pinyin.spellings(keys[n]):
                    spellings.setdefault(spelling, n)
            self.pinyin = self.spellings_of(Table.of(spellings, words=False))
        chinese = self.pinyin.get(word)
        return None if chinese is None else self.chinese.get(chinese)

    def spellings_of(self, value: object) -> Table:
        """The spellings table as ``tables`` keeps it: each spelling's value is the row of its
        Chinese word in ``chinese`` (TypeError or ValueError when it is not such a table)."""
        if type(value) is not tuple or len(value) != 2 or not all(type(t) is str for t in value):
            raise TypeError("not the spellings of a vocabulary")
        return Table(*value, self.chinese.key_at, self.chinese.rows(), words=False)

    def tables(self) -> tuple[object, ...]:
        """The vocabulary as plain values (for the store): its form, the concepts (name and terms in
        one text each), the Chinese, English and pinyin tables as ``Table`` texts (two each), the
        longest Chinese word, then ``heads`` and ``phrase_words`` (in one text each), which a
        search would otherwise make of every row of the English table."""
        return (
            _FORMAT,
            tuple(_US.join((c.name, *c.terms)) for c in self.concepts),
            *self.chinese.texts(),
            *self.english.texts(),
            *self._spelt(),
            self.longest,
            _RS.join(sorted(self.heads())),
            _RS.join(self._phrases_by_length()),
        )

    def _spelt(self) -> tuple[str, str]:
        return ("", "") if self.pinyin is None else self.pinyin.texts()

    @classmethod
    def from_tables(cls, tables: object) -> Vocabulary:
        """A vocabulary from ``tables()`` (TypeError or ValueError when they are not such)."""
        if type(tables) is not tuple or len(tables) != 11 or tables[0] != _FORMAT:
            raise TypeError("not the tables of a vocabulary")
        _, concepts, *texts, longest, heads, phrase_words = tables
        if type(concepts) is not tuple or not set(map(type, concepts)) <= {str}:
            raise TypeError("not the tables of a vocabulary")
        if not all(type(t) is str for t in (*texts, heads, phrase_words)) or type(longest) is not int:
            raise TypeError("not the tables of a vocabulary")
        zh, zh_codes, en, en_codes, py, py_codes = texts
        made = cls("")
        made._concepts = concepts
        made._made = [None] * len(concepts)
        most = len(concepts) + _CONCEPT_CODES
        made.chinese = Table(zh, zh_codes, made._meaning, most, words=False)
        made.english = Table(en, en_codes, made._meaning, most, words=True)
        # none kept: spelled, or read from their own entry, when first asked for
        made.pinyin = made.spellings_of((py, py_codes)) if py else None
        made.longest = longest
        made._stored_words = (heads, phrase_words)
        return made

    def words(self) -> set[str]:
        """Every single English word and pinyin spelling the vocabulary knows, for typos."""
        if self.spellings is None:
            self.spelled("")
            assert self.pinyin is not None  # noqa: S101 - filled just above
            self.spellings = set(self.phrase_words()) | {
                s for s, chinese in self.pinyin.items() if len(s) > len(chinese)
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
            made.spelt = lambda: store.derived("spellings", path, _spellings, made.spellings_of)
            _LOADED.append(made)
        else:
            with open(path, "rb") as f:
                _LOADED.append(Vocabulary.from_tables(_made(f.read())))
    return _LOADED[0]


def _made(data: bytes) -> tuple[object, ...]:
    """The vocabulary's tables, without its spellings (``_spellings``)."""
    return Vocabulary(data.decode("utf-8")).tables()


def _spellings(data: bytes) -> tuple[str, str]:
    """Every pinyin spelling of the vocabulary's Chinese words (the costly part, made once), as the
    texts of a ``Table``."""
    made = Vocabulary(data.decode("utf-8"))
    made.spelled("")
    return made._spelt()


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
    it is known to exceed ``most``. Only the cells within ``most`` of the diagonal are worked out
    (any other is further than ``most``), and any count above it is kept as ``most + 1``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    over = most + 1
    size = len(b)
    previous2: list[int] = []
    previous = [j if j <= most else over for j in range(size + 1)]
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        row = [over] * (size + 1)
        row[0] = i if i <= most else over
        low = max(1, i - most)
        for j in range(low, min(size, i + most) + 1):
            cb = b[j - 1]
            cost = previous[j - 1] + (ca != cb)
            if previous[j] < cost:  # a deletion
                cost = previous[j] + 1
            if row[j - 1] < cost:  # an insertion
                cost = row[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2[j - 2] < cost:
                cost = previous2[j - 2] + 1  # two neighbours swapped
            row[j] = cost if cost <= most else over
        if min(row) > most:
            return over
        previous2, previous = previous, row
    return previous[-1]


def _by_length(word: str) -> tuple[int, str]:
    return len(word), word


def _of_length(words: list[str], size: int, most: int) -> list[str]:
    """Those of ``words`` (shortest first) within ``most`` letters of ``size`` long, found by two
    binary searches (not ``bisect``'s: importing it costs a typo's search more than they do)."""
    low, high = 0, len(words)  # the first at least size - most long
    while low < high:
        mid = (low + high) // 2
        if len(words[mid]) < size - most:
            low = mid + 1
        else:
            high = mid
    end, high = low, len(words)  # the first longer than size + most
    while end < high:
        mid = (end + high) // 2
        if len(words[mid]) <= size + most:
            end = mid + 1
        else:
            high = mid
    return words[low:end]


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
    letters = set(word)
    for candidate in known:
        if candidate == word or abs(len(candidate) - len(word)) > most or allowed(candidate) == 0:
            continue
        if len(letters.symmetric_difference(candidate)) > 2 * most:
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
    # A part asked twice (煤煤煤, coal coal: a pasted page repeats its words) asks nothing more, and
    # each part is a pass over every record: each is kept once.
    once: dict[object, Part] = {}
    for part in parts:
        once.setdefault(part.key if part.concept is None else id(part.concept), part)
    return Analysis(list(once.values()), list(dict.fromkeys(change)))


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
