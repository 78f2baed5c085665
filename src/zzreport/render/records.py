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
from zzreport.model import (
    Across,
    Aim,
    Compared,
    Comparison,
    Dataset,
    Indicator,
    Judged,
    Report,
    SearchHit,
    Section,
)
from zzreport.units import english_unit, known

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any

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


def _reading(f: fields.Field) -> Callable[[Any], Value] | None:
    """How the machine value of one field is read from the field's own value, by how it is typed:
    exact decimals as plain text, enum members as their words, lists joined; None: as it is."""
    match f.read:
        case "decimal":
            return lambda d: None if d is None else plain(d)
        case "choice":
            return _v
        case "texts" | "idents":
            return lambda v: "|".join(v) or None
        case "locations":
            return lambda v: "|".join(f"{a.section}/{a.item}" for a in v) or None
        case "comparisons":
            return lambda v: "; ".join(comparison_code(c) for c in v) or None
    return None


def _getter(f: fields.Field) -> Callable[[Dataset, Indicator], Value]:
    """The machine value of one field of a record."""
    get = operator.attrgetter(f.name)
    read = _reading(f)
    if read is None:
        return lambda ds, i: get(i)
    return lambda ds, i: read(get(i))


def _columns() -> dict[str, tuple[str, Callable[[Dataset, Indicator], Value]]]:
    columns: dict[str, tuple[str, Callable[[Dataset, Indicator], Value]]] = {
        "report": ("report id", lambda ds, i: ds.report.id)
    }
    later = {f.name: f for f in fields.of(Indicator) if f.name in APPENDED}
    for f in fields.of(Indicator):
        if f.column and f.name not in later:
            columns[f.name] = (f.column, _getter(f))
        if f.name == "section":
            columns["section_title"] = ("section title (Chinese)", lambda ds, i: ds.section(i.section).title)
    # English columns come last, after the columns scripts already read by position.
    columns["unit_en"] = (
        "unit in English (× 100 million CNY), with what a count counts where the record says; "
        "empty for bare counts and unknown units",
        _unit_en,
    )
    columns["section_title_en"] = (
        "section title (English)",
        lambda ds, i: ds.section(i.section).title_en or None,
    )
    columns["rank_of_en"] = ("English of rank_of", lambda ds, i: i.rank_of_en)
    # Columns added after 0.4 come after all of these, so that a column keeps its position.
    for name in APPENDED:
        f = later[name]
        columns[name] = (f.column, _getter(f))
    return columns


APPENDED = ("rank_top", "rank_list", "rank_list_en", "rank_with", "note_en")
"""Machine columns added after version 0.4, in the order they were added: always last."""


def _unit_en(ds: Dataset, ind: Indicator) -> Value:
    """The English unit in plain text that GBK and Latin-1 files can carry (``ug/m3``, ``sq m``)."""
    if not ind.unit or known(ind.unit) is None:
        return None
    text = english_unit(ind.unit, ind.counts_en).strip()
    if not text:
        return None
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


def _fused() -> tuple[Callable[[Indicator], Any], tuple[tuple[int, Any], ...], tuple[tuple[int, Any], ...]]:
    """``indicator_values`` in few calls (a large file's first load makes a row for every record):
    every column that is a field of the record read in one C call (a column of the data set's, a
    placeholder), then only the fields that are not written as they are read, then the others."""
    own = {f.name: f for f in fields.of(Indicator) if f.column}
    names = [name if name in own else "id" for name in INDICATOR_FIELDS]
    converted = tuple(
        (n, read) for n, name in enumerate(INDICATOR_FIELDS) if name in own and (read := _reading(own[name]))
    )
    others = tuple((n, get) for n, (name, (_, get)) in enumerate(INDICATOR_FIELDS.items()) if name not in own)
    return operator.attrgetter(*names), converted, others


_FIELDS, _CONVERTED, _OTHERS = _fused()


def indicator_values(ds: Dataset, ind: Indicator) -> tuple[Value, ...]:
    """The machine values of one indicator, in ``INDICATOR_FIELDS`` order."""
    row = list(_FIELDS(ind))
    for n, read in _CONVERTED:
        row[n] = read(row[n])
    for n, get in _OTHERS:
        row[n] = get(ds, ind)
    return tuple(row)


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


TARGET_FIELDS = {
    "report": "id of the report file that sets the target",
    "id": "target id, unique within that file",
    "year": "the year the target is for",
    "measure": "id of the indicator whose outcome answers it",
    "name": "Chinese name of what is targeted",
    "name_en": "English name (empty when the file gives none)",
    "aim": "change or level (empty for a target in words only)",
    "value": "the number set, exact decimal",
    "unit": "% or pp for a change; the unit as printed for a level",
    "bound": "以上, 不低于, 左右, 以内, 以下, 不高于 or 控制在, when the plan writes one",
    "binding": "expected (预期性) or binding (约束性)",
    "written": "the target in the plan's words",
    "outcome_report": "report stating the outcome",
    "outcome_id": "indicator id of the outcome",
    "outcome_value": "the outcome in the target's terms: its change, or its level in the target's unit",
    "outcome_qualifier": "以上, 余, 超, 多, 近 or 约 when the outcome is not exact",
    "verdict": "met, missed, unclear, no-outcome or not-comparable",
    "gap": "distance between outcome and target, unsigned (beyond it when met, short when missed)",
    "gap_unit": "pp for a change, else the target's unit",
    "reason": "why no verdict, or what qualifies it: words, no-report, not-stated, no-change, no-level, "
    "span, units, floor, near, two-reports, at-least, nearly, about",
    "source": "title of the document that sets the target, when not the report itself",
    "source_url": "where that document is published",
    "part": "the part of that document it stands in",
}


def target_records(rows: Sequence[Judged]) -> Records:
    """Targets beside their outcomes, with the verdict."""

    def num(d: Decimal | None) -> str | None:
        return None if d is None else plain(d)

    out = tuple(
        (
            j.dataset.report.id, j.target.id, j.target.year, j.target.measure, j.target.name,
            j.target.name_en, _v(j.target.aim), num(j.target.value), j.target.unit, _v(j.target.bound),
            _v(j.target.binding), j.target.written,
            j.outcome_dataset.report.id if j.outcome_dataset else None,
            j.outcome.id if j.outcome else None, num(j.outcome_value),
            _v(j.outcome.qualifier) if j.outcome and j.target.aim is Aim.LEVEL else None,
            j.verdict.value, num(j.gap), j.gap_unit, j.reason or None,
            j.target.source, j.target.source_url, j.target.part,
        )
        for j in rows
    )  # fmt: skip
    return Records(tuple(TARGET_FIELDS), out, frozenset({"value", "outcome_value", "gap"}))


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
    "status": "recorded, not-recorded, omitted (listed under the file's omitted) or not-a-figure",
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
    rows += [("targets", name, desc) for name, desc in TARGET_FIELDS.items()]
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
