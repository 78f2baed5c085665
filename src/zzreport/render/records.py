"""Machine output: fixed field names and one row of plain values per record.

The only place that decides the machine columns (the CSV header and the JSON keys). Cheap to import:
a piped look-up builds its output from here without loading the human table views.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum

from zzreport import fields
from zzreport.machine import Records, Value
from zzreport.model import Across, Compared, Comparison, Dataset, Indicator, Report, SearchHit, Section
from zzreport.units import known

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from zzreport.drafting import Covered


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


def _getter(f: fields.Field) -> Callable[[Dataset, Indicator], Value]:
    """The machine value of one field, from how it is typed: exact decimals as plain text, enum
    members as their words, lists joined, everything else as it is."""
    get = operator.attrgetter(f.name)
    match f.read:
        case "decimal":
            return lambda ds, i: None if (d := get(i)) is None else plain(d)
        case "choice":
            return lambda ds, i: _v(get(i))
        case "texts":
            return lambda ds, i: "|".join(get(i)) or None
        case "locations":
            return lambda ds, i: "|".join(f"{a.section}/{a.item}" for a in get(i)) or None
        case "comparisons":
            return lambda ds, i: "; ".join(comparison_code(c) for c in get(i)) or None
    return lambda ds, i: get(i)


def _columns() -> dict[str, tuple[str, Callable[[Dataset, Indicator], Value]]]:
    columns: dict[str, tuple[str, Callable[[Dataset, Indicator], Value]]] = {
        "report": ("report id", lambda ds, i: ds.report.id)
    }
    for f in fields.of(Indicator):
        if f.column:
            columns[f.name] = (f.column, _getter(f))
        if f.name == "section":
            columns["section_title"] = ("section title (Chinese)", lambda ds, i: ds.section(i.section).title)
    # English columns come last, after the columns scripts already read by position.
    columns["unit_en"] = (
        "unit in English (× 100 million yuan); empty for counts and unknown units",
        _unit_en,
    )
    columns["section_title_en"] = (
        "section title (English)",
        lambda ds, i: ds.section(i.section).title_en or None,
    )
    columns["rank_of_en"] = ("English of rank_of", lambda ds, i: i.rank_of_en)
    return columns


def _unit_en(ds: Dataset, ind: Indicator) -> Value:
    """The English unit in plain text that GBK and Latin-1 files can carry (``ug/m3``, ``sq m``)."""
    unit = known(ind.unit) if ind.unit else None
    if unit is None or not unit.en.strip():
        return None
    text = unit.en.strip()
    for glyph, plain_text in _PLAIN_UNITS:
        text = text.replace(glyph, plain_text)
    return text


_PLAIN_UNITS = (("μg/m³", "ug/m3"), ("mg/m³", "mg/m3"), ("km²", "sq km"), ("m²", "sq m"), ("m³", "cu m"))


INDICATOR_FIELDS = _columns()
NUMBERS = frozenset(f.name for f in fields.of(Indicator) if f.read == "decimal" and f.column)
"""The machine columns whose text is an exact decimal: JSON writes them as numbers."""
"""The machine columns of every indicator (the contract): the report's id, then each field of
``Indicator`` that has a column description, in the model's order, the section's title beside its id."""
SEARCH_FIELDS = {"score": "match quality, higher is better", "matched": "field that matched"}
COMPARE_FIELDS = {
    "share_of_first": "value as % of the first indicator's (same unit only), two decimals; empty when "
    "too large to show",
    "change_gap_pp": "change minus the first indicator's, in percentage points (both in %)",
}


_GETTERS = tuple(get for _, get in INDICATOR_FIELDS.values())


def indicator_values(ds: Dataset, ind: Indicator) -> tuple[Value, ...]:
    """The machine values of one indicator, in ``INDICATOR_FIELDS`` order."""
    return tuple([get(ds, ind) for get in _GETTERS])


def indicator_records(ds: Dataset, inds: Sequence[Indicator]) -> Records:
    """One record per indicator, every field."""
    return Records(tuple(INDICATOR_FIELDS), tuple(indicator_values(ds, i) for i in inds), NUMBERS)


def search_records(ds: Dataset, hits: Sequence[SearchHit]) -> Records:
    """Search results: every indicator field, then the score and the field that matched."""
    rows = tuple((*indicator_values(ds, h.indicator), h.score, h.field.value) for h in hits)
    return Records((*INDICATOR_FIELDS, *SEARCH_FIELDS), rows, NUMBERS)


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
    return Records((*INDICATOR_FIELDS, *COMPARE_FIELDS), out, NUMBERS | frozenset(COMPARE_FIELDS))


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
    "not_computed": "why no change was computed: first, no-level, same-year, overlapping-periods, "
    "different-periods, different-units, base-not-positive, too-large",
    "province": "province (Chinese) of the region",
    "region_code": "the region's 6-digit administrative division code, when the file gives it",
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
            None if a.not_computed is None else a.not_computed.value,
            a.dataset.report.province, a.dataset.report.region_code,
        )
        for a in rows
    )  # fmt: skip
    return Records(tuple(ACROSS_FIELDS), out, frozenset({"value", "change", "computed_change"}))


def section_records(ds: Dataset, counts: Sequence[tuple[Section, int, int]]) -> Records:
    """Sections with their numbers of figures and honours."""
    rows = tuple(
        (ds.report.id, s.id, s.title, s.title_en, figures, honours) for s, figures, honours in counts
    )
    return Records(("report", "id", "title", "title_en", "figures", "honours"), rows)


COVERAGE_FIELDS = {
    "line": "line of the text",
    "number": "the number as the text prints it",
    "kind": "figure, or year, date, ordinal, phone, name when it is none",
    "status": "recorded, not-recorded or not-a-figure",
    "context": "the clause it stands in",
}


def coverage_records(rows: Sequence[Covered]) -> Records:
    """``coverage``: every number of the text and whether the file records it."""
    return Records(
        tuple(COVERAGE_FIELDS), tuple((c.line, c.number, c.kind, c.status, c.context) for c in rows)
    )


def field_records() -> Records:
    """The machine fields of every command, with what each holds."""
    rows: list[tuple[Value, ...]] = [("all", name, desc) for name, (desc, _) in INDICATOR_FIELDS.items()]
    rows += [("search", name, desc) for name, desc in SEARCH_FIELDS.items()]
    rows += [("compare", name, desc) for name, desc in COMPARE_FIELDS.items()]
    rows += [("compare --across", name, desc) for name, desc in ACROSS_FIELDS.items()]
    rows += [("coverage", name, desc) for name, desc in COVERAGE_FIELDS.items()]
    return Records(("command", "field", "description"), tuple(rows))


def info_records(ds: Dataset) -> Records:
    """The report's metadata, one field per row (every field the report file gives, in the model's
    order; fields it leaves out are left out), then the count of indicators and the file."""
    r = ds.report
    pairs = [
        (
            f.name,
            value
            if isinstance(value, str)
            else value.isoformat()
            if hasattr(value, "isoformat")
            else str(value),
        )
        for f in fields.of(Report)
        if (value := getattr(r, f.name)) not in (None, "")
    ]
    pairs += [("indicators", str(len(ds.indicators))), ("file", ds.path)]
    return Records(("field", "value"), tuple(pairs))
