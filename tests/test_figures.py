"""The bundled figures, checked against expectations typed by hand from the source text.

Each row was read off "政府工作报告解读(上)" by eye; none is generated from the data file.
Columns: id, value, unit, change, change unit, rank, rank scope, qualifier.
"""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from conftest import SOURCE
from zzreport.model import Dataset, Indicator, Kind, SectionId

UNTITLED = "（原文无标题）"
"""How a section title says the source prints no heading for its block (see docs/data-format.md)."""

D = Decimal
N = None
FIGURES = [
    # header block and 坚持抓项目、帮企业
    ("gdp", D("2806.2"), "亿元", D("5.6"), "%", 2, "province", N),
    ("budget-revenue", D("315.08"), "亿元", D("1.48"), "%", N, N, N),
    ("key-projects", D("1920"), "个", N, N, N, N, N),
    ("fixed-asset-investment", D("963.5"), "亿元", N, N, 2, "province", N),
    ("signed-projects", D("582"), "个", N, N, N, N, N),
    ("signed-projects-investment", D("1929.8"), "亿元", N, N, N, N, N),
    ("higher-level-funds", D("47.17"), "亿元", N, N, N, N, N),
    ("tax-fee-relief", D("34.08"), "亿元", N, N, N, N, N),
    ("emergency-loan-amount", D("202.8"), "亿元", N, N, N, N, N),
    ("business-entities", D("34.4"), "万户", N, N, N, N, N),
    ("tax-registered-share", D("62.8"), "%", N, N, 2, "province", N),
    # 坚持强产业、促转型
    ("industrial-value-added", N, N, D("6.1"), "%", N, N, N),
    ("raw-coal-output", D("1.71"), "亿吨", N, N, N, N, N),
    ("coal-advanced-capacity", D("93"), "%", N, N, N, N, N),
    ("coking-advanced-capacity", D("94"), "%", N, N, N, N, "以上"),
    ("clean-energy-capacity-share", D("30.4"), "%", N, N, N, N, N),
    ("key-industry-chains-output", D("1618"), "亿元", N, N, N, N, N),
    ("manufacturing-value-added", N, N, D("14.9"), "%", N, N, N),
    ("strategic-emerging-value-added", N, N, D("33.4"), "%", N, N, N),
    ("digital-economy-core-output", D("198"), "亿元", N, N, N, N, N),
    # 坚持推改革、谋创新
    ("standard-factory-space", D("159.8"), "万平方米", N, N, N, N, N),
    ("development-zone-industrial-value-added", N, N, D("15.9"), "%", N, N, N),
    ("high-tech-enterprises", D("290"), "家", N, N, N, N, N),
    ("technology-contracts-value", D("31.6"), "亿元", N, N, N, N, N),
    ("innovative-talent", D("1200"), "名", N, N, N, N, "余"),
    ("foreign-trade", D("13"), "亿元", N, N, N, N, N),
    # 坚持兴文旅、促消费
    ("a-grade-scenic-spots", D("34"), "家", N, N, N, N, N),
    ("retail-sales", D("718.2"), "亿元", D("8.2"), "%", N, N, N),
    ("transport-logistics-revenue", N, N, D("18.4"), "%", 2, "province", N),
    ("new-loans", D("334"), "亿元", N, N, N, N, N),
    ("loan-to-deposit-ratio", N, N, D("3.54"), "pp", N, N, N),
    ("financial-value-added", N, N, D("6.2"), "%", N, N, N),
    ("promotional-events", D("20"), "场", N, N, N, N, "多"),
    ("event-attention", D("500"), "万人", N, N, N, N, "超"),
    # 坚持提品质、拓空间
    ("urban-construction-investment", D("408"), "亿元", N, N, N, N, N),
    ("urban-construction-projects", D("116"), "个", N, N, N, N, N),
    ("old-residential-renovated", D("298"), "个", N, N, N, N, N),
    ("sponge-city-grade-a", D("2"), "年", N, N, N, N, N),
    # 坚持夯基础、补短板
    ("new-irrigated-land", D("4.35"), "万亩", N, N, N, N, N),
    ("new-high-standard-farmland", D("28.95"), "万亩", N, N, N, N, N),
    ("grain-output", D("25.04"), "亿斤", N, N, N, N, N),
    ("herbal-medicine-output", D("11.2"), "万吨", N, N, N, N, N),
    ("understory-economy-area", D("140"), "万亩", N, N, N, N, "余"),
    ("villages-collective-income-over-300k", D("67"), "%", N, N, N, N, N),
    ("rural-toilets-upgraded", D("2.95"), "万户", N, N, N, N, N),
    ("poverty-alleviated-income", N, N, D("15.6"), "%", N, N, N),
    # 坚持减排放、治污染
    ("air-quality-index", N, N, D("-4.2"), "%", 2, "province", N),
    ("pm25", D("36"), "微克/立方米", D("-7.7"), "%", N, N, N),
    ("water-quality-good-rate", D("100"), "%", N, N, 1, "province", N),
    ("energy-intensity", N, N, D("-12.4"), "%", N, N, N),
    ("green-loans", D("224.9"), "亿元", N, N, N, N, N),
    # 坚持办实事、守底线
    ("livelihood-spending-share", D("70"), "%", N, N, N, N, "以上"),
    ("new-urban-jobs", D("4.4"), "万人", N, N, N, N, N),
    ("employment-demo-funds", D("1.2"), "亿元", N, N, N, N, N),
    ("health-childcare-demo-funds", D("4.3"), "亿元", N, N, N, N, N),
    ("safety-model-city", D("3"), "年", N, N, N, N, N),
    # closing block
    ("deputy-suggestions-handled", D("196"), "件", N, N, N, N, N),
    ("cppcc-proposals-handled", D("363"), "件", N, N, N, N, N),
    ("suggestions-reply-rate", D("100"), "%", N, N, N, N, N),
    ("fiscal-funds-saved", D("8.5"), "亿元", N, N, N, N, N),
]


