"""The quick way a large file's records are checked (``_Records.quick``) agrees with the checker
on nodes: the same data set, the same store pieces, the same messages, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from zzreport import layout
from zzreport.checking import _Records
from zzreport.errors import DataError
from zzreport.loading import parse

HEADER = """\
format: 1
report:
  id: quick
  region: 合成市
  province: 山西省
  year: 2023
  title: 合成报告
  delivered: 2024-03-26
  source: 生成的数据
sections:
  - {id: economy, title: 经济, title_en: Economy}
  - {id: society, title: 社会, title_en: Society}
indicators:
"""

FIELDS: dict[str, tuple[list[str], list[str]]] = {
    # field: (values that read, values that do not or that only the checker on nodes reads)
    "id": (["ind-{n}"], ["ind-1", "Ind-3", "ind--4", '"ind-5"', "!!str a", "&a b", ""]),
    "kind": (["figure", "honour"], ["medal"]),
    "name": (["煤炭产量{n}", "GDP {n}"], ["粮食", "  ", "'煤炭 '", "[a, b]", "{{a: b}}", "*x"]),
    "name_en": (["Coal output {n}", "gdp {n}"], ["Grain", "煤炭产量 "]),
    "section": (["economy", "society"], ["culture"]),
    "item": (["1", "12"], ["0", "012", "1.5", "9999999999999999"]),
    "period": (["2023", "2021-2023"], ["2024", "2023-2021", "2023-2023", "20x3"]),
    "value": (["2806.2", "-7.7", "1.10", "0.0000001"], ["012", "1e5", "1,000", "*x"]),
    "unit": (['"%"', "亿元", "户"], ["2元", '"a b"']),
    "counts_en": (["households"], [""]),
    "qualifier": (["over", "about"], ["exactly-ish"]),
    "written": (["两千多"], [""]),
    "change": (["6.5", "-0.3"], ["+1", "x"]),
    "change_unit": (['"%"', "pp"], ["km"]),
    "rank": (["1", "3"], ["0"]),
    "rank_top": (["10"], ["-1"]),
    "rank_scope": (["province", "nation"], ["world"]),
    "rank_sole": (["true", "false"], ["yes"]),
    "rank_with": (["[ind-1]", "[ind-2, ind-1]"], ["ind-2", "[Ind-1]", "[ind-1, [ind-2]]", "[ind-1, ind-1]"]),
    "aliases": (
        ["[煤产量{n}]", "[]", "[coal {n}, 原煤{n}]", "\n      - 煤{n}\n      - coal-{n}"],
        [
            "['!!']",
            "煤",
            "[' 煤']",
            "['']",
            "[a, [b]]",
            "[a, {{b: c}}]",
            "[!!str a]",
            "[&x a]",
            "[a, *x]",
            "!!seq [a]",
            "&l [a]",
            "[煤炭产量{n}]",
            "[Coal output {n}]",
            "[!foo a]",
            "[a, !!int 1]",
        ],
    ),
    "topics": (["[能源]", "[能源, 环境]"], ["[]", "[能源, 能源]", "[null]"]),
    "also_at": (
        ["[economy/{n}]", "[economy/1, society/12]", "[]"],
        ["[culture/1]", "[economy/0]", "[economy]", "[economy/1/2]", "['economy/1 ']", "economy/1"],
    ),
    "comparisons": (["[{{relation: above, benchmark: province-average}}]"], ["[above]"]),
    "note": (["一个说明", "|\n      两行\n      说明"], ["[a]", "{{a: 1}}"]),
    "polarity": (["higher", "lower"], ["up"]),
    "bogus": ([], ["1"]),
}


_OFTEN = st.sampled_from([True] * 29 + [False])


@st.composite
def records(draw: Any, n: int) -> str:
    # The required fields and a number nearly always, then any others (a key may come twice).
    keys = [k for k in ("id", "name", "section", "item", "value", "unit") if draw(_OFTEN)]
    keys += draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=3))
    lines = []
    for k in keys:
        good, bad = FIELDS[k]
        pool = good if good and draw(_OFTEN) else bad
        lines.append(f"{k}: " + draw(st.sampled_from(pool)).format(n=n))
    if not lines:
        return "  - {}\n"
    return "  - " + "\n    ".join(lines) + "\n"


def _outcome(text: str) -> tuple[str, object, object]:
    builders: list[layout.Builder] = []

    def sink(report: Any, sections: Any) -> layout.Builder:
        builders.append(layout.Builder(report, sections))
        return builders[-1]

    try:
        kept = parse(text, "f.yaml")
        parse(text, "f.yaml", sink=sink)
    except DataError as e:
        return "refused", e.lines(), None
    return "read", kept, builders[-1].pieces(kept.targets)


@settings(max_examples=examples(150, 600), deadline=None)
@given(st.integers(1, 6).flatmap(lambda k: st.tuples(*(records(n) for n in range(k)))))
def test_quick_records_agree_with_the_checker(items: tuple[str, ...]) -> None:
    text = HEADER + "".join(items)
    quick = _outcome(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_Records, "quick", lambda *_: False)
        slow = _outcome(text)
    assert quick == slow


GOOD = {"id": "ind-9", "name": "样例9", "section": "economy", "item": "1", "value": "1.10", "unit": "亿元"}
"""A record every reading accepts; each case below gives one field of it another value."""
OTHER = {"id": "ind-1", "name": "其他", "section": "society", "item": "2", "value": "2", "unit": "亿元"}
"""A record before it, for names to clash with."""
RANKED = {"rank": "1", "rank_scope": "province"}
"""What two records sharing a rank (``rank_with``) hold: the case of rank_with gives both of them it
(only then: naming another record makes the checker compose the record's node, which would hide a
difference between the two ways)."""


def _record(fields: dict[str, str]) -> str:
    return "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


@pytest.mark.parametrize(
    ("key", "value"), [(k, v) for k, (good, bad) in FIELDS.items() for v in good + bad], ids=repr
)
def test_each_field_value_is_read_alike_both_ways(key: str, value: str) -> None:
    # Every value of the table in an otherwise good record, so that none is left to chance.
    good, other = dict(GOOD), dict(OTHER)
    if key == "rank_with":
        good |= RANKED
        other |= {**RANKED, "rank_with": "[ind-9]"}
    text = HEADER + _record(other) + _record({**good, key: value.format(n=9)})
    quick = _outcome(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_Records, "quick", lambda *_: False)
        slow = _outcome(text)
    assert quick == slow


def test_the_good_record_is_read() -> None:
    assert _outcome(HEADER + _record(OTHER) + _record(GOOD))[0] == "read"


def test_quick_way_takes_plain_records(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[bool] = []
    quick = _Records.quick

    def spy(*args: Any) -> bool:
        taken.append(quick(*args))
        return taken[-1]

    monkeypatch.setattr(_Records, "quick", spy)
    text = HEADER + "  - {id: a, name: 甲, section: economy, item: 1, value: 1.10, unit: 亿元}\n"
    text += "  - {id: b, name: 乙, section: economy, item: 2, value: 2, unit: 亿元, aliases: [丙, 丁]}\n"
    text += "  - {id: c, name: 戊, section: economy, item: 3, value: 3, unit: 亿元,\n"
    text += "     comparisons: [{relation: above, benchmark: province-average}]}\n"
    ds = parse(text, "f.yaml")
    assert taken == [True, True]  # the third holds a list of mappings: the checker reads it as nodes
    assert [str(i.value) for i in ds.indicators] == ["1.10", "2", "3"]
    assert ds.indicators[1].aliases == ("丙", "丁")


@pytest.mark.parametrize("value", ["[culture/1]", "[economy/0]", "[economy]", "[economy/1, society]"])
def test_a_place_in_the_report_names_a_known_section_and_an_item(value: str) -> None:
    # Both ways read a place with one function: the cases above cannot tell if it lets one through.
    outcome, lines, _ = _outcome(HEADER + _record({**GOOD, "also_at": value}))
    assert outcome == "refused"
    assert isinstance(lines, list) and len(lines) == 1
    assert "is not section/item, such as projects/5, with a known section" in lines[0]
