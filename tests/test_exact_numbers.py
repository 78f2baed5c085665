"""Numbers stay exact at any size: unit conversion, shares, computed changes and English amounts are
checked against exact fractions computed here, independently of the code under test."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, examples, invoke
from zzreport import query
from zzreport.errors import DataError
from zzreport.loading import parse
from zzreport.model import Across, ChangeUnit, Dataset, IndicatorId, NotComputed, Report, ReportId
from zzreport.query import search_labels
from zzreport.render import table
from zzreport.render.base import Lang
from zzreport.render.records import across_records, compare_records
from zzreport.render.view import across_table, compare_table
from zzreport.units import english_amount, known, shifted

BASE = parse(MINIMAL, "base.yaml")


def dataset(*values: tuple[str, str], report: Report | None = None) -> Dataset:
    """A one-report data set whose indicators ``a``, ``b`` … have these values and units."""
    report = report or BASE.report
    template = dataclasses.replace(BASE.indicators[0], period=str(report.year))
    inds = tuple(
        dataclasses.replace(
            template, id=IndicatorId(chr(ord("a") + n)), name=f"指标{n}", name_en="", aliases=(), item=n + 1,
            value=Decimal(value), unit=unit, change=None, change_unit=None,
        )
        for n, (value, unit) in enumerate(values)
    )  # fmt: skip
    return dataclasses.replace(BASE, report=report, indicators=inds, labels=search_labels(inds))


@st.composite
def plain_decimals(draw: st.DrawFn, *, signed: bool = False, zero: bool = True) -> str:
    """Decimal text as a report file writes it (no exponent), with many digits and with magnitudes
    far beyond 28 digits either way: long runs of zeros before or after the significant digits."""
    digits = draw(st.text("0123456789", min_size=1, max_size=40))
    shift = draw(st.integers(-700, 700))  # shares and changes then reach past PERCENT_DIGITS
    fraction = draw(st.integers(0, 3))  # printed trailing zeros after the point
    if not zero and digits.strip("0") == "":
        digits = digits[:-1] + "7"
    if shift >= 0:
        whole, frac = digits + "0" * shift, "0" * fraction
    else:
        padded = digits.rjust(-shift + 1, "0")
        whole, frac = padded[:shift], padded[shift:] + "0" * fraction
    whole = whole.lstrip("0") or "0"
    text = f"{whole}.{frac}" if frac else whole
    return ("-" if signed and draw(st.booleans()) else "") + text


def exact_percent(part: Fraction, whole: Fraction) -> Fraction:
    """``part`` as a percentage of ``whole``, rounded half to even at two decimals."""
    return round(part / whole * 100, 2)


def fits(share: Fraction) -> bool:
    return bool(abs(share) < 10**query.PERCENT_DIGITS)


CONVERTIBLE = ["元", "万元", "亿元", "十万元", "万亿元"]


# ── compare: share_of_first ───────────────────────────────────────────────────


@settings(max_examples=examples(200, 800))
@given(
    first=plain_decimals(signed=True, zero=False),
    other=plain_decimals(signed=True),
    units=st.tuples(st.sampled_from(CONVERTIBLE), st.sampled_from(CONVERTIBLE)),
)
def test_share_of_first_is_the_exact_share_rounded(first: str, other: str, units: tuple[str, str]) -> None:
    ds = dataset((first, units[0]), (other, units[1]))
    compared = query.compare([ds], ["a", "b"])[1]
    a, b = known(units[0]), known(units[1])
    assert a is not None and b is not None
    level = Fraction(other) * Fraction(10) ** (b.power - a.power)
    expected = exact_percent(level, Fraction(first))
    if fits(expected):
        assert compared.share_of_first is not None
        assert Fraction(compared.share_of_first) == expected
        assert compared.share_of_first.as_tuple().exponent == -2
        assert not compared.share_too_large
    else:
        assert compared.share_of_first is None
        assert compared.share_too_large


def _near_tie(first: str, hundredths: int, nudge: int, depth: int) -> Fraction:
    """A level whose share of ``first`` lies a hair (10^-depth of it) off a tie at two decimals."""
    return Fraction(first) * (Fraction(2 * hundredths + 1, 20000) + Fraction(nudge, 10**depth))


@settings(max_examples=examples(200, 800))
@given(
    first=plain_decimals(zero=False),
    hundredths=st.integers(0, 10**6),
    nudge=st.sampled_from([-1, 0, 1]),
    depth=st.integers(30, 60),
    units=st.tuples(st.sampled_from(CONVERTIBLE), st.sampled_from(CONVERTIBLE)),
)
def test_shares_near_a_tie_round_by_every_digit(
    first: str, hundredths: int, nudge: int, depth: int, units: tuple[str, str]
) -> None:
    a, b = known(units[0]), known(units[1])
    assert a is not None and b is not None
    level = _near_tie(first, hundredths, nudge, depth)  # in the first unit
    other = shifted(_decimal(level), a.power - b.power)  # the same level written in the other unit
    ds = dataset((first, units[0]), (format(other, "f"), units[1]))
    share = query.compare([ds], ["a", "b"])[1].share_of_first
    expected = exact_percent(level, Fraction(first))
    assert share is not None and Fraction(share) == expected


def _decimal(f: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, as an exact decimal."""
    digits = 0
    while (f * 10**digits).denominator != 1:
        digits += 1
    return shifted(Decimal((f * 10**digits).numerator), -digits)


