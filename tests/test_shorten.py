"""Shortening text to a column: at word boundaries, by display width, with an ellipsis."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from zzreport.render.table import SAFE_ELLIPSIS, cut, shorten


def test_text_that_fits_is_whole() -> None:
    assert shorten("地区生产总值", 12) == "地区生产总值"
    assert cut("Gross regional product", 22) is None


def test_english_is_cut_at_a_space() -> None:
    assert shorten("Gross regional product", 20) == "Gross regional…"
    assert shorten("New tax cuts, refunds, fee cuts", 16) == "New tax cuts…"  # the comma left off


def test_chinese_is_cut_between_characters_by_display_width() -> None:
    assert shorten("新增减税退税、降费缓费", 10) == "新增减税…"  # 4 characters (8 cells) and the ellipsis
    assert shorten("新增减税退税、降费缓费", 9) == "新增减税…"
    assert shorten("PM2.5浓度下降", 9) == "PM2.5浓…"  # never inside PM2.5


def test_a_single_word_wider_than_the_column_is_cut_inside() -> None:
    assert shorten("Supercalifragilistic", 8) == "Superca…"


def test_the_plain_ellipsis_for_legacy_consoles() -> None:
    assert shorten("Gross regional product", 18, SAFE_ELLIPSIS) == "Gross regional..."


@pytest.mark.parametrize("width", range(2, 30))
@pytest.mark.parametrize(
    "text", ["Gross regional product", "签约引进项目总投资", "PM2.5 concentration 浓度", "a, b; c"]
)
def test_shortened_text_fits_and_is_a_start_of_the_text(text: str, width: int) -> None:
    short = shorten(text, width)
    assert cell_len(short) <= width
    assert short == text or (short.endswith("…") and text.startswith(short[:-1]))
