"""Failures seen by users of the installed command: each case runs the real console script (or, where
the trouble must be staged inside the process, the same entry function in a fresh interpreter) and
checks that the user gets the data or one clear line on stderr, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from test_tty import in_pty
from zzreport import query
from zzreport.errors import UsageError
from zzreport.loading import load_all

TIMEOUT = 60


def _run(exe: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def _drafted(path: Path, records: str, *, year: int = 2023) -> Path:
    """A report file as ``zzreport draft`` writes them once filled in: no English names."""
    path.write_text(
        "format: 1\nreport:\n  id: city-2023\n  region: 某市\n  province: 某省\n"
        f"  year: {year}\n  title: 报告\n  delivered: {year + 1}-01-15\n  source: 全文\n"
        "sections:\n  - {id: s1, title: 经济}\nindicators:\n" + records,
        encoding="utf-8",
    )
    return path


def _record(rid: str, name: str, extra: str = "") -> str:
    return f"  - id: {rid}\n    name: {name}\n    section: s1\n    item: 1\n{extra}    value: 5\n    unit: 亿元\n"


# ── 1. a name or alias clash in records without name_en ─────────────────────────


@pytest.mark.parametrize(
    ("second", "field"),
    [
        (_record("s1-2", "地区生产总值"), "indicators[1].name"),
        (_record("s1-2", "财政收入", "    aliases: [GDP]\n"), "indicators[1].aliases[0]"),
    ],
    ids=["name", "alias"],
)
@pytest.mark.parametrize("command", [["validate"], ["list", "-f", "csv"]], ids=["validate", "list"])
def test_a_clash_without_english_names_is_a_problem_line(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, second: str, field: str, command: list[str]
) -> None:
    path = _drafted(tmp_path / "d.yaml", _record("s1-1", "地区生产总值", "    aliases: [GDP]\n") + second)
    args = [*command, str(path)] if command == ["validate"] else ["--data", str(path), *command]
    done = _run(zzreport_exe, clean_env, *args)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "KeyError" not in done.stderr
    # validate lists the problems on stdout; every other command says them on stderr
    problem = done.stdout.splitlines()[0] if command == ["validate"] else _one_line(done.stderr)
    assert problem.removeprefix("zzreport: ").startswith(f"{path}:") and f": {field}: " in problem, problem
    assert "already names 's1-1'" in problem


# ── 2. no thread can be started ───────────────────────────────────────────────


NO_THREADS = """
import sys, threading
def refuse(self):
    raise RuntimeError("can't start new thread")
