"""The loader: exact typing, refusal of unsafe YAML, and every problem reported with line and field."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL
from zzreport import loading
from zzreport.errors import DataError
from zzreport.loading import bundled_path, load, parse


def _problems(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        parse(text, "bad.yaml")
    return info.value.lines()


def _edit(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


def test_minimal_file_keeps_decimal_text() -> None:
    ds = parse(MINIMAL, "ok.yaml")
    (gdp,) = ds.indicators
    assert str(gdp.value) == "1.10"
    assert gdp.value == Decimal("1.10")
    assert str(gdp.change) == "-0.50"
    assert gdp.period == "2023"


def test_bundled_file_is_found_and_loads() -> None:
    assert bundled_path().is_file()
    assert load().report.id == "changzhi-2023"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("value: 1.10", "value: 012", "bad.yaml:23: indicators[0].value: '012' is not a plain decimal"),
        ("value: 1.10", "value: 1:30", "indicators[0].value: '1:30' is not a plain decimal"),
        ("value: 1.10", "value: .nan", "indicators[0].value: '.nan' is not a plain decimal"),
        ("value: 1.10", "value: 1e3", "indicators[0].value: '1e3' is not a plain decimal"),
        ("value: 1.10", "value: 1,806.2", "indicators[0].value: '1,806.2' is not a plain decimal"),
        ("value: 1.10", "value: on", "indicators[0].value: 'on' is not a plain decimal"),
        ("value: 1.10", "value: [1]", "indicators[0].value: must be a single value"),
        ("value: 1.10", "value: ''", "indicators[0].value: must not be empty"),
        ("item: 1", "item: 0", "indicators[0].item: '0' is not a whole number from 1 up"),
        ("id: gdp", "id: NO", "indicators[0].id: 'NO' is not a short lowercase ASCII id"),
        ("id: gdp", "id: 地区", "indicators[0].id: '地区' is not a short lowercase ASCII id"),
        ("delivered: 2024-01-15", "delivered: 2024-02-30", "report.delivered: '2024-02-30' is not a date"),
        ("delivered: 2024-01-15", "delivered: yes", "report.delivered: 'yes' is not a date"),
        ("year: 2023", "year: 23", "report.year: '23' is not a year"),
        ("unit: 亿元", "unit: 10亿元", "indicators[0].unit: '10亿元' is not a unit of 1 to 12 characters"),
        (
            'change_unit: "%"',
            "change_unit: percent",
            "indicators[0].change_unit: 'percent' is not one of '%', 'pp'",
        ),
        ("section: economy", "section: nowhere", "indicators[0].section: 'nowhere' is not a section id"),
        ("    unit: 亿元\n", "", "indicators[0].unit: value is given, so unit is required"),
        (
            '    change_unit: "%"\n',
            "",
            "indicators[0].change_unit: change is given, so change_unit is required",
        ),
        (
            "    name: 地区生产总值\n",
            "",
            "bad.yaml:17: indicators[0].name: required field is missing",
        ),
        ("format: 1", "format: 2", "format: unsupported format '2'"),
        (
            "  region: 样例市\n",
            "  region: 样例市\n  region: 别处\n",
            "report.region: duplicate key 'region' (first at line 4)",
        ),
        ("    item: 1\n", "    item: 1\n    colour: red\n", "indicators[0].colour: unknown field 'colour'"),
        (
            "    item: 1\n",
            "    item: 1\n    kind: honour\n",
            "indicators[0].value: an honour carries no number",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 2\n",
            "rank is given, so rank_scope or rank_list is required",
        ),
        ("    item: 1\n", "    item: 1\n    rank_top: 10\n", "rank_top is given, so rank_scope or rank_list"),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 2\n    rank_top: 10\n    rank_scope: country\n",
            "indicators[0].rank_top: give rank (a position) or rank_top (within the top N), not both",
        ),
        ("    item: 1\n", "    item: 1\n    rank_scope: city\n", "rank_scope qualifies a rank"),
        ("    item: 1\n", "    item: 1\n    rank_list: 全国百强县\n", "rank_list qualifies a rank"),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 1\n    rank_scope: town\n",
            "indicators[0].rank_scope: 'town' is not one of 'country', 'province', 'region', 'city'",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 1\n    rank_scope: city\n    rank_with: [nosuch]\n",
            "indicators[0].rank_with: 'nosuch' is no record of this file",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 1\n    rank_scope: city\n    rank_with: [Bad_Id]\n",
            "indicators[0].rank_with[0]: 'Bad_Id' is not a short lowercase ASCII id",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 1\n    rank_list: 工业百强\n    rank_list_en: Top 100\n    rank_top: 5\n",
            "indicators[0].rank_top: give rank",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank: 2\n    rank_scope: province\n    rank_sole: true\n",
            "has rank: 1",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    rank_sole: yes\n",
            "indicators[0].rank_sole: 'yes' is not true or false",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    period: 2023-2021\n",
            "indicators[0].period: '2023-2021' is not a year",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    also_at: [economy]\n",
            "indicators[0].also_at[0]: 'economy' is not section/item",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    comparisons: [{relation: above, benchmark: moon}]\n",
            "comparisons[0].benchmark: 'moon' is not one of",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    comparisons: [{relation: above, benchmark: history, gap: -1, gap_unit: pp}]\n",
            "gap is a distance",
        ),
        (
            "    item: 1\n",
            "    item: 1\n    comparisons: [{relation: above, benchmark: history, gap: 1}]\n",
            "gap and gap_unit go together",
        ),
        (
            "  - {id: economy, title: 经济, title_en: Economy}\n",
            "  - {id: economy, title: 经济, title_en: Economy}\n  - {id: economy, title: 又, title_en: Again}\n",
            "duplicate section id 'economy'",
        ),
    ],
)
def test_each_problem_names_line_and_field(old: str, new: str, expected: str) -> None:
    lines = _problems(_edit(old, new))
    assert any(expected in line for line in lines), lines
    assert all(line.startswith("bad.yaml:") for line in lines)


def test_duplicate_ids_and_aliases() -> None:
    record = MINIMAL[MINIMAL.index("  - id: gdp") :]
    text = MINIMAL + record.replace("Gross domestic product", "Other").replace("地区生产总值", "别的")
    lines = _problems(text)
    assert any("indicators[1].id: duplicate id 'gdp' (first at line 17)" in line for line in lines), lines
    other = record.replace("id: gdp", "id: gdp-again").replace("地区生产总值", "别的")
    lines = _problems(MINIMAL + other)
    assert any("indicators[1].name_en: 'Gross domestic product' already names 'gdp'" in x for x in lines), (
        lines
    )
    assert any("indicators[1].aliases[0]: 'GDP' already names 'gdp'" in line for line in lines), lines


def test_list_where_a_list_belongs() -> None:
    text = MINIMAL[: MINIMAL.index("indicators:")] + "indicators: none\n"
    assert any("indicators: must be a list" in line for line in _problems(text))


def test_all_problems_are_reported_at_once() -> None:
    text = (
        _edit("value: 1.10", "value: 1.1.0")
        .replace("unit: 亿元", "unit: 1吨")
        .replace("year: 2023", "year: x")
    )
    lines = _problems(text)
    assert len(lines) >= 3
    assert [line.split(":")[1] for line in lines] == sorted((line.split(":")[1] for line in lines), key=int)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "bad.yaml: is empty"),
        ("# only a comment\n", "bad.yaml: is empty"),
        ("- a\n- b\n", "the file must be a mapping"),
        ("just text", "the file must be a mapping"),
        ("a: [1, 2\n", "not valid YAML"),
        ("a: 1\n\tb: 2\n", "indent with spaces, not tabs"),
        (
            "a: !!python/object/apply:os.system ['echo hacked']\n",
            "YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed",
        ),
        ("a: !!int 5\n", "YAML tags such as 'tag:yaml.org,2002:int' are not allowed"),
        ("a: &x 1\nb: *x\n", "anchors and aliases"),
        ("---\na: 1\n---\nb: 2\n", "not valid YAML"),
    ],
)
def test_unusable_yaml(text: str, expected: str) -> None:
    lines = _problems(text)
    assert any(expected in line for line in lines), lines


def test_alias_bomb_is_refused_quickly() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    start = time.process_time()
    lines = _problems("\n".join(levels) + "\n")
    assert any("anchors and aliases" in line for line in lines)
    assert time.process_time() - start < 5  # a generous bound: expansion would take hours


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    assert str(load(path).indicators[0].value) == "1.10"


def test_gb18030_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode("gb18030"))
    with pytest.raises(DataError) as info:
        load(path)
    (line,) = info.value.lines()
    assert line.startswith(f"{path}:4: not UTF-8")
    assert "iconv -f GB18030 -t UTF-8" in line


def test_paths_that_are_not_files(tmp_path: Path) -> None:
    for path, expected in [
        (tmp_path / "missing.yaml", "no such file"),
        (tmp_path, "is a directory, not a report file"),
    ]:
        with pytest.raises(DataError) as info:
            load(path)
        assert info.value.lines() == [f"{path}: {expected}"]


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_BYTES", 1000)
    path = tmp_path / "huge.yaml"
    path.write_text(MINIMAL + "#" * 2000, encoding="utf-8")
    with pytest.raises(DataError, match="larger than"):
        load(path)


def test_slow_first_read_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zzreport import progress

    monkeypatch.setattr(progress, "AFTER", 0.0)
    monkeypatch.setenv("ZZREPORT_NO_CACHE", "1")
    # A read that lasts until the message is out (60 s at most), however fast the machine parses.
    said, line, parse = threading.Event(), progress._line, loading.parse

    def say(text: str) -> None:
        line(text)
        said.set()

    def parse_once_said(*args: Any, **kwargs: Any) -> Any:
        said.wait(60)
        return parse(*args, **kwargs)

    monkeypatch.setattr(progress, "_line", say)
    monkeypatch.setattr(loading, "parse", parse_once_said)
    path = tmp_path / "slow.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert len(load(path, first_read=progress.first_read).indicators) == 1
    assert "zzreport: reading" in capsys.readouterr().err


def test_quick_read_is_silent(capsys: pytest.CaptureFixture[str]) -> None:
    load()
    assert capsys.readouterr().err == ""


def test_labels_clash_as_look_ups_see_them() -> None:
    other = MINIMAL.replace("id: gdp", "id: grain-output").replace("aliases: [GDP]", "aliases: [粮食]")
    record = (
        MINIMAL[MINIMAL.index("  - id: gdp") :]
        .replace("地区生产总值", "总值")
        .replace("Gross domestic product", "Total")
    )
    text = other + record.replace("aliases: [GDP]", "aliases: [Grain_Output]")
    with pytest.raises(DataError) as info:
        parse(text, "clash.yaml")
    assert "indicators[1].aliases[0]: 'Grain_Output' already names 'grain-output'" in info.value.lines()[0]
    with pytest.raises(DataError, match="has no letter or digit"):
        parse(MINIMAL.replace("aliases: [GDP]", "aliases: ['()']"), "empty-label.yaml")
