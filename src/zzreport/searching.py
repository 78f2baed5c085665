"""Searching a report's records for a query: the whole query, what it means, and word by word.

Builtins only: both the full command path (``query``) and the look-up path that answers from the
store (``fast``) search with ``found``, so the two cannot disagree. It joins what ``match`` scores
(one label against one key) with what ``meaning`` reads a query to mean (concepts, fillers,
typos), which itself builds on ``match``: this module stands above both.
"""

from __future__ import annotations

from zzreport.match import (
    WORDS_BELOW,
    Scored,
    _word,
    compact,
    containing,
    is_pinyin,
    names,
    normalize,
    order,
    ranked,
    score,
    spoken,
)

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def found(text: str, labels: Sequence[tuple[str, ...]], titles: dict[str, str]) -> Scored:
    """Records matching a search for ``text``, as ``((score, field), n)``, best first.

    The whole query is matched first; a query of several words (``GDP growth``, ``coal output``)
    also finds records where every word matches somewhere, in any order, ranked by the weakest
    word and below what the whole query found equally well. A Chinese query that finds nothing
    whole is tried as two words (经济增速 as 经济 增速).
    """
    key = normalize(text)
    if not key:
        return []
    if _rank_phrase(key):  # 全市第一 is a rank or nothing: never 全省第一 by a near spelling
        return _without_sections(
            ranked(len(labels), labels.__getitem__, key, titles, containing(labels, key))
        )
    from zzreport import meaning, vocabulary  # what the query means: concepts, fillers, typos

    analysis = vocabulary.analyse(text)
    understood = meaning.understood(analysis)
    # A query that is one concept keeps of its words as written only exact and English names, so
    # trying it as pinyin (the costly part of a search) would be wasted.
    concept = understood and len(analysis.parts) == 1 and not analysis.change
    candidates = containing(labels, key)
    # The records the key may spell in pinyin, found only when it is tried as pinyin: not for a
    # concept, unless nothing is found as it means.
    sounded = spoken(labels, key) if not concept and is_pinyin(key) else None
    scored = ranked(
        len(labels), labels.__getitem__, key, titles, candidates, spelled=not concept, spoken=sounded
    )
    meant = meaning.merged(analysis, scored, labels, titles) if understood else []
    if meant or (understood and all(p.concept is not None for p in analysis.parts)):
        # Each part matched as what it means; a query of known words only is not read as typed
        # when that finds nothing (人口 is no part of 脱贫人口人均纯收入), but may name a section.
        if not meant:
            named = {sid for sid, title in titles.items() if key in compact(title)}
            meant = [((30, "section"), n) for n in range(len(labels)) if named and labels[n][-1] in named]
        return _without_sections(meant)
    if concept:  # nothing found as meant: the words as typed, pinyin too
        sounded = spoken(labels, key) if is_pinyin(key) else None
        scored = ranked(len(labels), labels.__getitem__, key, titles, candidates, spoken=sounded)
    words = list(dict.fromkeys(w for w in (normalize(part) for part in text.split()) if w))
    if len(words) > 1:  # every word somewhere
        whole = {n for _, n in scored}
        scored += [hit for hit in _every_word(labels, words, titles) if hit[1] not in whole]
        scored.sort(key=lambda s: order(s[0][0], labels[s[1]]))
    elif not scored and not _word(key[0]) and 4 <= len(key) <= _SPLIT_MAX:
        scored = _two_words(labels, key, titles)  # a Chinese compound as two words
    if not understood:
        scored = meaning.merged(analysis, scored, labels, titles)  # typos, when nothing is found
    return _without_sections(scored)


_SCOPES = ("全自治区", "全地区", "全国", "全省", "全市", "全州", "全盟", "全县", "全区", "全旗")
_NUMERALS = frozenset("0123456789一二三四五六七八九十百")


