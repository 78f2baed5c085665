"""``zzreport draft`` and ``zzreport coverage``, through the installed command, on the bundled report's
source text and on a synthetic report written for these tests."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SOURCE, Result, examples
from zzreport import drafting
from zzreport.loading import load, load_all

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic-report.txt"
FILLED = {'region: ""': "region: 样例县", 'province: ""': "province: 山西省", 'title: ""': "title: 样例",
          'delivered: ""': "delivered: 2023-01-15"}  # fmt: skip


def run(exe: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, check=False)


def filled(draft: str) -> str:
    """The draft with its metadata filled in, as a user would."""
    for blank, value in FILLED.items():
        draft = re.sub(re.escape(blank) + ".*", value, draft, count=1)
    return draft


def source_text() -> str:
    if not SOURCE.exists():
        pytest.skip(f"source text not found at {SOURCE}")
    return SOURCE.read_text(encoding="utf-8")


@pytest.mark.parametrize("which", ["synthetic", "bundled source"])
def test_the_draft_never_invents_a_number(which: str) -> None:
    text = SYNTHETIC.read_text(encoding="utf-8") if which == "synthetic" else source_text()
    draft = drafting.draft(text, source="t.txt")
    records = re.split(r"\n  # line \d+: ", draft)[1:]
    assert records
    for record in records:
        written = re.search(r'written: "(.*)"', record)
        for key in ("value", "change"):
            m = re.search(rf"^    {key}: (\S+)", record, re.M)
            if m and not written:
                assert m.group(1).lstrip("-") in text, record


def test_a_draft_validates_once_its_metadata_is_filled(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "draft.yaml"
    made = run(zzreport_exe, clean_env, "draft", str(SYNTHETIC), "-o", str(out))
    assert made.returncode == 0, made.stderr
    assert "wrote" in made.stderr
    unfilled = run(zzreport_exe, clean_env, "validate", str(out))
    assert unfilled.returncode == 3
    assert {line.split(": ")[1] for line in unfilled.stdout.splitlines()} == {
        "report.province", "report.delivered"
    }  # fmt: skip
    out.write_text(filled(out.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run(zzreport_exe, clean_env, "validate", str(out))
    assert checked.returncode == 0, checked.stdout
    again = run(zzreport_exe, clean_env, "draft", str(SYNTHETIC), "-o", str(out))
    assert again.returncode == 2 and "exists" in again.stderr  # never over a file


def test_the_synthetic_report_is_drafted_as_a_person_would(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(filled(drafting.draft(SYNTHETIC.read_text(encoding="utf-8"), source="s.txt")), "utf-8")
    (ds,) = load_all([path])
    assert ds.report.year == 2022  # the year the text names most often
    got = {(i.name, str(i.value) if i.value is not None else None, i.unit, i.qualifier,
            str(i.change) if i.change is not None else None, i.change_unit) for i in ds.indicators}  # fmt: skip
    assert {
        ("地区生产总值", "186.4", "亿元", None, "4.2", "%"),
        ("一般公共预算收入", "9.87", "亿元", None, "-2.3", "%"),
        ("规模以上工业增加值", None, None, None, "7.5", "%"),
        ("社会消费品零售总额", "62.5", "亿元", None, None, None),
        ("重点项目", "86", "个", None, None, None),
        ("新增城镇就业", "5200", "人", None, None, None),
        ("财政支出", "80", "%", "以上", None, None),
        ("PM2.5平均浓度", "38", "微克/立方米", None, None, None),
        ("空气质量优良天数", "288", "天", None, None, None),
    } <= got
    by_name = {i.name: i for i in ds.indicators}
    assert by_name["社会消费品零售总额"].rank == 5
    assert str(by_name["规模以上工业增加值"].comparisons[0].gap) == "1.6"
    assert by_name["规模以上工业增加值"].comparisons[0].benchmark.value == "city-average"
    assert by_name["新建农村公路"].period == "2021-2022"
    assert by_name["财政支出"].written == "八成以上"
    assert any(i.kind.value == "honour" and "电子商务进农村综合示范县" in i.name for i in ds.indicators)
    assert {s.title for s in ds.sections} >= {"（一）经济运行", "（二）项目建设", "（三）民生保障"}
    assert by_name["地区生产总值"].section != by_name["新增城镇就业"].section


def test_coverage_of_the_bundled_file_against_its_source(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    source_text()
    done = run(zzreport_exe, clean_env, "coverage", str(ROOT / "data" / "indicators.yaml"), str(SOURCE))
    assert done.returncode == 0, done.stdout
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["status"] for r in rows} == {"recorded", "not-a-figure"}
    assert {(r["number"], r["kind"]) for r in rows if r["status"] == "not-a-figure"} == {
        ("2023", "year"), ("3", "name"), ("2.5", "name"), ("十四五", "plan")
    }  # fmt: skip
    words = {r["number"] for r in rows if r["status"] == "recorded" and not r["number"][0].isdigit()}
    assert words == {"七成以上", "半天", "连续两年", "连续三年"}  # recorded by their written form
    assert "0 not recorded" in done.stderr


def test_coverage_names_what_a_file_leaves_out(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "d.yaml"
    made = filled(drafting.draft(SYNTHETIC.read_text(encoding="utf-8"), source="s.txt"))
    path.write_text(made.replace("value: 288\n", "value: 287\n"), encoding="utf-8")
    done = run(zzreport_exe, clean_env, "coverage", str(path), str(SYNTHETIC), "-f", "json")
    assert done.returncode == 1
    missing = [r for r in __import__("json").loads(done.stdout) if r["status"] == "not-recorded"]
    assert [(r["number"], r["line"]) for r in missing] == [("288", 20)]
    assert "优良天数达到288天" in missing[0]["context"]
    kinds = {r["kind"] for r in __import__("json").loads(done.stdout)}
    assert {"phone", "date", "year", "name"} <= kinds


def test_draft_to_standard_output_and_refusals(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = run(zzreport_exe, clean_env, "draft", str(SYNTHETIC))
    assert out.returncode == 0 and out.stdout.startswith("# Draft report file")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("地区生产总值完成100亿元。".encode("gb18030"))
    bad = run(zzreport_exe, clean_env, "draft", str(gbk))
    assert bad.returncode == 3 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    missing = run(zzreport_exe, clean_env, "draft", str(tmp_path / "none.txt"))
    assert missing.returncode == 3 and "Traceback" not in missing.stderr


def test_the_recovery_script_meets_the_quality_bar() -> None:
    source_text()
    script = ROOT / "benchmarks" / "draft_recovery.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout


@settings(max_examples=examples(150, 500), deadline=None)
@given(
    st.lists(
        st.text(
            alphabet="增长下降提高个百分点亿万元人户家全省第二唯一高于平均水平、，。的以上余超近7成半天连续三年"
            "入选获评一二（）- \t0123456789.%A“”#:{}[]\\'\"\x07\u2028\x85\u202e",
            max_size=40,
        ),
        max_size=12,
    )
)
def test_any_text_drafts_a_file_that_validates(lines: list[str]) -> None:
    """Whatever the text, the draft is a report file that loads once its metadata is filled."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.yaml"
        path.write_text(filled(drafting.draft("\n".join(lines), source="t.txt", year=2023)), encoding="utf-8")
        load_all([path])


