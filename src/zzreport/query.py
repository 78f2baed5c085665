"""Pure functions over a data set: resolving names, listing, comparing and searching.

No I/O, no formatting: every function takes a ``Dataset`` and returns model objects or plain results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from zzreport.errors import AmbiguousQueryError, NoMatchError, UnknownIndicatorError
from zzreport.model import ChangeUnit, Dataset, Indicator, Kind, Scope, Section, SectionId

_NOISE = re.compile(r"[\s._\-·•/()（）\"'“”]+")


def normalize(text: str) -> str:
    """The form names are matched in: case-folded, without spaces and punctuation (PM2.5 = pm25)."""
    return _NOISE.sub("", text.casefold())


def labels(ind: Indicator) -> tuple[str, ...]:
    """Every name a user may type for an indicator."""
    return (ind.id, ind.name, ind.name_en, *ind.aliases)


# ── resolving names ───────────────────────────────────────────────────────────


def resolve(dataset: Dataset, query: str) -> Indicator:
    """The one indicator whose id, name, English name or alias is ``query`` (case and punctuation aside)."""
    key = normalize(query)
    found = [i for i in dataset.indicators if key and key in {normalize(x) for x in labels(i)}]
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousQueryError(query, [i.id for i in found])
    raise UnknownIndicatorError(query, suggest(dataset, query))


def resolve_all(dataset: Dataset, queries: Iterable[str]) -> list[Indicator]:
    """Each query resolved, in order, each indicator once."""
    out: list[Indicator] = []
    for q in queries:
        ind = resolve(dataset, q)
        if ind not in out:
            out.append(ind)
    return out


_SUGGEST_MAX = 64
"""Longer queries get no suggestions: difflib's cost grows with the product of the lengths."""


def suggest(dataset: Dataset, query: str, limit: int = 3) -> list[str]:
    """Ids of the indicators whose labels look most like ``query``."""
    import difflib  # NOTE: only a miss pays for it

    key = normalize(query)
    if not key or len(key) > _SUGGEST_MAX:
        return []
    by_label: dict[str, str] = {}
    for ind in dataset.indicators:
        for label in labels(ind):
            by_label.setdefault(normalize(label), ind.id)
    close = difflib.get_close_matches(key, list(by_label), n=limit * 3, cutoff=0.6)
    # NOTE: substring hits (煤 in 原煤产量) are good hints too, after the close spellings.
    close += [label for label in by_label if len(key) >= 2 and key in label]
    out: list[str] = []
    for label in close:
        if by_label[label] not in out:
            out.append(by_label[label])
    return out[:limit]


def find_section(dataset: Dataset, query: str) -> Section:
    """The section whose id, Chinese or English title is ``query``."""
    key = normalize(query)
    for s in dataset.sections:
        if key in {normalize(s.id), normalize(s.title), normalize(s.title_en)}:
            return s
    ids = ", ".join(s.id for s in dataset.sections)
    raise NoMatchError(f"no section matches {query!r}; sections are: {ids}")


# ── list ──────────────────────────────────────────────────────────────────────


class Has(StrEnum):
    """Filters on what a record carries."""

    VALUE = "value"
    CHANGE = "change"
    RANK = "rank"
    COMPARISON = "comparison"
    PROVINCE = "province"
    HONOUR = "honour"


class SortKey(StrEnum):
    """Orders for ``list``."""

    REPORT = "report"
    ID = "id"
    NAME = "name"
    VALUE = "value"
    CHANGE = "change"


def has(ind: Indicator, what: Has) -> bool:
    """Whether ``ind`` carries ``what``."""
    match what:
        case Has.VALUE:
            return ind.value is not None
        case Has.CHANGE:
            return ind.change is not None
        case Has.RANK:
            return ind.rank is not None
        case Has.COMPARISON:
            return bool(ind.comparisons)
        case Has.PROVINCE:
            return ind.rank_scope is Scope.PROVINCE or any(
                c.benchmark.startswith("province") for c in ind.comparisons
            )
        case Has.HONOUR:
            return ind.kind is Kind.HONOUR


def contains(ind: Indicator, text: str) -> bool:
    """Whether ``text`` occurs in any of the record's names (case and punctuation aside)."""
    key = normalize(text)
    return any(key in normalize(label) for label in labels(ind))


def list_indicators(
    dataset: Dataset,
    *,
    section: SectionId | None = None,
    having: Sequence[Has] = (),
    text: str | None = None,
    sort: SortKey = SortKey.REPORT,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Indicator]:
    """Indicators filtered and ordered.

    Sorting by value groups by unit first (亿元 and % cannot be ordered together) and puts records
    without the sorted field last, whichever the direction.
    """
    rows = [
        i
        for i in dataset.indicators
        if (section is None or i.section == section)
        and all(has(i, h) for h in having)
        and (text is None or contains(i, text))
    ]
    if sort is not SortKey.REPORT or reverse:
        rows = _sorted(rows, sort, reverse)
    return rows if limit is None else rows[:limit]


