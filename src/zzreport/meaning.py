"""Search by what a query means, beside what it says: the parts ``vocabulary.analyse`` finds in it
(concepts, words), each matched against a record, typos and homophones corrected, a question about
a change ranked by whether a record states one. Builtins only: both paths search with it through
``searching.found``.
"""

from __future__ import annotations

from zzreport import vocabulary
from zzreport.match import (
    WORDS_BELOW,
    JoinedLabels,
    Scored,
    compact,
    containing,
    has_change,
    is_pinyin,
    names,
    order,
    ranked,
    score,
    spoken,
    words,
)
from zzreport.vocabulary import Part

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

Hits = dict[int, tuple[int, str]]
"""Records one part matches: record number → (score, matched field)."""

TYPO_BELOW = 10
"""A record found through a corrected spelling ranks this much below the same found as typed."""
CHANGE_ABOVE = 3
"""A question about a change (growth, 增速) ranks records that state one this much higher..."""
NO_CHANGE_BELOW = 15
"""... and records that neither state one nor name one (主要指标增速) this much lower."""
FULL_PINYIN = 60
"""``match.score`` of a name spelled whole by full readings."""
TOPIC_ABOVE = 25
"""A concept's term as a record's topic is what the record is about: as strong as the term inside
its name (a word's topic found as written is weaker evidence)."""
TERM_BELOW = 10
"""Each term of a concept after its main measure ranks this much lower: 就业 finds 新增城镇就业
before the records that merely mention jobs."""


def _english_start(points: int, field: str) -> bool:
    """Whether a hit of the words as typed stands beside a concept's: an exact name, or English that
    begins a name or an alias (energy: Energy intensity; not ...business environment quality)."""
    return points >= 100 or (field == "name_en" and points >= 70) or (field == "alias" and points >= 80)


def understood(analysis: vocabulary.Analysis) -> bool:
    """Whether a query means more than its words: it names a concept or asks for a change."""
    return bool(analysis.change) or any(p.concept is not None for p in analysis.parts)


def merged(
    analysis: vocabulary.Analysis, scored: Scored, labels: Sequence[tuple[str, ...]], titles: dict[str, str]
) -> Scored:
    """``scored`` (the query matched as written) merged with what the query means (``analysis``):
    every part of it must match a record, and the record ranks by its weakest part. A query that is
    one concept keeps, of what it found as written, only exact names and English text: 人口 is a
    population figure, not every name that holds the characters (脱贫人口人均纯收入)."""
    parts = analysis.parts
    if not parts or (scored and not understood(analysis)):
        return scored  # the words as typed found something, and they mean nothing more
    if len(parts) == 1 and parts[0].concept is not None:
        scored = [hit for hit in scored if _english_start(*hit[0])]
    found = _every_part(parts, labels, titles)
    if found is None:
        return scored
    hits, typo = found
    below = (WORDS_BELOW if len(parts) > 1 else 0) + (TYPO_BELOW if typo else 0)
    best = {n: hit for hit, n in scored}
    for n, (points, field) in hits.items():
        if n not in best or points - below > best[n][0]:
            best[n] = (points - below, field)
    if analysis.change:
        _rank_by_change(best, analysis.change, labels)
    out = [(hit, n) for n, hit in best.items()]
    out.sort(key=lambda s: order(s[0][0], labels[s[1]]))
    return out


def _every_part(
    parts: list[Part], labels: Sequence[tuple[str, ...]], titles: dict[str, str]
) -> tuple[Hits, bool] | None:
    """The records every part matches, each with its weakest part's score and field, and whether
    a spelling was corrected; None when some part matches nothing."""
    hits: Hits | None = None
    typo = False
    for part in parts:
        found = part_hits(part, labels, titles)
        if not found and part.concept is None:
            fixed = _corrected(part, labels, titles)
            if fixed is None:
                return None
            typo = True
            if fixed.concept is None and not fixed.key:
                continue  # a misspelt question or change word: nothing to match
            found = part_hits(fixed, labels, titles) if fixed.key else {}
        hits = found if hits is None else {n: min(hits[n], found[n]) for n in hits if n in found}
        if not hits:
            return None
    return (hits or {}), typo


