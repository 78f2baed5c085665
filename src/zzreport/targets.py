"""Targets against outcomes: pure functions from loaded reports to verdicts.

A target (``model.Target``) names the indicator whose outcome answers it (``measure``) and the year.
The outcome is that indicator in a loaded report of the same place (``places.same``) reviewing that
year. Only like is set against like: a growth target against the outcome's change in the same unit
(``%`` or ``pp``), a level against a value in the same unit or a multiple of it (万人 and 人); anything
else is *not comparable*, never a verdict.

Which way is good follows the target's bound (以上 and 不低于 a floor; 以内, 以下, 不高于 and 控制在 a
ceiling), else (and for 左右) the outcome's polarity (a target for a figure where lower is better is
a ceiling), else a floor; a target to fall turns it over. An outcome level stated as a floor (以上,
超, 余, 多: at least that) or as 近 (nearly: a little less) is judged only where that settles it:
超4.5万人 against a target of 4.3万人 is met, against 5万人 unclear. An outcome written 约 (about) is
judged on its number, and the verdict says so. Arithmetic is exact (``units.EXACT``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from zzreport.match import containing, normalize
from zzreport.model import (
    Aim,
    Bound,
    Dataset,
    Indicator,
    Judged,
    Polarity,
    Qualifier,
    Target,
    Verdict,
)
from zzreport.places import same
from zzreport.units import EXACT, known, shifted

_FLOOR = (Qualifier.AT_LEAST, Qualifier.OVER, Qualifier.ODD, Qualifier.MORE)
"""Outcome qualifiers that make the printed number a least."""


def judge_all(datasets: Sequence[Dataset], *, year: int | None = None) -> list[Judged]:
    """Every target of every report (of ``year`` only, when given), in file order, each beside its
    outcome in any of ``datasets``."""
    return [judge(ds, t, datasets) for ds in datasets for t in ds.targets if year is None or t.year == year]


def for_indicator(ds: Dataset, ind: Indicator, datasets: Sequence[Dataset]) -> list[Judged]:
    """The targets of any loaded report whose measure is this record and whose year is its report's
    (what it was held to), then those set for later years (what it is held to next)."""
    out = []
    for other in datasets:
        if not same(_place(other), _place(ds)):
            continue
        for t in other.targets:
            if t.measure == ind.id and t.year >= ds.report.year:
                out.append(judge(other, t, datasets))
    return sorted(out, key=lambda j: j.target.year)


def judge(ds: Dataset, target: Target, datasets: Sequence[Dataset]) -> Judged:  # noqa: PLR0911 - a reason each
    """The verdict on one target set by ``ds``."""
    if target.value is None or target.aim is None:
        return Judged(dataset=ds, target=target, verdict=Verdict.NOT_COMPARABLE, reason="words")
    found = _outcomes(ds, target, datasets)
    if not found:
        reason = "not-stated" if _reviewed(ds, target, datasets) else "no-report"
        return Judged(dataset=ds, target=target, verdict=Verdict.NO_OUTCOME, reason=reason)
    if len(found) > 1:  # two reports of the place and year: which outcome holds is not ours to pick
        return Judged(dataset=ds, target=target, verdict=Verdict.UNCLEAR, reason="two-reports")
    ((where, ind),) = found

    def without(verdict: Verdict, reason: str) -> Judged:
        return Judged(
            dataset=ds, target=target, verdict=verdict, outcome=ind, outcome_dataset=where, reason=reason
        )

    if ind.period and ind.period != str(target.year):
        return without(Verdict.NOT_COMPARABLE, "span")
    if target.aim is Aim.CHANGE:
        if ind.change is None or ind.change_unit is None:
            return without(Verdict.NO_OUTCOME, "no-change" if ind.value is not None else "not-stated")
        if ind.change_unit.value != target.unit:
            return without(Verdict.NOT_COMPARABLE, "units")
        value, qualifier, gap_unit = ind.change, None, "pp"
    else:
        if ind.value is None or ind.unit is None:
            return without(Verdict.NO_OUTCOME, "no-level" if ind.change is not None else "not-stated")
        converted = _in_unit(ind.value, ind.unit, target.unit or "")
        if converted is None:
            return without(Verdict.NOT_COMPARABLE, "units")
        # a share's distance is in percentage points, any other level's in its unit
        value, qualifier, gap_unit = (
            converted,
            ind.qualifier,
            "pp" if target.unit == "%" else target.unit or "",
        )
    verdict, reason = _verdict(value, qualifier, target.value, ceiling(target, ind))
    exact = reason in ("", "about")  # 以上 and 近 settle the verdict, not the distance
    gap = (
        EXACT.abs(EXACT.subtract(value, target.value))
        if verdict in (Verdict.MET, Verdict.MISSED) and exact
        else None
    )
    return Judged(
        dataset=ds,
        target=target,
        verdict=verdict,
        outcome=ind,
        outcome_dataset=where,
        outcome_value=value,
        gap=gap,
        gap_unit=gap_unit if gap is not None else None,
        reason=reason,
    )


def ceiling(target: Target, ind: Indicator | None = None) -> bool:
    """Whether ``target`` is a most rather than a least. Its bound says (以内, 以下, 不高于, 控制在), else
    the outcome's polarity (lower is better). A target to fall (下降5%以上: value -5) turns this
    over: at least a fall of 5% is at most a change of −5%, and a fall with no bound is such a most."""
    directed = target.bound is not None and target.bound is not Bound.ABOUT  # 左右 says no direction
    if target.aim is Aim.CHANGE and target.value is not None and target.value < 0:
        return not target.bound.ceiling if directed and target.bound else True
    if directed and target.bound:
        return target.bound.ceiling
    return ind is not None and ind.polarity is Polarity.LOWER


REASONS = {
    "words": ("仅有文字目标", "words only"),
    "no-report": ("未载入该年报告", "no report of that year loaded"),
    "not-stated": ("报告未提及", "not stated"),
    "no-change": ("报告未提增速", "no growth stated"),
    "no-level": ("报告未提总量", "no level stated"),
    "span": ("实绩为多年累计", "the outcome covers several years"),
    "units": ("单位不同", "different measures"),
    "floor": ("实绩只说下限", "the outcome is only a floor"),
    "near": ("实绩为约数", "the outcome is a near figure"),
    "at-least": ("实绩至少为此", "outcome at least this"),
    "nearly": ("实绩接近此数", "outcome nearly this"),
    "about": ("实绩约为此数", "outcome about this"),
    "two-reports": ("同年同地有两份报告", "two reports of the place and year"),
}
"""Why a target has no verdict, or what qualifies it: the ``reason`` column's codes, in words."""


