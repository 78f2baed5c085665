"""The units a report file may use, with how each is shown in Chinese and English.

A closed list on purpose: a typo such as 亿圆 must be caught when loading, not printed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """How one unit is shown."""

    zh: str
    """Shown after the number in Chinese output (the report's own form, or its usual symbol)."""
    en: str
    """Shown after the number in English output; empty for a bare count."""


# keys are the unit as the report writes it. Measure words for counts (个, 家, 项, …) have no
# English unit: the English name already says what is counted.
UNITS: dict[str, Unit] = {
    "亿元": Unit("亿元", " × 100 million yuan"),
    "万元": Unit("万元", " × 10,000 yuan"),
    "元": Unit("元", " yuan"),
    "%": Unit("%", "%"),
    "亿吨": Unit("亿吨", " × 100 million t"),
    "万吨": Unit("万吨", " × 10,000 t"),
    "亿斤": Unit("亿斤", " × 100 million jin"),
    "万亩": Unit("万亩", " × 10,000 mu"),
    "万平方米": Unit("万平方米", " × 10,000 m²"),
    "公里": Unit("公里", " km"),
    "微克/立方米": Unit("μg/m³", " μg/m³"),
    "万户": Unit("万户", " × 10,000"),
    "万人": Unit("万人", " × 10,000 people"),
    "天": Unit("天", " days"),
    "年": Unit("年", " years"),
    "个": Unit("个", ""),
    "家": Unit("家", ""),
    "项": Unit("项", ""),
    "名": Unit("名", ""),
    "所": Unit("所", ""),
    "场": Unit("场", ""),
    "处": Unit("处", ""),
    "条": Unit("条", ""),
    "件": Unit("件", ""),
}
