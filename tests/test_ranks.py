"""Ranks of every scope, named rankings, bands and shared ranks: from the file through validate, the
model, the machine columns, show, search and the SQLite export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Result
from zzreport.loading import load
from zzreport.model import Scope

RANKED = (
    MINIMAL
    + """\
  - id: retail
    name: 社会消费品零售总额
    name_en: Retail sales
    section: economy
    item: 2
    value: 8.6
    unit: 亿元
    rank: 3
    rank_scope: league
    rank_of: 增速
    rank_of_en: growth
  - id: potential
    name: 发展潜力
    name_en: Development potential
    section: economy
    item: 3
    rank: 17
    rank_scope: country
    rank_list: 全国百强县
    rank_list_en: China's top 100 counties
  - id: services
    name: 服务业
    name_en: Services
    section: economy
    item: 4
    rank_top: 10
    rank_scope: country
  - id: industry
    name: 规上工业增加值
    name_en: Industrial value added
    section: economy
    item: 5
    change: 9
    change_unit: "%"
    rank: 1
    rank_scope: city
    rank_with: [investment]
  - id: investment
    name: 固定资产投资
    name_en: Fixed-asset investment
    section: economy
    item: 5
    change: 12
    change_unit: "%"
    rank: 1
    rank_scope: city
    rank_with: [industry]
  - id: park
    kind: honour
    name: 知识产权示范园区
    name_en: IP demonstration park
    section: economy
    item: 6
    rank: 1
    rank_sole: true
    rank_scope: banner
