"""Renderers, without the CLI: exact machine text, reviewed table text, nothing cut at any width."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from rich.cells import cell_len

from zzreport import phrases, query
from zzreport.machine import cell
from zzreport.model import ChangeUnit, Dataset, Indicator
from zzreport.render import MACHINE, Format, Lang, Options, Output, render
from zzreport.render import records as r
from zzreport.render import table as rich_table
from zzreport.render import view as v
from zzreport.render.base import Bar, Cell, Column, TableView

PICK = ["gdp", "pm25", "loan-to-deposit-ratio", "coking-advanced-capacity", "innovative-talent", "event-attention",
        "carbon-peak-pilot-park", "main-indicator-growth", "livelihood-spending-share"]  # fmt: skip


def _lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip()


def _output(ds: Dataset, ids: list[str]) -> Output:
    inds = [i for _, i in query.find_all([ds], ids)]
    return Output(lambda: r.indicator_records(ds, inds), lambda lg: [v.list_table(ds, inds, lg)])


# Reviewed by eye against data/indicators.yaml: values with units, qualifiers in place, real minus
# signs, ranks in words, and no number, unit or id cut.
LIST_ZH_80 = """
指标                              数值           变化  ID
────────────────────────────────────────────────────────────────────────────────
地区生产总值                2806.2亿元          +5.6%  gdp
PM2.5浓度                      36μg/m³          −7.7%  pm25
存贷比                                  +3.54个百分点  loan-to-deposit-ratio
焦化先进产能占比               94%以上                 coking-advanced-capacity
引进创新型人才                1200余名                 innovative-talent
关注长治的国内外人数         超500万人                 event-attention
国家首批碳达峰试点园区            荣誉                 carbon-peak-pilot-park
主要指标增速                                           main-indicator-growth
财政支出用于民生事业的比重    七成以上                 livelihood-spending-share

终端宽度不足，未显示：板块、排名/比较（用 --wide 或 -f csv 查看）"""
"""One line per record with its id; the section and rank columns left out, and the note says so;
honours marked, 七成以上 as the report writes it."""

LIST_EN_80 = """
Indicator                       Value    Change  ID
──────────────────────────────────────────────────────────────────────
Gross regional product  CNY 280.62 bn     +5.6%  gdp
PM2.5 concentration          36 μg/m³     −7.7%  pm25
Loan-to-deposit ratio                  +3.54 pp  loan-to-deposit-ratio

Not shown for lack of width: Section, Standing (see them with --wide or -f csv)"""

LIST_EN_WIDEST_80 = """
Indicator                                      Value  ID
────────────────────────────────────────────────────────────────────────────────
Gross regional product                 CNY 280.62 bn  gdp
Grain output                       2.504 billion jin  grain-output
New high-standard…                        289,500 mu  new-high-standard-farmland
Business entities in…      344,000 business entities  business-entities

