"""The terminal path, in a real pseudo-terminal of a given width: tables, not CSV, and nothing cut."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import termios

import pytest
from rich.cells import cell_len

from zzreport import query
from zzreport.model import Dataset
from zzreport.render import Lang
from zzreport.render import view as v

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def in_pty(exe: str, env: dict[str, str], *args: str, columns: int) -> tuple[int, str, str]:
    """Run the command with stdout on a pty ``columns`` wide; returns exit code, screen text, stderr."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen(
        [exe, *args], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError as e:  # EIO: the child closed its side
            if e.errno != errno.EIO:
                raise
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    _, err = proc.communicate(timeout=30)
    screen = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    return proc.returncode, screen, err.decode("utf-8")


@pytest.mark.parametrize("columns", [60, 120])
def test_show_gdp_on_a_terminal(zzreport_exe: str, clean_env: dict[str, str], columns: int) -> None:
    code, screen, err = in_pty(zzreport_exe, clean_env, "show", "GDP", columns=columns)
    assert (code, err) == (0, "")
    assert "2806.2亿元" in screen and "+5.6%" in screen and "全省第二" in screen
    assert "report,id" not in screen  # a table, not CSV
    assert max(cell_len(line) for line in screen.splitlines()) <= columns


@pytest.mark.parametrize("columns", [60, 120])
def test_show_pm25_uses_a_real_minus(zzreport_exe: str, clean_env: dict[str, str], columns: int) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "show", "PM2.5", columns=columns)
    assert code == 0
    assert "36μg/m³" in screen and "\u22127.7%" in screen


@pytest.mark.parametrize("columns", [40, 200])
def test_list_fits_the_terminal_and_cuts_no_number(
    zzreport_exe: str, clean_env: dict[str, str], columns: int
) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", columns=columns)
    assert code == 0
    assert "2806.2亿元" in screen and "+3.54个百分点" in screen and "超500万人" in screen
    # only an id longer than the terminal may overrun it, whole, on its own line
    over = [line.split() for line in screen.splitlines() if cell_len(line) > columns]
    assert all(len(words) == 2 and words[0] == "ID" for words in over), over


