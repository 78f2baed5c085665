"""Targets against outcomes: the bundled 2023 targets, every verdict rule, the command, show, search,
the Python API and the export."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, Result
from zzreport.loading import load
from zzreport.model import Aim, Bound, ChangeUnit, Dataset, Indicator, Polarity, Qualifier, Target, Verdict
from zzreport.targets import judge, judge_all

PLAN = ROOT.parent / "shared" / "source" / "changzhi-2023-plan-targets.txt"


def _outcomes(dataset: Dataset) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    return {
        j.target.id: (
            j.verdict.value,
            None if j.outcome_value is None else str(j.outcome_value),
            None if j.gap is None else str(j.gap),
            j.gap_unit,
        )
        for j in judge_all([dataset])
    }


def test_the_bundled_2023_targets_against_the_review(dataset: Dataset) -> None:
    assert _outcomes(dataset) == {
        "gdp-growth-2023": ("missed", "5.6", "1.4", "pp"),
        "fixed-asset-investment-growth-2023": ("no-outcome", None, None, None),
        "retail-sales-growth-2023": ("met", "8.2", "0.2", "pp"),
        "budget-revenue-growth-2023": ("missed", "1.48", "4.52", "pp"),
        "urban-income-2023": ("not-comparable", None, None, None),
        "rural-income-2023": ("not-comparable", None, None, None),
        "new-urban-jobs-2023": ("met", "4.4", "0.1", "万人"),
        "consumer-prices-2023": ("no-outcome", None, None, None),
        "binding-targets-2023": ("not-comparable", None, None, None),
    }


@pytest.mark.skipif(not PLAN.exists(), reason="the plan's text is beside the project only")
def test_every_bundled_target_stands_in_the_plan(dataset: Dataset) -> None:
    """Each target's number, unit and bound, or its words, as the plan prints them after its name."""
    text = re.sub(r"\s", "", PLAN.read_text(encoding="utf-8"))
    for t in dataset.targets:
        assert t.source == "长治市2023年国民经济和社会发展计划" and t.source_url and t.year == 2023
        assert f"{t.year}年" in text
        if t.value is None:
            assert t.written and t.written in text, t.id
            continue
        number = format(t.value, "f") + {"%": "%", "pp": "个百分点"}.get(t.unit or "", t.unit or "")
        bound = t.bound.value if t.bound else ""
        printed = (bound + number) if bound in ("不低于", "控制在") else number + (bound if bound else "")
        stem = t.name[:4]
        assert re.search(re.escape(stem) + r"[^,，;；:：]{0,8}?" + re.escape(printed), text), (t.id, printed)
        assert (t.binding.value if t.binding else "") == "expected"


# ── the rules, on made-up targets and outcomes ───────────────────────────────

BASE = load(ROOT / "data" / "indicators.yaml", use_store=False)


def _judged(target: Target, outcome: Indicator) -> tuple[str, str | None, str | None, str]:
    ds = replace(BASE, indicators=(outcome,), labels=((outcome.id,),), targets=(target,))
    j = judge(ds, target, [ds])
    return j.verdict.value, None if j.gap is None else str(j.gap), j.gap_unit, j.reason


def _target(**kw: object) -> Target:
    fields: dict[str, object] = {"id": "t", "year": 2023, "measure": "x", "name": "某指标", "aim": Aim.CHANGE}
    fields |= {"value": Decimal("7"), "unit": "%"}
    return Target(**{**fields, **kw})  # type: ignore[arg-type]


def _outcome(**kw: object) -> Indicator:
    fields: dict[str, object] = {
        "id": "x",
        "name": "某指标",
        "section": "overview",
        "item": 1,
        "period": "2023",
    }
    return Indicator(**{**fields, **kw})  # type: ignore[arg-type]


CHANGE = {"change": Decimal("5.6"), "change_unit": ChangeUnit.PERCENT}