Not shown for lack of width: Section, Standing, Change (see them with --wide or
-f csv)"""
"""The widest English values: 斤 and 亩 without their metric equivalent (``show`` gives it), so that
names, values and ids share 80 columns."""

COMPARE_ZH_80 = """
指标                    数值    变化             排名      占首项         增速差
────────────────────────────────────────────────────────────────────────────────
地区生产总值      2806.2亿元   +5.6%      │██▉   全省第二
一般公共预算收入  315.08亿元  +1.48%      │▊               11.23%  −4.12个百分点
PM2.5浓度            36μg/m³   −7.7%  ████│                        −13.3个百分点"""
"""Every column at 80 (比较 is empty, so not drawn): 315.08 / 2806.2 = 11.23%; 1.48 − 5.6 = −4.12
and −7.7 − 5.6 = −13.3 points; bars of 5.6, 1.48 and 7.7 on one axis."""


def test_list_table_text_zh(dataset: Dataset) -> None:
    view = v.list_table(dataset, [i for _, i in query.find_all([dataset], PICK)], Lang.ZH)
    assert _lines(rich_table.render([view], width=80, color=False)) == LIST_ZH_80.strip("\n")


def test_list_table_text_en(dataset: Dataset) -> None:
    view = v.list_table(dataset, [i for _, i in query.find_all([dataset], PICK[:3])], Lang.EN)
    assert _lines(rich_table.render([view], width=80, color=False)) == LIST_EN_80.strip("\n")


def test_english_list_leaves_metric_equivalents_to_show(dataset: Dataset) -> None:
    ids = ["gdp", "grain-output", "new-high-standard-farmland", "business-entities"]
    inds = [i for _, i in query.find_all([dataset], ids)]
    view = v.list_table(dataset, inds, Lang.EN)
    assert _lines(rich_table.render([view], width=80, color=False)) == LIST_EN_WIDEST_80.strip("\n")
    shown = rich_table.render(v.show_tables(dataset, inds[1:3], Lang.EN), width=80, color=False)
    assert "2.504 billion jin (1.252 million t)" in shown and "289,500 mu (19,300 ha)" in shown


def test_compare_table_text_with_bars(dataset: Dataset) -> None:
    view = v.compare_table(query.compare([dataset], ["gdp", "budget-revenue", "pm25"]), Lang.ZH)
    assert _lines(rich_table.render([view], width=80, color=False)) == COMPARE_ZH_80.strip("\n")


_LIST_KEYS = ("name", "value", "change", "standing", "section", "id")
_WHOLE = ("value", "change", "id")
"""Columns of numbers, units and ids: shown whole or not at all."""


def _whole_cells(ind: Indicator, lang: Lang) -> dict[str, str]:
    return {"value": v.figure_text(ind, lang)[0], "change": v.change_text(ind.change, ind.change_unit, lang),
            "id": ind.id}  # fmt: skip


def _check_one_line_table(lines: list[str], view: TableView, inds: list[Indicator], width: int) -> None:
    """A table: a header, a rule, one line per record ending in its id, and a note naming exactly
    the columns left out; every number, unit and id of a shown column whole on its record's line."""
    lang = Lang.ZH if view.columns[0].header == "指标" else Lang.EN
    heads = [c.header for c in view.columns]
    head = dict(zip(_LIST_KEYS, heads, strict=True))
    shown = lines[0].split()
    assert shown == [h for h in heads if h in shown], shown  # in order, the name and id always
    assert {heads[0], heads[-1]} <= set(shown)
    rows, rest = lines[2 : 2 + len(inds)], lines[2 + len(inds) :]
    left_out = {h for h in heads if h not in shown}
    if left_out:
        assert rest[0] == ""
        note = re.fullmatch(r".*[:：](.*?)[(（].*", " ".join(line.strip() for line in rest))
        assert note is not None, rest
        assert {h.strip() for h in re.split("[,、]", note[1])} == left_out, (width, rest)
    else:
        assert rest == []
    for row, ind in zip(rows, inds, strict=True):
        assert cell_len(row) <= width, (width, row)
        assert row.split()[-1] == ind.id, (width, row)
        for key, text in _whole_cells(ind, lang).items():
            if text and head[key] in shown:
                assert re.search(rf"(^|\s){re.escape(text)}(\s|$)", row), (width, text, row)


def _check_stacked(text: str, view: TableView, inds: list[Indicator], width: int) -> None:
    """Blocks of "header value" lines, one per record: each number, unit and id whole on its own
    line, which may overrun the width (the terminal then wraps it)."""
    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) == len(inds)
    lang = Lang.ZH if view.columns[0].header == "指标" else Lang.EN
    heads = {c.header: k for k, c in zip(_LIST_KEYS, view.columns, strict=True) if k in _WHOLE}
    for block, ind in zip(blocks, inds, strict=True):
        cells = _whole_cells(ind, lang)
        fields = {}
        for line in block.splitlines():
            head, _, rest = line.partition(" ")
            if head in heads:
                fields[heads[head]] = rest.strip()
            else:  # text wraps at spaces; only one word wider than the room is left to the terminal
                assert cell_len(line) <= width or len(line.split()) <= 2, (width, line)
        assert fields == {k: t for k, t in cells.items() if t}, (width, block)