def _records(zzreport_exe: str, clean_env: dict[str, str], *args: str) -> list[str]:
    out = subprocess.run([zzreport_exe, *args, "-f", "tsv", "--fields", "id", "--no-header"], env=clean_env,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return out.split()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_list_is_one_line_per_record_with_its_id(
    zzreport_exe: str, clean_env: dict[str, str], columns: int, lang: str
) -> None:
    ids = _records(zzreport_exe, clean_env, "list")
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", "--lang", lang, columns=columns)
    assert code == 0
    lines = screen.rstrip("\n").split("\n")
    assert len(ids) < len(lines) <= len(ids) + 6
    assert all(cell_len(line) <= columns for line in lines)
    assert [line.split()[-1] for line in lines if line.split() and line.split()[-1] in ids] == ids


def _whole_in(text: str, line: str) -> bool:
    """Whether ``text`` stands whole in ``line``, between spaces or the line's ends."""
    return re.search(rf"(^|\s){re.escape(text)}(\s|$)", line) is not None


def _rows(screen: str, count: int, columns: int) -> list[str]:
    """The record lines of a table: after its header and rule, one per record, none too wide."""
    lines = screen.rstrip("\n").split("\n")
    assert lines[1].startswith("─"), screen
    rows = lines[2 : 2 + count]
    assert all(cell_len(line) <= columns for line in lines), screen
    assert lines[2 + count : 3 + count] in ([], [""]), screen  # then only a note, after a blank line
    return rows


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_english_list_shows_name_value_and_id(
    zzreport_exe: str, clean_env: dict[str, str], dataset: Dataset, columns: int
) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", "--lang", "en", columns=columns)
    assert code == 0
    assert screen.split()[:2] == ["Indicator", "Value"]
    for row, ind in zip(_rows(screen, len(dataset.indicators), columns), dataset.indicators, strict=True):
        assert row.split()[-1] == ind.id
        value = v.figure_text(ind, Lang.EN)[0]
        assert not value or _whole_in(value, row), (value, row)
        assert not value or row.split(value)[0].strip(), row  # a name beside it, however short
    assert "(1.252 million t)" not in screen  # metric equivalents are for show


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_english_search_is_one_line_per_record_with_whole_values(
    zzreport_exe: str, clean_env: dict[str, str], dataset: Dataset, columns: int
) -> None:
    ids = _records(zzreport_exe, clean_env, "search", "enterprises")
    assert len(ids) > 10
    code, screen, err = in_pty(zzreport_exe, clean_env, "search", "enterprises", "--no-pager", "--lang", "en",
                               columns=columns)  # fmt: skip
    assert (code, err) == (0, "")
    assert screen.split()[:2] == ["Indicator", "Value"]
    for row, iid in zip(_rows(screen, len(ids), columns), ids, strict=True):
        assert row.split()[-1] == iid
        ind = query.resolve(dataset, iid)
        for text in (v.figure_text(ind, Lang.EN)[0], v.change_text(ind.change, ind.change_unit, Lang.EN)):
            assert not text or _whole_in(text, row), (text, row)
    head, note = screen.split("\n")[0], screen.rstrip("\n").split("\n")[-1]
    assert ("Matched" in head) != ("Matched" in note)  # shown, or named as left out


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_english_compare_is_one_line_per_record_with_whole_values(
    zzreport_exe: str, clean_env: dict[str, str], dataset: Dataset, columns: int
) -> None:
    ids = ["gdp", "budget-revenue", "pm25", "grain-output", "business-entities", "loan-to-deposit-ratio"]
    code, screen, err = in_pty(zzreport_exe, clean_env, "compare", *ids, "--lang", "en", columns=columns)
    assert (code, err) == (0, "")
    assert screen.split()[:3] == ["Indicator", "Value", "Change"]
    for row, iid in zip(_rows(screen, len(ids), columns), ids, strict=True):
        ind = query.resolve(dataset, iid)
        assert row.startswith(ind.name_en[:4]), row
        for text in (v.figure_text(ind, Lang.EN)[0], v.change_text(ind.change, ind.change_unit, Lang.EN)):
            assert not text or _whole_in(text, row), (text, row)
    head = screen.split("\n")[0]
    assert "Rank" in head and "2nd in Shanxi" in screen
    if columns >= 120:
        assert "Of first" in head and "11.23%" in screen and "−13.3 pp" in screen
    else:
        assert "Not shown for lack of width" in screen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_wider_terminal_never_gives_a_longer_table(
    zzreport_exe: str, clean_env: dict[str, str], lang: str
) -> None:
    heights = [
        len(in_pty(zzreport_exe, clean_env, "list", "--no-pager", "--lang", lang, columns=c)[1].splitlines())
        for c in (80, 100, 120, 200)
    ]
    assert heights == sorted(heights, reverse=True)


def test_narrow_list_shortens_names_and_says_what_it_left_out(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", columns=80)
    assert code == 0
    assert "…" in screen and "fixed-asset-investment" in screen
    assert "终端宽度不足，未显示：板块" in screen
    _, wide, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", "--wide", columns=80)
    assert "未显示" not in wide and "…" not in wide


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_search_and_compare_are_one_line_per_record(
    zzreport_exe: str, clean_env: dict[str, str], columns: int
) -> None:
    ids = _records(zzreport_exe, clean_env, "search", "煤")
    _, screen, _ = in_pty(zzreport_exe, clean_env, "search", "煤", "--no-pager", columns=columns)
    assert len(screen.rstrip("\n").split("\n")) <= len(ids) + 6
    assert all(i in screen for i in ids)
    _, screen, _ = in_pty(
        zzreport_exe, clean_env, "compare", "gdp", "budget-revenue", "pm25", columns=columns
    )
    assert len(screen.rstrip("\n").split("\n")) <= 3 + 6
    assert all(cell_len(line) <= columns for line in screen.splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [60, 80, 100])
def test_info_keeps_the_address_on_one_line(
    zzreport_exe: str, clean_env: dict[str, str], columns: int, lang: str
) -> None:
    url = subprocess.run([zzreport_exe, "info", "-f", "json"], env=clean_env, capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    address = json.loads(url)["url"]
    _, screen, _ = in_pty(zzreport_exe, clean_env, "info", "--lang", lang, columns=columns)
    assert any(address in line for line in screen.splitlines())
    if lang == "en" and columns >= 100:
        labels = [line.split("  ")[0] for line in screen.splitlines() if line.strip()]
        assert "Figures read from" in labels and "Year reviewed" in labels


def test_colour_on_a_terminal_and_no_color(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    raw = subprocess.run([zzreport_exe, "compare", "gdp", "pm25", "-f", "table"], env={**clean_env, "FORCE_COLOR": "1"},
                         capture_output=True, check=False).stdout  # fmt: skip
    assert b"\x1b[32m" in raw
    plain = subprocess.run([zzreport_exe, "compare", "gdp", "pm25", "-f", "table"],
                           env={**clean_env, "FORCE_COLOR": "1", "NO_COLOR": "1"}, capture_output=True, check=False).stdout  # fmt: skip
    assert b"\x1b[" not in plain
    dumb = subprocess.run([zzreport_exe, "compare", "gdp", "pm25", "-f", "table"],
                          env={**clean_env, "TERM": "dumb"}, capture_output=True, check=False).stdout  # fmt: skip
    assert b"\x1b[" not in dumb


def test_nonsense_columns_falls_back(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    for value in ("abc", "0", "-5", "99999999999999999999"):
        r = subprocess.run([zzreport_exe, "show", "gdp", "-f", "table"], env={**clean_env, "COLUMNS": value},
                           capture_output=True, text=True, encoding="utf-8", check=False)  # fmt: skip
        assert r.returncode == 0, (value, r.stderr)
        assert "2806.2亿元" in r.stdout


def test_names_are_whole_or_shortened_never_broken(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", columns=60)
    assert code == 0
    names = subprocess.run([zzreport_exe, "list", "-f", "tsv", "--fields", "name", "--no-header"], env=clean_env,
                           capture_output=True, text=True, check=False).stdout.split("\n")  # fmt: skip
    shown = [line.split("  ")[0].strip() for line in screen.splitlines()[2:] if line.strip()][
        : len(names) - 1
    ]
    for name, cell in zip(filter(None, names), shown, strict=False):
        assert cell == name or (cell.endswith("…") and name.startswith(cell[:-1])), (name, cell)


def test_honours_and_comparisons_and_words_show_in_the_table(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", "--no-pager", columns=120)
    assert code == 0
    line = next(x for x in screen.splitlines() if "国家首批碳达峰试点园区" in x)
    assert "荣誉" in line and "全省唯一" in line
    assert "连年高于全省平均" in next(x for x in screen.splitlines() if "主要指标增速" in x)
    assert "七成以上" in screen and "半天" in screen and "连续三年" in screen
    assert "70%以上" not in screen and "0.5天" not in screen


def _paged_env(clean_env: dict[str, str], **pagers: str) -> dict[str, str]:
    env = {k: v for k, v in clean_env.items() if k not in ("PAGER", "ZZREPORT_PAGER")}
    return {**env, **pagers}


@pytest.mark.parametrize(
    ("pagers", "marker"),
    [
        ({"ZZREPORT_PAGER": "sed s/^/Z:/"}, "Z:"),
        ({"PAGER": "sed s/^/P:/"}, "P:"),
        ({"ZZREPORT_PAGER": "sed s/^/Z:/", "PAGER": "sed s/^/P:/"}, "Z:"),  # ours wins
    ],
)
def test_a_tall_table_goes_through_the_pager(
    zzreport_exe: str, clean_env: dict[str, str], pagers: dict[str, str], marker: str
) -> None:
    code, screen, _ = in_pty(zzreport_exe, _paged_env(clean_env, **pagers), "list", columns=120)
    assert code == 0
    lines = [line for line in screen.splitlines() if line.strip()]
    assert lines and all(line.startswith(marker) for line in lines)


def test_no_pager_when_asked_piped_short_or_missing(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    env = _paged_env(clean_env, ZZREPORT_PAGER="sed s/^/Z:/")
    _, screen, _ = in_pty(zzreport_exe, env, "list", "--no-pager", columns=120)
    assert "Z:" not in screen and "地区生产总值" in screen
    _, short, _ = in_pty(zzreport_exe, env, "show", "gdp", columns=120)  # fits the screen
    assert "Z:" not in short and "2806.2亿元" in short
    piped = subprocess.run([zzreport_exe, "list"], env=env, capture_output=True, text=True, check=False)
    assert not piped.stdout.startswith("Z:") and piped.stdout.startswith("report,id")
    code, missing, _ = in_pty(zzreport_exe, _paged_env(clean_env, ZZREPORT_PAGER="/nonexistent/pager"), "list",
                              columns=120)  # fmt: skip
    assert code == 0 and "地区生产总值" in missing
    _, off, _ = in_pty(zzreport_exe, _paged_env(clean_env, ZZREPORT_PAGER=""), "list", columns=120)
    assert "地区生产总值" in off


def test_compare_keeps_rank_at_80_and_never_mixes_units(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "compare", "gdp", "budget-revenue", "pm25", columns=80)
    assert code == 0
    assert "排名" in screen and "全省第二" in screen and "占首项" in screen and "未显示" not in screen
    _, mixed, _ = in_pty(zzreport_exe, clean_env, "compare", "gdp", "存贷比", "能耗强度", columns=120)
    rows = {line.split()[0]: line for line in mixed.splitlines() if line.strip()}
    assert "│" not in rows["存贷比"] and "█" not in rows["存贷比"]  # a change in points gets no bar
    assert "−12.4% 2021–2023" in rows["能耗强度"] and "│" in rows["能耗强度"]
