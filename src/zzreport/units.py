"""Units: an open vocabulary, with a table of the ones Chinese reports commonly print.

A report file may use any unit text a report prints (户, 万辆, 宗, 亿千瓦时 …), so long as it looks like
a unit (``UNIT_PATTERN``). The table below only adds what the text alone does not say: how a unit is
shown (微克/立方米 as μg/m³), its English, and its scale (亿元 = 10⁸ 元), which is what lets two
levels in 亿元 and 万元 be compared. A unit the table does not know is shown as written and never
converted; ``validate`` warns about it, to catch a typo such as 亿圆. Builtins only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from functools import cache

UNIT_PATTERN = r"[^0-9０-９\s\x00-\x1f\x7f-\x9f]{1,12}"
"""What a unit looks like: 1 to 12 characters, none a digit, a space or a control character."""


EXACT = Context(
    prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow]
)
"""A context that never rounds: the arithmetic of figures (adding, subtracting, moving the point,
dropping trailing zeros) is done in it, so every digit is kept at any size; an operation that would
have to round raises ``decimal.Inexact`` instead of giving a wrong answer. The default context keeps
28 digits and silently rounds the rest."""


def shifted(value: Decimal, places: int) -> Decimal:
    """``value`` × 10^``places``, exactly: the digits stay, the point moves (2806.20 by -1: 280.620)."""
    return EXACT.scaleb(value, places)


@dataclass(frozen=True, slots=True)
class Unit:
    """How one unit is shown, and what it measures in."""

    zh: str
    """Shown after the number in Chinese output (the report's own form, or its usual symbol)."""
    en: str
    """Shown after the number in English output; empty for a bare count."""
    base: str | None = None
    """The unit it is a multiple of (元 for 亿元); None when unknown, and then never converted."""
    power: int = 0
    """The power of ten it is of ``base`` (8 for 亿元)."""
    base_en: str = ""
    """English of the base unit after a number (`` CNY``, `` households``); empty for counts."""


_BASES: dict[str, str] = {
    # money
    "元": " CNY",
    "美元": " USD",
    # mass, energy, power
    "吨": " t",
    "斤": " jin",
    "公斤": " kg",
    "千克": " kg",
    "瓦": " W",
    "千瓦": " kW",
    "千瓦时": " kWh",
    "标准煤": " t of standard coal",
    "吨标准煤": " t of standard coal",
    # people and households
    "人": " people",
    "人次": " person-times",
    "户": " households",
    # area, length, volume
    "亩": " mu",
    "公顷": " ha",
    "平方米": " m²",
    "平方公里": " km²",
    "米": " m",
    "公里": " km",
    "千米": " km",
    "立方米": " m³",
    "标箱": " TEU",
    # time
    "天": " days",
    "小时": " hours",
    "分钟": " minutes",
    "个月": " months",
    "年": " years",
    # vehicles and other things counted with their own word
    "辆": " vehicles",
    "床": " beds",
    "张": "",
}
"""Base units with their English (after a number); the measure words below have none."""

_COUNTS = "个家项名所场处条件座栋套台宗例次批款部只头棵株篇份门位支间种类块艘架"
"""Measure words of counts: the English name already says what is counted."""

_COUNTED = frozenset({"人", "人次", "户", "辆", "床", "张", *_COUNTS})
"""Base units that count things, whose English word a record may replace (``counts_en``): 户 counts
households in one record and business entities in another."""

_METRIC: dict[str, tuple[tuple[str, int, int], ...]] = {
    "斤": ((" t", 1, 2000), (" kg", 1, 2)),
    "亩": ((" ha", 1, 15), (" m²", 2000, 3)),
}
"""Chinese units English readers need in metric, with the metric units to show them in, largest
first, each as the fraction of it one base unit is: 1 斤 = 1/2 kg = 1/2000 t; 1 亩 = 10000/15 m²
= 2000/3 m² = 1/15 ha. An equivalent is shown in the largest unit that makes it at least 1."""

_PREFIXES: dict[str, int] = {
    "十": 1,
    "百": 2,
    "千": 3,
    "万": 4,
    "十万": 5,
    "百万": 6,
    "千万": 7,
    "亿": 8,
    "万亿": 12,
}
"""Multipliers a unit may start with, as powers of ten (万元, 亿千瓦时, 万人次)."""

_POWER_EN = {
    1: "10",
    2: "100",
    3: "1,000",
    4: "10,000",
    5: "100,000",
    6: "1 million",
    7: "10 million",
    8: "100 million",
    12: "1 trillion",
}

_SPECIAL: dict[str, Unit] = {
    "%": Unit("%", "%", "%"),
    "‰": Unit("‰", "‰", "‰"),
    "微克/立方米": Unit("μg/m³", " μg/m³", "微克/立方米"),
    "毫克/立方米": Unit("mg/m³", " mg/m³", "毫克/立方米"),
}


@cache
def known(text: str) -> Unit | None:
    """The unit as the table knows it, or None (an open vocabulary: that is no error)."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    found = _base(text)
    if found is not None:
        return Unit(text, found, text, 0, found)
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        rest = text[len(prefix) :]
        if text.startswith(prefix) and rest and (en := _base(rest)) is not None:
            power = _PREFIXES[prefix]
            return Unit(text, f" × {_POWER_EN[power]}{en}", rest, power, en)
    return None


_CURRENCY = {"元": "CNY", "美元": "USD"}


def english_amount(value: Decimal, text: str, counts_en: str | None = None) -> str:
    """A value in its unit as an English reader writes it: 2806.2 亿元 → ``CNY 280.62 bn``,
    2806.20 亿元 → ``CNY 280.620 bn``, 24 万户 → ``240,000 households`` (with ``counts_en``
    ``business entities``: ``240,000 business entities``), 500 万人 → ``5 million people``,
    36 微克/立方米 → ``36 μg/m³``; a Chinese unit with its metric equivalent beside it (see
    ``metric``): 25.04 亿斤 → ``2.504 billion jin (1.252 million t)``. Exact: the digits are the
    report's, moved by powers of ten; every digit it printed after its point is shown, trailing
    zeros too, and only the zeros that stood for whole units go (500 万 is 5 million, not 5.00
    million). A unit the table does not know is kept as written (``412 公斤/亩``)."""
    unit = known(text)
    if unit is None:
        return f"{_grouped(value)} {text}"
    if unit.base in _SPECIAL or unit.base is None:
        return f"{_grouped(value)}{unit.en}"
    exponent = value.as_tuple().exponent  # digits after the point, negated, when below 0
    printed = value if isinstance(exponent, int) and exponent < 0 else EXACT.normalize(value)
    amount = shifted(printed, unit.power)
    currency = _CURRENCY.get(unit.base)
    if currency:
        return f"{currency} {_large(amount, 'bn')}"
    word = f" {counts_en}" if counts_en and unit.base in _COUNTED else unit.base_en
    return f"{_large(amount)}{word}{metric(value, text)}"


def english_unit(text: str, counts_en: str | None = None) -> str:
    """The unit after a number in English, as the table knows it, with what a count counts put in
    (万户 with ``business entities``: `` × 10,000 business entities``); a unit the table does not
    know is kept as written."""
    unit = shown(text)
    if counts_en and unit.base in _COUNTED:
        power = f" × {_POWER_EN[unit.power]}" if unit.power else ""
        return f"{power} {counts_en}"
    return unit.en


def counts(text: str) -> bool:
    """Whether a unit counts things (户, 万人, 个), so that a record may say what it counts."""
    unit = known(text)
    return unit is not None and unit.base in _COUNTED


def metric(value: Decimal, text: str) -> str:
    """The metric equivalent of a value in a Chinese unit, in brackets after a space, or empty:
    25.04 亿斤 → `` (1.252 million t)``, 28.95 万亩 → `` (19,300 ha)``, 13 万亩 → `` (≈ 8,700 ha)``.
    Given to as many significant digits as the report printed; ``≈`` says that it was rounded to
    them, and its absence that it is exact."""
    unit = known(text)
    if unit is None or unit.base not in _METRIC:
        return ""
    base_amount = shifted(value, unit.power)
    candidates = _METRIC[unit.base]
    en, numerator, denominator = candidates[-1]
    for candidate in candidates:
        if EXACT.multiply(base_amount.copy_abs(), candidate[1]) >= candidate[2]:
            en, numerator, denominator = candidate
            break
    digits = max(len(value.as_tuple().digits), 1)
    context = Context(prec=digits, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
    result = context.divide(EXACT.multiply(base_amount, numerator), denominator)
    about = "≈ " if context.flags[Inexact] else ""
    return f" ({about}{_large(EXACT.normalize(result))}{en})"


def _large(amount: Decimal, billion: str = "billion") -> str:
    """An amount as English writes it: 240,000; 5 million; 2.504 billion (``bn`` for money)."""
    size = amount.copy_abs()
    if size >= 10**9:
        return f"{_grouped(shifted(amount, -9))} {billion}"
    if size >= 10**6:
        return f"{_grouped(shifted(amount, -6))} million"
    return _grouped(amount)


def _grouped(d: Decimal) -> str:
    """Thousands apart by commas, every digit kept, no exponent: 240,000; 280.62; 0.5."""
    return format(d, ",f")


def _base(text: str) -> str | None:
    if text in _BASES:
        return _BASES[text]
    return "" if len(text) == 1 and text in _COUNTS else None


def shown(text: str) -> Unit:
    """How a unit is shown: as the table knows it, else as written (in English too)."""
    return known(text) or Unit(text, f" {text}")


def is_unit(text: str) -> bool:
    """Whether text looks like a unit (see ``UNIT_PATTERN``)."""
    return (
        0 < len(text) <= 12 and not any(ch.isdecimal() or ch.isspace() for ch in text) and text.isprintable()
    )


def examples() -> list[str]:
    """Units the table knows, for documentation and the schema's examples."""
    prefixed = [
        f"{p}{b}" for p in ("万", "亿") for b in ("元", "美元", "吨", "千瓦", "千瓦时", "人", "人次", "户")
    ]
    return [*_SPECIAL, *_BASES, *prefixed, *_COUNTS]