@pytest.mark.parametrize("width", [20, 40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("lang", list(Lang))
def test_no_number_unit_or_id_is_cut_at_any_width(dataset: Dataset, width: int, lang: Lang) -> None:
    """A column of numbers, units or ids is shown whole or left out and named in the note; never cut,
    broken over lines or shortened. Too narrow for a table, each record is a block of lines."""
    inds = list(dataset.indicators)
    view = v.list_table(dataset, inds, lang)
    text = rich_table.render([view], width=width, color=False)
    lines = [line.rstrip() for line in text.splitlines()]
    if len(lines) > 1 and lines[1].startswith("─"):
        _check_one_line_table(lines, view, inds, width)
    else:
        _check_stacked("\n".join(lines), view, inds, width)


def test_colour_only_when_asked(dataset: Dataset) -> None:
    view = v.compare_table(query.compare([dataset], ["gdp", "pm25"]), Lang.ZH)
    plain = rich_table.render([view], width=100, color=False)
    coloured = rich_table.render([view], width=100, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[32m" in coloured  # both moves are good news: GDP up, PM2.5 down


def test_search_highlights_the_match_on_a_terminal(dataset: Dataset) -> None:
    hits = query.search(dataset, "meitan")
    coloured = rich_table.render([v.search_table(dataset, hits, Lang.ZH)], width=100, color=True)
    # bold reverse around 煤炭 (and only there), the rest of the name plain
    assert "\x1b[1;7m煤炭\x1b[0m先进产能占比" in coloured


def test_search_highlights_english_names_in_english(dataset: Dataset) -> None:
    hits = query.search(dataset, "coal")
    coloured = rich_table.render([v.search_table(dataset, hits, Lang.EN)], width=120, color=True)
    assert "Raw \x1b[1;7mcoal\x1b[0m output" in coloured


def test_markup_in_data_prints_literally() -> None:
    view = TableView(None, (Column("a"),), ((Cell("[bold]x[/] [red]"),),))
    assert "[bold]x[/] [red]" in rich_table.render([view], width=60, color=True)


def test_bar_directions() -> None:
    up = rich_table.bar_text(Bar(Decimal("5"), Decimal("5"), None)).plain
    down = rich_table.bar_text(Bar(Decimal("-5"), Decimal("5"), None)).plain
    assert up == "    │████" and down == "████│    "


def test_words() -> None:
    assert [phrases.chinese_number(n) for n in (1, 2, 10, 12, 20, 99, 100)] == [
        "一",
        "二",
        "十",
        "十二",
        "二十",
        "九十九",
        "100",
    ]
    assert [phrases.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]  # fmt: skip
    assert v.change_text(Decimal("-7.7"), ChangeUnit.PERCENT, Lang.ZH) == "\u22127.7%"
    assert v.change_text(Decimal("3.54"), ChangeUnit.POINTS, Lang.ZH) == "+3.54个百分点"
    assert v.change_text(Decimal("3.54"), ChangeUnit.POINTS, Lang.EN) == "+3.54 pp"


def test_comparisons_in_words(dataset: Dataset) -> None:
    def words(iid: str, lang: Lang) -> list[str]:
        return [v.comparison_text(c, lang) for c in query.resolve(dataset, iid).comparisons]

    assert words("manufacturing-value-added", Lang.ZH) == ["增速高于全省平均水平6.8个百分点"]
    assert words("manufacturing-value-added", Lang.EN) == ["growth 6.8 pp above provincial average"]
    assert words("signed-projects", Lang.ZH) == ["超额完成省下达任务"]
    assert words("new-loans", Lang.ZH) == ["创历史新高"]
    assert words("energy-intensity", Lang.ZH) == ["超序时进度"]
    assert words("retail-sales", Lang.ZH) == ["增速高于全国平均水平", "增速高于全省平均水平"]
    assert words("main-indicator-growth", Lang.ZH) == ["连年高于全省平均水平"]


def test_every_format_renders(dataset: Dataset) -> None:
    out = _output(dataset, PICK)
    for fmt in Format:
        text = render(fmt, out, Options())
        assert text.strip(), fmt
        assert "2806.2" in text, fmt


def test_csv_is_exact(dataset: Dataset) -> None:
    text = render(
        Format.CSV, _output(dataset, ["pm25", "gdp"]), Options(fields=("id", "value", "unit", "change"))
    )
    assert text == "id,value,unit,change\npm25,36,微克/立方米,-7.7\ngdp,2806.2,亿元,5.6\n"


def test_tsv_no_header_and_excel_mode(dataset: Dataset) -> None:
    out = _output(dataset, ["pm25"])
    assert render(Format.TSV, out, Options(fields=("id", "change"), header=False)) == "pm25\t-7.7\n"
    excel = render(Format.CSV, out, Options(fields=("id", "change"), bom=True))
    assert excel == "\ufeffid,change\r\npm25,-7.7\r\n"


def test_formula_like_text_is_made_inert_only_in_excel_mode() -> None:
    assert cell("=HYPERLINK(1)", excel=True) == "'=HYPERLINK(1)"
    assert cell("@SUM(A1)", excel=True) == "'@SUM(A1)"
    assert cell("-7.7", excel=True) == "-7.7"
    assert cell("+5.6", excel=True) == "+5.6"
    assert cell("=1+1", excel=False) == "=1+1"


def test_json_keys_equal_csv_columns(dataset: Dataset) -> None:
    out = _output(dataset, PICK)
    header = next(csv.reader(io.StringIO(render(Format.CSV, out, Options()))))
    records = json.loads(render(Format.JSON, out, Options()))
    assert all(list(r) == header for r in records)
    lines = render(Format.JSONL, out, Options()).splitlines()
    assert [json.loads(line) for line in lines] == records
    pm25 = next(r for r in records if r["id"] == "pm25")
    assert (pm25["value"], pm25["change"], pm25["change_unit"], pm25["rank"]) == (36, -7.7, "%", None)
    exact = json.loads(render(Format.JSON, out, Options()), parse_float=Decimal)
    assert str(next(r for r in exact if r["id"] == "gdp")["value"]) == "2806.2"  # digits kept
    gdp = next(r for r in records if r["id"] == "gdp")
    assert (gdp["rank"], gdp["rank_scope"], gdp["qualifier"]) == (2, "province", None)


def test_json_can_be_pure_ascii(dataset: Dataset) -> None:
    text = render(Format.JSON, _output(dataset, ["gdp"]), Options(ascii_json=True))
    assert text.isascii()
    assert json.loads(text)[0]["name"] == "地区生产总值"


@pytest.mark.parametrize("fmt", sorted(MACHINE))
def test_machine_formats_never_load_rich(fmt: Format) -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from zzreport import commands\n"
        "from zzreport.loading import load_all\n"
        "from zzreport.render import Format, Options, render\n"
        f"text = render(Format({fmt.value!r}), commands.list_(load_all()), Options())\n"
        "assert '2806.2' in text\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert r.stdout == "[]\n"


def test_markdown_escapes_pipes_and_skips_bars(dataset: Dataset) -> None:
    view = TableView("t", (Column("a"), Column("bar", graphic=True)), ((Cell("x|y"), Cell("")),))
    from zzreport.render import markdown

    assert markdown.render([view]) == "### t\n\n| a |\n|---|\n| x\\|y |\n"


def test_compare_draws_only_changes_in_percent_and_shows_periods(dataset: Dataset) -> None:
    rows = query.compare(
        [dataset], ["gdp", "loan-to-deposit-ratio", "energy-intensity", "industrial-value-added"]
    )
    view = v.compare_table(rows, Lang.ZH)
    bars = {row[0].text: row[3].bar for row in view.rows}
    assert bars["存贷比"] is None  # +3.54个百分点 is no rate: no bar on the % axis
    assert all(bars[name] is not None for name in ("地区生产总值", "能耗强度", "规上工业增加值"))
    assert {b.scale for b in bars.values() if b is not None} == {Decimal("12.4")}  # one axis, % only
    changes = {row[0].text: row[2].text for row in view.rows}
    assert changes["能耗强度"] == "−12.4% 2021–2023" and changes["地区生产总值"] == "+5.6%"
    gaps = {str(r.indicator.id): r.change_gap for r in rows}
    assert gaps["industrial-value-added"] == Decimal("0.5")  # 6.1 − 5.6, two annual rates
    assert gaps["energy-intensity"] is None  # a fall over 2021–2023 set against one year's growth
    assert gaps["loan-to-deposit-ratio"] is None  # a change in points is no growth rate
