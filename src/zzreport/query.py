"""Pure functions over a data set: resolving names, listing, comparing and searching.

No I/O, no formatting: every function takes a ``Dataset`` and returns model objects or plain results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from enum import StrEnum

from zzreport import ordering, places, searching
from zzreport.errors import (
    AmbiguousQueryError,
    NoMatchError,
    UsageError,
    shown,
    shown_path,
)
from zzreport.match import named, normalize, spaced, title_label
from zzreport.model import (
    Across,
    ChangeUnit,
    Compared,
    Dataset,
    Indicator,
    Kind,
    Matched,
    NotComputed,
    Report,
    Scope,
    SearchHit,
    Section,
    SectionId,
)
from zzreport.phrases import searchable
from zzreport.searching import closest
from zzreport.searching import found as matching
from zzreport.topics import words
from zzreport.units import EXACT, known, shifted

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")


def labels(ind: Indicator) -> tuple[str, ...]:
    """Every name a user may type for an indicator."""
    return (ind.id, ind.name, ind.name_en, *ind.aliases)


def search_label(ind: Indicator, names: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """What look-ups scan of one indicator (see ``zzreport.match``): its labels in label form
    (``names``, when already made), its topics and their English words, its note with its rank and
    comparisons in words, whether it is a headline figure, and its section id. Scanning these instead
    of the records lets a stored data set answer without building the records it does not return."""
    extra = " ".join(
        x for x in (ind.note, ind.note_en, ind.rank_of, ind.rank_of_en, ind.written, searchable(ind)) if x
    )
    if names is None:
        names = tuple(spaced(x) for x in labels(ind))
    # The first topic's words, then "||" and the others' (what a record is mainly about ranks first).
    groups = [topic_label(group) for group in words(ind.topics)]
    topics = "||".join([*groups[:1], "|".join(groups[1:])] if len(groups) > 1 else groups)
    return (
        *names,
        topics,
        spaced(extra),
        ("1" if ind.headline else "") + ("c" if ind.change is not None else ""),
        str(ind.section),
    )


_TOPIC_LABELS: dict[tuple[str, ...], str] = {}
"""The label form of each topic's words met so far: a large file names a few topics many times."""
_TOPICS_KEPT = 4096
"""Topics kept in ``_TOPIC_LABELS`` at most (a file of ever new topics starts it afresh)."""


def topic_label(group: tuple[str, ...]) -> str:
    """One topic's words in label form, ``|``-separated."""
    label = _TOPIC_LABELS.get(group)
    if label is None:
        if len(_TOPIC_LABELS) >= _TOPICS_KEPT:
            _TOPIC_LABELS.clear()
        label = _TOPIC_LABELS[group] = "|".join(spaced(w) for w in group)
    return label


def search_labels(
    inds: Sequence[Indicator], targeted: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], ...]:
    """The search labels of every indicator (see ``search_label``), those of the ``targeted`` ids
    (the measures of the file's targets) found by the words of targets too."""
    return tuple(
        with_topic(search_label(ind), TARGETED) if ind.id in targeted else search_label(ind) for ind in inds
    )


TARGETED = "目标"
"""The topic a record answers to when a target of its file measures it: search 目标 or target."""


def with_topic(label: tuple[str, ...], topic: str) -> tuple[str, ...]:
    """``label`` with one more topic, after the ones it has (what it is mainly about stays first)."""
    (group,) = (topic_label(g) for g in words((topic,)))
    topics = label[-4]
    if not topics:
        topics = group
    elif "||" in topics:
        topics = f"{topics}|{group}"
    else:
        topics = f"{topics}||{group}"
    return (*label[:-4], topics, *label[-3:])


# ── resolving names ───────────────────────────────────────────────────────────


def resolve(dataset: Dataset, query: str) -> Indicator:
    """The one indicator whose id, name, English name or alias is ``query`` (case and punctuation aside)."""
    return find_everywhere([dataset], query)[0][1]


def _named(dataset: Dataset, query: str) -> Indicator | None:
    """``resolve`` within one report, or None when it has no such name."""
    found = [dataset.indicators[n] for n in named(dataset.labels, normalize(query))]
    if len(found) > 1:
        raise AmbiguousQueryError(query, [i.id for i in found])
    return found[0] if found else None


def _closest(dataset: Dataset, query: str, limit: int = searching.HINTS) -> list[int]:
    """The indicators whose labels look most like ``query`` (``searching.closest``)."""
    return closest(dataset.labels, _titles(dataset), query, limit)