def _rank_phrase(key: str) -> bool:
    """Whether a query is a rank in words (全盟第三, 全省唯一, 全国前10): found as written, or not at
    all. Builtins only: the look-up path reads this."""
    scope = next((s for s in _SCOPES if key.startswith(s)), None)
    if scope is None:
        return False
    rest = key[len(scope) :]
    if rest in ("唯一", "首位"):
        return True
    body = rest[1:].rstrip("位名") if rest[:1] in ("第", "前") else ""
    return bool(body) and all(c in _NUMERALS for c in body)


def _without_sections(scored: Scored) -> Scored:
    """A section's title finds its records only when nothing finds a record by its own text: the
    loans of the services section are no answer to "tourism"."""
    if any(field != "section" for (_, field), _ in scored):
        return [hit for hit in scored if hit[0][1] != "section"]
    return scored


_SPLIT_MAX = 12
"""Up to this many characters, a Chinese query that finds nothing whole is tried as two words."""


def _two_words(labels: Sequence[tuple[str, ...]], key: str, titles: dict[str, str]) -> Scored:
    """Chinese is written without spaces: 经济增速 finds nothing whole, but 经济 + 增速 does. Each
    split into two words of two or more characters is tried; the one whose best hit scores highest
    wins (the shorter first word when equal)."""
    best: Scored = []
    for at in range(2, len(key) - 1):
        hits = _every_word(labels, [key[:at], key[at:]], titles)
        if hits:
            hits.sort(key=lambda s: order(s[0][0], labels[s[1]]))
            if not best or hits[0][0][0] > best[0][0][0]:
                best = hits
    return best


def _every_word(labels: Sequence[tuple[str, ...]], words: list[str], titles: dict[str, str]) -> Scored:
    candidates: set[int] | None = None
    for word in words:
        if any(word in title for title in titles.values()):
            continue  # may match records whose text lacks it
        sounded = spoken(labels, word) if is_pinyin(word) else ()
        if sounded is None:
            continue  # may spell any record in pinyin
        here = {*containing(labels, word), *sounded}
        candidates = here if candidates is None else candidates & here
    out = []
    for n in sorted(candidates) if candidates is not None else range(len(labels)):
        entry = labels[n]
        title = titles.get(entry[-1], "")
        each = [score(entry, w, title, pinyin=is_pinyin(w)) for w in words]
        hits = [hit for hit in each if hit is not None]
        if len(hits) == len(words):
            points, field = min(hits, key=lambda hit: hit[0])  # the weakest word says why it was found
            out.append(((points - WORDS_BELOW, field), n))
    return out


# ── hints for a miss ──────────────────────────────────────────────────────────


HINTS = 3
"""Names a miss offers: those closest to what was asked, of the first reports that have any."""

Hint = tuple[str, str]
"""A record a miss points to: its id, and it named in both languages (``hint``)."""


def hint(iid: object, name: object, name_en: object) -> Hint:
    """A record named for a hint, in both languages: ``gdp (地区生产总值, Gross regional product)``."""
    return str(iid), f"{iid} ({', '.join(str(n) for n in (name, name_en) if n)})"


def unknown(query: str, each_report: Iterable[Iterable[Hint]]) -> Exception:
    """The refusal of a name no report knows (``UnknownIndicatorError``), with the first ``HINTS``
    distinct records of each report's hints in turn; once that many are found no later report is
    asked (each report's hints are made only when they are read), as they would only come after."""
    from zzreport.errors import UnknownIndicatorError

    hints: dict[str, str] = {}
    for hints_here in each_report:
        for iid, text in hints_here:
            hints.setdefault(iid, text)
        if len(hints) >= HINTS:
            break
    close = list(hints)[:HINTS]
    return UnknownIndicatorError(query, close, [hints[i] for i in close])


def nothing(text: str, hints: Iterable[Hint]) -> Exception:
    """The refusal of a search that finds nothing (``NoMatchError``), with the first report's hints."""
    from zzreport.errors import NoMatchError, shown

    named = [described for _, described in hints]
    return NoMatchError(f"nothing matches {shown(text)}{'; closest: ' + ', '.join(named) if named else ''}")


