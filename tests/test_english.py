"""English a reader trusts: what a count counts, metric beside Chinese units, one money style, notes
in both languages, and the words of benchmarks, checked on the bundled data and through the command."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest

from conftest import MINIMAL, Result
from zzreport import units
from zzreport.errors import DataError
from zzreport.loading import parse
from zzreport.model import Benchmark, ChangeUnit, Dataset, Indicator, SectionId
from zzreport.phrases import BENCHMARK
from zzreport.render import view
from zzreport.render.base import Lang
from zzreport.render.records import indicator_records

CJK = re.compile(r"[\u3400-\u9fff]")
AVERAGES = (Benchmark.PROVINCE_AVERAGE, Benchmark.NATIONAL_AVERAGE, Benchmark.CITY_AVERAGE)


def _by_id(dataset: Dataset, iid: str) -> Indicator:
    (found,) = [i for i in dataset.indicators if i.id == iid]
    return found


def _machine(dataset: Dataset, ind: Indicator) -> dict[str, str | None]:
    records = indicator_records(dataset, [ind])
    (row,) = records.rows
    return {k: None if v is None else str(v) for k, v in zip(records.fields, row, strict=True)}


def _shown(dataset: Dataset, ind: Indicator, lang: Lang) -> str:
    (table,) = view.show_tables(dataset, [ind], lang)
    return "\n".join(" | ".join(c.text for c in row) for row in table.rows)


def _english_texts(dataset: Dataset) -> list[tuple[str, str]]:
    """Every English text of the bundled file, with where it stands."""
    r = dataset.report
    out = [(f"report.{k}", getattr(r, k) or "") for k in ("title_en", "source_en", "publisher_en")]
    out += [(f"sections.{s.id}", s.title_en) for s in dataset.sections]
    for i in dataset.indicators:
        out += [
            (f"{i.id}.{k}", getattr(i, k) or "") for k in ("name_en", "note_en", "rank_of_en", "counts_en")
        ]
        out += [(f"{i.id}.comparisons", f"{c.of_en or ''} {c.note_en or ''}") for c in i.comparisons]
    return out


# ── what a count counts ───────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("iid", "english", "unit_en"),
    [
        ("tax-fee-relief-beneficiaries", "240,000 business entities", "× 10,000 business entities"),
        ("business-entities-net-increase", "18,000 business entities", "× 10,000 business entities"),
        ("enterprises-net-increase", "13,000 enterprises", "× 10,000 enterprises"),
        ("business-entities", "344,000 business entities", "× 10,000 business entities"),
        ("rural-toilets-upgraded", "29,500 households", "× 10,000 households"),
    ],
)
def test_a_count_says_what_it_counts(dataset: Dataset, iid: str, english: str, unit_en: str) -> None:
    ind = _by_id(dataset, iid)
    assert view.value_text(ind, Lang.EN) == english
    assert _machine(dataset, ind)["unit_en"] == unit_en
    assert view.value_text(ind, Lang.ZH).endswith("万户")  # the Chinese stays as printed


def test_no_firm_is_counted_as_a_household(dataset: Dataset) -> None:
    firms = [
        i for i in dataset.indicators if i.unit and i.unit.endswith("户") and re.search("主体|企业", i.name)
    ]
    assert len(firms) == 4
    for ind in firms:
        assert "household" not in view.value_text(ind, Lang.EN), ind.id
        assert "household" not in (_machine(dataset, ind)["unit_en"] or ""), ind.id


def test_counts_en_is_only_for_units_that_count(dataset: Dataset) -> None:
    for ind in dataset.indicators:
        if ind.counts_en is not None:
            assert ind.unit is not None and units.counts(ind.unit), ind.id


def test_the_show_command_says_entities(cli: Callable[..., Result]) -> None:
    shown = cli("show", "business-entities", "--lang", "en", "-f", "table")
    assert shown.code == 0, shown.err
    assert "344,000 business entities" in shown.out
    assert "household" not in shown.out
    machine = cli("show", "business-entities", "-f", "csv")
    (row,) = csv.DictReader(io.StringIO(machine.out))
    assert (row["value"], row["unit"], row["unit_en"]) == ("34.4", "万户", "× 10,000 business entities")


# ── metric beside Chinese units ───────────────────────────────────────────────


@pytest.mark.parametrize(
    ("iid", "english"),
    [
        ("grain-output", "2.504 billion jin (1.252 million t)"),
        ("new-high-standard-farmland", "289,500 mu (19,300 ha)"),
        ("new-irrigated-land", "43,500 mu (2,900 ha)"),
        ("afforestation", "130,000 mu (≈ 8,700 ha)"),
        ("soil-and-water-conservation", "450,000 mu (30,000 ha)"),
        ("understory-economy-area", "over 1.4 million mu (≈ 93,300 ha)"),
    ],
)
def test_chinese_units_have_their_metric_equivalent(dataset: Dataset, iid: str, english: str) -> None:
    ind = _by_id(dataset, iid)
    assert view.value_text(ind, Lang.EN) == english
    assert "(" not in view.value_text(ind, Lang.ZH)  # Chinese readers read 亩 and 斤 as printed
    assert _machine(dataset, ind)["value"] == str(ind.value)  # machine output stays exact


def test_every_jin_and_mu_figure_has_an_equivalent(dataset: Dataset) -> None:
    chinese = [i for i in dataset.indicators if i.unit and i.unit[-1] in "斤亩"]
    assert len(chinese) == 6
    for ind in chinese:
        assert re.search(r"\((≈ )?[\d,.]+( million| billion)? (t|kg|ha|m²)\)$", view.value_text(ind, Lang.EN))


# ── one money style, English words ────────────────────────────────────────────


def test_money_is_cny_everywhere(dataset: Dataset) -> None:
    yuan = re.compile(r"\b(yuan|rmb|renminbi)\b", re.IGNORECASE)  # not Qinyuan, a place
    for where, text in _english_texts(dataset):
        assert not yuan.search(text), where
    for ind in dataset.indicators:
        assert not yuan.search(view.value_text(ind, Lang.EN)), ind.id
        assert not yuan.search(_machine(dataset, ind)["unit_en"] or ""), ind.id
    assert _machine(dataset, _by_id(dataset, "gdp"))["unit_en"] == "× 100 million CNY"


@pytest.mark.parametrize(
    ("iid", "words"),
    [
        ("tax-registered-share", "tax-registered entities"),
        ("safety-model-city", "Peaceful China (Ping'an) initiative"),
        ("health-childcare-demo-funds", "traditional Chinese medicine"),
        ("tcm-childcare-demo", "traditional Chinese medicine"),
        ("dangshen-heritage", "China Nationally Important Agricultural Heritage Systems (China-NIAHS)"),
        ("villages-collective-income-over-300k", "CNY 300,000"),
    ],
)
def test_names_in_english(dataset: Dataset, iid: str, words: str) -> None:
    assert words in _by_id(dataset, iid).name_en


def test_no_mistranslations_left(dataset: Dataset) -> None:
    for where, text in _english_texts(dataset):
        for wrong in ("tax-paying", "peace-building", "province average"):
            assert wrong not in text, (where, wrong)


def test_benchmarks_read_provincial_average(dataset: Dataset) -> None:
    assert BENCHMARK[Benchmark.PROVINCE_AVERAGE][1] == "provincial average"
    for ind in dataset.indicators:
        for c in ind.comparisons:
            assert "province average" not in view.comparison_text(c, Lang.EN), ind.id


def test_english_joins_with_an_ascii_semicolon(dataset: Dataset) -> None:
    retail = _by_id(dataset, "retail-sales")
    english = _shown(dataset, retail, Lang.EN)
    assert "growth above national average; growth above provincial average" in english
    assert "；" not in english
    assert "增速高于全国平均水平；增速高于全省平均水平" in _shown(dataset, retail, Lang.ZH)
    for ind in dataset.indicators:
        assert "；" not in _shown(dataset, ind, Lang.EN), ind.id


# ── notes, topics and benchmarks of the bundled data ──────────────────────────


def test_every_note_is_in_both_languages(dataset: Dataset) -> None:
    noted = [i for i in dataset.indicators if i.note or i.note_en]
    assert len(noted) >= 14
    for ind in noted:
        assert ind.note and CJK.search(ind.note), ind.id
        assert ind.note_en and re.match(r"[A-Z]", ind.note_en), ind.id
        assert not re.search(r"[;；] ?[A-Za-z]", ind.note), ind.id  # no English left behind a semicolon


def test_notes_show_in_the_reader_language(dataset: Dataset) -> None:
    gdp = _by_id(dataset, "gdp")
    assert "Growth at comparable prices" in _shown(dataset, gdp, Lang.EN)
    assert "增速按可比价格计算" in _shown(dataset, gdp, Lang.ZH)
    assert "Growth at comparable prices" not in _shown(dataset, gdp, Lang.ZH)
    assert _machine(dataset, gdp)["note_en"] == gdp.note_en


def test_every_environment_record_has_the_environment_topic(dataset: Dataset) -> None:
    for ind in dataset.indicators:
        if ind.section == "environment":
            assert "环境" in ind.topics, ind.id
    for iid in ("afforestation", "soil-and-water-conservation"):
        assert "环境" in _by_id(dataset, iid).topics


def test_growth_benchmarks_say_they_compare_growth(dataset: Dataset) -> None:
    checked = 0
    for ind in dataset.indicators:
        if ind.change_unit is not ChangeUnit.PERCENT or "增速" in ind.name:
            continue
        for c in ind.comparisons:
            if c.benchmark in AVERAGES:
                assert (c.of, c.of_en) == ("增速", "growth"), ind.id
                checked += 1
    assert checked == 6


def test_sections_have_english_titles(dataset: Dataset) -> None:
    assert all(s.title_en for s in dataset.sections)
    assert dataset.section(SectionId("overview")).title == "经济社会发展主要目标任务圆满完成"
    assert "政府自身建设" not in {s.title for s in dataset.sections}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    unit: 亿元\n",
            "    unit: 亿元\n    counts_en: firms\n",
            "counts_en: 亿元 does not count things",
        ),
        ("    value: 1.10\n    unit: 亿元\n", "    counts_en: firms\n", "counts_en: counts_en needs a value"),
    ],
)
def test_the_loader_refuses_counts_en_where_nothing_is_counted(old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    with pytest.raises(DataError) as info:
        parse(MINIMAL.replace(old, new, 1), "bad.yaml")
    assert any(expected in line for line in info.value.lines()), info.value.lines()


def test_the_loader_reads_counts_en_and_note_en() -> None:
    text = MINIMAL.replace(
        "    unit: 亿元\n", "    unit: 万户\n    counts_en: firms\n    note: 注\n    note_en: A note.\n"
    )
    (ind,) = parse(text, "ok.yaml").indicators
    assert (ind.counts_en, ind.note, ind.note_en) == ("firms", "注", "A note.")
    assert view.value_text(ind, Lang.EN) == "11,000 firms"