def _titles(dataset: Dataset) -> dict[str, str]:
    return {str(s.id): title_label(s.title, s.title_en) for s in dataset.sections}


def select_reports(datasets: Sequence[Dataset], wanted: Sequence[str]) -> tuple[Dataset, ...]:
    """Only the reports whose ids are ``wanted`` (all when none is), or ``NoMatchError``."""
    if not wanted:
        return tuple(datasets)
    ids = {ds.report.id for ds in datasets}
    unknown = [w for w in wanted if w not in ids]
    if unknown:
        raise NoMatchError(f"no report {', '.join(map(repr, unknown))}; loaded: {', '.join(sorted(ids))}")
    return tuple(ds for ds in datasets if ds.report.id in wanted)


def find_section(dataset: Dataset, query: str) -> Section:
    """The section whose id, Chinese or English title is ``query`` (case, spaces and punctuation
    aside: 坚持抓项目帮企业 = 坚持抓项目、帮企业), or the one section such a name begins with."""
    key = normalize(query)
    forms = [(s, (normalize(s.id), normalize(s.title), normalize(s.title_en))) for s in dataset.sections]
    for s, names_ in forms:
        if key in names_:
            return s
    starting = [s for s, names_ in forms if key and any(n.startswith(key) for n in names_)]
    if len(starting) == 1:
        return starting[0]
    ids = ", ".join(s.id for s in (starting or dataset.sections))
    what = "could be any of" if starting else "sections are:"
    raise NoMatchError(f"no section matches {shown(query)}; {what} {ids}")


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
            return ind.rank_scope in (Scope.PROVINCE, Scope.REGION) or any(
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
    return ordered(rows, lambda i: i, sort, reverse)


def ordered(
    rows: list[T], get: Callable[[T], Indicator], sort: SortKey, reverse: bool, *, english: bool = False
) -> list[T]:
    """``rows`` (indicators, or anything holding one) in the order ``sort`` asks for (see
    ``ordering.ordered``, which the look-up path orders with too); names in English (case aside,
    the Chinese where there is none) when ``english``."""

    def keys(r: T) -> ordering.Keys:
        i = get(r)
        value = None if i.value is None else format(i.value, "f")
        change = None if i.change is None else format(i.change, "f")
        unit = None if i.change_unit is None else i.change_unit.value
        return (i.id, i.name, i.name_en, value, i.unit, change, unit)

    return ordering.ordered(rows, keys, sort.value, reverse, in_english=english)


def section_counts(dataset: Dataset) -> list[tuple[Section, int, int]]:
    """Each section with its numbers of figures and honours."""
    out = []
    for s in dataset.sections:
        here = [i for i in dataset.indicators if i.section == s.id]
        honours = sum(i.kind is Kind.HONOUR for i in here)
        out.append((s, len(here) - honours, honours))
    return out


# ── compare ───────────────────────────────────────────────────────────────────

PERCENT_DIGITS = 1000
"""A computed percentage with more digits than this before its point is not shown (the result says
it is too large) rather than written out or computed at length; no report's figures come near it."""


def _exact_difference(a: Decimal, b: Decimal) -> Decimal:
    """``a - b`` with every digit kept (the default context keeps 28 and rounds the rest)."""
    return EXACT.subtract(a, b)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (not zero), to two decimals rounded half to even (a
    derived figure), exactly at any magnitude; None when it has more than ``PERCENT_DIGITS`` digits
    before its point. Computed as a whole number of hundredths of a percent with its remainder, so
    nothing is rounded but the last digit."""
    negative = part.is_signed() != whole.is_signed()
    # |part| / |whole| * 100 lies between 10^(high - 2) and 10^high.
    high = part.adjusted() - whole.adjusted() + 3
    if not part or high < -2:  # under 0.001: zero at two decimals
        return Decimal((negative, (0,), -2))
    if high - 2 > PERCENT_DIGITS:
        return None
    hundredths, rest = EXACT.divmod(shifted(part, 4), whole)
    # NOTE: abs() and % round in the default context; copy_abs and the exact context do not.
    twice, size = EXACT.multiply(rest.copy_abs(), 2), whole.copy_abs()
    if twice > size or (twice == size and EXACT.remainder(hundredths, 2)):
        hundredths = EXACT.add(hundredths, -1 if negative else 1)
    if hundredths.copy_abs() >= shifted(Decimal(1), PERCENT_DIGITS + 2):
        return None
    return shifted(hundredths, -2)


Found = tuple[Dataset, Indicator]
"""An indicator with the report it comes from."""


def find_everywhere(datasets: Sequence[Dataset], query: str) -> list[Found]:
    """The indicator ``query`` names in each report that has it.

    Unknown in every report: ``UnknownIndicatorError`` with the closest names of all of them.
    Ambiguous within a report: ``AmbiguousQueryError``, as for one report.
    """
    found = [(ds, ind) for ds in datasets if (ind := _named(ds, query)) is not None]
    if not found:
        raise searching.unknown(query, (_hints(ds, query) for ds in datasets))
    return found


def _hints(dataset: Dataset, text: str) -> Iterator[searching.Hint]:
    """The report's hints for a miss of ``text`` (``searching.closest``)."""
    for n in _closest(dataset, text):
        ind = dataset.indicators[n]
        yield searching.hint(ind.id, ind.name, ind.name_en)


def find_all(datasets: Sequence[Dataset], queries: Iterable[str]) -> list[Found]:
    """Each query found in every report that has it, in query order, each pair once."""
    out: list[Found] = []
    for q in queries:
        for pair in find_everywhere(datasets, q):
            if not any(pair[0] is ds and pair[1] == ind for ds, ind in out):
                out.append(pair)
    return out


def compare(datasets: Sequence[Dataset], queries: Sequence[str]) -> list[Compared]:
    """The named indicators (in every report that has them), each related to the first."""
    pairs = find_all(datasets, queries)
    base_ds, base = pairs[0]
    out = []
    for ds, ind in pairs:
        share = gap = None
        too_large = False
        if ind is not base and ind.value is not None and ind.unit and base.value and base.unit:
            level = _in_unit(ind.value, ind.unit, base.unit)  # 万元 against 亿元 converted; 吨 never
            share = None if level is None else _percent(level, base.value)
            too_large = level is not None and share is None
        if (
            ind is not base
            and ind.change is not None
            and base.change is not None
            and ind.change_unit is ChangeUnit.PERCENT
            and base.change_unit is ChangeUnit.PERCENT
            and _years(ind, ds) == _years(base, base_ds)  # a 3-year fall is no annual growth rate
        ):
            gap = _exact_difference(ind.change, base.change)
        out.append(
            Compared(
                dataset=ds, indicator=ind, share_of_first=share, change_gap=gap, share_too_large=too_large
            )
        )
    return out


def across(datasets: Sequence[Dataset], query: str) -> list[Across]:
    """The indicator in every report that has it, ordered by year, then place.

    Each report is set against the latest earlier report of the same place (``same_place``), and
    the nominal change between their levels is computed only where it means something
    (``_nominal``); otherwise the row says why not. It differs from the reported change whenever
    that is at comparable prices.
    """
    found = find_everywhere(datasets, query)
    clashes = twins([ds for ds, _ in found])
    if clashes:  # which one the later years are set against would be a guess
        raise UsageError(
            f"{twin_text(clashes[0])}: --across cannot tell which to follow; keep one with --report (-R), "
            "naming every report to follow"
        )
    pairs = sorted(
        found,
        key=lambda p: (p[0].report.year, p[0].report.region_en or p[0].report.region, p[0].report.province),
    )
    out: list[Across] = []
    for ds, ind in pairs:
        before = [a for a in out if same_place(a.dataset.report, ds.report)]
        if not before:
            out.append(Across(dataset=ds, indicator=ind, computed_change=None, previous=None,
                              not_computed=NotComputed.FIRST))  # fmt: skip
            continue
        prev = before[-1]
        computed, why = _nominal(prev.dataset, prev.indicator, ds, ind)
        out.append(Across(dataset=ds, indicator=ind, computed_change=computed, previous=prev.dataset,
                          not_computed=why))  # fmt: skip
    return out


def _place(report: Report) -> places.Place:
    return (report.region, report.province, report.region_code)


def same_place(a: Report, b: Report) -> bool:
    """Whether two reports are of one place (``places.same``)."""
    return places.same(_place(a), _place(b))


def twins(datasets: Sequence[Dataset]) -> list[list[Dataset]]:
    """Reports of one place for one year, in groups of two or more, in load order: a report and its
    revision, or a file copied under a new id. Any command may show them all; following a place
    from year to year cannot choose between them."""
    groups = places.twin_groups([(ds.report.year, _place(ds.report)) for ds in datasets])
    return [[datasets[n] for n in group] for group in groups]


def twin_text(group: Sequence[Dataset]) -> str:
    """Reports of one place and year, named by file and id for a message (the first three)."""
    first = group[0].report
    place = ", ".join(x for x in (first.region, first.province, first.region_code) if x)
    named = [f"{shown_path(ds.path)} ({ds.report.id})" for ds in group[:3]]
    if len(group) <= 3:
        listed = f"{', '.join(named[:-1])} and {named[-1]}"
    else:
        listed = f"{', '.join(named)} and {len(group) - 3} more"
    return f"{listed} are all reports of {place} for {first.year}"


def _nominal(
    pds: Dataset, before: Indicator, ds: Dataset, now: Indicator
) -> tuple[Decimal | None, NotComputed | None]:
    """The nominal change in % from ``before`` to ``now``, or why it is not computed."""
    base = None
    if before.value is not None and before.unit is not None and now.unit is not None:
        base = _in_unit(before.value, before.unit, now.unit)
    (a0, a1), (b0, b1) = _span(before, pds), _span(now, ds)
    refusals = (
        (before.value is None or now.value is None, NotComputed.NO_LEVEL),
        (pds.report.year >= ds.report.year, NotComputed.SAME_YEAR),
        (a1 >= b0, NotComputed.OVERLAPPING),
        (a1 - a0 != b1 - b0, NotComputed.DIFFERENT_PERIODS),
        (base is None, NotComputed.DIFFERENT_UNITS),
        (base is not None and base <= 0, NotComputed.BASE_NOT_POSITIVE),
    )
    why = next((reason for refused, reason in refusals if refused), None)
    if why is not None or base is None or now.value is None:
        return None, why
    computed = _percent(_exact_difference(now.value, base), base)
    return computed, None if computed is not None else NotComputed.TOO_LARGE


def _span(ind: Indicator, ds: Dataset) -> tuple[int, int]:
    first, _, last = (ind.period or str(ds.report.year)).partition("-")
    return int(first), int(last or first)


def _years(ind: Indicator, ds: Dataset) -> int:
    first, last = _span(ind, ds)
    return last - first + 1


def _in_unit(value: Decimal, unit: str, target: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``target``, exactly (亿元 to 万元 is × 10⁴), or None when
    the unit table cannot convert between them (an unknown unit is only ever equal to itself)."""
    if unit == target:
        return value
    a, b = known(unit), known(target)
    if a is None or b is None or a.base is None or a.base != b.base:
        return None
    return shifted(value, a.power - b.power)


# ── search ────────────────────────────────────────────────────────────────────


def search(dataset: Dataset, text: str, *, limit: int | None = None) -> list[SearchHit]:
    """Records matching ``text``, best first; raises ``NoMatchError`` with hints when none does."""
    key = normalize(text)
    if not key:
        raise NoMatchError("nothing to search for: give a word, a name or pinyin")
    scored = matching(text, dataset.labels, _titles(dataset))
    if not scored:
        raise searching.nothing(text, _hints(dataset, text))
    hits = []
    first = normalize(text.split(maxsplit=1)[0]) if text.split() else key
    shown_as = [key, first, *_meant(text)]  # what to highlight: the query, its first word, its terms
    for (score, field), n in scored if limit is None else scored[:limit]:
        ind = dataset.indicators[n]
        span = next((s for k in shown_as if (s := _name_span(ind.name, k))), None)
        if field == "pinyin":
            from zzreport import pinyin as py

            found = py.find(key, ind.name)
            span = found.span if found else None
        span_en = _name_span(ind.name_en, key) or _name_span(ind.name_en, first)
        hits.append(SearchHit(indicator=ind, score=score, field=Matched(field), span=span, span_en=span_en))
    return hits


def _meant(text: str) -> list[str]:
    """The words a query stands for, as ``vocabulary.analyse`` reads it: each part's concept's
    terms (煤 means 原煤产量, 煤炭 ...), else the part as typed."""
    from zzreport import vocabulary

    parts = vocabulary.analyse(text).parts
    return [t for p in parts for t in (p.concept.terms if p.concept is not None else (p.key,))]


def _name_span(name: str, key: str) -> tuple[int, int] | None:
    start = name.casefold().find(key)
    return (start, start + len(key)) if start >= 0 else None