_SUGGEST_MAX = 64
"""Longer queries get no suggestions: difflib's cost grows with the product of the lengths."""
_SHORTLIST = 2000
"""Above this many labels, only the ones sharing most characters with the query are compared
closely, so that a miss in a large collection costs a linear pass, not a quadratic one."""


_WORDS_MAX = 2_000
"""Up to this many records, a miss is also searched word by word for hints."""


def closest(
    labels: Sequence[tuple[str, ...]], titles: dict[str, str], query: str, limit: int = HINTS
) -> list[int]:
    """The records whose labels look most like ``query``, by position, for the hint of a miss:
    close spellings first, then labels that contain it (煤 in 原煤产量), then, in smaller reports,
    what its words find. Both paths give their hints from here, the look-up path from the stored
    labels: a miss never loads a report whole."""
    import difflib  # only a miss pays for it
    import heapq

    key = normalize(query)
    if not key or len(key) > _SUGGEST_MAX:
        return []
    by_label: dict[str, int] = {}
    for n in range(len(labels)) if len(labels) <= SIEVE else sieved(labels, key):
        for label in names(labels[n]):
            by_label.setdefault(label, n)
    candidates: list[str] = list(by_label)
    if len(candidates) > _SHORTLIST:
        # Two cheap sieves before difflib: the labels sharing most of the query's characters (and
        # closest in length), then of those the ones sharing most of its character pairs.
        chars, pairs = set(key), pairs_of(key)
        candidates = heapq.nlargest(
            _SHORTLIST,
            candidates,
            key=lambda label: (len(chars.intersection(label)), -abs(len(label) - len(key))),
        )
        candidates = heapq.nlargest(limit * 20, candidates, key=lambda label: len(pairs & pairs_of(label)))
    close = difflib.get_close_matches(key, candidates, n=limit * 3, cutoff=0.6)
    if len(key) >= 2:
        close += [label for label in by_label if key in label]
    picked: list[int] = []
    for label in close:
        if by_label[label] not in picked:
            picked.append(by_label[label])
    if len(picked) < limit and len(labels) <= _WORDS_MAX:
        # Words rather than spellings: "fiscal revenue" is no misspelling of any name, but its words
        # find the budget revenue (by its topic and its English name). A search costs a pass over
        # every record (with pinyin for ASCII words), so very large collections skip it.
        picked += [n for _, n in found(query, labels, titles) if n not in picked]
    if len(picked) < limit:
        # Last, the names sharing most pairs of characters with the query (不存在的指标 → 主要指标增速),
        # so that a miss always ends with somewhere to go when any name shares a pair with it.
        pairs = pairs_of(key)  # among the shortlist, in a large collection
        sharing = heapq.nlargest(limit * 3, candidates, key=lambda label: len(pairs & pairs_of(label)))
        picked += [by_label[x] for x in sharing if pairs & pairs_of(x)]
    return list(dict.fromkeys(picked))[:limit]  # a record whose name and alias are both close, once


SIEVE = 2_000
"""Above this many records, a miss compares closely only the records ``sieved`` keeps..."""
_PER_PAIR = 2_000
"""... which reads at most this many records holding each pair of the query's characters."""


def sieved(entries: Sequence[tuple[str, ...]], key: str) -> list[int]:
    """The records (in report order, at most ``SIEVE``) sharing most pairs of characters with
    ``key``, and those holding it whole: each pair found by a scan in C that stops after
    ``_PER_PAIR`` records, so a miss costs bounded time and memory however large the collection.
    A pair found that often says little (every record of "Record number N" has "re"): it counts
    only when no rarer pair finds anything."""
    import heapq

    shared: dict[int, int] = dict.fromkeys(containing(entries, key, most=_PER_PAIR), len(key))
    common: dict[int, int] = {}
    for pair in sorted(pairs_of(key)):
        found = containing(entries, pair, most=_PER_PAIR, spaced=True)
        counts = common if len(found) == _PER_PAIR else shared
        for n in found:
            counts[n] = counts.get(n, 0) + 1
    shared = shared or common
    return sorted(heapq.nlargest(SIEVE, shared, key=lambda n: (shared[n], -n)))


def pairs_of(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}
