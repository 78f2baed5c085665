"""The recogniser, phrase by phrase: how each way a report writes a figure is read.

Each row: a phrase as reports write it, and the figures expected from it as
(name, value, unit, qualifier, change, change_unit), with the rank or comparisons where the phrase
has them. Written for the grammar of work reports in general, not from one report's text.
"""

from __future__ import annotations

from typing import Any

import pytest

from zzreport.recognise import chinese_number, read, tokens

F = tuple[str, str | None, str | None, str | None, str | None, str | None]

PHRASES: list[tuple[str, list[F], dict[str, Any]]] = [
    # values with units
    ("地区生产总值完成2806.2亿元。", [("地区生产总值", "2806.2", "亿元", None, None, None)], {}),
    ("全年粮食产量达到25.04亿斤。", [("粮食产量", "25.04", "亿斤", None, None, None)], {}),
    ("原煤产量1.71亿吨。", [("原煤产量", "1.71", "亿吨", None, None, None)], {}),
    ("新增城镇就业4.4万人。", [("新增城镇就业", "4.4", "万人", None, None, None)], {}),
    ("接待游客860万人次。", [("接待游客", "860", "万人次", None, None, None)], {}),
    ("出口总额1.35亿美元。", [("出口总额", "1.35", "亿美元", None, None, None)], {}),
    ("新增光伏装机20.5万千瓦。", [("新增光伏装机", "20.5", "万千瓦", None, None, None)], {}),
    ("全社会用电量31.7亿千瓦时。", [("全社会用电量", "31.7", "亿千瓦时", None, None, None)], {}),
    ("汽车保有量12.6万辆。", [("汽车保有量", "12.6", "万辆", None, None, None)], {}),
    ("供应土地47宗。", [("供应土地", "47", "宗", None, None, None)], {}),
    ("新增市场主体3125户。", [("新增市场主体", "3125", "户", None, None, None)], {}),
    ("PM2.5浓度降至36微克/立方米。", [("PM2.5浓度", "36", "微克/立方米", None, None, None)], {}),
    ("建成标准化厂房159.8万平方米。", [("建成标准化厂房", "159.8", "万平方米", None, None, None)], {}),
    ("新建四好农村路454公里。", [("新建四好农村路", "454", "公里", None, None, None)], {}),
    ("涉税主体占比62.8%。", [("涉税主体占比", "62.8", "%", None, None, None)], {}),
    ("国控断面水质优良率100%。", [("国控断面水质优良率", "100", "%", None, None, None)], {}),
    ("实施重点项目1920个。", [("重点项目", "1920", "个", None, None, None)], {}),
    ("重点实施157个工业转型项目。", [("工业转型项目", "157", "个", None, None, None)], {}),
    ("新培育12家外贸潜力企业。", [("新培育外贸潜力企业", "12", "家", None, None, None)], {}),
    ("完成27条市政道路升级改造。", [("市政道路升级改造", "27", "条", None, None, None)], {}),
    ("改造城镇老旧小区298个。", [("改造城镇老旧小区", "298", "个", None, None, None)], {}),
    ("中药材产量达到11.2万吨。", [("中药材产量", "11.2", "万吨", None, None, None)], {}),
    # qualifiers
    ("焦化先进产能达到94%以上。", [("焦化先进产能", "94", "%", "以上", None, None)], {}),
    ("达到94%以上。", [("", "94", "%", "以上", None, None)], {}),
    ("引进各类创新型人才1200余名。", [("引进各类创新型人才", "1200", "名", "余", None, None)], {}),
    ("吸引超500万人次游客。", [("游客", "500", "万人次", "超", None, None)], {}),
    ("举办20多场招商活动。", [("招商活动", "20", "场", "多", None, None)], {}),
    ("发展林下经济140余万亩。", [("林下经济", "140", "万亩", "余", None, None)], {}),
    ("带动就业近3万人。", [("就业", "3", "万人", "近", None, None)], {}),
    ("完成投资约80亿元。", [("投资", "80", "亿元", "约", None, None)], {}),
    ("累计减税超过12亿元。", [("减税", "12", "亿元", "超", None, None)], {}),
    # changes
    ("增长5.6%。", [("", None, None, None, "5.6", "%")], {}),
    ("规上工业增加值增长6.1%。", [("规上工业增加值", None, None, None, "6.1", "%")], {}),
    ("市区空气质量综合指数下降4.2%。", [("市区空气质量综合指数", None, None, None, "-4.2", "%")], {}),
    ("PM2.5浓度下降7.7%。", [("PM2.5浓度", None, None, None, "-7.7", "%")], {}),
    ("存贷比提高3.54个百分点。", [("存贷比", None, None, None, "3.54", "pp")], {}),
    ("失业率降低0.3个百分点。", [("失业率", None, None, None, "-0.3", "pp")], {}),
    ("物价涨幅回落1.2个百分点。", [("物价涨幅", None, None, None, "-1.2", "pp")], {}),
    ("单位能耗减少3.1%。", [("单位能耗", None, None, None, "-3.1", "%")], {}),
    ("城镇居民人均可支配收入增长了4.8%。", [("城镇居民人均可支配收入", None, None, None, "4.8", "%")], {}),
    ("外贸进出口增速12.5%。", [("外贸进出口", None, None, None, "12.5", "%")], {}),
    (
        "一般公共预算收入完成315.08亿元、增长1.48%。",
        [("一般公共预算收入", "315.08", "亿元", None, "1.48", "%")],
        {},
    ),
    (
        "地区生产总值完成2806.2亿元，增长5.6%。",
        [("地区生产总值", "2806.2", "亿元", None, "5.6", "%")],
        {},
    ),
    (
        "制造业、战略性新兴产业增加值分别增长14.9%、33.4%。",
        [
            ("制造业增加值", None, None, None, "14.9", "%"),
            ("战略性新兴产业增加值", None, None, None, "33.4", "%"),
        ],
        {},
    ),
    ("能耗强度累计下降12.4%。", [("能耗强度", None, None, None, "-12.4", "%")], {"cumulative": "累计"}),
    (
        "能耗强度“十四五”以来累计下降12.4%。",
        [("能耗强度", None, None, None, "-12.4", "%")],
        {"cumulative": "2021-2023"},
    ),
    (
        "三年来累计新增就业10万人。",
        [("新增就业", "10", "万人", None, None, None)],
        {"cumulative": "2021-2023"},
    ),
    # several figures in one clause
    (
        "新增A级景区10家、总数达到34家。",
        [("新增A级景区", "10", "家", None, None, None), ("A级景区总数", "34", "家", None, None, None)],
        {},
    ),
    (
        "技术合同交易完成769项、31.6亿元。",
        [("技术合同交易", "769", "项", None, None, None), ("技术合同交易", "31.6", "亿元", None, None, None)],
        {},
    ),
    (
        "新建水浇地4.35万亩、高标准农田28.95万亩。",
        [("新建水浇地", "4.35", "万亩", None, None, None), ("高标准农田", "28.95", "万亩", None, None, None)],
        {},
    ),
    (
        "集体经济收入超30万元的行政村达到67%。",
        [
            ("行政村", "30", "万元", "超", None, None),
            ("集体经济收入超30万元的行政村", "67", "%", None, None, None),
        ],
        {},
    ),
    # figures in words
    (
        "财政支出的七成以上用于民生事业。",
        [("财政支出", "70", "%", "以上", None, None)],
        {"written": "七成以上"},
    ),
    ("企业开办半天办结。", [("企业开办", "0.5", "天", None, None, None)], {"written": "半天"}),
    (
        "连续三年获评全省平安建设工作先进市。",
        [("获评全省平安建设工作先进市", "3", "年", None, None, None)],
        {"written": "连续三年"},
    ),
    ("经济总量五年翻一番。", [("经济总量五年", None, None, None, "100", "%")], {"written": "翻一番"}),
]
RANKS: list[tuple[str, str, int, str, bool, str | None]] = [
    ("涉税主体占比62.8%、全省第二。", "涉税主体占比", 2, "全省", False, None),
    ("交通运输及仓储物流业营收增长18.4%、全省第二。", "交通运输及仓储物流业营收", 2, "全省", False, None),
    ("经济总量保持全省第二。", "经济总量", 2, "全省", False, None),
    ("带动固定资产投资完成963.5亿元，投资规模全省第二。", "固定资产投资", 2, "全省", False, "投资规模"),
    ("国控断面水质优良率100%、全省第一。", "国控断面水质优良率", 1, "全省", False, None),
    ("高新区成为全省唯一的国家首批碳达峰试点园区。", "国家首批碳达峰试点园区", 1, "全省", True, None),
    ("粮食单产居全国第3位。", "粮食单产", 3, "全国", False, None),
    ("空气质量综合指数下降4.2%，改善率全省第二。", "空气质量综合指数", 2, "全省", False, "改善率"),
    ("社会消费品零售总额完成8.6亿元，增速居全盟第三位。", "社会消费品零售总额", 3, "全盟", False, "增速"),
    ("规上工业增加值增长9%，全市第一。", "规上工业增加值", 1, "全市", False, None),
    ("地区生产总值增长6%，增速全市第一。", "地区生产总值", 1, "全市", False, "增速"),
    ("一般公共预算收入增长8%，增幅领跑全州。", "一般公共预算收入", 1, "全州", False, "增幅"),
    ("粮食产量稳居全区首位。", "粮食产量", 1, "全区", False, None),
    ("荣登全国发展潜力百强县榜首。", "全国发展潜力百强县", 1, "全国", False, None),
]
COMPARISONS: list[tuple[str, str, list[tuple[str, str, str | None, str | None]]]] = [
    ("主要指标增速连年高于全省平均水平。", "主要指标增速", [("above", "province-average", None, None)]),
    (
        "社会消费品零售总额增长8.2%，高于全国、全省平均水平。",
        "社会消费品零售总额",
        [("above", "national-average", None, None), ("above", "province-average", None, None)],
    ),
    (
        "制造业增加值增长14.9%，高于全省平均水平6.8个百分点。",
        "制造业增加值",
        [("above", "province-average", "6.8", "pp")],
    ),
    ("城镇居民收入增速低于全省平均水平。", "城镇居民收入增速", [("below", "province-average", None, None)]),
    ("签约项目582个，超额完成省下达任务。", "签约项目", [("exceeded", "province-target", None, None)]),
    ("能耗强度下降12.4%，超序时进度。", "能耗强度", [("ahead", "schedule", None, None)]),
    ("新增贷款334亿元，创历史新高。", "新增贷款", [("record", "history", None, None)]),
]
HONOURS = [
    ("入选国家现代流通战略支点城市。", "国家现代流通战略支点城市"),
    ("获评“营商环境质量十佳城市”。", "营商环境质量十佳城市"),
    ("党参栽培系统入选中国重要农业文化遗产名录。", "党参栽培系统入选中国重要农业文化遗产名录"),
    ("长治高新区被认定为首批省级数字化转型促进中心。", "长治高新区被认定为首批省级数字化转型促进中心"),
]
NOT_FIGURES = [
    "滚动开展“三个一批”。",  # a slogan, not a count
    "在2023年国际论坛上发言。",  # a year
    "PM2.5治理持续推进。",  # part of a name
    "召开第三届紫外LED国际会议。",  # an ordinal with no scope is no rank
]