def _verdict(value: Decimal, qualifier: Qualifier | None, aim: Decimal, ceiling: bool) -> tuple[Verdict, str]:
    """Met or missed where the outcome's qualifier settles it, else unclear."""
    good = value <= aim if ceiling else value >= aim
    if qualifier in _FLOOR:  # at least ``value``: more may have been reached
        if ceiling:
            return (Verdict.MISSED, "at-least") if value > aim else (Verdict.UNCLEAR, "floor")
        return (Verdict.MET, "at-least") if good else (Verdict.UNCLEAR, "floor")
    if qualifier is Qualifier.NEARLY:  # a little under ``value``
        if ceiling:
            return (Verdict.MET, "nearly") if good else (Verdict.UNCLEAR, "near")
        return (Verdict.MISSED, "nearly") if value <= aim else (Verdict.UNCLEAR, "near")
    reason = "about" if qualifier is Qualifier.ABOUT else ""
    return (Verdict.MET if good else Verdict.MISSED), reason


def _in_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``wanted``, exactly, or None when they do not convert."""
    if unit == wanted:
        return value
    a, b = known(unit), known(wanted)
    if a is None or b is None or a.base is None or a.base != b.base:
        return None
    moved = shifted(value, a.power - b.power)
    if moved == moved.to_integral_value():
        return EXACT.quantize(moved, Decimal(1))
    return EXACT.normalize(moved)


def _place(ds: Dataset) -> tuple[str, str, str | None]:
    r = ds.report
    return (r.region, r.province, r.region_code)


def _reviewed(ds: Dataset, target: Target, datasets: Sequence[Dataset]) -> bool:
    return any(o.report.year == target.year and same(_place(o), _place(ds)) for o in datasets)


def _outcomes(ds: Dataset, target: Target, datasets: Sequence[Dataset]) -> list[tuple[Dataset, Indicator]]:
    """The records of ``target.measure`` in the loaded reports of the same place reviewing the
    target's year: one, or several when two reports of that place and year are loaded."""
    if target.measure is None:
        return []
    out = []
    for other in datasets:
        if other.report.year != target.year or not same(_place(other), _place(ds)):
            continue
        # candidates by a scan of the labels, so that no record of a large report is built in vain
        found = (other.indicators[n] for n in containing(other.labels, normalize(target.measure)))
        out += [(other, ind) for ind in found if ind.id == target.measure][:1]
    return out
