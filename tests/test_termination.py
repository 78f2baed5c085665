"""Every call ends: a query of nothing is refused at once, and every command, given arbitrary short
text where it takes an argument, ends with a documented exit code and no traceback."""

from __future__ import annotations

import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, examples, invoke
from zzreport import grammar, match
from zzreport.exits import Exit

NOTHING = ["", " ", "·", "!!", "、", "-", "*", "\u3000", "（）", "\t\n"]
"""Queries that hold no letter or digit once spaces and punctuation are dropped."""


class Hang(BaseException):
    """Raised in a call that has not ended in time (a BaseException, so no handler takes it)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("query", ["", " ", "·", "、"])
def test_show_of_nothing_exits_2_at_once_through_the_installed_command(
    query: str, zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    r = subprocess.run(
        [zzreport_exe, "show", query], env=clean_env, capture_output=True, text=True, check=False, timeout=30
    )
    assert r.returncode == Exit.USAGE
    assert "no letter or digit" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("query", NOTHING, ids=repr)
@pytest.mark.parametrize(
    "command",
    [["show"], ["search"], ["compare", "gdp"], ["compare", "--across"], ["show", "gdp"]],
    ids=" ".join,
)
def test_a_query_of_nothing_is_a_usage_error(command: list[str], query: str) -> None:
    assert not match.query_key(query)
    for fast in ("", "1"):
        with deadline(10):
            r = invoke(*command, "--", query, env={"ZZREPORT_NO_FASTPATH": fast} if fast else {})
        assert r.code == Exit.USAGE, r
        assert "no letter or digit" in r.err
        assert r.stdout == b""


def test_undecodable_query_bytes_are_a_usage_error(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    for argv in ([b"show", b"\xff"], [b"search", b"\xfe\xff", b"-f", b"json"], [b"show", b"gdp", b"a\xff"]):
        r = subprocess.run(
            [zzreport_exe.encode(), *argv], env=clean_env, capture_output=True, check=False, timeout=30
        )
        assert r.returncode == Exit.USAGE, r
        assert b"not UTF-8" in r.stderr
        assert b"Traceback" not in r.stderr


def test_matching_an_empty_key_ends() -> None:
    with deadline(5):
        assert match.containing([("gdp", "地区生产总值")], "") == []
        assert match.containing([("a\x1eb",)], "\x1e") == []


def _calls(text: str, where: Path) -> list[list[str]]:
    """Every command, with ``text`` wherever it takes an argument or an option's value."""
    report = str(FIXTURES / "changzhi-2022.yaml")
    path = str(where / (text.replace("/", "_").replace("\x00", "") or "_"))
    calls = [
        ["show", text], ["search", text], ["compare", "gdp", text], ["compare", "--across", text],
        ["list", "--grep", text], ["list", "--section", text], ["list", "-n", text], ["search", "gdp", "-n", text],
        ["sections", "-f", text], ["info", "--fields", text], ["show", "gdp", "--fields", text],
        ["--data", path, "show", "gdp"], ["-R", text, "list"], ["validate", path], ["draft", path],
        ["coverage", report, path], ["coverage", path, report], ["init", path], ["schema"], ["fields"], ["export", path], ["export", path, "--metadata", path],
        ["draft", report, "--year", text], [text], [text, "list"], ["targets", "--year", text],
        ["targets", "--fields", text],
    ]  # fmt: skip
    assert {c[0] for c in calls} >= set(grammar.COMMANDS)
    return calls


DOCUMENTED = {Exit.OK, Exit.NOT_FOUND, Exit.USAGE, Exit.BAD_DATA, Exit.OUTPUT}


@settings(max_examples=examples(15, 120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=4)
    | st.sampled_from(NOTHING)
)
def test_every_command_ends_on_any_short_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as where:
        for argv in _calls(text, Path(where)):
            with deadline(20):
                r = invoke(*argv, env={"ZZREPORT_CACHE_DIR": str(Path(where) / "cache")})
            assert r.code in DOCUMENTED, (argv, r)
            assert "Traceback" not in r.err, (argv, r)


def test_out_of_memory_has_its_own_exit_code_and_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from zzreport import fast

    def exhausted(argv: list[str], env: object = None) -> bool:
        raise MemoryError

    monkeypatch.setattr(fast, "run", exhausted)
    r = invoke("list")
    assert r.code == Exit.NO_MEMORY != Exit.NOT_FOUND
    assert r.err.count("\n") == 1
    assert "out of memory" in r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize("command", [["search", "煤"], ["list"]], ids=" ".join)
def test_a_limit_of_thousands_of_digits_is_a_usage_error(command: list[str]) -> None:
    for fast in ("", "1"):
        r = invoke(*command, "-n", "9" * 5000, env={"ZZREPORT_NO_FASTPATH": fast} if fast else {})
        assert r.code == Exit.USAGE, r.err[-300:]
        assert "Traceback" not in r.err
        assert r.stdout == b""


def test_ctrl_c_on_the_full_path_says_so_like_the_look_up_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from zzreport import commands

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "sections", interrupted)
    r = invoke("sections", env={"ZZREPORT_NO_FASTPATH": "1"})
    assert (r.code, r.err, r.stdout) == (Exit.INTERRUPTED, "zzreport: interrupted\n", b"")


@pytest.mark.parametrize("query", ["\u200b", "😀", "\x01", "\u0301", "\u061c"], ids=repr)
def test_invisible_and_symbol_queries_are_usage_errors(query: str) -> None:
    for fast in ("", "1"):
        r = invoke("show", "--", query, env={"ZZREPORT_NO_FASTPATH": fast} if fast else {})
        assert r.code == Exit.USAGE, r
        assert "no letter or digit" in r.err