def _by_id(dataset: Dataset, iid: str) -> Indicator:
    found = [i for i in dataset.indicators if i.id == iid]
    assert len(found) == 1, f"{iid}: {len(found)} records"
    return found[0]


@pytest.mark.parametrize(
    ("iid", "value", "unit", "change", "change_unit", "rank", "scope", "qualifier"),
    FIGURES,
    ids=[row[0] for row in FIGURES],
)
def test_figure_matches_the_source(
    dataset: Dataset,
    iid: str,
    value: Decimal | None,
    unit: str | None,
    change: Decimal | None,
    change_unit: str | None,
    rank: int | None,
    scope: str | None,
    qualifier: str | None,
) -> None:
    ind = _by_id(dataset, iid)
    # NOTE: compare the decimal text too, so 2806.20 in the file would fail although equal in value.
    assert (str(ind.value) if ind.value is not None else None) == (str(value) if value is not None else None)
    assert ind.unit == unit
    assert (str(ind.change) if ind.change is not None else None) == (
        str(change) if change is not None else None
    )
    assert ind.change_unit == change_unit
    assert ind.rank == rank
    assert ind.rank_scope == scope
    assert ind.qualifier == qualifier


def test_every_section_has_checked_figures(dataset: Dataset) -> None:
    checked = {_by_id(dataset, row[0]).section for row in FIGURES}
    assert checked == {s.id for s in dataset.sections}


def test_comparisons_with_gaps(dataset: Dataset) -> None:
    (manufacturing,) = _by_id(dataset, "manufacturing-value-added").comparisons
    assert (manufacturing.relation, manufacturing.benchmark) == ("above", "province-average")
    assert (str(manufacturing.gap), manufacturing.gap_unit) == ("6.8", "pp")
    (emerging,) = _by_id(dataset, "strategic-emerging-value-added").comparisons
    assert (str(emerging.gap), emerging.gap_unit) == ("22.5", "pp")
    retail = _by_id(dataset, "retail-sales").comparisons
    assert {c.benchmark for c in retail} == {"national-average", "province-average"}
    assert all(c.relation == "above" and c.gap is None for c in retail)