@pytest.mark.parametrize(
    ("target", "outcome", "expected"),
    [
        # a floor: reached or not, the gap in percentage points for a growth rate
        ({"bound": Bound.AT_LEAST}, CHANGE, ("missed", "1.4", "pp", "")),
        ({"bound": Bound.AT_LEAST, "value": Decimal("5.6")}, CHANGE, ("met", "0.0", "pp", "")),
        ({"bound": Bound.NOT_BELOW, "value": Decimal("5")}, CHANGE, ("met", "0.6", "pp", "")),
        # no bound: a floor, unless lower is better for the outcome
        ({}, {**CHANGE, "polarity": Polarity.LOWER}, ("met", "1.4", "pp", "")),
        ({"value": Decimal("5")}, {**CHANGE, "polarity": Polarity.LOWER}, ("missed", "0.6", "pp", "")),
        # a ceiling: 控制在, 以内, 以下, 不高于
        (
            {"bound": Bound.CAPPED, "value": Decimal("3")},
            {"change": Decimal("0.2"), "change_unit": ChangeUnit.PERCENT},
            ("met", "2.8", "pp", ""),
        ),
        (
            {"bound": Bound.WITHIN, "value": Decimal("3")},
            {"change": Decimal("3.4"), "change_unit": ChangeUnit.PERCENT},
            ("missed", "0.4", "pp", ""),
        ),
        (
            {"bound": Bound.NOT_ABOVE, "value": Decimal("3")},
            {"change": Decimal("3"), "change_unit": ChangeUnit.PERCENT},
            ("met", "0", "pp", ""),  # 3 − 3
        ),
        # about: judged on the number, as a floor for a figure where more is better
        ({"bound": Bound.ABOUT, "value": Decimal("5.5")}, CHANGE, ("met", "0.1", "pp", "")),
        # a change in pp against a target in %: other measures, no verdict
        (
            {},
            {"change": Decimal("1"), "change_unit": ChangeUnit.POINTS},
            ("not-comparable", None, None, "units"),
        ),
        # a growth target against a record with a level only: no outcome stated
        ({}, {"value": Decimal("963.5"), "unit": "亿元"}, ("no-outcome", None, None, "no-change")),
        # an outcome of a span (十四五 so far) is no outcome of the year
        ({}, {**CHANGE, "period": "2021-2023"}, ("not-comparable", None, None, "span")),
    ],
)
def test_change_targets(
    target: dict[str, object], outcome: dict[str, object], expected: tuple[object, ...]
) -> None:
    assert _judged(_target(**target), _outcome(**outcome)) == expected


LEVEL = {"aim": Aim.LEVEL, "value": Decimal("4.3"), "unit": "万人"}


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ({"value": Decimal("4.4"), "unit": "万人"}, ("met", "0.1", "万人", "")),
        # another unit of the same base converts exactly: 43,500 people is 4.35万人
        ({"value": Decimal("43500"), "unit": "人"}, ("met", "0.05", "万人", "")),
        ({"value": Decimal("42000"), "unit": "人"}, ("missed", "0.1", "万人", "")),
        # units that do not convert: no verdict
        ({"value": Decimal("4.4"), "unit": "万户"}, ("not-comparable", None, None, "units")),
        # a level target against a record with a change only
        ({"change": Decimal("3"), "change_unit": ChangeUnit.PERCENT}, ("no-outcome", None, None, "no-level")),
        # qualified outcomes: judged only where the qualifier settles it
        (
            {"value": Decimal("4.4"), "unit": "万人", "qualifier": Qualifier.AT_LEAST},
            ("met", None, None, "at-least"),
        ),
        (
            {"value": Decimal("4.2"), "unit": "万人", "qualifier": Qualifier.OVER},
            ("unclear", None, None, "floor"),
        ),
        (
            {"value": Decimal("4.3"), "unit": "万人", "qualifier": Qualifier.NEARLY},
            ("missed", None, None, "nearly"),
        ),
        (
            {"value": Decimal("4.5"), "unit": "万人", "qualifier": Qualifier.NEARLY},
            ("unclear", None, None, "near"),
        ),
        (
            {"value": Decimal("4.2"), "unit": "万人", "qualifier": Qualifier.ABOUT},
            ("missed", "0.1", "万人", "about"),
        ),
    ],
)
def test_level_targets(outcome: dict[str, object], expected: tuple[object, ...]) -> None:
    assert _judged(_target(**LEVEL), _outcome(**outcome)) == expected


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        (Qualifier.AT_LEAST, "3.5", ("missed", None, None, "at-least")),  # at least 3.5 > a cap of 3
        (Qualifier.AT_LEAST, "2.5", ("unclear", None, None, "floor")),
        (Qualifier.NEARLY, "3", ("met", None, None, "nearly")),
        (Qualifier.NEARLY, "3.5", ("unclear", None, None, "near")),
    ],
)
def test_a_ceiling_against_qualified_outcomes(
    qualifier: Qualifier, value: str, expected: tuple[object, ...]
) -> None:
    target = _target(**{**LEVEL, "value": Decimal("3"), "bound": Bound.WITHIN})
    outcome = _outcome(value=Decimal(value), unit="万人", qualifier=qualifier)
    assert _judged(target, outcome) == expected