def _rank_by_change(best: Hits, asked: list[str], labels: Sequence[tuple[str, ...]]) -> None:
    """A question about a change: records that state one, or name one (主要指标增速), up; the
    others, which answer half of it, down. Exact names keep their place."""
    for n, (points, field) in best.items():
        entry = labels[n]
        if points >= 100:
            continue
        named = any(w in compact(label) for w in asked for label in names(entry))
        best[n] = (points + CHANGE_ABOVE if has_change(entry) or named else points - NO_CHANGE_BELOW, field)


def part_hits(part: Part, labels: Sequence[tuple[str, ...]], titles: dict[str, str]) -> Hits:
    """The records one part of a query matches, with the score and field of each: a word as
    ``match.score`` scores it (an English word by its stem too), a concept by its terms, its main
    measure first."""
    hits: Hits = {}

    def keep(n: int, points: int, field: str) -> None:
        if n not in hits or points > hits[n][0]:
            hits[n] = (points, field)

    if part.concept is None:
        stemmed = vocabulary.stem(part.key) if part.key.isascii() else part.key
        for key in dict.fromkeys((part.key, stemmed)):  # companies → compan, found in "company"
            sounded = spoken(labels, key) if is_pinyin(key) else None
            for (points, field), n in ranked(
                len(labels), labels.__getitem__, key, titles, containing(labels, key), spoken=sounded
            ):
                keep(n, points, field)
        return hits
    for i, term in enumerate(part.concept.terms):
        for n in containing(labels, term):
            hit = score(labels[n], term, "", pinyin=False)
            if hit is not None:
                keep(n, hit[0] + (TOPIC_ABOVE if hit[1] == "topic" else 0) - TERM_BELOW * i, hit[1])
    return hits


def _corrected(part: Part, labels: Sequence[tuple[str, ...]], titles: dict[str, str]) -> Part | None:
    """What a word that matches nothing stands for, or None: a Chinese word through its sound
    (收如 for 收入) or less a character at either end (争取到 for 争取); an English or pinyin word
    by its closest spelling (polution → pollution, jiuyie → 就业). A question or change word
    misspelt comes back as a part without a key."""
    if not part.key.isascii():  # one hanzi has too many homophones to read one as a typo
        return (_homophone(part, labels, titles) if len(part.key) > 1 else None) or _shorter(
            part, labels, titles
        )
    vocab = vocabulary.vocabulary()
    near = vocab.nearest(part.key, phrases=True)
    fixed = None if near is None else near[2]
    if fixed is None:  # not a word of the vocabulary: pinyin of one, or a word of this report
        stored = labels.sounds if isinstance(labels, JoinedLabels) else None
        if stored is not None:
            spelt: set[str] | tuple[str, ...] = stored[2]  # kept with the labels when stored
        else:
            blob = (
                labels.blob
                if isinstance(labels, JoinedLabels)
                else "\x1e".join("\x1f".join(e) for e in labels)
            )
            spelt = words(blob)
        found = [n for n in (vocab.nearest(part.key), vocabulary.nearest(part.key, spelt)) if n is not None]
        fixed = min(found)[2] if found else None  # the nearest of the vocabulary's words and the report's
    if fixed is None:
        return None
    meaning = vocab.english.get((vocabulary.stem(fixed),)) or vocab.spelled(fixed)
    if isinstance(meaning, str):
        return Part("")
    return Part(fixed, meaning)


def _homophone(part: Part, labels: Sequence[tuple[str, ...]], titles: dict[str, str]) -> Part | None:
    """A Chinese word's full pinyin, when it spells a name: a hanzi typed for another of the same
    reading (the commonest typo of pinyin input) still spells the name."""
    from zzreport import pinyin

    for spelling in pinyin.spellings(part.key):
        if len(spelling) > len(part.key):  # full readings only, not initials
            if spoken(labels, spelling, whole=True) == [] and not containing(labels, spelling):
                continue  # spelt by whole readings nowhere (nor written): no name to score
            sound = Part(spelling)
            found = part_hits(sound, labels, titles).values()
            if any(field == "pinyin" and points == FULL_PINYIN for points, field in found):
                return sound  # every character by its whole reading: a homophone, not a likeness
    return None


def _shorter(part: Part, labels: Sequence[tuple[str, ...]], titles: dict[str, str]) -> Part | None:
    """A Chinese word less one character at either end, as long as two remain, when that finds
    something: a word the vocabulary does not know may run on into a verb's complement."""
    for shorter in (part.key[:-1], part.key[1:]) if len(part.key) > 2 else ():
        if part_hits(Part(shorter), labels, titles):
            return Part(shorter)
    return None
