"""Look-ups as plain function calls: resolving names, filters, sorting, comparing, searching."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from conftest import MINIMAL
from zzreport import match, query, vocabulary
from zzreport.errors import AmbiguousQueryError, DataError, NoMatchError, UnknownIndicatorError
from zzreport.loading import parse
from zzreport.model import Dataset, IndicatorId
from zzreport.query import Has, SortKey


@pytest.mark.parametrize(
    ("text", "iid"),
    [
        ("gdp", "gdp"),
        ("GDP", "gdp"),
        ("地区生产总值", "gdp"),
        ("Gross Domestic Product", "gdp"),
        ("PM2.5", "pm25"),
        ("pm25", "pm25"),
        ("pm 2.5", "pm25"),
        ("社零", "retail-sales"),
        ("一般公共预算收入", "budget-revenue"),
        ("raw-coal-output", "raw-coal-output"),
    ],
)
def test_resolve_by_any_name(dataset: Dataset, text: str, iid: str) -> None:
    assert query.resolve(dataset, text).id == iid


def test_unknown_query_suggests_close_names(dataset: Dataset) -> None:
    with pytest.raises(UnknownIndicatorError) as info:
        query.resolve(dataset, "GPD")
    assert info.value.suggestions[0] == "gdp"
    assert "did you mean gdp" in str(info.value)


def test_nothing_close_gives_no_suggestion(dataset: Dataset) -> None:
    with pytest.raises(UnknownIndicatorError) as info:
        query.resolve(dataset, "zzzzqqqq")
    assert info.value.suggestions == ()


def test_ambiguous_query_lists_candidates() -> None:
    text = MINIMAL.replace("aliases: [GDP]", "aliases: [GDP, a-b]")
    record = text[text.index("  - id: gdp") :]
    other = (
        record.replace("id: gdp", "id: other")
        .replace("地区生产总值", "别的")
        .replace("Gross domestic product", "Other")
        .replace("aliases: [GDP, a-b]", "aliases: [ab]")
    )
    # The loader refuses names that look-ups could not tell apart ...
    with pytest.raises(DataError, match="'ab' already names 'gdp'"):
        parse(text + other, "two.yaml")
    # ... so only a data set built some other way can be ambiguous; resolve still says so.
    one = parse(text, "one.yaml")
    twin = replace(one.indicators[0], id=IndicatorId("other"), name="别的", name_en="Other", aliases=("ab",))
    inds = (one.indicators[0], twin)
    ds = replace(one, indicators=inds, labels=query.search_labels(inds))
    with pytest.raises(AmbiguousQueryError) as info:
        query.resolve(ds, "AB")
    assert info.value.candidates == ("gdp", "other")


def test_find_all_keeps_order_and_drops_repeats(dataset: Dataset) -> None:
    got = query.find_all([dataset], ["pm25", "GDP", "PM2.5"])
    assert [i.id for _, i in got] == ["pm25", "gdp"]


def test_list_filters(dataset: Dataset) -> None:
    assert len(query.list_indicators(dataset)) == len(dataset.indicators)
    environment = query.find_section(dataset, "坚持减排放、治污染")
    assert environment.id == "environment"
    assert query.find_section(dataset, "Emissions and pollution").id == "environment"
    rows = query.list_indicators(dataset, section=environment.id, having=[Has.CHANGE])
    assert [i.id for i in rows] == ["air-quality-index", "pm25", "energy-intensity"]
    ranked = query.list_indicators(dataset, having=[Has.RANK])
    assert {i.id for i in ranked} == {
        "gdp",
        "fixed-asset-investment",
        "tax-registered-share",
        "transport-logistics-revenue",
        "air-quality-index",
        "water-quality-good-rate",
        "carbon-peak-pilot-park",
    }
    province = query.list_indicators(dataset, having=[Has.PROVINCE, Has.CHANGE])
    assert "manufacturing-value-added" in {i.id for i in province}
    assert [i.id for i in query.list_indicators(dataset, text="煤")] == [
        "raw-coal-output",
        "coal-advanced-capacity",
    ]
    assert len(query.list_indicators(dataset, limit=5)) == 5


def test_unknown_section(dataset: Dataset) -> None:
    with pytest.raises(NoMatchError, match="sections are: overview, projects"):
        query.find_section(dataset, "nowhere")


def test_sort_by_value_groups_units_and_is_exact(dataset: Dataset) -> None:
    rows = query.list_indicators(dataset, sort=SortKey.VALUE, reverse=True)
    yuan = [i for i in rows if i.unit == "亿元"]
    assert [str(i.value) for i in yuan[:3]] == ["2806.2", "1929.8", "1618"]
    units = [i.unit for i in rows if i.value is not None]
    # every unit forms one contiguous run
    runs = [u for n, u in enumerate(units) if n == 0 or units[n - 1] != u]
    assert len(runs) == len(set(units))
    assert rows[-1].value is None  # records without a value come last, either direction


def test_sort_by_change_and_name(dataset: Dataset) -> None:
    rows = query.list_indicators(dataset, sort=SortKey.CHANGE)
    percent = [i for i in rows if i.change_unit == "%"]
    assert (percent[0].id, percent[-1].id) == ("energy-intensity", "strategic-emerging-value-added")
    by_id = query.list_indicators(dataset, sort=SortKey.ID, limit=2)
    assert [i.id for i in by_id] == ["a-grade-scenic-spots", "afforestation"]


def test_compare_relates_to_the_first(dataset: Dataset) -> None:
    gdp, revenue, pm25 = query.compare([dataset], ["GDP", "一般公共预算收入", "PM2.5"])
    assert gdp.share_of_first is None and gdp.change_gap is None
    # 315.08 / 2806.2 = 0.112280… → 11.23 %; 1.48 − 5.6 = −4.12 points (worked by hand)
    assert revenue.share_of_first == Decimal("11.23")
    assert revenue.change_gap == Decimal("-4.12")
    assert pm25.share_of_first is None  # μg/m³ is no part of 亿元
    assert pm25.change_gap == Decimal("-13.3")  # −7.7 − 5.6: two changes in % differ in points


@pytest.mark.parametrize(
    ("text", "first", "also"),
    [
        ("煤", "raw-coal-output", {"coal-advanced-capacity"}),  # 原煤 ends in 煤: about coal itself
        ("gdp", "gdp", set()),
        ("meitan", "raw-coal-output", {"coal-advanced-capacity"}),  # 煤炭, whose main measure is output
        ("mt", "raw-coal-output", {"coal-advanced-capacity"}),
        ("yuanmei", "raw-coal-output", set()),
        ("社零", "retail-sales", set()),
        ("PM2.5", "pm25", set()),
        ("energy", "energy-intensity", {"clean-energy-capacity-share"}),  # either of the two first
        ("Emissions and pollution", "pollution-carbon-pilot-city", {"near-zero-carbon-pilots"}),  # among 3
        ("misprint", "river-sewage-outlets-remediated", set()),
    ],
)
def test_search_finds(dataset: Dataset, text: str, first: str, also: set[str]) -> None:
    hits = query.search(dataset, text)
    leading = {"energy": 2, "Emissions and pollution": 3}.get(text, 1)  # several as good as the first
    assert first in [h.indicator.id for h in hits[:leading]], [h.indicator.id for h in hits[:5]]
    assert also <= {h.indicator.id for h in hits}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_highlights_the_matched_characters(dataset: Dataset) -> None:
    (hit,) = [h for h in query.search(dataset, "meitan") if h.indicator.id == "coal-advanced-capacity"]
    assert hit.indicator.name[slice(*hit.span or (0, 0))] == "煤炭"  # meitan spells 煤炭
    (hit,) = [h for h in query.search(dataset, "chanliang") if h.indicator.id == "raw-coal-output"]
    assert hit.field == "pinyin"
    assert hit.indicator.name[slice(*hit.span or (0, 0))] == "产量"
    coal = next(h for h in query.search(dataset, "煤") if h.indicator.id == "raw-coal-output")
    assert coal.span == (1, 2)


def test_search_without_match_hints(dataset: Dataset) -> None:
    with pytest.raises(NoMatchError, match="nothing matches 'GPD'; closest: gdp"):
        query.search(dataset, "GPD")
    with pytest.raises(NoMatchError, match="nothing to search for"):
        query.search(dataset, "  ")


def test_section_counts_add_up(dataset: Dataset) -> None:
    counts = query.section_counts(dataset)
    assert sum(f + h for _, f, h in counts) == len(dataset.indicators)
    assert counts[0][0].id == "overview"


def _many(n: int) -> Dataset:
    head = MINIMAL[: MINIMAL.index("  - id: gdp")]
    body = "".join(
        f"  - {{id: r{i}, name: 名称{i}号, name_en: Record number {i}, section: economy, item: 1, "
        f"value: {i}, unit: 个}}\n"
        for i in range(n)
    )
    return parse(head + body, "many")


def test_suggestions_cost_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    compared: list[str] = []
    real = difflib.SequenceMatcher.set_seq1

    def counting(self: difflib.SequenceMatcher[str], a: str) -> None:
        compared.append(a)
        real(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    ds = _many(5000)  # 15,000 labels
    with pytest.raises(UnknownIndicatorError) as info:
        query.resolve(ds, "Record numbr 4711")
    assert len(compared) <= 100  # a shortlist, not every label against every label
    assert "r4711" in info.value.suggestions


def test_a_report_with_no_indicators_answers_every_question_plainly() -> None:
    empty = parse(
        MINIMAL[: MINIMAL.index("  - id: gdp")].replace("indicators:\n", "indicators: []\n"), "empty"
    )
    assert len(empty.indicators) == 0
    with pytest.raises(UnknownIndicatorError, match=r"no indicator matches 'gdp'$"):
        query.resolve(empty, "gdp")
    with pytest.raises(NoMatchError, match=r"nothing matches 'gdp'$"):
        query.search(empty, "gdp")
    assert query.list_indicators(empty) == []


def test_compare_keeps_every_digit_at_any_magnitude() -> None:
    head = MINIMAL[: MINIMAL.index("  - id: gdp")]
    big, small = "1" + "0" * 40, "0.000000000000000000000000000001"
    body = (
        f"  - {{id: a, name: 甲, name_en: A, section: economy, item: 1, value: 1, unit: 亿元, change: {small}, change_unit: '%'}}\n"
        f"  - {{id: b, name: 乙, name_en: B, section: economy, item: 1, value: {big}, unit: 亿元, change: {big}, change_unit: '%'}}\n"
    )
    ds = parse(head + body, "huge")
    rows = query.compare([ds], ["a", "b"])
    assert rows[1].share_of_first == Decimal(big) * 100
    assert str(rows[1].change_gap) == "9" * 40 + "." + "9" * 30  # exact: 70 digits, none rounded away


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("GDP growth", "gdp"),
        ("growth GDP", "gdp"),
        ("coal output", "raw-coal-output"),
        ("煤 产量", "raw-coal-output"),
    ],
)
def test_several_words_match_in_any_order(dataset: Dataset, text: str, first: str) -> None:
    hits = query.search(dataset, text)
    assert hits[0].indicator.id == first
    for hit in hits:  # every word matches each record found, somewhere (a change word need not)
        labels = query.search_label(hit.indicator)
        title = dataset.section(hit.indicator.section)
        words = [match.normalize(w) for w in text.split() if not vocabulary.analyse(f"x {w}").change]
        titles = match.normalize(title.title) + " " + match.normalize(title.title_en)
        assert all(match.score(labels, w, titles, pinyin=match.is_pinyin(w)) for w in words), hit.indicator.id


def test_word_matches_rank_below_whole_matches(dataset: Dataset) -> None:
    whole = query.search(dataset, "coal output")[0]
    assert (whole.indicator.id, whole.score) == ("raw-coal-output", 100)  # an alias, whole
    assert all(h.score < 100 for h in query.search(dataset, "coal output")[1:])
    with pytest.raises(NoMatchError):
        query.search(dataset, "GDP zzzqqq")  # every word must match


@pytest.mark.parametrize(
    ("text", "sid"),
    [("projects", "projects"), ("坚持抓项目帮企业", "projects"), ("坚持抓项目、帮企业", "projects"),
     ("Projects and enterprises", "projects"), ("envi", "environment"), ("坚持抓", "projects")],
)  # fmt: skip
def test_sections_are_found_forgivingly(dataset: Dataset, text: str, sid: str) -> None:
    assert query.find_section(dataset, text).id == sid


def test_an_ambiguous_section_prefix_names_the_candidates(dataset: Dataset) -> None:
    with pytest.raises(NoMatchError, match="could be any of"):
        query.find_section(dataset, "坚持")


def test_hints_name_records_in_both_languages(dataset: Dataset) -> None:
    with pytest.raises(UnknownIndicatorError) as info:
        query.resolve(dataset, "GPD")
    assert info.value.described[0] == "gdp (地区生产总值, Gross regional product)"
    with pytest.raises(UnknownIndicatorError) as words:
        query.resolve(dataset, "fiscal revenue")  # no misspelling of a name, but its words find one
    assert words.value.suggestions[0] == "budget-revenue"
    assert "did you mean budget-revenue (一般公共预算收入, General public budget revenue)" in str(words.value)
    assert len(words.value.suggestions) <= 3
    with pytest.raises(UnknownIndicatorError) as nothing_alike:
        query.resolve(dataset, "不存在的指标")  # no spelling, word or pinyin is close: shared characters
    assert nothing_alike.value.suggestions == ("main-indicator-growth",)