@pytest.mark.parametrize(
    ("target", "change", "expected"),
    [
        # a target to fall by at least 5%: any larger fall meets it
        ({"value": Decimal("-5"), "bound": Bound.AT_LEAST}, "-7.7", ("met", "2.7", "pp", "")),
        ({"value": Decimal("-5"), "bound": Bound.AT_LEAST}, "-3", ("missed", "2", "pp", "")),
        # a fall with no bound is met by that fall or more; with a ceiling's bound, by less
        ({"value": Decimal("-5")}, "-5.5", ("met", "0.5", "pp", "")),
        ({"value": Decimal("-5"), "bound": Bound.WITHIN}, "-3", ("met", "2", "pp", "")),
    ],
)
def test_targets_to_fall(target: dict[str, object], change: str, expected: tuple[object, ...]) -> None:
    outcome = _outcome(change=Decimal(change), change_unit=ChangeUnit.PERCENT)
    assert _judged(_target(**target), outcome) == expected


def test_a_share_is_judged_in_percentage_points() -> None:
    target = _target(aim=Aim.LEVEL, value=Decimal("60"), unit="%")
    assert _judged(target, _outcome(value=Decimal("62.8"), unit="%")) == ("met", "2.8", "pp", "")


def test_two_reports_of_the_place_and_year_give_no_verdict() -> None:
    target = _target()
    first = replace(BASE, indicators=(_outcome(**CHANGE),), labels=(("x",),), targets=(target,))
    twin = replace(
        BASE, indicators=(_outcome(change=Decimal("9"), change_unit=ChangeUnit.PERCENT),), labels=(("x",),)
    )
    for order in ([first, twin], [twin, first]):
        j = judge(first, target, order)
        assert (j.verdict, j.reason, j.gap) == (Verdict.UNCLEAR, "two-reports", None)


def test_words_no_measure_and_no_report() -> None:
    words = _target(aim=None, value=None, unit=None, written="与经济增长同步")
    assert _judged(words, _outcome(**CHANGE))[0::3] == ("not-comparable", "words")
    assert _judged(_target(measure="nowhere"), _outcome(**CHANGE))[0::3] == ("no-outcome", "not-stated")
    assert _judged(_target(year=2024), _outcome(**CHANGE))[0::3] == ("no-outcome", "no-report")


# ── files, the command, show, search, the API and the export ─────────────────

NEXT = (
    MINIMAL.replace("sample-2023", "sample-2022").replace("year: 2023", "year: 2022")
    + """\
targets:
  - id: gdp-growth-2023
    year: 2023
    measure: gdp
    name: 地区生产总值
    name_en: GDP
    aim: change
    value: 5
    unit: "%"
    bound: 左右
  - id: gdp-level-2023
    year: 2023
    measure: gdp
    name: 地区生产总值
    aim: level
    value: 1.2
    unit: 亿元
    bound: 以上
"""
)


