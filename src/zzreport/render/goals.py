"""Targets and verdicts in words, for the ``targets`` table and the target line of ``show``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from zzreport.model import Aim, Bound, ChangeUnit, Judged, Target, Verdict
from zzreport.render.base import Cell, Column, Lang, TableView, Tone
from zzreport.render.records import plain
from zzreport.render.view import change_text, english, value_text
from zzreport.targets import REASONS
from zzreport.units import english_amount, shown

_BEFORE = (Bound.NOT_BELOW, Bound.NOT_ABOVE, Bound.CAPPED)
"""Bounds written before the number (不低于7%, 控制在3%); the others follow it (7%以上)."""
_BOUND_EN = {
    Bound.AT_LEAST: "at least ",
    Bound.NOT_BELOW: "at least ",
    Bound.ABOUT: "about ",
    Bound.WITHIN: "at most ",
    Bound.BELOW: "below ",
    Bound.NOT_ABOVE: "at most ",
    Bound.CAPPED: "at most ",
}
VERDICT = {
    Verdict.MET: ("完成", "met", Tone.GOOD),
    Verdict.MISSED: ("未完成", "missed", Tone.BAD),
    Verdict.UNCLEAR: ("难以判断", "unclear", Tone.MUTED),
    Verdict.NO_OUTCOME: ("未见实绩", "no outcome", Tone.MUTED),
    Verdict.NOT_COMPARABLE: ("不可比", "not comparable", Tone.MUTED),
}


def _amount(value: Decimal, unit: str, lang: Lang) -> str:
    if lang is Lang.EN:
        return english_amount(value, unit)
    return f"{plain(value)}{shown(unit).zh}"


def target_text(t: Target, lang: Lang, *, terse: bool = False) -> str:
    """增长7%以上, 4.3万人, 控制在3%左右 / at least +7%, 43,000 people, at most about +3%; a target in
    words as written, in English its note (``terse``: its first clause, for a table)."""
    if t.value is None or t.unit is None:
        if lang is Lang.EN and t.note_en:  # in a table, its first clause (To grow in step with the economy)
            return t.note_en.split(";")[0].rstrip(".") if terse else t.note_en
        return t.written or ""
    if t.written and lang is Lang.ZH:
        return t.written  # the plan's own words (控制在3%左右)
    fall = t.aim is Aim.CHANGE and t.value < 0
    if t.aim is Aim.CHANGE:
        number = change_text(t.value, _change_unit(t.unit), lang)
        if lang is Lang.ZH:
            verb = "增长" if t.value >= 0 else "下降"
            number = f"{verb}{number.lstrip('+−')}"
        elif fall:  # 下降3%以上: a fall of at least 3%, not "at least −3%"
            number = number.lstrip("−")
    else:
        number = _amount(t.value, t.unit, lang)
    if t.bound is None:
        return f"a fall of {number}" if fall and lang is Lang.EN else number
    if lang is Lang.EN:
        about = "about " if t.bound is not Bound.ABOUT and "左右" in (t.written or "") else ""
        bound = _BOUND_EN[t.bound] + about
        return f"a fall of {bound}{number}" if fall else bound + number
    return f"{t.bound.value}{number}" if t.bound in _BEFORE else f"{number}{t.bound.value}"


def outcome_text(j: Judged, lang: Lang) -> str:
    """+5.6%, 4.4万人, 1200余名, 近9%: a change in the target's terms, a level as the report states it
    (in its own unit, with its qualifier: the gap says how far that is in the target's unit)."""
    if j.outcome_value is None or j.target.unit is None:
        return ""
    if j.target.aim is Aim.CHANGE:
        return change_text(j.outcome_value, _change_unit(j.target.unit), lang)
    if j.outcome is None:
        return _amount(j.outcome_value, j.target.unit, lang)
    return value_text(j.outcome, lang, words=False, equivalent=False)  # as the report states it


def verdict_text(j: Judged, lang: Lang) -> tuple[str, Tone]:
    """完成 / missed, with the colour of good or bad news."""
    zh, en, tone = VERDICT[j.verdict]
    return (zh if lang is Lang.ZH else en), tone


def gap_text(j: Judged, lang: Lang, *, terse: bool = False) -> str:
    """How far from the target: 差1.4个百分点 / by 1.4 pp (``terse``, a table's: where the outcome lies
    from the target, 低1.4个百分点 / −1.4 pp); why there is no verdict, or what qualifies it."""
    words = REASONS.get(j.reason, ("", ""))[0 if lang is Lang.ZH else 1]
    if j.gap is None or j.gap_unit is None or j.outcome_value is None or j.target.value is None:
        return words
    if j.gap_unit == "pp":
        amount = change_text(j.gap, ChangeUnit.POINTS, lang).lstrip("+")
    else:
        amount = _amount(j.gap, j.gap_unit, lang)
    below = j.outcome_value < j.target.value
    if terse and lang is Lang.ZH:
        text = ("低" if below else "高") + amount if j.gap else amount
    elif terse:
        text = ("−" if below else "+") + amount if j.gap else amount
    elif not j.gap:
        text = "恰好达到目标" if lang is Lang.ZH else "exactly"
    elif lang is Lang.ZH:
        text = ("差" if j.verdict is Verdict.MISSED else "优于目标") + amount
    else:
        text = f"by {amount}"
    if terse or not words:
        return text
    return text + ("；" if lang is Lang.ZH else "; ") + words


def line(j: Judged, lang: Lang) -> str:
    """The target line of ``show``: 2023年目标：增长7%以上 → 未完成，差1.4个百分点."""
    verdict, _ = verdict_text(j, lang)
    gap = gap_text(j, lang) if j.reason != "not-stated" else ""  # no outcome stated says it already
    if lang is Lang.ZH:
        return f"{j.target.year}年目标：{target_text(j.target, lang)} → {verdict}" + (
            f"，{gap}" if gap else ""
        )
    sep = " " if gap.startswith("by ") else ", "
    return f"{j.target.year} target: {target_text(j.target, lang)} → {verdict}" + (
        f"{sep}{gap}" if gap else ""
    )


def targets_table(rows: Sequence[Judged], lang: Lang) -> TableView:
    """``targets``: what is targeted, the target, the outcome, the verdict and by how much."""
    zh = lang is Lang.ZH
    heads = ("目标", "年份", "目标值", "实绩", "结果", "差距", "ID") if zh else (
        "Target", "Year", "Set", "Outcome", "Verdict", "By", "ID",
    )  # fmt: skip
    cols = (
        Column(heads[0], short=True),
        Column(heads[1], numeric=True),
        Column(heads[2], numeric=True),
        Column(heads[3], numeric=True),
        Column(heads[4], whole=True),
        Column(heads[5], optional=2, numeric=True),
        Column(heads[6], whole=True, optional=1),
    )
    out = []
    for j in rows:
        verdict, tone = verdict_text(j, lang)
        out.append(
            (
                Cell(english(j.target.name, j.target.name_en, lang)),
                Cell(str(j.target.year)),
                Cell(target_text(j.target, lang, terse=True)),
                Cell(outcome_text(j, lang)),
                Cell(verdict, tone),
                Cell(gap_text(j, lang, terse=True), Tone.MUTED),
                Cell(j.target.id, Tone.KEY),
            )
        )
    return TableView(None, cols, tuple(out))


def _change_unit(unit: str) -> ChangeUnit:
    return ChangeUnit.POINTS if unit == "pp" else ChangeUnit.PERCENT
