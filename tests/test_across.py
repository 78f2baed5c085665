"""``compare --across`` links reports of one place only, and computes a change only where it means one.

Each case is a pair of made-up report files (Chinese only, as a user would transcribe them).
"""

from __future__ import annotations

import csv
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from zzreport import query
from zzreport.loading import load_all
from zzreport.model import NotComputed


def report(
    path: Path, *, rid: str, region: str, province: str, year: int, value: str, unit: str = "亿元",
    period: str = "", code: str = "",
) -> Path:  # fmt: skip
    extra = f"  region_code: {code}\n" if code else ""
    when = f"    period: {period}\n" if period else ""
    path.write_text(
        f"format: 1\nreport:\n  id: {rid}\n  region: {region}\n  province: {province}\n{extra}"
        f"  year: {year}\n  title: {region}{year + 1}年政府工作报告\n  delivered: {year + 1}-01-20\n"
        f"  source: 测试\nsections:\n  - {{id: economy, title: 经济}}\nindicators:\n"
        f"  - id: fiscal-revenue\n    name: 财政收入\n    section: economy\n    item: 1\n{when}"
        f"    value: {value}\n    unit: {unit}\n",
        encoding="utf-8",
    )
    return path


def across(*paths: Path) -> list[tuple[str, Decimal | None, NotComputed | None]]:
    rows = query.across(load_all(list(paths)), "财政收入")
    return [(a.dataset.report.id, a.computed_change, a.not_computed) for a in rows]


def test_a_place_is_its_region_and_its_province(tmp_path: Path) -> None:
    beijing = report(tmp_path / "a.yaml", rid="chaoyang-bj-2022", region="朝阳区", province="北京市",
                     year=2022, value="400")  # fmt: skip
    jilin = report(tmp_path / "b.yaml", rid="chaoyang-jl-2023", region="朝阳区", province="吉林省",
                   year=2023, value="30")  # fmt: skip
    assert across(beijing, jilin) == [
        ("chaoyang-bj-2022", None, NotComputed.FIRST),
        ("chaoyang-jl-2023", None, NotComputed.FIRST),  # not -92.50: another 朝阳区
    ]


def test_division_codes_decide_when_both_reports_give_one(tmp_path: Path) -> None:
    a = report(tmp_path / "a.yaml", rid="x-2022", region="城区", province="山西省", code="140402",
               year=2022, value="10")  # fmt: skip
    b = report(tmp_path / "b.yaml", rid="y-2023", region="城区", province="山西省", code="140502",
               year=2023, value="12")  # fmt: skip
    renamed = report(tmp_path / "c.yaml", rid="z-2024", region="潞州区", province="山西省", code="140402",
                     year=2024, value="15")  # fmt: skip
    assert across(a, b, renamed) == [
        ("x-2022", None, NotComputed.FIRST),
        ("y-2023", None, NotComputed.FIRST),  # same name, another code: another place
        ("z-2024", Decimal("50.00"), None),  # renamed, same code: 10 → 15
    ]


def test_overlapping_spans_are_not_computed(tmp_path: Path) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022,
               value="100", period="2021-2022")  # fmt: skip
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023,
               value="160", period="2021-2023")  # fmt: skip
    assert across(a, b)[1] == ("c-2023", None, NotComputed.OVERLAPPING)  # not 60.00


def test_a_year_against_a_span_is_not_computed(tmp_path: Path) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2021", region="长治市", province="山西省", year=2021, value="100")
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023,
               value="300", period="2022-2023")  # fmt: skip
    assert across(a, b)[1] == ("c-2023", None, NotComputed.DIFFERENT_PERIODS)


@pytest.mark.parametrize("base", ["-10", "0"])
def test_no_percentage_from_a_base_at_or_below_zero(tmp_path: Path, base: str) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022, value=base)
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023, value="-5")
    assert across(a, b)[1] == ("c-2023", None, NotComputed.BASE_NOT_POSITIVE)  # not -50.00


def test_levels_in_units_of_one_base_are_converted(tmp_path: Path) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022,
               value="2500000", unit="万元")  # fmt: skip
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023, value="300")
    # 2500000 万元 = 250 亿元; 250 → 300 is +20 %, worked by hand
    assert across(a, b)[1] == ("c-2023", Decimal("20.00"), None)


@pytest.mark.parametrize(("before", "after"), [("亿元", "亿吨"), ("亿圆", "亿元"), ("万担", "担")])
def test_units_that_cannot_be_converted_are_never_converted(tmp_path: Path, before: str, after: str) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022,
               value="10", unit=before)  # fmt: skip
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023,
               value="12", unit=after)  # fmt: skip
    assert across(a, b)[1] == ("c-2023", None, NotComputed.DIFFERENT_UNITS)


def test_an_unknown_unit_equal_to_itself_is_computed(tmp_path: Path) -> None:
    a = report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022, value="8",
               unit="万担")  # fmt: skip
    b = report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023, value="10",
               unit="万担")  # fmt: skip
    assert across(a, b)[1] == ("c-2023", Decimal("25.00"), None)


def test_the_command_leaves_the_change_empty_and_says_why(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    report(tmp_path / "a.yaml", rid="c-2022", region="长治市", province="山西省", year=2022, value="100",
           period="2021-2022")  # fmt: skip
    report(tmp_path / "b.yaml", rid="c-2023", region="长治市", province="山西省", year=2023, value="160",
           period="2021-2023")  # fmt: skip
    report(tmp_path / "c.yaml", rid="d-2023", region="朝阳区", province="吉林省", year=2023, value="30")
    done = subprocess.run(
        [zzreport_exe, "--data", str(tmp_path), "compare", "财政收入", "--across"],
        env=clean_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["report"], r["computed_change"], r["not_computed"], r["province"]) for r in rows] == [
        ("c-2022", "", "first", "山西省"),
        ("d-2023", "", "first", "吉林省"),  # by year, then region
        ("c-2023", "", "overlapping-periods", "山西省"),
    ]
    table = subprocess.run(
        [zzreport_exe, "--data", str(tmp_path), "compare", "财政收入", "--across", "-f", "table"],
        env={**clean_env, "COLUMNS": "120"}, capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    assert "不计算：期间重叠" in table
