"""Forms of real report texts the recogniser misread: lists read in order, names from the clause's
subject, PDF copies, words that are no figures, figures in words, hostile numbers, ranks of every
scope. Each sentence is written for this test (none is copied from a report)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzreport import drafting
from zzreport.errors import UsageError
from zzreport.loading import load_all
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
    assert [f.note for f in read(text, 2023).figures if f.note] == ["全国百强县创新能力第4", "营商环境第6"]


def test_a_rank_with_spaces_is_read() -> None:
    ranked = [f for f in read("综合实力居全国百强县第 21 位。", 2023).figures if f.rank or f.note]
    assert [f.note for f in ranked] == ["全国百强县第21位"]


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
    ("text", "rank", "scope", "note"),
    [
        ("粮食产量全市第一。", None, None, "全市第一"),
        ("增速居全盟第三位。", None, None, "全盟第三位"),
        ("增速位列全州第二。", None, None, "全州第二"),
        ("旅游收入全国第5位。", 5, "country", None),
        ("工业增速领跑全区。", None, None, "领跑全区"),
        ("工业产值稳居全省首位。", 1, "province", None),
    ],
)
def test_ranks_of_every_scope_are_kept(
    text: str, rank: int | None, scope: str | None, note: str | None
) -> None:
    ranked = [f for f in read(text, 2023).figures if f.rank is not None or f.note]
    assert [(f.rank, f.rank_scope, f.note) for f in ranked] == [(rank, scope, note)]


def test_a_list_of_ranks_gives_one_record_each() -> None:
    ranked = [f for f in read("位居全国百强县创新能力第4、营商环境第6、工业第9。", 2023).figures if f.note]
    assert [(f.name, f.note) for f in ranked] == [
        ("全国百强县创新能力", "全国百强县创新能力第4"),
        ("营商环境", "营商环境第6"),
        ("工业", "工业第9"),
    ]


def test_the_top_ten_is_no_tenth_place() -> None:
    (f,) = [f for f in read("跻身物流业全国20强。", 2023).figures if f.note or f.rank]
    assert f.rank is None and f.note == "全国20强"


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


def test_a_ranks_scope_the_fields_cannot_hold_is_kept_in_the_note() -> None:
    made = drafting.draft("粮食产量12万吨,全市第一。", source="t.txt", year=2023)
    assert 'note: "全市第一"' in made and "rank:" not in made


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
