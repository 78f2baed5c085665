"""Matching ASCII queries against Chinese names by pinyin: full syllables (meitan) or initials (mt).

The readings come from ``pinyin.txt``, generated from pypinyin; the store keeps those of a report's
characters with its labels (``learn``), so a warm search reads the table only for a character it
does not hold, and other commands never.
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


_TEXT: list[str] = []
"""``pinyin.txt``, one line a reading with its characters, read on first use. Look-ups read it as
it is (a character's readings are the lines it stands on), which is quicker than building a table
of every character for the few a search meets."""
_READINGS: dict[str, tuple[str, ...]] = {}
"""The readings looked up so far."""
_LETTER_SETS: dict[str, frozenset[str]] = {}
"""For each letter asked for, the characters one of whose readings begins with it: a name holding
none of those of a query's first letter cannot be spelled by it."""


def _text() -> str:
    if not _TEXT:
        # Beside this module, as ``bundled`` finds the report: importlib.resources costs start-up time.
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pinyin.txt"), "rb") as f:
            # bytes decoded at once, without a text layer (which would also have made \r\n one \n)
            _TEXT.append("\n" + f.read().decode("utf-8").replace("\r\n", "\n"))
    return _TEXT[0]


def readings(char: str) -> tuple[str, ...]:
    """Toneless readings of one character, in the table's order; ASCII letters and digits read as
    themselves."""
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    if char not in _READINGS:
        for chars, kept in _LEARNT:
            at = chars.find(char)
            if at >= 0:
                _READINGS[char] = tuple(kept[at].split())
                return _READINGS[char]
        text = _text()
        found: list[str] = []
        at = text.find(char)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            found.append(text[start : text.index(" ", start)])
            at = text.find(char, at + 1)
        _READINGS[char] = tuple(found)
    return _READINGS[char]


def readings_text(chars: str) -> str:
    """The readings of each of ``chars`` as one text, for the store to keep (``learn``)."""
    return ",".join(" ".join(readings(c)) for c in chars)


_LEARNT: list[tuple[str, list[str]]] = []
"""Characters with their readings as the store kept them (``learn``), looked in before the table."""


def learn(chars: str, text: str) -> None:
    """Take the readings of ``chars`` from ``text`` (``readings_text``, as the store kept it with a
    report's labels) instead of looking each up in the table: a search in pinyin meets a few
    hundred characters, and a look-up costs a scan of the table. Each is read when first asked for."""
    if chars and chars not in (known for known, _ in _LEARNT):
        if len(_LEARNT) >= _LEARNT_MAX:
            _LEARNT.pop(0)
        _LEARNT.append((chars, text.split(",")))


_LEARNT_MAX = 16
"""Reports whose readings are kept at once (a folder's reports mostly share their characters)."""


def starting(chars: str, text: str, letter: str) -> set[str]:
    """Those of ``chars`` one of whose readings begins with ``letter``, read from ``text`` (their
    readings as ``readings_text`` wrote them, kept by the store): found by scans in C of that text
    instead of the table, which a search need then not read."""
    places = [-1] if text.startswith(letter) else []
    for mark in (",", " "):  # a reading begins after a comma (a character) or a space (another)
        at = text.find(mark + letter)
        while at >= 0:
            places.append(at)
            at = text.find(mark + letter, at + 1)
    found: set[str] = set()
    n, counted = 0, 0
    for at in sorted(places):  # the character is the number of commas up to the reading
        n += text.count(",", counted, at + 1)
        counted = at + 1
        found.add(chars[n])
    return found


def _may_start(query: str, name: str) -> bool:
    """A quick test that ``query`` may spell a stretch of ``name``: some character's reading begins
    with the query's first two letters, or one beginning with its first letter stands before one
    beginning with its second (the first spelled by its initial alone)."""
    lowered = name.lower() if not name.islower() else name
    first = _beginning_with(query[0])
    if first.isdisjoint(lowered):
        return False
    if len(query) < 2 or not _beginning_with(query[:2]).isdisjoint(lowered):
        return True
    from itertools import pairwise  # built in: no import cost

    second = _beginning_with(query[1])
    return any(a in first and b in second for a, b in pairwise(lowered))


def _beginning_with(letters: str) -> frozenset[str]:
    """The characters of the lines whose reading begins with ``letters`` (they stand together: the
    table is sorted by reading)."""
    if letters not in _LETTER_SETS:
        text = _text()
        start = text.find("\n" + letters)
        chars: frozenset[str] = frozenset()
        if start >= 0 and letters.isascii() and letters.isalpha():
            end = start + 1
            while True:
                nxt = text.find("\n", end)
                if nxt < 0 or not text.startswith(letters, nxt + 1):
                    end = len(text) if nxt < 0 else nxt
                    break
                end = nxt + 1
            chars = frozenset(text[start:end]).difference(_ASCII)  # a set of the stretch, in C
        # ASCII in a name reads as itself: "pm" in PM2.5浓度
        _LETTER_SETS[letters] = chars | {letters} if len(letters) == 1 else chars
    return _LETTER_SETS[letters]


_ASCII = frozenset(map(chr, range(128)))

_FOUND: dict[tuple[str, str], Match | None] = {}
"""Answers of ``find``: a search asks the same of every record's topics (经济, 工业 ...)."""


def find(query: str, name: str, *, screen: bool = True) -> Match | None:
    """Where ``query`` spells ``name`` (``_find``), each pair worked out once. ``screen`` False
    skips the quick test of the first letters (``_may_start``), which reads the table: for one of
    a few candidate names (those a search found spelt or holding the key) that read costs more
    than spelling them out. Either way the answer is the same."""
    pair = (query, name)
    if pair not in _FOUND:
        if len(_FOUND) > 100_000:
            _FOUND.clear()
        _FOUND[pair] = _find(query, name, screen)
    return _FOUND[pair]


def _find(query: str, name: str, screen: bool = True) -> Match | None:
    """The first, fullest place where ``query`` spells consecutive characters of ``name``.

    Each character may be spelled by its whole reading or by a prefix of it (m, me, mei), so full
    pinyin, initials and mixtures all match.
    """
    query = query.lower()
    if len(query) > _LONGEST * len(name) or len(query) > LONGEST_QUERY or not query:
        return None  # cannot match (or is no pinyin anyone types), and would cost much to find out
    if screen and not _may_start(query, name):
        return None
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


def spells_at(query: str, text: str, at: int, whole: bool = False) -> bool:
    """Whether ``query`` (lower case) spells consecutive characters of ``text`` from ``text[at]``
    on, each by its whole reading or a beginning of one (``whole``: by its whole reading), as
    ``find`` reads a name: a character without a reading (a separator, a space, punctuation) ends
    every spelling. Each place of the query and of the text is tried once, so the work is bounded
    by their lengths. (``_find`` takes the same steps, and also tells where a spelling ends and
    whether it is full; this only tells whether there is one, for a scan of many places.)"""
    todo = [(at, 0)]
    seen: set[tuple[int, int]] = set()
    while todo:
        state = todo.pop()
        i, pos = state
        if pos == len(query):
            return True
        if i >= len(text) or state in seen:
            continue
        seen.add(state)
        for reading in readings(text[i]):
            if whole:
                if query.startswith(reading, pos):
                    todo.append((i + 1, pos + len(reading)))
                continue
            for size in range(min(len(reading), len(query) - pos), 0, -1):
                if query.startswith(reading[:size], pos):
                    todo.append((i + 1, pos + size))
    return False


SPELLINGS_MAX = 64
"""Readings of a word tried at most (a word of several characters that each have many readings
is spelled in its commonest combinations only)."""


def spellings(word: str) -> list[str]:
    """Ways to type ``word`` in pinyin: each combination of its characters' readings in full
    (就业: jiuye) and by their initials (jy); none when a character has no reading."""
    spelled = [""]
    for char in word:
        options = readings(char)
        if not options:
            return []
        spelled = [s + r for s in spelled for r in options][:SPELLINGS_MAX]
    initials = {"".join(r[0] for r in _split(s, word)) for s in spelled}
    return [*spelled, *sorted(initials - set(spelled))]


def _split(spelled: str, word: str) -> list[str]:
    """The readings of ``word`` that ``spelled`` is made of, in order."""
    out: list[str] = []
    at = 0
    for char in word:
        for reading in sorted(readings(char), key=len, reverse=True):
            if spelled.startswith(reading, at):
                out.append(reading)
                at += len(reading)
                break
    return out


_SYLLABLES = (
    " a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can"
    " cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai"
    " chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei deng"
    " di dia dian diao die ding diu dong dou du duan dui dun duo e ei en er fa fan fang fei fen"
    " feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun"
    " guo ha hai han hang hao he hei hen heng hng hong hou hu hua huai huan huang hui hun huo ji"
    " jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken"
    " keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia"
    " lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me"
    " mei men meng mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng"
    " ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei"
    " pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu"
    " quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se"
    " sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang"
    " shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao"
    " tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang"
    " xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu"
    " yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng"
    " zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo "
)
"""Every reading of the table (mei, tan, zhuang ...), each between two spaces: a syllable is found
in it by ``str.find`` in C (`` mei ``), and a beginning of one too (`` me``). Pinyin has a closed
set of syllables; written here, a search need not read the table to tell whether a word may be
pinyin (a test holds it to the table's readings)."""
_POSSIBLE: dict[str, bool] = {}
_VOWELS = frozenset("aeiouv")


def possible(word: str) -> bool:
    """Whether a lower-case ASCII word may be pinyin people type: whole syllables (meitan, jiu ye),
    the last one perhaps cut short (meit), or initials alone (mt, xnyzj: no vowel). English words
    are seldom either (coal, energy, growth), so they are never tried as pinyin."""
    if word not in _POSSIBLE:
        if len(_POSSIBLE) > 10_000:
            _POSSIBLE.clear()
        _POSSIBLE[word] = _possible(word)
    return _POSSIBLE[word]


def _possible(word: str) -> bool:
    if not word.isalpha() or not word.isascii():
        return False
    if _VOWELS.isdisjoint(word):
        return True
    syllables = _SYLLABLES
    ends = {0}
    for at in range(len(word)):
        if at not in ends:
            continue
        if f" {word[at:]}" in syllables:
            return True  # the rest is a syllable, or the start of one
        ends.update(
            at + size
            for size in range(1, min(_LONGEST, len(word) - at) + 1)
            if f" {word[at : at + size]} " in syllables
        )
    return False