COVERED = """\
format: 1
report: {id: x-2023, region: 样例县, province: 山西省, year: 2023, title: 样例, delivered: 2024-01-05, source: t}
sections:
  - {id: s1, title: 回顾}
indicators:
  - {id: gdp, name: 地区生产总值, section: s1, item: 1, value: 100, unit: 亿元, change: 5.6, change_unit: "%"}
"""
COVERED_TEXT = "地区生产总值100亿元，增长5.6%；固定资产投资增长5.6%。接待游客75万人次。\n"


def test_coverage_matches_a_rate_to_the_record_that_holds_it(tmp_path: Path, where: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(COVERED, encoding="utf-8")
    rows = drafting.coverage(load(path), COVERED_TEXT)
    got = [(c.number, c.status, c.context) for c in rows if c.kind == "figure"]
    assert got[:3] == [
        ("100", "recorded", "地区生产总值100亿元"),
        ("5.6", "recorded", "增长5.6%"),
        ("5.6", "not-recorded", "固定资产投资增长5.6%"),  # GDP's 5.6% is not investment's
    ]


def test_coverage_reads_a_folder_and_takes_omissions(
    tmp_path: Path, where: Path, cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.yaml").write_text(COVERED, encoding="utf-8")
    other = (
        COVERED.replace("x-2023", "y-2023")
        .replace("样例县", "别县")
        .replace(
            '{id: gdp, name: 地区生产总值, section: s1, item: 1, value: 100, unit: 亿元, change: 5.6, change_unit: "%"}',
            '{id: fai, name: 固定资产投资, section: s1, item: 1, change: 5.6, change_unit: "%"}',
        )
    )
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text(COVERED_TEXT, encoding="utf-8")
    missed = cli("coverage", str(folder), str(text), "-f", "csv")
    statuses = {(r["number"], r["context"]): r["status"] for r in csv.DictReader(io.StringIO(missed.out))}
    assert statuses[("5.6", "固定资产投资增长5.6%")] == "recorded"  # by the other file of the folder
    assert (missed.code, statuses[("75", "接待游客75万人次")]) == (1, "not-recorded")
    (folder / "b.yaml").write_text(
        other + 'omitted:\n  - {number: "75", why: a guess of the text}\n', encoding="utf-8"
    )
    decided = cli("coverage", str(folder), str(text), "-f", "csv")
    statuses = {(r["number"], r["context"]): r["status"] for r in csv.DictReader(io.StringIO(decided.out))}
    assert (decided.code, statuses[("75", "接待游客75万人次")]) == (0, "omitted")
    assert "1 omitted on purpose" in decided.err