def test_the_table_has_at_least_sixty_phrases() -> None:
    assert len(PHRASES) + len(RANKS) + len(COMPARISONS) + len(HONOURS) + len(NOT_FIGURES) >= 60


@pytest.mark.parametrize(("phrase", "expected", "extra"), PHRASES, ids=[p[0] for p in PHRASES])
def test_values_and_changes(phrase: str, expected: list[F], extra: dict[str, Any]) -> None:
    found = read(phrase, 2023).figures
    got = [(f.name, f.value, f.unit, f.qualifier, f.change, f.change_unit) for f in found]
    assert got == expected
    for key, value in extra.items():
        assert getattr(found[0], key) == value


@pytest.mark.parametrize(("phrase", "name", "rank", "scope", "sole", "of"), RANKS, ids=[r[0] for r in RANKS])
def test_ranks(phrase: str, name: str, rank: int, scope: str, sole: bool, of: str | None) -> None:
    ranked = [f for f in read(phrase, 2023).figures if f.rank is not None]
    assert [(f.name, f.rank, f.rank_scope, f.rank_sole, f.rank_of) for f in ranked] == [
        (name, rank, scope, sole, of)
    ]


@pytest.mark.parametrize(("phrase", "name", "expected"), COMPARISONS, ids=[c[0] for c in COMPARISONS])
def test_comparisons(phrase: str, name: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    compared = [f for f in read(phrase, 2023).figures if f.comparisons]
    assert [(f.name, f.comparisons) for f in compared] == [(name, expected)]


@pytest.mark.parametrize(("phrase", "name"), HONOURS)
def test_honours(phrase: str, name: str) -> None:
    assert [(f.kind, f.name) for f in read(phrase, 2023).figures] == [("honour", name)]


@pytest.mark.parametrize("phrase", NOT_FIGURES)
def test_what_is_no_figure(phrase: str) -> None:
    assert read(phrase, 2023).figures == ()


def test_distributed_gaps_go_to_their_figures() -> None:
    found = read(
        "制造业、战略性新兴产业增加值分别增长14.9%、33.4%，高于全省平均水平6.8和22.5个百分点。"
    ).figures
    assert [f.comparisons for f in found] == [
        [("above", "province-average", "6.8", "pp")],
        [("above", "province-average", "22.5", "pp")],
    ]


def test_headings_and_bullets_place_each_figure() -> None:
    text = "一、经济运行\n（一）总体情况\n- 地区生产总值完成100亿元。\n- 粮食产量20万吨。\n二、民生\n新增就业1万人。\n"
    found = read(text)
    assert [h for _, h in found.headings][1:] == ["（一）总体情况", "二、民生"]  # the closest heading
    assert [(f.section, f.item) for f in found.figures] == [(1, 1), (1, 2), (2, 1)]


def test_a_two_row_table_is_read_cell_by_cell() -> None:
    found = read("地区生产总值完成\t增长\n2806.2亿元\t5.6%\n").figures
    assert [(f.name, f.value, f.change) for f in found] == [("地区生产总值", "2806.2", "5.6")]


@pytest.mark.parametrize(
    ("text", "n"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("两", 2)]
)
def test_chinese_numbers(text: str, n: int) -> None:
    assert chinese_number(text) == n


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("2023 勠力奋进", ["year"]),
        ("在2023年论坛上", ["year"]),
        ("实施重点项目1920个", ["figure"]),
        ("2024年3月26日召开", ["date"]),
        ("截至2024-03-26", ["date"]),
        ("热线0355-1234567", ["phone"]),
        ("第3届会议", ["ordinal"]),
        ("PM2.5浓度36微克", ["name", "figure"]),
        ("创建3A级景区", ["name"]),
        ("地区生产总值2806.2亿元", ["figure"]),
        ("财政支出的七成以上用于民生", ["figure"]),
        ("能耗强度“十四五”已累计下降12.4%", ["figure", "plan"]),
    ],
)
def test_number_tokens_are_classified(line: str, kinds: list[str]) -> None:
    assert [t.kind for t in tokens(line)] == kinds