def test_converting_units_keeps_every_digit() -> None:
    # 0.000000500…01 万元 (30 significant digits) is 0.005000…01 元, whose share of 100 元 rounds up
    # to 0.01; a 28-digit context drops the last digit and rounds the tie to even, 0.00.
    other = "0.000000500000000000000000000000000001"
    ds = dataset(("100", "元"), (other, "万元"))
    share = query.compare([ds], ["a", "b"])[1].share_of_first
    assert share == Decimal("0.01")


def test_a_share_that_cannot_be_shown_is_said_to_be_so_rather_than_crashing() -> None:
    # 10^600000 against 10^-400001: a share past 10^999999, which once raised decimal.Overflow.
    huge, tiny = "1" + "0" * 600_000, "0." + "0" * 400_000 + "1"
    rows = query.compare([dataset((tiny, "元"), (huge, "元"))], ["a", "b"])
    assert rows[1].share_of_first is None and rows[1].share_too_large
    record = list(compare_records(rows).rows)[1]
    assert record[-2] is None
    for lang, words in ((Lang.EN, "too large to show"), (Lang.ZH, "过大")):
        share_cell = compare_table(rows, lang).rows[1][6].text
        assert words in share_cell


def test_a_vanishing_share_is_zero() -> None:
    tiny = "0." + "0" * 500_000 + "1"
    rows = query.compare([dataset(("1" + "0" * 500_000, "元"), (tiny, "元"))], ["a", "b"])
    assert rows[1].share_of_first == Decimal("0.00")


# ── compare --across: computed_change ─────────────────────────────────────────


def _two_years(before: tuple[str, str], now: tuple[str, str]) -> list[Across]:
    r = BASE.report
    first = dataset(before, report=dataclasses.replace(r, id=ReportId("s-2022"), year=2022))
    second = dataset(now, report=dataclasses.replace(r, id=ReportId("s-2023"), year=2023))
    return query.across([first, second], "a")


@settings(max_examples=examples(200, 800))
@given(
    before=plain_decimals(zero=False),
    now=plain_decimals(signed=True),
    units=st.tuples(st.sampled_from(CONVERTIBLE), st.sampled_from(CONVERTIBLE)),
)
def test_computed_change_is_the_exact_change_rounded(before: str, now: str, units: tuple[str, str]) -> None:
    rows = _two_years((before, units[0]), (now, units[1]))
    a, b = known(units[0]), known(units[1])
    assert a is not None and b is not None
    base = Fraction(before) * Fraction(10) ** (a.power - b.power)  # the earlier level in the later unit
    expected = exact_percent(Fraction(now) - base, base)
    if fits(expected):
        assert rows[1].computed_change is not None and rows[1].not_computed is None
        assert Fraction(rows[1].computed_change) == expected
    else:
        assert rows[1].computed_change is None
        assert rows[1].not_computed is NotComputed.TOO_LARGE


def test_a_change_that_cannot_be_shown_is_not_computed_and_says_why() -> None:
    rows = _two_years(("0." + "0" * 1_000_000 + "1", "元"), ("1", "元"))
    assert rows[1].computed_change is None and rows[1].not_computed is NotComputed.TOO_LARGE
    record = dict(zip(across_records(rows).fields, list(across_records(rows).rows)[1], strict=True))
    assert record["computed_change"] is None and record["not_computed"] == "too-large"
    assert "too large to show" in across_table(rows, Lang.EN).rows[1][5].text


def test_tables_draw_figures_of_any_magnitude() -> None:
    huge, tiny = "1" + "0" * 1_000_001, "0." + "0" * 1_000_001 + "1"
    rows = _two_years((tiny, "元"), (huge, "元"))
    bars = [row[3].bar for row in across_table(rows, Lang.EN).rows]
    assert all(bar is not None for bar in bars)
    drawn = [table.bar_text(bar).plain for bar in bars if bar is not None]
    assert drawn[0] != drawn[1]  # next to nothing, then a full bar