@pytest.fixture
def two_years(tmp_path: Path, where: Path) -> Path:
    """A report of 2022 setting targets for 2023, and the report of 2023 (MINIMAL: GDP 1.10 亿元, −0.50%)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2022.yaml").write_text(NEXT, encoding="utf-8")
    (folder / "2023.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


def test_a_report_of_the_year_before_gives_verdicts_with_no_hand_work(
    two_years: Path, cli: Callable[..., Result]
) -> None:
    for fast in (True, False):
        result = cli("targets", "--data", str(two_years), "-f", "csv", fast=fast)
        assert result.code == 0, result.err
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.out))}
        assert (rows["gdp-growth-2023"]["verdict"], rows["gdp-growth-2023"]["gap"]) == ("missed", "5.50")
        assert rows["gdp-growth-2023"]["outcome_report"] == "sample-2023"
        assert (rows["gdp-level-2023"]["verdict"], rows["gdp-level-2023"]["gap"]) == ("missed", "0.10")
    data = json.loads(cli("targets", "--data", str(two_years), "-f", "json").out)
    assert data[0]["value"] == 5 and data[0]["gap"] == 5.5 and data[0]["year"] == 2023


def test_targets_year_filter_and_none_found(two_years: Path, cli: Callable[..., Result]) -> None:
    assert cli("targets", "--data", str(two_years), "--year", "2023", "-f", "csv").out.count("\n") == 3
    none = cli("targets", "--data", str(two_years), "--year", "2030")
    assert (
        none.code == 1 and none.out == "" and none.err.count("\n") == 1 and "no targets for 2030" in none.err
    )


def test_show_says_the_target_a_figure_was_held_to(two_years: Path, cli: Callable[..., Result]) -> None:
    zh = cli("show", "gdp", "--data", str(two_years), "-f", "markdown")
    assert "2023年目标：增长5%左右 → 未完成，差5.50个百分点" in zh.out, zh.out
    en = cli("show", "gdp", "--data", str(two_years), "-f", "markdown", "--lang", "en")
    assert "2023 target: about +5% → missed by 5.50 pp" in en.out, en.out


def test_the_bundled_targets_table_in_both_languages(cli: Callable[..., Result]) -> None:
    zh = cli("targets", "-f", "markdown")
    assert re.search(r"地区生产总值 \| 2023 \| 增长7%以上 \| \+5\.6% \| 未完成 \| 低1\.4个百分点", zh.out), (
        zh.out
    )
    en = cli("targets", "-f", "markdown", "--lang", "en")
    assert re.search(
        r"Gross regional product \| 2023 \| at least \+7% \| \+5\.6% \| missed \| −1\.4 pp", en.out
    ), en.out


@pytest.mark.parametrize("words", [["目标"], ["target"], ["gdp", "target"], ["预期目标"]])
def test_search_finds_what_has_a_target(
    dataset: Dataset, cli: Callable[..., Result], words: list[str]
) -> None:
    """Records a target measures first; then records set against another's target (超额完成省下达任务)."""
    measured = {t.measure for t in dataset.targets}
    against = {i.id for i in dataset.indicators if any("target" in c.benchmark for c in i.comparisons)}
    result = cli("search", *words, "-f", "csv")
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.out))]
    assert result.code == 0 and ids, result.err
    assert set(ids) <= measured | against
    first = [i for i in ids if i in measured]
    assert ids[: len(first)] == first
    if "gdp" in words:
        assert ids[0] == "gdp"
    else:
        assert measured & {i.id for i in dataset.indicators} <= set(ids)


def test_the_api_and_the_export_hold_targets(tmp_path: Path, cli: Callable[..., Result]) -> None:
    import sqlite3

    import zzreport

    reports = zzreport.load()
    judged = reports.targets()
    assert [(j.target.id, j.verdict) for j in judged][:1] == [("gdp-growth-2023", Verdict.MISSED)]
    assert len(reports.targets(year=2024)) == 0
    assert reports.targets().records()[0]["gap"] == Decimal("1.4")
    db = tmp_path / "r.db"
    assert cli("export", str(db)).code == 0
    with sqlite3.connect(db) as con:
        row = con.execute(
            "select verdict, gap, gap_text, gap_unit, value_text from targets where id = 'budget-revenue-growth-2023'"
        ).fetchone()
    assert row == ("missed", 4.52, "4.52", "pp", "6")


NEXT_YEAR_TEXT = """样例县2024年政府工作报告

一、2023年工作回顾

全县地区生产总值完成195亿元，同比增长6.3%。一般公共预算收入完成10.2亿元，增长3.3%。城镇新增就业5600人。
"""


