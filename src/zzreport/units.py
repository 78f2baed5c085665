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
    """English of the base unit after a number (`` yuan``, `` households``); empty for counts."""


_BASES: dict[str, str] = {
    # money
    "元": " yuan",
    "美元": " US dollars",
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


def english_amount(value: Decimal, text: str) -> str:
    """A value in its unit as an English reader writes it: 2806.2 亿元 → ``CNY 280.62 bn``,
    2806.20 亿元 → ``CNY 280.620 bn``, 24 万户 → ``240,000 households``, 500 万人 → ``5 million
    people``, 36 微克/立方米 → ``36 μg/m³``. Exact: the digits are the report's, moved by powers of
    ten; every digit it printed after its point is shown, trailing zeros too, and only the zeros
    that stood for whole units go (500 万 is 5 million, not 5.00 million). A unit the table does
    not know is kept as written (``412 公斤/亩``)."""
    unit = known(text)
    if unit is None:
        return f"{_grouped(value)} {text}"
    if unit.base in _SPECIAL or unit.base is None:
        return f"{_grouped(value)}{unit.en}"
    exponent = value.as_tuple().exponent  # digits after the point, negated, when below 0
    printed = value if isinstance(exponent, int) and exponent < 0 else EXACT.normalize(value)
    amount = shifted(printed, unit.power)
    currency = _CURRENCY.get(unit.base)
    size = amount.copy_abs()
    if size >= 10**9:
        number = f"{_grouped(shifted(amount, -9))} {'bn' if currency else 'billion'}"
    elif size >= 10**6:
        number = f"{_grouped(shifted(amount, -6))} million"
    else:
        number = _grouped(amount)
    return f"{currency} {number}" if currency else f"{number}{unit.base_en}"


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