def test_a_large_change_keeps_every_digit() -> None:
    before, now = "1.0000000000000000000000000000001", "1000000000000000000000000000000.0000000000000000001"
    rows = _two_years((before, "亿元"), (now, "亿元"))
    assert rows[1].computed_change is not None
    expected = exact_percent(Fraction(now) - Fraction(before), Fraction(before))
    assert Fraction(rows[1].computed_change) == expected


def test_change_gap_keeps_every_digit() -> None:
    ds = dataset(("1", "亿元"), ("2", "亿元"))
    a, b = ds.indicators
    big, small = Decimal("1" + "0" * 40 + ".5"), Decimal("0." + "0" * 40 + "1")
    inds = (
        dataclasses.replace(a, change=big, change_unit=ChangeUnit.PERCENT),
        dataclasses.replace(b, change=small, change_unit=ChangeUnit.PERCENT),
    )
    ds = dataclasses.replace(ds, indicators=inds, labels=search_labels(inds))
    gap = query.compare([ds], ["a", "b"])[1].change_gap
    assert gap is not None and Fraction(gap) == Fraction(small) - Fraction(big)


# ── English amounts ───────────────────────────────────────────────────────────

_SCALES = {" bn": 9, " billion": 9, " million": 6}


def _read_english(text: str, unit: str) -> tuple[Fraction, int]:
    """The number an English amount says, and how many digits it shows after the point."""
    u = known(unit)
    assert u is not None
    body = text.removeprefix("CNY ").removesuffix(u.base_en)
    power = 0
    for word, p in _SCALES.items():
        if body.endswith(word):
            body, power = body.removesuffix(word), p
    number = body.replace(",", "")
    _, _, decimals = number.partition(".")
    return Fraction(number) * 10**power, len(decimals)


@settings(max_examples=examples(300, 1200))
@given(
    value=plain_decimals(signed=True), unit=st.sampled_from([*CONVERTIBLE, "万人", "户", "亿千瓦时", "千吨"])
)
def test_english_amounts_are_exact_and_keep_the_printed_digits(value: str, unit: str) -> None:
    u = known(unit)
    assert u is not None
    text = english_amount(Decimal(value), unit)
    said, decimals = _read_english(text, unit)
    assert said == Fraction(value) * 10**u.power
    printed = len(value.partition(".")[2])
    if printed:  # digits the report printed after its point are all shown, trailing zeros too
        scale = next((p for w, p in _SCALES.items() if w in text), 0)
        assert decimals == max(printed - u.power + scale, 0)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("2806.20", "亿元", "CNY 280.620 bn"),
        ("2806.2", "亿元", "CNY 280.62 bn"),
        ("1200", "亿元", "CNY 120 bn"),
        ("500", "万人", "5 million people"),
        ("24", "万户", "240,000 households"),
        ("2.50", "万元", "CNY 25,000"),
        ("0.50", "亿元", "CNY 50 million"),
        ("0.500", "亿元", "CNY 50.0 million"),
        ("1" + "0" * 40 + ".5", "亿元", "CNY 1" + ",000" * 13 + ".05 bn"),
    ],
)
def test_english_amounts(value: str, unit: str, expected: str) -> None:
    assert english_amount(Decimal(value), unit) == expected


# ── whole numbers in a report file ────────────────────────────────────────────

LONG = "1" * 5000


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("item: 1", f"item: {LONG}", "indicators[0].item"),
        ("item: 1", f"item: 1\n    rank: {LONG}\n    rank_scope: province", "indicators[0].rank"),
        ("item: 1", f"item: 1\n    also_at: [economy/{LONG}]", "indicators[0].also_at[0]"),
    ],
)
def test_whole_numbers_of_any_length_are_refused_plainly(old: str, new: str, field: str) -> None:
    with pytest.raises(DataError) as caught:
        parse(MINIMAL.replace(old, new), "bad.yaml")
    lines = caught.value.lines()
    assert any(re.match(rf"bad\.yaml:2[23]: {re.escape(field)}: ", line) for line in lines), lines


def test_a_long_whole_number_exits_with_a_data_problem(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.replace("item: 1", f"item: {LONG}"), encoding="utf-8")
    result = invoke("--data", str(path), "show", "gdp", "-f", "csv")
    assert result.code == 3, result
    assert "Traceback" not in result.err
    assert "long.yaml:22: indicators[0].item: " in result.err


def test_the_longest_whole_number_allowed_loads() -> None:
    ds = parse(MINIMAL.replace("item: 1", "item: 999999999999999"), "ok.yaml")
    assert ds.indicators[0].item == 999_999_999_999_999
