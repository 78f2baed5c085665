"""Forms of real report texts the recogniser misread: lists read in order, names from the clause's
subject, PDF copies, words that are no figures, figures in words, hostile numbers, ranks of every
scope. Each sentence is written for this test (none is copied from a report)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zzreport import drafting
from zzreport.errors import UsageError
from zzreport.loading import load, load_all
from zzreport.model import Dataset
from zzreport.recognise import Figure, read, tokens


def figs(text: str, year: int | None = 2023) -> list[Figure]:
    return [f for f in read(text, year).figures if f.kind == "figure"]


def vc(text: str) -> list[tuple[str | None, str | None, str | None]]:
    """(value, unit, change) of each figure."""
    return [(f.value, f.unit, f.change) for f in figs(text)]


# 1. lists read in order


def test_a_pair_of_levels_and_a_pair_of_changes_pair_in_order() -> None:
    found = figs("城乡居民人均收入分别达到41250元、15830元,增长5.1%、8.2%。")
    assert [(f.value, f.unit, f.change) for f in found] == [("41250", "元", "5.1"), ("15830", "元", "8.2")]
    assert [f.name for f in found] == ["城镇居民人均收入", "农村居民人均收入"]


def test_a_triple_of_levels_and_changes_pairs_in_order() -> None:
    found = vc("粮食、蔬菜、水果产量分别为12万吨、30万吨、8万吨,分别增长1%、2%、3%。")
    assert found == [("12", "万吨", "1"), ("30", "万吨", "2"), ("8", "万吨", "3")]


# 2. names from the subject of the clause


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("全年营业收入逼近500亿元大关。", "营业收入"),
        ("争取上级资金12.3亿元。", "争取上级资金"),
        ("居民人均可支配收入36000元。", "居民人均可支配收入"),
    ],
)
def test_the_name_is_the_subject_of_the_clause(text: str, name: str) -> None:
    assert [f.name for f in figs(text)] == [name]


def test_a_change_stays_with_its_level_across_an_inserted_difference() -> None:
    found = figs("工业投资完成25亿元,超额完成年度任务3.4亿元,增长18.2%。")
    assert [(f.name, f.value, f.change) for f in found] == [
        ("工业投资", "25", "18.2"),
        ("工业投资超额完成年度任务", "3.4", None),
    ]


# 3. PDF copies


def test_a_pdf_copy_is_read_across_its_line_breaks_and_spaces() -> None:
    text = "预计实现全县生产总值 865\n亿元,\n增长 5.4%,财政收入\n 42.7 亿元。\n"
    assert vc(text) == [("865", "亿元", "5.4"), ("42.7", "亿元", None)]


def test_a_list_of_ranks_broken_after_its_ordinal_mark_is_joined() -> None:
    text = "综合实力更强,位居全国百强县创新能力第\n4、营商环境第6。\n"
    ranked = [(f.rank_list, f.rank) for f in read(text, 2023).figures if f.rank]
    assert ranked == [("全国百强县创新能力", 4), ("营商环境", 6)]


def test_a_rank_with_spaces_is_read() -> None:
    ranked = [f for f in read("综合实力居全国百强县第 21 位。", 2023).figures if f.rank]
    assert [(f.rank, f.rank_scope, f.rank_list) for f in ranked] == [(21, "全国", "全国百强县")]


def test_page_furniture_holds_no_figure() -> None:
    text = "第 3 页 共 12 页\n上传时间：2023-02-11\n浏览次数：1523\n工业产值增长6%。\n"
    assert vc(text) == [(None, None, "6")]


# 4. words that are no figures


@pytest.mark.parametrize(
    "text",
    [
        "迎来建区60周年。",
        "深入实施“2+3+5”工程。",
        "坚持“1246”发展思路。",
        "完成2.2类改良型新药申报。",
        "新开工5000万元以上项目。",
    ],
)
def test_anniversaries_slogans_classes_and_thresholds_are_no_figures(text: str) -> None:
    assert figs(text) == []


# 5. figures in words


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "written"),
    [
        ("出台促消费六条。", "6", "条", None, "六条"),
        ("招商引资总额突破千亿元。", "1000", "亿元", "超", "千亿元"),
        ("农产品销售额突破亿元大关。", "1", "亿元", "超", "亿元大关"),
        ("第4次获评全国文明城市。", "4", "次", None, None),
    ],
)
def test_figures_in_words_keep_their_words(
    text: str, value: str, unit: str, qualifier: str | None, written: str | None
) -> None:
    (f,) = figs(text)
    assert (f.value, f.unit, f.qualifier, f.written) == (value, unit, qualifier, written)


@pytest.mark.parametrize("text", ["外贸进出口实现三连增。", "七八成的农户参加合作社。"])
def test_figures_in_words_without_a_number_get_no_invented_value(text: str) -> None:
    assert all(f.value is None for f in read(text, 2023).figures)


def test_doubling_keeps_its_words_beside_the_change() -> None:
    (f,) = figs("文旅收入五年翻两番。")
    assert (f.change, f.written) == ("300", "翻两番")


# 6. hostile numbers


def test_a_thousands_separator_is_one_number() -> None:
    assert vc("财政支出1,250亿元。") == [("1250", "亿元", None)]


def test_signs_are_kept() -> None:
    assert vc("出口增长-3.2%。") == [(None, None, "-3.2")]
    assert vc("净利润-20亿元。") == [("-20", "亿元", None)]


def test_a_count_after_a_change_is_no_second_change() -> None:
    assert vc("税收增长5%、6个项目开工。") == [(None, None, "5"), ("6", "个", None)]


def test_non_ascii_digits_and_leading_zeros_are_not_copied() -> None:
    for f in read("产值٣٠亿元,人数012人,增长012%。", 2023).figures:
        for number in (f.value, f.change):
            assert number is None or (number.isascii() and not number.startswith("0"))


def test_a_review_of_the_first_year_of_a_plan_has_no_span() -> None:
    (f,) = read("“十四五”以来累计新增就业2万人。", 2021).figures
    assert f.cumulative is None or f.cumulative[:4] < f.cumulative[5:]


# 8. ranks of every scope


@pytest.mark.parametrize(
    ("text", "rank", "scope"),
    [
        ("粮食产量全市第一。", 1, "全市"),
        ("增速居全盟第三位。", 3, "全盟"),
        ("增速位列全州第二。", 2, "全州"),
        ("旅游收入全国第5位。", 5, "全国"),
        ("工业增速领跑全区。", 1, "全区"),
        ("工业产值稳居全省首位。", 1, "全省"),
        ("粮食产量居全县第十二位。", 12, "全县"),
        ("工业增加值居全旗第一。", 1, "全旗"),
        ("增速居全地区第4位。", 4, "全地区"),
        ("增速居全自治区第4位。", 4, "全自治区"),
    ],
)
def test_ranks_of_every_scope_are_kept(text: str, rank: int, scope: str) -> None:
    ranked = [f for f in read(text, 2023).figures if f.rank is not None]
    assert [(f.rank, f.rank_scope, f.note) for f in ranked] == [(rank, scope, None)]


def test_a_list_of_ranks_gives_one_record_each() -> None:
    ranked = [f for f in read("位居全国百强县创新能力第4、营商环境第6、工业第9。", 2023).figures if f.rank]
    assert [(f.name, f.rank, f.rank_scope, f.rank_list) for f in ranked] == [
        ("全国百强县创新能力", 4, "全国", "全国百强县创新能力"),
        ("营商环境", 6, "全国", "营商环境"),
        ("工业", 9, "全国", "工业"),
    ]


def test_the_top_ten_is_no_tenth_place() -> None:
    (f,) = [f for f in read("跻身物流业全国20强。", 2023).figures if f.rank_top or f.rank]
    assert (f.rank, f.rank_top, f.rank_scope) == (None, 20, "全国")


def test_coverage_tokens_of_non_figures() -> None:
    found = tokens("成立60周年,“1+2+6”工程,2.2类新药,5000万元以上项目。")
    assert [t.kind for t in found] == ["anniversary", "slogan", "class", "threshold"]


# 3, 6, 7 and 9 through the draft and coverage


def test_a_draft_reads_its_metadata_from_the_title_block() -> None:
    text = "政 府 工 作 报 告\n——2023年1月9日在样例县\n第十届人民代表大会第二次会议上\n各位代表:\n一、2022年工作回顾\n地区生产总值完成100亿元。\n"
    meta = drafting.metadata(text)
    assert (meta.region, meta.title, meta.delivered, meta.year) == (
        "样例县",
        "政府工作报告",
        "2023-01-09",
        2022,
    )
    made = drafting.draft(text, source="t.txt")
    assert '  region: "样例县"' in made and '  delivered: "2023-01-09"' in made
    assert "- id: gdp\n" in made  # a known indicator takes the bundled report's id


def test_a_title_line_names_place_and_year() -> None:
    meta = drafting.metadata("2021年样例市政府工作报告\n各位代表:\n")
    assert (meta.region, meta.title, meta.year, meta.delivered) == (
        "样例市",
        "2021年样例市政府工作报告",
        2020,
        None,
    )


def test_a_negative_year_is_refused() -> None:
    with pytest.raises(UsageError):
        drafting.draft("增长5%。", source="t.txt", year=-5)


@pytest.mark.parametrize(
    "text",
    [
        "产值٣٠亿元,增长٥%。",
        "人数012人,增长012%。",
        "“十四五”以来累计新增就业2万人。",
        "外贸五连增,七八成农户入社。",
    ],
)
def test_a_draft_holds_nothing_validate_refuses(text: str, tmp_path: Path) -> None:
    made = drafting.draft(text, source="t.txt", year=2021)
    for blank, value in {'region: ""': "region: 样例县", 'province: ""': "province: 山西省",
                         'title: ""': "title: 样例", 'delivered: ""': "delivered: 2022-01-15"}.items():  # fmt: skip
        made = made.replace(blank, value)
    path = tmp_path / "d.yaml"
    path.write_text(made, encoding="utf-8")
    load_all([path])
    assert "period: 2021-2021" not in made


def test_words_without_a_value_are_listed_for_the_reader() -> None:
    made = drafting.draft("外贸进出口实现三连增。", source="t.txt", year=2023)
    assert "三连增" in made.split("indicators:")[1] and "value:" not in made


def test_doubling_is_drafted_with_its_words_in_the_note() -> None:
    made = drafting.draft("文旅收入五年翻两番。", source="t.txt", year=2023)
    assert "change: 300" in made and 'note: "翻两番"' in made


def test_a_rank_of_any_scope_is_drafted_in_the_rank_fields() -> None:
    made = drafting.draft("粮食产量12万吨,全市第一。", source="t.txt", year=2023)
    assert "rank: 1\n    rank_scope: city  # 全市\n" in made and "note:" not in made


@pytest.mark.parametrize(
    ("head", "scope"),
    [
        ("——2023年1月5日在苏尼特右旗第十七届人民代表大会第二次会议上\n", "region"),
        ("——2023年1月5日在玉林市第六届人民代表大会第二次会议上\n广西壮族自治区\n", "region"),
        ("——2022年1月5日在二道江区第十届人民代表大会第一次会议上\n", "district"),
    ],
)
def test_quan_qu_is_the_autonomous_region_or_the_district_by_the_place(head: str, scope: str) -> None:
    made = drafting.draft(f"政府工作报告\n{head}粮食产量12万吨,居全区第三。\n", source="t.txt")
    assert f"rank: 3\n    rank_scope: {scope}  # 全区\n" in made


def test_drafted_ranks_of_every_form_validate(tmp_path: Path) -> None:
    text = (
        "——2023年1月5日在某县第十七届人民代表大会第二次会议上\n"
        "一、回顾\n"
        "地区生产总值增长6%,增速全市第一;社会消费品零售总额完成8.6亿元,增速居全盟第三位。"
        "荣登全国发展潜力百强县榜首,位居全国百强县投资潜力第3、新型城镇化质量第4,跻身服务业全国10强。"
        "获评全省唯一国家知识产权强县建设示范县。\n"
    )
    path = tmp_path / "d.yaml"
    made = drafting.draft(text, source="t.txt", year=2022)
    path.write_text(
        made.replace('""  # FILL', '"x"  # FILL').replace('delivered: "x"', "delivered: 2023-01-05"),
        encoding="utf-8",
    )
    ds = load(path, use_store=False)
    got = {
        (i.name, i.rank, i.rank_top, i.rank_scope, i.rank_list, i.rank_sole)
        for i in ds.indicators
        if i.rank or i.rank_top
    }
    assert got >= {
        ("全国发展潜力百强县", 1, None, "country", "全国发展潜力百强县", False),
        ("全国百强县投资潜力", 3, None, "country", "全国百强县投资潜力", False),
        ("新型城镇化质量", 4, None, "country", "新型城镇化质量", False),
        ("服务业全国10强", None, 10, "country", None, False),
        ("国家知识产权强县建设示范县", 1, None, "province", None, True),
    }


def _dataset(records: str, tmp_path: Path) -> Dataset:
    path = tmp_path / "r.yaml"
    path.write_text(
        "format: 1\nreport: {id: t-2023, region: 样例县, province: 山西省, year: 2023, title: t, "
        "delivered: 2024-01-05, source: t}\nsections:\n  - {id: s, title: t}\nindicators:\n" + records,
        encoding="utf-8",
    )
    (ds,) = load_all([path])
    return ds


def test_coverage_matches_a_figure_to_the_record_holding_it_with_its_unit(tmp_path: Path) -> None:
    ds = _dataset("  - {id: a, name: 投资, section: s, item: 1, value: 12, unit: 亿元}\n", tmp_path)
    rows = drafting.coverage(ds, "投资12亿元,新增企业12家。")
    assert [(r.number, r.status) for r in rows] == [("12", "recorded"), ("12", "not-recorded")]


def test_coverage_reads_thousands_and_spaces_as_the_draft_does(tmp_path: Path) -> None:
    ds = _dataset("  - {id: a, name: 支出, section: s, item: 1, value: 1250, unit: 亿元}\n", tmp_path)
    assert [(r.number, r.status) for r in drafting.coverage(ds, "支出 1,250 亿元。")] == [
        ("1250", "recorded")
    ]


def test_coverage_of_a_long_line_stays_proportional_to_its_numbers(tmp_path: Path) -> None:
    ds = _dataset("  - {id: a, name: 产值, section: s, item: 1, value: 1, unit: 亿元}\n", tmp_path)
    rows = drafting.coverage(ds, "产值" + "1亿元" * 20000)
    assert len(rows) == 20000 and max(len(r.context) for r in rows) <= 130


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("地区生产总值降幅较年初收窄24个百分点。", "24"),
        ("工业增加值增速收窄2.1个百分点。", "-2.1"),
        ("亏损面缩小3个百分点。", "3"),
        ("降幅扩大1.5个百分点。", "-1.5"),
        ("城乡收入差距缩小0.1个百分点。", "-0.1"),
    ],
)
def test_a_narrowing_is_signed_by_what_narrows(text: str, change: str) -> None:
    (f,) = [f for f in read(text, 2023).figures if f.change]
    assert (f.change, f.change_unit) == (change, "pp")


def test_a_share_of_the_plan_leaves_the_change_to_its_level() -> None:
    text = "地区生产总值564亿元,占计划的100%,同比下降2%;固定资产投资280亿元,占计划的100%,同比增长4.6%。"
    got = [(f.name, f.value, f.unit, f.change) for f in read(text, 2022).figures]
    assert got == [
        ("地区生产总值", "564", "亿元", "-2"),
        ("地区生产总值完成计划比例", "100", "%", None),
        ("固定资产投资", "280", "亿元", "4.6"),
        ("固定资产投资完成计划比例", "100", "%", None),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "城镇和农村居民人均可支配收入分别增长3.3%、7.4%。",
            ["城镇居民人均可支配收入", "农村居民人均可支配收入"],
        ),
        ("制造业、战略性新兴产业增加值分别增长14.9%、33.4%。", ["制造业增加值", "战略性新兴产业增加值"]),
        ("进口、出口总额分别增长3%、5%。", ["进口总额", "出口总额"]),
        ("粮食产量、蔬菜产量分别增长1%、2%。", ["粮食产量", "蔬菜产量"]),  # each says it already
    ],
)
def test_a_list_of_names_shares_the_head_noun_only_the_last_says(text: str, names: list[str]) -> None:
    assert [f.name for f in read(text, 2023).figures] == names


def test_gaps_to_several_averages_pair_with_their_places() -> None:
    (f,) = read("地区生产总值增长7.2%,分别比全国、自治区和全市高4.2、4.3和3.2个百分点。", 2022).figures
    assert f.comparisons == [
        ("above", "national-average", "4.2", "pp"),
        ("above", "province-average", "4.3", "pp"),
        ("above", "city-average", "3.2", "pp"),
    ]


def test_a_multiple_of_a_measure_word_is_one_unit_but_not_of_a_noun() -> None:
    found = read("种植食用菌110万棒、花卉1100万株;惠及740多万玉林人民。", 2023).figures
    assert [(f.value, f.unit) for f in found] == [("110", "万棒"), ("1100", "万株"), ("740", "万")]


def test_two_ranks_of_one_sentence_are_two_records() -> None:
    found = [f for f in read("我旗跻身全国百强县第17位，旅游收入全区第二。", 2023).figures if f.rank]
    assert [(f.name, f.rank, f.rank_scope, f.rank_list) for f in found] == [
        ("全国百强县", 17, "全国", "全国百强县"),
        ("旅游收入", 2, "全区", None),
    ]


def test_what_is_ranked_is_cut_from_the_name() -> None:
    (f,) = read("规上工业增加值增速居全市第一。", 2023).figures
    assert (f.name, f.rank, f.rank_of) == ("规上工业增加值", 1, "增速")


def test_the_part_on_the_year_ahead_holds_targets_not_outcomes() -> None:
    text = (
        "一、2023年工作回顾\n地区生产总值增长6%。\n二、2024年工作安排\n全年固定资产投资增长8%，新建项目100个。\n"
        "三、加强政府自身建设\n节约资金3亿元。\n"
    )
    found = read(text, 2023)
    assert [(f.name, f.value, f.change) for f in found.figures] == [
        ("地区生产总值", None, "6"),
        ("节约资金", "3", None),
    ]
    assert [(a.name, a.year, a.aim, a.value, a.unit) for a in found.targets] == [
        ("固定资产投资", 2024, "change", "8", "%"),
        ("新建项目", 2024, "level", "100", "个"),
    ]


def test_one_rank_for_several_figures_goes_on_each_naming_the_others(tmp_path: Path) -> None:
    text = "一、回顾\n规上工业增加值增长9%、固定资产投资增长12%，两项指标均居全市第一。\n"
    made = drafting.draft(text, source="t.txt", year=2023)
    filled = re.sub(r'""  # FILL.*', '"x"', made).replace('delivered: "x"', "delivered: 2024-01-05")
    path = tmp_path / "d.yaml"
    path.write_text(filled, encoding="utf-8")
    ds = load(path, use_store=False)
    assert [(i.id, i.rank, i.rank_scope, i.rank_with) for i in ds.indicators] == [
        ("industrial-value-added", 1, "city", ("fixed-asset-investment",)),
        ("fixed-asset-investment", 1, "city", ("industrial-value-added",)),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("全年6个盟级、42个旗级重点项目完成投资21亿元。", ["盟级重点项目", "旗级重点项目"]),
        ("一产增加值增长4.9%;二产增加值增长2.9%。", ["第一产业增加值", "第二产业增加值"]),
        ("出台民营企业参与政府投资项目13条等措施。", ["民营企业参与政府投资项目"]),
    ],
)
def test_names_of_counts_that_share_a_noun_and_of_sectors(text: str, names: list[str]) -> None:
    assert [f.name for f in read(text, 2023).figures][: len(names)] == names


def test_a_publishing_time_broken_over_lines_is_page_furniture() -> None:
    text = "来源: | 发布时间:  2023 - 01 -\n 10   18 : 31 \n\n 1 月 10 日上午,会议开幕。实现产值 163 亿元。\n"
    assert vc(text) == [("163", "亿元", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the issue's own examples, as they were quoted
        ("营业收入逼近300亿元大关。", [("营业收入", "300", "亿元", "近", None)]),
        ("争取资金10.1亿元。", [("争取资金", "10.1", "亿元", None, None)]),
        ("实现产值1,200亿元。", [("产值", "1200", "亿元", None, None)]),
        ("增速居全区第四个。", [("增速", None, None, None, 4)]),
        ("工业增加值连续三年雄踞全市第一。", [("工业增加值", "3", "年", None, 1)]),
    ],
)
def test_the_quoted_failures_read_as_a_person_would(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(f.name, f.value, f.unit, f.qualifier, f.rank) for f in read(text, 2023).figures] == expected


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [("荣登百强县榜首。", "百强县", 1), ("位列中国工业百强县第12位。", "中国工业百强县", 12)],
)
def test_a_named_ranking_needs_no_scope_word(text: str, name: str, rank: int) -> None:
    (f,) = read(text, 2023).figures
    assert (f.name, f.rank, f.rank_scope, f.rank_list) == (name, rank, None, name)
