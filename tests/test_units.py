"""Units are an open vocabulary; the table knows display, English and scale of the common ones."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from test_tty import in_pty
from zzreport import units

FIXTURES = Path(__file__).parent / "fixtures"
CHINESE_ONLY = FIXTURES / "sample-county-2022.yaml"


@pytest.mark.parametrize(
    ("text", "base", "power", "zh", "en"),
    [
        ("亿元", "元", 8, "亿元", " × 100 million CNY"),
        ("万元", "元", 4, "万元", " × 10,000 CNY"),
        ("元", "元", 0, "元", " CNY"),
        ("亿美元", "美元", 8, "亿美元", " × 100 million USD"),
        ("万千瓦", "千瓦", 4, "万千瓦", " × 10,000 kW"),
        ("千瓦", "千瓦", 0, "千瓦", " kW"),  # a unit of its own, not 千 × 瓦
        ("亿千瓦时", "千瓦时", 8, "亿千瓦时", " × 100 million kWh"),
        ("万人次", "人次", 4, "万人次", " × 10,000 person-times"),
        ("万人", "人", 4, "万人", " × 10,000 people"),
        ("户", "户", 0, "户", " households"),
        ("万户", "户", 4, "万户", " × 10,000 households"),
        ("万辆", "辆", 4, "万辆", " × 10,000 vehicles"),
        ("宗", "宗", 0, "宗", ""),  # a measure word: the name says what is counted
        ("万个", "个", 4, "万个", " × 10,000"),
        ("万亩", "亩", 4, "万亩", " × 10,000 mu"),
        ("万平方米", "平方米", 4, "万平方米", " × 10,000 m²"),
        ("亿立方米", "立方米", 8, "亿立方米", " × 100 million m³"),
        ("万吨标准煤", "吨标准煤", 4, "万吨标准煤", " × 10,000 t of standard coal"),
        ("微克/立方米", "微克/立方米", 0, "μg/m³", " μg/m³"),
        ("%", "%", 0, "%", "%"),
    ],
)
def test_the_table_knows_common_units(text: str, base: str, power: int, zh: str, en: str) -> None:
    unit = units.known(text)
    assert unit is not None
    assert (unit.base, unit.power, unit.zh, unit.en) == (base, power, zh, en)


@pytest.mark.parametrize("text", ["亿圆", "公斤/亩", "万万元", "元亿", "担"])
def test_units_the_table_does_not_know_are_shown_as_written(text: str) -> None:
    assert units.known(text) is None
    assert units.is_unit(text)
    shown = units.shown(text)
    assert (shown.zh, shown.en, shown.base) == (text, f" {text}", None)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("户", True), ("亿千瓦时", True), ("m²", True), ("", False), ("10亿元", False), ("亿 元", False),
     ("１万元", False), ("亿元\x07", False), ("元\u202e", False), ("一二三四五六七八九十一二三", False)],
)  # fmt: skip
def test_what_looks_like_a_unit(text: str, ok: bool) -> None:
    assert units.is_unit(text) is ok


def test_a_report_with_new_units_and_no_english_loads_and_displays(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [zzreport_exe, "--data", str(CHINESE_ONLY), *args], env=clean_env, capture_output=True, text=True,
            check=False,
        )  # fmt: skip

    listed = run("list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["unit"], r["name_en"]) for r in rows][:7] == [
        ("户", ""), ("万辆", ""), ("宗", ""), ("万人次", ""), ("亿美元", ""), ("万千瓦", ""), ("亿千瓦时", ""),
    ]  # fmt: skip
    code, screen, err = in_pty(
        zzreport_exe, clean_env, "--data", str(CHINESE_ONLY), "list", "--lang", "en", columns=120
    )
    assert code == 0, err
    assert "发电量" in screen and "3.17 billion kWh" in screen  # the Chinese name stands in
    assert "3,125 households" in screen and "412 公斤/亩" in screen  # unknown unit: as written
    code, screen, err = in_pty(
        zzreport_exe, clean_env, "--data", str(CHINESE_ONLY), "show", "发电量", "--lang", "en", columns=100
    )
    assert code == 0, err
    assert "民生保障" not in screen and "经济运行, item 7" in screen
    checked = subprocess.run(
        [zzreport_exe, "validate", str(CHINESE_ONLY)],
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0
    assert "indicators[8].unit: warning: unit '公斤/亩' is not in the unit table" in checked.stdout
    assert "1 warning" in checked.stderr


# ── metric equivalents and what a count counts ────────────────────────────────


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        ("25.04", "亿斤", " (1.252 million t)"),
        ("28.95", "万亩", " (19,300 ha)"),
        ("4.35", "万亩", " (2,900 ha)"),
        ("45", "万亩", " (30,000 ha)"),
        ("13", "万亩", " (≈ 8,700 ha)"),
        ("140", "万亩", " (≈ 93,300 ha)"),
        ("15", "亩", " (1 ha)"),
        ("1", "斤", " (0.5 kg)"),
        ("1", "亩", " (≈ 700 m²)"),
        ("2000", "斤", " (1 t)"),
        ("1999", "斤", " (999.5 kg)"),
        ("-3", "斤", " (≈ -2 kg)"),
        ("0", "亩", " (0 m²)"),
        ("2806.2", "亿元", ""),
        ("5", "吨", ""),
        ("412", "公斤/亩", ""),
    ],
)
def test_metric_equivalents_are_exact_or_marked(value: str, text: str, expected: str) -> None:
    assert units.metric(Decimal(value), text) == expected


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["斤", "万斤", "亿斤", "亩", "万亩"]),
)
@settings(max_examples=examples(200, 2000))
def test_an_equivalent_is_exact_unless_marked_and_then_rounded_to_the_printed_digits(
    value: Decimal, text: str
) -> None:
    shown = units.metric(value, text)
    number, _, unit_en = shown.strip(" ()").removeprefix("≈ ").rpartition(" ")
    digits, _, scale = number.partition(" ")
    result = Fraction(
        units.shifted(Decimal(digits.replace(",", "")), {"million": 6, "billion": 9}.get(scale, 0))
    )
    per = {"t": Fraction(1, 2000), "kg": Fraction(1, 2), "ha": Fraction(1, 15), "m²": Fraction(2000, 3)}[
        unit_en
    ]
    unit = units.known(text)
    assert unit is not None
    exact = Fraction(value) * 10**unit.power * per
    assert abs(exact) >= 1 or unit_en in ("kg", "m²")  # the largest unit that makes it at least 1
    if "≈" not in shown:
        assert result == exact
        return
    assert result != exact
    magnitude = (Decimal(exact.numerator) / Decimal(exact.denominator)).adjusted()
    printed = len(value.as_tuple().digits)
    assert abs(result - exact) <= Fraction(10) ** (magnitude - printed + 1) / 2


@pytest.mark.parametrize(
    ("value", "text", "counts", "expected"),
    [
        ("24", "万户", "business entities", "240,000 business entities"),
        ("24", "万户", None, "240,000 households"),
        ("1920", "个", "projects", "1,920 projects"),
        ("1920", "个", None, "1,920"),
        ("2.95", "万户", None, "29,500 households"),
        ("2806.2", "亿元", "business entities", "CNY 280.62 bn"),  # money is no count
    ],
)
def test_a_record_says_what_its_count_counts(
    value: str, text: str, counts: str | None, expected: str
) -> None:
    assert units.english_amount(Decimal(value), text, counts) == expected


@pytest.mark.parametrize(
    ("text", "counts", "expected"),
    [
        ("万户", "business entities", " × 10,000 business entities"),
        ("户", "enterprises", " enterprises"),
        ("万户", None, " × 10,000 households"),
        ("个", "projects", " projects"),
        ("亿元", "firms", " × 100 million CNY"),
        ("公斤/亩", "firms", " 公斤/亩"),
    ],
)
def test_the_english_unit_says_what_a_count_counts(text: str, counts: str | None, expected: str) -> None:
    assert units.english_unit(text, counts) == expected


@pytest.mark.parametrize(
    ("text", "ok"),
    [("户", True), ("万户", True), ("万人", True), ("个", True), ("家", True), ("亿元", False), ("亩", False),
     ("%", False), ("公斤/亩", False), ("亿斤", False)],
)  # fmt: skip
def test_which_units_count_things(text: str, ok: bool) -> None:
    assert units.counts(text) is ok
