"""The command line: options, formats, help, exit codes and messages.

Most calls run in this process through the console script's own function (``conftest.invoke``),
which is exact and fast; calls that need a real process (the installed launcher, shell pipes,
the interpreter's stream encoding, ``python -m``) run the installed command in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL, invoke
from zzreport.model import Dataset
from zzreport.render import Format

COMMANDS = {
    "list": [],
    "show": ["GDP", "PM2.5"],
    "compare": ["GDP", "一般公共预算收入", "PM2.5"],
    "search": ["煤"],
    "sections": [],
    "info": [],
    "fields": [],
    "targets": [],
}


class Ran:
    """Exit code and text of one run, in or out of this process."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(exe: str, env: dict[str, str], *args: str, cwd: Path | None = None, script: str | None = None) -> Ran:
    """A call in this process, or a shell ``script`` in a real one."""
    if script is None:
        r = invoke(*args, env=env, cwd=cwd)
        return Ran(r.code, r.out, r.err)
    p = subprocess.run(
        ["bash", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    return Ran(p.returncode, p.stdout, p.stderr)


def installed(exe: str, env: dict[str, str], *args: str, cwd: Path | None = None) -> Ran:
    """A call of the installed launcher in a real process."""
    p = subprocess.run(
        [exe, *args], env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
    )
    return Ran(p.returncode, p.stdout, p.stderr)


def test_version(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = installed(zzreport_exe, clean_env, "--version")
    assert r.returncode == 0 and r.stdout.startswith("zzreport ") and r.stderr == ""


def test_show_gdp_piped_is_csv(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    r = installed(zzreport_exe, clean_env, "show", "GDP", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["id"], row["value"], row["unit"], row["change"], row["change_unit"]) == (
        "gdp", "2806.2", "亿元", "5.6", "%")  # fmt: skip
    assert r.stderr == ""


def test_list_csv_rows_have_the_header_width(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "list")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert len(rows) > 100
    assert {len(row) for row in rows} == {len(rows[0])}
    assert "\x1b" not in r.stdout


def test_list_json_has_the_documented_keys(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "list", "--format", "json")
    records = json.loads(r.stdout)
    keys = {"id", "name", "name_en", "section", "value", "unit", "change", "change_unit", "rank", "rank_scope",
            "qualifier"}  # fmt: skip
    assert all(keys <= set(rec) for rec in records)
    pm25 = next(rec for rec in records if rec["id"] == "pm25")
    assert (pm25["change"], pm25["change_unit"]) == (-7.7, "%")  # decimals are JSON numbers


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_list_json_through_jq(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(
        zzreport_exe,
        clean_env,
        script=f"'{zzreport_exe}' list -f json | jq -r '.[] | select(.id==\"pm25\") | .change'",
    )
    assert r.stdout == "-7.7\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("煤", {"raw-coal-output", "coal-advanced-capacity"}),
        ("gdp", {"gdp"}),
        ("meitan", {"raw-coal-output", "coal-advanced-capacity"}),  # 煤炭: its output, then its capacity
    ],
)
def test_search_finds(zzreport_exe: str, clean_env: dict[str, str], text: str, expected: set[str]) -> None:
    r = run(zzreport_exe, clean_env, "search", text, "--fields", "id")
    ids = r.stdout.split()[1:]
    assert r.returncode == 0
    assert expected <= set(ids)
    assert ids[0] in expected


def test_compare_three(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(
        zzreport_exe,
        clean_env,
        "compare",
        "GDP",
        "一般公共预算收入",
        "PM2.5",
        "--fields",
        "id,share_of_first,change_gap_pp",
    )
    assert r.stdout == "id,share_of_first,change_gap_pp\ngdp,,\nbudget-revenue,11.23,-4.12\npm25,,-13.3\n"


def test_unknown_indicator_suggests_and_exits_1(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "show", "GPD")
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "did you mean gdp" in r.stderr


def test_ambiguous_and_no_match(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "search", "qqqqzzzz")
    assert (r.returncode, r.stdout) == (1, "")
    assert "nothing matches" in r.stderr


def test_english(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "show", "gdp", "--lang", "en", "-f", "markdown")
    assert "Gross regional product" in r.stdout and "CNY 280.62 bn" in r.stdout
    assert "2nd in Shanxi (size of the economy)" in r.stdout
    listed = run(zzreport_exe, clean_env, "list", "--lang", "en", "-f", "markdown").stdout
    for text in ("13,000 enterprises", "over 5 million people", "36 μg/m³", "CNY 31.508 bn", "1st in Shanxi"):
        assert text in listed, text
    env = {**clean_env, "ZZREPORT_LANG": "en"}
    assert "| PM2.5 concentration |" in run(zzreport_exe, env, "list", "-f", "markdown").stdout


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_for_every_command(
    zzreport_exe: str, clean_env: dict[str, str], command: str, fmt: Format
) -> None:
    r = run(zzreport_exe, clean_env, command, *COMMANDS[command], "--format", fmt.value)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() and r.stderr == ""
    if fmt is Format.JSON:  # an array of records; the metadata of one report is one object
        assert isinstance(json.loads(r.stdout), dict if command == "info" else list)
    if fmt is Format.JSONL:
        assert all(isinstance(json.loads(line), dict) for line in r.stdout.splitlines())


@pytest.mark.parametrize("command", [None, *COMMANDS, "validate", "schema", "init"])
def test_help(zzreport_exe: str, clean_env: dict[str, str], command: str | None) -> None:
    r = run(zzreport_exe, clean_env, *([command] if command else []), "--help")
    assert r.returncode == 0, r.stderr
    assert "Example: zzreport" in r.stdout
    if command is None:
        assert "Exit codes:" in r.stdout


def test_format_from_environment(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, {**clean_env, "ZZREPORT_FORMAT": "jsonl"}, "show", "pm25")
    assert json.loads(r.stdout)["id"] == "pm25"
    bad = run(zzreport_exe, {**clean_env, "ZZREPORT_FORMAT": "xml"}, "show", "pm25")
    assert (bad.returncode, bad.stdout) == (2, "")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--sort", "colour"],
        ["list", "--limit", "0"],
        ["compare", "gdp"],
        ["list", "--fields", "nope"],
        ["nosuchcommand"],
        ["list", "-f", "table", "--fields", "id"],
        ["list", "--sort"],
        ["show"],
        ["search", "x", "-n", "abc"],
        ["list", "--lang", "fr"],
        ["list", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(zzreport_exe: str, clean_env: dict[str, str], args: list[str]) -> None:
    r = run(zzreport_exe, clean_env, *args)
    assert (r.returncode, r.stdout) == (2, ""), r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("zzreport: ") and r.stderr.count("\n") == 1, r.stderr  # one line


def test_a_usage_error_names_the_value_and_where_to_read_more(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    r = run(zzreport_exe, clean_env, "list", "--sort", "colour")
    assert r.stderr == (
        "zzreport: Invalid value for '--sort': 'colour' is not one of 'report', 'id', 'name', 'value', "
        "'change'. (see 'zzreport list --help')\n"
    )


def test_the_bare_command_shows_its_help(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("Usage: zzreport") and "Commands:" in r.stderr
    helped = run(zzreport_exe, clean_env, "--help")
    assert helped.returncode == 0 and "Commands:" in helped.stdout


def test_other_data_file(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    r = run(zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "--fields", "report,value,change")
    assert r.stdout == "report,value,change\nsample-2023,1.10,-0.50\n"
    r = run(zzreport_exe, {**clean_env, "ZZREPORT_DATA": str(path)}, "list", "--fields", "id")
    assert r.stdout == "id\ngdp\n"


def test_bad_data_file_exits_3(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("value: 1.10", "value: 1,10"), encoding="utf-8")
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    assert (r.returncode, r.stdout) == (3, "")
    assert (
        r.stderr
        == f"zzreport: {path}:23: indicators[0].value: '1,10' is not a plain decimal number such as 2806.2 or -7.7 (no leading zeros, exponents or commas)\n"
    )


def test_closed_pipe_is_quiet(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    for tail in ("head -1", "true"):
        env = {**clean_env, "PYTHONUNBUFFERED": "1"}
        r = run(zzreport_exe, env, script=f"set -o pipefail; '{zzreport_exe}' list | {tail}")
        assert (r.returncode, r.stderr) == (0, ""), (tail, r.stderr)


def test_ascii_stdout_refuses_before_writing(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    env = {**clean_env, "PYTHONIOENCODING": "ascii"}
    r = subprocess.run([zzreport_exe, "show", "GDP"], env=env, capture_output=True, check=False)
    assert (r.returncode, r.stdout) == (4, b"")
    assert b"cannot show" in r.stderr and r.stderr.count(b"\n") == 1
    j = subprocess.run([zzreport_exe, "show", "GDP", "-f", "json"], env=env, capture_output=True, check=False)
    assert j.returncode == 0
    assert json.loads(j.stdout)[0]["name"] == "地区生产总值"


def test_python_dash_m(clean_env: dict[str, str]) -> None:
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "zzreport", "--help"],
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0 and "Usage" in r.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("zzreport show gd", "2", "gdp"), ("zzreport list --section envi", "3", "environment")],
)
def test_shell_completion_offers_ids(
    zzreport_exe: str, clean_env: dict[str, str], words: str, cword: str, expected: str
) -> None:
    env = {**clean_env, "_ZZREPORT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    r = run(zzreport_exe, env)
    assert r.returncode == 0
    assert expected in r.stdout.split()


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_jq_compares_decimals_as_numbers(
    zzreport_exe: str, clean_env: dict[str, str], dataset: Dataset
) -> None:
    r = run(
        zzreport_exe,
        clean_env,
        script=f"'{zzreport_exe}' list -f json | jq -r '.[] | select(.change > 10) | .id'",
    )
    expected = [i.id for i in dataset.indicators if i.change is not None and i.change > 10]
    assert r.stdout.split() == expected  # as strings, every record with a change compared above 10


def test_lang_changes_tables_never_machine_columns(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    zh = run(zzreport_exe, clean_env, "list", "-f", "csv")
    en = run(zzreport_exe, clean_env, "list", "-f", "csv", "--lang", "en")
    assert zh.stdout == en.stdout
    header = zh.stdout.splitlines()[0].split(",")
    assert header[-3:] == ["rank_list_en", "rank_with", "note_en"]
    assert header[-8:-5] == ["unit_en", "section_title_en", "rank_of_en"]  # columns keep their places
    gdp = run(zzreport_exe, clean_env, "show", "gdp", "pm25", "-f", "json")
    rows = json.loads(gdp.stdout)
    assert [(r["unit_en"], r["section_title_en"]) for r in rows] == [
        ("× 100 million CNY", "Main economic and social targets met"), ("ug/m3", "Emissions and pollution")
    ]  # fmt: skip
    assert rows[0]["rank_of_en"] == "size of the economy"


def test_english_names_sort_in_english(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    rows = json.loads(
        run(zzreport_exe, clean_env, "list", "--sort", "name", "--lang", "en", "-f", "json").stdout
    )
    names = [r["name_en"] for r in rows]
    assert names == sorted(names, key=lambda n: n.lstrip('"').casefold()) and names[0].startswith("A-grade")


def test_info_in_english_cites_the_report(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    text = run(zzreport_exe, clean_env, "info", "--lang", "en", "-f", "markdown").stdout
    for part in (
        "Changzhi, Shanxi",
        "Year reviewed",
        "2024-03-26",
        "Changzhi Municipal People's Government",
        "https://changzhi.gov.cn/",
        "http://cz.sxrb.com/GB/314800/10138207.html",
        "97 figures, 15 honours",
    ):
        assert part in text, part  # fmt: skip
