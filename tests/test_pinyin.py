"""Pinyin matching, and the shipped reading table kept in step with pypinyin."""

from __future__ import annotations

import importlib.util
import sys
from importlib.resources import files

import pytest

from conftest import ROOT
from zzreport import pinyin


@pytest.mark.parametrize(
    ("query", "name", "span", "full"),
    [
        ("meitan", "煤炭先进产能占比", (0, 2), True),
        ("mt", "煤炭先进产能占比", (0, 2), False),
        ("meit", "煤炭", (0, 2), False),
        ("changzhi", "关注长治的国内外人数", (2, 4), True),  # 长 read chang here, not zhang
        ("dqsczz", "地区生产总值", (0, 6), False),
        ("pm", "PM2.5浓度", (0, 2), True),
    ],
)
def test_find(query: str, name: str, span: tuple[int, int], full: bool) -> None:
    assert pinyin.find(query, name) == pinyin.Match(span, full)


@pytest.mark.parametrize(("query", "name"), [("gdp", "地区生产总值"), ("xyz", "煤炭"), ("meitanx", "煤炭")])
def test_no_match(query: str, name: str) -> None:
    assert pinyin.find(query, name) is None


def test_long_queries_stay_fast() -> None:
    assert pinyin.find("a" * 200, "啊" * 100) is None  # memoised: this would never end otherwise


@pytest.mark.skipif(importlib.util.find_spec("pypinyin") is None, reason="pypinyin is not installed")
def test_shipped_table_matches_pypinyin() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_pinyin  # type: ignore[import-not-found]  # a script, found through sys.path
    finally:
        sys.path.pop(0)
    shipped = (files("zzreport") / "pinyin.txt").read_text(encoding="utf-8")
    assert shipped == gen_pinyin.table(), "run: python scripts/gen_pinyin.py"


def test_shipped_simplified_table_matches_opencc() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_simplified  # type: ignore[import-not-found]  # a script, found through sys.path
    finally:
        sys.path.pop(0)
    assert (ROOT / "src" / "zzreport" / "simplified.py").read_text(encoding="utf-8") == gen_simplified.text()