"""
)


@pytest.fixture
def ranked(tmp_path: Path, where: Path) -> Path:
    path = tmp_path / "ranked.yaml"
    path.write_text(RANKED, encoding="utf-8")
    return path


def test_every_form_is_read_into_the_model(ranked: Path) -> None:
    ds = load(ranked, use_store=False)
    got = {
        str(i.id): (i.rank, i.rank_top, i.rank_scope, i.rank_list, i.rank_sole, i.rank_with)
        for i in ds.indicators
    }
    assert got["retail"] == (3, None, Scope.LEAGUE, None, False, ())
    assert got["potential"] == (17, None, Scope.COUNTRY, "全国百强县", False, ())
    assert got["services"] == (None, 10, Scope.COUNTRY, None, False, ())
    assert got["industry"] == (1, None, Scope.CITY, None, False, ("investment",))
    assert got["park"] == (1, None, Scope.BANNER, None, True, ())
    assert [s.level for s in (Scope.COUNTRY, Scope.REGION, Scope.LEAGUE, Scope.DISTRICT)] == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("record", "zh", "en"),
    [
        ("retail", "增速全盟第三", "3rd in the league (growth)"),
        ("potential", "全国百强县第十七", "17th among China's top 100 counties"),
        ("services", "全国前10", "in the top 10 in China"),
        ("industry", "全市第一（与investment同）", "1st in the city, with investment"),
        ("park", "全旗唯一", "the only one in the banner"),
    ],
)
def test_show_says_each_rank_in_both_languages(
    ranked: Path, cli: Callable[..., Result], record: str, zh: str, en: str
) -> None:
    for lang, expected in (("zh", zh), ("en", en)):
        result = cli("show", record, "--data", str(ranked), "--lang", lang, "-f", "markdown")
        assert result.code == 0, result.err
        assert expected in result.out, result.out


def test_machine_columns_carry_the_new_fields_last(ranked: Path, cli: Callable[..., Result]) -> None:
    result = cli("list", "--data", str(ranked), "-f", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.out))}
    header = result.out.splitlines()[0].split(",")
    assert header.index("rank_top") > header.index("rank_of_en") > header.index("rank_sole")
    assert (rows["potential"]["rank"], rows["potential"]["rank_list"]) == ("17", "全国百强县")
    assert (rows["services"]["rank"], rows["services"]["rank_top"]) == ("", "10")
    assert rows["industry"]["rank_with"] == "investment"
    assert rows["retail"]["rank_scope"] == "league"
    data = {r["id"]: r for r in json.loads(cli("list", "--data", str(ranked), "-f", "json").out)}
    assert data["services"]["rank_top"] == 10 and data["services"]["rank"] is None


@pytest.mark.parametrize(
    ("query", "record"), [("全盟第三", "retail"), ("全国百强县", "potential"), ("全旗唯一", "park")]
)
def test_search_finds_a_rank_by_its_words(
    ranked: Path, cli: Callable[..., Result], query: str, record: str
) -> None:
    result = cli("search", query, "--data", str(ranked), "-f", "csv")
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.out))]
    assert ids[:1] == [record], result.out


def test_the_export_holds_the_new_columns(ranked: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    import sqlite3

    db = tmp_path / "r.db"
    assert cli("export", str(db), "--data", str(ranked)).code == 0
    with sqlite3.connect(db) as con:
        row = con.execute(
            "select rank_top, rank_list, rank_with from indicators where id = 'services'"
        ).fetchone()
        other = con.execute("select rank_with from indicators where id = 'industry'").fetchone()
    assert row == (10, None, None) and other == ("investment",)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    rank: 1\n    rank_scope: city\n    rank_with: [gdp]\n", "is the record itself"),
        (
            "    rank: 1\n    rank_scope: city\n    rank_with: [nowhere]\n",
            "'nowhere' is no record of this file",
        ),
        ("    rank_top: 0\n    rank_scope: city\n", "rank_top"),
        ("    rank_list_en: Top 100\n    rank: 1\n    rank_scope: city\n", "rank_list_en needs rank_list"),
        ("    rank_of: 增速\n", "rank_of qualifies a rank"),
    ],
)
def test_validate_refuses_a_rank_that_does_not_hold(
    tmp_path: Path, where: Path, cli: Callable[..., Result], extra: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("    item: 1\n", "    item: 1\n" + extra, 1), encoding="utf-8")
    result = cli("validate", str(path))
    assert result.code == 3 and message in result.out, result.out


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ("[investment, investment]", "'investment' is named twice"),
        ("[gdp]", "'gdp' has no rank"),
        ("[retail]", "'retail' holds another rank"),
    ],
)
def test_a_shared_rank_is_the_same_on_each_record(
    tmp_path: Path, where: Path, cli: Callable[..., Result], records: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RANKED.replace("rank_with: [investment]", f"rank_with: {records}", 1), encoding="utf-8")
    result = cli("validate", str(path))
    assert result.code == 3 and message in result.out, result.out


def test_a_shared_rank_names_each_other(tmp_path: Path, where: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RANKED.replace("    rank_with: [industry]\n", "", 1), encoding="utf-8")
    result = cli("validate", str(path))
    assert result.code == 3 and "'investment' does not name 'industry' back" in result.out, result.out


def test_the_only_one_is_first(tmp_path: Path, where: Path, cli: Callable[..., Result]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        RANKED.replace("    rank: 1\n    rank_sole: true\n", "    rank_sole: true\n", 1), encoding="utf-8"
    )
    result = cli("validate", str(path))
    assert result.code == 3 and "rank_sole: the only one of its kind has rank: 1" in result.out, result.out


@pytest.mark.parametrize(
    ("query", "ids"),
    [("全市第一", ["industry", "investment"]), ("全盟第一", []), ("全国第三", []), ("全旗唯一", ["park"])],
)
def test_a_rank_in_words_is_found_as_written_or_not_at_all(
    ranked: Path, cli: Callable[..., Result], query: str, ids: list[str]
) -> None:
    """Never a near rank (全盟第三 for 全盟第一)."""
    for fast in (True, False):
        result = cli("search", query, "--data", str(ranked), "-f", "csv", fast=fast)
        assert [r["id"] for r in csv.DictReader(io.StringIO(result.out))] == ids, result.err
        assert result.code == (0 if ids else 1)


def test_a_scope_is_found_as_reports_print_it(
    tmp_path: Path, where: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(RANKED.replace("rank_scope: league", "rank_scope: region"), encoding="utf-8")
    for query in ("全区第三", "全自治区第三"):
        result = cli("search", query, "--data", str(path), "-f", "csv")
        assert [r["id"] for r in csv.DictReader(io.StringIO(result.out))] == ["retail"], (query, result.err)
