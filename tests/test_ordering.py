"""``list --sort`` orders figures exactly, whatever their scale, as ``Decimal`` would.

``ordering`` compares plain decimal text as whole numbers at a common scale (the look-up path
imports no ``decimal``); here each order is checked against one written with ``Decimal`` on
generated records, equal values and missing fields included.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from zzreport import ordering

decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
texts = st.one_of(
    st.none(),
    decimals.map(lambda d: format(d, "f")),
    st.sampled_from(["0", "-0", "0.00", "1.5", "1.50", "-1.5", "10", "9.999"]),
)
records = st.lists(
    st.tuples(
        st.text("abc", min_size=1, max_size=3),
        st.text("煤炭电力", min_size=1, max_size=3),
        st.one_of(st.none(), st.text("Ab c(\"'", max_size=4)),
        texts,
        st.sampled_from([None, "亿元", "%", "万吨"]),
        texts,
        st.sampled_from([None, "%", "pp"]),
    ),
    max_size=12,
)


Numbered = tuple[int, ordering.Keys]
"""A record and its place in the report: equal records are told apart by it."""


def _reference(rows: list[Numbered], sort: str, reverse: bool, in_english: bool) -> list[Numbered]:
    if sort == "report":
        return rows[::-1] if reverse else rows
    if sort == "id":
        return sorted(rows, key=lambda r: r[1][0], reverse=reverse)
    if sort == "name":
        if in_english:
            return sorted(
                rows, key=lambda r: (r[1][2] or r[1][1]).lstrip(" \"'“‘([").casefold(), reverse=reverse
            )
        return sorted(rows, key=lambda r: r[1][1], reverse=reverse)
    if sort == "value":
        present = [r for r in rows if r[1][3] is not None]
        out: list[Numbered] = []
        for unit in dict.fromkeys(r[1][4] for r in present):
            same = [r for r in present if r[1][4] == unit]
            out += sorted(same, key=lambda r: Decimal(r[1][3] or 0), reverse=reverse)
        return out + [r for r in rows if r[1][3] is None]
    present = [r for r in rows if r[1][5] is not None]
    ordered = sorted(present, key=lambda r: (r[1][6] or "", Decimal(r[1][5] or 0)), reverse=reverse)
    return ordered + [r for r in rows if r[1][5] is None]


@settings(max_examples=examples(200, 1000))
@given(rows=records, sort=st.sampled_from(ordering.SORTS), reverse=st.booleans(), in_english=st.booleans())
def test_every_order_is_the_exact_one(
    rows: list[ordering.Keys], sort: str, reverse: bool, in_english: bool
) -> None:
    numbered = list(enumerate(rows))
    got = ordering.ordered(numbered, lambda r: r[1], sort, reverse, in_english=in_english)
    assert got == _reference(numbered, sort, reverse, in_english)


def test_scale_does_not_decide_an_order() -> None:
    rows: list[ordering.Keys] = [
        ("a", "甲", None, "1.50", "亿元", "-0.5", "%"),
        ("b", "乙", None, "1.5", "亿元", "-0.50", "%"),
        ("c", "丙", None, "1.499", "亿元", "-0.499", "%"),
        ("d", "丁", None, "10", "亿元", None, None),
    ]
    assert [r[0] for r in ordering.ordered(rows, lambda r: r, "value", False)] == ["c", "a", "b", "d"]
    assert [r[0] for r in ordering.ordered(rows, lambda r: r, "value", True)] == ["d", "a", "b", "c"]
    assert [r[0] for r in ordering.ordered(rows, lambda r: r, "change", False)] == ["a", "b", "c", "d"]


@given(texts=st.lists(st.one_of(decimals, st.sampled_from([Decimal("-0"), Decimal("0.000")])), max_size=20))
def test_figures_compare_as_decimals(texts: list[Decimal]) -> None:
    keys = [ordering._figure(format(d, "f")) for d in texts]
    for a, x in zip(texts, keys, strict=True):
        for b, y in zip(texts, keys, strict=True):
            assert (a < b) == (x < y) and (a == b) == (x == y)


def test_figures_of_thousands_of_digits_sort() -> None:
    """No text is turned into an int (Python refuses to read more than 4,300 digits as one)."""
    big = "9" * 5000
    rows: list[ordering.Keys] = [
        ("a", "甲", None, big, "亿元", "-" + big + ".5", "%"),
        ("b", "乙", None, "1" + "0" * 5000, "亿元", "-" + big, "%"),
        ("c", "丙", None, "0." + "0" * 5000 + "1", "亿元", "0", "%"),
    ]
    assert [r[0] for r in ordering.ordered(rows, lambda r: r, "value", False)] == ["c", "a", "b"]
    assert [r[0] for r in ordering.ordered(rows, lambda r: r, "change", False)] == ["a", "b", "c"]