def test_drafts_of_two_years_give_verdicts_with_no_hand_work(tmp_path: Path, where: Path) -> None:
    """A report's target paragraph is drafted as targets of the next year, with the ids the draft of
    the next year's report gives the outcomes, so the two drafts need only their metadata filled."""
    from test_draft import SYNTHETIC, filled
    from zzreport import drafting

    folder = tmp_path / "drafts"
    folder.mkdir()
    for name, text in (("2022", SYNTHETIC.read_text(encoding="utf-8")), ("2023", NEXT_YEAR_TEXT)):
        made = filled(drafting.draft(text, source=f"{name}.txt"))
        assert "增长6%左右" not in made.split("targets:")[0], "a target is no figure of the year"
        (folder / f"{name}.yaml").write_text(made, encoding="utf-8")
    datasets = [load(p, use_store=False) for p in sorted(folder.iterdir())]
    assert [ds.report.year for ds in datasets] == [2022, 2023]
    got = {
        j.target.id: (j.verdict.value, None if j.gap is None else str(j.gap), j.gap_unit)
        for j in judge_all(datasets)
    }
    assert got == {
        "gdp-2023": ("met", "0.3", "pp"),
        "budget-revenue-2023": ("missed", "1.7", "pp"),
        "new-urban-jobs-2023": ("met", "600", "人"),
        "t2023-4": ("not-comparable", None, None),
        "cpi-2023": ("no-outcome", None, None),
    }


def test_about_takes_its_direction_from_the_outcome() -> None:
    """居民消费价格涨幅3%左右: consumer prices up 0.2% meet it when lower is better."""
    target = _target(value=Decimal("3"), bound=Bound.ABOUT)
    outcome = _outcome(change=Decimal("0.2"), change_unit=ChangeUnit.PERCENT, polarity=Polarity.LOWER)
    assert _judged(target, outcome) == ("met", "2.8", "pp", "")


def test_units_convert_exactly_at_any_length() -> None:
    digits = "1.23456789012345678901234567891"
    target = _target(aim=Aim.LEVEL, value=Decimal("1"), unit="人")
    verdict, gap, unit, _ = _judged(target, _outcome(value=Decimal(digits), unit="万人"))
    assert (verdict, unit) == ("met", "人") and gap == "12344.6789012345678901234567891"
    huge = _target(aim=Aim.LEVEL, value=Decimal("1"), unit="元")
    assert _judged(huge, _outcome(value=Decimal("9" * 29), unit="亿元"))[0] == "met"


def test_words_of_a_fall_and_of_an_outcome_in_another_unit() -> None:
    from zzreport.render import goals
    from zzreport.render.base import Lang

    fall = _target(value=Decimal("-3"), bound=Bound.AT_LEAST)
    assert goals.target_text(fall, Lang.EN) == "a fall of at least 3%"
    assert goals.target_text(fall, Lang.ZH) == "下降3%以上"
    jobs = _target(aim=Aim.LEVEL, value=Decimal("4"), unit="万人")
    ds = replace(BASE, targets=(jobs,))
    j = judge(
        ds,
        jobs,
        [
            replace(
                ds,
                indicators=(_outcome(value=Decimal("40000"), unit="人", qualifier=Qualifier.ODD),),
                labels=(("x",),),
            )
        ],
    )
    assert (goals.outcome_text(j, Lang.ZH), goals.outcome_text(j, Lang.EN)) == (
        "40000余人",
        "over 40,000 people",
    )
    exact = judge(
        ds, jobs, [replace(ds, indicators=(_outcome(value=Decimal("4"), unit="万人"),), labels=(("x",),))]
    )
    assert goals.line(exact, Lang.ZH).endswith("完成，恰好达到目标") and goals.line(exact, Lang.EN).endswith(
        "met, exactly"
    )


def test_the_year_of_targets_comes_from_the_main_targets_only() -> None:
    from zzreport.recognise import read

    text = (
        "一、2023年工作回顾\n圆满完成2023年主要目标任务，锚定2035年远景目标。\n二、今年工作安排\n"
        "主要预期目标是：2024年城镇新增就业4.3万人以上，地区生产总值增长5%左右。\n"
    )
    found = [(a.name, a.year, a.value, a.unit) for a in read(text, 2023).targets]
    assert found == [("城镇新增就业", 2024, "4.3", "万人"), ("地区生产总值", 2024, "5", "%")]


def test_an_english_targets_table_says_words_only_targets_in_english(cli: Callable[..., Result]) -> None:
    rows = [
        line.split(" | ") for line in cli("targets", "-f", "markdown", "--lang", "en").out.splitlines()[2:]
    ]
    assert rows and not [r for r in rows if re.search("[\u4e00-\u9fff]", r[2])], rows