threading.Thread.start = refuse
from zzreport.entry import main
sys.argv = ["zzreport", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("fast", [True, False], ids=["look-up path", "full path"])
def test_a_first_read_goes_on_when_no_thread_can_start(
    clean_env: dict[str, str], tmp_path: Path, fast: bool
) -> None:
    path = _drafted(tmp_path / "d.yaml", _record("s1-1", "地区生产总值"))
    env = {**clean_env, "ZZREPORT_CACHE_DIR": str(tmp_path / "cache")}  # a first read, every time
    if not fast:
        env["ZZREPORT_NO_FASTPATH"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", NO_THREADS, "--data", str(path), "show", "地区生产总值", "-f", "csv"],
        env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert "s1-1" in done.stdout and "5" in done.stdout


# ── 3. a pager that fails ─────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "pagers",
    [
        {"ZZREPORT_PAGER": "false"},
        {"PAGER": "false"},
        {"ZZREPORT_PAGER": "sh -c 'exit 3'"},
        {"PAGER": "/nonexistent/pager"},
        {"ZZREPORT_PAGER": "'unclosed quote"},
    ],
    ids=["ZZREPORT_PAGER=false", "PAGER=false", "exits-3", "missing", "not-a-command-line"],
)
def test_a_failing_pager_never_swallows_the_table(
    zzreport_exe: str, clean_env: dict[str, str], pagers: dict[str, str]
) -> None:
    env = {k: v for k, v in clean_env.items() if k not in ("PAGER", "ZZREPORT_PAGER")}
    code, screen, err = in_pty(zzreport_exe, {**env, **pagers}, "list", columns=120)
    assert code == 0, err
    assert "2806.2亿元" in screen and "超500万人" in screen  # the table, first row to last
    assert "Traceback" not in err
    if err:
        assert "pager" in _one_line(err)


# ── 4. two reports of one place and year ──────────────────────────────────────


def _place(path: Path, rid: str, year: int, value: str, *, region: str = "长治市", period: str = "") -> Path:
    when = f"    period: {period}\n" if period else ""
    path.write_text(
        f"format: 1\nreport:\n  id: {rid}\n  region: {region}\n  province: 山西省\n  year: {year}\n"
        f"  title: 报告\n  delivered: {year + 1}-01-20\n  source: 测试\n"
        "sections:\n  - {id: economy, title: 经济}\nindicators:\n"
        f"  - id: fiscal-revenue\n    name: 财政收入\n    section: economy\n    item: 1\n{when}"
        f"    value: {value}\n    unit: 亿元\n",
        encoding="utf-8",
    )
    return path


def test_two_reports_of_one_place_and_year_are_named_when_loading(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    a = _place(tmp_path / "a.yaml", "changzhi-2023", 2023, "100")
    b = _place(tmp_path / "b.yaml", "changzhi-2023-revised", 2023, "120")
    _place(tmp_path / "c.yaml", "jincheng-2023", 2023, "80", region="晋城市")
    done = _run(zzreport_exe, clean_env, "--data", str(tmp_path), "list", "-f", "csv")
    assert done.returncode == 0
    assert done.stdout.count("fiscal-revenue") == 3  # still loaded and listed
    warning = _one_line(done.stderr)
    assert str(a) in warning and str(b) in warning and "c.yaml" not in warning
    assert "2023" in warning and "长治市" in warning


def test_across_refuses_to_choose_between_two_reports_of_one_place_and_year(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    a = _place(tmp_path / "a.yaml", "changzhi-2022", 2022, "100")
    b = _place(tmp_path / "b.yaml", "changzhi-2023", 2023, "120")
    c = _place(tmp_path / "c.yaml", "changzhi-2023-revised", 2023, "150")
    done = _run(zzreport_exe, clean_env, "--data", str(tmp_path), "compare", "财政收入", "--across")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    refusal = lines[-1]  # after the loader's warning
    assert str(b) in refusal and str(c) in refusal and str(a) not in refusal
    assert "--report" in refusal
    chosen = _run(zzreport_exe, clean_env, "--data", str(tmp_path), "-R", "changzhi-2022", "-R",
                  "changzhi-2023-revised", "compare", "财政收入", "--across")  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    assert "changzhi-2023-revised" in chosen.stdout and ",50.00," in chosen.stdout
    with pytest.raises(UsageError):
        query.across(load_all([a, b, c], warn=lambda _: None), "财政收入")


# ── 5. periods that run backwards ─────────────────────────────────────────────


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2030-2019", "runs backwards"),
        ("2023-2023", "is one year"),
        ("2030", "after 2023"),
        ("2019", "ends in 2019"),
        ("2019-2022", "ends in 2022"),
    ],
)
def test_a_period_must_run_forwards_to_the_year_reviewed(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, period: str, expected: str
) -> None:
    path = _place(tmp_path / "a.yaml", "c-2023", 2023, "100", period=period)
    done = _run(zzreport_exe, clean_env, "validate", str(path))
    assert done.returncode == 3
    (problem,) = done.stdout.splitlines()
    assert problem.startswith(f"{path}:17: indicators[0].period: ") and expected in problem, problem
    assert _run(zzreport_exe, clean_env, "--data", str(path), "list").returncode == 3


@pytest.mark.parametrize(("first", "second"), [("2019", "2030"), ("2030", "2019")], ids=["far", "backwards"])
def test_across_never_computes_between_periods_out_of_order(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, first: str, second: str
) -> None:
    _place(tmp_path / "a.yaml", "c-2024", 2024, "100", period=first)
    _place(tmp_path / "b.yaml", "c-2025", 2025, "150", period=second)
    done = _run(
        zzreport_exe, clean_env, "--data", str(tmp_path), "compare", "财政收入", "--across", "-f", "table"
    )
    assert done.returncode == 3
    assert "(vs 2024)" not in done.stdout and "期间重叠" not in done.stdout
    assert "Traceback" not in done.stderr


def test_spans_ending_in_the_year_reviewed_still_load(tmp_path: Path) -> None:
    a = _place(tmp_path / "a.yaml", "c-2022", 2022, "100", period="2021-2022")
    b = _place(tmp_path / "b.yaml", "c-2023", 2023, "160", period="2023")
    assert [ds.indicators[0].period for ds in load_all([a, b])] == ["2021-2022", "2023"]