def _sorted(rows: list[Indicator], sort: SortKey, reverse: bool) -> list[Indicator]:
    match sort:
        case SortKey.REPORT:
            return rows[::-1] if reverse else rows
        case SortKey.ID:
            return sorted(rows, key=lambda i: i.id, reverse=reverse)
        case SortKey.NAME:
            return sorted(rows, key=lambda i: i.name, reverse=reverse)
        case SortKey.VALUE:
            present = [i for i in rows if i.value is not None]
            units = list(dict.fromkeys(i.unit for i in present))
            grouped = []
            for unit in units:
                same = [i for i in present if i.unit == unit]
                grouped += sorted(same, key=lambda i: i.value or 0, reverse=reverse)
            return grouped + [i for i in rows if i.value is None]
        case SortKey.CHANGE:
            present = [i for i in rows if i.change is not None]
            ordered = sorted(present, key=lambda i: (i.change_unit or "", i.change or 0), reverse=reverse)
            return ordered + [i for i in rows if i.change is None]


def section_counts(dataset: Dataset) -> list[tuple[Section, int, int]]:
    """Each section with its numbers of figures and honours."""
    out = []
    for s in dataset.sections:
        here = [i for i in dataset.indicators if i.section == s.id]
        honours = sum(i.kind is Kind.HONOUR for i in here)
        out.append((s, len(here) - honours, honours))
    return out


# ── compare ───────────────────────────────────────────────────────────────────

_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True, slots=True, kw_only=True)
class Compared:
    """One indicator of a comparison, related to the first one named."""

    indicator: Indicator
    """The indicator."""
    share_of_first: Decimal | None
    """Its value as a percentage of the first indicator's, when both share a unit (two decimals)."""
    change_gap: Decimal | None
    """Its change minus the first one's, in percentage points, when both changes are in %."""


def compare(dataset: Dataset, queries: Sequence[str]) -> list[Compared]:
    """The named indicators, each related to the first."""
    inds = resolve_all(dataset, queries)
    base = inds[0]
    out = []
    for ind in inds:
        share = gap = None
        if ind is not base and ind.unit == base.unit and ind.value is not None and base.value:
            share = (ind.value / base.value * 100).quantize(_HUNDREDTH, ROUND_HALF_EVEN)
        if (
            ind is not base
            and ind.unit == base.unit
            and ind.change is not None
            and base.change is not None
            and ind.change_unit is ChangeUnit.PERCENT
            and base.change_unit is ChangeUnit.PERCENT
        ):
            gap = ind.change - base.change
        out.append(Compared(indicator=ind, share_of_first=share, change_gap=gap))
    return out


# ── search ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One search result."""

    indicator: Indicator
    """The record found."""
    score: int
    """Higher is better: 100 exact name, 80 prefix, 70 substring, 50-60 pinyin, 20-40 other text."""
    field: str
    """Which field matched: id, name, name_en, alias, pinyin, section, note."""
    span: tuple[int, int] | None
    """Characters of ``indicator.name`` that matched, for highlighting."""


def search(dataset: Dataset, text: str, *, limit: int | None = None) -> list[SearchHit]:
    """Records matching ``text``, best first; raises ``NoMatchError`` with hints when none does."""
    key = normalize(text)
    if not key:
        raise NoMatchError("nothing to search for: give a word, a name or pinyin")
    titles = {s.id: normalize(s.title) + " " + normalize(s.title_en) for s in dataset.sections}
    ascii_query = key.isascii() and key.isalnum()
    hits = []
    for ind in dataset.indicators:
        hit = _score(ind, key, titles[ind.section], pinyin=ascii_query and len(key) >= 2)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: -h.score)  # NOTE: stable, so equal scores keep report order
    if not hits:
        hints = suggest(dataset, text)
        hint = f"; closest: {', '.join(hints)}" if hints else ""
        raise NoMatchError(f"nothing matches {text!r}{hint}")
    return hits if limit is None else hits[:limit]


def _score(ind: Indicator, key: str, section_title: str, *, pinyin: bool) -> SearchHit | None:
    name = normalize(ind.name)
    fields = [("id", normalize(ind.id)), ("name", name), ("name_en", normalize(ind.name_en))]
    fields += [("alias", normalize(a)) for a in ind.aliases]
    best: tuple[int, str] | None = None
    for field, value in fields:
        score = 100 if value == key else 80 if value.startswith(key) else 70 if key in value else 0
        if field == "name_en" and score:
            score -= 10  # NOTE: English words are long; a substring of one is a weaker hit
        if score and (best is None or score > best[0]):
            best = (score, field)
    span = _name_span(ind.name, key)
    if best is None and pinyin:
        from zzreport import pinyin as py

        match = py.find(key, ind.name)
        if match is not None:
            best, span = (60 if match.full else 50, "pinyin"), match.span
    if best is None:
        extra = " ".join(x for x in (ind.note, ind.rank_of, ind.rank_of_en, ind.written) if x)
        if key in section_title:
            best = (30, "section")
        elif key in normalize(extra):
            best = (20, "note")
    if best is None:
        return None
    return SearchHit(indicator=ind, score=best[0], field=best[1], span=span)


def _name_span(name: str, key: str) -> tuple[int, int] | None:
    start = name.casefold().find(key)
    return (start, start + len(key)) if start >= 0 else None
