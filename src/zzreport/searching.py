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
    normalize,
    order,
    ranked,
    score,
    spoken,
)

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence


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
    sounded = spoken(labels, key) if is_pinyin(key) else None
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