@pytest.mark.parametrize(
    ("iid", "relation", "benchmark"),
    [
        ("signed-projects", "exceeded", "province-target"),
        ("signed-projects-investment", "exceeded", "province-target"),
        ("new-loans", "record", "history"),
        ("energy-intensity", "ahead", "schedule"),
        ("development-zone-industrial-value-added", "above", "province-average"),
        ("financial-value-added", "above", "province-average"),
        ("gaokao-first-tier-rate", "above", "province-average"),
        ("main-indicator-growth", "above", "province-average"),
    ],
)
def test_benchmarks_without_gaps(dataset: Dataset, iid: str, relation: str, benchmark: str) -> None:
    assert [(c.relation, c.benchmark, c.gap) for c in _by_id(dataset, iid).comparisons] == [
        (relation, benchmark, None)
    ]


def test_sole_rank_and_words(dataset: Dataset) -> None:
    park = _by_id(dataset, "carbon-peak-pilot-park")
    assert (park.kind, park.rank, park.rank_scope, park.rank_sole) == (Kind.HONOUR, 1, "province", True)
    assert _by_id(dataset, "livelihood-spending-share").written == "七成以上"
    assert (
        _by_id(dataset, "business-startup-time").written,
        str(_by_id(dataset, "business-startup-time").value),
    ) == ("半天", "0.5")
    assert _by_id(dataset, "sponge-city-grade-a").written == "连续两年"
    assert _by_id(dataset, "safety-model-city").written == "连续三年"
    assert _by_id(dataset, "business-environment-top-ten").written == "十佳"


def test_cumulative_period(dataset: Dataset) -> None:
    assert _by_id(dataset, "energy-intensity").period == "2021-2023"
    assert _by_id(dataset, "gdp").period == "2023"


def test_polarity_where_unambiguous(dataset: Dataset) -> None:
    for iid in ("pm25", "energy-intensity", "air-quality-index"):
        assert _by_id(dataset, iid).polarity == "lower"
    assert _by_id(dataset, "gdp").polarity == "higher"


def test_honours_carry_no_number(dataset: Dataset) -> None:
    honours = [i for i in dataset.indicators if i.kind is Kind.HONOUR]
    assert {i.id for i in honours} >= {
        "national-logistics-hub",
        "digital-transformation-centre",
        "pollution-carbon-pilot-city",
        "dangshen-heritage",
    }
    assert all(i.value is None and i.change is None for i in honours)


def test_report_metadata(dataset: Dataset) -> None:
    r = dataset.report
    assert (r.id, r.region, r.province_en, r.year) == ("changzhi-2023", "长治市", "Shanxi", 2023)
    assert r.delivered.isoformat() == "2024-03-26"
    assert r.source == "政府工作报告解读(上)"


def test_size_of_the_data_set(dataset: Dataset) -> None:
    # About a hundred facts: a large drop means records were lost.
    assert 100 <= len(dataset.indicators) <= 130
    assert len({i.id for i in dataset.indicators}) == len(dataset.indicators)


def _source_text() -> str:
    """The source text without its layout's spaces and line breaks (a heading may be broken in two)."""
    if not SOURCE.exists():
        where = f"source text not found at {SOURCE}"
        if os.environ.get("ZZREPORT_REQUIRE_SOURCE"):
            pytest.fail(f"{where}, and ZZREPORT_REQUIRE_SOURCE says this run must check the data against it")
        pytest.skip(where)
    return "".join(SOURCE.read_text(encoding="utf-8").split())


def test_section_titles_are_as_printed(dataset: Dataset) -> None:
    text = _source_text()
    for section in dataset.sections:
        if section.title.endswith(UNTITLED):
            continue
        assert section.title in text, f"{section.id}: {section.title} is not printed in the source"
    assert dataset.section(SectionId("overview")).title == "经济社会发展主要目标任务圆满完成"
    assert dataset.section(SectionId("government")).title.endswith(UNTITLED)
    assert "政府自身建设" not in text  # the closing block has no heading to copy


def test_notes_name_what_the_source_prints(dataset: Dataset) -> None:
    text = _source_text()
    assert "人河排污口" in text  # the misprint the note of river-sewage-outlets-remediated explains
    assert "人河" in (_by_id(dataset, "river-sewage-outlets-remediated").note or "")
