"""Machine output: fixed field names and one row of plain values per record.

The only place that decides the machine columns (the CSV header and the JSON keys). Cheap to import:
a piped look-up builds its output from here without loading the human table views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum

from zzreport.machine import Records, Value
from zzreport.model import Across, Compared, Comparison, Dataset, Indicator, SearchHit, Section


def _v(member: StrEnum | None) -> str | None:
    """An enum member as the plain text it stands for (what ``str`` would give, as a ``str``)."""
    return None if member is None else member.value


def plain(d: Decimal) -> str:
    """Decimal text with no exponent and no grouping: the machine form."""
    return format(d, "f")


def comparison_code(c: Comparison) -> str:
    """Machine form of a comparison: ``above province-average 6.8pp``."""
    gap = f" {plain(c.gap)}{c.gap_unit}" if c.gap is not None and c.gap_unit else ""
    of = f" ({c.of_en})" if c.of_en else ""
    return f"{c.relation} {c.benchmark}{gap}{of}"


# ── machine records ───────────────────────────────────────────────────────────

INDICATOR_FIELDS: dict[str, tuple[str, Callable[[Dataset, Indicator], Value]]] = {
    "report": ("report id", lambda ds, i: ds.report.id),
    "id": ("indicator id, unique within its report", lambda ds, i: i.id),
    "kind": ("figure or honour", lambda ds, i: i.kind.value),
    "name": ("Chinese name", lambda ds, i: i.name),
    "name_en": ("English name", lambda ds, i: i.name_en),
    "section": ("section id", lambda ds, i: i.section),
    "section_title": ("section title (Chinese)", lambda ds, i: ds.section(i.section).title),
    "item": ("bullet number within the section", lambda ds, i: i.item),
    "period": ("year or span covered", lambda ds, i: i.period),
    "value": ("exact decimal, no unit", lambda ds, i: None if i.value is None else plain(i.value)),
    "unit": ("unit as the report writes it", lambda ds, i: i.unit),
    "qualifier": ("以上, 余, 超 or 多 when the value is a floor", lambda ds, i: _v(i.qualifier)),
    "written": ("the figure in the report's words (七成以上)", lambda ds, i: i.written),
    "change": ("signed exact decimal", lambda ds, i: None if i.change is None else plain(i.change)),
    "change_unit": ("% or pp", lambda ds, i: _v(i.change_unit)),
    "rank": ("position, 1 = first", lambda ds, i: i.rank),
    "rank_scope": ("province or country", lambda ds, i: _v(i.rank_scope)),
    "rank_sole": ("true when the only one in its scope", lambda ds, i: i.rank_sole),
    "rank_of": ("what is ranked, when not the value", lambda ds, i: i.rank_of),
    "comparisons": (
        "benchmarks, '; '-separated: relation benchmark [gap]",
        lambda ds, i: "; ".join(comparison_code(c) for c in i.comparisons) or None,
    ),
    "polarity": ("higher or lower is better", lambda ds, i: _v(i.polarity)),
    "aliases": ("other names, '|'-separated", lambda ds, i: "|".join(i.aliases) or None),
    "also_at": (
        "other places in the source, section/item, '|'-separated",
        lambda ds, i: "|".join(f"{a.section}/{a.item}" for a in i.also_at) or None,
    ),
    "note": ("short note", lambda ds, i: i.note),
}
SEARCH_FIELDS = {"score": "match quality, higher is better", "matched": "field that matched"}
COMPARE_FIELDS = {
    "share_of_first": "value as % of the first indicator's (same unit only), two decimals",
    "change_gap_pp": "change minus the first indicator's, in percentage points (both in %)",
}


_GETTERS = tuple(get for _, get in INDICATOR_FIELDS.values())


def indicator_values(ds: Dataset, ind: Indicator) -> tuple[Value, ...]:
    """The machine values of one indicator, in ``INDICATOR_FIELDS`` order."""
    return tuple([get(ds, ind) for get in _GETTERS])


def indicator_records(ds: Dataset, inds: Sequence[Indicator]) -> Records:
    """One record per indicator, every field."""
    return Records(tuple(INDICATOR_FIELDS), tuple(indicator_values(ds, i) for i in inds))


def search_records(ds: Dataset, hits: Sequence[SearchHit]) -> Records:
    """Search results: every indicator field, then the score and the field that matched."""
    rows = tuple((*indicator_values(ds, h.indicator), h.score, h.field.value) for h in hits)
    return Records((*INDICATOR_FIELDS, *SEARCH_FIELDS), rows)


def compare_records(rows: Sequence[Compared]) -> Records:
    """Compared indicators: every field, then how each relates to the first."""
    out = tuple(
        (
            *indicator_values(r.dataset, r.indicator),
            None if r.share_of_first is None else plain(r.share_of_first),
            None if r.change_gap is None else plain(r.change_gap),
        )
        for r in rows
    )
    return Records((*INDICATOR_FIELDS, *COMPARE_FIELDS), out)


ACROSS_FIELDS = {
    "report": "report id",
    "region": "region (Chinese)",
    "region_en": "region (English)",
    "year": "year the report reviews",
    "id": "indicator id in that report",
    "name": "Chinese name",
    "period": "year or span covered",
    "value": "exact decimal",
    "unit": "unit as the report writes it",
    "change": "the change the report states (signed)",
    "change_unit": "% or pp",
    "computed_change": "nominal change from the region's previous report, in %, computed from the levels",
    "computed_from": "report the computed change starts from",
}


def across_records(rows: Sequence[Across]) -> Records:
    """One indicator through several reports: the reported change and, apart, the computed one."""
    out = tuple(
        (
            a.dataset.report.id, a.dataset.report.region, a.dataset.report.region_en, a.dataset.report.year,
            a.indicator.id, a.indicator.name, a.indicator.period,
            None if a.indicator.value is None else plain(a.indicator.value), a.indicator.unit,
            None if a.indicator.change is None else plain(a.indicator.change), a.indicator.change_unit,
            None if a.computed_change is None else plain(a.computed_change),
            None if a.previous is None else a.previous.report.id,
        )
        for a in rows
    )  # fmt: skip
    return Records(tuple(ACROSS_FIELDS), out)


def section_records(ds: Dataset, counts: Sequence[tuple[Section, int, int]]) -> Records:
    """Sections with their numbers of figures and honours."""
    rows = tuple(
        (ds.report.id, s.id, s.title, s.title_en, figures, honours) for s, figures, honours in counts
    )
    return Records(("report", "id", "title", "title_en", "figures", "honours"), rows)


def field_records() -> Records:
    """The machine fields of every command, with what each holds."""
    rows: list[tuple[Value, ...]] = [("all", name, desc) for name, (desc, _) in INDICATOR_FIELDS.items()]
    rows += [("search", name, desc) for name, desc in SEARCH_FIELDS.items()]
    rows += [("compare", name, desc) for name, desc in COMPARE_FIELDS.items()]
    rows += [("compare --across", name, desc) for name, desc in ACROSS_FIELDS.items()]
    return Records(("command", "field", "description"), tuple(rows))


def info_records(ds: Dataset) -> Records:
    """The report's metadata, one field per row."""
    r = ds.report
    pairs = [
        ("id", r.id), ("region", r.region), ("region_en", r.region_en), ("province", r.province),
        ("province_en", r.province_en), ("year", str(r.year)), ("title", r.title), ("title_en", r.title_en),
        ("delivered", r.delivered.isoformat()), ("source", r.source), ("source_en", r.source_en),
        ("indicators", str(len(ds.indicators))), ("file", ds.path),
    ]  # fmt: skip
    return Records(("field", "value"), tuple(pairs))
