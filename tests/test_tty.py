"""The terminal path, in a real pseudo-terminal of a given width: tables, not CSV, and nothing cut."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import re
import struct
import subprocess
import termios

import pytest
from rich.cells import cell_len

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


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_list_fits_the_terminal_and_cuts_nothing(
    zzreport_exe: str, clean_env: dict[str, str], columns: int
) -> None:
    code, screen, _ = in_pty(zzreport_exe, clean_env, "list", columns=columns)
    assert code == 0
    assert "…" not in screen
    assert "2806.2亿元" in screen and "+3.54个百分点" in screen and "超500万人" in screen
    # only an id longer than the terminal may overrun it, whole, on its own line
    over = [line.split() for line in screen.splitlines() if cell_len(line) > columns]
    assert all(len(words) == 2 and words[0] == "ID" and len(words[1]) > columns - 5 for words in over), over


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
